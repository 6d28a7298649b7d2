//! The vendor due-diligence questionnaire: questions kept as data in
//! `assets/vendor_questionnaire.toml` (id, topic, text, guidance for a small business, the kind
//! of answer, and for scored questions a weight and the answers that count against the
//! vendor), and the checking of a set of answers against it.
//!
//! The questions follow what GDPR Art. 28 asks a controller to check before using a processor:
//! "sufficient guarantees" (Art. 28(1)), the contract terms (Art. 28(3)(a)–(h)), the
//! authorisation of sub-processors (Art. 28(2)), and breach notification "without undue delay"
//! (Art. 33(2)). How the answers become a rating is in [`super::vendor_rating`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use toml::Spanned;

/// Answers to the questionnaire: question id → answer value (`yes`/`no`, an option's value, or
/// free text). A question absent from the map is not answered.
pub type Answers = BTreeMap<String, String>;

/// The questionnaire shipped with the app.
pub const DEFAULT_QUESTIONNAIRE: &str = include_str!("../../../assets/vendor_questionnaire.toml");

/// The line (from 1) of byte `offset` in `text`.
fn line_at(text: &str, offset: usize) -> usize {
    text.get(..offset.min(text.len()))
        .unwrap_or(text)
        .matches('\n')
        .count()
        + 1
}

/// What kind of answer a question takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AnswerKind {
    /// Yes or no.
    YesNo,
    /// One of the question's options.
    Choice,
    /// Free text (never scored).
    Text,
}

/// One possible answer of a choice question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerOption {
    /// Short kebab-case value, as stored and typed on the command line.
    pub value: String,
    /// Words shown to the officer.
    pub label: String,
}

/// One question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Question {
    /// Short kebab-case id.
    pub id: String,
    /// The heading it is shown under.
    pub topic: String,
    /// The question.
    pub text: String,
    /// What a good answer looks like, for a small business.
    pub guidance: String,
    /// The kind of answer.
    pub kind: AnswerKind,
    /// The options of a choice question.
    pub options: Vec<AnswerOption>,
    /// How much a risky (or missing) answer counts; none for questions not scored.
    pub weight: Option<u32>,
    /// The answers that count against the vendor.
    pub risky: Vec<String>,
}

impl Question {
    /// The words for an answer value (an option's label, "Yes"/"No", or the text itself).
    pub fn answer_label<'a>(&'a self, value: &'a str) -> &'a str {
        match self.kind {
            AnswerKind::YesNo if value == "yes" => "Yes",
            AnswerKind::YesNo if value == "no" => "No",
            AnswerKind::Choice => self
                .options
                .iter()
                .find(|o| o.value == value)
                .map_or(value, |o| o.label.as_str()),
            _ => value,
        }
    }

    /// Whether `value` is one of the stored answers this question takes (any text for a text
    /// question). An answer recorded under an earlier questionnaire may no longer fit.
    pub fn accepts(&self, value: &str) -> bool {
        match self.kind {
            AnswerKind::YesNo => value == "yes" || value == "no",
            AnswerKind::Choice => self.options.iter().any(|o| o.value == value),
            AnswerKind::Text => !value.trim().is_empty(),
        }
    }

    /// The stored form of an answer as typed (`Yes`, `true`, an option's value or label), or
    /// why it does not fit. An empty answer is `None`: not answered.
    pub fn normalise(&self, typed: &str) -> Result<Option<String>, String> {
        let typed = typed.trim();
        if typed.is_empty() {
            return Ok(None);
        }
        match self.kind {
            AnswerKind::Text => Ok(Some(typed.to_owned())),
            AnswerKind::YesNo => match typed.to_ascii_lowercase().as_str() {
                "yes" | "y" | "true" => Ok(Some("yes".into())),
                "no" | "n" | "false" => Ok(Some("no".into())),
                _ => Err(format!(
                    "question {}: answer yes or no (not {typed:?})",
                    self.id
                )),
            },
            AnswerKind::Choice => self
                .options
                .iter()
                .find(|o| o.value == typed || o.label.eq_ignore_ascii_case(typed))
                .map(|o| Some(o.value.clone()))
                .ok_or_else(|| {
                    let values: Vec<&str> = self.options.iter().map(|o| o.value.as_str()).collect();
                    format!(
                        "question {}: {typed:?} is not one of its answers; use one of {}",
                        self.id,
                        values.join(", ")
                    )
                }),
        }
    }
}

/// Where the score turns the rating Medium, then High.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    /// From this score the rating is Medium.
    pub medium_at: u32,
    /// From this score the rating is High.
    pub high_at: u32,
}

/// The whole questionnaire.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Questionnaire {
    /// The questions, in the file's order.
    pub questions: Vec<Question>,
    /// The rating thresholds.
    pub thresholds: Thresholds,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    rating: Spanned<Thresholds>,
    #[serde(default)]
    question: Vec<RawQuestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: Spanned<String>,
    #[serde(default)]
    topic: String,
    text: String,
    #[serde(default)]
    guidance: String,
    kind: AnswerKind,
    #[serde(default)]
    options: Vec<AnswerOption>,
    #[serde(default)]
    weight: Option<u32>,
    #[serde(default)]
    risky: Vec<String>,
}

fn is_kebab(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 48
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !text.starts_with('-')
        && !text.ends_with('-')
        && !text.contains("--")
}

