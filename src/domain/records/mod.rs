//! The accountability records: the data taxonomy, the record of processing activities
//! (GDPR Art. 30(1)), the data inventory of systems, and the minimisation review that reads them
//! together with the purposes, the consent ledger's counts and the retention rules.
//!
//! These are the business's own descriptions of what it does, not personal data: the store keeps
//! them plain (as JSON documents of these types).

pub mod activity;
pub mod code;
pub mod incident;
pub mod links;
pub mod minimisation;
pub mod questionnaire;
pub mod security;
pub mod system;
pub mod taxonomy;
pub mod training;
pub mod transfer;
pub mod vendor;
pub mod vendor_rating;

pub use activity::{Activity, Art9Condition};
pub use code::{CategoryCode, RecordCode};
pub use incident::{BreachRisk, Incident, IncidentDetails, IncidentEntry, NotificationStatus};
pub use security::{MeasureKind, SecurityMeasure};
pub use system::{DataSystem, SystemKind};
pub use taxonomy::{DataCategory, SpecialCategory, Taxonomy};
pub use training::Training;
pub use transfer::{Transfer, TransferSafeguard};
pub use vendor::{DpaStatus, Location, SubProcessor, Vendor, VendorRole};
pub use vendor_rating::{RiskLevel, RiskRating, RiskReason, VendorFacts};
