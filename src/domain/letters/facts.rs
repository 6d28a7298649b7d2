//! The facts a letter is filled with, and the placeholders that name them.

use std::borrow::Cow;

use super::Language;

/// The facts a letter is filled with. All plain strings already formatted for reading (dates as
/// e.g. "29 November 2026"). Each field is the placeholder of the same name; surrounding
/// whitespace is ignored. A letter may use only some of them.
#[derive(Clone, Debug, Default)]
pub struct LetterFacts {
    /// The organisation's name, e.g. "Hollin Bakery Ltd".
    pub organisation_name: String,
    /// Where the person can reach the organisation: an email or postal address.
    pub organisation_contact: String,
    /// The data protection officer's contact; may be empty (the line is then left out).
    pub dpo_contact: String,
    /// The requester's name; may be empty (`greeting` then reads "Dear Sir or Madam,").
    pub requester_name: String,
    /// The request's reference, e.g. "DSR-2026-0042".
    pub request_reference: String,
    /// What was asked for, as a noun phrase, e.g. "access to your personal data".
    pub request_type: String,
    /// The provision giving the right, e.g. "Article 15 of the UK GDPR".
    pub law: String,
    /// The date the request was received.
    pub received: String,
    /// The date the answer is due (the first period).
    pub due: String,
    /// The new due date after an extension.
    pub extended_due: String,
    /// Why more time is needed, as one or more full sentences.
    pub extension_reason: String,
    /// Why the request is refused, as one or more full sentences, citing the exemption relied on.
    pub refusal_ground: String,
    /// What was done, for the completion letter, as one or more full sentences.
    pub outcome: String,
    /// Where to complain, e.g. "the Information Commissioner's Office (ico.org.uk)".
    pub supervisory_authority: String,
    /// What else the person can do about a refusal, which differs by law; see
    /// [`complaint_rights`].
    pub complaint_rights: String,
    /// The letter's date.
    pub today: String,
    /// Who signs, e.g. "Sam Okafor, Privacy Officer".
    pub signer: String,
    /// What the person must send to confirm their identity, as a noun phrase completing "please
    /// send us …", e.g. "the postcode and the last four digits of the phone number on your
    /// customer account". Ask only for what the check needs.
    pub identity_needed: String,
    /// One or two sentences on how asking for identity affects the time limit; it differs by
    /// law. GDPR and UK GDPR (Art. 12(6), ICO guidance): "The one month we have to answer your
    /// request starts on the day we receive this from you." CCPA (Cal. Code Regs. tit. 11
    /// § 7021(b)): "This does not change our deadline: we will still answer your request by
    /// 14 January 2027."
    pub identity_time_limit: String,
    /// The breach letter (Art. 34): the incident's reference, e.g. "INC-0003".
    pub incident_reference: String,
    /// The breach letter: the nature of the breach, in clear and plain language (Art. 34(2)).
    pub breach_nature: String,
    /// The breach letter: its likely consequences for the person (Art. 34(2), 33(3)(c)).
    pub breach_consequences: String,
    /// The breach letter: the measures taken or proposed, including to mitigate its possible
    /// adverse effects (Art. 34(2), 33(3)(d)).
    pub breach_measures: String,
    /// The breach letter: the data protection officer or other contact point where more
    /// information can be obtained (Art. 34(2), 33(3)(b)).
    pub contact_point: String,
    /// The recipient notice: the vendor's name.
    pub recipient_name: String,
    /// The recipient notice: what the vendor is asked to do, completing "Please …"
    /// ([`super::recipient::recipient_action`]).
    pub recipient_action: String,
    /// The recipient notice: what identifies the person to the vendor (name, email and the
    /// other register fields filled in), on one line.
    pub subject_identifiers: String,
    /// The letter's language: decides the salutation (`greeting`); the other facts arrive
    /// already in it.
    pub language: Language,
}

impl LetterFacts {
    /// The salutation: "Dear {requester_name}," or "Dear Sir or Madam," when there is no name
    /// (in the letter's language: [`Language::greeting`]).
    pub fn greeting(&self) -> String {
        self.language.greeting(&self.requester_name)
    }

