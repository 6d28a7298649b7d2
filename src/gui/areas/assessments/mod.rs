//! The Assessments area: the list of privacy impact assessments with their status, progress
//! and overdue measures; starting one from a template; importing one (ours or the CNIL PIA
//! tool's); and the templates, which the officer can add from a file, copy and edit. An open
//! assessment is drawn by [`AssessmentEditor`].

pub(in crate::gui) mod apply;
pub(in crate::gui) mod area;
pub(in crate::gui) mod command;
pub(in crate::gui) mod editor;

use chrono::NaiveDate;
use egui::{ComboBox, RichText, Ui};
use egui_extras::{Column, TableBuilder};
use uuid::Uuid;

use crate::domain::assessment::{AssessmentStatus, Template, TemplateKind};
use crate::gui::Command;
use crate::gui::areas::assessments::command::AssessmentCommand;
use crate::gui::areas::assessments::editor::AssessmentEditor;
use crate::gui::view_data::{Fresh, ViewData};
use crate::gui::widgets::{FIELD_WIDTH, hint, section, text_area, text_field};
use crate::services::{ServiceResult, Session};

/// One line of the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssessmentListRow {
    /// Its id.
    pub id: Uuid,
    /// Its title.
    pub title: String,
    /// The template's name.
    pub template: String,
    /// Where it stands.
    pub status: AssessmentStatus,
    /// Its version.
    pub version: u32,
    /// Questions answered and in all.
    pub answered: (usize, usize),
    /// Measures past their due date.
    pub overdue: usize,
    /// When it last changed (YYYY-MM-DD).
    pub updated: String,
}

/// A template and, for one the officer added or copied, its editable TOML text.
#[derive(Clone, Debug)]
pub struct TemplateEntry {
    /// The template.
    pub template: Template,
    /// The TOML source, for templates stored in the store (shipped ones are read-only).
    pub source: Option<String>,
}

/// What the list shows: the assessments and the templates.
#[derive(Debug, Default)]
pub struct AssessmentsData {
    /// The assessments.
    pub rows: Vec<AssessmentListRow>,
    /// The templates, shipped and the officer's.
    pub templates: Vec<TemplateEntry>,
}

/// The templates read (none before the first read).
fn templates(list: &ViewData<AssessmentsData, NaiveDate>) -> &[TemplateEntry] {
    list.get()
        .map(|d| d.templates.as_slice())
        .unwrap_or_default()
}

/// Builds the list: every assessment with its progress `today`, and the templates.
pub fn assessments_data(session: &Session, today: NaiveDate) -> ServiceResult<AssessmentsData> {
    let rows = session
        .assessments()
        .list(today)?
        .into_iter()
        .map(|s| AssessmentListRow {
            id: s.id,
            title: s.title,
            template: s.template_name,
            status: s.status,
            version: s.version,
            answered: (s.answered, s.questions),
            overdue: s.overdue_measures,
            updated: s.updated_at.get(..10).unwrap_or_default().to_owned(),
        })
        .collect();
    let templates = session
        .assessments()
        .assessment_templates()?
        .into_iter()
        .map(|t| TemplateEntry {
            template: t.template,
            source: t.source,
        })
        .collect();
    Ok(AssessmentsData { rows, templates })
}

/// The area's state.
#[derive(Debug, Default)]
pub struct AssessmentsView {
    list: ViewData<AssessmentsData, NaiveDate>,
    /// The assessment open in the editor.
    pub editor: Option<AssessmentEditor>,
    new_title: String,
    new_template: String,
    showing_templates: bool,
    editing_template: Option<(String, String)>,
    copy_code: String,
    copy_name: String,
}

fn status_colour(ui: &Ui, status: AssessmentStatus) -> egui::Color32 {
    match status {
        AssessmentStatus::Validated => egui::Color32::from_rgb(0x2e, 0x7d, 0x32),
        AssessmentStatus::ValidatedWithConditions => egui::Color32::from_rgb(0xb2, 0x6a, 0x00),
        AssessmentStatus::Rejected => ui.visuals().error_fg_color,
        AssessmentStatus::Draft | AssessmentStatus::InReview => ui.visuals().text_color(),
    }
}

