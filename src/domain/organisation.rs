//! The organisation profile: who the controller is, how to reach them and their DPO, and which
//! legal regimes apply.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::email::{NOT_AN_EMAIL, is_email};

/// A data-protection regime the organisation falls under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Regime {
    /// EU General Data Protection Regulation (Regulation (EU) 2016/679).
    Gdpr,
    /// UK GDPR with the Data Protection Act 2018.
    UkGdpr,
    /// California Consumer Privacy Act as amended by the CPRA (Cal. Civ. Code § 1798.100 ff.).
    CcpaCpra,
}

impl Regime {
    /// Every regime.
    pub const ALL: [Regime; 3] = [Self::Gdpr, Self::UkGdpr, Self::CcpaCpra];

    /// Stable code, as stored.
    pub fn code(self) -> &'static str {
        match self {
            Self::Gdpr => "gdpr",
            Self::UkGdpr => "uk-gdpr",
            Self::CcpaCpra => "ccpa-cpra",
        }
    }

    /// The regime for a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    /// Words for the user.
    pub fn label(self) -> &'static str {
        match self {
            Self::Gdpr => "GDPR (European Union)",
            Self::UkGdpr => "UK GDPR (United Kingdom)",
            Self::CcpaCpra => "CCPA/CPRA (California)",
        }
    }
}

/// How to reach a person or office.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// Name of the person or office.
    pub name: String,
    /// Email address.
    pub email: String,
    /// Telephone number.
    pub phone: String,
    /// Postal address.
    pub postal_address: String,
}

impl Contact {
    /// Whether nothing has been filled in.
    pub fn is_empty(&self) -> bool {
        self.name.trim().is_empty()
            && self.email.trim().is_empty()
            && self.phone.trim().is_empty()
            && self.postal_address.trim().is_empty()
    }
}

/// The organisation acting as controller (GDPR Art. 4(7)), as shown in notices, letters and
/// the record of processing (Art. 30(1)(a)).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationProfile {
    /// The organisation's legal name.
    pub name: String,
    /// The controller's contact (GDPR Art. 13(1)(a)).
    pub controller: Contact,
    /// The data protection officer's contact, when one is appointed (Art. 13(1)(b), 37).
    pub dpo: Contact,
    /// The regimes that apply.
    pub regimes: BTreeSet<Regime>,
}

/// A problem with a profile, naming the field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileProblem {
    /// The field, as labelled on screen.
    pub field: &'static str,
    /// What to do.
    pub message: String,
}

impl OrganisationProfile {
    /// Checks the profile; returns every problem, each naming its field.
    pub fn problems(&self) -> Vec<ProfileProblem> {
        let mut out = Vec::new();
        if self.name.trim().is_empty() {
            out.push(ProfileProblem {
                field: "Organisation name",
                message: "Enter the organisation's legal name.".into(),
            });
        }
        if self.controller.email.trim().is_empty()
            && self.controller.postal_address.trim().is_empty()
        {
            out.push(ProfileProblem {
                field: "Controller contact",
                message: "Give at least an email or a postal address where people can reach you about their data.".into(),
            });
        }
        for (field, contact) in [
            ("Controller email", &self.controller),
            ("DPO email", &self.dpo),
        ] {
            let email = contact.email.trim();
            if !email.is_empty() && !is_email(email) {
                out.push(ProfileProblem {
                    field,
                    message: format!("This {NOT_AN_EMAIL}."),
                });
            }
        }
        if self.regimes.is_empty() {
            out.push(ProfileProblem {
                field: "Regimes",
                message: "Tick at least one regime that applies to the organisation.".into(),
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> OrganisationProfile {
        OrganisationProfile {
            name: "Bakery Ltd".into(),
            controller: Contact {
                email: "privacy@bakery.example".into(),
                ..Contact::default()
            },
            dpo: Contact::default(),
            regimes: [Regime::UkGdpr].into(),
        }
    }

    #[test]
    fn a_complete_profile_has_no_problems() {
        assert!(valid().problems().is_empty());
    }

    #[test]
    fn problems_name_their_fields() {
        type Change = fn(&mut OrganisationProfile);
        let cases: Vec<(Change, &str)> = vec![
            (|p| p.name = " ".into(), "Organisation name"),
            (|p| p.controller.email.clear(), "Controller contact"),
            (
                |p| p.controller.email = "privacy at bakery".into(),
                "Controller email",
            ),
            (|p| p.dpo.email = "dpo@".into(), "DPO email"),
            (|p| p.dpo.email = "dpo@@example.org".into(), "DPO email"),
            (|p| p.regimes.clear(), "Regimes"),
        ];
        for (change, field) in cases {
            let mut p = valid();
            change(&mut p);
            let problems = p.problems();
            assert_eq!(problems.len(), 1, "{field}: {problems:?}");
            assert_eq!(problems[0].field, field);
        }
    }

    #[test]
    fn regime_codes_round_trip() {
        for r in Regime::ALL {
            assert_eq!(Regime::from_code(r.code()), Some(r));
        }
    }
}

/// The longest statement on automated decision-making kept, in characters.
pub const AUTOMATED_DECISIONS_MAX: usize = 4000;

/// Checks the controller's statement on automated decision-making, including profiling
/// (GDPR Art. 15(1)(h), Art. 22(1) and (4); UK GDPR the same): trimmed, at most
/// [`AUTOMATED_DECISIONS_MAX`] characters; empty means "remove it" (`None`). The statement is
/// the controller's own: whether such decisions exist, and if so the logic involved and their
/// significance and envisaged consequences for the person.
pub fn check_automated_decisions(text: &str) -> Result<Option<String>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let n = text.chars().count();
    if n > AUTOMATED_DECISIONS_MAX {
        return Err(format!(
            "Automated decisions: the statement has {n} characters; keep it to {AUTOMATED_DECISIONS_MAX} (the package quotes it whole)"
        ));
    }
    Ok(Some(text.to_owned()))
}

#[cfg(test)]
mod automated_decisions_tests {
    use super::*;

    /// GDPR Art. 15(1)(h): the statement is kept as written (trimmed); empty removes it.
    #[test]
    fn statement_table() {
        let long = "x".repeat(AUTOMATED_DECISIONS_MAX + 1);
        let cases: [(&str, Result<Option<&str>, ()>); 4] = [
            (
                "  We make no automated decisions.  ",
                Ok(Some("We make no automated decisions.")),
            ),
            ("", Ok(None)),
            ("   ", Ok(None)),
            (&long, Err(())),
        ];
        for (input, expected) in cases {
            let got = check_automated_decisions(input);
            match expected {
                Ok(v) => assert_eq!(got.ok().flatten().as_deref(), v, "{input:?}"),
                Err(()) => assert!(
                    got.is_err_and(|m| m.contains("Automated decisions")),
                    "{input:?}"
                ),
            }
        }
    }
}
