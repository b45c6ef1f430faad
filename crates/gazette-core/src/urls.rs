//! Output paths turned into the URLs a reader follows, under the site's base URL.

use crate::config::Config;
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

/// Characters escaped in URL paths: everything but unreserved ASCII and `/`.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\\')
    .add(b'^')
    .add(b'|')
    .add(b'[')
    .add(b']')
    .add(b'\'');

/// Also used for `#fragment`s: the same characters must be escaped there.
pub fn encode_path(path: &str) -> String {
    utf8_percent_encode(path, PATH).to_string()
}

/// Root-relative URL of an output path: `news/x/` → `/alliance/news/x/`.
pub fn url_path(config: &Config, path: &str) -> String {
    format!("{}{}", config.base_path, encode_path(path))
}

/// Absolute URL: `news/x/` → `https://example.org/alliance/news/x/`.
pub fn permalink(config: &Config, path: &str) -> String {
    format!("{}{}", config.base_url, encode_path(path))
}
