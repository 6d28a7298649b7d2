//! Requests as an area of the window: its name, what it needs before drawing, how it is drawn and
//! which commands it applies.

use egui::Ui;

use crate::gui::Command;
use crate::gui::app::{MainScreen, PrivacyDeskApp};
use crate::gui::areas::area::{AreaView, DrawContext};
use crate::gui::view_data::Fresh;
use crate::services::ServiceResult;

use crate::domain::access::Permission;
use crate::domain::organisation::Regime;
use crate::gui::jobs::{AccessExport, TakeInMail};

/// The tabs over the request list and the mail inbox.
fn inbox_tabs(ui: &mut Ui, mail: &mut bool) {
    ui.horizontal(|ui| {
        ui.selectable_value(mail, false, "Request list");
        ui.selectable_value(mail, true, "Inbox");
    });
    ui.separator();
}

/// Requests.
pub(in crate::gui) struct RequestsArea;

impl AreaView for RequestsArea {
    fn title(&self) -> &'static str {
        "Requests"
    }

    fn prepare(&self, main: &mut MainScreen, fresh: &Fresh<'_>) -> ServiceResult<()> {
        if main.mail.shown && main.requests.page.is_none() {
            return main.mail.prepare(fresh);
        }
        main.requests.prepare(fresh)
    }

    fn draw(&self, main: &mut MainScreen, ui: &mut Ui, cx: &DrawContext<'_>) -> Option<Command> {
        let regimes: Vec<Regime> = main
            .dashboard_data
            .as_ref()
            .map(|d| d.profile.regimes.iter().copied().collect())
            .unwrap_or_default();
        if main.requests.page.is_none() && main.me.role.can(Permission::ViewPersonalData) {
            inbox_tabs(ui, &mut main.mail.shown);
            if main.mail.shown {
                let taking_in = cx.jobs.progress::<TakeInMail>();
                return main.mail.ui(ui, main.me.role, &regimes, taking_in);
            }
        }
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
            Command::Intake(command) => app.apply_intake(command),
            other => app.apply_window(other),
        }
    }
}
