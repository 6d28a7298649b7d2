//! Retention → Holds: the legal holds (on whom, why, since and until when, by whom, released)
//! with Release, and the form that places a hold on a person (by email, or from their page)
//! or on a request (by reference).

use chrono::NaiveDate;
use egui::{Grid, Ui};
use uuid::Uuid;

use crate::domain::access::{Permission, Role};
use crate::domain::retention::hold::{HoldTarget, LegalHold};
use crate::gui::Command;
use crate::gui::areas::retention::command::{HoldOn, RetentionCommand};
use crate::gui::field_error::{FieldError, fingerprint};
use crate::gui::view_data::{Fresh, ViewData};
use crate::gui::widgets::{hint, section, text_area, text_field};
use crate::services::{ServiceResult, Session};

use crate::gui::areas::request_widgets::{date_field, iso, parse_date, today};
use crate::gui::widgets::{cell, wide};

/// One hold as listed: the hold, and what it is on in words (an email, a reference).
#[derive(Clone, Debug)]
pub struct HoldRow {
    /// The hold.
    pub hold: LegalHold,
    /// What it is on, in words.
    pub on: String,
}

/// What a hold is on, in words: the person's email (or name), or the request's reference.
pub fn hold_target_words(session: &Session, target: HoldTarget, today: NaiveDate) -> String {
    match target {
        HoldTarget::Subject(id) => match session.subjects().subject(id) {
            Ok(Some(s)) if !s.fields.email.is_empty() => format!("person {}", s.fields.email),
            Ok(Some(s)) => format!("person {}", s.fields.name),
            _ => "a person no longer in the store".to_owned(),
        },
        HoldTarget::Request(id) => match session.requests().request_detail(id, today) {
            Ok(d) => format!("request {}", d.request.reference),
            Err(_) => "a request no longer in the store".to_owned(),
        },
    }
}

/// Builds the holds as listed, each with what it is on in words (as of `today`).
pub fn hold_rows(session: &Session, today: NaiveDate) -> ServiceResult<Vec<HoldRow>> {
    Ok(session
        .retention()
        .legal_holds()?
        .into_iter()
        .map(|hold: LegalHold| HoldRow {
            on: hold_target_words(session, hold.target, today),
            hold,
        })
        .collect())
}

/// The form that places a hold.
#[derive(Debug, Default)]
struct HoldForm {
    on_request: bool,
    email: String,
    reference: String,
    /// A person chosen on their page: (id, email or name).
    subject: Option<(Uuid, String)>,
    reason: String,
    until: String,
    problem: FieldError,
}

/// The Holds tab's state.
#[derive(Debug, Default)]
pub struct HoldsTab {
    rows: ViewData<Vec<HoldRow>, NaiveDate>,
    form: HoldForm,
}

impl HoldsTab {
    /// Builds the holds when the store changed since they were read.
    pub fn prepare(&mut self, fresh: &Fresh<'_>) -> ServiceResult<()> {
        self.rows.refresh(fresh.generation, fresh.today, |today| {
            hold_rows(fresh.session, *today)
        })
    }

    /// Sets the form on one person (from their page).
    pub fn hold_subject(&mut self, id: Uuid, label: String) {
        self.form = HoldForm {
            subject: Some((id, label)),
            ..HoldForm::default()
        };
    }

    /// Shows the service's problem with the new hold beside the form.
    pub fn form_problem(&mut self, problem: String) {
        self.form.problem.set(problem);
    }

    /// The hold was placed: empties the form and reads the holds again.
    pub fn placed(&mut self) {
        self.form = HoldForm::default();
    }

    /// Draws the tab.
    pub fn ui(&mut self, ui: &mut Ui, role: Role) -> Option<Command> {
        let mut command = None;
        hint(
            ui,
            "A legal hold keeps a person or a request out of every sweep and erasure until it is released or its end date passes: use it for a claim, an investigation or a legal duty to keep records.",
        );
        let may_edit = role.can(Permission::EditRetention);
        section(ui, "Legal holds");
        match self.rows.get() {
            None => hint(ui, "Loading…"),
            Some(rows) if rows.is_empty() => hint(ui, "No legal hold has been placed."),
            Some(rows) => {
                if let Some(c) = table(ui, rows, role) {
                    command = Some(c);
                }
            }
        }
        section(ui, "Place a hold");
        if !may_edit {
            hint(ui, &Permission::EditRetention.why_not(role));
            return command;
        }
        if let Some(c) = self.form_ui(ui) {
            command = Some(c);
        }
        command
    }

