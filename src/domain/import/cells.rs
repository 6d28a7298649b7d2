//! The rules for one cell of an imported row: email shape, times (RFC 3339 or
//! `YYYY-MM-DD HH:MM:SS` in UTC, never in the future), consent state, channel, purpose and
//! notice version. Each returns the problem as a sentence without the cell's value when the
//! value could be personal data (an email address).

use chrono::{DateTime, Duration, NaiveDateTime, Utc};

use crate::domain::consent::{Channel, ConsentEventKind};
use crate::domain::email::check_email as check_address;
use crate::domain::purpose::PurposeCode;

/// How far in the future a time may be (clock skew between machines), as for events recorded
/// by hand.
const FUTURE_TOLERANCE_MINUTES: i64 = 5;

/// The purposes an import may name, with each one's current notice version.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Catalogue {
    purposes: Vec<(PurposeCode, u32)>,
}

impl Catalogue {
    /// A catalogue of `(code, current notice version)` pairs.
    pub fn new(purposes: impl IntoIterator<Item = (PurposeCode, u32)>) -> Self {
        let mut purposes: Vec<(PurposeCode, u32)> = purposes.into_iter().collect();
        purposes.sort_by(|a, b| a.0.cmp(&b.0));
        purposes.dedup_by(|a, b| a.0 == b.0);
        Self { purposes }
    }

    /// The position of a purpose code, or a sentence naming the unknown code.
    pub fn find(&self, code: &str) -> Result<usize, String> {
        let code = code.trim();
        self.purposes
            .binary_search_by(|(c, _)| c.as_str().cmp(code))
            .map_err(|_| {
                let all: Vec<&str> = self.purposes.iter().map(|(c, _)| c.as_str()).collect();
                format!(
                    "{code:?} is not a purpose of this store; use one of {}",
                    all.join(", ")
                )
            })
    }

    /// The code at a position.
    pub fn code(&self, at: usize) -> Option<&PurposeCode> {
        self.purposes.get(at).map(|(c, _)| c)
    }

    /// The current notice version of the purpose at a position (0 when unknown).
    pub fn current_notice(&self, at: usize) -> u32 {
        self.purposes.get(at).map_or(0, |(_, v)| *v)
    }

    /// Checks a notice-version cell against the purpose's current version: empty means not
    /// known; otherwise a whole number from 1 up to the current version.
    pub fn notice_version(&self, at: usize, cell: &str) -> Result<Option<u32>, String> {
        let cell = cell.trim();
        if cell.is_empty() {
            return Ok(None);
        }
        let current = self.current_notice(at);
        match cell.parse::<u32>() {
            Ok(v) if v >= 1 && v <= current => Ok(Some(v)),
            Ok(v) if v > current => Err(format!(
                "notice version {v} does not exist yet; the purpose's current version is {current}"
            )),
            _ => Err(format!(
                "{cell:?} is not a notice version; write a whole number from 1 to {current}"
            )),
        }
    }
}

/// Parses a time: RFC 3339 (`2024-03-05T14:22:10Z`) or `2024-03-05 14:22:10` read as UTC.
pub fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(t.with_timezone(&Utc));
    }
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S")
        .ok()
        .map(|t| t.and_utc())
}

/// Checks a time cell: present, readable, and not in the future of `now`.
pub fn check_time(cell: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Err("empty; give the time as 2024-03-05 14:22:10 (UTC) or in RFC 3339".into());
    }
    let at = parse_time(cell).ok_or_else(|| {
        format!("{cell:?} is not a time; write 2024-03-05 14:22:10 (UTC) or RFC 3339 (2024-03-05T14:22:10Z)")
    })?;
    if at > now + Duration::minutes(FUTURE_TOLERANCE_MINUTES) {
        return Err(format!("{cell:?} is in the future"));
    }
    Ok(at)
}

/// Reads a day (`YYYY-MM-DD`, taken as its start in UTC) or a time as [`check_time`] does;
/// refuses one in the future.
pub fn check_day_or_time(cell: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    let cell = cell.trim();
    if let Ok(day) = chrono::NaiveDate::parse_from_str(cell, "%Y-%m-%d") {
        let at = day.and_time(chrono::NaiveTime::MIN).and_utc();
        if at > now {
            return Err(format!("{cell:?} is in the future"));
        }
        return Ok(at);
    }
    check_time(cell, now).map_err(|m| {
        m.replace(
            "give the time as",
            "give the day as 2024-03-05, or the time as",
        )
    })
}

/// Checks an email cell; returns it trimmed. The message never repeats the address.
pub fn check_email(cell: &str) -> Result<&str, String> {
    let email = cell.trim();
    if email.is_empty() {
        return Err("empty; every row needs the person's email address".into());
    }
    check_address(email).map_err(|e| e.to_string())
}

