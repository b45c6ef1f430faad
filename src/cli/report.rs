//! What the terminal shows: diagnostics with the source line they point at
//! (taken from the sources that were built, never re-read from disk), JSON
//! lines, GitHub annotations, and the one-line report of each rebuild.

use crate::live::server::Overlay;
use crate::live::session::Rebuild;
use crate::messages::Messages;
use gazette_core::diag::Diagnostic;
use gazette_core::source::Sources;
use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

/// Prints diagnostics with their source lines, then a count of errors, in
/// the site's language (see [`Messages`]); nothing when there are none (the
/// catalogue is not even loaded).
pub fn print_diagnostics(sources: &Sources, diagnostics: &[Diagnostic]) {
    if !diagnostics.is_empty() {
        print_diagnostics_in(&Messages::for_sources(sources), sources, diagnostics);
    }
}

/// [`print_diagnostics`] in the catalogue the caller already has.
pub fn print_diagnostics_in(messages: &Messages, sources: &Sources, diagnostics: &[Diagnostic]) {
    let mut err = std::io::stderr().lock();
    for d in diagnostics {
        let _ = write!(err, "{}", messages.render(d, sources.text_of(&d.path)));
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    if errors > 0 {
        let _ = writeln!(
            err,
            "{}",
            messages.summary(errors, diagnostics.len() - errors)
        );
    }
}

pub fn print_json(diagnostics: &[Diagnostic]) {
    let mut out = std::io::stdout().lock();
    for d in diagnostics {
        let _ = writeln!(out, "{}", serde_json::to_string(d).unwrap_or_default());
    }
}

/// `::error file=…,line=…,col=…,title=…::message`, escaped as GitHub requires.
pub fn print_github(root: &Path, diagnostics: &[Diagnostic]) {
    let escape = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let property = |s: &str| escape(s).replace(':', "%3A").replace(',', "%2C");
    let mut out = std::io::stdout().lock();
    for d in diagnostics {
        let level = if d.is_error() { "error" } else { "warning" };
        let file = root.join(&d.path);
        let file = file.strip_prefix("./").unwrap_or(&file);
        let mut props = format!("file={}", property(&file.to_string_lossy()));
        if let Some(line) = d.line {
            props.push_str(&format!(",line={line}"));
        }
        if let Some(col) = d.column {
            props.push_str(&format!(",col={col}"));
        }
        props.push_str(&format!(",title=gazette {}", property(d.code.as_str())));
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str(&format!("\nhelp: {help}"));
        }
        let _ = writeln!(out, "::{level} {props}::{}", escape(&message));
    }
}

/// What the browser overlay shows: its title, then each diagnostic as the
/// terminal shows it, in the site's language.
pub fn rendered_diagnostics(sources: &Sources, diagnostics: &[Diagnostic]) -> Overlay {
    let messages = Messages::for_sources(sources);
    let lines = std::iter::once(format!("{}\n", messages.word("overlay-title")))
        .chain(
            diagnostics
                .iter()
                .map(|d| messages.render(d, sources.text_of(&d.path))),
        )
        .collect();
    Overlay {
        lang: if messages.chinese { "zh" } else { "en" },
        lines,
    }
}

/// Warnings already printed in a session, so each rebuild prints only new ones.
pub type Seen = HashSet<(String, Option<usize>, Option<usize>, String)>;

/// One line per rebuild: what changed, what was written, how long it took.
pub fn report_rebuild(
    sources: &Sources,
    rebuild: &Rebuild,
    seen: &mut Seen,
    quiet: bool,
    verbose: bool,
) {
    let now = chrono::Local::now().format("%H:%M:%S");
    let what = match rebuild.changed.len() {
        0 => "first build".to_string(),
        1 => format!("{} changed", rebuild.changed[0]),
        n => format!("{} and {} more changed", rebuild.changed[0], n - 1),
    };
    match &rebuild.result {
        Ok(warnings) => {
            if quiet {
                return;
            }
            let key = |d: &Diagnostic| (d.path.clone(), d.line, d.column, d.message.clone());
            let new: Vec<_> = warnings
                .iter()
                .filter(|d| !seen.contains(&key(d)))
                .cloned()
                .collect();
            print_diagnostics(sources, &new);
            *seen = warnings.iter().map(key).collect();
            let known = match warnings.len() - new.len() {
                0 => String::new(),
                1 => " (1 warning as before)".to_string(),
                n => format!(" ({n} warnings as before)"),
            };
            say!(
                "[{now}] {what}: {} pages, {} files updated in {} ms{known}",
                rebuild.pages_changed,
                rebuild.outputs_changed.len(),
                rebuild.took.as_millis()
            );
            if verbose {
                for (stage, took) in &rebuild.timings {
                    say!("  {stage}: {} ms", took.as_millis());
                }
            }
        }
        Err(errors) => {
            print_diagnostics(sources, errors);
            esay!("[{now}] {what}: build failed; the last good site stays in place");
        }
    }
}
