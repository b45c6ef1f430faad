//! Themes: Tera templates looked up in the site's `templates/`, then the site's
//! theme, then the default theme compiled into the binary; theme strings per
//! language; the functions and filters templates may call (see the README).

use crate::diag::{Code, Diagnostic};
use crate::site::DocId;
use crate::source::{Sources, ThemeFile};
use crate::view::Views;
use serde_json::Value;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use tera::Tera;

/// The template names the default theme provides.
pub fn template_names() -> impl Iterator<Item = &'static str> {
    BUILTIN
        .iter()
        .filter_map(|(path, _)| path.strip_prefix("templates/"))
}

// Invoked in `themes/default/files.in`: each path is relative to that file.
macro_rules! builtin {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_bytes!($path))),*]
    };
}

/// The default theme, compiled in, so a site without `themes/` still builds.
/// Its files are listed beside them (`themes/default/files.in`): a kind's new
/// template is added there.
pub const BUILTIN: &[(&str, &[u8])] = include!("../../../themes/default/files.in");

/// Theme strings: language → key → text, with the file each came from.
#[derive(Clone)]
pub struct Strings {
    pub by_lang: HashMap<String, (String, BTreeMap<String, String>)>,
    pub fallback: String,
}

impl Strings {
    pub fn get(&self, lang: &str, key: &str) -> Result<&str, String> {
        let (file, table) = self
            .by_lang
            .get(lang)
            .or_else(|| self.by_lang.get(&self.fallback))
            .ok_or_else(|| format!("no theme strings for `{lang}`"))?;
        table
            .get(key)
            .map(String::as_str)
            .ok_or_else(|| format!("theme string `{key}` is missing from {file}"))
    }
}

/// The theme files of a build in lookup order: built-in, then theme, then site.
pub fn layered_files(sources: &Sources) -> BTreeMap<String, ThemeFile> {
    let mut files: BTreeMap<String, ThemeFile> = BUILTIN
        .iter()
        .map(|(path, bytes)| {
            (
                path.to_string(),
                ThemeFile {
                    origin: format!("(built-in theme)/{path}"),
                    bytes: bytes.to_vec(),
                },
            )
        })
        .collect();
    for (path, file) in &sources.theme {
        files.insert(path.clone(), file.clone());
    }
    for (name, file) in &sources.templates {
        files.insert(format!("templates/{name}"), file.clone());
    }
    files
}

pub fn load_strings(
    files: &BTreeMap<String, ThemeFile>,
    main_language: &str,
) -> Result<Strings, Vec<Diagnostic>> {
    let mut by_lang = HashMap::new();
    let mut errors = Vec::new();
    for (path, file) in files {
        let Some(lang) = path
            .strip_prefix("i18n/")
            .and_then(|p| p.strip_suffix(".yaml"))
        else {
            continue;
        };
        let text = String::from_utf8_lossy(&file.bytes);
        match crate::frontmatter::parse_string_map(&file.origin, &text) {
            Ok(map) => {
                by_lang.insert(lang.to_string(), (file.origin.clone(), map));
            }
            Err(d) => errors.push(d),
        }
    }
    if errors.is_empty() {
        Ok(Strings {
            by_lang,
            fallback: main_language.to_string(),
        })
    } else {
        Err(errors)
    }
}

/// Turns a Tera error and its causes into one line.
pub fn tera_message(e: &tera::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join(": ").replace('\n', " ")
}

/// Finds ` --> L:C` in a Tera parse error, the line of the template.
fn parse_error_line(message: &str) -> Option<(usize, usize)> {
    let at = message.find("--> ")?;
    let rest = &message[at + 4..];
    let end = rest
        .find(|c: char| !c.is_ascii_digit() && c != ':')
        .unwrap_or(rest.len());
    let (l, c) = rest[..end].split_once(':')?;
    Some((l.parse().ok()?, c.parse().ok()?))
}

pub fn load_templates(files: &BTreeMap<String, ThemeFile>) -> Result<Tera, Vec<Diagnostic>> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    // Tera's default escaper also escapes `/`, which makes every URL unreadable.
    tera.set_escape_fn(crate::markdown::escape_html);
    let mut templates = Vec::new();
    let mut errors = Vec::new();
    for (path, file) in files {
        let Some(name) = path.strip_prefix("templates/") else {
            continue;
        };
        match String::from_utf8(file.bytes.clone()) {
            Ok(text) => templates.push((name.to_string(), text, file.origin.clone())),
            Err(_) => errors.push(
                Diagnostic::error(
                    Code::Encoding,
                    &file.origin,
                    "the template is not valid UTF-8",
                )
                .help("save it as UTF-8"),
            ),
        }
    }
    let raw: Vec<(&str, &str)> = templates
        .iter()
        .map(|(n, t, _)| (n.as_str(), t.as_str()))
        .collect();
    // The common case parses each template once; only a failure parses them
    // one by one, so every broken template is reported with its line.
    let whole = if errors.is_empty() {
        tera.add_raw_templates(raw)
    } else {
        Ok(())
    };
    if errors.is_empty() && whole.is_ok() {
        return Ok(tera);
    }
    for (name, text, origin) in &templates {
        if let Err(e) = tera::Template::new(name, None, text) {
            let message = tera_message(&e);
            let mut d = Diagnostic::error(
                Code::Template,
                origin,
                format!("template `{name}` does not parse: {message}"),
            );
            if let Some((l, c)) = parse_error_line(&message) {
                d = d.at(l, c);
            }
            errors.push(d.help(
                "see Tera's syntax: {{ value }}, {% if %}…{% endif %}, {% block %}…{% endblock %}",
            ));
        }
    }
    match whole {
        _ if !errors.is_empty() => Err(errors),
        Err(e) => Err(vec![Diagnostic::error(
            Code::Template,
            "templates",
            tera_message(&e),
        )
        .help("check `{% extends %}` and `{% import %}` names")]),
        Ok(()) => Ok(tera),
    }
}

