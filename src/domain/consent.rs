//! The consent ledger's rules: what an event is, and how the current state of one subject's
//! consent for one purpose is derived from their events. Nothing is overwritten; state is
//! always recomputed from the ledger.
//!
//! Sources:
//! - GDPR Art. 7(1): the controller must be able to demonstrate that the person consented — hence
//!   the channel, the notice version shown and the evidence kept with every event.
//! - GDPR Art. 7(3): consent can be withdrawn at any time, as easily as it was given; a
//!   withdrawal ends the consent from that moment (it does not undo earlier processing).
//! - CCPA/CPRA, Cal. Civ. Code § 1798.120 (right to opt out of sale or sharing) and
//!   § 1798.121 (right to limit use of sensitive personal information); 11 CCR § 7025: a Global
//!   Privacy Control signal is a valid request to opt out of sale/sharing.
//! - An opt-out of sale or sharing is lifted only by an opt-in made in two steps (the person
//!   asks, then separately confirms: 11 CCR § 7028(a)); consenting to a purpose again does not
//!   lift it. The limit on sensitive personal information is its own right, lifted only when the
//!   person later consents to that use (Civ. Code § 1798.121(b)); an opt-in to sale does not
//!   lift it. After either choice the business waits at least 12 months before asking again
//!   (Civ. Code § 1798.135(c)(4)).
//! - EDPB Guidelines 05/2020 on consent, § 110–111: refresh consent at appropriate intervals;
//!   Privacy Desk asks for review after a configurable period (default 24 months).

use chrono::{DateTime, Months, Utc};
use serde::{Deserialize, Serialize};

use super::purpose::{Purpose, PurposeCode};

/// What happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentEventKind {
    /// Consent given for a purpose.
    Given,
    /// Consent withdrawn for a purpose (Art. 7(3)).
    Withdrawn,
    /// Consent confirmed again (re-permission): it stays given and counts as fresh.
    Refreshed,
    /// Consent lapsed (marked by the officer or by a review).
    Expired,
    /// CCPA: the person opted out of the sale or sharing of their information (all sale/share
    /// purposes).
    OptedOutOfSaleOrSharing,
    /// CCPA: the person opted back in to sale or sharing. It lifts an opt-out only when made in
    /// two steps, the confirmation recorded in the evidence (`confirmed_at`; 11 CCR § 7028(a)).
    OptedInToSaleOrSharing,
    /// CCPA: the person limited the use of their sensitive personal information (all purposes
    /// using sensitive categories).
    LimitedSensitiveUse,
    /// A Global Privacy Control signal was received: treated as an opt-out of sale/sharing.
    GlobalPrivacyControl,
    /// CCPA: the person, having limited the use of their sensitive personal information, later
    /// consented to that use again (Civ. Code § 1798.121(b)): it lifts the limit, nothing else.
    ConsentedToSensitiveUse,
    /// A sign-up awaiting its double opt-in: the person filled in the form and the
    /// confirmation email was sent, but the link has not been followed. It is not consent —
    /// the controller cannot demonstrate it (GDPR Art. 7(1); EDPB Guidelines 05/2020 on
    /// consent, § 104–105: an email confirmation is how consent is verified) — and it changes
    /// no consent state. Retention's "unconfirmed sign-ups" are the people with one of these
    /// and no consent ever given or refreshed for the purpose.
    SignUpPending,
}

impl ConsentEventKind {
    /// Every kind.
    pub const ALL: [ConsentEventKind; 10] = [
        Self::Given,
        Self::Withdrawn,
        Self::Refreshed,
        Self::Expired,
        Self::OptedOutOfSaleOrSharing,
        Self::OptedInToSaleOrSharing,
        Self::LimitedSensitiveUse,
        Self::GlobalPrivacyControl,
        Self::ConsentedToSensitiveUse,
        Self::SignUpPending,
    ];

    /// Stable code, as stored.
    pub fn code(self) -> &'static str {
        match self {
            Self::Given => "given",
            Self::Withdrawn => "withdrawn",
            Self::Refreshed => "refreshed",
            Self::Expired => "expired",
            Self::OptedOutOfSaleOrSharing => "opted_out_of_sale_or_sharing",
            Self::OptedInToSaleOrSharing => "opted_in_to_sale_or_sharing",
            Self::LimitedSensitiveUse => "limited_sensitive_use",
            Self::GlobalPrivacyControl => "global_privacy_control",
            Self::ConsentedToSensitiveUse => "consented_to_sensitive_use",
            Self::SignUpPending => "sign_up_pending",
        }
    }

    /// The kind for a code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Whether the event concerns one purpose (the others apply to the whole person).
    pub fn is_per_purpose(self) -> bool {
        matches!(
            self,
            Self::Given | Self::Withdrawn | Self::Refreshed | Self::Expired | Self::SignUpPending
        )
    }
}

