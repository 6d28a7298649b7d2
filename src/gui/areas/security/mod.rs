//! Security: the register of security measures, staff training, and the incident log of
//! personal data breaches with its 72-hour clock (GDPR Art. 32, 33, 34). Every role sees the
//! measures and the training; the incident log needs the right to view reports. Editing is
//! disabled, with the reason, for roles that may not. Also the Dashboard's Security section.

pub(in crate::gui) mod apply;
pub(in crate::gui) mod area;
pub(in crate::gui) mod command;
pub(in crate::gui) mod incident_form;
pub(in crate::gui) mod incident_people;
pub(in crate::gui) mod incidents;
pub(in crate::gui) mod measures;
pub(in crate::gui) mod register;
pub(in crate::gui) mod training;

use chrono::{DateTime, NaiveDate, Utc};
use egui::{RichText, Ui};

use crate::domain::access::{Permission, Role};
use crate::domain::records::incident::time_left_words;
use crate::domain::records::security::DUE_WITHIN_DAYS;
use crate::gui::Command;
use crate::gui::areas::security::command::SecurityCommand;
use crate::gui::view_data::Fresh;
use crate::gui::widgets::hint;
use crate::services::{SecurityStatus, ServiceResult};

use crate::gui::areas::security::incidents::IncidentsTab;
use crate::gui::areas::security::measures::MeasuresTab;
use crate::gui::areas::security::training::TrainingTab;

/// A time as the Security screens show it: "2026-03-09 17:30 UTC".
pub(in crate::gui) fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// A date field's text as an optional date; the error names the field.
pub(in crate::gui) fn optional_day(field: &str, text: &str) -> Result<Option<NaiveDate>, String> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        crate::gui::areas::request_widgets::parse_date(field, text).map(Some)
    }
}

/// A short line of text in the theme's error colour, bold: a deadline that needs action.
pub(in crate::gui) fn alarm(ui: &mut Ui, text: impl Into<String>) {
    let colour = ui.visuals().error_fg_color;
    ui.label(RichText::new(text).color(colour).strong());
}

/// Whether `role` may read the incident log (it can name people).
pub(in crate::gui) fn may_view_incidents(role: Role) -> bool {
    role.can(Permission::ViewPersonalData) && role.can(Permission::ViewReports)
}

/// The tabs of the Security area.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SecurityTab {
    /// The measures register.
    #[default]
    Measures,
    /// Staff training.
    Training,
    /// The incident log.
    Incidents,
}

/// The Security area's state.
#[derive(Debug, Default)]
pub struct SecurityView {
    /// The tab showing.
    pub tab: SecurityTab,
    /// The Measures tab.
    pub measures: MeasuresTab,
    /// The Training tab.
    pub training: TrainingTab,
    /// The Incident log tab.
    pub incidents: IncidentsTab,
}

impl SecurityView {
    /// Builds what the tab showing lists when the store changed since it was read.
    pub fn prepare(&mut self, fresh: &Fresh<'_>) -> ServiceResult<()> {
        match self.tab {
            SecurityTab::Measures => self.measures.prepare(fresh),
            SecurityTab::Training => self.training.prepare(fresh),
            SecurityTab::Incidents if may_view_incidents(fresh.session.user().role) => {
                self.incidents.prepare(fresh)
            }
            SecurityTab::Incidents => Ok(()),
        }
    }

    /// Draws the area as of `now`.
    pub fn ui(&mut self, ui: &mut Ui, role: Role, now: DateTime<Utc>) -> Option<Command> {
        ui.heading("Security: measures, training and incidents");
        ui.horizontal(|ui| {
            for (tab, label) in [
                (SecurityTab::Measures, "Measures"),
                (SecurityTab::Training, "Staff training"),
                (SecurityTab::Incidents, "Incident log"),
            ] {
                if ui.selectable_label(self.tab == tab, label).clicked() {
                    self.tab = tab;
                }
            }
        });
        ui.separator();
        egui::ScrollArea::vertical()
            .id_salt(("security", self.tab as u8))
            .auto_shrink([false, false])
            .show(ui, |ui| match self.tab {
                SecurityTab::Measures => self.measures.ui(ui, role),
                SecurityTab::Training => self.training.ui(ui, role),
                SecurityTab::Incidents if may_view_incidents(role) => {
                    self.incidents.ui(ui, role, now)
                }
                SecurityTab::Incidents => {
                    hint(ui, &Permission::ViewReports.why_not(role));
                    None
                }
            })
            .inner
    }
}

/// The Dashboard's Security section: incidents whose 72-hour clock runs or ran out (in red),
/// high-risk breaches whose people were not told, measures to review and trainings to renew.
pub fn security_dashboard(
    ui: &mut Ui,
    s: &SecurityStatus,
    role: Role,
    now: DateTime<Utc>,
) -> Option<Command> {
    let mut command = None;
    let open = |tab| Command::Security(SecurityCommand::Open(tab));
    for clock in &s.notification_clocks {
        ui.horizontal_wrapped(|ui| {
            let left = time_left_words(clock.deadline, now);
            if clock.overdue {
                alarm(
                    ui,
                    format!(
                        "{}: the 72-hour deadline to notify the supervisory authority passed at {} ({left}). Notify now and give the reasons for the delay, or record that the breach is unlikely to result in a risk.",
                        clock.reference,
                        utc(clock.deadline)
                    ),
                );
            } else {
                alarm(
                    ui,
                    format!(
                        "{}: notify the supervisory authority by {} ({left}), unless the breach is unlikely to result in a risk.",
                        clock.reference,
                        utc(clock.deadline)
                    ),
                );
            }
            if may_view_incidents(role) && ui.button(format!("Open {}", clock.reference)).clicked()
            {
                command = Some(Command::Security(SecurityCommand::OpenIncident(clock.id)));
            }
        });
    }
    if s.incidents_people_to_tell > 0 {
        alarm(
            ui,
            format!(
                "{} high-risk breach{}: the people concerned have not been told yet (GDPR Art. 34).",
                s.incidents_people_to_tell,
                if s.incidents_people_to_tell == 1 {
                    ""
                } else {
                    "es"
                }
            ),
        );
    }
    let list = |items: Vec<String>| items.join(", ");
    if !s.measures_to_review.is_empty() {
        ui.label(format!(
            "Measures to review within {DUE_WITHIN_DAYS} days: {}.",
            list(
                s.measures_to_review
                    .iter()
                    .map(|m| format!("{} ({})", m.name, m.review_on))
                    .collect()
            )
        ));
    }
    if !s.trainings_to_renew.is_empty() {
        ui.label(format!(
            "Trainings to renew within {DUE_WITHIN_DAYS} days: {}.",
            list(
                s.trainings_to_renew
                    .iter()
                    .map(|t| format!("{} ({})", t.topic, t.renew_on))
                    .collect()
            )
        ));
    }
    ui.horizontal_wrapped(|ui| {
        if s.notification_clocks.is_empty()
            && s.measures_to_review.is_empty()
            && s.trainings_to_renew.is_empty()
            && s.incidents_people_to_tell == 0
        {
            ui.label(format!(
                "Nothing due: no review or renewal in the next {DUE_WITHIN_DAYS} days and no breach waiting for a notification decision."
            ));
        }
        ui.label(match s.incidents_open {
            1 => "1 incident open.".to_owned(),
            n => format!("{n} incidents open."),
        });
        if ui.button("Open Security").clicked() {
            command = Some(open(SecurityTab::Measures));
        }
    });
    command
}
