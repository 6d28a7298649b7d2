//! Retention policy: rules that say how long each kind of record is kept, counted from which
//! event, and what happens then — the storage-limitation principle (GDPR Art. 5(1)(e)), the
//! duty to tell people how long data is kept (Art. 13(2)(a)) and the CCPA's retention
//! disclosure (Cal. Civ. Code § 1798.100(a)(3)).
//!
//! Rules are data: the default set ships in `assets/retention.toml`; the officer edits them in
//! the app. [`plan`] decides, from facts that need no decryption, which records a rule reaches
//! on a given day; legal holds and open requests always win.

pub mod hold;
pub mod keep;
pub mod kept;
pub mod overlap;
pub mod plan;
pub mod policy;
pub mod report;

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::purpose::PurposeCode;

pub use plan::{RecordFacts, Verdict, evaluate};

/// The kind of record a rule governs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RecordKind {
    /// A person's profile: identity fields, notes and tags, with their consent ledger.
    Subject,
    /// The evidence kept with consent events (IP addresses, form ids, document references).
    ConsentEvidence,
    /// A closed data-subject request with its letters' facts and history.
    Request,
}

impl RecordKind {
    /// Every kind.
    pub const ALL: [RecordKind; 3] = [Self::Subject, Self::ConsentEvidence, Self::Request];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Subject => "subject",
            Self::ConsentEvidence => "consent-evidence",
            Self::Request => "request",
        }
    }

    /// The kind for a code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code.trim())
    }

    /// Words for the window and the policy.
    pub fn label(self) -> &'static str {
        match self {
            Self::Subject => "Customer and contact records",
            Self::ConsentEvidence => "Consent evidence",
            Self::Request => "Closed request files",
        }
    }
}

/// The event a retention period counts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FromEvent {
    /// When the record was created.
    Creation,
    /// The last thing that happened to the person: a consent event, a request, a correction.
    LastActivity,
    /// The withdrawal (or expiry) of consent: for a subject, when the last consent they had
    /// for the rule's purpose (or for any purpose) ended; for evidence, when the consent it
    /// proves ended.
    ConsentWithdrawal,
    /// When a request was closed (completed, refused or withdrawn).
    RequestClosure,
    /// The end of the customer relationship, as recorded by the officer.
    RelationshipEnd,
}

impl FromEvent {
    /// Every event.
    pub const ALL: [FromEvent; 5] = [
        Self::Creation,
        Self::LastActivity,
        Self::ConsentWithdrawal,
        Self::RequestClosure,
        Self::RelationshipEnd,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Creation => "creation",
            Self::LastActivity => "last-activity",
            Self::ConsentWithdrawal => "consent-withdrawal",
            Self::RequestClosure => "request-closure",
            Self::RelationshipEnd => "relationship-end",
        }
    }

    /// The event for a code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.code() == code.trim())
    }

    /// Words for the window and the policy ("after the consent is withdrawn").
    pub fn label(self) -> &'static str {
        match self {
            Self::Creation => "after the record is created",
            Self::LastActivity => "after the last activity",
            Self::ConsentWithdrawal => "after consent is withdrawn or expires",
            Self::RequestClosure => "after the request is closed",
            Self::RelationshipEnd => "after the customer relationship ends",
        }
    }

    /// The events that make sense for a kind of record.
    pub fn for_kind(kind: RecordKind) -> &'static [FromEvent] {
        match kind {
            RecordKind::Subject => &[
                Self::Creation,
                Self::LastActivity,
                Self::ConsentWithdrawal,
                Self::RelationshipEnd,
            ],
            RecordKind::ConsentEvidence => &[Self::Creation, Self::ConsentWithdrawal],
            RecordKind::Request => &[Self::Creation, Self::RequestClosure],
        }
    }
}

/// What happens when the period is over.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RetentionAction {
    /// Remove the record (a person: as an erasure, keeping only the pseudonymous erasure
    /// record that stops them being imported again and keeps their opt-out honoured).
    Delete,
    /// Remove what identifies the person and keep the rest as non-identifying aggregates
    /// (a person's consent history stays, counted under a random id; evidence is emptied).
    Anonymise,
    /// Change nothing; list the record for the officer to decide.
    Flag,
}

