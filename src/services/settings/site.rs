//! The self-service site: where its forms submit (a setting, audited) and building its pages
//! from the profile and the purpose catalogue into a folder.

use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::purpose::LegalBasis;
use crate::domain::site::{self, Lang, SiteInput, SitePurpose};
use crate::store::{profile, purposes, settings};

use crate::services::{ServiceError, ServiceResult};

/// What a site build wrote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SiteReport {
    /// The files written, relative to the folder.
    pub files: Vec<String>,
    /// The pages' version, as every submission names it.
    pub page_version: String,
    /// Where the forms submit (`mailto:…` or the form address).
    pub submits_to: String,
}

impl super::Settings<'_> {
    /// The form address the self-service pages submit to, when set.
    pub fn form_action(&self) -> ServiceResult<Option<String>> {
        Ok(settings::get(self.store.db(), settings::SITE_FORM_ACTION)?)
    }

    /// Sets (or with `None` clears) the form address, with its audit entry.
    pub fn set_form_action(&mut self, url: Option<&str>) -> ServiceResult<()> {
        self.require(Permission::EditOrganisation)?;
        let url = url.map(str::trim).filter(|u| !u.is_empty());
        if let Some(u) = url {
            site::check_form_action(u).map_err(|m| ServiceError::invalid("Form address", m))?;
        }
        if url.map(str::to_owned) == self.form_action()? {
            return Ok(());
        }
        let entry = self.entry(
            AuditAction::SettingsUpdated,
            EntityRef::new("settings", settings::SITE_FORM_ACTION),
            match url {
                Some(_) => "self-service form address set".to_owned(),
                None => "self-service form address cleared (pages send by email)".to_owned(),
            },
        );
        let keys = std::sync::Arc::clone(self.keys);
        let mut w = self.store.write()?;
        match url {
            Some(u) => settings::set(&w, settings::SITE_FORM_ACTION, u)?,
            None => {
                settings::remove(&w, settings::SITE_FORM_ACTION)?;
            }
        }
        w.append_audit(&keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }

    /// What the pages are built from: the profile, the form address and the purposes on
    /// consent or legitimate interests with their current notices.
    pub fn site_input(&self, today: NaiveDate) -> ServiceResult<SiteInput> {
        self.require(Permission::ExportReports)?;
        let conn = self.store.db();
        let p = profile::read(conn, &self.keys.field)?.unwrap_or_default();
        let regimes: Vec<_> = settings::get(conn, settings::REGIMES)?
            .unwrap_or_default()
            .split(',')
            .filter_map(|c| crate::domain::organisation::Regime::from_code(c.trim()))
            .collect();
        let email = p.controller.email.trim().to_owned();
        if !crate::domain::email::is_email(&email) {
            return Err(ServiceError::invalid(
                "Controller email",
                "the pages send to the controller's email address and the profile has none; set it first (profile set --controller-email ADDRESS, or Settings → Organisation).",
            ));
        }
        let mut out = Vec::new();
        for row in purposes::list(conn)? {
            let consent = match row.purpose.legal_basis {
                LegalBasis::Consent => true,
                LegalBasis::LegitimateInterests => false,
                _ => continue,
            };
            let notice = purposes::notices(conn, &row.purpose.code)?
                .into_iter()
                .max_by_key(|n| n.version);
            let Some(notice) = notice else { continue };
            out.push(SitePurpose {
                code: row.purpose.code.as_str().to_owned(),
                name: row.purpose.name.clone(),
                description: row.purpose.description.clone(),
                notice: notice.text,
                notice_version: notice.version,
                consent,
            });
        }
        Ok(SiteInput {
            organisation: p.name,
            privacy_email: email,
            form_action: self.form_action()?,
            regimes,
            purposes: out,
            built_on: today.format("%Y-%m-%d").to_string(),
        })
    }

    /// Builds the pages in `langs` into `out` (created when missing; the site's own files are
    /// replaced, nothing else in the folder is touched).
    pub fn build_site(
        &self,
        out: &Path,
        langs: &[Lang],
        today: NaiveDate,
    ) -> ServiceResult<SiteReport> {
        if langs.is_empty() {
            return Err(ServiceError::invalid(
                "--lang",
                "give at least one language (en, de, fr, es)",
            ));
        }
        let input = self.site_input(today)?;
        let files = site::build(&input, langs);
        let io = |e: std::io::Error, what: &Path| {
            ServiceError::invalid(
                "--out",
                format!(
                    "could not write {}: {e}. Choose a folder you can write to; files already written stay.",
                    what.display()
                ),
            )
        };
        for f in &files {
            let path = out.join(&f.path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| io(e, parent))?;
            }
            std::fs::write(&path, &f.text).map_err(|e| io(e, &path))?;
        }
        Ok(SiteReport {
            files: files.into_iter().map(|f| f.path).collect(),
            page_version: input.page_version(),
            submits_to: input
                .form_action
                .clone()
                .unwrap_or_else(|| format!("mailto:{}", input.privacy_email)),
        })
    }
}
