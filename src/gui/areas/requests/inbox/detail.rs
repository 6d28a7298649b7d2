//! The selected email beside the proposals: what it proposes, Accept (with the request type
//! and the law) and Dismiss, and the original message as received.

use egui::{ComboBox, RichText, Ui};

use crate::domain::intake::{ProposalStatus, type_under};
use crate::domain::organisation::Regime;
use crate::domain::request::RequestType;
use crate::gui::areas::request_widgets::iso;
use crate::gui::widgets::hint;
use crate::services::ProposalRow;

use super::command::IntakeCommand;
use super::table::status_text;

/// The type and law the officer picked for the selected proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Choice {
    /// None until a type is proposed or picked.
    pub kind: Option<RequestType>,
    /// The law the request falls under.
    pub regime: Regime,
}

impl Default for Choice {
    fn default() -> Self {
        Self {
            kind: None,
            regime: Regime::Gdpr,
        }
    }
}

impl Choice {
    /// What a proposal suggests: its law (else the organisation's first) and its type under
    /// that law.
    pub fn for_row(row: &ProposalRow, regimes: &[Regime]) -> Self {
        let p = &row.proposal;
        let regime = p
            .proposed_regime
            .or_else(|| regimes.first().copied())
            .unwrap_or(Regime::Gdpr);
        Self {
            kind: p.proposed_type.map(|k| type_under(k, regime)),
            regime,
        }
    }
}

/// Draws the selected proposal; returns Accept or Dismiss when clicked.
pub(super) fn ui(
    ui: &mut Ui,
    row: &ProposalRow,
    original: Option<&String>,
    choice: &mut Choice,
    regimes: &[Regime],
    may_take: bool,
) -> Option<IntakeCommand> {
    let mut command = None;
    let p = &row.proposal;
    ui.strong(format!("{}: {}", p.reference(), p.subject));
    ui.label(format!(
        "From {} <{}>, received {}",
        p.from_name,
        p.from,
        iso(p.received)
    ));
    ui.label(format!("Status: {}", status_text(row)));
    if p.status == ProposalStatus::FollowUp {
        hint(
            ui,
            "A reply or a repeat about a request already taken in: it is kept with that request.",
        );
    }
    if may_take && p.status.is_pending() {
        command = decide(ui, p.reference(), choice, regimes);
    }
    ui.add_space(6.0);
    ui.strong("The message as received");
    match original {
        Some(text) => {
            egui::ScrollArea::vertical()
                .id_salt("mail-original")
                .max_height(520.0)
                .show(ui, |ui| {
                    ui.add(egui::Label::new(RichText::new(text.as_str()).monospace()).wrap());
                });
        }
        None => hint(ui, "Loading…"),
    }
    command
}

/// The law and type drop-downs with Accept, and Dismiss.
fn decide(
    ui: &mut Ui,
    reference: String,
    choice: &mut Choice,
    regimes: &[Regime],
) -> Option<IntakeCommand> {
    let mut command = None;
    let offered: Vec<Regime> = if regimes.is_empty() {
        Regime::ALL.to_vec()
    } else {
        regimes.to_vec()
    };
    egui::Grid::new("mail-accept")
        .num_columns(2)
        .show(ui, |ui| {
            let label = ui.label("Law");
            let before = choice.regime;
            ComboBox::from_id_salt("mail-regime")
                .selected_text(choice.regime.label())
                .show_ui(ui, |ui| {
                    for &r in &offered {
                        ui.selectable_value(&mut choice.regime, r, r.label());
                    }
                })
                .response
                .labelled_by(label.id);
            if choice.regime != before {
                choice.kind = choice
                    .kind
                    .map(|k| type_under(k, choice.regime))
                    .filter(|k| k.applies_to(choice.regime));
            }
            ui.end_row();
            let label = ui.label("Request type");
            ComboBox::from_id_salt("mail-type")
                .selected_text(choice.kind.map_or("Choose a type", |k| k.label()))
                .show_ui(ui, |ui| {
                    for t in RequestType::for_regime(choice.regime) {
                        ui.selectable_value(&mut choice.kind, Some(t), t.label());
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
        });
    ui.horizontal(|ui| {
        let accept = ui
            .add_enabled(choice.kind.is_some(), egui::Button::new("Accept as a request"))
            .on_hover_text("Opens a request received on the day of the email, with the email kept as its evidence")
            .on_disabled_hover_text("No type was recognised: choose one first.");
        if accept.clicked()
            && let Some(kind) = choice.kind
        {
            command = Some(IntakeCommand::Accept {
                reference: reference.clone(),
                kind,
                regime: choice.regime,
            });
        }
        if ui
            .button("Dismiss this email")
            .on_hover_text("Not a request, or handled elsewhere")
            .clicked()
        {
            command = Some(IntakeCommand::Dismiss(reference));
        }
    });
    command
}
