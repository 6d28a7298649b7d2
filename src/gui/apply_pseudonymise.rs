//! Applying the pseudonymised export tab's commands (`PseudonymiseCommand`). Every long read
//! runs on a [`crate::services::PseudonymReader`] (its own read-only connection), so the window
//! keeps its session and stays usable: the k figure, the export written to its partial file,
//! the lookup of a pseudonym. Recording an export (audit entry, new recipient key) and opening
//! the person a lookup found are quick and happen here, with the session, when the job is done.
//!
//! Locking cancels every job; an export cancelled or abandoned removes its partial file.

use uuid::Uuid;

use crate::domain::pseudonymise::KReport;
use crate::jobs::Job;
use crate::services::{PreparedPseudonymised, PseudonymisedSpec, ServiceError, ServiceResult};

use super::app::{PrivacyDeskApp, Screen};
use super::pseudonymise_command::PseudonymiseCommand;
use super::views::{LookupOutcome, PseudonymRunning, SubjectsTab};
use super::widgets::Notice;

/// The tab's background work.
#[derive(Default)]
pub(super) struct PseudonymJobs {
    /// The k figure being computed, with the spec it is for.
    check: Option<Job<(PseudonymisedSpec, ServiceResult<KReport>)>>,
    /// The export being written to its partial file.
    export: Option<Job<ServiceResult<PreparedPseudonymised>>>,
    /// A pseudonym being looked up, with the recipient typed.
    lookup: Option<Job<(String, ServiceResult<Option<Uuid>>)>>,
}

impl PseudonymJobs {
    /// Whether any job runs.
    pub fn running(&self) -> bool {
        self.check.is_some() || self.export.is_some() || self.lookup.is_some()
    }

    /// The progress of each job, for the view.
    pub fn progress(&self) -> PseudonymRunning<'_> {
        PseudonymRunning {
            check: self.check.as_ref().map(Job::progress),
            export: self.export.as_ref().map(Job::progress),
            lookup: self.lookup.as_ref().map(Job::progress),
        }
    }

    /// Cancels every job (on lock). An abandoned export's partial file is removed when its
    /// thread ends.
    pub fn cancel_all(&mut self) {
        for progress in [
            self.check.as_ref().map(Job::progress),
            self.export.as_ref().map(Job::progress),
            self.lookup.as_ref().map(Job::progress),
        ]
        .into_iter()
        .flatten()
        {
            progress.cancel();
        }
        *self = Self::default();
    }
}

fn cancel<T: Send + 'static>(job: Option<&Job<T>>) {
    if let Some(job) = job {
        job.progress().cancel();
    }
}