/// What template functions read: built once per build, shared by every render.
pub struct TemplateData {
    pub views: Arc<Views>,
    pub strings: Strings,
}

/// A read of another document by a template function, recorded so that watch
/// re-renders the page when what was read changes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Read {
    /// `get_page` or `url_for("@/…")`: a source path under `content/`.
    Page(String),
    /// `member(slug, lang)`.
    Member(String, String),
}

thread_local! {
    /// The reads of the render running on this thread (Tera renders on the caller's thread).
    static READS: RefCell<Vec<Read>> = const { RefCell::new(Vec::new()) };
}

fn record(read: Read) {
    READS.with(|r| r.borrow_mut().push(read));
}

/// Runs one render and returns what its template functions read.
pub fn recording_reads<T>(render: impl FnOnce() -> T) -> (T, Vec<Read>) {
    READS.with(|r| r.borrow_mut().clear());
    let out = render();
    let mut reads = READS.with(|r| std::mem::take(&mut *r.borrow_mut()));
    reads.sort();
    reads.dedup();
    (out, reads)
}

impl TemplateData {
    /// The document a read resolves to now.
    pub fn resolve(&self, read: &Read) -> Option<DocId> {
        let lib = &self.views.lib;
        match read {
            Read::Page(source) => lib.by_source.get(source).copied(),
            Read::Member(slug, lang) => lib.member_in_lang(slug, lang),
        }
    }
}

fn arg<'a>(args: &'a HashMap<String, Value>, name: &str, function: &str) -> tera::Result<&'a str> {
    args.get(name)
        .and_then(Value::as_str)
        .ok_or_else(|| tera::Error::msg(format!("`{function}` needs a text argument `{name}`")))
}

