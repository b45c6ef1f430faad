//! iCalendar (RFC 5545) files for meetings, through the `icalendar` crate.

use crate::config::Config;
use crate::content::meeting::{Meeting, MeetingStatus};
use crate::content::Document;
use crate::view;
use chrono::Utc;
use icalendar::{Calendar, Component, Event, EventLike, EventStatus, Property};

/// The host part of the base URL, to make UIDs globally unique and stable.
fn uid_domain(config: &Config) -> &str {
    let rest = config
        .base_url
        .split_once("://")
        .map_or(config.base_url.as_str(), |(_, r)| r);
    rest.split('/').next().unwrap_or("gazette")
}

/// A text value with every line break as one `\n`: the icalendar crate
/// escapes LF in TEXT properties, but a CR would pass raw and end the line.
fn one_kind_of_break(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// The longest text a calendar property carries, in characters. Calendar
/// apps show a line or two; and the icalendar crate folds long lines in time
/// that grows with the square of their length (a 1 MB title took seconds).
const MAX_TEXT: usize = 2_000;

/// Text cut to [`MAX_TEXT`] characters, marked with `…` when cut.
fn clip(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(MAX_TEXT) {
        Some((end, _)) => format!("{}…", &text[..end]).into(),
        None => text.into(),
    }
}

/// RFC 5545 TEXT escaping, for properties the crate writes raw (`NAME`).
fn escape_text(text: &str) -> String {
    one_kind_of_break(text)
        .replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
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
    e.summary(&one_kind_of_break(&clip(&summary)));
    let location = match (&meeting.location, &meeting.online) {
        (Some(place), Some(url)) => Some(format!("{place} / {url}")),
        (Some(place), None) => Some(place.clone()),
        (None, Some(url)) => Some(url.clone()),
        (None, None) => None,
    };
    if let Some(location) = location {
        e.location(&one_kind_of_break(&clip(&location)));
    }
    e.url(&view::permalink(config, &doc.url_path));
    if !description.is_empty() {
        e.description(&one_kind_of_break(&clip(description)));
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
    let mut cal = Calendar::empty();
    for (key, value) in [
        ("VERSION", "2.0".to_string()),
        (
            "PRODID",
            format!("-//gazette//gazette {}//EN", env!("CARGO_PKG_VERSION")),
        ),
        ("CALSCALE", "GREGORIAN".to_string()),
        ("NAME", escape_text(&clip(name))),
    ] {
        cal.append_property(Property::new(key, value));
    }
    // X-WR-CALNAME is TEXT to the crate, which escapes it.
    cal.append_property(Property::new(
        "X-WR-CALNAME",
        one_kind_of_break(&clip(name)),
    ));
    for (doc, meeting, description) in meetings {
        cal.push(event(config, doc, meeting, description));
    }
    cal.done().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::TestSite;

    #[test]
    fn text_cannot_break_out_of_its_property() {
        let payload = "x\nBEGIN:VEVENT\r\nSUMMARY:injected\rEND:VEVENT; a, b\\";
        assert_eq!(
            escape_text(payload),
            "x\\nBEGIN:VEVENT\\nSUMMARY:injected\\nEND:VEVENT\\; a\\, b\\\\"
        );
        let site = TestSite::new().file(
            "content/meetings/m.md",
            "---\ntitle: \"x\\nBEGIN:VEVENT\\r\\nSUMMARY:injected\"\nstart: 2026-12-01T10:00\nlocation: \"Hall\\rUID:evil\"\n---\nText.\n",
        );
        let ics = site.page("meetings/m/meeting.ics");
        let begins = ics.split("\r\n").filter(|l| *l == "BEGIN:VEVENT").count();
        assert_eq!(begins, 1, "{ics}");
        // Parsed back, it is one event whose text kept its line breaks.
        let calendar: icalendar::Calendar = ics.parse().expect("valid iCalendar");
        let events: Vec<_> = calendar.events().collect();
        assert_eq!(events.len(), 1);
        assert_eq!(
            events[0].get_summary(),
            Some("x\nBEGIN:VEVENT\nSUMMARY:injected")
        );
        assert_eq!(events[0].get_location(), Some("Hall\nUID:evil"));
        assert_eq!(
            calendar.get_name(),
            Some("x\\nBEGIN:VEVENT\\nSUMMARY:injected")
        );
        assert!(!ics.contains("\nSUMMARY:injected"), "{ics}");
        assert!(!ics.contains("\nUID:evil"), "{ics}");
        assert!(ics.contains("PRODID:-//gazette//"), "{ics}");
        let long = TestSite::new().file(
            "content/meetings/long.md",
            &format!(
                "---\ntitle: \"{}\"\nstart: 2026-12-01T10:00\n---\nText.\n",
                "会".repeat(5_000)
            ),
        );
        let calendar: icalendar::Calendar = long.page("meetings/long/meeting.ics").parse().unwrap();
        let summary = calendar
            .events()
            .next()
            .unwrap()
            .get_summary()
            .unwrap()
            .to_string();
        assert_eq!(summary.chars().count(), MAX_TEXT + 1);
        assert!(summary.ends_with("会…"));
        for line in ics.split("\r\n") {
            assert!(
                !line.contains('\r') && !line.contains('\n'),
                "a bare line break in {line:?}"
            );
        }
    }
}
