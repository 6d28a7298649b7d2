//! The data-minimisation review: reads the record of processing, the data inventory, the
//! purpose catalogue, the retention policy and the consent ledger's counts together, and lists
//! what does not hold up. Each finding says what is wrong in a sentence and where it is fixed.
//!
//! The rules, and the law behind each:
//! - a category of data collected (held by a system or listed by an activity) that no purpose
//!   uses — GDPR Art. 5(1)(c), data are "limited to what is necessary" for the purposes;
//! - an activity with no purpose, so no legal basis, or naming a purpose that no longer exists —
//!   Art. 5(1)(b) (specified purposes) and Art. 6(1) (a lawful basis for each);
//! - a consent-based purpose that the business processes with no consent on record, or people
//!   in a system that holds the whole register without a consent record for a consent-based
//!   purpose the system serves — Art. 6(1)(a) and Art. 7(1) (the controller must be able to
//!   demonstrate consent);
//! - a special category (Art. 9(1)) or criminal-offence data (Art. 10) without an Art. 9(2)
//!   condition (or, for Art. 10, an authorisation by law);
//! - a system holding a category that none of the activities it serves needs — Art. 5(1)(c);
//! - a category kept longer than any retention rule that covers it allows, or kept with no rule
//!   at all — Art. 5(1)(e), storage limitation.
//!
//! Categories are compared along the taxonomy: a purpose using `contact` covers
//! `contact.email`, and one using `contact.email` makes `contact` collected for a purpose.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;

use super::{Activity, Art9Condition, CategoryCode, DataSystem, SpecialCategory, Taxonomy};
use crate::domain::purpose::{LegalBasis, Purpose, PurposeCode};
use crate::domain::retention::{Period, RetentionRule};

/// Which rule a finding breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    /// A category collected for no purpose.
    CategoryWithoutPurpose,
    /// An activity without a purpose (so without a legal basis), or with an unknown purpose.
    PurposeWithoutLegalBasis,
    /// A consent-based purpose processed without consent records.
    ConsentWithoutRecords,
    /// A special category without an Art. 9(2) condition.
    SensitiveWithoutCondition,
    /// A system holding a category no activity it serves needs.
    CategoryNotNeeded,
    /// A category kept longer than the retention policy allows, or with no rule.
    KeptTooLong,
}

impl FindingKind {
    /// A short title for lists.
    pub fn title(self) -> &'static str {
        match self {
            Self::CategoryWithoutPurpose => "Data collected for no purpose",
            Self::PurposeWithoutLegalBasis => "Processing without a legal basis",
            Self::ConsentWithoutRecords => "Consent-based processing without consent records",
            Self::SensitiveWithoutCondition => "Special category without an Art. 9 condition",
            Self::CategoryNotNeeded => "System holds data no activity needs",
            Self::KeptTooLong => "Data kept longer than the retention policy allows",
        }
    }
}

/// Where a finding is fixed.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(tag = "place", content = "code", rename_all = "kebab-case")]
pub enum FixAt {
    /// The activity's record (Records → Activities).
    Activity(String),
    /// The system's entry (Records → Systems).
    System(String),
    /// The purpose in the catalogue (Subjects & consent → Purposes).
    Purpose(String),
    /// The consent review queue for the purpose (Subjects & consent → Review).
    ConsentReview(String),
    /// The retention policy (Retention).
    RetentionPolicy,
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule.
    pub kind: FindingKind,
    /// What is wrong, in a sentence.
    pub message: String,
    /// What to do about it.
    pub remedy: String,
    /// Where it is fixed.
    pub fix_at: FixAt,
}

/// People of the register without a consent record for a consent-based purpose that a system
/// holding the whole register serves (computed from the ledger by the service).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RegisterGap {
    /// The purpose.
    pub purpose: PurposeCode,
    /// The systems that hold the register and serve the purpose (codes).
    pub systems: Vec<String>,
    /// People in the register (not anonymised, not restricted).
    pub people: u64,
    /// Of them, those with no consent record for the purpose.
    pub without_record: u64,
}

