//! The customer relationship: when a person became a customer and, once it is over, when it
//! ended. A customer's record is kept on the contract (GDPR Art. 6(1)(b)), legal duties such as
//! tax records (Art. 6(1)(c)) and possible claims (Art. 17(3)(b), (e)) — not on marketing
//! consent — so marketing retention rules never remove a current customer
//! (see `domain::retention::keep`). Both days are plain dates, like the day a person was
//! recorded.

use chrono::NaiveDate;

/// When a person was (or is) a customer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CustomerRelationship {
    /// The first day of the relationship, if recorded.
    pub since: Option<NaiveDate>,
    /// The day it ended, if it has (or will, when recorded ahead).
    pub until: Option<NaiveDate>,
}

impl CustomerRelationship {
    /// Checks the days on `today`: the start is not in the future and the end is not before
    /// the start. The message names the field and what to do.
    pub fn check(&self, today: NaiveDate) -> Result<(), (&'static str, String)> {
        if let Some(since) = self.since
            && since > today
        {
            return Err((
                "Customer since",
                format!("{since} is in the future; give the day the person became a customer."),
            ));
        }
        if let (Some(since), Some(until)) = (self.since, self.until)
            && until < since
        {
            return Err((
                "Customer until",
                format!(
                    "{until} is before the relationship began ({since}); give the day it ended."
                ),
            ));
        }
        Ok(())
    }

    /// Whether the person is a customer on `today`.
    pub fn is_current(&self, today: NaiveDate) -> bool {
        self.since.is_some_and(|since| since <= today) && self.until.is_none_or(|end| end > today)
    }

    /// Words for the subject page and the command line.
    pub fn describe(&self, today: NaiveDate) -> String {
        match (self.since, self.until) {
            (None, None) => "not recorded as a customer".to_owned(),
            (Some(s), None) => format!("customer since {s}"),
            (Some(s), Some(u)) if self.is_current(today) => {
                format!("customer since {s}, until {u}")
            }
            (Some(s), Some(u)) => format!("former customer ({s} to {u})"),
            (None, Some(u)) => format!("former customer (relationship ended {u})"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// (since, until, today) → current customer, check result field.
    #[test]
    fn relationship_table() {
        let today = d("2026-11-30");
        type Case<'a> = (Option<&'a str>, Option<&'a str>, bool, Option<&'a str>);
        let cases: [Case; 6] = [
            (None, None, false, None),
            (Some("2020-01-01"), None, true, None),
            (Some("2020-01-01"), Some("2027-01-01"), true, None),
            (Some("2020-01-01"), Some("2026-11-30"), false, None),
            (Some("2026-12-01"), None, false, Some("Customer since")),
            (
                Some("2020-01-01"),
                Some("2019-01-01"),
                false,
                Some("Customer until"),
            ),
        ];
        for (since, until, current, problem) in cases {
            let r = CustomerRelationship {
                since: since.map(d),
                until: until.map(d),
            };
            assert_eq!(r.is_current(today), current, "{r:?}");
            assert_eq!(r.check(today).err().map(|e| e.0), problem, "{r:?}");
        }
        assert_eq!(
            CustomerRelationship {
                since: Some(d("2020-01-01")),
                until: Some(d("2024-01-01"))
            }
            .describe(today),
            "former customer (2020-01-01 to 2024-01-01)"
        );
    }
}
