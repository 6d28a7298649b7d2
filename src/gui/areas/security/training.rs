//! Security → Staff training: who was trained in data protection, on what, when, and when to
//! renew (renewals within 30 days flagged), with Edit and Remove, and the form that records or
//! corrects a training.

use chrono::NaiveDate;
use egui::Ui;
use uuid::Uuid;

use crate::domain::records::Training;
use crate::domain::records::training::RenewalState;
use crate::gui::Command;
use crate::gui::areas::security::command::SecurityCommand;
use crate::gui::field_error::FieldError;
use crate::gui::widgets::text_field;
use crate::services::{ServiceResult, Session};

use crate::gui::areas::register_table::TableLook;
use crate::gui::areas::request_widgets::{date_field, iso, parse_date};
use crate::gui::areas::security::register::{RegisterForm, SecurityRegister};
use crate::gui::areas::security::{alarm, optional_day};
use crate::gui::widgets::cell;

/// The form that records or corrects a training.
#[derive(Debug, Default)]
pub struct TrainingForm {
    /// The training being corrected; none for a new one.
    editing: Option<Uuid>,
    trainee: String,
    topic: String,
    completed_on: String,
    renew_on: String,
    problem: FieldError,
}

impl TrainingForm {
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
pub type TrainingTab = SecurityRegister<TrainingForm>;

impl RegisterForm for TrainingForm {
    type Row = Training;
    const HINT: &'static str = "Who was trained in data protection and when; set a renewal date so refreshers show on the Dashboard 30 days ahead. Names are stored encrypted.";
    const SECTION: &'static str = "Trainings";
    const NONE_YET: &'static str = "No training recorded yet.";
    const TABLE: TableLook = TableLook {
        id: "trainings",
        columns: &["Trainee", "Topic", "Completed", "Renew on", "State", ""],
        max_col_width: 220.0,
    };
    const CHANGE: &'static str = "Correct";
    const ADD_TITLE: &'static str = "Record a training";
    const CHANGE_TITLE: &'static str = "Correct the training";
    const SAVE: &'static str = "Save the training";
    const CANCEL: &'static str = "Cancel the correction";

    fn build(session: &Session) -> ServiceResult<Vec<Training>> {
        session.security().trainings()
    }

    fn of(t: &Training) -> Self {
        Self {
            editing: Some(t.id),
            trainee: t.trainee.clone(),
            topic: t.topic.clone(),
            completed_on: iso(t.completed_on),
            renew_on: t.renew_on.map(iso).unwrap_or_default(),
            problem: FieldError::default(),
        }
    }

    fn editing(&self) -> bool {
        self.editing.is_some()
    }

    fn problem(&mut self) -> &mut FieldError {
        &mut self.problem
    }

    fn fields(&mut self, ui: &mut Ui) {
        text_field(ui, "Trainee (who was trained)", &mut self.trainee);
        text_field(ui, "Training topic", &mut self.topic);
        date_field(ui, "Completed on (YYYY-MM-DD)", &mut self.completed_on);
        date_field(
            ui,
            "Renew on (YYYY-MM-DD; empty: no renewal)",
            &mut self.renew_on,
        );
    }

    fn save(&self) -> Result<Command, String> {
        Ok(Command::Security(SecurityCommand::SaveTraining {
            new: self.editing.is_none(),
            training: Box::new(self.training()?),
        }))
    }

    fn cells(ui: &mut Ui, t: &Training, today: NaiveDate) {
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
    }

    fn hovers(t: &Training) -> (String, String) {
        let what = format!("{} of {}", t.topic, t.trainee);
        (
            format!("Correct the training {what}"),
            format!("Remove the training {what}"),
        )
    }

    fn remove(t: &Training) -> Command {
        Command::Security(SecurityCommand::RemoveTraining(t.id))
    }
}
