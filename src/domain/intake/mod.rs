//! Mailbox intake: emails to the privacy address become **proposals**: the sender, the day of
//! receipt, the subject line, the request type their words propose (rules as data in
//! `assets/intake.toml`), and whether they follow up a request already taken in.
//!
//! [`parse`] reads a message (and splits an mbox file), [`rules`] loads the phrases,
//! [`classify`] proposes a type, [`follow_up`] decides whether a message belongs to an
//! existing request; [`form`] reads the bodies the self-service pages send. The officer accepts a proposal (opening a request), or dismisses it.

pub mod account;
pub mod classify;
pub mod follow_up;
pub mod form;
pub mod language;
pub mod parse;
pub mod rules;

#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use uuid::Uuid;

use super::organisation::Regime;
use super::request::RequestType;

pub use account::ImapAccount;
pub use classify::{Classification, classify, same_right, type_under};
pub use form::{FormKind, FormSubmission, PurposeChoice};
pub use parse::{Email, is_mbox, parse_email, split_mbox};
pub use rules::IntakeRules;

/// Where a proposal stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProposalStatus {
    /// A type was proposed; waiting for the officer.
    Proposed,
    /// Accepted: a request was opened from it.
    Accepted,
    /// Dismissed by the officer.
    Dismissed,
    /// No type was recognised (or bulk mail); waiting to be dismissed or accepted with a type.
    NotARequest,
    /// A reply or a repeat about a request already taken in; attached to that request.
    FollowUp,
}

impl ProposalStatus {
    /// Every status.
    pub const ALL: [ProposalStatus; 5] = [
        Self::Proposed,
        Self::Accepted,
        Self::Dismissed,
        Self::NotARequest,
        Self::FollowUp,
    ];

    /// Stable code, as stored and printed.
    pub fn code(self) -> &'static str {
        match self {
            Self::Proposed => "proposed",
            Self::Accepted => "accepted",
            Self::Dismissed => "dismissed",
            Self::NotARequest => "not-a-request",
            Self::FollowUp => "follow-up",
        }
    }

    /// The status for a code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Whether the officer still has to decide (accept or dismiss).
    pub fn is_pending(self) -> bool {
        matches!(self, Self::Proposed | Self::NotARequest)
    }
}

/// A message taken in, as stored (the sealed fields opened).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposal {
    /// Random id.
    pub id: Uuid,
    /// Short number for the command line (`M-0001`).
    pub number: i64,
    /// Where it stands.
    pub status: ProposalStatus,
    /// The sender's address.
    pub from: String,
    /// The sender's display name.
    pub from_name: String,
    /// The subject line.
    pub subject: String,
    /// The day of receipt (UTC).
    pub received: NaiveDate,
    /// The proposed type.
    pub proposed_type: Option<RequestType>,
    /// The regime the message names.
    pub proposed_regime: Option<Regime>,
    /// The rule phrase that matched.
    pub matched_phrase: Option<String>,
    /// The request it follows up.
    pub follow_up_of: Option<Uuid>,
    /// The request opened from it.
    pub accepted_request: Option<Uuid>,
}

impl Proposal {
    /// The short reference (`M-0001`).
    pub fn reference(&self) -> String {
        reference(self.number)
    }
}

/// The short reference of proposal number `n`.
pub fn reference(n: i64) -> String {
    format!("M-{n:04}")
}

/// The proposal number in a reference (`M-0001`, `m-1` or `1`).
pub fn number_of(text: &str) -> Option<i64> {
    let t = text.trim();
    let digits = t
        .strip_prefix("M-")
        .or_else(|| t.strip_prefix("m-"))
        .unwrap_or(t);
    digits.parse().ok().filter(|n| *n > 0)
}
