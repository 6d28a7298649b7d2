//! The links between the accountability records: an activity of the record of processing
//! (GDPR Art. 30(1)) names purposes of the catalogue, categories of the taxonomy, vendors,
//! retention rules and security measures; a system of the inventory names categories,
//! activities and its vendor. Every link must point at something that exists, and a record
//! others still point at cannot be removed. The checks here are pure: the caller says what
//! exists.

use std::collections::BTreeSet;
use std::fmt;

use super::{Activity, CategoryCode, DataSystem, RecordCode, Taxonomy};
use crate::domain::purpose::{Purpose, PurposeCode};

/// A field of an activity or a system that links to another register.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkField {
    /// An activity's purposes (Art. 30(1)(b)).
    Purposes,
    /// The categories of personal data (Art. 30(1)(c)) an activity processes or a system holds.
    DataCategories,
    /// An activity's external recipients (Art. 30(1)(d)).
    Vendors,
    /// An activity's retention rules (Art. 30(1)(f)).
    RetentionRules,
    /// An activity's security measures (Art. 30(1)(g)).
    SecurityMeasures,
    /// The activities a system serves.
    Activities,
    /// The vendor who runs a system.
    Vendor,
}

impl LinkField {
    /// The field as labelled on screen.
    pub fn label(self) -> &'static str {
        match self {
            Self::Purposes => "Purposes",
            Self::DataCategories => "Data categories",
            Self::Vendors => "Vendors",
            Self::RetentionRules => "Retention rules",
            Self::SecurityMeasures => "Security measures",
            Self::Activities => "Activities",
            Self::Vendor => "Vendor",
        }
    }

    /// The field's key in the JSON of the record (exports and imports).
    pub fn key(self) -> &'static str {
        match self {
            Self::Purposes => "purposes",
            Self::DataCategories => "data_categories",
            Self::Vendors => "vendors",
            Self::RetentionRules => "retention_rules",
            Self::SecurityMeasures => "security_measures",
            Self::Activities => "activities",
            Self::Vendor => "vendor",
        }
    }
}

/// A link to something that does not exist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkProblem {
    /// The field holding the link.
    pub field: LinkField,
    /// What is wrong and what to do.
    pub message: String,
}

/// What exists in the other registers, for checking links.
#[derive(Clone, Debug, Default)]
pub struct Known {
    /// The purpose catalogue's codes.
    pub purposes: BTreeSet<PurposeCode>,
    /// The retention policy's rule codes.
    pub retention_rules: BTreeSet<String>,
    /// The taxonomy's category codes.
    pub categories: BTreeSet<CategoryCode>,
    /// The record of processing's activity codes.
    pub activities: BTreeSet<RecordCode>,
    /// The vendor register's codes.
    pub vendors: BTreeSet<RecordCode>,
    /// The security register's codes.
    pub measures: BTreeSet<RecordCode>,
}

fn first_missing<'a, T: Ord + fmt::Display + 'a>(
    codes: impl IntoIterator<Item = &'a T>,
    known: &BTreeSet<T>,
) -> Option<&'a T> {
    codes.into_iter().find(|c| !known.contains(c))
}

fn problem(field: LinkField, message: String) -> LinkProblem {
    LinkProblem { field, message }
}

/// Checks that every link of an activity points at something that exists.
pub fn check_activity(activity: &Activity, known: &Known) -> Result<(), LinkProblem> {
    if let Some(p) = first_missing(&activity.purposes, &known.purposes) {
        return Err(problem(
            LinkField::Purposes,
            format!(
                "there is no purpose {p} in the purpose catalogue; add it there first (`purpose list` shows the catalogue)"
            ),
        ));
    }
    if let Some(c) = first_missing(&activity.data_categories, &known.categories) {
        return Err(problem(
            LinkField::DataCategories,
            format!(
                "there is no data category {c} in the taxonomy; add it under Data categories first"
            ),
        ));
    }
    if let Some(v) = first_missing(&activity.vendors, &known.vendors) {
        return Err(problem(
            LinkField::Vendors,
            format!("there is no vendor {v} in the vendor register; add the vendor first"),
        ));
    }
    if let Some(r) = activity
        .retention_rules
        .iter()
        .find(|r| !known.retention_rules.contains(*r))
    {
        return Err(problem(
            LinkField::RetentionRules,
            format!(
                "there is no retention rule {r} in the retention policy (`retention list` shows the rules)"
            ),
        ));
    }
    if let Some(m) = first_missing(&activity.security_measures, &known.measures) {
        return Err(problem(
            LinkField::SecurityMeasures,
            format!(
                "there is no security measure {m} in the security register; add the measure first"
            ),
        ));
    }
    Ok(())
}