/// Checks one question on its own; the message says what is wrong.
fn check_question(q: &RawQuestion) -> Result<(), String> {
    if q.text.trim().is_empty() {
        return Err("text is empty; write the question".into());
    }
    match q.kind {
        AnswerKind::Choice => {
            if q.options.len() < 2 {
                return Err("a choice question needs at least two options".into());
            }
            for (i, o) in q.options.iter().enumerate() {
                if !is_kebab(&o.value) {
                    return Err(format!(
                        "option value {:?} must be kebab-case (e.g. no-commitment)",
                        o.value
                    ));
                }
                if o.label.trim().is_empty() {
                    return Err(format!("option {} has no label", o.value));
                }
                if q.options[..i].iter().any(|p| p.value == o.value) {
                    return Err(format!("option {} appears twice", o.value));
                }
            }
        }
        AnswerKind::YesNo | AnswerKind::Text if !q.options.is_empty() => {
            return Err("only choice questions have options".into());
        }
        _ => {}
    }
    match (q.weight, q.kind) {
        (Some(_), AnswerKind::Text) => {
            return Err("text questions are not scored; remove weight".into());
        }
        (Some(w), _) if !(1..=5).contains(&w) => {
            return Err(format!("weight {w} must be 1 to 5"));
        }
        (Some(_), _) if q.risky.is_empty() => {
            return Err("a scored question must say which answers are risky".into());
        }
        (None, _) if !q.risky.is_empty() => {
            return Err("risky answers need a weight (1 to 5)".into());
        }
        _ => {}
    }
    for r in &q.risky {
        let known = match q.kind {
            AnswerKind::YesNo => r == "yes" || r == "no",
            AnswerKind::Choice => q.options.iter().any(|o| &o.value == r),
            AnswerKind::Text => false,
        };
        if !known {
            return Err(format!("risky answer {r:?} is not one of its answers"));
        }
    }
    Ok(())
}

impl Questionnaire {
    /// Reads a questionnaire file and checks it (kebab-case ids used once, weights 1 to 5 with
    /// risky answers that exist, at least two distinct options for a choice, thresholds in
    /// order); the error reads "`source`, line N: what is wrong".
    pub fn parse(text: &str, source: &str) -> Result<Self, String> {
        let raw: RawFile = toml::from_str(text).map_err(|e| match e.span() {
            Some(span) => format!(
                "{source}, line {}: {}",
                line_at(text, span.start),
                e.message().trim()
            ),
            None => format!("{source}: {}", e.message().trim()),
        })?;
        let rating_line = line_at(text, raw.rating.span().start);
        let t = raw.rating.into_inner();
        if t.medium_at == 0 || t.high_at <= t.medium_at {
            return Err(format!(
                "{source}, line {rating_line}: [rating]: medium_at must be at least 1 and high_at above it (found {} and {})",
                t.medium_at, t.high_at
            ));
        }
        let mut questions: Vec<Question> = Vec::with_capacity(raw.question.len());
        for q in raw.question {
            let line = line_at(text, q.id.span().start);
            let id = q.id.get_ref().clone();
            let at = format!("{source}, line {line}: question {id}");
            if !is_kebab(&id) {
                return Err(format!(
                    "{at}: the id must be kebab-case, 1 to 48 characters (e.g. breach-notice)"
                ));
            }
            if questions.iter().any(|p| p.id == id) {
                return Err(format!("{at}: the id is used twice"));
            }
            check_question(&q).map_err(|m| format!("{at}: {m}"))?;
            questions.push(Question {
                id,
                topic: q.topic.trim().to_owned(),
                text: q.text.trim().to_owned(),
                guidance: q.guidance.trim().to_owned(),
                kind: q.kind,
                options: q.options,
                weight: q.weight,
                risky: q.risky,
            });
        }
        if questions.is_empty() {
            return Err(format!("{source}: there are no [[question]] tables"));
        }
        Ok(Self {
            questions,
            thresholds: t,
        })
    }

    /// The questionnaire shipped in `assets/vendor_questionnaire.toml`.
    pub fn default_questionnaire() -> Result<Self, String> {
        Self::parse(DEFAULT_QUESTIONNAIRE, "assets/vendor_questionnaire.toml")
    }

    /// The question with `id`.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// Like [`Questionnaire::normalise`], but an answer equal to the one in `earlier` (the
    /// answers on record) that no longer fits this questionnaire is kept as it is: answers
    /// recorded under an earlier questionnaire stay on the record, and the rating ignores
    /// them (or counts them as not answered when the question is still asked).
    pub fn normalise_keeping(&self, typed: &Answers, earlier: &Answers) -> Result<Answers, String> {
        let mut out = Answers::new();
        for (id, value) in typed {
            let fits = self.question(id).is_some_and(|q| q.accepts(value));
            if !fits && earlier.get(id) == Some(value) {
                out.insert(id.clone(), value.clone());
                continue;
            }
            let q = self.question(id).ok_or_else(|| {
                format!("there is no question {id:?}; `vendor questions` lists their ids")
            })?;
            if let Some(v) = q.normalise(value)? {
                out.insert(id.clone(), v);
            }
        }
        Ok(out)
    }

    /// How many of `answers` answer a question of this questionnaire with an answer it takes.
    pub fn answered(&self, answers: &Answers) -> usize {
        self.questions
            .iter()
            .filter(|q| answers.get(&q.id).is_some_and(|a| q.accepts(a)))
            .count()
    }

    /// Checks answers as typed and returns their stored form (empty answers dropped); the
    /// error names the question and what it accepts.
    pub fn normalise(&self, typed: &Answers) -> Result<Answers, String> {
        let mut out = Answers::new();
        for (id, value) in typed {
            let q = self.question(id).ok_or_else(|| {
                format!("there is no question {id:?}; `vendor questions` lists their ids")
            })?;
            if let Some(v) = q.normalise(value)? {
                out.insert(id.clone(), v);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests;
