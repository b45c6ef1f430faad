//! `share` in every template: what a link shows when it is shared (WeChat,
//! messengers, social sites read Open Graph and the Twitter card) and what
//! search engines read as structured data (JSON-LD): `NewsArticle` for news,
//! `Event` for meetings, `Organization` for the consortium and its members.
//!
//! The picture is the page's own (its `image:`, `logo:` or first photo),
//! else `brand.share_image`, else the logo when it is a raster image: always
//! an absolute URL with its size, in JPEG or PNG (WeChat ignores WebP and SVG).

use crate::config::Config;
use crate::content::meeting::{Meeting, MeetingStatus};
use crate::content::{Document, Meta};
use crate::media::MediaKind;
use crate::site::{DocId, Site};
use serde::Serialize;
use serde_json::{json, Value};

/// What a shared link shows, and the page's structured data.
#[derive(Debug, Serialize)]
pub struct ShareView {
    /// The document's title; `None` for lists (the theme uses the page title).
    pub title: Option<String>,
    pub description: Option<String>,
    pub url: String,
    /// `article` for documents, `website` otherwise.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// `zh_CN`, `en_US`: Open Graph's form of the page's language.
    pub locale: String,
    pub locale_alternates: Vec<String>,
    pub site_name: String,
    pub image: Option<ShareImage>,
    pub published: Option<String>,
    pub modified: Option<String>,
    /// The JSON-LD object, serialized for a `<script>` (`<` escaped), or empty.
    pub json_ld: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ShareImage {
    pub url: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

/// Open Graph's locale for a language code.
fn locale(lang: &str) -> String {
    match lang.split('-').next().unwrap_or(lang) {
        "zh" if lang.contains("Hant") || lang.ends_with("TW") => "zh_TW".into(),
        "zh" => "zh_CN".into(),
        "en" => "en_US".into(),
        "fr" => "fr_FR".into(),
        "de" => "de_DE".into(),
        "ja" => "ja_JP".into(),
        "ko" => "ko_KR".into(),
        "ru" => "ru_RU".into(),
        "es" => "es_ES".into(),
        other => other.to_string(),
    }
}

/// JSON for an HTML `<script>`: `<`, `>` and `&` as `\u` escapes, so no text
/// can close the element.
fn script_json(value: &Value) -> String {
    serde_json::to_string(value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The largest published JPEG or PNG of the site's file at output `path`
/// (`images/a.jpg`), within 1600 pixels wide.
fn image(lib: &Site, config: &Config, path: &str, alt: &str) -> Option<ShareImage> {
    let (path, file) = lib.media.files.get_key_value(path)?;
    let MediaKind::Photo(photo) = &file.kind else {
        return None;
    };
    if photo.format == gazette_images::Format::Webp {
        return None;
    }
    let copy = lib
        .media
        .copies(path, photo)
        .into_iter()
        .filter(|c| c.format == photo.format && c.width <= 1600)
        .max_by_key(|c| c.width)?;
    Some(ShareImage {
        url: crate::urls::permalink(config, &copy.path),
        width: copy.width,
        height: gazette_images::scaled_height(photo.width, photo.height, copy.width),
        alt: alt.to_string(),
    })
}

/// The site's picture for pages without their own: `brand.share_image`,
/// else the logo (an SVG one drawn as a PNG). The same for every page: the
/// planner works it out once per build.
pub fn site_image(lib: &Site, config: &Config) -> Option<ShareImage> {
    [&config.brand.share_image, &config.brand.logo]
        .into_iter()
        .flatten()
        .find_map(|src| image(lib, config, src.trim_start_matches('/'), &config.title))
        .or_else(|| {
            let logo = lib.media.share_logo.as_ref()?;
            Some(ShareImage {
                url: crate::urls::permalink(config, &logo.path),
                width: logo.width,
                height: logo.height,
                alt: config.title.clone(),
            })
        })
}

/// A document's own picture (see [`super::thumbnail::photo_of`]).
fn doc_image(lib: &Site, config: &Config, i: DocId) -> Option<ShareImage> {
    let (path, _, alt) = super::thumbnail::photo_of(lib, i)?;
    let alt = alt.unwrap_or_else(|| lib.docs[i].common.title.clone());
    image(lib, config, path, &alt)
}

/// The consortium as an organization (with its members on the home page).
fn consortium(config: &Config, lang: &str, members: Option<(&Site, &[DocId])>) -> Value {
    let settings = config.settings(lang);
    let mut org = json!({
        "@type": "Organization",
        "name": settings.title,
        "url": crate::urls::permalink(config, &config.lang_prefix(lang)),
    });
    if let Some(logo) = &config.brand.logo {
        org["logo"] = json!(crate::urls::permalink(config, logo.trim_start_matches('/')));
    }
    if let Some((lib, members)) = members.filter(|(_, m)| !m.is_empty()) {
        let members = members.iter().map(|&m| member_org(config, &lib.docs[m]));
        org["member"] = Value::Array(members.collect());
    }
    org
}

fn member_org(config: &Config, doc: &Document) -> Value {
    let mut org = json!({
        "@type": "Organization",
        "name": doc.common.title,
        "url": crate::urls::permalink(config, &doc.url_path),
    });
    if let Meta::Member(m) = &doc.meta {
        if let Some(short) = &m.short_name {
            org["alternateName"] = json!(short);
        }
        if let Some(site) = &m.website {
            org["sameAs"] = json!(site);
        }
    }
    org
}

fn event(config: &Config, lib: &Site, doc: &Document, m: &Meeting, base: Value) -> Value {
    let mut event = base;
    event["@type"] = json!("Event");
    event["name"] = event
        .as_object_mut()
        .and_then(|o| o.remove("headline"))
        .unwrap_or_default();
    event["startDate"] = super::timestamp_in(&m.start, m.timezone);
    if let Some(end) = &m.end {
        event["endDate"] = super::timestamp_in(end, m.timezone);
    }
    event["eventStatus"] = json!(match (m.status, &m.rescheduled_from) {
        (MeetingStatus::Cancelled, _) => "https://schema.org/EventCancelled",
        (MeetingStatus::Postponed, _) => "https://schema.org/EventPostponed",
        (_, Some(_)) => "https://schema.org/EventRescheduled",
        _ => "https://schema.org/EventScheduled",
    });
    if let Some(from) = &m.rescheduled_from {
        event["previousStartDate"] = super::timestamp_in(from, m.timezone);
    }
    let place = m
        .location
        .as_ref()
        .map(|l| json!({"@type": "Place", "name": l, "address": l}));
    let online = m
        .online
        .as_ref()
        .map(|u| json!({"@type": "VirtualLocation", "url": u}));
    let (mode, location) = match (place, online) {
        (Some(p), Some(o)) => ("Mixed", json!([p, o])),
        (None, Some(o)) => ("Online", o),
        (Some(p), None) => ("Offline", p),
        (None, None) => ("Offline", Value::Null),
    };
    event["eventAttendanceMode"] = json!(format!("https://schema.org/{mode}EventAttendanceMode"));
    if !location.is_null() {
        event["location"] = location;
    }
    event["organizer"] = m
        .host
        .as_deref()
        .and_then(|h| lib.member_in_lang(h, &doc.lang))
        .map_or_else(
            || consortium(config, &doc.lang, None),
            |h| member_org(config, &lib.docs[h]),
        );
    event
}

/// The share view of document `i`'s page at `url`; `site_image` is
/// [`site_image`]'s.
pub fn of_document(
    config: &Config,
    lib: &Site,
    i: DocId,
    url: &str,
    site_image: Option<&ShareImage>,
) -> ShareView {
    let doc = &lib.docs[i];
    let summary = lib.rendered[i].summary.trim();
    let image = doc_image(lib, config, i).or_else(|| site_image.cloned());
    // A meeting's `date` is when it starts, not when its page appeared.
    let published = match doc.meta {
        Meta::Meeting(_) => None,
        _ => doc.common.date.as_ref().map(|t| t.to_source_string()),
    };
    let modified = doc.common.updated.as_ref().map(|t| t.to_source_string());
    let mut base = json!({
        "@context": "https://schema.org",
        "headline": doc.common.title,
        "url": url,
        "inLanguage": doc.lang,
    });
    if !summary.is_empty() {
        base["description"] = json!(summary);
    }
    if let Some(img) = &image {
        base["image"] = json!([img.url]);
    }
    let json_ld = match &doc.meta {
        Meta::News(n) => {
            let mut article = base;
            article["@type"] = json!("NewsArticle");
            article["mainEntityOfPage"] = json!(url);
            if let Some(p) = &published {
                article["datePublished"] = json!(p);
                article["dateModified"] = json!(modified.as_ref().unwrap_or(p));
            }
            article["author"] = match n.authors.is_empty() {
                true => json!([consortium(config, &doc.lang, None)]),
                false => Value::Array(
                    n.authors
                        .iter()
                        .map(|a| json!({"@type": "Person", "name": a}))
                        .collect(),
                ),
            };
            article["publisher"] = consortium(config, &doc.lang, None);
            Some(article)
        }
        Meta::Meeting(m) => Some(event(config, lib, doc, m, base)),
        Meta::Member(_) => {
            let mut org = member_org(config, doc);
            org["@context"] = json!("https://schema.org");
            org["memberOf"] = consortium(config, &doc.lang, None);
            if let Some(img) = &image {
                org["logo"] = json!(img.url);
            }
            Some(org)
        }
        _ => None,
    };
    ShareView {
        title: Some(doc.common.title.clone()),
        description: (!summary.is_empty()).then(|| summary.to_string()),
        url: url.to_string(),
        kind: "article",
        locale: locale(&doc.lang),
        locale_alternates: alternates(config, &doc.lang),
        site_name: config.settings(&doc.lang).title.clone(),
        image,
        published,
        modified,
        json_ld: json_ld.map_or_else(String::new, |v| script_json(&v)),
    }
}

/// The share view of a page that shows no one document: the home page
/// (given the `members` it lists) carries the consortium's `Organization`.
pub fn of_page(
    config: &Config,
    lib: &Site,
    lang: &str,
    url: &str,
    members: Option<&[DocId]>,
    site_image: Option<&ShareImage>,
) -> ShareView {
    let settings = config.settings(lang);
    let json_ld = members.map(|members| {
        let mut org = consortium(config, lang, Some((lib, members)));
        org["@context"] = json!("https://schema.org");
        if let Some(d) = &settings.description {
            org["description"] = json!(d);
        }
        script_json(&org)
    });
    ShareView {
        title: None,
        description: settings.description.clone(),
        url: url.to_string(),
        kind: "website",
        locale: locale(lang),
        locale_alternates: alternates(config, lang),
        site_name: settings.title.clone(),
        image: site_image.cloned(),
        published: None,
        modified: None,
        json_ld: json_ld.unwrap_or_default(),
    }
}

fn alternates(config: &Config, lang: &str) -> Vec<String> {
    config
        .all_languages()
        .filter(|l| *l != lang)
        .map(locale)
        .collect()
}