/// How the event reached the business.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    /// A form on a website.
    WebForm,
    /// A confirmation link in an email (double opt-in).
    DoubleOptInEmail,
    /// A signed paper form.
    Paper,
    /// By telephone.
    Phone,
    /// In a shop.
    InStore,
    /// From a file imported from another system.
    Import,
    /// A browser signal (Global Privacy Control).
    BrowserSignal,
    /// Recorded by the officer while reviewing consents (e.g. marking them expired).
    OfficerReview,
}

impl Channel {
    /// Every channel.
    pub const ALL: [Channel; 8] = [
        Self::WebForm,
        Self::DoubleOptInEmail,
        Self::Paper,
        Self::Phone,
        Self::InStore,
        Self::Import,
        Self::BrowserSignal,
        Self::OfficerReview,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::WebForm => "web-form",
            Self::DoubleOptInEmail => "double-opt-in-email",
            Self::Paper => "paper",
            Self::Phone => "phone",
            Self::InStore => "in-store",
            Self::Import => "import",
            Self::BrowserSignal => "browser-signal",
            Self::OfficerReview => "officer-review",
        }
    }

    /// The channel for a code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// What proves the event. Personal data (an IP address is), so it is sealed in the store.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The form or campaign that collected it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub form_id: String,
    /// The IP address it came from.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ip: String,
    /// When a double opt-in was confirmed (RFC 3339).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub confirmed_at: String,
    /// A reference to a document (scan of a paper form, call recording id).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub document_ref: String,
    /// Anything else worth keeping.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Evidence {
    /// Whether nothing at all was recorded.
    pub fn is_empty(&self) -> bool {
        self.form_id.is_empty()
            && self.ip.is_empty()
            && self.confirmed_at.is_empty()
            && self.document_ref.is_empty()
            && self.note.is_empty()
    }
}

/// One event of the ledger.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentEvent {
    /// The purpose (`None` for person-wide CCPA choices).
    pub purpose: Option<PurposeCode>,
    /// What happened.
    pub kind: ConsentEventKind,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// How it reached the business.
    pub channel: Channel,
    /// The notice version shown (for given/refreshed).
    pub notice_version: Option<u32>,
    /// What proves it.
    pub evidence: Evidence,
    /// The user who recorded it.
    pub recorded_by: String,
}

/// The current state of one person's consent for one purpose.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ConsentState {
    /// Nothing recorded.
    NoRecord,
    /// Consent stands.
    Given {
        /// When it was given.
        since: DateTime<Utc>,
        /// When it was last given or refreshed (the freshness date).
        confirmed_at: DateTime<Utc>,
        /// The notice version in force for it.
        notice_version: Option<u32>,
        /// Whether any evidence was recorded with it.
        has_evidence: bool,
        /// The channel of the event that gave it.
        channel: Channel,
    },
    /// Withdrawn.
    Withdrawn {
        /// When.
        since: DateTime<Utc>,
    },
    /// Lapsed.
    Expired {
        /// When.
        since: DateTime<Utc>,
    },
    /// CCPA opt-out of sale/sharing (or a GPC signal, or a limit on sensitive use) stops it.
    OptedOut {
        /// When.
        since: DateTime<Utc>,
    },
}

impl ConsentState {
    /// The code used in exports and the CLI: `none`, `given`, `withdrawn`, `expired`,
    /// `opted_out`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NoRecord => "none",
            Self::Given { .. } => "given",
            Self::Withdrawn { .. } => "withdrawn",
            Self::Expired { .. } => "expired",
            Self::OptedOut { .. } => "opted_out",
        }
    }

    /// Since when the state holds.
    pub fn since(&self) -> Option<DateTime<Utc>> {
        match self {
            Self::NoRecord => None,
            Self::Given { since, .. }
            | Self::Withdrawn { since }
            | Self::Expired { since }
            | Self::OptedOut { since } => Some(*since),
        }
    }

    /// Whether the purpose may be carried out for this person on the basis of consent.
    pub fn permits_processing(&self) -> bool {
        matches!(self, Self::Given { .. })
    }
}

/// Whether a purpose uses sensitive categories (taxonomy codes under `sensitive`).
pub fn uses_sensitive_data(purpose: &Purpose) -> bool {
    purpose
        .data_categories
        .iter()
        .any(|c| c == "sensitive" || c.starts_with("sensitive."))
}

