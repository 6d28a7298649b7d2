//! Applying the Backups commands: a backup now and the day's automatic backup on a worker
//! thread, the rotation setting, and a restore.
//!
//! A backup runs on a worker session (`jobs/backup.rs`; it writes its audit entry). Locking
//! meanwhile sets the job aside until it ends (a backup is either published whole or not at
//! all).
//!
//! A restore replaces the store file, so the window locks first (dropping the session
//! releases the store's lock), the restore runs on a worker thread behind a wait screen, and
//! the sign-in screen comes back with a notice saying what was done — or why nothing changed.

use std::path::PathBuf;

use crate::crypto::Passphrase;
use crate::domain::access::Permission;
use crate::services::{RestoreSummary, ServiceResult};

use crate::gui::app::{PrivacyDeskApp, Screen};
use crate::gui::areas::settings::backup_command::BackupCommand;
use crate::gui::areas::{BackupsView, today};
use crate::gui::jobs::{Backup, BackupKind, RestoreBackup};
use crate::gui::screens::BusyScreen;
use crate::gui::widgets::Notice;

/// The Backups section, when the Settings view is open.
fn backups_view(screen: &mut Screen) -> Option<&mut BackupsView> {
    match screen {
        Screen::Main(main) => main.settings.as_mut().map(|s| s.backups_mut()),
        _ => None,
    }
}

/// What the notice says after a restore.
fn restored_text(s: &RestoreSummary) -> String {
    let mut text = String::from("The backup was restored.");
    if let Some(v) = s.upgraded_from {
        text.push_str(&format!(
            " It was in an older format ({v}) and was brought up to date."
        ));
    }
    text.push_str(&match (s.erasures_reapplied, s.subjects_removed) {
        (0, _) => " No erasure had been made since it was taken.".to_owned(),
        (n, removed) => format!(
            " {n} erasure(s) made since it was taken were applied again ({removed} person(s) erased again: {} found by their email as it was erased, {} by their record id).",
            s.removed_by_email, s.removed_by_record_id
        ),
    });
    if s.users_removed_again > 0 {
        text.push_str(&format!(
            " {} user(s) removed since it was taken were removed again.",
            s.users_removed_again
        ));
    }
    if let Some(kept) = &s.previous_kept_at {
        text.push_str(&format!(
            " The store you were using is kept at {}.",
            kept.display()
        ));
    }
    text.push_str(" Sign in with the passphrase that was valid when the backup was taken.");
    text
}

impl PrivacyDeskApp {
    /// Applies one command of the Backups section.
    pub(in crate::gui) fn apply_backup(&mut self, command: BackupCommand) {
        match command {
            BackupCommand::BackUpNow(path) => self.start_backup(path),
            BackupCommand::SetRotation(rotation) => self.set_rotation(rotation),
            BackupCommand::ChooseRestore(path) => {
                let me = match &self.screen {
                    Screen::Main(main) => main.me.name.clone(),
                    _ => return,
                };
                if let Some(view) = backups_view(&mut self.screen) {
                    view.confirm_restore(path, me);
                }
            }
            BackupCommand::Restore {
                backup,
                user,
                passphrase,
            } => self.start_restore(backup, user, passphrase),
        }
    }

    fn set_rotation(&mut self, rotation: Option<(PathBuf, usize)>) {
        let Some(session) = self.session.as_mut() else {
            return;
        };
        let on = rotation.clone();
        let saved = session.backups().set_backup_rotation(rotation);
        let Some(view) = backups_view(&mut self.screen) else {
            return;
        };
        match saved {
            Ok(()) => {
                self.notice = Some(Notice::success(match on {
                    Some((dir, keep)) => format!(
                        "Automatic backups are on: once a day at sign-in, into {}, keeping the newest {keep}.",
                        dir.display()
                    ),
                    None => "Automatic backups are off.".to_owned(),
                }));
            }
            Err(e) => view.rotation_problem(e.to_string()),
        }
    }

    fn start_backup(&mut self, path: PathBuf) {
        let Some(session) = self.worker() else {
            return;
        };
        self.notice = None;
        self.jobs.start(Backup {
            session,
            kind: BackupKind::Now(path),
        });
    }

    /// Starts the day's automatic backup, after a sign-in, when it is on and due.
    pub(in crate::gui) fn start_daily_backup(&mut self) {
        let Some(session) = self.session.as_ref() else {
            return;
        };
        if self.jobs.is_running::<Backup>() || !session.can(Permission::EditOrganisation) {
            return;
        }
        let day = today();
        match session.backups().backup_rotation_due(day) {
            Ok(Some(_)) => {}
            Ok(None) => return,
            Err(e) => {
                self.notice = Some(Notice::error(e.to_string()));
                return;
            }
        }
        let Some(session) = self.worker() else {
            return;
        };
        self.notice = Some(Notice::info("Making today's automatic backup…"));
        self.jobs.start(Backup {
            session,
            kind: BackupKind::Daily(day),
        });
    }

    fn start_restore(&mut self, backup: PathBuf, user: Option<String>, passphrase: Passphrase) {
        if self.jobs.is_running::<RestoreBackup>() {
            return;
        }
        // Replacing the store needs an owner or officer of it (issue 17, item 4): the proof is
        // taken from the window's session before the lock drops it.
        let authority = match self
            .session
            .as_ref()
            .map(|s| s.backups().restore_authority())
        {
            Some(Ok(authority)) => authority,
            Some(Err(e)) => {
                self.notice = Some(Notice::error(format!("The backup was not restored: {e}")));
                return;
            }
            None => return,
        };
        // Dropping the session releases the store's lock, so the restore may replace it.
        self.lock(None);
        let text = "Restoring the backup: checking it, applying again the erasures made since, and putting it in place…";
        self.screen = Screen::Busy(BusyScreen::new(text));
        // A job cancelled by the lock may still hold a worker session: the restore waits.
        let wait_for = self.jobs.take_set_aside();
        self.jobs.start(RestoreBackup {
            backup,
            target: self.store_path.clone(),
            user,
            passphrase,
            authority,
            wait_for,
        });
    }

    /// Shows the sign-in screen with the restore's result (`jobs/restore.rs`).
    pub(in crate::gui) fn restored(&mut self, result: ServiceResult<RestoreSummary>) {
        self.screen = Self::locked_screen(&self.store_path, None);
        self.notice = Some(match result {
            Ok(summary) => Notice::success(restored_text(&summary)),
            Err(e) => {
                let text = e.to_string();
                let unchanged = if text.contains("othing was changed") {
                    ""
                } else {
                    " The store you were using was left as it was."
                };
                Notice::error(format!("The backup was not restored: {text}{unchanged}"))
            }
        });
    }
}
