//! Whether a retention rule reaches a record today, from plain facts (dates and flags that need
//! no decryption). Holds and open requests always win over a rule.

use chrono::NaiveDate;

use super::{Condition, FromEvent, RetentionRule};
use crate::domain::consent::{ConsentEvent, ConsentEventKind, ConsentState, current_state};
use crate::domain::purpose::Purpose;

/// What is known about one record, for one rule's purpose.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RecordFacts {
    /// When the record was created (a person recorded, an event recorded, a request received).
    pub created: Option<NaiveDate>,
    /// The last thing that happened to the person.
    pub last_activity: Option<NaiveDate>,
    /// When the consent in scope ended (withdrawn, expired, opted out), if it has.
    pub consent_ended: Option<NaiveDate>,
    /// When the request was closed.
    pub request_closed: Option<NaiveDate>,
    /// When the customer relationship ended, as recorded.
    pub relationship_ended: Option<NaiveDate>,
    /// When the person became a customer, as recorded.
    pub customer_since: Option<NaiveDate>,
    /// Whether a sign-up in scope awaits its double opt-in.
    pub pending_sign_up: bool,
    /// Whether the person ever gave consent in scope.
    pub ever_consented: bool,
    /// Whether a consent in scope stands today.
    pub active_consent: bool,
    /// Whether a legal hold covers the record.
    pub held: bool,
    /// Whether a request about the person is still open, or closed but its file (with their
    /// details) still kept: the person stays until the request file's own rule has run.
    pub open_request: bool,
}

/// A rule's verdict on one record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The rule does not concern this record (condition not met, event not happened).
    NotApplicable,
    /// The period runs until this day.
    NotYet(NaiveDate),
    /// The period is over but a legal hold keeps the record.
    Held,
    /// The period is over but a request about the person is open or its file still kept.
    OpenRequest,
    /// The period ended on this day: the rule's action applies.
    Due(NaiveDate),
    /// The period is over but the record is still kept (see `retention::keep`).
    Kept(super::kept::KeptBy),
}

impl RecordFacts {
    /// Whether the person is a customer on `today`: a relationship recorded as started on
    /// or before it and not ended by it (an end recorded for a later day still runs).
    pub fn is_current_customer(&self, today: NaiveDate) -> bool {
        crate::domain::customer::CustomerRelationship {
            since: self.customer_since,
            until: self.relationship_ended,
        }
        .is_current(today)
    }
}

/// The rule's verdict on a record with `facts`, on `today`.
pub fn evaluate(rule: &RetentionRule, facts: &RecordFacts, today: NaiveDate) -> Verdict {
    let condition_met = match rule.condition {
        Condition::Any => true,
        Condition::NeverConsented => !facts.ever_consented,
        Condition::NoActiveConsent => !facts.active_consent,
        Condition::PendingDoubleOptIn => facts.pending_sign_up && !facts.ever_consented,
    };
    if !condition_met {
        return Verdict::NotApplicable;
    }
    let start = match rule.from {
        FromEvent::Creation => facts.created,
        FromEvent::LastActivity => facts.last_activity.or(facts.created),
        FromEvent::ConsentWithdrawal if facts.active_consent => None,
        FromEvent::ConsentWithdrawal => facts.consent_ended,
        FromEvent::RequestClosure => facts.request_closed,
        FromEvent::RelationshipEnd => facts.relationship_ended,
    };
    let Some(start) = start else {
        return Verdict::NotApplicable;
    };
    let end = rule.period.end(start);
    if end > today {
        Verdict::NotYet(end)
    } else if facts.held {
        Verdict::Held
    } else if facts.open_request {
        Verdict::OpenRequest
    } else {
        Verdict::Due(end)
    }
}

/// One person's consent facts for one purpose.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PurposeFacts {
    /// Whether they ever gave (or refreshed) consent for it.
    pub ever: bool,
    /// Whether consent stands today.
    pub active: bool,
    /// When it ended (withdrawn, expired, opted out), if it has.
    pub ended: Option<NaiveDate>,
    /// Whether a sign-up for it awaits its double opt-in (a `SignUpPending` event).
    pub pending: bool,
}