/// Derives the state of `purpose` for one person from all of their events (any order; events
/// with equal times keep their given order, which is the ledger's insertion order).
///
/// The most recent relevant event wins: purpose events for this purpose, and — when the purpose
/// sells or shares (or uses sensitive data) — the person-wide CCPA choices.
pub fn current_state(purpose: &Purpose, events: &[ConsentEvent]) -> ConsentState {
    let mut relevant: Vec<&ConsentEvent> = events
        .iter()
        .filter(|e| match e.kind {
            k if k.is_per_purpose() => e.purpose.as_ref() == Some(&purpose.code),
            ConsentEventKind::OptedOutOfSaleOrSharing
            | ConsentEventKind::OptedInToSaleOrSharing
            | ConsentEventKind::GlobalPrivacyControl => purpose.ccpa_sale_or_share,
            ConsentEventKind::LimitedSensitiveUse | ConsentEventKind::ConsentedToSensitiveUse => {
                uses_sensitive_data(purpose)
            }
            _ => false,
        })
        .collect();
    relevant.sort_by_key(|e| e.at);

    let mut consent = ConsentState::NoRecord;
    let mut choices = CcpaTracks::default();
    for e in relevant {
        match e.kind {
            // Consenting to the purpose again lifts neither CCPA choice (§ 7028(a), § 1798.121(b)).
            ConsentEventKind::Given => consent = given(e, e.at),
            ConsentEventKind::Refreshed => {
                let since = match &consent {
                    ConsentState::Given { since, .. } => *since,
                    _ => e.at,
                };
                consent = given(e, since);
            }
            ConsentEventKind::Withdrawn => consent = ConsentState::Withdrawn { since: e.at },
            ConsentEventKind::Expired => consent = ConsentState::Expired { since: e.at },
            // Awaiting confirmation: nothing is consented yet, nothing is ended.
            ConsentEventKind::SignUpPending => {}
            ConsentEventKind::OptedOutOfSaleOrSharing
            | ConsentEventKind::GlobalPrivacyControl
            | ConsentEventKind::OptedInToSaleOrSharing
            | ConsentEventKind::LimitedSensitiveUse
            | ConsentEventKind::ConsentedToSensitiveUse => choices.apply(e),
        }
    }
    match (choices.sale_or_share, choices.sensitive) {
        (Some(a), Some(b)) => ConsentState::OptedOut { since: a.min(b) },
        (Some(since), None) | (None, Some(since)) => ConsentState::OptedOut { since },
        (None, None) => consent,
    }
}

/// Whether an opt-in to sale or sharing was made in two steps: the person asked, then
/// separately confirmed, and the confirmation is recorded (11 CCR § 7028(a)).
pub fn is_two_step_opt_in(e: &ConsentEvent) -> bool {
    e.kind == ConsentEventKind::OptedInToSaleOrSharing && !e.evidence.confirmed_at.trim().is_empty()
}

/// How long the business waits after an opt-out or a limit before asking the person to change
/// their mind: at least 12 months (Cal. Civ. Code § 1798.135(c)(4)).
pub const ASK_AGAIN_AFTER_MONTHS: u32 = 12;

/// The two CCPA choices in force, each since its earliest event.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct CcpaTracks {
    sale_or_share: Option<DateTime<Utc>>,
    sensitive: Option<DateTime<Utc>>,
    /// The latest opt-out or limit event, for the 12-month wait.
    latest_choice: Option<DateTime<Utc>>,
}

impl CcpaTracks {
    fn apply(&mut self, e: &ConsentEvent) {
        match e.kind {
            ConsentEventKind::OptedOutOfSaleOrSharing | ConsentEventKind::GlobalPrivacyControl => {
                self.sale_or_share.get_or_insert(e.at);
                self.latest_choice = Some(e.at);
            }
            ConsentEventKind::LimitedSensitiveUse => {
                self.sensitive.get_or_insert(e.at);
                self.latest_choice = Some(e.at);
            }
            // A one-step opt-in does not count (§ 7028(a)): the opt-out stays.
            ConsentEventKind::OptedInToSaleOrSharing if is_two_step_opt_in(e) => {
                self.sale_or_share = None;
            }
            ConsentEventKind::ConsentedToSensitiveUse => self.sensitive = None,
            _ => {}
        }
    }
}

/// A person's CCPA choices as the ledger holds them, and when the business may next ask them
/// to opt in again (§ 1798.135(c)(4)).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct CcpaChoices {
    /// Opted out of sale or sharing (or a GPC signal), since.
    pub sale_or_share_opted_out_since: Option<DateTime<Utc>>,
    /// Limited the use of sensitive personal information, since.
    pub sensitive_limited_since: Option<DateTime<Utc>>,
    /// While a choice is in force: the first moment the business may ask again (12 months
    /// after the latest opt-out or limit).
    pub may_ask_again_from: Option<DateTime<Utc>>,
}

