//! The screens shown before the main window: create, unlock, recover, the one-time recovery
//! code, first-run setup, and the wait while a key is derived.

mod busy;
mod create;
mod recover;
mod recovery_code;
mod recovery_keep;
mod setup;
mod unlock;

pub use busy::BusyScreen;
pub use create::{CreateScreen, DEMO_STORE_SUBJECTS, demo_store_path};
pub use recover::RecoverScreen;
pub use recovery_code::RecoveryCodeScreen;
pub(in crate::gui) use recovery_keep::keep_recovery_code;
pub use setup::SetupScreen;
pub use unlock::UnlockScreen;

/// Draws a centred card of fixed width for a pre-unlock screen.
pub(crate) fn card<R>(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    let mut out = None;
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(32.0);
            ui.set_max_width(460.0);
            ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                out = Some(add(ui));
            });
        });
    });
    match out {
        Some(r) => r,
        None => unreachable!("the scroll area always runs its contents"),
    }
}
