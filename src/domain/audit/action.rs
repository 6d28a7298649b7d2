//! The audited actions and their stable codes.

use serde::{Deserialize, Serialize};

/// The actions that are audited. The string form is stored and must never change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AuditAction {
    /// A new store was created.
    StoreCreated,
    /// The store was unlocked with a passphrase.
    Unlocked,
    /// The store was unlocked with the recovery code and a new passphrase was set.
    RecoveredWithCode,
    /// The passphrase was changed.
    PassphraseChanged,
    /// The organisation profile was saved.
    ProfileUpdated,
    /// Settings (auto-lock, regimes) were saved.
    SettingsUpdated,
    /// The audit log was exported to a file.
    AuditExported,
    /// A data subject was recorded.
    SubjectCreated,
    /// A user was added.
    UserAdded,
    /// A user was removed (their key wrap deleted).
    UserRemoved,
    /// A user's role changed.
    UserRoleChanged,
    /// The vault key was replaced: every sealed field re-sealed, every wrap replaced.
    KeyRotated,
    /// The default purpose catalogue was adopted.
    PurposesAdopted,
    /// A consent event was recorded in the ledger.
    ConsentRecorded,
    /// A file holding personal data was exported (suppression list, consent receipt).
    PersonalDataExported,
    /// Consent was imported from a file (counts only).
    ConsentImported,
    /// A column mapping for imports was saved by name.
    ImportMappingSaved,
    /// A saved column mapping was deleted.
    ImportMappingDeleted,
    /// A subject's address was marked undeliverable (not a withdrawal).
    SubjectMarkedUndeliverable,
    /// A purpose was added to the catalogue.
    PurposeAdded,
    /// A purpose's description, basis, categories or CCPA flag changed.
    PurposeUpdated,
    /// A new version of a purpose's notice was published.
    NoticePublished,
    /// A data-subject request was taken in.
    RequestOpened,
    /// A request moved on (identity, extension, completion, refusal, withdrawal); the details name the step.
    RequestUpdated,
    /// A subject's field was corrected (the details name the field, never its value).
    SubjectRectified,
    /// A subject's processing was restricted (Art. 18) or the restriction lifted.
    SubjectRestricted,
    /// A subject was erased; only a pseudonymous erasure record remains.
    SubjectErased,
    /// A public-holiday calendar was changed or chosen for a regime.
    HolidaysChanged,
    /// An erasure certificate was written to a file (it holds no personal data).
    CertificateExported,
    /// Consents in the review queue were marked reviewed (counts only).
    ConsentsReviewed,
    /// Retention rules were adopted, added, changed or removed.
    RetentionRulesChanged,
    /// A retention rule was applied in a sweep (counts only).
    RetentionApplied,
    /// A retention sweep ran; its report is kept.
    SweepRun,
    /// A legal hold was placed on a subject or a request.
    LegalHoldPlaced,
    /// A legal hold was released.
    LegalHoldReleased,
    /// The end of a customer relationship was recorded or cleared.
    RelationshipEnded,
    /// The day a person became a customer was recorded or cleared.
    CustomerSince,
    /// A report without personal data was written to a file (policy, sweep report).
    ReportExported,
    /// A backup of the whole store (still encrypted) was written; the details give its size, never its path.
    BackupMade,
    /// This store was restored from a backup; the details count the erasures re-applied.
    BackupRestored,
    /// Made-up demo data was generated (`demo`); the details give counts and the seed only.
    DemoDataGenerated,
    /// A pseudonymised export was written for a recipient; the details give the fields, the
    /// row count and the k-anonymity figure, never a person's data.
    PseudonymisedExported,
    /// A pseudonym of an export was traced back to its subject inside the app (the entity is
    /// the subject's id).
    PseudonymReidentified,
    /// A security measure of the register was added or changed.
    SecurityMeasureSaved,
    /// A security measure was removed from the register.
    SecurityMeasureRemoved,
    /// A staff training was recorded (never the trainee's name in the details).
    TrainingRecorded,
    /// A staff training was corrected.
    TrainingUpdated,
    /// A staff training was removed.
    TrainingRemoved,
    /// A personal data breach was entered in the incident log (never its facts in the details).
    IncidentRecorded,
    /// An incident was corrected, notified, closed or reopened; the details name the step.
    IncidentUpdated,
    /// The default taxonomy of data categories was adopted (a store from before schema 7).
    TaxonomyAdopted,
    /// A data category of the taxonomy was added or changed.
    CategorySaved,
    /// A data category was removed from the taxonomy.
    CategoryRemoved,
    /// A processing activity of the record of processing (Art. 30) was added or changed.
    ActivitySaved,
    /// A processing activity was removed from the record of processing.
    ActivityRemoved,
    /// A system of the data inventory was added or changed.
    SystemSaved,
    /// A system was removed from the data inventory.
    SystemRemoved,
    /// The order of a register (activities, systems, data categories) changed.
    RecordsReordered,
    /// The record of processing (taxonomy, activities, systems) was replaced from a file; counts only.
    RopaImported,
    /// A vendor of the vendor register was added or changed.
    VendorSaved,
    /// A vendor's due-diligence review was recorded; the details give the rating only.
    VendorReviewed,
    /// A vendor was removed from the vendor register.
    VendorRemoved,
    /// The vendor questionnaire was loaded from a file or the shipped one restored; the
    /// details give the question count only.
    VendorQuestionnaireChanged,
    /// A privacy impact assessment was started (new, or copied into a new version).
    AssessmentCreated,
    /// A draft assessment was saved, or its DPO opinion or the people's views recorded; the details name the step, never an answer.
    AssessmentSaved,
    /// An assessment went to review or back to draft.
    AssessmentStatusChanged,
    /// An assessment was validated, validated with conditions or rejected; the version is frozen.
    AssessmentDecided,
    /// A new draft version of a decided assessment was started.
    AssessmentVersionStarted,
    /// An assessment was imported from a file (ours or the CNIL PIA tool's); counts only.
    AssessmentImported,
    /// An assessment, its report or its action plan was written to a file; the details give the format.
    AssessmentExported,
    /// An assessment template was added from a file or copied.
    AssessmentTemplateAdded,
    /// The text of an added assessment template was changed.
    AssessmentTemplateSaved,
    /// Emails were taken into the privacy mailbox from files or IMAP (counts only).
    InboxImported,
    /// A mailbox proposal was accepted or dismissed, or the IMAP account was set.
    InboxUpdated,
    /// A file was attached (sealed) to a request, incident, vendor or assessment.
    AttachmentAdded,
    /// An attachment was removed.
    AttachmentRemoved,
    /// An attachment was saved to a file in clear (an export of what it holds).
    AttachmentSaved,
    /// Rows written before tamper evidence existed were given their MACs (once, after the
    /// upgrade); the details give the count only.
    RowsTagged,
    /// A campaign audience was checked before a send and its send record kept (counts only).
    CampaignChecked,
    /// The deadlines were written to an iCalendar file (counts only).
    CalendarExported,
    /// A request's tasks per system and vendor were made, done or marked not applicable.
    RequestTaskUpdated,
    /// A person's age was recorded (GDPR Art. 8; Cal. Civ. Code § 1798.120(c)); never the age
    /// itself.
    SubjectAgeRecorded,
    /// A parent's or guardian's authorisation of a consent event was recorded (the method,
    /// never the name).
    ParentalAuthorisationRecorded,
}