pub fn register_functions(tera: &mut Tera, data: Arc<TemplateData>) {
    let d = data.clone();
    tera.register_function("t", move |args: &HashMap<String, Value>| {
        let key = arg(args, "key", "t")?;
        let lang = args
            .get("lang")
            .and_then(Value::as_str)
            .unwrap_or(&d.views.config.language);
        // A channel's name is a string too: its title from site.yaml.
        let config = &d.views.config;
        if let Some(channel) = config.channel(key) {
            return Ok(Value::String(
                channel.title(lang, &config.language).to_string(),
            ));
        }
        match (d.strings.get(lang, key), args.get("default")) {
            (Ok(s), _) => Ok(Value::String(s.to_string())),
            // `default=` makes a string optional, e.g. a friendly name for a time zone.
            (Err(_), Some(fallback)) => Ok(fallback.clone()),
            (Err(e), None) => Err(tera::Error::msg(e)),
        }
    });
    let d = data.clone();
    tera.register_function("url_for", move |args: &HashMap<String, Value>| {
        let path = arg(args, "path", "url_for")?;
        if let Some(source) = path.strip_prefix("@/") {
            let (file, anchor) = source
                .split_once('#')
                .map_or((source, None), |(f, a)| (f, Some(a)));
            let read = Read::Page(format!("content/{file}"));
            let found = d.resolve(&read);
            record(read);
            let i = found.ok_or_else(|| tera::Error::msg(format!("url_for: no page `{path}`")))?;
            return Ok(Value::String(crate::urls::url_under(
                &d.views.config.base_path,
                &d.views.lib.docs[i].url_path,
                anchor,
            )));
        }
        Ok(Value::String(crate::urls::url_path(
            &d.views.config,
            path.trim_start_matches('/'),
        )))
    });
    let d = data.clone();
    tera.register_function("get_page", move |args: &HashMap<String, Value>| {
        let path = arg(args, "path", "get_page")?;
        let read = Read::Page(format!("content/{}", path.trim_start_matches("@/")));
        let found = d.resolve(&read);
        record(read);
        found
            .map(|i| d.views.summary(i).clone())
            .ok_or_else(|| tera::Error::msg(format!("get_page: no page `{path}`")))
    });
    let d = data;
    tera.register_function("member", move |args: &HashMap<String, Value>| {
        let slug = arg(args, "slug", "member")?;
        let lang = args
            .get("lang")
            .and_then(Value::as_str)
            .unwrap_or(&d.views.config.language);
        let read = Read::Member(slug.to_string(), lang.to_string());
        let found = d.resolve(&read);
        record(read);
        found
            .map(|i| d.views.summary(i).clone())
            .ok_or_else(|| tera::Error::msg(format!("member: no member `{slug}`")))
    });
    tera.register_filter("format_date", format_date_filter);
    tera.register_filter("truncate", crate::truncate::truncate);
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const WEEKDAYS_ZH: [&str; 7] = [
    "星期一",
    "星期二",
    "星期三",
    "星期四",
    "星期五",
    "星期六",
    "星期日",
];

/// Formats a date or datetime per language: `13 December 2024` / `2024年12月13日`.
/// `format` is `long` (default), `short` (`2024-12-13`), `time`, `datetime`
/// (with the weekday: `Thursday 17 December 2026, 14:00` / `2026年12月17日 星期四 14:00`),
/// or one part for a date block: `day` (`17`), `month` (`Dec` / `12月`),
/// `weekday` (`Thursday` / `星期四`), `year`.
pub fn format_date(value: &str, lang: &str, format: &str) -> Option<String> {
    use chrono::{Datelike, Timelike};
    let (date, time) = match chrono::DateTime::parse_from_rfc3339(value) {
        Ok(dt) => (dt.date_naive(), Some((dt.hour(), dt.minute()))),
        Err(_) => (
            chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").ok()?,
            None,
        ),
    };
    let zh = lang.starts_with("zh");
    let day = if zh {
        format!("{}年{}月{}日", date.year(), date.month(), date.day())
    } else {
        format!(
            "{} {} {}",
            date.day(),
            MONTHS[date.month0() as usize],
            date.year()
        )
    };
    let clock = time.map(|(h, m)| format!("{h:02}:{m:02}"));
    let weekday = date.weekday().num_days_from_monday() as usize;
    let weekday = if zh {
        WEEKDAYS_ZH[weekday]
    } else {
        WEEKDAYS[weekday]
    };
    Some(match (format, clock) {
        ("short", _) => date.format("%Y-%m-%d").to_string(),
        ("time", Some(c)) => c,
        ("time", None) => String::new(),
        ("datetime", Some(c)) => {
            if zh {
                format!("{day} {weekday} {c}")
            } else {
                format!("{weekday} {day}, {c}")
            }
        }
        ("datetime", None) if zh => format!("{day} {weekday}"),
        ("datetime", None) => format!("{weekday} {day}"),
        ("day", _) => date.day().to_string(),
        ("month", _) if zh => format!("{}月", date.month()),
        ("month", _) => MONTHS[date.month0() as usize][..3].to_string(),
        ("weekday", _) => weekday.to_string(),
        ("year", _) => date.year().to_string(),
        _ => day,
    })
}

fn format_date_filter(value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
    let Some(text) = value.as_str() else {
        return Ok(Value::String(String::new()));
    };
    let lang = args.get("lang").and_then(Value::as_str).unwrap_or("en");
    let format = args.get("format").and_then(Value::as_str).unwrap_or("long");
    format_date(text, lang, format)
        .map(Value::String)
        .ok_or_else(|| tera::Error::msg(format!("format_date: `{text}` is not a date")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_per_language() {
        let cases = [
            ("2024-12-13", "en", "long", "13 December 2024"),
            ("2024-12-13", "zh", "long", "2024年12月13日"),
            (
                "2024-12-13T14:30:00+08:00",
                "en",
                "datetime",
                "Friday 13 December 2024, 14:30",
            ),
            (
                "2024-12-13T14:30:00+08:00",
                "zh",
                "datetime",
                "2024年12月13日 星期五 14:30",
            ),
            ("2024-12-13T14:30:00+08:00", "en", "time", "14:30"),
            ("2024-12-13T14:30:00+08:00", "en", "short", "2024-12-13"),
            ("2024-12-13T14:30:00+08:00", "en", "month", "Dec"),
            ("2024-12-13", "zh", "month", "12月"),
            ("2024-12-13", "zh", "weekday", "星期五"),
            ("2024-12-13", "en", "day", "13"),
        ];
        for (value, lang, format, expected) in cases {
            assert_eq!(format_date(value, lang, format).as_deref(), Some(expected));
        }
        assert_eq!(format_date("yesterday", "en", "long"), None);
    }

    #[test]
    fn parse_error_lines_are_found() {
        assert_eq!(
            parse_error_line("Failed to parse 'x' --> 3:7 ..."),
            Some((3, 7))
        );
        assert_eq!(parse_error_line("no position"), None);
    }

    /// The vendored Tera's patch (vendor/README.md) unescapes a key only when
    /// it holds `~`: a key with `/` (which Tera escapes as `~1`) must still be
    /// found, and plain keys too.
    #[test]
    fn tera_finds_keys_with_slashes_and_plain_keys() {
        let mut context = tera::Context::new();
        context.insert(
            "m",
            &serde_json::json!({"a/b": "slash", "plain": "p", "n": {"x/y": 1}}),
        );
        let template = r#"{{ m["a/b"] }} {{ m.plain }} {{ m["plain"] }} {{ m.n["x/y"] }}"#;
        let out = tera::Tera::one_off(template, &context, false).unwrap();
        assert_eq!(out, "slash p p 1");
    }
}
