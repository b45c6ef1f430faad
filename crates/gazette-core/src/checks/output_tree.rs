//! The output as a tree of files: no file may stand where other files need
//! a folder (`static/news` beside the news section's `news/index.html`), and
//! none may take a name the output folder keeps for gazette (its marker, the
//! staging files of a write, the search bundle). Checked on the files a build
//! made, before anything is written: `check` fails where `build` would, and
//! the writer never meets a site it cannot write whole.

use crate::diag::{Code, Diagnostic};
use crate::files::Files;
use crate::media::Media;
use crate::site::{DocId, Site};
use std::collections::HashMap;

/// The file that marks a folder as gazette's output (see the writer).
pub const MARKER: &str = ".gazette-output";
/// The ending of a file a write stages beside its place (`.x.gazette-tmp`).
pub const STAGED: &str = ".gazette-tmp";
/// The ending of what a write moved aside to make room (`.x.gazette-old`).
pub const MOVED_ASIDE: &str = ".gazette-old";

/// Whether a file or folder name is one the output keeps for gazette.
pub fn is_kept_name(name: &str) -> bool {
    name == MARKER || name.ends_with(STAGED) || name.ends_with(MOVED_ASIDE)
}

/// Every clash in `files`, each at the source that made the file.
pub(crate) fn clashes(files: &Files, lib: &Site, media: &Media, search: bool) -> Vec<Diagnostic> {
    // (the file, the file inside it when it stands where a folder must be, what is wrong)
    let mut found: Vec<(&str, Option<&str>, String)> = Vec::new();
    for path in files.keys() {
        let path: &str = path;
        if let Some(name) = path.split('/').find(|n| is_kept_name(n)) {
            found.push((
                path,
                None,
                format!("`/{path}` takes the name `{name}`, which the output folder keeps for gazette's own files"),
            ));
        } else if search
            && (path.starts_with(crate::search::BUNDLE)
                || path == crate::search::BUNDLE.trim_end_matches('/'))
        {
            found.push((
                path,
                None,
                format!(
                    "`/{path}` takes `/{}`, where gazette writes the search index",
                    crate::search::BUNDLE
                ),
            ));
        }
        if let Some(inside) = crate::files::first_inside(files, path) {
            found.push((
                path,
                Some(inside),
                format!("`/{path}` is a file where `/{inside}` needs a folder"),
            ));
        }
    }
    if found.is_empty() {
        return Vec::new();
    }
    let origins = Origins::of(lib, media);
    found
        .into_iter()
        .map(|(path, inside, message)| {
            // Blame the editor's file of the two, not gazette's own.
            let blamed = match inside {
                Some(inside) if !origins.knows(path) => inside,
                _ => path,
            };
            origins.diagnostic(blamed, message)
        })
        .collect()
}

/// Where each output file of a document or a file of the site came from.
struct Origins<'a> {
    lib: &'a Site,
    /// Output path → the document (and the alias) that writes it.
    docs: HashMap<String, (DocId, Option<&'a str>)>,
    media: &'a Media,
}

impl<'a> Origins<'a> {
    fn of(lib: &'a Site, media: &'a Media) -> Self {
        let mut docs = HashMap::new();
        for (i, doc) in lib.docs.ids().zip(lib.docs.iter()) {
            docs.insert(format!("{}index.html", doc.url_path), (i, None));
            for alias in &doc.common.aliases {
                docs.insert(crate::render::alias_file(alias), (i, Some(alias.as_str())));
            }
        }
        Origins { lib, docs, media }
    }

    /// Whether a source of the site (not gazette itself) makes `path`.
    fn knows(&self, path: &str) -> bool {
        self.docs.contains_key(path) || self.media.files.contains_key(path)
    }

    fn diagnostic(&self, path: &str, message: String) -> Diagnostic {
        let help = "rename or move the file, or change the slug or alias that makes it";
        if let Some(&(i, alias)) = self.docs.get(path) {
            let doc = &self.lib.docs[i];
            let d = Diagnostic::error(Code::OutputClash, &doc.source, message).help(help);
            return match alias {
                Some(alias) => d.at_pos(doc.locate(&["aliases"], Some(alias))),
                None => d.at(1, 1),
            };
        }
        let source = match self.media.files.get(path) {
            Some(file) => file.source.clone(),
            None => format!("(gazette's own `{path}`)"),
        };
        Diagnostic::error(Code::OutputClash, &source, message).help(help)
    }
}
