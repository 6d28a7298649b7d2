//! The areas of an unlocked store and the navigation between them.
//!
//! Only areas that work are listed. Assessments and Vendors & records join the navigation as
//! their issues land.

mod assessment_decision;
mod assessment_editor;
mod assessment_links;
mod assessment_plan;
mod assessment_questions;
mod assessment_risks;
mod assessments;
mod audit_log;
mod backups;
mod consent_chart;
mod consent_exports;
mod dashboard;
mod import;
mod key_rotation;
mod minimisation;
mod nav;
mod profile_form;
mod pseudonym_lookup;
mod pseudonymised_export;
mod purposes;
mod records;
mod records_activities;
mod records_activity_form;
mod records_categories;
mod records_pickers;
mod records_register;
mod records_system_form;
mod records_systems;
mod register_table;
mod request_actions;
mod request_erasure;
mod request_form;
mod request_fulfil;
mod request_letters;
mod request_page;
mod request_widgets;
mod requests;
mod retention;
mod retention_holds;
mod retention_policy;
mod retention_rule_form;
mod retention_sweep;
mod review;
mod row_integrity;
mod security;
mod security_incident_form;
mod security_incident_people;
mod security_incidents;
mod security_measures;
mod security_register;
mod security_training;
mod settings;
mod subject_list_controls;
mod subject_page;
mod subject_retention;
mod subjects;
mod sweep_report;
mod sweep_words;
mod users;
mod vendor_form;
mod vendor_form_lists;
mod vendor_questionnaire;
mod vendors;

pub use assessment_editor::{AssessmentEditor, VersionRow};
pub use assessment_links::LinkChoices;
pub use assessments::AssessmentsView;
pub use audit_log::AuditLogView;
pub use backups::BackupsView;
pub use consent_chart::consent_chart;
pub use dashboard::{DashboardData, DashboardView};
pub use import::{ImportErrorList, ImportView, PREVIEW_ROWS};
pub use key_rotation::{KeyRotationPanel, RotationState};
pub use minimisation::MinimisationView;
pub use nav::nav_panel;
pub use profile_form::ProfileForm;
pub use pseudonymised_export::{LookupOutcome, PseudonymRunning, PseudonymisedExportView};
pub use purposes::PurposesView;
pub use records::{RecordsTab, RecordsView};
pub use request_page::{RequestPage, RequestPageData};
pub use request_widgets::today;
pub use requests::RequestsView;
pub use retention::{RetentionTab, RetentionView};
pub use retention_holds::hold_target_words;
pub use review::{REVIEW_SHOWN, ReviewRow, ReviewView};
pub use security::{SecurityTab, SecurityView, security_dashboard};
pub use sweep_report::ReportSlot;

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
pub use subject_page::{SubjectPage, SubjectPageData};
pub use subjects::{SEARCH_LIMIT, SubjectRows, SubjectsView};
pub use users::UsersPanel;
pub use vendor_form::VendorForm;
pub use vendor_questionnaire::QuestionnairePage;
pub use vendors::{VendorChoices, VendorsView};
/// The builders, for the tests that run them without pixels (`gui/tests/view_data.rs`).
#[cfg(test)]
pub(super) use {
    audit_log::audit_page, purposes::purposes_data, records::records_data, requests::inbox,
    retention_holds::hold_rows, retention_policy::policy_data,
};

/// An area of the main window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    /// Overview of the store and what needs attention.
    Dashboard,
    /// The register of data subjects and their consent.
    Subjects,
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
    /// Whether a user with `role` sees this area.
    pub fn visible_to(self, role: crate::domain::access::Role) -> bool {
        match self {
            Self::Dashboard | Self::Settings | Self::Requests | Self::Retention => true,
            Self::Records => true,
            Self::Assessments => true,
            Self::Vendors => true,
            Self::Security => true,
            Self::Subjects => role.can(crate::domain::access::Permission::ViewPersonalData),
            Self::AuditLog => role.can(crate::domain::access::Permission::ViewAuditLog),
        }
    }

    /// Every area in navigation order.
    pub const ALL: [Area; 10] = [
        Self::Dashboard,
        Self::Subjects,
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
        match self {
            Self::Dashboard => "Dashboard",
            Self::Subjects => "Subjects & consent",
            Self::Requests => "Requests",
            Self::Retention => "Retention",
            Self::Records => "Records of processing",
            Self::Assessments => "Impact assessments",
            Self::Vendors => "Vendors",
            Self::Security => "Security",
            Self::AuditLog => "Audit log",
            Self::Settings => "Settings",
        }
    }
}
