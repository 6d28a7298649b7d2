//! The desktop window (eframe/egui): the screens before unlocking (create, unlock, recovery,
//! first-run setup) and the areas of an unlocked store.
//!
//! Views hold UI state only and return [`Command`]s; the app applies them after drawing, through
//! the same services the CLI uses.

mod app;
mod app_state;
mod apply;
mod areas;
mod command;
mod field_error;
mod file_dialog;
mod fonts;
mod frame;
mod jobs;
mod prefs;
mod prepare;
mod runner;
mod screens;
mod theme;
mod view_data;
mod widgets;

#[cfg(test)]
mod tests;

use std::path::PathBuf;

pub use app::PrivacyDeskApp;
pub use areas::Area;
pub use areas::assessments::command::AssessmentCommand;
pub use areas::records::command::RecordsCommand;
pub use areas::records::minimisation_command::MinimisationCommand;
pub use areas::requests::command::RequestCommand;
pub use areas::retention::command::{HoldOn, RetentionCommand};
pub use areas::security::command::SecurityCommand;
pub use areas::settings::backup_command::BackupCommand;
pub use areas::settings::keys_command::KeysCommand;
pub use areas::subjects::command::ConsentCommand;
pub use areas::subjects::pseudonymised::command::PseudonymiseCommand;
pub use areas::vendors::command::VendorCommand;
pub use command::Command;
pub use prefs::Prefs;
pub use theme::ThemeChoice;

/// The window's icon: the packaged app icon (`assets/icons/`), compiled in.
const WINDOW_ICON_PNG: &[u8] = include_bytes!("../../assets/icons/256x256.png");

/// The window's icon decoded, or `None` (the platform's default icon) if it cannot be read.
fn window_icon() -> Option<egui::IconData> {
    eframe::icon_data::from_png_bytes(WINDOW_ICON_PNG).ok()
}

/// The window's size when it first opens (the layouts are checked at it, `gui/tests/layouts.rs`).
pub(crate) const DEFAULT_WINDOW: [f32; 2] = [1100.0, 720.0];

/// Opens the window on the store at `store` (created on first run).
pub fn run(store: PathBuf) -> anyhow::Result<()> {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Privacy Desk")
        .with_inner_size(DEFAULT_WINDOW)
        .with_min_inner_size([720.0, 480.0]);
    if let Some(icon) = window_icon() {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        "Privacy Desk",
        options,
        Box::new(move |cc| {
            cc.egui_ctx.set_fonts(fonts::definitions());
            let prefs = cc
                .storage
                .and_then(|s| eframe::get_value::<Prefs>(s, Prefs::STORAGE_KEY))
                .unwrap_or_default();
            Ok(Box::new(PrivacyDeskApp::new(store, prefs)))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}

#[cfg(test)]
mod icon_tests {
    /// The compiled-in icon is the packaged 256×256 app icon and decodes.
    #[test]
    fn the_window_icon_decodes() {
        let icon = super::window_icon().expect("the icon decodes");
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    }
}
