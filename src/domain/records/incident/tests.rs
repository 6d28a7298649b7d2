//! Table tests of the 72-hour rule (Art. 33(1)), the checks and the references.

use chrono::TimeZone;

use super::*;

fn t(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap()
}

/// Aware on Friday 2026-03-06 at 17:30 UTC: the deadline is Monday 2026-03-09 at 17:30 UTC
/// (the weekend counts).
fn aware() -> DateTime<Utc> {
    t(2026, 3, 6, 17, 30, 0)
}

#[test]
fn the_deadline_is_72_clock_hours_weekend_included() {
    assert_eq!(notification_deadline(aware()), t(2026, 3, 9, 17, 30, 0));
    // Across the end of summer time in the EU (2026-10-25): still 72 hours of UTC.
    assert_eq!(
        notification_deadline(t(2026, 10, 24, 9, 0, 0)),
        t(2026, 10, 27, 9, 0, 0)
    );
    // Across a month and a leap day.
    assert_eq!(
        notification_deadline(t(2028, 2, 28, 23, 59, 59)),
        t(2028, 3, 2, 23, 59, 59)
    );
}

/// Notified at, risk, now, and the status wanted.
type Row = (
    Option<DateTime<Utc>>,
    BreachRisk,
    DateTime<Utc>,
    NotificationStatus,
);

#[test]
fn status_around_the_72_hour_boundary() {
    use BreachRisk::*;
    use NotificationStatus::*;
    let deadline = t(2026, 3, 9, 17, 30, 0);
    let second = TimeDelta::seconds(1);
    let rows: [Row; 14] = [
        // Not notified: the clock runs up to and including the deadline.
        (None, NotAssessed, aware(), WithinDeadline),
        (None, NotAssessed, deadline - second, WithinDeadline),
        (None, NotAssessed, deadline, WithinDeadline),
        (None, NotAssessed, deadline + second, Overdue),
        (None, Risk, deadline + second, Overdue),
        (None, HighRisk, deadline + TimeDelta::days(30), Overdue),
        // Unlikely to result in a risk: no notification needed, before or after.
        (None, Unlikely, deadline - second, NotRequired),
        (None, Unlikely, deadline + second, NotRequired),
        // Notified: at the deadline is on time, a second later is late, whatever `now` is.
        (
            Some(aware()),
            Risk,
            deadline + TimeDelta::days(9),
            NotifiedOnTime,
        ),
        (Some(deadline - second), Risk, deadline, NotifiedOnTime),
        (Some(deadline), HighRisk, deadline + second, NotifiedOnTime),
        (
            Some(deadline + second),
            Risk,
            deadline + second,
            NotifiedLate,
        ),
        // A notification made although the risk was assessed unlikely still counts as made.
        (
            Some(deadline + second),
            Unlikely,
            deadline + second,
            NotifiedLate,
        ),
        (
            Some(deadline - second),
            NotAssessed,
            deadline,
            NotifiedOnTime,
        ),
    ];
    for (notified, risk, now, want) in rows {
        assert_eq!(
            notification_status(aware(), notified, risk, now),
            want,
            "notified {notified:?}, risk {risk:?}, now {now}"
        );
    }
}

#[test]
fn only_a_running_or_passed_clock_needs_a_decision() {
    use NotificationStatus::*;
    for (status, needs) in [
        (WithinDeadline, true),
        (Overdue, true),
        (NotifiedOnTime, false),
        (NotifiedLate, false),
        (NotRequired, false),
    ] {
        assert_eq!(status.needs_decision(), needs, "{status:?}");
    }
}

#[test]
fn time_left_in_words() {
    let deadline = t(2026, 3, 9, 17, 30, 0);
    for (now, words) in [
        (aware(), "72 h 0 min left"),
        (t(2026, 3, 9, 15, 25, 30), "2 h 4 min left"),
        (deadline, "0 h 0 min left"),
        (t(2026, 3, 9, 19, 35, 0), "2 h 5 min overdue"),
        (t(2026, 3, 12, 18, 0, 0), "3 days overdue"),
    ] {
        assert_eq!(time_left_words(deadline, now), words, "{now}");
    }
}

fn entry() -> IncidentEntry {
    IncidentEntry::new(
        aware(),
        IncidentDetails {
            facts: "A laptop was stolen from a car".into(),
            ..IncidentDetails::default()
        },
    )
}

#[test]
fn a_late_notification_needs_the_reasons_for_the_delay() {
    let now = t(2026, 3, 20, 9, 0, 0);
    let mut e = entry();
    e.authority_notified_at = Some(e.deadline());
    assert!(e.check(now).is_ok(), "at the deadline: on time");
    e.authority_notified_at = Some(t(2026, 3, 9, 21, 0, 0));
    let err = e.check(now).unwrap_err();
    assert!(err.starts_with("Reason for delay:"), "{err}");
    assert!(err.contains("75 h 30 min"), "{err}");
    assert!(err.contains("Art. 33(1)"), "{err}");
    e.details.reason_for_delay = "  ".into();
    assert!(e.check(now).is_err(), "blank is no reason");
    e.details.reason_for_delay = "The hosting provider told us only on Monday evening".into();
    assert!(e.check(now).is_ok());
}

