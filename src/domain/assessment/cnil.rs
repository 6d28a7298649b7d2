//! Import from the CNIL's open-source PIA tool (the French data protection authority's
//! software, github.com/LINCnil/pia). Its JSON export holds `pia` (names, statuses, the DPO's
//! and the people's opinions), `answers` (by question number), `measures` and `evaluations`
//! (by reference such as `"2.1.211"` or `"3.2"`). It maps onto the shipped `cnil-pia` template:
//!
//! - the context and fundamental-principle answers (111–113, 121–123, 211–215, 221–227) become
//!   the text answers `q111` …, their HTML turned into readable text;
//! - the risk items 3.2, 3.3 and 3.4 become the standard risks R1 (illegitimate access), R2
//!   (unwanted modification) and R3 (disappearance): impacts, threats and sources from the
//!   answers x21–x23, the severity and likelihood before the measures from the gauges of x25 and
//!   x26 (1–4 = negligible … maximum; 0 or none = not scored; their justifications are appended
//!   to the impacts and the threats), the residual score from the evaluation's gauges (x = the
//!   severity, y = the likelihood, as the tool's risk map and exports read them);
//! - the measures become the action plan, linked to the risks whose answer x24 lists them;
//!   a measure the evaluator found acceptable (evaluation status 3) is done, any other planned,
//!   with the evaluation's comment, the person in charge and the planned date;
//! - an evaluation's corrective action (`action_plan_comment`) on a question or a risk becomes
//!   a planned measure of its own; the evaluation comment of a question is appended to its
//!   answer ("Evaluation (improvable): …"), that of a whole part or a risk goes to the
//!   `evaluation.notes` answer;
//! - the DPO's opinion (`dpo_status` 1 = may go ahead, 0 = should not), the people's views
//!   (`concerned_people_searched_opinion`), and the status (0 doing, 1 refused, 2 validated,
//!   3 validated and signed, 4 archived): a refused or validated PIA arrives decided, signed by
//!   its validator on the day of its last change; an archived one arrives as a draft.

mod consultation;
mod input;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};

use super::html_text::html_to_text;
use super::{Answer, Assessment, Level, Measure, MeasureStatus, Score, Template};
use input::{AnswerData, Evaluation, Export};

/// The code of the shipped template CNIL exports import into.
pub const CNIL_TEMPLATE: &str = "cnil-pia";

/// The tool's context and fundamental-principle questions, answered in free text.
pub const TEXT_QUESTIONS: [i64; 18] = [
    111, 112, 113, 121, 122, 123, 211, 212, 213, 214, 215, 221, 222, 223, 224, 225, 226, 227,
];

/// The question of the template where the evaluations of whole parts go.
pub const EVALUATION_QUESTION: &str = "evaluation.notes";

/// An import: the assessment, and what the officer should know about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CnilImport {
    /// The assessment (decided when the tool's PIA was refused or validated).
    pub assessment: Assessment,
    /// What was left out or read in a particular way, one sentence each.
    pub notes: Vec<String>,
}

/// Whether a JSON document looks like a CNIL PIA export (an object with a `pia` object).
pub fn looks_like_cnil(value: &serde_json::Value) -> bool {
    value.get("pia").is_some_and(serde_json::Value::is_object)
}

/// An error of `serde_path_to_error`, as `field.path: problem at line L column C`.
pub fn json_path_error(e: &serde_path_to_error::Error<serde_json::Error>) -> String {
    let path = e.path().to_string();
    if path.is_empty() || path == "." {
        e.inner().to_string()
    } else {
        format!("{path}: {}", e.inner())
    }
}

fn evaluation_label(status: Option<i64>) -> &'static str {
    match status {
        Some(1) => "to be corrected",
        Some(2) => "improvable",
        Some(3) => "acceptable",
        _ => "not evaluated yet",
    }
}

