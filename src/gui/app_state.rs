//! What the window holds between frames: the screens and the unlocked area's views and data
//! (the background jobs are in the app's [`super::runner::Runner`]).

use crate::crypto::RecoveryCode;
use crate::domain::audit::VerifyReport;
use crate::domain::settings::AutoLock;
use crate::services::{ServiceResult, Session};

use super::areas::{Area, AuditLogView, DashboardData, DashboardView, SettingsView};
use super::screens::{
    BusyScreen, CreateScreen, RecoverScreen, RecoveryCodeScreen, SetupScreen, UnlockScreen,
};

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

/// The areas of an unlocked store and their state.
pub(super) struct MainScreen {
    pub area: Area,
    pub me: crate::domain::user::User,
    pub users: Option<Vec<crate::domain::user::User>>,
    /// The store generation the signed-in user, the users list and the organisation profile
    /// were read at: `PrivacyDeskApp::refresh_main` reads them again when a write moved it.
    pub main_read_at: Option<u64>,
    pub dashboard: DashboardView,
    pub dashboard_data: Option<DashboardData>,
    pub audit: AuditLogView,
    pub settings: Option<SettingsView>,
    pub verify: Option<VerifyReport>,
    pub subjects: super::areas::SubjectsView,
    pub purposes: super::areas::PurposesView,
    pub tab: super::areas::SubjectsTab,
    pub review_count: Option<usize>,
    /// A summary was asked for while another whole-store read ran; it starts when they are
    /// done (see `PrivacyDeskApp::start_status`).
    pub status_waiting: bool,
    /// The store generation the last summary was started at: a write moves the generation,
    /// and the next frame starts a new summary (`PrivacyDeskApp::start_waiting_status`).
    pub status_generation: Option<u64>,
    /// The day the last summary was started on: a new day ("due soon", "overdue") starts a new
    /// summary too, for a window left open overnight.
    pub status_day: Option<chrono::NaiveDate>,
    pub review: super::areas::ReviewView,
    pub subject_page: Option<super::areas::SubjectPage>,
    /// The decrypted search index, shared with a sort running on a worker thread.
    pub search_index: Option<std::sync::Arc<crate::services::SubjectSearchIndex>>,
    pub import: super::areas::ImportView,
    /// The Requests area: inbox, new-request form, request page.
    pub requests: super::areas::RequestsView,
    /// The Retention area: policy, legal holds, sweeps.
    pub retention: super::areas::RetentionView,
    /// Records of processing: activities, systems, data categories.
    pub records: super::areas::RecordsView,
    /// The Security area: measures, staff training, the incident log.
    pub security: super::areas::SecurityView,
    /// The Assessments area: the list, the templates, the open assessment.
    pub assessments: super::areas::AssessmentsView,
    /// Records → Minimisation review.
    pub minimisation: super::areas::MinimisationView,
    /// The Vendors area: the register, the editor, the due-diligence questionnaire.
    pub vendors: super::areas::VendorsView,
    /// Subjects & consent → Pseudonymised export.
    pub pseudonymised: super::areas::PseudonymisedExportView,
    /// Campaigns: the audience check and the send records.
    pub campaigns: super::areas::campaigns::CampaignsView,
    /// Settings → Self-service and mailbox.
    pub site: super::areas::settings::site::SiteSettingsView,
    /// Requests → Inbox: the emails taken in and their proposals.
    pub mail: super::areas::requests::inbox::MailInboxView,
}

pub(super) enum Screen {
    Create(CreateScreen),
    Unlock(UnlockScreen),
    Recover(RecoverScreen),
    Busy(BusyScreen),
    RecoveryCode(RecoveryCodeScreen),
    Setup(SetupScreen),
    Main(Box<MainScreen>),
}
