//! Building the decrypted search index (names and emails) on its own connection.

use crate::jobs::Progress;
use crate::services::{SearchIndexBuilder, ServiceError, ServiceResult, SubjectSearchIndex};

use super::super::app::{PrivacyDeskApp, Screen};
use super::super::runner::WindowJob;
use super::super::widgets::Notice;

/// The index being built.
pub(in crate::gui) struct BuildSearchIndex(pub SearchIndexBuilder);

impl WindowJob<PrivacyDeskApp> for BuildSearchIndex {
    type Output = ServiceResult<SubjectSearchIndex>;

    fn label(&self) -> String {
        "Preparing search".into()
    }

    fn run(self, progress: &Progress) -> Self::Output {
        self.0.build(progress)
    }

    fn finish(result: Self::Output, app: &mut PrivacyDeskApp) {
        let Screen::Main(main) = &mut app.screen else {
            return;
        };
        match result {
            Ok(index) => {
                main.search_index = Some(std::sync::Arc::new(index));
                app.search_index_ready();
            }
            Err(ServiceError::Cancelled) => {}
            Err(e) => app.notice = Some(Notice::error(e.to_string())),
        }
        app.start_waiting_review_count();
    }
}
