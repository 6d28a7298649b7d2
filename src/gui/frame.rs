//! Drawing one frame: the navigation, the job bar, the notice and the area showing (or the
//! screen before unlocking). Returns what the officer asked for; the app applies it after.

use egui::Ui;

use super::app::{PrivacyDeskApp, Screen};
use super::command::Command;
use super::jobs::{
    AccessExport, ApplySweep, Backup, BuildSearchIndex, CheckK, ExpireStale, FindPseudonym,
    ImportConsent, ListSubjects, MinimisationReview, PreviewSweep, RotateKey, WritePseudonymised,
    WriteSuppression,
};
use super::views::{Area, PseudonymRunning, RotationState, nav_panel};

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
                    let busy = jobs.in_bar().next().is_some();
                    let command = match main.area {
                        Area::Dashboard => match &main.dashboard_data {
                            Some(data) => {
                                egui::ScrollArea::vertical()
                                    .show(ui, |ui| {
                                        main.dashboard.ui(
                                            ui,
                                            data,
                                            main.verify.as_ref(),
                                            &main.me,
                                            main.users.as_deref(),
                                            main.review_count,
                                        )
                                    })
                                    .inner
                            }
                            None => None,
                        },
                        Area::Subjects => {
                            use super::views::SubjectsTab;
                            let mut tab = None;
                            ui.horizontal(|ui| {
                                for (t, label) in [
                                    (SubjectsTab::People, "People"),
                                    (SubjectsTab::Purposes, "Purposes & notices"),
                                    (SubjectsTab::Review, "Review queue"),
                                    (SubjectsTab::Import, "Import"),
                                    (SubjectsTab::Pseudonymised, "Pseudonymised export"),
                                ] {
                                    if t == SubjectsTab::Import
                                        && !main
                                            .me
                                            .role
                                            .can(crate::domain::access::Permission::RecordConsent)
                                    {
                                        continue;
                                    }
                                    if ui.selectable_label(main.tab == t, label).clicked() {
                                        tab = Some(t);
                                    }
                                }
                            });
                            ui.separator();
                            let role = main.me.role;
                            let command = match main.tab {
                                SubjectsTab::Purposes => {
                                    main.purposes
                                        .ui(ui, role, jobs.progress::<WriteSuppression>())
                                }
                                SubjectsTab::Review => main.review.ui(
                                    ui,
                                    role.can(crate::domain::access::Permission::RecordConsent),
                                    role.can(crate::domain::access::Permission::ExportPersonalData),
                                    jobs.progress::<ExpireStale>(),
                                ),
                                SubjectsTab::Import
                                    if role
                                        .can(crate::domain::access::Permission::RecordConsent) =>
                                {
                                    main.import.ui(
                                        ui,
                                        main.purposes.rows(),
                                        jobs.progress::<ImportConsent>(),
                                    )
                                }
                                SubjectsTab::Import => None,
                                SubjectsTab::Pseudonymised => main.pseudonymised.ui(
                                    ui,
                                    role,
                                    main.purposes.rows(),
                                    PseudonymRunning {
                                        check: jobs.progress::<CheckK>(),
                                        export: jobs.progress::<WritePseudonymised>(),
                                        lookup: jobs.progress::<FindPseudonym>(),
                                    },
                                ),
                                SubjectsTab::People => match &mut main.subject_page {
                                    Some(page) => page.ui(ui, role),
                                    None => main.subjects.ui(
                                        ui,
                                        role.can(crate::domain::access::Permission::RecordSubjects),
                                        jobs.progress::<BuildSearchIndex>().map(|p| p.counts()),
                                        main.purposes.rows(),
                                        jobs.progress::<ListSubjects>(),
                                    ),
                                },
                            };
                            tab.map(Command::SubjectsTab).or(command)
                        }
                        Area::Requests => {
                            let regimes: Vec<crate::domain::organisation::Regime> = main
                                .dashboard_data
                                .as_ref()
                                .map(|d| d.profile.regimes.iter().copied().collect())
                                .unwrap_or_default();
                            main.requests.ui(
                                ui,
                                main.me.role,
                                &regimes,
                                jobs.progress::<AccessExport>(),
                            )
                        }
                        Area::Retention => main.retention.ui(
                            ui,
                            main.me.role,
                            jobs.progress::<PreviewSweep>(),
                            jobs.progress::<ApplySweep>(),
                        ),
                        Area::Assessments => main.assessments.ui(
                            ui,
                            main.me
                                .role
                                .can(crate::domain::access::Permission::EditAssessments),
                        ),
                        Area::Records => {
                            let command = main.records.ui(ui, main.me.role);
                            if main.records.tab() == super::views::RecordsTab::Minimisation {
                                let running = jobs.progress::<MinimisationReview>();
                                command.or(main.minimisation.ui(ui, running))
                            } else {
                                command
                            }
                        }
                        Area::Security => main.security.ui(ui, main.me.role, chrono::Utc::now()),
                        Area::Vendors => main.vendors.ui(ui, main.me.role, super::views::today()),
                        Area::AuditLog => main.audit.ui(ui, main.verify.as_ref(), busy),
                        Area::Settings => match &mut main.settings {
                            Some(view) => {
                                let running = jobs.label::<Backup>();
                                let rotation = match jobs.progress::<RotateKey>() {
                                    Some(progress) => RotationState::Running(progress),
                                    None if jobs.is_busy() => RotationState::Busy(
                                        jobs.in_bar().next().map(|(label, _)| label),
                                    ),
                                    None => RotationState::Idle,
                                };
                                view.ui(
                                    ui,
                                    self.prefs.theme,
                                    &main.me,
                                    main.users.as_deref(),
                                    running,
                                    rotation,
                                )
                            }
                            None => None,
                        },
                    };
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
