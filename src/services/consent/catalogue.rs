//! Editing the purpose catalogue: add a purpose, change one, publish a new notice version. Old
//! notice versions stay, so every recorded consent still points at the words it was given under.

use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::purpose::{Purpose, PurposeCode};
use crate::store::purposes;

use crate::services::{ServiceError, ServiceResult};

fn changed_fields(old: &Purpose, new: &Purpose) -> Vec<&'static str> {
    [
        ("name", old.name == new.name),
        ("description", old.description == new.description),
        ("legal_basis", old.legal_basis == new.legal_basis),
        (
            "data_categories",
            old.data_categories == new.data_categories,
        ),
        (
            "ccpa_sale_or_share",
            old.ccpa_sale_or_share == new.ccpa_sale_or_share,
        ),
    ]
    .into_iter()
    .filter(|(_, same)| !same)
    .map(|(name, _)| name)
    .collect()
}

impl super::Consent<'_> {
    /// Adds a purpose with the first version of its notice.
    pub fn add_purpose(&mut self, purpose: &Purpose, notice: &str) -> ServiceResult<()> {
        self.require(Permission::EditPurposes)?;
        purpose
            .check()
            .map_err(|m| ServiceError::invalid("Purpose", m))?;
        if notice.trim().is_empty() {
            return Err(ServiceError::invalid(
                "Notice",
                "write the exact words people are shown when their consent is asked",
            ));
        }
        let entry = self.entry(
            AuditAction::PurposeAdded,
            EntityRef::new("purpose", purpose.code.as_str()),
            format!("basis {}", purpose.legal_basis.code()),
        );
        let mut w = self.store.write()?;
        purposes::insert(&w, purpose, notice.trim())?;
        w.append_audit(&self.keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }

    /// Changes a purpose's name, description, basis, categories or CCPA flag (not its notice:
    /// see [`Session::publish_notice`]).
    pub fn update_purpose(&mut self, purpose: &Purpose) -> ServiceResult<()> {
        self.require(Permission::EditPurposes)?;
        purpose
            .check()
            .map_err(|m| ServiceError::invalid("Purpose", m))?;
        let Some(old) = purposes::list(self.store.db())?
            .into_iter()
            .find(|p| p.purpose.code == purpose.code)
        else {
            return Err(ServiceError::invalid(
                "Purpose",
                format!("there is no purpose {}", purpose.code),
            ));
        };
        let changed = changed_fields(&old.purpose, purpose);
        if changed.is_empty() {
            return Ok(());
        }
        let entry = self.entry(
            AuditAction::PurposeUpdated,
            EntityRef::new("purpose", purpose.code.as_str()),
            format!("fields: {}", changed.join(", ")),
        );
        let mut w = self.store.write()?;
        purposes::update(&w, purpose)?;
        w.append_audit(&self.keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }

    /// Publishes a new version of a purpose's notice; returns its number. Identical text is
    /// refused, so versions always differ.
    pub fn publish_notice(&mut self, code: &PurposeCode, text: &str) -> ServiceResult<u32> {
        self.require(Permission::EditPurposes)?;
        let text = text.trim();
        if text.is_empty() {
            return Err(ServiceError::invalid("Notice", "the new text is empty"));
        }
        let versions = purposes::notices(self.store.db(), code)?;
        let Some(current) = versions.last() else {
            return Err(ServiceError::invalid(
                "Purpose",
                format!("there is no purpose {code}"),
            ));
        };
        if current.text == text {
            return Err(ServiceError::invalid(
                "Notice",
                format!(
                    "it is the same as version {}; change the words first",
                    current.version
                ),
            ));
        }
        let next = current.version + 1;
        let entry = self.entry(
            AuditAction::NoticePublished,
            EntityRef::new("purpose", code.as_str()),
            format!("version {next}"),
        );
        let mut w = self.store.write()?;
        let version = purposes::publish_notice(&w, code, text)?;
        w.append_audit(&self.keys.audit, &entry)?;
        w.commit()?;
        Ok(version)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::purpose::LegalBasis;

    #[test]
    fn changed_fields_lists_only_changes() {
        let a = Purpose {
            code: PurposeCode::parse("newsletter").unwrap(),
            name: "Newsletter".into(),
            description: "d".into(),
            legal_basis: LegalBasis::Consent,
            data_categories: vec!["contact.email".into()],
            ccpa_sale_or_share: false,
        };
        let mut b = a.clone();
        b.legal_basis = LegalBasis::LegitimateInterests;
        b.ccpa_sale_or_share = true;
        assert_eq!(
            changed_fields(&a, &b),
            vec!["legal_basis", "ccpa_sale_or_share"]
        );
        assert!(changed_fields(&a, &a).is_empty());
    }
}
