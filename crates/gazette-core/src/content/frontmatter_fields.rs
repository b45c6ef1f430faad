//! The raw front matter: one serde shape holding every kind's keys. Which keys a
//! kind accepts is decided by its [`Schema`], checked before deserialising, so an
//! unknown key is reported with its line and the closest known key.

use serde::{Deserialize, Deserializer};

#[derive(Deserialize, Default, Debug)]
pub struct RawFrontMatter {
    #[serde(default, deserialize_with = "scalar")]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "scalar")]
    pub slug: Option<String>,
    #[serde(default, deserialize_with = "scalar")]
    pub summary: Option<String>,
    #[serde(default, deserialize_with = "scalar")]
    pub date: Option<String>,
    #[serde(default, deserialize_with = "scalar")]
    pub updated: Option<String>,
    pub draft: Option<bool>,
    #[serde(default, deserialize_with = "scalars")]
    pub tags: Vec<String>,
    #[serde(default, deserialize_with = "scalars")]
    pub aliases: Vec<String>,
    pub weight: Option<i64>,
    pub template: Option<String>,
    pub menu: Option<RawMenu>,
    pub extra: Option<serde_json::Value>,
    // news
    #[serde(default, deserialize_with = "scalars")]
    pub organizations: Vec<String>,
    #[serde(default, deserialize_with = "scalars")]
    pub authors: Vec<String>,
    pub image: Option<RawImage>,
    #[serde(default, deserialize_with = "scalar")]
    pub publish_date: Option<String>,
    #[serde(default, deserialize_with = "scalar")]
    pub expires: Option<String>,
    #[serde(default)]
    pub attachments: Vec<RawAttachment>,
    // meetings
    #[serde(default, deserialize_with = "scalar")]
    pub start: Option<String>,
    #[serde(default, deserialize_with = "scalar")]
    pub end: Option<String>,
    pub timezone: Option<String>,
    #[serde(default, deserialize_with = "scalar")]
    pub location: Option<String>,
    pub online: Option<String>,
    #[serde(default, deserialize_with = "scalar")]
    pub convener: Option<String>,
    pub host: Option<String>,
    #[serde(default, deserialize_with = "scalars")]
    pub attendees: Vec<String>,
    #[serde(default, deserialize_with = "scalars")]
    pub agenda: Vec<String>,
    pub status: Option<String>,
    #[serde(default, deserialize_with = "scalars")]
    pub rules: Vec<String>,
    #[serde(default)]
    pub decisions: Vec<RawDecision>,
    #[serde(default, deserialize_with = "scalar")]
    pub rescheduled_from: Option<String>,
    // rules
    #[serde(default, deserialize_with = "scalar")]
    pub version: Option<String>,
    #[serde(default, deserialize_with = "scalar")]
    pub adopted: Option<String>,
    #[serde(default, deserialize_with = "scalar")]
    pub effective: Option<String>,
    pub supersedes: Option<String>,
    pub adopted_at: Option<String>,
    // members
    #[serde(default, deserialize_with = "scalar")]
    pub short_name: Option<String>,
    pub website: Option<String>,
    #[serde(default, deserialize_with = "scalar")]
    pub joined: Option<String>,
    #[serde(default, deserialize_with = "scalar")]
    pub left: Option<String>,
    pub logo: Option<RawImage>,
    pub contact: Option<RawContact>,
    #[serde(default, deserialize_with = "scalar")]
    pub role: Option<String>,
}

#[derive(Deserialize, Default, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct RawImage {
    pub src: String,
    pub alt: Option<String>,
}

#[derive(Deserialize, Default, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct RawContact {
    pub email: Option<String>,
    #[serde(default, deserialize_with = "scalar")]
    pub phone: Option<String>,
    pub address: Option<String>,
}

/// One of a meeting's `decisions`: its text, or `{ text, rules: [...] }`.
#[derive(Deserialize, Debug, Clone)]
#[serde(untagged)]
pub enum RawDecision {
    Text(String),
    Detailed(RawDecisionDetails),
}

#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct RawDecisionDetails {
    pub text: String,
    #[serde(default, deserialize_with = "scalars")]
    pub rules: Vec<String>,
}

/// `menu:` in front matter: `main`, `[main, footer]`, or
/// `{ main: { weight: 2, name: About us } }`.
#[derive(Deserialize, Debug, Clone)]
#[serde(untagged)]
pub enum RawMenu {
    One(String),
    Many(Vec<String>),
    Detailed(std::collections::BTreeMap<String, RawMenuPlace>),
}

#[derive(Deserialize, Default, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct RawMenuPlace {
    pub weight: Option<i64>,
    #[serde(default, deserialize_with = "scalar")]
    pub name: Option<String>,
}

/// A YAML scalar read as text, so `version: 1.0` or `title: 2025` are accepted.
#[derive(Deserialize)]
#[serde(untagged)]
enum Scalar {
    Text(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

impl Scalar {
    fn into_string(self) -> String {
        match self {
            Scalar::Text(s) => s,
            Scalar::Int(i) => i.to_string(),
            Scalar::Float(f) => f.to_string(),
            Scalar::Bool(b) => b.to_string(),
        }
    }
}

fn scalar<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<Scalar>::deserialize(d)?.map(Scalar::into_string))
}

/// A list of scalars; a single scalar is accepted as a list of one.
fn scalars<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        Many(Vec<Scalar>),
        One(Scalar),
    }
    Ok(match Option::<OneOrMany>::deserialize(d)? {
        None => vec![],
        Some(OneOrMany::One(s)) => vec![s.into_string()],
        Some(OneOrMany::Many(v)) => v.into_iter().map(Scalar::into_string).collect(),
    })
}

/// One of `attachments:`: a file's path, or the path with a title.
#[derive(Deserialize, Debug, Clone)]
#[serde(untagged)]
pub enum RawAttachment {
    File(String),
    Titled { file: String, title: Option<String> },
}
