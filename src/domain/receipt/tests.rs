//! Tables for the receipt mapping: which purposes appear, how each field is filled, and the
//! exact key names of the specification.

use chrono::TimeZone;

use super::*;
use crate::domain::organisation::Contact;
use crate::domain::purpose::PurposeCode;

fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, day, 12, 0, 0).unwrap()
}

fn purpose(code: &str, categories: &[&str], sale: bool, basis: LegalBasis) -> Purpose {
    Purpose {
        code: PurposeCode::parse(code).unwrap(),
        name: format!("Name of {code}"),
        description: format!("Description of {code}"),
        legal_basis: basis,
        data_categories: categories.iter().map(|c| (*c).to_owned()).collect(),
        ccpa_sale_or_share: sale,
    }
}

fn given(day: u32, channel: Channel) -> ConsentState {
    ConsentState::Given {
        since: at(1),
        confirmed_at: at(day),
        notice_version: Some(1),
        has_evidence: true,
        channel,
    }
}

fn profile(regimes: &[Regime]) -> OrganisationProfile {
    OrganisationProfile {
        name: " Bakery Ltd ".into(),
        controller: Contact {
            name: "Privacy Office".into(),
            email: "privacy@bakery.example".into(),
            phone: "+44 20 7946 0000".into(),
            postal_address: "1 High Street, Testington".into(),
        },
        dpo: Contact::default(),
        regimes: regimes.iter().copied().collect(),
    }
}

fn id() -> Uuid {
    Uuid::from_u128(0x1234)
}

#[test]
fn only_given_purposes_appear() {
    let states = vec![
        (
            purpose("newsletter", &["contact.email"], false, LegalBasis::Consent),
            given(5, Channel::WebForm),
        ),
        (
            purpose("tracking", &["behaviour"], false, LegalBasis::Consent),
            ConsentState::Withdrawn { since: at(6) },
        ),
        (
            purpose(
                "partner-sharing",
                &["contact.email"],
                true,
                LegalBasis::Consent,
            ),
            ConsentState::OptedOut { since: at(7) },
        ),
        (
            purpose("profiling", &[], false, LegalBasis::Consent),
            ConsentState::Expired { since: at(8) },
        ),
        (
            purpose("recommendations", &[], false, LegalBasis::Consent),
            ConsentState::NoRecord,
        ),
    ];
    let r = build_receipt(
        "ada@example.org",
        &profile(&[Regime::Gdpr]),
        &states,
        id(),
        at(20),
    );
    assert_eq!(r.services.len(), 1);
    let shown: Vec<&str> = r.services[0]
        .purposes
        .iter()
        .map(|p| p.purpose.as_str())
        .collect();
    assert_eq!(shown, ["Description of newsletter"]);
}

#[test]
fn fields_are_filled_from_the_records() {
    let states = vec![
        (
            purpose("newsletter", &["contact.email"], false, LegalBasis::Consent),
            given(5, Channel::WebForm),
        ),
        (
            purpose(
                "partner-sharing",
                &["contact.email", "identity.name"],
                true,
                LegalBasis::Consent,
            ),
            given(9, Channel::Paper),
        ),
        (
            purpose("orders", &[], false, LegalBasis::Contract),
            given(7, Channel::WebForm),
        ),
    ];
    let p = profile(&[Regime::Gdpr, Regime::UkGdpr]);
    let r = build_receipt(" ada@example.org ", &p, &states, id(), at(20));
    assert_eq!(r.version, "KI-CR-v1.1.0");
    assert_eq!(r.jurisdiction, "EU, GB");
    assert_eq!(r.consent_timestamp, at(9).timestamp());
    assert_eq!(r.collection_method, "web form; signed paper form");
    assert_eq!(r.consent_receipt_id, id().to_string());
    assert_eq!(r.public_key, None);
    assert_eq!(r.language, "en");
    assert_eq!(r.pii_principal_id, "ada@example.org");
    assert_eq!(r.policy_url, "");
    assert!(!r.sensitive);
    assert!(r.spi_cat.is_empty());

    let c = &r.pii_controllers[0];
    assert_eq!(c.pii_controller, "Bakery Ltd");
    assert_eq!(c.contact, "Privacy Office");
    assert_eq!(c.address.street_address, "1 High Street, Testington");
    assert_eq!(c.email, "privacy@bakery.example");
    assert_eq!(c.phone, "+44 20 7946 0000");

    let s = &r.services[0];
    assert_eq!(s.service, "Bakery Ltd");
    let sharing = &s.purposes[1];
    assert_eq!(sharing.purpose_category, ["Name of partner-sharing"]);
    assert_eq!(sharing.consent_type, "EXPLICIT");
    assert_eq!(sharing.pii_category, ["contact.email", "identity.name"]);
    assert!(sharing.third_party_disclosure);
    assert_eq!(sharing.third_party_name, "");
    assert!(!sharing.primary_purpose);
    assert!(sharing.termination.contains("privacy@bakery.example"));
    assert!(!s.purposes[0].third_party_disclosure);
    assert!(
        s.purposes[2].primary_purpose,
        "a contract purpose is primary"
    );
}

