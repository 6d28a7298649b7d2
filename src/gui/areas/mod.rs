//! The areas of an unlocked store, one folder each (its views, its commands and how they
//! apply), and the navigation between them; the few views several areas share sit here.

pub(in crate::gui) mod area;
pub(in crate::gui) mod assessments;
pub(in crate::gui) mod attachments;
pub(in crate::gui) mod audit;
pub(in crate::gui) mod campaigns;
pub(in crate::gui) mod dashboard;
pub(in crate::gui) mod nav;
pub(in crate::gui) mod records;
pub(in crate::gui) mod register_table;
pub(in crate::gui) mod request_widgets;
pub(in crate::gui) mod requests;
pub(in crate::gui) mod retention;
pub(in crate::gui) mod row_integrity;
pub(in crate::gui) mod security;
pub(in crate::gui) mod settings;
pub(in crate::gui) mod subjects;
pub(in crate::gui) mod vendors;

pub use assessments::AssessmentsView;
pub use assessments::editor::links::LinkChoices;
pub use assessments::editor::{AssessmentEditor, VersionRow};
pub use audit::AuditLogView;
pub use dashboard::{DashboardData, DashboardView};
pub use nav::nav_panel;
pub use records::minimisation::MinimisationView;
pub use records::{RecordsTab, RecordsView};
pub use request_widgets::today;
pub use requests::RequestsView;
pub use requests::page::{RequestPage, RequestPageData};
pub use retention::holds::hold_target_words;
pub use retention::sweep_report::ReportSlot;
pub use retention::{RetentionTab, RetentionView};
pub use security::{SecurityTab, SecurityView, security_dashboard};
pub use settings::backups::BackupsView;
pub use settings::key_rotation::{KeyRotationPanel, RotationState};
pub use settings::profile_form::{ProfileForm, ProfileSave};
pub use subjects::import::{ImportErrorList, ImportView, PREVIEW_ROWS};
pub use subjects::pseudonymised::{LookupOutcome, PseudonymisedExportView};
pub use subjects::purposes::PurposesView;
pub use subjects::review::{REVIEW_SHOWN, ReviewRow, ReviewView};

/// The tabs of Subjects & consent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SubjectsTab {
    /// The register.
    #[default]
    People,
    /// The purpose catalogue and notices.
    Purposes,
    /// The consent review queue.
    Review,
    /// Importing consent from a CSV file.
    Import,
    /// Pseudonymised exports for a vendor or for analysis, and the lookup of a pseudonym.
    Pseudonymised,
}
pub use settings::SettingsView;
pub use settings::users::UsersPanel;
pub use subjects::page::{SubjectPage, SubjectPageData};
pub use subjects::{SEARCH_LIMIT, SubjectRows, SubjectsView};
pub use vendors::form::VendorForm;
pub use vendors::questionnaire::QuestionnairePage;
pub use vendors::{VendorChoices, VendorsView};
/// The builders, for the tests that run them without pixels (`gui/tests/view_data.rs`).
#[cfg(test)]
pub(super) use {
    audit::audit_page, records::records_data, requests::inbox, retention::holds::hold_rows,
    retention::policy::policy_data, subjects::purposes::purposes_data,
};

/// An area of the main window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    /// Overview of the store and what needs attention.
    Dashboard,
    /// The register of data subjects and their consent.
    Subjects,
    /// Campaign pre-flight: an audience checked before a send, and the send records.
    Campaigns,
    /// Data-subject requests: the inbox, taking requests in, answering them.
    Requests,
    /// Retention policy, legal holds and sweeps.
    Retention,
    /// Records of processing (GDPR Art. 30), the data inventory and the data taxonomy.
    Records,
    /// Privacy impact assessments (GDPR Art. 35).
    Assessments,
    /// Vendors and other recipients: the register, due-diligence reviews.
    Vendors,
    /// Security measures, staff training and the incident log.
    Security,
    /// The audit trail: browse, filter, verify, export.
    AuditLog,
    /// Organisation profile, security, appearance.
    Settings,
}

impl Area {
    /// The area's implementation: its name, who sees it, its data, its drawing, its commands.
    pub(in crate::gui) fn view(self) -> &'static dyn area::AreaView {
        match self {
            Self::Dashboard => &dashboard::area::DashboardArea,
            Self::Subjects => &subjects::area::SubjectsArea,
            Self::Campaigns => &campaigns::area::CampaignsArea,
            Self::Requests => &requests::area::RequestsArea,
            Self::Retention => &retention::area::RetentionArea,
            Self::Records => &records::area::RecordsArea,
            Self::Assessments => &assessments::area::AssessmentsArea,
            Self::Vendors => &vendors::area::VendorsArea,
            Self::Security => &security::area::SecurityArea,
            Self::AuditLog => &audit::area::AuditArea,
            Self::Settings => &settings::area::SettingsArea,
        }
    }

    /// Whether a user with `role` sees this area.
    pub fn visible_to(self, role: crate::domain::access::Role) -> bool {
        self.view().permission().is_none_or(|p| role.can(p))
    }

    /// Every area in navigation order.
    pub const ALL: [Area; 11] = [
        Self::Dashboard,
        Self::Subjects,
        Self::Campaigns,
        Self::Requests,
        Self::Retention,
        Self::Records,
        Self::Assessments,
        Self::Vendors,
        Self::Security,
        Self::AuditLog,
        Self::Settings,
    ];

    /// Its name in the navigation.
    pub fn label(self) -> &'static str {
        self.view().title()
    }
}
