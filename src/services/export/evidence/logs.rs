//! The logs of the evidence bundle as report documents: requests (references, never names),
//! consent per purpose, breaches, vendor reviews, training, retention sweeps and the audit
//! verification. Each holds only what the app's own screens and reports already show, and the
//! request log and breach log leave out every free-text field (facts, outcomes, reasons),
//! where personal details could have been written.

use chrono::{Datelike, NaiveDate, Utc};

use crate::domain::accountability::share;
use crate::domain::audit::VerifyReport;
use crate::domain::records::incident::Incident;
use crate::domain::records::training::Training;
use crate::domain::retention::report::SweepReport;
use crate::report::Document;
use crate::services::{ConsentCounts, InboxRow, VendorSummary};

/// A day as `YYYY-MM-DD`, or "—".
fn day(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_else(|| "—".to_owned())
}

/// Whether a request was closed on or before its due date: `Some(true/false)` once closed.
pub fn closed_on_time(row: &InboxRow) -> Option<bool> {
    row.summary.closed_on.map(|c| c <= row.deadline.due)
}

/// The request log for `year`: every request received in it, by reference, with its type,
/// law, dates and whether it was answered on time; the share on time above the table.
pub fn requests(rows: &[InboxRow], year: i32, subtitle: &str) -> Document {
    let mut rows: Vec<&InboxRow> = rows
        .iter()
        .filter(|r| r.summary.received.year() == year)
        .collect();
    rows.sort_by(|a, b| a.summary.reference.cmp(&b.summary.reference));
    let closed: Vec<bool> = rows.iter().filter_map(|r| closed_on_time(r)).collect();
    let on_time = closed.iter().filter(|v| **v).count() as u64;
    let mut doc = Document::new(format!("Request log {year}"), subtitle);
    doc.paragraph(
        "Requests from people received in the year, by reference: names and contact details are left out. A request counts as answered on time when it was closed (completed or refused) on or before its due date, extensions included (GDPR and UK GDPR Art. 12(3); Cal. Civ. Code § 1798.130(a)(2)).",
    );
    doc.fields([
        ("Requests received", rows.len().to_string()),
        ("Closed", closed.len().to_string()),
        ("Answered on time", share(on_time, closed.len() as u64)),
        (
            "Still open",
            rows.iter()
                .filter(|r| r.summary.closed_on.is_none())
                .count()
                .to_string(),
        ),
    ]);
    doc.table(
        [
            "Reference",
            "Law",
            "Type",
            "Received",
            "Due",
            "Closed",
            "State",
            "On time",
        ]
        .map(String::from)
        .to_vec(),
        rows.iter()
            .map(|r| {
                let s = &r.summary;
                vec![
                    s.reference.clone(),
                    s.regime.label().to_owned(),
                    s.kind.label().to_owned(),
                    s.received.to_string(),
                    r.deadline.due.to_string(),
                    day(s.closed_on),
                    s.state.label().to_owned(),
                    match closed_on_time(r) {
                        Some(true) => "yes",
                        Some(false) => "no",
                        None => "open",
                    }
                    .to_owned(),
                ]
            })
            .collect(),
    );
    doc
}

/// Consent figures per purpose, as they stand today.
pub fn consent(counts: &[(String, ConsentCounts)], subtitle: &str) -> Document {
    let mut doc = Document::new("Consent by purpose", subtitle);
    doc.paragraph("How many people are in each state for each purpose on the day of the bundle: consent given and standing, withdrawn (Art. 7(3)), lapsed, and stopped by a CCPA opt-out or a Global Privacy Control signal.");
    doc.table(
        ["Purpose", "Given", "Withdrawn", "Lapsed", "Opted out"]
            .map(String::from)
            .to_vec(),
        counts
            .iter()
            .map(|(purpose, c)| {
                vec![
                    purpose.clone(),
                    c.given.to_string(),
                    c.withdrawn.to_string(),
                    c.expired.to_string(),
                    c.opted_out.to_string(),
                ]
            })
            .collect(),
    );
    doc
}

/// The breach log for `year` (breaches the business became aware of in it): references,
/// dates, the risk, the notifications; the free-text facts stay in the store.
pub fn breaches(incidents: &[Incident], year: i32, subtitle: &str) -> Document {
    let now = Utc::now();
    let mut doc = Document::new(format!("Breach log {year}"), subtitle);
    doc.paragraph("Personal data breaches the business became aware of in the year (GDPR and UK GDPR Art. 33(5)): when, the risk assessed, whether and when the supervisory authority and the people concerned were told. The facts, effects and remedial action are kept in the store and shown to the authority on request.");
    let rows: Vec<Vec<String>> = incidents
        .iter()
        .filter(|i| i.entry.aware_at.year() == year)
        .map(|i| {
            let e = &i.entry;
            vec![
                i.reference(),
                e.aware_at.format("%Y-%m-%d %H:%M UTC").to_string(),
                e.details.risk.label().to_owned(),
                e.details
                    .people_affected
                    .map(|n| n.to_string())
                    .unwrap_or_else(|| "unknown".to_owned()),
                e.status(now).label().to_owned(),
                e.authority_notified_at
                    .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
                    .unwrap_or_else(|| "—".to_owned()),
                if e.subjects_notified { "yes" } else { "no" }.to_owned(),
                day(i.closed_on),
            ]
        })
        .collect();
    if rows.is_empty() {
        doc.paragraph("No breach was logged in the year.");
    } else {
        doc.table(
            [
                "Reference",
                "Aware",
                "Risk",
                "People",
                "Notification",
                "Authority told",
                "People told",
                "Closed",
            ]
            .map(String::from)
            .to_vec(),
            rows,
        );
    }
    doc
}

