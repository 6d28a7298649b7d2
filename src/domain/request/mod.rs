//! Data-subject requests: the rights people exercise under each regime, who asked, how, and
//! the states a request moves through.
//!
//! The request types and their articles are here as data a lawyer can read; the deadlines are
//! in [`deadline`], when an extension counts in [`extension`], the identity step in
//! [`identity`], the refusal grounds allowed per type in [`refusal`], the state machine in
//! [`workflow`].

pub mod acknowledgement;
pub mod clarification;
pub mod deadline;
pub mod deadline_hint;
pub mod extension;
pub mod fee;
pub mod fulfilment;
pub mod identity;
pub mod know;
pub mod objection;
pub mod partial;
pub mod refusal;
pub mod repeat;
pub mod summary;
pub mod task;
pub mod terms;
pub mod workflow;

pub use fulfilment::Fulfilment;

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::organisation::Regime;

pub use deadline::{Deadline, DeadlineRule, deadline};
pub use workflow::{RefusalGround, RequestState, Transition, TransitionError};

/// A right a person exercises. GDPR and UK GDPR share one set; CCPA/CPRA has its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RequestType {
    /// Right of access, GDPR Art. 15.
    Access,
    /// Right to rectification, GDPR Art. 16.
    Rectification,
    /// Right to erasure ("to be forgotten"), GDPR Art. 17.
    Erasure,
    /// Right to restriction of processing, GDPR Art. 18.
    Restriction,
    /// Right to data portability, GDPR Art. 20.
    Portability,
    /// Right to object, GDPR Art. 21 (direct marketing: Art. 21(2)–(3)).
    Objection,
    /// Withdrawal of consent, GDPR Art. 7(3).
    WithdrawConsent,
    /// Right to know, Cal. Civ. Code § 1798.110 and § 1798.115.
    Know,
    /// Right to delete, Cal. Civ. Code § 1798.105.
    Delete,
    /// Right to correct, Cal. Civ. Code § 1798.106.
    Correct,
    /// Right to opt out of sale or sharing, Cal. Civ. Code § 1798.120.
    OptOut,
    /// Right to limit use of sensitive personal information, Cal. Civ. Code § 1798.121.
    Limit,
}

impl RequestType {
    /// Every type, GDPR ones first.
    pub const ALL: [RequestType; 12] = [
        Self::Access,
        Self::Rectification,
        Self::Erasure,
        Self::Restriction,
        Self::Portability,
        Self::Objection,
        Self::WithdrawConsent,
        Self::Know,
        Self::Delete,
        Self::Correct,
        Self::OptOut,
        Self::Limit,
    ];

