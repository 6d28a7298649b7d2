//! Partial compliance on an erasure (GDPR, UK GDPR Art. 17) or delete (CCPA § 1798.105)
//! request: per part of the person's data (a system of the data inventory or a data category
//! code, as `request partial ID --keep PART=EXCEPTION` takes them), the exception of the
//! regime's checklist that keeps it (Art. 17(3)(a)–(e); Cal. Civ. Code § 1798.105(d)(1)–(8)),
//! one reason and the day decided, then "Erase the rest, keep these". Afterwards the page lists
//! the kept parts with their exceptions and what the completion letter says, with the CCPA
//! denial duties (11 CCR § 7022(f)). The rule is `domain::request::partial`; recording goes
//! through `Requests::keep_parts` (`apply_terms.rs`).

use egui::{ComboBox, RichText, Ui};

use crate::domain::access::{Permission, Role};
use crate::domain::request::partial::{self, ErasureException, KeptPart};
use crate::domain::request::{RequestType, long_date};
use crate::gui::Command;
use crate::gui::areas::request_widgets::{date_field, iso, parse_date, today};
use crate::gui::areas::requests::command::RequestCommand;
use crate::gui::areas::requests::page::RequestPageData;
use crate::gui::areas::requests::terms_command::TermsCommand;
use crate::gui::field_error::{FieldError, fingerprint};
use crate::gui::widgets::{FIELD_WIDTH, hint, section, text_area};
use crate::services::{RequestDetail, ServiceResult, Session};

/// A part the officer may name: a system of the inventory or a data category.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartChoice {
    /// What the service takes: the system's name or the category's code.
    pub value: String,
    /// What the drop-down shows.
    pub label: String,
}

/// What the partial-compliance part of the page shows, read with the rest of the page.
#[derive(Clone, Debug, Default)]
pub struct PartialFacts {
    /// The parts kept so far, with their exceptions.
    pub kept: Vec<KeptPart>,
    /// The parts that may be named: the inventory's systems, then its data categories.
    pub choices: Vec<PartChoice>,
}

impl PartialFacts {
    /// Reads the facts for an erasure or delete request (empty for other types, and for a
    /// role that may not see personal data).
    pub fn read(session: &Session, detail: &RequestDetail) -> ServiceResult<Self> {
        let r = &detail.request;
        if !is_erasure(r.kind) || !session.user().role.can(Permission::ViewPersonalData) {
            return Ok(Self::default());
        }
        let records = session.records();
        let mut choices: Vec<PartChoice> = records
            .data_systems()?
            .into_iter()
            .map(|s| PartChoice {
                label: format!("{} (system)", s.name),
                value: s.name,
            })
            .collect();
        choices.extend(
            records
                .data_taxonomy()?
                .categories()
                .iter()
                .map(|c| PartChoice {
                    value: c.code.as_str().to_owned(),
                    label: format!("{} ({})", c.name, c.code.as_str()),
                }),
        );
        Ok(Self {
            kept: session.requests().kept_parts(r.id)?,
            choices,
        })
    }
}

fn is_erasure(kind: RequestType) -> bool {
    matches!(kind, RequestType::Erasure | RequestType::Delete)
}

/// One part of the form: what is kept and on which exception.
#[derive(Clone, Debug, Default)]
struct Row {
    part: Option<String>,
    exception: Option<ErasureException>,
}

/// The partial-compliance form's state.
#[derive(Debug)]
pub struct PartialPanel {
    rows: Vec<Row>,
    reason: String,
    date: String,
    problem: FieldError,
}

impl Default for PartialPanel {
    fn default() -> Self {
        Self {
            rows: vec![Row::default()],
            reason: String::new(),
            date: iso(today()),
            problem: FieldError::default(),
        }
    }
}

impl PartialPanel {
    /// Shows the service's problem under the form.
    pub fn set_problem(&mut self, problem: String) {
        self.problem.set(problem);
    }

