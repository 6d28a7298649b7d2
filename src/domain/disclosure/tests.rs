//! Table tests of the access package's disclosure (GDPR Art. 15(1)(a)–(h), 15(2); Cal. Civ.
//! Code § 1798.110(a), (c)).

use std::collections::BTreeSet;

use chrono::{NaiveDate, TimeZone, Utc};

use super::ccpa::{know_categories, source_category};
use super::retention::{RetentionStatus, person_retention};
use super::*;
use crate::domain::consent::{Channel, ConsentEvent, ConsentEventKind, Evidence};
use crate::domain::records::{CategoryCode, DataCategory, Transfer, VendorRole};
use crate::domain::retention::{
    Condition, FromEvent, Period, RecordFacts, RecordKind, RetentionAction, RetentionRule,
};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn code(s: &str) -> PurposeCode {
    PurposeCode::parse(s).unwrap()
}

fn purpose(c: &str, basis: LegalBasis, cats: &[&str]) -> Purpose {
    Purpose {
        code: code(c),
        name: format!("{c} name"),
        description: format!("{c} description"),
        legal_basis: basis,
        data_categories: cats.iter().map(|s| (*s).to_owned()).collect(),
        ccpa_sale_or_share: c == "ads",
    }
}

fn catalogue() -> Vec<Purpose> {
    vec![
        purpose("newsletter", LegalBasis::Consent, &["contact.email"]),
        purpose("orders", LegalBasis::Contract, &["contact.postal-address"]),
        purpose("tax", LegalBasis::LegalObligation, &[]),
        purpose("ads", LegalBasis::Consent, &[]),
        purpose("cctv", LegalBasis::LegitimateInterests, &[]),
    ]
}

fn activity(name: &str, purposes: &[&str], vendors: &[&str]) -> Activity {
    let mut a = Activity::named(name);
    a.purposes = purposes.iter().map(|p| code(p)).collect();
    a.vendors = vendors
        .iter()
        .map(|v| crate::domain::records::RecordCode::from_name(v))
        .collect();
    a
}

fn activities() -> Vec<Activity> {
    let mut news = activity("Newsletter", &["newsletter"], &["Mailer"]);
    news.internal_recipients = vec!["Marketing".into()];
    news.transfers = vec![Transfer {
        country: "United States".into(),
        safeguard: TransferSafeguard::Adequacy,
        note: "Data Privacy Framework".into(),
    }];
    news.retention_rules = vec!["withdrawn".into()];
    let mut orders = activity("Orders", &["orders", "tax"], &["Courier"]);
    orders.internal_recipients = vec!["Shop staff".into(), "Marketing".into()];
    orders.data_categories = vec![CategoryCode::parse("purchase.history").unwrap()];
    orders.retention_note = "Invoices: 6 years (tax law)".into();
    orders.retention_rules = vec!["former-customers".into()];
    let cctv = activity("Shop cameras", &["cctv"], &[]);
    vec![news, orders, cctv]
}

fn vendors() -> Vec<Vendor> {
    let mut mailer = Vendor::named("Mailer");
    mailer.services = "email delivery".into();
    mailer.countries = vec!["Ireland".into(), "United States".into()];
    mailer.transfers = vec![Transfer {
        country: "United States".into(),
        safeguard: TransferSafeguard::Adequacy,
        note: String::new(),
    }];
    mailer.sub_processors = vec![crate::domain::records::SubProcessor {
        name: "Cloud Co".into(),
        country: "Germany".into(),
        service: "hosting".into(),
    }];
    let mut courier = Vendor::named("Courier");
    courier.transfers = vec![Transfer {
        country: "India".into(),
        safeguard: TransferSafeguard::StandardContractualClauses,
        note: "SCCs module 2".into(),
    }];
    let mut ads = Vendor::named("Ad Network");
    ads.role = VendorRole::IndependentController;
    ads.purposes = vec![code("ads")];
    let unrelated = Vendor::named("Payroll Bureau");
    vec![mailer, courier, ads, unrelated]
}

fn taxonomy() -> Taxonomy {
    let cat = |c: &str, n: &str| DataCategory {
        code: CategoryCode::parse(c).unwrap(),
        name: n.into(),
        description: String::new(),
        special: None,
    };
    Taxonomy::new(vec![
        cat("contact", "Contact details"),
        cat("contact.email", "Email address"),
        cat("contact.postal-address", "Postal address"),
        cat("purchase", "Purchases"),
        cat("purchase.history", "Purchase history"),
    ])
    .unwrap()
}

fn ledger(codes: &[&str]) -> BTreeSet<PurposeCode> {
    codes.iter().map(|c| code(c)).collect()
}

/// (consent history, customer since, customer until, expected activities).
type Case = (
    &'static [&'static str],
    Option<&'static str>,
    Option<&'static str>,
    &'static [&'static str],
);

