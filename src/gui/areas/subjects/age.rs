//! The subject page's children part (issue 16): the person's recorded age with the age
//! thresholds that apply and their sources (GDPR Art. 8(1) with the member state's law, UK GDPR
//! Art. 8(1) and DPA 2018 s. 9, Cal. Civ. Code § 1798.120(c)), a form to record or verify the
//! age, and, on each consent the person may have made as a child, whether a parent's or
//! guardian's authorisation is recorded, with a form to record one. Holds only UI state and
//! returns a command (`apply_age.rs` applies it).

use egui::{ComboBox, Grid, Ui};
use uuid::Uuid;

use crate::domain::access::{Permission, Role};
use crate::domain::children::{AgeBand, AgeValue, ParentalAuthorisation, VerificationMethod};
use crate::domain::consent::ConsentEventKind;
use crate::domain::purpose::PurposeCode;
use crate::gui::Command;
use crate::gui::areas::request_widgets::{date_field, parse_date};
use crate::gui::areas::subjects::command::ConsentCommand;
use crate::gui::field_error::{FieldError, fingerprint};
use crate::gui::widgets::{hint, section, text_field};
use crate::services::ChildView;

/// How the age is given in the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Given {
    Year,
    Band,
}

/// The children part's form state.
#[derive(Debug)]
pub struct AgePanel {
    given: Given,
    year: String,
    band: AgeBand,
    verified_by: Option<VerificationMethod>,
    /// The consent line to authorise, by event id.
    line: Option<Uuid>,
    parent: String,
    method: VerificationMethod,
    on: String,
    problem: FieldError,
}

impl Default for AgePanel {
    fn default() -> Self {
        Self {
            given: Given::Year,
            year: String::new(),
            band: AgeBand::From13To15,
            verified_by: None,
            line: None,
            parent: String::new(),
            method: VerificationMethod::SignedForm,
            on: String::new(),
            problem: FieldError::default(),
        }
    }
}

fn kind_words(kind: ConsentEventKind) -> &'static str {
    match kind {
        ConsentEventKind::Given => "Consent given",
        ConsentEventKind::Refreshed => "Consent confirmed again",
        ConsentEventKind::OptedInToSaleOrSharing => "Opted in to sale/sharing",
        _ => "Consent event",
    }
}

fn line_words(kind: ConsentEventKind, purpose: Option<&PurposeCode>, at: &str) -> String {
    format!(
        "{at} {} ({})",
        kind_words(kind),
        purpose.map_or("all sale/share", PurposeCode::as_str)
    )
}

fn verified_words(m: Option<VerificationMethod>) -> &'static str {
    m.map_or(
        "Stated by the person (not verified)",
        VerificationMethod::label,
    )
}

impl AgePanel {
    /// Clears the typed fields after a change was applied.
    pub fn clear(&mut self) {
        self.year.clear();
        self.parent.clear();
        self.on.clear();
        self.line = None;
        self.problem.clear();
    }

