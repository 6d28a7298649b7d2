//! The machine-readable document of an access package ([`super`]): stable snake_case
//! field names, times in RFC 3339, days as YYYY-MM-DD; and the facts the readable page shares
//! with it (categories, sources).

use serde::Serialize;

use crate::domain::consent::Channel;
use crate::domain::disclosure::ccpa::KnowCategories;
use crate::domain::disclosure::retention::RetentionLine;
use crate::domain::disclosure::{
    DisclosedActivity, DisclosedCategory, DisclosedTransfer, Recipient,
};
use crate::domain::organisation::Contact;

use super::{Contents, identity_fields, rfc3339, ymd};

/// The controller's statement on automated decision-making (GDPR Art. 15(1)(h)), or, when
/// none is recorded, a sentence saying so (never a claim the controller did not make).
pub(super) fn automated_statement(c: &Contents) -> String {
    match &c.processing.automated {
        Some(text) => text.clone(),
        None => "The controller has recorded no statement on automated decision-making, \
including profiling (Article 22), in Privacy Desk; ask the controller at the contact given."
            .to_owned(),
    }
}

// ---------------------------------------------------------------------------------------------
// JSON

/// The JSON document: everything the package holds, borrowed from [`Contents`].
#[derive(Serialize)]
pub(super) struct JsonPackage<'a> {
    format: &'static str,
    format_version: u32,
    generated_at: String,
    subject_id: String,
    answers_request: Option<&'a str>,
    organisation: &'a str,
    controller: &'a Contact,
    dpo: Option<&'a Contact>,
    /// `specific` or `categories` (a CCPA request to know verified for categories only:
    /// identity values, consent events and corrections are left out, 11 CCR § 7024).
    disclosure: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    identity: Option<JsonIdentity<'a>>,
    purposes: Vec<JsonPurpose<'a>>,
    data_categories: JsonCategories<'a>,
    sources: Vec<JsonSource>,
    processing_activities: &'a [DisclosedActivity],
    recipients: &'a [Recipient],
    transfers: &'a [DisclosedTransfer],
    retention: &'a [RetentionLine],
    retention_notes: &'a [String],
    automated_decision_making: String,
    automated_decision_making_recorded: bool,
    ccpa_know: Option<&'a KnowCategories>,
    #[serde(skip_serializing_if = "Option::is_none")]
    consent_events: Option<Vec<JsonEvent<'a>>>,
    requests: Vec<JsonRequest<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    corrections: Option<Vec<JsonCorrection<'a>>>,
}

#[derive(Serialize)]
struct JsonIdentity<'a> {
    recorded_at: String,
    email: &'a str,
    name: &'a str,
    phone: &'a str,
    postal_address: &'a str,
    customer_ref: &'a str,
    tags: Vec<&'a str>,
    notes: &'a str,
    processing_restricted_since: Option<&'a str>,
    address_undeliverable_since: Option<String>,
}

#[derive(Serialize)]
struct JsonPurpose<'a> {
    code: &'a str,
    name: &'a str,
    description: &'a str,
    legal_basis: &'static str,
    legal_basis_label: &'static str,
    processing_activities: &'a [String],
    in_consent_history: bool,
    ccpa_sale_or_share: bool,
    consent_state: &'static str,
    consent_state_since: Option<String>,
}

#[derive(Serialize)]
struct JsonCategories<'a> {
    identity_fields: Vec<&'static str>,
    categories: &'a [DisclosedCategory],
}

#[derive(Serialize)]
struct JsonSource {
    channel: &'static str,
    description: &'static str,
    consent_events: u64,
}

#[derive(Serialize)]
struct JsonEvent<'a> {
    at: String,
    purpose_code: Option<&'a str>,
    purpose_name: Option<&'a str>,
    kind: &'static str,
    channel: &'static str,
    notice_version: Option<u32>,
    evidence_form_id: &'a str,
    evidence_ip: &'a str,
    evidence_confirmed_at: &'a str,
    evidence_document_ref: &'a str,
    evidence_note: &'a str,
    recorded_by: &'a str,
}

#[derive(Serialize)]
struct JsonRequest<'a> {
    reference: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    regime: &'static str,
    state: &'static str,
    received: String,
    due: String,
    closed: Option<String>,
}

#[derive(Serialize)]
struct JsonCorrection<'a> {
    at: String,
    field: &'a str,
    before: &'a str,
    after: &'a str,
    by: &'a str,
}