/// Everything the review reads.
#[derive(Clone, Debug, Default)]
pub struct MinimisationInput {
    /// The data taxonomy.
    pub taxonomy: Taxonomy,
    /// The purpose catalogue.
    pub purposes: Vec<Purpose>,
    /// The record of processing.
    pub activities: Vec<Activity>,
    /// The data inventory.
    pub systems: Vec<DataSystem>,
    /// The retention policy.
    pub rules: Vec<RetentionRule>,
    /// For each purpose, how many people have any consent event for it.
    pub consent_records: BTreeMap<PurposeCode, u64>,
    /// People of the register without a record, per consent-based purpose served by a system
    /// that holds the register.
    pub register_gaps: Vec<RegisterGap>,
}

fn overlaps(a: &CategoryCode, b: &CategoryCode) -> bool {
    a.is_within(b) || b.is_within(a)
}

/// A period's length in days, counted from a fixed day (months and years vary a little; the
/// same start keeps comparisons consistent).
fn days(period: Period) -> i64 {
    let start = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(NaiveDate::MIN);
    (period.end(start) - start).num_days()
}

/// The consent-based purposes the activities of `system` pursue.
pub fn consent_purposes_served(
    system: &DataSystem,
    activities: &[Activity],
    purposes: &[Purpose],
) -> BTreeSet<PurposeCode> {
    activities
        .iter()
        .filter(|a| system.activities.contains(&a.code))
        .flat_map(|a| a.purposes.iter())
        .filter(|code| {
            purposes
                .iter()
                .any(|p| &p.code == *code && p.legal_basis == LegalBasis::Consent)
        })
        .cloned()
        .collect()
}

/// Runs the review; findings in the order of the rules above, then by the record they concern.
pub fn review(input: &MinimisationInput) -> Vec<Finding> {
    let mut out = Vec::new();
    categories_without_purpose(input, &mut out);
    activities_without_basis(input, &mut out);
    consent_without_records(input, &mut out);
    sensitive_without_condition(input, &mut out);
    categories_not_needed(input, &mut out);
    kept_too_long(input, &mut out);
    out
}

fn purpose_label(input: &MinimisationInput, code: &PurposeCode) -> String {
    input
        .purposes
        .iter()
        .find(|p| &p.code == code)
        .map(|p| format!("\"{}\"", p.name))
        .unwrap_or_else(|| code.to_string())
}

fn categories_without_purpose(input: &MinimisationInput, out: &mut Vec<Finding>) {
    let used: Vec<CategoryCode> = input
        .purposes
        .iter()
        .flat_map(|p| p.data_categories.iter())
        .filter_map(|c| CategoryCode::parse(c).ok())
        .collect();
    let mut reported = BTreeSet::new();
    let mut check = |code: &CategoryCode, by: String, fix_at: FixAt, out: &mut Vec<Finding>| {
        if used.iter().any(|u| overlaps(u, code)) || !reported.insert(code.clone()) {
            return;
        }
        out.push(Finding {
            kind: FindingKind::CategoryWithoutPurpose,
            message: format!(
                "{} ({code}) is collected by {by}, but no purpose uses it.",
                input.taxonomy.name_of(code)
            ),
            remedy: "Stop collecting it and delete what is held, or add it to the purpose that needs it.".into(),
            fix_at,
        });
    };
    for a in &input.activities {
        for c in &a.data_categories {
            check(
                c,
                format!("the activity \"{}\"", a.name),
                FixAt::Activity(a.code.to_string()),
                out,
            );
        }
    }
    for s in &input.systems {
        for c in &s.data_categories {
            check(
                c,
                format!("the system \"{}\"", s.name),
                FixAt::System(s.code.to_string()),
                out,
            );
        }
    }
}

