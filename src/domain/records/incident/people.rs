//! Telling the people concerned by a breach (GDPR and UK GDPR Art. 34).
//!
//! - **Art. 34(1).** "When the personal data breach is likely to result in a high risk to the
//!   rights and freedoms of natural persons, the controller shall communicate the personal data
//!   breach to the data subject without undue delay." An incident assessed as a high risk is not
//!   closed until the communication (its day and how it was made) or an exception is recorded.
//! - **Art. 34(3).** The communication "shall not be required if any of the following conditions
//!   are met": (a) the data was made unintelligible to anyone not authorised to see it, "such as
//!   encryption"; (b) "subsequent measures … ensure that the high risk … is no longer likely to
//!   materialise"; (c) "it would involve disproportionate effort. In such a case, there shall
//!   instead be a public communication or similar measure whereby the data subjects are informed
//!   in an equally effective manner." The ground is recorded with the reasons (Art. 33(5): the
//!   decision is documented; EDPB Guidelines 9/2022 on breach notification, section on
//!   Art. 34(3)), and for (c) the day of the public communication.
//! - **Art. 34(2).** The communication describes "in clear and plain language the nature of the
//!   personal data breach and contain[s] at least the information and measures referred to in
//!   points (b), (c) and (d) of Article 33(3)": the contact point, the likely consequences, the
//!   measures taken or proposed (the letter in `assets/letters/breach-communication.toml`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::BreachRisk;

/// How the people were told.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CommunicationMethod {
    /// An email to each person.
    Email,
    /// A letter to each person.
    Letter,
    /// A phone call or text message to each person.
    Phone,
    /// A notice in the person's account or the app.
    InApp,
    /// A public notice (website, press): the Art. 34(3)(c) replacement when telling each person
    /// would be disproportionate.
    PublicNotice,
}

impl CommunicationMethod {
    /// Every method.
    pub const ALL: [CommunicationMethod; 5] = [
        Self::Email,
        Self::Letter,
        Self::Phone,
        Self::InApp,
        Self::PublicNotice,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Letter => "letter",
            Self::Phone => "phone",
            Self::InApp => "in-app",
            Self::PublicNotice => "public-notice",
        }
    }

    /// The method for a code (case-insensitive).
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|m| m.code().eq_ignore_ascii_case(code.trim()))
    }

    /// Words for the user.
    pub fn label(self) -> &'static str {
        match self {
            Self::Email => "Email to each person",
            Self::Letter => "Letter to each person",
            Self::Phone => "Phone call or text message",
            Self::InApp => "Notice in their account or the app",
            Self::PublicNotice => "Public notice",
        }
    }
}

/// The communication to the people concerned (Art. 34(1)).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeopleCommunication {
    /// The day they were told.
    pub on: NaiveDate,
    /// How.
    pub method: CommunicationMethod,
}

/// The Art. 34(3) grounds for not telling the people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Art34Ground {
    /// (a) The data was unintelligible to anyone not authorised to access it (e.g. encrypted).
    Unintelligible,
    /// (b) Subsequent measures ensure the high risk is no longer likely to materialise.
    RiskNoLongerLikely,
    /// (c) Telling each person would involve disproportionate effort; a public communication
    /// replaces it.
    DisproportionateEffort,
}

impl Art34Ground {
    /// Every ground.
    pub const ALL: [Art34Ground; 3] = [
        Self::Unintelligible,
        Self::RiskNoLongerLikely,
        Self::DisproportionateEffort,
    ];

    /// The letter of Art. 34(3): `a`, `b`, `c`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Unintelligible => "a",
            Self::RiskNoLongerLikely => "b",
            Self::DisproportionateEffort => "c",
        }
    }

    /// The ground for a letter (`a`, `(b)`, `C`).
    pub fn from_code(code: &str) -> Option<Self> {
        let code = code.trim().trim_start_matches('(').trim_end_matches(')');
        Self::ALL
            .into_iter()
            .find(|g| g.code().eq_ignore_ascii_case(code))
    }

    /// Words for the user.
    pub fn label(self) -> &'static str {
        match self {
            Self::Unintelligible => {
                "Art. 34(3)(a): the data was unintelligible to anyone not authorised (e.g. encrypted)"
            }
            Self::RiskNoLongerLikely => {
                "Art. 34(3)(b): measures taken since mean the high risk is no longer likely"
            }
            Self::DisproportionateEffort => {
                "Art. 34(3)(c): telling each person would be disproportionate; a public communication informs them instead"
            }
        }
    }
}

/// A recorded Art. 34(3) exception: the ground, why it applies, and for (c) the day of the
/// public communication that replaces the individual one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Art34Exception {
    /// The ground.
    pub ground: Art34Ground,
    /// Why it applies (e.g. "the laptop's disk was encrypted with BitLocker, key not lost").
    pub reason: String,
    /// (c) only: the day of the public communication.
    #[serde(default)]
    pub public_notice_on: Option<NaiveDate>,
}

