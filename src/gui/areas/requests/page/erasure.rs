//! Erasing the person of an erasure (or CCPA delete) request: a confirmation that lists what
//! goes and what the law keeps, and asks for the request's reference to be typed before the
//! red button works; afterwards the certificate, which can be saved (.txt or .json).

use egui::{Color32, RichText, Ui};

use crate::domain::access::{Permission, Role};
use crate::domain::request::{RequestState, long_date};
use crate::gui::Command;
use crate::gui::areas::requests::command::RequestCommand;
use crate::gui::widgets::{hint, text_field};
use crate::services::{ErasureCertificate, KEPT_AFTER_ERASURE, copies_sentence};

use crate::gui::areas::requests::page::RequestPageData;

/// The Erase button's fill: a dark red that keeps white text readable in both themes.
const ERASE_RED: Color32 = Color32::from_rgb(0xB0, 0x1E, 0x1E);

/// The erasure section's state.
#[derive(Debug, Default)]
pub struct ErasurePanel {
    confirming: bool,
    typed: String,
    certificate: Option<ErasureCertificate>,
}

impl ErasurePanel {
    /// Closes the confirmation (after a change); the certificate stays.
    pub fn reset(&mut self) {
        self.confirming = false;
        self.typed.clear();
    }

    /// Shows the certificate of the erasure just done.
    pub fn set_certificate(&mut self, certificate: ErasureCertificate) {
        self.reset();
        self.certificate = Some(certificate);
    }

    /// The certificate, when the person was erased from this page.
    pub fn certificate(&self, ui: &mut Ui, role: Role) -> Option<Command> {
        let c = self.certificate.as_ref()?;
        let mut command = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(RichText::new("Erasure certificate").strong());
            ui.label(format!(
                "Erased on {} by {}: the identity record ({}), {} consent events, {} corrections; {} requests kept with who asked and what they wrote removed.",
                long_date(c.erased_on),
                c.erased_by,
                c.removed.subject,
                c.removed.consent_events,
                c.removed.rectifications,
                c.removed.requests_scrubbed
            ));
            if let Some(copies) = copies_sentence(c.copies_still_holding) {
                ui.colored_label(ui.visuals().warn_fg_color, copies);
            }
            if !c.log_cleared {
                hint(
                    ui,
                    "The store's write-ahead log still holds the old pages; it is emptied at the next checkpoint, when no other reader holds it.",
                );
            }
            let may = role.can(Permission::ExportReports);
            let button = ui.add_enabled(may, egui::Button::new("Save certificate…"));
            if let Some(path) = crate::gui::file_dialog::FileDialog::new()
                    .add_filter("Text", &["txt"])
                    .add_filter("JSON", &["json"])
                    .set_file_name(format!(
                        "erasure-{}.txt",
                        c.request_reference.as_deref().unwrap_or("certificate")
                    ))
                    .save_file(button.clicked(), ui)
            {
                command = Some(Command::Request(RequestCommand::SaveCertificate {
                    certificate: c.clone(),
                    path,
                }));
            }
            button.on_disabled_hover_text(Permission::ExportReports.why_not(role));
        });
        command
    }

    /// The button, or why there is none, and the confirmation.
    pub fn ui(&mut self, ui: &mut Ui, data: &RequestPageData, role: Role) -> Option<Command> {
        let r = &data.detail.request;
        let subject = data.subject.as_ref()?;
        if !role.can(Permission::EraseSubjects) {
            ui.add_enabled(
                false,
                egui::Label::new(Permission::EraseSubjects.why_not(role)),
            );
            return None;
        }
        if r.state == RequestState::AwaitingIdentity {
            hint(
                ui,
                "The person's identity has not been confirmed yet: record it (Identity received) before erasing.",
            );
            return None;
        }
        if !self.confirming {
            if ui.button("Erase this person…").clicked() {
                self.confirming = true;
                self.typed.clear();
            }
            return None;
        }
        let mut command = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(RichText::new("This removes, for good:").strong());
            for line in [
                "their identity record (email, name, phone, postal address, customer reference, notes, tags);".to_owned(),
                format!("{} consent events with their evidence;", data.consent_events),
                format!(
                    "{} corrections with the values before and after;",
                    data.changes.len()
                ),
                "who asked and what they wrote, on every request about them.".to_owned(),
            ] {
                ui.label(format!("• {line}"));
            }
            ui.add_space(4.0);
            ui.label(RichText::new("Kept, as the law requires:").strong());
            for line in KEPT_AFTER_ERASURE {
                ui.label(format!("• {line}"));
            }
            if let Some(copies) = copies_sentence(data.copies_still_holding) {
                ui.add_space(4.0);
                ui.colored_label(ui.visuals().warn_fg_color, copies);
            }
            ui.add_space(6.0);
            text_field(
                ui,
                &format!("Type the reference {} to confirm", r.reference),
                &mut self.typed,
            );
            ui.horizontal(|ui| {
                let ready = self.typed.trim().eq_ignore_ascii_case(&r.reference);
                let erase = egui::Button::new(
                    RichText::new("Erase").color(Color32::WHITE).strong(),
                )
                .fill(ERASE_RED);
                if ui.add_enabled(ready, erase).clicked() {
                    command = Some(Command::Request(RequestCommand::Erase {
                        request: r.id,
                        subject: subject.id,
                    }));
                }
                if ui.button("Cancel").clicked() {
                    self.reset();
                }
            });
        });
        command
    }
}
