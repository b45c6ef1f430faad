//! `gazette new`: a new source file from its kind's template, never
//! replacing one.

use super::Failure;
use crate::io::{read, write};
use gazette_core::content::{split_date_prefix, Kind};
use gazette_core::frontmatter::top_level_value;
use gazette_core::scaffold::{self, successor, NewFile, Predecessor};
use std::path::Path;

pub struct Args<'a> {
    pub kind: &'a str,
    pub title: &'a str,
    pub root: &'a Path,
    pub date: Option<chrono::NaiveDate>,
    pub lang: Option<&'a str>,
    pub supersedes: Option<&'a str>,
    pub start: Option<&'a str>,
    /// Write the page folder form.
    pub folder: bool,
    /// `--slug`.
    pub slug: Option<&'a str>,
    /// `--translation-of`: the source this one translates.
    pub translation_of: Option<&'a Path>,
}

pub fn run(args: Args) -> Result<(), Failure> {
    let Some(config) = read::read_config(args.root) else {
        return Err(Failure::Hinted {
            message: format!("no readable site.yaml in {}", args.root.display()),
            help: "run gazette new in the site's folder or pass `--root DIR`; `gazette check` explains what is wrong with site.yaml".into(),
        });
    };
    // A channel of site.yaml, or a built-in kind.
    let channel = config.channel(args.kind);
    let Some(kind) = channel
        .map(|c| c.like)
        .or_else(|| scaffold::parse_kind(args.kind))
    else {
        let channels: String = config
            .channels
            .iter()
            .map(|c| format!(", {}", c.name))
            .collect();
        return Err(Failure::Usage(format!(
            "`{}` is not a kind or channel: use news, meeting, rules, member, page{channels}",
            args.kind
        )));
    };
    if let Some(l) = args.lang {
        if !config.all_languages().any(|x| x == l) || l == config.language {
            return Err(Failure::Hinted {
                message: format!("`{l}` is not one of the site's extra languages"),
                help: "add it to `languages:` in site.yaml".into(),
            });
        }
    }
    let suffix = args.lang.map_or(String::new(), |l| format!(".{l}"));
    let rules_dir = args.root.join(scaffold::folder(Kind::Rules));
    let found = match args.supersedes {
        Some(name) if kind == Kind::Rules => {
            let files = rules_files(&rules_dir);
            let read = |f: &str| read::read_text(&rules_dir.join(f)).ok();
            let found = successor::find(name, &files, &suffix, read)
                .map_err(|m| Failure::Site(Some(crate::io::Error::Refused(m))))?;
            let text = read::read_text(&rules_dir.join(&found.file))?;
            // Stems already taken where the new version goes.
            let taken: Vec<String> = files
                .iter()
                .filter_map(|f| {
                    let (dir, file) = match f.rsplit_once('/') {
                        Some((d, file)) => (Some(d), file),
                        None => (None, f.as_str()),
                    };
                    (dir == found.folder.as_deref()).then_some(())?;
                    file.strip_suffix(".md")
                        .map(|s| s.split('.').next().unwrap_or(s).to_string())
                })
                .collect();
            Some((found, text, taken))
        }
        _ => None,
    };
    if args.start.is_some() && kind != Kind::Meeting {
        return Err(Failure::Usage("`--start` is for meetings only".into()));
    }
    // A meeting's file is named by the day it starts.
    let start_day = match args.start {
        Some(start) => Some(
            start
                .get(..10)
                .and_then(|d| d.parse::<chrono::NaiveDate>().ok())
                .ok_or_else(|| {
                    Failure::Usage(format!(
                        "`--start {start}`: write `YYYY-MM-DDTHH:MM`, e.g. 2024-12-13T14:30"
                    ))
                })?,
        ),
        None => None,
    };
    let original = match args.translation_of {
        Some(path) => Some(Original::read(args.root, path)?),
        None => None,
    };
    let section = match channel {
        Some(c) => args.root.join("content").join(&c.name),
        None => args.root.join(scaffold::folder(kind)),
    };
    let taken = taken_slugs(&section);
    let new = NewFile {
        kind,
        channel: channel.map(|c| c.name.as_str()),
        start: original
            .as_ref()
            .and_then(|o| o.start.as_deref())
            .or(args.start),
        title: args.title,
        date: original
            .as_ref()
            .and_then(|o| o.date)
            .or(args.date)
            .or(start_day)
            .map_or_else(super::today, Ok)?,
        lang: args.lang,
        written_in: args.lang.unwrap_or(&config.language),
        slug: original.as_ref().map_or(args.slug, |o| o.slug.as_deref()),
        taken: &taken,
    };
    let predecessor = match (&found, args.supersedes) {
        (Some((found, text, taken)), _) => Some(Predecessor {
            supersedes: &found.supersedes,
            folder: found.folder.as_deref(),
            taken: taken.iter().map(String::as_str).collect(),
            text,
        }),
        // Refused below: `--supersedes` with another kind.
        (None, Some(name)) => Some(Predecessor {
            supersedes: name,
            folder: None,
            taken: vec![],
            text: "",
        }),
        (None, None) => None,
    };
    let (rel, text) = scaffold::new_file(config.slugify, &new, predecessor)
        .map_err(|m| Failure::Site(Some(crate::io::Error::Refused(m))))?;
    let rel = match (&original, args.folder) {
        (Some(o), _) => o.translation_path(args.lang.unwrap_or_default()),
        (None, true) if kind == Kind::Rules => {
            return Err(Failure::Site(Some(crate::io::Error::Refused(
                "a rules document is already a folder (`content/rules/<document>/`): leave out `--folder`".into(),
            ))))
        }
        (None, true) => page_folder(&rel),
        (None, false) => rel,
    };
    let path = match &original {
        Some(_) => std::path::PathBuf::from(rel),
        None => args.root.join(rel),
    };
    write::create_new_source(&path, &text)?;
    println!("{}", path.display());
    Ok(())
}