/// Which activities concern a person (Art. 15(1)(a): the purposes of *this* processing):
/// (consent history, customer since, customer until, expected activity names).
#[test]
fn activities_concerning_a_person_table() {
    let cat = catalogue();
    let acts = activities();
    let vend = vendors();
    let tax = taxonomy();
    let cases: [Case; 5] = [
        // A subscriber who is no customer: the newsletter only.
        (&["newsletter"], None, None, &["Newsletter"]),
        // A customer who never consented to anything: the contract and tax activity (the
        // bug of issue 16 item 9: the ledger alone would show nothing).
        (&[], Some("2024-01-01"), None, &["Orders"]),
        // A former customer: the records are still kept, so the activity is still theirs.
        (&[], Some("2020-01-01"), Some("2023-01-01"), &["Orders"]),
        // Both.
        (
            &["newsletter"],
            Some("2024-01-01"),
            None,
            &["Newsletter", "Orders"],
        ),
        // Neither: nothing from the register, not the legitimate-interest cameras.
        (&[], None, None, &[]),
    ];
    for (in_ledger, since, until, expected) in cases {
        let lp = ledger(in_ledger);
        let inputs = Inputs {
            ledger_purposes: &lp,
            customer: CustomerRelationship {
                since: since.map(d),
                until: until.map(d),
            },
            catalogue: &cat,
            activities: &acts,
            vendors: &vend,
            taxonomy: &tax,
        };
        let got: Vec<String> = disclose(&inputs)
            .activities
            .into_iter()
            .map(|a| a.name)
            .collect();
        assert_eq!(got, expected, "{in_ledger:?} {since:?} {until:?}");
    }
}

/// Art. 15(1)(a)–(c), 15(2): purposes with bases, categories named from the taxonomy,
/// recipients (internal, vendors with sub-processors, none unrelated), transfers with
/// safeguards merged by country.
#[test]
fn a_customer_and_subscriber_is_told_everything_the_records_hold() {
    let cat = catalogue();
    let acts = activities();
    let vend = vendors();
    let tax = taxonomy();
    let lp = ledger(&["newsletter", "ads"]);
    let inputs = Inputs {
        ledger_purposes: &lp,
        customer: CustomerRelationship {
            since: Some(d("2024-01-01")),
            until: None,
        },
        catalogue: &cat,
        activities: &acts,
        vendors: &vend,
        taxonomy: &tax,
    };
    let out = disclose(&inputs);
    let purposes: Vec<(&str, &str, bool)> = out
        .purposes
        .iter()
        .map(|p| (p.code.as_str(), p.legal_basis, p.in_consent_history))
        .collect();
    assert_eq!(
        purposes,
        [
            ("newsletter", "consent", true),
            ("orders", "contract", false),
            ("tax", "legal-obligation", false),
            ("ads", "consent", true),
        ]
    );
    let orders = out.purposes.iter().find(|p| p.code == "orders").unwrap();
    assert_eq!(orders.activities, ["Orders"]);
    let cats: Vec<&str> = out.categories.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        cats,
        ["Email address", "Postal address", "Purchase history"]
    );
    let recipients: Vec<(&str, &str)> = out
        .recipients
        .iter()
        .map(|r| (r.name.as_str(), r.kind))
        .collect();
    assert_eq!(
        recipients,
        [
            ("Marketing", "internal"),
            ("Shop staff", "internal"),
            ("Mailer", "processor"),
            ("Courier", "processor"),
            ("Ad Network", "independent-controller"),
        ]
    );
    let mailer = &out.recipients[2];
    assert_eq!(mailer.sub_processors, ["Cloud Co (Germany)"]);
    let transfers: Vec<(&str, &str, Vec<String>)> = out
        .transfers
        .iter()
        .map(|t| (t.country.as_str(), t.safeguard, t.through.clone()))
        .collect();
    assert_eq!(
        transfers,
        [
            (
                "United States",
                "adequacy",
                vec!["Newsletter".to_owned(), "Mailer".to_owned()]
            ),
            (
                "India",
                "standard-contractual-clauses",
                vec!["Courier".to_owned()]
            ),
        ]
    );
    assert_eq!(out.transfers[0].note, "Data Privacy Framework");
    assert_eq!(out.retention_notes, ["Orders: Invoices: 6 years (tax law)"]);
    assert_eq!(
        out.retention_rules,
        ["former-customers".to_owned(), "withdrawn".to_owned()].into()
    );
}

fn rule(code: &str, condition: Condition, from: FromEvent, period: &str) -> RetentionRule {
    RetentionRule {
        code: code.into(),
        name: code.into(),
        kind: RecordKind::Subject,
        purpose: None,
        condition,
        period: Period::parse(period).unwrap(),
        from,
        action: RetentionAction::Delete,
        reason: "why".into(),
        enabled: true,
    }
}

fn event(kind: ConsentEventKind, on: &str) -> ConsentEvent {
    let day = d(on);
    ConsentEvent {
        purpose: Some(code("newsletter")),
        kind,
        at: Utc.from_utc_datetime(&day.and_hms_opt(9, 0, 0).unwrap()),
        channel: Channel::WebForm,
        notice_version: Some(1),
        evidence: Evidence::default(),
        recorded_by: String::new(),
    }
}

