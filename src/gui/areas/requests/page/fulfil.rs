//! Fulfilling a request, by its type: the access package (access, portability, right to
//! know), the correction form and its history (rectification, correct), erasure
//! (`request_erasure.rs`), the restriction mark, withdrawals per purpose (objection, withdrawal
//! of consent) and the CCPA opt-out and limit, with the day the business may next ask the person
//! to opt in again (Civ. Code § 1798.135(c)(4)); an objection's decisions per purpose
//! (`objection.rs`, Art. 21).

use std::collections::BTreeSet;

use egui::{RichText, Ui};

use crate::domain::access::{Permission, Role};
use crate::domain::request::Fulfilment as HowFulfilled;
use crate::domain::request::RequestType;
use crate::domain::subject::SubjectDraft;
use crate::gui::Command;
use crate::gui::areas::requests::command::RequestCommand;
use crate::gui::field_error::{FieldError, fingerprint};
use crate::gui::widgets::{hint, text_field};
use crate::jobs::Progress;
use crate::services::ErasureCertificate;

use crate::gui::areas::requests::page::RequestPageData;
use crate::gui::areas::requests::page::erasure::ErasurePanel;
use crate::gui::areas::requests::page::objection::ObjectionForm;

/// The fulfilment section's state.
#[derive(Debug)]
pub struct Fulfilment {
    correction: SubjectDraft,
    chosen: BTreeSet<String>,
    erasure: ErasurePanel,
    objection: ObjectionForm,
    exported: Option<String>,
    problem: FieldError,
}

impl Fulfilment {
    /// The section for `data`: the correction form starts from the person's record.
    pub fn new(data: &RequestPageData) -> Self {
        Self {
            correction: data
                .subject
                .as_ref()
                .map(|s| s.fields.clone())
                .unwrap_or_default(),
            chosen: BTreeSet::new(),
            erasure: ErasurePanel::default(),
            objection: ObjectionForm::default(),
            exported: None,
            problem: FieldError::default(),
        }
    }

    /// New data after a change: the forms start again from the record; the certificate and
    /// the last export stay.
    pub fn refresh(&mut self, data: &RequestPageData) {
        self.correction = data
            .subject
            .as_ref()
            .map(|s| s.fields.clone())
            .unwrap_or_default();
        self.chosen.clear();
        self.erasure.reset();
        self.objection = ObjectionForm::default();
        self.problem.clear();
    }

    /// The page's data was read again (`old` → `new`) without a change asked for here: a
    /// correction form still as it was filled follows the person's record; the rest stays as
    /// the officer left it.
    pub fn follow(&mut self, old: &RequestPageData, new: &RequestPageData) {
        let fields = |data: &RequestPageData| {
            data.subject
                .as_ref()
                .map(|s| s.fields.clone())
                .unwrap_or_default()
        };
        if self.correction == fields(old) {
            self.correction = fields(new);
        }
    }

    /// Shows a problem in this section.
    pub fn set_problem(&mut self, problem: String) {
        self.problem.set(problem);
    }

    /// Shows the certificate of the erasure just done.
    pub fn set_certificate(&mut self, certificate: ErasureCertificate) {
        self.erasure.set_certificate(certificate);
    }

    /// Notes what the last access export wrote.
    pub fn set_exported(&mut self, summary: String) {
        self.exported = Some(summary);
    }