impl PrivacyDeskApp {
    /// Applies one command of the pseudonymised export tab.
    pub(super) fn apply_pseudonymise(&mut self, command: PseudonymiseCommand) {
        if let PseudonymiseCommand::OpenSubject(id) = command {
            if let Screen::Main(main) = &mut self.screen {
                main.tab = SubjectsTab::People;
            }
            self.open_subject(id);
            return;
        }
        let (Some(session), Screen::Main(main)) = (self.session.as_mut(), &mut self.screen) else {
            return;
        };
        let jobs = &mut main.pseudonym_jobs;
        match command {
            PseudonymiseCommand::LoadRecipients => match session.exports().pseudonym_recipients() {
                Ok(rows) => main.pseudonymised.set_recipients(rows),
                Err(e) => {
                    main.pseudonymised.set_recipients(Vec::new());
                    self.notice = Some(Notice::error(e.to_string()));
                }
            },
            PseudonymiseCommand::CheckK(spec) => {
                cancel(jobs.check.as_ref());
                match session.exports().pseudonym_reader() {
                    Ok(reader) => {
                        jobs.check = Some(Job::spawn("Computing k-anonymity", move |p| {
                            let result = reader.k_anonymity(&spec, p);
                            (spec, result)
                        }));
                    }
                    Err(e) => self.notice = Some(Notice::error(e.to_string())),
                }
            }
            PseudonymiseCommand::CancelCheck => cancel(jobs.check.as_ref()),
            PseudonymiseCommand::Export { spec, path } => {
                if jobs.export.is_some() {
                    self.notice = Some(Notice::info(
                        "An export is being written already; wait for it or cancel it.",
                    ));
                    return;
                }
                match session.exports().pseudonym_reader() {
                    Ok(reader) => {
                        self.notice = None;
                        jobs.export = Some(Job::spawn("Writing the export", move |p| {
                            reader.write(&spec, &path, p)
                        }));
                    }
                    Err(e) => self.notice = Some(Notice::error(e.to_string())),
                }
            }
            PseudonymiseCommand::CancelExport => cancel(jobs.export.as_ref()),
            PseudonymiseCommand::Lookup {
                recipient,
                pseudonym,
            } => {
                cancel(jobs.lookup.as_ref());
                match session.exports().pseudonym_reader() {
                    Ok(reader) => {
                        jobs.lookup = Some(Job::spawn("Finding the person", move |p| {
                            let result = reader.find(&recipient, &pseudonym, p);
                            (recipient, result)
                        }));
                    }
                    Err(e) => self.notice = Some(Notice::error(e.to_string())),
                }
            }
            PseudonymiseCommand::CancelLookup => cancel(jobs.lookup.as_ref()),
            PseudonymiseCommand::OpenSubject(_) => {}
        }
    }

    /// Collects finished jobs: shows the figure, records and publishes a written export, opens
    /// the person a lookup found.
    pub(super) fn poll_pseudonymise(&mut self) {
        let (Some(session), Screen::Main(main)) = (self.session.as_mut(), &mut self.screen) else {
            return;
        };
        let jobs = &mut main.pseudonym_jobs;
        let view = &mut main.pseudonymised;
        if let Some(finished) = jobs.check.as_mut().and_then(Job::poll) {
            jobs.check = None;
            match finished {
                Ok((spec, Ok(report))) => view.set_figure(spec, report),
                Ok((_, Err(ServiceError::Cancelled))) => view.check_stopped(None),
                Ok((_, Err(e))) => view.check_stopped(Some(e.to_string())),
                Err(panicked) => view.check_stopped(Some(panicked)),
            }
        }
        if let Some(finished) = jobs.export.as_mut().and_then(Job::poll) {
            jobs.export = None;
            let recorded = finished
                .map_err(ServiceError::from_panic)
                .and_then(|r| r)
                .and_then(|prepared| session.exports().finish_pseudonymised(prepared));
            self.notice = Some(match recorded {
                Ok(summary) => {
                    let text = format!(
                        "{} rows for {} were written to {}. {}",
                        summary.rows,
                        summary.recipient,
                        summary.path.display(),
                        summary.k.describe()
                    );
                    view.exported(summary);
                    Notice::success(text)
                }
                Err(ServiceError::Cancelled) => {
                    Notice::info("The export was cancelled; no file of it was left behind.")
                }
                Err(e) => Notice::error(e.to_string()),
            });
        }
        if let Some(finished) = jobs.lookup.as_mut().and_then(Job::poll) {
            jobs.lookup = None;
            let outcome = match finished.map_err(ServiceError::from_panic) {
                Ok((recipient, Ok(Some(id)))) => {
                    match session.exports().reidentified(&recipient, id) {
                        Ok(Some(subject)) => LookupOutcome::found(&subject),
                        Ok(None) => LookupOutcome::NotFound,
                        Err(e) => LookupOutcome::Failed(e.to_string()),
                    }
                }
                Ok((_, Ok(None))) => LookupOutcome::NotFound,
                Ok((_, Err(ServiceError::Cancelled))) => LookupOutcome::Stopped,
                Ok((_, Err(e))) | Err(e) => LookupOutcome::Failed(e.to_string()),
            };
            view.set_lookup(outcome);
        }
    }
}
