//! The disk: the only place gazette reads sources ([`read`]) and writes the
//! site ([`write`]); every error carries its path ([`error`]).

pub mod error;
pub mod image_store;
pub mod read;
pub mod write;

pub use error::{describe, io_error, plain, Error};
