//! A register tab of the Records area (Activities, Systems): the records as a table in the
//! officer's order, with Edit, Remove… (asked first), Up and Down on each row, "New …" above
//! it and the record's editor below. What differs per register — its texts, its columns, its
//! editor and its commands — comes from the editor's [`RecordForm`] implementation.

use egui::Ui;

use crate::domain::records::RecordCode;
use crate::gui::Command;
use crate::gui::widgets::hint;

use crate::gui::areas::records::activity_form::FormAction;
use crate::gui::areas::records::{RecordsData, gated};
use crate::gui::areas::register_table::{TableLook, register_table};

/// The editor of one kind of record, and what its register tab shows around it.
pub trait RecordForm: Sized {
    /// The record the register lists.
    type Record;
    /// The hint at the top of the tab.
    const HINT: &'static str;
    /// The button that opens the editor on a new record ("New activity…").
    const NEW: &'static str;
    /// What the tab says while the register is empty.
    const NONE_YET: &'static str;
    /// The table's id and columns.
    const TABLE: TableLook;
    /// The button that confirms a removal ("Remove the activity").
    const REMOVE: &'static str;

    /// The register's records, in order.
    fn records(data: &RecordsData) -> &[Self::Record];
    /// A record's code.
    fn code_of(record: &Self::Record) -> &RecordCode;
    /// A record's name.
    fn name_of(record: &Self::Record) -> &str;
    /// The editor on a new record.
    fn blank() -> Self;
    /// The editor on an existing record.
    fn open_on(record: &Self::Record) -> Self;
    /// Whether the editor changes an existing record.
    fn editing(&self) -> bool;
    /// Shows the service's problem in the editor.
    fn show_problem(&mut self, problem: String);
    /// Draws the editor.
    fn draw(&mut self, ui: &mut Ui, data: &RecordsData) -> Option<FormAction<Self::Record>>;
    /// Fills a row's cells, one per column but the last.
    fn cells(ui: &mut Ui, data: &RecordsData, record: &Self::Record);
    /// The question asked before removing the record named `name`.
    fn question(name: &str) -> String;
    /// The command that saves `record` (`new`: it is added).
    fn save(record: Self::Record, new: bool) -> Command;
    /// The command that moves a record up or down.
    fn moved(code: RecordCode, up: bool) -> Command;
    /// The command that removes a record.
    fn remove(code: RecordCode) -> Command;
}

/// A register tab's state: the editor open, the removal being confirmed, a record to open.
#[derive(Debug)]
pub struct RecordsRegister<F> {
    editor: Option<F>,
    removing: Option<RecordCode>,
    /// A record to open once the data is there (from elsewhere in the window).
    opening: Option<String>,
}

impl<F> Default for RecordsRegister<F> {
    fn default() -> Self {
        Self {
            editor: None,
            removing: None,
            opening: None,
        }
    }
}

impl<F: RecordForm> RecordsRegister<F> {
    /// Closes the editor and the confirmation.
    pub fn close(&mut self) {
        self.editor = None;
        self.removing = None;
    }

    /// Shows a problem in the editor; false when none is open.
    pub fn problem(&mut self, problem: String) -> bool {
        match self.editor.as_mut() {
            Some(e) => {
                e.show_problem(problem);
                true
            }
            None => false,
        }
    }

    /// Opens the editor on the record `code` when the tab is next drawn.
    pub fn open(&mut self, code: &str) {
        self.opening = Some(code.to_owned());
    }

    /// Draws the tab.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        data: &RecordsData,
        may_edit: bool,
        why_not: &str,
    ) -> Option<Command> {
        let records = F::records(data);
        if let Some(code) = self.opening.take()
            && let Some(r) = records.iter().find(|r| F::code_of(r).as_str() == code)
        {
            self.editor = Some(F::open_on(r));
        }
        let mut command = None;
        hint(ui, F::HINT);
        if gated(ui, may_edit, F::NEW, why_not) {
            self.editor = Some(F::blank());
        }
        if records.is_empty() {
            ui.label(F::NONE_YET);
        } else {
            command = self.table(ui, data, may_edit, why_not);
        }
        if let Some(c) = self.remove_confirmation(ui, records) {
            command = Some(c);
        }
        if let Some(editor) = self.editor.as_mut() {
            ui.add_space(6.0);
            match editor.draw(ui, data) {
                Some(FormAction::Save(record)) => {
                    command = Some(F::save(record, !editor.editing()));
                }
                Some(FormAction::Close) => self.editor = None,
                None => {}
            }
        }
        command
    }

    fn table(
        &mut self,
        ui: &mut Ui,
        data: &RecordsData,
        may_edit: bool,
        why_not: &str,
    ) -> Option<Command> {
        let mut command = None;
        let records = F::records(data);
        let n = records.len();
        register_table(ui, F::TABLE, records, |ui, i, r| {
            F::cells(ui, data, r);
            let name = F::name_of(r);
            ui.horizontal(|ui| {
                ui.add_enabled_ui(may_edit, |ui| {
                    if ui
                        .button("Edit")
                        .on_hover_text(format!("Edit {name}"))
                        .on_disabled_hover_text(why_not)
                        .clicked()
                    {
                        self.editor = Some(F::open_on(r));
                    }
                    if ui
                        .button("Remove…")
                        .on_disabled_hover_text(why_not)
                        .clicked()
                    {
                        self.removing = Some(F::code_of(r).clone());
                    }
                    for (up, text, may) in [(true, "Up", i > 0), (false, "Down", i + 1 < n)] {
                        if ui
                            .add_enabled(may, egui::Button::new(text).small())
                            .on_hover_text(format!("Move {name} {}", text.to_lowercase()))
                            .clicked()
                        {
                            command = Some(F::moved(F::code_of(r).clone(), up));
                        }
                    }
                });
            });
        });
        command
    }

    fn remove_confirmation(&mut self, ui: &mut Ui, records: &[F::Record]) -> Option<Command> {
        let code = self.removing.clone()?;
        let name = records
            .iter()
            .find(|r| *F::code_of(r) == code)
            .map_or_else(|| code.to_string(), |r| F::name_of(r).to_owned());
        let mut command = None;
        let mut keep = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(F::question(&name));
            ui.horizontal(|ui| {
                if ui.button(F::REMOVE).clicked() {
                    command = Some(F::remove(code.clone()));
                }
                keep = ui.button("Keep it").clicked();
            });
        });
        if keep || command.is_some() {
            self.removing = None;
        }
        command
    }
}
