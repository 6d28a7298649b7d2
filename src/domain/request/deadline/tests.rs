//! Table tests of the deadline rules in `deadline.rs`, each row citing its source.

use super::*;
use crate::domain::holidays::Jurisdiction;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn none() -> HolidayCalendar {
    HolidayCalendar::default()
}

fn ew() -> HolidayCalendar {
    HolidayCalendar::preset(Jurisdiction::EnglandWales, 2023..=2028)
}

fn us() -> HolidayCalendar {
    HolidayCalendar::preset(Jurisdiction::UsFederal, 2023..=2028)
}

fn ie() -> HolidayCalendar {
    HolidayCalendar::preset(Jurisdiction::Ireland, 2023..=2028)
}

/// (received, due) under GDPR one month, no holidays: corresponding dates, month ends,
/// leap years, weekends.
#[test]
fn gdpr_one_month_table() {
    let table = [
        ("2026-09-03", "2026-10-05"), // 3 Oct 2026 is a Saturday → Monday 5 October
        ("2026-03-02", "2026-04-02"), // plain corresponding date (Thursday)
        ("2026-01-31", "2026-03-02"), // no 31 Feb → 28 Feb 2026, a Saturday → Monday 2 March
        ("2024-01-31", "2024-02-29"), // leap year: last day of February, a Thursday
        ("2024-01-30", "2024-02-29"), // leap year, no 30 Feb
        ("2027-01-29", "2027-03-01"), // no 29 Feb 2027 → 28 Feb, a Sunday → Monday 1 March
        ("2026-08-31", "2026-09-30"), // no 31 Sep → 30 Sep (Wednesday)
        ("2026-12-15", "2027-01-15"), // across the year end (Friday)
        ("2026-05-30", "2026-06-30"), // Tuesday
        ("2026-10-17", "2026-11-17"), // Tuesday
    ];
    for (received, due) in table {
        let dl = deadline(
            Regime::Gdpr,
            RequestType::Access,
            d(received),
            None,
            None,
            false,
            &none(),
        );
        assert_eq!(dl.due, d(due), "received {received}");
        assert_eq!(dl.first_period_end, d(due));
    }
}

/// Public holidays move the due date on, one or several days.
#[test]
fn gdpr_holidays_table() {
    let table = [
        // Due 25 Dec 2026 (Fri, Christmas) → 28 Dec is the Boxing Day substitute → 29 Dec.
        (Regime::UkGdpr, ew(), "2026-11-25", "2026-12-29"),
        // Due 6 Apr 2026 is Easter Monday → Tuesday 7 April.
        (Regime::UkGdpr, ew(), "2026-03-06", "2026-04-07"),
        // Due 4 May 2026, early May bank holiday → 5 May.
        (Regime::UkGdpr, ew(), "2026-04-04", "2026-05-05"),
        // Ireland: due 17 March 2026 (St Patrick's Day, Tuesday) → 18 March.
        (Regime::Gdpr, ie(), "2026-02-17", "2026-03-18"),
        // Ireland: due 2 Feb 2026 (St Brigid's Day) → 3 Feb.
        (Regime::Gdpr, ie(), "2026-01-02", "2026-02-03"),
        // The same day in England is a working day.
        (Regime::UkGdpr, ew(), "2026-02-17", "2026-03-17"),
    ];
    for (regime, cal, received, due) in table {
        let dl = deadline(
            regime,
            RequestType::Erasure,
            d(received),
            None,
            None,
            false,
            &cal,
        );
        assert_eq!(dl.due, d(due), "{regime:?} received {received}");
    }
}

/// Identity asked for and received restarts the GDPR month; not the CCPA clock
/// (Art. 12(6); EDPB Guidelines 01/2022 § 159; Cal. Code Regs. tit. 11 § 7021(b)).
/// (regime, type, received, asked, answered, due).
#[test]
fn identity_restarts_table() {
    use RequestType::*;
    let table = [
        (
            Regime::Gdpr,
            Access,
            "2026-03-02",
            Some("2026-03-03"),
            "2026-03-20",
            "2026-04-20",
        ),
        (
            Regime::UkGdpr,
            Erasure,
            "2026-01-10",
            Some("2026-01-12"),
            "2026-01-31",
            "2026-03-02",
        ),
        (
            Regime::CcpaCpra,
            Know,
            "2026-03-02",
            Some("2026-03-03"),
            "2026-03-20",
            "2026-04-15",
        ),
        // A date before receipt is ignored.
        (
            Regime::Gdpr,
            Access,
            "2026-03-02",
            Some("2026-03-02"),
            "2026-02-20",
            "2026-04-02",
        ),
        // Issue 16 item 3: an answer with nothing asked does not restart the month.
        (
            Regime::Gdpr,
            Access,
            "2026-03-02",
            None,
            "2026-03-20",
            "2026-04-02",
        ),
        // Never earlier than the day it was asked: asked 10 March, "answered" 5 March.
        (
            Regime::UkGdpr,
            Access,
            "2026-03-02",
            Some("2026-03-10"),
            "2026-03-05",
            "2026-04-10",
        ),
    ];
    for (regime, kind, received, asked, answered, due) in table {
        let dl = deadline(
            regime,
            kind,
            d(received),
            asked.map(d),
            Some(d(answered)),
            false,
            &none(),
        );
        assert_eq!(dl.due, d(due), "{regime:?} {received} {asked:?} {answered}");
    }
}

