//! Security → Staff training: who was trained in data protection, on what, when, and when to
//! renew (renewals within 30 days flagged), with Edit and Remove, and the form that records or
//! corrects a training.

use egui::{Grid, Ui};
use uuid::Uuid;

use crate::domain::access::{Permission, Role};
use crate::domain::records::Training;
use crate::domain::records::training::RenewalState;
use crate::gui::Command;
use crate::gui::security_command::SecurityCommand;
use crate::gui::widgets::{hint, section, text_field};

use super::request_widgets::{date_field, iso, parse_date, today};
use super::retention::{cell, wide};
use super::security::{alarm, optional_day};

/// The form that records or corrects a training.
#[derive(Debug, Default)]
struct TrainingForm {
    /// The training being corrected; none for a new one.
    editing: Option<Uuid>,
    trainee: String,
    topic: String,
    completed_on: String,
    renew_on: String,
    problem: Option<String>,
}

impl TrainingForm {
    fn of(t: &Training) -> Self {
        Self {
            editing: Some(t.id),
            trainee: t.trainee.clone(),
            topic: t.topic.clone(),
            completed_on: iso(t.completed_on),
            renew_on: t.renew_on.map(iso).unwrap_or_default(),
            problem: None,
        }
    }

    /// The training the form describes; the error names the field.
    fn training(&self) -> Result<Training, String> {
        Ok(Training {
            id: self.editing.unwrap_or_else(Uuid::nil),
            trainee: self.trainee.trim().to_owned(),
            topic: self.topic.trim().to_owned(),
            completed_on: parse_date("Completed on", &self.completed_on)?,
            renew_on: optional_day("Renew on", &self.renew_on)?,
        })
    }
}

/// The Training tab's state.
#[derive(Debug, Default)]
pub struct TrainingTab {
    rows: Option<Vec<Training>>,
    form: TrainingForm,
}

impl TrainingTab {
    /// Receives the trainings.
    pub fn set_rows(&mut self, rows: Vec<Training>) {
        self.rows = Some(rows);
    }

    /// Forgets the trainings so they are read again when next drawn.
    pub fn invalidate(&mut self) {
        self.rows = None;
    }

    /// Shows the service's problem beside the form.
    pub fn form_problem(&mut self, problem: String) {
        self.form.problem = Some(problem);
    }

    /// The training was saved: empties the form and reads the list again.
    pub fn saved(&mut self) {
        self.form = TrainingForm::default();
        self.invalidate();
    }

    /// Draws the tab.
    pub fn ui(&mut self, ui: &mut Ui, role: Role) -> Option<Command> {
        let mut command = self
            .rows
            .is_none()
            .then_some(Command::Security(SecurityCommand::LoadTrainings));
        hint(
            ui,
            "Who was trained in data protection and when; set a renewal date so refreshers show on the Dashboard 30 days ahead. Names are stored encrypted.",
        );
        section(ui, "Trainings");
        let mut edit = None;
        match &self.rows {
            None => hint(ui, "Loading…"),
            Some(rows) if rows.is_empty() => hint(ui, "No training recorded yet."),
            Some(rows) => {
                let (c, e) = table(ui, rows, role);
                command = c.or(command);
                edit = e;
            }
        }
        if let Some(t) = edit {
            self.form = TrainingForm::of(&t);
        }
        section(
            ui,
            if self.form.editing.is_some() {
                "Correct the training"
            } else {
                "Record a training"
            },
        );
        if !role.can(Permission::EditVendorsAndRecords) {
            hint(ui, &Permission::EditVendorsAndRecords.why_not(role));
            return command;
        }
        self.form_ui(ui).or(command)
    }

    fn form_ui(&mut self, ui: &mut Ui) -> Option<Command> {
        let f = &mut self.form;
        text_field(ui, "Trainee (who was trained)", &mut f.trainee);
        text_field(ui, "Training topic", &mut f.topic);
        date_field(ui, "Completed on (YYYY-MM-DD)", &mut f.completed_on);
        date_field(
            ui,
            "Renew on (YYYY-MM-DD; empty: no renewal)",
            &mut f.renew_on,
        );
        if let Some(p) = &f.problem {
            ui.colored_label(ui.visuals().error_fg_color, p);
        }
        let mut command = None;
        ui.horizontal(|ui| {
            if ui.button("Save the training").clicked() {
                match f.training() {
                    Ok(t) => {
                        f.problem = None;
                        command = Some(Command::Security(SecurityCommand::SaveTraining {
                            new: f.editing.is_none(),
                            training: Box::new(t),
                        }));
                    }
                    Err(p) => f.problem = Some(p),
                }
            }
            if f.editing.is_some() && ui.button("Cancel the correction").clicked() {
                *f = TrainingForm::default();
            }
        });
        command
    }
}

/// The trainings; returns a Remove asked for, or the training to correct.
fn table(ui: &mut Ui, rows: &[Training], role: Role) -> (Option<Command>, Option<Training>) {
    let mut command = None;
    let mut edit = None;
    let may_edit = role.can(Permission::EditVendorsAndRecords);
    let today = today();
    wide(ui, "trainings-wide", |ui| {
        Grid::new("trainings")
            .num_columns(6)
            .striped(true)
            .spacing([16.0, 4.0])
            .max_col_width(220.0)
            .show(ui, |ui| {
                for t in ["Trainee", "Topic", "Completed", "Renew on", "State", ""] {
                    ui.strong(t);
                }
                ui.end_row();
                for t in rows {
                    cell(ui, &t.trainee);
                    cell(ui, &t.topic);
                    ui.label(iso(t.completed_on));
                    ui.label(t.renew_on.map(iso).unwrap_or_default());
                    let state = t.renewal(today);
                    match state {
                        RenewalState::Overdue => alarm(ui, state.label()),
                        RenewalState::DueSoon => {
                            ui.colored_label(ui.visuals().warn_fg_color, state.label());
                        }
                        _ => {
                            ui.label(state.label());
                        }
                    }
                    ui.horizontal(|ui| {
                        let why = Permission::EditVendorsAndRecords.why_not(role);
                        let what = format!("{} of {}", t.topic, t.trainee);
                        if ui
                            .add_enabled(may_edit, egui::Button::new("Correct"))
                            .on_hover_text(format!("Correct the training {what}"))
                            .on_disabled_hover_text(&why)
                            .clicked()
                        {
                            edit = Some(t.clone());
                        }
                        if ui
                            .add_enabled(may_edit, egui::Button::new("Remove"))
                            .on_hover_text(format!("Remove the training {what}"))
                            .on_disabled_hover_text(&why)
                            .clicked()
                        {
                            command =
                                Some(Command::Security(SecurityCommand::RemoveTraining(t.id)));
                        }
                    });
                    ui.end_row();
                }
            });
    });
    (command, edit)
}