#[test]
fn jurisdiction_table() {
    for (regimes, expected) in [
        (vec![], ""),
        (vec![Regime::Gdpr], "EU"),
        (vec![Regime::UkGdpr], "GB"),
        (vec![Regime::CcpaCpra], "US-CA"),
        (
            vec![Regime::CcpaCpra, Regime::Gdpr, Regime::UkGdpr],
            "EU, GB, US-CA",
        ),
    ] {
        let r = build_receipt("a@b.co", &profile(&regimes), &[], id(), at(20));
        assert_eq!(r.jurisdiction, expected, "{regimes:?}");
    }
}

#[test]
fn nothing_given_means_no_services_and_the_issue_time() {
    let states = vec![(
        purpose("newsletter", &[], false, LegalBasis::Consent),
        ConsentState::Withdrawn { since: at(3) },
    )];
    let r = build_receipt("a@b.co", &profile(&[]), &states, id(), at(20));
    assert!(r.services.is_empty());
    assert_eq!(r.consent_timestamp, at(20).timestamp());
    assert_eq!(r.collection_method, "");
}

#[test]
fn sensitive_categories_are_listed() {
    let states = vec![
        (
            purpose(
                "health-tips",
                &["contact.email", "sensitive.health", "sensitive.health"],
                false,
                LegalBasis::Consent,
            ),
            given(4, Channel::DoubleOptInEmail),
        ),
        (
            purpose(
                "tracking",
                &["sensitive.biometric"],
                false,
                LegalBasis::Consent,
            ),
            ConsentState::Withdrawn { since: at(5) },
        ),
    ];
    let r = build_receipt("a@b.co", &profile(&[Regime::Gdpr]), &states, id(), at(20));
    assert!(r.sensitive);
    assert_eq!(r.spi_cat, ["sensitive.health"]);
}

#[test]
fn contact_falls_back_to_the_organisation_name() {
    let mut p = profile(&[Regime::Gdpr]);
    p.controller.name = "  ".into();
    p.controller.email.clear();
    let r = build_receipt("a@b.co", &p, &[], id(), at(20));
    assert_eq!(r.pii_controllers[0].contact, "Bakery Ltd");
    let states = vec![(
        purpose("newsletter", &[], false, LegalBasis::Consent),
        given(4, Channel::Phone),
    )];
    let r = build_receipt("a@b.co", &p, &states, id(), at(20));
    assert!(
        r.services[0].purposes[0]
            .termination
            .contains("1 High Street"),
        "without an email the postal address is given"
    );
}

#[test]
fn serialised_keys_are_the_specifications() {
    let states = vec![(
        purpose("newsletter", &["contact.email"], false, LegalBasis::Consent),
        given(5, Channel::WebForm),
    )];
    let r = build_receipt("a@b.co", &profile(&[Regime::Gdpr]), &states, id(), at(20));
    let v = serde_json::to_value(&r).unwrap();
    let keys = |v: &serde_json::Value| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(
        keys(&v),
        [
            "collectionMethod",
            "consentReceiptID",
            "consentTimestamp",
            "jurisdiction",
            "language",
            "piiControllers",
            "piiPrincipalId",
            "policyUrl",
            "sensitive",
            "services",
            "spiCat",
            "version",
        ]
    );
    assert_eq!(
        keys(&v["piiControllers"][0]),
        ["address", "contact", "email", "phone", "piiController"]
    );
    assert_eq!(keys(&v["services"][0]), ["purposes", "service"]);
    assert_eq!(
        keys(&v["services"][0]["purposes"][0]),
        [
            "consentType",
            "piiCategory",
            "primaryPurpose",
            "purpose",
            "purposeCategory",
            "termination",
            "thirdPartyDisclosure",
            "thirdPartyName",
        ]
    );
    assert!(v["consentTimestamp"].is_i64());
    let back: ConsentReceipt = serde_json::from_value(v).unwrap();
    assert_eq!(back, r);
}

#[test]
fn every_channel_has_words() {
    for c in Channel::ALL {
        assert!(!collection_method(c).is_empty(), "{c:?}");
    }
}
