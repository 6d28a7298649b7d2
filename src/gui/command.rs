//! What views ask the app to do. Views never touch the store; the app applies these after the
//! frame is drawn.

use std::path::PathBuf;

use crate::crypto::{Passphrase, RecoveryCode};
use uuid::Uuid;

use crate::domain::access::Role;
use crate::domain::audit::AuditFilter;
use crate::domain::consent::ConsentEvent;
use crate::domain::purpose::{Purpose, PurposeCode};
use crate::domain::subject::SubjectDraft;
use crate::services::ImportOptions;

use super::areas::SubjectsTab;
use super::areas::assessments::command::AssessmentCommand;
use super::areas::records::minimisation_command::MinimisationCommand;
use super::areas::requests::command::RequestCommand;
use super::areas::retention::command::RetentionCommand;
use super::areas::settings::backup_command::BackupCommand;
use super::areas::settings::keys_command::KeysCommand;
use super::areas::subjects::command::ConsentCommand;
use super::{Area, ThemeChoice};

/// A request from a view.
#[derive(Debug)]
#[must_use]
pub enum Command {
    /// The privacy impact assessments.
    Assessment(AssessmentCommand),
    /// The data-minimisation review.
    Minimisation(MinimisationCommand),
    /// Create the store, owned by a first user with this name and passphrase.
    CreateStore {
        /// The owner's login name.
        user: String,
        /// The owner's passphrase.
        passphrase: Passphrase,
    },
    /// Sign in.
    Unlock {
        /// Who (none: the only user, or the first owner).
        user: Option<String>,
        /// Their passphrase.
        passphrase: Passphrase,
    },
    /// Make a demo store beside the real one (which is not created) and open it.
    CreateDemo {
        /// The demo store's owner.
        user: String,
        /// Its passphrase.
        passphrase: Passphrase,
    },
    /// Switch to the demo store made earlier (its unlock screen).
    OpenDemo,
    /// Show the recovery screen.
    ShowRecovery,
    /// Back from the recovery screen to the unlock screen.
    ShowUnlock,
    /// Unlock with the recovery code and set a new passphrase.
    Recover {
        /// The owner whose passphrase is reset (none: the first owner).
        owner: Option<String>,
        /// The code as typed.
        code: RecoveryCode,
        /// The new passphrase.
        new: Passphrase,
    },
    /// The user confirmed they stored the recovery code.
    RecoveryCodeStored,
    /// Save the organisation profile (first-run setup or Settings), with the statement on
    /// automated decisions and the holiday calendars.
    SaveProfile(Box<crate::gui::areas::ProfileSave>),
    /// Save the auto-lock idle time.
    SetAutoLock(u32),
    /// Change the passphrase.
    ChangePassphrase {
        /// The current passphrase.
        current: Passphrase,
        /// The new one.
        new: Passphrase,
    },
    /// Add a user (owners only).
    AddUser {
        /// Login name.
        name: String,
        /// Role.
        role: Role,
        /// Their first passphrase.
        passphrase: Passphrase,
    },
    /// Remove a user (owners only).
    RemoveUser(String),
    /// The store key and the row integrity check.
    Keys(KeysCommand),
    /// Change a user's role (owners only).
    SetUserRole {
        /// The user.
        name: String,
        /// The new role.
        role: Role,
    },
    /// Switch theme.
    SetTheme(ThemeChoice),
    /// Go to an area.
    Navigate(Area),
    /// Lock now.
    Lock,
    /// Dashboard → "Evidence bundle…": write the bundle for `year` to `path` (a `.zip`).
    EvidenceBundle {
        /// Where to write it.
        path: std::path::PathBuf,
        /// The calendar year its logs cover.
        year: i32,
    },
    /// The recovery code screen: keep the code in a text file or a PDF to print, at this path.
    KeepRecoveryCode(std::path::PathBuf),
    /// Dashboard → "Deadlines to calendar…": write every deadline as an iCalendar file.
    ExportCalendar(std::path::PathBuf),
    /// Verify the audit chain in the background.
    VerifyAudit,
    /// Export the audit trail in the background.
    ExportAudit {
        /// Target file (.csv or .json).
        path: PathBuf,
        /// Which entries.
        filter: AuditFilter,
    },
    /// Search the register by part of a name or email.
    SearchSubjects(String),
    /// Open a subject's page.
    OpenSubject(Uuid),
    /// Back to the list.
    CloseSubject,
    /// Record a new subject.
    AddSubject(SubjectDraft, crate::domain::subject::SubjectDates),
    /// Append an event to a subject's consent ledger.
    RecordConsent {
        /// The subject.
        subject: Uuid,
        /// The event.
        event: ConsentEvent,
    },
    /// Add a purpose with its first notice.
    AddPurpose {
        /// The purpose.
        purpose: Purpose,
        /// The notice text, version 1.
        notice: String,
    },
    /// Save a purpose's fields.
    SavePurpose(Purpose),
    /// Publish a new notice version.
    PublishNotice {
        /// The purpose.
        code: PurposeCode,
        /// The new text.
        text: String,
    },
    /// Switch tab in Subjects & consent.
    SubjectsTab(SubjectsTab),
    /// Go to the review queue (from the Dashboard).
    OpenReview,
    /// Mark every stale consent in the review queue expired.
    ExpireStale,
    /// Write the review queue to a CSV for a re-permission campaign.
    ExportReviewList(PathBuf),
    /// Show how a file would be imported: its column mapping and first rows.
    PreviewImport {
        /// The CSV file.
        path: PathBuf,
        /// Preset, purpose, mapping.
        options: ImportOptions,
    },
    /// Tell a file's preset (and a saved mapping that fits it) from its header, then preview.
    DetectImportPreset {
        /// The CSV file.
        path: PathBuf,
    },
    /// Save the import's column mapping under a name.
    SaveImportMapping {
        /// The name.
        name: String,
        /// The columns and the fields they fill.
        mapping: crate::domain::import::Mapping,
    },
    /// Import consent from a file in the background.
    StartImport {
        /// The CSV file.
        path: PathBuf,
        /// Preset, purpose, mapping, skip invalid rows.
        options: ImportOptions,
    },
    /// Stop the running import; the store is left as it was.
    CancelImport,
    /// Cancel the running background job.
    CancelJob,
    /// Something in the Requests area (or opening a request from a subject's page).
    Request(RequestCommand),
    /// Something in the Retention area (or a legal hold or relationship end from a subject's
    /// page).
    Retention(RetentionCommand),
    /// Something in Settings → Backups: a backup now, automatic backups, a restore.
    Backup(BackupCommand),
    /// Sorting and filtering the Subjects list, consent exports, the review queue's bulk
    /// actions.
    Consent(ConsentCommand),
    /// Something in Subjects & consent → Pseudonymised export: the k figure, the export, the
    /// lookup of a pseudonym.
    Pseudonymise(super::areas::subjects::pseudonymised::command::PseudonymiseCommand),
    /// Something in Records of processing: activities, systems, data categories, export and
    /// import of the register.
    Records(super::areas::records::command::RecordsCommand),
    /// Something in the Security area (or its Dashboard section).
    Security(super::areas::security::command::SecurityCommand),
    /// Something in the Vendors area: the register, the editor, the due-diligence review.
    Vendor(super::areas::vendors::command::VendorCommand),
    /// Follow a Dashboard link: a first step's tab, or a record that needs attention today.
    FollowLink(super::areas::dashboard::link::DashboardLink),
    /// Something in Requests → Inbox: taking mail in, accepting or dismissing a proposal.
    Intake(super::areas::requests::inbox::command::IntakeCommand),
    /// Something in the Campaigns area: an audience check.
    Campaign(super::areas::campaigns::command::CampaignCommand),
    /// Something in Settings → Self-service and mailbox.
    Site(super::areas::settings::site_command::SiteCommand),
    /// A change to a holiday calendar in Settings.
    Holidays(super::areas::settings::holidays_command::HolidayCommand),
    /// Something in the attachments panel of a request, incident, vendor or assessment.
    Attachment(super::areas::attachments::command::AttachmentCommand),
    /// Dismiss the notice.
    DismissNotice,
}

