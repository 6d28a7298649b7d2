//! The review queue as a CSV for a re-permission campaign: the email, name, purpose, when the
//! consent was last confirmed and why it needs review, one row per consent, cells neutralised
//! against spreadsheet formulas. It holds personal data, so it follows the rules of every
//! export: permission, one audit entry without personal data, whole file or none.

use chrono::{DateTime, Utc};

use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::consent::ReviewReason;
use crate::services::{ServiceResult, neutralise_csv_cell};

use super::{AtomicFile, DataExportKind, DataExportSummary, PERMISSION, checked_extension};

fn reason_code(r: ReviewReason) -> &'static str {
    match r {
        ReviewReason::Stale => "stale",
        ReviewReason::OutdatedNotice => "outdated_notice",
        ReviewReason::NoEvidence => "no_evidence",
        ReviewReason::NoConsentRecord => "no_consent_record",
        ReviewReason::ChildWithoutParentalConsent => "child-without-parental-consent",
    }
}

impl super::Exports<'_> {
    /// Writes the consents that need review at `now` (refresh period `refresh_months`) to
    /// `out` (`.csv`), for asking those people to confirm again.
    pub fn export_review_list(
        &mut self,
        refresh_months: u32,
        now: DateTime<Utc>,
        out: &std::path::Path,
    ) -> ServiceResult<DataExportSummary> {
        self.require(PERMISSION)?;
        checked_extension(out, &["csv"])?;
        let mut file = AtomicFile::create(out)?;
        let queue = self.consent().review_queue(refresh_months, now)?;
        // Restricted people (GDPR Art. 18) must not be contacted for a campaign.
        let restricted = crate::store::rectification::restricted_ids(self.store.db())?;
        let mut count = 0u64;
        {
            let mut w = csv::Writer::from_writer(file.writer()?);
            let mut rows = vec![vec![
                "email".to_owned(),
                "name".to_owned(),
                "purpose".to_owned(),
                "confirmed_at".to_owned(),
                "reasons".to_owned(),
            ]];
            for item in queue.iter().filter(|i| !restricted.contains(&i.subject)) {
                let Some(subject) = self.subjects().subject(item.subject)? else {
                    continue;
                };
                let reasons: Vec<&str> = item.reasons.iter().map(|r| reason_code(*r)).collect();
                rows.push(vec![
                    subject.fields.email.trim().to_owned(),
                    subject.fields.name.clone(),
                    item.purpose.to_string(),
                    item.confirmed_at
                        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    reasons.join(" "),
                ]);
                count += 1;
            }
            let written: Result<(), csv::Error> = rows.iter().try_for_each(|row| {
                w.write_record(row.iter().map(|c| neutralise_csv_cell(c).into_owned()))
            });
            let flushed = written.and_then(|()| w.flush().map_err(csv::Error::from));
            // The rows held personal data: wipe them before reporting anything.
            for row in &mut rows {
                for cell in row.iter_mut() {
                    zeroize::Zeroize::zeroize(cell);
                }
            }
            drop(w);
            flushed.map_err(|e| file.error(&std::io::Error::other(e)))?;
        }
        file.sync()?;
        self.record(
            AuditAction::PersonalDataExported,
            EntityRef::new("review_queue", ""),
            format!(
                "{} list: {count} consents as csv, refresh period {refresh_months} months",
                DataExportKind::Repermission.code()
            ),
        )?;
        file.publish()?;
        Ok(DataExportSummary {
            path: out.to_owned(),
            kind: DataExportKind::Repermission,
            count,
        })
    }
}
