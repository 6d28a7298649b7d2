//! The right to object (GDPR and UK GDPR Art. 21): which purposes an objection reaches, when
//! processing may continue after it, and what the officer must record per purpose.
//!
//! | What the purpose is | What an objection does | Source |
//! |---|---|---|
//! | Direct marketing (any basis) | Stops, always: no ground lets it continue | Art. 21(2), (3): "the personal data shall no longer be processed for such purposes" |
//! | Legitimate interests, Art. 6(1)(f), or public task, Art. 6(1)(e) | Stops, unless the controller demonstrates compelling legitimate grounds which override the person's interests, rights and freedoms, or the processing is for the establishment, exercise or defence of legal claims | Art. 21(1); ICO guidance "Right to object" (the controller must stop unless it can show one of the two) |
//! | Consent, Art. 6(1)(a) | Not an objection: the person withdraws consent, which is absolute (answered through the consent ledger) | Art. 7(3) |
//! | Contract, legal obligation, vital interests, Art. 6(1)(b)–(d) | No right to object | Art. 21(1) names only points (e) and (f) of Art. 6(1) |
//!
//! Until the officer records a decision for a purpose the objection reaches, processing for it
//! counts as stopped: Art. 21(1) puts the burden on the controller ("unless the controller
//! demonstrates").

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::purpose::{LegalBasis, PurposeCode};

/// What an objection means for one purpose, by its legal basis (see the module table).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ObjectionReach {
    /// Direct marketing: processing stops, no exception (Art. 21(2)–(3)).
    Absolute,
    /// Legitimate interests or public task: processing stops unless compelling legitimate
    /// grounds or legal claims are recorded (Art. 21(1)).
    UnlessGrounds,
    /// Consent: answered by withdrawing consent in the ledger (Art. 7(3)).
    WithdrawConsent,
    /// Contract, legal obligation, vital interests: no right to object (Art. 21(1)).
    NoRight,
}

/// What an objection reaches for a purpose with `basis`, used for direct marketing or not.
pub fn reach(basis: LegalBasis, direct_marketing: bool) -> ObjectionReach {
    if direct_marketing {
        return ObjectionReach::Absolute;
    }
    match basis {
        LegalBasis::LegitimateInterests | LegalBasis::PublicTask => ObjectionReach::UnlessGrounds,
        LegalBasis::Consent => ObjectionReach::WithdrawConsent,
        LegalBasis::Contract | LegalBasis::LegalObligation | LegalBasis::VitalInterests => {
            ObjectionReach::NoRight
        }
    }
}

/// The grounds on which processing may continue after an Art. 21(1) objection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ContinueGround {
    /// Compelling legitimate grounds which override the interests, rights and freedoms of the
    /// person (Art. 21(1)).
    CompellingGrounds,
    /// The establishment, exercise or defence of legal claims (Art. 21(1)).
    LegalClaims,
}

impl ContinueGround {
    /// Both grounds.
    pub const ALL: [ContinueGround; 2] = [Self::CompellingGrounds, Self::LegalClaims];

    /// Stable code, as stored and typed on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Self::CompellingGrounds => "compelling-grounds",
            Self::LegalClaims => "legal-claims",
        }
    }

    /// The ground for a code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|g| g.code().eq_ignore_ascii_case(code.trim()))
    }

    /// Words for a letter.
    pub fn sentence(self) -> &'static str {
        match self {
            Self::CompellingGrounds => {
                "we have compelling legitimate grounds for it which override your interests, rights and freedoms (Article 21(1))"
            }
            Self::LegalClaims => {
                "it is needed to establish, exercise or defend legal claims (Article 21(1))"
            }
        }
    }
}

/// The officer's decision for one purpose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ObjectionOutcome {
    /// Processing for the purpose stopped for this person.
    Stopped,
    /// Processing continues on a ground of Art. 21(1).
    Continues(ContinueGround),
}

impl ObjectionOutcome {
    /// Stable code of the outcome (`stopped`, `continues`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Stopped => "stopped",
            Self::Continues(_) => "continues",
        }
    }
}

/// A decision recorded for one purpose of an objection request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectionDecision {
    /// The purpose.
    pub purpose: PurposeCode,
    /// Stopped, or continues on a ground.
    pub outcome: ObjectionOutcome,
    /// Whether the officer recorded the purpose as direct marketing.
    pub direct_marketing: bool,
    /// Why processing continues: the grounds demonstrated, weighed against the person's
    /// situation (sealed; empty when stopped).
    pub reason: String,
    /// The day decided.
    pub decided_on: NaiveDate,
    /// Who decided.
    pub decided_by: String,
}

/// Checks a decision for a purpose with `basis`; the error says what the law allows and what
/// to record instead.
pub fn check(
    basis: LegalBasis,
    direct_marketing: bool,
    outcome: ObjectionOutcome,
    reason: &str,
) -> Result<(), String> {
    match (reach(basis, direct_marketing), outcome) {
        (ObjectionReach::NoRight, _) => Err(format!(
            "its legal basis is {}: Art. 21(1) gives a right to object only to processing on legitimate interests or a public task; answer the person that this processing continues and why, without recording an objection decision.",
            basis.label()
        )),
        (ObjectionReach::WithdrawConsent, _) => Err(
            "its legal basis is consent: the person withdraws consent (Art. 7(3)), which the consent ledger records; use the withdrawal for the request instead.".into(),
        ),
        (ObjectionReach::Absolute, ObjectionOutcome::Continues(_)) => Err(
            "it is direct marketing: an objection to direct marketing is absolute and processing for it must stop (Art. 21(2)–(3)); no ground lets it continue.".into(),
        ),
        (ObjectionReach::UnlessGrounds, ObjectionOutcome::Continues(_)) if reason.trim().is_empty() => Err(
            "--reason: processing may continue only when the grounds are demonstrated (Art. 21(1)); record the grounds and why they override the person's interests, rights and freedoms.".into(),
        ),
        _ => Ok(()),
    }
}

