//! Meetings: announcements before, minutes after; the calendar's events.

use super::frontmatter_fields::RawDecision;
use super::{FieldContext, RawFrontMatter, Timestamp};
use crate::config::ParseSettings;
use crate::diag::Diagnostic;
use chrono_tz::Tz;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MeetingStatus {
    Scheduled,
    Held,
    Postponed,
    Cancelled,
}

impl MeetingStatus {
    pub const NAMES: &'static [&'static str] = &["scheduled", "held", "postponed", "cancelled"];

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "scheduled" => Self::Scheduled,
            "held" => Self::Held,
            "postponed" => Self::Postponed,
            "cancelled" | "canceled" => Self::Cancelled,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

#[derive(Debug, Clone)]
pub struct Meeting {
    pub start: Timestamp,
    pub end: Option<Timestamp>,
    pub timezone: Tz,
    pub location: Option<String>,
    pub online: Option<String>,
    pub convener: Option<String>,
    pub host: Option<String>,
    pub attendees: Vec<String>,
    pub agenda: Vec<String>,
    pub status: MeetingStatus,
    pub rules: Vec<String>,
    /// What the meeting decided, in its order.
    pub decisions: Vec<Decision>,
    /// The start announced before the meeting was moved.
    pub rescheduled_from: Option<Timestamp>,
}

/// One decision of a meeting: its text and the rules documents or versions it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Decision {
    pub text: String,
    pub rules: Vec<String>,
}

pub fn from_raw(
    raw: &RawFrontMatter,
    ctx: &FieldContext,
    config: &ParseSettings,
    errors: &mut Vec<Diagnostic>,
) -> Option<Meeting> {
    let timezone = match raw.timezone.as_deref() {
        None => config.timezone,
        Some(name) => name.parse::<Tz>().unwrap_or_else(|_| {
            errors.push(ctx.invalid(
                "timezone",
                name,
                format!("`{name}` is not an IANA time zone"),
                "use a name such as `Asia/Shanghai`",
            ));
            config.timezone
        }),
    };
    let local = FieldContext {
        yaml: ctx.yaml,
        tz: timezone,
    };
    let start = local.timestamp("start", raw.start.as_deref(), errors);
    if raw.start.is_none() {
        errors.push(ctx.missing(
            "start",
            "add `start: 2025-03-14T09:30:00` (in the site's time zone, or with an offset)",
        ));
    }
    let end = local.timestamp("end", raw.end.as_deref(), errors);
    if let (Some(s), Some(e), Some(text)) = (start, end, raw.end.as_deref()) {
        if e.instant <= s.instant {
            errors.push(ctx.invalid(
                "end",
                text,
                "`end` is not after `start`".into(),
                "a meeting ends after it starts; check the date and the time",
            ));
        }
    }
    let status = match raw.status.as_deref() {
        None => MeetingStatus::Scheduled,
        Some(s) => MeetingStatus::parse(s).unwrap_or_else(|| {
            let mut d = ctx.invalid("status", s, format!("`{s}` is not a meeting status"), "");
            d.help = Some(match crate::diag::closest(s, MeetingStatus::NAMES) {
                Some(k) => format!("did you mean `{k}`?"),
                None => format!("use one of: {}", MeetingStatus::NAMES.join(", ")),
            });
            errors.push(d);
            MeetingStatus::Scheduled
        }),
    };
    let online = ctx.url("online", raw.online.as_deref(), errors);
    let rescheduled_from =
        local.timestamp("rescheduled_from", raw.rescheduled_from.as_deref(), errors);
    let decisions = raw
        .decisions
        .iter()
        .filter_map(|d| {
            let (text, rules) = match d {
                RawDecision::Text(t) => (t.clone(), vec![]),
                RawDecision::Detailed(d) => (d.text.clone(), d.rules.clone()),
            };
            if text.trim().is_empty() {
                errors.push(ctx.invalid(
                    "decisions",
                    "",
                    "a decision without text".into(),
                    "write what was decided: `- text: ...`",
                ));
                return None;
            }
            Some(Decision {
                text: text.trim().to_string(),
                rules,
            })
        })
        .collect();
    Some(Meeting {
        start: start?,
        end,
        timezone,
        location: raw.location.clone(),
        online,
        convener: raw.convener.clone(),
        host: raw.host.clone(),
        attendees: raw.attendees.clone(),
        agenda: raw.agenda.clone(),
        status,
        rules: raw.rules.clone(),
        decisions,
        rescheduled_from,
    })
}
