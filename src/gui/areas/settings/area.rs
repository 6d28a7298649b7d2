//! Settings as an area of the window: its name, what it needs before drawing, how it is drawn and
//! which commands it applies.

use egui::Ui;

use crate::gui::Command;
use crate::gui::app::{MainScreen, PrivacyDeskApp};
use crate::gui::areas::area::{AreaView, DrawContext};
use crate::gui::view_data::Fresh;
use crate::services::ServiceResult;

use crate::gui::areas::{RotationState, SettingsView};
use crate::gui::jobs::{Backup, BuildSite, RotateKey};

/// Settings.
pub(in crate::gui) struct SettingsArea;

impl AreaView for SettingsArea {
    fn title(&self) -> &'static str {
        "Settings"
    }

    fn prepare(&self, main: &mut MainScreen, fresh: &Fresh<'_>) -> ServiceResult<()> {
        if main.site.shown {
            return main.site.prepare(fresh);
        }
        let settings = match main.settings.as_mut() {
            Some(settings) => settings.prepare(fresh),
            None => SettingsView::read(fresh.session, fresh.generation)
                .map(|view| main.settings = Some(view)),
        };
        let panels = match main.settings.as_mut() {
            Some(view) => view
                .profile_mut()
                .holidays_mut()
                .prepare(fresh)
                .and_then(|()| view.backups_mut().prepare(fresh)),
            None => Ok(()),
        };
        settings.and(panels)
    }

    fn draw(&self, main: &mut MainScreen, ui: &mut Ui, cx: &DrawContext<'_>) -> Option<Command> {
        ui.horizontal(|ui| {
            ui.selectable_value(&mut main.site.shown, false, "General");
            ui.selectable_value(&mut main.site.shown, true, "Self-service and mailbox");
        });
        if main.site.shown {
            let building = cx.jobs.is_running::<BuildSite>();
            return main.site.ui(ui, main.me.role, building);
        }
        let view = main.settings.as_mut()?;
        let jobs = cx.jobs;
        let running = jobs.label::<Backup>();
        let rotation = match jobs.progress::<RotateKey>() {
            Some(progress) => RotationState::Running(progress),
            None if jobs.is_busy() => {
                RotationState::Busy(jobs.in_bar().next().map(|(label, _)| label))
            }
            None => RotationState::Idle,
        };
        view.ui(
            ui,
            cx.theme,
            &main.me,
            main.users.as_deref(),
            running,
            rotation,
        )
    }

    fn apply(&self, app: &mut PrivacyDeskApp, command: Command) {
        match command {
            Command::Backup(command) => app.apply_backup(command),
            Command::Keys(command) => app.apply_keys(command),
            Command::Site(command) => app.apply_site(command),
            Command::Holidays(command) => app.apply_holidays(command),
            other => app.apply_users(other),
        }
    }
}
