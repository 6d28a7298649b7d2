//! Security as an area of the window: its name, what it needs before drawing, how it is drawn and
//! which commands it applies.

use egui::Ui;

use crate::gui::Command;
use crate::gui::app::{MainScreen, PrivacyDeskApp};
use crate::gui::areas::area::{AreaView, DrawContext};
use crate::gui::view_data::Fresh;
use crate::services::ServiceResult;

/// Security.
pub(in crate::gui) struct SecurityArea;

impl AreaView for SecurityArea {
    fn title(&self) -> &'static str {
        "Security"
    }

    fn prepare(&self, main: &mut MainScreen, fresh: &Fresh<'_>) -> ServiceResult<()> {
        main.security.prepare(fresh)
    }

    fn draw(&self, main: &mut MainScreen, ui: &mut Ui, _: &DrawContext<'_>) -> Option<Command> {
        main.security.ui(ui, main.me.role, chrono::Utc::now())
    }

    fn apply(&self, app: &mut PrivacyDeskApp, command: Command) {
        match command {
            Command::Security(command) => app.apply_security(command),
            other => app.apply_window(other),
        }
    }
}
