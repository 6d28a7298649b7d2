//! Writing an assessment to a file: the report (PDF with embedded fonts, Word, HTML, Markdown —
//! all from the same `report::Document`), the JSON that re-imports losslessly, and the action plan
//! as CSV (cells neutralised against spreadsheet formulas). Each needs
//! [`Permission::ExportReports`] and writes one `assessment.exported` audit entry naming the
//! format; the file appears whole or not at all.

use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use crate::domain::access::Permission;
use crate::domain::assessment::Assessment;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::report::Document;
use crate::services::AssessmentVersionRef;
use crate::services::neutralise_csv_cell;
use crate::services::{ReportContext, ServiceError, ServiceResult, assessment_document};

use super::{AtomicFile, write_all};

/// The formats an assessment is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AssessmentExportFormat {
    /// The report as PDF, fonts embedded.
    Pdf,
    /// The report as one HTML page.
    Html,
    /// The report as Markdown.
    Markdown,
    /// The JSON file that re-imports losslessly.
    Json,
}

impl AssessmentExportFormat {
    /// Every format.
    pub const ALL: [AssessmentExportFormat; 4] =
        [Self::Pdf, Self::Html, Self::Markdown, Self::Json];

    /// The code used on the command line and in the audit trail (`pdf`, `html`, `md`, `json`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Html => "html",
            Self::Markdown => "md",
            Self::Json => "json",
        }
    }

    /// The format for a code (`markdown` is accepted for `md`).
    pub fn from_code(code: &str) -> Option<Self> {
        match code.trim().to_ascii_lowercase().as_str() {
            "markdown" => Some(Self::Markdown),
            c => Self::ALL.into_iter().find(|f| f.code() == c),
        }
    }
}

/// The columns of the action plan CSV.
pub const ACTION_PLAN_COLUMNS: [&str; 7] = [
    "measure",
    "description",
    "owner",
    "due",
    "status",
    "risks",
    "overdue",
];

impl super::Exports<'_> {
    /// The report of an assessment's current version: every section, the risk register and
    /// map, the action plan (overdue measures judged at `today`), the consultation, the
    /// decision, and what changed since the last frozen version when this one is newer.
    pub fn assessment_report(&self, id: Uuid, today: NaiveDate) -> ServiceResult<Document> {
        let a = self.assessments().assessment(id)?;
        let template = self.assessments().template_of(&a)?;
        let organisation = crate::store::profile::read(self.store.db(), &self.keys.field)?
            .map(|p| p.name)
            .unwrap_or_default();
        let last_frozen = self
            .assessments()
            .assessment_versions(id)?
            .last()
            .map(|v| v.version);
        let changes = match last_frozen {
            Some(v) if v < a.version => Some((
                v,
                self.assessments().assessment_differences(
                    id,
                    AssessmentVersionRef::Frozen(v),
                    AssessmentVersionRef::Current,
                )?,
            )),
            _ => None,
        };
        let context = ReportContext {
            organisation: &organisation,
            today: Some(today),
            changes: changes.as_ref().map(|(v, c)| (*v, c.as_slice())),
        };
        Ok(assessment_document(&a, &template, &context))
    }

    /// Writes an assessment's report or JSON file to `out`.
    pub fn export_assessment(
        &mut self,
        id: Uuid,
        format: AssessmentExportFormat,
        out: &Path,
        today: NaiveDate,
    ) -> ServiceResult<()> {
        self.require(Permission::ExportReports)?;
        let bytes = match format {
            AssessmentExportFormat::Json => {
                serde_json::to_vec_pretty(&self.assessments().assessment_file(id)?)
                    .map_err(|e| ServiceError::invalid("JSON", e.to_string()))?
            }
            AssessmentExportFormat::Pdf => {
                crate::report::pdf::render(&self.assessment_report(id, today)?)
                    .map_err(|e| ServiceError::invalid("PDF", e.to_string()))?
            }
            AssessmentExportFormat::Html => {
                crate::report::html::render(&self.assessment_report(id, today)?).into_bytes()
            }
            AssessmentExportFormat::Markdown => {
                crate::report::markdown::render(&self.assessment_report(id, today)?).into_bytes()
            }
        };
        let mut file = AtomicFile::create(out)?;
        write_all(&mut file, &bytes)?;
        file.sync()?;
        self.record(
            AuditAction::AssessmentExported,
            EntityRef::new("assessment", id.to_string()),
            format!("as {}", format.code()),
        )?;
        file.publish()
    }

    /// Writes an assessment's report as a Word document (`.docx`) to `out`, to edit before it
    /// is sent: the same content as the PDF. One `assessment.exported` audit entry ("as docx").
    ///
    /// Kept beside [`AssessmentExportFormat`] rather than in it, so the window's list of
    /// formats (which matches on that enum) gains Word when the window gets its button.
    pub fn export_assessment_docx(
        &mut self,
        id: Uuid,
        out: &Path,
        today: NaiveDate,
    ) -> ServiceResult<()> {
        self.require(Permission::ExportReports)?;
        let bytes = crate::report::docx::render(&self.assessment_report(id, today)?)
            .map_err(|e| ServiceError::invalid("Word document", e.to_string()))?;
        let mut file = AtomicFile::create(out)?;
        write_all(&mut file, &bytes)?;
        file.sync()?;
        self.record(
            AuditAction::AssessmentExported,
            EntityRef::new("assessment", id.to_string()),
            "as docx".to_owned(),
        )?;
        file.publish()
    }

    /// Writes the action plan of an assessment as CSV ([`ACTION_PLAN_COLUMNS`]); returns the
    /// number of measures. Overdue is judged at `today`.
    pub fn export_action_plan(
        &mut self,
        id: Uuid,
        out: &Path,
        today: NaiveDate,
    ) -> ServiceResult<usize> {
        self.require(Permission::ExportReports)?;
        let a = self.assessments().assessment(id)?;
        let bytes = action_plan_csv(&a, today)?;
        let mut file = AtomicFile::create(out)?;
        write_all(&mut file, &bytes)?;
        file.sync()?;
        self.record(
            AuditAction::AssessmentExported,
            EntityRef::new("assessment", id.to_string()),
            format!("action plan as csv: {} measures", a.measures.len()),
        )?;
        file.publish()?;
        Ok(a.measures.len())
    }
}

/// The action plan as CSV bytes.
pub fn action_plan_csv(a: &Assessment, today: NaiveDate) -> ServiceResult<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let csv_error = |e: csv::Error| ServiceError::invalid("CSV", e.to_string());
    w.write_record(ACTION_PLAN_COLUMNS).map_err(csv_error)?;
    for m in &a.measures {
        let risks: Vec<String> = m
            .risks
            .iter()
            .map(|id| match a.risks.iter().find(|r| &r.id == id) {
                Some(r) => format!("{id} {}", r.title),
                None => id.clone(),
            })
            .collect();
        let due = m.due_on.map(|d| d.to_string()).unwrap_or_default();
        let cells = [
            format!("{} {}", m.id, m.title),
            m.description.clone(),
            m.owner.clone(),
            due,
            m.status.label().to_owned(),
            risks.join("; "),
            if m.is_overdue(today) { "yes" } else { "no" }.to_owned(),
        ];
        w.write_record(cells.iter().map(|c| neutralise_csv_cell(c).into_owned()))
            .map_err(csv_error)?;
    }
    w.into_inner()
        .map_err(|e| ServiceError::invalid("CSV", e.to_string()))
}
