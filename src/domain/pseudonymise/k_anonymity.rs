//! The k-anonymity of a data set over its quasi-identifiers (Sweeney, "k-anonymity: a model for
//! protecting privacy", 2002): rows are grouped by their values of the quasi-identifiers, and k
//! is the size of the smallest group. A row in a group smaller than the threshold can be singled
//! out by someone who knows those values of a person (GDPR Recital 26: "singling out").
//!
//! Built for a million rows: each row's tuple is kept only as a 128-bit digest (length-prefixed
//! values, so `("ab", "c")` and `("a", "bc")` differ) with the count of rows sharing it.

use std::collections::HashMap;

use serde::Serialize;
use sha2::{Digest, Sha256};

/// Counts rows per quasi-identifier tuple.
#[derive(Debug, Default)]
pub struct KAnonymity {
    groups: HashMap<[u8; 16], u64>,
    rows: u64,
}

/// The figure for a data set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct KReport {
    /// The size of the smallest group (0 when there are no rows).
    pub k: u64,
    /// Rows counted.
    pub rows: u64,
    /// Distinct quasi-identifier tuples.
    pub groups: u64,
    /// The threshold the figure is judged against.
    pub threshold: u32,
    /// Groups smaller than the threshold.
    pub groups_below: u64,
    /// Rows in groups smaller than the threshold: the people who could be singled out.
    pub rows_below: u64,
}

impl KReport {
    /// Whether every row shares its values with at least `threshold` rows (an empty data set
    /// meets any threshold).
    pub fn meets_threshold(&self) -> bool {
        self.rows == 0 || self.k >= u64::from(self.threshold)
    }

    /// One sentence for the window and the command line: "k = 3 over 120 rows in 14 groups;
    /// 7 rows in 3 groups are smaller than 5."
    pub fn describe(&self) -> String {
        if self.rows == 0 {
            return "No rows to export, so there is no k-anonymity figure.".into();
        }
        let rows = plural(self.rows, "row", "rows");
        let groups = plural(self.groups, "group", "groups");
        let head = format!("k = {} over {rows} in {groups}", self.k);
        if self.rows_below == 0 {
            format!(
                "{head}; every row shares its values with at least {} rows.",
                self.threshold
            )
        } else {
            format!(
                "{head}; {} in {} smaller than {} could be singled out.",
                plural(self.rows_below, "row", "rows"),
                plural(self.groups_below, "group", "groups"),
                self.threshold
            )
        }
    }
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl KAnonymity {
    /// An empty count.
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts one row by its quasi-identifier values (in a fixed order).
    pub fn add<S: AsRef<str>>(&mut self, values: impl IntoIterator<Item = S>) {
        let mut hash = Sha256::new();
        for v in values {
            let v = v.as_ref().as_bytes();
            hash.update((v.len() as u64).to_be_bytes());
            hash.update(v);
        }
        let full = hash.finalize();
        let mut digest = [0u8; 16];
        digest.copy_from_slice(&full[..16]);
        *self.groups.entry(digest).or_insert(0) += 1;
        self.rows += 1;
    }

    /// Rows counted so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// The figure, judged against `threshold`.
    pub fn report(&self, threshold: u32) -> KReport {
        let mut report = KReport {
            k: self.groups.values().copied().min().unwrap_or(0),
            rows: self.rows,
            groups: self.groups.len() as u64,
            threshold,
            ..KReport::default()
        };
        for &n in self.groups.values() {
            if n < u64::from(threshold) {
                report.groups_below += 1;
                report.rows_below += n;
            }
        }
        report
    }
}
