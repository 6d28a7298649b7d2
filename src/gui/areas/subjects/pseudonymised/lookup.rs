//! The lookup box of the pseudonymised export tab: a recipient and a pseudonym from one of their
//! files give back the person (re-identification is only possible inside the app, and each
//! lookup is audited). The person found is shown until the next lookup or the store locks.

use egui::{RichText, Ui};
use uuid::Uuid;

use crate::domain::subject::Subject;
use crate::gui::widgets::{hint, section, submitted, text_field};
use crate::gui::{Command, PseudonymiseCommand};
use crate::jobs::Progress;

use crate::gui::areas::subjects::pseudonymised::progress_row;

/// What a lookup found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LookupOutcome {
    /// The person.
    Found {
        /// Their id.
        id: Uuid,
        /// Their email.
        email: String,
        /// Their name.
        name: String,
    },
    /// Nobody has that pseudonym for that recipient.
    NotFound,
    /// The lookup was cancelled.
    Stopped,
    /// The lookup failed; the sentence says why.
    Failed(String),
}

impl LookupOutcome {
    /// The outcome for a person found.
    pub fn found(subject: &Subject) -> Self {
        Self::Found {
            id: subject.id,
            email: subject.fields.email.clone(),
            name: subject.fields.name.clone(),
        }
    }
}

/// The lookup box's state.
#[derive(Debug, Default)]
pub struct LookupBox {
    recipient: String,
    pseudonym: String,
    outcome: Option<LookupOutcome>,
}

impl LookupBox {
    /// Receives the outcome of a lookup.
    pub fn set(&mut self, outcome: LookupOutcome) {
        self.outcome = Some(outcome);
    }

    /// Draws the box; `running` is the progress of a lookup on a worker thread.
    pub fn ui(&mut self, ui: &mut Ui, running: Option<&Progress>) -> Option<Command> {
        let mut command = None;
        section(ui, "Find the person behind a pseudonym");
        hint(
            ui,
            "When a recipient reports a row back (an error, an objection), find who it is. Every lookup is recorded in the audit log.",
        );
        text_field(ui, "Recipient of the export", &mut self.recipient);
        let field = text_field(ui, "Pseudonym", &mut self.pseudonym);
        let enter = submitted(ui, &field);
        if let Some(p) = running {
            command = progress_row(ui, p, "people checked", PseudonymiseCommand::CancelLookup);
        } else if ui.button("Find the person").clicked() || enter {
            self.outcome = None;
            command = Some(Command::Pseudonymise(PseudonymiseCommand::Lookup {
                recipient: self.recipient.clone(),
                pseudonym: self.pseudonym.clone(),
            }));
        }
        match &self.outcome {
            None => {}
            Some(LookupOutcome::Found { id, email, name }) => {
                let who = match (email.is_empty(), name.is_empty()) {
                    (false, false) => format!("{email} · {name}"),
                    (false, true) => email.clone(),
                    _ => name.clone(),
                };
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(format!("Found: {who}")).strong());
                    if ui.button("Open their page").clicked() {
                        command =
                            Some(Command::Pseudonymise(PseudonymiseCommand::OpenSubject(*id)));
                    }
                });
            }
            Some(LookupOutcome::NotFound) => {
                ui.label(
                    "No one has this pseudonym for this recipient. Check the recipient's name (pseudonyms differ per recipient); the person may also have been erased since.",
                );
            }
            Some(LookupOutcome::Stopped) => hint(ui, "The lookup was stopped."),
            Some(LookupOutcome::Failed(problem)) => {
                ui.colored_label(ui.visuals().error_fg_color, problem);
            }
        }
        command
    }
}
