//! Whether a person's consent fails because they are a child and nobody with parental
//! responsibility authorised it (the exclusion reason `child-without-parental-consent`).
//!
//! - GDPR and UK GDPR Art. 8(1): where processing rests on consent (Art. 6(1)(a)), a child's
//!   own consent below the applicable age (see [`super::threshold`]) is lawful only if given
//!   or authorised by the holder of parental responsibility. Privacy Desk cannot tell which
//!   purposes are information society services offered directly to a child, so it applies
//!   the rule to every consent-based purpose (the safe reading; Recital 38: children merit
//!   specific protection, in particular for marketing). Consent counts when one event of the
//!   consent in force (the `given` that started it or a later `refreshed`) was either made when
//!   the person was old enough or authorised by a parent.
//! - Cal. Civ. Code § 1798.120(c): a consumer the business knows to be under 16 is treated as
//!   opted out of sale and sharing unless they opted in themselves (13 to 15, 11 CCR § 7071) or
//!   a parent or guardian authorised it (under 13, 11 CCR § 7070) by a method § 7070(a)(2)
//!   lists. The opt-in must be in force (a later opt-out ends it; that is the opt-out's own
//!   reason).
//!
//! With no age on record the person is not known to be a child, and nothing changes.

use chrono::{DateTime, Utc};

use super::age::AgeThreshold;
use super::record::{AgeRecord, ConsentLine};
use crate::domain::consent::{ConsentEvent, ConsentEventKind, ConsentState, is_two_step_opt_in};
use crate::domain::organisation::Regime;
use crate::domain::purpose::{LegalBasis, Purpose};

/// What the rule needs to know about one person.
#[derive(Clone, Copy, Debug)]
pub struct ChildFacts<'a> {
    /// Their recorded age, if any.
    pub age: Option<&'a AgeRecord>,
    /// The thresholds of the business's regimes.
    pub thresholds: &'a [AgeThreshold],
    /// Their consenting events with the authorisations recorded on them.
    pub lines: &'a [ConsentLine],
}

impl ChildFacts<'_> {
    fn authorised(&self, e: &ConsentEvent, regime: Regime) -> bool {
        self.lines.iter().any(|l| {
            l.kind == e.kind
                && l.at == e.at
                && l.purpose == e.purpose
                && l.authorisation
                    .as_ref()
                    .is_some_and(|a| a.method.counts_for(regime))
        })
    }
}

/// Whether `purpose`'s consent `state` (derived from `events`) fails for want of a parent's
/// authorisation at `now`. Only a standing consent (`Given`) is judged: other states have their
/// own reasons.
pub fn child_consent_problem(
    facts: &ChildFacts<'_>,
    purpose: &Purpose,
    state: &ConsentState,
    events: &[ConsentEvent],
    now: DateTime<Utc>,
) -> bool {
    let (Some(age), ConsentState::Given { since, .. }) = (facts.age, state) else {
        return false;
    };
    let consent_age = facts
        .thresholds
        .iter()
        .filter(|t| matches!(t.regime, Regime::Gdpr | Regime::UkGdpr))
        .max_by_key(|t| t.age);
    if let Some(t) = consent_age
        && purpose.legal_basis == LegalBasis::Consent
    {
        let counts = events
            .iter()
            .filter(|e| e.purpose.as_ref() == Some(&purpose.code) && e.at >= *since)
            .filter(|e| {
                matches!(
                    e.kind,
                    ConsentEventKind::Given | ConsentEventKind::Refreshed
                )
            })
            .any(|e| !age.may_be_under(t.age, e.at.date_naive()) || facts.authorised(e, t.regime));
        if !counts {
            return true;
        }
    }
    let ccpa = facts
        .thresholds
        .iter()
        .find(|t| t.regime == Regime::CcpaCpra);
    if let Some(t) = ccpa
        && purpose.ccpa_sale_or_share
        && age.may_be_under(t.age, now.date_naive())
    {
        let parent_age = t.parent_age.unwrap_or(t.age);
        let latest_opt_in = events
            .iter()
            .filter(|e| is_two_step_opt_in(e))
            .max_by_key(|e| e.at);
        let opted_in = latest_opt_in.is_some_and(|e| {
            !age.may_be_under(parent_age, e.at.date_naive())
                || facts.authorised(e, Regime::CcpaCpra)
        });
        if !opted_in {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests;
