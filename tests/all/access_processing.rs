//! Issue 16, item 9: the access package answers GDPR Art. 15(1)(a)–(h) and 15(2) from the
//! store — purposes and bases from the record of processing (not only the consent ledger),
//! categories, recipients (vendors with their sub-processors), transfers with safeguards,
//! the retention rules as they apply to this person, the sources, and the controller's own
//! statement on automated decisions — and, for a CCPA request to know, the categories of
//! Cal. Civ. Code § 1798.110(a)(1)–(4).

use chrono::{Days, NaiveDate, Utc};
use privacy_desk::domain::consent::{Channel, ConsentEvent, ConsentEventKind, Evidence};
use privacy_desk::domain::organisation::Regime;
use privacy_desk::domain::purpose::{LegalBasis, Purpose, PurposeCode};
use privacy_desk::domain::records::{
    Activity, CategoryCode, RecordCode, SubProcessor, Transfer, TransferSafeguard, Vendor,
};
use privacy_desk::domain::request::know::KnowVerification;
use privacy_desk::domain::request::{RequestChannel, RequestDraft, RequestType, Requester};
use privacy_desk::jobs::Progress;
use privacy_desk::services::Session;
use uuid::Uuid;

use crate::common::{TempStore, draft, profile};

const STATEMENT: &str = "We make no decisions about you by automated means alone. Our newsletter tool groups readers by the products they bought; this decides only which offers you see.";

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

fn cat(code: &str) -> CategoryCode {
    CategoryCode::parse(code).unwrap()
}

/// A shop with an orders purpose (contract), the newsletter (consent), a courier in India
/// under standard contractual clauses, a mailer with a sub-processor, a payroll bureau that
/// has nothing to do with customers, the default retention rules and a statement on
/// automated decisions. Sam is a customer who never consented to anything.
fn shop(store: &TempStore) -> (Session, Uuid) {
    let (s, _) = store.create();
    s.settings()
        .save_profile(&profile("Corner Shop Ltd"))
        .unwrap();
    s.settings().set_automated_decisions(STATEMENT).unwrap();
    s.retention().adopt_default_retention().unwrap();
    s.consent()
        .add_purpose(
            &Purpose {
                code: PurposeCode::parse("orders").unwrap(),
                name: "Orders and invoices".into(),
                description: "Taking, delivering and invoicing orders.".into(),
                legal_basis: LegalBasis::Contract,
                data_categories: vec!["contact.postal-address".into()],
                ccpa_sale_or_share: false,
            },
            "We use your address to deliver your order.",
        )
        .unwrap();
    let mut courier = Vendor::named("Courier Express");
    courier.services = "parcel delivery".into();
    courier.countries = vec!["India".into()];
    courier.transfers = vec![Transfer {
        country: "India".into(),
        safeguard: TransferSafeguard::StandardContractualClauses,
        note: "2021 clauses, module 2".into(),
    }];
    courier.sub_processors = vec![SubProcessor {
        name: "Route Planner Inc".into(),
        country: "United States".into(),
        service: "routing".into(),
    }];
    s.vendors().save_vendor(&courier, true, today()).unwrap();
    let mut mailer = Vendor::named("Mailer Co");
    mailer.services = "newsletter delivery".into();
    s.vendors().save_vendor(&mailer, true, today()).unwrap();
    let payroll = Vendor::named("Payroll Bureau");
    s.vendors().save_vendor(&payroll, true, today()).unwrap();
    let mut orders = Activity::named("Order fulfilment");
    orders.purposes = vec![PurposeCode::parse("orders").unwrap()];
    orders.data_categories = vec![cat("purchase.history"), cat("identity.name")];
    orders.internal_recipients = vec!["Shop staff".into()];
    orders.vendors = vec![RecordCode::from_name("Courier Express")];
    orders.retention_rules = vec!["former-customers".into()];
    orders.retention_note = "Invoices are kept 6 years for the tax authority.".into();
    s.records().save_activity(&orders, true).unwrap();
    let mut news = Activity::named("Sending the newsletter");
    news.purposes = vec![PurposeCode::parse("newsletter").unwrap()];
    news.vendors = vec![RecordCode::from_name("Mailer Co")];
    s.records().save_activity(&news, true).unwrap();
    let mut pay = Activity::named("Paying staff");
    pay.vendors = vec![RecordCode::from_name("Payroll Bureau")];
    s.records().save_activity(&pay, true).unwrap();
    let sam = s
        .subjects()
        .add_subject(&draft("Sam Shopper", "sam@example.org"))
        .unwrap();
    let since = today().checked_sub_days(Days::new(400)).unwrap();
    s.retention()
        .set_customer_since(sam, Some(since), today())
        .unwrap();
    (s, sam)
}

