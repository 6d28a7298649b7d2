//! The Dashboard as an area: its profile is read when the store generation moves
//! (`apply.rs`) and its counts by the runner's summary job.

use egui::Ui;

use crate::gui::Command;
use crate::gui::app::{MainScreen, PrivacyDeskApp};
use crate::gui::view_data::Fresh;
use crate::services::ServiceResult;

use crate::gui::areas::area::{AreaView, DrawContext};

/// The Dashboard.
pub(in crate::gui) struct DashboardArea;

impl AreaView for DashboardArea {
    fn title(&self) -> &'static str {
        "Dashboard"
    }

    fn prepare(&self, _: &mut MainScreen, _: &Fresh<'_>) -> ServiceResult<()> {
        Ok(())
    }

    fn draw(&self, main: &mut MainScreen, ui: &mut Ui, _: &DrawContext<'_>) -> Option<Command> {
        let data = main.dashboard_data.as_ref()?;
        egui::ScrollArea::vertical()
            .show(ui, |ui| {
                main.dashboard.ui(
                    ui,
                    data,
                    main.verify.as_ref(),
                    &main.me,
                    main.users.as_deref(),
                    main.review_count,
                )
            })
            .inner
    }

    fn apply(&self, app: &mut PrivacyDeskApp, command: Command) {
        match command {
            Command::FollowLink(link) => super::link::follow(app, link),
            other => app.apply_window(other),
        }
    }
}