/// The person-wide CCPA choices from all of one person's events.
pub fn ccpa_choices(events: &[ConsentEvent]) -> CcpaChoices {
    let mut ordered: Vec<&ConsentEvent> =
        events.iter().filter(|e| !e.kind.is_per_purpose()).collect();
    ordered.sort_by_key(|e| e.at);
    let mut tracks = CcpaTracks::default();
    for e in ordered {
        tracks.apply(e);
    }
    let in_force = tracks.sale_or_share.is_some() || tracks.sensitive.is_some();
    CcpaChoices {
        sale_or_share_opted_out_since: tracks.sale_or_share,
        sensitive_limited_since: tracks.sensitive,
        may_ask_again_from: tracks
            .latest_choice
            .filter(|_| in_force)
            .and_then(|t| t.checked_add_months(Months::new(ASK_AGAIN_AFTER_MONTHS))),
    }
}

fn given(e: &ConsentEvent, since: DateTime<Utc>) -> ConsentState {
    ConsentState::Given {
        since,
        confirmed_at: e.at,
        notice_version: e.notice_version,
        has_evidence: !e.evidence.is_empty(),
        channel: e.channel,
    }
}

/// Why a given consent needs the officer's attention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewReason {
    /// Not given or refreshed within the refresh period.
    Stale,
    /// Given under a notice version older than the current one.
    OutdatedNotice,
    /// Given without any evidence recorded.
    NoEvidence,
    /// No consent on record at all, though the person is held in a system that serves a
    /// consent-based purpose (the data inventory says so): GDPR Art. 7(1), the controller must
    /// be able to demonstrate consent.
    NoConsentRecord,
    /// Given by a child below the applicable age with no parent's authorisation recorded (GDPR
    /// and UK GDPR Art. 8(1)), or a known under-16 never opted in to sale or sharing (Cal. Civ.
    /// Code § 1798.120(c)): not valid consent (`domain::children`). A review mark does not
    /// clear it; recording the authorisation (or expiring the consent) does.
    #[serde(rename = "child-without-parental-consent")]
    ChildWithoutParentalConsent,
}

/// The default refresh period: 24 months.
pub const DEFAULT_REFRESH_MONTHS: u32 = 24;

/// The reasons a consent state needs review at `now`, with the purpose's current notice version
/// and the refresh period in months. Only given consents are reviewed.
pub fn review_reasons(
    state: &ConsentState,
    current_notice: Option<u32>,
    refresh_months: u32,
    now: DateTime<Utc>,
) -> Vec<ReviewReason> {
    let ConsentState::Given {
        confirmed_at,
        notice_version,
        has_evidence,
        ..
    } = state
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let due = confirmed_at.checked_add_months(Months::new(refresh_months));
    if due.is_none_or(|d| d <= now) {
        out.push(ReviewReason::Stale);
    }
    if let (Some(current), Some(shown)) = (current_notice, notice_version)
        && shown < &current
    {
        out.push(ReviewReason::OutdatedNotice);
    }
    if !has_evidence {
        out.push(ReviewReason::NoEvidence);
    }
    out
}

/// The officer's latest review of one consent (subject and purpose).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReviewMark {
    /// When the officer marked it reviewed.
    pub reviewed_at: DateTime<Utc>,
    /// The purpose's notice version current at that moment.
    pub notice_version: u32,
}

/// The reasons still open once the officer's review `mark` is taken into account.
///
/// A review made after the consent was last confirmed acknowledges what the officer saw: the
/// missing evidence (they checked the records kept elsewhere), the notice version then current,
/// and the age of the consent — for another refresh period from the review, after which it is
/// stale again. A newer notice, or a new event from the person, brings the consent back.
pub fn open_reasons(
    reasons: Vec<ReviewReason>,
    mark: Option<&ReviewMark>,
    confirmed_at: DateTime<Utc>,
    current_notice: u32,
    refresh_months: u32,
    now: DateTime<Utc>,
) -> Vec<ReviewReason> {
    let Some(mark) = mark.filter(|m| m.reviewed_at >= confirmed_at) else {
        return reasons;
    };
    reasons
        .into_iter()
        .filter(|r| match r {
            ReviewReason::NoEvidence | ReviewReason::NoConsentRecord => false,
            ReviewReason::ChildWithoutParentalConsent => true,
            ReviewReason::OutdatedNotice => current_notice > mark.notice_version,
            ReviewReason::Stale => mark
                .reviewed_at
                .checked_add_months(Months::new(refresh_months))
                .is_none_or(|d| d <= now),
        })
        .collect()
}

#[cfg(test)]
mod tests;
