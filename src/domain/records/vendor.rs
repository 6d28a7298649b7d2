//! Vendors and other recipients of personal data (GDPR Art. 30(1)(d)): processors such as an
//! email platform, their sub-processors, and independent or joint controllers the business
//! shares data with. For each: what it does for the business, which categories and purposes,
//! the activities it serves, where it processes the data and the safeguard of each transfer
//! (Chapter V), the data processing agreement Art. 28(3) requires of a processor, its own
//! sub-processors, its certifications, and the due-diligence review (answers, dates).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::questionnaire::Answers;
use super::{CategoryCode, RecordCode, Transfer, TransferSafeguard};
use crate::domain::purpose::PurposeCode;

/// What the vendor is in law, for the data the business shares with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum VendorRole {
    /// Processes personal data on the business's behalf (Art. 4(8), Art. 28).
    Processor,
    /// A processor engaged by one of the business's processors (Art. 28(2), (4)).
    SubProcessor,
    /// Decides for itself why and how it processes what it receives (Art. 4(7)).
    IndependentController,
    /// Decides the purposes and means together with the business (Art. 26).
    JointController,
}

impl VendorRole {
    /// Every role.
    pub const ALL: [VendorRole; 4] = [
        Self::Processor,
        Self::SubProcessor,
        Self::IndependentController,
        Self::JointController,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Processor => "processor",
            Self::SubProcessor => "sub-processor",
            Self::IndependentController => "independent-controller",
            Self::JointController => "joint-controller",
        }
    }

    /// The role for a code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code.trim())
    }

    /// Words with the article.
    pub fn label(self) -> &'static str {
        match self {
            Self::Processor => "Processor (Art. 28)",
            Self::SubProcessor => "Sub-processor (Art. 28(4))",
            Self::IndependentController => "Independent controller",
            Self::JointController => "Joint controller (Art. 26)",
        }
    }

    /// Whether GDPR Art. 28(3) requires a contract (a data processing agreement).
    pub fn needs_dpa(self) -> bool {
        matches!(self, Self::Processor | Self::SubProcessor)
    }
}

/// Where the data processing agreement stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DpaStatus {
    /// Not needed (the vendor is not a processor).
    NotNeeded,
    /// Needed and not there yet.
    Missing,
    /// Asked for, not signed yet.
    Requested,
    /// Signed.
    Signed,
}

impl DpaStatus {
    /// Every status.
    pub const ALL: [DpaStatus; 4] = [
        Self::NotNeeded,
        Self::Missing,
        Self::Requested,
        Self::Signed,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::NotNeeded => "not-needed",
            Self::Missing => "missing",
            Self::Requested => "requested",
            Self::Signed => "signed",
        }
    }

    /// The status for a code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code.trim())
    }

    /// Words for the user.
    pub fn label(self) -> &'static str {
        match self {
            Self::NotNeeded => "Not needed",
            Self::Missing => "Missing",
            Self::Requested => "Requested",
            Self::Signed => "Signed",
        }
    }
}

/// A sub-processor the vendor uses.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubProcessor {
    /// Its company name.
    pub name: String,
    /// Where it processes the data.
    #[serde(default)]
    pub country: String,
    /// What it does for the vendor ("hosting", "email delivery").
    #[serde(default)]
    pub service: String,
}

