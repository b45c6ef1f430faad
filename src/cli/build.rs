//! `gazette build`: read the site, build it in memory, write what changed.

use super::report::print_diagnostics;
use super::{Failure, Output, SiteArgs};
use crate::io::{read, write};
use gazette_core::diag::Diagnostic;
use gazette_core::files::Files;
use gazette_core::Builder;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

pub fn run(site: &SiteArgs, output: Option<PathBuf>, out: Output) -> Result<(), Failure> {
    let options = site.options()?;
    let started = Instant::now();
    let output = output.unwrap_or_else(|| site.root.join("output"));
    write::check_location(&site.root, &output)?;
    let sources = read::read_site(&site.root, &output)?;
    // The search index is built here rather than by the builder, so that the
    // pages are written while it is made (see `write_indexed`).
    let mut builder = crate::with_image_store(Builder::with_deferred_search(), &site.root);
    builder.once = true;
    let nothing_written = |diagnostics: &[Diagnostic]| {
        print_diagnostics(&sources, diagnostics);
        eprintln!("nothing was written to {}", output.display());
        Failure::Site(None)
    };
    let mut built = builder
        .build(&sources, &options)
        .map_err(|d| nothing_written(&d))?;
    if !out.quiet {
        print_diagnostics(&sources, &built.warnings);
    }
    // The bundle of the last build in this folder is taken as it is when no
    // indexed page changed, instead of indexing every page again.
    let mut search = crate::search_resuming(&output);
    let Written { report, paths } = match write_indexed(&output, &mut built, &mut search)? {
        Ok(written) => written,
        Err(diagnostic) => return Err(nothing_written(&[diagnostic])),
    };
    if !out.quiet {
        println!(
            "built {} pages ({} files: {} written, {} unchanged, {} removed) into {} in {} ms",
            built.pages,
            paths.len(),
            report.written,
            report.unchanged,
            report.deleted,
            output.display(),
            started.elapsed().as_millis()
        );
    }
    if out.verbose {
        for (stage, took) in &built.timings {
            println!("  {stage}: {} ms", took.as_millis());
        }
        println!("  images encoded: {}", built.images_encoded);
        for path in &paths {
            println!("  {path}");
        }
    }
    // The process ends here: Pagefind's index and the site's data are left
    // to the system, not freed an allocation at a time.
    std::mem::forget((search, builder, sources));
    Ok(())
}

/// Writes the built site with its search index (when it has one): the pages'
/// indexed regions are taken, then the pages are staged on one thread (and
/// their bytes freed once staged) while Pagefind indexes the regions on the
/// others; then the bundle joins them and everything is renamed into place.
/// A failed index puts the output back as it was and gives its diagnostic.
fn write_indexed(
    output: &Path,
    built: &mut gazette_core::Built,
    search: &mut gazette_search::Pagefind,
) -> Result<Result<Written, Diagnostic>, Failure> {
    if !built.search {
        return Ok(Ok(Written {
            report: write::write_site(output, &built.files)?,
            paths: built.files.keys().cloned().collect(),
        }));
    }
    let started = Instant::now();
    let regions = gazette_search::Regions::of(&built.files);
    let pages: Files = std::mem::take(&mut built.files);
    let paths: Vec<Arc<str>> = pages.keys().cloned().collect();
    let (pending, bundle) = std::thread::scope(|scope| {
        let writer = scope.spawn(move || write::begin(output, &pages, write::Threads::One));
        let bundle = search.index_regions(regions);
        let pending = writer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (pending, bundle)
    });
    let pending = pending?;
    let bundle: Files = match bundle {
        Ok(bundle) => bundle.into_iter().collect(),
        Err(diagnostic) => {
            pending.abandon();
            return Ok(Err(diagnostic));
        }
    };
    built.timings.push(("search index", started.elapsed()));
    let report = pending.finish(&bundle)?;
    let mut paths = paths;
    paths.extend(bundle.into_keys());
    paths.sort();
    Ok(Ok(Written { report, paths }))
}

/// What a write did, and every file the site has (in path order).
struct Written {
    report: write::WriteReport,
    paths: Vec<Arc<str>>,
}
