//! The Dashboard (issue 20, item 7): on a new store the first steps, then what needs the
//! officer today, the key figures, the charts (each followed by its table), and the state of
//! each area, the audit trail and the store. Everything it shows is counted off the UI thread
//! by the runner's summary job (`gui/jobs/status.rs`), started again when the store changes.

pub(in crate::gui) mod area;
mod consent_chart;
mod consent_timeline;
mod first_steps;
pub(in crate::gui) mod link;
mod on_time_chart;
mod tiles;
mod today;

use egui::{Grid, RichText, Ui};

use crate::domain::dashboard::DashboardFigures;

use crate::domain::access::Permission;
use crate::domain::audit::VerifyReport;
use crate::domain::organisation::OrganisationProfile;
use crate::domain::user::User;
use crate::gui::Command;
use crate::gui::widgets::{hint, section, size, when};
use crate::services::StoreStatus;

/// What the Dashboard shows, built by the app from the store.
#[derive(Clone, Debug)]
pub struct DashboardData {
    /// The organisation profile.
    pub profile: OrganisationProfile,
    /// The store summary.
    pub status: Option<StoreStatus>,
    /// The first steps, today's list and the charts' figures (with the summary).
    pub figures: Option<DashboardFigures>,
    /// Auto-lock minutes.
    pub auto_lock_minutes: u32,
    /// The warning of the integrity check at unlock, until dismissed.
    pub integrity_warning: Option<String>,
}

/// The Dashboard view: beyond the data it is given, only the year chosen for the evidence
/// bundle (0: this year).
#[derive(Debug, Default)]
pub struct DashboardView {
    evidence_year: i32,
}

/// "Evidence bundle…": one zip file to hand a regulator or a client (issue 20, item 6).
fn evidence_block(ui: &mut Ui, me: &User, year: &mut i32) -> Option<Command> {
    section(ui, "Evidence for a regulator or a client");
    for permission in [Permission::ExportReports, Permission::ViewAuditLog] {
        if !me.role.can(permission) {
            hint(ui, &permission.why_not(me.role));
            return None;
        }
    }
    ui.label(
        "One zip file that shows your accountability: the record of processing, the retention policy, the assessments, the request and breach logs, consent per purpose, vendor reviews, training, sweeps, the audit verification and an accountability report against last year, with a manifest of SHA-256 sums anyone can check.",
    );
    let this_year = chrono::Datelike::year(&chrono::Local::now().date_naive());
    if *year == 0 {
        *year = this_year;
    }
    let mut command = None;
    ui.horizontal(|ui| {
        egui::ComboBox::from_label("Year")
            .selected_text(year.to_string())
            .show_ui(ui, |ui| {
                for y in (this_year - 4..=this_year).rev() {
                    ui.selectable_value(year, y, y.to_string());
                }
            });
        if let Some(path) = crate::gui::file_dialog::FileDialog::new()
            .set_file_name(format!("evidence-{year}.zip"))
            .add_filter("Zip archive", &["zip"])
            .save_file(ui.button("Evidence bundle…").clicked(), ui)
        {
            command = Some(Command::EvidenceBundle { path, year: *year });
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label("Every deadline in your own calendar (requests, breach clocks, reviews, measures, training, the next sweep):");
        if let Some(path) = crate::gui::file_dialog::FileDialog::new()
                .set_file_name("privacy-desk-deadlines.ics")
                .add_filter("iCalendar", &["ics"])
                .save_file(ui.button("Deadlines to calendar (.ics)…").clicked(), ui)
        {
            command = Some(Command::ExportCalendar(path));
        }
    });
    command
}

/// The open requests: how many, due this week, overdue (in red, with words), waiting.
fn requests_block(ui: &mut Ui, s: &StoreStatus) -> Option<Command> {
    let mut command = None;
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("{} open", s.requests_open));
        ui.separator();
        ui.label(format!("{} due this week", s.requests_due_this_week));
        ui.separator();
        let overdue = format!("{} overdue", s.requests_overdue);
        if s.requests_overdue > 0 {
            ui.label(
                RichText::new(overdue)
                    .color(ui.visuals().error_fg_color)
                    .strong(),
            );
        } else {
            ui.label(overdue);
        }
        ui.separator();
        ui.label(format!("{} waiting for the person", s.requests_waiting));
        if ui.button("Open the request inbox").clicked() {
            command = Some(Command::Navigate(crate::gui::areas::Area::Requests));
        }
    });
    command
}

