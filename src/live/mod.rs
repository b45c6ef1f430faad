//! Rebuilding while an editor types: the [`session`] that applies changed
//! paths to sources in memory and rebuilds incrementally, the [`watcher`]
//! that reports them, and the [`server`] that serves the result with live
//! reload.

pub mod server;
pub mod session;
pub mod watcher;
