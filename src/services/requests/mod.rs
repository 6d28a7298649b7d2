//! Data-subject requests at the service level: intake (finding or creating the subject), the
//! workflow steps with their audit entries and history, deadlines with the regime's holiday
//! calendar, and the inbox.

pub(in crate::services) mod erasure;
pub(in crate::services) mod fulfilment;
pub(in crate::services) mod holidays;
mod language;
pub(in crate::services) mod letters;
pub(in crate::services) mod objection;
pub(in crate::services) mod partial;
mod recipient_notice;
mod tasks;
mod terms;
mod workflow;

/// The requests area of a session (see [`crate::services::front`]).
pub type Requests<'s> = crate::services::front::Front<'s, crate::services::front::area::Requests>;

use std::sync::Arc;

use crate::store::Db;
use chrono::{NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::request::clarification;
use crate::domain::request::deadline::Urgency;
use crate::domain::request::{
    Deadline, Request, RequestDraft, RequestState, RequestStep, deadline, long_date, regime_code,
};
use crate::domain::subject::SubjectDraft;
use crate::store::requests::{self, RequestSummary};
use crate::store::{StoreError, subjects};

use super::{ServiceError, ServiceResult};
use crate::services::requests::holidays::{calendar_on, jurisdiction_on};

/// A request with its deadline and history, as the request page and `request show` give it.
#[derive(Clone, Debug)]
pub struct RequestDetail {
    /// The request.
    pub request: Request,
    /// Its deadline.
    pub deadline: Deadline,
    /// How pressing it is today (`None` once closed).
    pub urgency: Option<Urgency>,
    /// Its steps, oldest first.
    pub steps: Vec<RequestStep>,
    /// Whether the extension notice went out after the first period ended (only possible for
    /// requests extended before issue 16: a late notice is now refused).
    pub extension_notice_late: bool,
}

/// One line of the inbox: plain facts and the deadline.
#[derive(Clone, Debug)]
pub struct InboxRow {
    /// The request's plain facts.
    pub summary: RequestSummary,
    /// Its deadline.
    pub deadline: Deadline,
    /// How pressing it is today (`None` once closed).
    pub urgency: Option<Urgency>,
}

/// The figures the Dashboard and `status` show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RequestCounts {
    /// Open requests.
    pub open: u64,
    /// Open requests due within the next seven days (not overdue).
    pub due_this_week: u64,
    /// Open requests past their due date.
    pub overdue: u64,
    /// Open requests waiting for the person's identity or clarification.
    pub waiting: u64,
}

/// Whether the clock is stopped: waiting for identity under a rule that restarts on it (the
/// GDPR); a CCPA clock keeps running during verification.
///
/// While a clarification is open, the clock stops only where the regime pauses it (UK GDPR
/// Art. 12A; see `domain::request::clarification`).
fn paused(
    state: RequestState,
    dl: &Deadline,
    regime: crate::domain::organisation::Regime,
    received: NaiveDate,
    clarifying: bool,
) -> bool {
    state == RequestState::AwaitingIdentity
        && if clarifying {
            clarification::effect(regime, received) == clarification::ClarificationEffect::Pauses
        } else {
            dl.rule.restarts_on_identity()
        }
}

/// Builds the inbox on any connection, sorted by deadline: open requests first (overdue, then
/// soonest due; waiting ones after), then closed ones, most recent first.
pub fn inbox_on(conn: &Db, today: NaiveDate) -> ServiceResult<Vec<InboxRow>> {
    let all = requests::summaries(conn)?;
    let received: Vec<NaiveDate> = all.iter().map(|r| r.received).collect();
    let mut calendars = std::collections::HashMap::new();
    let mut rows = Vec::with_capacity(all.len());
    for s in all {
        let j = jurisdiction_on(conn, s.regime)?;
        let cal = match calendars.entry(j) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(calendar_on(conn, j, received.iter().copied())?)
            }
        };
        let dl = deadline(
            s.regime,
            s.kind,
            s.received,
            s.identity_asked_on,
            s.clock_start,
            s.extended,
            &*cal,
        );
        let dl = clarification::shift(dl, u64::from(s.clarification_paused_days), &*cal);
        let clarifying = s.clarification_asked_on.is_some();
        let urgency = (!s.state.is_closed()).then(|| {
            Urgency::of(
                dl.due,
                today,
                paused(s.state, &dl, s.regime, s.received, clarifying),
            )
        });
        rows.push(InboxRow {
            summary: s,
            deadline: dl,
            urgency,
        });
    }
    rows.sort_by(|a, b| {
        let key = |r: &InboxRow| (r.urgency.is_none(), r.urgency == Some(Urgency::Paused));
        key(a).cmp(&key(b)).then_with(|| match a.urgency {
            None => b
                .summary
                .closed_on
                .cmp(&a.summary.closed_on)
                .then(b.summary.reference.cmp(&a.summary.reference)),
            Some(_) => a
                .deadline
                .due
                .cmp(&b.deadline.due)
                .then(a.summary.reference.cmp(&b.summary.reference)),
        })
    });
    Ok(rows)
}

