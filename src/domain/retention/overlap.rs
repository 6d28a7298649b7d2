//! People reached by more than one rule that removes them. Each rule is planned on its own, so
//! a person can be due under two (never confirmed for the newsletter, and withdrawn from
//! another purpose a year ago). They are removed once — one erasure record, one count in the
//! report — by the strongest action: deletion leaves nothing behind, so a deleting rule takes
//! them before an anonymising one; between rules with the same action, the first in the
//! policy's order does. The other rules no longer list them as due.
//!
//! GDPR Art. 5(1)(e) asks that data be kept no longer than necessary; which rule removes it does
//! not change that it goes. What must not happen is a second "erasure" of a person already
//! gone, which would put a record of removing nothing in the erasure log.

use std::collections::HashSet;

use super::report::RuleOutcome;
use super::{RecordKind, RetentionAction};

/// Leaves each person due under at most one rule that deletes or anonymises people (see the
/// module comment for which). Flags, consent evidence and requests are not touched.
pub fn settle_overlaps(outcomes: &mut [RuleOutcome]) {
    let mut taken: HashSet<String> = HashSet::new();
    for action in [RetentionAction::Delete, RetentionAction::Anonymise] {
        for outcome in outcomes
            .iter_mut()
            .filter(|o| o.kind == RecordKind::Subject && o.action == action)
        {
            outcome.due.retain(|id| taken.insert(id.clone()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::retention::report::RuleStatus;

    fn outcome(code: &str, kind: RecordKind, action: RetentionAction, due: &[&str]) -> RuleOutcome {
        RuleOutcome {
            code: code.into(),
            name: code.into(),
            kind,
            action,
            due: due.iter().map(|s| s.to_string()).collect(),
            held: Vec::new(),
            open_request: Vec::new(),
            status: RuleStatus::Planned,
        }
    }

    #[test]
    fn each_person_is_removed_once_by_the_strongest_then_first_rule() {
        use RecordKind::*;
        use RetentionAction::*;
        let mut outcomes = vec![
            outcome("former", Subject, Anonymise, &["a", "b", "f"]),
            outcome("unconfirmed", Subject, Delete, &["b", "c"]),
            outcome("withdrawn", Subject, Delete, &["c", "d", "f"]),
            outcome("inactive", Subject, Flag, &["a", "c", "e"]),
            outcome("evidence", ConsentEvidence, Anonymise, &["a"]),
            outcome("requests", Request, Delete, &["b"]),
            outcome("later", Subject, Anonymise, &["a", "e"]),
        ];
        settle_overlaps(&mut outcomes);
        let due: Vec<(&str, Vec<&str>)> = outcomes
            .iter()
            .map(|o| (o.code.as_str(), o.due.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            due,
            vec![
                // b and f go to the deleting rules; a stays with the first anonymising one.
                ("former", vec!["a"]),
                ("unconfirmed", vec!["b", "c"]),
                ("withdrawn", vec!["d", "f"]),
                // Flags, evidence and requests are other records: unchanged.
                ("inactive", vec!["a", "c", "e"]),
                ("evidence", vec!["a"]),
                ("requests", vec!["b"]),
                ("later", vec!["e"]),
            ]
        );
    }

    #[test]
    fn no_overlap_changes_nothing() {
        let mut outcomes = vec![
            outcome("one", RecordKind::Subject, RetentionAction::Delete, &["a"]),
            outcome("two", RecordKind::Subject, RetentionAction::Delete, &["b"]),
        ];
        let before = outcomes.clone();
        settle_overlaps(&mut outcomes);
        assert_eq!(outcomes, before);
    }
}
