//! The workflow of a request: one button per step allowed from its state and by the law for its
//! type, each opening a small form when the step needs facts (the day identity arrived, the
//! reason for an extension, the outcome, the ground of a refusal), with the rule's reason
//! beside it (Art. 12(3) and 12(6); the refusal grounds of `domain::request::refusal`).

use egui::{ComboBox, TextEdit, Ui};
use uuid::Uuid;

use crate::domain::access::{Permission, Role};
use crate::domain::request::know;
use crate::domain::request::workflow::RefusalKind;
use crate::domain::request::{RefusalGround, Transition, extension, identity, long_date, refusal};
use crate::gui::Command;
use crate::gui::areas::requests::command::RequestCommand;
use crate::gui::areas::requests::page::verification::KnowInputs;
use crate::gui::areas::requests::terms_command::TermsCommand;
use crate::gui::field_error::{FieldError, fingerprint};
use crate::gui::widgets::{FIELD_WIDTH, hint};
use crate::services::RequestDetail;

use crate::gui::areas::request_widgets::{date_field, iso, parse_date, today};

/// The steps in the order the buttons show them.
const STEPS: [Transition; 7] = [
    Transition::AskIdentity,
    Transition::Verify,
    Transition::StartWork,
    Transition::Extend,
    Transition::Complete,
    Transition::Refuse,
    Transition::Withdraw,
];

/// The permission a step needs: taking in covers recording a withdrawal.
fn needs(step: Transition) -> Permission {
    match step {
        Transition::Withdraw => Permission::TakeInRequests,
        _ => Permission::ProcessRequests,
    }
}

/// The workflow buttons and the form of the step being recorded.
#[derive(Debug)]
pub struct WorkflowForms {
    open: Option<Transition>,
    date: String,
    reason: String,
    outcome: String,
    refusal: RefusalKind,
    facts: String,
    know: KnowInputs,
    problem: FieldError,
}

impl Default for WorkflowForms {
    fn default() -> Self {
        Self {
            open: None,
            date: iso(today()),
            reason: String::new(),
            outcome: String::new(),
            refusal: RefusalKind::ManifestlyUnfounded,
            facts: String::new(),
            know: KnowInputs::default(),
            problem: FieldError::default(),
        }
    }
}

impl WorkflowForms {
    /// Shows the service's problem beside the open form.
    pub fn set_problem(&mut self, problem: String) {
        self.problem.set(problem);
    }

    /// Draws the buttons and the open form.
    pub fn ui(&mut self, ui: &mut Ui, detail: &RequestDetail, role: Role) -> Option<Command> {
        let r = &detail.request;
        if !r.is_open() {
            hint(
                ui,
                "The request is closed; it does not change any more. If the person asks again, take in a new request.",
            );
            return None;
        }
        let mut command = None;
        let steps: Vec<Transition> = STEPS
            .into_iter()
            .filter(|t| t.allowed_from(r.state))
            .filter(|t| *t != Transition::Extend || detail.deadline.rule.extendable())
            .filter(|t| {
                *t != Transition::AskIdentity || identity::identity_step_offered(r.regime, r.kind)
            })
            // An open clarification is answered by its own step (clarification.rs).
            .filter(|t| *t != Transition::Verify || r.clarification_asked_on.is_none())
            .collect();
        ui.horizontal_wrapped(|ui| {
            for step in &steps {
                let allowed = role.can(needs(*step));
                let button = ui.add_enabled(
                    allowed,
                    egui::Button::new(step.label()).selected(self.open == Some(*step)),
                );
                if button.clicked() {
                    self.problem.clear();
                    match step {
                        Transition::AskIdentity => {
                            command = Some(Command::Request(RequestCommand::AskIdentity(r.id)));
                        }
                        Transition::StartWork => {
                            command = Some(Command::Request(RequestCommand::StartWork(r.id)));
                        }
                        _ => {
                            self.open = (self.open != Some(*step)).then_some(*step);
                            self.date = iso(today());
                            if *step == Transition::Refuse {
                                self.refusal = first_ground(detail);
                            }
                        }
                    }
                }
                button.on_disabled_hover_text(needs(*step).why_not(role));
            }
        });
        if !role.can(Permission::ProcessRequests) {
            hint(ui, &Permission::ProcessRequests.why_not(role));
        }
        if steps.contains(&Transition::AskIdentity) || steps.contains(&Transition::StartWork) {
            hint(ui, identity::explain(r.regime, r.kind));
        }
        if let Some(step) = self.open
            && let Some(c) = self.form(ui, step, detail)
        {
            command = Some(c);
        }
        command
    }

