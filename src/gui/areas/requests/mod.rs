//! Requests: the inbox of data-subject requests sorted by deadline, the form that takes a new
//! one in, and a request's own page.
//!
//! The inbox holds no personal data (references, types, states and dates only). It is read
//! when the area opens and after each change, never every frame.

pub(in crate::gui) mod apply;
pub(in crate::gui) mod apply_fulfilment;
pub(in crate::gui) mod apply_tasks;
pub(in crate::gui) mod apply_terms;
pub(in crate::gui) mod area;
pub(in crate::gui) mod command;
pub(in crate::gui) mod form;
pub(in crate::gui) mod inbox;
pub(in crate::gui) mod page;
pub(in crate::gui) mod terms_command;

use chrono::NaiveDate;
use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::domain::access::{Permission, Role};
use crate::domain::organisation::Regime;
use crate::gui::Command;
use crate::gui::areas::requests::command::RequestCommand;
use crate::gui::view_data::{Fresh, ViewData};
use crate::gui::widgets::hint;
use crate::jobs::Progress;
use crate::services::{InboxRow, ServiceResult, Session};

use crate::gui::areas::request_widgets::{iso, regime_short, urgency_text};
use crate::gui::areas::requests::form::RequestForm;
use crate::gui::areas::requests::page::RequestPage;

/// Builds the inbox: every request, soonest deadline first (no personal data).
pub fn inbox(session: &Session, today: NaiveDate) -> ServiceResult<Vec<InboxRow>> {
    session.requests().inbox(today)
}

/// The Requests area's state: the inbox, and the form or page open over it.
#[derive(Debug, Default)]
pub struct RequestsView {
    rows: ViewData<Vec<InboxRow>, NaiveDate>,
    show_all: bool,
    form: Option<RequestForm>,
    /// The request open, if any.
    pub page: Option<RequestPage>,
}

impl RequestsView {
    /// Builds the inbox when it shows and the store changed since it was read.
    pub fn prepare(&mut self, fresh: &Fresh<'_>) -> ServiceResult<()> {
        if let Some(page) = self.page.as_mut() {
            return page.prepare(fresh);
        }
        if self.form.is_some() {
            return Ok(());
        }
        self.rows.refresh(fresh.generation, fresh.today, |today| {
            inbox(fresh.session, *today)
        })
    }

    /// Shows the service's problem with the new request beside the form.
    pub fn form_problem(&mut self, problem: String) {
        if let Some(form) = self.form.as_mut() {
            form.set_problem(problem);
        }
    }

    /// Opens a request's page (closing the form).
    pub fn open(&mut self, page: RequestPage) {
        self.form = None;
        self.page = Some(page);
    }

    /// Back to the inbox.
    pub fn close(&mut self) {
        self.form = None;
        self.page = None;
    }

    /// Draws the area. `regimes` are the organisation's; `exporting` the progress of an access
    /// export under way.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        role: Role,
        regimes: &[Regime],
        exporting: Option<&Progress>,
    ) -> Option<Command> {
        if let Some(page) = self.page.as_mut() {
            return page.ui(ui, role, exporting);
        }
        if let Some(form) = self.form.as_mut() {
            return egui::ScrollArea::vertical()
                .id_salt("request-form")
                .show(ui, |ui| form.ui(ui, regimes))
                .inner;
        }
        self.inbox(ui, role, regimes)
    }

    fn inbox(&mut self, ui: &mut Ui, role: Role, regimes: &[Regime]) -> Option<Command> {
        let mut command = None;
        ui.heading("Request inbox");
        hint(
            ui,
            "Requests from people exercising their rights (access, erasure, correction, opt-out…), soonest deadline first.",
        );
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let may_take = role.can(Permission::TakeInRequests);
            let button = ui.add_enabled(may_take, egui::Button::new("New request"));
            if button.clicked() {
                self.form = Some(RequestForm::new(regimes));
            }
            if !may_take {
                button.on_disabled_hover_text(Permission::TakeInRequests.why_not(role));
            }
            ui.separator();
            if ui.selectable_label(!self.show_all, "Open").clicked() {
                self.show_all = false;
            }
            if ui.selectable_label(self.show_all, "All").clicked() {
                self.show_all = true;
            }
        });
        let Some(rows) = self.rows.get() else {
            hint(ui, "Loading…");
            return command;
        };
        let shown: Vec<&InboxRow> = rows
            .iter()
            .filter(|r| self.show_all || r.urgency.is_some())
            .collect();
        ui.add_space(4.0);
        let open = rows.iter().filter(|r| r.urgency.is_some()).count();
        ui.label(RichText::new(format!("{open} open, {} in all", rows.len())).strong());
        if shown.is_empty() {
            hint(
                ui,
                if self.show_all {
                    "No request has been taken in yet."
                } else {
                    "No open request."
                },
            );
            return command;
        }
        if let Some(id) = table(ui, &shown) {
            command = Some(Command::Request(RequestCommand::Open(id)));
        }
        command
    }
}

/// The inbox table, drawing only the visible rows; returns the request clicked.
fn table(ui: &mut Ui, rows: &[&InboxRow]) -> Option<uuid::Uuid> {
    let mut clicked = None;
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    TableBuilder::new(ui)
        .id_salt("request-inbox")
        .striped(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::exact(70.0))
        .column(Column::initial(160.0).resizable(true))
        .column(Column::exact(70.0))
        .column(Column::initial(130.0))
        .column(Column::exact(90.0))
        .column(Column::exact(90.0))
        .column(Column::remainder().at_least(130.0))
        .header(row_height, |mut header| {
            for title in [
                "Reference",
                "Type",
                "Law",
                "State",
                "Received",
                "Due",
                "Urgency",
            ] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(row_height, rows.len(), |mut row| {
                let Some(r) = rows.get(row.index()) else {
                    return;
                };
                let s = &r.summary;
                let closed = r.urgency.is_none();
                let text = |ui: &Ui, t: String| {
                    if closed {
                        RichText::new(t).color(ui.visuals().weak_text_color())
                    } else {
                        RichText::new(t)
                    }
                };
                row.col(|ui| {
                    if ui.link(&s.reference).clicked() {
                        clicked = Some(s.id);
                    }
                });
                row.col(|ui| {
                    ui.label(text(ui, s.kind.label().to_owned()));
                });
                row.col(|ui| {
                    ui.label(text(ui, regime_short(s.regime).to_owned()));
                });
                row.col(|ui| {
                    ui.label(text(ui, s.state.label().to_owned()));
                });
                row.col(|ui| {
                    ui.label(text(ui, iso(s.received)));
                });
                row.col(|ui| {
                    ui.label(text(ui, iso(r.deadline.due)));
                });
                row.col(|ui| {
                    ui.label(urgency_text(ui, r.urgency, s.state));
                });
                if row.response().clicked() {
                    clicked = Some(s.id);
                }
            });
        });
    clicked
}
