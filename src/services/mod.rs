//! Services: what the GUI and the CLI ask for, built from the store and the domain rules.
//! Every change to data writes its audit entry in the same transaction.

mod assessment_io;
mod assessment_report;
mod assessment_templates;
mod assessment_workflow;
mod assessments;
mod audit;
mod backup;
mod backup_settings;
mod consent;
mod csv_cell;
mod demo;
mod demo_assessments;
mod demo_names;
mod demo_people;
mod demo_records;
mod demo_requests;
mod erasure;
mod error;
mod export;
mod fulfilment;
mod holidays;
mod import;
mod import_file;
mod import_preview;
mod incidents;
mod letters;
mod minimisation;
mod profile;
mod purposes;
mod records;
mod records_export;
mod records_import;
mod records_links;
mod records_report;
mod records_taxonomy;
mod requests;
mod retention;
mod review;
mod search;
mod security;
mod security_status;
mod session;
mod status;
mod subject_filter;
mod subjects;
mod sweep;
mod undeliverable;
mod users;
mod vendor_questionnaire;
mod vendors;

pub use crate::store::assessments::FrozenVersion;
pub use assessment_io::{
    ASSESSMENT_FORMAT, ASSESSMENT_FORMAT_VERSION, AssessmentFile, AssessmentImportSummary,
    AssessmentSource, FrozenVersionFile,
};
pub use assessment_report::{ReportContext, assessment_document};
pub use assessment_templates::AssessmentTemplateEntry;
pub use assessments::{
    AssessmentCounts, AssessmentSummary, AssessmentVersionRef, OverdueMeasure, assessment_counts_on,
};
pub use audit::{AuditExportFormat, AuditReader, ExportSummary};
pub use backup::{
    BackupSummary, ROTATION_PREFIX, RestoreOptions, RestoreSummary, RotationSummary,
    is_rotation_name,
};
pub use backup_settings::MAX_BACKUPS_KEPT;
pub use consent::ConsentCounts;
pub use csv_cell::neutralise_csv_cell;
pub use demo::{DEFAULT_DEMO_SEED, DEMO_ORGANISATION, DemoSummary, MIN_DEMO_SUBJECTS, create_demo};
pub use erasure::{ErasureCertificate, KEPT_AFTER_ERASURE};
pub use error::{ServiceError, ServiceResult};
pub use export::{ACTION_PLAN_COLUMNS, AssessmentExportFormat, action_plan_csv};
pub use export::{AccessPackage, DataExportKind, DataExportSummary, ReceiptFormat};
pub use export::{PreparedPseudonymised, PseudonymReader, PseudonymisedSpec, PseudonymisedSummary};
pub use fulfilment::CORRECTABLE_FIELDS;
pub use holidays::{CalendarDay, default_jurisdiction};
pub use import::{ImportOptions, ImportReport};
pub use import_preview::{ImportPreview, MappedColumn};
pub use letters::supervisory_authority;
pub use minimisation::{MinimisationReader, MinimisationReport, minimisation_on};
pub use records_export::{CSV_COLUMNS, ROPA_FORMAT, ROPA_VERSION, RopaDocument, RopaFormat};
pub use records_import::RopaImportSummary;
pub use requests::{InboxRow, RequestCounts, RequestDetail, inbox_on, request_counts_on};
pub use retention::{SweepSchedule, schedule_on};
pub use review::{ReviewItem, ReviewReader};
pub use search::{SearchIndexBuilder, SubjectSearchIndex};
pub use security_status::{
    MeasureDue, NotificationClock, SecurityStatus, TrainingDue, security_status_on,
};
pub use session::{DEFAULT_OWNER_NAME, Session, Via, default_store_path};
pub use status::{StatusReader, StoreStatus};
pub use subject_filter::{
    ConsentFilter, StateFilter, SubjectListReader, SubjectListing, SubjectOrder,
};
pub use sweep::plan_on;
pub use users::{sign_in_users, store_needs_upgrade};
pub use vendor_questionnaire::{
    QuestionnaireInUse, QuestionnaireSource, vendor_questionnaire_in_use_on,
    vendor_questionnaire_on,
};
pub use vendors::{
    VENDOR_REVIEW_HORIZON_DAYS, VendorDetail, VendorDue, VendorSummary, vendor_reviews_due_on,
};
