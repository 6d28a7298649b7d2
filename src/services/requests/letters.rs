//! Letters for a request: the facts drawn from the request, the organisation profile and the
//! deadline, filled into the templates of `assets/letters/` in the language asked for (English,
//! German, French or Spanish; the words among the facts come from
//! `domain::letters::wording` in the same language).

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::letters::{Language, Letter, LetterFacts, LetterKind, LetterTemplate, wording};
use crate::domain::organisation::Regime;
use crate::domain::request::DeadlineRule;
use crate::domain::request::identity::identity_step_offered;

use crate::services::{ServiceError, ServiceResult};

/// Where a person may complain, per regime (GDPR Art. 77; UK GDPR Art. 77 and DPA 2018 s. 165;
/// CCPA: the California Privacy Protection Agency, Cal. Civ. Code § 1798.199.10, and the
/// Attorney General).
pub fn supervisory_authority(regime: Regime) -> &'static str {
    wording::supervisory_authority(Language::English, regime)
}

impl super::Requests<'_> {
    /// The facts a letter about `request` is filled with, as of `today`, in English.
    pub fn letter_facts(&self, request: Uuid, today: NaiveDate) -> ServiceResult<LetterFacts> {
        self.letter_facts_in(request, Language::English, today)
    }

    /// The facts a letter about `request` is filled with, as of `today`, in `lang`: dates, the
    /// right and its article, the authority, the refusal ground and the identity sentences in
    /// that language; what the officer typed (an outcome, a reason) as typed.
    pub fn letter_facts_in(
        &self,
        request: Uuid,
        lang: Language,
        today: NaiveDate,
    ) -> ServiceResult<LetterFacts> {
        let long_date = |d| lang.long_date(d);
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
        let tiered = crate::domain::request::know::applies(r.regime, r.kind);
        let mut identity_time_limit =
            wording::identity_time_limit(lang, dl.rule.restarts_on_identity(), &long_date(dl.due));
        if tiered {
            // 11 CCR § 7062(b)–(c): the letter says which level needs what.
            identity_time_limit = format!(
                "{} {identity_time_limit}",
                crate::domain::request::know::LETTER_PARAGRAPH
            );
        }
        Ok(LetterFacts {
            organisation_name: profile.name.trim().to_owned(),
            organisation_contact,
            dpo_contact,
            requester_name,
            request_reference: r.reference.clone(),
            request_type: wording::request_phrase(lang, r.kind).to_owned(),
            law: wording::law(lang, r.kind, r.regime),
            received: long_date(r.received),
            due: long_date(dl.first_period_end),
            extended_due: dl.extended_end.map(long_date).unwrap_or_default(),
            extension_reason: r.extension_reason.clone().unwrap_or_default(),
            refusal_ground: r
                .refusal
                .as_ref()
                .map(|g| wording::refusal_sentence(lang, g))
                .unwrap_or_default(),
            // An objection's letter says which purposes stopped and which continue, on which
            // ground (Art. 21(1); Art. 12(4) when processing continues).
            outcome: [
                r.outcome.clone().unwrap_or_default(),
                self.objection_letter_text(request)?,
                self.partial_letter_text(request)?,
            ]
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
            supervisory_authority: wording::supervisory_authority(lang, r.regime).to_owned(),
            complaint_rights: wording::complaint_rights(lang, r.regime),
            today: long_date(today),
            signer: format!(
                "{}, {}",
                self.user.name,
                wording::role(lang, self.user.role)
            ),
            identity_needed: if tiered {
                "three pieces of information that match what we hold about you (for example your email address, your postal address and the number of a recent order), and a declaration signed under penalty of perjury that you are the person whose information is requested".to_owned()
            } else {
                wording::identity_needed(lang, dl.rule == DeadlineRule::GdprMonth).to_owned()
            },
            identity_time_limit,
            language: lang,
            ..LetterFacts::default()
        })
    }

    /// A letter about `request`, filled in, in English; an error names the fact still missing
    /// (e.g. a refusal letter before the ground is recorded).
    pub fn letter(
        &self,
        request: Uuid,
        kind: LetterKind,
        today: NaiveDate,
    ) -> ServiceResult<Letter> {
        self.letter_in(request, kind, Language::English, today)
    }

    /// A letter about `request` in `lang` (English, German, French or Spanish), filled in.
    pub fn letter_in(
        &self,
        request: Uuid,
        kind: LetterKind,
        lang: Language,
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
        if kind == LetterKind::RecipientNotice {
            return Err(ServiceError::invalid(
                kind.label(),
                "a recipient notice is written to one vendor: name it (--vendor on the command line).",
            ));
        }
        let facts = self.letter_facts_in(request, lang, today)?;
        let template = LetterTemplate::builtin_in(kind, lang)
            .ok_or_else(|| {
                ServiceError::invalid(
                    "Language",
                    format!("the {} letter is written in English only.", kind.label()),
                )
            })?
            .map_err(|e| ServiceError::invalid("Letter", e.to_string()))?;
        template
            .render(&facts)
            .map_err(|e| ServiceError::invalid(kind.label(), e.to_string()))
    }
}