/// A vendor or other recipient.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vendor {
    /// Short kebab-case code.
    pub code: RecordCode,
    /// Its name ("Mailchimp (Intuit)").
    pub name: String,
    /// What it is in law.
    pub role: VendorRole,
    /// What it does for the business.
    #[serde(default)]
    pub services: String,
    /// The categories of personal data shared with it (codes of the taxonomy).
    #[serde(default)]
    pub data_categories: Vec<CategoryCode>,
    /// The purposes it serves (codes of the purpose catalogue).
    #[serde(default)]
    pub purposes: Vec<PurposeCode>,
    /// The processing activities it serves (codes of the record of processing).
    #[serde(default)]
    pub activities: Vec<RecordCode>,
    /// Every country where it (or its sub-processors) stores or accesses the data.
    #[serde(default)]
    pub countries: Vec<String>,
    /// The countries among them that are transfers outside the EEA (or the UK), with their
    /// safeguard (GDPR Chapter V).
    #[serde(default)]
    pub transfers: Vec<Transfer>,
    /// The data processing agreement (Art. 28(3)).
    pub dpa: DpaStatus,
    /// When it was signed.
    #[serde(default)]
    pub dpa_signed_on: Option<NaiveDate>,
    /// Its own sub-processors.
    #[serde(default)]
    pub sub_processors: Vec<SubProcessor>,
    /// Its certifications ("ISO/IEC 27001", "SOC 2 Type II").
    #[serde(default)]
    pub certifications: Vec<String>,
    /// The due-diligence answers of the last review.
    #[serde(default)]
    pub answers: Answers,
    /// When it was last reviewed.
    #[serde(default)]
    pub last_reviewed_on: Option<NaiveDate>,
    /// When the next review is due.
    #[serde(default)]
    pub next_review_on: Option<NaiveDate>,
    /// Anything else worth knowing (no personal details).
    #[serde(default)]
    pub notes: String,
}

/// One country where a vendor processes data, with the safeguard when it is a transfer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// The country.
    pub country: String,
    /// The safeguard; `None` when it is no transfer (inside the EEA or the UK).
    pub safeguard: Option<TransferSafeguard>,
    /// The transfer's details.
    pub note: String,
}

impl Vendor {
    /// A new processor with a name and the code made from it, no DPA yet.
    pub fn named(name: &str) -> Self {
        Self {
            code: RecordCode::from_name(name),
            name: name.trim().to_owned(),
            role: VendorRole::Processor,
            services: String::new(),
            data_categories: Vec::new(),
            purposes: Vec::new(),
            activities: Vec::new(),
            countries: Vec::new(),
            transfers: Vec::new(),
            dpa: DpaStatus::Missing,
            dpa_signed_on: None,
            sub_processors: Vec::new(),
            certifications: Vec::new(),
            answers: Answers::new(),
            last_reviewed_on: None,
            next_review_on: None,
            notes: String::new(),
        }
    }

    /// Every country with its safeguard, in the order of `countries` (transfers to countries
    /// not listed there come last).
    pub fn locations(&self) -> Vec<Location> {
        let mut out: Vec<Location> = self
            .countries
            .iter()
            .map(|c| {
                let t = self.transfers.iter().find(|t| t.country == *c);
                Location {
                    country: c.clone(),
                    safeguard: t.map(|t| t.safeguard),
                    note: t.map(|t| t.note.clone()).unwrap_or_default(),
                }
            })
            .collect();
        for t in &self.transfers {
            if !self.countries.contains(&t.country) {
                out.push(Location {
                    country: t.country.clone(),
                    safeguard: Some(t.safeguard),
                    note: t.note.clone(),
                });
            }
        }
        out
    }

    /// Sets the countries and transfers from locations.
    pub fn set_locations(&mut self, locations: &[Location]) {
        self.countries = locations.iter().map(|l| l.country.clone()).collect();
        self.transfers = locations
            .iter()
            .filter_map(|l| {
                l.safeguard.map(|safeguard| Transfer {
                    country: l.country.clone(),
                    safeguard,
                    note: l.note.clone(),
                })
            })
            .collect();
    }

    /// Trims the text fields, drops empty and repeated entries, and lists every transfer's
    /// country among the countries.
    pub fn tidy(&mut self) {
        self.name = self.name.trim().to_owned();
        self.services = self.services.trim().to_owned();
        self.notes = self.notes.trim().to_owned();
        let mut locations = self.locations();
        for l in &mut locations {
            l.country = l.country.trim().to_owned();
            l.note = l.note.trim().to_owned();
        }
        let mut seen: Vec<String> = Vec::new();
        locations.retain(|l| {
            let fresh = !l.country.is_empty() && !seen.contains(&l.country);
            seen.push(l.country.clone());
            fresh
        });
        self.set_locations(&locations);
        let mut certs: Vec<String> = Vec::new();
        for c in self.certifications.iter().map(|c| c.trim()) {
            if !c.is_empty() && !certs.iter().any(|x| x == c) {
                certs.push(c.to_owned());
            }
        }
        self.certifications = certs;
        for s in &mut self.sub_processors {
            s.name = s.name.trim().to_owned();
            s.country = s.country.trim().to_owned();
            s.service = s.service.trim().to_owned();
        }
        self.sub_processors
            .retain(|s| !(s.name.is_empty() && s.country.is_empty() && s.service.is_empty()));
        super::links::dedup(&mut self.data_categories);
        super::links::dedup(&mut self.purposes);
        super::links::dedup(&mut self.activities);
    }

