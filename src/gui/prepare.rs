//! Before drawing: the data of the area showing is built again when the store changed since
//! it was built (`view_data.rs`), and the whole-store reads it shows (the subject list, the
//! review queue, the minimisation review) are started again on their worker threads. The one
//! place the window decides what is stale; a failure is shown in the notice once (until the
//! next change).

use super::app::{PrivacyDeskApp, Screen};
use super::jobs::{MinimisationReview, ReadReviewQueue};
use super::view_data::Fresh;
use super::views::{Area, RecordsTab, SubjectsTab};
use super::widgets::Notice;

impl PrivacyDeskApp {
    /// Builds what the visible area shows, where the store moved on since it was built.
    pub(super) fn prepare(&mut self) {
        let (Some(session), Screen::Main(main)) = (self.session.as_ref(), &mut self.screen) else {
            return;
        };
        let fresh = Fresh::new(session);
        let generation = fresh.generation;
        let prepared = match main.area {
            Area::Dashboard => Ok(()),
            Area::Subjects => {
                let purposes = main.purposes.prepare(&fresh);
                let tab = match main.tab {
                    SubjectsTab::People if main.subject_page.is_none() => {
                        main.subjects.prepare(&fresh)
                    }
                    SubjectsTab::Pseudonymised => main.pseudonymised.prepare(&fresh),
                    _ => Ok(()),
                };
                purposes.and(tab)
            }
            Area::Requests => main.requests.prepare(&fresh),
            Area::Retention => main.retention.prepare(&fresh),
            Area::Records => main.records.prepare(&fresh),
            Area::Assessments => main.assessments.prepare(&fresh),
            Area::Vendors => main.vendors.prepare(&fresh),
            Area::Security => main.security.prepare(&fresh),
            Area::AuditLog => main.audit.prepare(&fresh),
            Area::Settings => match main.settings.as_mut() {
                Some(settings) => settings.backups_mut().prepare(&fresh),
                None => Ok(()),
            },
        };
        if let Err(e) = prepared {
            self.notice = Some(Notice::error(e.to_string()));
        }
        // The whole-store reads of the area showing, on worker threads.
        let (area, tab, records_tab) = (main.area, main.tab, main.records.tab());
        if area == Area::Subjects
            && tab == SubjectsTab::Review
            && main.review.stale(generation)
            && !self.jobs.is_running::<ReadReviewQueue>()
        {
            main.review.asked(Some(generation));
            self.load_review();
        }
        if let Screen::Main(main) = &mut self.screen
            && area == Area::Records
            && records_tab == RecordsTab::Minimisation
            && main.minimisation.stale(generation)
            && !self.jobs.is_running::<MinimisationReview>()
        {
            main.minimisation.asked(generation);
            self.start_minimisation();
        }
    }
}
