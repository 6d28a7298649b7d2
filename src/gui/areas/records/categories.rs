//! Records → Data categories: the taxonomy as a tree (special categories of Art. 9 and
//! criminal-offence data of Art. 10 marked), adding a category at the top or under another,
//! editing its name, description and marker, removing one nothing refers to.

use egui::{RichText, Ui};

use crate::domain::records::{CategoryCode, DataCategory, RecordCode, SpecialCategory};
use crate::gui::Command;
use crate::gui::areas::records::command::RecordsCommand;
use crate::gui::field_error::{FieldError, fingerprint};
use crate::gui::widgets::{hint, text_area, text_field};

use crate::gui::areas::records::activity_form::FormAction;
use crate::gui::areas::records::pickers::{combo, special_words};
use crate::gui::areas::records::{RecordsData, gated};

/// The category editor.
#[derive(Debug)]
struct CategoryForm {
    /// The code of the category edited; none for a new one.
    code: Option<CategoryCode>,
    /// Where a new one goes.
    parent: Option<CategoryCode>,
    word: String,
    name: String,
    description: String,
    special: Option<SpecialCategory>,
    problem: FieldError,
}

impl CategoryForm {
    fn new_under(parent: Option<CategoryCode>) -> Self {
        Self {
            code: None,
            parent,
            word: String::new(),
            name: String::new(),
            description: String::new(),
            special: None,
            problem: FieldError::default(),
        }
    }

    fn edit(c: &DataCategory) -> Self {
        Self {
            code: Some(c.code.clone()),
            parent: c.code.parent(),
            word: String::new(),
            name: c.name.clone(),
            description: c.description.clone(),
            special: c.special,
            problem: FieldError::default(),
        }
    }

    /// The code a new category gets: the parent's, a dot, the word (or one made from the name).
    fn new_code(&self) -> Result<CategoryCode, String> {
        let word = if self.word.trim().is_empty() {
            RecordCode::from_name(&self.name).to_string()
        } else {
            self.word.trim().to_owned()
        };
        let code = match &self.parent {
            Some(p) => format!("{p}.{word}"),
            None => word,
        };
        CategoryCode::parse(&code)
    }

    fn ui(&mut self, ui: &mut Ui, data: &RecordsData) -> Option<FormAction<(DataCategory, bool)>> {
        let mut action = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            let title = match (&self.code, &self.parent) {
                (Some(_), _) => "Edit the data category".to_owned(),
                (None, Some(p)) => format!("New category under {}", data.taxonomy.name_of(p)),
                (None, None) => "New top-level category".to_owned(),
            };
            ui.label(RichText::new(title).strong());
            text_field(ui, "Category name", &mut self.name);
            match &self.code {
                Some(code) => hint(ui, &format!("Code: {code} (kept: records refer to it)")),
                None => {
                    text_field(
                        ui,
                        "Code word (optional; made from the name)",
                        &mut self.word,
                    );
                    if let Ok(code) = self.new_code() {
                        hint(ui, &format!("Code: {code}"));
                    }
                }
            }
            text_area(ui, "What falls under it", &mut self.description);
            let marker = |s: Option<SpecialCategory>| match s {
                None => "Not special",
                Some(SpecialCategory::Art9) => "Special category (Art. 9)",
                Some(SpecialCategory::Art10) => "Criminal-offence data (Art. 10)",
            };
            combo(
                ui,
                "Special marker",
                "category-special",
                marker(self.special),
                |ui| {
                    for s in [
                        None,
                        Some(SpecialCategory::Art9),
                        Some(SpecialCategory::Art10),
                    ] {
                        ui.selectable_value(&mut self.special, s, marker(s));
                    }
                },
            );
            if let Some(p) = &self.parent
                && let Some(inherited) = data.taxonomy.special(p)
            {
                hint(
                    ui,
                    &format!(
                        "It is {} through its parent in any case.",
                        special_words(Some(inherited))
                    ),
                );
            }
            let inputs = fingerprint(&*self);
            self.problem.show(ui, inputs, "");
            ui.horizontal(|ui| {
                if ui.button("Save the category").clicked() {
                    action = self.build().map(FormAction::Save);
                }
                if ui.button("Close the editor").clicked() {
                    action = Some(FormAction::Close);
                }
            });
        });
        action
    }

    fn build(&mut self) -> Option<(DataCategory, bool)> {
        let (code, new) = match &self.code {
            Some(c) => (c.clone(), false),
            None => match self.new_code() {
                Ok(c) => (c, true),
                Err(m) => {
                    self.problem.set(format!("Code word: {m}"));
                    return None;
                }
            },
        };
        Some((
            DataCategory {
                code,
                name: self.name.trim().to_owned(),
                description: self.description.trim().to_owned(),
                special: self.special,
            },
            new,
        ))
    }
}

