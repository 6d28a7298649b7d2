//! Impact assessments as an area of the window: its name, what it needs before drawing, how it is drawn and
//! which commands it applies.

use egui::Ui;

use crate::gui::Command;
use crate::gui::app::{MainScreen, PrivacyDeskApp};
use crate::gui::areas::area::{AreaView, DrawContext};
use crate::gui::view_data::Fresh;
use crate::services::ServiceResult;

use crate::domain::access::Permission;

/// Impact assessments.
pub(in crate::gui) struct AssessmentsArea;

impl AreaView for AssessmentsArea {
    fn title(&self) -> &'static str {
        "Impact assessments"
    }

    fn prepare(&self, main: &mut MainScreen, fresh: &Fresh<'_>) -> ServiceResult<()> {
        main.assessments.prepare(fresh)
    }

    fn draw(&self, main: &mut MainScreen, ui: &mut Ui, _: &DrawContext<'_>) -> Option<Command> {
        main.assessments
            .ui(ui, main.me.role.can(Permission::EditAssessments))
    }

    fn apply(&self, app: &mut PrivacyDeskApp, command: Command) {
        match command {
            Command::Assessment(command) => app.apply_assessment(command),
            other => app.apply_window(other),
        }
    }
}
