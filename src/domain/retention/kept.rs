//! Why a record whose period is over under one rule is still kept (the verdict of
//! [`super::keep::settle_keeps`]), with the words the window and the command line show.

use chrono::NaiveDate;

/// Why a record whose period is over under one rule is still kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeptBy {
    /// A marketing rule, and the person is a current customer (Art. 6(1)(b)).
    CurrentCustomer,
    /// Another rule's period still runs, until this day (the longest such).
    LongerRule(NaiveDate),
}

impl KeptBy {
    /// Words for the window and the command line: why the rule does not remove the person.
    pub fn reason(self) -> String {
        match self {
            Self::CurrentCustomer => "a current customer: marketing rules do not remove customers, whose records the contract, tax law and possible claims need (GDPR Art. 6(1)(b), (c); Art. 17(3)(b), (e))".to_owned(),
            Self::LongerRule(until) => format!(
                "another rule keeps the record until {until}: the longest period that still applies wins (GDPR Art. 5(1)(e) sets a maximum, not a duty to destroy)"
            ),
        }
    }
}
