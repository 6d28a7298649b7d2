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
            // A tick the officer cannot change: the store decides (screen readers read its
            // state with the step).
            let mut ticked = is_done;
            let text = RichText::new(step.label());
            let text = if is_done { text.weak() } else { text.strong() };
            ui.add_enabled(false, egui::Checkbox::new(&mut ticked, text));
            if ui.link(format!("Go to {}", place_of(step))).clicked() {
                command = Some(Command::FollowLink(DashboardLink::Step(step)));
            }
        });
    }
    command
}
