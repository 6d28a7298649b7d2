//! An assessment as a JSON file that re-imports losslessly, and imports: our own format or an
//! export of the CNIL's PIA tool (detected from the content).
//!
//! Our format: `{"format": "privacy-desk-assessment", "version": 1, "assessment": {…the current
//! version…}, "versions": [{version, status, frozen_at, frozen_by, assessment}…], "template":
//! {…the template it follows…}}`. The template travels with it so another store can import it:
//! a template code the store does not know is added with it; one it knows must fit the answers.
//!
//! An import keeps the assessment's id; when the store already has that id it is refused (import
//! it elsewhere, or into a fresh store), never merged or duplicated. Everything — the
//! assessment, its frozen versions, a new template — is written in one transaction with its
//! audit entry, or nothing is. Errors name the field (`assessment.risks[0].before.severity`)
//! and the line.

use std::path::Path;

use chrono::Utc;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::access::Permission;
use crate::domain::assessment::cnil::{
    CNIL_TEMPLATE, from_cnil_json, json_path_error, looks_like_cnil,
};
use crate::domain::assessment::{Assessment, AssessmentStatus, Template};
use crate::domain::audit::{AuditAction, EntityRef};
use crate::store::assessments as store;

use crate::services::assessments::templates::{all_on, to_toml};
use crate::services::{ServiceError, ServiceResult};

/// The `format` of our JSON file.
pub const ASSESSMENT_FORMAT: &str = "privacy-desk-assessment";
/// The version of our JSON file this build writes and reads.
pub const ASSESSMENT_FORMAT_VERSION: u32 = 1;

/// A frozen version in the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrozenVersionFile {
    /// The version number.
    pub version: u32,
    /// The decision.
    pub status: AssessmentStatus,
    /// When it was frozen (RFC 3339).
    pub frozen_at: String,
    /// Who recorded the decision.
    pub frozen_by: String,
    /// The assessment as decided.
    pub assessment: Assessment,
}

/// Our JSON file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssessmentFile {
    /// Always [`ASSESSMENT_FORMAT`].
    pub format: String,
    /// Always [`ASSESSMENT_FORMAT_VERSION`].
    pub version: u32,
    /// The current version.
    pub assessment: Assessment,
    /// The frozen versions, oldest first.
    #[serde(default)]
    pub versions: Vec<FrozenVersionFile>,
    /// The template it follows.
    pub template: Template,
}

/// Where an imported assessment came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AssessmentSource {
    /// Our JSON format.
    PrivacyDesk,
    /// The CNIL PIA tool's export.
    CnilPia,
}

/// What an import did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AssessmentImportSummary {
    /// The imported assessment.
    pub id: Uuid,
    /// Its title.
    pub title: String,
    /// Its status.
    pub status: AssessmentStatus,
    /// The format read.
    pub source: AssessmentSource,
    /// Frozen versions written.
    pub versions: usize,
    /// The template added with it, if the store did not have it.
    pub template_added: Option<String>,
    /// What the officer should know (parts of a CNIL file left out …).
    pub notes: Vec<String>,
}

fn bad(path_or_name: &str, message: impl std::fmt::Display) -> ServiceError {
    ServiceError::invalid(
        "Import file",
        format!("{path_or_name}: {message}. Nothing was imported."),
    )
}

/// Checks what serde cannot: the format, ids, version numbers and that every version fits its
/// template.
fn check_file(file: &AssessmentFile) -> Result<(), String> {
    if file.format != ASSESSMENT_FORMAT {
        return Err(format!(
            "format: expected {ASSESSMENT_FORMAT:?}, found {:?}",
            file.format
        ));
    }
    if file.version != ASSESSMENT_FORMAT_VERSION {
        return Err(format!(
            "version: this file is format version {}; this program reads version {ASSESSMENT_FORMAT_VERSION}",
            file.version
        ));
    }
    file.template
        .check()
        .map_err(|m| format!("template: {m}"))?;
    let a = &file.assessment;
    if a.template != file.template.code {
        return Err(format!(
            "assessment.template: {:?} is not the template in the file ({:?})",
            a.template, file.template.code
        ));
    }
    a.check(&file.template)
        .map_err(|m| format!("assessment: {m}"))?;
    let mut last = 0;
    for (i, v) in file.versions.iter().enumerate() {
        let at = format!("versions[{i}]");
        if v.assessment.id != a.id {
            return Err(format!(
                "{at}.assessment.id: it is not the id of the assessment ({})",
                a.id
            ));
        }
        if v.version != v.assessment.version
            || v.status != v.assessment.status
            || !v.status.is_decided()
        {
            return Err(format!(
                "{at}: a frozen version must be decided and match its assessment's version and status"
            ));
        }
        if v.version <= last || v.version > a.version {
            return Err(format!(
                "{at}.version: {} is out of order (versions go up from 1 to the current version {})",
                v.version, a.version
            ));
        }
        last = v.version;
        v.assessment
            .check(&file.template)
            .map_err(|m| format!("{at}.assessment: {m}"))?;
    }
    if a.status.is_decided() && last != a.version {
        return Err(format!(
            "versions: the current version {} is decided but not among the frozen versions",
            a.version
        ));
    }
    Ok(())
}

