//! What the window holds between frames: the screens, the unlocked area's views and data, and
//! the background jobs that are running.

use crate::crypto::RecoveryCode;
use crate::domain::audit::VerifyReport;
use crate::domain::settings::AutoLock;
use crate::jobs::Job;
use crate::services::{ExportSummary, ImportReport, ServiceResult, Session};

use super::screens::{
    BusyScreen, CreateScreen, RecoverScreen, RecoveryCodeScreen, SetupScreen, UnlockScreen,
};
use super::views::{Area, AuditLogView, DashboardData, DashboardView, SettingsView};

/// What a key-deriving job hands back.
pub(super) struct Opened {
    pub session: Session,
    pub recovery: Option<RecoveryCode>,
    pub setup_complete: bool,
    pub auto_lock: AutoLock,
}

impl Opened {
    /// An existing store just unlocked: reads what the window needs to know about it.
    pub fn existing(session: ServiceResult<Session>) -> ServiceResult<Self> {
        let session = session?;
        Ok(Self {
            setup_complete: session.settings().setup_complete()?,
            auto_lock: session.settings().auto_lock()?,
            session,
            recovery: None,
        })
    }
}

/// Which pre-unlock action a pending job is doing (to return to its screen on failure).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum PendingKind {
    Create,
    CreateDemo,
    Unlock,
    Recover,
}

/// Background work on an unlocked store.
pub(super) enum BackgroundJob {
    Verify(Job<ServiceResult<VerifyReport>>),
    Export(Job<ServiceResult<ExportSummary>>),
}

impl BackgroundJob {
    pub fn progress(&self) -> &crate::jobs::Progress {
        match self {
            Self::Verify(j) => j.progress(),
            Self::Export(j) => j.progress(),
        }
    }

    pub fn label(&self) -> &str {
        match self {
            Self::Verify(j) => j.label(),
            Self::Export(j) => j.label(),
        }
    }
}

/// The areas of an unlocked store and their state.
pub(super) struct MainScreen {
    pub area: Area,
    pub me: crate::domain::user::User,
    pub users: Option<Vec<crate::domain::user::User>>,
    pub dashboard: DashboardView,
    pub dashboard_data: Option<DashboardData>,
    pub audit: AuditLogView,
    pub settings: Option<SettingsView>,
    pub verify: Option<VerifyReport>,
    pub job: Option<BackgroundJob>,
    pub subjects: super::views::SubjectsView,
    pub purposes: super::views::PurposesView,
    pub tab: super::views::SubjectsTab,
    pub review_count: Option<usize>,
    pub review_load_job: Option<Job<ServiceResult<Vec<crate::services::ReviewItem>>>>,
    pub status_job: Option<Job<ServiceResult<crate::services::StoreStatus>>>,
    /// A summary was asked for while another whole-store read ran; it starts when they are
    /// done (see `PrivacyDeskApp::start_status`).
    pub status_waiting: bool,
    pub review_job: Option<Job<ServiceResult<usize>>>,
    pub review: super::views::ReviewView,
    pub subject_page: Option<super::views::SubjectPage>,
    /// The decrypted search index, shared with a sort running on a worker thread.
    pub search_index: Option<std::sync::Arc<crate::services::SubjectSearchIndex>>,
    pub index_job: Option<Job<ServiceResult<crate::services::SubjectSearchIndex>>>,
    /// A search running over the index on a worker thread (a million people: tens of ms):
    /// the query, then the matching ids and how many match in all.
    pub search_job: Option<Job<(String, Vec<uuid::Uuid>, usize)>>,
    pub import: super::views::ImportView,
    /// A running import. It holds the session (the import needs it mutably) and hands it
    /// back when done; meanwhile `PrivacyDeskApp::session` is `None`.
    pub import_job: Option<ImportJob>,
    /// The Requests area: inbox, new-request form, request page.
    pub requests: super::views::RequestsView,
    /// A running access export; it holds the session like an import.
    pub access_job: Option<super::apply_requests::AccessJob>,
    /// The Retention area: policy, legal holds, sweeps.
    pub retention: super::views::RetentionView,
    /// Records of processing: activities, systems, data categories.
    pub records: super::views::RecordsView,
    /// The Security area: measures, staff training, the incident log.
    pub security: super::views::SecurityView,
    /// The Assessments area: the list, the templates, the open assessment.
    pub assessments: super::views::AssessmentsView,
    /// Records → Minimisation review, and the review running on a worker thread.
    pub minimisation: super::views::MinimisationView,
    pub minimisation_job: Option<Job<ServiceResult<crate::services::MinimisationReport>>>,
    /// A dry run, or a sweep being applied (which holds the session like an import).
    pub sweep_jobs: super::apply_sweep::SweepJobs,
    /// Sorting or filtering the Subjects list, a suppression list or stale consents being
    /// expired (the last two hold the session like an import).
    pub consent_jobs: super::apply_consent::ConsentJobs,
    /// A backup being written; it holds the session like an import.
    pub backup_job: Option<super::apply_backup::BackupJob>,
    /// The Vendors area: the register, the editor, the due-diligence questionnaire.
    pub vendors: super::views::VendorsView,
    /// Subjects & consent → Pseudonymised export.
    pub pseudonymised: super::views::PseudonymisedExportView,
    /// Its k figure, export and lookup on worker threads (read-only; the session stays here).
    pub pseudonym_jobs: super::apply_pseudonymise::PseudonymJobs,
}

/// An import on a worker thread: the session goes in and comes back with the result.
pub(super) type ImportJob = Job<(Session, ServiceResult<ImportReport>)>;

pub(super) enum Screen {
    Create(CreateScreen),
    Unlock(UnlockScreen),
    Recover(RecoverScreen),
    Busy(BusyScreen),
    RecoveryCode(RecoveryCodeScreen),
    Setup(SetupScreen),
    Main(Box<MainScreen>),
}
