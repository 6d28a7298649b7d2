//! Assessment templates at the service level: the shipped ones (`assets/assessments/*.toml`)
//! and those the officer added from a file or copied to edit, kept in the store as their TOML
//! text. Every template is parsed from its text when read, so a stored one always shows the
//! officer's own wording; a change is refused, naming the line, when the text does not parse.
//!
//! Listing needs [`Permission::ViewReports`]; adding, copying and saving need
//! [`Permission::EditAssessments`]. Audit entries name the template's code only.

use std::path::Path;

use crate::domain::access::Permission;
use crate::domain::assessment::Template;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::records::RecordCode;
use crate::store::assessments as store;

use crate::services::{ServiceError, ServiceResult};

/// A template, and for one the officer added or copied, its editable TOML text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssessmentTemplateEntry {
    /// The template.
    pub template: Template,
    /// The TOML text, for templates kept in the store (shipped ones are read-only: `None`).
    pub source: Option<String>,
}

/// The shipped templates.
pub(in crate::services) fn shipped() -> ServiceResult<Vec<Template>> {
    Template::shipped().map_err(|m| ServiceError::invalid("Shipped template", m))
}

/// Every template on `conn`: shipped first, then the stored ones by code.
pub(in crate::services) fn all_on(
    conn: &crate::store::Db,
) -> ServiceResult<Vec<AssessmentTemplateEntry>> {
    let mut out: Vec<AssessmentTemplateEntry> = shipped()?
        .into_iter()
        .map(|template| AssessmentTemplateEntry {
            template,
            source: None,
        })
        .collect();
    for stored in store::templates(conn)? {
        let template = Template::parse(&stored.source, &format!("template {}", stored.code))
            .map_err(|m| ServiceError::invalid("Template", m))?;
        out.push(AssessmentTemplateEntry {
            template,
            source: Some(stored.source),
        });
    }
    Ok(out)
}

/// The template with `code` on `conn`.
pub(in crate::services) fn find_on(conn: &crate::store::Db, code: &str) -> ServiceResult<Template> {
    all_on(conn)?
        .into_iter()
        .map(|e| e.template)
        .find(|t| t.code == code)
        .ok_or_else(|| {
            ServiceError::invalid(
                "Template",
                format!(
                    "there is no template {code:?}; `pia template list` shows the codes, `pia template add FILE` adds one"
                ),
            )
        })
}

/// The TOML text of `template` (for a copy or an import).
pub(in crate::services) fn to_toml(template: &Template) -> ServiceResult<String> {
    let text = toml::to_string(template).map_err(|e| {
        ServiceError::invalid("Template", format!("could not be written as TOML: {e}"))
    })?;
    Template::parse(&text, "the written template")
        .map_err(|m| ServiceError::invalid("Template", m))?;
    Ok(text)
}

impl super::Assessments<'_> {
    /// Every template: shipped, then those added or copied (with their text).
    pub fn assessment_templates(&self) -> ServiceResult<Vec<AssessmentTemplateEntry>> {
        self.require(Permission::ViewReports)?;
        all_on(self.store.db())
    }

    /// The template with `code`.
    pub fn assessment_template(&self, code: &str) -> ServiceResult<Template> {
        self.require(Permission::ViewReports)?;
        find_on(self.store.db(), code)
    }

    /// Refuses a code a shipped or stored template already has.
    fn check_new_template_code(&self, code: &str) -> ServiceResult<()> {
        if all_on(self.store.db())?
            .iter()
            .any(|e| e.template.code == code)
        {
            return Err(ServiceError::invalid(
                "Template",
                format!(
                    "a template with the code {code:?} already exists; give the new one another code (the `code = ...` line)"
                ),
            ));
        }
        Ok(())
    }

    fn store_template(
        &mut self,
        template: &Template,
        source: &str,
        how: &str,
    ) -> ServiceResult<()> {
        self.check_new_template_code(&template.code)?;
        let entry = self.entry(
            AuditAction::AssessmentTemplateAdded,
            EntityRef::new("assessment_template", template.code.clone()),
            format!("{how}; {} sections", template.sections.len()),
        );
        let by = self.user.name.clone();
        let mut w = self.store.write()?;
        store::insert_template(&w, &template.code, source, &by)?;
        w.append_audit(&self.keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }

    /// Adds a template from a TOML file (all or nothing). A bad file is refused with its line;
    /// a code a shipped or stored template has is refused.
    pub fn add_assessment_template(&mut self, path: &Path) -> ServiceResult<Template> {
        self.require(Permission::EditAssessments)?;
        let text = std::fs::read_to_string(path).map_err(|e| {
            ServiceError::invalid(
                "Template file",
                format!("{} could not be read: {e}", path.display()),
            )
        })?;
        let template = Template::parse(&text, &path.display().to_string())
            .map_err(|m| ServiceError::invalid("Template file", m))?;
        self.store_template(&template, &text, "added from a file")?;
        Ok(template)
    }

    /// Copies a template under a new code and name and stores the copy's TOML text, for the
    /// officer to edit with [`Session::save_assessment_template_source`].
    pub fn copy_assessment_template(
        &mut self,
        code: &str,
        new_code: &str,
        new_name: &str,
    ) -> ServiceResult<Template> {
        self.require(Permission::EditAssessments)?;
        let new_code =
            RecordCode::parse(new_code.trim()).map_err(|m| ServiceError::invalid("New code", m))?;
        if new_name.trim().is_empty() {
            return Err(ServiceError::invalid(
                "New name",
                "give the copy a name, e.g. \"DPIA for our shop\"",
            ));
        }
        let mut copy = find_on(self.store.db(), code)?;
        copy.code = new_code.as_str().to_owned();
        copy.name = new_name.trim().to_owned();
        let text = to_toml(&copy)?;
        self.store_template(&copy, &text, &format!("copied from {code}"))?;
        Ok(copy)
    }

    /// Replaces the text of a template the officer added or copied. The text must parse (the
    /// error names the line) and keep its code; shipped templates cannot be changed.
    pub fn save_assessment_template_source(
        &mut self,
        code: &str,
        source: &str,
    ) -> ServiceResult<Template> {
        self.require(Permission::EditAssessments)?;
        let stored = store::templates(self.store.db())?;
        if !stored.iter().any(|t| t.code == code) {
            return Err(ServiceError::invalid(
                "Template",
                format!(
                    "{code:?} is not a template you added or copied; shipped templates cannot be changed (copy one first)"
                ),
            ));
        }
        let template = Template::parse(source, &format!("template {code}"))
            .map_err(|m| ServiceError::invalid("Template text", m))?;
        if template.code != code {
            return Err(ServiceError::invalid(
                "Template text",
                format!(
                    "the code must stay {code:?} (assessments refer to it); copy the template to make one with another code"
                ),
            ));
        }
        let entry = self.entry(
            AuditAction::AssessmentTemplateSaved,
            EntityRef::new("assessment_template", code),
            format!("{} sections", template.sections.len()),
        );
        let mut w = self.store.write()?;
        store::update_template(&w, code, source)?;
        w.append_audit(&self.keys.audit, &entry)?;
        w.commit()?;
        Ok(template)
    }
}
