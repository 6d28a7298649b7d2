//! Vendors as an area of the window: its name, what it needs before drawing, how it is drawn and
//! which commands it applies.

use egui::Ui;

use crate::gui::Command;
use crate::gui::app::{MainScreen, PrivacyDeskApp};
use crate::gui::areas::area::{AreaView, DrawContext};
use crate::gui::view_data::Fresh;
use crate::services::ServiceResult;

use crate::gui::areas::today;

/// Vendors.
pub(in crate::gui) struct VendorsArea;

impl AreaView for VendorsArea {
    fn title(&self) -> &'static str {
        "Vendors"
    }

    fn prepare(&self, main: &mut MainScreen, fresh: &Fresh<'_>) -> ServiceResult<()> {
        main.vendors.prepare(fresh)
    }

    fn draw(&self, main: &mut MainScreen, ui: &mut Ui, _: &DrawContext<'_>) -> Option<Command> {
        main.vendors.ui(ui, main.me.role, today())
    }

    fn apply(&self, app: &mut PrivacyDeskApp, command: Command) {
        match command {
            Command::Vendor(command) => app.apply_vendor(command),
            other => app.apply_window(other),
        }
    }
}
