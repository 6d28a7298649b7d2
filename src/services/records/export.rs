//! The record of processing activities as GDPR Art. 30(1) asks for it, in three shapes: a CSV
//! with one row per activity and a column for each of points (a)–(g), a printable report
//! (`report::Document`, rendered to PDF by `report::pdf`), and a versioned JSON document that
//! re-imports (see `records_import.rs`). All three are built from the same [`RopaContext`]:
//! the words of every field come from one place. Nothing here is personal data.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::report::Document;
use serde::{Deserialize, Serialize};

use crate::domain::organisation::{Contact, OrganisationProfile};
use crate::domain::purpose::{Purpose, PurposeCode};
use crate::domain::records::{
    Activity, DataCategory, DataSystem, RecordCode, SpecialCategory, Taxonomy,
};
use crate::domain::retention::RetentionRule;
use crate::store::register_table::Register;

use crate::services::records::links::register_name;
use crate::services::records::taxonomy_rows::read_taxonomy;
use crate::services::{ServiceError, ServiceResult, neutralise_csv_cell};

/// The `format` field of the JSON export.
pub const ROPA_FORMAT: &str = "privacy-desk-ropa";
/// The version of the JSON export this build writes and reads.
pub const ROPA_VERSION: u32 = 1;

/// The formats the register is exported in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RopaFormat {
    /// One row per activity, a column per point of Art. 30(1).
    Csv,
    /// A printable report.
    Pdf,
    /// The same report as a Word document, to edit.
    Docx,
    /// The versioned JSON document that re-imports.
    Json,
}

impl RopaFormat {
    /// Every format.
    pub const ALL: [RopaFormat; 4] = [Self::Csv, Self::Pdf, Self::Docx, Self::Json];

    /// Stable code (the command line's `--format`), also the file extension.
    pub fn code(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Pdf => "pdf",
            Self::Docx => "docx",
            Self::Json => "json",
        }
    }

    /// The format for a code or file extension (case-insensitive).
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|f| f.code().eq_ignore_ascii_case(code.trim()))
    }
}

/// The register as the JSON export holds it: the taxonomy, the activities and the systems.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RopaDocument {
    /// Always [`ROPA_FORMAT`].
    pub format: String,
    /// [`ROPA_VERSION`].
    pub version: u32,
    /// The taxonomy, parents before children.
    pub categories: Vec<DataCategory>,
    /// The record of processing activities.
    pub activities: Vec<Activity>,
    /// The data inventory.
    pub systems: Vec<DataSystem>,
}

/// The CSV's columns: the activity, then Art. 30(1)(a)–(g).
pub const CSV_COLUMNS: [&str; 14] = [
    "Code",
    "Activity",
    "Description",
    "(a) Controller",
    "(a) Data protection officer",
    "(b) Purposes and legal bases",
    "(c) Categories of data subjects",
    "(c) Categories of personal data",
    "(c) Art. 9/10 condition",
    "(d) Recipients inside the organisation",
    "(d) Recipients outside: vendors",
    "(e) Transfers to third countries and safeguards",
    "(f) Time limits for erasure",
    "(g) Security measures",
];

/// Everything the export reads, in one place.
pub(in crate::services) struct RopaContext {
    pub profile: OrganisationProfile,
    pub taxonomy: Taxonomy,
    pub purposes: BTreeMap<PurposeCode, Purpose>,
    pub rules: BTreeMap<String, RetentionRule>,
    pub vendors: BTreeMap<RecordCode, String>,
    pub measures: BTreeMap<RecordCode, String>,
    pub activities: Vec<Activity>,
    pub systems: Vec<DataSystem>,
    pub roles: crate::domain::controller_roles::ControllerRoles,
}

pub(in crate::services) fn join_or(items: Vec<String>, sep: &str, empty: &str) -> String {
    if items.is_empty() {
        empty.to_owned()
    } else {
        items.join(sep)
    }
}

