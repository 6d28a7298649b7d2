//! Security → Incident log: the personal data breaches (GDPR Art. 33(5)) with their 72-hour
//! deadline and where the notification stands, newest first, each opened in the form below;
//! and the form that enters a new breach.

use std::time::Duration;

use chrono::{DateTime, Utc};
use egui::{Grid, Ui};
use uuid::Uuid;

use crate::domain::access::{Permission, Role};
use crate::domain::records::incident::time_left_words;
use crate::domain::records::{Incident, NotificationStatus};
use crate::gui::Command;
use crate::gui::view_data::{Fresh, ViewData};
use crate::gui::widgets::{hint, section};
use crate::services::ServiceResult;

use crate::gui::areas::request_widgets::iso;
use crate::gui::areas::security::incident_form::IncidentForm;
use crate::gui::areas::security::{alarm, utc};
use crate::gui::widgets::wide;

/// The Incident log tab's state.
#[derive(Debug, Default)]
pub struct IncidentsTab {
    rows: ViewData<Vec<Incident>>,
    form: Option<IncidentForm>,
    /// An entry to open once the log is read (asked for from the Dashboard).
    pending_open: Option<Uuid>,
    /// The files kept with the entry open in the form.
    attachments: crate::gui::areas::attachments::AttachmentsPanel,
}

impl IncidentsTab {
    /// Builds the log when the store changed since it was read; then opens the entry asked
    /// for, if any.
    pub fn prepare(&mut self, fresh: &Fresh<'_>) -> ServiceResult<()> {
        let built = self.rows.refresh(fresh.generation, (), |()| {
            fresh.session.security().incidents()
        });
        if let Some(id) = self.pending_open.take()
            && let Some(i) = self
                .rows
                .get()
                .and_then(|rows| rows.iter().find(|i| i.id == id))
        {
            self.form = Some(IncidentForm::of(i));
        }
        if let Some(e) = self.form.as_ref().and_then(|f| f.editing.as_ref()) {
            let owner = crate::domain::attachment::AttachmentOwner::Incident(e.id);
            self.attachments.prepare(fresh, owner)?;
        }
        built
    }

    /// Opens the entry `id` in the form once the log is read (again, after a change).
    pub fn open(&mut self, id: Uuid) {
        self.pending_open = Some(id);
    }

    /// Shows the service's problem beside the form.
    pub fn form_problem(&mut self, problem: String) {
        if let Some(f) = self.form.as_mut() {
            f.problem.set(problem);
        }
    }

    /// The entry `id` was saved: shows it in the form (corrections go on there) and reads the
    /// log again.
    pub fn saved(&mut self, id: Uuid) {
        self.open(id);
    }

    /// Draws the tab as of `now`.
    pub fn ui(&mut self, ui: &mut Ui, role: Role, now: DateTime<Utc>) -> Option<Command> {
        let command = None;
        hint(
            ui,
            "Every personal data breach goes in this log, even one you need not notify (Art. 33(5)). Notify the supervisory authority within 72 hours of becoming aware unless the breach is unlikely to result in a risk to people (Art. 33(1)); tell the people when the risk is high (Art. 34). Entries are never deleted.",
        );
        section(ui, "Incident log");
        let mut open = None;
        match self.rows.get() {
            None => hint(ui, "Loading…"),
            Some(rows) if rows.is_empty() => hint(ui, "No breach has been logged."),
            Some(rows) => {
                open = table(ui, rows, now);
                if rows.iter().any(|i| i.entry.status(now).needs_decision()) {
                    // The time left is shown to the minute.
                    ui.ctx().request_repaint_after(Duration::from_secs(20));
                }
            }
        }
        if let Some(i) = open {
            self.form = Some(IncidentForm::of(&i));
        }
        let may_edit = role.can(Permission::EditVendorsAndRecords);
        let form = self.form.get_or_insert_with(|| IncidentForm::new_at(now));
        let title = match &form.editing {
            Some(e) => format!("{} (recorded; correct it below)", e.reference),
            None => "Enter a breach".to_owned(),
        };
        section(ui, &title);
        if !may_edit {
            hint(ui, &Permission::EditVendorsAndRecords.why_not(role));
            return command;
        }
        if form.editing.is_some() && ui.button("Enter another breach").clicked() {
            *form = IncidentForm::new_at(now);
        }
        let editing = form.editing.as_ref().map(|e| e.id);
        let asked = form.ui(ui, now).or(command);
        if let Some(id) = editing {
            let owner = crate::domain::attachment::AttachmentOwner::Incident(id);
            return self.attachments.ui(ui, &owner).or(asked);
        }
        asked
    }
}

/// The log; returns the entry whose Open was clicked.
fn table(ui: &mut Ui, rows: &[Incident], now: DateTime<Utc>) -> Option<Incident> {
    let mut open = None;
    wide(ui, "incidents-wide", |ui| {
        Grid::new("incidents")
            .num_columns(7)
            .striped(true)
            .spacing([16.0, 4.0])
            .show(ui, |ui| {
                for t in [
                    "Reference",
                    "Became aware",
                    "Deadline",
                    "Notification",
                    "People told",
                    "Closed",
                    "",
                ] {
                    ui.strong(t);
                }
                ui.end_row();
                for i in rows {
                    let e = &i.entry;
                    ui.label(i.reference());
                    ui.label(utc(e.aware_at));
                    ui.label(utc(e.deadline()));
                    let status = e.status(now);
                    match status {
                        NotificationStatus::WithinDeadline | NotificationStatus::Overdue => alarm(
                            ui,
                            format!(
                                "{} ({})",
                                status.label(),
                                time_left_words(e.deadline(), now)
                            ),
                        ),
                        NotificationStatus::NotifiedLate => {
                            ui.colored_label(ui.visuals().warn_fg_color, status.label());
                        }
                        _ => {
                            ui.label(status.label());
                        }
                    }
                    if e.people_to_tell() {
                        alarm(ui, "Not yet (high risk)");
                    } else if let Some(t) = &e.details.people_told {
                        ui.label(format!("Yes, {}", iso(t.on)));
                    } else if let Some(x) = &e.details.art34_exception {
                        ui.label(format!("Art. 34(3)({}) exception", x.ground.code()));
                    } else {
                        ui.label(if e.subjects_notified { "Yes" } else { "No" });
                    }
                    ui.label(i.closed_on.map(iso).unwrap_or_default());
                    if ui.button(format!("Open {}", i.reference())).clicked() {
                        open = Some(i.clone());
                    }
                    ui.end_row();
                }
            });
    });
    open
}
