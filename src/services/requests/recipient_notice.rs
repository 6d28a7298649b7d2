//! The recipient notice (`domain::letters::recipient`): the letter telling one vendor of the
//! request, filled with the request's letter facts, the vendor's name, what it is asked to do,
//! the provision (GDPR Art. 19; 11 CCR §§ 7022(b), 7026(f), …) and the person's details from the
//! register.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::letters::recipient::{recipient_action, recipient_law};
use crate::domain::letters::{Language, Letter, LetterKind, LetterTemplate};
use crate::domain::records::Vendor;
use crate::store::register_table::{self, Register};

use super::Requests;
use crate::services::{ServiceError, ServiceResult};

impl Requests<'_> {
    /// The recipient notice about `request` to the vendor named `vendor` (its name or code in
    /// the vendor register), in `lang`. Refused for a request that asks nothing of vendors
    /// (access, portability, know) and for a vendor not in the register.
    pub fn recipient_notice_in(
        &self,
        request: Uuid,
        vendor: &str,
        lang: Language,
        today: NaiveDate,
    ) -> ServiceResult<Letter> {
        let kind = LetterKind::RecipientNotice;
        let r = self.stored(request)?;
        let (Some(action), Some(law)) = (
            recipient_action(lang, r.kind),
            recipient_law(lang, r.kind, r.regime),
        ) else {
            return Err(ServiceError::invalid(
                kind.label(),
                format!(
                    "a {} request asks nothing of vendors: it is answered from your own records, so there is no recipient notice for it.",
                    r.kind.label().to_lowercase()
                ),
            ));
        };
        let vendors: Vec<Vendor> = register_table::list(self.store.db(), Register::Vendors)?;
        let wanted = vendor.trim();
        let Some(v) = vendors
            .iter()
            .find(|v| v.name.trim().eq_ignore_ascii_case(wanted) || v.code.as_str() == wanted)
        else {
            let names: Vec<&str> = vendors.iter().map(|v| v.name.as_str()).collect();
            return Err(ServiceError::invalid(
                "Vendor",
                if names.is_empty() {
                    format!(
                        "there is no vendor “{wanted}”: the vendor register is empty; add the vendor first."
                    )
                } else {
                    format!(
                        "there is no vendor “{wanted}”; give one of {} (its name or code).",
                        names.join(", ")
                    )
                },
            ));
        };
        let mut facts = self.letter_facts_in(request, lang, today)?;
        let fields = match r.subject_id {
            Some(id) => self.subjects().subject(id)?.map(|s| s.fields),
            None => None,
        };
        facts.subject_identifiers = fields
            .map(|f| {
                [f.name, f.email, f.phone, f.postal_address, f.customer_ref]
                    .iter()
                    .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default();
        facts.recipient_name = v.name.trim().to_owned();
        facts.recipient_action = action.to_owned();
        facts.law = law;
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
