//! Which rule keeps a person when several apply. Each rule is evaluated on its own; this file
//! settles one person's verdicts under every subject rule before anything is removed:
//!
//! 1. **A current customer is not a marketing contact.** Consent is the basis of marketing
//!    only; the customer's record is needed for the contract (GDPR Art. 6(1)(b)), for legal
//!    duties such as keeping tax records (Art. 6(1)(c)), and to establish or defend legal
//!    claims (Art. 17(3)(b), (e)). A marketing rule ([`RetentionRule::is_marketing`]: one that
//!    reaches people through their consent) never deletes or anonymises a current customer.
//! 2. **The longest keep that still applies wins.** Storage limitation (Art. 5(1)(e)) sets a
//!    maximum, not a duty to destroy what another purpose still needs: while any rule that
//!    removes people still keeps this person (its period runs), no other rule removes them. A
//!    former customer inside the former-customers period is kept so, whatever their consent.
//!    A removal happens only when no rule still keeps the record.
//!
//! Flag rules only list people for review; they neither keep nor remove.

use chrono::NaiveDate;

pub use super::kept::KeptBy;
use super::plan::{RecordFacts, Verdict};
use super::{RecordKind, RetentionAction, RetentionRule};

fn removes(rule: &RetentionRule) -> bool {
    rule.kind == RecordKind::Subject
        && matches!(
            rule.action,
            RetentionAction::Delete | RetentionAction::Anonymise
        )
}

