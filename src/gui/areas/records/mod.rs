//! Records of processing: the record of processing activities (GDPR Art. 30(1)), the data
//! inventory of systems, and the taxonomy of data categories they use; exporting the register
//! (CSV, PDF, JSON) and importing a JSON export. Every role sees the area; editing needs
//! [`Permission::EditVendorsAndRecords`] and exporting [`Permission::ExportReports`], and the
//! buttons say why when they are disabled.

pub(in crate::gui) mod activities;
pub(in crate::gui) mod activity_form;
pub(in crate::gui) mod apply;
pub(in crate::gui) mod apply_minimisation;
pub(in crate::gui) mod area;
pub(in crate::gui) mod categories;
pub(in crate::gui) mod command;
pub(in crate::gui) mod minimisation;
pub(in crate::gui) mod minimisation_command;
pub(in crate::gui) mod pickers;
pub(in crate::gui) mod register;
pub(in crate::gui) mod system_form;
pub(in crate::gui) mod systems;

use std::path::PathBuf;

use egui::Ui;

use crate::domain::access::{Permission, Role};
use crate::domain::purpose::PurposeCode;
use crate::domain::records::{Activity, DataSystem, RecordCode, Taxonomy};
use crate::gui::Command;
use crate::gui::areas::records::command::RecordsCommand;
use crate::gui::view_data::{Fresh, ViewData};
use crate::gui::widgets::hint;
use crate::services::{ServiceResult, Session};

use crate::gui::areas::records::activities::ActivitiesTab;
use crate::gui::areas::records::categories::CategoriesTab;
use crate::gui::areas::records::systems::SystemsTab;

/// The tabs of the Records of processing area.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RecordsTab {
    /// The record of processing activities.
    #[default]
    Activities,
    /// The data inventory.
    Systems,
    /// The taxonomy of data categories.
    Categories,
    /// The data-minimisation review (drawn by `MinimisationView`).
    Minimisation,
}

impl RecordsTab {
    /// Every tab, in the order shown.
    pub const ALL: [RecordsTab; 4] = [
        Self::Activities,
        Self::Systems,
        Self::Categories,
        Self::Minimisation,
    ];

    /// Its name on the tab bar.
    pub fn label(self) -> &'static str {
        match self {
            Self::Activities => "Activities",
            Self::Systems => "Systems",
            Self::Categories => "Data categories",
            Self::Minimisation => "Minimisation review",
        }
    }
}

/// What the area shows, built by [`records_data`].
#[derive(Debug, Default)]
pub struct RecordsData {
    /// The processing activities, in the officer's order.
    pub activities: Vec<Activity>,
    /// The systems of the inventory, in the officer's order.
    pub systems: Vec<DataSystem>,
    /// The taxonomy of data categories.
    pub taxonomy: Taxonomy,
    /// The purpose catalogue: (code, "name · legal basis").
    pub purposes: Vec<(PurposeCode, String)>,
    /// The retention rules: (code, name).
    pub rules: Vec<(String, String)>,
    /// The vendor register: (code, name).
    pub vendors: Vec<(RecordCode, String)>,
    /// The security register: (code, name).
    pub measures: Vec<(RecordCode, String)>,
}

/// Everything the area shows.
pub fn records_data(session: &Session) -> ServiceResult<RecordsData> {
    Ok(RecordsData {
        activities: session.records().activities()?,
        systems: session.records().data_systems()?,
        taxonomy: session.records().data_taxonomy()?,
        purposes: session
            .consent()
            .purposes()?
            .into_iter()
            .map(|row| {
                let words = format!("{} · {}", row.purpose.name, row.purpose.legal_basis.label());
                (row.purpose.code, words)
            })
            .collect(),
        rules: session
            .retention()
            .retention_rules()?
            .into_iter()
            .map(|r| (r.code, r.name))
            .collect(),
        vendors: session.records().vendor_choices()?,
        measures: session.records().security_measure_choices()?,
    })
}

/// The area's state.
#[derive(Debug, Default)]
pub struct RecordsView {
    /// The tab showing.
    pub tab: RecordsTab,
    data: ViewData<RecordsData>,
    activities: ActivitiesTab,
    systems: SystemsTab,
    categories: CategoriesTab,
    importing: Option<PathBuf>,
}

/// A button enabled when `may`; when not, its hover says why.
pub(in crate::gui) fn gated(ui: &mut Ui, may: bool, text: &str, why_not: &str) -> bool {
    ui.add_enabled(may, egui::Button::new(text))
        .on_disabled_hover_text(why_not)
        .clicked()
}

impl RecordsView {
    /// Builds the registers when the store changed since they were read.
    pub fn prepare(&mut self, fresh: &Fresh<'_>) -> ServiceResult<()> {
        self.data
            .refresh(fresh.generation, (), |()| records_data(fresh.session))
    }

