//! The desktop window (eframe/egui): the screens before unlocking (create, unlock, recovery,
//! first-run setup) and the areas of an unlocked store.
//!
//! Views hold UI state only and return [`Command`]s; the app applies them after drawing, through
//! the same services the CLI uses.

mod app;
mod app_state;
mod apply;
mod apply_audit;
mod apply_backup;
mod apply_consent;
mod apply_fulfilment;
mod apply_import;
mod apply_requests;
mod apply_retention;
mod apply_review;
mod apply_subjects;
mod apply_sweep;
mod backup_command;
mod command;
mod consent_command;
mod prefs;
mod request_command;
mod retention_command;
mod screens;
mod theme;
mod views;
mod widgets;

#[cfg(test)]
mod tests;

use std::path::PathBuf;

pub use app::PrivacyDeskApp;
pub use backup_command::BackupCommand;
pub use command::Command;
pub use consent_command::ConsentCommand;
pub use prefs::Prefs;
pub use request_command::RequestCommand;
pub use retention_command::{HoldOn, RetentionCommand};
pub use theme::ThemeChoice;
pub use views::Area;

/// Opens the window on the store at `store` (created on first run).
pub fn run(store: PathBuf) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Privacy Desk")
            .with_inner_size([1100.0, 720.0])
            .with_min_inner_size([720.0, 480.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Privacy Desk",
        options,
        Box::new(move |cc| {
            let prefs = cc
                .storage
                .and_then(|s| eframe::get_value::<Prefs>(s, Prefs::STORAGE_KEY))
                .unwrap_or_default();
            Ok(Box::new(PrivacyDeskApp::new(store, prefs)))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}
