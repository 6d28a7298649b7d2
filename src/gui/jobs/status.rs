//! The store summary, consent counts and the Dashboard's figures (they read the whole ledger) on
//! their own connection.

use crate::domain::dashboard::DashboardFigures;
use crate::jobs::Progress;
use crate::services::{ServiceResult, StatusReader, StoreStatus};

use super::super::app::{PrivacyDeskApp, Screen};
use super::super::runner::WindowJob;
use super::super::widgets::Notice;

/// The summary, on its reader.
pub(in crate::gui) struct CountStatus(pub StatusReader);

impl WindowJob<PrivacyDeskApp> for CountStatus {
    type Output = ServiceResult<(StoreStatus, DashboardFigures)>;

    fn label(&self) -> String {
        "Counting".into()
    }

    fn run(self, _: &Progress) -> Self::Output {
        self.0.dashboard()
    }

    fn finish(result: Self::Output, app: &mut PrivacyDeskApp) {
        let Screen::Main(main) = &mut app.screen else {
            return;
        };
        match result {
            Ok((status, figures)) => {
                if let Some(data) = main.dashboard_data.as_mut() {
                    data.status = Some(status);
                    data.figures = Some(figures);
                }
            }
            Err(e) => app.notice = Some(Notice::error(e.to_string())),
        }
        // A summary asked for while this one ran goes first; the count waits for it.
        app.start_waiting_status();
        app.start_waiting_review_count();
    }

    fn failed(message: String, app: &mut PrivacyDeskApp) {
        app.notice = Some(Notice::error(message));
        app.start_waiting_status();
        app.start_waiting_review_count();
    }
}
