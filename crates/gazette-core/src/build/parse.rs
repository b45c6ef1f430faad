//! One source read into a document, or its errors.

use crate::config;
use crate::content;
use crate::diag::{Code, Diagnostic};
use crate::source;
use std::sync::Arc;

pub(super) type ParseResult = Result<Arc<content::Document>, Vec<Diagnostic>>;

pub(super) fn parse_source(
    path: &str,
    bytes: &[u8],
    settings: &config::ParseSettings,
) -> ParseResult {
    match source::decode(bytes) {
        Some(text) => content::parse(path, text, settings).map(Arc::new),
        None => {
            let (line, column) = source::invalid_utf8_position(bytes);
            Err(vec![Diagnostic::error(
                Code::Encoding,
                path,
                "the file is not valid UTF-8",
            )
            .at(line, column)
            .help(
                "save it as UTF-8 (most editors offer this in “Save as”)",
            )])
        }
    }
}