impl super::Assessments<'_> {
    /// The JSON file of an assessment: its current version, every frozen version and its
    /// template.
    pub fn assessment_file(&self, id: Uuid) -> ServiceResult<AssessmentFile> {
        let assessment = self.assessment(id)?;
        let template = self.template_of(&assessment)?;
        let versions = self
            .assessment_versions(id)?
            .into_iter()
            .map(|v| FrozenVersionFile {
                version: v.version,
                status: v.status,
                frozen_at: v.frozen_at,
                frozen_by: v.frozen_by,
                assessment: v.assessment,
            })
            .collect();
        Ok(AssessmentFile {
            format: ASSESSMENT_FORMAT.into(),
            version: ASSESSMENT_FORMAT_VERSION,
            assessment,
            versions,
            template,
        })
    }

    /// Imports an assessment file: ours, or a CNIL PIA tool export (detected from the content).
    pub fn import_assessment(&mut self, path: &Path) -> ServiceResult<AssessmentImportSummary> {
        self.require(Permission::EditAssessments)?;
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| bad(&name, format!("could not be read ({e})")))?;
        self.import_assessment_text(&text, &name)
    }

    /// Imports an assessment from the text of a file called `name` (for messages).
    pub fn import_assessment_text(
        &mut self,
        text: &str,
        name: &str,
    ) -> ServiceResult<AssessmentImportSummary> {
        self.require(Permission::EditAssessments)?;
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| bad(name, format!("it is not JSON ({e})")))?;
        if value.get("format").and_then(|f| f.as_str()) == Some(ASSESSMENT_FORMAT) {
            let mut de = serde_json::Deserializer::from_str(text);
            let file: AssessmentFile = serde_path_to_error::deserialize(&mut de)
                .map_err(|e| bad(name, json_path_error(&e)))?;
            check_file(&file).map_err(|m| bad(name, m))?;
            self.import_ours(file, name)
        } else if looks_like_cnil(&value) {
            let template =
                crate::services::assessments::templates::find_on(self.store.db(), CNIL_TEMPLATE)?;
            let imported = from_cnil_json(text, &template, Utc::now()).map_err(|m| bad(name, m))?;
            let a = imported.assessment;
            let frozen: Vec<FrozenVersionFile> = if a.status.is_decided() {
                vec![FrozenVersionFile {
                    version: a.version,
                    status: a.status,
                    frozen_at: a.updated_at.to_rfc3339(),
                    frozen_by: self.user.name.clone(),
                    assessment: a.clone(),
                }]
            } else {
                Vec::new()
            };
            let details = format!(
                "from the CNIL PIA tool: {}, {} answers, {} measures",
                a.status.code(),
                a.answers.len(),
                a.measures.len()
            );
            self.write_import(&a, &frozen, None, details)?;
            Ok(AssessmentImportSummary {
                id: a.id,
                title: a.title,
                status: a.status,
                source: AssessmentSource::CnilPia,
                versions: frozen.len(),
                template_added: None,
                notes: imported.notes,
            })
        } else {
            Err(bad(
                name,
                format!(
                    "it is neither a Privacy Desk assessment (\"format\": {ASSESSMENT_FORMAT:?}) nor a CNIL PIA tool export (a \"pia\" object)"
                ),
            ))
        }
    }

    fn import_ours(
        &mut self,
        file: AssessmentFile,
        name: &str,
    ) -> ServiceResult<AssessmentImportSummary> {
        let known = all_on(self.store.db())?
            .into_iter()
            .map(|e| e.template)
            .find(|t| t.code == file.template.code);
        let template_added = match known {
            Some(t) => {
                file.assessment.check(&t).map_err(|m| bad(name, format!("template: this store's template {} differs from the file's and the assessment does not fit it ({m}); copy the file's template under another code first", t.code)))?;
                None
            }
            None => Some(to_toml(&file.template)?),
        };
        let a = &file.assessment;
        let details = format!(
            "from a Privacy Desk file: version {}, {} frozen versions{}",
            a.version,
            file.versions.len(),
            if template_added.is_some() {
                format!(", template {} added", file.template.code)
            } else {
                String::new()
            }
        );
        let template = template_added
            .as_ref()
            .map(|text| (file.template.code.as_str(), text.as_str()));
        self.write_import(a, &file.versions, template, details)?;
        Ok(AssessmentImportSummary {
            id: a.id,
            title: a.title.clone(),
            status: a.status,
            source: AssessmentSource::PrivacyDesk,
            versions: file.versions.len(),
            template_added: template_added.map(|_| file.template.code.clone()),
            notes: Vec::new(),
        })
    }

    /// Writes an imported assessment, its frozen versions and a new template, all or nothing.
    fn write_import(
        &mut self,
        a: &Assessment,
        versions: &[FrozenVersionFile],
        template: Option<(&str, &str)>,
        details: String,
    ) -> ServiceResult<()> {
        if let Some(existing) = store::get(self.store.db(), &self.keys.field, a.id)? {
            return Err(ServiceError::invalid(
                "Import file",
                format!(
                    "this store already has assessment {} (\"{}\"), so nothing was imported; the file can be imported into another store",
                    a.id, existing.title
                ),
            ));
        }
        let entry = self.entry(
            AuditAction::AssessmentImported,
            EntityRef::new("assessment", a.id.to_string()),
            details,
        );
        let by = self.user.name.clone();
        let mut w = self.store.write()?;
        if let Some((code, text)) = template {
            store::insert_template(&w, code, text, &by)?;
        }
        store::insert(&mut w, &self.keys.field, a)?;
        for v in versions {
            store::insert_version(
                &mut w,
                &self.keys.field,
                &v.assessment,
                &v.frozen_at,
                &v.frozen_by,
            )?;
        }
        w.append_audit(&self.keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }
}
