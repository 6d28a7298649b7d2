//! The request page's legal steps beside the workflow buttons (issue 16), each with its rule's
//! reason: under the deadline, the CCPA repeat-request banner, the confirmation of receipt and
//! the "know" verification level reached; under "What to do next", the clarification step and
//! the fee. A problem the service reports shows beside the part that asked.

use egui::{RichText, Ui};

use crate::domain::access::{Permission, Role};
use crate::gui::Command;
use crate::gui::areas::requests::command::RequestCommand;
use crate::gui::areas::requests::page::RequestPageData;
use crate::gui::areas::requests::page::acknowledgement::AcknowledgementStep;
use crate::gui::areas::requests::page::clarification::ClarificationStep;
use crate::gui::areas::requests::page::fee::{FeeForm, repeat_banner};
use crate::gui::areas::requests::page::verification::level_words;
use crate::gui::areas::requests::terms_command::TermsCommand;
use crate::gui::widgets::hint;

/// Which part a problem belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Receipt,
    Clarification,
    Fee,
}

/// The legal steps' state.
#[derive(Debug, Default)]
pub struct LegalSteps {
    receipt: AcknowledgementStep,
    clarification: ClarificationStep,
    fee: FeeForm,
    last: Option<Part>,
    problem: Option<(Part, String)>,
}

impl LegalSteps {
    /// Shows the service's problem beside the part that sent the last command.
    pub fn set_problem(&mut self, problem: String) {
        self.problem = Some((self.last.unwrap_or(Part::Fee), problem));
    }

    /// Under the deadline: the repeat banner, the confirmation of receipt, the know level.
    pub fn clock_ui(&mut self, ui: &mut Ui, data: &RequestPageData, role: Role) -> Option<Command> {
        let d = &data.detail;
        repeat_banner(ui, &data.legal);
        if let Some((v, level)) = data.legal.know {
            ui.label(
                RichText::new(format!(
                    "Verification: {} ({} data point(s) matched, signed declaration {}).",
                    level_words(level),
                    v.data_points,
                    if v.signed_declaration {
                        "received"
                    } else {
                        "not received"
                    }
                ))
                .strong(),
            );
            hint(ui, level.explain());
        }
        let may = role.can(Permission::ProcessRequests);
        let out = self.receipt.ui(ui, d, data.today, may);
        self.problem_line(ui, Part::Receipt);
        self.emit(Part::Receipt, out)
    }

    /// Under "What to do next": the clarification step and the fee.
    pub fn next_ui(&mut self, ui: &mut Ui, data: &RequestPageData, role: Role) -> Option<Command> {
        let r = &data.detail.request;
        let may = role.can(Permission::ProcessRequests);
        let mut command = None;
        if r.is_open() {
            ui.add_space(6.0);
            ui.label(RichText::new("Clarification").strong());
            let out = self.clarification.ui(ui, r, data.today, may);
            self.problem_line(ui, Part::Clarification);
            command = self.emit(Part::Clarification, out);
        }
        ui.add_space(6.0);
        ui.label(RichText::new("Fee").strong());
        let out = self.fee.ui(ui, r, &data.legal, may);
        self.problem_line(ui, Part::Fee);
        command.or(self.emit(Part::Fee, out))
    }

    fn problem_line(&self, ui: &mut Ui, part: Part) {
        if let Some((p, text)) = &self.problem
            && *p == part
        {
            ui.colored_label(ui.visuals().error_fg_color, format!("Problem: {text}"));
        }
    }

    /// A part's command (remembering who asked), or its problem kept beside it.
    fn emit(&mut self, part: Part, out: Option<Result<TermsCommand, String>>) -> Option<Command> {
        match out? {
            Ok(c) => {
                self.last = Some(part);
                self.problem = None;
                Some(Command::Request(RequestCommand::Terms(c)))
            }
            Err(p) => {
                self.problem = Some((part, p));
                None
            }
        }
    }
}
