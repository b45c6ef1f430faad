//! The serialisable views templates see: the template contract documented in the
//! README. Views are plain JSON values, each document's summary built at most once
//! per build, on first use.

use crate::config::Config;
use crate::content::{Document, Kind, Meta, Timestamp};
use crate::library::Library;
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde_json::{json, Map, Value};
use std::sync::{Arc, OnceLock};

/// One build's documents and their summaries, shared by the renderer and the
/// template functions (which must own what they read).
pub struct Views {
    pub config: Arc<Config>,
    pub lib: Arc<Library>,
    summaries: Vec<OnceLock<Value>>,
}

impl Views {
    pub fn new(config: Arc<Config>, lib: Arc<Library>) -> Self {
        let summaries = (0..lib.docs.len()).map(|_| OnceLock::new()).collect();
        Views {
            config,
            lib,
            summaries,
        }
    }

    /// The summary view of document `i`, built on first use.
    pub fn summary(&self, i: usize) -> &Value {
        self.summaries[i].get_or_init(|| summary(&self.config, &self.lib, i))
    }
}

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

pub fn timestamp(t: &Timestamp) -> Value {
    Value::String(t.to_source_string())
}

/// A timestamp shown in a given zone (meetings show their own local time).
pub fn timestamp_in(t: &Timestamp, tz: chrono_tz::Tz) -> Value {
    if t.has_time {
        Value::String(t.instant.with_timezone(&tz).fixed_offset().to_rfc3339())
    } else {
        timestamp(t)
    }
}

pub fn site(config: &Config, today: chrono::NaiveDate) -> Value {
    json!({
        "title": config.title,
        "description": config.description,
        "base_url": config.base_url,
        "base_path": config.base_path,
        "language": config.language,
        "languages": config.all_languages().collect::<Vec<_>>(),
        "timezone": config.timezone.name(),
        "today": today.format("%Y-%m-%d").to_string(),
        "search": config.search,
        "extra": config.extra,
    })
}

/// A reference to another document: what a link to it needs.
pub fn reference(config: &Config, doc: &Document) -> Value {
    let mut v = json!({
        "slug": doc.slug,
        "title": doc.common.title,
        "url": url_path(config, &doc.url_path),
    });
    if let Meta::Member(m) = &doc.meta {
        v["short_name"] = json!(m.short_name);
    }
    v
}

pub fn member_ref(config: &Config, lib: &Library, slug: &str, lang: &str) -> Value {
    match lib.member_in_lang(slug, lang) {
        Some(i) => reference(config, &lib.docs[i]),
        None => json!({ "slug": slug, "title": slug, "url": Value::Null }),
    }
}

pub fn tag_slug(config: &Config, tag: &str) -> String {
    crate::slug::slugify(tag, config.slugify)
}

