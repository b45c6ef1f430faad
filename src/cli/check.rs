//! `gazette check`: everything a build checks, nothing written; human, JSON or
//! GitHub annotations.

use super::report::{print_diagnostics_in, print_github, print_json};
use super::{Failure, Format, Output, SiteArgs};
use crate::io::read;
use crate::messages::Messages;
use gazette_core::schedule::{Change, Scheduled};

pub fn run(
    site: &SiteArgs,
    format: Format,
    deny_warnings: bool,
    out: Output,
) -> Result<(), Failure> {
    let options = site.options()?;
    let sources = read::read_site(&site.root, &site.root.join("output"))?;
    let mut builder = crate::with_image_store(crate::builder(), &site.root);
    builder.once = true;
    let (diagnostics, failed, schedule) = match builder.build(&sources, &options) {
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
            let messages = Messages::for_sources(&sources);
            print_diagnostics_in(&messages, &sources, &diagnostics);
            if !failed && !out.quiet {
                println!("{}", messages.summary(0, diagnostics.len()));
            }
            if !out.quiet {
                print_schedule(&messages, &schedule);
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
fn print_schedule(messages: &Messages, schedule: &[Scheduled]) {
    if schedule.is_empty() {
        return;
    }
    println!("\n{}", messages.word("ahead-title"));
    for item in schedule {
        let what = messages.word(match item.change {
            Change::Publishes => "ahead-publishes",
            Change::Retires => "ahead-retires",
        });
        let day = item.day.to_string();
        let args = [
            ("day", day.as_str().into()),
            ("what", what.as_str().into()),
            ("title", item.title.as_str().into()),
            ("source", item.source.as_str().into()),
        ];
        println!("{}", messages.get("ahead-line", &args).unwrap_or_default());
    }
}
