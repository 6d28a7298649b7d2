//! What `vendor add` and `vendor review` read: the options of a new vendor (countries with
//! their safeguards, sub-processors as `NAME;COUNTRY;SERVICE`) and an answers file (TOML or
//! JSON, `question-id = "value"`).

use std::path::Path;

use anyhow::{Context, bail};
use clap::Args;

use crate::domain::purpose::PurposeCode;
use crate::domain::records::questionnaire::Answers;
use crate::domain::records::{
    CategoryCode, DpaStatus, Location, RecordCode, SubProcessor, TransferSafeguard, Vendor,
    VendorRole,
};

use super::dates::date;

/// Options of `vendor add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Its name.
    #[arg(long)]
    pub name: String,
    /// Its code (default: made from the name).
    #[arg(long)]
    pub code: Option<String>,
    /// processor, sub-processor, independent-controller or joint-controller.
    #[arg(long, default_value = "processor")]
    pub role: String,
    /// What it does for you.
    #[arg(long)]
    pub service: Option<String>,
    /// A country where it processes the data; `COUNTRY=SAFEGUARD` for a transfer outside the
    /// EEA/UK (adequacy, standard-contractual-clauses, binding-corporate-rules, derogation,
    /// none). Repeat it.
    #[arg(long, value_name = "COUNTRY[=SAFEGUARD]")]
    pub country: Vec<String>,
    /// The safeguard of every --country given without its own (makes them transfers).
    #[arg(long)]
    pub safeguard: Option<String>,
    /// not-needed, missing, requested or signed (default: missing for a processor,
    /// not-needed otherwise).
    #[arg(long)]
    pub dpa: Option<String>,
    /// The day the DPA was signed (YYYY-MM-DD; implies --dpa signed).
    #[arg(long)]
    pub dpa_signed_on: Option<String>,
    /// A data category shared (taxonomy code, e.g. contact.email); repeat it.
    #[arg(long)]
    pub category: Vec<String>,
    /// A purpose it serves (purpose code); repeat it.
    #[arg(long)]
    pub purpose: Vec<String>,
    /// A processing activity it serves (activity code); repeat it.
    #[arg(long)]
    pub activity: Vec<String>,
    /// A sub-processor, `NAME[;COUNTRY[;SERVICE]]`; repeat it.
    #[arg(long, value_name = "NAME[;COUNTRY[;SERVICE]]")]
    pub sub_processor: Vec<String>,
    /// A certification (ISO 27001, SOC 2 …); repeat it.
    #[arg(long)]
    pub certification: Vec<String>,
    /// Notes (no personal details).
    #[arg(long)]
    pub notes: Option<String>,
}

fn safeguard(text: &str, option: &str) -> anyhow::Result<TransferSafeguard> {
    TransferSafeguard::from_code(text.trim()).with_context(|| {
        format!(
            "{option}: {:?} is not a safeguard; use adequacy, standard-contractual-clauses, binding-corporate-rules, derogation or none",
            text.trim()
        )
    })
}

fn codes<T>(
    items: &[String],
    parse: impl Fn(&str) -> Result<T, String>,
    option: &str,
) -> anyhow::Result<Vec<T>> {
    items
        .iter()
        .map(|i| parse(i.trim()).map_err(|m| anyhow::anyhow!("{option}: {m}")))
        .collect()
}

/// The vendor `vendor add` describes.
pub(super) fn vendor_from(args: &AddArgs) -> anyhow::Result<Vendor> {
    let mut v = Vendor::named(&args.name);
    if let Some(code) = &args.code {
        v.code = RecordCode::parse(code.trim()).map_err(|m| anyhow::anyhow!("--code: {m}"))?;
    }
    v.role = VendorRole::from_code(&args.role).with_context(|| {
        format!(
            "--role: {:?} is not a role; use processor, sub-processor, independent-controller or joint-controller",
            args.role
        )
    })?;
    v.services = args.service.clone().unwrap_or_default();
    let default_safeguard = args
        .safeguard
        .as_deref()
        .map(|s| safeguard(s, "--safeguard"))
        .transpose()?;
    let mut locations = Vec::new();
    for c in &args.country {
        let (country, own) = match c.split_once('=') {
            Some((country, s)) => (country, Some(safeguard(s, "--country")?)),
            None => (c.as_str(), None),
        };
        locations.push(Location {
            country: country.trim().to_owned(),
            safeguard: own.or(default_safeguard),
            note: String::new(),
        });
    }
    v.set_locations(&locations);
    v.dpa = match (&args.dpa, &args.dpa_signed_on) {
        (Some(s), _) => DpaStatus::from_code(s).with_context(|| {
            format!("--dpa: {s:?} is not a status; use not-needed, missing, requested or signed")
        })?,
        (None, Some(_)) => DpaStatus::Signed,
        (None, None) if v.role.needs_dpa() => DpaStatus::Missing,
        (None, None) => DpaStatus::NotNeeded,
    };
    v.dpa_signed_on = args
        .dpa_signed_on
        .as_deref()
        .map(|d| date(d, "--dpa-signed-on"))
        .transpose()?;
    v.data_categories = codes(&args.category, CategoryCode::parse, "--category")?;
    v.purposes = codes(&args.purpose, PurposeCode::parse, "--purpose")?;
    v.activities = codes(&args.activity, RecordCode::parse, "--activity")?;
    v.sub_processors = args
        .sub_processor
        .iter()
        .map(|s| {
            let mut parts = s.splitn(3, ';').map(|p| p.trim().to_owned());
            SubProcessor {
                name: parts.next().unwrap_or_default(),
                country: parts.next().unwrap_or_default(),
                service: parts.next().unwrap_or_default(),
            }
        })
        .collect();
    v.certifications = args.certification.clone();
    v.notes = args.notes.clone().unwrap_or_default();
    Ok(v)
}

/// An answer value of a file: text, or true/false for yes/no.
fn answer_text(id: &str, value: AnswerValue<'_>, file: &Path) -> anyhow::Result<String> {
    match value {
        AnswerValue::Text(s) => Ok(s.to_owned()),
        AnswerValue::Bool(true) => Ok("yes".into()),
        AnswerValue::Bool(false) => Ok("no".into()),
        AnswerValue::Other => bail!(
            "{}: the answer to {id} must be text (or true/false for a yes/no question)",
            file.display()
        ),
    }
}

enum AnswerValue<'a> {
    Text(&'a str),
    Bool(bool),
    Other,
}

/// Reads an answers file: TOML (`id = "value"`) or JSON (`{"id": "value"}`) by its extension.
pub(super) fn answers_file(file: &Path) -> anyhow::Result<Answers> {
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("--answers: {} could not be read", file.display()))?;
    let mut out = Answers::new();
    if file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&text)
            .with_context(|| format!("{}: not a JSON object of answers", file.display()))?;
        for (id, v) in &map {
            let value = match v {
                serde_json::Value::String(s) => AnswerValue::Text(s),
                serde_json::Value::Bool(b) => AnswerValue::Bool(*b),
                _ => AnswerValue::Other,
            };
            out.insert(id.clone(), answer_text(id, value, file)?);
        }
    } else {
        let table: toml::Table =
            toml::from_str(&text).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
        for (id, v) in &table {
            let value = match v {
                toml::Value::String(s) => AnswerValue::Text(s),
                toml::Value::Boolean(b) => AnswerValue::Bool(*b),
                _ => AnswerValue::Other,
            };
            out.insert(id.clone(), answer_text(id, value, file)?);
        }
    }
    Ok(out)
}
