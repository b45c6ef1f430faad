//! `gazette new rules --supersedes X`: which file X names, and where the new
//! version goes. X is a document folder (`working-rules`: its newest
//! version), a version in one (`working-rules/v2`), or a file of the older
//! layout (`working-rules-v2-0`).

use super::version_and_body;

/// The version a new one supersedes.
#[derive(Debug, PartialEq, Eq)]
pub struct Found {
    /// Path under `content/rules/`, e.g. `working-rules/v3.md`.
    pub file: String,
    /// What the new version's `supersedes:` says: `v3` in a folder, else the slug.
    pub supersedes: String,
    /// The document folder, when the versions are kept in one.
    pub folder: Option<String>,
}

/// The file stem and language suffix of a rules file: `v2.zh.md` → (`v2`, `.zh`).
fn stem_of<'a>(name: &'a str, suffix: &str) -> Option<&'a str> {
    name.strip_suffix(&format!("{suffix}.md"))
        .filter(|stem| !stem.contains('.'))
}

/// Orders version strings by their numbers (`10.0` after `9.1`), then as text.
fn version_key(version: &str) -> (Vec<u64>, String) {
    let numbers = version
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    (numbers, version.to_string())
}

/// Finds the version `name` names among `files` (paths under
/// `content/rules/`), reading each candidate with `read`. `suffix` is the
/// language suffix (`.zh`) or empty.
pub fn find(
    name: &str,
    files: &[String],
    suffix: &str,
    read: impl Fn(&str) -> Option<String>,
) -> Result<Found, String> {
    let name = name.trim_matches('/').trim_end_matches(".md");
    let exact = format!("{name}{suffix}.md");
    if files.contains(&exact) {
        return Ok(match name.split_once('/') {
            Some((folder, stem)) => Found {
                file: exact,
                supersedes: stem.to_string(),
                folder: Some(folder.to_string()),
            },
            None => Found {
                file: exact,
                supersedes: name.to_string(),
                folder: None,
            },
        });
    }
    let in_folder: Vec<(&str, &String)> = files
        .iter()
        .filter_map(|f| {
            let (folder, file) = f.split_once('/')?;
            (folder == name).then_some(())?;
            Some((stem_of(file, suffix)?, f))
        })
        .collect();
    let newest = in_folder
        .iter()
        .filter_map(|(stem, f)| {
            let (version, _) = version_and_body(&read(f)?)?;
            Some((version_key(&version), *stem, *f))
        })
        .max();
    if let Some((_, stem, file)) = newest {
        return Ok(Found {
            file: file.clone(),
            supersedes: stem.to_string(),
            folder: Some(name.to_string()),
        });
    }
    Err(unknown(name, files, suffix))
}

/// The error for a name that names no rules: what there is to name instead.
fn unknown(name: &str, files: &[String], suffix: &str) -> String {
    let mut documents: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for f in files {
        match f.split_once('/') {
            Some((folder, file)) => {
                if let Some(stem) = stem_of(file, suffix) {
                    documents
                        .entry(folder.to_string())
                        .or_default()
                        .push(format!("{folder}/{stem}"));
                }
            }
            None => {
                if let Some(stem) = stem_of(f, suffix) {
                    documents.entry(stem.to_string()).or_default();
                }
            }
        }
    }
    let known: Vec<String> = documents
        .into_iter()
        .map(|(doc, versions)| {
            if versions.is_empty() {
                doc
            } else {
                format!("{doc} ({})", versions.join(", "))
            }
        })
        .collect();
    if known.is_empty() {
        format!("`--supersedes {name}`: there are no rules under content/rules/ yet; leave out `--supersedes` to write the first version")
    } else {
        format!(
            "`--supersedes {name}`: no rules document or version of that name; the rules are: {}",
            known.join("; ")
        )
    }
}

/// The file name of the next version in a document folder: `v4` after
/// `v1`…`v3`, else `v` and the version number (`v3-0`), never one taken.
pub fn next_in_folder(siblings: &[&str], next_version: &str) -> String {
    let numbered: Vec<u64> = siblings
        .iter()
        .filter_map(|s| s.strip_prefix('v')?.parse().ok())
        .collect();
    let base = if !siblings.is_empty() && numbered.len() == siblings.len() {
        format!("v{}", numbered.iter().max().unwrap_or(&0) + 1)
    } else {
        format!(
            "v{}",
            crate::slug::slugify(next_version, crate::config::SlugMode::Ascii).replace('.', "-")
        )
    };
    let mut name = base.clone();
    let mut n = 2;
    while siblings.contains(&name.as_str()) {
        name = format!("{base}-{n}");
        n += 1;
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> Vec<String> {
        [
            "working-rules/v1.md",
            "working-rules/v2.md",
            "working-rules/v10.md",
            "working-rules/v2.zh.md",
            "code.md",
            "code-v2-0.md",
        ]
        .map(String::from)
        .to_vec()
    }

    fn read(path: &str) -> Option<String> {
        let version = match path {
            "working-rules/v1.md" => "1.0",
            "working-rules/v2.md" | "working-rules/v2.zh.md" => "2.0",
            "working-rules/v10.md" => "10.0",
            "code.md" => "1",
            _ => "2.0",
        };
        Some(format!(
            "---\ntitle: R\nversion: \"{version}\"\n---\nBody.\n"
        ))
    }

    #[test]
    fn a_folder_names_its_newest_version_by_number() {
        let found = find("working-rules", &files(), "", read).unwrap();
        assert_eq!(found.file, "working-rules/v10.md");
        assert_eq!(found.supersedes, "v10");
        // In Chinese, only the Chinese files count.
        let zh = find("working-rules", &files(), ".zh", read).unwrap();
        assert_eq!(zh.file, "working-rules/v2.zh.md");
    }

    #[test]
    fn any_version_and_the_older_layout_can_be_named() {
        let v1 = find("working-rules/v1", &files(), "", read).unwrap();
        assert_eq!(
            (v1.file.as_str(), v1.supersedes.as_str()),
            ("working-rules/v1.md", "v1")
        );
        let flat = find("code-v2-0", &files(), "", read).unwrap();
        assert_eq!((flat.folder, flat.supersedes.as_str()), (None, "code-v2-0"));
    }

    #[test]
    fn an_unknown_name_lists_what_there_is() {
        let e = find("nope", &files(), "", read).unwrap_err();
        assert!(e.contains("no rules document or version"), "{e}");
        assert!(
            e.contains("working-rules (working-rules/v1, working-rules/v2, working-rules/v10)"),
            "{e}"
        );
        assert!(e.contains("code-v2-0"), "{e}");
        assert!(find("x", &[], "", read)
            .unwrap_err()
            .contains("no rules under content/rules/ yet"));
    }

    #[test]
    fn next_names_count_on() {
        assert_eq!(next_in_folder(&["v1", "v2", "v3"], "4.0"), "v4");
        assert_eq!(next_in_folder(&["2024", "v2"], "3.0"), "v3-0");
        assert_eq!(next_in_folder(&["v3-0"], "3.0"), "v3-0-2");
    }
}
