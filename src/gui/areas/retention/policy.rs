//! Retention → Policy: the rules as a table, adopting the default policy or loading rules from
//! a file, the rule editor, removing a rule, the sweep interval, and the policy as it is
//! published (a read-only preview, and an export to Markdown or HTML).

use chrono::NaiveDate;
use egui::{Grid, RichText, Ui};

use crate::domain::access::{Permission, Role};
use crate::domain::purpose::PurposeCode;
use crate::domain::retention::{RecordKind, RetentionRule};
use crate::gui::Command;
use crate::gui::areas::retention::command::RetentionCommand;
use crate::gui::field_error::{FieldError, fingerprint};
use crate::gui::view_data::{Fresh, ViewData};
use crate::gui::widgets::{hint, section, text_field};
use crate::services::{ServiceResult, Session};

use crate::gui::areas::retention::rule_form::{RuleForm, RuleFormAction};
use crate::gui::widgets::{cell, wide};

/// What the tab shows.
#[derive(Debug, Default)]
pub struct PolicyData {
    /// The rules, in policy order.
    pub rules: Vec<RetentionRule>,
    /// The policy as published (Markdown).
    pub text: String,
    /// The purpose catalogue: (code, name).
    pub purposes: Vec<(PurposeCode, String)>,
    /// Days between sweeps, when a schedule is set.
    pub interval_days: Option<u32>,
}

/// Builds the tab's data: the rules, the policy as published, the purpose catalogue and the
/// sweep interval (as of `today`).
pub fn policy_data(session: &Session, today: NaiveDate) -> ServiceResult<PolicyData> {
    Ok(PolicyData {
        rules: session.retention().retention_rules()?,
        text: session.retention().retention_policy(false)?,
        purposes: session
            .consent()
            .purposes()?
            .into_iter()
            .map(|row| (row.purpose.code, row.purpose.name))
            .collect(),
        interval_days: session.retention().sweep_schedule(today)?.interval_days,
    })
}

/// The Policy tab's state.
#[derive(Debug, Default)]
pub struct PolicyTab {
    data: ViewData<PolicyData, NaiveDate>,
    editor: Option<RuleForm>,
    removing: Option<String>,
    interval: String,
    interval_problem: FieldError,
}

/// Which records of its kind a rule reaches, in words.
fn applies_to(rule: &RetentionRule, purposes: &[(PurposeCode, String)]) -> String {
    let purpose = rule.purpose.as_ref().map(|code| {
        purposes
            .iter()
            .find(|(c, _)| c == code)
            .map_or_else(|| code.as_str().to_owned(), |(_, n)| n.clone())
    });
    match (rule.kind, purpose) {
        (RecordKind::Request, _) => "all of them".to_owned(),
        (RecordKind::ConsentEvidence, None) => "every purpose".to_owned(),
        (RecordKind::ConsentEvidence, Some(p)) => format!("consents to {p}"),
        (RecordKind::Subject, None) => rule.condition.label().to_owned(),
        (RecordKind::Subject, Some(p)) => format!("{} (purpose: {p})", rule.condition.label()),
    }
}

/// A button enabled when `may`; when not, its hover says why.
fn gated(ui: &mut Ui, may: bool, text: &str, why_not: &str) -> bool {
    ui.add_enabled(may, egui::Button::new(text))
        .on_disabled_hover_text(why_not)
        .clicked()
}

impl PolicyTab {
    /// Builds the rules, the policy text and the catalogue when the store changed since they
    /// were read; a new read fills the interval field and closes the removal asked.
    pub fn prepare(&mut self, fresh: &Fresh<'_>) -> ServiceResult<()> {
        if self.data.is_current(fresh.generation, &fresh.today) {
            return Ok(());
        }
        let built = self.data.refresh(fresh.generation, fresh.today, |today| {
            policy_data(fresh.session, *today)
        });
        let interval = self.data.get().and_then(|d| d.interval_days);
        self.interval = interval.unwrap_or(0).to_string();
        self.interval_problem.clear();
        self.removing = None;
        built
    }

    /// The rule was saved: closes the editor.
    pub fn rule_saved(&mut self) {
        self.editor = None;
    }

    /// Shows the service's problem with the rule in the editor.
    pub fn rule_problem(&mut self, problem: String) {
        if let Some(e) = self.editor.as_mut() {
            e.set_problem(problem);
        }
    }

    /// Shows the service's problem with the interval beside its field.
    pub fn interval_problem(&mut self, problem: String) {
        self.interval_problem.set(problem);
    }

