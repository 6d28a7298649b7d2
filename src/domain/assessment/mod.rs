//! Privacy impact assessments (GDPR Art. 35): an assessment follows a template (sections of
//! questions), keeps the answers, a risk register scored before and after measures, an action
//! plan of measures with owners and due dates, the links to processing activities, purposes and
//! vendors, and its workflow — draft, in review, then validated (with or without conditions) or
//! rejected, with the DPO's opinion (Art. 35(2)), the people's views or why they were not sought
//! (Art. 35(9)), and the sign-off. Validation freezes a version; editing a validated assessment
//! starts the next version as a draft, and the differences between versions can be listed.

pub mod action;
pub mod cnil;
pub mod consultation;
pub mod diff;
pub mod html_text;
pub mod progress;
pub mod risk;
pub mod template;
pub mod workflow;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub use action::{Measure, MeasureStatus};
pub use risk::{Level, Risk, RiskBand, RiskKind, Score};
pub use template::{Question, QuestionKind, Section, Template, TemplateKind};
pub use workflow::{AssessmentStatus, DpoOpinion, DpoRecommendation, SignOff, SubjectsViews};

use crate::domain::purpose::PurposeCode;
use crate::domain::records::RecordCode;

/// An answer to a question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "kebab-case")]
pub enum Answer {
    /// Free text.
    Text(String),
    /// The option chosen.
    Choice(String),
    /// The options or items ticked.
    Choices(Vec<String>),
    /// Yes or no.
    YesNo(bool),
}

impl Answer {
    /// Whether it says anything (empty text or no ticks count as unanswered).
    pub fn is_given(&self) -> bool {
        match self {
            Self::Text(t) | Self::Choice(t) => !t.trim().is_empty(),
            Self::Choices(c) => !c.is_empty(),
            Self::YesNo(_) => true,
        }
    }

    /// The answer in words.
    pub fn to_text(&self) -> String {
        match self {
            Self::Text(t) | Self::Choice(t) => t.clone(),
            Self::Choices(c) => c.join("; "),
            Self::YesNo(true) => "Yes".into(),
            Self::YesNo(false) => "No".into(),
        }
    }
}

/// What an assessment is linked to.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Links {
    /// Processing activities of the record.
    #[serde(default)]
    pub activities: Vec<RecordCode>,
    /// Purposes of the catalogue.
    #[serde(default)]
    pub purposes: Vec<PurposeCode>,
    /// Vendors of the register.
    #[serde(default)]
    pub vendors: Vec<RecordCode>,
}

/// An assessment: one version of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    /// Its id.
    pub id: Uuid,
    /// Its title.
    pub title: String,
    /// The template it follows (a code).
    pub template: String,
    /// Its version: 1 at first, one more each time a validated version is edited.
    pub version: u32,
    /// Where it is in the workflow.
    pub status: AssessmentStatus,
    /// The answers, by question id.
    #[serde(default)]
    pub answers: std::collections::BTreeMap<String, Answer>,
    /// The risk register.
    #[serde(default)]
    pub risks: Vec<Risk>,
    /// The action plan.
    #[serde(default)]
    pub measures: Vec<Measure>,
    /// What it is linked to.
    #[serde(default)]
    pub links: Links,
    /// The DPO's opinion (Art. 35(2)).
    #[serde(default)]
    pub dpo_opinion: Option<DpoOpinion>,
    /// The people's views, or why they were not sought (Art. 35(9)).
    #[serde(default)]
    pub subjects_views: Option<SubjectsViews>,
    /// The prior consultation of the supervisory authority (Art. 36), when recorded.
    #[serde(default)]
    pub prior_consultation: Option<consultation::PriorConsultation>,
    /// The decision and who signed it.
    #[serde(default)]
    pub sign_off: Option<SignOff>,
    /// When it was started.
    pub created_at: DateTime<Utc>,
    /// When this version last changed.
    pub updated_at: DateTime<Utc>,
}

impl Assessment {
    /// A new draft following `template`, with the three standard risks.
    pub fn new(title: &str, template: &Template, now: DateTime<Utc>) -> Self {
        Self {
            id: Uuid::new_v4(),
            title: title.trim().to_owned(),
            template: template.code.clone(),
            version: 1,
            status: AssessmentStatus::Draft,
            answers: Default::default(),
            risks: if template.kind == TemplateKind::Dpia {
                Risk::standard_set()
            } else {
                Vec::new()
            },
            measures: Vec::new(),
            links: Links::default(),
            dpo_opinion: None,
            subjects_views: None,
            prior_consultation: None,
            sign_off: None,
            created_at: now,
            updated_at: now,
        }
    }

    /// The measures of the action plan not done by their due date, at `today`.
    pub fn overdue_measures(&self, today: NaiveDate) -> Vec<&Measure> {
        self.measures
            .iter()
            .filter(|m| m.is_overdue(today))
            .collect()
    }

    /// Checks what a template cannot: a title, unique risk and measure ids, measures linked to
    /// risks that exist, answers to questions the template has and of the right kind.
    pub fn check(&self, template: &Template) -> Result<(), String> {
        if self.title.trim().is_empty() {
            return Err(
                "Title: give the assessment a title, e.g. \"Personalised newsletter\"".into(),
            );
        }
        let mut ids = std::collections::BTreeSet::new();
        for r in &self.risks {
            if r.id.trim().is_empty() || !ids.insert(r.id.as_str()) {
                return Err(format!("Risks: the id {:?} is empty or used twice", r.id));
            }
            if r.title.trim().is_empty() {
                return Err(format!("Risks: risk {} has no title", r.id));
            }
        }
        let mut measure_ids = std::collections::BTreeSet::new();
        for m in &self.measures {
            if m.id.trim().is_empty() || !measure_ids.insert(m.id.as_str()) {
                return Err(format!(
                    "Action plan: the id {:?} is empty or used twice",
                    m.id
                ));
            }
            if m.title.trim().is_empty() {
                return Err(format!("Action plan: measure {} has no title", m.id));
            }
            if let Some(unknown) = m.risks.iter().find(|r| !ids.contains(r.as_str())) {
                return Err(format!(
                    "Action plan: measure {} is linked to risk {unknown}, which is not in the register",
                    m.id
                ));
            }
        }
        for (id, answer) in &self.answers {
            let Some(q) = template.question(id) else {
                return Err(format!(
                    "Answers: question {id:?} is not in the template {}",
                    template.code
                ));
            };
            progress::check_answer(q, answer)?;
        }
        Ok(())
    }
}
