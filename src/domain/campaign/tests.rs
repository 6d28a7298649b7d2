//! Table tests of the campaign pre-flight rules.

use chrono::{DateTime, TimeZone, Utc};

use super::*;
use crate::domain::consent::{
    Channel, ConsentEvent, ConsentEventKind, ConsentState, Evidence, current_state,
};
use crate::domain::purpose::{LegalBasis, Purpose, PurposeCode};

fn at(month: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, month, 1, 12, 0, 0).unwrap()
}

fn ev(purpose: Option<&str>, kind: ConsentEventKind, month: u32) -> ConsentEvent {
    ConsentEvent {
        purpose: purpose.map(|p| PurposeCode::parse(p).unwrap()),
        kind,
        at: at(month),
        channel: Channel::WebForm,
        notice_version: Some(1),
        evidence: Evidence::default(),
        recorded_by: "owner".into(),
    }
}

fn partners() -> Purpose {
    Purpose {
        code: PurposeCode::parse("partner-offers").unwrap(),
        name: "Partner offers".into(),
        description: "d".into(),
        legal_basis: LegalBasis::Consent,
        data_categories: vec!["contact.email".into()],
        ccpa_sale_or_share: true,
    }
}

/// (case, events, restricted, undeliverable, refresh months, expected)
type Case = (
    &'static str,
    Vec<ConsentEvent>,
    bool,
    bool,
    u32,
    Result<(), ExclusionReason>,
);

#[test]
fn verdict_table() {
    use ConsentEventKind::*;
    let p = partners();
    let code = Some("partner-offers");
    let now = Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap();
    // (case, events, restricted, undeliverable, refresh months, expected)
    let cases: Vec<Case> = vec![
        ("given", vec![ev(code, Given, 6)], false, false, 24, Ok(())),
        (
            "nothing for it",
            vec![],
            false,
            false,
            24,
            Err(ExclusionReason::NoConsent),
        ),
        (
            "pending double opt-in",
            vec![ev(code, SignUpPending, 6)],
            false,
            false,
            24,
            Err(ExclusionReason::NoConsent),
        ),
        (
            "withdrawn",
            vec![ev(code, Given, 1), ev(code, Withdrawn, 2)],
            false,
            false,
            24,
            Err(ExclusionReason::Withdrawn),
        ),
        (
            "expired",
            vec![ev(code, Given, 1), ev(code, Expired, 2)],
            false,
            false,
            24,
            Err(ExclusionReason::Expired),
        ),
        (
            "opted out",
            vec![ev(code, Given, 1), ev(None, OptedOutOfSaleOrSharing, 2)],
            false,
            false,
            24,
            Err(ExclusionReason::OptedOut),
        ),
        (
            "gpc",
            vec![ev(code, Given, 1), ev(None, GlobalPrivacyControl, 2)],
            false,
            false,
            24,
            Err(ExclusionReason::Gpc),
        ),
        (
            "opt-out after gpc",
            vec![
                ev(None, GlobalPrivacyControl, 1),
                ev(code, Given, 2),
                ev(None, OptedOutOfSaleOrSharing, 3),
            ],
            false,
            false,
            24,
            Err(ExclusionReason::OptedOut),
        ),
        (
            "restricted wins over consent",
            vec![ev(code, Given, 6)],
            true,
            false,
            24,
            Err(ExclusionReason::Restricted),
        ),
        (
            "undeliverable",
            vec![ev(code, Given, 6)],
            false,
            true,
            24,
            Err(ExclusionReason::Undeliverable),
        ),
        (
            "restricted before undeliverable",
            vec![],
            true,
            true,
            24,
            Err(ExclusionReason::Restricted),
        ),
        (
            "stale: not refreshed in 12 months",
            vec![ev(code, Given, 1)],
            false,
            false,
            12,
            Err(ExclusionReason::Stale),
        ),
        (
            "refreshed: current again",
            vec![ev(code, Given, 1), ev(code, Refreshed, 6)],
            false,
            false,
            12,
            Ok(()),
        ),
    ];
    for (case, events, restricted, undeliverable, months, expected) in cases {
        let state = current_state(&p, &events);
        let facts = AddressFacts {
            restricted,
            objected: false,
            undeliverable,
            state: &state,
            events: &events,
            child_without_parent: false,
        };
        assert_eq!(verdict(&facts, months, now), expected, "{case}");
    }
}

#[test]
fn a_state_without_events_is_no_consent() {
    let facts = AddressFacts {
        restricted: false,
        objected: false,
        undeliverable: false,
        state: &ConsentState::NoRecord,
        events: &[],
        child_without_parent: false,
    };
    assert_eq!(verdict(&facts, 24, at(1)), Err(ExclusionReason::NoConsent));
}

