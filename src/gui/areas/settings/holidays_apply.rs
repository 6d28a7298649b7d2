//! Applying Settings → Public holidays and closing days through the Requests front, as `holiday
//! add` and `holiday remove` do: each change is one write with its audit entry
//! (`calendar.…`, the day only). A refusal shows under the holiday form.

use crate::gui::app::{PrivacyDeskApp, Screen};
use crate::gui::widgets::Notice;
use crate::services::{ServiceResult, Session};

use super::holidays_command::HolidayCommand;

impl PrivacyDeskApp {
    /// Applies a change to a holiday calendar.
    pub(in crate::gui) fn apply_holidays(&mut self, command: HolidayCommand) {
        let Some(session) = self.session.as_mut() else {
            return;
        };
        match run(session, command) {
            Ok(done) => {
                self.notice = Some(Notice::success(done));
                if let Screen::Main(main) = &mut self.screen
                    && let Some(view) = main.settings.as_mut()
                {
                    view.profile_mut().holidays_mut().changed();
                }
            }
            Err(e) => {
                if let Screen::Main(main) = &mut self.screen
                    && let Some(view) = main.settings.as_mut()
                {
                    view.profile_mut().holidays_mut().set_problem(e.to_string());
                }
            }
        }
    }
}

/// Runs the change; the sentence says what was done.
fn run(session: &mut Session, command: HolidayCommand) -> ServiceResult<String> {
    let mut requests = session.requests();
    Ok(match command {
        HolidayCommand::Add {
            jurisdiction,
            date,
            name,
        } => {
            requests.change_holiday(jurisdiction, date, true, &name)?;
            format!(
                "{date} ({}) is a closing day in the {} calendar now.",
                name.trim(),
                jurisdiction.label()
            )
        }
        HolidayCommand::Remove { jurisdiction, date } => {
            // As `holiday remove`: undo the officer's own change of the day if there is one,
            // else the preset holiday becomes a working day.
            if requests.reset_holiday(jurisdiction, date)? {
                format!(
                    "{date} is back as the {} calendar has it.",
                    jurisdiction.label()
                )
            } else {
                requests.change_holiday(jurisdiction, date, false, "working day")?;
                format!(
                    "{date} counts as a working day in the {} calendar now.",
                    jurisdiction.label()
                )
            }
        }
    })
}