    /// Stable kebab-case code, as stored and typed on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Self::Access => "access",
            Self::Rectification => "rectification",
            Self::Erasure => "erasure",
            Self::Restriction => "restriction",
            Self::Portability => "portability",
            Self::Objection => "objection",
            Self::WithdrawConsent => "withdraw-consent",
            Self::Know => "know",
            Self::Delete => "delete",
            Self::Correct => "correct",
            Self::OptOut => "opt-out",
            Self::Limit => "limit",
        }
    }

    /// The type for a code (case-insensitive).
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|t| t.code().eq_ignore_ascii_case(code.trim()))
    }

    /// Short words for lists.
    pub fn label(self) -> &'static str {
        match self {
            Self::Access => "Access",
            Self::Rectification => "Rectification",
            Self::Erasure => "Erasure",
            Self::Restriction => "Restriction",
            Self::Portability => "Portability",
            Self::Objection => "Objection",
            Self::WithdrawConsent => "Withdrawal of consent",
            Self::Know => "Right to know",
            Self::Delete => "Delete",
            Self::Correct => "Correct",
            Self::OptOut => "Opt-out of sale/sharing",
            Self::Limit => "Limit sensitive data",
        }
    }

    /// What the person asked for, in words for a letter ("access to your personal data").
    pub fn phrase(self) -> &'static str {
        match self {
            Self::Access | Self::Know => "access to the personal data we hold about you",
            Self::Rectification | Self::Correct => "correction of your personal data",
            Self::Erasure | Self::Delete => "erasure of your personal data",
            Self::Restriction => "restriction of the processing of your personal data",
            Self::Portability => "a copy of your data in a portable format",
            Self::Objection => "to object to our processing of your personal data",
            Self::WithdrawConsent => "to withdraw your consent",
            Self::OptOut => "to opt out of the sale or sharing of your personal information",
            Self::Limit => "to limit our use of your sensitive personal information",
        }
    }

    /// Whether the type exists under `regime`.
    pub fn applies_to(self, regime: Regime) -> bool {
        let ccpa = matches!(
            self,
            Self::Know | Self::Delete | Self::Correct | Self::OptOut | Self::Limit
        );
        ccpa == (regime == Regime::CcpaCpra)
    }

    /// The types that exist under `regime`.
    pub fn for_regime(regime: Regime) -> Vec<RequestType> {
        Self::ALL
            .into_iter()
            .filter(|t| t.applies_to(regime))
            .collect()
    }

    /// The provision the right comes from, as a citation for letters and reports.
    pub fn law(self, regime: Regime) -> String {
        let article = match self {
            Self::Access => "Article 15",
            Self::Rectification => "Article 16",
            Self::Erasure => "Article 17",
            Self::Restriction => "Article 18",
            Self::Portability => "Article 20",
            Self::Objection => "Article 21",
            Self::WithdrawConsent => "Article 7(3)",
            Self::Know => return "California Civil Code § 1798.110".into(),
            Self::Delete => return "California Civil Code § 1798.105".into(),
            Self::Correct => return "California Civil Code § 1798.106".into(),
            Self::OptOut => return "California Civil Code § 1798.120".into(),
            Self::Limit => return "California Civil Code § 1798.121".into(),
        };
        match regime {
            Regime::UkGdpr => format!("{article} of the UK GDPR"),
            _ => format!("{article} of the GDPR"),
        }
    }

    /// Whether fulfilling the request removes the person's data.
    pub fn is_erasure(self) -> bool {
        self.fulfilment() == Fulfilment::Erasure
    }

    /// Whether fulfilling the request hands the person a copy of their data.
    pub fn is_access(self) -> bool {
        self.fulfilment() == Fulfilment::AccessPackage
    }

    /// Whether fulfilling the request edits the person's data.
    pub fn is_rectification(self) -> bool {
        self.fulfilment() == Fulfilment::Rectification
    }

    /// Whether fulfilling the request withdraws or opts out through the consent ledger.
    pub fn is_opt_out(self) -> bool {
        self.fulfilment().is_through_ledger()
    }
}

impl fmt::Display for RequestType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The short regime codes used for requests on the command line (`gdpr`, `uk-gdpr`, `ccpa`).
pub fn regime_code(regime: Regime) -> &'static str {
    match regime {
        Regime::Gdpr => "gdpr",
        Regime::UkGdpr => "uk-gdpr",
        Regime::CcpaCpra => "ccpa",
    }
}

/// The regime for a request code; `ccpa-cpra` and `cpra` are accepted for `ccpa`.
pub fn regime_from_code(code: &str) -> Option<Regime> {
    match code.trim().to_ascii_lowercase().as_str() {
        "gdpr" | "eu-gdpr" => Some(Regime::Gdpr),
        "uk-gdpr" | "ukgdpr" | "uk" => Some(Regime::UkGdpr),
        "ccpa" | "ccpa-cpra" | "cpra" => Some(Regime::CcpaCpra),
        _ => None,
    }
}

/// How a request reached the business.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RequestChannel {
    /// An email.
    Email,
    /// A letter by post.
    Letter,
    /// A form on the website.
    WebForm,
    /// A telephone call (CCPA requires a toll-free number for many businesses).
    Phone,
    /// In person, in a shop or office.
    InPerson,
    /// Anything else (social media, a colleague passing it on).
    Other,
}

