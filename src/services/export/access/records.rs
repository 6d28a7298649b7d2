//! What an access package says about the processing ([`crate::domain::disclosure`]), read
//! from the store's own registers: the record of processing, the vendor register, the
//! taxonomy, the retention rules applied to this person today, the customer relationship and
//! the controller's statement on automated decision-making.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::consent::{Channel, ConsentEvent};
use crate::domain::disclosure::ccpa::{KnowCategories, know_categories};
use crate::domain::disclosure::retention::{RetentionLine, person_retention};
use crate::domain::disclosure::{Disclosure, Inputs, disclose};
use crate::domain::organisation::Regime;
use crate::domain::purpose::{Purpose, PurposeCode};
use crate::domain::request::know::KnowLevel;
use crate::domain::retention::RecordFacts;
use crate::domain::retention::hold::HoldTarget;
use crate::services::{ServiceError, ServiceResult};
use crate::store::retention_facts;

use super::RequestLine;

/// The processing facts of one person's package.
pub(in crate::services::export) struct Processing {
    /// Purposes, categories, recipients, transfers (Art. 15(1)(a)–(c), 15(2)).
    pub disclosure: Disclosure,
    /// The retention rules as they apply to the person today (Art. 15(1)(d)).
    pub retention: Vec<RetentionLine>,
    /// The CCPA request-to-know categories, when the package answers under the CCPA.
    pub know: Option<KnowCategories>,
    /// The controller's statement on automated decision-making (Art. 15(1)(h)).
    pub automated: Option<String>,
}

impl super::super::Exports<'_> {
    /// Reads the processing facts of `subject` on `today`.
    pub(super) fn processing(
        &self,
        subject: Uuid,
        events: &[ConsentEvent],
        requests: &[RequestLine],
        regimes: &[Regime],
        today: NaiveDate,
    ) -> ServiceResult<Processing> {
        let catalogue: Vec<Purpose> = self
            .consent()
            .purposes()?
            .into_iter()
            .map(|row| row.purpose)
            .collect();
        let activities = self.records().activities()?;
        let vendors = self.vendors().list()?;
        let taxonomy = self.records().data_taxonomy()?;
        let customer = self.retention().customer_relationship(subject)?;
        let ledger: BTreeSet<PurposeCode> =
            events.iter().filter_map(|e| e.purpose.clone()).collect();
        let disclosure = disclose(&Inputs {
            ledger_purposes: &ledger,
            customer,
            catalogue: &catalogue,
            activities: &activities,
            vendors: &vendors,
            taxonomy: &taxonomy,
        });
        let dates = retention_facts::subject_dates(self.store.db(), subject)?;
        let request_day = requests
            .iter()
            .map(|r| r.closed.unwrap_or(r.received).max(r.received))
            .max();
        let base = RecordFacts {
            created: dates.map(|d| d.created),
            last_activity: [
                dates.map(|d| d.updated),
                events.last().map(|e| e.at.date_naive()),
                request_day,
            ]
            .into_iter()
            .flatten()
            .max(),
            relationship_ended: customer.until,
            customer_since: customer.since,
            held: self
                .retention()
                .is_held(HoldTarget::Subject(subject), today)?,
            // As a sweep reads it: a request open, or closed with its file still kept.
            open_request: requests.iter().any(|r| !r.state.is_closed() || r.file_kept),
            ..RecordFacts::default()
        };
        let rules = self.retention().retention_rules()?;
        let retention = person_retention(
            &rules,
            &catalogue,
            events,
            &base,
            &disclosure.retention_rules,
            today,
        );
        let know = regimes.contains(&Regime::CcpaCpra).then(|| {
            let channels: Vec<Channel> = events.iter().map(|e| e.channel).collect();
            know_categories(&disclosure, &channels)
        });
        Ok(Processing {
            disclosure,
            retention,
            know,
            automated: self.settings().automated_decisions()?,
        })
    }

    /// Whether the package answering `request` may disclose specific pieces: always, except
    /// for a CCPA request to know, where it takes the "specific" verification level
    /// (11 CCR § 7062(c)); at "categories" only the categories go out (§ 7062(b), § 7024);
    /// below that nothing does, and the export is refused naming what to record or do.
    pub(super) fn specific_pieces_allowed(&self, request: Uuid) -> ServiceResult<bool> {
        let Some((_, level)) = self.requests().know_verification(request)? else {
            return Ok(true);
        };
        match level {
            KnowLevel::Specific => Ok(true),
            KnowLevel::Categories => Ok(false),
            KnowLevel::None => Err(ServiceError::invalid(
                "Request",
                format!(
                    "this CCPA request to know is not verified: {} Record what matched with `request verify REF --data-points N [--signed-declaration]`, or refuse it on identity-not-verified.",
                    level.explain()
                ),
            )),
        }
    }
}
