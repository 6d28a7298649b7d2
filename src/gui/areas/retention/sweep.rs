//! Retention → Sweep: the schedule, the dry run (on a worker thread, with progress and
//! Cancel), the confirmation that says in plain words what applying will delete or anonymise,
//! the sweep itself, and the history of past sweeps.

use chrono::NaiveDate;
use egui::{Color32, Grid, RichText, Ui};

use crate::domain::access::{Permission, Role};
use crate::domain::retention::report::SweepReport;
use crate::gui::Command;
use crate::gui::areas::retention::command::RetentionCommand;
use crate::gui::view_data::{Fresh, ViewData};
use crate::gui::widgets::{hint, progress_line, section, when};
use crate::jobs::Progress;
use crate::services::{ServiceResult, Session, SweepSchedule};

use crate::gui::areas::request_widgets::iso;
use crate::gui::areas::retention::sweep_report::{ReportPanel, ReportSlot};
use crate::gui::areas::retention::sweep_words::{changes_anything, consequences, outcome_label};

/// The red of the button that applies a sweep (white text reads on it in both themes).
const APPLY_RED: Color32 = Color32::from_rgb(0xB0, 0x1E, 0x1E);

/// What the tab shows: the schedule and the past sweeps.
#[derive(Debug)]
pub struct SweepData {
    /// When sweeps are due.
    pub schedule: SweepSchedule,
    /// Past sweeps, newest first (empty when the role may not see reports).
    pub history: Vec<SweepReport>,
}

impl Default for SweepData {
    /// No schedule and no history (what a failed read shows).
    fn default() -> Self {
        Self {
            schedule: SweepSchedule {
                interval_days: None,
                last_run: None,
                next_due: None,
                due: false,
            },
            history: Vec::new(),
        }
    }
}

/// Past sweeps listed.
const HISTORY: i64 = 20;

/// Builds the schedule as of `today` and the past sweeps (for a role that may see reports).
pub fn sweep_data(session: &Session, today: NaiveDate) -> ServiceResult<SweepData> {
    let schedule = session.retention().sweep_schedule(today)?;
    let history = if session.can(Permission::ViewReports) {
        session.retention().sweep_history(HISTORY)?
    } else {
        Vec::new()
    };
    Ok(SweepData { schedule, history })
}

/// The Sweep tab's state.
#[derive(Debug, Default)]
pub struct SweepTab {
    loaded: ViewData<SweepData, NaiveDate>,
    current: Option<ReportPanel>,
    confirming: bool,
    selected: Option<(usize, ReportPanel)>,
}

impl SweepTab {
    /// Builds the schedule and the past sweeps when the store changed since they were read (a
    /// new read closes the past report open).
    pub fn prepare(&mut self, fresh: &Fresh<'_>) -> ServiceResult<()> {
        if self.loaded.is_current(fresh.generation, &fresh.today) {
            return Ok(());
        }
        self.selected = None;
        self.loaded.refresh(fresh.generation, fresh.today, |today| {
            sweep_data(fresh.session, *today)
        })
    }

    /// Shows a finished dry run.
    pub fn previewed(&mut self, plan: SweepReport) {
        self.confirming = false;
        self.current = Some(ReportPanel::new(plan, ReportSlot::Current));
    }

    /// Shows the report of the sweep just applied, and reads the history again.
    pub fn applied(&mut self, report: SweepReport) {
        self.confirming = false;
        self.current = Some(ReportPanel::new(report, ReportSlot::Current));
    }

    /// The report panel in `slot`, if one is shown.
    pub fn panel(&mut self, slot: ReportSlot) -> Option<&mut ReportPanel> {
        match slot {
            ReportSlot::Current => self.current.as_mut(),
            ReportSlot::History => self.selected.as_mut().map(|(_, p)| p),
        }
    }

