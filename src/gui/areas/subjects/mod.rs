//! Subjects & consent: the register of people, found by any part of their name or email, and
//! a form to record a new one.
//!
//! The list draws only the visible rows. A search runs over the in-memory index (built after
//! unlocking) and shows the first matches. Otherwise the list — everyone in the order recorded,
//! another order, or a filter by purpose and consent state — is computed on a worker thread as
//! a list of ids, whose visible rows are opened page by page (a few milliseconds each, however
//! deep in a million people: nothing that long runs on the UI thread, issue #8).

pub(in crate::gui) mod add_dates;
pub(in crate::gui) mod age;
pub(in crate::gui) mod apply;
mod apply_age;
pub(in crate::gui) mod apply_consent;
pub(in crate::gui) mod apply_import;
pub(in crate::gui) mod apply_register;
pub(in crate::gui) mod apply_review;
pub(in crate::gui) mod area;
pub(in crate::gui) mod command;
pub(in crate::gui) mod consent_exports;
pub(in crate::gui) mod import;
mod import_mapping;
pub(in crate::gui) mod kept;
pub(in crate::gui) mod list_controls;
pub(in crate::gui) mod page;
pub(in crate::gui) mod page_data;
pub(in crate::gui) mod page_requests;
pub(in crate::gui) mod pseudonymised;
pub(in crate::gui) mod purposes;
pub(in crate::gui) mod retention;
pub(in crate::gui) mod review;

use egui::Ui;
use egui_extras::{Column, TableBuilder};

use uuid::Uuid;

use crate::domain::purpose::PurposeRow;
use crate::domain::subject::{Subject, SubjectDraft};
use crate::gui::field_error::{FieldError, fingerprint};
use crate::gui::view_data::Fresh;
use crate::gui::widgets::{hint, section, text_field};
use crate::gui::{Command, ConsentCommand};
use crate::jobs::Progress;
use crate::services::{ServiceResult, Session, SubjectListing};

use crate::gui::areas::subjects::list_controls::{ListControls, summary};

/// Rows opened around the visible ones when scrolling the list.
pub const SUBJECT_PAGE: usize = 200;
/// Search matches shown.
pub const SEARCH_LIMIT: usize = 200;

/// What the list shows.
#[derive(Debug, Default)]
pub enum SubjectRows {
    /// Not loaded yet.
    #[default]
    Unloaded,
    /// The matches of a search.
    Search {
        /// The query.
        query: String,
        /// Matches in all.
        total: usize,
        /// The first matches, opened.
        rows: Vec<Subject>,
    },
    /// Being read (sorted, filtered) on a worker thread.
    Listing,
    /// Everyone in the order recorded could not be read; "Show all" tries again.
    Failed,
    /// The register's ids, in the order and with the filter asked for.
    Listed {
        /// The ids, in order.
        listing: SubjectListing,
        /// Position of the first row held.
        offset: usize,
        /// The rows held (`None`: no longer in the register).
        rows: Vec<Option<Subject>>,
    },
}

/// What one row of the table shows.
enum Cell<'a> {
    Shown(&'a Subject),
    Gone,
    Missing,
}

/// The Subjects view's state.
#[derive(Debug, Default)]
pub struct SubjectsView {
    query: String,
    rows: SubjectRows,
    controls: ListControls,
    adding: bool,
    draft: SubjectDraft,
    dates: add_dates::SubjectDatesForm,
    problem: FieldError,
    /// The store generation the list was last prepared at: when the store moves on, the
    /// list (or the search) is computed again.
    seen: Option<u64>,
    /// The first row of a page of the list to open before the next frame (the rows scrolled
    /// to).
    page_wanted: Option<usize>,
}

/// Builds the rows `ids` of the list: one primary-key lookup each, at most a page (a few
/// milliseconds, on the UI thread); `None` for one no longer in the register.
pub fn open_rows(session: &Session, ids: &[Uuid]) -> ServiceResult<Vec<Option<Subject>>> {
    ids.iter()
        .take(SUBJECT_PAGE)
        .map(|id| session.subjects().subject(*id))
        .collect()
}

impl SubjectsView {
    /// Receives rows from the app.
    pub fn set_rows(&mut self, rows: SubjectRows) {
        self.rows = rows;
    }

    /// Whether the search box still asks for `query` (a search that finishes after the officer
    /// changed it, or chose "Show all", is not shown).
    pub fn wants_search(&self, query: &str) -> bool {
        self.query.trim() == query
    }

    /// Computes the list (or the search) again when the store changed since it was shown,
    /// and opens the page of rows scrolled to.
    pub fn prepare(&mut self, fresh: &Fresh<'_>) -> ServiceResult<()> {
        if self.seen.is_some_and(|g| g != fresh.generation) {
            self.relist();
        }
        self.seen = Some(fresh.generation);
        let Some(start) = self.page_wanted.take() else {
            return Ok(());
        };
        let SubjectRows::Listed { listing, .. } = &self.rows else {
            return Ok(());
        };
        let end = (start + SUBJECT_PAGE).min(listing.ids.len());
        let ids = listing.ids.get(start..end).unwrap_or_default();
        match open_rows(fresh.session, ids) {
            Ok(rows) => {
                self.set_listed_rows(start, rows);
                Ok(())
            }
            Err(e) => {
                self.listing_failed();
                Err(e)
            }
        }
    }

    /// Computes the list again for the search, order and filter in force (they changed).
    pub fn relist(&mut self) {
        self.rows = SubjectRows::Unloaded;
    }

    /// Receives the sorted or filtered list.
    pub fn set_listing(&mut self, listing: SubjectListing) {
        self.rows = SubjectRows::Listed {
            listing,
            offset: 0,
            rows: Vec::new(),
        };
    }

