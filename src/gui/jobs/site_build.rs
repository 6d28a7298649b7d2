//! Building the self-service site into a folder (Settings → Self-service and mailbox →
//! "Build the site"), on its own connection: it reads the profile and the purpose catalogue
//! and writes files, nothing in the store.

use std::path::PathBuf;

use crate::domain::site::Lang;
use crate::jobs::Progress;
use crate::services::{ServiceResult, Session, SiteReport};

use super::super::app::{PrivacyDeskApp, Screen};
use super::super::runner::WindowJob;
use super::super::widgets::Notice;

/// A build: the session, the folder and the languages.
pub(in crate::gui) struct BuildSite {
    pub session: Session,
    pub dir: PathBuf,
    pub langs: Vec<Lang>,
}

impl WindowJob<PrivacyDeskApp> for BuildSite {
    type Output = (PathBuf, ServiceResult<SiteReport>);

    fn label(&self) -> String {
        "Building the self-service site".into()
    }

    fn run(self, _progress: &Progress) -> Self::Output {
        let today = chrono::Local::now().date_naive();
        let report = self
            .session
            .settings()
            .build_site(&self.dir, &self.langs, today);
        (self.dir, report)
    }

    fn finish((dir, output): Self::Output, app: &mut PrivacyDeskApp) {
        match output {
            Ok(report) => {
                let text = format!(
                    "The site was written to {} ({} files, page version {}); its forms send to {}. Upload the folder to your web space and link to index.html from your privacy notice.",
                    dir.display(),
                    report.files.len(),
                    report.page_version,
                    report.submits_to
                );
                app.notice = Some(Notice::success(text.clone()));
                if let Screen::Main(main) = &mut app.screen {
                    main.site.built(text);
                }
            }
            Err(e) => {
                app.notice = Some(Notice::error(format!("The site was not built: {e}")));
            }
        }
    }
}
