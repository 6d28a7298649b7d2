//! A backup now, or the day's automatic backup, on a worker session (a backup is published
//! whole or not at all; it writes its audit entry).

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::jobs::Progress;
use crate::services::{BackupSummary, RotationSummary, ServiceResult, Session};

use super::super::app::{PrivacyDeskApp, Screen};
use super::super::runner::WindowJob;
use super::super::widgets::{Notice, size};

/// Which backup.
pub(in crate::gui) enum BackupKind {
    /// "Back up now…" to this file.
    Now(PathBuf),
    /// The day's automatic backup.
    Daily(NaiveDate),
}

/// A backup on a worker session.
pub(in crate::gui) struct Backup {
    pub session: Session,
    pub kind: BackupKind,
}

/// What a backup job did.
pub(in crate::gui) enum BackupOutcome {
    /// A backup made with "Back up now…".
    Written(ServiceResult<BackupSummary>),
    /// The day's automatic backup (none: it was not due after all).
    Daily(ServiceResult<Option<RotationSummary>>),
}

impl WindowJob<PrivacyDeskApp> for Backup {
    type Output = BackupOutcome;

    fn label(&self) -> String {
        match self.kind {
            BackupKind::Now(_) => "Writing the backup".into(),
            BackupKind::Daily(_) => "Making today's automatic backup".into(),
        }
    }

    fn run(self, _: &Progress) -> Self::Output {
        match self.kind {
            BackupKind::Now(path) => BackupOutcome::Written(self.session.backups().backup(&path)),
            BackupKind::Daily(day) => {
                BackupOutcome::Daily(self.session.backups().daily_backup(day))
            }
        }
    }

    fn finish(outcome: Self::Output, app: &mut PrivacyDeskApp) {
        let view = match &mut app.screen {
            Screen::Main(main) => main.settings.as_mut().map(|s| s.backups_mut()),
            _ => None,
        };
        app.notice = match outcome {
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
}
