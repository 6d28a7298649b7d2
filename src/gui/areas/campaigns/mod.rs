//! Campaigns: the pre-flight check of an email campaign's audience and the history of send
//! records (`campaign check`, `campaign list`). Its own area rather than a tab of Subjects &
//! consent: the check reads the whole register (consent, restriction, erasure, bounces) and
//! writes files for the email platform, and its send records are evidence kept for audits.

pub(in crate::gui) mod apply;
pub(in crate::gui) mod area;
pub(in crate::gui) mod command;
mod history;

use std::path::PathBuf;

use egui::{ComboBox, Grid, Ui};

use crate::domain::access::{Permission, Role};
use crate::domain::campaign::{ExclusionReason, SendRecord};
use crate::domain::purpose::PurposeCode;
use crate::gui::Command;
use crate::gui::field_error::{FieldError, fingerprint};
use crate::gui::view_data::{Fresh, ViewData};
use crate::gui::widgets::{FIELD_WIDTH, hint, section};
use crate::jobs::Progress;
use crate::services::{CheckReport, ServiceResult, Session};

use command::CampaignCommand;

/// What the area shows: the send records (newest first) and the purposes to check for.
#[derive(Debug, Default)]
pub struct CampaignsData {
    /// Every send record.
    pub records: Vec<SendRecord>,
    /// The purposes of the catalogue: code and name.
    pub purposes: Vec<(PurposeCode, String)>,
}

/// Builds what the Campaigns area shows.
pub fn campaigns_data(session: &Session) -> ServiceResult<CampaignsData> {
    Ok(CampaignsData {
        records: session.campaigns().send_records()?,
        purposes: session
            .consent()
            .purposes()?
            .into_iter()
            .map(|r| (r.purpose.code, r.purpose.name))
            .collect(),
    })
}

/// A reason a row was left out, in words.
pub fn reason_words(reason: ExclusionReason) -> &'static str {
    match reason {
        ExclusionReason::InvalidEmail => "Not an email address",
        ExclusionReason::Duplicate => "Already in the file",
        ExclusionReason::Erased => "Erased",
        ExclusionReason::NoRecord => "Not in the register",
        ExclusionReason::Restricted => "Processing restricted",
        ExclusionReason::Undeliverable => "Undeliverable",
        ExclusionReason::NoConsent => "No consent for this purpose",
        ExclusionReason::Withdrawn => "Consent withdrawn",
        ExclusionReason::Expired => "Consent expired",
        ExclusionReason::OptedOut => "Opted out (sale/sharing or limit)",
        ExclusionReason::Gpc => "Global Privacy Control",
        ExclusionReason::Stale => "Consent not refreshed in time",
        ExclusionReason::Objected => "Objected: processing for this purpose stopped",
        ExclusionReason::ChildWithoutParentalConsent => {
            "A child: no parent's authorisation (or, CCPA 13 to 15, no opt-in)"
        }
    }
}

/// The Campaigns area's state: the check form, the last result and the history.
#[derive(Debug, Default)]
pub struct CampaignsView {
    data: ViewData<CampaignsData>,
    audience: String,
    purpose: Option<PurposeCode>,
    name: String,
    out: String,
    suppression: bool,
    suppression_out: String,
    problem: FieldError,
    last: Option<CheckReport>,
}

impl CampaignsView {
    /// Builds the history and the purposes where the store changed since.
    pub fn prepare(&mut self, fresh: &Fresh<'_>) -> ServiceResult<()> {
        self.data
            .refresh(fresh.generation, (), |_| campaigns_data(fresh.session))
    }

    /// Shows a finished check's counts.
    pub fn checked(&mut self, report: CheckReport) {
        self.problem.clear();
        self.last = Some(report);
    }

    /// Draws the area; `checking` is the progress of a check under way.
    pub fn ui(&mut self, ui: &mut Ui, role: Role, checking: Option<&Progress>) -> Option<Command> {
        let mut command = None;
        egui::ScrollArea::vertical()
            .id_salt("campaigns")
            .show(ui, |ui| {
                ui.heading("Campaigns");
                hint(
                    ui,
                    "Before an email campaign, check its audience: only the people it is lawful to email for the purpose today are written to the clean file, and the check is kept as a send record (evidence of consent, GDPR Art. 7(1)).",
                );
                if role.can(Permission::ExportPersonalData) {
                    section(ui, "Check an audience");
                    command = self.check_form(ui, checking);
                    self.last_result(ui);
                }
                section(ui, "Send records");
                match self.data.get() {
                    None => hint(ui, "Loading…"),
                    Some(d) if d.records.is_empty() => {
                        hint(ui, "No audience has been checked yet.");
                    }
                    Some(d) => history::table(ui, &d.records),
                }
            });
        command.map(Command::Campaign)
    }

