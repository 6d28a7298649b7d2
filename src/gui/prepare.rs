//! Before drawing: what every area shows (the signed-in user, the users list, the profile:
//! `refresh_main`) and the data of the area showing are built again when the store changed
//! since they were built (`view_data.rs`), and the whole-store reads it shows (the subject
//! list, the review queue, the minimisation review) are started again on their worker
//! threads. The one place the window decides what is stale; a failure is shown in the notice
//! once (until the next change).

use super::app::{PrivacyDeskApp, Screen};
use super::areas::{Area, RecordsTab, SubjectsTab};
use super::jobs::{MinimisationReview, ReadReviewQueue};
use super::view_data::Fresh;
use super::widgets::Notice;

impl PrivacyDeskApp {
    /// Builds what the visible area shows, where the store moved on since it was built.
    pub(super) fn prepare(&mut self) {
        self.refresh_main();
        let (Some(session), Screen::Main(main)) = (self.session.as_ref(), &mut self.screen) else {
            return;
        };
        let fresh = Fresh::after(session, self.generation_base);
        let generation = fresh.generation;
        let prepared = main.area.view().prepare(main, &fresh);
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
