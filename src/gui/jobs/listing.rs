//! The Subjects list read as ids (everyone in the order recorded, sorted or filtered) on its
//! own connection; a newer request replaces a running one.

use std::sync::Arc;

use crate::jobs::Progress;
use crate::services::{
    ConsentFilter, ServiceError, ServiceResult, SubjectListReader, SubjectListing, SubjectOrder,
    SubjectSearchIndex,
};

use super::super::app::{PrivacyDeskApp, Screen};
use super::super::runner::WindowJob;
use super::super::widgets::Notice;

/// Listing: the reader, the filter, the order, and the search index when the order needs it.
pub(in crate::gui) struct ListSubjects {
    pub reader: SubjectListReader,
    pub filter: Option<ConsentFilter>,
    pub order: SubjectOrder,
    pub index: Option<Arc<SubjectSearchIndex>>,
}

impl WindowJob<PrivacyDeskApp> for ListSubjects {
    type Output = ServiceResult<SubjectListing>;

    fn label(&self) -> String {
        "Sorting and filtering".into()
    }

    fn run(self, progress: &Progress) -> Self::Output {
        self.reader.list(
            self.filter.as_ref(),
            self.order,
            self.index.as_deref(),
            progress,
        )
    }

    fn finish(result: Self::Output, app: &mut PrivacyDeskApp) {
        let Screen::Main(main) = &mut app.screen else {
            return;
        };
        match result {
            Ok(listing) => main.subjects.set_listing(listing),
            Err(ServiceError::Cancelled) => {
                main.subjects.listing_failed();
                app.notice = Some(Notice::info(
                    "Sorting and filtering was stopped; everyone is listed in the order recorded.",
                ));
            }
            Err(e) => {
                main.subjects.listing_failed();
                app.notice = Some(Notice::error(e.to_string()));
            }
        }
    }

    fn failed(message: String, app: &mut PrivacyDeskApp) {
        if let Screen::Main(main) = &mut app.screen {
            main.subjects.listing_failed();
        }
        app.notice = Some(Notice::error(message));
    }
}
