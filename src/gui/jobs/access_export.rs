//! Writing a subject's access package for a request, on a worker session.

use std::path::PathBuf;

use uuid::Uuid;

use crate::jobs::Progress;
use crate::services::{AccessPackage, ServiceError, ServiceResult, Session};

use super::super::app::{PrivacyDeskApp, Screen};
use super::super::runner::WindowJob;
use super::super::widgets::Notice;

/// An access export: the worker session, the request, its subject and the folder.
pub(in crate::gui) struct AccessExport {
    pub session: Session,
    pub request: Uuid,
    pub subject: Uuid,
    pub dir: PathBuf,
}

impl WindowJob<PrivacyDeskApp> for AccessExport {
    type Output = ServiceResult<AccessPackage>;

    fn label(&self) -> String {
        "Writing the access package".into()
    }

    fn run(self, progress: &Progress) -> Self::Output {
        self.session.exports().export_access_package(
            self.subject,
            &self.dir,
            Some(self.request),
            progress,
        )
    }

    fn finish(output: Self::Output, app: &mut PrivacyDeskApp) {
        let Screen::Main(main) = &mut app.screen else {
            return;
        };
        match output {
            Ok(package) => {
                let text = format!(
                    "The access package ({} files, {} consent events, {} requests) was written to {}.",
                    package.files.len(),
                    package.consent_events,
                    package.requests,
                    package.dir.display()
                );
                if let Some(page) = main.requests.page.as_mut() {
                    page.exported(text.clone());
                }
                app.notice = Some(Notice::success(text));
                app.request_done();
            }
            Err(ServiceError::Cancelled) => {
                app.notice = Some(Notice::info(
                    "The export was cancelled; no file of it was left behind.",
                ));
            }
            Err(e) => {
                if let Some(page) = main.requests.page.as_mut() {
                    page.fulfil_problem(e.to_string());
                }
            }
        }
    }
}
