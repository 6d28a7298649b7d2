//! Applying the Requests commands: the inbox, taking a request in, opening its page, the
//! workflow steps, and the access export on a worker thread. Fulfilment and letters are in
//! `apply_fulfilment.rs`.
//!
//! The access export runs on a worker session (`jobs/access_export.rs`). Locking meanwhile
//! cancels the export and sets the job aside until its thread has removed its partial files.

use std::path::PathBuf;

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::request::{RequestDraft, long_date};
use crate::services::{ServiceResult, Session};

use crate::gui::app::{PrivacyDeskApp, Screen};
use crate::gui::areas::requests::command::RequestCommand;
use crate::gui::areas::requests::page::legal_facts::LegalFacts;
use crate::gui::areas::{Area, RequestPage, RequestPageData, today};
use crate::gui::jobs::AccessExport;
use crate::gui::widgets::Notice;

/// Reads what a request's page shows.
fn page_data(session: &Session, id: Uuid, today: NaiveDate) -> ServiceResult<RequestPageData> {
    let detail = session.requests().request_detail(id, today)?;
    let subject = match detail.request.subject_id {
        Some(s) => session.subjects().subject(s)?,
        None => None,
    };
    let (consents, consent_events, changes, restricted_on) = match &subject {
        Some(s) => (
            session.consent().current_consents(s.id)?,
            session.consent().consent_timeline(s.id)?.len(),
            session.requests().subject_changes(s.id)?,
            session.requests().restricted_on(s.id)?,
        ),
        None => (Vec::new(), 0, Vec::new(), None),
    };
    let copies_still_holding = if detail.request.kind.is_erasure() {
        session.requests().copies_holding_the_erased()?
    } else {
        0
    };
    let tasks = session.requests().request_tasks(id)?;
    let legal = LegalFacts::read(session, &detail, subject.as_ref().map(|s| s.id))?;
    let partial = super::page::partial::PartialFacts::read(session, &detail)?;
    Ok(RequestPageData {
        tasks,
        legal,
        partial,
        detail,
        subject,
        consents,
        consent_events,
        changes,
        restricted_on,
        today,
        copies_still_holding,
    })
}

impl PrivacyDeskApp {
    /// Applies one command of the Requests area.
    pub(in crate::gui) fn apply_request(&mut self, command: RequestCommand) {
        let today = today();
        match command {
            RequestCommand::Take(draft) => self.take_request(&draft, today),
            RequestCommand::Open(id) => self.open_request(id),
            RequestCommand::Close => {
                if let Screen::Main(main) = &mut self.screen {
                    main.requests.close();
                }
            }
            RequestCommand::AskIdentity(id) => self.request_step(|s| {
                s.requests().ask_identity(id, today, today)?;
                Ok("Recorded that identity or clarification was asked for today; the clock waits for the answer.".into())
            }),
            RequestCommand::StartWork(id) => self.request_step(|s| {
                s.requests().start_work(id)?;
                Ok("Work started; the clock keeps the day the request was received.".into())
            }),
            RequestCommand::Verify { id, on } => self.request_step(|s| {
                s.requests().verify_request(id, on, today)?;
                Ok(format!(
                    "Recorded that identity or clarification arrived on {}.",
                    long_date(on)
                ))
            }),
            RequestCommand::Extend {
                id,
                reason,
                notified_on,
            } => self.request_step(|s| {
                let due = s.requests().extend_request(id, &reason, notified_on, today)?;
                Ok(format!(
                    "The deadline was extended to {}. Send the extension notice (Letters) if you have not yet.",
                    long_date(due)
                ))
            }),
            RequestCommand::Complete { id, outcome } if self.ask_task_reason(id, &outcome) => {}
            RequestCommand::Complete { id, outcome } => self.request_step(|s| {
                s.requests().complete_request(id, &outcome, today)?;
                Ok("The request was completed. Send the completion letter (Letters) if you have not yet.".into())
            }),
            RequestCommand::Refuse { id, ground } => self.request_step(|s| {
                s.requests().refuse_request(id, &ground, today)?;
                Ok("The refusal was recorded. Send the refusal letter (Letters): it tells the person where to complain.".into())
            }),
            RequestCommand::Withdraw(id) => self.request_step(|s| {
                s.requests().withdraw_request(id, today)?;
                Ok("The withdrawal was recorded; the request is closed.".into())
            }),
            RequestCommand::ExportAccess {
                request,
                subject,
                dir,
            } => self.start_access_export(request, subject, dir),
            RequestCommand::CancelExport => self.jobs.cancel::<AccessExport>(),
            c @ (RequestCommand::SetTask { .. }
            | RequestCommand::CompleteWithReason { .. }
            | RequestCommand::FillRecipientNotice { .. }) => self.apply_task(c, today),
            RequestCommand::Terms(c) => self.apply_terms(c, today),
            other => self.apply_fulfilment(other, today),
        }
    }

    fn take_request(&mut self, draft: &RequestDraft, today: NaiveDate) {
        let (Some(session), Screen::Main(main)) = (self.session.as_mut(), &mut self.screen) else {
            return;
        };
        let before = session.subjects().subject_count().unwrap_or_default();
        match session.requests().open_request(draft, today) {
            Ok((id, reference)) => {
                // A person new to the store was recorded: the search index learns them.
                if session.subjects().subject_count().unwrap_or_default() > before
                    && let Ok(Some(subject)) = session
                        .requests()
                        .request_detail(id, today)
                        .map(|d| d.request.subject_id)
                    && !main.index_subject(subject, &draft.email, &draft.requester.name)
                {
                    self.rebuild_search_index();
                }
                self.notice = Some(Notice::success(format!(
                    "Request {reference} was taken in."
                )));
                self.open_request(id);
            }
            Err(e) => main.requests.form_problem(e.to_string()),
        }
    }

    /// Opens a request's page, in the Requests area.
    pub(in crate::gui) fn open_request(&mut self, id: Uuid) {
        let (Some(session), Screen::Main(main)) = (self.session.as_ref(), &mut self.screen) else {
            return;
        };
        match page_data(session, id, today()) {
            Ok(data) => {
                main.area = Area::Requests;
                main.requests.open(RequestPage::new(data));
            }
            Err(e) => self.notice = Some(Notice::error(e.to_string())),
        }
    }

    /// Reads the open request's page again, and the inbox and Dashboard figures after it.
    pub(in crate::gui) fn reload_request(&mut self) {
        let (Some(session), Screen::Main(main)) = (self.session.as_ref(), &mut self.screen) else {
            return;
        };
        if let Some(page) = main.requests.page.as_mut() {
            match page_data(session, page.id(), today()) {
                Ok(data) => page.refresh(data),
                Err(e) => self.notice = Some(Notice::error(e.to_string())),
            }
        }
    }

    /// Applies a workflow step: says what was done, or shows the problem beside its form.
    fn request_step(&mut self, step: impl FnOnce(&mut Session) -> ServiceResult<String>) {
        let Some(session) = self.session.as_mut() else {
            return;
        };
        match step(session) {
            Ok(done) => {
                self.notice = Some(Notice::success(done));
                self.reload_request();
            }
            Err(e) => {
                if let Screen::Main(main) = &mut self.screen
                    && let Some(page) = main.requests.page.as_mut()
                {
                    page.workflow_problem(e.to_string());
                }
            }
        }
    }

    fn start_access_export(&mut self, request: Uuid, subject: Uuid, dir: PathBuf) {
        let Some(session) = self.worker() else {
            return;
        };
        self.notice = None;
        self.jobs.start(AccessExport {
            session,
            request,
            subject,
            dir,
        });
    }
}
