//! The desktop window (eframe/egui): the screens before unlocking (create, unlock, recovery,
//! first-run setup) and the areas of an unlocked store.
//!
//! Views hold UI state only and return [`Command`]s; the app applies them after drawing, through
//! the same services the CLI uses.

mod app;
mod app_state;
mod apply;
mod apply_assessments;
mod apply_audit;
mod apply_backup;
mod apply_consent;
mod apply_fulfilment;
mod apply_import;
mod apply_keys;
mod apply_minimisation;
mod apply_pseudonymise;
mod apply_records;
mod apply_requests;
mod apply_retention;
mod apply_review;
mod apply_security;
mod apply_subjects;
mod apply_sweep;
mod apply_vendors;
mod assessment_command;
mod backup_command;
mod command;
mod consent_command;
mod frame;
mod jobs;
mod keys_command;
mod minimisation_command;
mod prefs;
mod prepare;
mod pseudonymise_command;
mod records_command;
mod request_command;
mod retention_command;
mod runner;
mod screens;
mod security_command;
mod theme;
mod vendor_command;
mod view_data;
mod views;
mod widgets;

#[cfg(test)]
mod tests;

use std::path::PathBuf;

pub use app::PrivacyDeskApp;
pub use assessment_command::AssessmentCommand;
pub use backup_command::BackupCommand;
pub use command::Command;
pub use consent_command::ConsentCommand;
pub use keys_command::KeysCommand;
pub use minimisation_command::MinimisationCommand;
pub use prefs::Prefs;
pub use pseudonymise_command::PseudonymiseCommand;
pub use records_command::RecordsCommand;
pub use request_command::RequestCommand;
pub use retention_command::{HoldOn, RetentionCommand};
pub use security_command::SecurityCommand;
pub use theme::ThemeChoice;
pub use vendor_command::VendorCommand;
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
