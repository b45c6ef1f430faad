//! `gazette check`: everything a build checks, nothing written; human, JSON or
//! GitHub annotations.

use super::report::{print_diagnostics, print_github, print_json};
use super::{Failure, Format, Output, SiteArgs};
use crate::io::read;

pub fn run(
    site: &SiteArgs,
    format: Format,
    deny_warnings: bool,
    out: Output,
) -> Result<(), Failure> {
    let options = site.options()?;
    let sources = read::read_site(&site.root, &site.root.join("output"))?;
    let (diagnostics, failed) =
        match crate::with_image_store(crate::builder(), &site.root).build(&sources, &options) {
            Err(d) => (d, true),
            Ok(built) => {
                let failed = deny_warnings && !built.warnings.is_empty();
                (built.warnings, failed)
            }
        };
    match format {
        Format::Json => print_json(&diagnostics),
        Format::Github => print_github(&site.root, &diagnostics),
        Format::Human => {
            print_diagnostics(&sources, &diagnostics);
            if !failed && !out.quiet {
                println!(
                    "no errors{}",
                    if diagnostics.is_empty() {
                        String::new()
                    } else {
                        format!(", {} warning(s)", diagnostics.len())
                    }
                );
            }
        }
    }
    if failed {
        Err(Failure::Site(None))
    } else {
        Ok(())
    }
}
