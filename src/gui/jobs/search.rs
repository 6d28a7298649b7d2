//! A search over the decrypted index (a million people: tens of ms) on a worker thread; the
//! rows shown are opened with the window's session when it is done.

use std::sync::Arc;

use uuid::Uuid;

use crate::jobs::Progress;
use crate::services::{ServiceResult, SubjectSearchIndex};

use super::super::app::{PrivacyDeskApp, Screen};
use super::super::areas::{SEARCH_LIMIT, SubjectRows};
use super::super::runner::WindowJob;
use super::super::widgets::Notice;

/// A search: the shared index and the query.
pub(in crate::gui) struct Search {
    pub index: Arc<SubjectSearchIndex>,
    pub query: String,
}

impl WindowJob<PrivacyDeskApp> for Search {
    /// The query, the matching ids shown and how many match in all.
    type Output = (String, Vec<Uuid>, usize);

    fn label(&self) -> String {
        "Searching".into()
    }

    fn run(self, _: &Progress) -> Self::Output {
        let (ids, total) = self.index.search(&self.query, SEARCH_LIMIT);
        (self.query, ids, total)
    }

    fn finish((query, ids, total): Self::Output, app: &mut PrivacyDeskApp) {
        let (Some(session), Screen::Main(main)) = (app.session.as_ref(), &mut app.screen) else {
            return;
        };
        let opened: ServiceResult<Vec<_>> = ids
            .into_iter()
            .map(|id| session.subjects().subject(id))
            .collect();
        match opened {
            Ok(rows) => {
                if main.subjects.wants_search(&query) {
                    let rows = rows.into_iter().flatten().collect();
                    main.subjects
                        .set_rows(SubjectRows::Search { query, total, rows });
                }
            }
            Err(e) => app.notice = Some(Notice::error(e.to_string())),
        }
    }
}