/// "1 draft", "2 drafts".
fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Assessments: drafts, waiting for a decision, and measures of action plans past their date.
fn assessments_block(ui: &mut Ui, a: &crate::services::AssessmentCounts) -> Option<Command> {
    let mut command = None;
    ui.horizontal_wrapped(|ui| {
        ui.label(plural(a.drafts, "draft", "drafts"));
        ui.separator();
        ui.label(format!("{} waiting for a decision", a.in_review));
        ui.separator();
        ui.label(format!("{} decided", a.decided));
        ui.separator();
        let overdue = format!(
            "{} overdue",
            plural(
                a.overdue_measures,
                "action-plan measure",
                "action-plan measures"
            )
        );
        if a.overdue_measures > 0 {
            ui.label(
                RichText::new(overdue)
                    .color(ui.visuals().error_fg_color)
                    .strong(),
            );
        } else {
            ui.label(overdue);
        }
        if ui.button("Open the assessments").clicked() {
            command = Some(Command::Navigate(crate::gui::areas::Area::Assessments));
        }
    });
    command
}

/// Retention: when the last sweep ran, whether one is due, the legal holds in force.
fn retention_block(ui: &mut Ui, s: &StoreStatus) -> Option<Command> {
    let mut command = None;
    ui.horizontal_wrapped(|ui| {
        ui.label(match &s.sweep.last_run {
            Some(t) => format!("Last sweep {}", when(t)),
            None => "No sweep has run yet".to_owned(),
        });
        ui.separator();
        match s.sweep.next_due {
            _ if s.sweep.due => {
                ui.label(
                    RichText::new("A sweep is due")
                        .color(ui.visuals().warn_fg_color)
                        .strong(),
                );
            }
            Some(next) => {
                ui.label(format!("next due {}", next.format("%Y-%m-%d")));
            }
            None => {
                ui.label("no schedule set");
            }
        }
        ui.separator();
        ui.label(match s.legal_holds {
            1 => "1 legal hold in force".to_owned(),
            n => format!("{n} legal holds in force"),
        });
        if ui.button("Open Retention").clicked() {
            command = Some(Command::Retention(crate::gui::RetentionCommand::Tab(
                crate::gui::areas::RetentionTab::Sweep,
            )));
        }
    });
    command
}

