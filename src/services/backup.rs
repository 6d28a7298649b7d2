//! Backups and restore.
//!
//! A backup is a consistent copy of the open store, still sealed (it opens with the
//! passphrases and the recovery code that were valid when it was taken); see
//! [`crate::store::backup`]. Making one needs the owner or officer role: a backup holds all the
//! personal data of the store, encrypted, so it is guarded like the organisation's settings
//! ([`Permission::EditOrganisation`]), not like a report.
//!
//! A restore never loses an erasure. Erasure records are plain (a keyed blind index of the
//! email, a day, a reference), so they are read from the current store without unlocking it,
//! before anything is replaced; every record the backup lacks is re-applied in the restored
//! copy (the people with that email are removed the way an erasure removes them, and the
//! record is copied) before the copy is put in place. The steps:
//!
//! 1. the backup is verified (a Privacy Desk file, not newer than this build, SQLite's
//!    integrity check, a key header) and the current store's lock is taken;
//! 2. the current store's erasure records are read (it must be the same store: blind
//!    indexes are keyed per store);
//! 3. the backup is copied to `<target>.restoring`, unlocked there with the passphrase that
//!    was valid when it was taken, and migrated if it is older;
//! 4. the missing erasures are re-applied with one `backup.restored` audit entry;
//! 5. the copy is checked again; the current store is moved aside to
//!    `<name>.before-restore-<time>.pdesk` (kept), and the copy renamed into place.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::Utc;
use serde::Serialize;
use uuid::Uuid;

use crate::crypto::Passphrase;
use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::store::backup::{self as files, ErasureRow, ErasureSet, StoreFileInfo, with_suffix};
use crate::store::migrations::LATEST_VERSION;
use crate::store::{StoreError, StoreLock, erasure, requests};

use super::{ServiceError, ServiceResult, Session, Via};

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

/// How a restore treats its target.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RestoreOptions {
    /// Replace a store already at the target; it is kept beside it as
    /// `<name>.before-restore-<time>.pdesk`. Without it an existing target is refused.
    pub replace: bool,
    /// Another file of the same store whose erasures must be re-applied as well (the current
    /// store, when restoring to a new place). A store at the target is always read.
    pub erasures_from: Option<PathBuf>,
}

/// A restore that was done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RestoreSummary {
    /// The restored store.
    pub path: PathBuf,
    /// Erasure records made since the backup, re-applied in the restored store.
    pub erasures_reapplied: u64,
    /// Subjects of the backup removed because of them.
    pub subjects_removed: u64,
    /// The files whose erasure records were read (none: no current store was found, so
    /// erasures made after the backup could not be known).
    pub erasures_read_from: Vec<PathBuf>,
    /// Where the replaced store was kept.
    pub previous_kept_at: Option<PathBuf>,
    /// The backup's schema version when it was older than this build's (it was upgraded).
    pub upgraded_from: Option<i64>,
}

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

