//! Taking a request in: the law the person invokes, the right they exercise, when and how it
//! arrived, who asked (or the agent acting for them) and what they asked for.
//!
//! The form offers only the organisation's regimes (all of them when the profile names none)
//! and only the request types of the chosen regime. A problem — the form's own or the
//! service's — is shown beside the form, naming the field.

use egui::{ComboBox, Grid, TextEdit, Ui};

use crate::domain::organisation::Regime;
use crate::domain::request::{RequestChannel, RequestDraft, RequestType, Requester};
use crate::gui::Command;
use crate::gui::areas::requests::command::RequestCommand;
use crate::gui::field_error::{FieldError, fingerprint};
use crate::gui::widgets::{FIELD_WIDTH, hint};

use crate::gui::areas::request_widgets::{iso, parse_date, regime_short, today};

/// The new-request form's state.
#[derive(Debug)]
pub struct RequestForm {
    regime: Regime,
    kind: RequestType,
    received: String,
    channel: RequestChannel,
    email: String,
    name: String,
    agent: bool,
    agent_name: String,
    agent_evidence: String,
    details: String,
    problem: FieldError,
}

impl RequestForm {
    /// An empty form: the first of `regimes` (every regime when empty), received today by email.
    pub fn new(regimes: &[Regime]) -> Self {
        let regime = regimes.first().copied().unwrap_or(Regime::Gdpr);
        Self {
            regime,
            kind: first_kind(regime),
            received: iso(today()),
            channel: RequestChannel::Email,
            email: String::new(),
            name: String::new(),
            agent: false,
            agent_name: String::new(),
            agent_evidence: String::new(),
            details: String::new(),
            problem: FieldError::default(),
        }
    }

    /// Shows a problem the service found (its text names the field).
    pub fn set_problem(&mut self, problem: String) {
        self.problem.set(problem);
    }

