//! Campaigns as an area of the window: its name, who sees it, what it needs before drawing,
//! how it is drawn and which commands it applies.

use egui::Ui;

use crate::domain::access::Permission;
use crate::gui::Command;
use crate::gui::app::{MainScreen, PrivacyDeskApp};
use crate::gui::areas::area::{AreaView, DrawContext};
use crate::gui::jobs::CheckAudience;
use crate::gui::view_data::Fresh;
use crate::services::ServiceResult;

/// Campaigns.
pub(in crate::gui) struct CampaignsArea;

impl AreaView for CampaignsArea {
    fn title(&self) -> &'static str {
        "Campaigns"
    }

    fn permission(&self) -> Option<Permission> {
        Some(Permission::ViewReports)
    }

    fn prepare(&self, main: &mut MainScreen, fresh: &Fresh<'_>) -> ServiceResult<()> {
        main.campaigns.prepare(fresh)
    }

    fn draw(&self, main: &mut MainScreen, ui: &mut Ui, cx: &DrawContext<'_>) -> Option<Command> {
        let checking = cx.jobs.progress::<CheckAudience>();
        main.campaigns.ui(ui, main.me.role, checking)
    }

    fn apply(&self, app: &mut PrivacyDeskApp, command: Command) {
        match command {
            Command::Campaign(command) => app.apply_campaign(command),
            other => app.apply_window(other),
        }
    }
}
