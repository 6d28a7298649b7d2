//! Applying the consent area's commands (`ConsentCommand`): the Subjects list (everyone in
//! the order recorded, sorted or filtered) read as ids on a worker thread, its rows opened page
//! by page, and the exports of suppression lists and consent receipts. The review queue's bulk
//! actions are in `apply_review.rs`.
//!
//! A suppression list runs on a worker session (`jobs/suppression.rs`; it writes an audit
//! entry at the end). Locking meanwhile cancels the export and sets the job aside until its
//! thread has removed its partial file.

use std::path::PathBuf;
use std::sync::Arc;

use uuid::Uuid;

use crate::domain::purpose::PurposeCode;
use crate::services::{ConsentFilter, SubjectOrder};

use crate::gui::app::{MainScreen, PrivacyDeskApp, Screen};
use crate::gui::areas::subjects::command::ConsentCommand;
use crate::gui::jobs::{ExpireStale, ListSubjects, WriteSuppression};
use crate::gui::widgets::Notice;

impl MainScreen {
    /// Teaches the search index a subject recorded in the window. False when a sort on a
    /// worker thread is reading the index just then: the index must be built again.
    pub(in crate::gui) fn index_subject(&mut self, id: Uuid, email: &str, name: &str) -> bool {
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
    pub(in crate::gui) fn apply_consent(&mut self, command: ConsentCommand) {
        match command {
            ConsentCommand::ListSubjects { filter, order } => self.start_listing(filter, order),
            ConsentCommand::CancelList => self.jobs.cancel::<ListSubjects>(),
            ConsentCommand::ExportSuppression { purpose, path } => {
                self.start_suppression(purpose, path);
            }
            ConsentCommand::CancelSuppression => self.jobs.cancel::<WriteSuppression>(),
            ConsentCommand::ExportReceipt { subject, path } => self.run_change(
                |s| s.exports().export_receipt(subject, &path).map(drop),
                &format!("The consent receipt was written to {}.", path.display()),
            ),
            ConsentCommand::MarkReviewed(items) => self.mark_reviewed(&items),
            ConsentCommand::CancelExpire => self.jobs.cancel::<ExpireStale>(),
            ConsentCommand::SetAge {
                subject,
                value,
                verified_by,
            } => self.set_age(subject, value, verified_by),
            ConsentCommand::AuthoriseConsent {
                subject,
                event,
                auth,
            } => self.authorise_consent(subject, event, &auth),
        }
    }

    /// Reads the Subjects list's ids (everyone in the order recorded, sorted or filtered) on a
    /// worker thread; a newer request replaces a running one.
    fn start_listing(&mut self, filter: Option<ConsentFilter>, order: SubjectOrder) {
        let (Some(session), Screen::Main(main)) = (self.session.as_ref(), &mut self.screen) else {
            return;
        };
        self.jobs.forget::<ListSubjects>();
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
        self.jobs.start(ListSubjects {
            reader,
            filter,
            order,
            index,
        });
    }

    /// Writes a purpose's suppression list on a worker session.
    fn start_suppression(&mut self, purpose: PurposeCode, path: PathBuf) {
        let Some(session) = self.worker() else {
            return;
        };
        self.notice = None;
        self.jobs.start(WriteSuppression {
            session,
            purpose,
            path,
        });
    }

    /// After the search index was built: a list waiting for it to sort by name or email is
    /// computed again.
    pub(in crate::gui) fn search_index_ready(&mut self) {
        if let Screen::Main(main) = &mut self.screen {
            main.subjects.index_ready();
        }
    }

    /// Builds the search index again (after a subject could not be added to it).
    pub(in crate::gui) fn rebuild_search_index(&mut self) {
        if let Screen::Main(main) = &mut self.screen {
            main.search_index = None;
        }
        self.start_search_index();
    }
}