    /// Draws the tab. `previewing` and `applying` are the progress of the jobs under way.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        role: Role,
        previewing: Option<&Progress>,
        applying: Option<&Progress>,
    ) -> Option<Command> {
        let mut command = None;
        section(ui, "Schedule");
        self.schedule_lines(ui);
        section(ui, "Preview and apply");
        hint(
            ui,
            "A dry run lists what each enabled rule would delete, anonymise or flag today, and who is kept by a legal hold or an open request. It changes nothing.",
        );
        ui.add_space(4.0);
        if let Some(p) = previewing {
            if progress_line(ui, "Previewing the sweep…", p, "Cancel the preview") {
                command = Some(Command::Retention(RetentionCommand::CancelPreview));
            }
        } else if let Some(p) = applying {
            if progress_line(ui, "Applying the sweep…", p, "Cancel the sweep") {
                command = Some(Command::Retention(RetentionCommand::CancelApply));
            }
            hint(
                ui,
                "If you cancel, the rule being applied rolls back whole; rules already applied stay applied.",
            );
        } else if let Some(c) = self.buttons(ui, role) {
            command = Some(c);
        }
        if self.confirming
            && applying.is_none()
            && let Some(c) = self.confirmation(ui)
        {
            command = Some(c);
        }
        if let Some(panel) = self.current.as_mut() {
            ui.add_space(6.0);
            if let Some(c) = panel.ui(ui) {
                command = Some(c);
            }
        }
        section(ui, "History");
        if let Some(c) = self.history_ui(ui, role) {
            command = Some(c);
        }
        command
    }

    fn schedule_lines(&self, ui: &mut Ui) {
        let Some(s) = self.loaded.get().map(|d| &d.schedule) else {
            hint(ui, "Loading…");
            return;
        };
        ui.label(match s.interval_days {
            Some(days) => format!("A sweep is due every {days} days."),
            None => {
                "No schedule: sweeps run when you start them (set an interval on the Policy tab)."
                    .to_owned()
            }
        });
        ui.label(match &s.last_run {
            Some(t) => format!("Last sweep: {}", when(t)),
            None => "No sweep has been applied yet.".to_owned(),
        });
        if let Some(next) = s.next_due {
            ui.horizontal(|ui| {
                ui.label(format!("Next due: {}", iso(next)));
                if s.due {
                    ui.label(
                        RichText::new("Due now")
                            .color(ui.visuals().warn_fg_color)
                            .strong(),
                    );
                }
            });
        }
    }

    fn buttons(&mut self, ui: &mut Ui, role: Role) -> Option<Command> {
        let mut command = None;
        let may_preview = role.can(Permission::ViewReports);
        let may_apply = role.can(Permission::ApplyRetentionSweep);
        let planned = self.current.as_ref().is_some_and(|p| p.report().dry_run);
        ui.horizontal(|ui| {
            let preview = ui.add_enabled(may_preview, egui::Button::new("Preview (dry run)"));
            if preview.clicked() {
                self.confirming = false;
                command = Some(Command::Retention(RetentionCommand::Preview));
            }
            preview.on_disabled_hover_text(Permission::ViewReports.why_not(role));
            let apply = ui.add_enabled(may_apply && planned, egui::Button::new("Apply…"));
            if apply.clicked() {
                self.confirming = true;
            }
            apply.on_disabled_hover_text(if may_apply {
                "Preview first: the confirmation says what will change.".to_owned()
            } else {
                Permission::ApplyRetentionSweep.why_not(role)
            });
        });
        if !may_apply {
            hint(ui, &Permission::ApplyRetentionSweep.why_not(role));
        }
        command
    }

    fn confirmation(&mut self, ui: &mut Ui) -> Option<Command> {
        let plan = self
            .current
            .as_ref()
            .filter(|p| p.report().dry_run)?
            .report();
        let mut command = None;
        let mut cancel = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(RichText::new("Apply the retention policy now?").strong());
            ui.label(consequences(plan));
            if changes_anything(plan) {
                ui.label(RichText::new("This cannot be undone.").strong());
            }
            hint(
                ui,
                "The counts are those of the preview; each rule is planned again just before it runs. Each rule runs in its own transaction: if you cancel, the rule in progress rolls back whole.",
            );
            ui.horizontal(|ui| {
                let apply =
                    egui::Button::new(RichText::new("Apply the sweep").color(Color32::WHITE))
                        .fill(APPLY_RED);
                if ui.add(apply).clicked() {
                    command = Some(Command::Retention(RetentionCommand::Apply));
                }
                cancel = ui.button("Cancel").clicked();
            });
        });
        if cancel {
            self.confirming = false;
        }
        command
    }

    fn history_ui(&mut self, ui: &mut Ui, role: Role) -> Option<Command> {
        if !role.can(Permission::ViewReports) {
            hint(ui, &Permission::ViewReports.why_not(role));
            return None;
        }
        let history = &self.loaded.get()?.history;
        if history.is_empty() {
            hint(ui, "No sweep has been applied yet.");
            return None;
        }
        let mut pick = None;
        Grid::new("sweep-history")
            .num_columns(5)
            .striped(true)
            .spacing([20.0, 4.0])
            .show(ui, |ui| {
                for t in ["Finished", "By", "Outcome", "Due", "Held"] {
                    ui.strong(t);
                }
                ui.end_row();
                for (i, r) in history.iter().enumerate() {
                    let chosen = self.selected.as_ref().is_some_and(|(s, _)| *s == i);
                    if ui.selectable_label(chosen, when(&r.finished_at)).clicked() {
                        pick = Some(i);
                    }
                    ui.label(&r.run_by);
                    ui.label(outcome_label(r.outcome));
                    ui.label(r.total_due().to_string());
                    ui.label(r.total_held().to_string());
                    ui.end_row();
                }
            });
        if let Some(i) = pick
            && let Some(r) = history.get(i)
        {
            self.selected = Some((i, ReportPanel::new(r.clone(), ReportSlot::History)));
        }
        let (_, panel) = self.selected.as_mut()?;
        ui.add_space(6.0);
        panel.ui(ui)
    }
}