impl DashboardView {
    /// Draws the Dashboard.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        data: &DashboardData,
        verify: Option<&VerifyReport>,
        me: &User,
        users: Option<&[User]>,
        review_count: Option<usize>,
    ) -> Option<Command> {
        let mut command = None;
        ui.heading("Dashboard");
        ui.label(format!("Signed in as {} ({}).", me.name, me.role.label()));
        if let Some(warning) = &data.integrity_warning {
            command = crate::gui::areas::row_integrity::unlock_warning(ui, warning);
        }
        let failing: Vec<&User> = users
            .unwrap_or_default()
            .iter()
            .filter(|u| u.failed_attempts > 0)
            .collect();
        for u in failing {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "{} wrong passphrase{} for {} since their last sign-in{}.",
                    u.failed_attempts,
                    if u.failed_attempts == 1 { "" } else { "s" },
                    u.name,
                    u.last_failed_at
                        .as_deref()
                        .map(|t| format!(", the last at {}", when(t)))
                        .unwrap_or_default()
                ),
            );
        }
        if let Some(figures) = &data.figures {
            if let Some(c) = first_steps::first_steps(ui, &figures.setup) {
                command = Some(c);
            }
            if let Some(c) = today::today_list(ui, &figures.today) {
                command = Some(c);
            }
            if let Some(status) = &data.status {
                section(ui, "Key figures");
                tiles::key_figures(ui, status, figures);
            }
            section(ui, "Requests answered on time, per month");
            on_time_chart::on_time_chart(ui, &figures.on_time);
        } else {
            section(ui, "What needs me today");
            hint(ui, "Counting…");
        }

        section(ui, "Organisation");
        Grid::new("dashboard-org")
            .num_columns(2)
            .spacing([24.0, 6.0])
            .show(ui, |ui| {
                ui.label("Name");
                ui.label(&data.profile.name);
                ui.end_row();
                ui.label("Laws that apply");
                let regimes: Vec<&str> = data.profile.regimes.iter().map(|r| r.label()).collect();
                ui.label(if regimes.is_empty() {
                    "None chosen yet".to_owned()
                } else {
                    regimes.join(", ")
                });
                ui.end_row();
                ui.label("Data protection officer");
                ui.label(if data.profile.dpo.is_empty() {
                    "None appointed"
                } else {
                    data.profile.dpo.name.as_str()
                });
                ui.end_row();
            });

        section(ui, "Security measures, training and breaches");
        match &data.status {
            Some(status) => {
                let now = chrono::Utc::now();
                if let Some(c) =
                    crate::gui::areas::security_dashboard(ui, &status.security, me.role, now)
                {
                    command = Some(c);
                }
            }
            None => hint(ui, "Counting…"),
        }

        section(ui, "Data-subject requests");
        match &data.status {
            Some(status) => {
                if let Some(c) = requests_block(ui, status) {
                    command = Some(c);
                }
            }
            None => hint(ui, "Counting…"),
        }

        section(ui, "Retention and legal holds");
        match &data.status {
            Some(status) => {
                if let Some(c) = retention_block(ui, status) {
                    command = Some(c);
                }
            }
            None => hint(ui, "Counting…"),
        }

        section(ui, "Assessments and their action plans");
        match &data.status {
            Some(status) => {
                if let Some(c) = assessments_block(ui, &status.assessments) {
                    command = Some(c);
                }
            }
            None => hint(ui, "Counting…"),
        }

        section(ui, "Vendor reviews due");
        match &data.status {
            Some(status) => {
                if let Some(c) =
                    crate::gui::areas::vendors::reviews_due_block(ui, &status.vendor_reviews_due)
                {
                    command = Some(c);
                }
            }
            None => hint(ui, "Counting…"),
        }

        if me.role.can(Permission::ViewPersonalData) {
            section(ui, "Consent to review");
            match review_count {
                None => hint(ui, "Counting…"),
                Some(0) => {
                    ui.label("Nothing to review: every consent is recent, current and proven.");
                }
                Some(n) => {
                    ui.horizontal(|ui| {
                        ui.label(format!(
                            "{n} consents need review (stale, outdated notice, no evidence, or processed without any consent on record)."
                        ));
                        if ui.button("Open the review queue").clicked() {
                            command = Some(Command::OpenReview);
                        }
                    });
                }
            }
            section(ui, "Consent per purpose");
            match &data.status {
                Some(status) => consent_chart::consent_chart(ui, &status.consent),
                None => hint(ui, "Counting…"),
            }
            section(ui, "Consent per purpose over time");
            match &data.figures {
                Some(figures) => consent_timeline::consent_timeline(ui, &figures.consent),
                None => hint(ui, "Counting…"),
            }
        }

        section(ui, "Audit trail");
        let may_verify = me.role.can(Permission::ViewAuditLog);
        match verify {
            None if !may_verify => {
                hint(ui, &Permission::ViewAuditLog.why_not(me.role));
            }
            None => {
                ui.horizontal(|ui| {
                    ui.label("Not checked since you unlocked.");
                    if ui.button("Verify now").clicked() {
                        command = Some(Command::VerifyAudit);
                    }
                });
            }
            Some(report) => {
                match &report.first_break {
                    None => {
                        ui.label(
                            RichText::new(format!(
                                "Intact: all {} entries verified.",
                                report.checked
                            ))
                            .color(ui.visuals().hyperlink_color),
                        );
                    }
                    Some(brk) => {
                        ui.colored_label(
                            ui.visuals().error_fg_color,
                            format!("Broken at entry {}: {brk}. Restore the store from a backup and keep this copy for investigation.", brk.first_bad_seq()),
                        );
                    }
                }
                crate::gui::areas::row_integrity::changed_rows(ui, report);
            }
        }

        if let Some(c) = evidence_block(ui, me, &mut self.evidence_year) {
            command = Some(c);
        }

        section(ui, "Store");
        let Some(s) = &data.status else {
            hint(ui, "Counting…");
            return command;
        };
        Grid::new("dashboard-store")
            .num_columns(2)
            .spacing([24.0, 6.0])
            .show(ui, |ui| {
                ui.label("File");
                ui.label(&s.path);
                ui.end_row();
                ui.label("Format");
                ui.label(format!("version {}", s.schema_version));
                ui.end_row();
                ui.label("Size");
                ui.label(size(s.file_bytes));
                ui.end_row();
                ui.label("Created");
                ui.label(when(&s.created_at));
                ui.end_row();
                ui.label("Data subjects");
                ui.label(s.counts.subjects.to_string());
                ui.end_row();
                ui.label("Audit entries");
                ui.label(s.counts.audit_entries.to_string());
                ui.end_row();
                ui.label("Users");
                ui.label(s.counts.users.to_string());
                ui.end_row();
                ui.label("Auto-lock");
                ui.label(format!("after {} minutes idle", data.auto_lock_minutes));
                ui.end_row();
            });
        ui.add_space(8.0);
        hint(
            ui,
            "Personal data in the store is encrypted field by field with a key only your passphrase or recovery code can unlock.",
        );
        command
    }
}