fn part_name(reference: &str) -> &'static str {
    match reference {
        "1.1" => "Overview",
        "1.2" => "Data, processes and supporting assets",
        "2.1" => "Proportionality and necessity",
        "2.2" => "Controls protecting the people's rights",
        "3.1" => "Existing or planned measures",
        _ => "Part",
    }
}

fn clean(text: &Option<String>) -> String {
    text.as_deref().map(html_to_text).unwrap_or_default()
}

fn level(value: Option<i64>, field: &str) -> Result<Option<Level>, String> {
    match value {
        None | Some(0) => Ok(None),
        Some(n @ 1..=4) => Ok(u8::try_from(n).ok().and_then(Level::from_value)),
        Some(n) => Err(format!(
            "{field}: {n} is not on the tool's scale (0 = not scored, 1 = negligible … 4 = maximum)"
        )),
    }
}

fn score(severity: Option<Level>, likelihood: Option<Level>) -> Option<Score> {
    Some(Score {
        severity: severity?,
        likelihood: likelihood?,
    })
}

fn time(
    value: &Option<String>,
    field: &str,
    fallback: DateTime<Utc>,
) -> Result<DateTime<Utc>, String> {
    match value.as_deref().map(str::trim) {
        None | Some("") => Ok(fallback),
        Some(t) => DateTime::parse_from_rfc3339(t)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| {
                format!(
                    "{field}: {t:?} is not a date and time (expected e.g. 2018-02-20T15:25:41.845Z)"
                )
            }),
    }
}

fn day(value: &Option<String>, field: &str) -> Result<Option<NaiveDate>, String> {
    match value.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => t
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .map(Some)
            .ok_or_else(|| format!("{field}: {t:?} is not a date (expected e.g. 2018-03-31)")),
    }
}

