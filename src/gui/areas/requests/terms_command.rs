//! The request page's legal steps beyond the workflow buttons (issue 16): the CCPA "know"
//! verification, a fee, the clarification step, the CCPA confirmation of receipt and the
//! decisions on an objection. Wrapped in [`super::command::RequestCommand::Terms`] and applied
//! by `apply_terms.rs` through the Requests front.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::request::fee::FeeReason;
use crate::domain::request::know::KnowVerification;
use crate::domain::request::objection::ObjectionDecision;

/// A legal step asked for on a request's page.
#[derive(Debug)]
#[must_use]
pub enum TermsCommand {
    /// Identity arrived on `on` for a CCPA request to know, with what was verified
    /// (11 CCR § 7062(b)–(c)).
    VerifyKnow {
        /// The request.
        id: Uuid,
        /// The day the identity arrived.
        on: NaiveDate,
        /// Data points matched and the signed declaration.
        verification: KnowVerification,
    },
    /// A reasonable fee asked for (Art. 12(5)(a), 15(3); Civ. Code § 1798.145(h)(3)).
    ChargeFee {
        /// The request.
        id: Uuid,
        /// Why.
        reason: FeeReason,
        /// The amount in minor units (cents, pence).
        minor: u32,
        /// EUR, GBP or USD.
        currency: String,
        /// The day it was asked for.
        on: NaiveDate,
    },
    /// The person was asked on `on` to clarify their request.
    AskClarification {
        /// The request.
        id: Uuid,
        /// The day asked.
        on: NaiveDate,
    },
    /// The clarification arrived on `on`.
    Clarified {
        /// The request.
        id: Uuid,
        /// The day it arrived.
        on: NaiveDate,
    },
    /// Receipt of a CCPA request was confirmed on `on` (11 CCR § 7021(a)).
    Acknowledge {
        /// The request.
        id: Uuid,
        /// The day receipt was confirmed.
        on: NaiveDate,
    },
    /// Parts of an erasure or delete request kept on exceptions (Art. 17(3); Cal. Civ. Code
    /// § 1798.105(d)); the rest is erased.
    KeepParts {
        /// The request.
        id: Uuid,
        /// Each part (a system's name or a data category's code) with its exception's code.
        parts: Vec<(String, String)>,
        /// Why the exceptions apply.
        reason: String,
        /// The day decided.
        on: NaiveDate,
    },
    /// The decision for one purpose an objection reaches (Art. 21(1)).
    DecideObjection {
        /// The objection request.
        id: Uuid,
        /// The decision (its `decided_by` is set by the service).
        decision: ObjectionDecision,
    },
}