    /// Draws the section.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        data: &RequestPageData,
        role: Role,
        exporting: Option<&Progress>,
    ) -> Option<Command> {
        let r = &data.detail.request;
        let mut command = self.erasure.certificate(ui, role);
        let inputs = fingerprint(&*self);
        self.problem.show(ui, inputs, "Problem: ");
        let Some(subject) = data.subject.as_ref() else {
            hint(
                ui,
                "The person's data has been erased; only the request's plain facts are kept.",
            );
            return command;
        };
        if let Some(since) = &data.restricted_on {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("Processing restricted since {since}."),
            );
        }
        may_ask_again(ui, data);
        if !r.is_open() {
            hint(ui, "The request is closed.");
            if r.kind == RequestType::Objection {
                let _ = self
                    .objection
                    .ui(ui, r.id, &data.legal.objection, false, false);
            }
        } else {
            let request = r.id;
            let may_process = role.can(Permission::ProcessRequests);
            let c = match r.kind.fulfilment() {
                HowFulfilled::AccessPackage => {
                    command = command.or(self.access(ui, data, role, exporting));
                    None
                }
                HowFulfilled::Rectification => {
                    command = command.or(self.rectification(ui, data, role));
                    None
                }
                HowFulfilled::Erasure => {
                    command = command.or(self.erasure.ui(ui, data, role));
                    None
                }
                HowFulfilled::Restriction
                | HowFulfilled::ConsentWithdrawal
                | HowFulfilled::OptOutOfSale
                | HowFulfilled::LimitSensitiveUse
                    if !may_process =>
                {
                    ui.add_enabled(
                        false,
                        egui::Label::new(Permission::ProcessRequests.why_not(role)),
                    );
                    None
                }
                HowFulfilled::Restriction => {
                    let (label, restricted) = match data.restricted_on {
                        Some(_) => ("Lift restriction", false),
                        None => ("Restrict processing", true),
                    };
                    ui.button(label)
                        .clicked()
                        .then_some(RequestCommand::SetRestricted {
                            request,
                            subject: subject.id,
                            restricted,
                        })
                }
                HowFulfilled::OptOutOfSale => {
                    ui.button("Record the opt-out")
                        .clicked()
                        .then_some(RequestCommand::OptOut {
                            request,
                            purposes: Vec::new(),
                        })
                }
                HowFulfilled::LimitSensitiveUse => ui
                    .button("Record the limit")
                    .clicked()
                    .then_some(RequestCommand::OptOut {
                        request,
                        purposes: Vec::new(),
                    }),
                HowFulfilled::ConsentWithdrawal => {
                    if r.kind == RequestType::Objection {
                        command = command.or(self.objection_decisions(ui, data));
                        ui.add_space(6.0);
                    }
                    self.withdrawals(ui, data)
                }
            };
            command = command.or(c.map(Command::Request));
        }
        if r.kind.is_rectification() {
            changes(ui, data);
        }
        command
    }

    fn access(
        &mut self,
        ui: &mut Ui,
        data: &RequestPageData,
        role: Role,
        exporting: Option<&Progress>,
    ) -> Option<Command> {
        if !role.can(Permission::ExportPersonalData) {
            ui.add_enabled(
                false,
                egui::Label::new(Permission::ExportPersonalData.why_not(role)),
            );
            return None;
        }
        let mut command = None;
        if let Some(p) = exporting {
            ui.horizontal(|ui| {
                let (done, total) = p.counts();
                ui.label("Writing the access package…");
                ui.add(
                    egui::ProgressBar::new(p.fraction())
                        .desired_width(260.0)
                        .text(format!("{done} of {total} steps"))
                        .animate(total == 0),
                );
                if ui.button("Cancel").clicked() {
                    command = Some(Command::Request(RequestCommand::CancelExport));
                }
            });
            return command;
        }
        hint(
            ui,
            "Writes the person's data into a folder: a readable page, the data as JSON and CSV files (identity, consent history, requests, corrections).",
        );
        if let Some(dir) = crate::gui::file_dialog::FileDialog::new()
            .pick_folder(ui.button("Export access package…").clicked(), ui)
            && let Some(subject) = &data.subject
        {
            self.problem.clear();
            command = Some(Command::Request(RequestCommand::ExportAccess {
                request: data.detail.request.id,
                subject: subject.id,
                dir,
            }));
        }
        if let Some(done) = &self.exported {
            ui.label(done);
        }
        command
    }

    fn rectification(
        &mut self,
        ui: &mut Ui,
        data: &RequestPageData,
        role: Role,
    ) -> Option<Command> {
        if !role.can(Permission::ProcessRequests) {
            ui.add_enabled(
                false,
                egui::Label::new(Permission::ProcessRequests.why_not(role)),
            );
            return None;
        }
        let subject = data.subject.as_ref()?;
        hint(
            ui,
            "Correct the fields as the person asked; the old values are kept in the history below.",
        );
        let d = &mut self.correction;
        text_field(ui, "Email", &mut d.email);
        text_field(ui, "Name", &mut d.name);
        text_field(ui, "Phone", &mut d.phone);
        text_field(ui, "Postal address", &mut d.postal_address);
        text_field(ui, "Customer reference", &mut d.customer_ref);
        text_field(ui, "Notes", &mut d.notes);
        text_field(ui, "Tags (comma-separated)", &mut d.tags);
        if !ui.button("Save correction").clicked() {
            return None;
        }
        if let Err(p) = self.correction.check() {
            self.problem.set(p);
            return None;
        }
        Some(Command::Request(RequestCommand::Rectify {
            request: data.detail.request.id,
            subject: subject.id,
            corrected: self.correction.clone(),
        }))
    }

    /// The objection's purposes and the decision form (Art. 21(1)).
    fn objection_decisions(&mut self, ui: &mut Ui, data: &RequestPageData) -> Option<Command> {
        let r = &data.detail.request;
        match self
            .objection
            .ui(ui, r.id, &data.legal.objection, true, true)?
        {
            Ok(c) => Some(Command::Request(RequestCommand::Terms(c))),
            Err(p) => {
                self.problem.set(p);
                None
            }
        }
    }

    fn withdrawals(&mut self, ui: &mut Ui, data: &RequestPageData) -> Option<RequestCommand> {
        if data.consents.is_empty() {
            hint(ui, "There are no purposes in the catalogue.");
            return None;
        }
        hint(
            ui,
            "Choose the purposes the person objects to or withdraws from; a withdrawal is recorded in their consent ledger for each.",
        );
        for (row, state) in &data.consents {
            let code = row.purpose.code.as_str().to_owned();
            let mut on = self.chosen.contains(&code);
            let text = format!("{} (now: {})", row.purpose.name, state.code());
            if ui.checkbox(&mut on, text).changed() {
                if on {
                    self.chosen.insert(code);
                } else {
                    self.chosen.remove(&code);
                }
            }
        }
        let clicked = ui
            .add_enabled(
                !self.chosen.is_empty(),
                egui::Button::new("Withdraw selected"),
            )
            .clicked();
        clicked.then(|| RequestCommand::OptOut {
            request: data.detail.request.id,
            purposes: self.chosen.iter().cloned().collect(),
        })
    }
}