impl Command {
    /// The area whose `apply` handles this command (none: the window applies it).
    pub fn area(&self) -> Option<Area> {
        match self {
            Self::Assessment(_) => Some(Area::Assessments),
            Self::Campaign(_) => Some(Area::Campaigns),
            Self::Minimisation(_) | Self::Records(_) => Some(Area::Records),
            Self::Request(_) | Self::Intake(_) => Some(Area::Requests),
            Self::Retention(_) => Some(Area::Retention),
            Self::Security(_) => Some(Area::Security),
            Self::Vendor(_) => Some(Area::Vendors),
            Self::Consent(_)
            | Self::Pseudonymise(_)
            | Self::SearchSubjects(_)
            | Self::OpenSubject(_)
            | Self::CloseSubject
            | Self::AddSubject(..)
            | Self::RecordConsent { .. }
            | Self::AddPurpose { .. }
            | Self::SavePurpose(_)
            | Self::PublishNotice { .. }
            | Self::SubjectsTab(_)
            | Self::OpenReview
            | Self::ExpireStale
            | Self::ExportReviewList(_)
            | Self::PreviewImport { .. }
            | Self::DetectImportPreset { .. }
            | Self::SaveImportMapping { .. }
            | Self::StartImport { .. }
            | Self::CancelImport => Some(Area::Subjects),
            Self::Backup(_)
            | Self::Site(_)
            | Self::Holidays(_)
            | Self::Keys(_)
            | Self::SetAutoLock(_)
            | Self::ChangePassphrase { .. }
            | Self::AddUser { .. }
            | Self::RemoveUser(_)
            | Self::SetUserRole { .. }
            | Self::SetTheme(_) => Some(Area::Settings),
            Self::VerifyAudit | Self::ExportAudit { .. } => Some(Area::AuditLog),
            Self::FollowLink(_) => Some(Area::Dashboard),
            Self::CreateStore { .. }
            | Self::Unlock { .. }
            | Self::CreateDemo { .. }
            | Self::OpenDemo
            | Self::ShowRecovery
            | Self::ShowUnlock
            | Self::Recover { .. }
            | Self::RecoveryCodeStored
            | Self::SaveProfile(_)
            | Self::Navigate(_)
            | Self::Lock
            | Self::CancelJob
            | Self::EvidenceBundle { .. }
            | Self::ExportCalendar(_)
            | Self::KeepRecoveryCode(_)
            | Self::Attachment(_)
            | Self::DismissNotice => None,
        }
    }
}