/// The Data categories tab's state.
#[derive(Debug, Default)]
pub struct CategoriesTab {
    editor: Option<CategoryForm>,
    removing: Option<CategoryCode>,
}

impl CategoriesTab {
    /// Closes the editor and the confirmation.
    pub fn close(&mut self) {
        self.editor = None;
        self.removing = None;
    }

    /// Shows a problem in the editor; false when none is open.
    pub fn problem(&mut self, problem: String) -> bool {
        match self.editor.as_mut() {
            Some(e) => {
                e.problem.set(problem);
                true
            }
            None => false,
        }
    }

    /// Draws the tab.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        data: &RecordsData,
        may_edit: bool,
        why_not: &str,
    ) -> Option<Command> {
        let mut command = None;
        hint(
            ui,
            "The categories of personal data the activities, systems, purposes and vendors name. A sub-category of a special category is special too. A category's code never changes once it is used.",
        );
        if gated(ui, may_edit, "New top-level category…", why_not) {
            self.editor = Some(CategoryForm::new_under(None));
        }
        if let Some(editor) = self.editor.as_mut() {
            match editor.ui(ui, data) {
                Some(FormAction::Save((category, new))) => {
                    command = Some(Command::Records(RecordsCommand::SaveCategory {
                        category,
                        new,
                    }));
                }
                Some(FormAction::Close) => self.editor = None,
                None => {}
            }
        }
        if let Some(c) = self.remove_confirmation(ui, data) {
            command = Some(c);
        }
        ui.add_space(6.0);
        for c in data.taxonomy.categories() {
            ui.horizontal(|ui| {
                ui.add_space(20.0 * c.code.depth() as f32);
                if c.code.depth() == 0 {
                    ui.label(RichText::new(&c.name).strong());
                } else {
                    ui.label(&c.name);
                }
                ui.label(RichText::new(c.code.as_str()).weak());
                if c.special.is_some() {
                    ui.label(RichText::new(format!("({})", special_words(c.special))).weak());
                }
                ui.add_enabled_ui(may_edit, |ui| {
                    if ui
                        .small_button("Edit")
                        .on_hover_text(format!("Edit {}", c.name))
                        .on_disabled_hover_text(why_not)
                        .clicked()
                    {
                        self.editor = Some(CategoryForm::edit(c));
                    }
                    if ui
                        .small_button("Add under")
                        .on_hover_text(format!("Add a category under {}", c.name))
                        .clicked()
                    {
                        self.editor = Some(CategoryForm::new_under(Some(c.code.clone())));
                    }
                    if ui.small_button("Remove…").clicked() {
                        self.removing = Some(c.code.clone());
                    }
                });
            });
        }
        command
    }

    fn remove_confirmation(&mut self, ui: &mut Ui, data: &RecordsData) -> Option<Command> {
        let code = self.removing.clone()?;
        let name = data.taxonomy.name_of(&code);
        let mut command = None;
        let mut keep = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(format!(
                "Remove the category “{name}” from the taxonomy? Nothing may still refer to it."
            ));
            ui.horizontal(|ui| {
                if ui.button("Remove the category").clicked() {
                    command = Some(Command::Records(RecordsCommand::RemoveCategory(
                        code.clone(),
                    )));
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
