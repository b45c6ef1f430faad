//! The seam a search index plugs into. The core marks what should be found
//! (document pages carry `data-pagefind-body`) and leaves indexing to an
//! implementation of [`SearchIndexer`]: the binary plugs in Pagefind (crate
//! `gazette-search`), which keeps tokio and Pagefind out of the core.

use crate::diag::Diagnostic;
use crate::files::{Files, Patch};

/// Where the index and its scripts go in the output.
pub const BUNDLE: &str = "pagefind/";

/// The marker a page carries when it should be found.
pub const INDEXED: &[u8] = b"data-pagefind-body";

/// Builds a search index over a site's pages.
pub trait SearchIndexer: Send {
    /// The files of the search bundle (under [`BUNDLE`]) for the site's
    /// `files`. May keep state between calls to redo less.
    fn index(&mut self, files: &Files) -> Result<Patch, Diagnostic>;
}

/// Whether an output file is a page that asks to be indexed.
pub fn is_indexed(path: &str, bytes: &[u8]) -> bool {
    path.ends_with(".html") && memchr::memmem::find(bytes, INDEXED).is_some()
}