/// While a CCPA opt-out or limit is in force: the first day the business may ask the person
/// to opt in again (Cal. Civ. Code § 1798.135(c)(4)).
fn may_ask_again(ui: &mut Ui, data: &RequestPageData) {
    if let Some(from) = data.legal.may_ask_again_from {
        ui.label(format!(
            "The person's choice is {}.",
            crate::gui::areas::subjects::kept::ask_again_words(from.date_naive(), data.today)
        ));
    }
}

/// The person's corrections, before and after.
fn changes(ui: &mut Ui, data: &RequestPageData) {
    ui.add_space(6.0);
    ui.label(RichText::new("Corrections").strong());
    if data.changes.is_empty() {
        hint(ui, "No correction recorded yet.");
        return;
    }
    egui::Grid::new("request-corrections")
        .num_columns(5)
        .striped(true)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            for t in ["When (UTC)", "Field", "Before", "After", "By"] {
                ui.strong(t);
            }
            ui.end_row();
            for c in &data.changes {
                ui.label(c.at.format("%Y-%m-%d %H:%M").to_string());
                ui.label(field_label(&c.field));
                ui.label(&c.before);
                ui.label(&c.after);
                ui.label(&c.actor);
                ui.end_row();
            }
        });
}

/// The label of a stored field name.
fn field_label(field: &str) -> &str {
    crate::services::CORRECTABLE_FIELDS
        .iter()
        .find(|(name, _)| *name == field)
        .map_or(field, |(_, label)| label)
}
