//! The error of a whole command: the site's diagnostics, or a failure to read
//! or write a file (always with its path).

use gazette_core::diag::Diagnostic;

#[derive(Debug)]
pub enum Error {
    Site(Vec<Diagnostic>),
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    Refused(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Site(d) => write!(
                f,
                "the site has {} error(s)",
                d.iter().filter(|d| d.is_error()).count()
            ),
            Error::Io { path, source } => write!(f, "{}: {}", path.display(), describe(source)),
            Error::Refused(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for Error {}

/// An error's text without the " (os error N)" the standard library adds.
pub fn plain(text: &str) -> String {
    match text.find(" (os error ") {
        Some(at) => {
            let end = text[at..].find(')').map_or(text.len(), |i| at + i + 1);
            format!("{}{}", &text[..at], &text[end..])
        }
        None => text.to_string(),
    }
}

/// An operating system error in words, without its raw number, with what
/// to do about the usual ones.
pub fn describe(e: &std::io::Error) -> String {
    let text = plain(&e.to_string());
    let hint = match e.raw_os_error() {
        // ENAMETOOLONG
        Some(36) => "; a name in the path is longer than the file system takes (255 bytes): shorten the slug, tag or file name",
        // ENOSPC
        Some(28) => "; free some space and build again",
        // EACCES, EPERM, EROFS
        Some(13) | Some(1) | Some(30) => "; check that the folder is writable by you",
        _ => "",
    };
    format!("{}{hint}", text.to_lowercase())
}

pub fn io_error(path: &std::path::Path, source: std::io::Error) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        source,
    }
}
