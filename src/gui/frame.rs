//! Drawing one frame: the navigation, the job bar, the notice and the area showing (or the
//! screen before unlocking). Returns what the officer asked for; the app applies it after.

use egui::Ui;

use super::app::{PrivacyDeskApp, Screen};
use super::areas::area::DrawContext;
use super::areas::nav_panel;
use super::command::Command;

impl PrivacyDeskApp {
    pub(super) fn draw(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        let notice = self.notice.clone();
        let show_notice = |ui: &mut Ui, commands: &mut Vec<Command>| {
            if let Some(n) = &notice {
                if n.show(ui) {
                    commands.push(Command::DismissNotice);
                }
                ui.add_space(8.0);
            }
        };
        match &mut self.screen {
            Screen::Main(main) => {
                let organisation = main
                    .dashboard_data
                    .as_ref()
                    .map(|d| d.profile.name.clone())
                    .unwrap_or_default();
                egui::Panel::left("navigation")
                    .resizable(false)
                    .exact_size(180.0)
                    .show(ui, |ui| {
                        commands.extend(nav_panel(ui, main.area, &organisation, &main.me));
                    });
                let jobs = &self.jobs;
                if jobs.in_bar().next().is_some() {
                    egui::Panel::bottom("job").show(ui, |ui| {
                        ui.add_space(4.0);
                        for (label, p) in jobs.in_bar() {
                            ui.horizontal(|ui| {
                                let (done, total) = p.counts();
                                ui.label(label);
                                ui.add(
                                    egui::ProgressBar::new(p.fraction())
                                        .desired_width(260.0)
                                        .text(format!("{done} of {total}")),
                                );
                                if ui.button("Cancel").clicked() {
                                    commands.push(Command::CancelJob);
                                }
                            });
                        }
                        ui.add_space(4.0);
                    });
                }
                egui::CentralPanel::default().show(ui, |ui| {
                    show_notice(ui, &mut commands);
                    let cx = DrawContext {
                        jobs,
                        theme: self.prefs.theme,
                    };
                    let command = main.area.view().draw(main, ui, &cx);
                    commands.extend(command);
                });
            }
            screen => {
                egui::CentralPanel::default().show(ui, |ui| {
                    show_notice(ui, &mut commands);
                    let command = match screen {
                        Screen::Create(s) => s.ui(ui),
                        Screen::Unlock(s) => s.ui(ui),
                        Screen::Recover(s) => s.ui(ui),
                        Screen::Busy(s) => {
                            s.ui(ui);
                            None
                        }
                        Screen::RecoveryCode(s) => s.ui(ui),
                        Screen::Setup(s) => s.ui(ui),
                        Screen::Main(_) => None,
                    };
                    commands.extend(command);
                });
            }
        }
        commands
    }
}
