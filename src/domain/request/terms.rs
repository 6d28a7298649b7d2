//! The terms recorded on a request beyond its workflow: the CCPA "know" verification
//! (`super::know`) and a fee charged (`super::fee`).

use chrono::NaiveDate;

use super::fee::FeeReason;
use super::know::KnowVerification;

/// A fee charged on a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fee {
    /// The amount in minor units (cents, pence).
    pub minor: u32,
    /// The currency (ISO 4217 code).
    pub currency: &'static str,
    /// Why.
    pub reason: FeeReason,
    /// The day it was asked for.
    pub on: NaiveDate,
}

/// What is recorded on one request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RequestTerms {
    /// The CCPA know verification (zero data points, no declaration when none recorded).
    pub verification: KnowVerification,
    /// The fee, if one was charged.
    pub fee: Option<Fee>,
}