impl RetentionAction {
    /// Every action.
    pub const ALL: [RetentionAction; 3] = [Self::Delete, Self::Anonymise, Self::Flag];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Delete => "delete",
            Self::Anonymise => "anonymise",
            Self::Flag => "flag",
        }
    }

    /// The action for a code (`anonymize` accepted).
    pub fn from_code(code: &str) -> Option<Self> {
        match code.trim() {
            "anonymize" => Some(Self::Anonymise),
            c => Self::ALL.into_iter().find(|a| a.code() == c),
        }
    }

    /// Words for the window.
    pub fn label(self) -> &'static str {
        match self {
            Self::Delete => "Delete",
            Self::Anonymise => "Anonymise",
            Self::Flag => "Flag for review",
        }
    }
}

/// Which records of a kind a rule reaches, beyond its period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Condition {
    /// Every record of the kind.
    #[default]
    Any,
    /// People who never gave consent for anything (unconfirmed sign-ups, stray contacts).
    NeverConsented,
    /// People with no consent standing today (all withdrawn, expired or opted out).
    NoActiveConsent,
    /// People whose sign-up awaits its double opt-in and who never gave or refreshed consent
    /// in scope: the "unconfirmed sign-ups" (see `ConsentEventKind::SignUpPending`). Not
    /// "anyone without consent": a customer who never opted in to marketing is no sign-up.
    PendingDoubleOptIn,
}

impl Condition {
    /// Every condition.
    pub const ALL: [Condition; 4] = [
        Self::Any,
        Self::NeverConsented,
        Self::NoActiveConsent,
        Self::PendingDoubleOptIn,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Any => "any",
            Self::NeverConsented => "never-consented",
            Self::NoActiveConsent => "no-active-consent",
            Self::PendingDoubleOptIn => "pending-double-opt-in",
        }
    }

    /// The condition for a code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code.trim())
    }

    /// Words for the window and the policy.
    pub fn label(self) -> &'static str {
        match self {
            Self::Any => "all of them",
            Self::NeverConsented => "people who never gave consent",
            Self::NoActiveConsent => "people with no consent standing",
            Self::PendingDoubleOptIn => "people whose double opt-in was never confirmed",
        }
    }
}

/// A unit of a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PeriodUnit {
    /// Calendar days.
    Days,
    /// Calendar months (the same date, or the month's last day).
    Months,
    /// Calendar years.
    Years,
}

/// How long a record is kept after its event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    /// How many units.
    pub amount: u32,
    /// Which unit.
    pub unit: PeriodUnit,
}

impl Period {
    /// The day the period ends when it starts on `start`.
    pub fn end(self, start: NaiveDate) -> NaiveDate {
        let end = match self.unit {
            PeriodUnit::Days => start.checked_add_days(Days::new(u64::from(self.amount))),
            PeriodUnit::Months => start.checked_add_months(Months::new(self.amount)),
            PeriodUnit::Years => {
                start.checked_add_months(Months::new(self.amount.saturating_mul(12)))
            }
        };
        end.unwrap_or(NaiveDate::MAX)
    }

    /// Reads "30 days", "24 months", "6 years" (singular accepted).
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut parts = text.split_whitespace();
        let (Some(n), Some(unit), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(format!(
                "\"{text}\" is not a period; write it like \"24 months\" or \"6 years\""
            ));
        };
        let amount: u32 = n
            .parse()
            .map_err(|_| format!("\"{n}\" is not a whole number of days, months or years"))?;
        if amount == 0 {
            return Err(
                "a period of zero would remove records the day they are made; give at least 1"
                    .into(),
            );
        }
        let unit = match unit.to_ascii_lowercase().trim_end_matches('s') {
            "day" => PeriodUnit::Days,
            "month" => PeriodUnit::Months,
            "year" => PeriodUnit::Years,
            other => {
                return Err(format!(
                    "\"{other}\" is not a unit; use days, months or years"
                ));
            }
        };
        if (unit == PeriodUnit::Days && amount > 36_500)
            || amount > 1_200 && unit != PeriodUnit::Days
        {
            return Err(format!(
                "{amount} is longer than a century; check the period"
            ));
        }
        Ok(Self { amount, unit })
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let unit = match (self.unit, self.amount == 1) {
            (PeriodUnit::Days, true) => "day",
            (PeriodUnit::Days, false) => "days",
            (PeriodUnit::Months, true) => "month",
            (PeriodUnit::Months, false) => "months",
            (PeriodUnit::Years, true) => "year",
            (PeriodUnit::Years, false) => "years",
        };
        write!(f, "{} {unit}", self.amount)
    }
}