/// Reads a `state` cell: `given` or `withdrawn` (case ignored).
pub fn parse_state(cell: &str) -> Result<ConsentEventKind, String> {
    let cell = cell.trim();
    if cell.eq_ignore_ascii_case("given") {
        Ok(ConsentEventKind::Given)
    } else if cell.eq_ignore_ascii_case("withdrawn") {
        Ok(ConsentEventKind::Withdrawn)
    } else if cell.is_empty() {
        Err("empty; write given or withdrawn".into())
    } else {
        Err(format!("{cell:?} is not a state; write given or withdrawn"))
    }
}

/// Reads a `channel` cell: a channel code (case ignored); empty means `import`.
pub fn parse_channel(cell: &str) -> Result<Channel, String> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Ok(Channel::Import);
    }
    Channel::ALL
        .into_iter()
        .find(|c| c.code().eq_ignore_ascii_case(cell))
        .ok_or_else(|| {
            let all: Vec<&str> = Channel::ALL.iter().map(|c| c.code()).collect();
            format!("{cell:?} is not a channel; use one of {}", all.join(", "))
        })
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 6, 1, 12, 0, 0).unwrap()
    }

    fn catalogue() -> Catalogue {
        Catalogue::new([
            (PurposeCode::parse("newsletter").unwrap(), 2),
            (PurposeCode::parse("partner-sharing").unwrap(), 1),
        ])
    }

    #[test]
    fn time_table() {
        let at = |y, mo, d, h, mi, s| Some(Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap());
        for (text, expected) in [
            ("2024-03-05 14:22:10", at(2024, 3, 5, 14, 22, 10)),
            (" 2024-03-05 14:22:10 ", at(2024, 3, 5, 14, 22, 10)),
            ("2024-03-05T14:22:10Z", at(2024, 3, 5, 14, 22, 10)),
            ("2024-03-05T16:22:10+02:00", at(2024, 3, 5, 14, 22, 10)),
            ("2024-03-05", None),
            ("05/03/2024 14:22", None),
            ("2024-13-05 14:22:10", None),
            ("", None),
        ] {
            assert_eq!(parse_time(text), expected, "{text:?}");
        }
    }

    #[test]
    fn check_time_table() {
        for (cell, ok, says) in [
            ("2025-06-01 12:04:00", true, ""),
            ("2025-06-01 12:06:00", false, "in the future"),
            ("2031-01-01T00:00:00Z", false, "in the future"),
            ("yesterday", false, "is not a time"),
            ("", false, "empty"),
        ] {
            let got = check_time(cell, now());
            assert_eq!(got.is_ok(), ok, "{cell:?}: {got:?}");
            if let Err(e) = got {
                assert!(e.contains(says), "{cell:?}: {e}");
            }
        }
    }

    #[test]
    fn email_table() {
        for (cell, ok) in [
            ("ada@example.org", true),
            ("  Zoë.Müller@Exämple.de ", true),
            ("", false),
            ("   ", false),
            ("ada", false),
            ("ada@example", false),
            ("ada lovelace@example.org", false),
            ("jane@@example.com", false),
        ] {
            let got = check_email(cell);
            assert_eq!(got.is_ok(), ok, "{cell:?}");
            if let Err(e) = got {
                assert!(!e.contains(cell.trim()) || cell.trim().is_empty(), "{e}");
            }
        }
        assert_eq!(check_email(" a@b.org ").unwrap(), "a@b.org");
    }

    #[test]
    fn state_and_channel_tables() {
        use ConsentEventKind::*;
        for (cell, expected) in [
            ("given", Some(Given)),
            ("Withdrawn", Some(Withdrawn)),
            (" GIVEN ", Some(Given)),
            ("yes", None),
            ("", None),
        ] {
            assert_eq!(parse_state(cell).ok(), expected, "{cell:?}");
        }
        for (cell, expected) in [
            ("", Some(Channel::Import)),
            ("web-form", Some(Channel::WebForm)),
            ("Double-Opt-In-Email", Some(Channel::DoubleOptInEmail)),
            ("fax", None),
        ] {
            assert_eq!(parse_channel(cell).ok(), expected, "{cell:?}");
        }
    }

    #[test]
    fn catalogue_and_notice_versions() {
        let c = catalogue();
        let news = c.find("newsletter").unwrap();
        assert_eq!(c.code(news).unwrap().as_str(), "newsletter");
        assert!(
            c.find("nope")
                .unwrap_err()
                .contains("newsletter, partner-sharing")
        );
        for (cell, expected) in [
            ("", Ok(None)),
            ("1", Ok(Some(1))),
            ("2", Ok(Some(2))),
            ("3", Err("does not exist yet")),
            ("0", Err("is not a notice version")),
            ("v2", Err("is not a notice version")),
        ] {
            match (c.notice_version(news, cell), expected) {
                (Ok(got), Ok(want)) => assert_eq!(got, want, "{cell:?}"),
                (Err(got), Err(want)) => assert!(got.contains(want), "{cell:?}: {got}"),
                (got, want) => panic!("{cell:?}: {got:?} vs {want:?}"),
            }
        }
    }
}
