//! Risks of an assessment, scored the way the CNIL's PIA method and the EDPB's DPIA guidelines
//! (WP248 rev.01) describe: for each feared event — at least illegitimate access to data,
//! unwanted modification of data and disappearance of data — its sources, its impacts on the
//! people, and its severity and likelihood on a four-level scale, before and after the planned
//! measures.

use serde::{Deserialize, Serialize};

/// A level of the four-level scale used for both severity and likelihood.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// 1 — the people will not be affected, or only with minor inconveniences.
    Negligible,
    /// 2 — significant inconveniences they can overcome.
    Limited,
    /// 3 — serious consequences they can overcome only with real difficulty.
    Significant,
    /// 4 — consequences they may not overcome.
    Maximum,
}

impl Level {
    /// Every level, lowest first.
    pub const ALL: [Level; 4] = [
        Self::Negligible,
        Self::Limited,
        Self::Significant,
        Self::Maximum,
    ];

    /// 1 to 4.
    pub fn value(self) -> u8 {
        match self {
            Self::Negligible => 1,
            Self::Limited => 2,
            Self::Significant => 3,
            Self::Maximum => 4,
        }
    }

    /// The level for 1 to 4.
    pub fn from_value(v: u8) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.value() == v)
    }

    /// Its name.
    pub fn label(self) -> &'static str {
        match self {
            Self::Negligible => "Negligible",
            Self::Limited => "Limited",
            Self::Significant => "Significant",
            Self::Maximum => "Maximum",
        }
    }
}

/// The kind of feared event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RiskKind {
    /// Confidentiality: someone who should not sees the data.
    IllegitimateAccess,
    /// Integrity: the data are changed when they should not be.
    UnwantedModification,
    /// Availability: the data are lost or cannot be reached.
    Disappearance,
    /// Another risk the officer adds.
    Custom,
}

impl RiskKind {
    /// Words for the user.
    pub fn label(self) -> &'static str {
        match self {
            Self::IllegitimateAccess => "Illegitimate access to data",
            Self::UnwantedModification => "Unwanted modification of data",
            Self::Disappearance => "Disappearance of data",
            Self::Custom => "Other risk",
        }
    }
}

/// A severity and a likelihood.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Score {
    /// How bad the impacts on the people would be.
    pub severity: Level,
    /// How likely it is to happen.
    pub likelihood: Level,
}

/// Where a score falls on the map, the CNIL method's reading of severity × likelihood.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RiskBand {
    /// Both low: acceptable as it is.
    Low,
    /// One of them significant: reduce it if reasonably possible.
    Moderate,
    /// Both significant or one maximum: must be reduced.
    High,
    /// Both maximum or near it: must not be accepted as it is; consult the supervisory
    /// authority (GDPR Art. 36(1)) if it cannot be reduced.
    VeryHigh,
}

impl Score {
    /// The band of this score: the sum of the two levels (2 to 8) read as ≤ 4 low, 5 moderate,
    /// 6 high, 7–8 very high, and never lower than moderate when either level is maximum.
    pub fn band(self) -> RiskBand {
        let sum = self.severity.value() + self.likelihood.value();
        let by_sum = match sum {
            0..=4 => RiskBand::Low,
            5 => RiskBand::Moderate,
            6 => RiskBand::High,
            _ => RiskBand::VeryHigh,
        };
        if self.severity == Level::Maximum || self.likelihood == Level::Maximum {
            by_sum.max(RiskBand::High)
        } else {
            by_sum
        }
    }
}

impl RiskBand {
    /// Words for the user.
    pub fn label(self) -> &'static str {
        match self {
            Self::Low => "Low",
            Self::Moderate => "Moderate",
            Self::High => "High",
            Self::VeryHigh => "Very high",
        }
    }

    /// The colour of its cells on the map (RGB): green, yellow, orange, red.
    pub fn colour(self) -> [u8; 3] {
        match self {
            Self::Low => [0xa5, 0xd6, 0xa7],
            Self::Moderate => [0xff, 0xe0, 0x82],
            Self::High => [0xff, 0xb7, 0x4d],
            Self::VeryHigh => [0xef, 0x53, 0x50],
        }
    }
}

