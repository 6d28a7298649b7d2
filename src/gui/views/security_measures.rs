//! Security → Measures: the register of technical and organisational measures (GDPR Art. 32)
//! with their review dates, Edit and Remove, and the form that adds or changes one.

use egui::{ComboBox, Grid, Ui};

use crate::domain::access::{Permission, Role};
use crate::domain::records::{MeasureKind, RecordCode, SecurityMeasure};
use crate::gui::Command;
use crate::gui::security_command::SecurityCommand;
use crate::gui::widgets::{FIELD_WIDTH, hint, section, text_area, text_field};

use super::request_widgets::{date_field, iso, today};
use super::retention::{cell, wide};
use super::security::{alarm, optional_day};

/// The form that adds or changes a measure.
#[derive(Debug)]
struct MeasureForm {
    /// The code of the measure being changed; none for a new one.
    editing: Option<RecordCode>,
    name: String,
    kind: MeasureKind,
    description: String,
    owner: String,
    since: String,
    review_on: String,
    evidence: String,
    problem: Option<String>,
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
            problem: None,
        }
    }
}

impl MeasureForm {
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
            problem: None,
        }
    }

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
#[derive(Debug, Default)]
pub struct MeasuresTab {
    rows: Option<Vec<SecurityMeasure>>,
    form: MeasureForm,
}

impl MeasuresTab {
    /// Receives the measures.
    pub fn set_rows(&mut self, rows: Vec<SecurityMeasure>) {
        self.rows = Some(rows);
    }

    /// Forgets the measures so they are read again when next drawn.
    pub fn invalidate(&mut self) {
        self.rows = None;
    }

    /// Shows the service's problem beside the form.
    pub fn form_problem(&mut self, problem: String) {
        self.form.problem = Some(problem);
    }

    /// The measure was saved: empties the form and reads the register again.
    pub fn saved(&mut self) {
        self.form = MeasureForm::default();
        self.invalidate();
    }

    /// Draws the tab.
    pub fn ui(&mut self, ui: &mut Ui, role: Role) -> Option<Command> {
        let mut command = self
            .rows
            .is_none()
            .then_some(Command::Security(SecurityCommand::LoadMeasures));
        hint(
            ui,
            "The technical and organisational measures that protect personal data (GDPR Art. 32): encryption, access control, backups, audits, training, physical security. Review each regularly and keep the evidence.",
        );
        section(ui, "Measures");
        let may_edit = role.can(Permission::EditVendorsAndRecords);
        let mut edit = None;
        match &self.rows {
            None => hint(ui, "Loading…"),
            Some(rows) if rows.is_empty() => hint(ui, "No security measure recorded yet."),
            Some(rows) => {
                let (c, e) = table(ui, rows, role);
                command = c.or(command);
                edit = e;
            }
        }
        if let Some(m) = edit {
            self.form = MeasureForm::of(&m);
        }
        section(
            ui,
            if self.form.editing.is_some() {
                "Change the measure"
            } else {
                "Add a measure"
            },
        );
        if !may_edit {
            hint(ui, &Permission::EditVendorsAndRecords.why_not(role));
            return command;
        }
        self.form_ui(ui).or(command)
    }

    fn form_ui(&mut self, ui: &mut Ui) -> Option<Command> {
        let f = &mut self.form;
        text_field(ui, "Name of the measure", &mut f.name);
        let label = ui.label("Kind of measure");
        ComboBox::from_id_salt("measure-kind")
            .width(FIELD_WIDTH * 0.6)
            .selected_text(f.kind.label())
            .show_ui(ui, |ui| {
                for k in MeasureKind::ALL {
                    ui.selectable_value(&mut f.kind, k, k.label());
                }
            })
            .response
            .labelled_by(label.id);
        text_area(ui, "What is done", &mut f.description);
        text_field(ui, "Owner (a role or a team)", &mut f.owner);
        date_field(ui, "In place since (YYYY-MM-DD)", &mut f.since);
        date_field(ui, "Next review on (YYYY-MM-DD)", &mut f.review_on);
        text_field(ui, "Evidence (where the proof is)", &mut f.evidence);
        if let Some(p) = &f.problem {
            ui.colored_label(ui.visuals().error_fg_color, p);
        }
        let mut command = None;
        ui.horizontal(|ui| {
            if ui.button("Save the measure").clicked() {
                match f.measure() {
                    Ok(m) => {
                        f.problem = None;
                        command = Some(Command::Security(SecurityCommand::SaveMeasure {
                            new: f.editing.is_none(),
                            measure: Box::new(m),
                        }));
                    }
                    Err(p) => f.problem = Some(p),
                }
            }
            if f.editing.is_some() && ui.button("Cancel the change").clicked() {
                *f = MeasureForm::default();
            }
        });
        command
    }
}

/// The measures; returns a Remove asked for, or the measure to edit.
fn table(
    ui: &mut Ui,
    rows: &[SecurityMeasure],
    role: Role,
) -> (Option<Command>, Option<SecurityMeasure>) {
    let mut command = None;
    let mut edit = None;
    let may_edit = role.can(Permission::EditVendorsAndRecords);
    let today = today();
    wide(ui, "security-measures-wide", |ui| {
        Grid::new("security-measures")
            .num_columns(7)
            .striped(true)
            .spacing([16.0, 4.0])
            .max_col_width(220.0)
            .show(ui, |ui| {
                for t in [
                    "Measure", "Kind", "Owner", "Since", "Review", "Evidence", "",
                ] {
                    ui.strong(t);
                }
                ui.end_row();
                for m in rows {
                    cell(ui, &m.name);
                    ui.label(m.kind.label());
                    cell(ui, &m.owner);
                    ui.label(m.in_place_since.map(iso).unwrap_or_default());
                    match m.review_on {
                        Some(d) if d < today => alarm(ui, format!("{} (overdue)", iso(d))),
                        Some(d) if m.review_due(today) => {
                            ui.colored_label(
                                ui.visuals().warn_fg_color,
                                format!("{} (due)", iso(d)),
                            );
                        }
                        Some(d) => {
                            ui.label(iso(d));
                        }
                        None => {
                            ui.label("not set");
                        }
                    }
                    cell(ui, &m.evidence);
                    ui.horizontal(|ui| {
                        let why = Permission::EditVendorsAndRecords.why_not(role);
                        if ui
                            .add_enabled(may_edit, egui::Button::new("Edit"))
                            .on_hover_text(format!("Change {}", m.name))
                            .on_disabled_hover_text(&why)
                            .clicked()
                        {
                            edit = Some(m.clone());
                        }
                        if ui
                            .add_enabled(may_edit, egui::Button::new("Remove"))
                            .on_hover_text(format!("Remove {}", m.name))
                            .on_disabled_hover_text(&why)
                            .clicked()
                        {
                            command = Some(Command::Security(SecurityCommand::RemoveMeasure(
                                m.code.clone(),
                            )));
                        }
                    });
                    ui.end_row();
                }
            });
    });
    (command, edit)
}