impl Art34Exception {
    /// Checks the exception; the message names what to add.
    pub fn check(&self) -> Result<(), String> {
        if self.reason.trim().is_empty() {
            return Err(format!(
                "Art. 34(3) exception: say why {} applies (GDPR Art. 33(5): the decision is documented)",
                self.ground.label()
            ));
        }
        if self.ground == Art34Ground::DisproportionateEffort && self.public_notice_on.is_none() {
            return Err("Art. 34(3) exception: under (c) a public communication informs the people instead; record the day it was made".into());
        }
        Ok(())
    }
}

/// The sentence that says what to record before a high-risk breach can be closed.
pub const TELL_THE_PEOPLE: &str = "Tell the people: the breach is a high risk to the people concerned, so they must be told without undue delay (GDPR Art. 34(1)); record the day and how they were told (email, letter, phone, in-app or public notice), or an Art. 34(3) exception — (a) the data was unintelligible, e.g. encrypted; (b) measures taken since mean the high risk is no longer likely; (c) telling each person would be disproportionate, with a public communication instead — before closing";

/// Whether a breach of `risk` may be closed as far as telling the people goes (Art. 34(1), 34(3)):
/// below a high risk, always; at a high risk, once they were told or a complete exception is
/// recorded.
pub fn check_people_told(
    risk: BreachRisk,
    told: Option<&PeopleCommunication>,
    exception: Option<&Art34Exception>,
) -> Result<(), String> {
    if risk != BreachRisk::HighRisk || told.is_some() {
        return Ok(());
    }
    match exception {
        Some(e) => e.check(),
        None => Err(TELL_THE_PEOPLE.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn exception(ground: Art34Ground, reason: &str, notice: Option<&str>) -> Art34Exception {
        Art34Exception {
            ground,
            reason: reason.into(),
            public_notice_on: notice.map(d),
        }
    }

    /// Risk, told, exception, whether it may close, what the refusal names.
    type Row<'a> = (
        BreachRisk,
        Option<&'a PeopleCommunication>,
        Option<&'a Art34Exception>,
        bool,
        &'a str,
    );

    /// Art. 34(1): a high risk is closed only once the people were told; Art. 34(3): or under
    /// an exception with its reasons ((c) with the public communication).
    #[test]
    fn a_high_risk_breach_closes_only_once_the_people_were_told_or_excepted() {
        use Art34Ground::*;
        use BreachRisk::*;
        let told = PeopleCommunication {
            on: d("2026-03-09"),
            method: CommunicationMethod::Email,
        };
        let encrypted = exception(Unintelligible, "the disk was encrypted", None);
        let mitigated = exception(RiskNoLongerLikely, "all passwords were reset", None);
        let public = exception(
            DisproportionateEffort,
            "no contact details",
            Some("2026-03-10"),
        );
        let no_reason = exception(Unintelligible, "  ", None);
        let no_notice = exception(DisproportionateEffort, "no contact details", None);
        let rows: [Row<'_>; 12] = [
            (NotAssessed, None, None, true, ""),
            (Unlikely, None, None, true, ""),
            (Risk, None, None, true, ""),
            (HighRisk, None, None, false, "Art. 34(1)"),
            (HighRisk, Some(&told), None, true, ""),
            (HighRisk, Some(&told), Some(&no_reason), true, ""),
            (HighRisk, None, Some(&encrypted), true, ""),
            (HighRisk, None, Some(&mitigated), true, ""),
            (HighRisk, None, Some(&public), true, ""),
            (HighRisk, None, Some(&no_reason), false, "say why"),
            (
                HighRisk,
                None,
                Some(&no_notice),
                false,
                "public communication",
            ),
            (Risk, None, Some(&no_notice), true, ""),
        ];
        for (risk, told, exception, ok, words) in rows {
            let got = check_people_told(risk, told, exception);
            assert_eq!(got.is_ok(), ok, "{risk:?} {told:?} {exception:?}: {got:?}");
            if let Err(e) = got {
                assert!(e.contains(words), "{e}");
            }
        }
    }

    #[test]
    fn codes_round_trip() {
        for m in CommunicationMethod::ALL {
            assert_eq!(CommunicationMethod::from_code(m.code()), Some(m));
        }
        for g in Art34Ground::ALL {
            assert_eq!(Art34Ground::from_code(g.code()), Some(g));
        }
        assert_eq!(
            Art34Ground::from_code("(C)"),
            Some(Art34Ground::DisproportionateEffort)
        );
        assert_eq!(Art34Ground::from_code("d"), None);
        assert_eq!(CommunicationMethod::from_code("pigeon"), None);
    }
}