/// The JSON document of a package.
pub(super) fn json_package(c: &Contents) -> JsonPackage<'_> {
    let f = &c.subject.fields;
    JsonPackage {
        format: "privacy-desk-access-package",
        format_version: 2,
        generated_at: rfc3339(c.generated_at),
        subject_id: c.subject.id.to_string(),
        answers_request: c.answering().map(|r| r.reference.as_str()),
        organisation: &c.profile.name,
        controller: &c.profile.controller,
        dpo: (!c.profile.dpo.is_empty()).then_some(&c.profile.dpo),
        disclosure: if c.specific { "specific" } else { "categories" },
        identity: c.specific.then(|| JsonIdentity {
            recorded_at: rfc3339(c.subject.created_at),
            email: &f.email,
            name: &f.name,
            phone: &f.phone,
            postal_address: &f.postal_address,
            customer_ref: &f.customer_ref,
            tags: tags(&f.tags),
            notes: &f.notes,
            processing_restricted_since: c.restricted_on.as_deref(),
            address_undeliverable_since: c.undeliverable_since.map(rfc3339),
        }),
        purposes: c
            .processing
            .disclosure
            .purposes
            .iter()
            .map(|p| {
                let state = c
                    .purposes
                    .iter()
                    .find(|(q, _)| q.code.as_str() == p.code)
                    .map(|(_, s)| s);
                JsonPurpose {
                    code: &p.code,
                    name: &p.name,
                    description: &p.description,
                    legal_basis: p.legal_basis,
                    legal_basis_label: p.legal_basis_label,
                    processing_activities: &p.activities,
                    in_consent_history: p.in_consent_history,
                    ccpa_sale_or_share: p.ccpa_sale_or_share,
                    consent_state: state.map_or("none", |s| s.code()),
                    consent_state_since: state.and_then(|s| s.since()).map(rfc3339),
                }
            })
            .collect(),
        data_categories: JsonCategories {
            identity_fields: filled_fields(c).into_iter().map(|(code, _)| code).collect(),
            categories: &c.processing.disclosure.categories,
        },
        sources: sources(c)
            .into_iter()
            .map(|(ch, n)| JsonSource {
                channel: ch.code(),
                description: source_phrase(ch),
                consent_events: n,
            })
            .collect(),
        processing_activities: &c.processing.disclosure.activities,
        recipients: &c.processing.disclosure.recipients,
        transfers: &c.processing.disclosure.transfers,
        retention: &c.processing.retention,
        retention_notes: &c.processing.disclosure.retention_notes,
        automated_decision_making: automated_statement(c),
        automated_decision_making_recorded: c.processing.automated.is_some(),
        ccpa_know: c.processing.know.as_ref(),
        consent_events: c.specific.then(|| {
            c.events
                .iter()
                .map(|e| {
                    let code = e.purpose.as_ref().map(|p| p.as_str());
                    JsonEvent {
                        at: rfc3339(e.at),
                        purpose_code: code,
                        purpose_name: code.map(|p| c.purpose_name(p)),
                        kind: e.kind.code(),
                        channel: e.channel.code(),
                        notice_version: e.notice_version,
                        evidence_form_id: &e.evidence.form_id,
                        evidence_ip: &e.evidence.ip,
                        evidence_confirmed_at: &e.evidence.confirmed_at,
                        evidence_document_ref: &e.evidence.document_ref,
                        evidence_note: &e.evidence.note,
                        recorded_by: &e.recorded_by,
                    }
                })
                .collect()
        }),
        requests: c
            .requests
            .iter()
            .map(|r| JsonRequest {
                reference: &r.reference,
                kind: r.kind.code(),
                regime: r.regime.code(),
                state: r.state.code(),
                received: ymd(r.received),
                due: ymd(r.due),
                closed: r.closed.map(ymd),
            })
            .collect(),
        corrections: c.specific.then(|| {
            c.corrections
                .iter()
                .map(|ch| JsonCorrection {
                    at: rfc3339(ch.at),
                    field: &ch.field,
                    before: &ch.before,
                    after: &ch.after,
                    by: &ch.actor,
                })
                .collect()
        }),
    }
}

/// Stored tags ("a, b") as a list.
pub(super) fn tags(text: &str) -> Vec<&str> {
    text.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect()
}

/// The identity fields that hold something, as (code, label).
pub(super) fn filled_fields(c: &Contents) -> Vec<(&'static str, &'static str)> {
    identity_fields(&c.subject.fields)
        .into_iter()
        .filter(|(_, _, value)| !value.trim().is_empty())
        .map(|(code, label, _)| (code, label))
        .collect()
}

/// The channels of the consent ledger with their event counts, in order of first use.
pub(super) fn sources(c: &Contents) -> Vec<(Channel, u64)> {
    let mut out: Vec<(Channel, u64)> = Vec::new();
    for e in &c.events {
        match out.iter_mut().find(|(ch, _)| *ch == e.channel) {
            Some((_, n)) => *n += 1,
            None => out.push((e.channel, 1)),
        }
    }
    out
}

/// Where data recorded through a channel came from, in words.
pub(super) fn source_phrase(channel: Channel) -> &'static str {
    match channel {
        Channel::WebForm => "a web form",
        Channel::DoubleOptInEmail => "a confirmation link in an email (double opt-in)",
        Channel::Paper => "a signed paper form",
        Channel::Phone => "a telephone call",
        Channel::InStore => "in a shop",
        Channel::Import => "imported from another system, such as an email platform",
        Channel::BrowserSignal => "a signal from the browser (Global Privacy Control)",
        Channel::OfficerReview => "recorded by staff while reviewing consents",
    }
}

// ---------------------------------------------------------------------------------------------
// CSV
