//! `gazette init`: a new site in a folder, never replacing a file.

use super::{Failure, Output};
use crate::io::{io_error, write, Error};
use std::path::Path;

pub fn run(
    dir: &Path,
    force: bool,
    base_url: Option<&str>,
    language: &str,
    out: Output,
) -> Result<(), Failure> {
    if !gazette_core::config::is_language_code(language) {
        return Err(Failure::Usage(format!(
            "--language: `{language}` is not a language code such as `en` or `zh`"
        )));
    }
    let base_url = match base_url {
        Some(url) => Some(
            gazette_core::config::parse_base_url(url)
                .map_err(|m| Failure::Usage(format!("--base-url: {m}")))?
                .0,
        ),
        None => None,
    };
    if dir.exists() {
        let occupied = std::fs::read_dir(dir)
            .map_err(|e| io_error(dir, e))?
            .next()
            .is_some();
        if occupied && !force {
            return Err(Error::Refused(format!(
                "{} is not empty; pass --force to add a site next to what is there (no file is replaced)",
                dir.display()
            ))
            .into());
        }
    }
    let today = super::today()?;
    let mut written = Vec::new();
    for (rel, text) in gazette_core::scaffold::init_files(today, base_url.as_deref(), language) {
        let path = dir.join(&rel);
        if path.exists() {
            continue;
        }
        write::create_new_source(&path, &text)?;
        written.push(rel);
    }
    if !out.quiet {
        for f in &written {
            println!("  created {}", dir.join(f).display());
        }
        println!(
            "a new site is in {}; try `gazette serve --root {}`",
            dir.display(),
            dir.display()
        );
    }
    Ok(())
}