/// The source a translation is made from: where it is and what the
/// translation repeats (its day, its start, its address).
struct Original {
    path: std::path::PathBuf,
    date: Option<chrono::NaiveDate>,
    start: Option<String>,
    slug: Option<String>,
}

impl Original {
    fn read(root: &Path, path: &Path) -> Result<Original, Failure> {
        let path = if path.exists() {
            path.to_path_buf()
        } else {
            root.join(path)
        };
        let text = read::read_text(&path)?;
        let value = |key: &str| top_level_value(&text, key);
        let date = match value("date") {
            Some(d) => d.get(..10).and_then(|d| d.parse().ok()),
            None => split_date_prefix(source_name(&path)).0,
        };
        Ok(Original {
            date,
            start: value("start"),
            slug: value("slug"),
            path,
        })
    }

    /// `x.md` → `x.en.md`, `x.zh.md` → `x.en.md`, `index.md` → `index.en.md`.
    fn translation_path(&self, lang: &str) -> String {
        let file = self.path.file_name().and_then(|s| s.to_str()).unwrap_or("");
        let stem = file.strip_suffix(".md").unwrap_or(file);
        let stem = match stem.rsplit_once('.') {
            Some((name, l)) if gazette_core::config::is_language_code(l) => name,
            _ => stem,
        };
        self.path
            .with_file_name(format!("{stem}.{lang}.md"))
            .to_string_lossy()
            .into_owned()
    }
}

/// The slugs used in a section's folder: each source's `slug:`, else its
/// name without the date and the language.
fn taken_slugs(section: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(section).min_depth(1).max_depth(2) {
        let Ok(entry) = entry else { continue };
        let path = entry.path();
        if !entry.file_type().is_file() || path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        if let Some(slug) = read::read_text(path)
            .ok()
            .and_then(|t| top_level_value(&t, "slug"))
        {
            out.push(slug);
            continue;
        }
        out.push(split_date_prefix(source_name(path)).1.to_string());
    }
    out
}

/// The name a source's address comes from: its file name without `.md` and
/// its language, or, for a page folder's `index.md`, the folder's name.
fn source_name(path: &Path) -> &str {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    match stem.split('.').next().unwrap_or(stem) {
        "index" => path
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|s| s.to_str())
            .unwrap_or(""),
        name => name,
    }
}

/// Every Markdown file under `content/rules/` (and one folder down), as
/// paths relative to it with `/`.
fn rules_files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(2)
        .sort_by_file_name()
    {
        let Ok(entry) = entry else { continue };
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "md") {
            if let Ok(rel) = entry.path().strip_prefix(dir) {
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out
}

/// `content/news/2026-12-05-x.zh.md` → `content/news/2026-12-05-x/index.zh.md`.
fn page_folder(rel: &str) -> String {
    let (dir, file) = rel.rsplit_once('/').unwrap_or(("", rel));
    let stem = file.strip_suffix(".md").unwrap_or(file);
    let (name, lang) = match stem.rsplit_once('.') {
        Some((name, lang)) if gazette_core::config::is_language_code(lang) => {
            (name, format!(".{lang}"))
        }
        _ => (stem, String::new()),
    };
    format!("{dir}/{name}/index{lang}.md")
}

#[cfg(test)]
mod folder_tests {
    #[test]
    fn a_page_folder_keeps_the_name_and_the_language() {
        assert_eq!(
            super::page_folder("content/news/2026-12-05-x.md"),
            "content/news/2026-12-05-x/index.md"
        );
        assert_eq!(
            super::page_folder("content/news/2026-12-05-x.zh.md"),
            "content/news/2026-12-05-x/index.zh.md"
        );
    }
}
