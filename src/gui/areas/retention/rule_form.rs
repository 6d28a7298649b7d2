//! The rule editor: a new retention rule or changes to one. Choices that do not fit the kind
//! of record are not offered (a request file has no purpose, evidence is never deleted); the
//! service checks the rest and its message, which names the field, is shown under the form.

use egui::{ComboBox, RichText, Ui};

use crate::domain::purpose::PurposeCode;
use crate::domain::retention::{
    Condition, FromEvent, Period, PeriodUnit, RecordKind, RetentionAction, RetentionRule,
};
use crate::gui::field_error::{FieldError, fingerprint};
use crate::gui::widgets::{FIELD_WIDTH, hint, text_field};

/// What the editor asks for.
#[derive(Debug)]
pub enum RuleFormAction {
    /// Save this rule.
    Save(RetentionRule),
    /// Close the editor without saving.
    Close,
}

/// The editor's fields.
#[derive(Debug)]
pub struct RuleForm {
    new: bool,
    code: String,
    name: String,
    kind: RecordKind,
    purpose: Option<PurposeCode>,
    condition: Condition,
    amount: String,
    unit: PeriodUnit,
    from: FromEvent,
    action: RetentionAction,
    reason: String,
    enabled: bool,
    problem: FieldError,
}

fn unit_label(unit: PeriodUnit) -> &'static str {
    match unit {
        PeriodUnit::Days => "days",
        PeriodUnit::Months => "months",
        PeriodUnit::Years => "years",
    }
}

/// A labelled combo box of `choices`, each with its words.
fn combo<T: Copy + PartialEq>(
    ui: &mut Ui,
    label: &str,
    value: &mut T,
    choices: &[T],
    words: impl Fn(T) -> &'static str,
) {
    ui.horizontal(|ui| {
        let label = ui.label(label);
        ComboBox::from_id_salt(("rule-form", label.id))
            .width(FIELD_WIDTH * 0.8)
            .selected_text(words(*value))
            .show_ui(ui, |ui| {
                for &c in choices {
                    ui.selectable_value(value, c, words(c));
                }
            })
            .response
            .labelled_by(label.id);
    });
}

impl RuleForm {
    /// An empty rule: customer records, kept 12 months after the last activity, flagged.
    pub fn new_rule() -> Self {
        Self {
            new: true,
            code: String::new(),
            name: String::new(),
            kind: RecordKind::Subject,
            purpose: None,
            condition: Condition::Any,
            amount: "12".into(),
            unit: PeriodUnit::Months,
            from: FromEvent::LastActivity,
            action: RetentionAction::Flag,
            reason: String::new(),
            enabled: true,
            problem: FieldError::default(),
        }
    }

    /// The fields of an existing rule (its code stays: sweep reports name it).
    pub fn edit(rule: &RetentionRule) -> Self {
        Self {
            new: false,
            code: rule.code.clone(),
            name: rule.name.clone(),
            kind: rule.kind,
            purpose: rule.purpose.clone(),
            condition: rule.condition,
            amount: rule.period.amount.to_string(),
            unit: rule.period.unit,
            from: rule.from,
            action: rule.action,
            reason: rule.reason.clone(),
            enabled: rule.enabled,
            problem: FieldError::default(),
        }
    }

    /// Shows the service's problem with the rule.
    pub fn set_problem(&mut self, problem: String) {
        self.problem.set(problem);
    }

    /// Keeps the choices consistent with the kind of record.
    fn fit_kind(&mut self) {
        if !FromEvent::for_kind(self.kind).contains(&self.from) {
            self.from = FromEvent::for_kind(self.kind)[0];
        }
        if self.kind != RecordKind::Subject {
            self.condition = Condition::Any;
        }
        if self.kind == RecordKind::Request {
            self.purpose = None;
        }
        if self.kind == RecordKind::ConsentEvidence && self.action == RetentionAction::Delete {
            self.action = RetentionAction::Anonymise;
        }
    }

