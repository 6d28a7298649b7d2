//! What the security register needs attention for, for `status` and the Dashboard: measures to
//! review and trainings to renew within 30 days, and incidents whose 72-hour notification clock
//! (GDPR Art. 33(1)) is running or has run out without a decision. Nothing here names a person:
//! trainings are listed by topic, incidents by reference.

use crate::store::Db;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::crypto::SecretKey;
use crate::domain::records::NotificationStatus;
use crate::domain::records::security::due_horizon;
use crate::store::register_table::{self, Register};
use crate::store::{incidents, security};

use crate::services::ServiceResult;

/// A measure whose review is due.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MeasureDue {
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// The review day.
    pub review_on: NaiveDate,
}

/// A training whose renewal is due (by topic: the trainee is not shown here).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TrainingDue {
    /// Its id.
    pub id: Uuid,
    /// What it covered.
    pub topic: String,
    /// The renewal day.
    pub renew_on: NaiveDate,
}

/// An incident whose notification is still to be decided.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NotificationClock {
    /// Its id.
    pub id: Uuid,
    /// Its reference (`INC-0001`).
    pub reference: String,
    /// When the business became aware.
    pub aware_at: DateTime<Utc>,
    /// The 72-hour deadline.
    pub deadline: DateTime<Utc>,
    /// Whether the deadline has passed.
    pub overdue: bool,
}

/// The security register's figures.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SecurityStatus {
    /// Measures to review within 30 days (or overdue).
    pub measures_due: u64,
    /// Trainings to renew within 30 days (or overdue).
    pub trainings_due: u64,
    /// Incidents not closed.
    pub incidents_open: u64,
    /// Incidents past the 72 hours with no notification and the risk not assessed as unlikely.
    pub incidents_notification_overdue: u64,
    /// Open incidents with a high risk whose people have not been told (Art. 34(1)).
    pub incidents_people_to_tell: u64,
    /// The measures to review, soonest first.
    pub measures_to_review: Vec<MeasureDue>,
    /// The trainings to renew, soonest first.
    pub trainings_to_renew: Vec<TrainingDue>,
    /// The incidents whose clock runs or ran out, most urgent first.
    pub notification_clocks: Vec<NotificationClock>,
}

/// The figures on any connection, as of `today` and `now` (the details of open incidents are
/// opened with `field_key`: the risk assessment decides whether a notification is needed).
pub fn security_status_on(
    conn: &Db,
    field_key: &SecretKey,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> ServiceResult<SecurityStatus> {
    let horizon = due_horizon(today);
    let measures_to_review: Vec<MeasureDue> =
        register_table::due_on_or_before(conn, Register::SecurityMeasures, horizon)?
            .into_iter()
            .map(|(code, name, review_on)| MeasureDue {
                code,
                name,
                review_on,
            })
            .collect();
    let trainings_to_renew: Vec<TrainingDue> = security::renewals_due(conn, horizon)?
        .into_iter()
        .map(|r| TrainingDue {
            id: r.id,
            topic: r.topic,
            renew_on: r.renew_on,
        })
        .collect();
    let open = incidents::open(conn, field_key)?;
    let mut clocks: Vec<NotificationClock> = open
        .iter()
        .filter_map(|i| {
            let status = i.entry.status(now);
            status.needs_decision().then(|| NotificationClock {
                id: i.id,
                reference: i.reference(),
                aware_at: i.entry.aware_at,
                deadline: i.entry.deadline(),
                overdue: status == NotificationStatus::Overdue,
            })
        })
        .collect();
    clocks.sort_by_key(|c| c.deadline);
    Ok(SecurityStatus {
        measures_due: measures_to_review.len() as u64,
        trainings_due: trainings_to_renew.len() as u64,
        incidents_open: open.len() as u64,
        incidents_notification_overdue: clocks.iter().filter(|c| c.overdue).count() as u64,
        incidents_people_to_tell: open.iter().filter(|i| i.entry.people_to_tell()).count() as u64,
        measures_to_review,
        trainings_to_renew,
        notification_clocks: clocks,
    })
}

impl super::Security<'_> {
    /// The security register's figures now (no personal data: every role may read them).
    pub fn security_status(&self) -> ServiceResult<SecurityStatus> {
        security_status_on(
            self.store.db(),
            &self.keys.field,
            chrono::Local::now().date_naive(),
            Utc::now(),
        )
    }
}
