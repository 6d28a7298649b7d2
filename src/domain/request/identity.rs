//! Asking the person for identity: when the step exists, and when the answer moves the clock.
//!
//! | Regime | Rule | Source |
//! |---|---|---|
//! | GDPR, UK GDPR | Where the controller has reasonable doubts about who made the request, it may ask for the information needed to confirm identity. The time limit then runs from the day that information arrives — but only when it was actually asked for: a request the controller started on without asking anything keeps its day of receipt. | Art. 12(6); ICO, *Right of access — time limits* ("the time limit starts from the date that you receive the additional information", said of information you *requested*); EDPB Guidelines 01/2022 §§ 159, 64–66. |
//! | GDPR, UK GDPR | The new start can never be earlier than the day the information was asked for (nor than receipt): the clock restarts from the answer, not from a day before the question. | Art. 12(3), 12(6); the same sources. |
//! | CCPA/CPRA | Know, delete and correct: the business verifies the person, but the 45 days run from receipt "regardless of time required to verify the request". | Cal. Code Regs. tit. 11 § 7021(b), Art. 5 (§ 7060 ff.). |
//! | CCPA/CPRA | Opt-out of sale/sharing and limit: "a business shall not require a verifiable consumer request"; there is no identity step (only the information needed to find the person's records, and a refusal for documented fraud). | Cal. Code Regs. tit. 11 § 7026(d), § 7027(e). |

use super::RequestType;
use super::deadline::DeadlineRule;
pub use super::deadline::clock_start;
use super::fulfilment::Fulfilment;
use crate::domain::organisation::Regime;

/// Whether the identity step (asking for identity, the identity-request letter) exists for a
/// request of `kind` under `regime`: not for CCPA opt-out and limit (§ 7026(d), § 7027(e)).
pub fn identity_step_offered(regime: Regime, kind: RequestType) -> bool {
    match kind.fulfilment() {
        Fulfilment::OptOutOfSale | Fulfilment::LimitSensitiveUse => regime != Regime::CcpaCpra,
        Fulfilment::AccessPackage
        | Fulfilment::Rectification
        | Fulfilment::Erasure
        | Fulfilment::Restriction
        | Fulfilment::ConsentWithdrawal => true,
    }
}

/// Why the identity step is or is not offered, for the request page.
pub fn explain(regime: Regime, kind: RequestType) -> &'static str {
    if !identity_step_offered(regime, kind) {
        return "No identity verification: opt-out and limit requests need no verifiable consumer request; ask only for what is needed to find the person's records (Cal. Code Regs. tit. 11 § 7026(d), § 7027(e)).";
    }
    match DeadlineRule::for_request(regime, kind) {
        DeadlineRule::GdprMonth => {
            "Asking for identity stops the clock; the month runs again from the day the answer arrives (never earlier than the day it was asked). Starting work without asking keeps the day of receipt (Art. 12(6); EDPB Guidelines 01/2022 § 159)."
        }
        DeadlineRule::Ccpa45Days | DeadlineRule::Ccpa15BusinessDays => {
            "Verify the person, but the 45 days run from receipt whatever the time verification takes (Cal. Code Regs. tit. 11 § 7021(b))."
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// (rule, received, asked, answered, start). Art. 12(6) GDPR, EDPB Guidelines 01/2022
    /// § 159; Cal. Code Regs. tit. 11 § 7021(b) for the CCPA.
    #[test]
    fn clock_start_table() {
        let gdpr = DeadlineRule::GdprMonth;
        let ccpa = DeadlineRule::Ccpa45Days;
        let table = [
            // Asked on 5 March, answered on 10 March: the month runs from 10 March.
            (
                gdpr,
                "2026-03-02",
                Some("2026-03-05"),
                Some("2026-03-10"),
                "2026-03-10",
            ),
            // The bug of issue 16 item 3: "start work" with nothing asked keeps receipt.
            (gdpr, "2026-03-02", None, Some("2026-03-20"), "2026-03-02"),
            // Asked, not answered yet: still the day of receipt (the clock is paused).
            (gdpr, "2026-03-02", Some("2026-03-05"), None, "2026-03-02"),
            // An answer dated before the question starts the clock on the day asked.
            (
                gdpr,
                "2026-03-02",
                Some("2026-03-09"),
                Some("2026-03-06"),
                "2026-03-09",
            ),
            // Nothing earlier than receipt.
            (
                gdpr,
                "2026-03-02",
                Some("2026-03-02"),
                Some("2026-02-20"),
                "2026-03-02",
            ),
            // CCPA: the 45 days run from receipt whatever the time taken to verify.
            (
                ccpa,
                "2026-03-02",
                Some("2026-03-05"),
                Some("2026-03-20"),
                "2026-03-02",
            ),
        ];
        for (rule, received, asked, answered, start) in table {
            assert_eq!(
                clock_start(rule, d(received), asked.map(d), answered.map(d)),
                d(start),
                "{rule:?} received {received} asked {asked:?} answered {answered:?}"
            );
        }
    }

    /// 11 CCR § 7026(d), § 7027(e): no identity step for opt-out and limit; every other type
    /// has one.
    #[test]
    fn identity_step_table() {
        for regime in [Regime::Gdpr, Regime::UkGdpr, Regime::CcpaCpra] {
            for kind in RequestType::for_regime(regime) {
                let expected = !matches!(kind, RequestType::OptOut | RequestType::Limit);
                assert_eq!(
                    identity_step_offered(regime, kind),
                    expected,
                    "{regime:?} {kind:?}"
                );
                let why = explain(regime, kind);
                let cites = ["Art. 12(6)", "§ 7021(b)", "§ 7026(d)"];
                assert!(cites.iter().any(|c| why.contains(c)), "{why}");
            }
        }
    }
}
