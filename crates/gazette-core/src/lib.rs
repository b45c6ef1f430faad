//! gazette's core: a consortium's sources in, its site's files and
//! diagnostics out, all in memory. It never touches the disk, the network or
//! the terminal: the `gazette` binary reads the sources, plugs in a search
//! index through [`search::SearchIndexer`] and writes what comes out.
//!
//! The pipeline, as data flows (see ARCHITECTURE.md):
//! [`source::Sources`] → [`config`] and [`content`] parse → [`site::Site`]
//! (indexes, references, Markdown) → [`checks`] (warnings) → [`theme`] →
//! [`render`] (plan, then make each output) → search → [`files::Files`].
#![deny(clippy::print_stdout, clippy::print_stderr)]
#![deny(clippy::disallowed_methods, clippy::disallowed_types)]
// Diagnostics travel on the cold path only; boxing them buys nothing measurable.
#![allow(clippy::result_large_err)]

pub mod build;
pub mod calendar;
pub mod changes;
pub mod checks;
pub mod cjk;
pub mod config;
pub mod content;
pub mod diag;
pub mod feed;
pub mod files;
pub mod fingerprint;
pub mod frontmatter;
pub mod kinds;
pub mod markdown;
pub mod media;
pub mod plan;
pub mod render;
pub mod scaffold;
pub mod schedule;
pub mod search;
pub mod site;
pub mod slug;
pub mod source;
pub mod theme;
mod truncate;
pub mod urls;
pub mod view;

#[cfg(test)]
mod testing;

pub use build::{build, BuildOptions, Builder, Built};
