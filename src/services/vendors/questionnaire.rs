//! The vendor due-diligence questionnaire in use: the one shipped in
//! `assets/vendor_questionnaire.toml`, or one the officer loaded from a file, kept as its TOML
//! text in the settings (with the file's name and the day it was loaded). A file is parsed and
//! checked like the shipped one before anything is written; a bad file is refused with
//! "file, line N: what" and changes nothing. Loading and restoring the shipped questionnaire
//! need [`Permission::EditVendorsAndRecords`] and write a `vendor.questionnaire_changed` audit
//! entry (question count only) in the same transaction.
//!
//! Vendors keep the answers they were reviewed with: the rating ignores answers to questions
//! no longer asked and counts new questions as not answered (see
//! [`crate::domain::records::vendor_rating`]).

use std::path::Path;

use crate::store::Db;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::records::questionnaire::Questionnaire;
use crate::store::settings::{self, VENDOR_QUESTIONNAIRE, VENDOR_QUESTIONNAIRE_ORIGIN};

use crate::services::{ServiceError, ServiceResult};

/// Where the questionnaire in use comes from (`vendor questions --json`: `source`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum QuestionnaireSource {
    /// The questionnaire shipped with the program.
    Shipped,
    /// A questionnaire the officer loaded from a file.
    Loaded {
        /// The file's name (without its folder).
        file_name: String,
        /// The day it was loaded.
        loaded_on: NaiveDate,
    },
}

impl QuestionnaireSource {
    /// In words, for the CLI and the GUI.
    pub fn describe(&self) -> String {
        match self {
            Self::Shipped => "the questionnaire shipped with Privacy Desk".to_owned(),
            Self::Loaded {
                file_name,
                loaded_on,
            } => format!("your questionnaire, loaded from {file_name} on {loaded_on}"),
        }
    }
}

/// The questionnaire in use and where it comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QuestionnaireInUse {
    /// The questionnaire.
    #[serde(flatten)]
    pub questionnaire: Questionnaire,
    /// Where it comes from.
    pub source: QuestionnaireSource,
}

/// The origin kept beside a loaded questionnaire.
#[derive(Serialize, Deserialize)]
struct Origin {
    file_name: String,
    loaded_on: NaiveDate,
}

/// The shipped questionnaire.
fn shipped() -> ServiceResult<Questionnaire> {
    Questionnaire::default_questionnaire()
        .map_err(|m| ServiceError::invalid("Vendor questionnaire", m))
}

/// The questionnaire in use on `conn` and where it comes from.
pub fn vendor_questionnaire_in_use_on(conn: &Db) -> ServiceResult<QuestionnaireInUse> {
    let Some(text) = settings::get(conn, VENDOR_QUESTIONNAIRE)? else {
        return Ok(QuestionnaireInUse {
            questionnaire: shipped()?,
            source: QuestionnaireSource::Shipped,
        });
    };
    let origin: Option<Origin> = settings::get(conn, VENDOR_QUESTIONNAIRE_ORIGIN)?
        .and_then(|json| serde_json::from_str(&json).ok());
    let (file_name, loaded_on) = match origin {
        Some(o) => (o.file_name, o.loaded_on),
        None => ("a file".to_owned(), NaiveDate::MIN),
    };
    let questionnaire = Questionnaire::parse(&text, &format!("the loaded questionnaire ({file_name})"))
        .map_err(|m| {
            ServiceError::invalid(
                "Vendor questionnaire",
                format!(
                    "{m}. Load a corrected file, or use the shipped questionnaire again (`vendor questions --reset`)"
                ),
            )
        })?;
    Ok(QuestionnaireInUse {
        questionnaire,
        source: QuestionnaireSource::Loaded {
            file_name,
            loaded_on,
        },
    })
}

/// The questionnaire in use on `conn`.
pub fn vendor_questionnaire_on(conn: &Db) -> ServiceResult<Questionnaire> {
    Ok(vendor_questionnaire_in_use_on(conn)?.questionnaire)
}

impl super::Vendors<'_> {
    /// The vendor questionnaire in use (the loaded one, else the shipped one).
    pub fn vendor_questionnaire(&self) -> ServiceResult<Questionnaire> {
        vendor_questionnaire_on(self.store.db())
    }

    /// The vendor questionnaire in use and where it comes from.
    pub fn vendor_questionnaire_in_use(&self) -> ServiceResult<QuestionnaireInUse> {
        vendor_questionnaire_in_use_on(self.store.db())
    }

    /// Replaces the questionnaire with the one in `path` (format of
    /// `assets/vendor_questionnaire.toml`), loaded on `today`. The file is checked first; a
    /// bad one is refused with its line and nothing changes.
    pub fn load_vendor_questionnaire(
        &mut self,
        path: &Path,
        today: NaiveDate,
    ) -> ServiceResult<Questionnaire> {
        self.require(Permission::EditVendorsAndRecords)?;
        let text = std::fs::read_to_string(path).map_err(|e| {
            ServiceError::invalid(
                "Questionnaire file",
                format!("{} could not be read: {e}", path.display()),
            )
        })?;
        let questionnaire = Questionnaire::parse(&text, &path.display().to_string())
            .map_err(|m| ServiceError::invalid("Questionnaire file", m))?;
        let file_name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let origin = serde_json::to_string(&Origin {
            file_name,
            loaded_on: today,
        })
        .map_err(|e| ServiceError::invalid("Questionnaire file", e.to_string()))?;
        let scored = questionnaire
            .questions
            .iter()
            .filter(|q| q.weight.is_some())
            .count();
        let entry = self.entry(
            AuditAction::VendorQuestionnaireChanged,
            EntityRef::new("settings", VENDOR_QUESTIONNAIRE),
            format!(
                "loaded from a file: {} questions, {scored} scored",
                questionnaire.questions.len()
            ),
        );
        let mut w = self.store.write()?;
        settings::set(&w, VENDOR_QUESTIONNAIRE, &text)?;
        settings::set(&w, VENDOR_QUESTIONNAIRE_ORIGIN, &origin)?;
        w.append_audit(&self.keys.audit, &entry)?;
        w.commit()?;
        Ok(questionnaire)
    }

    /// Uses the shipped questionnaire again (the loaded one is removed). Returns whether a
    /// loaded one was in use; nothing is written when none was.
    pub fn restore_shipped_vendor_questionnaire(&mut self) -> ServiceResult<bool> {
        self.require(Permission::EditVendorsAndRecords)?;
        if settings::get(self.store.db(), VENDOR_QUESTIONNAIRE)?.is_none() {
            return Ok(false);
        }
        let questions = shipped()?.questions.len();
        let entry = self.entry(
            AuditAction::VendorQuestionnaireChanged,
            EntityRef::new("settings", VENDOR_QUESTIONNAIRE),
            format!("shipped questionnaire restored: {questions} questions"),
        );
        let mut w = self.store.write()?;
        settings::remove(&w, VENDOR_QUESTIONNAIRE)?;
        settings::remove(&w, VENDOR_QUESTIONNAIRE_ORIGIN)?;
        w.append_audit(&self.keys.audit, &entry)?;
        w.commit()?;
        Ok(true)
    }
}
