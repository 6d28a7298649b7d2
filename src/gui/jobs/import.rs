//! Importing consent from a file, on a worker session.

use std::path::PathBuf;

use crate::jobs::Progress;
use crate::services::{ImportOptions, ImportReport, ServiceError, ServiceResult, Session};

use super::super::app::{PrivacyDeskApp, Screen};
use super::super::areas::ImportErrorList;
use super::super::runner::WindowJob;
use super::super::widgets::Notice;
use super::BuildSearchIndex;

/// An import: the worker session, the file and how to read it.
pub(in crate::gui) struct ImportConsent {
    pub session: Session,
    pub path: PathBuf,
    pub options: ImportOptions,
}

impl WindowJob<PrivacyDeskApp> for ImportConsent {
    type Output = ServiceResult<ImportReport>;

    fn label(&self) -> String {
        "Importing consent".into()
    }

    fn run(self, progress: &Progress) -> Self::Output {
        self.session
            .consent()
            .import_consent(&self.path, &self.options, progress)
    }

    fn finish(output: Self::Output, app: &mut PrivacyDeskApp) {
        let Screen::Main(main) = &mut app.screen else {
            return;
        };
        match output {
            Ok(report) => {
                app.notice = Some(Notice::success(summary(&report)));
                main.import.imported(report);
                // The in-memory search index does not know the new subjects: build it again.
                // (An open subject's page follows the store generation.)
                app.jobs.forget::<BuildSearchIndex>();
                main.search_index = None;
                app.start_search_index();
            }
            Err(ServiceError::Import(errors)) => {
                main.import
                    .set_errors(ImportErrorList::from(errors.as_ref()));
            }
            Err(ServiceError::Cancelled) => {
                app.notice = Some(Notice::info(
                    "The import was cancelled; nothing was imported.",
                ));
            }
            Err(e) => {
                app.notice = Some(Notice::error(format!("Nothing was imported: {e}")));
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
