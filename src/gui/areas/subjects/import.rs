//! The import wizard (Subjects & consent → Import): choose a CSV file (the preset is told from
//! its header and preselected, with the reason shown), the purpose its rows consent to, and —
//! for a file no preset knows — which field each column fills (`import_mapping.rs`, saved by
//! name and offered again); preview how the columns map to fields and the first rows; then
//! import in the background with progress and Cancel. A refused file lists its problems here.
//!
//! The preview shows personal data on screen only; it is forgotten with the view (on lock).

use std::path::PathBuf;

use egui::{ComboBox, Grid, RichText, TextEdit, Ui};

use crate::domain::import::{ImportErrors, Preset};
use crate::domain::purpose::PurposeCode;
use crate::domain::purpose::PurposeRow;
use crate::gui::Command;
use crate::gui::widgets::{FIELD_WIDTH, hint, section};
use crate::jobs::Progress;
use crate::services::{
    ImportOptions, ImportPreview, ImportReport, MappingSource, PresetDetection, SavedImportMapping,
};

use super::import_mapping::{EditorEvent, MappingEditor};

/// Rows shown by the preview.
pub const PREVIEW_ROWS: usize = 10;
/// Problems listed when a file is refused (the rest are counted).
pub const ERRORS_SHOWN: usize = 200;

/// Why an import wrote nothing, as shown: the first problems and how many there were.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportErrorList {
    /// `file:line: column: problem`, at most [`ERRORS_SHOWN`].
    pub lines: Vec<String>,
    /// Problems in all.
    pub total: u64,
    /// Invalid rows (0 when the file itself could not be read).
    pub invalid_rows: u64,
}

impl From<&ImportErrors> for ImportErrorList {
    fn from(e: &ImportErrors) -> Self {
        Self {
            lines: e.lines().take(ERRORS_SHOWN).collect(),
            total: e.total,
            invalid_rows: e.invalid_rows,
        }
    }
}

fn preset_label(p: Preset) -> &'static str {
    match p {
        Preset::Generic => "Generic CSV",
        Preset::Mailchimp => "Mailchimp export",
    }
}

/// The wizard's state.
#[derive(Debug)]
pub struct ImportView {
    file: String,
    preset: Preset,
    purpose: Option<PurposeCode>,
    /// The file the preset was last told for (so a new path is looked at again).
    detected_for: String,
    /// Why the preset (and mapping) were preselected, shown under the form.
    why: Option<String>,
    editor: MappingEditor,
    skip_invalid: bool,
    problem: Option<String>,
    preview: Option<ImportPreview>,
    errors: Option<ImportErrorList>,
    report: Option<ImportReport>,
}

impl Default for ImportView {
    fn default() -> Self {
        Self {
            file: String::new(),
            preset: Preset::Generic,
            purpose: None,
            detected_for: String::new(),
            why: None,
            editor: MappingEditor::default(),
            skip_invalid: false,
            problem: None,
            preview: None,
            errors: None,
            report: None,
        }
    }
}

impl ImportView {
    /// Receives a preview.
    pub fn set_preview(&mut self, preview: ImportPreview) {
        self.preview = Some(preview);
        self.errors = None;
        self.report = None;
    }

    /// Receives the problems of a refused file (a preview or an import).
    pub fn set_errors(&mut self, errors: ImportErrorList) {
        self.errors = Some(errors);
        self.report = None;
    }

    /// Receives what the file's header says: preselects the preset (and a saved mapping that
    /// fits the file), says why, and opens the mapping editor when no preset knows the file.
    pub fn set_detection(
        &mut self,
        path: &str,
        found: PresetDetection,
        saved: Vec<SavedImportMapping>,
    ) {
        self.detected_for = path.to_owned();
        self.preview = None;
        self.errors = None;
        self.editor.set_header(&found.header, saved);
        self.editor.open = false;
        let recognised = found.detected.is_some();
        let (preset, why) = match found.detected {
            Some(d) => (
                d.preset,
                format!("Preselected “{}”: {}.", preset_label(d.preset), d.reason),
            ),
            None => (
                Preset::Generic,
                "No preset recognises this file's header (it has no column named email). Choose below which field each column fills; save the mapping to have it offered next time.".to_owned(),
            ),
        };
        self.preset = preset;
        let mut why = why;
        if let Some(name) = found.saved_mapping.filter(|_| preset == Preset::Generic)
            && self.editor.load(&name)
        {
            why.push_str(&format!(
                " The saved mapping “{name}” names columns of this file, so it is applied."
            ));
            self.editor.open = true;
        } else if !recognised {
            self.editor.open = true;
        }
        self.why = Some(why);
    }

    /// The saved mappings changed (one was saved).
    pub fn set_saved_mappings(&mut self, saved: Vec<SavedImportMapping>) {
        self.editor.set_saved(saved);
    }

    /// An import started: forget earlier results.
    pub fn started(&mut self) {
        self.errors = None;
        self.report = None;
    }

    /// An import finished.
    pub fn imported(&mut self, report: ImportReport) {
        self.preview = None;
        self.errors = None;
        self.report = Some(report);
    }