fn activities_without_basis(input: &MinimisationInput, out: &mut Vec<Finding>) {
    for a in &input.activities {
        if a.purposes.is_empty() {
            out.push(Finding {
                kind: FindingKind::PurposeWithoutLegalBasis,
                message: format!(
                    "The activity \"{}\" has no purpose, so no legal basis is recorded for it.",
                    a.name
                ),
                remedy: "Choose its purposes; each carries its legal basis (Art. 6(1)).".into(),
                fix_at: FixAt::Activity(a.code.to_string()),
            });
        }
        for code in &a.purposes {
            if !input.purposes.iter().any(|p| &p.code == code) {
                out.push(Finding {
                    kind: FindingKind::PurposeWithoutLegalBasis,
                    message: format!(
                        "The activity \"{}\" names the purpose {code}, which is not in the catalogue, so it has no legal basis.",
                        a.name
                    ),
                    remedy: "Add the purpose to the catalogue with its legal basis, or remove it from the activity.".into(),
                    fix_at: FixAt::Activity(a.code.to_string()),
                });
            }
        }
    }
}

fn consent_without_records(input: &MinimisationInput, out: &mut Vec<Finding>) {
    let pursued: BTreeSet<&PurposeCode> = input
        .activities
        .iter()
        .flat_map(|a| a.purposes.iter())
        .collect();
    for p in &input.purposes {
        if p.legal_basis != LegalBasis::Consent || !pursued.contains(&p.code) {
            continue;
        }
        if input.consent_records.get(&p.code).copied().unwrap_or(0) == 0 {
            out.push(Finding {
                kind: FindingKind::ConsentWithoutRecords,
                message: format!(
                    "The purpose \"{}\" relies on consent and an activity pursues it, but no one's consent to it is on record.",
                    p.name
                ),
                remedy: "Import or record the consents you hold (with their evidence), or stop the processing until you have them.".into(),
                fix_at: FixAt::Purpose(p.code.to_string()),
            });
        }
    }
    for gap in input.register_gaps.iter().filter(|g| g.without_record > 0) {
        out.push(Finding {
            kind: FindingKind::ConsentWithoutRecords,
            message: format!(
                "{} of the {} people held in {} have no consent record for {}, a purpose that relies on consent.",
                gap.without_record,
                gap.people,
                gap.systems.join(", "),
                purpose_label(input, &gap.purpose)
            ),
            remedy: "Review them in the consent review queue: record the consents you can prove, and ask the others again or stop processing them for this purpose.".into(),
            fix_at: FixAt::ConsentReview(gap.purpose.to_string()),
        });
    }
}

fn condition_fits(special: SpecialCategory, condition: Option<Art9Condition>) -> bool {
    match (special, condition) {
        (_, None) => false,
        (SpecialCategory::Art10, Some(c)) => c == Art9Condition::AuthorisedByLaw,
        (SpecialCategory::Art9, Some(c)) => c != Art9Condition::AuthorisedByLaw,
    }
}

