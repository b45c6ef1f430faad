//! `gazette check`: everything a build checks, nothing written; human, JSON or
//! GitHub annotations.

use super::report::{print_diagnostics, print_github, print_json};
use super::{Failure, Format, Output, SiteArgs};
use crate::io::read;
use gazette_core::schedule::{Change, Scheduled};

pub fn run(
    site: &SiteArgs,
    format: Format,
    deny_warnings: bool,
    out: Output,
) -> Result<(), Failure> {
    let options = site.options()?;
    let sources = read::read_site(&site.root, &site.root.join("output"))?;
    let (diagnostics, failed, schedule) =
        match crate::with_image_store(crate::builder(), &site.root).build(&sources, &options) {
            Err(d) => (d, true, Vec::new()),
            Ok(built) => {
                let failed = deny_warnings && !built.warnings.is_empty();
                (built.warnings, failed, built.schedule)
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
            if !out.quiet {
                print_schedule(&schedule);
            }
        }
    }
    if failed {
        Err(Failure::Site(None))
    } else {
        Ok(())
    }
}

/// What a daily rebuild will publish or retire next, soonest first.
fn print_schedule(schedule: &[Scheduled]) {
    if schedule.is_empty() {
        return;
    }
    println!("\nahead (a build on or after the day makes the change):");
    for item in schedule {
        let what = match item.change {
            Change::Publishes => "publishes",
            Change::Retires => "leaves lists and feeds",
        };
        println!("  {}  {what}: {} ({})", item.day, item.title, item.source);
    }
}
