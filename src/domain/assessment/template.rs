//! Assessment templates as data: TOML files in `assets/assessments/` (and any the officer adds)
//! with sections, questions and guidance. A non-programmer can read and extend them; a bad file
//! gets a message naming the file, the line and what to change.
//!
//! Question kinds: free text, single choice, multiple choice, yes/no, and checklist (tick the
//! items that apply). A screening template also says how many ticked items of which checklist
//! make an assessment required (the EDPB's rule of thumb in WP248 rev.01: two or more of its
//! nine criteria).

use serde::{Deserialize, Serialize};

/// What kind of assessment a template is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TemplateKind {
    /// A screening checklist: is a full assessment needed?
    Screening,
    /// A data-protection impact assessment (GDPR Art. 35).
    Dpia,
}

/// How a question is answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum QuestionKind {
    /// Free text.
    Text,
    /// One option of a list.
    SingleChoice {
        /// The options.
        options: Vec<String>,
    },
    /// Any options of a list.
    MultipleChoice {
        /// The options.
        options: Vec<String>,
    },
    /// Yes or no.
    YesNo,
    /// Items to tick when they apply.
    Checklist {
        /// The items.
        items: Vec<String>,
    },
}

/// One question. (Its kind's fields are flattened into it, so unknown keys cannot be refused
/// here; a misspelt kind is.)
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// Id, unique in the template (e.g. `necessity.minimisation`).
    pub id: String,
    /// The question.
    pub text: String,
    /// Guidance shown beside it, for a small business.
    #[serde(default)]
    pub guidance: String,
    /// How it is answered.
    #[serde(flatten)]
    pub kind: QuestionKind,
}

/// One section.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Id, unique in the template.
    pub id: String,
    /// Its title.
    pub title: String,
    /// What the section is about.
    #[serde(default)]
    pub guidance: String,
    /// Its questions.
    #[serde(default, rename = "question")]
    pub questions: Vec<Question>,
}

/// The screening rule: how many ticked items of a checklist question make a full assessment
/// required.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScreeningRule {
    /// The checklist question counted.
    pub question: String,
    /// From how many ticked items an assessment is required.
    pub required_from: usize,
}

/// A template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// Short kebab-case code, unique among templates.
    pub code: String,
    /// Its name.
    pub name: String,
    /// What it is for.
    #[serde(default)]
    pub description: String,
    /// Screening or full assessment.
    pub kind: TemplateKind,
    /// For a screening template, the rule.
    #[serde(default)]
    pub screening: Option<ScreeningRule>,
    /// The sections, in order.
    #[serde(rename = "section")]
    pub sections: Vec<Section>,
}

/// The templates shipped with the program, as (file name, text).
pub const SHIPPED: [(&str, &str); 4] = [
    (
        "assets/assessments/screening.toml",
        include_str!("../../../assets/assessments/screening.toml"),
    ),
    (
        "assets/assessments/general-dpia.toml",
        include_str!("../../../assets/assessments/general-dpia.toml"),
    ),
    (
        "assets/assessments/email-personalisation.toml",
        include_str!("../../../assets/assessments/email-personalisation.toml"),
    ),
    (
        "assets/assessments/cnil-pia.toml",
        include_str!("../../../assets/assessments/cnil-pia.toml"),
    ),
];

