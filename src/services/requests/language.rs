//! The language a request's letters are written in (issue 20, item 4): recorded on the request
//! (sealed: a language preference can say something about the person), from the intake's
//! detected language when the request came in by mail, from the request page's Language
//! drop-down, or with `request set-language`. Letters use it when no language is asked for.
//! The audit entry says that the language was recorded, never which.

use uuid::Uuid;

use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::letters::Language;
use crate::store::{StoreError, Write, request_language};

use crate::services::{ServiceError, ServiceResult};

impl super::Requests<'_> {
    /// The language recorded for `request`'s letters (none: not recorded; letters default to
    /// English).
    pub fn letter_language(&self, request: Uuid) -> ServiceResult<Option<Language>> {
        self.require(Permission::ViewPersonalData)?;
        let code = request_language::get(self.store.db(), &self.keys.field, request)?;
        code.map(|c| {
            Language::from_code(&c).ok_or_else(|| {
                ServiceError::Store(StoreError::Corrupt(format!(
                    "request {request} has an unknown letter language"
                )))
            })
        })
        .transpose()
    }

    /// Records `lang` as the language of `request`'s letters, with its audit entry; nothing is
    /// written when it is already the one recorded.
    pub fn set_letter_language(&self, request: Uuid, lang: Language) -> ServiceResult<()> {
        self.require(Permission::ProcessRequests)?;
        if self.letter_language(request)? == Some(lang) {
            return Ok(());
        }
        let mut w = self.store.write()?;
        self.record_letter_language(&mut w, request, lang)?;
        w.commit()?;
        Ok(())
    }

    /// Records `lang` on `request` in the write `w` (a request taken in from the mailbox
    /// records the language the intake detected), with its audit entry.
    pub(in crate::services) fn record_letter_language(
        &self,
        w: &mut Write<'_>,
        request: Uuid,
        lang: Language,
    ) -> ServiceResult<()> {
        if !request_language::set(w, &self.keys.field, request, lang.code())? {
            return Err(ServiceError::invalid(
                "Request",
                format!("there is no request {request}"),
            ));
        }
        let entry = self.entry(
            AuditAction::RequestUpdated,
            EntityRef::new("request", request.to_string()),
            "letter language recorded".into(),
        );
        w.append_audit(&self.keys.audit, &entry)?;
        Ok(())
    }
}