/// Art. 15(1)(d): the period for this person, from the rules as a sweep applies them:
/// (events, customer since, expected (rule, status)).
#[test]
fn retention_for_a_person_table() {
    use ConsentEventKind::*;
    let cat = catalogue();
    let today = d("2026-06-01");
    let mut evidence = rule("evidence", Condition::Any, FromEvent::Creation, "6 years");
    evidence.kind = RecordKind::ConsentEvidence;
    evidence.action = RetentionAction::Anonymise;
    let mut disabled = rule("off", Condition::Any, FromEvent::Creation, "1 day");
    disabled.enabled = false;
    let rules = vec![
        rule(
            "withdrawn",
            Condition::Any,
            FromEvent::ConsentWithdrawal,
            "12 months",
        ),
        rule(
            "former-customers",
            Condition::Any,
            FromEvent::RelationshipEnd,
            "6 years",
        ),
        rule(
            "inactive",
            Condition::Any,
            FromEvent::LastActivity,
            "36 months",
        ),
        evidence,
        disabled,
    ];
    let named: BTreeSet<String> = ["former-customers".to_owned()].into();
    let until = |s: &str| RetentionStatus::KeptUntil { until: d(s) };
    type Case = (
        Vec<ConsentEvent>,
        Option<&'static str>,
        Vec<(&'static str, RetentionStatus)>,
    );
    let cases: Vec<Case> = vec![
        // A subscriber who withdrew in 2026: kept 12 months from the withdrawal; the former
        // customers rule is named by an activity, so its criteria are stated.
        (
            vec![event(Given, "2025-01-10"), event(Withdrawn, "2026-02-01")],
            None,
            vec![
                ("withdrawn", until("2027-02-01")),
                ("former-customers", RetentionStatus::Criteria),
                ("inactive", until("2029-02-01")),
                ("evidence", RetentionStatus::Criteria),
            ],
        ),
        // A withdrawal long ago, but the person is a current customer: the marketing rule
        // keeps them (retention::keep; Art. 6(1)(b)).
        (
            vec![event(Given, "2020-01-10"), event(Withdrawn, "2021-02-01")],
            Some("2020-01-01"),
            vec![
                (
                    "withdrawn",
                    RetentionStatus::KeptBecause {
                        reason: crate::domain::retention::kept::KeptBy::CurrentCustomer.reason(),
                    },
                ),
                ("former-customers", RetentionStatus::Criteria),
                ("inactive", until("2029-02-01")),
                ("evidence", RetentionStatus::Criteria),
            ],
        ),
    ];
    for (events, since, expected) in cases {
        let base = RecordFacts {
            created: Some(d("2019-05-01")),
            last_activity: Some(d("2026-02-01")),
            customer_since: since.map(d),
            ..RecordFacts::default()
        };
        let got: Vec<(String, RetentionStatus)> =
            person_retention(&rules, &cat, &events, &base, &named, today)
                .into_iter()
                .map(|l| (l.rule, l.status))
                .collect();
        let expected: Vec<(String, RetentionStatus)> = expected
            .into_iter()
            .map(|(r, s)| (r.to_owned(), s))
            .collect();
        assert_eq!(got, expected, "{since:?}");
    }
}

/// Cal. Civ. Code § 1798.110(a)(2): channels grouped into categories of sources.
#[test]
fn source_category_table() {
    for (channel, expected) in [
        (Channel::WebForm, "Directly from you"),
        (Channel::Paper, "Directly from you"),
        (Channel::Import, "Other businesses' systems"),
        (Channel::BrowserSignal, "Your browser or device"),
        (Channel::OfficerReview, "Our staff"),
    ] {
        assert!(
            source_category(channel).starts_with(expected),
            "{channel:?}"
        );
    }
}

/// § 1798.110(a)(1)–(4): categories, sources (once each), purposes with sale/share, third
/// parties apart from service providers.
#[test]
fn know_categories_split_third_parties_from_service_providers() {
    let cat = catalogue();
    let acts = activities();
    let vend = vendors();
    let tax = taxonomy();
    let lp = ledger(&["newsletter", "ads"]);
    let inputs = Inputs {
        ledger_purposes: &lp,
        customer: CustomerRelationship::default(),
        catalogue: &cat,
        activities: &acts,
        vendors: &vend,
        taxonomy: &tax,
    };
    let know = know_categories(
        &disclose(&inputs),
        &[Channel::WebForm, Channel::Paper, Channel::Import],
    );
    assert_eq!(know.categories_of_sources.len(), 2);
    assert_eq!(know.categories_of_third_parties, ["Ad Network"]);
    assert_eq!(know.service_providers, ["Mailer (email delivery)"]);
    assert!(know.sold_or_shared);
    assert_eq!(know.categories_collected, ["Email address"]);
    assert_eq!(know.business_purposes.len(), 2);
}
