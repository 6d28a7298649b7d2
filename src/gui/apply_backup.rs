//! Applying the Backups commands: a backup now and the day's automatic backup on a worker
//! thread, the rotation setting, and a restore.
//!
//! A backup needs the session mutably (it writes its audit entry), so it is handed over as for
//! an access export (`apply_requests.rs`): it moves out of `PrivacyDeskApp::session` into the
//! job and comes back with the result. Locking meanwhile sets the job aside until it ends
//! (a backup is either published whole or not at all).
//!
//! A restore replaces the store file, so the window locks first (dropping the session
//! releases the store's lock), the restore runs on a worker thread behind a wait screen, and
//! the sign-in screen comes back with a notice saying what was done — or why nothing changed.

use std::path::PathBuf;

use crate::crypto::Passphrase;
use crate::domain::access::Permission;
use crate::jobs::Job;
use crate::services::{
    BackupSummary, RestoreOptions, RestoreSummary, RotationSummary, ServiceError, ServiceResult,
    Session, Via,
};

use super::app::{PrivacyDeskApp, Screen};
use super::backup_command::BackupCommand;
use super::screens::BusyScreen;
use super::views::{BackupsView, today};
use super::widgets::{Notice, size};

/// What a backup job did.
pub(super) enum BackupOutcome {
    /// A backup made with "Back up now…".
    Written(ServiceResult<BackupSummary>),
    /// The day's automatic backup (none: it was not due after all).
    Daily(ServiceResult<Option<RotationSummary>>),
}

/// A backup on a worker thread: the session goes in and comes back with the outcome.
pub(super) type BackupJob = Job<(Session, BackupOutcome)>;

/// A restore on a worker thread (the window is locked meanwhile).
pub(super) type RestoreJob = Job<ServiceResult<RestoreSummary>>;

