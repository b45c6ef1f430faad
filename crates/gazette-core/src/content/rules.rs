//! Working-rules documents: one file per version, linked by `supersedes`.

use super::{FieldContext, RawFrontMatter};
use crate::diag::Diagnostic;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RulesStatus {
    Draft,
    Trial,
    Adopted,
    Superseded,
    Repealed,
}

impl RulesStatus {
    pub const NAMES: &'static [&'static str] =
        &["draft", "trial", "adopted", "superseded", "repealed"];

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "draft" => Self::Draft,
            "trial" => Self::Trial,
            "adopted" => Self::Adopted,
            "superseded" => Self::Superseded,
            "repealed" => Self::Repealed,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// Whether a version with this status binds the members.
    pub fn in_force(self) -> bool {
        matches!(self, Self::Trial | Self::Adopted)
    }
}

impl RulesVersion {
    /// The day it starts to bind: `effective`, else `adopted`.
    pub fn starts(&self) -> Option<NaiveDate> {
        self.effective.or(self.adopted)
    }
}

/// Where the versions of one document stand on a day, by their dates alone:
/// a version binds from its `effective` date (else `adopted`) until the next
/// version that does. An author's `superseded` does not end a version before
/// its successor starts (`check` warns about that); drafts never bind, and a
/// `repealed` version ends the document's force from its own start.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Standing {
    /// The place of the version in force, if any.
    pub in_force: Option<usize>,
    /// Versions after it that bind from a later day, in order.
    pub upcoming: Vec<usize>,
    /// The newest version that has started (in force, or repealed).
    pub latest_started: Option<usize>,
}

impl Standing {
    /// `versions` oldest first, as one document's chain.
    pub fn on(versions: &[&RulesVersion], day: NaiveDate) -> Standing {
        let started = |r: &RulesVersion| match r.status {
            RulesStatus::Draft => false,
            // Without a date the author's word is all there is.
            RulesStatus::Superseded | RulesStatus::Repealed => r.starts().is_some_and(|s| s <= day),
            RulesStatus::Trial | RulesStatus::Adopted => r.starts().is_none_or(|s| s <= day),
        };
        let last_started = versions.iter().rposition(|r| started(r));
        let in_force = last_started.filter(|&k| versions[k].status != RulesStatus::Repealed);
        let upcoming = versions[last_started.map_or(0, |k| k + 1)..]
            .iter()
            .enumerate()
            .filter(|(_, r)| r.status.in_force() && r.starts().is_some_and(|s| s > day))
            .map(|(k, _)| k + last_started.map_or(0, |s| s + 1))
            .collect();
        Standing {
            in_force,
            upcoming,
            latest_started: last_started,
        }
    }

    /// The status readers see for version `k`: the dates decide over the
    /// author's word. A version followed by one in force is superseded; the
    /// version in force is never shown as superseded.
    pub fn shown_status(&self, versions: &[&RulesVersion], k: usize) -> RulesStatus {
        let status = versions[k].status;
        match self.in_force {
            Some(f) if k < f && status != RulesStatus::Draft => RulesStatus::Superseded,
            Some(f) if k == f && status == RulesStatus::Superseded => RulesStatus::Adopted,
            _ => status,
        }
    }
}

#[derive(Debug, Clone)]
pub struct RulesVersion {
    pub version: String,
    pub status: RulesStatus,
    pub adopted: Option<NaiveDate>,
    pub effective: Option<NaiveDate>,
    /// Slug of the previous version (in a document folder, `v1` names the
    /// folder's `v1.md`; without it the version before by date is meant).
    pub supersedes: Option<String>,
    /// The folder `content/rules/<document>/` that holds this version, if any.
    pub document: Option<String>,
    /// Slug of the meeting that adopted it.
    pub adopted_at: Option<String>,
}

pub fn from_raw(
    raw: &RawFrontMatter,
    ctx: &FieldContext,
    document: Option<String>,
    errors: &mut Vec<Diagnostic>,
) -> Option<RulesVersion> {
    if raw.version.as_deref().is_none_or(|v| v.trim().is_empty()) {
        errors.push(ctx.missing("version", "add `version: \"1.0\"`"));
    }
    let status = match raw.status.as_deref() {
        None => {
            errors.push(ctx.missing(
                "status",
                "add `status:` with one of draft, trial, adopted, superseded, repealed",
            ));
            None
        }
        Some(s) => {
            let parsed = RulesStatus::parse(s);
            if parsed.is_none() {
                let help = match crate::diag::closest(s, RulesStatus::NAMES) {
                    Some(k) => format!("did you mean `{k}`?"),
                    None => format!("use one of: {}", RulesStatus::NAMES.join(", ")),
                };
                errors.push(ctx.invalid(
                    "status",
                    s,
                    format!("`{s}` is not a rules status"),
                    &help,
                ));
            }
            parsed
        }
    };
    let adopted = ctx.date("adopted", raw.adopted.as_deref(), errors);
    let effective = ctx.date("effective", raw.effective.as_deref(), errors);
    let version = ctx
        .yaml
        .raw_value("version")
        .filter(|v| !v.starts_with(['[', '{', '|', '>']))
        .or_else(|| raw.version.clone())?;
    Some(RulesVersion {
        version,
        status: status?,
        adopted,
        effective,
        supersedes: raw.supersedes.as_ref().map(|s| match &document {
            Some(folder) if !s.contains('/') => format!("{folder}/{s}"),
            _ => s.clone(),
        }),
        document,
        adopted_at: raw.adopted_at.clone(),
    })
}
