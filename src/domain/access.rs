//! Who may do what: the roles of a store's users and the permission table.
//!
//! Four roles, after the ones privacy tools ship (Ethyca Fides: owner … viewer) and what the
//! CNIL PIA tool's users asked for:
//! - **Owner**: everything, including users and keys.
//! - **Officer**: all privacy work; no user management.
//! - **Assistant**: records consents and takes in requests; no erasure, no applying retention
//!   sweeps, no exports of personal data, no changes to the organisation's settings.
//! - **Auditor**: reads everything, including the audit log and reports; changes nothing and
//!   exports no personal data.
//!
//! The table below is the single source of truth; services check it on every call and the
//! window hides or disables what a role cannot do, quoting [`Permission::why_not`].

use std::fmt;

use serde::{Deserialize, Serialize};

/// A user's role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Everything, including users and keys.
    Owner,
    /// All privacy work; no user management.
    Officer,
    /// Records consents and takes in requests.
    Assistant,
    /// Read-only, including the audit log and reports.
    Auditor,
}

impl Role {
    /// Every role, most powerful first.
    pub const ALL: [Role; 4] = [Self::Owner, Self::Officer, Self::Assistant, Self::Auditor];

    /// Stable code, as stored and typed on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Self::Owner => "owner",
            Self::Officer => "officer",
            Self::Assistant => "assistant",
            Self::Auditor => "auditor",
        }
    }

    /// The role for a code (case-insensitive).
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|r| r.code().eq_ignore_ascii_case(code.trim()))
    }

    /// Words for the window.
    pub fn label(self) -> &'static str {
        match self {
            Self::Owner => "Owner",
            Self::Officer => "Privacy officer",
            Self::Assistant => "Assistant",
            Self::Auditor => "Auditor (read-only)",
        }
    }

    /// Whether this role may do `permission`.
    pub fn can(self, permission: Permission) -> bool {
        use Permission::*;
        use Role::*;
        match permission {
            ManageUsers | ViewSignInFailures => self == Owner,
            ChangeOwnPassphrase | ViewPersonalData => true,
            EditOrganisation => matches!(self, Owner | Officer),
            ViewAuditLog | ExportAuditLog | ViewReports | ExportReports => {
                matches!(self, Owner | Officer | Auditor)
            }
            RecordSubjects | RecordConsent | TakeInRequests => {
                matches!(self, Owner | Officer | Assistant)
            }
            EditPurposes
            | ProcessRequests
            | EraseSubjects
            | EditRetention
            | ApplyRetentionSweep
            | EditAssessments
            | EditVendorsAndRecords
            | ExportPersonalData => {
                matches!(self, Owner | Officer)
            }
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Something a user may or may not be allowed to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Permission {
    /// Add and remove users, change their roles.
    ManageUsers,
    /// See failed sign-in attempts of every user.
    ViewSignInFailures,
    /// Change one's own passphrase.
    ChangeOwnPassphrase,
    /// Change the organisation profile, regimes and store settings (auto-lock).
    EditOrganisation,
    /// Browse and verify the audit log.
    ViewAuditLog,
    /// Export the audit log (it holds no personal data).
    ExportAuditLog,
    /// See reports and the Dashboard's figures.
    ViewReports,
    /// Export reports that hold no personal data.
    ExportReports,
    /// Open subjects and their records.
    ViewPersonalData,
    /// Add and edit data subjects.
    RecordSubjects,
    /// Record consent events.
    RecordConsent,
    /// Edit the catalogue of purposes and notices.
    EditPurposes,
    /// Take in a data-subject request.
    TakeInRequests,
    /// Work on and close data-subject requests.
    ProcessRequests,
    /// Erase a data subject.
    EraseSubjects,
    /// Edit retention rules and legal holds.
    EditRetention,
    /// Apply a retention sweep.
    ApplyRetentionSweep,
    /// Edit privacy impact assessments.
    EditAssessments,
    /// Edit vendors, the record of processing and the inventory.
    EditVendorsAndRecords,
    /// Export files that contain personal data (access packages, suppression lists, receipts).
    ExportPersonalData,
}

impl Permission {
    /// Every permission.
    pub const ALL: [Permission; 20] = [
        Self::ManageUsers,
        Self::ViewSignInFailures,
        Self::ChangeOwnPassphrase,
        Self::EditOrganisation,
        Self::ViewAuditLog,
        Self::ExportAuditLog,
        Self::ViewReports,
        Self::ExportReports,
        Self::ViewPersonalData,
        Self::RecordSubjects,
        Self::RecordConsent,
        Self::EditPurposes,
        Self::TakeInRequests,
        Self::ProcessRequests,
        Self::EraseSubjects,
        Self::EditRetention,
        Self::ApplyRetentionSweep,
        Self::EditAssessments,
        Self::EditVendorsAndRecords,
        Self::ExportPersonalData,
    ];

    /// What the permission allows, in words ("manage users").
    pub fn describe(self) -> &'static str {
        match self {
            Self::ManageUsers => "manage users",
            Self::ViewSignInFailures => "see failed sign-ins",
            Self::ChangeOwnPassphrase => "change your passphrase",
            Self::EditOrganisation => "change the organisation profile and settings",
            Self::ViewAuditLog => "view the audit log",
            Self::ExportAuditLog => "export the audit log",
            Self::ViewReports => "view reports",
            Self::ExportReports => "export reports",
            Self::ViewPersonalData => "view personal data",
            Self::RecordSubjects => "record data subjects",
            Self::RecordConsent => "record consent",
            Self::EditPurposes => "edit purposes and notices",
            Self::TakeInRequests => "take in requests",
            Self::ProcessRequests => "work on requests",
            Self::EraseSubjects => "erase data subjects",
            Self::EditRetention => "edit retention rules and holds",
            Self::ApplyRetentionSweep => "apply retention sweeps",
            Self::EditAssessments => "edit impact assessments",
            Self::EditVendorsAndRecords => "edit vendors and records of processing",
            Self::ExportPersonalData => "export personal data",
        }
    }

    /// The sentence the window and the CLI show when `role` may not do this.
    pub fn why_not(self, role: Role) -> String {
        format!(
            "Your role ({}) does not allow you to {}. Ask an owner{}.",
            role.label(),
            self.describe(),
            if self == Self::ManageUsers {
                ""
            } else {
                " or a privacy officer"
            }
        )
    }
}

/// Checks a user name: 1–64 characters of letters, digits, spaces, dots, dashes and
/// underscores, not starting or ending with a space. Returns the problem in words.
pub fn check_user_name(name: &str) -> Result<(), String> {
    let chars = name.chars().count();
    if chars == 0 || name.trim().is_empty() {
        return Err("Give a name (for example sam or office-manager).".into());
    }
    if chars > 64 {
        return Err("Use at most 64 characters.".into());
    }
    if name.trim() != name {
        return Err("Remove the spaces at the start or end.".into());
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_alphanumeric() || matches!(c, ' ' | '.' | '-' | '_')))
    {
        return Err(format!(
            "{c:?} is not allowed; use letters, digits, spaces, dots, dashes and underscores."
        ));
    }
    Ok(())
}

