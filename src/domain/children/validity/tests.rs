//! Table tests of the children's consent rule (GDPR and UK GDPR Art. 8(1); Cal. Civ. Code
//! § 1798.120(c), 11 CCR §§ 7070–7071).

use chrono::{NaiveDate, TimeZone, Utc};
use uuid::Uuid;

use super::*;
use crate::domain::children::{
    AgeBand, AgeValue, AuthorisedEvent, MemberState, VerificationMethod, threshold,
};
use crate::domain::consent::{Channel, Evidence, current_state};
use crate::domain::purpose::PurposeCode;

fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 10, 0, 0).unwrap()
}

fn purpose(code: &str, basis: LegalBasis, sells: bool) -> Purpose {
    Purpose {
        code: PurposeCode::parse(code).unwrap(),
        name: code.into(),
        description: "d".into(),
        legal_basis: basis,
        data_categories: vec!["contact.email".into()],
        ccpa_sale_or_share: sells,
    }
}

fn event(p: Option<&Purpose>, kind: ConsentEventKind, when: DateTime<Utc>) -> ConsentEvent {
    ConsentEvent {
        purpose: p.map(|p| p.code.clone()),
        kind,
        at: when,
        channel: Channel::WebForm,
        notice_version: Some(1),
        evidence: Evidence {
            confirmed_at: if kind == ConsentEventKind::OptedInToSaleOrSharing {
                when.to_rfc3339()
            } else {
                String::new()
            },
            ..Evidence::default()
        },
        recorded_by: "owner".into(),
    }
}

fn born(year: i32) -> AgeRecord {
    AgeRecord {
        value: AgeValue::BirthYear(year),
        verified_by: None,
        recorded_on: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        recorded_by: "owner".into(),
    }
}

fn line(e: &ConsentEvent, method: Option<VerificationMethod>) -> ConsentLine {
    ConsentLine {
        event: Uuid::new_v4(),
        purpose: e.purpose.clone(),
        kind: e.kind,
        at: e.at,
        authorisation: method.map(|m| AuthorisedEvent {
            method: m,
            authorised_on: e.at.date_naive(),
            authorised_by: None,
        }),
    }
}

/// One row: the regime (and state), the birth year, whether the consent is authorised (and how),
/// and whether the consent fails.
type Row = (
    Regime,
    Option<MemberState>,
    Option<i32>,
    Option<VerificationMethod>,
    bool,
    &'static str,
);

/// GDPR Art. 8(1) (16, or the member state's age), UK GDPR Art. 8(1) with DPA 2018 s. 9 (13):
/// consent given in 2026 by a person born in the year shown.
#[test]
fn consent_below_the_age_needs_a_parent() {
    let newsletter = purpose("newsletter", LegalBasis::Consent, false);
    let rows: [Row; 11] = [
        (
            Regime::Gdpr,
            None,
            Some(2012),
            None,
            true,
            "Art. 8(1): 13 < 16",
        ),
        (
            Regime::Gdpr,
            None,
            Some(2012),
            Some(VerificationMethod::SignedForm),
            false,
            "authorised",
        ),
        (
            Regime::Gdpr,
            None,
            Some(2012),
            Some(VerificationMethod::ParentEmail),
            false,
            "Art. 8(2) proportionate",
        ),
        (Regime::Gdpr, None, Some(2000), None, false, "an adult"),
        (
            Regime::Gdpr,
            None,
            None,
            None,
            false,
            "no age on record: not known to be a child",
        ),
        (
            Regime::Gdpr,
            Some(MemberState::Ie),
            Some(2010),
            None,
            true,
            "Ireland 16: youngest 15",
        ),
        (
            Regime::Gdpr,
            Some(MemberState::Be),
            Some(2012),
            None,
            false,
            "Belgium 13: youngest 13",
        ),
        (
            Regime::Gdpr,
            Some(MemberState::Fr),
            Some(2012),
            None,
            true,
            "France 15",
        ),
        (
            Regime::UkGdpr,
            None,
            Some(2012),
            None,
            false,
            "UK 13: youngest 13",
        ),
        (
            Regime::UkGdpr,
            None,
            Some(2013),
            None,
            true,
            "UK 13: youngest 12",
        ),
        (
            Regime::CcpaCpra,
            None,
            Some(2012),
            None,
            false,
            "CCPA: not a sale purpose",
        ),
    ];
    let given = event(Some(&newsletter), ConsentEventKind::Given, at(2026, 6, 1));
    for (regime, state, year, method, fails, why) in rows {
        let thresholds = [threshold(regime, state)];
        let record = year.map(born);
        let lines = [line(&given, method)];
        let facts = ChildFacts {
            age: record.as_ref(),
            thresholds: &thresholds,
            lines: &lines,
        };
        let events = [given.clone()];
        let s = current_state(&newsletter, &events);
        assert_eq!(
            child_consent_problem(&facts, &newsletter, &s, &events, at(2026, 7, 1)),
            fails,
            "{why}"
        );
    }
}