    /// Draws the form. `regimes` are the organisation's (every regime when empty). Returns
    /// [`RequestCommand::Take`] when submitted, [`RequestCommand::Close`] when cancelled.
    pub fn ui(&mut self, ui: &mut Ui, regimes: &[Regime]) -> Option<Command> {
        let offered: Vec<Regime> = if regimes.is_empty() {
            Regime::ALL.to_vec()
        } else {
            regimes.to_vec()
        };
        let mut command = None;
        ui.heading("New request");
        hint(
            ui,
            "Record the request the day it arrives: the deadline counts from the day of receipt. The person is found by their email address, or recorded if they are new.",
        );
        ui.add_space(6.0);
        ui.horizontal_top(|ui| {
            ui.vertical(|ui| self.fields(ui, &offered));
            let inputs = fingerprint(&*self);
            if self.problem.check(inputs).is_some() {
                ui.add_space(16.0);
                ui.vertical(|ui| {
                    ui.set_max_width(320.0);
                    self.problem.show(ui, inputs, "Problem: ");
                });
            }
        });
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Take in the request").clicked() {
                match self.draft() {
                    Ok(draft) => {
                        self.problem.clear();
                        command = Some(Command::Request(RequestCommand::Take(draft)));
                    }
                    Err(p) => self.problem.set(p),
                }
            }
            if ui.button("Cancel").clicked() {
                command = Some(Command::Request(RequestCommand::Close));
            }
        });
        command
    }

    fn fields(&mut self, ui: &mut Ui, offered: &[Regime]) {
        Grid::new("request-form")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                let label = ui.label("Law");
                let before = self.regime;
                ComboBox::from_id_salt("request-regime")
                    .selected_text(self.regime.label())
                    .show_ui(ui, |ui| {
                        for &r in offered {
                            ui.selectable_value(&mut self.regime, r, r.label());
                        }
                    })
                    .response
                    .labelled_by(label.id);
                if self.regime != before && !self.kind.applies_to(self.regime) {
                    self.kind = first_kind(self.regime);
                }
                ui.end_row();

                let label = ui.label("Type");
                ComboBox::from_id_salt("request-type")
                    .selected_text(self.kind.label())
                    .show_ui(ui, |ui| {
                        for t in RequestType::for_regime(self.regime) {
                            ui.selectable_value(&mut self.kind, t, t.label());
                        }
                    })
                    .response
                    .labelled_by(label.id)
                    .on_hover_text(format!(
                        "Under {}, the person may ask for: {}",
                        regime_short(self.regime),
                        RequestType::for_regime(self.regime)
                            .iter()
                            .map(|t| t.label().to_lowercase())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                ui.end_row();

                let label = ui.label("Received");
                ui.add(
                    TextEdit::singleline(&mut self.received)
                        .desired_width(120.0)
                        .hint_text("YYYY-MM-DD"),
                )
                .labelled_by(label.id);
                ui.end_row();

                let label = ui.label("Received by");
                ComboBox::from_id_salt("request-channel")
                    .selected_text(self.channel.label())
                    .show_ui(ui, |ui| {
                        for c in RequestChannel::ALL {
                            ui.selectable_value(&mut self.channel, c, c.label());
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();

                for (text, value) in [
                    ("Email", &mut self.email),
                    ("Requester's name", &mut self.name),
                ] {
                    let label = ui.label(text);
                    ui.add(TextEdit::singleline(value).desired_width(FIELD_WIDTH))
                        .labelled_by(label.id);
                    ui.end_row();
                }

                ui.label("");
                ui.checkbox(&mut self.agent, "An agent acts for the person");
                ui.end_row();
                if self.agent {
                    for (text, value) in [
                        ("Agent's name", &mut self.agent_name),
                        ("Evidence of authority", &mut self.agent_evidence),
                    ] {
                        let label = ui.label(text);
                        ui.add(TextEdit::singleline(value).desired_width(FIELD_WIDTH))
                            .labelled_by(label.id);
                        ui.end_row();
                    }
                }

                let label = ui.label("What they asked for");
                ui.add(
                    TextEdit::multiline(&mut self.details)
                        .desired_width(FIELD_WIDTH)
                        .desired_rows(4),
                )
                .labelled_by(label.id);
                ui.end_row();
            });
    }

    /// The draft as typed, or the first problem naming its field.
    fn draft(&self) -> Result<RequestDraft, String> {
        let received = parse_date("Received", &self.received)?;
        if self.agent && self.agent_name.trim().is_empty() {
            return Err("Agent's name: give the name of the agent acting for the person, or untick \"An agent acts for the person\".".into());
        }
        let (agent_name, agent_evidence) = if self.agent {
            (self.agent_name.trim(), self.agent_evidence.trim())
        } else {
            ("", "")
        };
        let draft = RequestDraft {
            regime: self.regime,
            kind: self.kind,
            received,
            channel: self.channel,
            email: self.email.trim().to_owned(),
            requester: Requester {
                name: self.name.trim().to_owned(),
                agent_name: agent_name.to_owned(),
                agent_evidence: agent_evidence.to_owned(),
            },
            details: self.details.trim().to_owned(),
        };
        draft.check(today())?;
        Ok(draft)
    }
}

/// The first request type of a regime (access or right to know).
fn first_kind(regime: Regime) -> RequestType {
    RequestType::for_regime(regime)
        .first()
        .copied()
        .unwrap_or(RequestType::Access)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_draft_names_the_field_in_trouble() {
        let mut form = RequestForm::new(&[Regime::CcpaCpra]);
        assert_eq!(form.kind, RequestType::Know);
        form.received = "yesterday".into();
        assert!(form.draft().unwrap_err().starts_with("Received:"));
        form.received = iso(today());
        assert!(form.draft().unwrap_err().starts_with("Email:"));
        form.email = "ana@example.com".into();
        form.agent = true;
        assert!(form.draft().unwrap_err().starts_with("Agent's name:"));
        form.agent_name = "Law & Co".into();
        assert!(form.draft().unwrap_err().starts_with("Evidence"));
        form.agent_evidence = "signed permission, scan 12".into();
        let draft = form.draft().unwrap();
        assert_eq!(draft.requester.agent_name, "Law & Co");
        form.agent = false;
        assert!(form.draft().unwrap().requester.agent_name.is_empty());
    }
}