/// Counts open, due-this-week and overdue requests on any connection.
pub fn request_counts_on(conn: &Db, today: NaiveDate) -> ServiceResult<RequestCounts> {
    let mut c = RequestCounts::default();
    for row in inbox_on(conn, today)? {
        match row.urgency {
            None => {}
            Some(u) => {
                c.open += 1;
                match u {
                    Urgency::Overdue => c.overdue += 1,
                    Urgency::DueSoon => c.due_this_week += 1,
                    Urgency::Paused => c.waiting += 1,
                    Urgency::OnTrack => {}
                }
            }
        }
    }
    Ok(c)
}

impl Requests<'_> {
    /// Takes in a request: finds the subject by email or records them, then records the
    /// request (state received) with its audit entry. Returns the id and reference.
    pub fn open_request(
        &mut self,
        draft: &RequestDraft,
        today: NaiveDate,
    ) -> ServiceResult<(Uuid, String)> {
        self.open_request_then(draft, today, |_, _, _| Ok(()))
    }

    /// [`Self::open_request`], running `then` in the same write with the new request's id and
    /// reference (for an area that records where the request came from, with its own audit
    /// entry: the privacy mailbox).
    pub(in crate::services) fn open_request_then(
        &self,
        draft: &RequestDraft,
        today: NaiveDate,
        then: impl FnOnce(&mut crate::store::Write<'_>, Uuid, &str) -> ServiceResult<()>,
    ) -> ServiceResult<(Uuid, String)> {
        self.require(Permission::TakeInRequests)?;
        draft.check(today).map_err(|m| match m.split_once(": ") {
            Some((field, message)) => ServiceError::invalid(field, message),
            None => ServiceError::invalid("Request", m),
        })?;
        let keys = Arc::clone(self.keys);
        let found = subjects::find_by_email(
            self.store.db(),
            &keys.field,
            &keys.email_index,
            &draft.email,
        )?;
        let id = Uuid::new_v4();
        let actor = self.user.name.clone();
        let new_subject = found.is_empty().then(Uuid::new_v4);
        let subject_id = found.first().map(|s| s.id).or(new_subject);
        let mut entries = Vec::new();
        if let Some(sid) = new_subject {
            entries.push(self.entry(
                AuditAction::SubjectCreated,
                EntityRef::new("subject", sid.to_string()),
                "taken in with a request".into(),
            ));
        }
        let reference = requests::next_reference(self.store.db())?;
        // The systems and vendors to reach (issue 18 item 5), from the inventory as it is now.
        let fields = found.first().map_or_else(
            || SubjectDraft {
                email: draft.email.trim().to_owned(),
                name: draft.requester.name.trim().to_owned(),
                ..SubjectDraft::default()
            },
            |s| s.fields.clone(),
        );
        let planned = tasks::plan_on(
            self.store.db(),
            &keys.field,
            draft.kind,
            subject_id,
            &fields,
        )?;
        entries.push(self.entry(
            AuditAction::RequestOpened,
            EntityRef::new("request", reference.clone()),
            format!(
                "{} {} received {}",
                regime_code(draft.regime),
                draft.kind.code(),
                draft.received
            ),
        ));
        let mut w = self.store.write()?;
        if let Some(sid) = new_subject {
            let subject = SubjectDraft {
                email: draft.email.trim().to_owned(),
                name: draft.requester.name.trim().to_owned(),
                ..SubjectDraft::default()
            };
            subjects::insert(&mut w, &keys.field, &keys.email_index, sid, &subject)?;
        }
        let request = Request {
            id,
            reference: reference.clone(),
            subject_id,
            regime: draft.regime,
            kind: draft.kind,
            state: RequestState::Received,
            channel: draft.channel,
            received: draft.received,
            identity_asked_on: None,
            clock_start: None,
            clarification_asked_on: None,
            clarified_on: None,
            clarification_paused_days: 0,
            acknowledged_on: None,
            requester: draft.requester.clone(),
            details: draft.details.clone(),
            extension_reason: None,
            extension_notified_on: None,
            refusal: None,
            outcome: None,
            closed_on: None,
            created_by: actor.clone(),
        };
        requests::insert(&mut w, &keys.field, &request)?;
        requests::append_step(
            &w,
            id,
            &RequestStep {
                at: Utc::now(),
                from: None,
                to: RequestState::Received,
                what: format!(
                    "{} request ({}) received on {} by {}",
                    draft.kind.label(),
                    regime_code(draft.regime),
                    long_date(draft.received),
                    draft.channel.label().to_lowercase()
                ),
                actor: actor.clone(),
            },
        )?;
        for e in &entries {
            w.append_audit(&keys.audit, e)?;
        }
        if !planned.is_empty() {
            crate::store::request_tasks::insert_all(&w, id, &planned)?;
            w.append_audit(
                &keys.audit,
                &self.entry(
                    AuditAction::RequestTaskUpdated,
                    EntityRef::new("request", reference.clone()),
                    tasks::planned_detail(&planned),
                ),
            )?;
        }
        then(&mut w, id, &reference)?;
        w.commit()?;
        Ok((id, reference))
    }

    /// The id of the request with this reference (`R-0001`) or UUID.
    pub fn find_request(&self, text: &str) -> ServiceResult<Uuid> {
        requests::find_id(self.store.db(), text)?.ok_or_else(|| {
            ServiceError::invalid(
                "Request",
                format!(
                    "there is no request {}; `request list` shows the references.",
                    text.trim()
                ),
            )
        })
    }

    /// One request with its deadline and history.
    pub fn request_detail(&self, id: Uuid, today: NaiveDate) -> ServiceResult<RequestDetail> {
        self.require(Permission::ViewPersonalData)?;
        let conn = self.store.db();
        let request = requests::get(conn, &self.keys.field, id)?
            .ok_or_else(|| StoreError::Corrupt(format!("request {id} is missing")))?;
        let j = jurisdiction_on(conn, request.regime)?;
        let cal = calendar_on(conn, j, [request.received])?;
        let dl = deadline(
            request.regime,
            request.kind,
            request.received,
            request.identity_asked_on,
            request.clock_start,
            request.is_extended(),
            &cal,
        );
        let dl = clarification::shift(dl, u64::from(request.clarification_paused_days), &cal);
        let clarifying = request.clarification_asked_on.is_some();
        let urgency = request.is_open().then(|| {
            Urgency::of(
                dl.due,
                today,
                paused(
                    request.state,
                    &dl,
                    request.regime,
                    request.received,
                    clarifying,
                ),
            )
        });
        let late = request
            .extension_notified_on
            .is_some_and(|d| d > dl.first_period_end);
        Ok(RequestDetail {
            steps: requests::steps(conn, id)?,
            request,
            deadline: dl,
            urgency,
            extension_notice_late: late,
        })
    }

    /// The inbox, sorted by deadline.
    pub fn inbox(&self, today: NaiveDate) -> ServiceResult<Vec<InboxRow>> {
        self.require(Permission::ViewReports)
            .or_else(|_| self.require(Permission::TakeInRequests))?;
        inbox_on(self.store.db(), today)
    }

    /// Open, due-this-week and overdue counts.
    pub fn request_counts(&self, today: NaiveDate) -> ServiceResult<RequestCounts> {
        request_counts_on(self.store.db(), today)
    }

    /// The requests about one subject.
    pub fn subject_requests(
        &self,
        subject: Uuid,
        today: NaiveDate,
    ) -> ServiceResult<Vec<InboxRow>> {
        self.require(Permission::ViewPersonalData)?;
        Ok(inbox_on(self.store.db(), today)?
            .into_iter()
            .filter(|r| r.summary.subject_id == Some(subject))
            .collect())
    }

    /// Notes a fulfilment step on a request without changing its state (an access package
    /// exported, data corrected, erased).
    pub(super) fn note_request_step(
        w: &crate::store::Write<'_>,
        id: Uuid,
        state: RequestState,
        what: String,
        actor: &str,
    ) -> ServiceResult<()> {
        requests::append_step(
            w,
            id,
            &RequestStep {
                at: Utc::now(),
                from: Some(state),
                to: state,
                what,
                actor: actor.to_owned(),
            },
        )?;
        Ok(())
    }
}
