//! The data-minimisation review: runs on a worker thread (it reads the whole consent ledger),
//! then lists the findings grouped by rule, each with what to do and a button that opens the
//! place where it is fixed.

use egui::{Color32, RichText, Ui};

use crate::domain::records::minimisation::{FindingKind, FixAt};
use crate::gui::Command;
use crate::gui::areas::records::minimisation_command::MinimisationCommand;
use crate::gui::widgets::{hint, progress_line, section};
use crate::jobs::Progress;
use crate::services::MinimisationReport;

/// The review's state: the last report, or why it failed.
#[derive(Debug, Default)]
pub struct MinimisationView {
    report: Option<MinimisationReport>,
    error: Option<String>,
    /// The store generation the review was last run at (it runs on a worker thread).
    asked_at: Option<u64>,
}

impl MinimisationView {
    /// Receives a finished review.
    pub fn set_report(&mut self, report: MinimisationReport) {
        self.report = Some(report);
        self.error = None;
    }

    /// Receives a failed review.
    pub fn set_error(&mut self, error: String) {
        self.error = Some(error);
    }

    /// Whether the review should run again: never run, or run before the store last
    /// changed.
    pub fn stale(&self, generation: u64) -> bool {
        self.asked_at != Some(generation)
    }

    /// The review was started at `generation`.
    pub fn asked(&mut self, generation: u64) {
        self.asked_at = Some(generation);
    }

    /// Draws the view; `running` is the progress of a review under way.
    pub fn ui(&self, ui: &mut Ui, running: Option<&Progress>) -> Option<Command> {
        let mut command = None;
        hint(
            ui,
            "Compares what you collect and keep with what your purposes, activities and retention rules need (GDPR Art. 5(1)(b), (c) and (e)). Fix a finding where its button leads, then run the review again.",
        );
        ui.add_space(4.0);
        if let Some(p) = running {
            if progress_line(
                ui,
                "Reviewing the records and the consent ledger…",
                p,
                "Cancel the review",
            ) {
                command = Some(Command::Minimisation(MinimisationCommand::Cancel));
            }
        } else if ui
            .button("Run the review again")
            .on_hover_text("Reads the records and counts consent records; changes nothing")
            .clicked()
        {
            command = Some(Command::Minimisation(MinimisationCommand::Run));
        }
        if let Some(e) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        let Some(report) = &self.report else {
            return command;
        };
        ui.label(
            RichText::new(format!(
                "Reviewed {}",
                report
                    .generated_at
                    .with_timezone(&chrono::Local)
                    .format("%Y-%m-%d %H:%M")
            ))
            .weak(),
        );
        if report.findings.is_empty() {
            ui.colored_label(
                Color32::from_rgb(0x2e, 0x7d, 0x32),
                "No findings: every category collected has a purpose, every activity a legal basis, and nothing is kept longer than the policy allows.",
            );
        }
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let mut last: Option<FindingKind> = None;
                for (i, f) in report.findings.iter().enumerate() {
                    if last != Some(f.kind) {
                        let n = report.findings.iter().filter(|g| g.kind == f.kind).count();
                        section(ui, &format!("{} ({n})", f.kind.title()));
                        last = Some(f.kind);
                    }
                    ui.push_id(i, |ui| {
                        ui.group(|ui| {
                            ui.set_width(ui.available_width());
                            ui.label(RichText::new(&f.message).strong());
                            ui.label(&f.remedy);
                            if ui.button(fix_label(&f.fix_at)).clicked() {
                                command = Some(Command::Minimisation(MinimisationCommand::Fix(
                                    f.fix_at.clone(),
                                )));
                            }
                        });
                    });
                }
                if !report.register_gaps.is_empty() {
                    section(ui, "Consent records of the people in the register");
                    for gap in &report.register_gaps {
                        ui.label(format!(
                            "{}: {} of {} people held in {} have a consent record.",
                            gap.purpose,
                            gap.people - gap.without_record,
                            gap.people,
                            gap.systems.join(", ")
                        ));
                    }
                }
            });
        command
    }
}

/// The words on a finding's button.
fn fix_label(fix: &FixAt) -> String {
    match fix {
        FixAt::Activity(code) => format!("Open the activity {code}"),
        FixAt::System(code) => format!("Open the system {code}"),
        FixAt::Purpose(code) => format!("Open the purpose {code}"),
        FixAt::ConsentReview(code) => format!("Open the review queue ({code})"),
        FixAt::RetentionPolicy => "Open the retention policy".into(),
    }
}
