//! Retention: the policy (how long each kind of record is kept), legal holds (what no sweep
//! may touch), and sweeps (the dry run, applying it, the history). Every role sees the area;
//! editing and applying are disabled, with the reason, for roles that may not.

use egui::Ui;

use crate::domain::access::Role;
use crate::gui::Command;
use crate::gui::view_data::Fresh;
use crate::jobs::Progress;
use crate::services::ServiceResult;

use super::retention_holds::HoldsTab;
use super::retention_policy::PolicyTab;
use super::retention_sweep::SweepTab;

/// A table cell whose text wraps at the column's width, so the tables fit the window.
pub(super) fn cell(ui: &mut Ui, text: impl Into<egui::WidgetText>) {
    ui.add(egui::Label::new(text).wrap());
}

/// A table that may be wider than a narrow window: it scrolls sideways rather than putting
/// its last columns (and their buttons) out of reach.
pub(super) fn wide<R>(ui: &mut Ui, id: impl egui::AsIdSalt, add: impl FnOnce(&mut Ui) -> R) -> R {
    egui::ScrollArea::horizontal()
        .id_salt(id)
        .show(ui, add)
        .inner
}

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
