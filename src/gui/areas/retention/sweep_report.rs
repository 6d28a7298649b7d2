//! One sweep report on screen: what it was (dry run or applied, when, by whom, how it ended),
//! its per-rule table, and a drill-down into one rule's records, a page at a time. The app
//! opens the people of the visible page only (`RetentionCommand::ResolveRecords`); the report
//! itself holds random ids, never personal data.

use egui::{Grid, RichText, Ui};

use crate::domain::retention::RecordKind;
use crate::domain::retention::report::{RuleOutcome, SweepReport};
use crate::gui::Command;
use crate::gui::areas::retention::command::RetentionCommand;
use crate::gui::widgets::{hint, when};

use crate::gui::areas::retention::sweep_words::{outcome_label, status_label};
use crate::gui::widgets::{cell, wide};

/// How many records a drill-down page lists.
pub const RECORDS_PER_PAGE: usize = 50;

/// Which report panel of the Sweep tab something belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportSlot {
    /// The latest dry run or the sweep just applied.
    Current,
    /// A past sweep chosen in the history.
    History,
}

/// Which of a rule's lists the drill-down shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RecordList {
    Due,
    Held,
    OpenRequest,
}

impl RecordList {
    fn ids(self, rule: &RuleOutcome) -> &[String] {
        match self {
            Self::Due => &rule.due,
            Self::Held => &rule.held,
            Self::OpenRequest => &rule.open_request,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Self::Due => "Due",
            Self::Held => "Kept by a legal hold",
            Self::OpenRequest => "Kept: request open",
        }
    }
}

/// The rule and page being looked at, and the page's records once opened.
#[derive(Debug)]
struct Drill {
    rule: usize,
    list: RecordList,
    page: usize,
    /// One label per id of the page (email and name, a request's reference), once read.
    labels: Option<Vec<String>>,
    asked: bool,
}

/// A report and its drill-down.
#[derive(Debug)]
pub struct ReportPanel {
    report: SweepReport,
    slot: ReportSlot,
    drill: Option<Drill>,
}

impl ReportPanel {
    /// A panel for `report` in `slot`.
    pub fn new(report: SweepReport, slot: ReportSlot) -> Self {
        Self {
            report,
            slot,
            drill: None,
        }
    }

    /// The report shown.
    pub fn report(&self) -> &SweepReport {
        &self.report
    }

    /// Receives the labels of the page asked for.
    pub fn set_labels(&mut self, labels: Vec<String>) {
        if let Some(d) = self.drill.as_mut() {
            d.labels = Some(labels);
        }
    }

    /// Draws the report; returns a request to open a page of records.
    pub fn ui(&mut self, ui: &mut Ui) -> Option<Command> {
        let r = &self.report;
        let title = if r.dry_run {
            format!(
                "Dry run as of {}, by {}: nothing was changed.",
                r.as_of, r.run_by
            )
        } else {
            format!(
                "Sweep of {} by {}, finished {}: {}.",
                r.as_of,
                r.run_by,
                when(&r.finished_at),
                outcome_label(r.outcome).to_lowercase()
            )
        };
        ui.label(RichText::new(title).strong());
        if r.rules.is_empty() {
            hint(ui, "No rule is enabled: there was nothing to do.");
            return None;
        }
        self.table(ui);
        self.drill_down(ui)
    }

