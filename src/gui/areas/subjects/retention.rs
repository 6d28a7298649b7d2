//! A subject's retention lines on their page: whether a legal hold keeps them (or a button that
//! opens Retention → Legal holds with the form set on them), and the day their customer
//! relationship ended, which rules counted from the end of the relationship start from.

use egui::Ui;

use crate::domain::access::{Permission, Role};
use crate::domain::subject::Subject;
use crate::gui::Command;
use crate::gui::areas::retention::command::RetentionCommand;
use crate::gui::field_error::{FieldError, fingerprint};
use crate::gui::widgets::hint;

use crate::gui::areas::request_widgets::{date_field, parse_date};

/// The relationship-end field's state.
#[derive(Debug, Default)]
pub struct SubjectRetention {
    ended_on: String,
    problem: FieldError,
}

impl SubjectRetention {
    /// The lines for a person whose relationship ended on `ended` (if it did).
    pub fn new(ended: Option<chrono::NaiveDate>) -> Self {
        Self {
            ended_on: ended
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            problem: FieldError::default(),
        }
    }

    /// Draws the lines; `hold` is the reason of a hold in force on the person.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        subject: &Subject,
        hold: Option<&str>,
        role: Role,
    ) -> Option<Command> {
        let mut command = None;
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            ui.label("Legal hold:");
            match hold {
                Some(reason) => {
                    ui.colored_label(ui.visuals().warn_fg_color, format!("Held: {reason}"));
                }
                None => {
                    let may = role.can(Permission::EditRetention);
                    let place = ui
                        .add_enabled(may, egui::Button::new("Place a legal hold…"))
                        .on_disabled_hover_text(Permission::EditRetention.why_not(role));
                    if place.clicked() {
                        let f = &subject.fields;
                        let label = if f.email.is_empty() {
                            &f.name
                        } else {
                            &f.email
                        };
                        command = Some(Command::Retention(RetentionCommand::HoldSubject {
                            id: subject.id,
                            label: label.clone(),
                        }));
                    }
                }
            }
        });
        if !role.can(Permission::RecordSubjects) {
            return command;
        }
        ui.horizontal(|ui| {
            date_field(ui, "Customer relationship ended on", &mut self.ended_on);
            if ui.button("Record the end").clicked() {
                match parse_date("Customer relationship ended on", &self.ended_on) {
                    Ok(day) => {
                        self.problem.clear();
                        command = Some(Command::Retention(RetentionCommand::SetRelationshipEnd {
                            subject: subject.id,
                            on: Some(day),
                        }));
                    }
                    Err(p) => self.problem.set(p),
                }
            }
            if ui.button("Clear the end").clicked() {
                self.ended_on.clear();
                self.problem.clear();
                command = Some(Command::Retention(RetentionCommand::SetRelationshipEnd {
                    subject: subject.id,
                    on: None,
                }));
            }
        });
        let inputs = fingerprint(&*self);
        self.problem.show(ui, inputs, "");
        hint(
            ui,
            "Rules counted from the end of the customer relationship (former customers) start from this day.",
        );
        command
    }
}
