//! Requests → Inbox: the privacy mailbox in the window. The emails taken in (from files or
//! the IMAP folder, as background jobs) are listed as proposals, follow-ups under the request
//! they belong to; the selected one's original message shows beside the list (read from the
//! store when selected, kept in memory only), with Accept (type and law) and Dismiss.
//!
//! Everything goes through the same service calls as `inbox …` on the command line.

pub(in crate::gui) mod apply;
pub(in crate::gui) mod command;
mod detail;
mod table;

use egui::Ui;
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::domain::access::{Permission, Role};
use crate::domain::organisation::Regime;
use crate::gui::Command;
use crate::gui::view_data::{Fresh, ViewData};
use crate::gui::widgets::{FIELD_WIDTH, hint, progress_line, secret_field};
use crate::jobs::Progress;
use crate::services::{ProposalRow, ServiceResult, Session};

use command::IntakeCommand;
use detail::Choice;

/// Builds the proposals list: newest first, each follow-up right under the proposal its
/// request was accepted from (where that proposal is in the list).
pub fn mail_rows(session: &Session) -> ServiceResult<Vec<ProposalRow>> {
    Ok(attach_follow_ups(session.inbox().proposals()?))
}

/// Orders `rows` so that follow-ups sit under the row accepted as their request.
fn attach_follow_ups(rows: Vec<ProposalRow>) -> Vec<ProposalRow> {
    let accepted: std::collections::HashSet<Uuid> = rows
        .iter()
        .filter_map(|r| r.proposal.accepted_request)
        .collect();
    let attached = |r: &ProposalRow| {
        r.proposal
            .follow_up_of
            .is_some_and(|req| accepted.contains(&req))
    };
    let mut out = Vec::with_capacity(rows.len());
    for row in rows.iter().filter(|r| !attached(r)) {
        out.push(row.clone());
        if let Some(req) = row.proposal.accepted_request {
            out.extend(
                rows.iter()
                    .filter(|r| r.proposal.follow_up_of == Some(req))
                    .cloned(),
            );
        }
    }
    out
}

/// The original message of a proposal, as text (built when one is selected).
fn original_text(session: &Session, id: Uuid) -> ServiceResult<String> {
    let raw = session.inbox().original(id)?;
    Ok(String::from_utf8_lossy(&raw).into_owned())
}

/// The selected message, or a hint to select one.
fn message(
    ui: &mut Ui,
    rows: &[ProposalRow],
    selected: Option<Uuid>,
    original: &ViewData<String, Option<Uuid>>,
    choice: &mut Choice,
    regimes: &[Regime],
    may_take: bool,
) -> Option<IntakeCommand> {
    let Some(row) = selected.and_then(|id| rows.iter().find(|r| r.proposal.id == id)) else {
        hint(ui, "Select a message to see it as it was received.");
        return None;
    };
    let text = original
        .get()
        .filter(|_| original.key() == Some(&Some(row.proposal.id)));
    detail::ui(ui, row, text, choice, regimes, may_take)
}

/// The width from which the selected message shows beside the list rather than under it.
const BESIDE: f32 = 1500.0;

/// The Inbox tab's state.
#[derive(Debug, Default)]
pub struct MailInboxView {
    /// Whether the Inbox tab shows (else the request list).
    pub shown: bool,
    rows: ViewData<Vec<ProposalRow>>,
    selected: Option<Uuid>,
    original: ViewData<String, Option<Uuid>>,
    choice: Choice,
    files: String,
    password: Zeroizing<String>,
    /// Whether the stored mailbox account has a password (else one is asked here).
    password_stored: ViewData<Option<bool>>,
    /// The last proposal accepted: its reference, the request's reference and id.
    accepted: Option<(String, String, Uuid)>,
}

impl MailInboxView {
    /// Builds the list (and the selected message) where the store changed since.
    pub fn prepare(&mut self, fresh: &Fresh<'_>) -> ServiceResult<()> {
        self.rows
            .refresh(fresh.generation, (), |_| mail_rows(fresh.session))?;
        if fresh.session.user().role.can(Permission::TakeInRequests) {
            self.password_stored.refresh(fresh.generation, (), |_| {
                Ok(fresh
                    .session
                    .inbox()
                    .account()?
                    .map(|a| a.password.is_some()))
            })?;
        }
        let selected = self.selected;
        self.original
            .refresh(fresh.generation, selected, |id| match id {
                Some(id) => original_text(fresh.session, *id),
                None => Ok(String::new()),
            })
    }

    /// Says which request a proposal was accepted as (shown above the list).
    pub fn accepted(&mut self, message: String, request: String, id: Uuid) {
        self.accepted = Some((message, request, id));
    }

    /// Forgets the typed IMAP password (once it is handed to the fetch).
    pub fn take_password(&mut self) -> Option<Zeroizing<String>> {
        let typed = std::mem::take(&mut self.password);
        (!typed.trim().is_empty()).then_some(typed)
    }