impl AuditAction {
    /// Every action, for filters.
    pub const ALL: [AuditAction; 83] = [
        Self::StoreCreated,
        Self::Unlocked,
        Self::RecoveredWithCode,
        Self::PassphraseChanged,
        Self::ProfileUpdated,
        Self::SettingsUpdated,
        Self::AuditExported,
        Self::SubjectCreated,
        Self::UserAdded,
        Self::UserRemoved,
        Self::UserRoleChanged,
        Self::KeyRotated,
        Self::PurposesAdopted,
        Self::ConsentRecorded,
        Self::PersonalDataExported,
        Self::ConsentImported,
        Self::ImportMappingSaved,
        Self::ImportMappingDeleted,
        Self::SubjectMarkedUndeliverable,
        Self::PurposeAdded,
        Self::PurposeUpdated,
        Self::NoticePublished,
        Self::RequestOpened,
        Self::RequestUpdated,
        Self::SubjectRectified,
        Self::SubjectRestricted,
        Self::SubjectErased,
        Self::HolidaysChanged,
        Self::CertificateExported,
        Self::ConsentsReviewed,
        Self::RetentionRulesChanged,
        Self::RetentionApplied,
        Self::SweepRun,
        Self::LegalHoldPlaced,
        Self::LegalHoldReleased,
        Self::RelationshipEnded,
        Self::CustomerSince,
        Self::ReportExported,
        Self::BackupMade,
        Self::BackupRestored,
        Self::DemoDataGenerated,
        Self::PseudonymisedExported,
        Self::PseudonymReidentified,
        Self::SecurityMeasureSaved,
        Self::SecurityMeasureRemoved,
        Self::TrainingRecorded,
        Self::TrainingUpdated,
        Self::TrainingRemoved,
        Self::IncidentRecorded,
        Self::IncidentUpdated,
        Self::TaxonomyAdopted,
        Self::CategorySaved,
        Self::CategoryRemoved,
        Self::ActivitySaved,
        Self::ActivityRemoved,
        Self::SystemSaved,
        Self::SystemRemoved,
        Self::RecordsReordered,
        Self::RopaImported,
        Self::VendorSaved,
        Self::VendorReviewed,
        Self::VendorRemoved,
        Self::VendorQuestionnaireChanged,
        Self::AssessmentCreated,
        Self::AssessmentSaved,
        Self::AssessmentStatusChanged,
        Self::AssessmentDecided,
        Self::AssessmentVersionStarted,
        Self::AssessmentImported,
        Self::AssessmentExported,
        Self::AssessmentTemplateAdded,
        Self::AssessmentTemplateSaved,
        Self::InboxImported,
        Self::InboxUpdated,
        Self::AttachmentAdded,
        Self::AttachmentRemoved,
        Self::AttachmentSaved,
        Self::RowsTagged,
        Self::CampaignChecked,
        Self::CalendarExported,
        Self::RequestTaskUpdated,
        Self::SubjectAgeRecorded,
        Self::ParentalAuthorisationRecorded,
    ];

