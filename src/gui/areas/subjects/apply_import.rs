//! Applying the import commands: the preview (read-only, on the UI thread: it reads a header
//! and a few rows), and the import itself on a worker session (`jobs/import.rs`). Locking
//! cancels the import and sets it aside; the next unlock waits for it to roll back.

use std::path::{Path, PathBuf};

use crate::services::{ImportOptions, ServiceError};

use crate::gui::app::{PrivacyDeskApp, Screen};
use crate::gui::areas::{ImportErrorList, PREVIEW_ROWS};
use crate::gui::jobs::ImportConsent;
use crate::gui::widgets::Notice;

impl PrivacyDeskApp {
    pub(in crate::gui) fn preview_import(&mut self, path: &Path, options: &ImportOptions) {
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

    pub(in crate::gui) fn start_import(&mut self, path: PathBuf, options: ImportOptions) {
        let Some(session) = self.worker() else {
            return;
        };
        let Screen::Main(main) = &mut self.screen else {
            return;
        };
        self.notice = None;
        main.import.started();
        self.jobs.start(ImportConsent {
            session,
            path,
            options,
        });
    }

    pub(in crate::gui) fn cancel_import(&mut self) {
        self.jobs.cancel::<ImportConsent>();
    }
}