fn contact_words(c: &Contact) -> Vec<String> {
    [&c.name, &c.email, &c.phone, &c.postal_address]
        .into_iter()
        .map(|s| s.trim().replace('\n', ", "))
        .filter(|s| !s.is_empty())
        .collect()
}

impl RopaContext {
    /// (a): the controller, with its contact.
    pub fn controller(&self) -> String {
        let mut words = vec![self.profile.name.trim().to_owned()];
        words.extend(contact_words(&self.profile.controller));
        words.retain(|w| !w.is_empty());
        join_or(
            words,
            ", ",
            "Not recorded (fill in the organisation profile)",
        )
    }

    /// (a): the data protection officer.
    pub fn dpo(&self) -> String {
        join_or(contact_words(&self.profile.dpo), ", ", "None appointed")
    }

    /// (b): each purpose with its legal basis.
    pub fn purposes(&self, a: &Activity) -> String {
        let words = a
            .purposes
            .iter()
            .map(|code| match self.purposes.get(code) {
                Some(p) => format!("{}: {}", p.name, p.legal_basis.label()),
                None => code.to_string(),
            })
            .collect();
        join_or(words, "; ", "Not recorded")
    }

    /// (c): the categories of data subjects.
    pub fn subjects(&self, a: &Activity) -> String {
        join_or(a.subject_categories.clone(), ", ", "Not recorded")
    }

    /// (c): the categories of personal data, by name, special ones marked.
    pub fn categories(&self, codes: &[crate::domain::records::CategoryCode]) -> String {
        let words = codes
            .iter()
            .map(|code| {
                let name = self.taxonomy.name_of(code);
                match self.taxonomy.special(code) {
                    Some(SpecialCategory::Art9) => format!("{name} (special category, Art. 9)"),
                    Some(SpecialCategory::Art10) => {
                        format!("{name} (criminal-offence data, Art. 10)")
                    }
                    None => name,
                }
            })
            .collect();
        join_or(words, "; ", "Not recorded")
    }

    /// (c): the Art. 9(2) or Art. 10 condition, when a category needs one.
    pub fn condition(&self, a: &Activity) -> String {
        let special = a
            .data_categories
            .iter()
            .any(|c| self.taxonomy.special(c).is_some());
        match (a.art9_condition, special) {
            (Some(c), _) => c.label().to_owned(),
            (None, true) => "None recorded: a special category needs one".to_owned(),
            (None, false) => String::new(),
        }
    }

    /// (d): recipients inside the organisation.
    pub fn internal(&self, a: &Activity) -> String {
        join_or(a.internal_recipients.clone(), ", ", "None recorded")
    }

    /// (d): vendors, by name.
    pub fn vendors(&self, a: &Activity) -> String {
        let words = a
            .vendors
            .iter()
            .map(|v| {
                self.vendors
                    .get(v)
                    .cloned()
                    .unwrap_or_else(|| v.to_string())
            })
            .collect();
        join_or(words, ", ", "None")
    }

    /// (e): transfers with their safeguards.
    pub fn transfers(&self, a: &Activity) -> String {
        let words = a
            .transfers
            .iter()
            .map(|t| {
                let mut w = format!("{}: {}", t.country, t.safeguard.label());
                if !t.note.is_empty() {
                    w.push_str(&format!(" ({})", t.note));
                }
                w
            })
            .collect();
        join_or(words, "; ", "None")
    }

    /// (f): the linked rules' periods in words, then the note.
    pub fn retention(&self, a: &Activity) -> String {
        let mut words: Vec<String> = a
            .retention_rules
            .iter()
            .map(|code| match self.rules.get(code) {
                Some(r) => format!(
                    "{}: {} {}, then {}",
                    r.name,
                    r.period,
                    r.from.label(),
                    r.action.label().to_lowercase()
                ),
                None => code.clone(),
            })
            .collect();
        if !a.retention_note.is_empty() {
            words.push(a.retention_note.clone());
        }
        join_or(words, "; ", "Not recorded")
    }