fn sensitive_without_condition(input: &MinimisationInput, out: &mut Vec<Finding>) {
    for a in &input.activities {
        for c in &a.data_categories {
            let Some(special) = input.taxonomy.special(c) else {
                continue;
            };
            if condition_fits(special, a.art9_condition) {
                continue;
            }
            let needed = match special {
                SpecialCategory::Art9 => "an Art. 9(2) condition",
                SpecialCategory::Art10 => "an authorisation by law (Art. 10)",
            };
            out.push(Finding {
                kind: FindingKind::SensitiveWithoutCondition,
                message: format!(
                    "The activity \"{}\" uses {} ({c}), a special category, without {needed}.",
                    a.name,
                    input.taxonomy.name_of(c)
                ),
                remedy: "Record the condition that allows it, or stop using this data.".into(),
                fix_at: FixAt::Activity(a.code.to_string()),
            });
        }
    }
    for s in &input.systems {
        for c in &s.data_categories {
            let Some(special) = input.taxonomy.special(c) else {
                continue;
            };
            let covered = input.activities.iter().any(|a| {
                s.activities.contains(&a.code)
                    && a.data_categories.iter().any(|ac| overlaps(ac, c))
                    && condition_fits(special, a.art9_condition)
            });
            if !covered {
                out.push(Finding {
                    kind: FindingKind::SensitiveWithoutCondition,
                    message: format!(
                        "The system \"{}\" holds {} ({c}), a special category, and no activity it serves has a condition that allows it.",
                        s.name,
                        input.taxonomy.name_of(c)
                    ),
                    remedy: "Link the system to the activity that needs it and record that activity's condition, or delete the data from the system.".into(),
                    fix_at: FixAt::System(s.code.to_string()),
                });
            }
        }
    }
}

fn categories_not_needed(input: &MinimisationInput, out: &mut Vec<Finding>) {
    for s in &input.systems {
        let served: Vec<&Activity> = input
            .activities
            .iter()
            .filter(|a| s.activities.contains(&a.code))
            .collect();
        for c in &s.data_categories {
            if served
                .iter()
                .any(|a| a.data_categories.iter().any(|ac| overlaps(ac, c)))
            {
                continue;
            }
            let why = if served.is_empty() {
                "serves no activity of the record".to_owned()
            } else {
                "serves no activity that needs it".to_owned()
            };
            out.push(Finding {
                kind: FindingKind::CategoryNotNeeded,
                message: format!(
                    "The system \"{}\" holds {} ({c}) but {why}.",
                    s.name,
                    input.taxonomy.name_of(c)
                ),
                remedy: "Delete it from the system, or record the activity that needs it.".into(),
                fix_at: FixAt::System(s.code.to_string()),
            });
        }
    }
}

fn kept_too_long(input: &MinimisationInput, out: &mut Vec<Finding>) {
    for s in &input.systems {
        for c in &s.data_categories {
            let needing: Vec<&Activity> = input
                .activities
                .iter()
                .filter(|a| {
                    s.activities.contains(&a.code)
                        && a.data_categories.iter().any(|ac| overlaps(ac, c))
                })
                .collect();
            if needing.is_empty() {
                continue; // reported as not needed
            }
            let allowed = needing
                .iter()
                .flat_map(|a| a.retention_rules.iter())
                .filter_map(|code| input.rules.iter().find(|r| &r.code == code && r.enabled))
                .map(|r| r.period)
                .max_by_key(|p| days(*p));
            let name = input.taxonomy.name_of(c);
            let (message, fix_at) = match (allowed, s.keeps_for) {
                (None, _) => (
                    format!(
                        "{name} ({c}) in the system \"{}\" is covered by no retention rule.",
                        s.name
                    ),
                    FixAt::RetentionPolicy,
                ),
                (Some(max), None) => (
                    format!(
                        "The system \"{}\" keeps {name} ({c}) indefinitely; the retention policy allows at most {max}.",
                        s.name
                    ),
                    FixAt::System(s.code.to_string()),
                ),
                (Some(max), Some(kept)) if days(kept) > days(max) => (
                    format!(
                        "The system \"{}\" keeps {name} ({c}) for {kept}; the retention policy allows at most {max}.",
                        s.name
                    ),
                    FixAt::System(s.code.to_string()),
                ),
                _ => continue,
            };
            let remedy = if fix_at == FixAt::RetentionPolicy {
                "Add a retention rule for it and link the rule to the activities that use it."
            } else {
                "Set the system to delete it within the policy's period (and record that here), or change the policy if a longer period is justified."
            };
            out.push(Finding {
                kind: FindingKind::KeptTooLong,
                message,
                remedy: remedy.into(),
                fix_at,
            });
        }
    }
}

#[cfg(test)]
mod tests;