/// One risk of the register.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Risk {
    /// Stable id within the assessment (`R1`, `R2`, …).
    pub id: String,
    /// The kind of feared event.
    pub kind: RiskKind,
    /// A short title.
    pub title: String,
    /// Where it could come from (an employee, an attacker, a processor, a fire …).
    #[serde(default)]
    pub sources: String,
    /// What could happen and how (the threats).
    #[serde(default)]
    pub threats: String,
    /// What it would mean for the people.
    #[serde(default)]
    pub impacts: String,
    /// Severity and likelihood with the measures already in place.
    pub before: Option<Score>,
    /// Severity and likelihood once the planned measures are done (the residual risk).
    pub after: Option<Score>,
}

impl Risk {
    /// The three risks every assessment considers (the CNIL method's feared events), unscored.
    pub fn standard_set() -> Vec<Risk> {
        [
            ("R1", RiskKind::IllegitimateAccess),
            ("R2", RiskKind::UnwantedModification),
            ("R3", RiskKind::Disappearance),
        ]
        .into_iter()
        .map(|(id, kind)| Risk {
            id: id.into(),
            kind,
            title: kind.label().into(),
            sources: String::new(),
            threats: String::new(),
            impacts: String::new(),
            before: None,
            after: None,
        })
        .collect()
    }

    /// The score that counts now: after the measures when assessed, else before.
    pub fn current(&self) -> Option<Score> {
        self.after.or(self.before)
    }
}

/// The risk map: for each cell (severity, likelihood), the ids of the risks that fall there,
/// scored after the measures when that was assessed. Rows from maximum severity down, columns
/// from negligible likelihood up.
pub fn risk_map(risks: &[Risk]) -> Vec<Vec<(Score, Vec<String>)>> {
    Level::ALL
        .iter()
        .rev()
        .map(|&severity| {
            Level::ALL
                .iter()
                .map(|&likelihood| {
                    let score = Score {
                        severity,
                        likelihood,
                    };
                    let ids = risks
                        .iter()
                        .filter(|r| r.current() == Some(score))
                        .map(|r| r.id.clone())
                        .collect();
                    (score, ids)
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Level::*;

    #[test]
    fn bands_of_the_sixteen_cells() {
        let expected = [
            // likelihood: negligible, limited, significant, maximum
            (
                Negligible,
                [RiskBand::Low, RiskBand::Low, RiskBand::Low, RiskBand::High],
            ),
            (
                Limited,
                [
                    RiskBand::Low,
                    RiskBand::Low,
                    RiskBand::Moderate,
                    RiskBand::High,
                ],
            ),
            (
                Significant,
                [
                    RiskBand::Low,
                    RiskBand::Moderate,
                    RiskBand::High,
                    RiskBand::VeryHigh,
                ],
            ),
            (
                Maximum,
                [
                    RiskBand::High,
                    RiskBand::High,
                    RiskBand::VeryHigh,
                    RiskBand::VeryHigh,
                ],
            ),
        ];
        for (severity, row) in expected {
            for (likelihood, band) in Level::ALL.into_iter().zip(row) {
                assert_eq!(
                    Score {
                        severity,
                        likelihood
                    }
                    .band(),
                    band,
                    "{severity:?} × {likelihood:?}"
                );
            }
        }
    }

    #[test]
    fn the_map_places_each_risk_by_its_residual_score() {
        let mut risks = Risk::standard_set();
        risks[0].before = Some(Score {
            severity: Maximum,
            likelihood: Significant,
        });
        risks[0].after = Some(Score {
            severity: Limited,
            likelihood: Negligible,
        });
        risks[1].before = Some(Score {
            severity: Maximum,
            likelihood: Significant,
        });
        let map = risk_map(&risks);
        assert_eq!(map.len(), 4);
        assert_eq!(map[0][2].1, ["R2"], "top row is maximum severity");
        assert_eq!(map[2][0].1, ["R1"], "after the measures");
        assert_eq!(
            map.iter().flatten().map(|c| c.1.len()).sum::<usize>(),
            2,
            "R3 is not scored"
        );
    }

    #[test]
    fn levels_round_trip() {
        for l in Level::ALL {
            assert_eq!(Level::from_value(l.value()), Some(l));
        }
        assert_eq!(Level::from_value(0), None);
        assert_eq!(Level::from_value(5), None);
    }
}
