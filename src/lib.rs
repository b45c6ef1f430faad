//! The `gazette` command around the core: reading and writing the disk
//! (`io`), the watch session, the file watcher and the dev server (`live`),
//! and one module per command (`cli`). The core (`gazette-core`) renders in
//! memory; `gazette-search` plugs Pagefind into it.

pub mod cli;
pub mod io;
pub mod live;

pub use gazette_core::{BuildOptions, Builder, Built};

use gazette_core::diag::Diagnostic;
use gazette_core::source::Sources;

/// A builder with the search index the binary ships (Pagefind).
pub fn builder() -> Builder {
    Builder::with_search(Box::<gazette_search::Pagefind>::default())
}

/// A builder whose search index starts from the bundle a previous build
/// wrote (see [`gazette_search::Pagefind::resume`]).
pub fn builder_resuming(previous_bundle: gazette_core::files::Patch) -> Builder {
    Builder::with_search(Box::new(gazette_search::Pagefind::resume(previous_bundle)))
}

/// Builds a site in memory as `gazette build` does, search index included.
pub fn build(sources: &Sources, options: &BuildOptions) -> Result<Built, Vec<Diagnostic>> {
    builder().build(sources, options)
}
