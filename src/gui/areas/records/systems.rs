//! Records → Systems: the data inventory as a table (system, kind, location, who runs it, data
//! categories, activities, how long it keeps data), the order, adding, editing and removing.

use egui::Ui;

use crate::domain::records::{DataSystem, RecordCode};
use crate::gui::Command;
use crate::gui::areas::records::command::RecordsCommand;

use crate::gui::areas::records::RecordsData;
use crate::gui::areas::records::activity_form::FormAction;
use crate::gui::areas::records::register::{RecordForm, RecordsRegister};
use crate::gui::areas::records::system_form::SystemForm;
use crate::gui::areas::register_table::TableLook;
use crate::gui::widgets::cell;

/// The Systems tab's state.
pub type SystemsTab = RecordsRegister<SystemForm>;

impl RecordForm for SystemForm {
    type Record = DataSystem;
    const HINT: &'static str = "Where personal data lives: the email platform, the shop, the CRM, spreadsheets, paper files. Which categories each holds, for which activities, and where it is.";
    const NEW: &'static str = "New system…";
    const NONE_YET: &'static str = "No systems in the inventory yet.";
    const TABLE: TableLook = TableLook {
        id: "records-systems",
        columns: &[
            "System",
            "Kind",
            "Location",
            "Personal data",
            "Activities",
            "Kept for",
            "",
        ],
        max_col_width: 170.0,
    };
    const REMOVE: &'static str = "Remove the system";

    fn records(data: &RecordsData) -> &[DataSystem] {
        &data.systems
    }

    fn code_of(record: &DataSystem) -> &RecordCode {
        &record.code
    }

    fn name_of(record: &DataSystem) -> &str {
        &record.name
    }

    fn blank() -> Self {
        Self::new_system()
    }

    fn open_on(record: &DataSystem) -> Self {
        Self::edit(record)
    }

    fn editing(&self) -> bool {
        self.code().is_some()
    }

    fn show_problem(&mut self, problem: String) {
        self.set_problem(problem);
    }

    fn draw(&mut self, ui: &mut Ui, data: &RecordsData) -> Option<FormAction<DataSystem>> {
        self.ui(ui, data)
    }

    fn cells(ui: &mut Ui, data: &RecordsData, s: &DataSystem) {
        cell(ui, &s.name);
        cell(ui, s.kind.label());
        cell(ui, &s.location);
        let categories: Vec<String> = s
            .data_categories
            .iter()
            .map(|c| data.taxonomy.name_of(c))
            .collect();
        cell(ui, categories.join(", "));
        let activities: Vec<String> = s
            .activities
            .iter()
            .map(|c| {
                data.activities
                    .iter()
                    .find(|a| &a.code == c)
                    .map_or_else(|| c.to_string(), |a| a.name.clone())
            })
            .collect();
        cell(ui, activities.join(", "));
        cell(
            ui,
            s.keeps_for
                .map_or_else(|| "not limited".to_owned(), |p| p.to_string()),
        );
    }

    fn question(name: &str) -> String {
        format!("Remove the system “{name}” from the data inventory?")
    }

    fn save(system: DataSystem, new: bool) -> Command {
        Command::Records(RecordsCommand::SaveSystem {
            system: Box::new(system),
            new,
        })
    }

    fn moved(code: RecordCode, up: bool) -> Command {
        Command::Records(RecordsCommand::MoveSystem { code, up })
    }

    fn remove(code: RecordCode) -> Command {
        Command::Records(RecordsCommand::RemoveSystem(code))
    }
}
