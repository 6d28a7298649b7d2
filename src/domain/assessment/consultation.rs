//! Prior consultation of the supervisory authority (GDPR and UK GDPR Art. 36): when an
//! assessment shows that the processing would still result in a high risk after the measures
//! the controller takes, the controller consults the authority before processing.
//!
//! - Art. 36(1): "The controller shall consult the supervisory authority prior to processing
//!   where a data protection impact assessment under Article 35 indicates that the processing
//!   would result in a high risk in the absence of measures taken by the controller to
//!   mitigate the risk."
//! - Recital 84 and EDPB (WP29) Guidelines on DPIA, WP248 rev.01, p. 19: consultation is
//!   required "whenever the data controller cannot find sufficient measures to reduce the risks
//!   to an acceptable level (i.e. the residual risks are still high)".
//! - Art. 36(2): the authority gives written advice within eight weeks (extendable by six).
//!
//! The app reads "high residual risk" as the top band of its map, "very high" (see
//! [`RiskBand::VeryHigh`]: "must not be accepted as it is"): the "high" band is the one the
//! measures must lower, and the officer records them. So an assessment whose residual risk
//! (the score after the planned measures; the score before them while none is given) stays
//! very high cannot be validated until the
//! consultation is recorded: the day it was submitted, the authority and its reference. The
//! authority's advice date is recorded later. Rejecting the processing needs no consultation.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Risk, RiskBand};

/// The prior consultation, as recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriorConsultation {
    /// The day the consultation was submitted.
    pub submitted_on: NaiveDate,
    /// The supervisory authority consulted (e.g. "ICO", "CNIL").
    pub authority: String,
    /// The authority's (or the submission's) reference.
    pub reference: String,
    /// The day of the authority's written advice (Art. 36(2)), once it came.
    #[serde(default)]
    pub advice_on: Option<NaiveDate>,
}

impl PriorConsultation {
    /// Checks the consultation; the message names the field and what to write.
    pub fn check(&self, today: NaiveDate) -> Result<(), String> {
        if self.authority.trim().is_empty() {
            return Err("--authority: name the supervisory authority consulted (e.g. ICO, CNIL, the Data Protection Commission).".into());
        }
        if self.reference.trim().is_empty() {
            return Err("--reference: give the reference of the consultation (the authority's case number, or the submission's own).".into());
        }
        if self.submitted_on > today {
            return Err(format!(
                "--submitted-on: {} is in the future; give the day the consultation was submitted.",
                self.submitted_on
            ));
        }
        if let Some(advice) = self.advice_on
            && (advice < self.submitted_on || advice > today)
        {
            return Err(format!(
                "--advice-on: {advice} must fall between the day of submission ({}) and today.",
                self.submitted_on
            ));
        }
        Ok(())
    }
}

/// The risks whose residual level stays very high (Art. 36(1)), by id.
pub fn high_residual_risks(risks: &[Risk]) -> Vec<&str> {
    risks
        .iter()
        .filter(|r| r.current().is_some_and(|s| s.band() == RiskBand::VeryHigh))
        .map(|r| r.id.as_str())
        .collect()
}

/// Why a validation cannot be signed off without the prior consultation; `None` when it can.
pub fn consultation_blocker(
    risks: &[Risk],
    consultation: Option<&PriorConsultation>,
) -> Option<String> {
    let high = high_residual_risks(risks);
    if high.is_empty() || consultation.is_some() {
        return None;
    }
    Some(format!(
        "The residual risk stays very high after the measures (risk {}): the supervisory authority must be consulted before processing (GDPR Art. 36(1)). Record the prior consultation (the day submitted, the authority, its reference: `pia consult`), or add measures that lower the residual risk.",
        high.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::assessment::{Level, Score};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn risk(before: Option<(u8, u8)>, after: Option<(u8, u8)>) -> Risk {
        let score = |(s, l): (u8, u8)| Score {
            severity: Level::from_value(s).unwrap(),
            likelihood: Level::from_value(l).unwrap(),
        };
        let mut r = Risk::standard_set().remove(0);
        r.before = before.map(score);
        r.after = after.map(score);
        r
    }

    fn consultation() -> PriorConsultation {
        PriorConsultation {
            submitted_on: d("2026-03-02"),
            authority: "ICO".into(),
            reference: "RFA0123456".into(),
            advice_on: None,
        }
    }

    /// Art. 36(1); WP248 rev.01 p. 19: the residual level decides, not the level before the
    /// measures; a recorded consultation lifts the block.
    #[test]
    fn a_high_residual_risk_needs_the_prior_consultation() {
        // (before, after, consultation recorded, blocked)
        let table = [
            (Some((4, 4)), Some((1, 1)), false, false), // lowered by the measures
            (Some((4, 4)), Some((4, 4)), false, true),  // stays very high
            (Some((4, 4)), Some((4, 3)), false, true),  // stays very high (sum 7)
            (Some((4, 4)), Some((3, 3)), false, false), // lowered to high: measures recorded
            (Some((4, 3)), None, false, true),          // no residual score: the one given
            (Some((4, 4)), Some((4, 4)), true, false),  // consulted
            (Some((2, 2)), Some((2, 2)), false, false), // limited
            (None, None, false, false),                 // not scored
        ];
        for (before, after, consulted, blocked) in table {
            let risks = [risk(before, after)];
            let c = consultation();
            let got = consultation_blocker(&risks, consulted.then_some(&c));
            assert_eq!(got.is_some(), blocked, "{before:?} {after:?} {consulted}");
            if let Some(m) = got {
                assert!(m.contains("Art. 36(1)") && m.contains("R1"), "{m}");
            }
        }
    }

    #[test]
    fn a_consultation_names_the_authority_its_reference_and_sane_dates() {
        let today = d("2026-04-01");
        assert!(consultation().check(today).is_ok());
        let table: [(PriorConsultation, &str); 5] = [
            (
                PriorConsultation {
                    authority: " ".into(),
                    ..consultation()
                },
                "--authority",
            ),
            (
                PriorConsultation {
                    reference: "".into(),
                    ..consultation()
                },
                "--reference",
            ),
            (
                PriorConsultation {
                    submitted_on: d("2026-05-01"),
                    ..consultation()
                },
                "--submitted-on",
            ),
            (
                PriorConsultation {
                    advice_on: Some(d("2026-02-01")),
                    ..consultation()
                },
                "--advice-on",
            ),
            (
                PriorConsultation {
                    advice_on: Some(d("2026-05-01")),
                    ..consultation()
                },
                "--advice-on",
            ),
        ];
        for (c, field) in table {
            let e = c.check(today).unwrap_err();
            assert!(e.starts_with(field), "{e}");
        }
    }
}