/// Extensions: GDPR three months from the start (Art. 12(3)); CCPA 90 days from receipt,
/// the day of receipt being day one (Cal. Code Regs. tit. 11 § 7021(b)); opt-out none.
#[test]
fn extensions_table() {
    let table = [
        (
            Regime::Gdpr,
            RequestType::Access,
            "2026-03-02",
            None,
            "2026-06-02",
        ),
        // 30 Nov + 3 months → 28 Feb 2027 (Sunday) → Monday 1 March.
        (
            Regime::UkGdpr,
            RequestType::Access,
            "2026-11-30",
            None,
            "2027-03-01",
        ),
        // Restarted clock: 20 March + 3 months = 20 June 2026, a Saturday → Monday 22 June.
        (
            Regime::Gdpr,
            RequestType::Portability,
            "2026-03-02",
            Some("2026-03-20"),
            "2026-06-22",
        ),
        // 90th day counting 2 March 2026 as day one: 30 May (was 31 May before issue 16).
        (
            Regime::CcpaCpra,
            RequestType::Delete,
            "2026-03-02",
            None,
            "2026-05-30",
        ),
        // Across 29 February 2024: 13 April.
        (
            Regime::CcpaCpra,
            RequestType::Know,
            "2024-01-15",
            None,
            "2024-04-13",
        ),
    ];
    for (regime, kind, received, identity, due) in table {
        let asked = identity.map(|_| d(received));
        let dl = deadline(
            regime,
            kind,
            d(received),
            asked,
            identity.map(d),
            true,
            &none(),
        );
        assert_eq!(dl.due, d(due), "{regime:?} {kind:?} {received}");
        assert_eq!(dl.extended_end, Some(d(due)));
        assert!(dl.first_period_end < dl.due);
    }
    // The extended date also moves off a holiday: 25 Dec 2026 + … from 25 Sep.
    let dl = deadline(
        Regime::UkGdpr,
        RequestType::Access,
        d("2026-09-25"),
        None,
        None,
        true,
        &ew(),
    );
    assert_eq!(dl.first_period_end, d("2026-10-26")); // 25 Oct is a Sunday
    assert_eq!(dl.due, d("2026-12-29")); // 25 Dec, 26–27 weekend, 28 substitute
}

/// CCPA: 45 calendar days, the day of receipt being day one (Cal. Code Regs. tit. 11
/// § 7021(b)), not moved off weekends; opt-out and limit 15 business days counted the same
/// way (§ 7026(f), § 7027(g)). Issue 16 item 12: before, the day of receipt was not
/// counted, which gave every CCPA due date one day (one business day) too late.
#[test]
fn ccpa_table() {
    let table = [
        // Day 1 = Monday 2 March 2026, day 45 = Wednesday 15 April.
        (RequestType::Know, "2026-03-02", "2026-04-15"),
        (RequestType::Delete, "2026-11-29", "2027-01-12"),
        (RequestType::Correct, "2024-02-15", "2024-03-30"), // a Saturday: not moved
        // 15 business days, 2 March 2026 (Mon) being the first → Friday 20 March.
        (RequestType::OptOut, "2026-03-02", "2026-03-20"),
        // Received on a Saturday: day one is Monday 9 March → Friday 27 March.
        (RequestType::OptOut, "2026-03-07", "2026-03-27"),
        // Across Thanksgiving (26 Nov) 2026: from Fri 20 Nov → Fri 11 Dec.
        (RequestType::Limit, "2026-11-20", "2026-12-11"),
        // Across Christmas and New Year's Day 2026/27: from 18 Dec → 11 Jan 2027.
        (RequestType::OptOut, "2026-12-18", "2027-01-11"),
    ];
    for (kind, received, due) in table {
        let dl = deadline(
            Regime::CcpaCpra,
            kind,
            d(received),
            None,
            None,
            false,
            &us(),
        );
        assert_eq!(dl.due, d(due), "{kind:?} {received}");
    }
    let opt_out = deadline(
        Regime::CcpaCpra,
        RequestType::OptOut,
        d("2026-03-02"),
        None,
        None,
        true,
        &us(),
    );
    assert_eq!(opt_out.extended_end, None);
    assert_eq!(opt_out.due, d("2026-03-20"), "no extension exists");
    assert!(!DeadlineRule::Ccpa15BusinessDays.extendable());
}

#[test]
fn urgency_marks() {
    let today = d("2026-11-29");
    assert_eq!(Urgency::of(d("2026-11-28"), today, false), Urgency::Overdue);
    assert_eq!(Urgency::of(d("2026-11-29"), today, false), Urgency::DueSoon);
    assert_eq!(Urgency::of(d("2026-12-05"), today, false), Urgency::DueSoon);
    assert_eq!(Urgency::of(d("2026-12-06"), today, false), Urgency::OnTrack);
    assert_eq!(Urgency::of(d("2026-11-01"), today, true), Urgency::Paused);
}
