//! A request as the inbox and its lists show it.

use chrono::NaiveDate;
use uuid::Uuid;

use super::{RequestState, RequestType};
use crate::domain::organisation::Regime;

/// The plain facts of a request: enough for the inbox, the Dashboard and deadlines, without
/// opening anything sealed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestSummary {
    /// Random id.
    pub id: Uuid,
    /// Short reference.
    pub reference: String,
    /// The subject, unless erased.
    pub subject_id: Option<Uuid>,
    /// Regime.
    pub regime: Regime,
    /// Type.
    pub kind: RequestType,
    /// State.
    pub state: RequestState,
    /// Day of receipt.
    pub received: NaiveDate,
    /// The day identity/clarification was last asked for.
    pub identity_asked_on: Option<NaiveDate>,
    /// Identity/clarification day.
    pub clock_start: Option<NaiveDate>,
    /// The day a clarification still unanswered was asked for.
    pub clarification_asked_on: Option<NaiveDate>,
    /// The day the last clarification arrived.
    pub clarified_on: Option<NaiveDate>,
    /// The days the clock stood still for clarifications (UK GDPR Art. 12A), added to the due
    /// dates ([`super::clarification::shift`]).
    pub clarification_paused_days: u32,
    /// The day receipt was confirmed (CCPA, 11 CCR § 7021(a)).
    pub acknowledged_on: Option<NaiveDate>,
    /// Whether extended.
    pub extended: bool,
    /// Day closed.
    pub closed_on: Option<NaiveDate>,
    /// Whether a retention rule has anonymised the file.
    pub anonymised: bool,
}
