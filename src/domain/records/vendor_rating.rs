//! The vendor risk rating: from the due-diligence answers and the facts of the vendor's record
//! to Low, Medium or High, with a score and the reasons the officer can read.
//!
//! The scheme (also in the header of `assets/vendor_questionnaire.toml`):
//! - every scored question answered with one of its risky answers adds its weight;
//! - every scored question left unanswered adds its weight too, with the note "not answered"
//!   (what was not checked cannot count as safe); so does an answer recorded under an earlier
//!   questionnaire that the question no longer takes, while answers to questions the
//!   questionnaire in use no longer asks are ignored (the officer may replace the
//!   questionnaire: see `services::vendor_questionnaire`);
//! - a processor or sub-processor without a signed data processing agreement adds
//!   [`NO_DPA_POINTS`] and makes the rating High: GDPR Art. 28(3) requires the contract;
//! - a transfer to a third country without a safeguard adds [`NO_SAFEGUARD_POINTS`] and makes
//!   the rating High: GDPR Art. 44 allows no transfer without a Chapter V ground;
//! - a transfer relying on an Art. 49 derogation adds [`DEROGATION_POINTS`]: derogations are
//!   for occasional transfers, not a vendor's everyday service (EDPB Guidelines 2/2018);
//! - the total gives the rating by the questionnaire's thresholds (below `medium_at` Low, from
//!   `medium_at` Medium, from `high_at` High);
//! - sharing special categories (Art. 9) or criminal-offence data (Art. 10) raises the rating
//!   one step, the harm to people being greater (Art. 32(1): security appropriate to the risk).
//!
//! The next review falls 12 months after a review rated Low, 6 after Medium, 3 after High.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::questionnaire::{AnswerKind, Answers, Questionnaire};
use super::{SpecialCategory, Taxonomy, TransferSafeguard, Vendor};

/// Points for a processor without a signed agreement.
pub const NO_DPA_POINTS: u32 = 5;
/// Points for a transfer without a safeguard.
pub const NO_SAFEGUARD_POINTS: u32 = 5;
/// Points for a transfer on an Art. 49 derogation.
pub const DEROGATION_POINTS: u32 = 2;

/// The rating.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RiskLevel {
    /// Review in 12 months.
    Low,
    /// Review in 6 months.
    Medium,
    /// Act now; review in 3 months.
    High,
}

impl RiskLevel {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
        }
    }

    /// Words for the user.
    pub fn label(self) -> &'static str {
        match self {
            Self::Low => "Low",
            Self::Medium => "Medium",
            Self::High => "High",
        }
    }

    /// Months from a review to the next.
    pub fn review_months(self) -> u32 {
        match self {
            Self::Low => 12,
            Self::Medium => 6,
            Self::High => 3,
        }
    }

    /// The day the next review is due after a review on `reviewed_on` rated `self` (the
    /// month's last day where the day does not exist).
    pub fn next_review(self, reviewed_on: NaiveDate) -> NaiveDate {
        reviewed_on
            .checked_add_months(Months::new(self.review_months()))
            .unwrap_or(reviewed_on)
    }

    fn raised(self) -> Self {
        match self {
            Self::Low => Self::Medium,
            Self::Medium | Self::High => Self::High,
        }
    }
}

/// One reason for the rating.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskReason {
    /// The points it adds (0 for a reason that raises the level instead).
    pub points: u32,
    /// The reason, in words.
    pub text: String,
}

/// A computed rating.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskRating {
    /// Low, Medium or High.
    pub level: RiskLevel,
    /// The total points.
    pub score: u32,
    /// Why, facts first, then the questions in their order.
    pub reasons: Vec<RiskReason>,
}

/// The facts of a vendor's record that count, apart from the answers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VendorFacts {
    /// Whether it is a processor or sub-processor (Art. 28(3) requires a contract).
    pub needs_dpa: bool,
    /// Whether the agreement is signed.
    pub dpa_signed: bool,
    /// Countries it transfers to without a safeguard.
    pub unsafeguarded: Vec<String>,
    /// Countries it transfers to on an Art. 49 derogation.
    pub derogations: Vec<String>,
    /// The names of the special (Art. 9) or criminal-offence (Art. 10) categories shared.
    pub special_categories: Vec<String>,
}

