//! Applying the commands of the register of Subjects & consent: searching, opening and adding
//! subjects, recording consent, the tabs, the purpose catalogue, the review queue's bulk
//! actions and the import.

use crate::gui::Command;
use crate::gui::app::{PrivacyDeskApp, Screen};
use crate::gui::areas::{Area, SubjectsTab};

impl PrivacyDeskApp {
    /// Applies a command of the register; another goes to the window.
    pub(in crate::gui) fn apply_register(&mut self, command: Command) {
        match command {
            Command::PreviewImport { path, options } => self.preview_import(&path, &options),
            Command::DetectImportPreset { path } => self.detect_import_preset(&path),
            Command::SaveImportMapping { name, mapping } => {
                self.save_import_mapping(&name, &mapping);
            }
            Command::StartImport { path, options } => self.start_import(path, options),
            Command::CancelImport => self.cancel_import(),
            Command::SearchSubjects(query) => self.search_subjects(&query),
            Command::OpenSubject(id) => self.open_subject(id),
            Command::CloseSubject => {
                if let Screen::Main(main) = &mut self.screen {
                    main.subject_page = None;
                }
            }
            Command::AddSubject(draft, dates) => self.add_subject(&draft, &dates),
            Command::RecordConsent { subject, event } => self.record_consent(subject, &event),
            Command::SubjectsTab(tab) => {
                if let Screen::Main(main) = &mut self.screen {
                    main.tab = tab;
                    if tab == SubjectsTab::People {
                        main.subject_page = None;
                    }
                }
            }
            Command::OpenReview => {
                if let Screen::Main(main) = &mut self.screen {
                    main.area = Area::Subjects;
                    main.tab = SubjectsTab::Review;
                }
            }
            Command::ExpireStale => self.expire_stale(),
            Command::ExportReviewList(path) => self.run_change(
                |s| {
                    s.exports()
                        .export_review_list(
                            crate::domain::consent::DEFAULT_REFRESH_MONTHS,
                            chrono::Utc::now(),
                            &path,
                        )
                        .map(drop)
                },
                &format!("The consents to review were written to {}.", path.display()),
            ),
            Command::AddPurpose { purpose, notice } => self.change_purposes(
                |s| s.consent().add_purpose(&purpose, &notice),
                &format!("The purpose {} was added.", purpose.code),
            ),
            Command::SavePurpose(purpose) => self.change_purposes(
                |s| s.consent().update_purpose(&purpose),
                &format!("The purpose {} was saved.", purpose.code),
            ),
            Command::PublishNotice { code, text } => self.change_purposes(
                |s| s.consent().publish_notice(&code, &text).map(drop),
                &format!("A new version of the notice for {code} was published."),
            ),
            other => self.apply_window(other),
        }
    }
}
