//! The proposals table of Requests → Inbox: one row per email taken in, drawing only the
//! visible rows; a follow-up is indented under the proposal its request came from.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};
use uuid::Uuid;

use crate::domain::intake::ProposalStatus;
use crate::gui::areas::request_widgets::iso;
use crate::gui::widgets::wide;
use crate::services::ProposalRow;

/// What was clicked in the table.
pub(super) enum Picked {
    /// A message: select it.
    Row(Uuid),
    /// The request a message belongs to: open it.
    Request(Uuid),
}

/// The status in words.
pub(super) fn status_text(row: &ProposalRow) -> String {
    match row.proposal.status {
        ProposalStatus::Proposed => "Proposed".into(),
        ProposalStatus::NotARequest => "Not a request".into(),
        ProposalStatus::Dismissed => "Dismissed".into(),
        ProposalStatus::Accepted => match &row.accepted_as {
            Some(r) => format!("Accepted as {r}"),
            None => "Accepted".into(),
        },
        ProposalStatus::FollowUp => "Follow-up".into(),
    }
}

/// Draws the table; returns what was clicked.
pub(super) fn proposals(
    ui: &mut Ui,
    rows: &[ProposalRow],
    selected: Option<Uuid>,
) -> Option<Picked> {
    let mut picked = None;
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    wide(ui, "mail-proposals-wide", |ui| {
        TableBuilder::new(ui)
            .id_salt("mail-proposals")
            .striped(true)
            .sense(egui::Sense::click())
            .max_scroll_height(600.0)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::exact(70.0))
            .column(Column::initial(150.0).resizable(true))
            .column(Column::exact(80.0))
            .column(Column::initial(160.0).resizable(true))
            .column(Column::initial(100.0))
            .column(Column::initial(110.0).resizable(true))
            .column(Column::exact(55.0))
            .column(Column::exact(80.0))
            .column(Column::initial(130.0))
            .header(row_height, |mut header| {
                for title in [
                    "Message",
                    "From",
                    "Received",
                    "Subject",
                    "Proposed type",
                    "Matched phrase",
                    "Person known",
                    "Follow-up of",
                    "Status",
                ] {
                    header.col(|ui| {
                        ui.strong(title);
                    });
                }
            })
            .body(|body| {
                body.rows(row_height, rows.len(), |mut row| {
                    let Some(r) = rows.get(row.index()) else {
                        return;
                    };
                    let p = &r.proposal;
                    row.set_selected(selected == Some(p.id));
                    let done = !p.status.is_pending();
                    let text = |ui: &Ui, t: String| {
                        if done {
                            RichText::new(t).color(ui.visuals().weak_text_color())
                        } else {
                            RichText::new(t)
                        }
                    };
                    let follow_up = p.status == ProposalStatus::FollowUp;
                    row.col(|ui| {
                        let reference = if follow_up {
                            format!("    {}", p.reference())
                        } else {
                            p.reference()
                        };
                        if ui.link(reference).clicked() {
                            picked = Some(Picked::Row(p.id));
                        }
                    });
                    row.col(|ui| {
                        ui.label(text(ui, p.from.clone()));
                    });
                    row.col(|ui| {
                        ui.label(text(ui, iso(p.received)));
                    });
                    row.col(|ui| {
                        ui.label(text(ui, p.subject.clone()));
                    });
                    row.col(|ui| {
                        let kind = p.proposed_type.map_or("—", |k| k.label());
                        ui.label(text(ui, kind.to_owned()));
                    });
                    row.col(|ui| {
                        let phrase = p.matched_phrase.clone().unwrap_or_default();
                        ui.label(text(ui, phrase));
                    });
                    row.col(|ui| {
                        ui.label(text(ui, if r.subject_found { "yes" } else { "no" }.into()));
                    });
                    row.col(|ui| {
                        if let (Some(reference), Some(id)) = (&r.follow_up_of, p.follow_up_of)
                            && ui
                                .link(reference)
                                .on_hover_text("Open the request this email follows up")
                                .clicked()
                        {
                            picked = Some(Picked::Request(id));
                        }
                    });
                    row.col(|ui| {
                        ui.label(text(ui, status_text(r)));
                    });
                    if picked.is_none() && row.response().clicked() {
                        picked = Some(Picked::Row(p.id));
                    }
                });
            });
    });
    picked
}
