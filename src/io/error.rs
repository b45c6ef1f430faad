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
            Error::Io { path, source } => write!(f, "{}: {}", path.display(), source),
            Error::Refused(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for Error {}

pub fn io_error(path: &std::path::Path, source: std::io::Error) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        source,
    }
}
