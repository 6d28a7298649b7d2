//! How the consent ledger's plain columns are read in bulk: stored times parsed fast (whole
//! ledger reads parse millions), and a stand-in for evidence that is not decrypted.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use crate::domain::consent::Evidence;

use super::{StoreError, StoreResult};

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(format!("a consent event has an unreadable {what}"))
}

/// The sealed length of empty evidence (`{}`): anything longer holds some.
pub(super) const EMPTY_EVIDENCE_SEALED_LEN: i64 = (crate::crypto::SEAL_OVERHEAD + 2) as i64;

/// Stands in for evidence that is not decrypted when streaming the ledger: empty when none was
/// recorded, otherwise a placeholder note, so `Evidence::is_empty` still tells the two apart.
pub(super) fn evidence_marker(sealed_len: i64) -> Evidence {
    if sealed_len > EMPTY_EVIDENCE_SEALED_LEN {
        Evidence {
            note: "(sealed)".into(),
            ..Evidence::default()
        }
    } else {
        Evidence::default()
    }
}

/// Reads a time as stored (RFC 3339). The usual UTC form (`2026-11-29T20:36:19+00:00`, with or
/// without a fraction of a second) is read directly, a few times faster than the general
/// parser: whole-ledger reads (a sweep's plan, the counts) read millions of them.
pub(super) fn parse_time(text: &str) -> StoreResult<DateTime<Utc>> {
    parse_time_bytes(text.as_bytes())
}

/// [`parse_time`] of a column's bytes: the usual form needs no UTF-8 check.
pub(super) fn parse_time_bytes(text: &[u8]) -> StoreResult<DateTime<Utc>> {
    if let Some(t) = utc_time(text) {
        return Ok(t);
    }
    std::str::from_utf8(text)
        .ok()
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| corrupt("time"))
}

/// The number written with the ASCII digits `digits` (`None` if any is not a digit).
fn number(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0u32, |n, &b| {
        b.is_ascii_digit()
            .then(|| n.saturating_mul(10).saturating_add(u32::from(b - b'0')))
    })
}

/// `YYYY-MM-DD` at the start of `text`.
pub(super) fn ymd(text: &[u8]) -> Option<NaiveDate> {
    if text.len() < 10 || text[4] != b'-' || text[7] != b'-' {
        return None;
    }
    let year = i32::try_from(number(&text[..4])?).ok()?;
    NaiveDate::from_ymd_opt(year, number(&text[5..7])?, number(&text[8..10])?)
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction]+00:00`, the form this program writes; `None` for any other.
fn utc_time(text: &[u8]) -> Option<DateTime<Utc>> {
    let body = text.strip_suffix(b"+00:00")?;
    if body.len() < 19 || body[10] != b'T' || body[13] != b':' || body[16] != b':' {
        return None;
    }
    let nanos = match &body[19..] {
        [] => 0,
        [b'.', digits @ ..] if (1..=9).contains(&digits.len()) => {
            number(digits)? * 10u32.pow(9 - digits.len() as u32)
        }
        _ => return None,
    };
    let time = NaiveTime::from_hms_nano_opt(
        number(&body[11..13])?,
        number(&body[14..16])?,
        number(&body[17..19])?,
        nanos,
    )?;
    Some(ymd(body)?.and_time(time).and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_times_read_as_the_general_parser_reads_them() {
        for text in [
            "2026-11-29T20:36:19+00:00",
            "2024-02-29T00:00:00+00:00",
            "2025-06-01T10:00:00.5+00:00",
            "2025-06-01T10:00:00.123456789+00:00",
            "1999-12-31T23:59:59.000001+00:00",
        ] {
            let general = DateTime::parse_from_rfc3339(text)
                .unwrap()
                .with_timezone(&Utc);
            assert_eq!(utc_time(text.as_bytes()), Some(general), "{text}");
            assert_eq!(parse_time(text).unwrap(), general, "{text}");
        }
        // Other forms go to the general parser, which still reads them (or refuses them).
        for text in [
            "2026-11-29T21:36:19+01:00",
            "2026-11-29T20:36:19Z",
            "2026-11-29T20:36:19.1234567890+00:00",
            "2026-02-30T20:36:19+00:00",
            "2026-11-29 20:36:19+00:00",
            "20x6-11-29T20:36:19+00:00",
        ] {
            assert_eq!(utc_time(text.as_bytes()), None, "{text}");
            assert_eq!(
                parse_time(text).ok(),
                DateTime::parse_from_rfc3339(text)
                    .ok()
                    .map(|t| t.with_timezone(&Utc)),
                "{text}"
            );
        }
        assert_eq!(ymd(b"2026-11-29"), NaiveDate::from_ymd_opt(2026, 11, 29));
        assert_eq!(ymd(b"2026-13-01"), None);
        assert_eq!(ymd(b"2026-1-01"), None);
    }
}