fn list_or_text(data: &AnswerData) -> String {
    if data.list.is_empty() {
        clean(&data.text)
    } else {
        data.list
            .iter()
            .map(|t| html_to_text(t))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

fn append(text: &mut String, more: &str) {
    if more.is_empty() {
        return;
    }
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    text.push_str(more);
}

fn same_title(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// Reads a CNIL PIA tool export into an assessment following `template` (the `cnil-pia`
/// template); `now` stands in for missing times. The error names the field and, for malformed
/// JSON, the line.
pub fn from_cnil_json(
    text: &str,
    template: &Template,
    now: DateTime<Utc>,
) -> Result<CnilImport, String> {
    let mut de = serde_json::Deserializer::from_str(text);
    let export: Export =
        serde_path_to_error::deserialize(&mut de).map_err(|e| json_path_error(&e))?;
    de.end().map_err(|e| e.to_string())?;
    map(&export, template, now)
}

fn map(export: &Export, template: &Template, now: DateTime<Utc>) -> Result<CnilImport, String> {
    let pia = &export.pia;
    let created = time(&pia.created_at, "pia.created_at", now)?;
    let updated = time(&pia.updated_at, "pia.updated_at", created)?;
    let mut title = clean(&pia.name);
    if title.is_empty() {
        title = "PIA imported from the CNIL tool".into();
    }
    let mut a = Assessment::new(&title, template, created);
    a.updated_at = updated;
    let mut notes = Vec::new();
    let mut summary = Vec::new();
    let people: Vec<String> = [
        ("written by", &pia.author_name),
        ("evaluated by", &pia.evaluator_name),
        ("validated by", &pia.validator_name),
    ]
    .into_iter()
    .filter_map(|(what, who)| {
        Some(format!(
            "{what} {}",
            Some(clean(who)).filter(|w| !w.is_empty())?
        ))
    })
    .collect();
    if !people.is_empty() {
        summary.push(format!("In the CNIL PIA tool: {}.", people.join("; ")));
    }

    // Answers, by question number; the gauges are checked where they are read.
    let mut answers: BTreeMap<i64, (usize, &AnswerData)> = BTreeMap::new();
    for (i, answer) in export.answers.iter().enumerate() {
        match answer.reference_to {
            Some(r) => {
                answers.insert(r, (i, &answer.data));
            }
            None => notes.push(format!("answers[{i}] has no reference_to; it was skipped.")),
        }
    }
    for (&r, (_, data)) in &answers {
        let is_risk = (321..=346).contains(&r) && (1..=6).contains(&(r % 10)) && r / 10 % 10 >= 2;
        if TEXT_QUESTIONS.contains(&r) {
            let text = list_or_text(data);
            if !text.is_empty() && template.question(&format!("q{r}")).is_some() {
                a.answers.insert(format!("q{r}"), Answer::Text(text));
            }
        } else if !is_risk {
            notes.push(format!(
                "The answer to question {r} has no place in the template; it was skipped."
            ));
        }
    }

    // Evaluations by reference.
    let evaluations: BTreeMap<String, (usize, &Evaluation)> = export
        .evaluations
        .iter()
        .enumerate()
        .filter_map(|(i, e)| Some((e.reference_to.as_deref()?.trim().to_owned(), (i, e))))
        .collect();

    // The three risks.
    let mut treated_by: Vec<Vec<String>> = vec![Vec::new(); 3];
    for (n, risk) in a.risks.iter_mut().enumerate().take(3) {
        let base = 320 + 10 * n as i64;
        let data = |k: i64| answers.get(&(base + k)).map(|(_, d)| *d);
        let gauge = |k: i64| -> Result<Option<Level>, String> {
            match answers.get(&(base + k)) {
                Some((i, d)) => level(d.gauge, &format!("answers[{i}].data.gauge")),
                None => Ok(None),
            }
        };
        risk.impacts = data(1).map(list_or_text).unwrap_or_default();
        risk.threats = data(2).map(list_or_text).unwrap_or_default();
        risk.sources = data(3).map(list_or_text).unwrap_or_default();
        treated_by[n] = data(4).map(|d| d.list.clone()).unwrap_or_default();
        let why = |k| data(k).map(|d| clean(&d.text)).unwrap_or_default();
        let (why_severity, why_likelihood) = (why(5), why(6));
        if !why_severity.is_empty() {
            append(&mut risk.impacts, &format!("Severity: {why_severity}"));
        }
        if !why_likelihood.is_empty() {
            append(&mut risk.threats, &format!("Likelihood: {why_likelihood}"));
        }
        let (severity, likelihood) = (gauge(5)?, gauge(6)?);
        risk.before = score(severity, likelihood);
        if risk.before.is_none() && (severity.is_some() || likelihood.is_some()) {
            notes.push(format!("{}: only one of severity and likelihood was scored, so the risk is imported unscored.", risk.title));
        }
        let reference = format!("3.{}", n + 2);
        if let Some((i, e)) = evaluations.get(&reference) {
            let gauges = e.gauges.as_ref();
            risk.after = score(
                level(
                    gauges.and_then(|g| g.x),
                    &format!("evaluations[{i}].gauges.x"),
                )?,
                level(
                    gauges.and_then(|g| g.y),
                    &format!("evaluations[{i}].gauges.y"),
                )?,
            );
        }
    }

    // The measures.
    for (i, m) in export.measures.iter().enumerate() {
        let mut measure = Measure {
            id: format!("M{}", a.measures.len() + 1),
            title: Some(clean(&m.title))
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| format!("Measure {}", i + 1)),
            description: clean(&m.content),
            owner: String::new(),
            due_on: None,
            status: MeasureStatus::Planned,
            risks: Vec::new(),
        };
        let reference = m.id.map(|id| format!("3.1.{id}"));
        if let Some((j, e)) = reference.and_then(|r| evaluations.get(&r)) {
            if e.status == Some(3) {
                measure.status = MeasureStatus::Done;
            }
            describe_evaluation(&mut measure.description, e, true);
            measure.owner = clean(&e.person_in_charge);
            measure.due_on = day(
                &e.estimated_implementation_date,
                &format!("evaluations[{j}].estimated_implementation_date"),
            )?;
        }
        for (n, titles) in treated_by.iter().enumerate() {
            if titles.iter().any(|t| same_title(t, &measure.title)) {
                measure.risks.push(a.risks[n].id.clone());
            }
        }
        a.measures.push(measure);
    }

    // The other evaluations: comments and corrective actions.
    for (reference, (i, e)) in &evaluations {
        let parts: Vec<&str> = reference.split('.').collect();
        let comment = clean(&e.evaluation_comment);
        let label = evaluation_label(e.status);
        let (target, linked): (String, Vec<String>) = match parts.as_slice() {
            ["3", "1", _] => continue,
            ["3", n @ ("2" | "3" | "4")] => {
                let risk = &a.risks[usize::from(n.as_bytes()[0] - b'2')];
                summary.push(format!(
                    "{} ({reference}): {label}.{}",
                    risk.title,
                    if comment.is_empty() {
                        String::new()
                    } else {
                        format!(" {comment}")
                    }
                ));
                (risk.title.clone(), vec![risk.id.clone()])
            }
            ["1" | "2", _, q] => {
                let id = format!("q{q}");
                let Some(question) = template.question(&id) else {
                    notes.push(format!("The evaluation of {reference} has no question in the template; it was skipped."));
                    continue;
                };
                if let Some(Answer::Text(text)) = a.answers.get_mut(&id) {
                    describe_evaluation(text, e, false);
                } else if !comment.is_empty() {
                    a.answers
                        .insert(id, Answer::Text(format!("Evaluation ({label}): {comment}")));
                }
                (question.text.clone(), Vec::new())
            }
            [_, _] => {
                summary.push(format!(
                    "{} ({reference}): {label}.{}",
                    part_name(reference),
                    if comment.is_empty() {
                        String::new()
                    } else {
                        format!(" {comment}")
                    }
                ));
                (part_name(reference).to_owned(), Vec::new())
            }
            _ => {
                notes.push(format!("evaluations[{i}].reference_to: {reference:?} is not a part of the CNIL PIA; it was skipped."));
                continue;
            }
        };
        let action = clean(&e.action_plan_comment);
        if !action.is_empty() {
            a.measures.push(Measure {
                id: format!("M{}", a.measures.len() + 1),
                title: format!("Corrective action ({reference}): {target}"),
                description: action,
                owner: clean(&e.person_in_charge),
                due_on: day(
                    &e.estimated_implementation_date,
                    &format!("evaluations[{i}].estimated_implementation_date"),
                )?,
                status: MeasureStatus::Planned,
                risks: linked,
            });
        }
    }

    consultation::opinions(&mut a, pia, updated, &mut summary)?;
    consultation::decision(&mut a, pia, updated, &mut notes, &mut summary)?;
    if !summary.is_empty() && template.question(EVALUATION_QUESTION).is_some() {
        a.answers.insert(
            EVALUATION_QUESTION.into(),
            Answer::Text(summary.join("\n\n")),
        );
    }
    a.check(template).map_err(|m| {
        format!(
            "the imported assessment does not fit the template {}: {m}",
            template.code
        )
    })?;
    Ok(CnilImport {
        assessment: a,
        notes,
    })
}

/// Appends "Evaluation (label): comment" to `text`, and "Corrective action: …" when
/// `with_action`.
fn describe_evaluation(text: &mut String, e: &Evaluation, with_action: bool) {
    let comment = clean(&e.evaluation_comment);
    if e.status.is_some() || !comment.is_empty() {
        let label = evaluation_label(e.status);
        append(
            text,
            &if comment.is_empty() {
                format!("Evaluation: {label}.")
            } else {
                format!("Evaluation ({label}): {comment}")
            },
        );
    }
    let action = clean(&e.action_plan_comment);
    if with_action && !action.is_empty() {
        append(text, &format!("Corrective action: {action}"));
    }
}
