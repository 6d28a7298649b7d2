//! A person's requests on their subject page: reference, type, state, deadline and urgency,
//! each with a button that opens it in the Requests area.

use egui::{RichText, Ui};

use crate::gui::Command;
use crate::services::InboxRow;

/// A person's requests on their subject page, each with a button opening it.
pub(in crate::gui) fn subject_requests(ui: &mut Ui, rows: &[InboxRow]) -> Option<Command> {
    if rows.is_empty() {
        ui.label(RichText::new("No request from this person.").weak());
        return None;
    }
    let mut command = None;
    egui::Grid::new("subject-requests")
        .num_columns(6)
        .striped(true)
        .spacing([24.0, 4.0])
        .show(ui, |ui| {
            for t in ["Reference", "Type", "State", "Due", "Urgency", ""] {
                ui.strong(t);
            }
            ui.end_row();
            for r in rows {
                let s = &r.summary;
                ui.label(&s.reference);
                ui.label(format!(
                    "{} ({})",
                    s.kind.label(),
                    crate::gui::areas::request_widgets::regime_short(s.regime)
                ));
                ui.label(s.state.label());
                ui.label(crate::gui::areas::request_widgets::iso(r.deadline.due));
                ui.label(crate::gui::areas::request_widgets::urgency_text(
                    ui, r.urgency, s.state,
                ));
                if ui.button(format!("Open {}", s.reference)).clicked() {
                    command = Some(Command::Request(crate::gui::RequestCommand::Open(s.id)));
                }
                ui.end_row();
            }
        });
    command
}
