//! The automatic backup rotation the window runs: which folder, how many backups to keep, and
//! the last day one was made (at most one a calendar day).
//!
//! Two store settings, neither personal data: `backup_rotation` (JSON `{"dir", "keep"}`;
//! absent when automatic backups are off) and `backup_rotation_last_day` (`YYYY-MM-DD`).
//! Changing either is audited as [`AuditAction::SettingsUpdated`]; the backup itself writes
//! its own `backup.made` entry ([`Session::backup_rotating`]).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::store::settings;

use crate::services::{RotationSummary, ServiceError, ServiceResult};

/// Setting: the rotation's folder and how many backups it keeps (JSON); absent when off.
pub const BACKUP_ROTATION: &str = "backup_rotation";
/// Setting: the day (`YYYY-MM-DD`, local) the last automatic backup was made.
pub const BACKUP_ROTATION_LAST_DAY: &str = "backup_rotation_last_day";
/// The most backups a rotation keeps.
pub const MAX_BACKUPS_KEPT: usize = 100;

#[derive(Serialize, Deserialize)]
struct Stored {
    dir: PathBuf,
    keep: usize,
}

fn folder_problem(dir: &Path) -> Option<String> {
    if !dir.is_absolute() {
        return Some(format!(
            "{} is not a full folder path; choose the folder with the button.",
            dir.display()
        ));
    }
    if !dir.is_dir() {
        return Some(format!(
            "the folder {} cannot be found. If it is on an external or network drive, connect it; otherwise choose another folder.",
            dir.display()
        ));
    }
    None
}

