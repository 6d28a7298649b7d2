//! Suppression lists: the people who must not be contacted for a purpose, as a list of email
//! addresses the business uploads to its email platform so that those people are skipped even
//! when they appear in another audience.
//!
//! Who is on a purpose's list today: everyone whose current consent for it (derived from the
//! ledger by [`current_state`](super::consent::current_state)) is withdrawn (GDPR Art. 7(3)),
//! expired, or stopped by a CCPA opt-out of sale/sharing, a limit on sensitive use or a Global
//! Privacy Control signal (Cal. Civ. Code § 1798.120, § 1798.121; 11 CCR § 7025). People who
//! gave consent, and people with no record, are not on it.
//!
//! People whose processing is **restricted** (GDPR Art. 18) are added to every list by the
//! export service, whatever their consent says, and so are the people whose objection stopped
//! the purpose (GDPR and UK GDPR Art. 21(1), (3): a decision recorded as stopped), and the
//! children whose consent nobody with parental responsibility authorised (GDPR and UK GDPR
//! Art. 8(1); a known under-16 never opted in, Cal. Civ. Code § 1798.120(c): see
//! [`children`](super::children)). People who
//! were **erased** (Art. 17) cannot be listed: the erasure keeps only the keyed blind index of
//! the email, from which no address can be written back; a later import of the address is
//! caught by that index instead.

use super::consent::ConsentState;

/// Whether a person in `state` for a purpose goes on that purpose's suppression list.
pub fn suppresses(state: &ConsentState) -> bool {
    match state {
        ConsentState::Withdrawn { .. }
        | ConsentState::Expired { .. }
        | ConsentState::OptedOut { .. } => true,
        ConsentState::NoRecord | ConsentState::Given { .. } => false,
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::domain::consent::Channel;

    #[test]
    fn state_table() {
        let at = Utc.with_ymd_and_hms(2025, 3, 1, 12, 0, 0).unwrap();
        for (state, expected) in [
            (ConsentState::NoRecord, false),
            (
                ConsentState::Given {
                    since: at,
                    confirmed_at: at,
                    notice_version: Some(1),
                    has_evidence: true,
                    channel: Channel::WebForm,
                },
                false,
            ),
            (ConsentState::Withdrawn { since: at }, true),
            (ConsentState::Expired { since: at }, true),
            (ConsentState::OptedOut { since: at }, true),
        ] {
            assert_eq!(suppresses(&state), expected, "{state:?}");
        }
    }
}
