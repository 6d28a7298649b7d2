//! "What needs me today": overdue and due-soon requests, running breach clocks, vendor reviews
//! and action-plan measures due, overdue first; each line a link to where it is done.

use egui::{RichText, Ui};

use crate::domain::dashboard::TodayItem;
use crate::gui::Command;
use crate::gui::widgets::section;

use super::link::DashboardLink;

/// Lines shown before "and N more".
const SHOWN: usize = 12;

/// Draws the list; returns the link followed.
pub fn today_list(ui: &mut Ui, items: &[TodayItem]) -> Option<Command> {
    section(ui, "What needs me today");
    if items.is_empty() {
        ui.label("Nothing is due: no request due this week, no breach clock running, no review or measure due.");
        return None;
    }
    let mut command = None;
    for item in items.iter().take(SHOWN) {
        ui.horizontal_wrapped(|ui| {
            if item.overdue {
                ui.label(
                    RichText::new("Overdue")
                        .color(ui.visuals().error_fg_color)
                        .strong(),
                );
            } else {
                ui.label(RichText::new("Due soon").color(ui.visuals().warn_fg_color));
            }
            if ui.link(&item.text).clicked() {
                command = Some(Command::FollowLink(DashboardLink::from(&item.link)));
            }
        });
    }
    if items.len() > SHOWN {
        ui.label(format!(
            "and {} more: see the request inbox, Security, Vendors and Assessments.",
            items.len() - SHOWN
        ));
    }
    command
}
