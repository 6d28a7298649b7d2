//! `calendar export`: every deadline the officer keeps as an iCalendar file (RFC 5545), built
//! from the same rules the window shows: each open request's due date and, where still owed,
//! its CCPA acknowledgement day (11 CCR § 7021(a)); each open incident's 72-hour notification
//! deadline (GDPR Art. 33(1)); vendor reviews (Art. 28(3)(h)); the measures of assessment
//! action plans (Art. 35(7)(d)); training renewals (Art. 39(1)(b)); and the next retention
//! sweep (Art. 5(1)(e)). Events carry stable UIDs (see [`crate::domain::calendar`]).

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::access::Permission;
use crate::domain::assessment::MeasureStatus;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::calendar::{CalendarEntry, When, render, uid};
use crate::domain::request::acknowledgement;
use crate::services::ServiceResult;
use crate::services::requests::inbox_on;
use crate::services::retention::schedule_on;
use crate::services::security::status::security_status_on;
use crate::store::register_table::{self, Register};
use crate::store::{assessments, security};

use super::{AtomicFile, checked_extension, write_all};

impl super::Exports<'_> {
    /// Writes the deadlines open at `now` to `out` (which must end in `.ics`); returns how many
    /// events were written. One audit entry records the count.
    pub fn export_calendar(&self, out: &Path, now: DateTime<Utc>) -> ServiceResult<usize> {
        self.require(Permission::ExportReports)?;
        checked_extension(out, &["ics"])?;
        let entries = self.calendar_entries(now)?;
        let mut file = AtomicFile::create(out)?;
        write_all(&mut file, render(&entries, now).as_bytes())?;
        file.sync()?;
        self.record(
            AuditAction::CalendarExported,
            EntityRef::new("calendar", ""),
            format!("{} deadlines as ics", entries.len()),
        )?;
        file.publish()?;
        Ok(entries.len())
    }

    /// The deadlines open at `now`, soonest first.
    pub fn calendar_entries(&self, now: DateTime<Utc>) -> ServiceResult<Vec<CalendarEntry>> {
        self.require(Permission::ViewReports)?;
        let today = now.date_naive();
        let db = self.store.db();
        let snapshot = db.snapshot()?;
        let mut out = Vec::new();
        for row in inbox_on(&snapshot, today)? {
            let s = &row.summary;
            let open = row.urgency.is_some();
            if !open {
                continue;
            }
            let what = format!("{} {}", s.reference, s.kind.label());
            out.push(CalendarEntry {
                uid: uid("request-due", &s.id.to_string()),
                when: When::Day(row.deadline.due),
                summary: format!("{what}: due"),
                description: format!(
                    "Answer request {} by this day ({}).",
                    s.reference,
                    s.regime.label()
                ),
            });
            if let Some(by) = row.deadline.acknowledge_by
                && acknowledgement::pending(Some(by), s.acknowledged_on, open)
            {
                out.push(CalendarEntry {
                    uid: uid("request-acknowledge", &s.id.to_string()),
                    when: When::Day(by),
                    summary: format!("{what}: confirm receipt"),
                    description: acknowledgement::EXPLAIN.to_owned(),
                });
            }
        }
        let status = security_status_on(&snapshot, &self.keys.field, today, now)?;
        for c in &status.notification_clocks {
            out.push(CalendarEntry {
                uid: uid("breach-72h", &c.id.to_string()),
                when: When::At(c.deadline),
                summary: format!("{}: 72-hour breach notification deadline", c.reference),
                description: "Notify the supervisory authority within 72 hours of becoming aware, unless the breach is unlikely to result in a risk (GDPR Art. 33(1)).".into(),
            });
        }
        let far = NaiveDate::MAX;
        for (code, name, day) in
            register_table::due_on_or_before(&snapshot, Register::Vendors, far)?
        {
            out.push(CalendarEntry {
                uid: uid("vendor-review", &code),
                when: When::Day(day),
                summary: format!("Vendor review: {name}"),
                description:
                    "Review the vendor's safeguards and contract (GDPR Art. 28(1), 28(3)(h))."
                        .into(),
            });
        }
        for a in assessments::all(&snapshot, &self.keys.field)? {
            for m in &a.measures {
                let Some(due) = m.due_on.filter(|_| m.status != MeasureStatus::Done) else {
                    continue;
                };
                out.push(CalendarEntry {
                    uid: uid("assessment-measure", &format!("{}-{}", a.id, m.id)),
                    when: When::Day(due),
                    summary: format!("Measure {} of assessment \"{}\" due", m.id, a.title),
                    description: format!(
                        "{} (the assessment's action plan, GDPR Art. 35(7)(d)).",
                        m.title
                    ),
                });
            }
        }
        for t in security::renewals_due(&snapshot, far)? {
            out.push(CalendarEntry {
                uid: uid("training-renewal", &t.id.to_string()),
                when: When::Day(t.renew_on),
                summary: format!("Training renewal: {}", t.topic),
                description: "Renew the staff training (GDPR Art. 39(1)(b)).".into(),
            });
        }
        if let Some(next) = schedule_on(&snapshot, today)?.next_due {
            out.push(CalendarEntry {
                uid: uid("retention-sweep", "next"),
                when: When::Day(next),
                summary: "Retention sweep due".into(),
                description:
                    "Run the retention sweep: data kept no longer than needed (GDPR Art. 5(1)(e))."
                        .into(),
            });
        }
        drop(snapshot);
        out.sort_by_key(|e| match e.when {
            When::Day(d) => d.and_hms_opt(0, 0, 0).map(|t| t.and_utc()),
            When::At(t) => Some(t),
        });
        Ok(out)
    }
}