    /// Draws the part for an erasure or delete request (nothing for other types).
    pub fn ui(&mut self, ui: &mut Ui, data: &RequestPageData, role: Role) -> Option<Command> {
        let r = &data.detail.request;
        if !is_erasure(r.kind) {
            return None;
        }
        section(ui, "Keep part of the data");
        hint(
            ui,
            &format!(
                "The law lets the business keep the parts of the person's data an exception covers ({}) and erase the rest. Name each part as the data inventory does (a system or a data category), the exception that keeps it and why it applies.",
                partial::source(r.regime)
            ),
        );
        kept_list(ui, data);
        if !r.is_open() {
            return None;
        }
        if !role.can(Permission::ProcessRequests) {
            ui.add_enabled(
                false,
                egui::Label::new(Permission::ProcessRequests.why_not(role)),
            );
            return None;
        }
        let mut command = None;
        let checklist = ErasureException::checklist(r.regime);
        let mut remove = None;
        let many = self.rows.len() > 1;
        for (i, row) in self.rows.iter_mut().enumerate() {
            let n = i + 1;
            ui.horizontal_wrapped(|ui| {
                part_combo(ui, n, &mut row.part, &data.partial.choices);
                exception_combo(ui, n, &mut row.exception, checklist);
                if many && ui.button(format!("Remove part {n}")).clicked() {
                    remove = Some(i);
                }
            });
        }
        if let Some(i) = remove {
            self.rows.remove(i);
        }
        if ui.button("Add a part").clicked() {
            self.rows.push(Row::default());
        }
        text_area(ui, "Why the exceptions apply", &mut self.reason);
        date_field(ui, "Decided on", &mut self.date);
        hint(
            ui,
            "Recording closes the tasks of the systems kept. Then erase the rest: the open tasks list the systems still to reach, and \"Erase this person…\" removes the record here; the completion letter and the erasure certificate list the parts kept.",
        );
        if ui.button("Erase the rest, keep these").clicked() {
            match self.command(r.id) {
                Ok(c) => {
                    self.problem.clear();
                    command = Some(Command::Request(RequestCommand::Terms(c)));
                }
                Err(p) => self.problem.set(p),
            }
        }
        let inputs = fingerprint(&(&self.rows, &self.reason, &self.date));
        self.problem.show(ui, inputs, "Problem: ");
        command
    }

    /// The command for the form as filled in, or the problem naming the field.
    fn command(&self, id: uuid::Uuid) -> Result<TermsCommand, String> {
        let mut parts = Vec::with_capacity(self.rows.len());
        for (i, row) in self.rows.iter().enumerate() {
            let n = i + 1;
            let Some(part) = &row.part else {
                return Err(format!(
                    "Part {n}: choose the system or data category that is kept."
                ));
            };
            let Some(exception) = row.exception else {
                return Err(format!(
                    "Exception for part {n}: choose the exception that keeps it."
                ));
            };
            parts.push((part.clone(), exception.code().to_owned()));
        }
        let on = parse_date("Decided on", &self.date)?;
        Ok(TermsCommand::KeepParts {
            id,
            parts,
            reason: self.reason.clone(),
            on,
        })
    }
}

/// The parts kept so far and what the completion letter says of them.
fn kept_list(ui: &mut Ui, data: &RequestPageData) {
    let kept = &data.partial.kept;
    if kept.is_empty() {
        ui.label("Nothing is kept on an exception yet.");
        return;
    }
    ui.label(RichText::new("Kept on exceptions").strong());
    for k in kept {
        ui.label(format!(
            "• {}: {} ({}), decided on {} by {}.",
            k.part,
            k.exception.label(),
            k.exception.citation(),
            long_date(k.decided_on),
            k.decided_by
        ));
    }
    ui.label(RichText::new("The completion letter says").strong());
    ui.label(partial::letter_sentences(data.detail.request.regime, kept));
}

fn part_combo(ui: &mut Ui, n: usize, part: &mut Option<String>, choices: &[PartChoice]) {
    let label = ui.label(format!("Part {n}"));
    let shown = part
        .as_deref()
        .and_then(|v| choices.iter().find(|c| c.value == v))
        .map_or("Choose…", |c| c.label.as_str());
    ComboBox::from_id_salt(("partial-part", n))
        .selected_text(shown)
        .width(FIELD_WIDTH * 0.7)
        .show_ui(ui, |ui| {
            for c in choices {
                ui.selectable_value(part, Some(c.value.clone()), &c.label);
            }
        })
        .response
        .labelled_by(label.id);
}

fn exception_combo(
    ui: &mut Ui,
    n: usize,
    exception: &mut Option<ErasureException>,
    checklist: &[ErasureException],
) {
    let label = ui.label(format!("Exception for part {n}"));
    let words = |e: ErasureException| format!("{}: {}", e.citation(), e.label());
    ComboBox::from_id_salt(("partial-exception", n))
        .selected_text(exception.map_or_else(|| "Choose…".to_owned(), words))
        .width(FIELD_WIDTH)
        .show_ui(ui, |ui| {
            for e in checklist {
                ui.selectable_value(exception, Some(*e), words(*e));
            }
        })
        .response
        .labelled_by(label.id);
}
