//! Retention: the policy (how long each kind of record is kept), legal holds (what no sweep
//! may touch), and sweeps (the dry run, applying it, the history). Every role sees the area;
//! editing and applying are disabled, with the reason, for roles that may not.

pub(in crate::gui) mod apply;
pub(in crate::gui) mod apply_sweep;
pub(in crate::gui) mod area;
pub(in crate::gui) mod command;
pub(in crate::gui) mod holds;
pub(in crate::gui) mod policy;
pub(in crate::gui) mod rule_form;
pub(in crate::gui) mod sweep;
pub(in crate::gui) mod sweep_report;
pub(in crate::gui) mod sweep_words;

use egui::Ui;

use crate::domain::access::Role;
use crate::gui::Command;
use crate::gui::view_data::Fresh;
use crate::jobs::Progress;
use crate::services::ServiceResult;

use crate::gui::areas::retention::holds::HoldsTab;
use crate::gui::areas::retention::policy::PolicyTab;
use crate::gui::areas::retention::sweep::SweepTab;

/// The tabs of the Retention area.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RetentionTab {
    /// The rules and the published policy.
    #[default]
    Policy,
    /// Legal holds.
    Holds,
    /// Sweeps: schedule, dry run, apply, history.
    Sweep,
}

/// The Retention area's state.
#[derive(Debug, Default)]
pub struct RetentionView {
    /// The tab showing.
    pub tab: RetentionTab,
    /// The Policy tab.
    pub policy: PolicyTab,
    /// The Holds tab.
    pub holds: HoldsTab,
    /// The Sweep tab.
    pub sweep: SweepTab,
}

impl RetentionView {
    /// Builds what the tab showing needs when the store changed since it was read.
    pub fn prepare(&mut self, fresh: &Fresh<'_>) -> ServiceResult<()> {
        match self.tab {
            RetentionTab::Policy => self.policy.prepare(fresh),
            RetentionTab::Holds => self.holds.prepare(fresh),
            RetentionTab::Sweep => self.sweep.prepare(fresh),
        }
    }

    /// Draws the area. `previewing` and `applying` are the progress of sweep jobs under way.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        role: Role,
        previewing: Option<&Progress>,
        applying: Option<&Progress>,
    ) -> Option<Command> {
        ui.heading("Retention: how long records are kept");
        ui.horizontal(|ui| {
            for (tab, label) in [
                (RetentionTab::Policy, "Policy"),
                (RetentionTab::Holds, "Legal holds"),
                (RetentionTab::Sweep, "Sweeps"),
            ] {
                if ui.selectable_label(self.tab == tab, label).clicked() {
                    self.tab = tab;
                }
            }
        });
        ui.separator();
        egui::ScrollArea::vertical()
            .id_salt(("retention", self.tab as u8))
            .auto_shrink([false, false])
            .show(ui, |ui| match self.tab {
                RetentionTab::Policy => self.policy.ui(ui, role),
                RetentionTab::Holds => self.holds.ui(ui, role),
                RetentionTab::Sweep => self.sweep.ui(ui, role, previewing, applying),
            })
            .inner
    }
}
