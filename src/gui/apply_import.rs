//! Applying the import commands: the preview (read-only, on the UI thread: it reads a header
//! and a few rows), and the import itself on a worker thread.
//!
//! The import needs the session mutably for its whole run, so the session is handed over: it
//! moves out of `PrivacyDeskApp::session` into the job, which returns it with the result.
//! Meanwhile `session` is `None` and every other command does nothing (they all start with
//! `let Some(session) = …`). When the job finishes the session is put back — unless the window
//! was locked in the meantime: locking cancels the import and sets the job aside
//! (`PrivacyDeskApp::draining`); when its thread has rolled back, the session it returns is
//! dropped (the keys zeroize), and the next unlock waits for that, since the old session still
//! holds the store's lock file.

use std::path::{Path, PathBuf};

use crate::jobs::Job;
use crate::services::{ImportOptions, ImportReport, ServiceError};

use super::app::{PrivacyDeskApp, Screen};
use super::views::{ImportErrorList, PREVIEW_ROWS};
use super::widgets::Notice;

impl PrivacyDeskApp {
    pub(super) fn preview_import(&mut self, path: &Path, options: &ImportOptions) {
        let (Some(session), Screen::Main(main)) = (self.session.as_ref(), &mut self.screen) else {
            return;
        };
        match session
            .consent()
            .preview_import(path, options, PREVIEW_ROWS)
        {
            Ok(preview) => main.import.set_preview(preview),
            Err(ServiceError::Import(errors)) => {
                main.import
                    .set_errors(ImportErrorList::from(errors.as_ref()));
            }
            Err(e) => self.notice = Some(Notice::error(e.to_string())),
        }
    }

    pub(super) fn start_import(&mut self, path: PathBuf, options: ImportOptions) {
        let Screen::Main(main) = &mut self.screen else {
            return;
        };
        if main.import_job.is_some() {
            return;
        }
        let Some(session) = self.session.take() else {
            return;
        };
        self.notice = None;
        main.import.started();
        main.import_job = Some(Job::spawn("Importing consent", move |p| {
            let result = session.consent().import_consent(&path, &options, p);
            (session, result)
        }));
    }

    pub(super) fn cancel_import(&mut self) {
        if let Screen::Main(main) = &self.screen
            && let Some(job) = &main.import_job
        {
            job.progress().cancel();
        }
    }

    /// Takes the session back from a finished import and shows what it did.
    pub(super) fn poll_import(&mut self) {
        let Screen::Main(main) = &mut self.screen else {
            return;
        };
        let Some(job) = main.import_job.as_mut() else {
            return;
        };
        let Some(finished) = job.poll() else { return };
        main.import_job = None;
        let (session, result) = match finished {
            Ok(returned) => returned,
            Err(panicked) => {
                // The session went down with the thread: nothing was committed, and the keys
                // are gone. Sign in again.
                self.lock(Some(format!("{panicked} Unlock to continue.")));
                return;
            }
        };
        self.session = Some(session);
        match result {
            Ok(report) => {
                self.notice = Some(Notice::success(summary(&report)));
                main.import.imported(report);
                main.subjects.invalidate();
                main.review.invalidate();
                main.subject_page = None;
                // The in-memory search index does not know the new subjects: build it again.
                if let Some(job) = main.index_job.take() {
                    job.progress().cancel();
                }
                main.search_index = None;
                self.start_search_index();
                self.refresh_main();
            }
            Err(ServiceError::Import(errors)) => {
                main.import
                    .set_errors(ImportErrorList::from(errors.as_ref()));
            }
            Err(ServiceError::Cancelled) => {
                self.notice = Some(Notice::info(
                    "The import was cancelled; nothing was imported.",
                ));
            }
            Err(e) => {
                self.notice = Some(Notice::error(format!("Nothing was imported: {e}")));
            }
        }
    }
}

/// The counts of a finished import, as one sentence.
fn summary(r: &ImportReport) -> String {
    let mut text = format!(
        "Imported {} rows ({} file): {} subjects created, {} matched; {} consent events recorded, {} already in the ledger; {} rows superseded by later ones; {} addresses marked undeliverable.",
        r.rows_read,
        r.file_kind,
        r.subjects_created,
        r.subjects_matched,
        r.events_recorded,
        r.events_already_recorded,
        r.rows_superseded,
        r.marked_undeliverable
    );
    if r.rows_rejected > 0 {
        text.push_str(&format!(
            " {} invalid rows were skipped and written to {}.",
            r.rows_rejected,
            r.rejected_file
                .as_ref()
                .map_or_else(String::new, |p| p.display().to_string())
        ));
    }
    text
}
