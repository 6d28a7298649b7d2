//! Partial compliance with an erasure (GDPR, UK GDPR) or delete (CCPA) request: the parts the
//! business keeps, each on an exception the law names, while the rest is erased.
//!
//! | Regime | Exceptions (the checklist) | Source |
//! |---|---|---|
//! | GDPR, UK GDPR | (a) freedom of expression and information; (b) a legal obligation, or a task in the public interest or in official authority; (c) public health (Art. 9(2)(h), (i), 9(3)); (d) archiving in the public interest, scientific or historical research, statistics (Art. 89(1)), where erasure would make it impossible or seriously impair it; (e) the establishment, exercise or defence of legal claims. | Art. 17(3)(a)–(e) GDPR; the same article of the UK GDPR. |
//! | CCPA/CPRA | (1) complete the transaction, provide the good or service asked for, or perform a contract; (2) help ensure security and integrity; (3) debug to find and repair errors; (4) free speech; (5) the California Electronic Communications Privacy Act; (6) public or peer-reviewed research in the public interest; (7) solely internal uses reasonably aligned with the consumer's expectations; (8) a legal obligation. | Cal. Civ. Code § 1798.105(d)(1)–(8), as amended by the CPRA (Proposition 24, 2020). |
//!
//! When a CCPA delete is denied in whole or in part, the business tells the consumer that it
//! will not comply and why (naming the exception), deletes the personal information that is
//! not exempt, and does not use the information kept for any other purpose than the one the
//! exception allows (11 CCR § 7022(f)(1)–(3)). Those duties are printed in the letter
//! ([`letter_sentences`]). Under the GDPR the person is told why, with their right to complain
//! and to a judicial remedy (Art. 12(4)); the request's letters already carry that sentence.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::organisation::Regime;

/// An exception that keeps part of a person's data after an erasure or delete request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum ErasureException {
    /// Art. 17(3)(a): freedom of expression and information.
    Expression,
    /// Art. 17(3)(b): a legal obligation, a task in the public interest or official authority.
    LegalObligation,
    /// Art. 17(3)(c): public health.
    PublicHealth,
    /// Art. 17(3)(d): archiving, research or statistics (Art. 89(1)).
    ArchivingResearch,
    /// Art. 17(3)(e): legal claims.
    LegalClaims,
    /// § 1798.105(d)(1): complete the transaction, provide the good or service, a contract.
    CompleteTransaction,
    /// § 1798.105(d)(2): security and integrity.
    SecurityIntegrity,
    /// § 1798.105(d)(3): debugging.
    Debug,
    /// § 1798.105(d)(4): free speech.
    FreeSpeech,
    /// § 1798.105(d)(5): the California Electronic Communications Privacy Act.
    Calecpa,
    /// § 1798.105(d)(6): research in the public interest.
    Research,
    /// § 1798.105(d)(7): solely internal uses aligned with the consumer's expectations.
    InternalUses,
    /// § 1798.105(d)(8): a legal obligation.
    CcpaLegalObligation,
}

/// The GDPR and UK GDPR checklist, Art. 17(3)(a)–(e).
const GDPR: [ErasureException; 5] = [
    ErasureException::Expression,
    ErasureException::LegalObligation,
    ErasureException::PublicHealth,
    ErasureException::ArchivingResearch,
    ErasureException::LegalClaims,
];

/// The CCPA checklist, Civ. Code § 1798.105(d)(1)–(8).
const CCPA: [ErasureException; 8] = [
    ErasureException::CompleteTransaction,
    ErasureException::SecurityIntegrity,
    ErasureException::Debug,
    ErasureException::FreeSpeech,
    ErasureException::Calecpa,
    ErasureException::Research,
    ErasureException::InternalUses,
    ErasureException::CcpaLegalObligation,
];

