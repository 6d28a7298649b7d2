//! The Links tab: which processing activities, purposes and vendors the assessment covers
//! (shown in the report, and in the other registers' terms).

use egui::Ui;

use crate::domain::purpose::PurposeCode;
use crate::domain::records::RecordCode;
use crate::gui::areas::assessments::editor::AssessmentEditor;
use crate::gui::widgets::{hint, section};

/// What an assessment can be linked to, as (code, name).
#[derive(Clone, Debug, Default)]
pub struct LinkChoices {
    /// Processing activities of the record.
    pub activities: Vec<(RecordCode, String)>,
    /// Purposes of the catalogue.
    pub purposes: Vec<(PurposeCode, String)>,
    /// Vendors of the register.
    pub vendors: Vec<(RecordCode, String)>,
}

fn ticks<C: Clone + PartialEq>(
    ui: &mut Ui,
    choices: &[(C, String)],
    chosen: &mut Vec<C>,
    what: &str,
    editable: bool,
) {
    if choices.is_empty() {
        ui.label(format!("No {what} recorded yet."));
    }
    ui.add_enabled_ui(editable, |ui| {
        for (code, name) in choices {
            let mut on = chosen.contains(code);
            if ui.checkbox(&mut on, name).changed() {
                if on {
                    chosen.push(code.clone());
                } else {
                    chosen.retain(|c| c != code);
                }
            }
        }
    });
}

/// Draws the tab.
pub fn links_ui(ui: &mut Ui, editor: &mut AssessmentEditor, choices: &LinkChoices, editable: bool) {
    hint(
        ui,
        "Tick what this assessment covers. The record of processing and the vendor register are kept in their own areas.",
    );
    let links = &mut editor.assessment.links;
    section(ui, "Processing activities");
    ticks(
        ui,
        &choices.activities,
        &mut links.activities,
        "processing activities",
        editable,
    );
    section(ui, "Purposes");
    ticks(
        ui,
        &choices.purposes,
        &mut links.purposes,
        "purposes",
        editable,
    );
    section(ui, "Vendors");
    ticks(
        ui,
        &choices.vendors,
        &mut links.vendors,
        "vendors",
        editable,
    );
}
