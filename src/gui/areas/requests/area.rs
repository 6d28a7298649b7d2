//! Requests as an area of the window: its name, what it needs before drawing, how it is drawn and
//! which commands it applies.

use egui::Ui;

use crate::gui::Command;
use crate::gui::app::{MainScreen, PrivacyDeskApp};
use crate::gui::areas::area::{AreaView, DrawContext};
use crate::gui::view_data::Fresh;
use crate::services::ServiceResult;

use crate::domain::organisation::Regime;
use crate::gui::jobs::AccessExport;

/// Requests.
pub(in crate::gui) struct RequestsArea;

impl AreaView for RequestsArea {
    fn title(&self) -> &'static str {
        "Requests"
    }

    fn prepare(&self, main: &mut MainScreen, fresh: &Fresh<'_>) -> ServiceResult<()> {
        main.requests.prepare(fresh)
    }

    fn draw(&self, main: &mut MainScreen, ui: &mut Ui, cx: &DrawContext<'_>) -> Option<Command> {
        let regimes: Vec<Regime> = main
            .dashboard_data
            .as_ref()
            .map(|d| d.profile.regimes.iter().copied().collect())
            .unwrap_or_default();
        main.requests.ui(
            ui,
            main.me.role,
            &regimes,
            cx.jobs.progress::<AccessExport>(),
        )
    }

    fn apply(&self, app: &mut PrivacyDeskApp, command: Command) {
        match command {
            Command::Request(command) => app.apply_request(command),
            other => app.apply_window(other),
        }
    }
}
