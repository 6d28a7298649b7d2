//! Retention as an area of the window: its name, what it needs before drawing, how it is drawn and
//! which commands it applies.

use egui::Ui;

use crate::gui::Command;
use crate::gui::app::{MainScreen, PrivacyDeskApp};
use crate::gui::areas::area::{AreaView, DrawContext};
use crate::gui::view_data::Fresh;
use crate::services::ServiceResult;

use crate::gui::jobs::{ApplySweep, PreviewSweep};

/// Retention.
pub(in crate::gui) struct RetentionArea;

impl AreaView for RetentionArea {
    fn title(&self) -> &'static str {
        "Retention"
    }

    fn prepare(&self, main: &mut MainScreen, fresh: &Fresh<'_>) -> ServiceResult<()> {
        main.retention.prepare(fresh)
    }

    fn draw(&self, main: &mut MainScreen, ui: &mut Ui, cx: &DrawContext<'_>) -> Option<Command> {
        main.retention.ui(
            ui,
            main.me.role,
            cx.jobs.progress::<PreviewSweep>(),
            cx.jobs.progress::<ApplySweep>(),
        )
    }

    fn apply(&self, app: &mut PrivacyDeskApp, command: Command) {
        match command {
            Command::Retention(command) => app.apply_retention(command),
            other => app.apply_window(other),
        }
    }
}
