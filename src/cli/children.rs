//! `subject set-age`, the parental authorisation of `consent record`, and what `subject show`
//! prints about a child (issue 16: GDPR and UK GDPR Art. 8; Cal. Civ. Code § 1798.120(c)).
//! Every value is checked here, so bad input exits 1 naming its flag, with nothing changed.

use anyhow::{Context as _, bail};
use clap::Args;
use serde_json::{Value, json};
use uuid::Uuid;

use super::find_subject::one_subject;
use crate::domain::children::{
    AgeBand, AgeValue, ParentalAuthorisation, VerificationMethod, check_authorised_by,
};
use crate::domain::purpose::PurposeCode;
use crate::services::{ChildView, Session};

/// Options of `subject set-age`.
#[derive(Debug, Args)]
pub struct SetAgeArgs {
    /// The subject: their id (as `subject show` prints it) or their email.
    pub id: String,
    /// The year they were born.
    #[arg(long, value_name = "Y")]
    pub birth_year: Option<String>,
    /// Their age band instead: under-13, 13-15, 16-17 or 18-plus.
    #[arg(long, value_name = "BAND")]
    pub age_band: Option<String>,
    /// How the age was verified (leave out when the person only stated it): signed-form,
    /// payment-card, phone-call, video-call, in-person, government-id, parent-email.
    #[arg(long, value_name = "METHOD")]
    pub verified_by: Option<String>,
}

/// The method named by `--verified-by`.
pub fn method(text: &str) -> anyhow::Result<VerificationMethod> {
    VerificationMethod::from_code(text).with_context(|| {
        format!(
            "--verified-by {text:?} is not a method; use one of {}",
            VerificationMethod::codes()
        )
    })
}

/// The subject named by an id or an email.
fn subject_id(session: &Session, id: &str) -> anyhow::Result<Uuid> {
    match Uuid::parse_str(id.trim()) {
        Ok(uuid) => {
            if session.subjects().subject(uuid)?.is_none() {
                bail!("there is no subject {uuid}; `subject show EMAIL` prints a subject's id");
            }
            Ok(uuid)
        }
        Err(_) => Ok(one_subject(session, id)?.id),
    }
}

/// Runs `subject set-age`.
pub fn set_age(session: &mut Session, a: SetAgeArgs) -> anyhow::Result<()> {
    let value =
        match (&a.birth_year, &a.age_band) {
            (Some(_), Some(_)) => bail!("give --birth-year or --age-band, not both"),
            (None, None) => bail!(
                "give the age: --birth-year YEAR, or --age-band with one of {}",
                AgeBand::ALL.map(AgeBand::code).join(", ")
            ),
            (Some(y), None) => AgeValue::BirthYear(y.trim().parse().map_err(|_| {
                anyhow::anyhow!("--birth-year {y:?} is not a year; write it as 2012")
            })?),
            (None, Some(b)) => AgeValue::Band(AgeBand::from_code(b).with_context(|| {
                format!(
                    "--age-band {b:?} is not a band; use one of {}",
                    AgeBand::ALL.map(AgeBand::code).join(", ")
                )
            })?),
        };
    let verified_by = a.verified_by.as_deref().map(method).transpose()?;
    let subject = subject_id(session, &a.id)?;
    let today = chrono::Local::now().date_naive();
    session
        .consent()
        .set_age(subject, value, verified_by, today)
        .map_err(|e| match e {
            crate::services::ServiceError::Invalid { field, message } if field == "Birth year" => {
                anyhow::anyhow!("--birth-year: {message}")
            }
            other => other.into(),
        })?;
    outln!(
        "Recorded the age of subject {subject} ({}).",
        verified_by.map_or("stated", |_| "verified")
    )?;
    Ok(())
}

/// The parental authorisation asked for by `consent record`, checked; `None` when neither flag
/// was given.
pub fn authorisation(
    by: Option<&str>,
    verified_by: Option<&str>,
    on: Option<&str>,
) -> anyhow::Result<Option<ParentalAuthorisation>> {
    let (by, verified_by) = match (by, verified_by) {
        (None, None) => {
            if on.is_some() {
                bail!(
                    "--authorised-on goes with --parental-authorisation-by NAME --verified-by METHOD"
                );
            }
            return Ok(None);
        }
        (Some(_), None) => bail!(
            "--parental-authorisation-by needs --verified-by METHOD (how it was verified): one of {}",
            VerificationMethod::codes()
        ),
        (None, Some(_)) => bail!(
            "--verified-by needs --parental-authorisation-by NAME (the parent or guardian who authorised it)"
        ),
        (Some(by), Some(m)) => (by, m),
    };
    let authorised_by =
        check_authorised_by(by).map_err(|m| anyhow::anyhow!("--parental-authorisation-by: {m}"))?;
    let method = method(verified_by)?;
    let authorised_on = match on {
        Some(d) => chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").map_err(|_| {
            anyhow::anyhow!("--authorised-on {d:?} is not a date; write it as YYYY-MM-DD")
        })?,
        None => chrono::Local::now().date_naive(),
    };
    Ok(Some(ParentalAuthorisation {
        authorised_by,
        method,
        authorised_on,
    }))
}

/// What `subject show --json` adds about a child: `age` and `parental_authorisations`.
pub fn json_of(view: &ChildView) -> (Value, Value) {
    let age = view.age.as_ref().map(|a| {
        let (birth_year, band) = match a.value {
            AgeValue::BirthYear(y) => (Some(y), None),
            AgeValue::Band(b) => (None, Some(b.code())),
        };
        json!({
            "birth_year": birth_year,
            "age_band": band,
            "basis": if a.verified_by.is_some() { "verified" } else { "stated" },
            "verified_by": a.verified_by.map(VerificationMethod::code),
            "recorded_on": a.recorded_on,
            "thresholds": view.thresholds.iter().map(|t| json!({
                "regime": t.regime.code(),
                "age": t.age,
                "parent_age": t.parent_age,
                "source": t.source,
            })).collect::<Vec<_>>(),
        })
    });
    let authorisations: Vec<Value> = view
        .lines
        .iter()
        .filter_map(|l| {
            l.authorisation.as_ref().map(|a| {
                let mut doc = json!({
                    "event": l.event,
                    "event_kind": l.kind.code(),
                    "purpose": l.purpose.as_ref().map(PurposeCode::as_str),
                    "at": l.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    "verified_by": a.method.code(),
                    "authorised_on": a.authorised_on,
                });
                if let (Some(name), Some(map)) = (&a.authorised_by, doc.as_object_mut()) {
                    map.insert("authorised_by".into(), json!(name));
                }
                doc
            })
        })
        .collect();
    (age.unwrap_or(Value::Null), Value::Array(authorisations))
}

/// The lines `subject show` prints about a child.
pub fn text_of(view: &ChildView) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(a) = &view.age {
        out.push(format!(
            "  age:    {} ({}, recorded {})",
            a.describe(),
            a.basis(),
            a.recorded_on
        ));
        for t in &view.thresholds {
            out.push(format!("          {}", t.source));
        }
    }
    for l in &view.lines {
        if let Some(a) = &l.authorisation {
            out.push(format!(
                "  parental authorisation: {} {} at {}, verified by {} on {}{}",
                l.kind.code(),
                l.purpose
                    .as_ref()
                    .map_or("(person-wide)", PurposeCode::as_str),
                l.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                a.method.code(),
                a.authorised_on,
                a.authorised_by
                    .as_ref()
                    .map(|n| format!(", by {n}"))
                    .unwrap_or_default()
            ));
        }
    }
    out
}
