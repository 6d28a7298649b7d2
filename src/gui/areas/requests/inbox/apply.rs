//! Applying the Inbox tab's commands: the import and the fetch start a background job on a
//! worker session (`jobs/mail_intake.rs`); accepting and dismissing are short changes on the
//! window's session, through the same calls as `inbox accept` and `inbox dismiss`.

use crate::domain::request::long_date;
use crate::services::AccountChange;

use crate::gui::app::{PrivacyDeskApp, Screen};
use crate::gui::areas::request_widgets::regime_short;
use crate::gui::areas::requests::command::RequestCommand;
use crate::gui::areas::today;
use crate::gui::jobs::{MailSource, TakeInMail};
use crate::gui::widgets::Notice;

use super::command::IntakeCommand;

impl PrivacyDeskApp {
    /// Applies a command of Requests → Inbox.
    pub(in crate::gui) fn apply_intake(&mut self, command: IntakeCommand) {
        match command {
            IntakeCommand::Import(paths) => self.start_intake(MailSource::Files(paths)),
            IntakeCommand::Fetch(password) => self.start_intake(MailSource::Imap(AccountChange {
                password,
                ..AccountChange::default()
            })),
            IntakeCommand::Cancel => self.jobs.cancel::<TakeInMail>(),
            IntakeCommand::Accept {
                reference,
                kind,
                regime,
            } => self.accept_mail(&reference, kind, regime),
            IntakeCommand::Dismiss(reference) => {
                self.run_change(
                    |s| s.inbox().dismiss(&reference),
                    &format!("Dismissed {reference}."),
                );
            }
            IntakeCommand::OpenRequest(id) => {
                if let Screen::Main(main) = &mut self.screen {
                    main.mail.shown = false;
                }
                self.apply_request(RequestCommand::Open(id));
            }
        }
    }

    fn start_intake(&mut self, source: MailSource) {
        if self.jobs.is_running::<TakeInMail>() {
            self.notice = Some(Notice::info(
                "Mail is already being taken in; wait for it or cancel it first.",
            ));
            return;
        }
        let Some(session) = self.worker() else {
            return;
        };
        self.notice = None;
        self.jobs.start(TakeInMail { session, source });
    }

    fn accept_mail(
        &mut self,
        reference: &str,
        kind: crate::domain::request::RequestType,
        regime: crate::domain::organisation::Regime,
    ) {
        let (Some(session), Screen::Main(main)) = (self.session.as_ref(), &mut self.screen) else {
            return;
        };
        let today = today();
        let accepted = session
            .inbox()
            .accept(reference, Some(kind), Some(regime), today)
            .and_then(|(id, request)| {
                let due = session.requests().request_detail(id, today)?.deadline.due;
                Ok((id, request, due))
            });
        self.notice = Some(match accepted {
            Ok((id, request, due)) => {
                main.mail
                    .accepted(reference.to_owned(), request.clone(), id);
                Notice::success(format!(
                    "{reference} was accepted as {request} ({}, {}); the answer is due by {}.",
                    kind.label(),
                    regime_short(regime),
                    long_date(due)
                ))
            }
            Err(e) => Notice::error(e.to_string()),
        });
    }
}
