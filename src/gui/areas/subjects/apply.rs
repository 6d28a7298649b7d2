//! Applying the Subjects & consent commands: searching the register, opening a subject,
//! recording subjects and consent events, the search index built after unlock, and the
//! Dashboard's whole-store reads (the summary and the review count). The list itself (in any
//! order, filtered or not) and exports are in `apply_consent.rs`; the review queue in
//! `apply_review.rs`.

use uuid::Uuid;

use crate::domain::access::Permission;
use crate::domain::consent::ConsentEvent;
use crate::domain::retention::hold::HoldTarget;
use crate::domain::subject::{SubjectDates, SubjectDraft};
use crate::services::{ServiceError, Session};

use crate::gui::app::{PrivacyDeskApp, Screen};
use crate::gui::areas::{SubjectPage, SubjectPageData, SubjectRows};
use crate::gui::jobs::{BuildSearchIndex, CountReview, CountStatus, ReadReviewQueue, Search};
use crate::gui::widgets::Notice;

/// Reads what a subject's page shows.
pub(in crate::gui) fn page_data(
    session: &Session,
    id: Uuid,
) -> Result<Option<SubjectPageData>, ServiceError> {
    let Some(subject) = session.subjects().subject(id)? else {
        return Ok(None);
    };
    let timeline = session.consent().consent_timeline(id)?;
    Ok(Some(SubjectPageData {
        kept: crate::gui::areas::subjects::kept::KeptFacts::read(session, id, &timeline)?,
        consents: session.consent().current_consents(id)?,
        timeline,
        undeliverable_since: session.consent().undeliverable_since(id)?,
        requests: session
            .requests()
            .subject_requests(id, crate::gui::areas::today())?,
        restricted_on: session.requests().restricted_on(id)?,
        hold: session
            .retention()
            .legal_holds()?
            .into_iter()
            .find(|h| h.target == HoldTarget::Subject(id) && h.in_force(crate::gui::areas::today()))
            .map(|h| h.reason),
        relationship_ended: session.retention().relationship_end(id)?,
        child: session.consent().child_view(id, false)?,
        subject,
    }))
}

impl PrivacyDeskApp {
    /// Starts building the search index if the user may see personal data.
    pub(in crate::gui) fn start_search_index(&mut self) {
        let (Some(session), Screen::Main(_)) = (self.session.as_ref(), &self.screen) else {
            return;
        };
        if !session.can(Permission::ViewPersonalData) || self.jobs.is_running::<BuildSearchIndex>()
        {
            return;
        }
        match session.subjects().search_index_builder() {
            Ok(builder) => self.jobs.start(BuildSearchIndex(builder)),
            Err(e) => self.notice = Some(Notice::error(e.to_string())),
        }
    }

    /// Recomputes the store summary and consent counts on a worker thread (they read the whole
    /// ledger). The Dashboard's whole-store reads run one at a time (issue #8: with a million
    /// people, side by side they would add up their memory and take both cores): while the
    /// review queue, the review count or an earlier summary is being read, this one waits
    /// (`status_waiting`) and starts when they are done; the requests made meanwhile count as
    /// one.
    pub(in crate::gui) fn start_status(&mut self) {
        let (Some(session), Screen::Main(main)) = (self.session.as_ref(), &mut self.screen) else {
            return;
        };
        if self.jobs.is_running::<CountStatus>()
            || self.jobs.is_running::<ReadReviewQueue>()
            || self.jobs.is_running::<CountReview>()
        {
            main.status_waiting = true;
            return;
        }
        main.status_waiting = false;
        // Recorded even when the reader cannot be made, so a failure is shown once, not at
        // every frame.
        main.status_generation = Some(session.generation());
        main.status_day = Some(chrono::Local::now().date_naive());
        match session.settings().status_reader() {
            Ok(reader) => self.jobs.start(CountStatus(reader)),
            Err(e) => self.notice = Some(Notice::error(e.to_string())),
        }
    }

    /// Starts a summary when the one on screen is stale: one waited for the other whole-store
    /// reads, a write moved the store generation since it started, or the day changed. Called at every frame
    /// and when those reads end, so no change has to ask for the summary by hand.
    pub(in crate::gui) fn start_waiting_status(&mut self) {
        let stale = match (&self.screen, self.session.as_ref()) {
            (Screen::Main(main), Some(session)) => {
                main.status_waiting
                    || main.status_generation != Some(session.generation())
                    || main.status_day != Some(chrono::Local::now().date_naive())
            }
            _ => false,
        };
        if stale {
            self.start_status();
        }
    }

    /// Starts the review count that waited for the other whole-store jobs, if it did.
    pub(in crate::gui) fn start_waiting_review_count(&mut self) {
        if let Screen::Main(main) = &self.screen
            && main.review_count.is_none()
        {
            self.start_review_count();
        }
    }

