//! Table tests of the ledger rules.

use chrono::{DateTime, TimeZone, Utc};

use super::*;
use crate::domain::purpose::LegalBasis;

fn purpose(code: &str, sale: bool, categories: &[&str]) -> Purpose {
    Purpose {
        code: PurposeCode::parse(code).unwrap(),
        name: code.into(),
        description: "d".into(),
        legal_basis: LegalBasis::Consent,
        data_categories: categories.iter().map(|c| (*c).to_owned()).collect(),
        ccpa_sale_or_share: sale,
    }
}

fn day(d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, d, 12, 0, 0).unwrap()
}

fn ev(purpose: Option<&str>, kind: ConsentEventKind, d: u32) -> ConsentEvent {
    ConsentEvent {
        purpose: purpose.map(|p| PurposeCode::parse(p).unwrap()),
        kind,
        at: day(d),
        channel: Channel::WebForm,
        notice_version: Some(1),
        evidence: Evidence {
            form_id: "signup".into(),
            ..Evidence::default()
        },
        recorded_by: "owner".into(),
    }
}

use ConsentEventKind::*;

/// An opt-in to sale or sharing with its second step (the confirmation) recorded.
fn confirmed_opt_in(d: u32) -> ConsentEvent {
    let mut e = ev(None, OptedInToSaleOrSharing, d);
    e.evidence.confirmed_at = day(d).to_rfc3339();
    e
}