impl AssessmentsView {
    /// Builds the list and the templates when the list shows and the store changed since they
    /// were read; a new read closes the template being edited.
    pub fn prepare(&mut self, fresh: &Fresh<'_>) -> ServiceResult<()> {
        if let Some(editor) = self.editor.as_mut() {
            return editor.prepare(fresh);
        }
        if self.list.is_current(fresh.generation, &fresh.today) {
            return Ok(());
        }
        let built = self.list.refresh(fresh.generation, fresh.today, |today| {
            assessments_data(fresh.session, *today)
        });
        if self.new_template.is_empty()
            && let Some(first) = templates(&self.list)
                .iter()
                .find(|t| t.template.kind == TemplateKind::Dpia)
        {
            self.new_template = first.template.code.clone();
        }
        self.editing_template = None;
        built
    }

    /// The template with `code`.
    pub fn template(&self, code: &str) -> Option<&Template> {
        templates(&self.list)
            .iter()
            .map(|t| &t.template)
            .find(|t| t.code == code)
    }

    /// Draws the area.
    pub fn ui(&mut self, ui: &mut Ui, may_edit: bool) -> Option<Command> {
        if let Some(editor) = self.editor.as_mut() {
            return editor.ui(ui, may_edit);
        }
        self.list.get()?;
        let mut command = None;
        hint(
            ui,
            "A privacy impact assessment (GDPR Art. 35) weighs the risks of a new use of personal data before you start it. Begin with the screening checklist; if two or more criteria apply, carry out a full assessment.",
        );
        ui.add_space(4.0);
        if may_edit {
            command = command.or(self.new_form(ui));
        }
        ui.add_space(8.0);
        let rows = self
            .list
            .get()
            .map(|d| d.rows.as_slice())
            .unwrap_or_default();
        section(ui, &format!("Assessments ({})", rows.len()));
        if rows.is_empty() {
            ui.label("No assessments yet.");
        } else {
            command = command.or(Self::table(ui, rows));
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if let Some(path) = crate::gui::file_dialog::FileDialog::new()
                .add_filter("JSON", &["json"])
                .pick_file(
                    may_edit
                        && ui
                            .button("Import an assessment…")
                            .on_hover_text(
                                "A file exported by Privacy Desk, or by the CNIL's PIA tool (JSON)",
                            )
                            .clicked(),
                    ui,
                )
            {
                command = Some(Command::Assessment(AssessmentCommand::Import(path)));
            }
            let label = if self.showing_templates {
                "Hide the templates"
            } else {
                "Templates…"
            };
            if ui.button(label).clicked() {
                self.showing_templates = !self.showing_templates;
            }
        });
        if self.showing_templates {
            command = command.or(self.templates_ui(ui, may_edit));
        }
        command
    }

    fn new_form(&mut self, ui: &mut Ui) -> Option<Command> {
        let mut command = None;
        section(ui, "Start an assessment");
        text_field(ui, "Title", &mut self.new_title);
        let chosen = self
            .template(&self.new_template)
            .map_or_else(|| "Choose a template".to_owned(), |t| t.name.clone());
        ui.horizontal(|ui| {
            let label = ui.label("Template");
            ComboBox::from_id_salt("new-assessment-template")
                .width(FIELD_WIDTH)
                .selected_text(chosen)
                .show_ui(ui, |ui| {
                    for t in templates(&self.list) {
                        ui.selectable_value(
                            &mut self.new_template,
                            t.template.code.clone(),
                            &t.template.name,
                        );
                    }
                })
                .response
                .labelled_by(label.id);
        });
        if let Some(t) = self.template(&self.new_template) {
            hint(ui, &t.description);
        }
        if ui.button("Start").clicked() {
            command = Some(Command::Assessment(AssessmentCommand::New {
                title: self.new_title.trim().to_owned(),
                template: self.new_template.clone(),
            }));
            self.new_title.clear();
        }
        command
    }

    fn table(ui: &mut Ui, rows: &[AssessmentListRow]) -> Option<Command> {
        let mut command = None;
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
        // Sideways scrolling in a narrow window; cells never wrap, so rows keep their height.
        crate::gui::widgets::wide(ui, "assessments-wide", |ui| {
            TableBuilder::new(ui)
                .id_salt("assessments")
                .striped(true)
                .column(Column::initial(280.0).resizable(true))
                .column(Column::initial(220.0))
                .column(Column::exact(170.0))
                .column(Column::exact(90.0))
                .column(Column::exact(110.0))
                .column(Column::remainder().at_least(140.0))
                .header(row_height, |mut h| {
                    for t in [
                        "Title", "Template", "Status", "Answered", "Overdue", "Changed",
                    ] {
                        h.col(|ui| {
                            ui.strong(t);
                        });
                    }
                })
                .body(|body| {
                    body.rows(row_height, rows.len(), |mut row| {
                        let r = &rows[row.index()];
                        row.col(|ui| {
                            let link = egui::Link::new(&r.title);
                            if ui.add(link).on_hover_text("Open").clicked() {
                                command = Some(Command::Assessment(AssessmentCommand::Open(r.id)));
                            }
                        });
                        row.col(|ui| {
                            ui.add(egui::Label::new(&r.template).truncate());
                        });
                        row.col(|ui| {
                            let colour = status_colour(ui, r.status);
                            ui.colored_label(
                                colour,
                                format!("{} (v{})", r.status.label(), r.version),
                            );
                        });
                        row.col(|ui| {
                            ui.label(format!("{} of {}", r.answered.0, r.answered.1));
                        });
                        row.col(|ui| {
                            if r.overdue > 0 {
                                ui.colored_label(
                                    ui.visuals().error_fg_color,
                                    if r.overdue == 1 {
                                        "1 measure".to_owned()
                                    } else {
                                        format!("{} measures", r.overdue)
                                    },
                                );
                            } else {
                                ui.label("—");
                            }
                        });
                        row.col(|ui| {
                            ui.add(egui::Label::new(&r.updated).truncate());
                        });
                    });
                });
        });
        command
    }

    fn templates_ui(&mut self, ui: &mut Ui, may_edit: bool) -> Option<Command> {
        let mut command = None;
        section(ui, "Templates");
        hint(
            ui,
            "Templates are TOML files a non-programmer can read: sections, questions and guidance. The shipped ones cannot be changed; copy one to adapt it, or add your own from a file.",
        );
        for entry in templates(&self.list) {
            let t = &entry.template;
            ui.horizontal(|ui| {
                ui.label(RichText::new(&t.name).strong());
                ui.label(
                    RichText::new(format!(
                        "({}{})",
                        t.code,
                        if entry.source.is_some() {
                            ", yours"
                        } else {
                            ", shipped"
                        }
                    ))
                    .weak(),
                );
                if may_edit && ui.button(format!("Copy {}", t.code)).clicked() {
                    self.copy_code = format!("{}-copy", t.code);
                    self.copy_name = format!("{} (our version)", t.name);
                    self.editing_template = Some((t.code.clone(), String::new()));
                }
                if may_edit
                    && let Some(source) = &entry.source
                    && ui.button(format!("Edit {}", t.code)).clicked()
                {
                    self.editing_template = Some((t.code.clone(), source.clone()));
                }
            });
        }
        if let Some((code, source)) = self.editing_template.as_mut() {
            ui.add_space(6.0);
            if source.is_empty() {
                ui.label(format!("Copy the template {code}"));
                text_field(ui, "Code of the copy", &mut self.copy_code);
                text_field(ui, "Name of the copy", &mut self.copy_name);
                if ui.button("Make the copy").clicked() {
                    command = Some(Command::Assessment(AssessmentCommand::CopyTemplate {
                        code: code.clone(),
                        new_code: self.copy_code.trim().to_owned(),
                        new_name: self.copy_name.trim().to_owned(),
                    }));
                }
            } else {
                let label = ui.label(format!("Template {code} (TOML)"));
                ui.add(
                    egui::TextEdit::multiline(source)
                        .code_editor()
                        .desired_rows(18)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
                if ui.button("Save the template").clicked() {
                    command = Some(Command::Assessment(AssessmentCommand::SaveTemplateSource {
                        code: code.clone(),
                        source: source.clone(),
                    }));
                }
            }
            if ui.button("Cancel").clicked() {
                self.editing_template = None;
            }
        }
        if let Some(path) = crate::gui::file_dialog::FileDialog::new()
            .add_filter("Template", &["toml"])
            .pick_file(
                may_edit && ui.button("Add a template from a file…").clicked(),
                ui,
            )
        {
            command = Some(Command::Assessment(AssessmentCommand::AddTemplate(path)));
        }
        let _ = text_area; // (the template editor uses a full-width code editor instead)
        command
    }
}
