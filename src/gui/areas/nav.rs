//! The left navigation: one entry per area, the Lock button, the keyboard shortcuts.

use egui::{RichText, Ui};

use crate::domain::user::User;
use crate::gui::Command;
use crate::gui::areas::Area;

/// Draws the navigation; returns a command when the user picks an area or locks.
pub fn nav_panel(ui: &mut Ui, current: Area, organisation: &str, me: &User) -> Option<Command> {
    let mut command = None;
    ui.add_space(8.0);
    ui.label(RichText::new("Privacy Desk").heading().strong());
    if !organisation.is_empty() {
        ui.label(RichText::new(organisation).weak());
    }
    ui.add_space(12.0);
    let areas: Vec<Area> = Area::ALL
        .into_iter()
        .filter(|a| a.visible_to(me.role))
        .collect();
    for (i, &area) in areas.iter().enumerate() {
        let response = ui.selectable_label(current == area, area.label());
        // Ten digits: only the first ten areas have a shortcut.
        let response = if i < 10 {
            response.on_hover_text(format!("Ctrl+{}", (i + 1) % 10))
        } else {
            response
        };
        if response.clicked() {
            command = Some(Command::Navigate(area));
        }
    }
    ui.add_space(24.0);
    ui.label(RichText::new(format!("Signed in as {}", me.name)).weak());
    ui.label(RichText::new(me.role.label()).weak());
    ui.add_space(4.0);
    if ui
        .button("Lock")
        .on_hover_text("Locks the store now and forgets the keys (Ctrl+L)")
        .clicked()
    {
        command = Some(Command::Lock);
    }
    let shortcut = ui.input_mut(|i| {
        let ctrl = egui::Modifiers::COMMAND;
        if i.consume_key(ctrl, egui::Key::L) {
            return Some(Command::Lock);
        }
        let keys = [
            egui::Key::Num1,
            egui::Key::Num2,
            egui::Key::Num3,
            egui::Key::Num4,
            egui::Key::Num5,
            egui::Key::Num6,
            egui::Key::Num7,
            egui::Key::Num8,
            egui::Key::Num9,
            egui::Key::Num0,
        ];
        for (key, &area) in keys.into_iter().zip(&areas) {
            if i.consume_key(ctrl, key) {
                return Some(Command::Navigate(area));
            }
        }
        None
    });
    command.or(shortcut)
}
