//! Records → Activities: the record of processing activities as a table (name, purposes, data
//! categories, vendors), the order, adding, editing and removing an activity.

use egui::Ui;

use crate::domain::records::{Activity, RecordCode};
use crate::gui::Command;
use crate::gui::areas::records::command::RecordsCommand;

use crate::gui::areas::records::RecordsData;
use crate::gui::areas::records::activity_form::{ActivityForm, FormAction};
use crate::gui::areas::records::register::{RecordForm, RecordsRegister};
use crate::gui::areas::register_table::TableLook;
use crate::gui::widgets::cell;

/// The Activities tab's state.
pub type ActivitiesTab = RecordsRegister<ActivityForm>;

/// Names for codes, comma-separated (the code where `name` has none).
fn named<T: std::fmt::Display>(codes: &[T], name: impl Fn(&T) -> Option<String>) -> String {
    codes
        .iter()
        .map(|c| name(c).unwrap_or_else(|| c.to_string()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The name of `code` in a list of (code, name) choices.
fn choice<T: PartialEq>(choices: &[(T, String)]) -> impl Fn(&T) -> Option<String> {
    |c| choices.iter().find(|(k, _)| k == c).map(|(_, n)| n.clone())
}

impl RecordForm for ActivityForm {
    type Record = Activity;
    const HINT: &'static str = "One entry per processing activity, with what Art. 30(1)(a)–(g) asks for. The controller and DPO come from the organisation profile (Settings).";
    const NEW: &'static str = "New activity…";
    const NONE_YET: &'static str = "No processing activities recorded yet. Start with what you do most: sending the newsletter, selling in the shop, paying staff.";
    const TABLE: TableLook = TableLook {
        id: "records-activities",
        columns: &["Activity", "Purposes", "Personal data", "Vendors", ""],
        max_col_width: 200.0,
    };
    const REMOVE: &'static str = "Remove the activity";

    fn records(data: &RecordsData) -> &[Activity] {
        &data.activities
    }

    fn code_of(record: &Activity) -> &RecordCode {
        &record.code
    }

    fn name_of(record: &Activity) -> &str {
        &record.name
    }

    fn blank() -> Self {
        Self::new_activity()
    }

    fn open_on(record: &Activity) -> Self {
        Self::edit(record)
    }

    fn editing(&self) -> bool {
        self.code().is_some()
    }

    fn show_problem(&mut self, problem: String) {
        self.set_problem(problem);
    }

    fn draw(&mut self, ui: &mut Ui, data: &RecordsData) -> Option<FormAction<Activity>> {
        self.ui(ui, data)
    }

    fn cells(ui: &mut Ui, data: &RecordsData, a: &Activity) {
        let categories = data.taxonomy.categories();
        cell(ui, &a.name);
        cell(ui, named(&a.purposes, choice(&data.purposes)));
        cell(
            ui,
            named(&a.data_categories, |c| {
                categories
                    .iter()
                    .find(|k| &k.code == c)
                    .map(|k| k.name.clone())
            }),
        );
        cell(ui, named(&a.vendors, choice(&data.vendors)));
    }

    fn question(name: &str) -> String {
        format!(
            "Remove the activity “{name}” from the record of processing? Systems that serve it must be changed first."
        )
    }

    fn save(activity: Activity, new: bool) -> Command {
        Command::Records(RecordsCommand::SaveActivity {
            activity: Box::new(activity),
            new,
        })
    }

    fn moved(code: RecordCode, up: bool) -> Command {
        Command::Records(RecordsCommand::MoveActivity { code, up })
    }

    fn remove(code: RecordCode) -> Command {
        Command::Records(RecordsCommand::RemoveActivity(code))
    }
}