impl ErasureException {
    /// The checklist of `regime`, in the order of the law.
    pub fn checklist(regime: Regime) -> &'static [ErasureException] {
        match regime {
            Regime::Gdpr | Regime::UkGdpr => &GDPR,
            Regime::CcpaCpra => &CCPA,
        }
    }

    /// The code used on the command line and in JSON (unique within a regime's checklist).
    pub fn code(self) -> &'static str {
        match self {
            Self::Expression => "expression",
            Self::LegalObligation | Self::CcpaLegalObligation => "legal-obligation",
            Self::PublicHealth => "public-health",
            Self::ArchivingResearch => "archiving-research",
            Self::LegalClaims => "legal-claims",
            Self::CompleteTransaction => "complete-transaction",
            Self::SecurityIntegrity => "security-integrity",
            Self::Debug => "debug",
            Self::FreeSpeech => "free-speech",
            Self::Calecpa => "calecpa",
            Self::Research => "research",
            Self::InternalUses => "internal-uses",
        }
    }

    /// The provision, for the letter and the checklist.
    pub fn citation(self) -> &'static str {
        match self {
            Self::Expression => "Art. 17(3)(a)",
            Self::LegalObligation => "Art. 17(3)(b)",
            Self::PublicHealth => "Art. 17(3)(c)",
            Self::ArchivingResearch => "Art. 17(3)(d)",
            Self::LegalClaims => "Art. 17(3)(e)",
            Self::CompleteTransaction => "Cal. Civ. Code § 1798.105(d)(1)",
            Self::SecurityIntegrity => "Cal. Civ. Code § 1798.105(d)(2)",
            Self::Debug => "Cal. Civ. Code § 1798.105(d)(3)",
            Self::FreeSpeech => "Cal. Civ. Code § 1798.105(d)(4)",
            Self::Calecpa => "Cal. Civ. Code § 1798.105(d)(5)",
            Self::Research => "Cal. Civ. Code § 1798.105(d)(6)",
            Self::InternalUses => "Cal. Civ. Code § 1798.105(d)(7)",
            Self::CcpaLegalObligation => "Cal. Civ. Code § 1798.105(d)(8)",
        }
    }

    /// What the exception allows, in words the person reads in the letter.
    pub fn label(self) -> &'static str {
        match self {
            Self::Expression => "exercising the right of freedom of expression and information",
            Self::LegalObligation => {
                "complying with a legal obligation, or a task in the public interest or in official authority"
            }
            Self::PublicHealth => "reasons of public interest in the area of public health",
            Self::ArchivingResearch => {
                "archiving in the public interest, scientific or historical research or statistics"
            }
            Self::LegalClaims => "establishing, exercising or defending legal claims",
            Self::CompleteTransaction => {
                "completing the transaction, providing the goods or services you asked for, or performing our contract with you"
            }
            Self::SecurityIntegrity => "helping to ensure security and integrity",
            Self::Debug => "debugging to identify and repair errors",
            Self::FreeSpeech => "exercising free speech",
            Self::Calecpa => "complying with the California Electronic Communications Privacy Act",
            Self::Research => "research in the public interest",
            Self::InternalUses => {
                "solely internal uses reasonably aligned with your expectations of our relationship"
            }
            Self::CcpaLegalObligation => "complying with a legal obligation",
        }
    }

    /// The exception with `code` in `regime`'s checklist, or a sentence naming the allowed
    /// codes.
    pub fn parse(regime: Regime, code: &str) -> Result<Self, String> {
        let code = code.trim();
        Self::checklist(regime)
            .iter()
            .copied()
            .find(|e| e.code() == code)
            .ok_or_else(|| {
                let allowed: Vec<&str> = Self::checklist(regime).iter().map(|e| e.code()).collect();
                format!(
                    "\"{code}\" is not an exception under {}; use one of {} ({})",
                    regime.label(),
                    allowed.join(", "),
                    source(regime)
                )
            })
    }
}

/// The provision that lists the exceptions of `regime`.
pub fn source(regime: Regime) -> &'static str {
    match regime {
        Regime::Gdpr | Regime::UkGdpr => "Art. 17(3)",
        Regime::CcpaCpra => "Cal. Civ. Code § 1798.105(d)",
    }
}

/// One part of the person's data kept on an exception.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeptPart {
    /// What is kept: a data category code (`orders.history`) or a system of the inventory.
    pub part: String,
    /// The exception that keeps it.
    pub exception: ErasureException,
    /// Why it applies here (sealed: it may describe the person's situation).
    pub reason: String,
    /// The day decided.
    pub decided_on: NaiveDate,
    /// Who decided.
    pub decided_by: String,
}

/// Checks one kept part's reason: an exception is applied to the facts, so the officer says
/// how (Art. 5(2) accountability; 11 CCR § 7022(f)(1) asks the business to explain the basis).
pub fn check_reason(reason: &str) -> Result<(), String> {
    if reason.trim().is_empty() {
        return Err("give --reason: why the exception applies to this person's data (Art. 5(2); 11 CCR § 7022(f)(1))".to_owned());
    }
    Ok(())
}

