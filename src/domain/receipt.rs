//! Consent receipts: a record of what one person has consented to, given to them as evidence.
//!
//! The field names follow the Kantara Initiative Consent Receipt Specification v1.1
//! (`KI-CR-v1.1.0`, 2018): a header (version, jurisdiction, consent time, collection method,
//! receipt id, language), the PII principal, the PII controllers, the policy URL, the services
//! with their purposes, and the sensitive-information flags. Only purposes whose current state
//! is *given* appear: the receipt shows the consents that stand, not the history (the ledger
//! keeps that).
//!
//! How Privacy Desk's records fill the fields:
//! - `jurisdiction`: the organisation's regimes (GDPR → `EU`, UK GDPR → `GB`, CCPA/CPRA →
//!   `US-CA`), comma-separated.
//! - `consentTimestamp`: seconds since the epoch of the latest given or refreshed consent among
//!   the purposes shown (the time of issue when there is none).
//! - `collectionMethod`: the channels of those consents, in words.
//! - `piiControllers`: one controller, from the organisation profile; its `address` is a
//!   schema.org `PostalAddress` with the profile's postal address as `streetAddress`.
//! - `services`: one service named after the organisation; each purpose's description is
//!   `purpose`, its name is the `purposeCategory`, its data categories are `piiCategory`, and a
//!   CCPA sale or share is a `thirdPartyDisclosure` (partners are not named yet: vendors come
//!   with a later issue, so `thirdPartyName` is empty).
//! - `sensitive` / `spiCat`: whether any shown purpose uses sensitive categories, and which.
//!
//! Everything here is pure: the receipt id and the time of issue are passed in.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::consent::{Channel, ConsentState, uses_sensitive_data};
use super::organisation::{OrganisationProfile, Regime};
use super::purpose::{LegalBasis, Purpose};

/// The specification version written in every receipt.
pub const RECEIPT_VERSION: &str = "KI-CR-v1.1.0";

/// The language receipts are written in (ISO 639-1).
pub const RECEIPT_LANGUAGE: &str = "en";

/// The only consent type Privacy Desk records: consent is given by an affirmative act.
pub const CONSENT_TYPE_EXPLICIT: &str = "EXPLICIT";

/// A consent receipt (Kantara CR v1.1 field names).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentReceipt {
    /// The specification version, [`RECEIPT_VERSION`].
    #[serde(rename = "version")]
    pub version: String,
    /// Where the controller is regulated (e.g. `EU, GB`).
    #[serde(rename = "jurisdiction")]
    pub jurisdiction: String,
    /// When consent was given, seconds since 1970-01-01T00:00:00Z.
    #[serde(rename = "consentTimestamp")]
    pub consent_timestamp: i64,
    /// How consent was collected, in words.
    #[serde(rename = "collectionMethod")]
    pub collection_method: String,
    /// This receipt's unique id (a UUID).
    #[serde(rename = "consentReceiptID")]
    pub consent_receipt_id: String,
    /// The controller's public key for signed receipts; Privacy Desk does not sign, so absent.
    #[serde(rename = "publicKey", default, skip_serializing_if = "Option::is_none")]
    pub public_key: Option<String>,
    /// The receipt's language (ISO 639-1).
    #[serde(rename = "language")]
    pub language: String,
    /// Who consented: their email address.
    #[serde(rename = "piiPrincipalId")]
    pub pii_principal_id: String,
    /// The controllers.
    #[serde(rename = "piiControllers")]
    pub pii_controllers: Vec<PiiController>,
    /// The privacy policy's address; empty while the profile does not record one.
    #[serde(rename = "policyUrl")]
    pub policy_url: String,
    /// The services and their purposes.
    #[serde(rename = "services")]
    pub services: Vec<ReceiptService>,
    /// Whether sensitive personal information is processed under these consents.
    #[serde(rename = "sensitive")]
    pub sensitive: bool,
    /// The sensitive categories processed.
    #[serde(rename = "spiCat")]
    pub spi_cat: Vec<String>,
}

/// A PII controller of a receipt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PiiController {
    /// The organisation's name.
    #[serde(rename = "piiController")]
    pub pii_controller: String,
    /// The person or office to contact.
    #[serde(rename = "contact")]
    pub contact: String,
    /// The postal address.
    #[serde(rename = "address")]
    pub address: PostalAddress,
    /// The contact email.
    #[serde(rename = "email")]
    pub email: String,
    /// The contact telephone number.
    #[serde(rename = "phone")]
    pub phone: String,
}

/// A postal address (schema.org `PostalAddress`, as the specification asks).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostalAddress {
    /// The whole address as the profile holds it.
    #[serde(rename = "streetAddress")]
    pub street_address: String,
}

/// A service and the purposes consented to for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptService {
    /// The service's name.
    #[serde(rename = "service")]
    pub service: String,
    /// The purposes.
    #[serde(rename = "purposes")]
    pub purposes: Vec<ReceiptPurpose>,
}

