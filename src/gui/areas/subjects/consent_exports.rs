//! The consent exports offered in the window: a purpose's suppression list (on the Purposes
//! tab) and a subject's consent receipt (on their page). Both hold personal data, so a role
//! without [`Permission::ExportPersonalData`] sees the button disabled and the reason beside it.

use egui::Ui;
use uuid::Uuid;

use crate::domain::access::{Permission, Role};
use crate::domain::purpose::PurposeCode;
use crate::gui::widgets::{hint, section};
use crate::gui::{Command, ConsentCommand};
use crate::jobs::Progress;

/// A button that is disabled for `role` when it lacks `permission`, with the reason on hover
/// and beside it; true when clicked.
fn gated_button(ui: &mut Ui, role: Role, permission: Permission, text: &str) -> bool {
    let may = role.can(permission);
    let mut clicked = false;
    ui.horizontal_wrapped(|ui| {
        let button = ui.add_enabled(may, egui::Button::new(text));
        clicked = button.clicked();
        if !may {
            let why = permission.why_not(role);
            button.on_disabled_hover_text(&why);
            hint(ui, &why);
        }
    });
    clicked && may
}

/// The "Suppression list" section of a purpose: the export button, or the progress of the
/// export running (`running`) with Cancel.
pub fn suppression_export(
    ui: &mut Ui,
    purpose: &PurposeCode,
    role: Role,
    running: Option<&Progress>,
) -> Option<Command> {
    section(ui, "Suppression list");
    hint(
        ui,
        "The email addresses that must not be used for this purpose: consent withdrawn or expired, opted out, or processing restricted. Load it into your mailing tool as its 'do not contact' list.",
    );
    if let Some(p) = running {
        let mut command = None;
        ui.horizontal(|ui| {
            let (done, total) = p.counts();
            ui.label("Writing the suppression list…");
            ui.add(
                egui::ProgressBar::new(p.fraction())
                    .desired_width(260.0)
                    .text(format!("{done} of {total} people read"))
                    .animate(total == 0),
            );
            if ui.button("Cancel").clicked() {
                command = Some(Command::Consent(ConsentCommand::CancelSuppression));
            }
        });
        return command;
    }
    let asked = gated_button(
        ui,
        role,
        Permission::ExportPersonalData,
        "Export suppression list…",
    );
    let path = crate::gui::file_dialog::FileDialog::new()
        .add_filter("CSV", &["csv"])
        .set_file_name(format!("suppression-{purpose}.csv"))
        .save_file(asked, ui)?;
    Some(Command::Consent(ConsentCommand::ExportSuppression {
        purpose: purpose.clone(),
        path,
    }))
}

/// The "Consent receipt…" button of a subject's page: a record for the person of what they
/// agreed to, as a page (.html) or as JSON (.json).
pub fn receipt_button(ui: &mut Ui, subject: Uuid, role: Role) -> Option<Command> {
    let asked = gated_button(ui, role, Permission::ExportPersonalData, "Consent receipt…");
    let path = crate::gui::file_dialog::FileDialog::new()
        .add_filter("Web page", &["html"])
        .add_filter("JSON (Kantara consent receipt)", &["json"])
        .set_file_name("consent-receipt.html")
        .save_file(asked, ui)?;
    Some(Command::Consent(ConsentCommand::ExportReceipt {
        subject,
        path,
    }))
}
