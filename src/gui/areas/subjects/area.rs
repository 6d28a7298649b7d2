//! Subjects & consent as an area: its tabs (people, purposes, review queue, import,
//! pseudonymised export), what each needs before drawing, and its commands.

use egui::Ui;

use crate::domain::access::Permission;
use crate::gui::Command;
use crate::gui::app::{MainScreen, PrivacyDeskApp};
use crate::gui::areas::SubjectsTab;
use crate::gui::areas::area::{AreaView, DrawContext};
use crate::gui::jobs::{
    BuildSearchIndex, CheckK, ExpireStale, FindPseudonym, ImportConsent, ListSubjects,
    WritePseudonymised, WriteSuppression,
};
use crate::gui::view_data::Fresh;
use crate::services::ServiceResult;

use super::pseudonymised::PseudonymRunning;

/// Subjects & consent.
pub(in crate::gui) struct SubjectsArea;

impl AreaView for SubjectsArea {
    fn title(&self) -> &'static str {
        "Subjects & consent"
    }

    fn permission(&self) -> Option<Permission> {
        Some(Permission::ViewPersonalData)
    }

    fn prepare(&self, main: &mut MainScreen, fresh: &Fresh<'_>) -> ServiceResult<()> {
        let purposes = main.purposes.prepare(fresh);
        let tab = match main.tab {
            SubjectsTab::People => {
                // An open page follows the store; it closes when the person is gone.
                let page = match main.subject_page.as_mut() {
                    Some(page) => page.prepare(fresh).map(|shown| {
                        if !shown {
                            main.subject_page = None;
                        }
                    }),
                    None => Ok(()),
                };
                match main.subject_page {
                    Some(_) => page,
                    None => page.and(main.subjects.prepare(fresh)),
                }
            }
            SubjectsTab::Pseudonymised => main.pseudonymised.prepare(fresh),
            _ => Ok(()),
        };
        purposes.and(tab)
    }

    fn draw(&self, main: &mut MainScreen, ui: &mut Ui, cx: &DrawContext<'_>) -> Option<Command> {
        let jobs = cx.jobs;
        let mut tab = None;
        ui.horizontal(|ui| {
            for (t, label) in [
                (SubjectsTab::People, "People"),
                (SubjectsTab::Purposes, "Purposes & notices"),
                (SubjectsTab::Review, "Review queue"),
                (SubjectsTab::Import, "Import"),
                (SubjectsTab::Pseudonymised, "Pseudonymised export"),
            ] {
                if t == SubjectsTab::Import && !main.me.role.can(Permission::RecordConsent) {
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
                role.can(Permission::RecordConsent),
                role.can(Permission::ExportPersonalData),
                jobs.progress::<ExpireStale>(),
            ),
            SubjectsTab::Import if role.can(Permission::RecordConsent) => {
                main.import
                    .ui(ui, main.purposes.rows(), jobs.progress::<ImportConsent>())
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
                    role.can(Permission::RecordSubjects),
                    jobs.progress::<BuildSearchIndex>().map(|p| p.counts()),
                    main.purposes.rows(),
                    jobs.progress::<ListSubjects>(),
                ),
            },
        };
        tab.map(Command::SubjectsTab).or(command)
    }

    fn apply(&self, app: &mut PrivacyDeskApp, command: Command) {
        match command {
            Command::Consent(command) => app.apply_consent(command),
            Command::Pseudonymise(command) => app.apply_pseudonymise(command),
            other => app.apply_register(other),
        }
    }
}
