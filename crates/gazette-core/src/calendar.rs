//! iCalendar (RFC 5545) files for meetings, through the `icalendar` crate.

use crate::config::Config;
use crate::content::meeting::{Meeting, MeetingStatus};
use crate::content::Document;
use crate::view;
use chrono::Utc;
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};

/// The host part of the base URL, to make UIDs globally unique and stable.
fn uid_domain(config: &Config) -> &str {
    let rest = config
        .base_url
        .split_once("://")
        .map_or(config.base_url.as_str(), |(_, r)| r);
    rest.split('/').next().unwrap_or("gazette")
}

fn event(config: &Config, doc: &Document, meeting: &Meeting, description: &str) -> Event {
    let mut e = Event::new();
    e.uid(&format!(
        "{}{}@{}",
        config.base_path.trim_start_matches('/'),
        doc.url_path.trim_end_matches('/'),
        uid_domain(config)
    ));
    // DTSTAMP must not be the build time, or identical sources would give new bytes.
    let stamp = doc
        .common
        .updated
        .or(doc.common.date)
        .unwrap_or(meeting.start);
    e.timestamp(stamp.instant.with_timezone(&Utc));
    if meeting.start.has_time {
        e.starts(meeting.start.instant.with_timezone(&Utc));
        if let Some(end) = meeting.end {
            e.ends(end.instant.with_timezone(&Utc));
        }
    } else {
        e.starts(meeting.start.date());
        e.ends(
            meeting
                .end
                .map_or(meeting.start.date(), |t| t.date())
                .succ_opt()
                .unwrap_or(meeting.start.date()),
        );
    }
    let summary = if meeting.status == MeetingStatus::Cancelled {
        format!("{} (cancelled)", doc.common.title)
    } else {
        doc.common.title.clone()
    };
    e.summary(&summary);
    let location = match (&meeting.location, &meeting.online) {
        (Some(place), Some(url)) => Some(format!("{place} / {url}")),
        (Some(place), None) => Some(place.clone()),
        (None, Some(url)) => Some(url.clone()),
        (None, None) => None,
    };
    if let Some(location) = location {
        e.location(&location);
    }
    e.url(&view::permalink(config, &doc.url_path));
    if !description.is_empty() {
        e.description(description);
    }
    e.status(match meeting.status {
        MeetingStatus::Scheduled | MeetingStatus::Held => EventStatus::Confirmed,
        MeetingStatus::Postponed => EventStatus::Tentative,
        MeetingStatus::Cancelled => EventStatus::Cancelled,
    });
    e.done()
}

/// A calendar of the given meetings: `(document, meeting, description)`.
pub fn calendar(config: &Config, name: &str, meetings: &[(&Document, &Meeting, &str)]) -> String {
    let mut cal = Calendar::new();
    cal.name(name);
    for (doc, meeting, description) in meetings {
        cal.push(event(config, doc, meeting, description));
    }
    cal.done().to_string()
}
