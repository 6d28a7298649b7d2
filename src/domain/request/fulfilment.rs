//! How each type of request is fulfilled: the one place that says what answering a request of
//! a given type means. Every match below names every type, so adding a request type does not
//! compile until it is given a way to be fulfilled here — and every place that acts on a
//! request matches on [`Fulfilment`], never on a wildcard of types.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use super::RequestType;

/// What the officer does to answer a request (see [`RequestType::fulfilment`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Fulfilment {
    /// Give the person a copy of their data (an access package): GDPR Art. 15 and Art. 20
    /// (portability); Cal. Civ. Code § 1798.110 (right to know).
    AccessPackage,
    /// Correct the person's identity fields, the values before and after kept: GDPR Art. 16;
    /// Cal. Civ. Code § 1798.106.
    Rectification,
    /// Erase the person, leaving a pseudonymous erasure record: GDPR Art. 17; Cal. Civ. Code
    /// § 1798.105.
    Erasure,
    /// Restrict processing (the person goes on every suppression list): GDPR Art. 18.
    Restriction,
    /// Record withdrawals in the consent ledger for the purposes concerned: GDPR Art. 7(3)
    /// (withdrawal of consent) and Art. 21 (objection).
    ConsentWithdrawal,
    /// Record the person-wide opt-out of sale or sharing: Cal. Civ. Code § 1798.120.
    OptOutOfSale,
    /// Record the person-wide limit on the use of sensitive personal information: Cal. Civ.
    /// Code § 1798.121.
    LimitSensitiveUse,
}

impl Fulfilment {
    /// Whether it is fulfilled by events in the consent ledger.
    pub fn is_through_ledger(self) -> bool {
        match self {
            Self::ConsentWithdrawal | Self::OptOutOfSale | Self::LimitSensitiveUse => true,
            Self::AccessPackage | Self::Rectification | Self::Erasure | Self::Restriction => false,
        }
    }
}

impl RequestType {
    /// How a request of this type is fulfilled.
    pub fn fulfilment(self) -> Fulfilment {
        match self {
            Self::Access | Self::Portability | Self::Know => Fulfilment::AccessPackage,
            Self::Rectification | Self::Correct => Fulfilment::Rectification,
            Self::Erasure | Self::Delete => Fulfilment::Erasure,
            Self::Restriction => Fulfilment::Restriction,
            Self::Objection | Self::WithdrawConsent => Fulfilment::ConsentWithdrawal,
            Self::OptOut => Fulfilment::OptOutOfSale,
            Self::Limit => Fulfilment::LimitSensitiveUse,
        }
    }
}

/// When a withdrawal, objection, opt-out or limit recorded from a request takes effect in the
/// consent ledger: the day the person made it (the request's day of receipt), not the day the
/// officer fulfils the request.
///
/// - GDPR and UK GDPR Art. 7(3): "The data subject shall have the right to withdraw his or her
///   consent at any time"; the withdrawal takes effect when it is made (it "shall not affect the
///   lawfulness of processing based on consent before its withdrawal", and nothing after it).
///   Art. 21(3): after an objection to direct marketing the data "shall no longer be processed"
///   for it.
/// - CCPA: Cal. Code Regs. tit. 11 § 7026(f): the business must comply with a request to opt
///   out "as soon as feasibly possible, but no later than 15 business days from the date the
///   business receives the request"; the opt-out is the person's from the day it is received
///   (§ 7027(g) for the limit on sensitive personal information).
///
/// Requests are received on a day, not at a time: the event is dated at the last second of the
/// day of receipt (UTC), so that it comes after any consent the person gave earlier that day,
/// and never later than `now` (a request received today is dated now).
pub fn ledger_event_time(received: NaiveDate, now: DateTime<Utc>) -> DateTime<Utc> {
    let end_of_day = received
        .and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN))
        .and_utc();
    end_of_day.min(now)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Art. 7(3), Art. 21(3); Cal. Code Regs. tit. 11 § 7026(f): dated the day of receipt, not
    /// the day of fulfilment, and never in the future.
    #[test]
    fn ledger_events_carry_the_day_of_receipt() {
        use chrono::TimeZone;
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let t = |y, m, day, h, mi| Utc.with_ymd_and_hms(y, m, day, h, mi, 0).unwrap();
        let end = |y, m, day| Utc.with_ymd_and_hms(y, m, day, 23, 59, 59).unwrap();
        // (received, fulfilled at, the event's time)
        let rows = [
            // Fulfilled weeks later: the day of receipt, not the day of fulfilment.
            (d(2026, 3, 2), t(2026, 3, 27, 10, 0), end(2026, 3, 2)),
            // Fulfilled the next morning.
            (d(2026, 3, 2), t(2026, 3, 3, 8, 0), end(2026, 3, 2)),
            // Across a year end.
            (d(2025, 12, 31), t(2026, 1, 5, 9, 0), end(2025, 12, 31)),
            // Fulfilled the same day: now, never a time still to come.
            (d(2026, 3, 2), t(2026, 3, 2, 9, 30), t(2026, 3, 2, 9, 30)),
        ];
        for (received, now, want) in rows {
            assert_eq!(
                ledger_event_time(received, now),
                want,
                "{received} at {now}"
            );
        }
    }

    /// Each type with the way the law says it is answered (the article or section in the
    /// variant's documentation).
    #[test]
    fn every_type_has_its_fulfilment() {
        use Fulfilment::*;
        let table = [
            (RequestType::Access, AccessPackage),
            (RequestType::Rectification, Rectification),
            (RequestType::Erasure, Erasure),
            (RequestType::Restriction, Restriction),
            (RequestType::Portability, AccessPackage),
            (RequestType::Objection, ConsentWithdrawal),
            (RequestType::WithdrawConsent, ConsentWithdrawal),
            (RequestType::Know, AccessPackage),
            (RequestType::Delete, Erasure),
            (RequestType::Correct, Rectification),
            (RequestType::OptOut, OptOutOfSale),
            (RequestType::Limit, LimitSensitiveUse),
        ];
        assert_eq!(table.len(), RequestType::ALL.len());
        for (kind, fulfilment) in table {
            assert_eq!(kind.fulfilment(), fulfilment, "{kind:?}");
        }
    }

    #[test]
    fn the_ledger_answers_withdrawals_and_ccpa_opt_outs_only() {
        let through: Vec<RequestType> = RequestType::ALL
            .into_iter()
            .filter(|k| k.fulfilment().is_through_ledger())
            .collect();
        assert_eq!(
            through,
            [
                RequestType::Objection,
                RequestType::WithdrawConsent,
                RequestType::OptOut,
                RequestType::Limit
            ]
        );
    }
}
