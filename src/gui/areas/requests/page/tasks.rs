//! The Tasks section of a request's page (issue 18 item 5): each system holding the person's
//! data and each vendor receiving it, with what to do there; a task is marked done or not
//! applicable with its day and a note. Completing the request while tasks are open asks here
//! for the reason they stay open.

use egui::{Grid, TextEdit, Ui};
use uuid::Uuid;

use crate::domain::access::{Permission, Role};
use crate::domain::request::task::{RequestTask, TaskStatus};
use crate::gui::Command;
use crate::gui::areas::request_widgets::{date_field, iso, parse_date, today};
use crate::gui::areas::requests::command::RequestCommand;
use crate::gui::field_error::{FieldError, fingerprint};
use crate::gui::widgets::{FIELD_WIDTH, hint};

/// The form changing one task.
#[derive(Debug)]
struct TaskForm {
    number: i64,
    status: TaskStatus,
    date: String,
    note: String,
}

/// The section's state: the task being changed, and a completion waiting for its reason.
#[derive(Debug, Default)]
pub struct TaskPanel {
    form: Option<TaskForm>,
    /// The outcome typed when completing, while the reason for the open tasks is asked.
    completing: Option<(String, String)>,
    reason: String,
    problem: FieldError,
}

/// Words for a task's status.
fn status_text(t: &RequestTask) -> String {
    match (t.status, t.done_on) {
        (TaskStatus::Open, _) => "Open".to_owned(),
        (TaskStatus::Done, Some(d)) => format!("Done {}", iso(d)),
        (TaskStatus::NotApplicable, Some(d)) => format!("Not applicable {}", iso(d)),
        (TaskStatus::Done, None) => "Done".to_owned(),
        (TaskStatus::NotApplicable, None) => "Not applicable".to_owned(),
    }
}

impl TaskPanel {
    /// Closes the form after a change.
    pub fn reset(&mut self) {
        *self = Self::default();
    }

    /// Asks for the reason tasks stay open before completing with `outcome`; `open` names them.
    pub fn ask_reason(&mut self, outcome: String, open: String) {
        self.completing = Some((outcome, open));
        self.reason.clear();
        self.problem.clear();
    }

    /// Shows a problem in the section.
    pub fn set_problem(&mut self, problem: String) {
        self.problem.set(problem);
    }

    /// Draws the section for request `id` with its `tasks`.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        id: Uuid,
        tasks: &[RequestTask],
        role: Role,
    ) -> Option<Command> {
        let mut command = None;
        if tasks.is_empty() {
            hint(
                ui,
                "No system or vendor to reach: the data inventory (Records) lists none that holds this person's data categories.",
            );
        } else {
            hint(
                ui,
                "Each system that holds the person's data and each vendor that receives it, from the data inventory: mark each done, or not applicable, with the day and a note.",
            );
        }
        let may = role.can(Permission::ProcessRequests);
        Grid::new("request-tasks")
            .num_columns(4)
            .striped(true)
            .spacing([16.0, 4.0])
            .show(ui, |ui| {
                for t in tasks {
                    ui.label(t.number.to_string());
                    ui.label(format!("{} {}", t.target.kind_code(), t.target.name()));
                    ui.label(&t.action);
                    ui.label(status_text(t));
                    ui.end_row();
                    // The buttons under the task's action, so the row fits a narrow window.
                    ui.label("");
                    ui.label("");
                    ui.horizontal(|ui| {
                        for (text, status) in [
                            ("done…", TaskStatus::Done),
                            ("not applicable…", TaskStatus::NotApplicable),
                        ] {
                            let button = ui.add_enabled(
                                may,
                                egui::Button::new(format!("Task {} {text}", t.number)),
                            );
                            if button.clicked() {
                                self.form = Some(TaskForm {
                                    number: t.number,
                                    status,
                                    date: iso(today()),
                                    note: t.note.clone(),
                                });
                                self.problem.clear();
                            }
                        }
                    });
                    ui.end_row();
                    if !t.note.is_empty() {
                        ui.label("");
                        ui.label("");
                        ui.label(format!("Note: {}", t.note));
                        ui.end_row();
                    }
                }
            });
        if let Some(form) = self.form.as_mut() {
            ui.label(format!(
                "Task {}: {}",
                form.number,
                match form.status {
                    TaskStatus::NotApplicable => "not applicable",
                    _ => "done",
                }
            ));
            date_field(ui, "Task day", &mut form.date);
            let label = ui.label("Task note");
            ui.add(
                TextEdit::multiline(&mut form.note)
                    .desired_width(FIELD_WIDTH)
                    .desired_rows(2),
            )
            .labelled_by(label.id);
            let (mut save, mut cancel) = (false, false);
            ui.horizontal(|ui| {
                save = ui.button(format!("Save task {}", form.number)).clicked();
                cancel = ui.button("Cancel the task change").clicked();
            });
            if save {
                match parse_date("Task day", &form.date) {
                    Ok(on) => {
                        command = Some(Command::Request(RequestCommand::SetTask {
                            id,
                            number: form.number,
                            status: form.status,
                            on,
                            note: form.note.clone(),
                        }));
                    }
                    Err(p) => self.problem.set(p),
                }
            }
            if cancel {
                self.form = None;
            }
        }
        if let Some((outcome, open)) = &self.completing {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "Tasks are still open: {open}. To complete the request now, give the reason they stay open; it is kept on each open task."
                ),
            );
            let label = ui.label("Reason tasks stay open");
            ui.add(
                TextEdit::multiline(&mut self.reason)
                    .desired_width(FIELD_WIDTH)
                    .desired_rows(2),
            )
            .labelled_by(label.id);
            let outcome = outcome.clone();
            ui.horizontal(|ui| {
                if ui.button("Complete with tasks open").clicked() {
                    if self.reason.trim().is_empty() {
                        self.problem
                            .set("Reason tasks stay open: say why before completing.".into());
                    } else {
                        command = Some(Command::Request(RequestCommand::CompleteWithReason {
                            id,
                            outcome,
                            reason: self.reason.clone(),
                        }));
                    }
                }
                if ui.button("Not yet").clicked() {
                    self.completing = None;
                }
            });
        }
        let inputs = fingerprint(&*self);
        self.problem.show(ui, inputs, "Problem: ");
        if !may && !tasks.is_empty() {
            hint(ui, &Permission::ProcessRequests.why_not(role));
        }
        command
    }
}
