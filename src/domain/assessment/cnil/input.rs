//! The JSON a CNIL PIA tool export holds, read leniently: numbers may come as text (the tool's
//! forms store some as strings), any field may be missing or null, unknown fields are ignored.
//! A value of the wrong kind is refused, and the error's path names the field.

use serde::Deserialize;
use serde::de::{Deserializer, Error as _};
use serde_json::Value;

/// The whole export.
#[derive(Debug, Deserialize)]
pub(super) struct Export {
    pub pia: Pia,
    #[serde(default)]
    pub answers: Vec<CnilAnswer>,
    #[serde(default)]
    pub measures: Vec<CnilMeasure>,
    #[serde(default)]
    pub evaluations: Vec<Evaluation>,
}

/// The `pia` object (the fields we use).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Pia {
    pub name: Option<String>,
    pub author_name: Option<String>,
    pub evaluator_name: Option<String>,
    pub validator_name: Option<String>,
    #[serde(deserialize_with = "int")]
    pub status: Option<i64>,
    #[serde(deserialize_with = "int")]
    pub dpo_status: Option<i64>,
    pub dpo_opinion: Option<String>,
    pub dpos_names: Option<String>,
    pub concerned_people_opinion: Option<String>,
    #[serde(deserialize_with = "int")]
    pub concerned_people_status: Option<i64>,
    #[serde(deserialize_with = "flag")]
    pub concerned_people_searched_opinion: Option<bool>,
    pub concerned_people_searched_content: Option<String>,
    pub people_names: Option<String>,
    #[serde(alias = "rejected_reason")]
    pub rejection_reason: Option<String>,
    #[serde(alias = "applied_adjustements")]
    pub applied_adjustments: Option<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

/// One answer.
#[derive(Debug, Deserialize)]
pub(super) struct CnilAnswer {
    #[serde(default, deserialize_with = "int")]
    pub reference_to: Option<i64>,
    #[serde(default)]
    pub data: AnswerData,
}

/// What an answer holds.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct AnswerData {
    pub text: Option<String>,
    #[serde(deserialize_with = "int")]
    pub gauge: Option<i64>,
    #[serde(deserialize_with = "texts")]
    pub list: Vec<String>,
}

/// One measure.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct CnilMeasure {
    #[serde(deserialize_with = "int")]
    pub id: Option<i64>,
    pub title: Option<String>,
    pub content: Option<String>,
}

/// One evaluation.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Evaluation {
    #[serde(deserialize_with = "text")]
    pub reference_to: Option<String>,
    #[serde(deserialize_with = "int")]
    pub status: Option<i64>,
    pub evaluation_comment: Option<String>,
    pub action_plan_comment: Option<String>,
    pub gauges: Option<Gauges>,
    pub estimated_implementation_date: Option<String>,
    pub person_in_charge: Option<String>,
}

/// An evaluation's residual gauges: x the severity, y the likelihood (the tool's risk
/// cartography and its exports read them so).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Gauges {
    #[serde(deserialize_with = "int")]
    pub x: Option<i64>,
    #[serde(deserialize_with = "int")]
    pub y: Option<i64>,
}

/// A whole number given as a number, as text, or not at all.
fn int<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    match Option::<Value>::deserialize(d)? {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n
            .as_i64()
            .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64))
            .map(Some)
            .ok_or_else(|| D::Error::custom(format!("expected a whole number, found {n}"))),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| D::Error::custom(format!("expected a whole number, found {s:?}"))),
        Some(other) => Err(D::Error::custom(format!(
            "expected a whole number, found {other}"
        ))),
    }
}

/// Yes or no, given as a boolean, 0/1, or text.
fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    match Option::<Value>::deserialize(d)? {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(b)),
        Some(Value::Number(n)) if n.as_i64() == Some(0) => Ok(Some(false)),
        Some(Value::Number(n)) if n.as_i64() == Some(1) => Ok(Some(true)),
        Some(Value::String(s)) => match s.trim() {
            "true" | "1" => Ok(Some(true)),
            "false" | "0" => Ok(Some(false)),
            "" => Ok(None),
            _ => Err(D::Error::custom(format!(
                "expected true or false, found {s:?}"
            ))),
        },
        Some(other) => Err(D::Error::custom(format!(
            "expected true or false, found {other}"
        ))),
    }
}

/// Text, or a number written as text.
fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    match Option::<Value>::deserialize(d)? {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(other) => Err(D::Error::custom(format!("expected text, found {other}"))),
    }
}

/// A list of texts (null for none).
fn texts<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    match Option::<Vec<Value>>::deserialize(d)? {
        None => Ok(Vec::new()),
        Some(items) => items
            .into_iter()
            .filter(|v| !v.is_null())
            .map(|v| match v {
                Value::String(s) => Ok(s),
                Value::Number(n) => Ok(n.to_string()),
                other => Err(D::Error::custom(format!(
                    "expected a list of texts, found {other}"
                ))),
            })
            .collect(),
    }
}