impl Template {
    /// Reads a template file; the error names `source`, the line and the problem.
    pub fn parse(text: &str, source: &str) -> Result<Self, String> {
        let template: Template = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            match line {
                Some(line) => format!("{source}, line {line}: {}", e.message()),
                None => format!("{source}: {}", e.message()),
            }
        })?;
        template.check().map_err(|m| format!("{source}: {m}"))?;
        Ok(template)
    }

    /// Checks what TOML cannot: codes, unique ids, non-empty option lists, the screening rule.
    pub fn check(&self) -> Result<(), String> {
        crate::domain::records::RecordCode::parse(&self.code)
            .map_err(|m| format!("template {m}"))?;
        if self.name.trim().is_empty() {
            return Err("the template has no name".into());
        }
        if self.sections.is_empty() {
            return Err("the template has no [[section]]".into());
        }
        let mut sections = std::collections::BTreeSet::new();
        let mut questions = std::collections::BTreeSet::new();
        for s in &self.sections {
            if !sections.insert(s.id.as_str()) {
                return Err(format!("section id {:?} is used twice", s.id));
            }
            for q in &s.questions {
                if q.id.trim().is_empty() {
                    return Err(format!("a question of section {:?} has no id", s.id));
                }
                if !questions.insert(q.id.as_str()) {
                    return Err(format!("question id {:?} is used twice", q.id));
                }
                let empty = match &q.kind {
                    QuestionKind::SingleChoice { options }
                    | QuestionKind::MultipleChoice { options } => options.is_empty(),
                    QuestionKind::Checklist { items } => items.is_empty(),
                    QuestionKind::Text | QuestionKind::YesNo => false,
                };
                if empty {
                    return Err(format!("question {:?} has nothing to choose from", q.id));
                }
            }
        }
        match (&self.kind, &self.screening) {
            (TemplateKind::Screening, None) => {
                return Err("a screening template needs a [screening] rule".into());
            }
            (_, Some(rule)) => {
                let Some(q) = self.question(&rule.question) else {
                    return Err(format!(
                        "the screening rule counts question {:?}, which the template does not have",
                        rule.question
                    ));
                };
                if !matches!(q.kind, QuestionKind::Checklist { .. }) {
                    return Err(format!(
                        "the screening rule counts question {:?}, which is not a checklist",
                        rule.question
                    ));
                }
            }
            (TemplateKind::Dpia, None) => {}
        }
        Ok(())
    }

    /// The question with `id`.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.sections
            .iter()
            .flat_map(|s| s.questions.iter())
            .find(|q| q.id == id)
    }

    /// The shipped templates.
    pub fn shipped() -> Result<Vec<Template>, String> {
        SHIPPED
            .iter()
            .map(|(source, text)| Self::parse(text, source))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_templates_load() {
        let all = Template::shipped().unwrap();
        assert_eq!(all.len(), 4);
        let screening = &all[0];
        let rule = screening.screening.as_ref().unwrap();
        let Some(Question {
            kind: QuestionKind::Checklist { items },
            ..
        }) = screening.question(&rule.question)
        else {
            panic!("the screening checklist");
        };
        assert_eq!(items.len(), 9, "the nine criteria of WP248");
        assert_eq!(rule.required_from, 2);
        assert!(
            all.iter()
                .all(|t| t.sections.iter().all(|s| !s.questions.is_empty()))
        );
    }

    #[test]
    fn bad_templates_name_the_line() {
        let e = Template::parse(
            "code = \"x\"\nname = \"X\"\nkind = \"dpia\"\n[[section]]\nid = \"a\"\ntitle = 3\n",
            "t.toml",
        )
        .unwrap_err();
        assert!(e.starts_with("t.toml, line 6"), "{e}");
        let e = Template::parse(
            "code = \"x\"\nname = \"X\"\nkind = \"dpia\"\n[[section]]\nid = \"a\"\ntitle = \"A\"\n[[section.question]]\nid = \"q\"\ntext = \"?\"\nkind = \"sliding-scale\"\n",
            "t.toml",
        )
        .unwrap_err();
        assert!(e.contains("line 7") || e.contains("line 10"), "{e}");
        let twice = "code = \"x\"\nname = \"X\"\nkind = \"dpia\"\n[[section]]\nid = \"a\"\ntitle = \"A\"\n[[section.question]]\nid = \"q\"\ntext = \"?\"\nkind = \"text\"\n[[section.question]]\nid = \"q\"\ntext = \"?\"\nkind = \"yes-no\"\n";
        assert!(
            Template::parse(twice, "t")
                .unwrap_err()
                .contains("\"q\" is used twice")
        );
        let no_rule = "code = \"x\"\nname = \"X\"\nkind = \"screening\"\n[[section]]\nid = \"a\"\ntitle = \"A\"\n";
        assert!(
            Template::parse(no_rule, "t")
                .unwrap_err()
                .contains("[screening]")
        );
        let unknown = "code = \"x\"\nname = \"X\"\nkind = \"dpia\"\ncolour = \"red\"\n[[section]]\nid = \"a\"\ntitle = \"A\"\n";
        let e = Template::parse(unknown, "t").unwrap_err();
        assert!(e.contains("line 4") && e.contains("colour"), "{e}");
    }
}
