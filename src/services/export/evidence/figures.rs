//! The figures of the annual accountability report, counted from the store for a year and the
//! year before, and the report itself (the rows come from
//! [`crate::domain::accountability::sections`]).

use chrono::{Datelike, NaiveDate, Utc};

use crate::domain::accountability::{CurrentFigures, YearFigures, sections};
use crate::domain::audit::AuditFilter;
use crate::domain::records::incident::{Incident, NotificationStatus};
use crate::domain::records::training::Training;
use crate::domain::retention::report::SweepReport;
use crate::report::Document;
use crate::services::export::Exports;
use crate::services::{ConsentCounts, InboxRow, ServiceResult, VendorSummary};

use super::logs::{closed_on_time, sweep_in_year};

/// What was already read for the logs, reused for the figures.
pub(super) struct Inputs<'a> {
    /// Every request, with its deadline.
    pub inbox: &'a [InboxRow],
    /// The breach log.
    pub incidents: &'a [Incident],
    /// The vendors.
    pub vendors: &'a [VendorSummary],
    /// The training records.
    pub trainings: &'a [Training],
    /// The sweep reports.
    pub sweeps: &'a [SweepReport],
    /// Consent per purpose.
    pub counts: &'a [(String, ConsentCounts)],
    /// Whether the audit verification found everything intact.
    pub audit_intact: bool,
}

/// Whether an RFC 3339 time (or a `YYYY-MM-DD` day) falls in `year`.
fn stamped_in(stamp: &str, year: i32) -> bool {
    stamp.starts_with(&format!("{year:04}-"))
}

/// The figures of one calendar year.
fn year_figures(
    exports: &Exports<'_>,
    inputs: &Inputs<'_>,
    assessments_created: &[String],
    year: i32,
) -> ServiceResult<YearFigures> {
    let audit_entries = exports.audit().audit_count(&AuditFilter {
        from: Some(format!("{year:04}-01-01")),
        until: Some(format!("{year:04}-12-31")),
        ..AuditFilter::default()
    })?;
    let applied: Vec<&SweepReport> = inputs
        .sweeps
        .iter()
        .filter(|r| !r.dry_run && sweep_in_year(r, year))
        .collect();
    let closed: Vec<bool> = inputs
        .inbox
        .iter()
        .filter(|r| r.summary.closed_on.is_some_and(|d| d.year() == year))
        .filter_map(closed_on_time)
        .collect();
    let breaches: Vec<&Incident> = inputs
        .incidents
        .iter()
        .filter(|i| i.entry.aware_at.year() == year)
        .collect();
    let now = Utc::now();
    let with_status =
        |s: NotificationStatus| breaches.iter().filter(|i| i.entry.status(now) == s).count() as u64;
    Ok(YearFigures {
        audit_entries: audit_entries.max(0) as u64,
        sweeps_applied: applied.len() as u64,
        records_swept: applied.iter().map(|r| r.total_due() as u64).sum(),
        trainings_completed: inputs
            .trainings
            .iter()
            .filter(|t| t.completed_on.year() == year)
            .count() as u64,
        requests_received: inputs
            .inbox
            .iter()
            .filter(|r| r.summary.received.year() == year)
            .count() as u64,
        requests_closed: closed.len() as u64,
        requests_on_time: closed.iter().filter(|v| **v).count() as u64,
        vendors_reviewed: inputs
            .vendors
            .iter()
            .filter(|v| v.last_reviewed_on.is_some_and(|d| d.year() == year))
            .count() as u64,
        assessments_started: assessments_created
            .iter()
            .filter(|c| stamped_in(c, year))
            .count() as u64,
        breaches: breaches.len() as u64,
        breaches_notified_on_time: with_status(NotificationStatus::NotifiedOnTime),
        breaches_notified_late: with_status(NotificationStatus::NotifiedLate),
        breaches_not_notifiable: with_status(NotificationStatus::NotRequired),
    })
}

/// The annual accountability report for `year` against `year - 1`.
pub(super) fn accountability(
    exports: &Exports<'_>,
    inputs: &Inputs<'_>,
    year: i32,
    today: NaiveDate,
    subtitle: &str,
) -> ServiceResult<Document> {
    let assessments = exports.assessments().list(today)?;
    let created: Vec<String> = assessments.iter().map(|a| a.created_at.clone()).collect();
    let this = year_figures(exports, inputs, &created, year)?;
    let last = year_figures(exports, inputs, &created, year - 1)?;
    let profile = exports.settings().profile()?;
    let ropa = exports.records().ropa_context()?;
    let purposes = exports.consent().purposes()?;
    let now = CurrentFigures {
        dpo_named: !profile.dpo.is_empty(),
        users: crate::store::users::list(exports.store.db())?.len() as u64,
        retention_rules: exports
            .retention()
            .retention_rules()?
            .iter()
            .filter(|r| r.enabled)
            .count() as u64,
        trainings_due: inputs
            .trainings
            .iter()
            .filter(|t| t.renewal_due(today))
            .count() as u64,
        requests_overdue: exports.requests().request_counts(today)?.overdue,
        purposes: purposes.len() as u64,
        purposes_with_notice: purposes.iter().filter(|p| p.current_notice > 0).count() as u64,
        consents_given: inputs.counts.iter().map(|(_, c)| c.given).sum(),
        activities: ropa.activities.len() as u64,
        systems: ropa.systems.len() as u64,
        vendors: inputs.vendors.len() as u64,
        vendors_with_dpa: inputs
            .vendors
            .iter()
            .filter(|v| v.dpa == crate::domain::records::vendor::DpaStatus::Signed)
            .count() as u64,
        vendor_reviews_due: inputs.vendors.iter().filter(|v| v.due).count() as u64,
        assessments: assessments.len() as u64,
        overdue_measures: assessments.iter().map(|a| a.overdue_measures as u64).sum(),
        security_measures: exports.security().security_measures()?.len() as u64,
        security_reviews_due: exports.security().security_measures_due(today)?.len() as u64,
        audit_intact: inputs.audit_intact,
    };
    let mut doc = Document::new(format!("Accountability report {year}"), subtitle);
    doc.paragraph(format!(
        "What the records show for {year}, set against {last_year}, under the ten headings of the ICO Accountability Framework (ico.org.uk/for-organisations/accountability-framework/), which sets out what the accountability principle (UK GDPR and GDPR Art. 5(2) and 24(1)) expects of an organisation. A figure counted per year is shown for both years; a figure that describes the records as they stand today is shown under {year}, with “—” under {last_year}.",
        last_year = year - 1
    ));
    for section in sections(&last, &this, &now) {
        doc.heading(1, section.heading);
        doc.paragraph(section.about);
        doc.table(
            vec![
                "Measure".to_owned(),
                (year - 1).to_string(),
                year.to_string(),
            ],
            section
                .rows
                .into_iter()
                .map(|r| vec![r.label.to_owned(), r.last, r.this])
                .collect(),
        );
    }
    Ok(doc)
}
