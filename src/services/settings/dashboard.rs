//! The Dashboard's figures (issue 20, item 7): the first steps of a new store, what needs the
//! officer today, requests answered on time per month and consent per purpose per month.
//!
//! Built on any connection (the window builds them with the store summary on a reader, off the
//! UI thread). Nothing here walks the people one by one: the first steps are row counts and
//! one `EXISTS`, the consent timeline is one `GROUP BY` over the ledger
//! (`store::consent::monthly_counts`), and the rest reads the requests, incidents, vendors and
//! assessments, which are few next to the people.

use chrono::{DateTime, Days, NaiveDate, Utc};

use crate::crypto::SecretKey;
use crate::domain::assessment::MeasureStatus;
use crate::domain::audit::AuditAction;
use crate::domain::dashboard::{
    ConsentTimeline, DashboardFigures, Month, SetupFacts, TodayItem, TodayKind, TodayLink,
    on_time_by_month, sort_today,
};
use crate::domain::request::deadline::Urgency;
use crate::store::register_table::{self, Register};
use crate::store::{Db, audit_log, consent, purposes, retention_rules};

use crate::services::{
    ServiceResult, inbox_on, schedule_on, security_status_on, vendor_reviews_due_on,
};

/// Months shown by the Dashboard's charts.
pub const CHART_MONTHS: usize = 12;

/// Days ahead within which an action-plan measure counts as due.
const MEASURE_DUE_DAYS: u64 = 7;

/// What the store holds, for the first-steps checklist.
fn setup_on(conn: &Db, today: NaiveDate) -> ServiceResult<SetupFacts> {
    let subjects = crate::store::status::counts(conn)?.subjects;
    Ok(SetupFacts {
        subjects: u64::try_from(subjects).unwrap_or(0),
        retention_rules: retention_rules::list(conn)?.len() as u64,
        activities: register_table::count(conn, Register::Activities)?,
        systems: register_table::count(conn, Register::Systems)?,
        vendors: register_table::count(conn, Register::Vendors)?,
        backup_made: audit_log::any_with_action(conn, AuditAction::BackupMade.code())?,
        sweep_scheduled: schedule_on(conn, today)?.interval_days.is_some(),
    })
}

/// The lines of "What needs me today", in order.
fn today_on(
    conn: &Db,
    field_key: &SecretKey,
    inbox: &[crate::services::InboxRow],
    today: NaiveDate,
    now: DateTime<Utc>,
) -> ServiceResult<Vec<TodayItem>> {
    let mut items = Vec::new();
    for row in inbox {
        let overdue = match row.urgency {
            Some(Urgency::Overdue) => true,
            Some(Urgency::DueSoon) => false,
            _ => continue,
        };
        let s = &row.summary;
        let when = if overdue {
            format!("overdue since {}", row.deadline.due)
        } else {
            format!("due {}", row.deadline.due)
        };
        items.push(TodayItem {
            kind: TodayKind::Request,
            due: row.deadline.due,
            overdue,
            text: format!("{} · {} request · {when}", s.reference, s.kind.label()),
            link: TodayLink::Request(s.id),
        });
    }
    for clock in security_status_on(conn, field_key, today, now)?.notification_clocks {
        let deadline = clock.deadline.format("%Y-%m-%d %H:%M UTC");
        items.push(TodayItem {
            kind: TodayKind::BreachClock,
            due: clock.deadline.date_naive(),
            overdue: clock.overdue,
            text: if clock.overdue {
                format!(
                    "{} · breach: the 72 hours to notify the authority ran out at {deadline}",
                    clock.reference
                )
            } else {
                format!(
                    "{} · breach: notify the authority by {deadline} (72 hours)",
                    clock.reference
                )
            },
            link: TodayLink::Incident(clock.id),
        });
    }
    for v in vendor_reviews_due_on(conn, today)? {
        items.push(TodayItem {
            kind: TodayKind::VendorReview,
            due: v.next_review_on,
            overdue: v.overdue,
            text: format!(
                "{} · vendor review {} {}",
                v.name,
                if v.overdue { "was due" } else { "due" },
                v.next_review_on
            ),
            link: TodayLink::VendorReview(v.code),
        });
    }
    let horizon = today + Days::new(MEASURE_DUE_DAYS);
    for a in crate::store::assessments::all(conn, field_key)? {
        for m in &a.measures {
            let Some(due) = m.due_on else { continue };
            let overdue = m.is_overdue(today);
            if !overdue && (m.status == MeasureStatus::Done || due > horizon) {
                continue;
            }
            items.push(TodayItem {
                kind: TodayKind::AssessmentMeasure,
                due,
                overdue,
                text: format!(
                    "{} · measure \"{}\" {} {due}",
                    a.title,
                    m.title,
                    if overdue { "was due" } else { "due" }
                ),
                link: TodayLink::Assessment(a.id),
            });
        }
    }
    sort_today(&mut items);
    Ok(items)
}

/// The Dashboard's figures on any connection, as of `today` and `now`.
pub fn dashboard_figures_on(
    conn: &Db,
    field_key: &SecretKey,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> ServiceResult<DashboardFigures> {
    let inbox = inbox_on(conn, today)?;
    let months = Month::last(CHART_MONTHS, today);
    let since = months.first().map(|m| m.code()).unwrap_or_default();
    let purpose_codes: Vec<String> = purposes::list(conn)?
        .iter()
        .map(|p| p.purpose.code.to_string())
        .collect();
    Ok(DashboardFigures {
        setup: setup_on(conn, today)?,
        today: today_on(conn, field_key, &inbox, today, now)?,
        on_time: on_time_by_month(
            inbox
                .iter()
                .filter_map(|r| r.summary.closed_on.map(|c| (c, r.deadline.due))),
            today,
            CHART_MONTHS,
        ),
        consent: ConsentTimeline::build(
            &purpose_codes,
            &consent::monthly_counts(conn, &since)?,
            today,
            CHART_MONTHS,
        ),
    })
}

impl super::Settings<'_> {
    /// The Dashboard's figures as of `today` and `now`. Like the store summary they hold no
    /// personal data (references, types, dates and counts), so every role may read them.
    pub fn dashboard_figures(
        &self,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> ServiceResult<DashboardFigures> {
        dashboard_figures_on(self.store.db(), &self.keys.field, today, now)
    }
}
