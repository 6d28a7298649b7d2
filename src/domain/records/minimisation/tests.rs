//! Table tests of the minimisation review: one store that passes, then one change per rule.

use super::*;
use crate::domain::records::{RecordCode, SystemKind};
use crate::domain::retention::{Condition, FromEvent, PeriodUnit, RecordKind, RetentionAction};

fn cat(s: &str) -> CategoryCode {
    CategoryCode::parse(s).unwrap()
}

fn purpose(code: &str, basis: LegalBasis, cats: &[&str]) -> Purpose {
    Purpose {
        code: PurposeCode::parse(code).unwrap(),
        name: code.to_owned(),
        description: String::new(),
        legal_basis: basis,
        data_categories: cats.iter().map(|c| (*c).to_owned()).collect(),
        ccpa_sale_or_share: false,
    }
}

fn rule(code: &str, months: u32) -> RetentionRule {
    RetentionRule {
        code: code.into(),
        name: code.into(),
        kind: RecordKind::Subject,
        purpose: None,
        condition: Condition::Any,
        period: Period {
            amount: months,
            unit: PeriodUnit::Months,
        },
        from: FromEvent::LastActivity,
        action: RetentionAction::Delete,
        reason: "r".into(),
        enabled: true,
    }
}

/// A small business that passes: a newsletter sent from an email platform, every category
/// used, a rule, consents on record.
fn clean() -> MinimisationInput {
    let mut newsletter = Activity::named("Sending the newsletter");
    newsletter.purposes = vec![PurposeCode::parse("newsletter").unwrap()];
    newsletter.data_categories = vec![cat("contact.email"), cat("identity.name")];
    newsletter.retention_rules = vec!["inactive".into()];
    let system = DataSystem {
        code: RecordCode::parse("mailchimp").unwrap(),
        name: "Mailchimp".into(),
        kind: SystemKind::EmailPlatform,
        location: "United States".into(),
        vendor: None,
        data_categories: vec![cat("contact.email"), cat("identity.name")],
        activities: vec![newsletter.code.clone()],
        holds_register: true,
        keeps_for: Some(Period {
            amount: 12,
            unit: PeriodUnit::Months,
        }),
        notes: String::new(),
    };
    MinimisationInput {
        taxonomy: Taxonomy::default_taxonomy().unwrap(),
        purposes: vec![purpose(
            "newsletter",
            LegalBasis::Consent,
            &["contact.email", "identity.name"],
        )],
        activities: vec![newsletter],
        systems: vec![system],
        rules: vec![rule("inactive", 24)],
        consent_records: [(PurposeCode::parse("newsletter").unwrap(), 10)].into(),
        register_gaps: Vec::new(),
    }
}

fn kinds(input: &MinimisationInput) -> Vec<FindingKind> {
    review(input).into_iter().map(|f| f.kind).collect()
}

#[test]
fn a_tidy_store_has_no_findings() {
    assert_eq!(review(&clean()), Vec::new());
}

#[test]
fn a_category_collected_for_no_purpose() {
    let mut input = clean();
    input.systems[0]
        .data_categories
        .push(cat("identity.date-of-birth"));
    input.activities[0]
        .data_categories
        .push(cat("identity.date-of-birth"));
    let findings = review(&input);
    assert_eq!(findings[0].kind, FindingKind::CategoryWithoutPurpose);
    assert!(
        findings[0]
            .message
            .contains("Date of birth or age (identity.date-of-birth)"),
        "{}",
        findings[0].message
    );
    assert_eq!(
        findings[0].fix_at,
        FixAt::Activity("sending-the-newsletter".into())
    );
    assert_eq!(
        findings
            .iter()
            .filter(|f| f.kind == FindingKind::CategoryWithoutPurpose)
            .count(),
        1,
        "reported once, where it is first seen"
    );
    // A purpose using the parent category covers the child.
    input.purposes[0].data_categories.push("identity".into());
    assert!(!kinds(&input).contains(&FindingKind::CategoryWithoutPurpose));
}

#[test]
fn an_activity_without_a_purpose_or_with_an_unknown_one() {
    let mut input = clean();
    input.activities[0].purposes.clear();
    let k = kinds(&input);
    assert!(k.contains(&FindingKind::PurposeWithoutLegalBasis), "{k:?}");
    input.activities[0].purposes = vec![PurposeCode::parse("gone").unwrap()];
    let f = review(&input);
    let f = f
        .iter()
        .find(|f| f.kind == FindingKind::PurposeWithoutLegalBasis)
        .unwrap();
    assert!(f.message.contains("gone"), "{}", f.message);
}

