//! Applying the import commands: telling the preset from the header and the preview
//! (read-only, on the UI thread: they read a header and a few rows), saving a column mapping
//! (a small audited write), and the import itself on a worker session (`jobs/import.rs`). Locking
//! cancels the import and sets it aside; the next unlock waits for it to roll back.

use std::path::{Path, PathBuf};

use crate::domain::import::Mapping;
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

    /// Tells the file's preset (and a saved mapping that fits it) from its header, preselects
    /// them in the wizard with the reason, then previews the file as they read it.
    pub(in crate::gui) fn detect_import_preset(&mut self, path: &Path) {
        let (Some(session), Screen::Main(main)) = (self.session.as_ref(), &mut self.screen) else {
            return;
        };
        let found = session
            .consent()
            .detect_import_preset(path)
            .and_then(|found| Ok((found, session.consent().import_mappings()?)));
        match found {
            Ok((found, saved)) => {
                main.import
                    .set_detection(&path.display().to_string(), found, saved);
                if let Ok((path, options)) = main.import.request() {
                    self.preview_import(&path, &options);
                }
            }
            Err(ServiceError::Import(errors)) => {
                main.import
                    .set_errors(ImportErrorList::from(errors.as_ref()));
            }
            Err(e) => self.notice = Some(Notice::error(e.to_string())),
        }
    }

    /// Saves the wizard's column mapping under `name`; the wizard offers it from then on.
    pub(in crate::gui) fn save_import_mapping(&mut self, name: &str, mapping: &Mapping) {
        let (Some(session), Screen::Main(main)) = (self.session.as_mut(), &mut self.screen) else {
            return;
        };
        let saved = session
            .consent()
            .save_import_mapping(name, mapping)
            .and_then(|replaced| Ok((replaced, session.consent().import_mappings()?)));
        self.notice = Some(match saved {
            Ok((replaced, all)) => {
                main.import.set_saved_mappings(all);
                Notice::success(format!(
                    "{} the column mapping “{}”: it is offered for files with these columns.",
                    if replaced { "Replaced" } else { "Saved" },
                    name.trim()
                ))
            }
            Err(e) => Notice::error(e.to_string()),
        });
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
