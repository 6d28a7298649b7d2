//! Subjects & consent: the register of people, found by any part of their name or email, and
//! a form to record a new one.
//!
//! The list draws only the visible rows. Without a search it pages through the register in
//! recorded order; a search runs over the in-memory index (built after unlocking) and shows the
//! first matches.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::domain::subject::{Subject, SubjectDraft};
use crate::gui::Command;
use crate::gui::widgets::{hint, section, text_field};

/// Rows fetched around the visible ones when paging the register.
pub const SUBJECT_PAGE: i64 = 200;
/// Search matches shown.
pub const SEARCH_LIMIT: usize = 200;

/// What the list shows.
#[derive(Debug, Default)]
pub enum SubjectRows {
    /// Not loaded yet.
    #[default]
    Unloaded,
    /// A window of the whole register.
    Register {
        /// Subjects in the store.
        total: i64,
        /// First row held.
        offset: i64,
        /// The rows held.
        rows: Vec<Subject>,
    },
    /// The matches of a search.
    Search {
        /// The query.
        query: String,
        /// Matches in all.
        total: usize,
        /// The first matches, opened.
        rows: Vec<Subject>,
    },
}

/// The Subjects view's state.
#[derive(Debug, Default)]
pub struct SubjectsView {
    query: String,
    rows: SubjectRows,
    adding: bool,
    draft: SubjectDraft,
    problem: Option<String>,
}

impl SubjectsView {
    /// Receives rows from the app.
    pub fn set_rows(&mut self, rows: SubjectRows) {
        self.rows = rows;
    }

    /// Forgets the rows so they are fetched again.
    pub fn invalidate(&mut self) {
        self.rows = SubjectRows::Unloaded;
    }

    /// Closes the add form after a subject was recorded.
    pub fn subject_added(&mut self) {
        self.adding = false;
        self.draft = SubjectDraft::default();
        self.problem = None;
        self.invalidate();
    }

    /// Draws the view. `index` says how far the search index is (None when ready).
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        may_add: bool,
        index_progress: Option<(u64, u64)>,
    ) -> Option<Command> {
        let mut command = None;
        if matches!(self.rows, SubjectRows::Unloaded) {
            command = Some(if self.query.trim().is_empty() {
                Command::LoadSubjects { offset: 0 }
            } else {
                Command::SearchSubjects(self.query.clone())
            });
        }
        ui.heading("Subjects & consent");
        hint(
            ui,
            "The people whose data you hold, with what they agreed to. Everything about them is encrypted in the store.",
        );
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let label = ui.label("Search name or email");
            let field = ui
                .add(egui::TextEdit::singleline(&mut self.query).desired_width(280.0))
                .labelled_by(label.id);
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui.button("Search").clicked() || enter {
                command = Some(Command::SearchSubjects(self.query.clone()));
            }
            if ui.button("Show all").clicked() {
                self.query.clear();
                command = Some(Command::LoadSubjects { offset: 0 });
            }
            if may_add && ui.button("Add a subject…").clicked() {
                self.adding = !self.adding;
            }
        });
        if let Some((done, total)) = index_progress {
            hint(
                ui,
                &format!(
                    "Preparing search by part of a name or email: {done} of {total} subjects. A complete email address already finds its owner."
                ),
            );
        }
        if self.adding
            && let Some(c) = self.add_form(ui)
        {
            command = Some(c);
        }
        ui.add_space(6.0);
        let summary = match &self.rows {
            SubjectRows::Unloaded => "Loading…".to_owned(),
            SubjectRows::Register { total, .. } => format!("{total} subjects"),
            SubjectRows::Search { query, total, rows } if *total > rows.len() => {
                format!("{total} match {query:?}; showing the first {}", rows.len())
            }
            SubjectRows::Search { query, total, .. } => format!("{total} match {query:?}"),
        };
        ui.label(RichText::new(summary).strong());
        if let Some(c) = self.table(ui) {
            command = Some(c);
        }
        command
    }

    fn add_form(&mut self, ui: &mut Ui) -> Option<Command> {
        let mut command = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            section(ui, "New subject");
            text_field(ui, "Email address", &mut self.draft.email);
            text_field(ui, "Full name", &mut self.draft.name);
            text_field(ui, "Phone", &mut self.draft.phone);
            text_field(ui, "Postal address", &mut self.draft.postal_address);
            text_field(ui, "Customer reference", &mut self.draft.customer_ref);
            text_field(ui, "Notes", &mut self.draft.notes);
            text_field(ui, "Tags (comma-separated)", &mut self.draft.tags);
            if let Some(p) = &self.problem {
                ui.colored_label(ui.visuals().error_fg_color, p);
            }
            ui.horizontal(|ui| {
                if ui.button("Save subject").clicked() {
                    match self.draft.check() {
                        Ok(()) => command = Some(Command::AddSubject(self.draft.clone())),
                        Err(p) => self.problem = Some(p),
                    }
                }
                if ui.button("Cancel").clicked() {
                    self.adding = false;
                    self.problem = None;
                }
            });
        });
        command
    }

    fn table(&mut self, ui: &mut Ui) -> Option<Command> {
        let (total, offset, rows): (usize, i64, &[Subject]) = match &self.rows {
            SubjectRows::Unloaded => return None,
            SubjectRows::Register {
                total,
                offset,
                rows,
            } => (*total as usize, *offset, rows),
            SubjectRows::Search { rows, .. } => (rows.len(), 0, rows),
        };
        let paging = matches!(self.rows, SubjectRows::Register { .. });
        let mut missing = None;
        let mut open = None;
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
        TableBuilder::new(ui)
            .striped(true)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::initial(280.0).resizable(true))
            .column(Column::initial(220.0).resizable(true))
            .column(Column::initial(140.0))
            .column(Column::remainder())
            .header(row_height, |mut header| {
                for title in ["Email", "Name", "Customer ref.", "Recorded"] {
                    header.col(|ui| {
                        ui.strong(title);
                    });
                }
            })
            .body(|body| {
                body.rows(row_height, total, |mut row| {
                    let index = row.index() as i64;
                    let local = index - offset;
                    match (local >= 0).then(|| rows.get(local as usize)).flatten() {
                        Some(s) => {
                            row.col(|ui| {
                                let text = if s.fields.email.is_empty() {
                                    "(no email)"
                                } else {
                                    s.fields.email.as_str()
                                };
                                if ui.link(text).clicked() {
                                    open = Some(s.id);
                                }
                            });
                            row.col(|ui| {
                                ui.add(egui::Label::new(s.fields.name.as_str()).truncate());
                            });
                            row.col(|ui| {
                                ui.label(s.fields.customer_ref.as_str());
                            });
                            row.col(|ui| {
                                ui.label(s.created_at.format("%Y-%m-%d").to_string());
                            });
                        }
                        None => {
                            if paging {
                                missing.get_or_insert(index);
                            }
                            row.col(|ui| {
                                ui.weak("…");
                            });
                            for _ in 0..3 {
                                row.col(|_| {});
                            }
                        }
                    }
                });
            });
        open.map(Command::OpenSubject).or_else(|| {
            missing.map(|index| Command::LoadSubjects {
                offset: (index - SUBJECT_PAGE / 4).max(0),
            })
        })
    }
}
