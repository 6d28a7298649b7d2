//! The table of send records, newest first, drawing only the visible rows.

use egui::Ui;
use egui_extras::{Column, TableBuilder};

use crate::domain::campaign::SendRecord;
use crate::gui::widgets::wide;

/// Draws the send records.
pub(super) fn table(ui: &mut Ui, records: &[SendRecord]) {
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    wide(ui, "send-records-wide", |ui| {
        TableBuilder::new(ui)
            .id_salt("send-records")
            .striped(true)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::exact(60.0))
            .column(Column::exact(120.0))
            .column(Column::initial(180.0).resizable(true))
            .column(Column::initial(130.0))
            .column(Column::exact(55.0))
            .column(Column::exact(70.0))
            .column(Column::exact(70.0))
            .column(Column::exact(70.0))
            .column(Column::initial(90.0))
            .column(Column::exact(110.0))
            .header(row_height, |mut header| {
                for title in [
                    "Record",
                    "Checked at",
                    "Campaign",
                    "Purpose",
                    "Notice",
                    "Checked",
                    "Sendable",
                    "Left out",
                    "By",
                    "Audience hash",
                ] {
                    header.col(|ui| {
                        ui.strong(title);
                    });
                }
            })
            .body(|body| {
                body.rows(row_height, records.len(), |mut row| {
                    let Some(r) = records.get(row.index()) else {
                        return;
                    };
                    let cells = [
                        r.reference(),
                        r.checked_at.format("%Y-%m-%d %H:%M").to_string(),
                        r.name.clone(),
                        r.purpose.to_string(),
                        format!("v{}", r.notice_version),
                        r.checked.to_string(),
                        r.sendable.to_string(),
                        r.excluded.total().to_string(),
                        r.checked_by.clone(),
                        r.audience_sha256.chars().take(12).collect(),
                    ];
                    for text in cells {
                        row.col(|ui| {
                            ui.label(text);
                        });
                    }
                    row.response()
                        .on_hover_text(format!("Audience SHA-256: {}", r.audience_sha256));
                });
            });
    });
}
