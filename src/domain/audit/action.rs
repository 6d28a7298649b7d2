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
    /// The default purpose catalogue was adopted.
    PurposesAdopted,
    /// A consent event was recorded in the ledger.
    ConsentRecorded,
    /// A file holding personal data was exported (suppression list, consent receipt).
    PersonalDataExported,
    /// Consent was imported from a file (counts only).
    ConsentImported,
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
    /// A report without personal data was written to a file (policy, sweep report).
    ReportExported,
    /// A backup of the whole store (still encrypted) was written; the details give its size, never its path.
    BackupMade,
    /// This store was restored from a backup; the details count the erasures re-applied.
    BackupRestored,
    /// Made-up demo data was generated (`demo`); the details give counts and the seed only.
    DemoDataGenerated,
}

impl AuditAction {
    /// Every action, for filters.
    pub const ALL: [AuditAction; 37] = [
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
        Self::PurposesAdopted,
        Self::ConsentRecorded,
        Self::PersonalDataExported,
        Self::ConsentImported,
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
        Self::ReportExported,
        Self::BackupMade,
        Self::BackupRestored,
        Self::DemoDataGenerated,
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
            Self::PurposesAdopted => "purposes.adopted",
            Self::ConsentRecorded => "consent.recorded",
            Self::PersonalDataExported => "personal_data.exported",
            Self::ConsentImported => "consent.imported",
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
            Self::ReportExported => "report.exported",
            Self::BackupMade => "backup.made",
            Self::BackupRestored => "backup.restored",
            Self::DemoDataGenerated => "demo.generated",
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
            Self::PurposesAdopted => "Default purposes adopted",
            Self::ConsentRecorded => "Consent event recorded",
            Self::PersonalDataExported => "Personal data exported",
            Self::ConsentImported => "Consent imported",
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
            Self::ReportExported => "Report exported",
            Self::BackupMade => "Backup made",
            Self::BackupRestored => "Restored from a backup",
            Self::DemoDataGenerated => "Demo data generated",
        }
    }

    /// The action for a stored code, if this version knows it.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.code() == code)
    }
}