#[test]
fn checks_name_the_field() {
    let now = t(2026, 3, 7, 9, 0, 0);
    let mut e = entry();
    assert!(e.check(now).is_ok());
    e.occurred_on = NaiveDate::from_ymd_opt(2026, 3, 7);
    assert!(e.check(now).unwrap_err().starts_with("Occurred on"));
    e.occurred_on = NaiveDate::from_ymd_opt(2026, 3, 6);
    assert!(e.check(now).is_ok(), "the same day as becoming aware");
    e.authority_notified_at = Some(aware() - TimeDelta::minutes(1));
    assert!(
        e.check(now)
            .unwrap_err()
            .starts_with("Authority notified at")
    );
    e.authority_notified_at = Some(now + TimeDelta::minutes(1));
    assert!(e.check(now).unwrap_err().contains("in the future"));
    e.authority_notified_at = None;
    e.aware_at = now + TimeDelta::minutes(1);
    assert!(e.check(now).unwrap_err().starts_with("Became aware at"));
    e.details.facts = " ".into();
    assert!(e.check(now).unwrap_err().starts_with("Facts"));
}

#[test]
fn people_are_told_of_a_high_risk() {
    let mut e = entry();
    assert!(!e.people_to_tell());
    e.details.risk = BreachRisk::HighRisk;
    assert!(e.people_to_tell());
    // The flag alone says neither when nor how (Art. 34(1)).
    e.subjects_notified = true;
    assert!(e.people_to_tell());
    e.details.people_told = Some(PeopleCommunication {
        on: NaiveDate::from_ymd_opt(2026, 3, 7).unwrap(),
        method: CommunicationMethod::Letter,
    });
    assert!(!e.people_to_tell());
    e.details.people_told = None;
    e.details.art34_exception = Some(Art34Exception {
        ground: Art34Ground::Unintelligible,
        reason: "the disk was encrypted".into(),
        public_notice_on: None,
    });
    assert!(!e.people_to_tell());
}

#[test]
fn the_communication_to_the_people_is_checked_against_the_dates() {
    let now = t(2026, 3, 20, 9, 0, 0);
    let mut e = entry();
    e.details.people_told = Some(PeopleCommunication {
        on: NaiveDate::from_ymd_opt(2026, 3, 5).unwrap(),
        method: CommunicationMethod::Email,
    });
    assert!(e.check(now).unwrap_err().starts_with("People told on"));
    e.details.people_told = Some(PeopleCommunication {
        on: NaiveDate::from_ymd_opt(2026, 3, 21).unwrap(),
        method: CommunicationMethod::Email,
    });
    assert!(e.check(now).unwrap_err().contains("in the future"));
    e.details.people_told = None;
    e.details.art34_exception = Some(Art34Exception {
        ground: Art34Ground::DisproportionateEffort,
        reason: "no addresses held".into(),
        public_notice_on: None,
    });
    assert!(e.check(now).unwrap_err().contains("public communication"));
}

#[test]
fn closing_needs_a_decision_and_a_complete_record() {
    let mut i = Incident {
        id: Uuid::nil(),
        number: 3,
        entry: entry(),
        closed_on: None,
        recorded_by: "owner".into(),
        recorded_at: String::new(),
    };
    assert_eq!(i.reference(), "INC-0003");
    let now = t(2026, 3, 7, 9, 0, 0);
    assert!(i.check_close(now).unwrap_err().starts_with("Close:"));
    i.entry.details.risk = BreachRisk::Unlikely;
    assert!(i.check_close(now).unwrap_err().starts_with("Effects:"));
    i.entry.details.effects = "None: the disk was encrypted".into();
    assert!(
        i.check_close(now)
            .unwrap_err()
            .starts_with("Remedial action:")
    );
    i.entry.details.remedial_action = "Remote wipe; passwords changed".into();
    assert!(i.check_close(now).is_ok());
    // A high risk: the people told or an Art. 34(3) exception (Art. 34(1)).
    i.entry.details.risk = BreachRisk::HighRisk;
    i.entry.authority_notified_at = Some(now);
    assert!(i.check_close(now).unwrap_err().contains("Art. 34(1)"));
    i.entry.details.people_told = Some(PeopleCommunication {
        on: NaiveDate::from_ymd_opt(2026, 3, 7).unwrap(),
        method: CommunicationMethod::PublicNotice,
    });
    assert!(i.check_close(now).is_ok());
}

#[test]
fn times_and_references_parse() {
    let want = t(2026, 3, 2, 14, 30, 0);
    for text in [
        "2026-03-02 14:30",
        " 2026-03-02 14:30:00 ",
        "2026-03-02T14:30",
        "2026-03-02T15:30:00+01:00",
        "2026-03-02T14:30:00Z",
    ] {
        assert_eq!(parse_time("Became aware at", text), Ok(want), "{text}");
    }
    let err = parse_time("Became aware at", "2 March").unwrap_err();
    assert!(err.starts_with("Became aware at: write the time"), "{err}");
    for (text, n) in [("INC-0003", Some(3)), ("inc-12", Some(12)), ("7", Some(7))] {
        assert_eq!(parse_reference(text), n, "{text}");
    }
    for bad in ["INC-", "INC-0", "R-0001", "", "-3"] {
        assert_eq!(parse_reference(bad), None, "{bad}");
    }
}

#[test]
fn risk_codes_round_trip() {
    for r in BreachRisk::ALL {
        assert_eq!(BreachRisk::from_code(r.code()), Some(r));
    }
    assert_eq!(
        BreachRisk::from_code("HIGH-RISK"),
        Some(BreachRisk::HighRisk)
    );
    assert_eq!(BreachRisk::from_code("severe"), None);
}