impl RequestChannel {
    /// Every channel.
    pub const ALL: [RequestChannel; 6] = [
        Self::Email,
        Self::Letter,
        Self::WebForm,
        Self::Phone,
        Self::InPerson,
        Self::Other,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Letter => "letter",
            Self::WebForm => "web-form",
            Self::Phone => "phone",
            Self::InPerson => "in-person",
            Self::Other => "other",
        }
    }

    /// The channel for a code (case-insensitive; `_` accepted for `-`).
    pub fn from_code(code: &str) -> Option<Self> {
        let code = code.trim().to_ascii_lowercase().replace('_', "-");
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    /// Words for the window.
    pub fn label(self) -> &'static str {
        match self {
            Self::Email => "Email",
            Self::Letter => "Letter",
            Self::WebForm => "Web form",
            Self::Phone => "Phone",
            Self::InPerson => "In person",
            Self::Other => "Other",
        }
    }
}

/// Who made the request: the person themselves, or someone acting for them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requester {
    /// Name as given in the request (may be empty when the subject's record has it).
    pub name: String,
    /// For an authorised agent: the agent's name; empty when the subject asked themselves.
    pub agent_name: String,
    /// For an authorised agent: the evidence of authority (a signed permission, a power of
    /// attorney, its reference or where the document is kept).
    pub agent_evidence: String,
}

impl Requester {
    /// Whether an agent acts for the subject.
    pub fn is_agent(&self) -> bool {
        !self.agent_name.trim().is_empty()
    }
}

/// A request being taken in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestDraft {
    /// The legal regime the person invokes (or the business applies).
    pub regime: Regime,
    /// The right exercised.
    pub kind: RequestType,
    /// The day the request arrived (day one of the GDPR month).
    pub received: NaiveDate,
    /// How it arrived.
    pub channel: RequestChannel,
    /// The subject's email address (used to find or create the subject).
    pub email: String,
    /// Who asked.
    pub requester: Requester,
    /// What exactly they asked for, in the officer's words (sealed).
    pub details: String,
}

impl RequestDraft {
    /// Checks the draft, returning the first problem as a sentence naming the field.
    pub fn check(&self, today: NaiveDate) -> Result<(), String> {
        if !self.kind.applies_to(self.regime) {
            let valid: Vec<&str> = RequestType::for_regime(self.regime)
                .into_iter()
                .map(RequestType::code)
                .collect();
            return Err(format!(
                "Type: \"{}\" is not a request under {}; use one of {}.",
                self.kind.code(),
                self.regime.label(),
                valid.join(", ")
            ));
        }
        if self.received > today {
            return Err(format!(
                "Received: {} is in the future; enter the day the request arrived.",
                self.received
            ));
        }
        if self.email.trim().is_empty() {
            return Err("Email: enter the person's email address so the request can be linked to their record.".into());
        }
        if !super::email::is_email(&self.email) {
            return Err(format!("Email: this {}.", super::email::NOT_AN_EMAIL));
        }
        if self.requester.is_agent() && self.requester.agent_evidence.trim().is_empty() {
            return Err("Evidence of authority: an agent acts for the person; record the signed permission or power of attorney that shows it.".into());
        }
        Ok(())
    }
}

/// A request as recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// Random id.
    pub id: Uuid,
    /// Short reference for letters and the command line (`R-0001`).
    pub reference: String,
    /// The subject the request is about; `None` once they have been erased.
    pub subject_id: Option<Uuid>,
    /// Regime.
    pub regime: Regime,
    /// Type.
    pub kind: RequestType,
    /// Current state.
    pub state: RequestState,
    /// How it arrived.
    pub channel: RequestChannel,
    /// Day of receipt.
    pub received: NaiveDate,
    /// The day identity or clarification was last asked for (`None` when never asked).
    pub identity_asked_on: Option<NaiveDate>,
    /// The day identity or clarification arrived, which restarts a GDPR clock when it had been
    /// asked for ([`identity::clock_start`]).
    pub clock_start: Option<NaiveDate>,
    /// The day a clarification still unanswered was asked for.
    pub clarification_asked_on: Option<NaiveDate>,
    /// The day the last clarification arrived.
    pub clarified_on: Option<NaiveDate>,
    /// The days the clock stood still for clarifications (UK GDPR Art. 12A).
    pub clarification_paused_days: u32,
    /// The day receipt was confirmed (CCPA, 11 CCR § 7021(a)).
    pub acknowledged_on: Option<NaiveDate>,
    /// Who asked (sealed; emptied by erasure).
    pub requester: Requester,
    /// What was asked (sealed; emptied by erasure).
    pub details: String,
    /// Why the deadline was extended, when it was.
    pub extension_reason: Option<String>,
    /// The day the person was told of the extension.
    pub extension_notified_on: Option<NaiveDate>,
    /// Why the request was refused, when it was.
    pub refusal: Option<RefusalGround>,
    /// What was done, when completed.
    pub outcome: Option<String>,
    /// The day it was completed, refused or withdrawn.
    pub closed_on: Option<NaiveDate>,
    /// Who took it in.
    pub created_by: String,
}

