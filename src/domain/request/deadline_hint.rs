//! The request page's general deadline line: the time limit of the request's regime and type
//! in words, with its source. It differs by regime, not only by rule: the UK GDPR counts from
//! the "relevant time" of Art. 12A and stops the clock for a clarification, the EU GDPR counts
//! from receipt and does not, and the CCPA counts calendar days with the day of receipt as day
//! one.
//!
//! | Regime, requests | Time limit | Source |
//! |---|---|---|
//! | GDPR | One month from receipt (the day of receipt is day one; a last day on a weekend or public holiday moves to the next working day); two further months for complex or numerous requests if the person is told, with the reasons, within the first month. Asking for identity restarts the month from the answer; asking the person to specify the request does not stop it. | Art. 12(3), 12(6) GDPR; Regulation (EEC, Euratom) No 1182/71 Art. 3(4); EDPB Guidelines 01/2022 on the right of access, section 5.3 |
//! | UK GDPR | One month from the relevant time: receipt, or the later day the identity asked for arrives; two further months for complex or numerous requests if the person is told, with the reasons, within the first month; asking for the information needed to identify what the request covers stops the clock until the answer. | Art. 12(3), 12A UK GDPR (inserted by the Data (Use and Access) Act 2025, s. 76); ICO, *Right of access — time limits* |
//! | CCPA/CPRA know, delete, correct | 45 calendar days from receipt, the day of receipt being day one whatever the time taken to verify; extendable once by 45 days (90 in all) when reasonably necessary, with notice and the reason within the first 45 days. | Cal. Civ. Code § 1798.130(a)(2)(A); Cal. Code Regs. tit. 11 § 7021(b) |
//! | CCPA/CPRA opt-out, limit | As soon as feasible and no later than 15 business days from receipt; no extension. | Cal. Code Regs. tit. 11 § 7026(f), § 7027(g) |
//!
//! The dates themselves are computed in [`super::deadline`] and [`super::clarification`]; this
//! says the rule they follow.

use super::RequestType;
use super::deadline::DeadlineRule;
use crate::domain::organisation::Regime;

/// A regime's time limit for one request type, in words, with its source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DeadlineHint {
    /// The time limit and its extension, in words.
    pub rule: &'static str,
    /// Where the law says so.
    pub source: &'static str,
}

impl DeadlineHint {
    /// The line the request page shows: the rule, then its source.
    pub fn sentence(self) -> String {
        format!("{} ({})", self.rule, self.source)
    }
}

/// The time limit of a `kind` request under `regime` (see the module's table).
pub fn deadline_hint(regime: Regime, kind: RequestType) -> DeadlineHint {
    match (regime, DeadlineRule::for_request(regime, kind)) {
        (Regime::Gdpr, _) => DeadlineHint {
            rule: "One month from receipt, the day of receipt being day one, moved to the next working day when it ends on a weekend or public holiday; extendable by two further months for complex or numerous requests if the person is told, with the reasons, within the first month. Asking for identity restarts the month from the day the answer arrives; asking the person to specify their request does not stop it.",
            source: "Art. 12(3) and 12(6) GDPR; Regulation (EEC, Euratom) No 1182/71 Art. 3(4); EDPB Guidelines 01/2022, section 5.3",
        },
        (Regime::UkGdpr, _) => DeadlineHint {
            rule: "One month from receipt, or from the later day the identity you asked for arrives, moved to the next working day when it ends on a weekend or bank holiday; extendable by two further months for complex or numerous requests if the person is told, with the reasons, within the first month. Asking for the information you need to identify what the request covers stops the clock until the answer arrives.",
            source: "Art. 12(3) and 12A UK GDPR, inserted by the Data (Use and Access) Act 2025, s. 76",
        },
        (Regime::CcpaCpra, DeadlineRule::Ccpa15BusinessDays) => DeadlineHint {
            rule: "As soon as feasible and no later than 15 business days from receipt, the day of receipt (if a business day) being day one; no extension.",
            source: "Cal. Code Regs. tit. 11 § 7026(f) and § 7027(g)",
        },
        (Regime::CcpaCpra, DeadlineRule::Ccpa45Days | DeadlineRule::GdprMonth) => DeadlineHint {
            rule: "45 calendar days from receipt, the day of receipt being day one whatever the time taken to verify; extendable once by 45 days (90 in all) when reasonably necessary, with notice and the reason within the first 45 days.",
            source: "Cal. Civ. Code § 1798.130(a)(2)(A); day one as in Cal. Code Regs. tit. 11 § 7021(b)",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Art. 12(3), 12(6) GDPR; Art. 12(3), 12A UK GDPR; Civ. Code § 1798.130(a)(2)(A) with
    /// 11 CCR § 7021(b); 11 CCR § 7026(f), § 7027(g): each regime and type gets its own time
    /// limit, extension and source.
    #[test]
    fn hint_table() {
        let cases: [(Regime, RequestType, &[&str], &str); 8] = [
            (
                Regime::Gdpr,
                RequestType::Access,
                &[
                    "One month from receipt",
                    "two further months",
                    "does not stop it",
                ],
                "Art. 12(3) and 12(6) GDPR",
            ),
            (
                Regime::Gdpr,
                RequestType::Erasure,
                &["One month from receipt", "within the first month"],
                "EDPB Guidelines 01/2022",
            ),
            (
                Regime::UkGdpr,
                RequestType::Access,
                &[
                    "identity you asked for",
                    "two further months",
                    "stops the clock",
                ],
                "12A UK GDPR",
            ),
            (
                Regime::UkGdpr,
                RequestType::Objection,
                &["One month", "stops the clock"],
                "Data (Use and Access) Act 2025",
            ),
            (
                Regime::CcpaCpra,
                RequestType::Know,
                &["45 calendar days", "day one", "extendable once by 45 days"],
                "§ 1798.130(a)(2)(A); day one as in Cal. Code Regs. tit. 11 § 7021(b)",
            ),
            (
                Regime::CcpaCpra,
                RequestType::Delete,
                &["45 calendar days", "90 in all"],
                "§ 7021(b)",
            ),
            (
                Regime::CcpaCpra,
                RequestType::OptOut,
                &["15 business days", "no extension"],
                "§ 7026(f)",
            ),
            (
                Regime::CcpaCpra,
                RequestType::Limit,
                &["15 business days", "no extension"],
                "§ 7027(g)",
            ),
        ];
        for (regime, kind, words, source) in cases {
            let h = deadline_hint(regime, kind);
            for w in words {
                assert!(
                    h.rule.contains(w),
                    "{regime:?} {kind:?}: {w} not in {}",
                    h.rule
                );
            }
            assert!(
                h.source.contains(source),
                "{regime:?} {kind:?}: {}",
                h.source
            );
            assert!(h.sentence().ends_with(&format!("({})", h.source)));
        }
    }

    /// The EU and UK lines differ (Art. 12A exists only in the UK GDPR), and neither names the
    /// other's source.
    #[test]
    fn eu_and_uk_differ() {
        let eu = deadline_hint(Regime::Gdpr, RequestType::Access);
        let uk = deadline_hint(Regime::UkGdpr, RequestType::Access);
        assert_ne!(eu, uk);
        assert!(!eu.sentence().contains("12A"));
        assert!(!uk.sentence().contains("EDPB"));
    }
}
