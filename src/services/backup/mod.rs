//! Backups and restore.
//!
//! A backup is a consistent copy of the open store, still sealed (it opens with the
//! passphrases and the recovery code that were valid when it was taken); see
//! [`crate::store::backup`]. Making one needs the owner or officer role: a backup holds all the
//! personal data of the store, encrypted, so it is guarded like the organisation's settings
//! ([`Permission::EditOrganisation`]), not like a report.
//!
//! Restoring, which never loses an erasure, is in `restore` (the steps), `authority` (who
//! may replace a store), `reapply` (the erasures and user removals made since the backup)
//! and `swap` (putting the restored copy in place).

pub(in crate::services) mod settings;

mod authority;
mod reapply;
mod restore;
mod swap;

/// The backup area of a session (see [`crate::services::front`]).
pub type Backups<'s> = crate::services::front::Front<'s, crate::services::front::area::Backups>;

use std::fs;
use std::path::{Path, PathBuf};

use chrono::Utc;
use serde::Serialize;

use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::store::StoreError;
use crate::store::backup as files;

use super::{ServiceError, ServiceResult};

pub use authority::RestoreAuthority;
pub use restore::{RestoreOptions, RestoreSummary};

/// The prefix of the files [`Session::backup_rotating`] writes and prunes.
pub const ROTATION_PREFIX: &str = "privacy-desk-";

/// A backup that was written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BackupSummary {
    /// The backup file.
    pub path: PathBuf,
    /// Its size.
    pub bytes: u64,
}

/// A rotating backup: the new file and the old ones removed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RotationSummary {
    /// The backup just written.
    pub backup: BackupSummary,
    /// Older backups removed because more than `keep` were there.
    pub removed: Vec<PathBuf>,
}

/// Why `path` cannot be restored, for the officer.
fn invalid_backup(path: &Path, e: &StoreError) -> ServiceError {
    let why = match e {
        StoreError::Corrupt(detail) => {
            format!("the file is damaged ({detail}). Choose another backup; nothing was changed.")
        }
        other => other.to_string(),
    };
    ServiceError::invalid(
        "Backup",
        format!("{} cannot be restored: {why}", path.display()),
    )
}

/// Whether two paths name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

fn stamp() -> String {
    Utc::now().format("%Y%m%dT%H%M%SZ").to_string()
}

/// Whether `name` is one of the rotation's files: `privacy-desk-YYYYMMDDTHHMMSSZ.pdesk`.
pub fn is_rotation_name(name: &str) -> bool {
    let Some(rest) = name
        .strip_prefix(ROTATION_PREFIX)
        .and_then(|r| r.strip_suffix(".pdesk"))
    else {
        return false;
    };
    let b = rest.as_bytes();
    b.len() == 16
        && b[..8].iter().all(u8::is_ascii_digit)
        && b[8] == b'T'
        && b[9..15].iter().all(u8::is_ascii_digit)
        && b[15] == b'Z'
}

impl Backups<'_> {
    fn require_backup_role(&self) -> ServiceResult<()> {
        if self.can(Permission::EditOrganisation) {
            Ok(())
        } else {
            Err(ServiceError::NotPermitted(format!(
                "Your role ({}) does not allow backups or restores: a backup holds all the personal data in this store. Ask an owner or a privacy officer.",
                self.user.role.label()
            )))
        }
    }

    /// Writes a consistent, still-encrypted copy of the store to `out` while it stays open,
    /// with one `backup.made` audit entry (the size, never the path). Refuses when `out`
    /// exists. Needs [`Permission::EditOrganisation`] (owner or officer): the copy holds all
    /// the personal data.
    pub fn backup(&mut self, out: &Path) -> ServiceResult<BackupSummary> {
        self.require_backup_role()?;
        let summary = self.write_backup(out)?;
        self.record(
            AuditAction::BackupMade,
            EntityRef::new("backup", ""),
            format!("{} bytes", summary.bytes),
        )?;
        Ok(summary)
    }

    fn write_backup(&self, out: &Path) -> ServiceResult<BackupSummary> {
        files::backup_to(self.store, out)?;
        let bytes = fs::metadata(out)
            .map_err(|source| StoreError::Io {
                action: "read",
                path: out.to_owned(),
                source,
            })?
            .len();
        Ok(BackupSummary {
            path: out.to_owned(),
            bytes,
        })
    }

    /// Writes `privacy-desk-YYYYMMDDTHHMMSSZ.pdesk` (UTC) into `dir`, then removes the oldest
    /// files of that exact pattern beyond the newest `keep` (other files are never touched).
    /// Same permission and audit entry as [`Session::backup`].
    pub fn backup_rotating(&mut self, dir: &Path, keep: usize) -> ServiceResult<RotationSummary> {
        self.require_backup_role()?;
        if keep == 0 {
            return Err(ServiceError::invalid(
                "--keep",
                "keep at least 1 backup (the one just made).",
            ));
        }
        let out = dir.join(format!("{ROTATION_PREFIX}{}.pdesk", stamp()));
        let backup = self.write_backup(&out)?;
        let mut found: Vec<String> = fs::read_dir(dir)
            .map_err(|source| StoreError::Io {
                action: "list",
                path: dir.to_owned(),
                source,
            })?
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| is_rotation_name(n))
            .collect();
        // The names hold the time, so the newest sort last.
        found.sort();
        let surplus = found.len().saturating_sub(keep);
        let mut removed = Vec::new();
        for name in found.into_iter().take(surplus) {
            let path = dir.join(&name);
            files::remove_if_present(&path)?;
            removed.push(path);
        }
        self.record(
            AuditAction::BackupMade,
            EntityRef::new("backup", ""),
            format!(
                "{} bytes; rotation keeps {keep}, removed {}",
                backup.bytes,
                removed.len()
            ),
        )?;
        Ok(RotationSummary { backup, removed })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotation_names_are_recognised_exactly() {
        assert!(is_rotation_name("privacy-desk-20260101T093000Z.pdesk"));
        for other in [
            "privacy-desk-20260101T093000Z.pdesk.partial",
            "privacy-desk-20260101T0930Z.pdesk",
            "privacy-desk-2026010xT093000Z.pdesk",
            "store.pdesk",
            "privacy-desk-20260101T093000Z-2.pdesk",
        ] {
            assert!(!is_rotation_name(other), "{other}");
        }
    }
}