fn request(s: &mut Session, regime: Regime, kind: RequestType) -> Uuid {
    s.requests()
        .open_request(
            &RequestDraft {
                regime,
                kind,
                received: today(),
                channel: RequestChannel::Email,
                email: "sam@example.org".into(),
                requester: Requester::default(),
                details: "What do you hold about me?".into(),
            },
            today(),
        )
        .unwrap()
        .0
}

fn export(
    s: &Session,
    subject: Uuid,
    request: Uuid,
    dir: &std::path::Path,
) -> (serde_json::Value, String) {
    s.exports()
        .export_access_package(subject, dir, Some(request), &Progress::default())
        .unwrap();
    let json = std::fs::read_to_string(dir.join("personal-data.json")).unwrap();
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    (serde_json::from_str(&json).unwrap(), html)
}

fn names(list: &serde_json::Value, key: &str) -> Vec<String> {
    list.as_array()
        .unwrap_or_else(|| panic!("{key}: not a list"))
        .iter()
        .map(|v| v[key].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn a_customer_who_never_consented_is_told_the_purposes_recipients_transfers_and_retention() {
    let store = TempStore::new();
    let (mut s, sam) = shop(&store);
    let r = request(&mut s, Regime::Gdpr, RequestType::Access);
    let dir = store.dir.path().join("sam");
    let (json, html) = export(&s, sam, r, &dir);
    assert_eq!(json["format_version"], 2);
    // Art. 15(1)(a): the contract purpose, from the record of processing.
    assert_eq!(names(&json["purposes"], "code"), ["orders"]);
    assert_eq!(json["purposes"][0]["legal_basis"], "contract");
    assert_eq!(
        json["purposes"][0]["processing_activities"],
        serde_json::json!(["Order fulfilment"])
    );
    assert_eq!(
        names(&json["processing_activities"], "name"),
        ["Order fulfilment"],
        "not the newsletter (no consent), not payroll"
    );
    // Art. 15(1)(b): categories named from the taxonomy.
    let categories = names(&json["data_categories"]["categories"], "code");
    assert_eq!(
        categories,
        [
            "contact.postal-address",
            "identity.name",
            "purchase.history"
        ]
    );
    // Art. 15(1)(c): staff and the courier, with its sub-processor; not the mailer or payroll.
    assert_eq!(
        names(&json["recipients"], "name"),
        ["Shop staff", "Courier Express"]
    );
    assert_eq!(
        json["recipients"][1]["sub_processors"],
        serde_json::json!(["Route Planner Inc (United States)"])
    );
    // Art. 15(2): the transfer and its safeguard.
    assert_eq!(json["transfers"][0]["country"], "India");
    assert_eq!(
        json["transfers"][0]["safeguard"],
        "standard-contractual-clauses"
    );
    // Art. 15(1)(d): the rules as they apply to Sam today.
    let retention = json["retention"].as_array().unwrap();
    let rule = |code: &str| {
        retention
            .iter()
            .find(|l| l["rule"] == code)
            .unwrap_or_else(|| panic!("{code} in {retention:?}"))
    };
    assert_eq!(rule("former-customers")["status"], "criteria");
    assert_eq!(rule("inactive-contacts")["status"], "kept-until");
    assert_eq!(rule("closed-requests")["status"], "criteria");
    assert!(
        retention
            .iter()
            .all(|l| l["rule"] != "unconfirmed-sign-ups"),
        "a rule that does not reach Sam and no activity names is left out"
    );
    assert_eq!(
        json["retention_notes"],
        serde_json::json!(["Order fulfilment: Invoices are kept 6 years for the tax authority."])
    );
    // Art. 15(1)(h): the controller's own statement.
    assert_eq!(json["automated_decision_making"], STATEMENT);
    assert_eq!(json["automated_decision_making_recorded"], true);
    assert!(json["ccpa_know"].is_null(), "a GDPR request");
    for needle in [
        "Orders and invoices",
        "Contract (Art. 6(1)(b))",
        "Courier Express",
        "Route Planner Inc (United States)",
        "India",
        "Standard contractual clauses (Art. 46)",
        "Invoices are kept 6 years",
        "We make no decisions about you by automated means alone.",
    ] {
        assert!(html.contains(needle), "{needle:?} in report.html");
    }
    assert!(!html.contains("does not keep"), "the old excuse is gone");
    assert!(!html.contains("Payroll Bureau"));
}

#[test]
fn a_ccpa_request_to_know_gets_the_section_1798_110_categories() {
    let store = TempStore::new();
    let (mut s, sam) = shop(&store);
    let event = ConsentEvent {
        purpose: Some(PurposeCode::parse("newsletter").unwrap()),
        kind: ConsentEventKind::Given,
        at: Utc::now(),
        channel: Channel::Import,
        notice_version: Some(1),
        evidence: Evidence::default(),
        recorded_by: String::new(),
    };
    s.consent().record_consent(sam, &event).unwrap();
    let r = request(&mut s, Regime::CcpaCpra, RequestType::Know);
    // Verified to the "specific" level (11 CCR § 7062(c)); see access_terms_cli for the others.
    s.requests().ask_identity(r, today(), today()).unwrap();
    s.requests()
        .verify_request_with(
            r,
            today(),
            today(),
            Some(KnowVerification {
                data_points: 3,
                signed_declaration: true,
            }),
        )
        .unwrap();
    let dir = store.dir.path().join("sam-ca");
    let (json, html) = export(&s, sam, r, &dir);
    let know = &json["ccpa_know"];
    assert_eq!(
        know["categories_of_sources"],
        serde_json::json!([
            "Other businesses' systems we imported from (such as an email platform)"
        ])
    );
    assert_eq!(
        names(&know["business_purposes"], "name"),
        ["Newsletter", "Orders and invoices"]
    );
    assert_eq!(
        know["service_providers"],
        serde_json::json!([
            "Courier Express (parcel delivery)",
            "Mailer Co (newsletter delivery)"
        ])
    );
    assert_eq!(know["categories_of_third_parties"], serde_json::json!([]));
    assert_eq!(know["sold_or_shared"], false);
    assert!(html.contains("Your right to know (California)"));
    assert!(html.contains("Categories of sources"));
}

#[test]
fn without_a_statement_the_package_says_none_was_recorded() {
    let store = TempStore::new();
    let (mut s, sam) = shop(&store);
    s.settings().set_automated_decisions("  ").unwrap();
    assert_eq!(s.settings().automated_decisions().unwrap(), None);
    let r = request(&mut s, Regime::UkGdpr, RequestType::Access);
    let dir = store.dir.path().join("sam-uk");
    let (json, _) = export(&s, sam, r, &dir);
    assert_eq!(json["automated_decision_making_recorded"], false);
    assert!(
        json["automated_decision_making"]
            .as_str()
            .unwrap()
            .contains("has recorded no statement")
    );
}

#[test]
fn a_statement_before_the_profile_or_too_long_is_refused_and_changes_nothing() {
    let store = TempStore::new();
    let (s, _) = store.create();
    let err = s.settings().set_automated_decisions(STATEMENT).unwrap_err();
    assert!(
        err.to_string()
            .contains("save the organisation profile first"),
        "{err}"
    );
    s.settings()
        .save_profile(&profile("Corner Shop Ltd"))
        .unwrap();
    s.settings().set_automated_decisions(STATEMENT).unwrap();
    let err = s
        .settings()
        .set_automated_decisions(&"x".repeat(4001))
        .unwrap_err();
    assert!(err.to_string().contains("4000"), "{err}");
    assert_eq!(
        s.settings().automated_decisions().unwrap().as_deref(),
        Some(STATEMENT)
    );
}
