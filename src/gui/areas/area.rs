//! The one trait every area of the window implements: its name, who sees it, how its data is
//! prepared before a frame, how it is drawn and how its commands apply. `frame.rs`,
//! `prepare.rs` and `apply.rs` go through it instead of matching on each area.

use egui::Ui;

use crate::domain::access::Permission;
use crate::gui::Command;
use crate::gui::ThemeChoice;
use crate::gui::app::{MainScreen, PrivacyDeskApp};
use crate::gui::runner::Runner;
use crate::gui::view_data::Fresh;
use crate::services::ServiceResult;

/// What drawing an area may look at beyond its own state: the background jobs (their
/// progress) and the theme.
pub(in crate::gui) struct DrawContext<'a> {
    /// The window's background jobs.
    pub jobs: &'a Runner<PrivacyDeskApp>,
    /// The theme in force (Settings shows it).
    pub theme: ThemeChoice,
}

/// One area of the unlocked window.
pub(in crate::gui) trait AreaView: Sync {
    /// Its name in the navigation.
    fn title(&self) -> &'static str;

    /// The permission a role needs to see it (none: every role).
    fn permission(&self) -> Option<Permission> {
        None
    }

    /// Builds what it shows where the store generation moved on since it was built.
    fn prepare(&self, main: &mut MainScreen, fresh: &Fresh<'_>) -> ServiceResult<()>;

    /// Draws it; returns what the officer asked for.
    fn draw(&self, main: &mut MainScreen, ui: &mut Ui, cx: &DrawContext<'_>) -> Option<Command>;

    /// Applies one of its commands (the app hands over only the area's own).
    fn apply(&self, app: &mut PrivacyDeskApp, command: Command);
}