/// Settles one person's verdicts (`verdicts[i]` is `rules[i]`'s, every rule a subject rule)
/// on `today`: a due removal becomes [`Verdict::Kept`] when the person is a current customer
/// and the rule is a marketing rule, or when another removing rule's period still runs.
pub fn settle_keeps(
    rules: &[&RetentionRule],
    verdicts: &mut [Verdict],
    facts: &RecordFacts,
    today: NaiveDate,
) {
    let customer = facts.is_current_customer(today);
    let still_kept = |except: usize| -> Option<NaiveDate> {
        rules
            .iter()
            .zip(verdicts.iter())
            .enumerate()
            .filter(|&(j, (rule, _))| j != except && removes(rule))
            .filter_map(|(_, (_, v))| match v {
                Verdict::NotYet(until) => Some(*until),
                _ => None,
            })
            .max()
    };
    let kept: Vec<Option<KeptBy>> = (0..rules.len())
        .map(|i| {
            if !removes(rules[i]) || !matches!(verdicts[i], Verdict::Due(_)) {
                None
            } else if customer && rules[i].is_marketing() {
                Some(KeptBy::CurrentCustomer)
            } else {
                still_kept(i).map(KeptBy::LongerRule)
            }
        })
        .collect();
    for (verdict, kept) in verdicts.iter_mut().zip(kept) {
        if let Some(by) = kept {
            *verdict = Verdict::Kept(by);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::retention::{Condition, FromEvent, Period, evaluate};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn rule(
        code: &str,
        condition: Condition,
        from: FromEvent,
        period: &str,
        action: RetentionAction,
    ) -> RetentionRule {
        RetentionRule {
            code: code.into(),
            name: code.into(),
            kind: RecordKind::Subject,
            purpose: None,
            condition,
            period: Period::parse(period).unwrap(),
            from,
            action,
            reason: "r".into(),
            enabled: true,
        }
    }

    /// The default rules' shapes (assets/retention.toml): unconfirmed sign-ups, withdrawn
    /// contacts, former customers, inactive contacts.
    fn defaults() -> Vec<RetentionRule> {
        use RetentionAction::*;
        vec![
            rule(
                "unconfirmed",
                Condition::PendingDoubleOptIn,
                FromEvent::Creation,
                "30 days",
                Delete,
            ),
            rule(
                "withdrawn",
                Condition::NoActiveConsent,
                FromEvent::ConsentWithdrawal,
                "12 months",
                Delete,
            ),
            rule(
                "former",
                Condition::Any,
                FromEvent::RelationshipEnd,
                "6 years",
                Anonymise,
            ),
            rule(
                "inactive",
                Condition::Any,
                FromEvent::LastActivity,
                "3 years",
                Flag,
            ),
        ]
    }

    fn codes(rules: &[&RetentionRule], verdicts: &[Verdict]) -> Vec<String> {
        rules
            .iter()
            .zip(verdicts)
            .filter(|(_, v)| matches!(v, Verdict::Due(_)))
            .map(|(r, _)| r.code.clone())
            .collect()
    }

    /// Issue 16, item 1: (case, facts) → the rules under which the person is due, once
    /// settled. GDPR Art. 5(1)(e) (a maximum, not a duty to destroy), Art. 6(1)(b)/(c) and
    /// Art. 17(3)(b)/(e) (the customer's record is needed for the contract, tax and claims).
    #[test]
    fn customers_are_not_removed_by_marketing_rules_and_the_longest_keep_wins() {
        let today = d("2026-11-30");
        let all = defaults();
        let rules: Vec<&RetentionRule> = all.iter().collect();
        let base = RecordFacts {
            created: Some(d("2020-01-10")),
            last_activity: Some(d("2026-01-10")),
            ..RecordFacts::default()
        };
        let withdrawn = RecordFacts {
            ever_consented: true,
            consent_ended: Some(d("2024-05-01")),
            ..base
        };
        let cases: Vec<(&str, RecordFacts, Vec<&str>)> = vec![
            // A customer who never opted in to marketing: no rule reaches them at all.
            (
                "current customer, never consented",
                RecordFacts {
                    customer_since: Some(d("2020-01-10")),
                    ..base
                },
                vec![],
            ),
            // The bug: a current customer who unsubscribed was deleted a year later.
            (
                "current customer, withdrew 2024",
                RecordFacts {
                    customer_since: Some(d("2020-01-10")),
                    ..withdrawn
                },
                vec![],
            ),
            (
                "customer whose end is recorded for next year",
                RecordFacts {
                    customer_since: Some(d("2020-01-10")),
                    relationship_ended: Some(d("2027-03-01")),
                    ..withdrawn
                },
                vec![],
            ),
            (
                "former customer inside the six years, withdrew 2024",
                RecordFacts {
                    customer_since: Some(d("2020-01-10")),
                    relationship_ended: Some(d("2024-01-31")),
                    ..withdrawn
                },
                vec![],
            ),
            (
                "former customer past the six years, withdrew 2024: deleted",
                RecordFacts {
                    customer_since: Some(d("2012-01-10")),
                    relationship_ended: Some(d("2018-01-31")),
                    ..withdrawn
                },
                vec!["withdrawn", "former"],
            ),
            (
                "not a customer, withdrew 2024",
                withdrawn,
                vec!["withdrawn"],
            ),
            (
                "pending sign-up, recorded 2026-09-01",
                RecordFacts {
                    created: Some(d("2026-09-01")),
                    pending_sign_up: true,
                    ..RecordFacts::default()
                },
                vec!["unconfirmed"],
            ),
            (
                "pending sign-up who is also a customer",
                RecordFacts {
                    created: Some(d("2026-09-01")),
                    pending_sign_up: true,
                    customer_since: Some(d("2026-09-01")),
                    ..RecordFacts::default()
                },
                vec![],
            ),
            // Never consented and no sign-up pending: not an "unconfirmed sign-up".
            (
                "recorded 2026-09-01 without any consent",
                RecordFacts {
                    created: Some(d("2026-09-01")),
                    ..RecordFacts::default()
                },
                vec![],
            ),
            // The unconfirmed-sign-ups period is over, but the former-customers one runs.
            (
                "former customer inside the six years with an unconfirmed sign-up",
                RecordFacts {
                    created: Some(d("2026-09-01")),
                    pending_sign_up: true,
                    customer_since: Some(d("2021-09-01")),
                    relationship_ended: Some(d("2025-02-01")),
                    ..RecordFacts::default()
                },
                vec![],
            ),
            // A customer from next month is not yet a customer.
            (
                "customer only from next month, withdrew 2024",
                RecordFacts {
                    customer_since: Some(d("2026-12-15")),
                    ..withdrawn
                },
                vec!["withdrawn"],
            ),
        ];
        for (name, facts, expected) in cases {
            let mut verdicts: Vec<Verdict> =
                rules.iter().map(|r| evaluate(r, &facts, today)).collect();
            settle_keeps(&rules, &mut verdicts, &facts, today);
            assert_eq!(codes(&rules, &verdicts), expected, "{name}: {verdicts:?}");
        }
    }

    #[test]
    fn the_kept_verdict_says_why() {
        let today = d("2026-11-30");
        let all = defaults();
        let rules: Vec<&RetentionRule> = all.iter().collect();
        let facts = RecordFacts {
            created: Some(d("2020-01-10")),
            ever_consented: true,
            consent_ended: Some(d("2024-05-01")),
            customer_since: Some(d("2020-01-10")),
            relationship_ended: Some(d("2024-01-31")),
            ..RecordFacts::default()
        };
        let mut verdicts: Vec<Verdict> = rules.iter().map(|r| evaluate(r, &facts, today)).collect();
        settle_keeps(&rules, &mut verdicts, &facts, today);
        assert_eq!(
            verdicts[1],
            Verdict::Kept(KeptBy::LongerRule(d("2030-01-31")))
        );
        assert!(
            KeptBy::LongerRule(d("2030-01-31"))
                .reason()
                .contains("until 2030-01-31")
        );
        let mut verdicts: Vec<Verdict> = rules
            .iter()
            .map(|r| {
                evaluate(
                    r,
                    &RecordFacts {
                        relationship_ended: None,
                        ..facts
                    },
                    today,
                )
            })
            .collect();
        let current = RecordFacts {
            relationship_ended: None,
            ..facts
        };
        settle_keeps(&rules, &mut verdicts, &current, today);
        assert_eq!(verdicts[1], Verdict::Kept(KeptBy::CurrentCustomer));
        assert!(KeptBy::CurrentCustomer.reason().contains("Art. 6(1)(b)"));
    }
}
