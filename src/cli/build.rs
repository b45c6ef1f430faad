//! `gazette build`: read the site, build it in memory, write what changed.

use super::report::print_diagnostics;
use super::{Failure, Output, SiteArgs};
use crate::io::{read, write};
use std::path::PathBuf;
use std::time::Instant;

pub fn run(site: &SiteArgs, output: Option<PathBuf>, out: Output) -> Result<(), Failure> {
    let options = site.options()?;
    let started = Instant::now();
    let output = output.unwrap_or_else(|| site.root.join("output"));
    write::check_location(&site.root, &output)?;
    let sources = read::read_site(&site.root, &output)?;
    // The search bundle of the last build in this folder: taken as it is when
    // no indexed page changed, instead of indexing every page again.
    let mut builder = crate::with_image_store(crate::builder_resuming(&output), &site.root);
    builder.once = true;
    let built = match builder.build(&sources, &options) {
        Err(diagnostics) => {
            print_diagnostics(&sources, &diagnostics);
            eprintln!("nothing was written to {}", output.display());
            return Err(Failure::Site(None));
        }
        Ok(built) => built,
    };
    if !out.quiet {
        print_diagnostics(&sources, &built.warnings);
    }
    let report = write::write_site(&output, &built.files)?;
    if !out.quiet {
        println!(
            "built {} pages ({} files: {} written, {} unchanged, {} removed) into {} in {} ms",
            built.pages,
            built.files.len(),
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
        for path in built.files.keys() {
            println!("  {path}");
        }
    }
    Ok(())
}
