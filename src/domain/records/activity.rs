//! A processing activity as the record of processing activities describes it, GDPR
//! Art. 30(1)(a)–(g): the controller and DPO (from the organisation profile), the purposes, the
//! categories of data subjects and of personal data, the recipients, transfers to third
//! countries with their safeguards, the time limits for erasure, and the security measures.

use serde::{Deserialize, Serialize};

use super::{CategoryCode, RecordCode, Transfer};
use crate::domain::purpose::PurposeCode;

/// The condition of GDPR Art. 9(2) that lifts the ban on processing special categories of data
/// (or, for criminal-offence data, the authorisation Art. 10 requires).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Art9Condition {
    /// Art. 9(2)(a): explicit consent.
    ExplicitConsent,
    /// Art. 9(2)(b): employment, social security and social protection law.
    EmploymentLaw,
    /// Art. 9(2)(c): vital interests of a person unable to consent.
    VitalInterests,
    /// Art. 9(2)(d): a not-for-profit body's members.
    NotForProfit,
    /// Art. 9(2)(e): made manifestly public by the person.
    MadePublic,
    /// Art. 9(2)(f): legal claims or courts acting judicially.
    LegalClaims,
    /// Art. 9(2)(g): substantial public interest on the basis of law.
    SubstantialPublicInterest,
    /// Art. 9(2)(h): preventive or occupational medicine, health or social care.
    HealthOrSocialCare,
    /// Art. 9(2)(i): public health.
    PublicHealth,
    /// Art. 9(2)(j): archiving in the public interest, research or statistics.
    ArchivingResearch,
    /// Art. 10: criminal-offence data processed under official authority or authorised by law.
    AuthorisedByLaw,
}

impl Art9Condition {
    /// Every condition, in the order of the articles.
    pub const ALL: [Art9Condition; 11] = [
        Self::ExplicitConsent,
        Self::EmploymentLaw,
        Self::VitalInterests,
        Self::NotForProfit,
        Self::MadePublic,
        Self::LegalClaims,
        Self::SubstantialPublicInterest,
        Self::HealthOrSocialCare,
        Self::PublicHealth,
        Self::ArchivingResearch,
        Self::AuthorisedByLaw,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::ExplicitConsent => "explicit-consent",
            Self::EmploymentLaw => "employment-law",
            Self::VitalInterests => "vital-interests",
            Self::NotForProfit => "not-for-profit",
            Self::MadePublic => "made-public",
            Self::LegalClaims => "legal-claims",
            Self::SubstantialPublicInterest => "substantial-public-interest",
            Self::HealthOrSocialCare => "health-or-social-care",
            Self::PublicHealth => "public-health",
            Self::ArchivingResearch => "archiving-research",
            Self::AuthorisedByLaw => "authorised-by-law",
        }
    }

    /// The condition for a code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    /// Words with the article.
    pub fn label(self) -> &'static str {
        match self {
            Self::ExplicitConsent => "Explicit consent (Art. 9(2)(a))",
            Self::EmploymentLaw => "Employment and social security law (Art. 9(2)(b))",
            Self::VitalInterests => "Vital interests (Art. 9(2)(c))",
            Self::NotForProfit => "Not-for-profit body (Art. 9(2)(d))",
            Self::MadePublic => "Made public by the person (Art. 9(2)(e))",
            Self::LegalClaims => "Legal claims (Art. 9(2)(f))",
            Self::SubstantialPublicInterest => "Substantial public interest (Art. 9(2)(g))",
            Self::HealthOrSocialCare => "Health or social care (Art. 9(2)(h))",
            Self::PublicHealth => "Public health (Art. 9(2)(i))",
            Self::ArchivingResearch => "Archiving, research or statistics (Art. 9(2)(j))",
            Self::AuthorisedByLaw => "Authorised by law (Art. 10, criminal-offence data)",
        }
    }
}

/// One processing activity of the record (Art. 30(1)).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    /// Short kebab-case code.
    pub code: RecordCode,
    /// What the activity is called ("Sending the newsletter").
    pub name: String,
    /// What is done, in plain words.
    #[serde(default)]
    pub description: String,
    /// Art. 30(1)(b): the purposes (codes of the purpose catalogue; each carries its legal
    /// basis).
    #[serde(default)]
    pub purposes: Vec<PurposeCode>,
    /// Art. 30(1)(c): categories of data subjects ("customers", "newsletter subscribers").
    #[serde(default)]
    pub subject_categories: Vec<String>,
    /// Art. 30(1)(c): categories of personal data (codes of the taxonomy).
    #[serde(default)]
    pub data_categories: Vec<CategoryCode>,
    /// The Art. 9(2) (or Art. 10) condition, needed when a category is special.
    #[serde(default)]
    pub art9_condition: Option<Art9Condition>,
    /// Art. 30(1)(d): recipients inside the organisation (teams, roles).
    #[serde(default)]
    pub internal_recipients: Vec<String>,
    /// Art. 30(1)(d): recipients outside it (codes of the vendor register).
    #[serde(default)]
    pub vendors: Vec<RecordCode>,
    /// Art. 30(1)(e): transfers to third countries and their safeguards.
    #[serde(default)]
    pub transfers: Vec<Transfer>,
    /// Art. 30(1)(f): the retention rules that apply (codes of the retention policy).
    #[serde(default)]
    pub retention_rules: Vec<String>,
    /// Art. 30(1)(f): the time limits in words, where no rule of the policy covers them.
    #[serde(default)]
    pub retention_note: String,
    /// Art. 30(1)(g): the security measures (codes of the security register).
    #[serde(default)]
    pub security_measures: Vec<RecordCode>,
    /// Art. 30(1)(g): a general description of the security measures, in words.
    #[serde(default)]
    pub security_note: String,
}

impl Activity {
    /// A new, empty activity with a name and the code made from it.
    pub fn named(name: &str) -> Self {
        Self {
            code: RecordCode::from_name(name),
            name: name.trim().to_owned(),
            description: String::new(),
            purposes: Vec::new(),
            subject_categories: Vec::new(),
            data_categories: Vec::new(),
            art9_condition: None,
            internal_recipients: Vec::new(),
            vendors: Vec::new(),
            transfers: Vec::new(),
            retention_rules: Vec::new(),
            retention_note: String::new(),
            security_measures: Vec::new(),
            security_note: String::new(),
        }
    }

    /// Checks the activity on its own; the message names the field. (Links to purposes, rules,
    /// vendors and measures are checked by the service, which knows what exists.)
    pub fn check(&self) -> Result<(), String> {
        if self.name.trim().is_empty() {
            return Err("Name: give the activity a name, e.g. \"Sending the newsletter\"".into());
        }
        if let Some(t) = self.transfers.iter().find(|t| t.country.trim().is_empty()) {
            return Err(format!(
                "Transfers: a transfer ({}) has no country; name the country that receives the data",
                t.safeguard.label()
            ));
        }
        Ok(())
    }
}
