//! The Audit log: filter, browse (only visible rows are drawn and fetched), verify the chain,
//! export what is filtered.

pub(in crate::gui) mod apply;
pub(in crate::gui) mod area;

use chrono::NaiveDate;
use egui::{ComboBox, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::domain::audit::AuditFilter;
use crate::domain::audit::{AuditAction, AuditEntry, VerifyReport};
use crate::gui::Command;
use crate::gui::field_error::{FieldError, fingerprint};
use crate::gui::view_data::{Fresh, ViewData};
use crate::gui::widgets::{FIELD_WIDTH, hint};
use crate::services::{ServiceResult, Session};

/// Rows fetched around the visible ones.
pub const PAGE_SIZE: i64 = 400;

/// The Audit log view's state: the filter being edited, the filter applied, and a window of
/// fetched rows.
#[derive(Debug, Default)]
pub struct AuditLogView {
    action: Option<AuditAction>,
    actor: String,
    from: String,
    until: String,
    text: String,
    problem: FieldError,
    /// The filter applied and the first row wanted.
    wanted: (AuditFilter, i64),
    page: ViewData<AuditPage, (AuditFilter, i64)>,
    actors: ViewData<Vec<String>>,
}

/// A page of the trail: how many entries the filter matches, and the entries from the
/// page's offset.
#[derive(Debug, Default)]
pub struct AuditPage {
    /// Entries matching the filter.
    pub total: i64,
    /// Up to [`PAGE_SIZE`] entries from the offset.
    pub rows: Vec<AuditEntry>,
}

/// Builds the page of entries matching `filter` from `offset`.
pub fn audit_page(
    session: &Session,
    filter: &AuditFilter,
    offset: i64,
) -> ServiceResult<AuditPage> {
    Ok(AuditPage {
        total: session.audit().audit_count(filter)?,
        rows: session.audit().audit_page(filter, offset, PAGE_SIZE)?,
    })
}

impl AuditLogView {
    /// Builds the users for the filter and the page of entries wanted when the store changed
    /// since they were read (every change writes an entry) or another page or filter is
    /// wanted.
    pub fn prepare(&mut self, fresh: &Fresh<'_>) -> ServiceResult<()> {
        let actors = self.actors.refresh(fresh.generation, (), |()| {
            fresh.session.audit().audit_actors()
        });
        let page = self
            .page
            .refresh(fresh.generation, self.wanted.clone(), |(filter, offset)| {
                audit_page(fresh.session, filter, *offset)
            });
        actors.and(page)
    }

    /// The entry at `index` of the filtered trail, when its page is read.
    fn entry(&self, index: i64) -> Option<&AuditEntry> {
        let offset = self.page.key().map_or(0, |(_, o)| *o);
        let local = usize::try_from(index - offset).ok()?;
        self.page.get()?.rows.get(local)
    }

    fn build_filter(&mut self) -> Option<AuditFilter> {
        for (name, value) in [("From", &self.from), ("Until", &self.until)] {
            let v = value.trim();
            if !v.is_empty() && NaiveDate::parse_from_str(v, "%Y-%m-%d").is_err() {
                self.problem.set(format!(
                    "{name}: write the date as YYYY-MM-DD, for example 2026-11-01."
                ));
                return None;
            }
        }
        self.problem.clear();
        let opt = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
        Some(AuditFilter {
            action: self.action.map(|a| a.code().to_owned()),
            entity_kind: None,
            actor: opt(&self.actor),
            from: opt(&self.from),
            until: opt(&self.until),
            text: opt(&self.text),
        })
    }

    /// Draws the view.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        verify: Option<&VerifyReport>,
        busy: bool,
    ) -> Option<Command> {
        let mut command = None;
        ui.heading("Audit log");
        hint(
            ui,
            "Every change is recorded here with who, what and when, chained so that an edited, removed or reordered entry shows. No personal data is written into entries.",
        );
        ui.add_space(8.0);

        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Action");
            ComboBox::from_id_salt("audit-action")
                .selected_text(self.action.map_or("Any action", AuditAction::label))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.action, None, "Any action");
                    for a in AuditAction::ALL {
                        ui.selectable_value(&mut self.action, Some(a), a.label());
                    }
                })
                .response
                .labelled_by(label.id);
            let label = ui.label("User");
            let actor_text = if self.actor.is_empty() {
                "Anyone".to_owned()
            } else {
                self.actor.clone()
            };
            ComboBox::from_id_salt("audit-actor")
                .selected_text(actor_text)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.actor, String::new(), "Anyone");
                    for a in self.actors.get().map(Vec::as_slice).unwrap_or_default() {
                        ui.selectable_value(&mut self.actor, a.clone(), a);
                    }
                })
                .response
                .labelled_by(label.id);
        });
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("From (YYYY-MM-DD)");
            ui.add(egui::TextEdit::singleline(&mut self.from).desired_width(100.0))
                .labelled_by(label.id);
            let label = ui.label("Until");
            ui.add(egui::TextEdit::singleline(&mut self.until).desired_width(100.0))
                .labelled_by(label.id);
            let label = ui.label("Record or details contain");
            ui.add(egui::TextEdit::singleline(&mut self.text).desired_width(FIELD_WIDTH / 2.0))
                .labelled_by(label.id);
            if ui.button("Apply filter").clicked()
                && let Some(filter) = self.build_filter()
            {
                self.wanted = (filter, 0);
            }
            if ui.button("Clear").clicked() {
                *self = Self {
                    actors: std::mem::take(&mut self.actors),
                    ..Self::default()
                };
            }
        });
        let inputs = fingerprint(&(
            &self.action,
            &self.actor,
            &self.from,
            &self.until,
            &self.text,
        ));
        self.problem.show(ui, inputs, "");
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            ui.label(format!("{} entries", self.total()));
            ui.separator();
            if ui
                .add_enabled(!busy, egui::Button::new("Verify chain"))
                .clicked()
            {
                command = Some(Command::VerifyAudit);
            }
            for (label, ext) in [("Export CSV…", "csv"), ("Export JSON…", "json")] {
                if let Some(path) = crate::gui::file_dialog::FileDialog::new()
                    .add_filter(ext.to_uppercase(), &[ext])
                    .set_file_name(format!("audit-log.{ext}"))
                    .save_file(
                        ui.add_enabled(!busy, egui::Button::new(label)).clicked(),
                        ui,
                    )
                {
                    command = Some(Command::ExportAudit {
                        path,
                        filter: self.wanted.0.clone(),
                    });
                }
            }
        });
        if let Some(report) = verify {
            match &report.first_break {
                None => ui.label(
                    RichText::new(format!(
                        "Chain intact: {} entries verified.",
                        report.checked
                    ))
                    .strong(),
                ),
                Some(brk) => ui.colored_label(
                    ui.visuals().error_fg_color,
                    format!("Chain broken at entry {}: {brk}.", brk.first_bad_seq()),
                ),
            };
            crate::gui::areas::row_integrity::changed_rows(ui, report);
        }
        ui.add_space(6.0);
        self.table(ui);
        command
    }

    /// Entries matching the filter, as last read.
    fn total(&self) -> i64 {
        self.page.get().map_or(0, |p| p.total)
    }

    /// Draws the visible rows; a row whose page is not read asks for the page around it.
    fn table(&mut self, ui: &mut Ui) {
        let mut missing: Option<i64> = None;
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
        TableBuilder::new(ui)
            .striped(true)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::exact(60.0))
            .column(Column::exact(190.0))
            .column(Column::exact(70.0))
            .column(Column::exact(200.0))
            .column(Column::initial(220.0).resizable(true))
            .column(Column::remainder())
            .header(row_height, |mut header| {
                for title in ["#", "When (UTC)", "User", "Action", "Record", "Details"] {
                    header.col(|ui| {
                        ui.strong(title);
                    });
                }
            })
            .body(|body| {
                body.rows(row_height, self.total().max(0) as usize, |mut row| {
                    let index = row.index() as i64;
                    match self.entry(index) {
                        Some(e) => {
                            let cells = [
                                e.seq.to_string(),
                                e.at.get(..19).unwrap_or(&e.at).replace('T', " "),
                                format!("{} ({})", e.actor, e.via),
                                e.action_label().to_owned(),
                                format!("{} {}", e.entity_kind, e.entity_id),
                                e.details.clone(),
                            ];
                            for text in cells {
                                row.col(|ui| {
                                    ui.add(egui::Label::new(text.as_str()).truncate())
                                        .on_hover_text(text.as_str());
                                });
                            }
                        }
                        None => {
                            missing.get_or_insert(index);
                            row.col(|ui| {
                                ui.weak("…");
                            });
                            for _ in 0..5 {
                                row.col(|_| {});
                            }
                        }
                    }
                });
            });
        if let Some(index) = missing {
            // Read before the next frame is drawn.
            self.wanted.1 = (index - PAGE_SIZE / 4).max(0);
            ui.ctx().request_repaint();
        }
    }
}