    /// Draws the part for `subject`.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        view: &ChildView,
        subject: Uuid,
        role: Role,
    ) -> Option<Command> {
        section(ui, "Age and parental consent");
        Grid::new("subject-age")
            .num_columns(2)
            .spacing([24.0, 4.0])
            .show(ui, |ui| {
                ui.label("Age");
                match &view.age {
                    Some(a) => ui.label(format!(
                        "{} ({}, recorded {})",
                        a.describe(),
                        match a.verified_by {
                            None => "stated".to_owned(),
                            Some(m) => format!("verified: {}", m.label()),
                        },
                        a.recorded_on
                    )),
                    None => ui.label("Not recorded: not known to be a child"),
                };
                ui.end_row();
            });
        // Below the grid, so the long sources wrap at the window's width.
        for t in &view.thresholds {
            ui.label(format!(
                "Age threshold under {}: {}. {}",
                t.regime.label(),
                t.age,
                t.source
            ));
        }
        let mut command = None;
        if role.can(Permission::RecordSubjects) {
            command = self.age_form(ui, subject);
        }
        if view.age.is_some()
            && let Some(c) = self.lines(ui, view, subject, role)
        {
            command = Some(c);
        }
        let inputs = fingerprint(&(
            self.given,
            &self.year,
            self.band,
            self.verified_by,
            self.line,
            &self.parent,
            self.method,
            &self.on,
        ));
        self.problem.show(ui, inputs, "");
        command
    }

    fn age_form(&mut self, ui: &mut Ui, subject: Uuid) -> Option<Command> {
        choice(
            ui,
            "age-given",
            "Age given as",
            &mut self.given,
            [
                (Given::Year, "Birth year".to_owned()),
                (Given::Band, "Age band".to_owned()),
            ],
        );
        match self.given {
            Given::Year => {
                ui.horizontal(|ui| {
                    text_field(ui, "Birth year", &mut self.year);
                });
            }
            Given::Band => choice(
                ui,
                "age-band",
                "Age band",
                &mut self.band,
                AgeBand::ALL.map(|b| (b, b.label().to_owned())),
            ),
        }
        choice(
            ui,
            "age-verified-by",
            "Age verified by",
            &mut self.verified_by,
            std::iter::once((None, verified_words(None).to_owned()))
                .chain(VerificationMethod::ALL.map(|m| (Some(m), m.label().to_owned()))),
        );
        if !ui.button("Record age").clicked() {
            return None;
        }
        let value = match self.given {
            Given::Band => AgeValue::Band(self.band),
            Given::Year => match self.year.trim().parse::<i32>() {
                Ok(y) => AgeValue::BirthYear(y),
                Err(_) => {
                    self.problem.set(
                        "Birth year: write the year the person was born, for example 2012."
                            .to_owned(),
                    );
                    return None;
                }
            },
        };
        self.problem.clear();
        Some(Command::Consent(ConsentCommand::SetAge {
            subject,
            value,
            verified_by: self.verified_by,
        }))
    }

    fn lines(
        &mut self,
        ui: &mut Ui,
        view: &ChildView,
        subject: Uuid,
        role: Role,
    ) -> Option<Command> {
        let child_lines: Vec<_> = view
            .lines
            .iter()
            .zip(&view.child_at)
            .filter(|(_, child)| **child)
            .map(|(l, _)| l)
            .collect();
        if child_lines.is_empty() {
            hint(
                ui,
                "No consent on record was given while the person was below an age threshold.",
            );
            return None;
        }
        ui.add_space(6.0);
        ui.strong("Consents given as a child");
        Grid::new("subject-child-consents")
            .num_columns(2)
            .striped(true)
            .spacing([24.0, 4.0])
            .show(ui, |ui| {
                for l in &child_lines {
                    let at = l.at.format("%Y-%m-%d").to_string();
                    ui.label(line_words(l.kind, l.purpose.as_ref(), &at));
                    match &l.authorisation {
                        Some(a) => ui.label(format!(
                            "Parental authorisation recorded: {}, {}",
                            a.method.label(),
                            a.authorised_on
                        )),
                        None => ui.colored_label(
                            ui.visuals().warn_fg_color,
                            "No parental authorisation recorded: not valid consent (Art. 8(1); § 1798.120(c))",
                        ),
                    };
                    ui.end_row();
                }
            });
        if !role.can(Permission::RecordConsent) {
            return None;
        }
        let chosen = self
            .line
            .and_then(|id| child_lines.iter().find(|l| l.event == id))
            .map(|l| {
                line_words(
                    l.kind,
                    l.purpose.as_ref(),
                    &l.at.format("%Y-%m-%d").to_string(),
                )
            })
            .unwrap_or_else(|| "Choose a consent".to_owned());
        ui.horizontal(|ui| {
            let label = ui.label("Consent to authorise");
            ComboBox::from_id_salt("authorise-line")
                .selected_text(chosen)
                .show_ui(ui, |ui| {
                    for l in &child_lines {
                        let at = l.at.format("%Y-%m-%d").to_string();
                        ui.selectable_value(
                            &mut self.line,
                            Some(l.event),
                            line_words(l.kind, l.purpose.as_ref(), &at),
                        );
                    }
                })
                .response
                .labelled_by(label.id);
        });
        ui.horizontal(|ui| {
            text_field(ui, "Parent or guardian", &mut self.parent);
        });
        choice(
            ui,
            "authorise-method",
            "Authorisation verified by",
            &mut self.method,
            VerificationMethod::ALL.map(|m| (m, m.label().to_owned())),
        );
        ui.horizontal(|ui| {
            date_field(
                ui,
                "Authorised on (YYYY-MM-DD; empty for today)",
                &mut self.on,
            );
        });
        if !ui.button("Record parental authorisation").clicked() {
            return None;
        }
        let Some(event) = self.line else {
            self.problem
                .set("Consent to authorise: choose the consent the parent authorised.".to_owned());
            return None;
        };
        if self.parent.trim().is_empty() {
            self.problem.set(
                "Parent or guardian: give the name of the person who authorised it.".to_owned(),
            );
            return None;
        }
        let authorised_on = if self.on.trim().is_empty() {
            crate::gui::areas::today()
        } else {
            match parse_date("Authorised on", &self.on) {
                Ok(d) => d,
                Err(p) => {
                    self.problem.set(p);
                    return None;
                }
            }
        };
        self.problem.clear();
        Some(Command::Consent(ConsentCommand::AuthoriseConsent {
            subject,
            event,
            auth: ParentalAuthorisation {
                authorised_by: self.parent.trim().to_owned(),
                method: self.method,
                authorised_on,
            },
        }))
    }
}

/// A labelled drop-down on its own line: `label`, then one entry per `(value, words)`.
fn choice<T: PartialEq + Copy>(
    ui: &mut Ui,
    id: &str,
    label: &str,
    value: &mut T,
    options: impl IntoIterator<Item = (T, String)>,
) {
    let options: Vec<(T, String)> = options.into_iter().collect();
    let selected = options
        .iter()
        .find(|(v, _)| v == value)
        .map(|(_, w)| w.clone())
        .unwrap_or_default();
    ui.horizontal(|ui| {
        let label = ui.label(label);
        ComboBox::from_id_salt(id)
            .selected_text(selected)
            .show_ui(ui, |ui| {
                for (v, w) in options {
                    ui.selectable_value(value, v, w);
                }
            })
            .response
            .labelled_by(label.id);
    });
}
