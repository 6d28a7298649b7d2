//! What the record of processing and the data inventory may link to, read from the store:
//! the purpose catalogue, the retention policy, the taxonomy, the activities, and the vendor and
//! security registers (whose records are read as plain JSON here, so this file does not depend
//! on their types). Also: who in the vendor and security registers still refers to an activity
//! or a data category.

use std::collections::BTreeSet;

use crate::store::Db;
use serde_json::Value;

use crate::domain::records::links::{Known, LinkProblem, Referrer};
use crate::domain::records::{Activity, DataSystem, RecordCode};
use crate::store::register_table::{self, Register};
use crate::store::{purposes, retention_rules};

use crate::services::records::taxonomy_rows::read_taxonomy;
use crate::services::{ServiceError, ServiceResult};

/// The codes of `codes` that exist in `register` (the vendor or security register).
fn existing(
    conn: &Db,
    register: Register,
    codes: impl IntoIterator<Item = RecordCode>,
) -> ServiceResult<BTreeSet<RecordCode>> {
    let mut out = BTreeSet::new();
    for code in codes {
        if register_table::get::<Value>(conn, register, code.as_str())?.is_some() {
            out.insert(code);
        }
    }
    Ok(out)
}

/// What exists for checking the given activities and systems.
pub(in crate::services) fn known_for(
    conn: &Db,
    activities: &[Activity],
    systems: &[DataSystem],
) -> ServiceResult<Known> {
    let vendors = activities
        .iter()
        .flat_map(|a| a.vendors.iter().cloned())
        .chain(systems.iter().filter_map(|s| s.vendor.clone()));
    let measures = activities
        .iter()
        .flat_map(|a| a.security_measures.iter().cloned());
    Ok(Known {
        purposes: purposes::list(conn)?
            .into_iter()
            .map(|p| p.purpose.code)
            .collect(),
        retention_rules: retention_rules::list(conn)?
            .into_iter()
            .map(|r| r.code)
            .collect(),
        categories: read_taxonomy(conn)?
            .categories()
            .iter()
            .map(|c| c.code.clone())
            .collect(),
        activities: register_table::list::<Activity>(conn, Register::Activities)?
            .into_iter()
            .map(|a| a.code)
            .collect(),
        vendors: existing(conn, Register::Vendors, vendors)?,
        measures: existing(conn, Register::SecurityMeasures, measures)?,
    })
}

/// A link problem as a service error naming the field as labelled on screen.
pub(in crate::services) fn on_screen(p: LinkProblem) -> ServiceError {
    ServiceError::invalid(p.field.label(), p.message)
}

/// Whether `value` has, anywhere, a field called `key` holding `code` (or a list with it).
fn json_refers(value: &Value, key: &str, code: &str) -> bool {
    match value {
        Value::Object(map) => map.iter().any(|(k, v)| {
            (k == key
                && match v {
                    Value::String(s) => s == code,
                    Value::Array(items) => items.iter().any(|i| i.as_str() == Some(code)),
                    _ => false,
                })
                || json_refers(v, key, code)
        }),
        Value::Array(items) => items.iter().any(|i| json_refers(i, key, code)),
        _ => false,
    }
}

/// The name of a record of the vendor or security register (its code when it has none).
pub(in crate::services) fn register_name(
    conn: &Db,
    register: Register,
    code: &RecordCode,
) -> ServiceResult<String> {
    Ok(register_table::get::<Value>(conn, register, code.as_str())?
        .and_then(|v| v.get("name").and_then(Value::as_str).map(str::to_owned))
        .unwrap_or_else(|| code.to_string()))
}

/// The vendors and security measures whose `key` field (`activities`, `data_categories`)
/// still holds `code`.
pub(in crate::services) fn register_referrers(
    conn: &Db,
    key: &str,
    code: &str,
) -> ServiceResult<Vec<Referrer>> {
    let mut out = Vec::new();
    for (register, noun) in [
        (Register::Vendors, "vendor"),
        (Register::SecurityMeasures, "security measure"),
    ] {
        for v in register_table::list::<Value>(conn, register)? {
            if json_refers(&v, key, code) {
                let text = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
                out.push(Referrer {
                    noun,
                    code: text("code"),
                    name: text("name"),
                    field: if key == "activities" {
                        "Activities"
                    } else {
                        "Data categories"
                    },
                });
            }
        }
    }
    Ok(out)
}

/// The records of the vendor or security register as (code, name), in the register's order.
fn choices(conn: &Db, register: Register) -> ServiceResult<Vec<(RecordCode, String)>> {
    Ok(register_table::list::<Value>(conn, register)?
        .into_iter()
        .filter_map(|v| {
            let code = RecordCode::parse(v.get("code")?.as_str()?).ok()?;
            let name = v
                .get("name")
                .and_then(Value::as_str)
                .map_or_else(|| code.to_string(), str::to_owned);
            Some((code, name))
        })
        .collect())
}

impl super::Records<'_> {
    /// The vendors an activity or a system may name, as (code, name).
    pub fn vendor_choices(&self) -> ServiceResult<Vec<(RecordCode, String)>> {
        choices(self.store.db(), Register::Vendors)
    }

    /// The security measures an activity may name, as (code, name).
    pub fn security_measure_choices(&self) -> ServiceResult<Vec<(RecordCode, String)>> {
        choices(self.store.db(), Register::SecurityMeasures)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_references_are_found_at_any_depth() {
        let v: Value = serde_json::json!({
            "code": "mailchimp",
            "services": [{"data_categories": ["contact.email"]}],
            "activities": "newsletter-sending"
        });
        assert!(json_refers(&v, "data_categories", "contact.email"));
        assert!(json_refers(&v, "activities", "newsletter-sending"));
        assert!(!json_refers(&v, "data_categories", "contact"));
        assert!(!json_refers(&v, "activities", "mailchimp"));
    }
}