/// The short view of a document, used in lists, feeds and relations.
pub fn summary(config: &Config, lib: &Library, i: usize) -> Value {
    let doc = &lib.docs[i];
    let prefix = config.lang_prefix(&doc.lang);
    let mut v = Map::new();
    v.insert("kind".into(), json!(doc.kind));
    v.insert("source".into(), json!(doc.source));
    v.insert("slug".into(), json!(doc.slug));
    v.insert("lang".into(), json!(doc.lang));
    v.insert("title".into(), json!(doc.common.title));
    v.insert("url".into(), json!(url_path(config, &doc.url_path)));
    v.insert("permalink".into(), json!(permalink(config, &doc.url_path)));
    v.insert(
        "summary".into(),
        json!(lib
            .rendered
            .get(i)
            .map(|r| r.summary.as_str())
            .unwrap_or("")),
    );
    v.insert(
        "date".into(),
        doc.common.date.as_ref().map_or(Value::Null, timestamp),
    );
    v.insert(
        "updated".into(),
        doc.common.updated.as_ref().map_or(Value::Null, timestamp),
    );
    v.insert("draft".into(), json!(doc.common.draft));
    v.insert("weight".into(), json!(doc.common.weight));
    v.insert(
        "tags".into(),
        doc.common
            .tags
            .iter()
            .map(|t| json!({ "name": t, "url": url_path(config, &format!("{prefix}tags/{}/", tag_slug(config, t))) }))
            .collect(),
    );
    v.insert("extra".into(), doc.common.extra.clone());
    match &doc.meta {
        Meta::News(n) => {
            v.insert(
                "organizations".into(),
                n.organizations
                    .iter()
                    .map(|m| member_ref(config, lib, m, &doc.lang))
                    .collect(),
            );
            v.insert("authors".into(), json!(n.authors));
            v.insert("image".into(), json!(n.image));
        }
        Meta::Meeting(m) => {
            v.insert("start".into(), timestamp_in(&m.start, m.timezone));
            v.insert(
                "end".into(),
                m.end
                    .as_ref()
                    .map_or(Value::Null, |e| timestamp_in(e, m.timezone)),
            );
            v.insert("timezone".into(), json!(m.timezone.name()));
            v.insert("location".into(), json!(m.location));
            v.insert("online".into(), json!(m.online));
            v.insert("convener".into(), json!(m.convener));
            v.insert("status".into(), json!(m.status));
            v.insert(
                "host".into(),
                m.host
                    .as_deref()
                    .map_or(Value::Null, |h| member_ref(config, lib, h, &doc.lang)),
            );
            v.insert(
                "ics_url".into(),
                json!(url_path(config, &format!("{}meeting.ics", doc.url_path))),
            );
        }
        Meta::Rules(r) => {
            v.insert("version".into(), json!(r.version));
            v.insert("status".into(), json!(r.status));
            v.insert("adopted".into(), json!(r.adopted.map(|d| d.to_string())));
            v.insert(
                "effective".into(),
                json!(r.effective.map(|d| d.to_string())),
            );
        }
        Meta::Member(m) => {
            v.insert("short_name".into(), json!(m.short_name));
            v.insert("website".into(), json!(m.website));
            v.insert("joined".into(), json!(m.joined.map(|d| d.to_string())));
            v.insert("left".into(), json!(m.left.map(|d| d.to_string())));
            v.insert("logo".into(), json!(m.logo));
            v.insert("contact".into(), json!(m.contact));
            v.insert("role".into(), json!(m.role));
        }
        Meta::Page => {}
    }
    Value::Object(v)
}

/// Links to every language version of a document, its own included.
pub fn translations(config: &Config, lib: &Library, doc: &Document) -> Value {
    lib.translations
        .get(&doc.translation_key)
        .map(|group| {
            group
                .iter()
                .map(|&i| json!({ "lang": lib.docs[i].lang, "url": url_path(config, &lib.docs[i].url_path), "title": lib.docs[i].common.title }))
                .collect()
        })
        .unwrap_or(Value::Array(vec![]))
}

/// The full view of one document for its own page.
pub fn page(config: &Config, lib: &Library, i: usize, relations: Map<String, Value>) -> Value {
    let doc = &lib.docs[i];
    let rendered = &lib.rendered[i];
    let mut v = summary(config, lib, i);
    let o = v.as_object_mut().expect("summary is an object");
    o.insert("content".into(), json!(rendered.html));
    o.insert("toc".into(), json!(rendered.scan.toc));
    o.insert("translations".into(), translations(config, lib, doc));
    if let Meta::Meeting(m) = &doc.meta {
        o.insert(
            "attendees".into(),
            m.attendees
                .iter()
                .map(|a| member_ref(config, lib, a, &doc.lang))
                .collect(),
        );
        o.insert("agenda".into(), json!(m.agenda));
        o.insert(
            "rules".into(),
            m.rules
                .iter()
                .filter_map(|r| lib.rules_in_lang(r, &doc.lang))
                .map(|&r| reference(config, &lib.docs[r]))
                .collect(),
        );
    }
    if doc.kind == Kind::Rules {
        o.insert(
            "articles".into(),
            rendered.scan.articles.iter().map(|a| json!({ "number": a.number, "anchor": a.anchor, "label": a.label, "title": a.title })).collect(),
        );
    }
    o.extend(relations);
    v
}
