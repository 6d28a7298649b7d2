//! Transfers of personal data to third countries and the safeguard that makes each lawful
//! (GDPR Chapter V: Art. 45 adequacy decisions, Art. 46 appropriate safeguards such as the
//! Commission's standard contractual clauses, Art. 47 binding corporate rules, Art. 49
//! derogations for specific situations).

use serde::{Deserialize, Serialize};

/// The legal ground of a transfer outside the EEA (or, for UK GDPR, outside the UK).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TransferSafeguard {
    /// Art. 45: the country (or sector, or framework such as the EU–US Data Privacy Framework)
    /// has an adequacy decision.
    Adequacy,
    /// Art. 46(2)(c)/(d): standard contractual clauses (for the UK: the IDTA or the Addendum).
    StandardContractualClauses,
    /// Art. 46(2)(b), Art. 47: binding corporate rules approved by a supervisory authority.
    BindingCorporateRules,
    /// Art. 49(1): a derogation for a specific situation (explicit consent, a contract, ...).
    Derogation,
    /// No safeguard recorded yet: the transfer needs one.
    None,
}

impl TransferSafeguard {
    /// Every safeguard, the lawful ones first.
    pub const ALL: [TransferSafeguard; 5] = [
        Self::Adequacy,
        Self::StandardContractualClauses,
        Self::BindingCorporateRules,
        Self::Derogation,
        Self::None,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Adequacy => "adequacy",
            Self::StandardContractualClauses => "standard-contractual-clauses",
            Self::BindingCorporateRules => "binding-corporate-rules",
            Self::Derogation => "derogation",
            Self::None => "none",
        }
    }

    /// The safeguard for a code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Words with the article.
    pub fn label(self) -> &'static str {
        match self {
            Self::Adequacy => "Adequacy decision (Art. 45)",
            Self::StandardContractualClauses => "Standard contractual clauses (Art. 46)",
            Self::BindingCorporateRules => "Binding corporate rules (Art. 47)",
            Self::Derogation => "Derogation for a specific situation (Art. 49)",
            Self::None => "No safeguard yet",
        }
    }
}

/// One transfer to a third country.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transfer {
    /// The country (or international organisation) receiving the data, in words.
    pub country: String,
    /// Its safeguard.
    pub safeguard: TransferSafeguard,
    /// Details: which clauses, which derogation, where the documents are.
    #[serde(default)]
    pub note: String,
}