const LENT: &str = "Another task is using the store (an import, an export or a sweep). Try again when it has finished.";

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
    pub(super) fn apply_backup(&mut self, command: BackupCommand) {
        match command {
            BackupCommand::Load => self.load_backups(),
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

    fn load_backups(&mut self) {
        let Some(session) = self.session.as_ref() else {
            return;
        };
        let loaded = session
            .backups()
            .backup_rotation()
            .and_then(|r| Ok((r, session.backups().backup_rotation_last_day()?)));
        let Some(view) = backups_view(&mut self.screen) else {
            return;
        };
        match loaded {
            Ok((rotation, last)) => view.set_loaded(rotation, last),
            Err(e) => {
                // Shown as empty, so the view does not ask again every frame.
                view.set_loaded(None, None);
                self.notice = Some(Notice::error(e.to_string()));
            }
        }
    }

    fn set_rotation(&mut self, rotation: Option<(PathBuf, usize)>) {
        let Some(session) = self.session.as_mut() else {
            self.notice = Some(Notice::info(LENT));
            return;
        };
        let on = rotation.clone();
        let saved = session
            .backups()
            .set_backup_rotation(rotation)
            .and_then(|()| {
                Ok((
                    session.backups().backup_rotation()?,
                    session.backups().backup_rotation_last_day()?,
                ))
            });
        let Some(view) = backups_view(&mut self.screen) else {
            return;
        };
        match saved {
            Ok((stored, last)) => {
                view.set_loaded(stored, last);
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
        let Screen::Main(main) = &mut self.screen else {
            return;
        };
        if main.backup_job.is_some() {
            return;
        }
        let Some(session) = self.session.take() else {
            self.notice = Some(Notice::info(LENT));
            return;
        };
        self.notice = None;
        main.backup_job = Some(Job::spawn("Writing the backup", move |_| {
            let result = session.backups().backup(&path);
            (session, BackupOutcome::Written(result))
        }));
    }

    /// Starts the day's automatic backup, after a sign-in, when it is on and due.
    pub(super) fn start_daily_backup(&mut self) {
        let (Some(session), Screen::Main(main)) = (self.session.as_ref(), &mut self.screen) else {
            return;
        };
        if main.backup_job.is_some() || !session.can(Permission::EditOrganisation) {
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
        let Some(session) = self.session.take() else {
            return;
        };
        self.notice = Some(Notice::info("Making today's automatic backup…"));
        main.backup_job = Some(Job::spawn("Making today's automatic backup", move |_| {
            let result = session.backups().daily_backup(day);
            (session, BackupOutcome::Daily(result))
        }));
    }

    /// Takes the session back from a finished backup and says what it wrote.
    pub(super) fn poll_backup(&mut self) {
        let Screen::Main(main) = &mut self.screen else {
            return;
        };
        let Some(job) = main.backup_job.as_mut() else {
            return;
        };
        let Some(finished) = job.poll() else { return };
        main.backup_job = None;
        let (session, outcome) = match finished {
            Ok(returned) => returned,
            Err(panicked) => {
                // The session went down with the thread; the keys are gone. Sign in again.
                self.lock(Some(format!("{panicked} Unlock to continue.")));
                return;
            }
        };
        self.session = Some(session);
        let view = main.settings.as_mut().map(|s| s.backups_mut());
        self.notice = match outcome {
            BackupOutcome::Written(Ok(s)) => {
                let text = format!(
                    "Backup written: {}, checked. It is at {}.",
                    size(s.bytes),
                    s.path.display()
                );
                if let Some(view) = view {
                    view.written(text.clone());
                }
                Some(Notice::success(text))
            }
            BackupOutcome::Written(Err(e)) => {
                Some(Notice::error(format!("The backup was not written: {e}")))
            }
            BackupOutcome::Daily(Ok(Some(r))) => {
                if let Some(view) = view {
                    view.invalidate();
                }
                let removed = match r.removed.len() {
                    0 => String::new(),
                    n => format!("; {n} older one(s) removed"),
                };
                Some(Notice::success(format!(
                    "Today's automatic backup was written to {} ({}, checked{removed}).",
                    r.backup.path.display(),
                    size(r.backup.bytes)
                )))
            }
            BackupOutcome::Daily(Ok(None)) => None,
            BackupOutcome::Daily(Err(e)) => Some(Notice::error(format!(
                "Today's automatic backup could not be made: {e} Your store itself is fine. Check the folder in Settings → Backups; the backup is tried again at the next sign-in."
            ))),
        };
    }

    fn start_restore(&mut self, backup: PathBuf, user: Option<String>, passphrase: Passphrase) {
        if self.restoring.is_some() {
            return;
        }
        if self.session.is_none() {
            self.notice = Some(Notice::info(LENT));
            return;
        }
        // Dropping the session releases the store's lock, so the restore may replace it.
        self.lock(None);
        let text = "Restoring the backup: checking it, applying again the erasures made since, and putting it in place…";
        self.screen = Screen::Busy(BusyScreen::new(text));
        let draining = self.draining.take();
        let target = self.store_path.clone();
        self.restoring = Some(Job::spawn("Restoring the backup", move |_| {
            // A job cancelled by the lock may still hold the old session: wait for it.
            if let Some(job) = draining {
                drop(job.wait());
            }
            let options = RestoreOptions {
                replace: true,
                erasures_from: Some(target.clone()),
            };
            Session::restore(
                &backup,
                &target,
                &passphrase,
                user.as_deref(),
                Via::Gui,
                &options,
            )
        }));
    }

    /// Shows the sign-in screen with the restore's result once it has finished.
    pub(super) fn poll_restore(&mut self) {
        let Some(job) = self.restoring.as_mut() else {
            return;
        };
        let Some(result) = job.poll() else { return };
        self.restoring = None;
        self.screen = Self::locked_screen(&self.store_path, None);
        self.notice = Some(
            match result.map_err(ServiceError::from_panic).and_then(|r| r) {
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
            },
        );
    }
}