    /// Draws the editor; `purposes` are the catalogue's (code, name).
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        purposes: &[(PurposeCode, String)],
    ) -> Option<RuleFormAction> {
        let mut action = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(
                RichText::new(if self.new {
                    "New rule"
                } else {
                    "Edit the rule"
                })
                .strong(),
            );
            if self.new {
                text_field(ui, "Code (short, like withdrawn-contacts)", &mut self.code);
            } else {
                ui.label(format!("Code: {} (kept: sweep reports name it)", self.code));
            }
            text_field(ui, "Name", &mut self.name);
            combo(
                ui,
                "Kind of record",
                &mut self.kind,
                &RecordKind::ALL,
                RecordKind::label,
            );
            self.fit_kind();
            if self.kind != RecordKind::Request {
                self.purpose_combo(ui, purposes);
            }
            if self.kind == RecordKind::Subject {
                combo(
                    ui,
                    "Applies to",
                    &mut self.condition,
                    &Condition::ALL,
                    Condition::label,
                );
            }
            ui.horizontal(|ui| {
                let label = ui.label("Kept for");
                ui.add(egui::TextEdit::singleline(&mut self.amount).desired_width(60.0))
                    .labelled_by(label.id);
                let unit = ui.label("Unit");
                ComboBox::from_id_salt("rule-form-unit")
                    .selected_text(unit_label(self.unit))
                    .show_ui(ui, |ui| {
                        for u in [PeriodUnit::Days, PeriodUnit::Months, PeriodUnit::Years] {
                            ui.selectable_value(&mut self.unit, u, unit_label(u));
                        }
                    })
                    .response
                    .labelled_by(unit.id);
            });
            combo(
                ui,
                "Counted from",
                &mut self.from,
                FromEvent::for_kind(self.kind),
                FromEvent::label,
            );
            let actions: Vec<RetentionAction> = RetentionAction::ALL
                .into_iter()
                .filter(|a| {
                    self.kind != RecordKind::ConsentEvidence || *a != RetentionAction::Delete
                })
                .collect();
            combo(
                ui,
                "What happens then",
                &mut self.action,
                &actions,
                RetentionAction::label,
            );
            let label = ui.label("Reason (why this long, on which basis; the policy quotes it)");
            ui.add(
                egui::TextEdit::multiline(&mut self.reason)
                    .desired_width(FIELD_WIDTH * 1.5)
                    .desired_rows(3),
            )
            .labelled_by(label.id);
            ui.checkbox(&mut self.enabled, "Enabled (sweeps apply it)");
            if self.kind == RecordKind::Subject && self.action != RetentionAction::Flag {
                hint(
                    ui,
                    "People under a legal hold or with a request still open are never touched.",
                );
            }
            let inputs = fingerprint(&*self);
            self.problem.show(ui, inputs, "");
            ui.horizontal(|ui| {
                if ui.button("Save the rule").clicked() {
                    action = self.build().map(RuleFormAction::Save);
                }
                if ui.button("Close the editor").clicked() {
                    action = Some(RuleFormAction::Close);
                }
            });
        });
        action
    }

    fn purpose_combo(&mut self, ui: &mut Ui, purposes: &[(PurposeCode, String)]) {
        ui.horizontal(|ui| {
            let label = ui.label("Purpose");
            let any = if self.kind == RecordKind::Subject {
                "Any (every consent-based purpose)"
            } else {
                "Any purpose"
            };
            let selected = self
                .purpose
                .as_ref()
                .map(|code| {
                    purposes
                        .iter()
                        .find(|(c, _)| c == code)
                        .map_or_else(|| code.as_str().to_owned(), |(_, n)| n.clone())
                })
                .unwrap_or_else(|| any.to_owned());
            ComboBox::from_id_salt("rule-form-purpose")
                .width(FIELD_WIDTH * 0.8)
                .selected_text(selected)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.purpose, None, any);
                    for (code, name) in purposes {
                        ui.selectable_value(&mut self.purpose, Some(code.clone()), name);
                    }
                })
                .response
                .labelled_by(label.id);
        });
    }

    /// The rule as typed, or the problem with the period (the service checks the rest).
    fn build(&mut self) -> Option<RetentionRule> {
        let period =
            match Period::parse(&format!("{} {}", self.amount.trim(), unit_label(self.unit))) {
                Ok(p) => p,
                Err(m) => {
                    self.problem.set(format!("Kept for: {m}"));
                    return None;
                }
            };
        self.problem.clear();
        Some(RetentionRule {
            code: self.code.trim().to_owned(),
            name: self.name.trim().to_owned(),
            kind: self.kind,
            purpose: self.purpose.clone(),
            condition: self.condition,
            period,
            from: self.from,
            action: self.action,
            reason: self.reason.trim().to_owned(),
            enabled: self.enabled,
        })
    }
}
