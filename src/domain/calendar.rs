//! Deadlines as calendar events (issue 18, item 6): written as an iCalendar file (RFC 5545)
//! the officer imports into their own calendar.
//!
//! Each event's UID is derived from the record it comes from (the request's, incident's,
//! training's or assessment's id, the vendor's code), never from personal data, so importing a
//! newer export updates the events already there instead of adding copies (RFC 5545
//! § 3.8.4.7: the UID identifies the event across versions). Summaries name request references,
//! incident references, vendor names, training topics and assessment titles: no person's name
//! or email.

use chrono::{DateTime, NaiveDate, Utc};
use icalendar::{Calendar, Component, Event, EventLike};

/// When an event happens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// All day.
    Day(NaiveDate),
    /// At a moment (a breach's 72-hour deadline).
    At(DateTime<Utc>),
}

/// One deadline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarEntry {
    /// The stable UID (see the module documentation).
    pub uid: String,
    /// When.
    pub when: When,
    /// The one-line summary.
    pub summary: String,
    /// More words, with the rule that sets the deadline.
    pub description: String,
}

/// The domain part of every UID.
const UID_DOMAIN: &str = "privacy-desk.invalid";

/// The UID of an event of `kind` (`request-due`, `breach-72h`, …) for the record `id`.
pub fn uid(kind: &str, id: &str) -> String {
    format!("{kind}-{id}@{UID_DOMAIN}")
}

/// The calendar file's text (RFC 5545: CRLF line ends, lines folded at 75 octets, text
/// escaped), with `stamp` as every event's DTSTAMP.
pub fn render(entries: &[CalendarEntry], stamp: DateTime<Utc>) -> String {
    let mut cal = Calendar::new();
    cal.name("Privacy Desk deadlines");
    for e in entries {
        let mut event = Event::new();
        event
            .uid(&e.uid)
            .summary(&e.summary)
            .description(&e.description)
            .timestamp(stamp);
        match e.when {
            When::Day(d) => event.all_day(d),
            When::At(t) => event.starts(t).ends(t),
        };
        cal.push(event.done());
    }
    cal.done().to_string()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn rendered_events_parse_back_with_their_uids_and_escaping() {
        let stamp = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
        let entries = vec![
            CalendarEntry {
                uid: uid("request-due", "R-0001"),
                when: When::Day(NaiveDate::from_ymd_opt(2026, 12, 20).unwrap()),
                summary: "R-0001 erasure due; GDPR, Art. 12(3)".into(),
                description: "A line long enough to be folded by the writer because RFC 5545 wants lines of at most seventy-five octets".into(),
            },
            CalendarEntry {
                uid: uid("breach-72h", "x"),
                when: When::At(Utc.with_ymd_and_hms(2026, 12, 4, 10, 30, 0).unwrap()),
                summary: "INC-0001".into(),
                description: String::new(),
            },
        ];
        let text = render(&entries, stamp);
        assert!(text.contains("\r\n"));
        assert!(text.lines().all(|l| l.len() <= 75), "{text}");
        assert!(
            text.contains("R-0001 erasure due\\; GDPR\\, Art. 12(3)"),
            "{text}"
        );
        assert!(text.contains("DTSTART;VALUE=DATE:20261220"), "{text}");
        let parsed: Calendar = text.parse().expect("parses");
        let uids: Vec<String> = parsed
            .components
            .iter()
            .filter_map(|c| c.as_event())
            .filter_map(|e| e.get_uid().map(str::to_owned))
            .collect();
        assert_eq!(
            uids,
            [
                "request-due-R-0001@privacy-desk.invalid",
                "breach-72h-x@privacy-desk.invalid"
            ]
        );
    }
}
