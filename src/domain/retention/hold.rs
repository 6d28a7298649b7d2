//! Legal holds: what keeps a person or a request out of sweeps and erasure.

use chrono::NaiveDate;
use uuid::Uuid;

/// What a hold is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HoldTarget {
    /// A data subject.
    Subject(Uuid),
    /// A request.
    Request(Uuid),
}

/// One hold as listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LegalHold {
    /// Its id.
    pub id: Uuid,
    /// What it is on.
    pub target: HoldTarget,
    /// Why (opened).
    pub reason: String,
    /// The day placed.
    pub placed_on: NaiveDate,
    /// The day it ends, if set.
    pub ends_on: Option<NaiveDate>,
    /// Who placed it.
    pub placed_by: String,
    /// The day it was released, if it was.
    pub released_on: Option<NaiveDate>,
}

impl LegalHold {
    /// Whether the hold is in force on `day`.
    pub fn in_force(&self, day: NaiveDate) -> bool {
        self.released_on.is_none() && self.ends_on.is_none_or(|e| e >= day)
    }
}