/// One retention rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionRule {
    /// Short kebab-case code, stable once used (sweep reports name it).
    pub code: String,
    /// What the rule is called.
    pub name: String,
    /// The kind of record.
    pub kind: RecordKind,
    /// Only records concerning this purpose (a subject's consent for it, evidence of it).
    pub purpose: Option<PurposeCode>,
    /// Which records of the kind.
    pub condition: Condition,
    /// How long they are kept.
    pub period: Period,
    /// The event the period counts from.
    pub from: FromEvent,
    /// What happens then.
    pub action: RetentionAction,
    /// Why, and on which legal basis, in words (shown in the policy).
    pub reason: String,
    /// Whether sweeps apply it.
    pub enabled: bool,
}

impl RetentionRule {
    /// Whether the rule is a marketing rule: it reaches people through their consent (a
    /// condition on consent, or a period counted from its withdrawal). Consent is the basis
    /// of marketing only; a customer's record is kept on other bases — the contract (GDPR
    /// Art. 6(1)(b)), legal duties such as tax records (Art. 6(1)(c)) and legal claims
    /// (Art. 17(3)(b), (e)) — so a marketing rule never deletes or anonymises a current
    /// customer (see [`keep`]).
    pub fn is_marketing(&self) -> bool {
        self.kind == RecordKind::Subject
            && (self.condition != Condition::Any || self.from == FromEvent::ConsentWithdrawal)
    }

    /// Checks the rule; the message names the field.
    pub fn check(&self) -> Result<(), String> {
        if PurposeCode::parse(&self.code).is_err() {
            return Err(format!(
                "Code: \"{}\" must be short kebab-case (letters, digits and dashes), like withdrawn-contacts",
                self.code
            ));
        }
        if self.name.trim().is_empty() {
            return Err("Name: give the rule a name".into());
        }
        Period::parse(&self.period.to_string()).map_err(|m| format!("Period: {m}"))?;
        if self.reason.trim().is_empty() {
            return Err("Reason: say why the data is kept this long, and on which basis; the policy quotes it".into());
        }
        if !FromEvent::for_kind(self.kind).contains(&self.from) {
            return Err(format!(
                "Counted from: {} does not apply to {}",
                self.from.label(),
                self.kind.label().to_lowercase()
            ));
        }
        if self.kind == RecordKind::ConsentEvidence && self.action == RetentionAction::Delete {
            return Err("Action: deleting consent events would rewrite the consent history; anonymise the evidence instead".into());
        }
        if self.kind != RecordKind::Subject && self.condition != Condition::Any {
            return Err(
                "Applies to: conditions on consent apply to customer and contact records only"
                    .into(),
            );
        }
        if self.kind == RecordKind::Request && self.purpose.is_some() {
            return Err("Purpose: request files are not kept per purpose; leave it empty".into());
        }
        Ok(())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleEntry {
    code: String,
    name: String,
    kind: RecordKind,
    #[serde(default)]
    purpose: Option<String>,
    #[serde(default)]
    condition: Condition,
    period: String,
    from: FromEvent,
    action: RetentionAction,
    reason: String,
    #[serde(default = "yes")]
    enabled: bool,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    rule: Vec<RuleEntry>,
}

/// Reads a rule file (the shipped `assets/retention.toml` or one the officer wrote); the error
/// names the file, the rule and the field.
pub fn parse_rules(text: &str, source: &str) -> Result<Vec<RetentionRule>, String> {
    let file: RuleFile = toml::from_str(text).map_err(|e| format!("{source}: {e}"))?;
    let mut out: Vec<RetentionRule> = Vec::with_capacity(file.rule.len());
    for (i, e) in file.rule.into_iter().enumerate() {
        let at = format!("{source}: rule {} ({})", i + 1, e.code);
        let period = Period::parse(&e.period).map_err(|m| format!("{at}: period: {m}"))?;
        let purpose = match e
            .purpose
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            Some(p) => Some(PurposeCode::parse(p).map_err(|m| format!("{at}: purpose: {m}"))?),
            None => None,
        };
        let rule = RetentionRule {
            code: e.code,
            name: e.name,
            kind: e.kind,
            purpose,
            condition: e.condition,
            period,
            from: e.from,
            action: e.action,
            reason: e.reason.trim().to_owned(),
            enabled: e.enabled,
        };
        rule.check().map_err(|m| format!("{at}: {m}"))?;
        if out.iter().any(|r| r.code == rule.code) {
            return Err(format!("{at}: the code is used twice"));
        }
        out.push(rule);
    }
    Ok(out)
}

/// The default rules shipped in `assets/retention.toml`.
pub fn default_rules() -> Result<Vec<RetentionRule>, String> {
    parse_rules(
        include_str!("../../../assets/retention.toml"),
        "assets/retention.toml",
    )
}

#[cfg(test)]
mod tests;
