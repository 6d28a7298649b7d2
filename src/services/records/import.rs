//! Importing the record of processing from the JSON document `ropa export --format json`
//! writes: the taxonomy, the activities and the systems of the file replace the store's, all or
//! nothing. Every record and every link is checked first; an error names the record and the
//! field (as the file spells it) and changes nothing.

use std::collections::BTreeSet;
use std::path::Path;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::records::links::{
    Known, category_referrers, check_activity, check_system, referrers_sentence,
};
use crate::domain::records::{
    Activity, CategoryCode, DataCategory, DataSystem, RecordCode, SystemKind, Taxonomy,
};
use crate::store::purposes;
use crate::store::register_table::{self, Register, RegisterRow};

use crate::services::records::export::{ROPA_FORMAT, ROPA_VERSION};
use crate::services::records::links::{known_for, register_referrers};
use crate::services::{ServiceError, ServiceResult};

/// What an import replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RopaImportSummary {
    /// Data categories now in the taxonomy.
    pub categories: usize,
    /// Processing activities now recorded.
    pub activities: usize,
    /// Systems now in the inventory.
    pub systems: usize,
}

/// The file's records, read and typed.
#[derive(Debug)]
struct Parsed {
    taxonomy: Taxonomy,
    activities: Vec<Activity>,
    systems: Vec<DataSystem>,
}

/// An error naming the file, the record and the field.
fn bad(source: &str, record: &str, field: &str, message: impl Into<String>) -> ServiceError {
    let at = match (record.is_empty(), field.is_empty()) {
        (true, true) => source.to_owned(),
        (false, true) => format!("{source}: {record}"),
        (true, false) => format!("{source}: field {field}"),
        (false, false) => format!("{source}: {record}, field {field}"),
    };
    ServiceError::invalid(at, message)
}

/// Reads one record; on failure finds the field at fault by trying each of the record's
/// fields on a valid `template`.
fn typed<T: DeserializeOwned + Serialize>(
    value: &Value,
    template: &T,
) -> Result<T, (String, String)> {
    let whole = match serde_json::from_value::<T>(value.clone()) {
        Ok(t) => return Ok(t),
        Err(e) => e.to_string(),
    };
    let Some(fields) = value.as_object() else {
        return Err((String::new(), "is not a JSON object".into()));
    };
    let base = serde_json::to_value(template).unwrap_or(Value::Null);
    for (key, v) in fields {
        let mut probe = base.clone();
        if let Some(map) = probe.as_object_mut() {
            map.insert(key.clone(), v.clone());
        }
        if let Err(e) = serde_json::from_value::<T>(probe) {
            return Err((key.clone(), e.to_string()));
        }
    }
    let field = whole
        .split('`')
        .nth(1)
        .filter(|_| whole.starts_with("missing field"))
        .unwrap_or("")
        .to_owned();
    Err((field, whole))
}

/// The records of one array of the file, each typed.
fn records<T: DeserializeOwned + Serialize>(
    file: &serde_json::Map<String, Value>,
    key: &str,
    noun: &str,
    template: &T,
    source: &str,
) -> ServiceResult<Vec<T>> {
    let Some(items) = file.get(key).and_then(Value::as_array) else {
        return Err(bad(
            source,
            "",
            key,
            format!("the file needs a list of {key} (it may be empty)"),
        ));
    };
    items
        .iter()
        .enumerate()
        .map(|(i, v)| {
            typed(v, template)
                .map_err(|(field, message)| bad(source, &record_name(noun, i, v), &field, message))
        })
        .collect()
}

/// "activity newsletter-sending (number 2)", or "activity number 2" when it has no code.
fn record_name(noun: &str, index: usize, v: &Value) -> String {
    match v.get("code").and_then(Value::as_str) {
        Some(code) => format!("{noun} {code} (number {})", index + 1),
        None => format!("{noun} number {}", index + 1),
    }
}

