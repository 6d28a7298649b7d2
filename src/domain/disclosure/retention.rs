//! How long one person's data is kept (GDPR Art. 15(1)(d): "the envisaged period for which
//! the personal data will be stored, or, if not possible, the criteria used to determine that
//! period"), from the retention rules as a sweep would apply them to this person today.
//!
//! Each enabled rule for people is evaluated on the person's facts with the same scope as a
//! sweep (one purpose, or every consent-based one) and settled with the others
//! ([`crate::domain::retention::keep::settle_keeps`]: a current customer is not removed by a
//! marketing rule; the longest keep that still applies wins). A rule whose period runs says
//! until when; a rule that does not reach the person yet is still stated with its criteria
//! when an activity concerning them names it (the criteria are what Art. 15(1)(d) asks for
//! then); rules for consent evidence and request files are stated as criteria.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::consent::ConsentEvent;
use crate::domain::purpose::{LegalBasis, Purpose};
use crate::domain::retention::keep::settle_keeps;
use crate::domain::retention::plan::PurposeFacts;
use crate::domain::retention::{RecordFacts, RecordKind, RetentionRule, Verdict, evaluate};

/// Where one rule stands for the person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum RetentionStatus {
    /// The period runs until this day.
    KeptUntil {
        /// The last day of the period.
        until: NaiveDate,
    },
    /// The period is over; the rule's action is due at the next sweep.
    DueNow {
        /// The day the period ended.
        since: NaiveDate,
    },
    /// The period is over but the record is kept, for this reason.
    KeptBecause {
        /// Why.
        reason: String,
    },
    /// The rule does not reach the person today; its criteria apply if it comes to.
    Criteria,
}

impl RetentionStatus {
    /// Words for the readable page.
    pub fn words(&self) -> String {
        match self {
            Self::KeptUntil { until } => format!("kept until {until}"),
            Self::DueNow { since } => format!("period ended on {since}; due at the next review"),
            Self::KeptBecause { reason } => format!("period over; kept because {reason}"),
            Self::Criteria => "applies if the event it counts from happens".to_owned(),
        }
    }
}

/// One retention rule as it applies to the person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RetentionLine {
    /// The rule's code.
    pub rule: String,
    /// The rule's name.
    pub name: String,
    /// The kind of record, in words.
    pub records: &'static str,
    /// The period and its event, in words ("24 months after the last activity").
    pub period: String,
    /// What happens then, in words.
    pub action: &'static str,
    /// Why, as the policy states it.
    pub reason: String,
    /// Where it stands for this person.
    #[serde(flatten)]
    pub status: RetentionStatus,
}

fn line(rule: &RetentionRule, status: RetentionStatus) -> RetentionLine {
    RetentionLine {
        rule: rule.code.clone(),
        name: rule.name.clone(),
        records: rule.kind.label(),
        period: format!("{} {}", rule.period, rule.from.label()),
        action: rule.action.label(),
        reason: rule.reason.clone(),
        status,
    }
}

/// The retention lines of one person on `today`. `base` holds the person's dates (created,
/// last activity, customer days, hold, open request); the consent facts are filled in per
/// rule from `events`. `named` are the rules the activities concerning the person name.
pub fn person_retention(
    rules: &[RetentionRule],
    catalogue: &[Purpose],
    events: &[ConsentEvent],
    base: &RecordFacts,
    named: &std::collections::BTreeSet<String>,
    today: NaiveDate,
) -> Vec<RetentionLine> {
    let rules: Vec<&RetentionRule> = rules.iter().filter(|r| r.enabled).collect();
    let people: Vec<&RetentionRule> = rules
        .iter()
        .copied()
        .filter(|r| r.kind == RecordKind::Subject)
        .collect();
    let mut verdicts: Vec<Verdict> = people
        .iter()
        .map(|rule| {
            let scope: Vec<&Purpose> = match &rule.purpose {
                Some(code) => catalogue.iter().filter(|p| &p.code == code).collect(),
                None => catalogue
                    .iter()
                    .filter(|p| p.legal_basis == LegalBasis::Consent)
                    .collect(),
            };
            let c = PurposeFacts::combine(scope.into_iter().map(|p| PurposeFacts::of(p, events)));
            let facts = RecordFacts {
                ever_consented: c.ever,
                active_consent: c.active,
                consent_ended: c.ended,
                pending_sign_up: c.pending,
                ..*base
            };
            evaluate(rule, &facts, today)
        })
        .collect();
    settle_keeps(&people, &mut verdicts, base, today);
    let mut out = Vec::new();
    for (rule, verdict) in people.iter().zip(verdicts) {
        let status = match verdict {
            Verdict::NotYet(until) => RetentionStatus::KeptUntil { until },
            Verdict::Due(since) => RetentionStatus::DueNow { since },
            Verdict::Kept(by) => RetentionStatus::KeptBecause {
                reason: by.reason(),
            },
            Verdict::Held => RetentionStatus::KeptBecause {
                reason: "a legal hold covers the record".to_owned(),
            },
            Verdict::OpenRequest => RetentionStatus::KeptBecause {
                reason: "a request about you is open or its file is still kept".to_owned(),
            },
            Verdict::NotApplicable if named.contains(&rule.code) => RetentionStatus::Criteria,
            Verdict::NotApplicable => continue,
        };
        out.push(line(rule, status));
    }
    for rule in rules.iter().filter(|r| r.kind != RecordKind::Subject) {
        out.push(line(rule, RetentionStatus::Criteria));
    }
    out
}
