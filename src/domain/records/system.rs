//! The data inventory: the systems where personal data lives (the email platform, the shop,
//! the CRM, spreadsheets, paper files), which categories each holds, for which activities, where
//! it is, and how long it keeps what it holds.

use serde::{Deserialize, Serialize};

use super::{CategoryCode, RecordCode};
use crate::domain::retention::Period;

/// What kind of system it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SystemKind {
    /// An email or marketing platform.
    EmailPlatform,
    /// An online or in-store shop system.
    Shop,
    /// A customer relationship manager.
    Crm,
    /// Accounting or invoicing software.
    Accounting,
    /// Spreadsheets and shared documents.
    Spreadsheet,
    /// Paper files.
    PaperFiles,
    /// Anything else.
    Other,
}

impl SystemKind {
    /// Every kind.
    pub const ALL: [SystemKind; 7] = [
        Self::EmailPlatform,
        Self::Shop,
        Self::Crm,
        Self::Accounting,
        Self::Spreadsheet,
        Self::PaperFiles,
        Self::Other,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::EmailPlatform => "email-platform",
            Self::Shop => "shop",
            Self::Crm => "crm",
            Self::Accounting => "accounting",
            Self::Spreadsheet => "spreadsheet",
            Self::PaperFiles => "paper-files",
            Self::Other => "other",
        }
    }

    /// The kind for a code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Words for the user.
    pub fn label(self) -> &'static str {
        match self {
            Self::EmailPlatform => "Email platform",
            Self::Shop => "Shop",
            Self::Crm => "CRM",
            Self::Accounting => "Accounting",
            Self::Spreadsheet => "Spreadsheets",
            Self::PaperFiles => "Paper files",
            Self::Other => "Other",
        }
    }
}

/// A system of the data inventory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataSystem {
    /// Short kebab-case code.
    pub code: RecordCode,
    /// What it is called ("Mailchimp audience", "Customer folder in the office").
    pub name: String,
    /// What kind of system.
    pub kind: SystemKind,
    /// Where the data is: the hosting country or region, or the room and cabinet.
    #[serde(default)]
    pub location: String,
    /// The vendor who runs it, when it is not run in-house (a code of the vendor register).
    #[serde(default)]
    pub vendor: Option<RecordCode>,
    /// The categories of personal data it holds (codes of the taxonomy).
    #[serde(default)]
    pub data_categories: Vec<CategoryCode>,
    /// The activities it serves (codes of the record of processing).
    #[serde(default)]
    pub activities: Vec<RecordCode>,
    /// Whether it holds everyone in the app's register of data subjects (e.g. the email
    /// platform the register was imported from). The review queue then checks that every one
    /// of them has a consent record for each consent-based purpose the system serves.
    #[serde(default)]
    pub holds_register: bool,
    /// How long it keeps what it holds; none when nothing is ever deleted.
    #[serde(default)]
    pub keeps_for: Option<Period>,
    /// Anything else worth knowing.
    #[serde(default)]
    pub notes: String,
}

impl DataSystem {
    /// Checks the system on its own; the message names the field.
    pub fn check(&self) -> Result<(), String> {
        if self.name.trim().is_empty() {
            return Err(
                "Name: give the system a name, e.g. \"Mailchimp audience\" or \"Order spreadsheet\""
                    .into(),
            );
        }
        Ok(())
    }
}
