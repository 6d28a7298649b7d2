//! What the register keeps about a child: their age as stated or verified, and a parent's or
//! guardian's authorisation of one consent event, with how it was verified (GDPR Art. 8(2):
//! "reasonable efforts … taking into consideration available technology"; 11 CCR § 7070(a)(2):
//! the methods reasonably calculated to ensure the person is the parent or guardian).

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::consent::ConsentEventKind;
use crate::domain::organisation::Regime;
use crate::domain::purpose::PurposeCode;

/// An age band, when the person gave a band rather than a birth year. A band counts at its
/// youngest age: someone "13-15" may be 13 (the safe reading when the law's age falls inside
/// the band, as France's 15 or Spain's 14 do).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AgeBand {
    /// Under 13.
    #[serde(rename = "under-13")]
    Under13,
    /// 13 to 15.
    #[serde(rename = "13-15")]
    From13To15,
    /// 16 or 17.
    #[serde(rename = "16-17")]
    From16To17,
    /// 18 or older.
    #[serde(rename = "18-plus")]
    Adult,
}

impl AgeBand {
    /// Every band, youngest first.
    pub const ALL: [AgeBand; 4] = [
        Self::Under13,
        Self::From13To15,
        Self::From16To17,
        Self::Adult,
    ];

    /// The stable code (`--age-band`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Under13 => "under-13",
            Self::From13To15 => "13-15",
            Self::From16To17 => "16-17",
            Self::Adult => "18-plus",
        }
    }

    /// The band with this code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|b| b.code() == code.trim())
    }

    /// Words for the window.
    pub fn label(self) -> &'static str {
        match self {
            Self::Under13 => "Under 13",
            Self::From13To15 => "13 to 15",
            Self::From16To17 => "16 or 17",
            Self::Adult => "18 or older",
        }
    }

    /// The youngest age of the band.
    pub fn youngest(self) -> u32 {
        match self {
            Self::Under13 => 0,
            Self::From13To15 => 13,
            Self::From16To17 => 16,
            Self::Adult => 18,
        }
    }
}

/// How an age or a parent's authorisation was checked. The first six are the methods of
/// 11 CCR § 7070(a)(2)(A)–(F); the last is enough only under the GDPR and UK GDPR, where the
/// effort is proportionate to the risk (Art. 8(2); EDPB Guidelines 05/2020 on consent,
/// § 136–137: in low-risk cases an email to the parent may be enough).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum VerificationMethod {
    /// A consent form signed by the parent under penalty of perjury, returned by post, fax or
    /// scan (§ 7070(a)(2)(A)).
    SignedForm,
    /// A payment card or online payment system that notifies the account holder of each
    /// transaction (§ 7070(a)(2)(B)).
    PaymentCard,
    /// A call to a toll-free number staffed by trained personnel (§ 7070(a)(2)(C)).
    PhoneCall,
    /// A video conference with trained personnel (§ 7070(a)(2)(D)).
    VideoCall,
    /// In person with trained personnel (§ 7070(a)(2)(E)).
    InPerson,
    /// Government-issued identification checked against databases, then deleted promptly
    /// (§ 7070(a)(2)(F)).
    GovernmentId,
    /// An email exchange with the parent (GDPR and UK GDPR Art. 8(2), low-risk cases only).
    ParentEmail,
}

impl VerificationMethod {
    /// Every method.
    pub const ALL: [VerificationMethod; 7] = [
        Self::SignedForm,
        Self::PaymentCard,
        Self::PhoneCall,
        Self::VideoCall,
        Self::InPerson,
        Self::GovernmentId,
        Self::ParentEmail,
    ];

    /// The stable code (`--verified-by`).
    pub fn code(self) -> &'static str {
        match self {
            Self::SignedForm => "signed-form",
            Self::PaymentCard => "payment-card",
            Self::PhoneCall => "phone-call",
            Self::VideoCall => "video-call",
            Self::InPerson => "in-person",
            Self::GovernmentId => "government-id",
            Self::ParentEmail => "parent-email",
        }
    }

    /// The method with this code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.code() == code.trim())
    }

    /// Every code, comma-separated, for messages.
    pub fn codes() -> String {
        Self::ALL.map(Self::code).join(", ")
    }

    /// Words for the window.
    pub fn label(self) -> &'static str {
        match self {
            Self::SignedForm => "Signed consent form",
            Self::PaymentCard => "Payment card transaction",
            Self::PhoneCall => "Call with trained staff",
            Self::VideoCall => "Video call with trained staff",
            Self::InPerson => "In person with trained staff",
            Self::GovernmentId => "Government ID checked",
            Self::ParentEmail => "Email to the parent (GDPR, low risk)",
        }
    }

    /// Whether the method verifies a parent's authorisation under `regime`: every method under
    /// the GDPR and UK GDPR (Art. 8(2), proportionate effort), only § 7070(a)(2)'s under the
    /// CCPA.
    pub fn counts_for(self, regime: Regime) -> bool {
        match regime {
            Regime::Gdpr | Regime::UkGdpr => true,
            Regime::CcpaCpra => self != Self::ParentEmail,
        }
    }
}