/// The sentences the completion letter adds for the kept parts (empty when none): what is
/// kept and on which exception, and for the CCPA the duties of 11 CCR § 7022(f).
pub fn letter_sentences(regime: Regime, parts: &[KeptPart]) -> String {
    if parts.is_empty() {
        return String::new();
    }
    let list: Vec<String> = parts
        .iter()
        .map(|p| {
            format!(
                "- {}: kept for {} ({})",
                p.part,
                p.exception.label(),
                p.exception.citation()
            )
        })
        .collect();
    let mut t = format!(
        "We have erased your personal data except the following, which the law allows us to keep:\n{}\n",
        list.join("\n")
    );
    match regime {
        Regime::CcpaCpra => t.push_str(
            "We are therefore not complying with your request to delete for these parts, for the reasons given. We have deleted the personal information that is not covered by these exceptions, and we will not use the information we keep for any other purpose than the one stated (11 CCR § 7022(f)).\n",
        ),
        Regime::Gdpr | Regime::UkGdpr => t.push_str(
            "We will keep these parts only for as long as that reason applies, and use them for nothing else.\n",
        ),
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 10).unwrap()
    }

    /// Art. 17(3)(a)–(e) and Civ. Code § 1798.105(d)(1)–(8): each regime's checklist, in the
    /// order of the law, with its citation; codes are unique within a checklist.
    #[test]
    fn checklist_table() {
        let cases: [(Regime, &[(&str, &str)]); 3] = [
            (
                Regime::Gdpr,
                &[
                    ("expression", "Art. 17(3)(a)"),
                    ("legal-obligation", "Art. 17(3)(b)"),
                    ("public-health", "Art. 17(3)(c)"),
                    ("archiving-research", "Art. 17(3)(d)"),
                    ("legal-claims", "Art. 17(3)(e)"),
                ],
            ),
            (
                Regime::UkGdpr,
                &[
                    ("expression", "Art. 17(3)(a)"),
                    ("legal-obligation", "Art. 17(3)(b)"),
                    ("public-health", "Art. 17(3)(c)"),
                    ("archiving-research", "Art. 17(3)(d)"),
                    ("legal-claims", "Art. 17(3)(e)"),
                ],
            ),
            (
                Regime::CcpaCpra,
                &[
                    ("complete-transaction", "Cal. Civ. Code § 1798.105(d)(1)"),
                    ("security-integrity", "Cal. Civ. Code § 1798.105(d)(2)"),
                    ("debug", "Cal. Civ. Code § 1798.105(d)(3)"),
                    ("free-speech", "Cal. Civ. Code § 1798.105(d)(4)"),
                    ("calecpa", "Cal. Civ. Code § 1798.105(d)(5)"),
                    ("research", "Cal. Civ. Code § 1798.105(d)(6)"),
                    ("internal-uses", "Cal. Civ. Code § 1798.105(d)(7)"),
                    ("legal-obligation", "Cal. Civ. Code § 1798.105(d)(8)"),
                ],
            ),
        ];
        for (regime, want) in cases {
            let got: Vec<(&str, &str)> = ErasureException::checklist(regime)
                .iter()
                .map(|e| (e.code(), e.citation()))
                .collect();
            assert_eq!(got, want, "{regime:?}");
            for (code, _) in want {
                let e = ErasureException::parse(regime, code).unwrap();
                assert_eq!(e.code(), *code);
            }
        }
    }

    /// An exception of the other regime (or none) is refused naming the allowed codes and the
    /// provision.
    #[test]
    fn parse_table() {
        let cases = [
            (
                Regime::Gdpr,
                "legal-claims",
                Ok(ErasureException::LegalClaims),
            ),
            (
                Regime::Gdpr,
                " legal-obligation ",
                Ok(ErasureException::LegalObligation),
            ),
            (
                Regime::CcpaCpra,
                "legal-obligation",
                Ok(ErasureException::CcpaLegalObligation),
            ),
            (Regime::CcpaCpra, "legal-claims", Err("§ 1798.105(d)")),
            (Regime::UkGdpr, "debug", Err("Art. 17(3)")),
            (Regime::Gdpr, "", Err("expression, legal-obligation")),
        ];
        for (regime, code, want) in cases {
            match (ErasureException::parse(regime, code), want) {
                (Ok(got), Ok(w)) => assert_eq!(got, w, "{code}"),
                (Err(m), Err(part)) => assert!(m.contains(part), "{code}: {m}"),
                (got, w) => panic!("{regime:?} {code}: got {got:?}, want {w:?}"),
            }
        }
    }

    #[test]
    fn a_reason_is_required() {
        assert!(check_reason("  ").unwrap_err().contains("Art. 5(2)"));
        assert!(check_reason("Invoices are kept 6 years (tax law)").is_ok());
    }

    /// 11 CCR § 7022(f): a CCPA letter tells the person, says the rest was deleted and that the
    /// kept information is used for nothing else; a GDPR letter names the Art. 17(3) point.
    #[test]
    fn letter_table() {
        let part = |exception| KeptPart {
            part: "invoices".into(),
            exception,
            reason: "r".into(),
            decided_on: d(),
            decided_by: "owner".into(),
        };
        assert_eq!(letter_sentences(Regime::Gdpr, &[]), "");
        let cases = [
            (
                Regime::CcpaCpra,
                part(ErasureException::CcpaLegalObligation),
                &[
                    "invoices: kept for complying with a legal obligation (Cal. Civ. Code § 1798.105(d)(8))",
                    "not complying with your request to delete for these parts",
                    "deleted the personal information that is not covered",
                    "will not use the information we keep for any other purpose",
                    "§ 7022(f)",
                ][..],
            ),
            (
                Regime::UkGdpr,
                part(ErasureException::LegalClaims),
                &[
                    "invoices: kept for establishing, exercising or defending legal claims (Art. 17(3)(e))",
                    "use them for nothing else",
                ][..],
            ),
        ];
        for (regime, p, want) in cases {
            let text = letter_sentences(regime, &[p]);
            for w in want {
                assert!(text.contains(w), "{regime:?}: {w} not in {text}");
            }
        }
    }
}
