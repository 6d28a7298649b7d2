//! Applying the minimisation review's commands: running it on a worker thread (it reads the
//! whole consent ledger), receiving the report, and opening the place a finding is fixed.

use crate::domain::records::minimisation::FixAt;

use crate::gui::app::{PrivacyDeskApp, Screen};
use crate::gui::areas::records::minimisation_command::MinimisationCommand;
use crate::gui::areas::{Area, SubjectsTab};
use crate::gui::jobs::MinimisationReview;
use crate::gui::widgets::Notice;

impl PrivacyDeskApp {
    /// Applies a command of the minimisation review.
    pub(in crate::gui) fn apply_minimisation(&mut self, command: MinimisationCommand) {
        match command {
            MinimisationCommand::Run => self.start_minimisation(),
            MinimisationCommand::Cancel => self.jobs.cancel::<MinimisationReview>(),
            MinimisationCommand::Fix(fix) => self.open_fix(fix),
        }
    }

    /// Starts the review unless one is running.
    pub(in crate::gui) fn start_minimisation(&mut self) {
        let Some(session) = self.session.as_ref() else {
            return;
        };
        if self.jobs.is_running::<MinimisationReview>() {
            return;
        }
        match session.records().minimisation_reader() {
            Ok(reader) => self.jobs.start(MinimisationReview(reader)),
            Err(e) => self.notice = Some(Notice::error(e.to_string())),
        }
    }

    /// Opens the place where a finding is fixed.
    fn open_fix(&mut self, fix: FixAt) {
        let Screen::Main(main) = &mut self.screen else {
            return;
        };
        match fix {
            FixAt::Purpose(_) => {
                main.area = Area::Subjects;
                main.tab = SubjectsTab::Purposes;
            }
            FixAt::ConsentReview(_) => {
                main.area = Area::Subjects;
                main.tab = SubjectsTab::Review;
            }
            FixAt::RetentionPolicy => {
                main.area = Area::Retention;
            }
            FixAt::Activity(code) => self.open_record_activity(&code),
            FixAt::System(code) => self.open_record_system(&code),
        }
    }

    /// Opens an activity of the record in the Records area.
    fn open_record_activity(&mut self, code: &str) {
        if let Screen::Main(main) = &mut self.screen {
            main.area = Area::Records;
            main.records.open_activity(code);
        }
    }

    /// Opens a system of the inventory in the Records area.
    fn open_record_system(&mut self, code: &str) {
        if let Screen::Main(main) = &mut self.screen {
            main.area = Area::Records;
            main.records.open_system(code);
        }
    }
}