    fn check_form(&mut self, ui: &mut Ui, running: Option<&Progress>) -> Option<CampaignCommand> {
        let checking = running.is_some();
        let mut command = None;
        let purposes = self
            .data
            .get()
            .map(|d| d.purposes.as_slice())
            .unwrap_or(&[]);
        Grid::new("campaign-check").num_columns(3).show(ui, |ui| {
            let label = ui.label("Audience file");
            ui.add(egui::TextEdit::singleline(&mut self.audience).desired_width(FIELD_WIDTH))
                .labelled_by(label.id)
                .on_hover_text("The CSV exported from the email platform (an email column is found by its header)");
            if let Some(path) = crate::gui::file_dialog::FileDialog::new()
                    .add_filter("Audience (CSV)", &["csv"])
                    .pick_file(ui.button("Choose…").clicked(), ui)
            {
                self.audience = path.display().to_string();
            }
            ui.end_row();

            let label = ui.label("Purpose");
            let shown = self
                .purpose
                .as_ref()
                .and_then(|p| purposes.iter().find(|(c, _)| c == p))
                .map_or("Choose a purpose".to_owned(), |(_, n)| n.clone());
            ComboBox::from_id_salt("campaign-purpose")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    for (code, name) in purposes {
                        ui.selectable_value(&mut self.purpose, Some(code.clone()), name);
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();

            let label = ui.label("Campaign name");
            ui.add(egui::TextEdit::singleline(&mut self.name).desired_width(FIELD_WIDTH))
                .labelled_by(label.id)
                .on_hover_text("Kept in the send record (default: the audience file's name)");
            ui.end_row();

            let label = ui.label("Clean audience file");
            ui.add(egui::TextEdit::singleline(&mut self.out).desired_width(FIELD_WIDTH))
                .labelled_by(label.id)
                .on_hover_text("Where the rows that may be emailed are written (.csv)");
            if let Some(path) = crate::gui::file_dialog::FileDialog::new()
                    .add_filter("CSV", &["csv"])
                    .set_file_name("clean-audience.csv")
                    .save_file(ui.button("Save as…").clicked(), ui)
            {
                self.out = path.display().to_string();
            }
            ui.end_row();
        });
        ui.checkbox(
            &mut self.suppression,
            "Also write the left-out addresses as a suppression CSV for the platform",
        );
        if self.suppression {
            ui.horizontal(|ui| {
                let label = ui.label("Suppression file");
                ui.add(
                    egui::TextEdit::singleline(&mut self.suppression_out)
                        .desired_width(FIELD_WIDTH),
                )
                .labelled_by(label.id);
                if let Some(path) = crate::gui::file_dialog::FileDialog::new()
                    .add_filter("CSV", &["csv"])
                    .set_file_name("suppression.csv")
                    .save_file(ui.button("Save suppression as…").clicked(), ui)
                {
                    self.suppression_out = path.display().to_string();
                }
            });
        }
        let inputs = fingerprint(&(
            &self.audience,
            &self.purpose,
            &self.name,
            &self.out,
            &self.suppression,
            &self.suppression_out,
        ));
        self.problem.show(ui, inputs, "");
        ui.horizontal(|ui| {
            if ui
                .add_enabled(!checking, egui::Button::new("Check the audience"))
                .clicked()
            {
                command = self.command();
            }
            if let Some(p) = running {
                let (done, _) = p.counts();
                ui.label("Checking the audience…");
                ui.add(
                    egui::ProgressBar::new(0.0)
                        .desired_width(260.0)
                        .text(format!("{done} rows checked"))
                        .animate(true),
                );
                if ui.button("Cancel the check").clicked() {
                    command = Some(CampaignCommand::Cancel);
                }
            }
        });
        command
    }

    /// The check asked for, or the first problem with the form (shown beside it).
    fn command(&mut self) -> Option<CampaignCommand> {
        let path = |s: &str| Some(PathBuf::from(s.trim())).filter(|p| !p.as_os_str().is_empty());
        let result = (|| {
            let audience = path(&self.audience)
                .ok_or("Audience file: choose the CSV exported from your email platform.")?;
            let purpose = self
                .purpose
                .clone()
                .ok_or("Purpose: choose the purpose the campaign is sent for.")?;
            let out = path(&self.out)
                .ok_or("Clean audience file: choose where the rows that may be emailed go.")?;
            let suppression_out = if self.suppression {
                Some(path(&self.suppression_out).ok_or(
                    "Suppression file: choose where the left-out addresses go, or untick the box.",
                )?)
            } else {
                None
            };
            let name = Some(self.name.trim().to_owned()).filter(|n| !n.is_empty());
            Ok::<_, &str>(CampaignCommand::Check {
                audience,
                purpose,
                out,
                name,
                suppression_out,
            })
        })();
        match result {
            Ok(c) => {
                self.problem.clear();
                Some(c)
            }
            Err(problem) => {
                self.problem.set(problem.to_owned());
                None
            }
        }
    }

    /// The counts of the last check, per reason.
    fn last_result(&self, ui: &mut Ui) {
        let Some(r) = &self.last else {
            return;
        };
        ui.add_space(6.0);
        ui.strong(format!(
            "{}: {} rows checked, {} may be emailed, {} left out",
            r.record.reference(),
            r.checked,
            r.sendable,
            r.excluded.total()
        ));
        Grid::new("campaign-last")
            .num_columns(2)
            .striped(true)
            .show(ui, |ui| {
                for reason in ExclusionReason::ALL {
                    let n = r.excluded.get(reason);
                    if n > 0 {
                        ui.label(reason_words(reason));
                        ui.label(n.to_string());
                        ui.end_row();
                    }
                }
            });
    }
}