fn uuid_text(id: &[u8; 16]) -> String {
    Uuid::from_bytes(*id).to_string()
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

impl Session {
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
        files::backup_to(&self.store, out)?;
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

    /// Restores `backup` to `target` (a new path, or the current store with
    /// [`RestoreOptions::replace`]), signing in to the backup as `user` with `passphrase` —
    /// the passphrase that was valid when the backup was taken. Every erasure made since the
    /// backup (known from the store at `target` and from [`RestoreOptions::erasures_from`])
    /// is re-applied before the copy is put in place, with one `backup.restored` audit entry
    /// in the restored store. Needs the owner or officer role in the backup.
    ///
    /// A store open in another window or command cannot be replaced; a backup that is
    /// damaged, not a store, or newer than this build is refused; in each case nothing is
    /// changed.
    pub fn restore(
        backup: &Path,
        target: &Path,
        passphrase: &Passphrase,
        user: Option<&str>,
        via: Via,
        options: &RestoreOptions,
    ) -> ServiceResult<RestoreSummary> {
        let info = files::verify_file(backup).map_err(|e| invalid_backup(backup, &e))?;
        let target_exists = target.exists();
        if same_file(backup, target) {
            return Err(ServiceError::invalid(
                "Restore",
                "the backup and the store to restore into are the same file; nothing was changed.",
            ));
        }
        if target_exists && !options.replace {
            return Err(ServiceError::invalid(
                "Restore",
                format!(
                    "there is already a store at {}. Replace it (--replace; it is kept beside it as a before-restore file) or restore to another path (--to). Nothing was changed.",
                    target.display()
                ),
            ));
        }
        if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(|source| StoreError::Io {
                action: "create the folder",
                path: parent.to_owned(),
                source,
            })?;
        }
        let lock = StoreLock::acquire(target).map_err(|e| match e {
            StoreError::InUse { .. } => ServiceError::invalid(
                "Restore",
                format!(
                    "{} cannot be replaced while it is open. {e} Nothing was changed.",
                    target.display()
                ),
            ),
            other => other.into(),
        })?;
        if target.exists() != target_exists {
            return Err(ServiceError::invalid(
                "Restore",
                format!(
                    "{} appeared or went while the restore was starting; try again. Nothing was changed.",
                    target.display()
                ),
            ));
        }
        if !target_exists && with_suffix(target, "-wal").exists() {
            return Err(ServiceError::invalid(
                "Restore",
                format!(
                    "a write-ahead log without its store is at {}-wal; move it away first. Nothing was changed.",
                    target.display()
                ),
            ));
        }
        let mut sources: Vec<PathBuf> = Vec::new();
        if target_exists {
            sources.push(target.to_owned());
        }
        if let Some(p) = &options.erasures_from
            && p.exists()
            && !sources.iter().any(|s| same_file(s, p))
            && !same_file(p, backup)
        {
            sources.push(p.clone());
        }
        let mut known: Vec<ErasureSet> = Vec::new();
        for source in &sources {
            let set = files::read_erasures(source).map_err(|e| {
                ServiceError::invalid(
                    "Restore",
                    format!(
                        "the erasures made in {} cannot be read, so the backup was not restored (it could bring erased people back). {e} If that store is lost or damaged, move it away and restore again, then erase anyone erased since the backup once more.",
                        source.display()
                    ),
                )
            })?;
            if set.store_id != info.store_id {
                return Err(ServiceError::invalid(
                    "Restore",
                    format!(
                        "the backup is of another store than {}, so the erasures made there cannot be matched in it. Nothing was changed. To replace that store with another one's backup, move it away first.",
                        source.display()
                    ),
                ));
            }
            known.push(set);
        }

        let restoring = with_suffix(target, ".restoring");
        let leftovers = Leftovers::of(&restoring);
        leftovers.remove();
        let outcome = Self::build_restored(
            backup, &restoring, &info, &known, passphrase, user, via, &leftovers,
        );
        let (reapplied, removed) = match outcome {
            Ok(counts) => counts,
            Err(e) => {
                leftovers.remove();
                return Err(e);
            }
        };
        let previous_kept_at = match put_in_place(&restoring, target, target_exists) {
            Ok(kept) => kept,
            Err(e) => {
                leftovers.remove();
                return Err(e);
            }
        };
        leftovers.remove();
        drop(lock);
        Ok(RestoreSummary {
            path: target.to_owned(),
            erasures_reapplied: reapplied,
            subjects_removed: removed,
            erasures_read_from: sources,
            previous_kept_at,
            upgraded_from: (info.schema_version < LATEST_VERSION).then_some(info.schema_version),
        })
    }

    /// Copies the backup to `restoring`, unlocks and upgrades it there, re-applies the
    /// erasures it lacks, and checks the result. Returns (records re-applied, subjects removed).
    #[allow(clippy::too_many_arguments)]
    fn build_restored(
        backup: &Path,
        restoring: &Path,
        info: &StoreFileInfo,
        known: &[ErasureSet],
        passphrase: &Passphrase,
        user: Option<&str>,
        via: Via,
        leftovers: &Leftovers,
    ) -> ServiceResult<(u64, u64)> {
        files::copy_file(backup, restoring).map_err(|e| invalid_backup(backup, &e))?;
        let mut session = Session::unlock(restoring, user, passphrase, via).map_err(|e| match e {
            ServiceError::Store(StoreError::WrongPassphrase) => ServiceError::invalid(
                "Passphrase",
                "that passphrase does not open the backup. A backup opens with the passphrase that was valid when it was taken (before any later change), for the same user. Nothing was changed.",
            ),
            other => other,
        })?;
        if let Some(p) = session.store.pre_migration_backup() {
            leftovers.also(p);
        }
        session.require_backup_role()?;

        let present = files::erasure_rows(session.store.conn())?;
        let missing = missing_records(known, &present);
        let still_present: std::collections::HashSet<Uuid> = known
            .iter()
            .flat_map(|k| k.still_present.iter().copied())
            .collect();
        let today = Utc::now().date_naive();
        let keys = Arc::clone(&session.keys);
        let mut to_remove: Vec<Uuid> = Vec::new();
        for index in missing.iter().filter_map(|r| r.email_index.as_deref()) {
            for id in files::subjects_with_email_index(session.store.conn(), index)? {
                if !still_present.contains(&id) && !to_remove.contains(&id) {
                    to_remove.push(id);
                }
            }
        }
        let entry = session.entry(
            AuditAction::BackupRestored,
            EntityRef::new("store", uuid_text(&info.store_id)),
            format!(
                "restored from a backup of format {}; {} erasures made since the backup re-applied ({} subjects removed)",
                info.schema_version,
                missing.len(),
                to_remove.len()
            ),
        );
        let mut subjects_removed = 0u64;
        let mut w = session.store.write()?;
        for id in &to_remove {
            requests::scrub_for_subject(&mut w, &keys.field, *id, today)?;
            subjects_removed += erasure::delete_subject(&mut w, *id)?.subject;
        }
        for row in &missing {
            files::insert_erasure_row(&w, row)?;
        }
        w.append_audit(&keys.audit, &entry)?;
        w.commit()?;
        session.store.checkpoint_truncate()?;
        drop(session);

        files::fold_log(restoring)?;
        files::single_file_journal(restoring)?;
        files::remove_if_present(&StoreLock::path_for(restoring))?;
        let check = files::verify_file(restoring)?;
        if check.schema_version != LATEST_VERSION || check.store_id != info.store_id {
            return Err(StoreError::Corrupt("the restored copy did not check out".into()).into());
        }
        files::sync_file(restoring)?;
        Ok((missing.len() as u64, subjects_removed))
    }
}