    /// Draws the tab.
    pub fn ui(&mut self, ui: &mut Ui, role: Role) -> Option<Command> {
        let Some(data) = self.data.get() else {
            hint(ui, "Loading…");
            return None;
        };
        let mut command = None;
        let may_edit = role.can(Permission::EditRetention);
        let why_not = Permission::EditRetention.why_not(role);
        hint(
            ui,
            "How long each kind of record is kept, counted from which event, and what happens then. Sweeps apply the enabled rules; the published policy tells people how long their data is kept.",
        );
        if !may_edit {
            hint(ui, &why_not);
        }
        ui.add_space(4.0);
        if data.rules.is_empty() {
            ui.label(RichText::new("No retention rules yet.").strong());
            ui.label("The law asks you to keep personal data no longer than you need it, and to tell people how long that is. The default policy is a sensible start for a small business: unconfirmed sign-ups, withdrawn contacts, former customers, inactive contacts, closed requests and old consent evidence. Every rule can be changed after adopting it.");
            if gated(ui, may_edit, "Adopt the default policy", &why_not) {
                command = Some(Command::Retention(RetentionCommand::AdoptDefaults));
            }
        }
        ui.horizontal(|ui| {
            if gated(ui, may_edit, "New rule…", &why_not) {
                self.editor = Some(RuleForm::new_rule());
            }
            if let Some(path) = crate::gui::file_dialog::FileDialog::new()
                .add_filter("Retention rules (TOML)", &["toml"])
                .pick_file(gated(ui, may_edit, "Load rules from a file…", &why_not), ui)
            {
                command = Some(Command::Retention(RetentionCommand::LoadFile(path)));
            }
            let may_export = role.can(Permission::ExportReports);
            if let Some(path) = crate::gui::file_dialog::FileDialog::new()
                .add_filter("Markdown", &["md"])
                .add_filter("Web page", &["html"])
                .set_file_name("retention-policy.md")
                .save_file(
                    gated(
                        ui,
                        may_export,
                        "Export the policy…",
                        &Permission::ExportReports.why_not(role),
                    ),
                    ui,
                )
            {
                command = Some(Command::Retention(RetentionCommand::ExportPolicy(path)));
            }
        });
        if !data.rules.is_empty() {
            ui.add_space(6.0);
            self.rules_table(ui, may_edit, &why_not);
        }
        if let Some(c) = self.remove_confirmation(ui) {
            command = Some(c);
        }
        if let (Some(editor), Some(data)) = (self.editor.as_mut(), self.data.get()) {
            ui.add_space(6.0);
            match editor.ui(ui, &data.purposes) {
                Some(RuleFormAction::Save(rule)) => {
                    command = Some(Command::Retention(RetentionCommand::SaveRule(Box::new(
                        rule,
                    ))));
                }
                Some(RuleFormAction::Close) => self.editor = None,
                None => {}
            }
        }
        section(ui, "Sweep schedule");
        if let Some(c) = self.interval_ui(ui, may_edit, &why_not) {
            command = Some(c);
        }
        section(ui, "The policy as published");
        if let Some(data) = self.data.get() {
            egui::ScrollArea::vertical()
                .id_salt("retention-policy-text")
                .max_height(320.0)
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    ui.label(RichText::new(&data.text).monospace());
                });
        }
        command
    }

    fn rules_table(&mut self, ui: &mut Ui, may_edit: bool, why_not: &str) {
        let Some(data) = self.data.get() else { return };
        let mut edit = None;
        let mut remove = None;
        wide(ui, "retention-rules-wide", |ui| {
            Grid::new("retention-rules")
                .num_columns(7)
                .striped(true)
                .spacing([16.0, 4.0])
                .max_col_width(150.0)
                .show(ui, |ui| {
                    for t in [
                        "Rule",
                        "Records",
                        "Applies to",
                        "Kept for",
                        "Then",
                        "Enabled",
                        "",
                    ] {
                        ui.strong(t);
                    }
                    ui.end_row();
                    for rule in &data.rules {
                        cell(ui, &rule.name);
                        cell(ui, rule.kind.label());
                        cell(ui, applies_to(rule, &data.purposes));
                        cell(ui, format!("{} {}", rule.period, rule.from.label()));
                        cell(ui, rule.action.label());
                        cell(ui, if rule.enabled { "yes" } else { "no" });
                        ui.horizontal(|ui| {
                            if ui
                                .add_enabled(may_edit, egui::Button::new("Edit"))
                                .on_hover_text(format!("Edit the rule {}", rule.name))
                                .on_disabled_hover_text(why_not)
                                .clicked()
                            {
                                edit = Some(rule.clone());
                            }
                            if ui
                                .add_enabled(may_edit, egui::Button::new("Remove…"))
                                .on_hover_text(format!("Remove the rule {}", rule.name))
                                .on_disabled_hover_text(why_not)
                                .clicked()
                            {
                                remove = Some(rule.code.clone());
                            }
                        });
                        ui.end_row();
                    }
                });
        });
        if let Some(rule) = edit {
            self.editor = Some(RuleForm::edit(&rule));
        }
        if remove.is_some() {
            self.removing = remove;
        }
    }

    fn remove_confirmation(&mut self, ui: &mut Ui) -> Option<Command> {
        let code = self.removing.clone()?;
        let name = self
            .data
            .get()
            .and_then(|d| d.rules.iter().find(|r| r.code == code))
            .map_or_else(|| code.clone(), |r| r.name.clone());
        let mut command = None;
        let mut keep = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(format!(
                "Remove the rule “{name}”? Sweeps will no longer apply it and the published policy will no longer list it."
            ));
            ui.horizontal(|ui| {
                if ui.button("Remove the rule").clicked() {
                    command = Some(Command::Retention(RetentionCommand::RemoveRule(
                        code.clone(),
                    )));
                }
                keep = ui.button("Keep it").clicked();
            });
        });
        if keep || command.is_some() {
            self.removing = None;
        }
        command
    }

    fn interval_ui(&mut self, ui: &mut Ui, may_edit: bool, why_not: &str) -> Option<Command> {
        let mut command = None;
        ui.add_enabled_ui(may_edit, |ui| {
            text_field(
                ui,
                "Sweep every (days; 0 = no schedule)",
                &mut self.interval,
            );
        });
        self.interval_problem
            .show(ui, fingerprint(&self.interval), "");
        if gated(ui, may_edit, "Save the interval", why_not) {
            match self.interval.trim().parse::<u32>() {
                Ok(days) => {
                    self.interval_problem.clear();
                    command = Some(Command::Retention(RetentionCommand::SetInterval(days)));
                }
                Err(_) => {
                    self.interval_problem.set(
                        "Sweep every: write a whole number of days, or 0 for no schedule.".into(),
                    );
                }
            }
        }
        hint(
            ui,
            "The Dashboard says when a sweep is due. This window never applies a sweep by itself: you preview and apply it on the Sweep tab.",
        );
        command
    }
}