impl PurposeFacts {
    /// The facts of `purpose` from one person's ledger.
    pub fn of(purpose: &Purpose, events: &[ConsentEvent]) -> Self {
        let ever = events.iter().any(|e| {
            e.purpose.as_ref() == Some(&purpose.code)
                && matches!(
                    e.kind,
                    ConsentEventKind::Given | ConsentEventKind::Refreshed
                )
        });
        let pending = events.iter().any(|e| {
            e.purpose.as_ref() == Some(&purpose.code) && e.kind == ConsentEventKind::SignUpPending
        });
        let state = current_state(purpose, events);
        let ended = match state {
            ConsentState::Withdrawn { since }
            | ConsentState::Expired { since }
            | ConsentState::OptedOut { since } => Some(since.date_naive()),
            _ => None,
        };
        Self {
            ever,
            active: state.permits_processing(),
            ended,
            pending,
        }
    }

    /// The facts of several purposes together: ever if any, active if any stands, ended on
    /// the latest end.
    pub fn combine(all: impl IntoIterator<Item = PurposeFacts>) -> Self {
        all.into_iter().fold(Self::default(), |acc, f| Self {
            ever: acc.ever || f.ever,
            active: acc.active || f.active,
            pending: acc.pending || f.pending,
            ended: match (acc.ended, f.ended) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::domain::consent::{Channel, Evidence};
    use crate::domain::purpose::{LegalBasis, PurposeCode};

    fn purpose(code: &str) -> Purpose {
        Purpose {
            code: PurposeCode::parse(code).unwrap(),
            name: code.into(),
            description: String::new(),
            legal_basis: LegalBasis::Consent,
            data_categories: vec!["contact.email".into()],
            ccpa_sale_or_share: false,
        }
    }

    fn ev(code: &str, kind: ConsentEventKind, y: i32) -> ConsentEvent {
        ConsentEvent {
            purpose: Some(PurposeCode::parse(code).unwrap()),
            kind,
            at: Utc.with_ymd_and_hms(y, 3, 1, 9, 0, 0).unwrap(),
            channel: Channel::WebForm,
            notice_version: Some(1),
            evidence: Evidence::default(),
            recorded_by: String::new(),
        }
    }

    #[test]
    fn purpose_facts_table() {
        use ConsentEventKind::*;
        let news = purpose("newsletter");
        let d = |y| NaiveDate::from_ymd_opt(y, 3, 1);
        let cases: Vec<(&str, Vec<ConsentEvent>, PurposeFacts)> = vec![
            ("nothing", vec![], PurposeFacts::default()),
            (
                "given",
                vec![ev("newsletter", Given, 2020)],
                PurposeFacts {
                    pending: false,
                    ever: true,
                    active: true,
                    ended: None,
                },
            ),
            (
                "withdrawn",
                vec![
                    ev("newsletter", Given, 2020),
                    ev("newsletter", Withdrawn, 2022),
                ],
                PurposeFacts {
                    pending: false,
                    ever: true,
                    active: false,
                    ended: d(2022),
                },
            ),
            (
                "another purpose only",
                vec![ev("profiling", Given, 2020)],
                PurposeFacts::default(),
            ),
        ];
        for (name, events, expected) in cases {
            assert_eq!(PurposeFacts::of(&news, &events), expected, "{name}");
        }
        let both = PurposeFacts::combine([
            PurposeFacts {
                pending: false,
                ever: true,
                active: false,
                ended: d(2021),
            },
            PurposeFacts {
                pending: false,
                ever: true,
                active: false,
                ended: d(2023),
            },
        ]);
        assert_eq!(
            both,
            PurposeFacts {
                pending: false,
                ever: true,
                active: false,
                ended: d(2023)
            }
        );
    }
}