    fn form_ui(&mut self, ui: &mut Ui) -> Option<Command> {
        let f = &mut self.form;
        let mut clear_subject = false;
        match &f.subject {
            Some((_, label)) => {
                ui.horizontal(|ui| {
                    ui.label(format!("On the person {label}"));
                    clear_subject = ui.button("Choose someone else").clicked();
                });
            }
            None => {
                ui.horizontal(|ui| {
                    ui.radio_value(&mut f.on_request, false, "On a person (by email)");
                    ui.radio_value(&mut f.on_request, true, "On a request (by reference)");
                });
                if f.on_request {
                    text_field(ui, "Request reference (R-0001)", &mut f.reference);
                } else {
                    text_field(ui, "Email address", &mut f.email);
                }
            }
        }
        if clear_subject {
            f.subject = None;
        }
        text_area(ui, "Reason for the hold", &mut f.reason);
        date_field(
            ui,
            "Until (YYYY-MM-DD; empty: until released)",
            &mut f.until,
        );
        let inputs = fingerprint(&*f);
        f.problem.show(ui, inputs, "");
        if !ui.button("Place the hold").clicked() {
            return None;
        }
        let until = if f.until.trim().is_empty() {
            None
        } else {
            match parse_date("Until", &f.until) {
                Ok(d) => Some(d),
                Err(p) => {
                    f.problem.set(p);
                    return None;
                }
            }
        };
        let on = match (&f.subject, f.on_request) {
            (Some((id, _)), _) => HoldOn::Subject(*id),
            (None, true) if f.reference.trim().is_empty() => {
                f.problem
                    .set("Request reference: give the reference, like R-0001.".into());
                return None;
            }
            (None, true) => HoldOn::Reference(f.reference.trim().to_owned()),
            (None, false) if f.email.trim().is_empty() => {
                f.problem
                    .set("Email address: give the person's email address.".into());
                return None;
            }
            (None, false) => HoldOn::Email(f.email.trim().to_owned()),
        };
        f.problem.clear();
        Some(Command::Retention(RetentionCommand::PlaceHold {
            on,
            reason: f.reason.clone(),
            until,
        }))
    }
}

/// The holds, newest first; returns the Release asked for (disabled, with the reason, for a
/// role that may not).
fn table(ui: &mut Ui, rows: &[HoldRow], role: Role) -> Option<Command> {
    let mut command = None;
    let may_edit = role.can(Permission::EditRetention);
    let today = today();
    wide(ui, "legal-holds-wide", |ui| {
        Grid::new("legal-holds")
            .num_columns(7)
            .striped(true)
            .spacing([16.0, 4.0])
            .max_col_width(200.0)
            .show(ui, |ui| {
                for t in ["On", "Reason", "Placed", "Until", "By", "State", ""] {
                    ui.strong(t);
                }
                ui.end_row();
                for row in rows {
                    let h = &row.hold;
                    cell(ui, &row.on);
                    cell(ui, &h.reason);
                    ui.label(iso(h.placed_on));
                    ui.label(h.ends_on.map_or_else(|| "until released".to_owned(), iso));
                    ui.label(&h.placed_by);
                    let state = match h.released_on {
                        Some(d) => format!("released {}", iso(d)),
                        None if h.in_force(today) => "in force".to_owned(),
                        None => "ended".to_owned(),
                    };
                    ui.label(state);
                    if h.in_force(today) {
                        let release = ui
                            .add_enabled(may_edit, egui::Button::new("Release"))
                            .on_hover_text(format!("Release the hold on {}", row.on))
                            .on_disabled_hover_text(Permission::EditRetention.why_not(role));
                        if release.clicked() {
                            command = Some(Command::Retention(RetentionCommand::ReleaseHold(h.id)));
                        }
                    } else {
                        ui.label("");
                    }
                    ui.end_row();
                }
            });
    });
    command
}
