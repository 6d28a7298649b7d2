//! What the assessment views ask the app to do.

use std::path::PathBuf;

use uuid::Uuid;

use crate::domain::assessment::{Assessment, AssessmentStatus, DpoOpinion, SignOff, SubjectsViews};
use crate::services::AssessmentExportFormat;

/// A request from the assessment views.
#[derive(Debug)]
pub enum AssessmentCommand {
    /// Open an assessment.
    Open(Uuid),
    /// Back to the list.
    Close,
    /// Start an assessment.
    New {
        /// Its title.
        title: String,
        /// The template's code.
        template: String,
    },
    /// Save the draft being edited.
    Save(Box<Assessment>),
    /// Draft ↔ in review (the draft is saved first).
    SetStatus {
        /// Which.
        id: Uuid,
        /// The new status.
        to: AssessmentStatus,
    },
    /// Record the DPO's opinion.
    RecordDpoOpinion {
        /// Which.
        id: Uuid,
        /// The opinion.
        opinion: DpoOpinion,
    },
    /// Record the people's views or why they were not sought.
    RecordSubjectsViews {
        /// Which.
        id: Uuid,
        /// The views.
        views: SubjectsViews,
    },
    /// Record the prior consultation of the supervisory authority (Art. 36).
    RecordPriorConsultation {
        /// Which.
        id: Uuid,
        /// What was submitted, to whom, and the advice.
        consultation: crate::domain::assessment::consultation::PriorConsultation,
    },
    /// Decide and sign: freezes the version.
    Decide {
        /// Which.
        id: Uuid,
        /// The decision.
        sign_off: SignOff,
    },
    /// Edit a decided assessment: its next version as a draft.
    StartNewVersion(Uuid),
    /// Show what changed since a frozen version.
    Compare {
        /// Which.
        id: Uuid,
        /// The frozen version compared with the current one.
        from: u32,
    },
    /// Write the report or the JSON.
    Export {
        /// Which.
        id: Uuid,
        /// The format.
        format: AssessmentExportFormat,
        /// Where.
        path: PathBuf,
    },
    /// Write the action plan as CSV.
    ExportActionPlan {
        /// Which.
        id: Uuid,
        /// Where.
        path: PathBuf,
    },
    /// Import an assessment (ours, or the CNIL PIA tool's JSON).
    Import(PathBuf),
    /// Add a template from a TOML file.
    AddTemplate(PathBuf),
    /// Copy a template so it can be edited.
    CopyTemplate {
        /// The template copied.
        code: String,
        /// The copy's code.
        new_code: String,
        /// The copy's name.
        new_name: String,
    },
    /// Save the edited text of a template added or copied by the officer.
    SaveTemplateSource {
        /// Its code.
        code: String,
        /// The TOML text.
        source: String,
    },
}