/// How long a user must wait before the next sign-in attempt after `failures` failed ones in a
/// row: none for the first three, then 2, 4, 8 … seconds, at most 5 minutes. This slows a
/// person guessing at the desk; the Argon2id cost is what protects a copied file.
pub fn sign_in_delay_secs(failures: u32) -> u64 {
    const FREE_ATTEMPTS: u32 = 3;
    const MAX_SECS: u64 = 300;
    if failures < FREE_ATTEMPTS {
        return 0;
    }
    let exponent = (failures - FREE_ATTEMPTS + 1).min(16);
    (1u64 << exponent).min(MAX_SECS)
}

/// Seconds still to wait before the next attempt, given the failures so far and when the last
/// one happened (RFC 3339); 0 when a new attempt may start now.
pub fn retry_wait_secs(
    failures: u32,
    last_failed_at: Option<&str>,
    now: chrono::DateTime<chrono::Utc>,
) -> u64 {
    let delay = sign_in_delay_secs(failures);
    let Some(last) = last_failed_at.and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
    else {
        return 0;
    };
    let elapsed = (now - last.with_timezone(&chrono::Utc))
        .num_seconds()
        .max(0) as u64;
    delay.saturating_sub(elapsed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Permission::*;

    /// The whole table, written out: (permission, owner, officer, assistant, auditor).
    const TABLE: [(Permission, bool, bool, bool, bool); 20] = [
        (ManageUsers, true, false, false, false),
        (ViewSignInFailures, true, false, false, false),
        (ChangeOwnPassphrase, true, true, true, true),
        (EditOrganisation, true, true, false, false),
        (ViewAuditLog, true, true, false, true),
        (ExportAuditLog, true, true, false, true),
        (ViewReports, true, true, false, true),
        (ExportReports, true, true, false, true),
        (ViewPersonalData, true, true, true, true),
        (RecordSubjects, true, true, true, false),
        (RecordConsent, true, true, true, false),
        (EditPurposes, true, true, false, false),
        (TakeInRequests, true, true, true, false),
        (ProcessRequests, true, true, false, false),
        (EraseSubjects, true, true, false, false),
        (EditRetention, true, true, false, false),
        (ApplyRetentionSweep, true, true, false, false),
        (EditAssessments, true, true, false, false),
        (EditVendorsAndRecords, true, true, false, false),
        (ExportPersonalData, true, true, false, false),
    ];

    #[test]
    fn every_role_times_every_permission() {
        assert_eq!(TABLE.len(), Permission::ALL.len());
        for (permission, owner, officer, assistant, auditor) in TABLE {
            for (role, expected) in [
                (Role::Owner, owner),
                (Role::Officer, officer),
                (Role::Assistant, assistant),
                (Role::Auditor, auditor),
            ] {
                assert_eq!(role.can(permission), expected, "{role:?} × {permission:?}");
            }
        }
        for permission in Permission::ALL {
            assert!(
                TABLE.iter().any(|row| row.0 == permission),
                "{permission:?} missing"
            );
        }
    }

    #[test]
    fn the_auditor_changes_nothing_and_the_assistant_erases_nothing() {
        let changes = [
            ManageUsers,
            EditOrganisation,
            RecordSubjects,
            RecordConsent,
            EditPurposes,
            TakeInRequests,
            ProcessRequests,
            EraseSubjects,
            EditRetention,
            ApplyRetentionSweep,
            EditAssessments,
            EditVendorsAndRecords,
            ExportPersonalData,
        ];
        for p in changes {
            assert!(!Role::Auditor.can(p), "{p:?}");
        }
        for p in [EraseSubjects, ApplyRetentionSweep, ExportPersonalData] {
            assert!(!Role::Assistant.can(p), "{p:?}");
        }
    }

    #[test]
    fn role_codes_round_trip_case_insensitively() {
        for r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(r));
            assert_eq!(Role::from_code(&r.code().to_uppercase()), Some(r));
        }
        assert_eq!(Role::from_code("admin"), None);
    }

    #[test]
    fn why_not_names_the_role_and_the_action() {
        let text = EraseSubjects.why_not(Role::Assistant);
        assert!(
            text.contains("Assistant") && text.contains("erase data subjects"),
            "{text}"
        );
    }

    #[test]
    fn user_name_table() {
        for (name, ok) in [
            ("owner", true),
            ("Sam Baker", true),
            ("office-manager_2", true),
            ("Zoë", true),
            ("", false),
            ("   ", false),
            (" sam", false),
            ("sam@example.org", false),
            ("a/b", false),
        ] {
            assert_eq!(check_user_name(name).is_ok(), ok, "{name:?}");
        }
        assert!(check_user_name(&"x".repeat(65)).is_err());
    }

    #[test]
    fn retry_wait_counts_down_from_the_last_failure() {
        let last = "2026-11-29T10:00:00Z";
        let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap().to_utc();
        assert_eq!(
            retry_wait_secs(5, Some(last), at("2026-11-29T10:00:03Z")),
            5
        );
        assert_eq!(
            retry_wait_secs(5, Some(last), at("2026-11-29T10:00:09Z")),
            0
        );
        assert_eq!(
            retry_wait_secs(2, Some(last), at("2026-11-29T10:00:00Z")),
            0
        );
        assert_eq!(retry_wait_secs(5, None, at("2026-11-29T10:00:00Z")), 0);
    }

    #[test]
    fn sign_in_delay_table() {
        for (failures, secs) in [
            (0, 0),
            (1, 0),
            (2, 0),
            (3, 2),
            (4, 4),
            (5, 8),
            (10, 256),
            (11, 300),
            (50, 300),
        ] {
            assert_eq!(sign_in_delay_secs(failures), secs, "{failures}");
        }
    }
}