#[test]
fn state_table() {
    let news = purpose("newsletter", false, &["contact.email"]);
    let partners = purpose("partner-sharing", true, &["contact.email"]);
    let health = purpose("health-tips", false, &["sensitive.health"]);
    type Case<'a> = (
        &'a str,
        &'a Purpose,
        Vec<ConsentEvent>,
        &'a str,
        Option<u32>,
    );
    let cases: Vec<Case> = vec![
        ("nothing", &news, vec![], "none", None),
        (
            "given",
            &news,
            vec![ev(Some("newsletter"), Given, 1)],
            "given",
            Some(1),
        ),
        (
            "given then withdrawn",
            &news,
            vec![
                ev(Some("newsletter"), Given, 1),
                ev(Some("newsletter"), Withdrawn, 5),
            ],
            "withdrawn",
            Some(5),
        ),
        (
            "withdrawn then given again",
            &news,
            vec![
                ev(Some("newsletter"), Withdrawn, 5),
                ev(Some("newsletter"), Given, 9),
                ev(Some("newsletter"), Given, 1),
            ],
            "given",
            Some(9),
        ),
        (
            "refresh keeps the original date",
            &news,
            vec![
                ev(Some("newsletter"), Given, 1),
                ev(Some("newsletter"), Refreshed, 20),
            ],
            "given",
            Some(1),
        ),
        (
            "refresh without a prior consent gives it",
            &news,
            vec![ev(Some("newsletter"), Refreshed, 20)],
            "given",
            Some(20),
        ),
        (
            "expired",
            &news,
            vec![
                ev(Some("newsletter"), Given, 1),
                ev(Some("newsletter"), Expired, 30),
            ],
            "expired",
            Some(30),
        ),
        (
            "another purpose's events do not count",
            &news,
            vec![ev(Some("partner-sharing"), Given, 1)],
            "none",
            None,
        ),
        (
            "CCPA opt-out stops a sale/share purpose",
            &partners,
            vec![
                ev(Some("partner-sharing"), Given, 1),
                ev(None, OptedOutOfSaleOrSharing, 3),
            ],
            "opted_out",
            Some(3),
        ),
        (
            "CCPA opt-out does not touch other purposes",
            &news,
            vec![
                ev(Some("newsletter"), Given, 1),
                ev(None, OptedOutOfSaleOrSharing, 3),
            ],
            "given",
            Some(1),
        ),
        (
            "GPC is an opt-out",
            &partners,
            vec![
                ev(Some("partner-sharing"), Given, 1),
                ev(None, GlobalPrivacyControl, 2),
            ],
            "opted_out",
            Some(2),
        ),
        (
            "an opt-in in two steps restores the consent (11 CCR § 7028(a))",
            &partners,
            vec![
                ev(Some("partner-sharing"), Given, 1),
                ev(None, GlobalPrivacyControl, 2),
                confirmed_opt_in(4),
            ],
            "given",
            Some(1),
        ),
        (
            "an opt-in without its confirmation lifts nothing (11 CCR § 7028(a))",
            &partners,
            vec![
                ev(Some("partner-sharing"), Given, 1),
                ev(None, OptedOutOfSaleOrSharing, 2),
                ev(None, OptedInToSaleOrSharing, 4),
            ],
            "opted_out",
            Some(2),
        ),
        (
            "the earliest of several opt-outs dates it",
            &partners,
            vec![
                ev(None, GlobalPrivacyControl, 2),
                ev(None, OptedOutOfSaleOrSharing, 6),
            ],
            "opted_out",
            Some(2),
        ),
        (
            "a later consent to the purpose does not lift an opt-out (11 CCR § 7028(a))",
            &partners,
            vec![
                ev(None, OptedOutOfSaleOrSharing, 2),
                ev(Some("partner-sharing"), Given, 8),
                ev(Some("partner-sharing"), Refreshed, 9),
            ],
            "opted_out",
            Some(2),
        ),
        (
            "after a two-step opt-in, a later consent stands",
            &partners,
            vec![
                ev(None, OptedOutOfSaleOrSharing, 2),
                confirmed_opt_in(5),
                ev(Some("partner-sharing"), Given, 8),
            ],
            "given",
            Some(8),
        ),
        (
            "limiting sensitive use stops purposes using sensitive data",
            &health,
            vec![
                ev(Some("health-tips"), Given, 1),
                ev(None, LimitedSensitiveUse, 7),
            ],
            "opted_out",
            Some(7),
        ),
        (
            "a later consent to the purpose does not lift the limit (Civ. Code § 1798.121(b))",
            &health,
            vec![
                ev(None, LimitedSensitiveUse, 7),
                ev(Some("health-tips"), Given, 9),
            ],
            "opted_out",
            Some(7),
        ),
        (
            "an opt-in to sale does not lift the limit: it is its own right",
            &health,
            vec![
                ev(Some("health-tips"), Given, 1),
                ev(None, LimitedSensitiveUse, 7),
                confirmed_opt_in(9),
            ],
            "opted_out",
            Some(7),
        ),
        (
            "consenting again to sensitive use lifts the limit (Civ. Code § 1798.121(b))",
            &health,
            vec![
                ev(Some("health-tips"), Given, 1),
                ev(None, LimitedSensitiveUse, 7),
                ev(None, ConsentedToSensitiveUse, 9),
            ],
            "given",
            Some(1),
        ),
        (
            "consenting to sensitive use does not lift a sale opt-out",
            &partners,
            vec![
                ev(Some("partner-sharing"), Given, 1),
                ev(None, OptedOutOfSaleOrSharing, 3),
                ev(None, ConsentedToSensitiveUse, 9),
            ],
            "opted_out",
            Some(3),
        ),
        (
            "limiting sensitive use leaves other purposes",
            &news,
            vec![
                ev(Some("newsletter"), Given, 1),
                ev(None, LimitedSensitiveUse, 7),
            ],
            "given",
            Some(1),
        ),
    ];
    for (name, p, events, code, since_day) in cases {
        let state = current_state(p, &events);
        assert_eq!(state.code(), code, "{name}: {state:?}");
        assert_eq!(state.since(), since_day.map(day), "{name}");
    }
}

#[test]
fn equal_times_keep_ledger_order() {
    let news = purpose("newsletter", false, &[]);
    let events = vec![
        ev(Some("newsletter"), Given, 3),
        ev(Some("newsletter"), Withdrawn, 3),
    ];
    assert_eq!(current_state(&news, &events).code(), "withdrawn");
    let events = vec![
        ev(Some("newsletter"), Withdrawn, 3),
        ev(Some("newsletter"), Given, 3),
    ];
    assert_eq!(current_state(&news, &events).code(), "given");
}

