//! Letters for a request: the facts drawn from the request, the organisation profile and the
//! deadline, filled into the templates of `assets/letters/`.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::letters::{Letter, LetterFacts, LetterKind, LetterTemplate, complaint_rights};
use crate::domain::organisation::Regime;
use crate::domain::request::identity::identity_step_offered;
use crate::domain::request::{DeadlineRule, long_date};

use crate::services::{ServiceError, ServiceResult};

/// Where a person may complain, per regime (GDPR Art. 77; UK GDPR Art. 77 and DPA 2018 s. 165;
/// CCPA: the California Privacy Protection Agency, Cal. Civ. Code § 1798.199.10, and the
/// Attorney General).
pub fn supervisory_authority(regime: Regime) -> &'static str {
    match regime {
        Regime::UkGdpr => "the Information Commissioner's Office (ico.org.uk, 0303 123 1113)",
        Regime::Gdpr => {
            "the data protection supervisory authority of the EU country where you live or work, or where you think the infringement took place (for Ireland, the Data Protection Commission, dataprotection.ie)"
        }
        Regime::CcpaCpra => {
            "the California Privacy Protection Agency (cppa.ca.gov) or the California Attorney General (oag.ca.gov/privacy)"
        }
    }
}

impl super::Requests<'_> {
    /// The facts a letter about `request` is filled with, as of `today`.
    pub fn letter_facts(&self, request: Uuid, today: NaiveDate) -> ServiceResult<LetterFacts> {
        let detail = self.request_detail(request, today)?;
        let r = &detail.request;
        let profile = self.settings().profile()?;
        let subject_name = match r.subject_id {
            Some(id) => self
                .subjects()
                .subject(id)?
                .map(|s| s.fields.name.trim().to_owned())
                .unwrap_or_default(),
            None => String::new(),
        };
        let requester_name = if r.requester.is_agent() {
            r.requester.agent_name.trim().to_owned()
        } else if !r.requester.name.trim().is_empty() {
            r.requester.name.trim().to_owned()
        } else {
            subject_name
        };
        let contact = &profile.controller;
        let organisation_contact = [&contact.email, &contact.postal_address, &contact.phone]
            .into_iter()
            .map(|s| s.trim())
            .find(|s| !s.is_empty())
            .unwrap_or_default()
            .to_owned();
        let dpo = &profile.dpo;
        let dpo_contact = [dpo.name.trim(), dpo.email.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        let dl = &detail.deadline;
        let identity_time_limit = if dl.rule.restarts_on_identity() {
            "The time we have to answer your request starts on the day we receive this from you."
                .to_owned()
        } else {
            format!(
                "This does not change our deadline: we will still answer your request by {}.",
                long_date(dl.due)
            )
        };
        Ok(LetterFacts {
            organisation_name: profile.name.trim().to_owned(),
            organisation_contact,
            dpo_contact,
            requester_name,
            request_reference: r.reference.clone(),
            request_type: r.kind.phrase().to_owned(),
            law: r.kind.law(r.regime),
            received: long_date(r.received),
            due: long_date(dl.first_period_end),
            extended_due: dl.extended_end.map(long_date).unwrap_or_default(),
            extension_reason: r.extension_reason.clone().unwrap_or_default(),
            refusal_ground: r
                .refusal
                .as_ref()
                .map(|g| g.sentence())
                .unwrap_or_default(),
            // An objection's letter says which purposes stopped and which continue, on which
            // ground (Art. 21(1); Art. 12(4) when processing continues).
            outcome: [
                r.outcome.clone().unwrap_or_default(),
                self.objection_letter_text(request)?,
            ]
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
            supervisory_authority: supervisory_authority(r.regime).to_owned(),
            complaint_rights: complaint_rights(r.regime, supervisory_authority(r.regime)),
            today: long_date(today),
            signer: format!("{}, {}", self.user.name, self.user.role.label()),
            identity_needed: match dl.rule {
                DeadlineRule::GdprMonth => "a reply from the email address we hold for you, or the customer reference shown on one of your orders or invoices".to_owned(),
                _ => "two pieces of information that match what we hold about you, such as the postcode and the date of your last order".to_owned(),
            },
            identity_time_limit,
            ..LetterFacts::default()
        })
    }

    /// A letter about `request`, filled in; an error names the fact still missing (e.g. a
    /// refusal letter before the ground is recorded).
    pub fn letter(
        &self,
        request: Uuid,
        kind: LetterKind,
        today: NaiveDate,
    ) -> ServiceResult<Letter> {
        if kind == LetterKind::IdentityRequest {
            let detail = self.request_detail(request, today)?;
            let r = &detail.request;
            if !identity_step_offered(r.regime, r.kind) {
                return Err(ServiceError::invalid(
                    kind.label(),
                    "opt-out and limit requests need no identity verification, so there is no identity-request letter for them (Cal. Code Regs. tit. 11 § 7026(d), § 7027(e)).",
                ));
            }
        }
        let facts = self.letter_facts(request, today)?;
        let template = LetterTemplate::builtin(kind)
            .map_err(|e| ServiceError::invalid("Letter", e.to_string()))?;
        template
            .render(&facts)
            .map_err(|e| ServiceError::invalid(kind.label(), e.to_string()))
    }
}
