//! The row integrity check in the window (issue 17, item 6): the rows an audit verify found
//! changed or added outside Privacy Desk (table and record id only), and the warning of the
//! bounded check at unlock, kept on the Dashboard until dismissed.

use egui::{Grid, RichText, Ui};

use crate::domain::audit::VerifyReport;
use crate::gui::{Command, KeysCommand};

/// The rows checked against their tags, and each one that failed (nothing when none did).
pub fn changed_rows(ui: &mut Ui, report: &VerifyReport) {
    if report.changed_rows.is_empty() {
        ui.label(format!(
            "No protected row was changed: {} rows checked.",
            report.rows_checked
        ));
        return;
    }
    ui.colored_label(
        ui.visuals().error_fg_color,
        format!(
            "{} of {} protected rows were changed or added outside Privacy Desk:",
            report.changed_rows.len(),
            report.rows_checked
        ),
    );
    Grid::new("changed-rows")
        .num_columns(3)
        .striped(true)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            for title in ["Table", "Record", "Problem"] {
                ui.label(RichText::new(title).strong());
            }
            ui.end_row();
            for row in &report.changed_rows {
                ui.label(&row.table);
                ui.label(RichText::new(&row.record).monospace());
                ui.label(match row.problem {
                    crate::domain::audit::RowProblem::Untagged => "added outside Privacy Desk",
                    crate::domain::audit::RowProblem::Changed => "changed outside Privacy Desk",
                });
                ui.end_row();
            }
        });
}

/// The warning of the check at unlock, in the warning colour, with Dismiss.
pub fn unlock_warning(ui: &mut Ui, warning: &str) -> Option<Command> {
    let mut command = None;
    ui.horizontal_wrapped(|ui| {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!(
                "Warning: the {warning}. In the Audit log, “Verify chain” lists the rows; restore from a backup if they were not changed on purpose."
            ),
        );
        if ui.small_button("Dismiss").clicked() {
            command = Some(Command::Keys(KeysCommand::DismissIntegrityWarning));
        }
    });
    command
}