    /// Draws the tab. `regimes` are the organisation's; `taking_in` the progress of an import
    /// or fetch under way.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        role: Role,
        regimes: &[Regime],
        taking_in: Option<&Progress>,
    ) -> Option<Command> {
        let mut command = None;
        ui.heading("Inbox");
        hint(
            ui,
            "Emails to the privacy address, read from mail files or the mailbox. Each one is proposed as a request (or marked as not one); accept it to open the request, or dismiss it. Nothing is deleted or moved in the mailbox.",
        );
        let may_take = role.can(Permission::TakeInRequests);
        if may_take {
            command = self.intake_controls(ui, taking_in);
        }
        if let Some((message, request, id)) = &self.accepted {
            ui.horizontal(|ui| {
                ui.label(format!("{message} was accepted as request {request}."));
                if ui.button(format!("Open {request}")).clicked() {
                    command = Some(IntakeCommand::OpenRequest(*id));
                }
            });
        }
        ui.add_space(6.0);
        let Some(rows) = self.rows.get() else {
            hint(ui, "Loading…");
            return command.map(Command::Intake);
        };
        if rows.is_empty() {
            hint(
                ui,
                "No email has been taken in yet: import mail files or fetch the mailbox.",
            );
            return command.map(Command::Intake);
        }
        let pending = rows
            .iter()
            .filter(|r| r.proposal.status.is_pending())
            .count();
        ui.strong(format!(
            "{pending} waiting for a decision, {} in all",
            rows.len()
        ));
        // The message beside the list where the window is wide enough, else under it.
        let picked = if ui.available_width() >= BESIDE {
            ui.columns(2, |columns| {
                let [list, right] = columns else {
                    return None;
                };
                let picked = table::proposals(list, rows, self.selected);
                if let Some(c) = message(
                    right,
                    rows,
                    self.selected,
                    &self.original,
                    &mut self.choice,
                    regimes,
                    may_take,
                ) {
                    command = Some(c);
                }
                picked
            })
        } else {
            let picked = table::proposals(ui, rows, self.selected);
            ui.separator();
            if let Some(c) = message(
                ui,
                rows,
                self.selected,
                &self.original,
                &mut self.choice,
                regimes,
                may_take,
            ) {
                command = Some(c);
            }
            picked
        };
        match picked {
            Some(table::Picked::Row(id)) if self.selected != Some(id) => {
                self.selected = Some(id);
                if let Some(row) = rows.iter().find(|r| r.proposal.id == id) {
                    self.choice = Choice::for_row(row, regimes);
                }
            }
            Some(table::Picked::Request(id)) => command = Some(IntakeCommand::OpenRequest(id)),
            _ => {}
        }
        command.map(Command::Intake)
    }

    /// The import and fetch controls, or the progress of the run under way.
    fn intake_controls(
        &mut self,
        ui: &mut Ui,
        taking_in: Option<&Progress>,
    ) -> Option<IntakeCommand> {
        if let Some(progress) = taking_in {
            return progress_line(ui, "Taking in mail", progress, "Cancel")
                .then_some(IntakeCommand::Cancel);
        }
        let mut command = None;
        ui.horizontal(|ui| {
            let label = ui.label("Mail files");
            ui.add(egui::TextEdit::singleline(&mut self.files).desired_width(FIELD_WIDTH))
                .labelled_by(label.id)
                .on_hover_text("An .mbox or .eml file, or a folder of them");
            if let Some(paths) = crate::gui::file_dialog::FileDialog::new()
                .add_filter("Email (.mbox, .eml)", &["mbox", "eml"])
                .pick_file(ui.button("Choose files…").clicked(), ui)
                .map(|p| vec![p])
            {
                command = Some(IntakeCommand::Import(paths));
            }
            if let Some(dir) = crate::gui::file_dialog::FileDialog::new()
                .pick_folder(ui.button("Choose a folder…").clicked(), ui)
            {
                command = Some(IntakeCommand::Import(vec![dir]));
            }
            let typed = self.files.trim();
            if ui
                .add_enabled(!typed.is_empty(), egui::Button::new("Import mail files"))
                .clicked()
            {
                command = Some(IntakeCommand::Import(vec![typed.into()]));
            }
        });
        ui.horizontal(|ui| match self.password_stored.get().copied().flatten() {
            None => {
                ui.add_enabled(false, egui::Button::new("Fetch mail"))
                    .on_disabled_hover_text(
                        "Set the mailbox first, in Settings under Self-service and mailbox.",
                    );
            }
            Some(stored) => {
                if !stored {
                    secret_field(ui, "Mailbox password", &mut self.password);
                }
                if ui
                    .add_enabled(
                        stored || !self.password.is_empty(),
                        egui::Button::new("Fetch mail"),
                    )
                    .on_hover_text("Reads the new emails of the mailbox folder (read-only)")
                    .clicked()
                {
                    command = Some(IntakeCommand::Fetch(self.take_password()));
                }
            }
        });
        command
    }
}

#[cfg(test)]
mod tests;
