//! How each type of request is fulfilled: the one place that says what answering a request of
//! a given type means. Every match below names every type, so adding a request type does not
//! compile until it is given a way to be fulfilled here — and every place that acts on a
//! request matches on [`Fulfilment`], never on a wildcard of types.

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

#[cfg(test)]
mod tests {
    use super::*;

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
