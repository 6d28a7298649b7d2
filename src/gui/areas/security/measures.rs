//! Security → Measures: the register of technical and organisational measures (GDPR Art. 32)
//! with their review dates, Edit and Remove, and the form that adds or changes one.

use chrono::NaiveDate;
use egui::{ComboBox, Ui};

use crate::domain::records::{MeasureKind, RecordCode, SecurityMeasure};
use crate::gui::Command;
use crate::gui::areas::security::command::SecurityCommand;
use crate::gui::field_error::FieldError;
use crate::gui::widgets::{FIELD_WIDTH, text_area, text_field};
use crate::services::{ServiceResult, Session};

use crate::gui::areas::register_table::TableLook;
use crate::gui::areas::request_widgets::{date_field, iso};
use crate::gui::areas::security::register::{RegisterForm, SecurityRegister};
use crate::gui::areas::security::{alarm, optional_day};
use crate::gui::widgets::cell;

/// The form that adds or changes a measure.
#[derive(Debug)]
pub struct MeasureForm {
    /// The code of the measure being changed; none for a new one.
    editing: Option<RecordCode>,
    name: String,
    kind: MeasureKind,
    description: String,
    owner: String,
    since: String,
    review_on: String,
    evidence: String,
    problem: FieldError,
}

impl Default for MeasureForm {
    fn default() -> Self {
        Self {
            editing: None,
            name: String::new(),
            kind: MeasureKind::Encryption,
            description: String::new(),
            owner: String::new(),
            since: String::new(),
            review_on: String::new(),
            evidence: String::new(),
            problem: FieldError::default(),
        }
    }
}

impl MeasureForm {
    /// The measure the form describes; the error names the field.
    fn measure(&self) -> Result<SecurityMeasure, String> {
        if self.name.trim().is_empty() {
            return Err("Name: give the measure a name, e.g. \"Laptop disk encryption\".".into());
        }
        let named = SecurityMeasure::named(&self.name, self.kind);
        Ok(SecurityMeasure {
            code: self.editing.clone().unwrap_or(named.code.clone()),
            description: self.description.clone(),
            owner: self.owner.clone(),
            in_place_since: optional_day("In place since", &self.since)?,
            review_on: optional_day("Review on", &self.review_on)?,
            evidence: self.evidence.clone(),
            ..named
        })
    }
}

/// The Measures tab's state.
pub type MeasuresTab = SecurityRegister<MeasureForm>;

impl RegisterForm for MeasureForm {
    type Row = SecurityMeasure;
    const HINT: &'static str = "The technical and organisational measures that protect personal data (GDPR Art. 32): encryption, access control, backups, audits, training, physical security. Review each regularly and keep the evidence.";
    const SECTION: &'static str = "Measures";
    const NONE_YET: &'static str = "No security measure recorded yet.";
    const TABLE: TableLook = TableLook {
        id: "security-measures",
        columns: &[
            "Measure", "Kind", "Owner", "Since", "Review", "Evidence", "",
        ],
        max_col_width: 220.0,
    };
    const CHANGE: &'static str = "Edit";
    const ADD_TITLE: &'static str = "Add a measure";
    const CHANGE_TITLE: &'static str = "Change the measure";
    const SAVE: &'static str = "Save the measure";
    const CANCEL: &'static str = "Cancel the change";

    fn build(session: &Session) -> ServiceResult<Vec<SecurityMeasure>> {
        session.security().security_measures()
    }

    fn of(m: &SecurityMeasure) -> Self {
        Self {
            editing: Some(m.code.clone()),
            name: m.name.clone(),
            kind: m.kind,
            description: m.description.clone(),
            owner: m.owner.clone(),
            since: m.in_place_since.map(iso).unwrap_or_default(),
            review_on: m.review_on.map(iso).unwrap_or_default(),
            evidence: m.evidence.clone(),
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
        text_field(ui, "Name of the measure", &mut self.name);
        let label = ui.label("Kind of measure");
        ComboBox::from_id_salt("measure-kind")
            .width(FIELD_WIDTH * 0.6)
            .selected_text(self.kind.label())
            .show_ui(ui, |ui| {
                for k in MeasureKind::ALL {
                    ui.selectable_value(&mut self.kind, k, k.label());
                }
            })
            .response
            .labelled_by(label.id);
        text_area(ui, "What is done", &mut self.description);
        text_field(ui, "Owner (a role or a team)", &mut self.owner);
        date_field(ui, "In place since (YYYY-MM-DD)", &mut self.since);
        date_field(ui, "Next review on (YYYY-MM-DD)", &mut self.review_on);
        text_field(ui, "Evidence (where the proof is)", &mut self.evidence);
    }

    fn save(&self) -> Result<Command, String> {
        Ok(Command::Security(SecurityCommand::SaveMeasure {
            new: self.editing.is_none(),
            measure: Box::new(self.measure()?),
        }))
    }

    fn cells(ui: &mut Ui, m: &SecurityMeasure, today: NaiveDate) {
        cell(ui, &m.name);
        ui.label(m.kind.label());
        cell(ui, &m.owner);
        ui.label(m.in_place_since.map(iso).unwrap_or_default());
        match m.review_on {
            Some(d) if d < today => alarm(ui, format!("{} (overdue)", iso(d))),
            Some(d) if m.review_due(today) => {
                ui.colored_label(ui.visuals().warn_fg_color, format!("{} (due)", iso(d)));
            }
            Some(d) => {
                ui.label(iso(d));
            }
            None => {
                ui.label("not set");
            }
        }
        cell(ui, &m.evidence);
    }

    fn hovers(m: &SecurityMeasure) -> (String, String) {
        (format!("Change {}", m.name), format!("Remove {}", m.name))
    }

    fn remove(m: &SecurityMeasure) -> Command {
        Command::Security(SecurityCommand::RemoveMeasure(m.code.clone()))
    }
}