/// A person's age as recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgeValue {
    /// The year they were born.
    BirthYear(i32),
    /// Their age band on the day it was recorded.
    Band(AgeBand),
}

/// A person's recorded age: the value (sealed in the store), whether it was only stated by the
/// person or verified (and how), and when it was recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AgeRecord {
    /// The birth year or the band.
    pub value: AgeValue,
    /// How it was verified; `None` when the person only stated it.
    pub verified_by: Option<VerificationMethod>,
    /// The day it was recorded (a band is their band on that day).
    pub recorded_on: NaiveDate,
    /// Who recorded it.
    pub recorded_by: String,
}

impl AgeRecord {
    /// The youngest the person can be on `day`: from a birth year, the age they reach in the
    /// year before (their birthday may not have come yet); from a band, the band's youngest age
    /// plus the full years since it was recorded. Never below 0.
    pub fn youngest_on(&self, day: NaiveDate) -> u32 {
        let age = match self.value {
            AgeValue::BirthYear(y) => i64::from(day.year()) - i64::from(y) - 1,
            AgeValue::Band(b) => i64::from(b.youngest()) + full_years(self.recorded_on, day),
        };
        u32::try_from(age.max(0)).unwrap_or(0)
    }

    /// Whether the person may be younger than `age` on `day`.
    pub fn may_be_under(&self, age: u8, day: NaiveDate) -> bool {
        self.youngest_on(day) < u32::from(age)
    }

    /// "stated" or "verified (METHOD)".
    pub fn basis(&self) -> String {
        match self.verified_by {
            None => "stated".to_owned(),
            Some(m) => format!("verified ({})", m.code()),
        }
    }

    /// The value in words ("born 2012", "13 to 15 on 2026-11-01").
    pub fn describe(&self) -> String {
        match self.value {
            AgeValue::BirthYear(y) => format!("born {y}"),
            AgeValue::Band(b) => format!("{} on {}", b.label(), self.recorded_on),
        }
    }
}

/// Whole years from `from` to `to` (negative, rounded away from zero, when `to` is earlier).
fn full_years(from: NaiveDate, to: NaiveDate) -> i64 {
    let mut years = i64::from(to.year()) - i64::from(from.year());
    if to >= from {
        if (to.month(), to.day()) < (from.month(), from.day()) {
            years -= 1;
        }
    } else if (to.month(), to.day()) < (from.month(), from.day()) {
        years -= 1;
    }
    years
}

/// A parent's or guardian's authorisation of one consent event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParentalAuthorisation {
    /// Who authorised it (personal: sealed in the store).
    pub authorised_by: String,
    /// How it was verified.
    pub method: VerificationMethod,
    /// The day it was given.
    pub authorised_on: NaiveDate,
}

/// One consenting event of a person's ledger (given, refreshed, or an opt-in to sale or
/// sharing), with the parental authorisation recorded on it, if any (no name: see
/// [`ParentalAuthorisation`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ConsentLine {
    /// The event's id.
    pub event: Uuid,
    /// Its purpose (`None` for an opt-in to sale or sharing).
    pub purpose: Option<PurposeCode>,
    /// What happened.
    pub kind: ConsentEventKind,
    /// When.
    pub at: DateTime<Utc>,
    /// The authorisation recorded on it: how it was verified and when it was given.
    pub authorisation: Option<AuthorisedEvent>,
}

/// That a parent authorised an event: the method and the day (who, only when asked for).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuthorisedEvent {
    /// How it was verified.
    pub method: VerificationMethod,
    /// The day it was given.
    pub authorised_on: NaiveDate,
    /// Who authorised it, only when the caller asked for names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorised_by: Option<String>,
}

/// The longest name of an authorising parent kept, in characters.
const NAME_MAX: usize = 200;

/// Checks the name of the parent or guardian: trimmed, not empty, at most 200 characters.
pub fn check_authorised_by(name: &str) -> Result<String, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("give the name of the parent or guardian who authorised it".to_owned());
    }
    if name.chars().count() > NAME_MAX {
        return Err(format!(
            "the name is longer than {NAME_MAX} characters; shorten it"
        ));
    }
    Ok(name.to_owned())
}

/// Checks a birth year against `today`: not in the future and not more than 130 years ago.
pub fn check_birth_year(year: i32, today: NaiveDate) -> Result<i32, String> {
    if year > today.year() {
        return Err(format!(
            "{year} is in the future; give the year the person was born"
        ));
    }
    if year < today.year() - 130 {
        return Err(format!("{year} is more than 130 years ago; check the year"));
    }
    Ok(year)
}

#[cfg(test)]
mod tests;
