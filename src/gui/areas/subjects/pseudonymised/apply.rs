//! Applying the pseudonymised export tab's commands (`PseudonymiseCommand`). Every long read
//! runs on a [`crate::services::PseudonymReader`] (its own read-only connection), so the window
//! keeps its session and stays usable: the k figure, the export written to its partial file,
//! the lookup of a pseudonym. Recording an export (audit entry, new recipient key) and opening
//! the person a lookup found are quick and happen with the session when the job is done
//! (`jobs/pseudonym.rs`).
//!
//! Locking cancels every job; an export cancelled or abandoned removes its partial file.

use crate::gui::app::{PrivacyDeskApp, Screen};
use crate::gui::areas::SubjectsTab;
use crate::gui::areas::subjects::pseudonymised::command::PseudonymiseCommand;
use crate::gui::jobs::{CheckK, FindPseudonym, WritePseudonymised};
use crate::gui::widgets::Notice;

impl PrivacyDeskApp {
    /// Applies one command of the pseudonymised export tab.
    pub(in crate::gui) fn apply_pseudonymise(&mut self, command: PseudonymiseCommand) {
        if let PseudonymiseCommand::OpenSubject(id) = command {
            if let Screen::Main(main) = &mut self.screen {
                main.tab = SubjectsTab::People;
            }
            self.open_subject(id);
            return;
        }
        let (Some(session), Screen::Main(_)) = (self.session.as_mut(), &mut self.screen) else {
            return;
        };
        let jobs = &mut self.jobs;
        match command {
            PseudonymiseCommand::CheckK(spec) => {
                jobs.forget::<CheckK>();
                match session.exports().pseudonym_reader() {
                    Ok(reader) => jobs.start(CheckK { reader, spec }),
                    Err(e) => self.notice = Some(Notice::error(e.to_string())),
                }
            }
            PseudonymiseCommand::CancelCheck => jobs.cancel::<CheckK>(),
            PseudonymiseCommand::Export { spec, path } => {
                if jobs.is_running::<WritePseudonymised>() {
                    self.notice = Some(Notice::info(
                        "An export is being written already; wait for it or cancel it.",
                    ));
                    return;
                }
                match session.exports().pseudonym_reader() {
                    Ok(reader) => {
                        self.notice = None;
                        jobs.start(WritePseudonymised { reader, spec, path });
                    }
                    Err(e) => self.notice = Some(Notice::error(e.to_string())),
                }
            }
            PseudonymiseCommand::CancelExport => jobs.cancel::<WritePseudonymised>(),
            PseudonymiseCommand::Lookup {
                recipient,
                pseudonym,
            } => {
                jobs.forget::<FindPseudonym>();
                match session.exports().pseudonym_reader() {
                    Ok(reader) => jobs.start(FindPseudonym {
                        reader,
                        recipient,
                        pseudonym,
                    }),
                    Err(e) => self.notice = Some(Notice::error(e.to_string())),
                }
            }
            PseudonymiseCommand::CancelLookup => jobs.cancel::<FindPseudonym>(),
            PseudonymiseCommand::OpenSubject(_) => {}
        }
    }
}