impl Request {
    /// Whether the request is still open.
    pub fn is_open(&self) -> bool {
        !self.state.is_closed()
    }

    /// Whether the request has been extended.
    pub fn is_extended(&self) -> bool {
        self.extension_reason.is_some()
    }
}

/// One step in a request's history (no personal data: codes, dates and the user's name).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestStep {
    /// When it happened.
    pub at: chrono::DateTime<chrono::Utc>,
    /// The state it moved from (`None` for intake).
    pub from: Option<RequestState>,
    /// The state it moved to.
    pub to: RequestState,
    /// What happened, in words ("Identity received on 3 March 2026").
    pub what: String,
    /// Who did it.
    pub actor: String,
}

/// A date as letters and pages write it: "29 November 2026".
pub fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_belong_to_their_regime() {
        let gdpr = RequestType::for_regime(Regime::Gdpr);
        assert_eq!(gdpr.len(), 7);
        assert_eq!(RequestType::for_regime(Regime::UkGdpr), gdpr);
        let ccpa: Vec<_> = RequestType::for_regime(Regime::CcpaCpra)
            .into_iter()
            .map(RequestType::code)
            .collect();
        assert_eq!(ccpa, ["know", "delete", "correct", "opt-out", "limit"]);
    }

    #[test]
    fn codes_round_trip() {
        for t in RequestType::ALL {
            assert_eq!(RequestType::from_code(t.code()), Some(t));
        }
        for c in RequestChannel::ALL {
            assert_eq!(RequestChannel::from_code(c.code()), Some(c));
        }
        assert_eq!(
            RequestChannel::from_code("Web_Form"),
            Some(RequestChannel::WebForm)
        );
        assert_eq!(regime_from_code("CCPA"), Some(Regime::CcpaCpra));
        assert_eq!(regime_code(Regime::CcpaCpra), "ccpa");
        assert_eq!(regime_from_code("hipaa"), None);
    }

    #[test]
    fn law_citations() {
        assert_eq!(
            RequestType::Access.law(Regime::UkGdpr),
            "Article 15 of the UK GDPR"
        );
        assert_eq!(
            RequestType::Erasure.law(Regime::Gdpr),
            "Article 17 of the GDPR"
        );
        assert_eq!(
            RequestType::Delete.law(Regime::CcpaCpra),
            "California Civil Code § 1798.105"
        );
    }

    fn draft() -> RequestDraft {
        RequestDraft {
            regime: Regime::Gdpr,
            kind: RequestType::Access,
            received: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            channel: RequestChannel::Email,
            email: "ana@example.com".into(),
            requester: Requester::default(),
            details: String::new(),
        }
    }

    #[test]
    fn draft_checks_name_the_field() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
        assert!(draft().check(today).is_ok());
        let wrong = RequestDraft {
            kind: RequestType::Know,
            ..draft()
        };
        assert!(
            wrong
                .check(today)
                .unwrap_err()
                .contains("access, rectification")
        );
        let future = RequestDraft {
            received: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
            ..draft()
        };
        assert!(future.check(today).unwrap_err().starts_with("Received"));
        let no_mail = RequestDraft {
            email: " ".into(),
            ..draft()
        };
        assert!(no_mail.check(today).unwrap_err().starts_with("Email"));
        let agent = RequestDraft {
            requester: Requester {
                agent_name: "Law & Co".into(),
                ..Requester::default()
            },
            ..draft()
        };
        assert!(agent.check(today).unwrap_err().starts_with("Evidence"));
    }

    #[test]
    fn long_dates() {
        assert_eq!(
            long_date(NaiveDate::from_ymd_opt(2026, 11, 9).unwrap()),
            "9 November 2026"
        );
    }
}