/// One purpose of a service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptPurpose {
    /// What is done and why.
    #[serde(rename = "purpose")]
    pub purpose: String,
    /// Its categories (the purpose's name).
    #[serde(rename = "purposeCategory")]
    pub purpose_category: Vec<String>,
    /// [`CONSENT_TYPE_EXPLICIT`].
    #[serde(rename = "consentType")]
    pub consent_type: String,
    /// The kinds of personal information used (data taxonomy codes).
    #[serde(rename = "piiCategory")]
    pub pii_category: Vec<String>,
    /// Whether the purpose is part of the core service (true for contract purposes).
    #[serde(rename = "primaryPurpose")]
    pub primary_purpose: bool,
    /// When the consent ends and how to end it.
    #[serde(rename = "termination")]
    pub termination: String,
    /// Whether the information is sold or shared with third parties (CCPA sale/share).
    #[serde(rename = "thirdPartyDisclosure")]
    pub third_party_disclosure: bool,
    /// The third parties; empty until vendors are recorded.
    #[serde(rename = "thirdPartyName")]
    pub third_party_name: String,
}

/// The jurisdiction code of a regime.
pub fn jurisdiction_code(regime: Regime) -> &'static str {
    match regime {
        Regime::Gdpr => "EU",
        Regime::UkGdpr => "GB",
        Regime::CcpaCpra => "US-CA",
    }
}

/// How a channel collects consent, in words.
pub fn collection_method(channel: Channel) -> &'static str {
    match channel {
        Channel::WebForm => "web form",
        Channel::DoubleOptInEmail => "double opt-in email",
        Channel::Paper => "signed paper form",
        Channel::Phone => "telephone",
        Channel::InStore => "in store",
        Channel::Import => "imported from another system",
        Channel::BrowserSignal => "browser signal",
        Channel::OfficerReview => "recorded by the privacy officer during a review",
    }
}

fn termination(profile: &OrganisationProfile) -> String {
    let how = [
        &profile.controller.email,
        &profile.controller.postal_address,
    ]
    .into_iter()
    .map(|s| s.trim())
    .find(|s| !s.is_empty())
    .map(|s| format!(" by writing to {s}"))
    .unwrap_or_default();
    format!(
        "Until you withdraw it, which you can do at any time{how}, or until we ask you to confirm it again."
    )
}

/// Builds the receipt for one person: `principal` is their email, `states` each purpose with
/// its current state (only the given ones are shown), `receipt_id` and `issued_at` identify
/// this issue.
pub fn build_receipt(
    principal: &str,
    profile: &OrganisationProfile,
    states: &[(Purpose, ConsentState)],
    receipt_id: Uuid,
    issued_at: DateTime<Utc>,
) -> ConsentReceipt {
    let given: Vec<(&Purpose, DateTime<Utc>, Channel)> = states
        .iter()
        .filter_map(|(p, s)| match s {
            ConsentState::Given {
                confirmed_at,
                channel,
                ..
            } => Some((p, *confirmed_at, *channel)),
            _ => None,
        })
        .collect();
    let consent_at = given.iter().map(|g| g.1).max().unwrap_or(issued_at);
    let mut methods: Vec<&str> = Vec::new();
    for (_, _, channel) in &given {
        let m = collection_method(*channel);
        if !methods.contains(&m) {
            methods.push(m);
        }
    }
    let mut spi_cat: Vec<String> = Vec::new();
    for (p, _, _) in &given {
        for c in &p.data_categories {
            if (c == "sensitive" || c.starts_with("sensitive.")) && !spi_cat.contains(c) {
                spi_cat.push(c.clone());
            }
        }
    }
    let termination = termination(profile);
    let purposes: Vec<ReceiptPurpose> = given
        .iter()
        .map(|(p, _, _)| ReceiptPurpose {
            purpose: p.description.clone(),
            purpose_category: vec![p.name.clone()],
            consent_type: CONSENT_TYPE_EXPLICIT.to_owned(),
            pii_category: p.data_categories.clone(),
            primary_purpose: p.legal_basis == LegalBasis::Contract,
            termination: termination.clone(),
            third_party_disclosure: p.ccpa_sale_or_share,
            third_party_name: String::new(),
        })
        .collect();
    let c = &profile.controller;
    let non_empty = |a: &str, b: &str| {
        if a.trim().is_empty() {
            b.trim().to_owned()
        } else {
            a.trim().to_owned()
        }
    };
    ConsentReceipt {
        version: RECEIPT_VERSION.to_owned(),
        jurisdiction: profile
            .regimes
            .iter()
            .map(|r| jurisdiction_code(*r))
            .collect::<Vec<_>>()
            .join(", "),
        consent_timestamp: consent_at.timestamp(),
        collection_method: methods.join("; "),
        consent_receipt_id: receipt_id.to_string(),
        public_key: None,
        language: RECEIPT_LANGUAGE.to_owned(),
        pii_principal_id: principal.trim().to_owned(),
        pii_controllers: vec![PiiController {
            pii_controller: profile.name.trim().to_owned(),
            contact: non_empty(&c.name, &profile.name),
            address: PostalAddress {
                street_address: c.postal_address.trim().to_owned(),
            },
            email: c.email.trim().to_owned(),
            phone: c.phone.trim().to_owned(),
        }],
        policy_url: String::new(),
        services: if purposes.is_empty() {
            Vec::new()
        } else {
            vec![ReceiptService {
                service: profile.name.trim().to_owned(),
                purposes,
            }]
        },
        sensitive: given.iter().any(|(p, _, _)| uses_sensitive_data(p)),
        spi_cat,
    }
}

#[cfg(test)]
mod tests;
