//! A register tab of the Security area (Measures, Training): the rows read from the store as a
//! table with a change and a Remove button on each, and below it the form that adds a row or
//! changes the one picked. What differs per register — its texts, its columns, its fields and
//! its commands — comes from the form's [`RegisterForm`] implementation.

use chrono::NaiveDate;
use egui::Ui;

use crate::domain::access::{Permission, Role};
use crate::gui::Command;
use crate::gui::field_error::{FieldError, fingerprint};
use crate::gui::view_data::{Fresh, ViewData};
use crate::gui::widgets::{hint, section};
use crate::services::{ServiceResult, Session};

use crate::gui::areas::register_table::{TableLook, register_table};
use crate::gui::areas::request_widgets::today;

/// The form of one Security register, and what its tab shows around it.
pub trait RegisterForm: Default + std::fmt::Debug {
    /// The row the register lists.
    type Row;
    /// The hint at the top of the tab.
    const HINT: &'static str;
    /// The heading over the table.
    const SECTION: &'static str;
    /// What the tab says while the register is empty.
    const NONE_YET: &'static str;
    /// The table's id and columns.
    const TABLE: TableLook;
    /// The button on a row that puts it in the form ("Edit", "Correct").
    const CHANGE: &'static str;
    /// The heading over the form for a new row.
    const ADD_TITLE: &'static str;
    /// The heading over the form changing a row.
    const CHANGE_TITLE: &'static str;
    /// The button that saves the form.
    const SAVE: &'static str;
    /// The button that drops a change and empties the form.
    const CANCEL: &'static str;

    /// Builds the rows from the store.
    fn build(session: &Session) -> ServiceResult<Vec<Self::Row>>;
    /// The form filled with a row.
    fn of(row: &Self::Row) -> Self;
    /// Whether the form changes an existing row.
    fn editing(&self) -> bool;
    /// The problem shown under the form.
    fn problem(&mut self) -> &mut FieldError;
    /// Draws the fields.
    fn fields(&mut self, ui: &mut Ui);
    /// The command that saves what the form describes; the error names the field.
    fn save(&self) -> Result<Command, String>;
    /// Fills a row's cells as of `today`, one per column but the last.
    fn cells(ui: &mut Ui, row: &Self::Row, today: NaiveDate);
    /// The hover text of a row's change button and of its Remove button.
    fn hovers(row: &Self::Row) -> (String, String);
    /// The command that removes a row.
    fn remove(row: &Self::Row) -> Command;
}

/// A Security register tab's state: the rows read (none until they are) and the form.
#[derive(Debug)]
pub struct SecurityRegister<F: RegisterForm> {
    rows: ViewData<Vec<F::Row>>,
    form: F,
}

impl<F: RegisterForm> Default for SecurityRegister<F> {
    fn default() -> Self {
        Self {
            rows: ViewData::default(),
            form: F::default(),
        }
    }
}

impl<F: RegisterForm> SecurityRegister<F> {
    /// Builds the rows when the store changed since they were read.
    pub fn prepare(&mut self, fresh: &Fresh<'_>) -> ServiceResult<()> {
        self.rows
            .refresh(fresh.generation, (), |()| F::build(fresh.session))
    }

    /// Shows the service's problem beside the form.
    pub fn form_problem(&mut self, problem: String) {
        self.form.problem().set(problem);
    }

    /// The row was saved: empties the form and reads the register again.
    pub fn saved(&mut self) {
        self.form = F::default();
    }

    /// Draws the tab.
    pub fn ui(&mut self, ui: &mut Ui, role: Role) -> Option<Command> {
        let mut command = None;
        hint(ui, F::HINT);
        section(ui, F::SECTION);
        let mut edit = None;
        match self.rows.get() {
            None => hint(ui, "Loading…"),
            Some(rows) if rows.is_empty() => hint(ui, F::NONE_YET),
            Some(rows) => {
                let (c, e) = table::<F>(ui, rows, role);
                command = c.or(command);
                edit = e.map(|i| F::of(&rows[i]));
            }
        }
        if let Some(form) = edit {
            self.form = form;
        }
        section(
            ui,
            if self.form.editing() {
                F::CHANGE_TITLE
            } else {
                F::ADD_TITLE
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
        f.fields(ui);
        let inputs = fingerprint(&*f);
        f.problem().show(ui, inputs, "");
        let mut command = None;
        ui.horizontal(|ui| {
            if ui.button(F::SAVE).clicked() {
                match f.save() {
                    Ok(c) => {
                        f.problem().clear();
                        command = Some(c);
                    }
                    Err(p) => f.problem().set(p),
                }
            }
            if f.editing() && ui.button(F::CANCEL).clicked() {
                *f = F::default();
            }
        });
        command
    }
}

/// The rows; returns a Remove asked for, or the index of the row to put in the form.
fn table<F: RegisterForm>(
    ui: &mut Ui,
    rows: &[F::Row],
    role: Role,
) -> (Option<Command>, Option<usize>) {
    let mut command = None;
    let mut edit = None;
    let may_edit = role.can(Permission::EditVendorsAndRecords);
    let today = today();
    register_table(ui, F::TABLE, rows, |ui, i, row| {
        F::cells(ui, row, today);
        ui.horizontal(|ui| {
            let why = Permission::EditVendorsAndRecords.why_not(role);
            let (change, remove) = F::hovers(row);
            if ui
                .add_enabled(may_edit, egui::Button::new(F::CHANGE))
                .on_hover_text(change)
                .on_disabled_hover_text(&why)
                .clicked()
            {
                edit = Some(i);
            }
            if ui
                .add_enabled(may_edit, egui::Button::new("Remove"))
                .on_hover_text(remove)
                .on_disabled_hover_text(&why)
                .clicked()
            {
                command = Some(F::remove(row));
            }
        });
    });
    (command, edit)
}
