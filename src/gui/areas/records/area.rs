//! Records of processing as an area of the window: its name, what it needs before drawing, how it is drawn and
//! which commands it applies.

use egui::Ui;

use crate::gui::Command;
use crate::gui::app::{MainScreen, PrivacyDeskApp};
use crate::gui::areas::area::{AreaView, DrawContext};
use crate::gui::view_data::Fresh;
use crate::services::ServiceResult;

use crate::gui::areas::RecordsTab;
use crate::gui::jobs::MinimisationReview;

/// Records of processing.
pub(in crate::gui) struct RecordsArea;

impl AreaView for RecordsArea {
    fn title(&self) -> &'static str {
        "Records of processing"
    }

    fn prepare(&self, main: &mut MainScreen, fresh: &Fresh<'_>) -> ServiceResult<()> {
        main.records.prepare(fresh)
    }

    fn draw(&self, main: &mut MainScreen, ui: &mut Ui, cx: &DrawContext<'_>) -> Option<Command> {
        let command = main.records.ui(ui, main.me.role);
        if main.records.tab() == RecordsTab::Minimisation {
            let running = cx.jobs.progress::<MinimisationReview>();
            command.or(main.minimisation.ui(ui, running))
        } else {
            command
        }
    }

    fn apply(&self, app: &mut PrivacyDeskApp, command: Command) {
        match command {
            Command::Records(command) => app.apply_records(command),
            Command::Minimisation(command) => app.apply_minimisation(command),
            other => app.apply_window(other),
        }
    }
}
