//! Applying the consent area's commands (`ConsentCommand`): the Subjects list (everyone in
//! the order recorded, sorted or filtered) read as ids on a worker thread, its rows opened page
//! by page, and the exports of suppression lists and consent receipts. The review queue's bulk
//! actions are in `apply_review.rs`.
//!
//! A suppression list needs the session mutably for its whole run (it writes an audit entry at
//! the end), so it is handed over as for an import: it moves out of `PrivacyDeskApp::session`
//! into the job and comes back with the result. Locking meanwhile cancels the export and sets
//! the job aside until its thread has removed its partial file.

use std::path::PathBuf;
use std::sync::Arc;

use uuid::Uuid;

use crate::domain::purpose::PurposeCode;
use crate::jobs::Job;
use crate::services::{
    ConsentFilter, DataExportSummary, ServiceError, ServiceResult, Session, SubjectListing,
    SubjectOrder,
};

use super::app::{MainScreen, PrivacyDeskApp, Screen, drain};
use super::consent_command::ConsentCommand;
use super::widgets::Notice;

/// Said when a task that needs the session is asked for while another one holds it.
pub(super) const BUSY: &str = "Another task (an import, an export, a sweep or a backup) is running; try again when it has finished.";

/// Work on a worker thread that holds the session and hands it back with its result.
pub(super) type SessionJob<T> = Job<(Session, T)>;

/// The consent area's background work.
#[derive(Default)]
pub(super) struct ConsentJobs {
    /// The Subjects list being read, sorted or filtered (read-only).
    pub list: Option<Job<ServiceResult<SubjectListing>>>,
    /// A suppression list being written (holds the session).
    pub suppression: Option<SessionJob<ServiceResult<DataExportSummary>>>,
    /// Stale consents being expired (holds the session).
    pub expire: Option<SessionJob<super::apply_review::ExpireOutcome>>,
}

impl ConsentJobs {
    /// Whether a job holds the session.
    pub fn holds_session(&self) -> bool {
        self.suppression.is_some() || self.expire.is_some()
    }

    /// Whether any job runs.
    pub fn running(&self) -> bool {
        self.list.is_some() || self.holds_session()
    }

    /// Cancels every job (on lock); returns the one holding the session, to be waited for
    /// until it has rolled back.
    pub fn cancel_all(&mut self) -> Option<Job<()>> {
        if let Some(job) = self.list.take() {
            job.progress().cancel();
        }
        if let Some(job) = self.suppression.take() {
            job.progress().cancel();
            return Some(drain(job));
        }
        if let Some(job) = self.expire.take() {
            job.progress().cancel();
            return Some(drain(job));
        }
        None
    }
}

impl MainScreen {
    /// Teaches the search index a subject recorded in the window. False when a sort on a
    /// worker thread is reading the index just then: the index must be built again.
    pub(super) fn index_subject(&mut self, id: Uuid, email: &str, name: &str) -> bool {
        match self.search_index.as_mut() {
            None => true,
            Some(shared) => match Arc::get_mut(shared) {
                Some(index) => {
                    index.add(id, email, name);
                    true
                }
                None => false,
            },
        }
    }
}

impl PrivacyDeskApp {
    /// Applies one command of the consent area.
    pub(super) fn apply_consent(&mut self, command: ConsentCommand) {
        match command {
            ConsentCommand::ListSubjects { filter, order } => self.start_listing(filter, order),
            ConsentCommand::CancelList => {
                if let Screen::Main(main) = &self.screen
                    && let Some(job) = &main.consent_jobs.list
                {
                    job.progress().cancel();
                }
            }
            ConsentCommand::LoadListed { offset, ids } => self.load_listed(offset, &ids),
            ConsentCommand::ExportSuppression { purpose, path } => {
                self.start_suppression(purpose, path);
            }
            ConsentCommand::CancelSuppression => {
                if let Screen::Main(main) = &self.screen
                    && let Some(job) = &main.consent_jobs.suppression
                {
                    job.progress().cancel();
                }
            }
            ConsentCommand::ExportReceipt { subject, path } => self.run_change(
                |s| s.exports().export_receipt(subject, &path).map(drop),
                &format!("The consent receipt was written to {}.", path.display()),
            ),
            ConsentCommand::MarkReviewed(items) => self.mark_reviewed(&items),
            ConsentCommand::CancelExpire => {
                if let Screen::Main(main) = &self.screen
                    && let Some(job) = &main.consent_jobs.expire
                {
                    job.progress().cancel();
                }
            }
        }
    }