/// GDPR Art. 21(1), (3): a person whose objection stopped the purpose is left out even while
/// their consent still reads as given; restriction (Art. 18) is checked first.
#[test]
fn an_objection_that_stopped_the_purpose_leaves_the_person_out() {
    let p = partners();
    let events = vec![ev(Some("partner-offers"), ConsentEventKind::Given, 1)];
    let state = current_state(&p, &events);
    let cases = [
        (
            "objected, consent given",
            false,
            true,
            Err(ExclusionReason::Objected),
        ),
        (
            "restricted and objected",
            true,
            true,
            Err(ExclusionReason::Restricted),
        ),
        ("no objection", false, false, Ok(())),
    ];
    for (case, restricted, objected, expected) in cases {
        let facts = AddressFacts {
            restricted,
            objected,
            undeliverable: false,
            state: &state,
            events: &events,
            child_without_parent: false,
        };
        assert_eq!(verdict(&facts, 24, at(3)), expected, "{case}");
    }
}

#[test]
fn reason_codes_are_distinct_and_round_trip() {
    let mut seen = std::collections::HashSet::new();
    for r in ExclusionReason::ALL {
        assert!(seen.insert(r.code()), "{r:?}");
        assert_eq!(ExclusionReason::from_code(r.code()), Some(r));
    }
    assert_eq!(ExclusionReason::NoRecord.code(), "no-record");
}

#[test]
fn email_column_table() {
    let cases: [(&[&str], Result<usize, &str>); 6] = [
        (&["Email Address", "First Name", "OPTIN_TIME"], Ok(0)),
        (&["name", " EMAIL "], Ok(1)),
        (&["\u{feff}e-mail", "x"], Ok(0)),
        (&["id", "Email_Address"], Ok(1)),
        (&["name", "phone"], Err("no email column")),
        (&["email", "Email Address"], Err("columns 1 and 2")),
    ];
    for (header, expected) in cases {
        match (email_column(header), expected) {
            (Ok(got), Ok(want)) => assert_eq!(got, want, "{header:?}"),
            (Err(msg), Err(part)) => assert!(msg.contains(part), "{header:?}: {msg}"),
            (got, want) => panic!("{header:?}: got {got:?}, want {want:?}"),
        }
    }
}

#[test]
fn counts_list_every_reason_and_add_up() {
    let mut counts = ReasonCounts::zero();
    assert_eq!(counts.0.len(), ExclusionReason::ALL.len());
    counts.add(ExclusionReason::NoRecord);
    counts.add(ExclusionReason::NoRecord);
    counts.add(ExclusionReason::Gpc);
    assert_eq!(counts.get(ExclusionReason::NoRecord), 2);
    assert_eq!(counts.total(), 3);
}

/// GDPR Art. 8(1), Cal. Civ. Code § 1798.120(c): a child's standing consent without a parent's
/// authorisation leaves them out with its own reason, after restriction and before staleness;
/// a withdrawn consent keeps its own reason.
#[test]
fn a_child_without_a_parents_authorisation_is_left_out() {
    let p = partners();
    let given = vec![ev(Some("partner-offers"), ConsentEventKind::Given, 1)];
    let withdrawn = vec![
        ev(Some("partner-offers"), ConsentEventKind::Given, 1),
        ev(Some("partner-offers"), ConsentEventKind::Withdrawn, 2),
    ];
    let cases = [
        (
            "child, consent given",
            &given,
            false,
            24,
            Err(ExclusionReason::ChildWithoutParentalConsent),
        ),
        (
            "child, stale too",
            &given,
            false,
            1,
            Err(ExclusionReason::ChildWithoutParentalConsent),
        ),
        (
            "child, restricted",
            &given,
            true,
            24,
            Err(ExclusionReason::Restricted),
        ),
        (
            "child, withdrawn",
            &withdrawn,
            false,
            24,
            Err(ExclusionReason::Withdrawn),
        ),
    ];
    for (case, events, restricted, months, expected) in cases {
        let state = current_state(&p, events);
        let facts = AddressFacts {
            restricted,
            objected: false,
            undeliverable: false,
            state: &state,
            events,
            child_without_parent: true,
        };
        assert_eq!(verdict(&facts, months, at(3)), expected, "{case}");
    }
    assert_eq!(
        ExclusionReason::from_code("child-without-parental-consent"),
        Some(ExclusionReason::ChildWithoutParentalConsent)
    );
}