    /// Checks the vendor on its own; the message names the field. (Links to categories,
    /// purposes and activities are checked by the service, which knows what exists.)
    pub fn check(&self) -> Result<(), String> {
        if self.name.trim().is_empty() {
            return Err("Name: give the vendor a name, e.g. \"Mailchimp\"".into());
        }
        if let Some(t) = self.transfers.iter().find(|t| t.country.trim().is_empty()) {
            return Err(format!(
                "Countries: a transfer ({}) has no country; name the country that receives the data",
                t.safeguard.label()
            ));
        }
        if self.dpa_signed_on.is_some() && self.dpa != DpaStatus::Signed {
            return Err(format!(
                "DPA signed on: the agreement is {}; set the status to Signed, or clear the date",
                self.dpa.label().to_lowercase()
            ));
        }
        if self.sub_processors.iter().any(|s| s.name.trim().is_empty()) {
            return Err(
                "Sub-processors: a sub-processor has no name; name the company or remove the row"
                    .into(),
            );
        }
        if let (Some(last), Some(next)) = (self.last_reviewed_on, self.next_review_on)
            && next < last
        {
            return Err(format!(
                "Next review: {next} is before the last review ({last}); choose a later day"
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn transfer(country: &str, safeguard: TransferSafeguard) -> Transfer {
        Transfer {
            country: country.into(),
            safeguard,
            note: String::new(),
        }
    }

    #[test]
    fn codes_round_trip() {
        for r in VendorRole::ALL {
            assert_eq!(VendorRole::from_code(r.code()), Some(r));
        }
        for s in DpaStatus::ALL {
            assert_eq!(DpaStatus::from_code(s.code()), Some(s));
        }
        assert!(VendorRole::Processor.needs_dpa() && !VendorRole::JointController.needs_dpa());
    }

    #[test]
    fn tidy_lists_transfer_countries_once() {
        let mut v = Vendor::named(" Mailchimp ");
        v.countries = vec![" Ireland".into(), "".into(), "Ireland".into()];
        v.transfers = vec![transfer("United States", TransferSafeguard::Adequacy)];
        v.certifications = vec!["SOC 2".into(), " ".into(), "SOC 2 ".into()];
        v.tidy();
        assert_eq!(v.name, "Mailchimp");
        assert_eq!(v.countries, ["Ireland", "United States"]);
        assert_eq!(v.transfers.len(), 1);
        assert_eq!(v.certifications, ["SOC 2"]);
        let l = v.locations();
        assert_eq!(l[0].safeguard, None);
        assert_eq!(l[1].safeguard, Some(TransferSafeguard::Adequacy));
    }

    #[test]
    fn check_names_the_field() {
        let mut v = Vendor::named("Shop host");
        assert!(v.check().is_ok());
        v.dpa_signed_on = NaiveDate::from_ymd_opt(2026, 1, 2);
        assert!(v.check().unwrap_err().starts_with("DPA signed on"));
        v.dpa = DpaStatus::Signed;
        assert!(v.check().is_ok());
        v.sub_processors.push(SubProcessor::default());
        assert!(v.check().unwrap_err().starts_with("Sub-processors"));
        v.sub_processors.clear();
        v.last_reviewed_on = NaiveDate::from_ymd_opt(2026, 3, 1);
        v.next_review_on = NaiveDate::from_ymd_opt(2026, 2, 1);
        assert!(v.check().unwrap_err().starts_with("Next review"));
        v.name = " ".into();
        assert!(v.check().unwrap_err().starts_with("Name"));
    }
}