fn parse(text: &str, source: &str) -> ServiceResult<Parsed> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| bad(source, "", "", format!("it is not valid JSON ({e})")))?;
    let Some(file) = value.as_object() else {
        return Err(bad(
            source,
            "",
            "",
            "it is not a record of processing exported by Privacy Desk (expected a JSON object)",
        ));
    };
    if file.get("format").and_then(Value::as_str) != Some(ROPA_FORMAT) {
        return Err(bad(
            source,
            "",
            "format",
            format!(
                "this is not a record of processing exported by Privacy Desk (expected \"{ROPA_FORMAT}\")"
            ),
        ));
    }
    let version = file.get("version").and_then(Value::as_u64);
    if version != Some(u64::from(ROPA_VERSION)) {
        return Err(bad(
            source,
            "",
            "version",
            format!(
                "the file is version {}; this build reads version {ROPA_VERSION}",
                version.map_or_else(|| "unknown".to_owned(), |v| v.to_string())
            ),
        ));
    }
    let category_template = DataCategory {
        code: CategoryCode::parse("x").map_err(|m| ServiceError::invalid("Code", m))?,
        name: "x".into(),
        description: String::new(),
        special: None,
    };
    let system_template = DataSystem {
        code: RecordCode::from_name("x"),
        name: "x".into(),
        kind: SystemKind::Other,
        location: String::new(),
        vendor: None,
        data_categories: Vec::new(),
        activities: Vec::new(),
        holds_register: false,
        keeps_for: None,
        notes: String::new(),
    };
    let categories = records(file, "categories", "category", &category_template, source)?;
    let taxonomy = Taxonomy::new(categories).map_err(|m| bad(source, "", "categories", m))?;
    let activities = records(
        file,
        "activities",
        "activity",
        &Activity::named("x"),
        source,
    )?;
    let systems = records(file, "systems", "system", &system_template, source)?;
    Ok(Parsed {
        taxonomy,
        activities,
        systems,
    })
}

/// The first code used twice.
fn repeated<'a>(codes: impl IntoIterator<Item = &'a RecordCode>) -> Option<&'a RecordCode> {
    let mut seen = BTreeSet::new();
    codes.into_iter().find(|c| !seen.insert(*c))
}