/// Vendors, their data processing agreements and reviews.
pub fn vendors(summaries: &[VendorSummary], subtitle: &str) -> Document {
    let mut doc = Document::new("Vendor reviews", subtitle);
    doc.paragraph("Every vendor on record with its role, its data processing agreement (Art. 28(3)), the risk rating of its due diligence, and its last and next review.");
    doc.table(
        [
            "Vendor",
            "Role",
            "Agreement",
            "Signed",
            "Risk",
            "Last review",
            "Next review",
        ]
        .map(String::from)
        .to_vec(),
        summaries
            .iter()
            .map(|v| {
                vec![
                    format!("{} {}", v.code, v.name),
                    v.role.label().to_owned(),
                    v.dpa.label().to_owned(),
                    day(v.dpa_signed_on),
                    v.rating.label().to_owned(),
                    day(v.last_reviewed_on),
                    format!(
                        "{}{}",
                        day(v.next_review_on),
                        if v.due { " (due)" } else { "" }
                    ),
                ]
            })
            .collect(),
    );
    doc
}

/// Training completed in `year`.
pub fn training(trainings: &[Training], year: i32, today: NaiveDate, subtitle: &str) -> Document {
    let mut doc = Document::new(format!("Training {year}"), subtitle);
    doc.paragraph("Data protection training completed in the year, with its renewal.");
    let rows: Vec<Vec<String>> = trainings
        .iter()
        .filter(|t| t.completed_on.year() == year)
        .map(|t| {
            vec![
                t.trainee.clone(),
                t.topic.clone(),
                t.completed_on.to_string(),
                day(t.renew_on),
                t.renewal(today).label().to_owned(),
            ]
        })
        .collect();
    if rows.is_empty() {
        doc.paragraph("No training was recorded in the year.");
    } else {
        doc.table(
            ["Trainee", "Topic", "Completed", "Renew by", "Renewal"]
                .map(String::from)
                .to_vec(),
            rows,
        );
    }
    doc
}

/// Whether a sweep report started in `year`.
pub fn sweep_in_year(report: &SweepReport, year: i32) -> bool {
    report.started_at.starts_with(&format!("{year:04}-"))
}

/// Retention sweeps run in `year`: when, by whom, how it ended, and per rule how many
/// records were due and how many a hold kept.
pub fn sweeps(reports: &[SweepReport], year: i32, subtitle: &str) -> Document {
    let mut doc = Document::new(format!("Retention sweeps {year}"), subtitle);
    doc.paragraph("Each run of the retention policy in the year: a dry run only lists what is due; an applied sweep deletes or anonymises it. Records kept by a legal hold or an open request are counted apart.");
    let rows: Vec<Vec<String>> = reports
        .iter()
        .filter(|r| sweep_in_year(r, year))
        .map(|r| {
            vec![
                r.started_at
                    .chars()
                    .take(16)
                    .collect::<String>()
                    .replace('T', " "),
                if r.dry_run { "dry run" } else { "applied" }.to_owned(),
                r.outcome.code().to_owned(),
                r.run_by.clone(),
                r.total_due().to_string(),
                r.total_held().to_string(),
            ]
        })
        .collect();
    if rows.is_empty() {
        doc.paragraph("No sweep was run in the year.");
    } else {
        doc.table(
            ["Started", "Kind", "Outcome", "Run by", "Due", "Held"]
                .map(String::from)
                .to_vec(),
            rows,
        );
    }
    doc
}

/// The audit verification: the chain checked entry by entry, the protected rows against their
/// tags, and the head.
pub fn audit(report: &VerifyReport, head: (i64, &str), subtitle: &str) -> Document {
    let mut doc = Document::new("Audit verification", subtitle);
    doc.paragraph("Every entry of the audit trail carries a MAC over the entry before it, and the last entry is recorded in the store's header; the records that matter carry a tag over their plain columns. The check below walked the whole chain and every tagged row when the bundle was made.");
    doc.fields([
        (
            "Result",
            if report.is_intact() {
                "intact".to_owned()
            } else {
                "NOT intact".to_owned()
            },
        ),
        ("Entries checked", report.checked.to_string()),
        (
            "First break",
            report
                .first_break
                .as_ref()
                .map(|b| b.to_string())
                .unwrap_or_else(|| "none".to_owned()),
        ),
        (
            "Rows checked against their tags",
            report.rows_checked.to_string(),
        ),
        (
            "Rows changed outside the app",
            report.changed_rows.len().to_string(),
        ),
        ("Chain head: entry", head.0.to_string()),
        ("Chain head: MAC", head.1.to_owned()),
    ]);
    doc
}
