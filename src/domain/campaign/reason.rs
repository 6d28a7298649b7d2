//! Why an address of an audience may not be emailed for a purpose today, in the order the
//! checks are made (the first that applies is the reason given).

use chrono::{DateTime, Months, Utc};
use serde::Serialize;

use crate::domain::consent::{ConsentEvent, ConsentEventKind, ConsentState};

/// Why an address was left out of the clean audience.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum ExclusionReason {
    /// The cell is empty or not an email address.
    InvalidEmail,
    /// The address already appeared earlier in the file (kept once).
    Duplicate,
    /// The person was erased (GDPR Art. 17): the erasure's keyed fingerprint of the address
    /// matches.
    Erased,
    /// The address is unknown to the register: no consent can be demonstrated (Art. 7(1)).
    NoRecord,
    /// Processing is restricted (GDPR Art. 18(1)): nothing but storage.
    Restricted,
    /// The person objected and the officer recorded that processing for this purpose stops
    /// for them (GDPR and UK GDPR Art. 21(1); direct marketing always stops, Art. 21(3)).
    Objected,
    /// The address bounces (marked undeliverable).
    Undeliverable,
    /// The person is known but never consented to this purpose (or has not confirmed a
    /// double opt-in yet).
    NoConsent,
    /// Consent was withdrawn (GDPR Art. 7(3)).
    Withdrawn,
    /// Consent lapsed (marked expired).
    Expired,
    /// An opt-out of sale or sharing, or a limit on sensitive use (Cal. Civ. Code
    /// §§ 1798.120, 1798.121).
    OptedOut,
    /// A Global Privacy Control signal, an opt-out (11 CCR § 7025).
    Gpc,
    /// Consent was not given or refreshed within the refresh period, so it is not current
    /// (ICO, "Consent", keeping consent under review; EDPB Guidelines 05/2020 § 110).
    Stale,
    /// The person is a child below the applicable age and no parent or guardian authorised the
    /// consent (GDPR and UK GDPR Art. 8(1)), or a known under-16 never opted in to sale or
    /// sharing (Cal. Civ. Code § 1798.120(c)): see `domain::children`.
    ChildWithoutParentalConsent,
}

impl ExclusionReason {
    /// Every reason, in the order the checks are made.
    pub const ALL: [ExclusionReason; 14] = [
        Self::InvalidEmail,
        Self::Duplicate,
        Self::Erased,
        Self::NoRecord,
        Self::Restricted,
        Self::Objected,
        Self::Undeliverable,
        Self::NoConsent,
        Self::Withdrawn,
        Self::Expired,
        Self::OptedOut,
        Self::Gpc,
        Self::ChildWithoutParentalConsent,
        Self::Stale,
    ];

    /// The stable code, used in JSON, the suppression file and the send record.
    pub fn code(self) -> &'static str {
        match self {
            Self::InvalidEmail => "invalid-email",
            Self::Duplicate => "duplicate",
            Self::Erased => "erased",
            Self::NoRecord => "no-record",
            Self::Restricted => "restricted",
            Self::Objected => "objected",
            Self::Undeliverable => "undeliverable",
            Self::NoConsent => "no-consent",
            Self::Withdrawn => "withdrawn",
            Self::Expired => "expired",
            Self::OptedOut => "opted-out",
            Self::Gpc => "gpc",
            Self::Stale => "stale",
            Self::ChildWithoutParentalConsent => "child-without-parental-consent",
        }
    }

    /// The reason with this code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// What the register says about one person (one subject record) found by the address.
#[derive(Clone, Copy, Debug)]
pub struct AddressFacts<'a> {
    /// Their processing is restricted.
    pub restricted: bool,
    /// Their objection stopped processing for this purpose (Art. 21(1), (3)).
    pub objected: bool,
    /// Their address is marked undeliverable.
    pub undeliverable: bool,
    /// Their current consent for the purpose.
    pub state: &'a ConsentState,
    /// All their consent events (to tell a GPC signal from an opt-out).
    pub events: &'a [ConsentEvent],
    /// Their consent for the purpose fails because they are a child without a parent's
    /// authorisation (`domain::children::child_consent_problem`).
    pub child_without_parent: bool,
}

/// Whether one person may be emailed for the purpose at `now` (`Ok`), or why not. Consent must
/// have been given or refreshed within `refresh_months`.
pub fn verdict(
    facts: &AddressFacts<'_>,
    refresh_months: u32,
    now: DateTime<Utc>,
) -> Result<(), ExclusionReason> {
    if facts.restricted {
        return Err(ExclusionReason::Restricted);
    }
    if facts.objected {
        return Err(ExclusionReason::Objected);
    }
    if facts.undeliverable {
        return Err(ExclusionReason::Undeliverable);
    }
    match facts.state {
        ConsentState::NoRecord => Err(ExclusionReason::NoConsent),
        ConsentState::Withdrawn { .. } => Err(ExclusionReason::Withdrawn),
        ConsentState::Expired { .. } => Err(ExclusionReason::Expired),
        ConsentState::OptedOut { .. } => Err(opt_out_reason(facts.events)),
        ConsentState::Given { .. } if facts.child_without_parent => {
            Err(ExclusionReason::ChildWithoutParentalConsent)
        }
        ConsentState::Given { confirmed_at, .. } => {
            let due = confirmed_at.checked_add_months(Months::new(refresh_months));
            if due.is_none_or(|d| d <= now) {
                Err(ExclusionReason::Stale)
            } else {
                Ok(())
            }
        }
    }
}

/// `Gpc` when the person's latest opt-out or limit came as a Global Privacy Control signal,
/// else `OptedOut`.
fn opt_out_reason(events: &[ConsentEvent]) -> ExclusionReason {
    let latest = events
        .iter()
        .filter(|e| {
            matches!(
                e.kind,
                ConsentEventKind::OptedOutOfSaleOrSharing
                    | ConsentEventKind::GlobalPrivacyControl
                    | ConsentEventKind::LimitedSensitiveUse
            )
        })
        .max_by_key(|e| e.at);
    match latest.map(|e| e.kind) {
        Some(ConsentEventKind::GlobalPrivacyControl) => ExclusionReason::Gpc,
        _ => ExclusionReason::OptedOut,
    }
}
