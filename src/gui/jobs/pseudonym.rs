//! The pseudonymised export tab's long reads, each on its own read connection: the k figure,
//! the export written to its partial file, and the lookup of a pseudonym. Recording an export
//! (audit entry, new recipient key) and opening the person a lookup found are quick and happen
//! with the window's session when the job is done.

use std::path::PathBuf;

use uuid::Uuid;

use crate::domain::pseudonymise::KReport;
use crate::jobs::Progress;
use crate::services::{
    PreparedPseudonymised, PseudonymReader, PseudonymisedSpec, ServiceError, ServiceResult,
};

use super::super::app::{PrivacyDeskApp, Screen};
use super::super::areas::LookupOutcome;
use super::super::runner::WindowJob;
use super::super::widgets::Notice;

/// The k figure of a spec.
pub(in crate::gui) struct CheckK {
    pub reader: PseudonymReader,
    pub spec: PseudonymisedSpec,
}

impl WindowJob<PrivacyDeskApp> for CheckK {
    type Output = (PseudonymisedSpec, ServiceResult<KReport>);

    fn label(&self) -> String {
        "Computing k-anonymity".into()
    }

    fn run(self, progress: &Progress) -> Self::Output {
        let result = self.reader.k_anonymity(&self.spec, progress);
        (self.spec, result)
    }

    fn finish(output: Self::Output, app: &mut PrivacyDeskApp) {
        let Screen::Main(main) = &mut app.screen else {
            return;
        };
        let view = &mut main.pseudonymised;
        match output {
            (spec, Ok(report)) => view.set_figure(spec, report),
            (_, Err(ServiceError::Cancelled)) => view.check_stopped(None),
            (_, Err(e)) => view.check_stopped(Some(e.to_string())),
        }
    }

    fn failed(message: String, app: &mut PrivacyDeskApp) {
        if let Screen::Main(main) = &mut app.screen {
            main.pseudonymised.check_stopped(Some(message));
        }
    }
}

/// The export, written to its partial file; published when recorded.
pub(in crate::gui) struct WritePseudonymised {
    pub reader: PseudonymReader,
    pub spec: PseudonymisedSpec,
    pub path: PathBuf,
}

impl WindowJob<PrivacyDeskApp> for WritePseudonymised {
    type Output = ServiceResult<PreparedPseudonymised>;

    fn label(&self) -> String {
        "Writing the export".into()
    }

    fn run(self, progress: &Progress) -> Self::Output {
        self.reader.write(&self.spec, &self.path, progress)
    }

    fn finish(output: Self::Output, app: &mut PrivacyDeskApp) {
        let (Some(session), Screen::Main(main)) = (app.session.as_mut(), &mut app.screen) else {
            return;
        };
        let recorded = output.and_then(|prepared| session.exports().finish_pseudonymised(prepared));
        app.notice = Some(match recorded {
            Ok(summary) => {
                let text = format!(
                    "{} rows for {} were written to {}. {}",
                    summary.rows,
                    summary.recipient,
                    summary.path.display(),
                    summary.k.describe()
                );
                main.pseudonymised.exported(summary);
                Notice::success(text)
            }
            Err(ServiceError::Cancelled) => {
                Notice::info("The export was cancelled; no file of it was left behind.")
            }
            Err(e) => Notice::error(e.to_string()),
        });
    }
}

/// The lookup of a pseudonym for a recipient.
pub(in crate::gui) struct FindPseudonym {
    pub reader: PseudonymReader,
    pub recipient: String,
    pub pseudonym: String,
}

impl WindowJob<PrivacyDeskApp> for FindPseudonym {
    type Output = (String, ServiceResult<Option<Uuid>>);

    fn label(&self) -> String {
        "Finding the person".into()
    }

    fn run(self, progress: &Progress) -> Self::Output {
        let result = self.reader.find(&self.recipient, &self.pseudonym, progress);
        (self.recipient, result)
    }

    fn finish(output: Self::Output, app: &mut PrivacyDeskApp) {
        let (Some(session), Screen::Main(main)) = (app.session.as_mut(), &mut app.screen) else {
            return;
        };
        let outcome = match output {
            (recipient, Ok(Some(id))) => match session.exports().reidentified(&recipient, id) {
                Ok(Some(subject)) => LookupOutcome::found(&subject),
                Ok(None) => LookupOutcome::NotFound,
                Err(e) => LookupOutcome::Failed(e.to_string()),
            },
            (_, Ok(None)) => LookupOutcome::NotFound,
            (_, Err(ServiceError::Cancelled)) => LookupOutcome::Stopped,
            (_, Err(e)) => LookupOutcome::Failed(e.to_string()),
        };
        main.pseudonymised.set_lookup(outcome);
    }

    fn failed(message: String, app: &mut PrivacyDeskApp) {
        if let Screen::Main(main) = &mut app.screen {
            main.pseudonymised
                .set_lookup(LookupOutcome::Failed(message));
        }
    }
}