    /// The value of the placeholder `name`, trimmed, or `None` if there is no such placeholder.
    pub(super) fn value(&self, name: &str) -> Option<Cow<'_, str>> {
        let field = match name {
            "greeting" => return Some(Cow::Owned(self.greeting())),
            "organisation_name" => &self.organisation_name,
            "organisation_contact" => &self.organisation_contact,
            "dpo_contact" => &self.dpo_contact,
            "requester_name" => &self.requester_name,
            "request_reference" => &self.request_reference,
            "request_type" => &self.request_type,
            "law" => &self.law,
            "received" => &self.received,
            "due" => &self.due,
            "extended_due" => &self.extended_due,
            "extension_reason" => &self.extension_reason,
            "refusal_ground" => &self.refusal_ground,
            "outcome" => &self.outcome,
            "supervisory_authority" => &self.supervisory_authority,
            "complaint_rights" => &self.complaint_rights,
            "today" => &self.today,
            "signer" => &self.signer,
            "identity_needed" => &self.identity_needed,
            "identity_time_limit" => &self.identity_time_limit,
            "incident_reference" => &self.incident_reference,
            "breach_nature" => &self.breach_nature,
            "breach_consequences" => &self.breach_consequences,
            "breach_measures" => &self.breach_measures,
            "contact_point" => &self.contact_point,
            "recipient_name" => &self.recipient_name,
            "recipient_action" => &self.recipient_action,
            "subject_identifiers" => &self.subject_identifiers,
            _ => return None,
        };
        Some(Cow::Borrowed(field.trim()))
    }
}

/// Every placeholder name, for checks and for error messages.
pub(super) const PLACEHOLDERS: [&str; 28] = [
    "greeting",
    "organisation_name",
    "organisation_contact",
    "dpo_contact",
    "requester_name",
    "request_reference",
    "request_type",
    "law",
    "received",
    "due",
    "extended_due",
    "extension_reason",
    "refusal_ground",
    "outcome",
    "supervisory_authority",
    "complaint_rights",
    "today",
    "signer",
    "identity_needed",
    "identity_time_limit",
    "incident_reference",
    "breach_nature",
    "breach_consequences",
    "breach_measures",
    "contact_point",
    "recipient_name",
    "recipient_action",
    "subject_identifiers",
];

/// Placeholders that may be empty; every other one a letter uses must be filled in.
pub(super) const OPTIONAL: [&str; 2] = ["dpo_contact", "requester_name"];

/// What a placeholder holds, in words, for the "is empty" error.
pub(super) fn fact_description(name: &str) -> &'static str {
    match name {
        "organisation_name" => "the organisation's name",
        "organisation_contact" => "the organisation's contact details",
        "request_reference" => "the request's reference",
        "request_type" => "what the person asked for",
        "law" => "the law that gives the right",
        "received" => "the date the request was received",
        "due" => "the date the answer is due",
        "extended_due" => "the new due date",
        "extension_reason" => "the reason for needing more time",
        "refusal_ground" => "the reason for refusing",
        "outcome" => "what was done",
        "supervisory_authority" => "the supervisory authority to complain to",
        "complaint_rights" => "what the person can do about a refusal",
        "today" => "the letter's date",
        "signer" => "the name of the person signing",
        "identity_needed" => "what the person must send to confirm their identity",
        "identity_time_limit" => "the sentence on how the identity check affects the time limit",
        "incident_reference" => "the incident's reference",
        "breach_nature" => "what happened (the incident's facts)",
        "breach_consequences" => "the likely consequences (the incident's effects)",
        "breach_measures" => "the measures taken or proposed (the incident's remedial action)",
        "contact_point" => {
            "the contact point (the data protection officer or the controller's contact in the profile)"
        }
        "recipient_name" => "the vendor's name",
        "recipient_action" => {
            "what the vendor is asked to do (this request type asks nothing of vendors)"
        }
        "subject_identifiers" => {
            "the person's details (their record is gone: send the notice before erasing)"
        }
        _ => "a fact",
    }
}

/// What a person who was refused can do, by law, naming `authority`.
///
/// | Regime | What the letter says | Source |
/// |---|---|---|
/// | GDPR, UK GDPR | Complain to the supervisory authority and seek a judicial remedy (ask a court). | Art. 12(4) ("the possibility of lodging a complaint with a supervisory authority and seeking a judicial remedy"), Art. 77, 79; UK: DPA 2018 ss. 165–167. |
/// | CCPA/CPRA | Contact the California Privacy Protection Agency or the Attorney General. No court: the CCPA's private right of action covers data breaches only, so telling the person to "ask a court" about a refused request would mislead. | Cal. Civ. Code § 1798.150(a), (c) (the action is limited to breaches); § 1798.199.45 (complaints to the Agency); § 1798.155, § 1798.199.90 (Attorney General). |
pub fn complaint_rights(regime: crate::domain::organisation::Regime, authority: &str) -> String {
    use crate::domain::organisation::Regime;
    match regime {
        Regime::Gdpr | Regime::UkGdpr => format!(
            "You also have the right to complain to {authority}, and you may be able to ask a court to decide the matter. You can do either of these whether or not you contact us first."
        ),
        Regime::CcpaCpra => format!(
            "If you believe we have not handled your request as the law requires, you may contact {authority}, whether or not you contact us first."
        ),
    }
}