/// Checks that every link of a system points at something that exists.
pub fn check_system(system: &DataSystem, known: &Known) -> Result<(), LinkProblem> {
    if let Some(c) = first_missing(&system.data_categories, &known.categories) {
        return Err(problem(
            LinkField::DataCategories,
            format!(
                "there is no data category {c} in the taxonomy; add it under Data categories first"
            ),
        ));
    }
    if let Some(a) = first_missing(&system.activities, &known.activities) {
        return Err(problem(
            LinkField::Activities,
            format!(
                "there is no processing activity {a} in the record of processing; add it first"
            ),
        ));
    }
    if let Some(v) = system
        .vendor
        .as_ref()
        .filter(|v| !known.vendors.contains(*v))
    {
        return Err(problem(
            LinkField::Vendor,
            format!(
                "there is no vendor {v} in the vendor register; add the vendor first, or leave the field empty for a system run in-house"
            ),
        ));
    }
    Ok(())
}

/// Something that still refers to a record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Referrer {
    /// What kind of record it is ("processing activity", "system", "purpose", "vendor").
    pub noun: &'static str,
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// The field that refers (as labelled on screen).
    pub field: &'static str,
}

impl fmt::Display for Referrer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the {} “{}” ({}, under {})",
            self.noun, self.name, self.code, self.field
        )
    }
}

/// Lists the referrers as one sentence: "…, … and …".
pub fn referrers_sentence(referrers: &[Referrer]) -> String {
    let words: Vec<String> = referrers.iter().map(ToString::to_string).collect();
    match words.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// Who still refers to the category `code` (or to one of its sub-categories): the
/// sub-categories themselves, activities, systems and purposes.
pub fn category_referrers(
    code: &CategoryCode,
    taxonomy: &Taxonomy,
    activities: &[Activity],
    systems: &[DataSystem],
    purposes: &[Purpose],
) -> Vec<Referrer> {
    let mut out = Vec::new();
    for c in taxonomy.categories() {
        if c.code.parent().as_ref() == Some(code) {
            out.push(Referrer {
                noun: "data category",
                code: c.code.to_string(),
                name: c.name.clone(),
                field: "its parent",
            });
        }
    }
    for a in activities {
        if a.data_categories.iter().any(|c| c == code) {
            out.push(Referrer {
                noun: "processing activity",
                code: a.code.to_string(),
                name: a.name.clone(),
                field: LinkField::DataCategories.label(),
            });
        }
    }
    for s in systems {
        if s.data_categories.iter().any(|c| c == code) {
            out.push(Referrer {
                noun: "system",
                code: s.code.to_string(),
                name: s.name.clone(),
                field: LinkField::DataCategories.label(),
            });
        }
    }
    for p in purposes {
        if p.data_categories.iter().any(|c| c == code.as_str()) {
            out.push(Referrer {
                noun: "purpose",
                code: p.code.to_string(),
                name: p.name.clone(),
                field: LinkField::DataCategories.label(),
            });
        }
    }
    out
}

/// Which systems still refer to the activity `code`.
pub fn activity_referrers(code: &RecordCode, systems: &[DataSystem]) -> Vec<Referrer> {
    systems
        .iter()
        .filter(|s| s.activities.contains(code))
        .map(|s| Referrer {
            noun: "system",
            code: s.code.to_string(),
            name: s.name.clone(),
            field: LinkField::Activities.label(),
        })
        .collect()
}

/// Which activities still name the retention rule `code` (Art. 30(1)(f)). Systems keep their
/// own period and name no rule.
pub fn retention_rule_referrers(code: &str, activities: &[Activity]) -> Vec<Referrer> {
    activities
        .iter()
        .filter(|a| a.retention_rules.iter().any(|r| r == code))
        .map(|a| Referrer {
            noun: "processing activity",
            code: a.code.to_string(),
            name: a.name.clone(),
            field: LinkField::RetentionRules.label(),
        })
        .collect()
}

/// Removes blanks and repeats from a list, keeping the first of each, in order.
pub fn dedup<T: PartialEq + Clone>(items: &mut Vec<T>) {
    let mut seen: Vec<T> = Vec::with_capacity(items.len());
    items.retain(|i| {
        if seen.contains(i) {
            false
        } else {
            seen.push(i.clone());
            true
        }
    });
}

/// Tidies an activity before it is saved: names and free words trimmed, empty entries and
/// repeats dropped from the lists.
pub fn tidy_activity(a: &mut Activity) {
    a.name = a.name.trim().to_owned();
    a.description = a.description.trim().to_owned();
    for list in [&mut a.subject_categories, &mut a.internal_recipients] {
        for s in list.iter_mut() {
            *s = s.trim().to_owned();
        }
        list.retain(|s| !s.is_empty());
        dedup(list);
    }
    dedup(&mut a.purposes);
    dedup(&mut a.data_categories);
    dedup(&mut a.vendors);
    dedup(&mut a.retention_rules);
    dedup(&mut a.security_measures);
    for t in &mut a.transfers {
        t.country = t.country.trim().to_owned();
        t.note = t.note.trim().to_owned();
    }
    a.retention_note = a.retention_note.trim().to_owned();
    a.security_note = a.security_note.trim().to_owned();
}

/// Tidies a system before it is saved.
pub fn tidy_system(s: &mut DataSystem) {
    s.name = s.name.trim().to_owned();
    s.location = s.location.trim().to_owned();
    s.notes = s.notes.trim().to_owned();
    dedup(&mut s.data_categories);
    dedup(&mut s.activities);
}

#[cfg(test)]
mod tests;