/// Art. 8(1) is about the person's age when they consented: a refresh made when old enough
/// counts; a consent that is not based on consent (Art. 6(1)(b)) is not judged.
#[test]
fn a_refresh_when_old_enough_counts_and_other_bases_are_not_judged() {
    let newsletter = purpose("newsletter", LegalBasis::Consent, false);
    let thresholds = [threshold(Regime::Gdpr, None)];
    let record = born(2008); // youngest 15 in 2024, 17 in 2026
    let events = [
        event(Some(&newsletter), ConsentEventKind::Given, at(2024, 3, 1)),
        event(
            Some(&newsletter),
            ConsentEventKind::Refreshed,
            at(2026, 3, 1),
        ),
    ];
    let lines: Vec<_> = events.iter().map(|e| line(e, None)).collect();
    let facts = ChildFacts {
        age: Some(&record),
        thresholds: &thresholds,
        lines: &lines,
    };
    let s = current_state(&newsletter, &events);
    assert!(!child_consent_problem(
        &facts,
        &newsletter,
        &s,
        &events,
        at(2026, 6, 1)
    ));
    assert!(child_consent_problem(
        &facts,
        &newsletter,
        &s,
        &events[..1],
        at(2024, 6, 1)
    ));
    let contract = purpose("orders", LegalBasis::Contract, false);
    let given = [event(
        Some(&contract),
        ConsentEventKind::Given,
        at(2024, 3, 1),
    )];
    let s = current_state(&contract, &given);
    assert!(!child_consent_problem(
        &facts,
        &contract,
        &s,
        &given,
        at(2024, 6, 1)
    ));
}

/// Cal. Civ. Code § 1798.120(c): a known under-16 is opted out of sale and sharing unless
/// they opted in (13 to 15, 11 CCR § 7071) or a parent did (under 13, § 7070, by a method
/// § 7070(a)(2) lists: an email to the parent is not one).
#[test]
fn ccpa_under_16_is_opted_out_unless_opted_in() {
    let ads = purpose("ad-sharing", LegalBasis::Consent, true);
    let thresholds = [threshold(Regime::CcpaCpra, None)];
    let given = event(Some(&ads), ConsentEventKind::Given, at(2026, 2, 1));
    let opt_in = event(
        None,
        ConsentEventKind::OptedInToSaleOrSharing,
        at(2026, 2, 2),
    );
    // (birth year, opt-in recorded, authorisation on the opt-in, fails, why)
    let rows: [(i32, bool, Option<VerificationMethod>, bool, &str); 7] = [
        (2011, false, None, true, "14: no opt-in"),
        (2011, true, None, false, "14: their own opt-in (§ 7071)"),
        (
            2014,
            true,
            None,
            true,
            "11: their own opt-in is not enough (§ 7070)",
        ),
        (
            2014,
            true,
            Some(VerificationMethod::GovernmentId),
            false,
            "11: parent, § 7070(a)(2)(F)",
        ),
        (
            2014,
            true,
            Some(VerificationMethod::ParentEmail),
            true,
            "11: email is not a § 7070 method",
        ),
        (
            2009,
            false,
            None,
            false,
            "16: no longer a child (youngest 16 in 2026)",
        ),
        (2000, false, None, false, "an adult"),
    ];
    for (year, opted, method, fails, why) in rows {
        let record = born(year);
        let mut events = vec![given.clone()];
        if opted {
            events.push(opt_in.clone());
        }
        let lines: Vec<_> = events
            .iter()
            .map(|e| {
                line(
                    e,
                    if e.kind == ConsentEventKind::OptedInToSaleOrSharing {
                        method
                    } else {
                        None
                    },
                )
            })
            .collect();
        let facts = ChildFacts {
            age: Some(&record),
            thresholds: &thresholds,
            lines: &lines,
        };
        let s = current_state(&ads, &events);
        assert_eq!(
            child_consent_problem(&facts, &ads, &s, &events, at(2026, 6, 1)),
            fails,
            "{why}"
        );
    }
}

/// A band counts at its youngest (GDPR Art. 8(1) with France's 15: "13-15" may be 13).
#[test]
fn a_band_counts_at_its_youngest() {
    let newsletter = purpose("newsletter", LegalBasis::Consent, false);
    let given = event(Some(&newsletter), ConsentEventKind::Given, at(2026, 6, 1));
    let record = AgeRecord {
        value: AgeValue::Band(AgeBand::From13To15),
        verified_by: Some(VerificationMethod::GovernmentId),
        recorded_on: NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
        recorded_by: "owner".into(),
    };
    let lines = [line(&given, None)];
    let events = [given.clone()];
    let s = current_state(&newsletter, &events);
    for (state, fails) in [
        (MemberState::Fr, true),
        (MemberState::Be, false),
        (MemberState::Ie, true),
    ] {
        let thresholds = [threshold(Regime::Gdpr, Some(state))];
        let facts = ChildFacts {
            age: Some(&record),
            thresholds: &thresholds,
            lines: &lines,
        };
        assert_eq!(
            child_consent_problem(&facts, &newsletter, &s, &events, at(2026, 7, 1)),
            fails,
            "{}",
            state.label()
        );
    }
}
