//! iCalendar (RFC 5545) files for meetings, through the `icalendar` crate.

use crate::config::Config;
use crate::content::meeting::{Meeting, MeetingStatus};
use crate::content::Document;
use crate::view;
use chrono::{NaiveDate, TimeZone, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus, Property};

/// The host and the path of the site as site.yaml publishes it, to make UIDs
/// globally unique and the same wherever the calendar is fetched (a preview
/// under `serve`, a build with `--base-url`).
fn uid_parts(config: &Config) -> (&str, &str) {
    let url = config.canonical_base_url.as_str();
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    (host, path)
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

/// The SEQUENCE of an event: 0 until the meeting's `updated:` is set, then
/// the minutes from 2000 to it, so each later `updated` (a new time, a
/// cancellation) gives a higher number and calendar apps replace the event.
fn sequence(doc: &Document) -> u32 {
    let epoch = Utc.with_ymd_and_hms(2000, 1, 1, 0, 0, 0).single();
    match (doc.common.updated, epoch) {
        (Some(updated), Some(epoch)) => {
            let minutes = (updated.instant.with_timezone(&Utc) - epoch).num_minutes();
            u32::try_from(minutes.max(0)).unwrap_or(u32::MAX)
        }
        _ => 0,
    }
}

fn event(
    config: &Config,
    doc: &Document,
    meeting: &Meeting,
    description: &str,
    today: NaiveDate,
) -> Event {
    let mut e = Event::new();
    let (host, path) = uid_parts(config);
    e.uid(&format!(
        "{path}{}@{host}",
        doc.url_path.trim_end_matches('/')
    ));
    // DTSTAMP and LAST-MODIFIED come from the source (`updated`, else `date`),
    // never from the clock, so identical sources give identical bytes; and
    // never after the build's day: a stamp in the future confuses clients.
    let midnight = |day: NaiveDate| day.and_hms_opt(0, 0, 0).map(|t| Utc.from_utc_datetime(&t));
    let build_day = midnight(today);
    let written = doc
        .common
        .updated
        .or(doc.common.date)
        .map(|t| t.instant.with_timezone(&Utc));
    let stamp = match (written, build_day) {
        (Some(w), Some(day)) => Some(w.min(day)),
        (w, day) => w.or(day),
    };
    if let Some(stamp) = stamp {
        e.timestamp(stamp);
        e.last_modified(stamp);
    }
    e.sequence(sequence(doc));
    if meeting.start.has_time {
        let start = meeting.start.instant.with_timezone(&Utc);
        e.starts(start);
        // Every event ends: without `end`, after the site's usual meeting length.
        let end = meeting.end.map_or(
            start + chrono::Duration::minutes(i64::from(config.meeting_duration)),
            |end| end.instant.with_timezone(&Utc),
        );
        e.ends(end);
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

/// A calendar of the given meetings: `(document, meeting, description)`;
/// `today` is the build's day, which no stamp goes beyond.
pub fn calendar(
    config: &Config,
    name: &str,
    meetings: &[(&Document, &Meeting, &str)],
    today: NaiveDate,
) -> String {
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
        cal.push(event(config, doc, meeting, description, today));
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

    /// The properties of the one event in a meeting's calendar.
    fn properties(site: &TestSite, path: &str) -> std::collections::BTreeMap<String, String> {
        let calendar: icalendar::Calendar = site.page(path).parse().expect("valid iCalendar");
        let event = calendar.events().next().expect("one event");
        event
            .properties()
            .iter()
            .map(|(k, p)| (k.clone(), p.value().to_string()))
            .collect()
    }

    #[test]
    fn events_end_carry_stamps_not_after_today_and_count_their_updates() {
        // The testing day is 2026-11-24; this meeting was announced "in the future".
        let site = TestSite::new()
            .file("content/meetings/m.md", "---\ntitle: M\nstart: 2026-12-01T10:00\ndate: 2026-12-01\n---\nText.\n")
            .file("content/meetings/r.md", "---\ntitle: R\nstart: 2026-12-02T10:00\nend: 2026-12-02T11:30\ndate: 2026-10-01\nupdated: 2026-11-20T09:00\nstatus: postponed\n---\nText.\n");
        let m = properties(&site, "meetings/m/meeting.ics");
        // No end: the site's default length (120 minutes); Asia/Shanghai is UTC+8.
        assert_eq!(m["DTSTART"], "20261201T020000Z");
        assert_eq!(m["DTEND"], "20261201T040000Z");
        assert_eq!(
            m["DTSTAMP"], "20261124T000000Z",
            "never after the build's day"
        );
        assert_eq!(m["LAST-MODIFIED"], m["DTSTAMP"]);
        assert_eq!(m["SEQUENCE"], "0");
        let r = properties(&site, "meetings/r/meeting.ics");
        assert_eq!(r["DTEND"], "20261202T033000Z");
        assert_eq!(r["DTSTAMP"], "20261120T010000Z");
        assert_eq!(r["LAST-MODIFIED"], "20261120T010000Z");
        let sequence: u32 = r["SEQUENCE"].parse().unwrap();
        // A later `updated` gives a higher sequence.
        let later = TestSite::new().file("content/meetings/r.md", "---\ntitle: R\nstart: 2026-12-03T10:00\ndate: 2026-10-01\nupdated: 2026-11-21T09:00\nstatus: scheduled\n---\nText.\n");
        let again: u32 = properties(&later, "meetings/r/meeting.ics")["SEQUENCE"]
            .parse()
            .unwrap();
        assert!(again > sequence && sequence > 0, "{sequence} then {again}");
    }
}
