//! Confirming receipt of a CCPA request: a second deadline beside the answer's.
//!
//! | Regime | Rule | Source |
//! |---|---|---|
//! | CCPA/CPRA | Upon receiving a request to know, to delete or to correct, the business confirms receipt within 10 business days, saying how it will process the request. Counted like the 15 business days: the day of receipt is day one when it is a business day (else the next business day is), so the confirmation is due on the 10th business day. | Cal. Code Regs. tit. 11 § 7021(a), read with § 7021(b). |
//! | CCPA/CPRA | Opt-out of sale/sharing and limit requests have no confirmation step: they are acted on within 15 business days. | § 7021(a) names know, delete and correct only; § 7026(f), § 7027(g). |
//! | GDPR, UK GDPR | No separate confirmation deadline. | Art. 12(3) sets only the answer's. |

use chrono::NaiveDate;

use super::RequestType;
use super::fulfilment::Fulfilment;
use crate::domain::holidays::HolidayCalendar;
use crate::domain::organisation::Regime;

/// The day receipt must be confirmed by, when the rule applies (CCPA know, delete, correct).
pub fn acknowledge_by(
    regime: Regime,
    kind: RequestType,
    received: NaiveDate,
    calendar: &HolidayCalendar,
) -> Option<NaiveDate> {
    let applies = regime == Regime::CcpaCpra
        && match kind.fulfilment() {
            Fulfilment::AccessPackage | Fulfilment::Erasure | Fulfilment::Rectification => true,
            Fulfilment::OptOutOfSale
            | Fulfilment::LimitSensitiveUse
            | Fulfilment::Restriction
            | Fulfilment::ConsentWithdrawal => false,
        };
    // Day one is the first business day on or after receipt; 9 more business days.
    applies.then(|| calendar.add_working_days(calendar.working_day_on_or_after(received), 9))
}

/// Whether the confirmation is still owed: the rule applies, none is recorded, and the request
/// is open.
pub fn pending(due: Option<NaiveDate>, acknowledged_on: Option<NaiveDate>, open: bool) -> bool {
    open && due.is_some() && acknowledged_on.is_none()
}

/// The rule in words for the request page.
pub const EXPLAIN: &str = "Confirm receipt of a request to know, delete or correct within 10 business days, saying how it will be processed (Cal. Code Regs. tit. 11 § 7021(a)).";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::holidays::Jurisdiction;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// (regime, type, received) → confirm by. 11 CCR § 7021(a): 10 business days for know,
    /// delete and correct; none for opt-out and limit, none under the GDPR.
    #[test]
    fn acknowledgement_table() {
        let cal = HolidayCalendar::preset(Jurisdiction::UsFederal, 2025..=2027);
        let table = [
            // Mon 2 March 2026 is day one; day ten is Fri 13 March.
            (
                Regime::CcpaCpra,
                RequestType::Access,
                "2026-03-02",
                Some("2026-03-13"),
            ),
            (
                Regime::CcpaCpra,
                RequestType::Erasure,
                "2026-03-02",
                Some("2026-03-13"),
            ),
            // Received Sat 28 Feb: day one is Mon 2 March.
            (
                Regime::CcpaCpra,
                RequestType::Erasure,
                "2026-02-28",
                Some("2026-03-13"),
            ),
            // Received Fri 13 Nov 2026; Veterans Day already past, Thanksgiving 26 Nov
            // counts not: day ten is Fri 27 Nov (13, 16-20, 23-25, 27).
            (
                Regime::CcpaCpra,
                RequestType::Access,
                "2026-11-13",
                Some("2026-11-27"),
            ),
            (Regime::CcpaCpra, RequestType::OptOut, "2026-03-02", None),
            (Regime::CcpaCpra, RequestType::Limit, "2026-03-02", None),
            (Regime::Gdpr, RequestType::Access, "2026-03-02", None),
            (Regime::UkGdpr, RequestType::Erasure, "2026-03-02", None),
        ];
        for (regime, kind, received, due) in table {
            if !kind.applies_to(regime) {
                continue;
            }
            assert_eq!(
                acknowledge_by(regime, kind, d(received), &cal),
                due.map(d),
                "{regime:?} {kind:?} {received}"
            );
        }
        assert!(pending(Some(d("2026-03-13")), None, true));
        assert!(!pending(Some(d("2026-03-13")), Some(d("2026-03-03")), true));
        assert!(!pending(Some(d("2026-03-13")), None, false));
        assert!(!pending(None, None, true));
        assert!(EXPLAIN.contains("§ 7021(a)"));
    }
}