    fn table(&mut self, ui: &mut Ui) {
        let dry_run = self.report.dry_run;
        let mut open = None;
        wide(ui, ("sweep-rules-wide", self.slot as u8), |ui| {
            Grid::new(("sweep-rules", self.slot as u8))
                .num_columns(if dry_run { 5 } else { 6 })
                .striped(true)
                .spacing([20.0, 4.0])
                .max_col_width(240.0)
                .show(ui, |ui| {
                    let mut titles = vec!["Rule", "Action", "Due", "Held", "Request open"];
                    if !dry_run {
                        titles.push("What happened");
                    }
                    for t in titles {
                        ui.strong(t);
                    }
                    ui.end_row();
                    for (i, rule) in self.report.rules.iter().enumerate() {
                        if ui
                            .link(&rule.name)
                            .on_hover_text("List the records this rule reaches")
                            .clicked()
                        {
                            open = Some(i);
                        }
                        ui.label(rule.action.label());
                        ui.label(rule.due.len().to_string());
                        ui.label(rule.held.len().to_string());
                        ui.label(rule.open_request.len().to_string());
                        if !dry_run {
                            cell(ui, status_label(rule.status));
                        }
                        ui.end_row();
                    }
                });
        });
        if let Some(rule) = open {
            let list = match self.report.rules.get(rule) {
                Some(r) if r.due.is_empty() && !r.held.is_empty() => RecordList::Held,
                _ => RecordList::Due,
            };
            self.drill = Some(Drill {
                rule,
                list,
                page: 0,
                labels: None,
                asked: false,
            });
        }
    }

    fn drill_down(&mut self, ui: &mut Ui) -> Option<Command> {
        let slot = self.slot;
        let drill = self.drill.as_mut()?;
        let rule = self.report.rules.get(drill.rule)?;
        ui.add_space(8.0);
        let mut close = false;
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("Records of “{}”", rule.name)).strong());
            close = ui.button("Close the list").clicked();
        });
        if close {
            self.drill = None;
            return None;
        }
        ui.horizontal(|ui| {
            for list in [RecordList::Due, RecordList::Held, RecordList::OpenRequest] {
                let text = format!("{} ({})", list.label(), list.ids(rule).len());
                if ui.selectable_label(drill.list == list, text).clicked() && drill.list != list {
                    drill.list = list;
                    drill.page = 0;
                    drill.labels = None;
                    drill.asked = false;
                }
            }
        });
        let ids = drill.list.ids(rule);
        if ids.is_empty() {
            hint(ui, "None.");
            return None;
        }
        let pages = ids.len().div_ceil(RECORDS_PER_PAGE);
        drill.page = drill.page.min(pages - 1);
        let start = drill.page * RECORDS_PER_PAGE;
        let shown = &ids[start..ids.len().min(start + RECORDS_PER_PAGE)];
        let mut turn = None;
        ui.horizontal(|ui| {
            if ui
                .add_enabled(drill.page > 0, egui::Button::new("Previous page"))
                .clicked()
            {
                turn = Some(drill.page - 1);
            }
            ui.label(format!(
                "Records {}–{} of {}",
                start + 1,
                start + shown.len(),
                ids.len()
            ));
            if ui
                .add_enabled(drill.page + 1 < pages, egui::Button::new("Next page"))
                .clicked()
            {
                turn = Some(drill.page + 1);
            }
        });
        if let Some(page) = turn {
            drill.page = page;
            drill.labels = None;
            drill.asked = false;
            return None;
        }
        let named = rule.kind != RecordKind::ConsentEvidence;
        Grid::new(("sweep-records", slot as u8))
            .num_columns(if named { 2 } else { 1 })
            .striped(true)
            .spacing([20.0, 2.0])
            .show(ui, |ui| {
                ui.strong(match rule.kind {
                    RecordKind::Subject => "Person's record id",
                    RecordKind::ConsentEvidence => "Consent event id",
                    RecordKind::Request => "Request id",
                });
                if named {
                    ui.strong(if rule.kind == RecordKind::Request {
                        "Reference"
                    } else {
                        "Email and name"
                    });
                }
                ui.end_row();
                for (n, id) in shown.iter().enumerate() {
                    ui.label(RichText::new(id).monospace());
                    if named {
                        let label = drill
                            .labels
                            .as_ref()
                            .and_then(|l| l.get(n))
                            .map_or("…", String::as_str);
                        ui.label(label);
                    }
                    ui.end_row();
                }
            });
        if named && !drill.asked {
            drill.asked = true;
            return Some(Command::Retention(RetentionCommand::ResolveRecords {
                slot,
                kind: rule.kind,
                ids: shown.to_vec(),
            }));
        }
        None
    }
}
