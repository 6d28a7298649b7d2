//! "First steps": on a new store, the checklist of setting it up. Each step ticks itself when
//! the store shows it done and links to where it is done; once every step is done the
//! checklist steps aside.

use egui::{RichText, Ui};

use crate::domain::dashboard::SetupFacts;
use crate::gui::Command;
use crate::gui::widgets::{hint, section};

use super::link::{DashboardLink, place_of};

/// Draws the checklist unless every step is done; returns the link followed.
pub fn first_steps(ui: &mut Ui, setup: &SetupFacts) -> Option<Command> {
    if setup.all_done() {
        return None;
    }
    section(ui, "First steps");
    let steps = setup.checklist();
    let done = steps.iter().filter(|(_, d)| *d).count();
    hint(
        ui,
        &format!(
            "{done} of {} done. Each step ticks itself when the work is in the store.",
            steps.len()
        ),
    );
    let mut command = None;
    for (step, is_done) in steps {
        ui.horizontal(|ui| {
            let (mark, words) = if is_done {
                ("✔", "Done:")
            } else {
                ("☐", "To do:")
            };
            let text = RichText::new(format!("{mark} {}", step.label()));
            let text = if is_done { text.weak() } else { text.strong() };
            ui.label(text)
                .on_hover_text(format!("{words} {}", step.label()));
            if ui.link(format!("Go to {}", place_of(step))).clicked() {
                command = Some(Command::FollowLink(DashboardLink::Step(step)));
            }
        });
    }
    command
}
