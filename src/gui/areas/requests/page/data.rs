//! What a request's page shows, read from the session for a request and a day: the builder
//! its `prepare` calls whenever the store generation (or the day) moved since the page's data
//! was read, so no change has to read the page again.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::gui::areas::RequestPageData;
use crate::services::{ServiceResult, Session};

use super::legal_facts::LegalFacts;

/// Reads what a request's page shows.
pub fn read(session: &Session, id: Uuid, today: NaiveDate) -> ServiceResult<RequestPageData> {
    let detail = session.requests().request_detail(id, today)?;
    let subject = match detail.request.subject_id {
        Some(s) => session.subjects().subject(s)?,
        None => None,
    };
    let (consents, consent_events, changes, restricted_on) = match &subject {
        Some(s) => (
            session.consent().current_consents(s.id)?,
            session.consent().consent_timeline(s.id)?.len(),
            session.requests().subject_changes(s.id)?,
            session.requests().restricted_on(s.id)?,
        ),
        None => (Vec::new(), 0, Vec::new(), None),
    };
    let copies_still_holding = if detail.request.kind.is_erasure() {
        session.requests().copies_holding_the_erased()?
    } else {
        0
    };
    let tasks = session.requests().request_tasks(id)?;
    let legal = LegalFacts::read(session, &detail, subject.as_ref().map(|s| s.id))?;
    let partial = super::partial::PartialFacts::read(session, &detail)?;
    Ok(RequestPageData {
        tasks,
        legal,
        partial,
        detail,
        subject,
        consents,
        consent_events,
        changes,
        restricted_on,
        today,
        copies_still_holding,
    })
}
