//! The CCPA limit on repeated requests to know: "A business is not obligated to provide the
//! information required by Sections 1798.110 and 1798.115 to the same consumer more than twice
//! in a 12-month period" (Cal. Civ. Code § 1798.130(b)). A third request to know within 12
//! months is flagged when it is taken in; the officer decides (answering stays allowed).
//!
//! Counted: the consumer's earlier CCPA requests to know received in the 12 months up to this
//! one's receipt (a request received on the same day a year earlier is outside), except those
//! the consumer withdrew.

use chrono::{Months, NaiveDate};

use super::RequestType;
use super::workflow::RequestState;
use crate::domain::organisation::Regime;

/// An earlier request of the same person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Earlier {
    /// Its regime.
    pub regime: Regime,
    /// Its type.
    pub kind: RequestType,
    /// Its state.
    pub state: RequestState,
    /// Its day of receipt.
    pub received: NaiveDate,
}

/// How many earlier requests to know count against one received on `received`.
pub fn earlier_know_requests(received: NaiveDate, earlier: &[Earlier]) -> usize {
    let from = received
        .checked_sub_months(Months::new(12))
        .unwrap_or(NaiveDate::MIN);
    earlier
        .iter()
        .filter(|e| {
            e.regime == Regime::CcpaCpra
                && e.kind == RequestType::Know
                && e.state != RequestState::Withdrawn
                && e.received > from
                && e.received <= received
        })
        .count()
}

/// Whether a request to know received on `received` is beyond the two a year the business
/// must answer (§ 1798.130(b)). Only CCPA requests to know are counted.
pub fn repeat_within_12_months(
    regime: Regime,
    kind: RequestType,
    received: NaiveDate,
    earlier: &[Earlier],
) -> bool {
    regime == Regime::CcpaCpra
        && kind == RequestType::Know
        && earlier_know_requests(received, earlier) >= 2
}

/// The warning printed when such a request is taken in.
pub const WARNING: &str = "This is at least the third request to know from this person in 12 months: the business need not provide the information more than twice in a 12-month period (Cal. Civ. Code § 1798.130(b)). Decide whether to answer, or refuse it as excessive stating the reason.";

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn know(received: &str, state: RequestState) -> Earlier {
        Earlier {
            regime: Regime::CcpaCpra,
            kind: RequestType::Know,
            state,
            received: d(received),
        }
    }

    /// Cal. Civ. Code § 1798.130(b): (earlier requests, this one's receipt, flagged).
    #[test]
    fn repeat_table() {
        use RequestState::*;
        let cases: Vec<(Vec<Earlier>, &str, bool)> = vec![
            (vec![], "2026-06-01", false),
            (vec![know("2026-01-10", Completed)], "2026-06-01", false),
            (
                vec![know("2026-01-10", Completed), know("2026-03-01", Completed)],
                "2026-06-01",
                true,
            ),
            // Exactly a year before is outside the 12 months.
            (
                vec![know("2025-06-01", Completed), know("2026-03-01", Completed)],
                "2026-06-01",
                false,
            ),
            // A withdrawn request does not count.
            (
                vec![know("2026-01-10", Withdrawn), know("2026-03-01", Completed)],
                "2026-06-01",
                false,
            ),
            // Other types and regimes do not count.
            (
                vec![
                    Earlier {
                        kind: RequestType::Delete,
                        ..know("2026-01-10", Completed)
                    },
                    Earlier {
                        regime: Regime::Gdpr,
                        kind: RequestType::Access,
                        ..know("2026-02-10", Completed)
                    },
                    know("2026-03-01", Completed),
                ],
                "2026-06-01",
                false,
            ),
            // Refused ones count: the consumer asked.
            (
                vec![know("2026-01-10", Refused), know("2026-03-01", Received)],
                "2026-06-01",
                true,
            ),
        ];
        for (earlier, received, flagged) in cases {
            assert_eq!(
                repeat_within_12_months(Regime::CcpaCpra, RequestType::Know, d(received), &earlier),
                flagged,
                "{earlier:?} {received}"
            );
        }
        let two = [know("2026-01-10", Completed), know("2026-03-01", Completed)];
        assert!(!repeat_within_12_months(
            Regime::Gdpr,
            RequestType::Access,
            d("2026-06-01"),
            &two
        ));
    }
}
