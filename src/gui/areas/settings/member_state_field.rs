//! The organisation profile's member state of establishment (EU GDPR, GDPR Art. 4(16)): a
//! drop-down beside the holiday calendars, "Not chosen" or one of the EU/EEA states, whose law
//! sets the age from which a child's own consent counts (Art. 8(1)).

use egui::{ComboBox, Ui};

use crate::domain::children::MemberState;
use crate::gui::widgets::{FIELD_WIDTH, hint};

/// The drop-down's label.
pub const LABEL: &str = "Member state of establishment";

/// Draws the drop-down for `state`.
pub fn ui(ui: &mut Ui, state: &mut Option<MemberState>) {
    let label = ui.label(LABEL);
    ComboBox::from_id_salt("member-state")
        .selected_text(state.map_or("Not chosen", MemberState::label))
        .width(FIELD_WIDTH)
        .show_ui(ui, |ui| {
            ui.selectable_value(state, None, "Not chosen");
            for s in MemberState::all() {
                ui.selectable_value(state, Some(s), s.label());
            }
        })
        .response
        .labelled_by(label.id);
    hint(
        ui,
        "Where your main establishment is (GDPR Art. 4(16)). Its law sets the age from which a child's own consent counts (Art. 8(1)); without one, 16 (or Ireland's age with Ireland's calendar).",
    );
}
