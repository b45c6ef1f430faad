//! Warnings: things that build but that an editor probably wants to fix.

use crate::config::Config;
use crate::content::meeting::MeetingStatus;
use crate::content::Meta;
use crate::error::Diagnostic;
use crate::library::Library;
use chrono::NaiveDate;

pub fn warnings(config: &Config, lib: &Library, today: NaiveDate) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for doc in &lib.docs {
        if let Meta::Meeting(m) = &doc.meta {
            if m.status == MeetingStatus::Scheduled && m.end.unwrap_or(m.start).date() < today {
                out.push(
                    Diagnostic::warning(
                        "past-scheduled",
                        &doc.source,
                        "this meeting is in the past but still `scheduled`",
                    )
                    .at_pos(doc.locate(&["start"], None))
                    .help("set `status: held` (and add the minutes), `postponed` or `cancelled`"),
                );
            }
        }
    }
    let terms = &config.leading_units;
    for pair in terms.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        match a.to {
            Some(to) if b.from <= to => out.push(
                Diagnostic::warning(
                    "rotation-overlap",
                    crate::config::CONFIG_FILE,
                    format!("the terms of `{}` and `{}` overlap", a.member, b.member),
                )
                .at_pos(b.position)
                .help("a term should start after the previous one ends"),
            ),
            Some(to) if to.succ_opt().is_some_and(|next| next < b.from) => out.push(
                Diagnostic::warning(
                    "rotation-gap",
                    crate::config::CONFIG_FILE,
                    format!("no leading unit between {} and {}", to, b.from),
                )
                .at_pos(b.position)
                .help("start each term the day after the previous one ends"),
            ),
            None => out.push(
                Diagnostic::warning(
                    "rotation-overlap",
                    crate::config::CONFIG_FILE,
                    format!("the term of `{}` has no end but another follows", a.member),
                )
                .at_pos(a.position)
                .help("give the earlier term a `to:` date"),
            ),
            _ => {}
        }
    }
    out
}