    fn form(&mut self, ui: &mut Ui, step: Transition, detail: &RequestDetail) -> Option<Command> {
        let mut command = None;
        let r = &detail.request;
        let id = r.id;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            let confirm = match step {
                Transition::Verify => {
                    if let Some(asked) = r.identity_asked_on {
                        hint(
                            ui,
                            &format!(
                                "Asked for on {}; the answer cannot be dated earlier.",
                                long_date(asked)
                            ),
                        );
                    }
                    date_field(ui, "Identity or clarification received on", &mut self.date);
                    if know::applies(r.regime, r.kind) {
                        self.know.ui(ui);
                    }
                    "Record identity received"
                }
                Transition::Extend => {
                    hint(
                        ui,
                        &format!(
                            "{} Last day to tell the person: {}.",
                            extension::explain(detail.deadline.rule),
                            long_date(detail.deadline.first_period_end)
                        ),
                    );
                    text_box(ui, "Reason for the extension", &mut self.reason);
                    date_field(ui, "Person told on", &mut self.date);
                    "Record the extension"
                }
                Transition::Complete => {
                    text_box(ui, "Outcome (what was done)", &mut self.outcome);
                    "Complete the request"
                }
                Transition::Refuse => {
                    hint(ui, refusal::explain(r.regime, r.kind));
                    let label = ui.label("Ground");
                    ComboBox::from_id_salt("refusal-ground")
                        .selected_text(self.refusal.label())
                        .width(FIELD_WIDTH)
                        .show_ui(ui, |ui| {
                            for g in refusal::allowed_grounds(r.regime, r.kind) {
                                ui.selectable_value(&mut self.refusal, g.kind, g.kind.label())
                                    .on_hover_text(g.source);
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    text_box(ui, "Facts of the refusal", &mut self.facts);
                    "Record the refusal"
                }
                Transition::Withdraw => {
                    hint(
                        ui,
                        "Record that the person withdrew the request today. It closes the request.",
                    );
                    "Record the withdrawal"
                }
                Transition::AskIdentity | Transition::StartWork => return,
            };
            let inputs = fingerprint(&*self);
            self.problem.show(ui, inputs, "Problem: ");
            ui.horizontal(|ui| {
                if ui.button(confirm).clicked() {
                    let know = step == Transition::Verify && know::applies(r.regime, r.kind);
                    match self.command(step, id).and_then(|c| self.with_know(c, know)) {
                        Ok(c) => command = Some(Command::Request(c)),
                        Err(p) => self.problem.set(p),
                    }
                }
                if ui.button("Cancel").clicked() {
                    self.open = None;
                    self.problem.clear();
                }
            });
        });
        command
    }

    /// For a CCPA request to know, the identity step carries what was verified.
    fn with_know(&self, command: RequestCommand, know: bool) -> Result<RequestCommand, String> {
        match command {
            RequestCommand::Verify { id, on } if know => {
                Ok(RequestCommand::Terms(TermsCommand::VerifyKnow {
                    id,
                    on,
                    verification: self.know.verification()?,
                }))
            }
            other => Ok(other),
        }
    }

    /// The command for the open form, or the problem naming its field.
    fn command(&self, step: Transition, id: Uuid) -> Result<RequestCommand, String> {
        Ok(match step {
            Transition::AskIdentity => RequestCommand::AskIdentity(id),
            Transition::StartWork => RequestCommand::StartWork(id),
            Transition::Verify => RequestCommand::Verify {
                id,
                on: parse_date("Identity or clarification received on", &self.date)?,
            },
            Transition::Extend => {
                if self.reason.trim().is_empty() {
                    return Err("Reason for the extension: give the reason (e.g. the number or complexity of the requests); it goes into the letter to the person.".into());
                }
                RequestCommand::Extend {
                    id,
                    reason: self.reason.trim().to_owned(),
                    notified_on: parse_date("Person told on", &self.date)?,
                }
            }
            Transition::Complete => RequestCommand::Complete {
                id,
                outcome: self.outcome.trim().to_owned(),
            },
            Transition::Refuse => {
                if self.facts.trim().is_empty() {
                    return Err("Facts of the refusal: say why the ground applies; the refusal letter quotes it.".into());
                }
                RequestCommand::Refuse {
                    id,
                    ground: RefusalGround {
                        kind: self.refusal,
                        detail: self.facts.trim().to_owned(),
                    },
                }
            }
            Transition::Withdraw => RequestCommand::Withdraw(id),
        })
    }
}

/// The first ground the law allows for the request (the refusal form's starting choice).
fn first_ground(detail: &RequestDetail) -> RefusalKind {
    let r = &detail.request;
    refusal::allowed_grounds(r.regime, r.kind)
        .first()
        .map_or(RefusalKind::IdentityNotVerified, |g| g.kind)
}

/// A labelled multi-line field.
fn text_box(ui: &mut Ui, label: &str, value: &mut String) {
    let label = ui.label(label);
    ui.add(
        TextEdit::multiline(value)
            .desired_width(FIELD_WIDTH)
            .desired_rows(3),
    )
    .labelled_by(label.id);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_facts_are_named() {
        let id = Uuid::new_v4();
        let mut f = WorkflowForms::default();
        assert!(
            f.command(Transition::Extend, id)
                .unwrap_err()
                .starts_with("Reason for the extension")
        );
        f.reason = "three linked requests".into();
        f.date = "soon".into();
        assert!(
            f.command(Transition::Extend, id)
                .unwrap_err()
                .starts_with("Person told on")
        );
        assert!(
            f.command(Transition::Refuse, id)
                .unwrap_err()
                .starts_with("Facts of the refusal")
        );
        f.facts = "fourth identical request this month".into();
        assert!(matches!(
            f.command(Transition::Refuse, id),
            Ok(RequestCommand::Refuse { .. })
        ));
    }
}