    /// What the form asks for, or a sentence saying what is missing.
    pub(in crate::gui) fn request(&self) -> Result<(PathBuf, ImportOptions), String> {
        let file = self.file.trim();
        if file.is_empty() {
            return Err("Choose the CSV file to import.".into());
        }
        let mapping = match self.preset {
            Preset::Generic => self.editor.mapping()?.map(MappingSource::Given),
            Preset::Mailchimp => None,
        };
        Ok((
            PathBuf::from(file),
            ImportOptions {
                preset: self.preset,
                purpose: self.purpose.as_ref().map(|p| p.as_str().to_owned()),
                mapping,
                skip_invalid: self.skip_invalid,
            },
        ))
    }

    /// Draws the wizard. `purposes` is the catalogue (None until loaded); `running` the
    /// progress of an import under way.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        purposes: Option<&[PurposeRow]>,
        running: Option<&Progress>,
    ) -> Option<Command> {
        let mut command = None;
        egui::ScrollArea::vertical()
            .id_salt("import-wizard")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if let Some(c) = self.form(ui, purposes.unwrap_or_default(), running) {
                    command = Some(c);
                }
                self.results(ui);
            });
        command
    }

    fn form(
        &mut self,
        ui: &mut Ui,
        purposes: &[PurposeRow],
        running: Option<&Progress>,
    ) -> Option<Command> {
        let mut command = None;
        ui.heading("Import consent");
        hint(
            ui,
            "Read consent from a CSV file: a Mailchimp audience export (subscribed, unsubscribed or cleaned) or any file with columns such as email, name, purpose, state and timestamp. All or nothing: one invalid row and nothing is imported, unless you choose to skip invalid rows.",
        );
        ui.add_space(6.0);
        let idle = running.is_none();
        ui.add_enabled_ui(idle, |ui| {
            Grid::new("import-form")
                .num_columns(2)
                .spacing([12.0, 8.0])
                .show(ui, |ui| {
                    let label = ui.label("File");
                    ui.horizontal(|ui| {
                        let field = ui
                            .add(TextEdit::singleline(&mut self.file).desired_width(FIELD_WIDTH))
                            .labelled_by(label.id);
                        if field.changed() {
                            self.problem = None;
                        }
                        if let Some(path) = crate::gui::file_dialog::FileDialog::new()
                            .add_filter("CSV", &["csv"])
                            .pick_file(ui.button("Choose file…").clicked(), ui)
                        {
                            self.file = path.display().to_string();
                            self.preview = None;
                        }
                        let file = self.file.trim();
                        if !field.has_focus() && !file.is_empty() && file != self.detected_for {
                            // A new file: tell its preset from the header.
                            self.detected_for = file.to_owned();
                            command = Some(Command::DetectImportPreset {
                                path: PathBuf::from(file),
                            });
                        }
                    });
                    ui.end_row();

                    let label = ui.label("Preset");
                    ComboBox::from_id_salt("import-preset")
                        .selected_text(preset_label(self.preset))
                        .show_ui(ui, |ui| {
                            for p in Preset::ALL {
                                ui.selectable_value(&mut self.preset, p, preset_label(p));
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();

                    let label = ui.label("Purpose");
                    let selected = self
                        .purpose
                        .as_ref()
                        .and_then(|code| purposes.iter().find(|r| &r.purpose.code == code))
                        .map_or_else(
                            || match self.preset {
                                Preset::Generic => "From the file's purpose column".to_owned(),
                                Preset::Mailchimp => "Choose the purpose…".to_owned(),
                            },
                            |r| r.purpose.name.clone(),
                        );
                    ComboBox::from_id_salt("import-purpose")
                        .selected_text(selected)
                        .width(FIELD_WIDTH)
                        .show_ui(ui, |ui| {
                            if self.preset == Preset::Generic {
                                ui.selectable_value(
                                    &mut self.purpose,
                                    None,
                                    "From the file's purpose column",
                                );
                            }
                            for row in purposes {
                                ui.selectable_value(
                                    &mut self.purpose,
                                    Some(row.purpose.code.clone()),
                                    &row.purpose.name,
                                );
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();
                });
            if let Some(why) = &self.why {
                hint(ui, why);
            }
            if self.preset == Preset::Generic {
                let first = self
                    .preview
                    .as_ref()
                    .and_then(|p| p.rows.first())
                    .map(|(_, cells)| cells.as_slice());
                match self.editor.ui(ui, first) {
                    Some(EditorEvent::Changed) => {
                        self.problem = None;
                        if let Ok((path, options)) = self.request() {
                            command = Some(Command::PreviewImport { path, options });
                        }
                    }
                    Some(EditorEvent::Save(name, mapping)) => {
                        self.problem = None;
                        command = Some(Command::SaveImportMapping { name, mapping });
                    }
                    Some(EditorEvent::Problem(p)) => self.problem = Some(p),
                    None => {}
                }
                hint(
                    ui,
                    "The purpose applies to rows without their own purpose column.",
                );
            } else {
                hint(
                    ui,
                    "Every contact of a Mailchimp audience consented to one purpose: choose it.",
                );
            }
            ui.checkbox(
                &mut self.skip_invalid,
                "Skip invalid rows (write them to a .rejected.csv beside the file)",
            );
            if let Some(p) = &self.problem {
                ui.colored_label(ui.visuals().error_fg_color, p);
            }
            ui.horizontal(|ui| {
                let preview = ui.button("Preview").clicked();
                let import = ui.button("Import the file").clicked();
                if (preview || import)
                    && matches!(command, Some(Command::DetectImportPreset { .. }))
                {
                    // The file was just given: its header is looked at first (and previewed),
                    // so the officer sees the preselected preset before importing.
                } else if preview || import {
                    match self.request() {
                        Ok((path, options)) => {
                            self.problem = None;
                            command = Some(if import {
                                Command::StartImport { path, options }
                            } else {
                                Command::PreviewImport { path, options }
                            });
                        }
                        Err(p) => self.problem = Some(p),
                    }
                }
            });
        });
        if let Some(p) = running {
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let (done, total) = p.counts();
                let (fraction, text) = if total == 0 {
                    (0.0, format!("Checking the rows: {done} read"))
                } else {
                    // The import reads the file twice: checking, then writing.
                    let rows = total / 2;
                    (
                        p.fraction(),
                        format!("{} of {rows} rows", done.saturating_sub(rows).min(rows)),
                    )
                };
                ui.label("Importing…");
                ui.add(
                    egui::ProgressBar::new(fraction)
                        .desired_width(320.0)
                        .text(text)
                        .animate(total == 0),
                );
                if ui.button("Cancel").clicked() {
                    command = Some(Command::CancelImport);
                }
            });
        }
        command
    }

    fn results(&self, ui: &mut Ui) {
        if let Some(errors) = &self.errors {
            section(ui, "Nothing was imported");
            let why = match errors.invalid_rows {
                0 => "The file could not be imported, so nothing was written to the store:".to_owned(),
                1 => "1 row is invalid, so nothing was imported. Correct it, or tick “Skip invalid rows” to import the others:".to_owned(),
                n => format!("{n} rows are invalid, so nothing was imported. Correct them, or tick “Skip invalid rows” to import the others:"),
            };
            ui.label(RichText::new(why).strong());
            for line in &errors.lines {
                ui.colored_label(ui.visuals().error_fg_color, line);
            }
            let unlisted = errors.total.saturating_sub(errors.lines.len() as u64);
            if unlisted > 0 {
                hint(
                    ui,
                    &format!(
                        "Showing the first {} of {} problems.",
                        errors.lines.len(),
                        errors.total
                    ),
                );
            }
        }
        if let Some(r) = &self.report {
            section(ui, "Imported");
            for w in &r.warnings {
                hint(ui, &format!("Note: {w}"));
            }
            if let Some(path) = &r.rejected_file {
                ui.label(format!(
                    "{} rejected rows were written with the reasons to {}. It holds personal data: delete it when done.",
                    r.rows_rejected,
                    path.display()
                ));
            }
        }
        if let Some(p) = &self.preview {
            preview_ui(ui, p);
        }
    }
}

fn preview_ui(ui: &mut Ui, p: &ImportPreview) {
    section(ui, "Column mapping");
    match &p.file_kind {
        Some(kind) => hint(ui, &format!("Read as a {kind} file.")),
        None => {
            ui.label(
                RichText::new(
                    "The header cannot be read by this preset; the import would be refused:",
                )
                .strong(),
            );
        }
    }
    for problem in &p.problems {
        ui.colored_label(ui.visuals().error_fg_color, problem);
    }
    if !p.mapped.is_empty() {
        Grid::new("import-mapping")
            .num_columns(3)
            .striped(true)
            .spacing([20.0, 4.0])
            .show(ui, |ui| {
                for t in ["#", "Column in the file", "Read as"] {
                    ui.strong(t);
                }
                ui.end_row();
                for m in &p.mapped {
                    ui.label(m.position.to_string());
                    ui.label(&m.source);
                    ui.label(&m.field);
                    ui.end_row();
                }
            });
    }
    for w in &p.warnings {
        hint(ui, &format!("Note: {w}"));
    }
    section(ui, "First rows");
    if p.rows.is_empty() {
        hint(ui, "The file has no rows after its header.");
        return;
    }
    egui::ScrollArea::horizontal()
        .id_salt("import-preview-rows")
        .show(ui, |ui| {
            Grid::new("import-rows")
                .num_columns(p.header.len() + 1)
                .striped(true)
                .spacing([16.0, 4.0])
                .show(ui, |ui| {
                    ui.strong("Line");
                    for h in &p.header {
                        ui.strong(h);
                    }
                    ui.end_row();
                    for (line, cells) in &p.rows {
                        ui.label(line.to_string());
                        for c in cells {
                            ui.add(egui::Label::new(c.as_str()).truncate());
                        }
                        ui.end_row();
                    }
                });
        });
}
