//! Progress and scoring: how much of each section is answered, whether an answer fits its
//! question, what stops an assessment going to review, and the screening result (two or more
//! high-risk criteria ticked: an assessment is required — WP248 rev.01).

use super::{Answer, Assessment, Question, QuestionKind, Template};

/// How far a section is answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionProgress {
    /// The section's id.
    pub section: String,
    /// Questions answered.
    pub answered: usize,
    /// Questions in it.
    pub total: usize,
}

/// Progress per section, in the template's order.
pub fn progress(assessment: &Assessment, template: &Template) -> Vec<SectionProgress> {
    template
        .sections
        .iter()
        .map(|s| SectionProgress {
            section: s.id.clone(),
            answered: s
                .questions
                .iter()
                .filter(|q| assessment.answers.get(&q.id).is_some_and(Answer::is_given))
                .count(),
            total: s.questions.len(),
        })
        .collect()
}

/// Checks that an answer fits its question (kind, and options that exist).
pub fn check_answer(q: &Question, answer: &Answer) -> Result<(), String> {
    let bad = |what: &str| Err(format!("Answers: question {:?} needs {what}", q.id));
    match (&q.kind, answer) {
        (QuestionKind::Text, Answer::Text(_)) | (QuestionKind::YesNo, Answer::YesNo(_)) => Ok(()),
        (QuestionKind::SingleChoice { options }, Answer::Choice(c)) => {
            if c.is_empty() || options.contains(c) {
                Ok(())
            } else {
                bad(&format!("one of: {}", options.join(" | ")))
            }
        }
        (
            QuestionKind::MultipleChoice { options: list }
            | QuestionKind::Checklist { items: list },
            Answer::Choices(cs),
        ) => match cs.iter().find(|c| !list.contains(c)) {
            None => Ok(()),
            Some(c) => bad(&format!("items of its list; {c:?} is not one of them")),
        },
        (QuestionKind::Text, _) => bad("text"),
        (QuestionKind::YesNo, _) => bad("yes or no"),
        (QuestionKind::SingleChoice { .. }, _) => bad("one option"),
        (QuestionKind::MultipleChoice { .. } | QuestionKind::Checklist { .. }, _) => {
            bad("a list of ticked items")
        }
    }
}

/// What stops the assessment going to review: unanswered questions, unscored risks.
pub fn review_blockers(assessment: &Assessment, template: &Template) -> Vec<String> {
    let mut out = Vec::new();
    for s in &template.sections {
        let missing: Vec<&str> = s
            .questions
            .iter()
            .filter(|q| !assessment.answers.get(&q.id).is_some_and(Answer::is_given))
            .map(|q| q.text.as_str())
            .collect();
        if !missing.is_empty() {
            out.push(format!(
                "{}: {} unanswered ({})",
                s.title,
                missing.len(),
                missing.join("; ")
            ));
        }
    }
    for r in &assessment.risks {
        if r.before.is_none() {
            out.push(format!(
                "Risk {} ({}): give its severity and likelihood",
                r.id, r.title
            ));
        }
    }
    out
}

/// The result of a screening.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScreeningResult {
    /// Criteria ticked.
    pub ticked: usize,
    /// From how many an assessment is required.
    pub required_from: usize,
}

impl ScreeningResult {
    /// Whether a full assessment is required.
    pub fn assessment_required(self) -> bool {
        self.ticked >= self.required_from
    }
}

/// The screening result of an assessment on a screening template (none for other templates).
pub fn screening(assessment: &Assessment, template: &Template) -> Option<ScreeningResult> {
    let rule = template.screening.as_ref()?;
    let ticked = match assessment.answers.get(&rule.question) {
        Some(Answer::Choices(c)) => c.len(),
        _ => 0,
    };
    Some(ScreeningResult {
        ticked,
        required_from: rule.required_from,
    })
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;

    fn shipped(code: &str) -> Template {
        Template::shipped()
            .unwrap()
            .into_iter()
            .find(|t| t.code == code)
            .unwrap()
    }

    #[test]
    fn screening_counts_the_criteria() {
        let t = shipped("screening");
        let mut a = Assessment::new("Newsletter", &t, Utc::now());
        let items = match &t.question("criteria").unwrap().kind {
            QuestionKind::Checklist { items } => items.clone(),
            _ => unreachable!(),
        };
        for (ticked, required) in [(0, false), (1, false), (2, true), (9, true)] {
            a.answers
                .insert("criteria".into(), Answer::Choices(items[..ticked].to_vec()));
            let r = screening(&a, &t).unwrap();
            assert_eq!((r.ticked, r.assessment_required()), (ticked, required));
        }
        assert!(screening(&a, &shipped("general-dpia")).is_none());
    }

    #[test]
    fn progress_and_blockers() {
        let t = shipped("email-personalisation");
        let mut a = Assessment::new("Newsletter", &t, Utc::now());
        assert!(
            progress(&a, &t)
                .iter()
                .all(|p| p.answered == 0 && p.total > 0)
        );
        let blockers = review_blockers(&a, &t);
        assert_eq!(blockers.len(), t.sections.len() + 3, "{blockers:#?}");
        a.answers.insert(
            "context.platform".into(),
            Answer::Text("Mailchimp, United States".into()),
        );
        a.answers
            .insert("context.people".into(), Answer::Text("  ".into()));
        let p = progress(&a, &t);
        assert_eq!(
            (p[0].answered, p[0].total),
            (1, 3),
            "blank text is not an answer"
        );
    }

    #[test]
    fn answers_must_fit_their_question() {
        let t = shipped("general-dpia");
        let q = t.question("necessity.basis").unwrap();
        assert!(check_answer(q, &Answer::Choice("Consent".into())).is_ok());
        let e = check_answer(q, &Answer::Choice("Whim".into())).unwrap_err();
        assert!(e.contains("one of: Consent"), "{e}");
        assert!(check_answer(q, &Answer::YesNo(true)).is_err());
        let q = t.question("necessity.rights").unwrap();
        assert!(check_answer(q, &Answer::Choices(vec!["Access".into()])).is_ok());
        assert!(check_answer(q, &Answer::Choices(vec!["Flying".into()])).is_err());
    }
}