    /// (g): the measures by name, then the description.
    pub fn security(&self, a: &Activity) -> String {
        let mut words: Vec<String> = a
            .security_measures
            .iter()
            .map(|m| {
                self.measures
                    .get(m)
                    .cloned()
                    .unwrap_or_else(|| m.to_string())
            })
            .collect();
        if !a.security_note.is_empty() {
            words.push(a.security_note.clone());
        }
        join_or(words, "; ", "Not recorded")
    }

    /// The CSV cells of one activity, in the order of [`CSV_COLUMNS`].
    fn row(&self, a: &Activity) -> [String; 14] {
        [
            a.code.to_string(),
            a.name.clone(),
            a.description.clone(),
            self.controller(),
            self.dpo(),
            self.purposes(a),
            self.subjects(a),
            self.categories(&a.data_categories),
            self.condition(a),
            self.internal(a),
            self.vendors(a),
            self.transfers(a),
            self.retention(a),
            self.security(a),
        ]
    }

    /// The register as CSV, every cell neutralised against formula injection.
    pub fn csv(&self) -> ServiceResult<Vec<u8>> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let failed = |e: csv::Error| ServiceError::invalid("CSV", e.to_string());
        w.write_record(CSV_COLUMNS).map_err(failed)?;
        for a in &self.activities {
            let row = self.row(a);
            w.write_record(row.iter().map(|c| neutralise_csv_cell(c).into_owned()))
                .map_err(failed)?;
        }
        w.into_inner()
            .map_err(|e| ServiceError::invalid("CSV", e.to_string()))
    }

    /// The register as the JSON document.
    pub fn document(&self) -> RopaDocument {
        RopaDocument {
            format: ROPA_FORMAT.to_owned(),
            version: ROPA_VERSION,
            categories: self.taxonomy.categories().to_vec(),
            activities: self.activities.clone(),
            systems: self.systems.clone(),
        }
    }
}

impl super::Records<'_> {
    /// Reads everything the export needs.
    pub(in crate::services) fn ropa_context(&self) -> ServiceResult<RopaContext> {
        let conn = self.store.db();
        let activities = self.activities()?;
        let systems = self.data_systems()?;
        let mut vendors = BTreeMap::new();
        let mut measures = BTreeMap::new();
        for a in &activities {
            for v in &a.vendors {
                vendors.insert(v.clone(), register_name(conn, Register::Vendors, v)?);
            }
            for m in &a.security_measures {
                measures.insert(
                    m.clone(),
                    register_name(conn, Register::SecurityMeasures, m)?,
                );
            }
        }
        for v in systems.iter().filter_map(|s| s.vendor.as_ref()) {
            vendors.insert(v.clone(), register_name(conn, Register::Vendors, v)?);
        }
        Ok(RopaContext {
            profile: self.settings().profile()?,
            taxonomy: read_taxonomy(conn)?,
            purposes: self
                .consent()
                .purposes()?
                .into_iter()
                .map(|p| (p.purpose.code.clone(), p.purpose))
                .collect(),
            rules: self
                .retention()
                .retention_rules()?
                .into_iter()
                .map(|r| (r.code.clone(), r))
                .collect(),
            vendors,
            measures,
            activities,
            systems,
            roles: self.settings().controller_roles()?,
        })
    }

    /// The register (taxonomy, activities, systems) as the JSON document that re-imports.
    pub fn ropa_document(&self) -> ServiceResult<RopaDocument> {
        Ok(self.ropa_context()?.document())
    }

    /// The register as a printable report, dated `today`.
    pub fn ropa_report(&self, today: NaiveDate) -> ServiceResult<Document> {
        Ok(self.ropa_context()?.report(today))
    }

    /// The register as CSV bytes (one row per activity).
    pub fn ropa_csv(&self) -> ServiceResult<Vec<u8>> {
        self.ropa_context()?.csv()
    }
}