impl VendorFacts {
    /// The facts of `vendor`; `taxonomy` tells which categories are special.
    pub fn of(vendor: &Vendor, taxonomy: &Taxonomy) -> Self {
        let countries = |s: TransferSafeguard| -> Vec<String> {
            vendor
                .transfers
                .iter()
                .filter(|t| t.safeguard == s)
                .map(|t| t.country.clone())
                .collect()
        };
        Self {
            needs_dpa: vendor.role.needs_dpa(),
            dpa_signed: vendor.dpa == super::DpaStatus::Signed,
            unsafeguarded: countries(TransferSafeguard::None),
            derogations: countries(TransferSafeguard::Derogation),
            special_categories: vendor
                .data_categories
                .iter()
                .filter(|c| {
                    matches!(
                        taxonomy.special(c),
                        Some(SpecialCategory::Art9 | SpecialCategory::Art10)
                    )
                })
                .map(|c| taxonomy.name_of(c))
                .collect(),
        }
    }
}

/// Rates a vendor from its answers and facts (see the module documentation for the scheme).
pub fn rate(questionnaire: &Questionnaire, answers: &Answers, facts: &VendorFacts) -> RiskRating {
    let mut reasons = Vec::new();
    let mut floor_high = false;
    if facts.needs_dpa && !facts.dpa_signed {
        floor_high = true;
        reasons.push(RiskReason {
            points: NO_DPA_POINTS,
            text: "A processor without a signed data processing agreement (GDPR Art. 28(3) requires one): the rating is High until it is signed".into(),
        });
    }
    if !facts.unsafeguarded.is_empty() {
        floor_high = true;
        reasons.push(RiskReason {
            points: NO_SAFEGUARD_POINTS,
            text: format!(
                "Transfer without a safeguard to {} (GDPR Art. 44): the rating is High until one is in place",
                facts.unsafeguarded.join(", ")
            ),
        });
    }
    if !facts.derogations.is_empty() {
        reasons.push(RiskReason {
            points: DEROGATION_POINTS,
            text: format!(
                "Transfer to {} relies on an Art. 49 derogation, meant for occasional transfers; prefer standard contractual clauses",
                facts.derogations.join(", ")
            ),
        });
    }
    for q in &questionnaire.questions {
        let Some(weight) = q.weight else { continue };
        if q.kind == AnswerKind::Text {
            continue;
        }
        match answers.get(&q.id) {
            None => reasons.push(RiskReason {
                points: weight,
                text: format!("Not answered, counted as risky: {}", q.text),
            }),
            Some(a) if !q.accepts(a) => reasons.push(RiskReason {
                points: weight,
                text: format!(
                    "The earlier answer no longer fits the question, counted as risky: {}",
                    q.text
                ),
            }),
            Some(a) if q.risky.contains(a) => reasons.push(RiskReason {
                points: weight,
                text: format!("{} {}", q.text, q.answer_label(a)),
            }),
            Some(_) => {}
        }
    }
    let score: u32 = reasons.iter().map(|r| r.points).sum();
    let t = questionnaire.thresholds;
    let mut level = if score >= t.high_at {
        RiskLevel::High
    } else if score >= t.medium_at {
        RiskLevel::Medium
    } else {
        RiskLevel::Low
    };
    if !facts.special_categories.is_empty() {
        level = level.raised();
        reasons.push(RiskReason {
            points: 0,
            text: format!(
                "Special categories shared ({}): the rating is one step higher",
                facts.special_categories.join(", ")
            ),
        });
    }
    if floor_high {
        level = RiskLevel::High;
    }
    RiskRating {
        level,
        score,
        reasons,
    }
}

#[cfg(test)]
mod tests;