impl super::Records<'_> {
    /// Replaces the taxonomy, the activities and the systems with those of the JSON file at
    /// `path` (written by `ropa export --format json`), all or nothing.
    pub fn import_ropa(&mut self, path: &Path) -> ServiceResult<RopaImportSummary> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            ServiceError::invalid(
                "Import file",
                format!("{} could not be read: {e}", path.display()),
            )
        })?;
        self.import_ropa_text(&text, &path.display().to_string())
    }

    /// As [`Session::import_ropa`], from the file's text; `source` names it in errors.
    pub fn import_ropa_text(
        &mut self,
        text: &str,
        source: &str,
    ) -> ServiceResult<RopaImportSummary> {
        self.require(Permission::EditVendorsAndRecords)?;
        let p = parse(text, source)?;
        self.check_import(&p, source)?;
        let summary = RopaImportSummary {
            categories: p.taxonomy.categories().len(),
            activities: p.activities.len(),
            systems: p.systems.len(),
        };
        let entry = self.entry(
            AuditAction::RopaImported,
            EntityRef::new("ropa", ""),
            format!(
                "{} categories, {} activities, {} systems",
                summary.categories, summary.activities, summary.systems
            ),
        );
        let old_categories = self.data_taxonomy()?;
        let old_activities = self.activities()?;
        let old_systems = self.data_systems()?;
        let mut w = self.store.write()?;
        for s in &old_systems {
            register_table::remove(&w, Register::Systems, s.code.as_str())?;
        }
        for a in &old_activities {
            register_table::remove(&w, Register::Activities, a.code.as_str())?;
        }
        for c in old_categories.categories() {
            register_table::remove(&w, Register::DataCategories, c.code.as_str())?;
        }
        for c in p.taxonomy.categories() {
            let row = RegisterRow {
                code: c.code.as_str(),
                name: &c.name,
                date: None,
                record: c,
            };
            register_table::save(&w, Register::DataCategories, &row)?;
        }
        for a in &p.activities {
            let row = RegisterRow {
                code: a.code.as_str(),
                name: &a.name,
                date: None,
                record: a,
            };
            register_table::save(&w, Register::Activities, &row)?;
        }
        for s in &p.systems {
            let row = RegisterRow {
                code: s.code.as_str(),
                name: &s.name,
                date: None,
                record: s,
            };
            register_table::save(&w, Register::Systems, &row)?;
        }
        w.append_audit(&self.keys.audit, &entry)?;
        w.commit()?;
        Ok(summary)
    }

    /// Checks every record of the file and every link, in and out of the replaced registers.
    fn check_import(&self, p: &Parsed, source: &str) -> ServiceResult<()> {
        if let Some(c) = repeated(p.activities.iter().map(|a| &a.code)) {
            return Err(bad(
                source,
                &format!("activity {c}"),
                "code",
                "the code appears twice",
            ));
        }
        if let Some(c) = repeated(p.systems.iter().map(|s| &s.code)) {
            return Err(bad(
                source,
                &format!("system {c}"),
                "code",
                "the code appears twice",
            ));
        }
        let conn = self.store.db();
        let mut known: Known = known_for(conn, &p.activities, &p.systems)?;
        known.categories = p
            .taxonomy
            .categories()
            .iter()
            .map(|c| c.code.clone())
            .collect();
        known.activities = p.activities.iter().map(|a| a.code.clone()).collect();
        for a in &p.activities {
            let record = format!("activity {}", a.code);
            if let Err(m) = a.check() {
                let (field, message) = m.split_once(": ").unwrap_or(("", &m));
                return Err(bad(source, &record, &field.to_lowercase(), message));
            }
            check_activity(a, &known)
                .map_err(|e| bad(source, &record, e.field.key(), e.message))?;
        }
        for s in &p.systems {
            let record = format!("system {}", s.code);
            if let Err(m) = s.check() {
                let (field, message) = m.split_once(": ").unwrap_or(("", &m));
                return Err(bad(source, &record, &field.to_lowercase(), message));
            }
            check_system(s, &known).map_err(|e| bad(source, &record, e.field.key(), e.message))?;
        }
        // What stays (purposes, vendors, security measures) must not lose what it refers to.
        let catalogue: Vec<_> = purposes::list(conn)?
            .into_iter()
            .map(|r| r.purpose)
            .collect();
        for c in self.data_taxonomy()?.categories() {
            if p.taxonomy.get(&c.code).is_some() {
                continue;
            }
            let mut by = category_referrers(&c.code, &p.taxonomy, &[], &[], &catalogue);
            by.extend(register_referrers(
                conn,
                "data_categories",
                c.code.as_str(),
            )?);
            if !by.is_empty() {
                return Err(bad(
                    source,
                    "",
                    "categories",
                    format!(
                        "the file has no category {}, but {} refer{} to it; add it to the file or change {} first",
                        c.code,
                        referrers_sentence(&by),
                        if by.len() == 1 { "s" } else { "" },
                        if by.len() == 1 { "it" } else { "them" }
                    ),
                ));
            }
        }
        for a in self.activities()? {
            if known.activities.contains(&a.code) {
                continue;
            }
            let by = register_referrers(conn, "activities", a.code.as_str())?;
            if !by.is_empty() {
                return Err(bad(
                    source,
                    "",
                    "activities",
                    format!(
                        "the file has no activity {}, but {} refer{} to it; add it to the file or change {} first",
                        a.code,
                        referrers_sentence(&by),
                        if by.len() == 1 { "s" } else { "" },
                        if by.len() == 1 { "it" } else { "them" }
                    ),
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_field_is_named() {
        let v = serde_json::json!({"code": "a", "name": "A", "purposes": ["Bad Code"]});
        let (field, message) = typed(&v, &Activity::named("x")).unwrap_err();
        assert_eq!(field, "purposes");
        assert!(message.contains("Bad Code"), "{message}");
        let v = serde_json::json!({"code": "a"});
        let (field, _) = typed(&v, &Activity::named("x")).unwrap_err();
        assert_eq!(field, "name");
        let v = serde_json::json!({"code": "a", "name": "A", "colour": 1});
        let template = DataCategory {
            code: CategoryCode::parse("x").unwrap(),
            name: "x".into(),
            description: String::new(),
            special: None,
        };
        assert_eq!(typed(&v, &template).unwrap_err().0, "colour");
    }

    #[test]
    fn the_file_must_say_what_it_is() {
        let e = parse("{\"format\": \"other\"}", "f.json")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("f.json: field format:"), "{e}");
        let e = parse(
            "{\"format\": \"privacy-desk-ropa\", \"version\": 9}",
            "f.json",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("version 9"), "{e}");
        let e = parse("[", "f.json").unwrap_err().to_string();
        assert!(e.contains("not valid JSON"), "{e}");
    }
}