    /// A record was saved or removed: closes the editors (the registers are built again, the
    /// store having changed).
    pub fn changed(&mut self) {
        self.activities.close();
        self.systems.close();
        self.categories.close();
    }

    /// Shows the service's problem in the editor open on the current tab; returns false when
    /// none is open (the app then shows it as a notice).
    pub fn problem(&mut self, problem: String) -> bool {
        match self.tab {
            RecordsTab::Activities => self.activities.problem(problem),
            RecordsTab::Systems => self.systems.problem(problem),
            RecordsTab::Categories => self.categories.problem(problem),
            RecordsTab::Minimisation => false,
        }
    }

    /// The tab shown.
    pub fn tab(&self) -> RecordsTab {
        self.tab
    }

    /// Opens the editor on an activity (e.g. from a finding of the minimisation review).
    pub fn open_activity(&mut self, code: &str) {
        self.tab = RecordsTab::Activities;
        self.activities.open(code);
    }

    /// Opens the editor on a system (e.g. from a finding of the minimisation review).
    pub fn open_system(&mut self, code: &str) {
        self.tab = RecordsTab::Systems;
        self.systems.open(code);
    }

    /// Draws the area.
    pub fn ui(&mut self, ui: &mut Ui, role: Role) -> Option<Command> {
        ui.heading("Records of processing");
        if self.data.get().is_none() {
            hint(ui, "Loading…");
            return None;
        }
        hint(
            ui,
            "What the business does with personal data (GDPR Art. 30), where the data lives, and the categories of data both use. The register can be given to a supervisory authority on request.",
        );
        let command = self.toolbar(ui, role);
        ui.horizontal(|ui| {
            for tab in RecordsTab::ALL {
                if ui.selectable_label(self.tab == tab, tab.label()).clicked() {
                    self.tab = tab;
                }
            }
        });
        ui.separator();
        if self.tab == RecordsTab::Minimisation {
            // The app draws the review below (it runs on a worker thread).
            return command;
        }
        let may_edit = role.can(Permission::EditVendorsAndRecords);
        let why_not = Permission::EditVendorsAndRecords.why_not(role);
        if !may_edit {
            hint(ui, &why_not);
        }
        let Self {
            tab,
            data,
            activities,
            systems,
            categories,
            ..
        } = self;
        let data = data.get()?;
        let inner = egui::ScrollArea::vertical()
            .id_salt(("records", *tab as u8))
            .auto_shrink([false, false])
            .show(ui, |ui| match tab {
                RecordsTab::Activities => activities.ui(ui, data, may_edit, &why_not),
                RecordsTab::Systems => systems.ui(ui, data, may_edit, &why_not),
                RecordsTab::Categories => categories.ui(ui, data, may_edit, &why_not),
                RecordsTab::Minimisation => None,
            })
            .inner;
        command.or(inner)
    }

    /// Export…, Import… and the import's confirmation.
    fn toolbar(&mut self, ui: &mut Ui, role: Role) -> Option<Command> {
        let mut command = None;
        let may_edit = role.can(Permission::EditVendorsAndRecords);
        ui.horizontal(|ui| {
            if let Some(path) = crate::gui::file_dialog::FileDialog::new()
                .add_filter("PDF report", &["pdf"])
                .add_filter("CSV (one row per activity)", &["csv"])
                .add_filter("JSON (re-imports)", &["json"])
                .set_file_name("record-of-processing.pdf")
                .save_file(
                    gated(
                        ui,
                        role.can(Permission::ExportReports),
                        "Export…",
                        &Permission::ExportReports.why_not(role),
                    ),
                    ui,
                )
            {
                command = Some(Command::Records(RecordsCommand::Export(path)));
            }
            if let Some(path) = crate::gui::file_dialog::FileDialog::new()
                .add_filter("Record of processing (JSON)", &["json"])
                .pick_file(
                    gated(
                        ui,
                        may_edit,
                        "Import…",
                        &Permission::EditVendorsAndRecords.why_not(role),
                    ),
                    ui,
                )
            {
                self.importing = Some(path);
            }
        });
        if let Some(path) = self.importing.clone() {
            let mut keep = false;
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.label(format!(
                    "Import {}? Its data categories, activities and systems replace the ones recorded here. Nothing changes if the file has a problem.",
                    path.display()
                ));
                ui.horizontal(|ui| {
                    if ui.button("Import and replace").clicked() {
                        command = Some(Command::Records(RecordsCommand::Import(path.clone())));
                    }
                    keep = ui.button("Do not import").clicked();
                });
            });
            if keep || command.is_some() {
                self.importing = None;
            }
        }
        command
    }
}
