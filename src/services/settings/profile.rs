//! The organisation profile, regimes and auto-lock: read and save, each save audited with the
//! names of the fields that changed (never their values).

use std::collections::BTreeSet;

use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::organisation::{OrganisationProfile, Regime};
use crate::domain::settings::AutoLock;
use crate::store::{profile, settings};

use crate::services::{ServiceError, ServiceResult};

pub(in crate::services) fn parse_regimes(text: &str) -> BTreeSet<Regime> {
    text.split(',')
        .filter_map(|c| Regime::from_code(c.trim()))
        .collect()
}

fn changed_fields(old: &OrganisationProfile, new: &OrganisationProfile) -> Vec<&'static str> {
    let mut out = Vec::new();
    let pairs = [
        ("name", old.name == new.name),
        ("controller_contact", old.controller == new.controller),
        ("dpo_contact", old.dpo == new.dpo),
        ("regimes", old.regimes == new.regimes),
    ];
    for (name, same) in pairs {
        if !same {
            out.push(name);
        }
    }
    out
}

impl super::Settings<'_> {
    /// The organisation profile (empty until the first-run setup saves it).
    pub fn profile(&self) -> ServiceResult<OrganisationProfile> {
        self.require(Permission::ViewPersonalData)?;
        let conn = self.store.db();
        let mut p = profile::read(conn, &self.keys.field)?.unwrap_or_default();
        p.regimes = settings::get(conn, settings::REGIMES)?
            .map(|t| parse_regimes(&t))
            .unwrap_or_default();
        Ok(p)
    }

    /// Whether the first-run setup has been completed.
    pub fn setup_complete(&self) -> ServiceResult<bool> {
        Ok(settings::get(self.store.db(), settings::SETUP_COMPLETE)?.as_deref() == Some("1"))
    }

    /// Validates and saves the profile (and marks setup complete), with its audit entry.
    pub fn save_profile(&mut self, new: &OrganisationProfile) -> ServiceResult<()> {
        self.require(Permission::EditOrganisation)?;
        if let Some(problem) = new.problems().into_iter().next() {
            return Err(ServiceError::invalid(problem.field, problem.message));
        }
        let old = self.profile()?;
        let changed = changed_fields(&old, new);
        let was_complete = self.setup_complete()?;
        if changed.is_empty() && was_complete {
            return Ok(());
        }
        let regimes: Vec<&str> = new.regimes.iter().map(|r| r.code()).collect();
        let entry = self.entry(
            AuditAction::ProfileUpdated,
            EntityRef::new("organisation_profile", "profile"),
            format!("fields: {}", changed.join(", ")),
        );
        let keys = std::sync::Arc::clone(self.keys);
        let mut w = self.store.write()?;
        profile::save(&mut w, &keys.field, new)?;
        settings::set(&w, settings::REGIMES, &regimes.join(","))?;
        settings::set(&w, settings::SETUP_COMPLETE, "1")?;
        w.append_audit(&keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }

    /// The controller's statement on automated decision-making (GDPR Art. 15(1)(h)), quoted
    /// in access packages; `None` until written.
    pub fn automated_decisions(&self) -> ServiceResult<Option<String>> {
        self.require(Permission::ViewPersonalData)?;
        Ok(profile::automated_decisions(
            self.store.db(),
            &self.keys.field,
        )?)
    }

    /// Saves the statement on automated decision-making (empty text removes it), with its
    /// audit entry (the field's name, never its text). Refused, changing nothing, before the
    /// organisation profile is saved or for a statement too long.
    pub fn set_automated_decisions(&mut self, text: &str) -> ServiceResult<()> {
        self.require(Permission::EditOrganisation)?;
        let statement = crate::domain::organisation::check_automated_decisions(text)
            .map_err(|m| ServiceError::invalid("Automated decisions", m))?;
        if self.automated_decisions()? == statement {
            return Ok(());
        }
        let entry = self.entry(
            AuditAction::ProfileUpdated,
            EntityRef::new("organisation_profile", "profile"),
            "fields: automated_decisions".to_owned(),
        );
        let keys = std::sync::Arc::clone(self.keys);
        let mut w = self.store.write()?;
        if !profile::save_automated_decisions(&mut w, &keys.field, statement.as_deref())? {
            return Err(ServiceError::invalid(
                "Automated decisions",
                "save the organisation profile first (its name and the controller's contact: `profile set --name …`), then the statement",
            ));
        }
        w.append_audit(&keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }

    /// The auto-lock idle time.
    pub fn auto_lock(&self) -> ServiceResult<AutoLock> {
        let stored = settings::get(self.store.db(), settings::AUTO_LOCK_MINUTES)?;
        Ok(stored
            .and_then(|m| m.parse().ok())
            .and_then(|m| AutoLock::from_minutes(m).ok())
            .unwrap_or_default())
    }

    /// Saves the auto-lock idle time, with its audit entry.
    pub fn set_auto_lock(&mut self, minutes: u32) -> ServiceResult<()> {
        self.require(Permission::EditOrganisation)?;
        let value = AutoLock::from_minutes(minutes)
            .map_err(|m| ServiceError::invalid("Auto-lock after (minutes)", m))?;
        if value == self.auto_lock()? {
            return Ok(());
        }
        let entry = self.entry(
            AuditAction::SettingsUpdated,
            EntityRef::new("settings", settings::AUTO_LOCK_MINUTES),
            format!("auto-lock {} minutes", value.minutes()),
        );
        let keys = std::sync::Arc::clone(self.keys);
        let mut w = self.store.write()?;
        settings::set(
            &w,
            settings::AUTO_LOCK_MINUTES,
            &value.minutes().to_string(),
        )?;
        w.append_audit(&keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regimes_parse_and_ignore_unknown_codes() {
        let r = parse_regimes("gdpr, ccpa-cpra,martian");
        assert_eq!(r, [Regime::Gdpr, Regime::CcpaCpra].into());
    }

    #[test]
    fn changed_fields_names_only_what_changed() {
        let old = OrganisationProfile::default();
        let mut new = old.clone();
        new.dpo.email = "dpo@example.org".into();
        assert_eq!(changed_fields(&old, &new), vec!["dpo_contact"]);
    }
}
