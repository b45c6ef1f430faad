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
    url_under(&config.base_path, path, None)
}

/// The URL of an output path under a base path, with an optional `#anchor`:
/// what every link to a page is made of, whoever holds the base path.
pub fn url_under(base_path: &str, path: &str, anchor: Option<&str>) -> String {
    let mut url = format!("{base_path}{}", encode_path(path));
    if let Some(anchor) = anchor {
        url.push('#');
        url.push_str(&encode_path(anchor));
    }
    url
}

/// Absolute URL: `news/x/` → `https://example.org/alliance/news/x/`.
pub fn permalink(config: &Config, path: &str) -> String {
    format!("{}{}", config.base_url, encode_path(path))
}
