//! The data-minimisation review (it reads the whole consent ledger) on its own connection.

use crate::jobs::Progress;
use crate::services::{MinimisationReader, MinimisationReport, ServiceError, ServiceResult};

use super::super::app::{PrivacyDeskApp, Screen};
use super::super::runner::WindowJob;

/// The review, on its reader.
pub(in crate::gui) struct MinimisationReview(pub MinimisationReader);

impl WindowJob<PrivacyDeskApp> for MinimisationReview {
    type Output = ServiceResult<MinimisationReport>;

    fn label(&self) -> String {
        "Running the minimisation review".into()
    }

    fn run(self, progress: &Progress) -> Self::Output {
        self.0.run(progress)
    }

    fn finish(result: Self::Output, app: &mut PrivacyDeskApp) {
        let Screen::Main(main) = &mut app.screen else {
            return;
        };
        match result {
            Ok(report) => main.minimisation.set_report(report),
            Err(ServiceError::Cancelled) => {}
            Err(e) => main.minimisation.set_error(e.to_string()),
        }
    }

    fn failed(message: String, app: &mut PrivacyDeskApp) {
        if let Screen::Main(main) = &mut app.screen {
            main.minimisation.set_error(message);
        }
    }
}
