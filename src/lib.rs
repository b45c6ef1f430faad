//! The `gazette` command around the core: reading and writing the disk
//! (`io`), the watch session, the file watcher and the dev server (`live`),
//! and one module per command (`cli`). The core (`gazette-core`) renders in
//! memory; `gazette-search` plugs Pagefind into it.

pub mod cli;
pub mod io;
pub mod live;
pub mod messages;

pub use gazette_core::{BuildOptions, Builder, Built};

use gazette_core::diag::Diagnostic;
use gazette_core::source::Sources;

/// A builder with the search index the binary ships (Pagefind).
pub fn builder() -> Builder {
    Builder::with_search(Box::<gazette_search::Pagefind>::default())
}

/// The search index, starting from the bundle a previous build wrote in
/// `output` (see [`gazette_search::Pagefind::resume`]).
pub fn search_resuming(output: &std::path::Path) -> gazette_search::Pagefind {
    match io::read::previous_search_record(output) {
        Some(record) => {
            let output = output.to_path_buf();
            gazette_search::Pagefind::resume(&record, move || {
                io::read::previous_search_bundle(&output)
            })
        }
        None => gazette_search::Pagefind::default(),
    }
}

/// `builder` with the site's photo cache on disk (`.gazette-cache/`).
pub fn with_image_store(mut builder: Builder, root: &std::path::Path) -> Builder {
    builder.images.store = Some(Box::new(io::image_store::DiskStore::new(root)));
    builder
}

/// Builds a site in memory as `gazette build` does, search index included.
pub fn build(sources: &Sources, options: &BuildOptions) -> Result<Built, Vec<Diagnostic>> {
    builder().build(sources, options)
}
