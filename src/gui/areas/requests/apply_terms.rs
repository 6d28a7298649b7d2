//! Applying the request page's legal steps (`terms_command.rs`) through the Requests front:
//! the CCPA "know" verification, a fee, the clarification step, the confirmation of receipt
//! and objection decisions. Each says what was done, or shows the service's problem beside
//! the form that asked.

use chrono::NaiveDate;

use crate::domain::request::fee::format_amount;
use crate::domain::request::know;
use crate::domain::request::long_date;
use crate::domain::request::objection::ObjectionOutcome;
use crate::services::{ServiceResult, Session};

use crate::gui::app::{PrivacyDeskApp, Screen};
use crate::gui::areas::requests::page::RequestPage;
use crate::gui::areas::requests::terms_command::TermsCommand;
use crate::gui::widgets::Notice;

/// Where a refused step's problem shows on the page.
fn show_problem(command: &TermsCommand) -> fn(&mut RequestPage, String) {
    match command {
        TermsCommand::VerifyKnow { .. } => RequestPage::workflow_problem,
        TermsCommand::DecideObjection { .. } => RequestPage::fulfil_problem,
        TermsCommand::KeepParts { .. } => RequestPage::partial_problem,
        TermsCommand::ChargeFee { .. }
        | TermsCommand::AskClarification { .. }
        | TermsCommand::Clarified { .. }
        | TermsCommand::Acknowledge { .. } => RequestPage::legal_problem,
    }
}

impl PrivacyDeskApp {
    /// Applies one legal step of a request's page.
    pub(in crate::gui) fn apply_terms(&mut self, command: TermsCommand, today: NaiveDate) {
        let problem = show_problem(&command);
        let Some(session) = self.session.as_mut() else {
            return;
        };
        match run(session, command, today) {
            Ok(done) => {
                self.notice = Some(Notice::success(done));
                self.request_done();
            }
            Err(e) => {
                if let Screen::Main(main) = &mut self.screen
                    && let Some(page) = main.requests.page.as_mut()
                {
                    problem(page, e.to_string());
                }
            }
        }
    }
}

/// Runs the step; the sentence says what was recorded.
fn run(session: &mut Session, command: TermsCommand, today: NaiveDate) -> ServiceResult<String> {
    let mut requests = session.requests();
    Ok(match command {
        TermsCommand::VerifyKnow {
            id,
            on,
            verification,
        } => {
            requests.verify_request_with(id, on, today, Some(verification))?;
            format!(
                "Recorded that identity arrived on {}. {}",
                long_date(on),
                know::level(verification).explain()
            )
        }
        TermsCommand::ChargeFee {
            id,
            reason,
            minor,
            currency,
            on,
        } => {
            let fee = requests.charge_fee(id, reason, minor, Some(&currency), on, today)?;
            format!(
                "A fee of {} {} asked for on {} was recorded. Tell the person; the letter says why.",
                format_amount(fee.minor),
                fee.currency,
                long_date(on)
            )
        }
        TermsCommand::AskClarification { id, on } => {
            requests.ask_clarification(id, on, today)?;
            format!(
                "Recorded that the person was asked on {} to clarify their request.",
                long_date(on)
            )
        }
        TermsCommand::Clarified { id, on } => match requests.clarified(id, on, today)? {
            0 => format!(
                "Recorded that the clarification arrived on {}; the due date did not move.",
                long_date(on)
            ),
            days => format!(
                "Recorded that the clarification arrived on {}; {days} day(s) were added to the due date.",
                long_date(on)
            ),
        },
        TermsCommand::Acknowledge { id, on } => {
            requests.acknowledge_request(id, on, today)?;
            format!("Recorded that receipt was confirmed on {}.", long_date(on))
        }
        TermsCommand::KeepParts {
            id,
            parts,
            reason,
            on,
        } => {
            requests.keep_parts(id, &parts, &reason, on, today)?;
            format!(
                "Recorded {} part(s) kept on exceptions, decided on {}. Erase the rest now: the open tasks list the systems still to reach, and \"Erase this person…\" removes the record here.",
                parts.len(),
                long_date(on)
            )
        }
        TermsCommand::DecideObjection { id, decision } => {
            requests.decide_objection(id, &decision, today)?;
            match decision.outcome {
                ObjectionOutcome::Stopped => {
                    format!("Processing for {} stops for this person.", decision.purpose)
                }
                ObjectionOutcome::Continues(_) => format!(
                    "Processing for {} continues on the grounds recorded; the letter gives them.",
                    decision.purpose
                ),
            }
        }
    })
}
