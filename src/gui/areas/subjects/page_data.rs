//! What a subject's page shows, read from the session for a person and a day: the builder
//! the page's `prepare` calls whenever the store generation (or the day) moved since its data
//! was read, so no change has to read the page again.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::retention::hold::HoldTarget;
use crate::gui::areas::SubjectPageData;
use crate::services::{ServiceResult, Session};

/// Reads what a subject's page shows; `None` when the person is no longer in the store.
pub fn read(
    session: &Session,
    id: Uuid,
    today: NaiveDate,
) -> ServiceResult<Option<SubjectPageData>> {
    let Some(subject) = session.subjects().subject(id)? else {
        return Ok(None);
    };
    let timeline = session.consent().consent_timeline(id)?;
    Ok(Some(SubjectPageData {
        kept: crate::gui::areas::subjects::kept::KeptFacts::read(session, id, &timeline)?,
        consents: session.consent().current_consents(id)?,
        timeline,
        undeliverable_since: session.consent().undeliverable_since(id)?,
        requests: session.requests().subject_requests(id, today)?,
        restricted_on: session.requests().restricted_on(id)?,
        hold: session
            .retention()
            .legal_holds()?
            .into_iter()
            .find(|h| h.target == HoldTarget::Subject(id) && h.in_force(today))
            .map(|h| h.reason),
        relationship_ended: session.retention().relationship_end(id)?,
        child: session.consent().child_view(id, false)?,
        subject,
    }))
}