    /// Counts the consents that need review on a worker thread (for the Dashboard). While the
    /// search index or the store summary is being computed (or waits to be) the count waits
    /// ("Counting…") and starts when they are done: each of them reads the whole store, and
    /// with a million people running them side by side would add up their memory (issue #8:
    /// under 400 MB). While the review queue is being read there is no count at all: the
    /// queue's length is the count.
    pub(in crate::gui) fn start_review_count(&mut self) {
        let (Some(session), Screen::Main(main)) = (self.session.as_ref(), &mut self.screen) else {
            return;
        };
        if self.jobs.is_running::<CountReview>() || !session.can(Permission::ViewPersonalData) {
            return;
        }
        if self.jobs.is_running::<ReadReviewQueue>()
            || self.jobs.is_running::<BuildSearchIndex>()
            || self.jobs.is_running::<CountStatus>()
            || main.status_waiting
        {
            main.review_count = None;
            return;
        }
        if let Ok(reader) = session.consent().review_reader() {
            self.jobs.start(CountReview(reader));
        }
    }

    /// Which of the Dashboard's whole-store reads run now: (review count, review queue, store
    /// summary). For tests that check they never overlap.
    #[cfg(test)]
    pub(in crate::gui) fn whole_store_reads(&self) -> (bool, bool, bool) {
        (
            self.jobs.is_running::<CountReview>(),
            self.jobs.is_running::<ReadReviewQueue>(),
            self.jobs.is_running::<CountStatus>(),
        )
    }

    /// What the Dashboard has to show of them: (review count, whether a summary is there).
    #[cfg(test)]
    pub(in crate::gui) fn dashboard_figures(&self) -> (Option<usize>, bool) {
        match &self.screen {
            Screen::Main(m) => (
                m.review_count,
                m.dashboard_data
                    .as_ref()
                    .is_some_and(|d| d.status.is_some()),
            ),
            _ => (None, false),
        }
    }

    /// Searches the register. Through the decrypted index the search runs on a worker thread
    /// (a newer query replaces a running one; `jobs/search.rs` opens the rows shown);
    /// before the index is ready, a whole email address is found at once through the blind
    /// index.
    pub(in crate::gui) fn search_subjects(&mut self, query: &str) {
        let (Some(session), Screen::Main(main)) = (self.session.as_ref(), &mut self.screen) else {
            return;
        };
        if query.trim().is_empty() {
            main.subjects.relist();
            return;
        }
        if let Some(index) = &main.search_index {
            let index = std::sync::Arc::clone(index);
            let query = query.trim().to_owned();
            self.jobs.start(Search { index, query });
            return;
        }
        match session.subjects().find_subjects_by_email(query) {
            Ok(rows) => {
                if rows.is_empty() {
                    self.notice = Some(Notice::info(
                        "Search by part of a name or email is still being prepared; a complete email address works now.",
                    ));
                }
                main.subjects.set_rows(SubjectRows::Search {
                    query: query.trim().to_owned(),
                    total: rows.len(),
                    rows,
                });
            }
            Err(e) => self.notice = Some(Notice::error(e.to_string())),
        }
    }

    pub(in crate::gui) fn open_subject(&mut self, id: Uuid) {
        let (Some(session), Screen::Main(main)) = (self.session.as_ref(), &mut self.screen) else {
            return;
        };
        match page_data(session, id) {
            Ok(Some(data)) => {
                main.subject_page = Some(SubjectPage::new(data));
                main.tab = crate::gui::areas::SubjectsTab::People;
            }
            Ok(None) => self.notice = Some(Notice::error("That subject no longer exists.")),
            Err(e) => self.notice = Some(Notice::error(e.to_string())),
        }
    }

    pub(in crate::gui) fn add_subject(&mut self, draft: &SubjectDraft, dates: &SubjectDates) {
        let (Some(session), Screen::Main(main)) = (self.session.as_mut(), &mut self.screen) else {
            return;
        };
        match session
            .subjects()
            .add_subject_with(draft, dates, crate::gui::areas::today())
        {
            Ok(id) => {
                if !main.index_subject(id, &draft.email, &draft.name) {
                    self.rebuild_search_index();
                }
                if let Screen::Main(main) = &mut self.screen {
                    main.subjects.subject_added();
                }
                self.notice = Some(Notice::success("The subject was recorded."));
                self.open_subject(id);
            }
            Err(e) => self.notice = Some(Notice::error(e.to_string())),
        }
    }

    /// Applies a change to the catalogue, says how it went, and reloads it.
    pub(in crate::gui) fn change_purposes(
        &mut self,
        change: impl FnOnce(&mut Session) -> Result<(), ServiceError>,
        done: &str,
    ) {
        self.run_change(change, done);
    }

    pub(in crate::gui) fn record_consent(&mut self, subject: Uuid, event: &ConsentEvent) {
        let (Some(session), Screen::Main(main)) = (self.session.as_mut(), &mut self.screen) else {
            return;
        };
        let result = session
            .consent()
            .record_consent(subject, event)
            .and_then(|_| page_data(session, subject));
        match result {
            Ok(Some(data)) => {
                if let Some(page) = main.subject_page.as_mut() {
                    page.refresh(data);
                }
                self.notice = Some(Notice::success("Recorded in the consent ledger."));
            }
            Ok(None) => {}
            Err(e) => self.notice = Some(Notice::error(e.to_string())),
        }
    }
}