/// The erasure records of `known` that `present` lacks (as many times as they are missing),
/// oldest first.
fn missing_records(known: &[ErasureSet], present: &[ErasureRow]) -> Vec<ErasureRow> {
    let mut have: HashMap<&ErasureRow, usize> = HashMap::new();
    for row in present {
        *have.entry(row).or_default() += 1;
    }
    let mut wanted: Vec<ErasureRow> = Vec::new();
    let mut wanted_count: HashMap<ErasureRow, usize> = HashMap::new();
    for set in known {
        let mut here: HashMap<&ErasureRow, usize> = HashMap::new();
        for row in &set.records {
            let seen = here.entry(row).or_default();
            *seen += 1;
            let already = wanted_count.entry(row.clone()).or_default();
            if *seen > *already {
                *already += 1;
                wanted.push(row.clone());
            }
        }
    }
    let mut out = Vec::new();
    for row in wanted {
        match have.get_mut(&row) {
            Some(n) if *n > 0 => *n -= 1,
            _ => out.push(row),
        }
    }
    out
}

/// Whether two paths name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// The files a restore may leave beside its target, removed on every way out.
struct Leftovers {
    files: std::cell::RefCell<Vec<PathBuf>>,
}

impl Leftovers {
    fn of(restoring: &Path) -> Self {
        Self {
            files: std::cell::RefCell::new(vec![
                restoring.to_owned(),
                with_suffix(restoring, "-wal"),
                with_suffix(restoring, "-shm"),
                with_suffix(restoring, "-journal"),
                StoreLock::path_for(restoring),
            ]),
        }
    }

    fn also(&self, path: &Path) {
        self.files.borrow_mut().push(path.to_owned());
    }

    fn remove(&self) {
        for f in self.files.borrow().iter() {
            let _ = files::remove_if_present(f);
        }
    }
}

/// Where the replaced store is kept: `<stem>.before-restore-<time>.pdesk` beside it.
fn kept_path(target: &Path) -> PathBuf {
    let stem = target
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "store".to_owned());
    let stamp = stamp();
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{stem}.before-restore-{stamp}.pdesk")
        } else {
            format!("{stem}.before-restore-{stamp}-{n}.pdesk")
        };
        let path = target.with_file_name(name);
        if !path.exists() {
            return path;
        }
        n += 1;
    }
}

/// Moves the checked copy to `target`, keeping a store already there beside it until the
/// copy has checked out at its new place (then for good); on failure puts the old one back.
fn put_in_place(
    restoring: &Path,
    target: &Path,
    target_exists: bool,
) -> ServiceResult<Option<PathBuf>> {
    let io = |action, path: &Path| {
        let path = path.to_owned();
        move |source| {
            ServiceError::from(StoreError::Io {
                action,
                path,
                source,
            })
        }
    };
    let kept = if target_exists {
        files::fold_log(target).map_err(|e| match e {
            StoreError::InUse { .. } => ServiceError::invalid(
                "Restore",
                format!(
                    "{} is still being written by another program; close it, then try again. Nothing was changed.",
                    target.display()
                ),
            ),
            other => other.into(),
        })?;
        let kept = kept_path(target);
        fs::rename(target, &kept).map_err(io("keep the current store as", &kept))?;
        Some(kept)
    } else {
        None
    };
    let placed = fs::rename(restoring, target)
        .map_err(io("move the restored store into place at", target))
        .and_then(|()| {
            files::verify_file(target)
                .map(drop)
                .map_err(ServiceError::from)
        });
    if let Err(e) = placed {
        if let Some(kept) = &kept {
            if target.exists() {
                let _ = fs::rename(target, restoring);
            }
            let _ = fs::rename(kept, target);
        }
        return Err(e);
    }
    files::sync_parent(target);
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(index: u8, day: &str) -> ErasureRow {
        ErasureRow {
            email_index: Some(vec![index; 4]),
            erased_on: day.into(),
            request_reference: None,
            removed: "{}".into(),
        }
    }

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

    #[test]
    fn only_records_the_backup_lacks_are_missing() {
        let a = row(1, "2026-01-01");
        let b = row(2, "2026-02-01");
        let c = row(3, "2026-03-01");
        let current = ErasureSet {
            records: vec![a.clone(), b.clone(), c.clone(), c.clone()],
            ..ErasureSet::default()
        };
        let other = ErasureSet {
            records: vec![a.clone(), b.clone()],
            ..ErasureSet::default()
        };
        let missing = missing_records(&[current, other], &[a, c.clone()]);
        assert_eq!(missing, vec![b, c]);
    }
}
