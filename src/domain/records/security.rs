//! The security measures register: the technical and organisational measures the business
//! relies on (GDPR Art. 32(1): encryption, the confidentiality and resilience of systems, the
//! ability to restore data, regular testing) and the organisational ones (access control,
//! audits, staff training, physical security), each with who owns it, since when it is in
//! place, where the evidence is, and when it is next reviewed.
//!
//! Review dates carry Art. 32(1)(d) ("a process for regularly testing, assessing and evaluating
//! the effectiveness of technical and organisational measures") and Art. 24(1) (measures
//! "reviewed and updated where necessary"). The register is the business's own description,
//! not personal data.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::RecordCode;

/// How many days ahead a review or a renewal counts as due (it shows on the Dashboard).
pub const DUE_WITHIN_DAYS: u64 = 30;

/// The last day a review or renewal may fall on to count as due on `today`:
/// `today` + [`DUE_WITHIN_DAYS`].
pub fn due_horizon(today: NaiveDate) -> NaiveDate {
    today
        .checked_add_days(Days::new(DUE_WITHIN_DAYS))
        .unwrap_or(today)
}

/// What kind of measure it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MeasureKind {
    /// Encryption of data at rest or in transit (Art. 32(1)(a)).
    Encryption,
    /// Who may see and change what: accounts, roles, passwords, two-factor sign-in.
    AccessControl,
    /// Backups and the tested ability to restore them (Art. 32(1)(c)).
    Backups,
    /// Audits, logs and tests of the measures (Art. 32(1)(d)).
    Audits,
    /// Staff awareness and training.
    Training,
    /// Locks, cabinets, clean desks, visitors.
    Physical,
    /// Anything else.
    Other,
}

impl MeasureKind {
    /// Every kind.
    pub const ALL: [MeasureKind; 7] = [
        Self::Encryption,
        Self::AccessControl,
        Self::Backups,
        Self::Audits,
        Self::Training,
        Self::Physical,
        Self::Other,
    ];

    /// Stable code, as stored and typed on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Self::Encryption => "encryption",
            Self::AccessControl => "access-control",
            Self::Backups => "backups",
            Self::Audits => "audits",
            Self::Training => "training",
            Self::Physical => "physical",
            Self::Other => "other",
        }
    }

    /// The kind for a code (case-insensitive).
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|k| k.code().eq_ignore_ascii_case(code.trim()))
    }

    /// Words for the user.
    pub fn label(self) -> &'static str {
        match self {
            Self::Encryption => "Encryption",
            Self::AccessControl => "Access control",
            Self::Backups => "Backups",
            Self::Audits => "Audits and tests",
            Self::Training => "Staff training",
            Self::Physical => "Physical security",
            Self::Other => "Other",
        }
    }

    /// The codes, for messages ("encryption, access-control, …").
    pub fn codes() -> String {
        Self::ALL.map(Self::code).join(", ")
    }
}

/// One measure of the register.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityMeasure {
    /// Short kebab-case code (records of processing refer to it).
    pub code: RecordCode,
    /// What it is called ("Laptop disk encryption").
    pub name: String,
    /// What kind of measure.
    pub kind: MeasureKind,
    /// What is done, in plain words.
    #[serde(default)]
    pub description: String,
    /// Who is responsible: a role or a team ("Office manager", "IT provider").
    #[serde(default)]
    pub owner: String,
    /// Since when it is in place, when known.
    #[serde(default)]
    pub in_place_since: Option<NaiveDate>,
    /// When it is next reviewed.
    #[serde(default)]
    pub review_on: Option<NaiveDate>,
    /// Where the proof is (a policy document, a screenshot, a contract, a test report).
    #[serde(default)]
    pub evidence: String,
}

impl SecurityMeasure {
    /// A new measure with a name, the code made from it, and nothing else.
    pub fn named(name: &str, kind: MeasureKind) -> Self {
        Self {
            code: RecordCode::from_name(name),
            name: name.trim().to_owned(),
            kind,
            description: String::new(),
            owner: String::new(),
            in_place_since: None,
            review_on: None,
            evidence: String::new(),
        }
    }

    /// Checks the measure on its own; the message names the field.
    pub fn check(&self, today: NaiveDate) -> Result<(), String> {
        if self.name.trim().is_empty() {
            return Err(
                "Name: give the measure a name, e.g. \"Laptop disk encryption\" or \"Weekly backup\""
                    .into(),
            );
        }
        if self.in_place_since.is_some_and(|d| d > today) {
            return Err(
                "In place since: the day is in the future; leave it empty until the measure is in place"
                    .into(),
            );
        }
        if let (Some(since), Some(review)) = (self.in_place_since, self.review_on)
            && review < since
        {
            return Err(
                "Review on: the review day is before the day the measure was put in place".into(),
            );
        }
        Ok(())
    }

    /// Whether its review falls on or before `today` + [`DUE_WITHIN_DAYS`].
    pub fn review_due(&self, today: NaiveDate) -> bool {
        self.review_on.is_some_and(|d| d <= due_horizon(today))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn kinds_round_trip_their_codes() {
        for k in MeasureKind::ALL {
            assert_eq!(MeasureKind::from_code(k.code()), Some(k));
        }
        assert_eq!(
            MeasureKind::from_code(" Access-Control "),
            Some(MeasureKind::AccessControl)
        );
        assert_eq!(MeasureKind::from_code("firewall"), None);
    }

    #[test]
    fn review_is_due_within_thirty_days() {
        let today = d("2026-03-01");
        let mut m = SecurityMeasure::named("Weekly backup", MeasureKind::Backups);
        assert!(!m.review_due(today), "no review date: never due");
        for (review, due) in [
            ("2026-02-01", true),
            ("2026-03-01", true),
            ("2026-03-31", true),
            ("2026-04-01", false),
        ] {
            m.review_on = Some(d(review));
            assert_eq!(m.review_due(today), due, "{review}");
        }
    }

    #[test]
    fn checks_name_the_field() {
        let today = d("2026-03-01");
        let mut m = SecurityMeasure::named("Disk encryption", MeasureKind::Encryption);
        assert_eq!(m.code.as_str(), "disk-encryption");
        assert!(m.check(today).is_ok());
        m.in_place_since = Some(d("2026-04-01"));
        assert!(m.check(today).unwrap_err().starts_with("In place since"));
        m.in_place_since = Some(d("2025-04-01"));
        m.review_on = Some(d("2025-01-01"));
        assert!(m.check(today).unwrap_err().starts_with("Review on"));
        m.name = " ".into();
        assert!(m.check(today).unwrap_err().starts_with("Name"));
    }
}
