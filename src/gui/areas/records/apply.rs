//! Applying the Records of processing commands: reading the registers, saving and removing
//! activities, systems and data categories, their order, the export and the import. A
//! problem with a record being edited is shown under its editor; others in the notice.

use std::path::Path;

use crate::domain::records::RecordCode;
use crate::services::{RopaFormat, ServiceError, ServiceResult, Session};

use crate::gui::app::{PrivacyDeskApp, Screen};
use crate::gui::areas::records::command::RecordsCommand;
use crate::gui::areas::today;
use crate::gui::widgets::Notice;

/// The codes in a new order with `code` moved one place up or down; none at either end.
fn moved(codes: &[RecordCode], code: &RecordCode, up: bool) -> Option<Vec<RecordCode>> {
    let i = codes.iter().position(|c| c == code)?;
    let j = if up { i.checked_sub(1)? } else { i + 1 };
    if j >= codes.len() {
        return None;
    }
    let mut out = codes.to_vec();
    out.swap(i, j);
    Some(out)
}

/// The format an export file's extension asks for.
fn format_of(path: &Path) -> ServiceResult<RopaFormat> {
    path.extension()
        .and_then(|e| e.to_str())
        .and_then(RopaFormat::from_code)
        .ok_or_else(|| {
            ServiceError::invalid(
                "Export file",
                format!(
                    "{} must end in .pdf, .csv or .json, which decides the format.",
                    path.display()
                ),
            )
        })
}

impl PrivacyDeskApp {
    /// Applies one command of the Records of processing area.
    pub(in crate::gui) fn apply_records(&mut self, command: RecordsCommand) {
        match command {
            RecordsCommand::Tab(tab) => {
                if let Screen::Main(main) = &mut self.screen {
                    main.records.tab = tab;
                }
            }
            RecordsCommand::SaveActivity { activity, new } => self.change_records(
                true,
                |s| s.records().save_activity(&activity, new).map(|a| a.name),
                |name| format!("The activity “{name}” was saved."),
            ),
            RecordsCommand::RemoveActivity(code) => self.change_records(
                false,
                |s| s.records().remove_activity(&code).map(|()| code.to_string()),
                |code| format!("The activity {code} was removed from the record."),
            ),
            RecordsCommand::MoveActivity { code, up } => self.change_records(
                false,
                |s| {
                    let codes: Vec<RecordCode> =
                        s.records().activities()?.into_iter().map(|a| a.code).collect();
                    match moved(&codes, &code, up) {
                        Some(order) => s.records().reorder_activities(&order),
                        None => Ok(()),
                    }
                },
                |()| "The order of the activities was changed.".to_owned(),
            ),
            RecordsCommand::SaveSystem { system, new } => self.change_records(
                true,
                |s| s.records().save_data_system(&system, new).map(|s| s.name),
                |name| format!("The system “{name}” was saved."),
            ),
            RecordsCommand::RemoveSystem(code) => self.change_records(
                false,
                |s| s.records().remove_data_system(&code).map(|()| code.to_string()),
                |code| format!("The system {code} was removed from the inventory."),
            ),
            RecordsCommand::MoveSystem { code, up } => self.change_records(
                false,
                |s| {
                    let codes: Vec<RecordCode> =
                        s.records().data_systems()?.into_iter().map(|s| s.code).collect();
                    match moved(&codes, &code, up) {
                        Some(order) => s.records().reorder_data_systems(&order),
                        None => Ok(()),
                    }
                },
                |()| "The order of the systems was changed.".to_owned(),
            ),
            RecordsCommand::SaveCategory { category, new } => self.change_records(
                true,
                |s| {
                    if new {
                        s.records().add_data_category(&category)?;
                    } else {
                        s.records().update_data_category(&category)?;
                    }
                    Ok(category.name.clone())
                },
                |name| format!("The data category “{name}” was saved."),
            ),
            RecordsCommand::RemoveCategory(code) => self.change_records(
                false,
                |s| s.records().remove_data_category(&code).map(|()| code.to_string()),
                |code| format!("The data category {code} was removed."),
            ),
            RecordsCommand::Export(path) => {
                let Some(session) = self.session.as_mut() else {
                    return;
                };
                let done = format_of(&path)
                    .and_then(|format| session.exports().export_ropa(format, &path, today()));
                self.notice = Some(match done {
                    Ok(n) => Notice::success(format!(
                        "The record of processing ({n} activities) was written to {}.",
                        path.display()
                    )),
                    Err(e) => Notice::error(e.to_string()),
                });
            }
            RecordsCommand::Import(path) => self.change_records(
                false,
                |s| s.records().import_ropa(&path),
                |n| {
                    format!(
                        "Imported {} data categories, {} activities and {} systems; they replace the ones recorded before.",
                        n.categories, n.activities, n.systems
                    )
                },
            ),
        }
    }

    /// Applies a change; on success says what was done and reads the registers again, on
    /// failure shows the problem under the open editor (`in_editor`) or in the notice.
    fn change_records<T>(
        &mut self,
        in_editor: bool,
        change: impl FnOnce(&mut Session) -> ServiceResult<T>,
        done: impl FnOnce(T) -> String,
    ) {
        let Some(session) = self.session.as_mut() else {
            return;
        };
        match change(session) {
            Ok(value) => {
                self.notice = Some(Notice::success(done(value)));
                if let Screen::Main(main) = &mut self.screen {
                    main.records.changed();
                }
            }
            Err(e) => {
                let shown = match &mut self.screen {
                    Screen::Main(main) if in_editor => main.records.problem(e.to_string()),
                    _ => false,
                };
                self.notice = (!shown).then(|| Notice::error(e.to_string()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moving_swaps_with_the_neighbour() {
        let codes: Vec<RecordCode> = ["a", "b", "c"]
            .iter()
            .map(|c| RecordCode::parse(c).unwrap())
            .collect();
        let up = moved(&codes, &codes[1], true).unwrap();
        assert_eq!(up[0].as_str(), "b");
        let down = moved(&codes, &codes[1], false).unwrap();
        assert_eq!(down[2].as_str(), "b");
        assert!(moved(&codes, &codes[0], true).is_none());
        assert!(moved(&codes, &codes[2], false).is_none());
    }

    #[test]
    fn the_extension_decides_the_format() {
        assert_eq!(format_of(Path::new("r.PDF")).unwrap(), RopaFormat::Pdf);
        assert_eq!(format_of(Path::new("r.json")).unwrap(), RopaFormat::Json);
        let e = format_of(Path::new("r.txt")).unwrap_err().to_string();
        assert!(e.contains(".pdf, .csv or .json"), "{e}");
    }
}