#[test]
fn review_table() {
    let news = purpose("newsletter", false, &[]);
    let given = current_state(&news, &[ev(Some("newsletter"), Given, 1)]);
    let mut bare = ev(Some("newsletter"), Given, 1);
    bare.evidence = Evidence::default();
    let no_evidence = current_state(&news, &[bare]);
    let withdrawn = current_state(
        &news,
        &[
            ev(Some("newsletter"), Given, 1),
            ev(Some("newsletter"), Withdrawn, 2),
        ],
    );
    let at = |y: i32, m: u32, d: u32| Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap();
    type Case<'a> = (
        &'a str,
        &'a ConsentState,
        Option<u32>,
        DateTime<Utc>,
        Vec<ReviewReason>,
    );
    let cases: Vec<Case> = vec![
        ("fresh", &given, Some(1), at(2027, 12, 31), vec![]),
        (
            "24 months to the day is stale",
            &given,
            Some(1),
            at(2028, 1, 1),
            vec![ReviewReason::Stale],
        ),
        (
            "newer notice",
            &given,
            Some(2),
            at(2026, 6, 1),
            vec![ReviewReason::OutdatedNotice],
        ),
        (
            "no evidence",
            &no_evidence,
            Some(1),
            at(2026, 6, 1),
            vec![ReviewReason::NoEvidence],
        ),
        (
            "withdrawn needs no review",
            &withdrawn,
            Some(2),
            at(2030, 1, 1),
            vec![],
        ),
    ];
    for (name, state, notice, now, expected) in cases {
        assert_eq!(
            review_reasons(state, notice, DEFAULT_REFRESH_MONTHS, now),
            expected,
            "{name}"
        );
    }
}

#[test]
fn codes_round_trip() {
    for k in ConsentEventKind::ALL {
        assert_eq!(ConsentEventKind::from_code(k.code()), Some(k));
    }
    for c in Channel::ALL {
        assert_eq!(Channel::from_code(c.code()), Some(c));
    }
}

/// The officer's review mark: which reasons it acknowledges and for how long.
#[test]
fn review_mark_table() {
    use ReviewReason::*;
    let at = |y: i32, m: u32, d: u32| Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap();
    let confirmed = at(2023, 1, 10);
    let mark = |y, m, d, notice| ReviewMark {
        reviewed_at: at(y, m, d),
        notice_version: notice,
    };
    let all = vec![Stale, OutdatedNotice, NoEvidence];
    type Case = (
        &'static str,
        Option<ReviewMark>,
        u32,
        DateTime<Utc>,
        Vec<ReviewReason>,
    );
    let cases: Vec<Case> = vec![
        (
            "no mark: everything open",
            None,
            2,
            at(2026, 1, 1),
            all.clone(),
        ),
        (
            "mark after confirmation clears all",
            Some(mark(2025, 6, 1, 2)),
            2,
            at(2026, 1, 1),
            vec![],
        ),
        (
            "mark older than the consent counts for nothing",
            Some(mark(2022, 6, 1, 2)),
            2,
            at(2026, 1, 1),
            all.clone(),
        ),
        (
            "a newer notice brings it back",
            Some(mark(2025, 6, 1, 2)),
            3,
            at(2026, 1, 1),
            vec![OutdatedNotice],
        ),
        (
            "the review ages like consent",
            Some(mark(2025, 6, 1, 2)),
            2,
            at(2027, 6, 1),
            vec![Stale],
        ),
        (
            "one day before it ages",
            Some(mark(2025, 6, 1, 2)),
            2,
            at(2027, 5, 31),
            vec![],
        ),
    ];
    for (name, m, current, now, expected) in cases {
        assert_eq!(
            open_reasons(
                all.clone(),
                m.as_ref(),
                confirmed,
                current,
                DEFAULT_REFRESH_MONTHS,
                now
            ),
            expected,
            "{name}"
        );
    }
}

#[test]
fn the_business_waits_twelve_months_before_asking_again() {
    // Cal. Civ. Code § 1798.135(c)(4): at least 12 months after the latest opt-out or limit.
    let choices = ccpa_choices(&[
        ev(None, OptedOutOfSaleOrSharing, 2),
        ev(None, LimitedSensitiveUse, 10),
    ]);
    assert_eq!(choices.sale_or_share_opted_out_since, Some(day(2)));
    assert_eq!(choices.sensitive_limited_since, Some(day(10)));
    assert_eq!(
        choices.may_ask_again_from,
        Some(Utc.with_ymd_and_hms(2027, 1, 10, 12, 0, 0).unwrap())
    );
    // Lifted by a two-step opt-in and a consent to sensitive use: nothing to wait for.
    let lifted = ccpa_choices(&[
        ev(None, GlobalPrivacyControl, 2),
        confirmed_opt_in(4),
        ev(None, LimitedSensitiveUse, 5),
        ev(None, ConsentedToSensitiveUse, 6),
    ]);
    assert_eq!(lifted.sale_or_share_opted_out_since, None);
    assert_eq!(lifted.sensitive_limited_since, None);
    assert_eq!(lifted.may_ask_again_from, None);
    // Purpose events play no part.
    let none = ccpa_choices(&[ev(Some("newsletter"), Given, 1)]);
    assert_eq!(none.may_ask_again_from, None);
}
