//! A sweep in plain words: what applying it will do ("2 people will be deleted, 1 anonymised;
//! 1 kept by legal holds"), and the words for a rule's status and a sweep's outcome.

use std::collections::HashSet;

use crate::domain::retention::report::{RuleStatus, SweepOutcome, SweepReport};
use crate::domain::retention::{RecordKind, RetentionAction};

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What applying the rules of `plan` would change, as one sentence (without the warning that
/// it cannot be undone). People reached by several rules are counted once, deletion first.
pub fn consequences(plan: &SweepReport) -> String {
    let ids = |kind: RecordKind, action: RetentionAction| -> HashSet<&str> {
        plan.rules
            .iter()
            .filter(|r| r.kind == kind && r.action == action)
            .flat_map(|r| r.due.iter().map(String::as_str))
            .collect()
    };
    let deleted = ids(RecordKind::Subject, RetentionAction::Delete);
    let anonymised = ids(RecordKind::Subject, RetentionAction::Anonymise)
        .difference(&deleted)
        .count();
    let mut changes = Vec::new();
    match (deleted.len(), anonymised) {
        (0, 0) => {}
        (0, a) => changes.push(format!(
            "{} will be anonymised",
            count(a, "person", "people")
        )),
        (d, 0) => changes.push(format!("{} will be deleted", count(d, "person", "people"))),
        (d, a) => changes.push(format!(
            "{} will be deleted, {a} anonymised",
            count(d, "person", "people")
        )),
    }
    let evidence = ids(RecordKind::ConsentEvidence, RetentionAction::Anonymise).len();
    if evidence > 0 {
        changes.push(format!(
            "the evidence of {} will be emptied",
            count(evidence, "consent event", "consent events")
        ));
    }
    for (action, verb) in [
        (RetentionAction::Delete, "deleted"),
        (RetentionAction::Anonymise, "anonymised"),
    ] {
        let n = ids(RecordKind::Request, action).len();
        if n > 0 {
            changes.push(format!(
                "{} will be {verb}",
                count(n, "closed request file", "closed request files")
            ));
        }
    }
    let flagged: HashSet<&str> = plan
        .rules
        .iter()
        .filter(|r| r.action == RetentionAction::Flag)
        .flat_map(|r| r.due.iter().map(String::as_str))
        .collect();
    if !flagged.is_empty() {
        changes.push(format!(
            "{} will be listed for review, unchanged",
            count(flagged.len(), "record", "records")
        ));
    }
    let mut text = if changes.is_empty() {
        "Nothing is due: no record will be changed".to_owned()
    } else {
        let mut first = changes.join(", ");
        if let Some(c) = first.get(..1) {
            first = c.to_uppercase() + &first[1..];
        }
        first
    };
    let held: HashSet<&str> = plan
        .rules
        .iter()
        .flat_map(|r| r.held.iter().map(String::as_str))
        .collect();
    let open: HashSet<&str> = plan
        .rules
        .iter()
        .flat_map(|r| r.open_request.iter().map(String::as_str))
        .collect();
    let mut kept = Vec::new();
    if !held.is_empty() {
        kept.push(format!("{} kept by legal holds", held.len()));
    }
    if !open.is_empty() {
        kept.push(format!("{} kept while a request is open", open.len()));
    }
    if !kept.is_empty() {
        text.push_str("; ");
        text.push_str(&kept.join(", "));
    }
    text.push('.');
    text
}

/// Whether applying `plan` would delete or anonymise anything (flags change nothing).
pub fn changes_anything(plan: &SweepReport) -> bool {
    plan.rules
        .iter()
        .any(|r| r.action != RetentionAction::Flag && !r.due.is_empty())
}

/// A rule's status in words.
pub fn status_label(status: RuleStatus) -> &'static str {
    match status {
        RuleStatus::Planned => "Dry run: nothing changed",
        RuleStatus::Applied => "Applied",
        RuleStatus::Flagged => "Listed for review",
        RuleStatus::RolledBack => "Rolled back whole: nothing of this rule was changed",
        RuleStatus::NotRun => "Not run",
    }
}

/// A sweep's outcome in words.
pub fn outcome_label(outcome: SweepOutcome) -> &'static str {
    match outcome {
        SweepOutcome::Completed => "Completed",
        SweepOutcome::Cancelled => "Cancelled",
        SweepOutcome::Failed => "Failed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::retention::report::RuleOutcome;

    fn rule(kind: RecordKind, action: RetentionAction, due: &[&str], held: &[&str]) -> RuleOutcome {
        RuleOutcome {
            code: "r".into(),
            name: "R".into(),
            kind,
            action,
            due: due.iter().map(|s| (*s).to_owned()).collect(),
            held: held.iter().map(|s| (*s).to_owned()).collect(),
            open_request: Vec::new(),
            status: RuleStatus::Planned,
        }
    }

    fn plan(rules: Vec<RuleOutcome>) -> SweepReport {
        SweepReport {
            id: String::new(),
            dry_run: true,
            as_of: "2026-01-01".into(),
            started_at: String::new(),
            finished_at: String::new(),
            run_by: "owner".into(),
            outcome: SweepOutcome::Completed,
            rules,
        }
    }

    #[test]
    fn consequences_table() {
        use RecordKind::*;
        use RetentionAction::*;
        let cases = [
            (vec![], "Nothing is due: no record will be changed."),
            (
                vec![rule(Subject, Delete, &["a"], &[])],
                "1 person will be deleted.",
            ),
            (
                vec![
                    rule(Subject, Delete, &["a", "b"], &["h"]),
                    rule(Subject, Anonymise, &["b", "c"], &["h"]),
                ],
                "2 people will be deleted, 1 anonymised; 1 kept by legal holds.",
            ),
            (
                vec![
                    rule(ConsentEvidence, Anonymise, &["e"], &[]),
                    rule(Request, Anonymise, &["q", "r"], &[]),
                    rule(Subject, Flag, &["f"], &[]),
                ],
                "The evidence of 1 consent event will be emptied, 2 closed request files will be anonymised, 1 record will be listed for review, unchanged.",
            ),
        ];
        for (rules, expected) in cases {
            let p = plan(rules);
            assert_eq!(consequences(&p), expected);
        }
        assert!(!changes_anything(&plan(vec![rule(
            Subject,
            Flag,
            &["f"],
            &[]
        )])));
        assert!(changes_anything(&plan(vec![rule(
            Subject,
            Delete,
            &["a"],
            &[]
        )])));
    }
}