    /// Reads the Subjects list's ids (everyone in the order recorded, sorted or filtered) on a
    /// worker thread; a newer request replaces a running one.
    fn start_listing(&mut self, filter: Option<ConsentFilter>, order: SubjectOrder) {
        let (Some(session), Screen::Main(main)) = (self.session.as_ref(), &mut self.screen) else {
            return;
        };
        if let Some(old) = main.consent_jobs.list.take() {
            old.progress().cancel();
        }
        let reader = match session.subjects().subject_list_reader() {
            Ok(reader) => reader,
            Err(e) => {
                main.subjects.listing_failed();
                self.notice = Some(Notice::error(e.to_string()));
                return;
            }
        };
        // The index is shared with the worker only when the order needs it.
        let index = order
            .needs_index()
            .then(|| main.search_index.clone())
            .flatten();
        main.consent_jobs.list = Some(Job::spawn("Sorting and filtering", move |p| {
            reader.list(filter.as_ref(), order, index.as_deref(), p)
        }));
    }

    /// Shows the list when it is ready.
    pub(super) fn poll_listing(&mut self) {
        let Screen::Main(main) = &mut self.screen else {
            return;
        };
        let Some(job) = main.consent_jobs.list.as_mut() else {
            return;
        };
        let Some(result) = job.poll() else { return };
        main.consent_jobs.list = None;
        match result.map_err(ServiceError::from_panic).and_then(|r| r) {
            Ok(listing) => main.subjects.set_listing(listing),
            Err(ServiceError::Cancelled) => {
                main.subjects.listing_failed();
                self.notice = Some(Notice::info(
                    "Sorting and filtering was stopped; everyone is listed in the order recorded.",
                ));
            }
            Err(e) => {
                main.subjects.listing_failed();
                self.notice = Some(Notice::error(e.to_string()));
            }
        }
    }

    /// Opens the rows `ids` of the list, from position `offset`: one primary-key lookup each,
    /// at most a page (a few milliseconds, on the UI thread).
    fn load_listed(&mut self, offset: usize, ids: &[Uuid]) {
        let (Some(session), Screen::Main(main)) = (self.session.as_ref(), &mut self.screen) else {
            return;
        };
        let page = ids.iter().take(super::views::SUBJECT_PAGE);
        match page.map(|id| session.subjects().subject(*id)).collect() {
            Ok(rows) => main.subjects.set_listed_rows(offset, rows),
            Err(e) => {
                main.subjects.listing_failed();
                self.notice = Some(Notice::error(e.to_string()));
            }
        }
    }

    /// Writes a purpose's suppression list on a worker thread that holds the session.
    fn start_suppression(&mut self, purpose: PurposeCode, path: PathBuf) {
        if self.importing() {
            self.notice = Some(Notice::info(BUSY));
            return;
        }
        let Screen::Main(main) = &mut self.screen else {
            return;
        };
        let Some(session) = self.session.take() else {
            return;
        };
        self.notice = None;
        main.consent_jobs.suppression =
            Some(Job::spawn("Writing the suppression list", move |p| {
                let result = session.exports().export_suppression(&purpose, &path, p);
                (session, result)
            }));
    }

    /// Takes the session back from a finished suppression export and says what it wrote.
    pub(super) fn poll_suppression(&mut self) {
        let Screen::Main(main) = &mut self.screen else {
            return;
        };
        let Some(job) = main.consent_jobs.suppression.as_mut() else {
            return;
        };
        let Some(finished) = job.poll() else { return };
        main.consent_jobs.suppression = None;
        let (session, result) = match finished {
            Ok(returned) => returned,
            Err(panicked) => {
                // The session went down with the thread; the keys are gone. Sign in again.
                self.lock(Some(format!("{panicked} Unlock to continue.")));
                return;
            }
        };
        self.session = Some(session);
        self.notice = Some(match result {
            Ok(summary) => Notice::success(format!(
                "The suppression list ({} email addresses) was written to {}.",
                summary.count,
                summary.path.display()
            )),
            Err(ServiceError::Cancelled) => {
                Notice::info("The export was cancelled; no file of it was left behind.")
            }
            Err(e) => Notice::error(e.to_string()),
        });
    }

    /// After the search index was built: a list waiting for it to sort by name or email is
    /// computed again.
    pub(super) fn search_index_ready(&mut self) {
        if let Screen::Main(main) = &mut self.screen {
            main.subjects.index_ready();
        }
    }

    /// Builds the search index again (after a subject could not be added to it).
    pub(super) fn rebuild_search_index(&mut self) {
        if let Screen::Main(main) = &mut self.screen {
            main.search_index = None;
        }
        self.start_search_index();
    }
}