    /// Receives opened rows of the sorted or filtered list, from `offset`.
    pub fn set_listed_rows(&mut self, at: usize, opened: Vec<Option<Subject>>) {
        if let SubjectRows::Listed { offset, rows, .. } = &mut self.rows {
            *offset = at;
            *rows = opened;
        }
    }

    /// The listing could not be computed (or was cancelled): back to everyone in the order
    /// recorded; if that was the list that failed, the list waits for "Show all" (instead of
    /// asking again at every frame).
    pub fn listing_failed(&mut self) {
        if self.controls.is_default() {
            self.rows = SubjectRows::Failed;
        } else {
            self.controls.reset();
            self.relist();
        }
    }

    /// The search index became ready: a list shown (or being computed) in recorded order while
    /// waiting for it is sorted again.
    pub fn index_ready(&mut self) {
        let waiting = match &self.rows {
            SubjectRows::Listed { listing, .. } => listing.order != self.controls.order(),
            SubjectRows::Listing => self.controls.order().needs_index(),
            _ => false,
        };
        if waiting {
            self.relist();
        }
    }

    /// The command that loads the list for the current search, order and filter. Without a
    /// search even the register in recorded order is read as ids on a worker thread: counting
    /// and paging a million rows in the store takes seconds.
    fn load(&mut self) -> Command {
        if !self.query.trim().is_empty() {
            Command::SearchSubjects(self.query.clone())
        } else {
            self.rows = SubjectRows::Listing;
            Command::Consent(ConsentCommand::ListSubjects {
                filter: self.controls.filter(),
                order: self.controls.order(),
            })
        }
    }

    /// Closes the add form after a subject was recorded.
    pub fn subject_added(&mut self) {
        self.adding = false;
        self.draft = SubjectDraft::default();
        self.dates = add_dates::SubjectDatesForm::default();
        self.problem.clear();
    }

    /// Draws the view. `index_progress` says how far the search index is (None when ready);
    /// `purposes` is the catalogue (None until loaded); `listing` the progress of a sort or
    /// filter running on a worker thread.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        may_add: bool,
        index_progress: Option<(u64, u64)>,
        purposes: Option<&[PurposeRow]>,
        listing: Option<&Progress>,
    ) -> Option<Command> {
        let mut command = None;
        if matches!(self.rows, SubjectRows::Unloaded) {
            command = Some(self.load());
        }
        ui.heading("Subjects & consent");
        hint(
            ui,
            "The people whose data you hold, with what they agreed to. Everything about them is encrypted in the store.",
        );
        ui.add_space(6.0);
        ui.horizontal_wrapped(|ui| {
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
                command = Some(self.load());
            }
            if may_add && ui.button("Add a subject…").clicked() {
                self.adding = !self.adding;
            }
            if ui.button("Pseudonymised export…").clicked() {
                command = Some(Command::SubjectsTab(
                    crate::gui::areas::SubjectsTab::Pseudonymised,
                ));
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
        if self.controls.ui(ui, purposes) {
            self.query.clear();
            command = Some(self.load());
        }
        if self.adding
            && let Some(c) = self.add_form(ui)
        {
            command = Some(c);
        }
        ui.add_space(6.0);
        if let Some(c) = summary(ui, &self.rows, &self.controls, purposes, listing) {
            command = Some(c);
        }
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
            self.dates.ui(ui);
            let inputs = fingerprint(&(&self.draft, &self.dates));
            self.problem.show(ui, inputs, "");
            ui.horizontal(|ui| {
                if ui.button("Save subject").clicked() {
                    match self.draft.check().and_then(|()| self.dates.dates()) {
                        Ok(dates) => {
                            command = Some(Command::AddSubject(self.draft.clone(), dates));
                        }
                        Err(p) => self.problem.set(p),
                    }
                }
                if ui.button("Cancel").clicked() {
                    self.adding = false;
                    self.problem.clear();
                }
            });
        });
        command
    }

    /// What row `index` of the table shows.
    fn cell(&self, index: usize) -> Cell<'_> {
        let held = |offset: usize, len: usize| index.checked_sub(offset).filter(|l| *l < len);
        match &self.rows {
            SubjectRows::Search { rows, .. } => rows.get(index).map_or(Cell::Gone, Cell::Shown),
            SubjectRows::Listed { offset, rows, .. } => match held(*offset, rows.len()) {
                Some(l) => rows[l].as_ref().map_or(Cell::Gone, Cell::Shown),
                None => Cell::Missing,
            },
            SubjectRows::Unloaded | SubjectRows::Listing | SubjectRows::Failed => Cell::Gone,
        }
    }

    fn table(&mut self, ui: &mut Ui) -> Option<Command> {
        let total = match &self.rows {
            SubjectRows::Unloaded | SubjectRows::Listing | SubjectRows::Failed => return None,
            SubjectRows::Search { rows, .. } => rows.len(),
            SubjectRows::Listed { listing, .. } => listing.ids.len(),
        };
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
                    let index = row.index();
                    match self.cell(index) {
                        Cell::Shown(s) => {
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
                        other => {
                            if matches!(other, Cell::Missing) {
                                missing.get_or_insert(index);
                            }
                            row.col(|ui| {
                                if matches!(other, Cell::Missing) {
                                    ui.weak("…");
                                } else {
                                    ui.weak("(no longer in the register)");
                                }
                            });
                            for _ in 0..3 {
                                row.col(|_| {});
                            }
                        }
                    }
                });
            });
        if let Some(index) = missing
            && matches!(self.rows, SubjectRows::Listed { .. })
        {
            // The page around it is opened before the next frame is drawn.
            self.page_wanted = Some(index.saturating_sub(SUBJECT_PAGE / 4));
            ui.ctx().request_repaint();
        }
        open.map(Command::OpenSubject)
    }
}
