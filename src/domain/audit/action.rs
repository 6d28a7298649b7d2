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
}

impl AuditAction {
    /// Every action, for filters.
    pub const ALL: [AuditAction; 19] = [
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
        }
    }

    /// The action for a stored code, if this version knows it.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.code() == code)
    }
}