impl super::Backups<'_> {
    /// The automatic backup rotation: (folder, how many to keep), or `None` when it is off.
    pub fn backup_rotation(&self) -> ServiceResult<Option<(PathBuf, usize)>> {
        let stored = settings::get(self.store.db(), BACKUP_ROTATION)?;
        Ok(stored
            .and_then(|json| serde_json::from_str::<Stored>(&json).ok())
            .map(|s| (s.dir, s.keep.clamp(1, MAX_BACKUPS_KEPT))))
    }

    /// Turns the automatic backup rotation on (an existing folder, keep 1–100) or off, with its
    /// audit entry (how many are kept, never the folder: a path can name a person, and the
    /// trail says nothing about where the copies are). Needs
    /// [`Permission::EditOrganisation`].
    pub fn set_backup_rotation(&mut self, rotation: Option<(PathBuf, usize)>) -> ServiceResult<()> {
        self.require(Permission::EditOrganisation)?;
        let (value, details) = match rotation {
            Some((dir, keep)) => {
                if !(1..=MAX_BACKUPS_KEPT).contains(&keep) {
                    return Err(ServiceError::invalid(
                        "Keep",
                        format!("keep between 1 and {MAX_BACKUPS_KEPT} backups."),
                    ));
                }
                if let Some(problem) = folder_problem(&dir) {
                    return Err(ServiceError::invalid("Backup folder", problem));
                }
                let details = format!("automatic backups on, keep {keep}");
                let json = serde_json::to_string(&Stored { dir, keep }).map_err(|_| {
                    ServiceError::invalid(
                        "Backup folder",
                        "the folder's name cannot be stored; choose a folder whose path has only ordinary characters.",
                    )
                })?;
                (Some(json), details)
            }
            None => (None, "automatic backups off".to_owned()),
        };
        if value == settings::get(self.store.db(), BACKUP_ROTATION)? {
            return Ok(());
        }
        let entry = self.entry(
            AuditAction::SettingsUpdated,
            EntityRef::new("settings", BACKUP_ROTATION),
            details,
        );
        let keys = Arc::clone(self.keys);
        let mut w = self.store.write()?;
        match &value {
            Some(json) => settings::set(&w, BACKUP_ROTATION, json)?,
            None => {
                settings::remove(&w, BACKUP_ROTATION)?;
            }
        }
        w.append_audit(&keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }

    /// The day the last automatic backup was made, if any.
    pub fn backup_rotation_last_day(&self) -> ServiceResult<Option<NaiveDate>> {
        Ok(settings::get(self.store.db(), BACKUP_ROTATION_LAST_DAY)?
            .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()))
    }

    /// The rotation to run now: `Some` when automatic backups are on, this user may make
    /// backups, and none was made on `today` yet.
    pub fn backup_rotation_due(&self, today: NaiveDate) -> ServiceResult<Option<(PathBuf, usize)>> {
        if !self.can(Permission::EditOrganisation) {
            return Ok(None);
        }
        if self.backup_rotation_last_day()? == Some(today) {
            return Ok(None);
        }
        self.backup_rotation()
    }

    /// Makes the day's automatic backup when it is due ([`Session::backup_rotation_due`]) and
    /// records the day; `Ok(None)` when none was due. A missing folder is refused before
    /// anything is written (a drive that is not connected must not become a new local folder).
    pub fn daily_backup(&mut self, today: NaiveDate) -> ServiceResult<Option<RotationSummary>> {
        let Some((dir, keep)) = self.backup_rotation_due(today)? else {
            return Ok(None);
        };
        if let Some(problem) = folder_problem(&dir) {
            return Err(ServiceError::invalid("Backup folder", problem));
        }
        let summary = self.backup_rotating(&dir, keep)?;
        let day = today.format("%Y-%m-%d").to_string();
        let entry = self.entry(
            AuditAction::SettingsUpdated,
            EntityRef::new("settings", BACKUP_ROTATION_LAST_DAY),
            format!("last automatic backup {day}"),
        );
        let keys = Arc::clone(self.keys);
        let mut w = self.store.write()?;
        settings::set(&w, BACKUP_ROTATION_LAST_DAY, &day)?;
        w.append_audit(&keys.audit, &entry)?;
        w.commit()?;
        Ok(Some(summary))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::{KdfParams, Passphrase};
    use crate::domain::access::Role;
    use crate::services::Session;
    use crate::services::Via;

    fn store(dir: &Path) -> Session {
        let (s, _) = Session::create(
            &dir.join("s.pdesk"),
            "owner",
            &Passphrase::new("correct horse battery staple"),
            KdfParams::FLOOR,
            Via::Cli,
        )
        .unwrap();
        s
    }

    #[test]
    fn the_rotation_is_stored_checked_and_turned_off() {
        let dir = tempfile::tempdir().unwrap();
        let s = store(dir.path());
        assert_eq!(s.backups().backup_rotation().unwrap(), None);
        let folder = dir.path().join("backups");
        assert!(
            s.backups()
                .set_backup_rotation(Some((folder.clone(), 3)))
                .is_err()
        );
        std::fs::create_dir(&folder).unwrap();
        assert!(
            s.backups()
                .set_backup_rotation(Some((folder.clone(), 0)))
                .is_err()
        );
        assert!(
            s.backups()
                .set_backup_rotation(Some((folder.clone(), 101)))
                .is_err()
        );
        s.backups()
            .set_backup_rotation(Some((folder.clone(), 3)))
            .unwrap();
        assert_eq!(
            s.backups().backup_rotation().unwrap(),
            Some((folder.clone(), 3))
        );
        // Issue 17, item 9: the folder's path stays out of the audit trail.
        let entries = s.audit().audit_page(&Default::default(), 0, 100).unwrap();
        let folder_text = folder.display().to_string();
        let turned_on = entries
            .iter()
            .find(|e| e.details.starts_with("automatic backups on"))
            .expect("the change is audited");
        assert_eq!(turned_on.details, "automatic backups on, keep 3");
        assert!(
            entries
                .iter()
                .all(|e| !e.details.contains(&folder_text) && !e.entity_id.contains(&folder_text)),
            "{entries:?}"
        );
        s.backups().set_backup_rotation(None).unwrap();
        assert_eq!(s.backups().backup_rotation().unwrap(), None);
    }

    #[test]
    fn the_daily_backup_runs_once_a_day() {
        let dir = tempfile::tempdir().unwrap();
        let s = store(dir.path());
        let folder = dir.path().join("backups");
        std::fs::create_dir(&folder).unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        assert_eq!(s.backups().daily_backup(day).unwrap(), None);
        s.backups()
            .set_backup_rotation(Some((folder.clone(), 2)))
            .unwrap();
        let made = s.backups().daily_backup(day).unwrap().unwrap();
        assert!(made.backup.path.starts_with(&folder));
        assert_eq!(s.backups().backup_rotation_last_day().unwrap(), Some(day));
        assert_eq!(s.backups().daily_backup(day).unwrap(), None);
        std::fs::remove_dir_all(&folder).unwrap();
        let next = day.succ_opt().unwrap();
        assert!(s.backups().daily_backup(next).is_err());
        assert!(!folder.exists(), "a missing folder is not created");
    }

    #[test]
    fn only_editors_turn_rotation_on() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        let pass = Passphrase::new("an auditor's own passphrase");
        s.users().add_user("aud", Role::Auditor, &pass).unwrap();
        let path = s.path().to_owned();
        drop(s);
        let a = Session::unlock(&path, Some("aud"), &pass, Via::Cli).unwrap();
        let err = a
            .backups()
            .set_backup_rotation(Some((dir.path().to_owned(), 3)));
        assert!(matches!(err, Err(ServiceError::NotPermitted(_))), "{err:?}");
        assert_eq!(
            a.backups().backup_rotation_due(NaiveDate::MIN).unwrap(),
            None
        );
    }
}
