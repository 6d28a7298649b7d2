//! Applying the Tasks commands of a request's page: a task done or not applicable, a
//! completion with tasks open (asked for its reason first), and the recipient notice to a
//! vendor filled in.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::request::task::TaskStatus;

use crate::gui::app::{PrivacyDeskApp, Screen};
use crate::gui::areas::requests::command::RequestCommand;
use crate::gui::widgets::Notice;

impl PrivacyDeskApp {
    /// When the request has open tasks, asks on its page for the reason they stay open
    /// instead of completing; returns whether it asked.
    pub(in crate::gui) fn ask_task_reason(&mut self, id: Uuid, outcome: &str) -> bool {
        let (Some(session), Screen::Main(main)) = (self.session.as_ref(), &mut self.screen) else {
            return false;
        };
        let open = match session.requests().open_tasks(id) {
            Ok(open) => open,
            Err(e) => {
                self.notice = Some(Notice::error(e.to_string()));
                return true;
            }
        };
        match (open, main.requests.page.as_mut()) {
            (Some(open), Some(page)) => {
                page.ask_completion_reason(outcome.to_owned(), open);
                true
            }
            _ => false,
        }
    }

    /// Applies a task command.
    pub(in crate::gui) fn apply_task(&mut self, command: RequestCommand, today: NaiveDate) {
        let Some(session) = self.session.as_ref() else {
            return;
        };
        let done = match command {
            RequestCommand::SetTask {
                id,
                number,
                status,
                on,
                note,
            } => session
                .requests()
                .set_request_task(id, number, status, on, &note, today)
                .map(|t| {
                    format!(
                        "Task {number} ({} {}) was marked {}.",
                        t.target.kind_code(),
                        t.target.name(),
                        match status {
                            TaskStatus::NotApplicable => "not applicable",
                            _ => "done",
                        }
                    )
                }),
            RequestCommand::CompleteWithReason {
                id,
                outcome,
                reason,
            } => session
                .requests()
                .complete_request_with_reason(id, &outcome, today, &reason)
                .map(|n| format!("The request was completed; {n} task(s) stay open with the reason. Send the completion letter (Letters) if you have not yet.")),
            RequestCommand::FillRecipientNotice {
                request,
                vendor,
                lang,
            } => {
                let letter = session
                    .requests()
                    .recipient_notice_in(request, &vendor, lang, today)
                    .map_err(|e| e.to_string());
                if let Screen::Main(main) = &mut self.screen
                    && let Some(page) = main.requests.page.as_mut()
                {
                    page.letter(letter);
                }
                return;
            }
            _ => return,
        };
        match done {
            Ok(text) => {
                self.notice = Some(Notice::success(text));
                self.request_done();
            }
            Err(e) => {
                if let Screen::Main(main) = &mut self.screen
                    && let Some(page) = main.requests.page.as_mut()
                {
                    page.tasks_problem(e.to_string());
                }
            }
        }
    }
}
