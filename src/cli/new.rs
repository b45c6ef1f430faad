//! `gazette new`: a new source file from its kind's template, never
//! replacing one.

use super::Failure;
use crate::io::{read, write};
use gazette_core::content::Kind;
use gazette_core::scaffold::{self, NewFile, Predecessor};
use std::path::Path;

pub struct Args<'a> {
    pub kind: &'a str,
    pub title: &'a str,
    pub root: &'a Path,
    pub date: Option<chrono::NaiveDate>,
    pub lang: Option<&'a str>,
    pub supersedes: Option<&'a str>,
    pub start: Option<&'a str>,
}

pub fn run(args: Args) -> Result<(), Failure> {
    let Some(kind) = scaffold::parse_kind(args.kind) else {
        return Err(Failure::Usage(format!(
            "`{}` is not a kind: use news, meeting, rules, member or page",
            args.kind
        )));
    };
    let Some(config) = read::read_config(args.root) else {
        return Err(Failure::Hinted {
            message: format!("no readable site.yaml in {}", args.root.display()),
            help: "run gazette new in the site's folder or pass `--root DIR`; `gazette check` explains what is wrong with site.yaml".into(),
        });
    };
    if let Some(l) = args.lang {
        if !config.all_languages().any(|x| x == l) || l == config.language {
            return Err(Failure::Hinted {
                message: format!("`{l}` is not one of the site's extra languages"),
                help: "add it to `languages:` in site.yaml".into(),
            });
        }
    }
    let previous_text = match args.supersedes {
        Some(prev) if kind == Kind::Rules => {
            let suffix = args.lang.map_or(String::new(), |l| format!(".{l}"));
            let rel = format!("{}/{prev}{suffix}.md", scaffold::folder(Kind::Rules));
            Some(read::read_text(&args.root.join(rel))?)
        }
        _ => None,
    };
    if args.start.is_some() && kind != Kind::Meeting {
        return Err(Failure::Usage("`--start` is for meetings only".into()));
    }
    let new = NewFile {
        kind,
        start: args.start,
        title: args.title,
        date: args
            .date
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
        lang: args.lang,
        written_in: args.lang.unwrap_or(&config.language),
    };
    let predecessor = args.supersedes.map(|slug| Predecessor {
        slug,
        text: previous_text.as_deref().unwrap_or(""),
    });
    let (rel, text) = scaffold::new_file(config.slugify, &new, predecessor)
        .map_err(|m| Failure::Site(Some(crate::io::Error::Refused(m))))?;
    let path = args.root.join(rel);
    write::create_new_source(&path, &text)?;
    println!("{}", path.display());
    Ok(())
}