/// The outcome that applies to a purpose the objection reaches: the decision recorded, or
/// "stopped" while none is (Art. 21(1): the controller must demonstrate the grounds).
pub fn effective(decision: Option<&ObjectionDecision>) -> ObjectionOutcome {
    decision.map_or(ObjectionOutcome::Stopped, |d| d.outcome)
}

/// The sentences the completion letter adds for an objection: which purposes stopped and which
/// continue on which ground. `purposes` are (purpose name, outcome) pairs; empty gives "".
pub fn letter_sentences(purposes: &[(String, ObjectionOutcome)]) -> String {
    let stopped: Vec<&str> = purposes
        .iter()
        .filter(|(_, o)| *o == ObjectionOutcome::Stopped)
        .map(|(n, _)| n.as_str())
        .collect();
    let mut out = Vec::new();
    if !stopped.is_empty() {
        out.push(format!(
            "Following your objection, we have stopped using your personal data for: {}.",
            stopped.join(", ")
        ));
    }
    for (name, o) in purposes {
        if let ObjectionOutcome::Continues(g) = o {
            out.push(format!(
                "We continue to use your personal data for {name}, because {}.",
                g.sentence()
            ));
        }
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use LegalBasis::*;
    use ObjectionOutcome::*;

    /// Art. 21(1)–(3), Art. 7(3): what an objection reaches, by basis and direct marketing.
    #[test]
    fn the_reach_of_an_objection_by_basis() {
        let table = [
            (LegitimateInterests, false, ObjectionReach::UnlessGrounds),
            (PublicTask, false, ObjectionReach::UnlessGrounds),
            (LegitimateInterests, true, ObjectionReach::Absolute),
            (Consent, true, ObjectionReach::Absolute),
            (Consent, false, ObjectionReach::WithdrawConsent),
            (Contract, false, ObjectionReach::NoRight),
            (LegalObligation, false, ObjectionReach::NoRight),
            (VitalInterests, false, ObjectionReach::NoRight),
        ];
        for (basis, dm, want) in table {
            assert_eq!(reach(basis, dm), want, "{basis:?} direct marketing {dm}");
        }
    }

    /// Art. 21(1): continuing needs a ground and its reasons; Art. 21(3): direct marketing
    /// never continues.
    #[test]
    fn decisions_the_law_allows() {
        let cg = Continues(ContinueGround::CompellingGrounds);
        let lc = Continues(ContinueGround::LegalClaims);
        // (basis, direct marketing, outcome, reason, allowed, words in the refusal)
        let table: [(LegalBasis, bool, ObjectionOutcome, &str, bool, &str); 9] = [
            (LegitimateInterests, false, Stopped, "", true, ""),
            (
                LegitimateInterests,
                false,
                cg,
                "fraud checks on open orders",
                true,
                "",
            ),
            (LegitimateInterests, false, lc, "disputed invoice", true, ""),
            (LegitimateInterests, false, cg, "  ", false, "--reason"),
            (
                LegitimateInterests,
                true,
                cg,
                "we like it",
                false,
                "Art. 21(2)",
            ),
            (LegitimateInterests, true, Stopped, "", true, ""),
            (PublicTask, false, lc, "claim", true, ""),
            (Consent, false, Stopped, "", false, "Art. 7(3)"),
            (Contract, false, Stopped, "", false, "Art. 21(1)"),
        ];
        for (basis, dm, outcome, reason, ok, words) in table {
            let got = check(basis, dm, outcome, reason);
            assert_eq!(got.is_ok(), ok, "{basis:?} {dm} {outcome:?}: {got:?}");
            if let Err(e) = got {
                assert!(e.contains(words), "{e}");
            }
        }
    }

    #[test]
    fn undecided_purposes_count_as_stopped() {
        assert_eq!(effective(None), Stopped);
        let d = ObjectionDecision {
            purpose: PurposeCode::parse("fraud-checks").unwrap(),
            outcome: Continues(ContinueGround::LegalClaims),
            direct_marketing: false,
            reason: "claim".into(),
            decided_on: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            decided_by: "Sam".into(),
        };
        assert_eq!(effective(Some(&d)), Continues(ContinueGround::LegalClaims));
    }

    #[test]
    fn the_letter_names_what_stopped_and_what_continues() {
        let text = letter_sentences(&[
            ("Customer analytics".into(), Stopped),
            (
                "Fraud checks".into(),
                Continues(ContinueGround::LegalClaims),
            ),
        ]);
        assert!(text.contains("stopped using your personal data for: Customer analytics."));
        assert!(text.contains("Fraud checks, because it is needed to establish"));
        assert_eq!(letter_sentences(&[]), "");
        for g in ContinueGround::ALL {
            assert_eq!(ContinueGround::from_code(g.code()), Some(g));
        }
    }
}