    /// The stable code stored in the log.
    pub fn code(self) -> &'static str {
        match self {
            Self::StoreCreated => "store.created",
            Self::Unlocked => "session.unlocked",
            Self::RecoveredWithCode => "session.recovered_with_code",
            Self::PassphraseChanged => "passphrase.changed",
            Self::ProfileUpdated => "profile.updated",
            Self::SettingsUpdated => "settings.updated",
            Self::AuditExported => "audit.exported",
            Self::SubjectCreated => "subject.created",
            Self::UserAdded => "user.added",
            Self::UserRemoved => "user.removed",
            Self::UserRoleChanged => "user.role_changed",
            Self::KeyRotated => "key.rotated",
            Self::PurposesAdopted => "purposes.adopted",
            Self::ConsentRecorded => "consent.recorded",
            Self::PersonalDataExported => "personal_data.exported",
            Self::ConsentImported => "consent.imported",
            Self::ImportMappingSaved => "import.mapping_saved",
            Self::ImportMappingDeleted => "import.mapping_deleted",
            Self::SubjectMarkedUndeliverable => "subject.marked_undeliverable",
            Self::PurposeAdded => "purpose.added",
            Self::PurposeUpdated => "purpose.updated",
            Self::NoticePublished => "notice.published",
            Self::RequestOpened => "request.opened",
            Self::RequestUpdated => "request.updated",
            Self::SubjectRectified => "subject.rectified",
            Self::SubjectRestricted => "subject.restricted",
            Self::SubjectErased => "subject.erased",
            Self::HolidaysChanged => "holidays.changed",
            Self::CertificateExported => "certificate.exported",
            Self::ConsentsReviewed => "consent.reviewed",
            Self::RetentionRulesChanged => "retention.rules_changed",
            Self::RetentionApplied => "retention.applied",
            Self::SweepRun => "retention.sweep",
            Self::LegalHoldPlaced => "hold.placed",
            Self::LegalHoldReleased => "hold.released",
            Self::RelationshipEnded => "subject.relationship_ended",
            Self::CustomerSince => "subject.customer_since",
            Self::ReportExported => "report.exported",
            Self::BackupMade => "backup.made",
            Self::BackupRestored => "backup.restored",
            Self::DemoDataGenerated => "demo.generated",
            Self::PseudonymisedExported => "export.pseudonymised",
            Self::PseudonymReidentified => "export.reidentified",
            Self::SecurityMeasureSaved => "security_measure.saved",
            Self::SecurityMeasureRemoved => "security_measure.removed",
            Self::TrainingRecorded => "training.recorded",
            Self::TrainingUpdated => "training.updated",
            Self::TrainingRemoved => "training.removed",
            Self::IncidentRecorded => "incident.recorded",
            Self::IncidentUpdated => "incident.updated",
            Self::TaxonomyAdopted => "categories.adopted",
            Self::CategorySaved => "category.saved",
            Self::CategoryRemoved => "category.removed",
            Self::ActivitySaved => "activity.saved",
            Self::ActivityRemoved => "activity.removed",
            Self::SystemSaved => "system.saved",
            Self::SystemRemoved => "system.removed",
            Self::RecordsReordered => "records.reordered",
            Self::RopaImported => "ropa.imported",
            Self::VendorSaved => "vendor.saved",
            Self::VendorReviewed => "vendor.reviewed",
            Self::VendorRemoved => "vendor.removed",
            Self::VendorQuestionnaireChanged => "vendor.questionnaire_changed",
            Self::AssessmentCreated => "assessment.created",
            Self::AssessmentSaved => "assessment.saved",
            Self::AssessmentStatusChanged => "assessment.status",
            Self::AssessmentDecided => "assessment.decided",
            Self::AssessmentVersionStarted => "assessment.version_started",
            Self::AssessmentImported => "assessment.imported",
            Self::AssessmentExported => "assessment.exported",
            Self::AssessmentTemplateAdded => "assessment_template.added",
            Self::AssessmentTemplateSaved => "assessment_template.saved",
            Self::InboxImported => "inbox.imported",
            Self::InboxUpdated => "inbox.updated",
            Self::AttachmentAdded => "attachment.added",
            Self::AttachmentRemoved => "attachment.removed",
            Self::AttachmentSaved => "attachment.saved",
            Self::RowsTagged => "store.rows_tagged",
            Self::CampaignChecked => "campaign.checked",
            Self::CalendarExported => "calendar.exported",
            Self::RequestTaskUpdated => "request.task_updated",
            Self::SubjectAgeRecorded => "subject.age_recorded",
            Self::ParentalAuthorisationRecorded => "consent.parental_authorisation_recorded",
        }
    }

    /// Words for the audit view.
    pub fn label(self) -> &'static str {
        match self {
            Self::StoreCreated => "Store created",
            Self::Unlocked => "Unlocked",
            Self::RecoveredWithCode => "Unlocked with recovery code",
            Self::PassphraseChanged => "Passphrase changed",
            Self::ProfileUpdated => "Organisation profile saved",
            Self::SettingsUpdated => "Settings saved",
            Self::AuditExported => "Audit log exported",
            Self::SubjectCreated => "Data subject recorded",
            Self::UserAdded => "User added",
            Self::UserRemoved => "User removed",
            Self::UserRoleChanged => "User role changed",
            Self::KeyRotated => "Key rotated",
            Self::PurposesAdopted => "Default purposes adopted",
            Self::ConsentRecorded => "Consent event recorded",
            Self::PersonalDataExported => "Personal data exported",
            Self::ConsentImported => "Consent imported",
            Self::ImportMappingSaved => "Import column mapping saved",
            Self::ImportMappingDeleted => "Import column mapping deleted",
            Self::SubjectMarkedUndeliverable => "Address marked undeliverable",
            Self::PurposeAdded => "Purpose added",
            Self::PurposeUpdated => "Purpose changed",
            Self::NoticePublished => "Notice version published",
            Self::RequestOpened => "Request taken in",
            Self::RequestUpdated => "Request moved on",
            Self::SubjectRectified => "Subject's data corrected",
            Self::SubjectRestricted => "Processing restricted or lifted",
            Self::SubjectErased => "Data subject erased",
            Self::HolidaysChanged => "Holiday calendar changed",
            Self::CertificateExported => "Erasure certificate exported",
            Self::ConsentsReviewed => "Consents marked reviewed",
            Self::RetentionRulesChanged => "Retention rules changed",
            Self::RetentionApplied => "Retention rule applied",
            Self::SweepRun => "Retention sweep run",
            Self::LegalHoldPlaced => "Legal hold placed",
            Self::LegalHoldReleased => "Legal hold released",
            Self::RelationshipEnded => "Customer relationship ended",
            Self::CustomerSince => "Customer relationship recorded",
            Self::ReportExported => "Report exported",
            Self::BackupMade => "Backup made",
            Self::BackupRestored => "Restored from a backup",
            Self::DemoDataGenerated => "Demo data generated",
            Self::PseudonymisedExported => "Pseudonymised export written",
            Self::PseudonymReidentified => "Pseudonym re-identified",
            Self::SecurityMeasureSaved => "Security measure saved",
            Self::SecurityMeasureRemoved => "Security measure removed",
            Self::TrainingRecorded => "Staff training recorded",
            Self::TrainingUpdated => "Staff training corrected",
            Self::TrainingRemoved => "Staff training removed",
            Self::IncidentRecorded => "Breach entered in the incident log",
            Self::IncidentUpdated => "Incident log entry updated",
            Self::TaxonomyAdopted => "Default data categories adopted",
            Self::CategorySaved => "Data category saved",
            Self::CategoryRemoved => "Data category removed",
            Self::ActivitySaved => "Processing activity saved",
            Self::ActivityRemoved => "Processing activity removed",
            Self::SystemSaved => "System saved",
            Self::SystemRemoved => "System removed",
            Self::RecordsReordered => "Register reordered",
            Self::RopaImported => "Record of processing imported",
            Self::VendorSaved => "Vendor saved",
            Self::VendorReviewed => "Vendor reviewed",
            Self::VendorRemoved => "Vendor removed",
            Self::VendorQuestionnaireChanged => "Vendor questionnaire changed",
            Self::AssessmentCreated => "Impact assessment started",
            Self::AssessmentSaved => "Impact assessment saved",
            Self::AssessmentStatusChanged => "Impact assessment sent for review or back to draft",
            Self::AssessmentDecided => "Impact assessment decided",
            Self::AssessmentVersionStarted => "New assessment version started",
            Self::AssessmentImported => "Impact assessment imported",
            Self::AssessmentExported => "Impact assessment exported",
            Self::AssessmentTemplateAdded => "Assessment template added",
            Self::AssessmentTemplateSaved => "Assessment template changed",
            Self::InboxImported => "Emails taken into the privacy mailbox",
            Self::InboxUpdated => "Privacy mailbox proposal or account changed",
            Self::AttachmentAdded => "File attached",
            Self::AttachmentRemoved => "Attachment removed",
            Self::AttachmentSaved => "Attachment saved to a file",
            Self::RowsTagged => "Rows tagged for tamper evidence",
            Self::CampaignChecked => "Campaign audience checked before a send",
            Self::CalendarExported => "Deadlines written to a calendar file",
            Self::RequestTaskUpdated => "Request task changed",
            Self::SubjectAgeRecorded => "Subject's age recorded",
            Self::ParentalAuthorisationRecorded => "Parental authorisation recorded",
        }
    }

    /// The action for a stored code, if this version knows it.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.code() == code)
    }
}
