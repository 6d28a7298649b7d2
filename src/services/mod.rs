//! Services: what the GUI and the CLI ask for, built from the store and the domain rules.
//! Every change to data writes its audit entry in the same transaction.

mod assessments;
mod attachments;
mod audit;
mod backup;
mod campaigns;
mod consent;
mod error;
mod export;
mod front;
mod inbox;
mod records;
mod requests;
mod retention;
mod security;
mod session;
mod settings;
mod subjects;
mod users;
mod vendors;

pub use crate::store::assessments::FrozenVersion;
pub use assessments::io::{
    ASSESSMENT_FORMAT, ASSESSMENT_FORMAT_VERSION, AssessmentFile, AssessmentImportSummary,
    AssessmentSource, FrozenVersionFile,
};
pub use assessments::report::{ReportContext, assessment_document};
pub use assessments::templates::AssessmentTemplateEntry;
pub use assessments::{
    AssessmentCounts, AssessmentSummary, AssessmentVersionRef, OverdueMeasure, assessment_counts_on,
};
pub use audit::{AuditExportFormat, AuditReader, ExportSummary, UnlockCheck};
pub use backup::settings::MAX_BACKUPS_KEPT;
pub use backup::{
    BackupSummary, ROTATION_PREFIX, RestoreAuthority, RestoreOptions, RestoreSummary,
    RotationSummary, is_rotation_name,
};
pub use consent::ConsentCounts;
pub use consent::children::ChildView;
pub use consent::import::{ImportOptions, ImportReport, MappingSource};
pub use consent::import_mappings::SavedImportMapping;
pub use consent::import_preview::{ImportPreview, MappedColumn, PresetDetection};
pub use consent::review::{ReviewItem, ReviewReader};
pub use error::{ServiceError, ServiceResult};
pub use export::csv_cell::neutralise_csv_cell;
pub use export::{ACTION_PLAN_COLUMNS, AssessmentExportFormat, action_plan_csv};
pub use export::{AccessPackage, DataExportKind, DataExportSummary, ReceiptFormat};
pub use export::{BundleSummary, EVIDENCE_MANIFEST_FORMAT};
pub use export::{PreparedPseudonymised, PseudonymReader, PseudonymisedSpec, PseudonymisedSummary};
pub use records::export::{CSV_COLUMNS, ROPA_FORMAT, ROPA_VERSION, RopaDocument, RopaFormat};
pub use records::import::RopaImportSummary;
pub use records::minimisation::{MinimisationReader, MinimisationReport, minimisation_on};
pub use requests::erasure::{ErasureCertificate, KEPT_AFTER_ERASURE, copies_sentence};
pub use requests::fulfilment::CORRECTABLE_FIELDS;
pub use requests::holidays::{CalendarDay, default_jurisdiction};
pub use requests::letters::supervisory_authority;
pub use requests::objection::ObjectionPurpose;
pub use requests::{InboxRow, RequestCounts, RequestDetail, inbox_on, request_counts_on};
pub use retention::sweep::plan_on;
pub use retention::{SweepSchedule, schedule_on};
pub use security::status::{
    MeasureDue, NotificationClock, SecurityStatus, TrainingDue, security_status_on,
};
pub use session::{DEFAULT_OWNER_NAME, STORE_EXTENSION, Session, Via, default_store_path};
pub use settings::status::{StatusReader, StoreStatus};
pub use subjects::filter::{
    ConsentFilter, StateFilter, SubjectListReader, SubjectListing, SubjectOrder,
};
pub use subjects::search::{SearchIndexBuilder, SubjectSearchIndex};
pub use users::rotate::{KeyRotation, OneTimePassphrase, ROTATION_STEPS, RotationStep};
pub use users::{sign_in_users, store_needs_upgrade};
pub use vendors::questionnaire::{
    QuestionnaireInUse, QuestionnaireSource, vendor_questionnaire_in_use_on,
    vendor_questionnaire_on,
};
pub use vendors::{
    VENDOR_REVIEW_HORIZON_DAYS, VendorDetail, VendorDue, VendorSummary, vendor_reviews_due_on,
};

pub use assessments::Assessments;
pub use attachments::Attachments;
pub use audit::Audit;
pub use backup::Backups;
pub use campaigns::{CampaignCheck, Campaigns, CheckReport};
pub use consent::Consent;
pub use export::Exports;
pub use front::{Front, area};
pub use inbox::{AccountChange, Inbox, IntakeReport, ProposalRow};
pub use records::Records;
pub use requests::Requests;
pub use retention::Retention;
pub use security::Security;
pub use settings::Settings;
pub use settings::site::SiteReport;
pub use subjects::Subjects;
pub use users::Users;
pub use vendors::Vendors;