#[test]
fn a_consent_purpose_without_any_record_and_people_without_one() {
    let mut input = clean();
    input.consent_records.clear();
    assert_eq!(kinds(&input), [FindingKind::ConsentWithoutRecords]);
    // A purpose on another basis needs no consent records.
    input.purposes[0].legal_basis = LegalBasis::LegitimateInterests;
    assert!(review(&input).is_empty());

    let mut input = clean();
    input.register_gaps = vec![RegisterGap {
        purpose: PurposeCode::parse("newsletter").unwrap(),
        systems: vec!["Mailchimp".into()],
        people: 10,
        without_record: 3,
    }];
    let f = review(&input);
    assert_eq!(f.len(), 1);
    assert!(
        f[0].message
            .starts_with("3 of the 10 people held in Mailchimp"),
        "{}",
        f[0].message
    );
    assert_eq!(f[0].fix_at, FixAt::ConsentReview("newsletter".into()));
}

#[test]
fn special_categories_need_a_fitting_condition() {
    let mut input = clean();
    input.purposes[0]
        .data_categories
        .push("sensitive.health".into());
    input.activities[0]
        .data_categories
        .push(cat("sensitive.health"));
    input.systems[0]
        .data_categories
        .push(cat("sensitive.health"));
    let f: Vec<_> = review(&input)
        .into_iter()
        .filter(|f| f.kind == FindingKind::SensitiveWithoutCondition)
        .collect();
    assert_eq!(f.len(), 2, "the activity and the system: {f:?}");
    input.activities[0].art9_condition = Some(Art9Condition::ExplicitConsent);
    assert!(!kinds(&input).contains(&FindingKind::SensitiveWithoutCondition));
    // Criminal-offence data needs an authorisation by law, not consent.
    input.purposes[0].data_categories.push("criminal".into());
    input.activities[0].data_categories.push(cat("criminal"));
    let f = review(&input);
    assert!(
        f.iter()
            .any(|f| f.kind == FindingKind::SensitiveWithoutCondition
                && f.message.contains("Art. 10"))
    );
}

#[test]
fn a_system_holding_what_no_activity_needs() {
    let mut input = clean();
    input.purposes[0]
        .data_categories
        .push("contact.phone".into());
    input.systems[0].data_categories.push(cat("contact.phone"));
    let f = review(&input);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].kind, FindingKind::CategoryNotNeeded);
    assert_eq!(f[0].fix_at, FixAt::System("mailchimp".into()));
    input.systems[0].activities.clear();
    let f = review(&input);
    assert!(f.iter().all(|f| f.kind == FindingKind::CategoryNotNeeded) && f.len() == 3);
    assert!(f[0].message.contains("serves no activity of the record"));
}

#[test]
fn data_kept_longer_than_the_policy_allows() {
    for (kept, rules, finding) in [
        (
            Some((12, PeriodUnit::Months)),
            vec![rule("inactive", 24)],
            None,
        ),
        (
            Some((24, PeriodUnit::Months)),
            vec![rule("inactive", 24)],
            None,
        ),
        (
            Some((2, PeriodUnit::Years)),
            vec![rule("inactive", 24)],
            None,
        ),
        (
            Some((25, PeriodUnit::Months)),
            vec![rule("inactive", 24)],
            Some("for 25 months; the retention policy allows at most 24 months"),
        ),
        (
            Some((3, PeriodUnit::Years)),
            vec![rule("inactive", 24)],
            Some("for 3 years"),
        ),
        (None, vec![rule("inactive", 24)], Some("indefinitely")),
        (
            Some((1, PeriodUnit::Months)),
            vec![],
            Some("covered by no retention rule"),
        ),
    ] {
        let mut input = clean();
        input.systems[0].keeps_for = kept.map(|(amount, unit)| Period { amount, unit });
        input.rules = rules;
        let f: Vec<_> = review(&input)
            .into_iter()
            .filter(|f| f.kind == FindingKind::KeptTooLong)
            .collect();
        match finding {
            None => assert!(f.is_empty(), "{kept:?}: {f:?}"),
            Some(text) => {
                assert_eq!(f.len(), 2, "one per category: {f:?}");
                assert!(f[0].message.contains(text), "{kept:?}: {}", f[0].message);
            }
        }
    }
    // A disabled rule does not count.
    let mut input = clean();
    input.rules[0].enabled = false;
    assert!(kinds(&input).contains(&FindingKind::KeptTooLong));
}
