//! A made-up person's consent ledger over the last four years: the sign-up with its
//! evidence, then withdrawals, refreshes, expiries, purposes added later and US privacy
//! choices.

use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use uuid::Uuid;

use crate::domain::consent::{Channel, ConsentEvent, ConsentEventKind, Evidence};
use crate::domain::purpose::PurposeCode;

use super::{People, between, random_uuid};

const WEB_FORMS: &[&str] = &[
    "footer-signup",
    "checkout-opt-in",
    "competition-2023",
    "cake-order-form",
    "wholesale-enquiry",
    "account-registration",
];
const DOI_FORMS: &[&str] = &["newsletter-doi", "footer-signup-doi", "shop-wifi-doi"];

/// A documentation address (RFC 5737 / RFC 3849): never a real visitor's.
fn documentation_ip(rng: &mut StdRng) -> String {
    match rng.gen_range(0..10) {
        0 => format!(
            "2001:db8:{:x}::{:x}",
            rng.gen_range(1..0xffff_u32),
            rng.gen_range(1..0xffff_u32)
        ),
        1..=3 => format!("192.0.2.{}", rng.gen_range(1..255)),
        4..=6 => format!("198.51.100.{}", rng.gen_range(1..255)),
        _ => format!("203.0.113.{}", rng.gen_range(1..255)),
    }
}

impl People {
    /// The consent events of someone who signed up at `joined`, in time order.
    pub(super) fn ledger(&mut self, joined: DateTime<Utc>) -> Vec<(Uuid, ConsentEvent)> {
        let now = self.now;
        let recorded_by = self.recorded_by.clone();
        let rng = &mut self.rng;
        let mut events: Vec<(Uuid, ConsentEvent)> = Vec::new();
        let mut push = |rng: &mut StdRng,
                        purpose: Option<&(PurposeCode, f64, u32)>,
                        kind: ConsentEventKind,
                        at: DateTime<Utc>,
                        channel: Channel,
                        evidence: Evidence| {
            let notice_version =
                matches!(kind, ConsentEventKind::Given | ConsentEventKind::Refreshed)
                    .then(|| purpose.map(|p| p.2))
                    .flatten();
            events.push((
                random_uuid(rng),
                ConsentEvent {
                    purpose: purpose.map(|p| p.0.clone()),
                    kind,
                    at,
                    channel,
                    notice_version,
                    evidence,
                    recorded_by: recorded_by.clone(),
                },
            ));
        };
        let (channel, at, evidence) = sign_up(rng, joined);
        let mut chosen: Vec<usize> = (0..self.purposes.len())
            .filter(|i| rng.gen_bool(self.purposes[*i].1))
            .collect();
        if chosen.is_empty() && !self.purposes.is_empty() {
            chosen.push(0);
        }
        for (k, &i) in chosen.iter().enumerate() {
            let purpose = &self.purposes[i];
            let given_at = at + Duration::seconds(k as i64);
            push(
                rng,
                Some(purpose),
                ConsentEventKind::Given,
                given_at,
                channel,
                evidence.clone(),
            );
            // Fixed durations, not calendar months: every span is then the same whatever
            // the day the demo runs, and so is the random stream.
            let refresh_from = given_at + Duration::days(731);
            let expire_from = given_at + Duration::days(761);
            if rng.gen_bool(0.10) {
                let when = between(rng, given_at + Duration::days(1), now);
                let ip = documentation_ip(rng);
                push(
                    rng,
                    Some(purpose),
                    ConsentEventKind::Withdrawn,
                    when,
                    Channel::WebForm,
                    Evidence {
                        form_id: "unsubscribe-link".into(),
                        ip,
                        ..Evidence::default()
                    },
                );
            } else if refresh_from < now && rng.gen_bool(0.30) {
                let when = between(
                    rng,
                    refresh_from,
                    (refresh_from + Duration::days(182)).min(now),
                );
                let ip = documentation_ip(rng);
                push(
                    rng,
                    Some(purpose),
                    ConsentEventKind::Refreshed,
                    when,
                    Channel::DoubleOptInEmail,
                    Evidence {
                        form_id: "re-permission-campaign".into(),
                        ip,
                        confirmed_at: when.to_rfc3339(),
                        ..Evidence::default()
                    },
                );
            } else if expire_from < now && rng.gen_bool(0.04) {
                let when = between(rng, expire_from, now);
                push(
                    rng,
                    Some(purpose),
                    ConsentEventKind::Expired,
                    when,
                    Channel::OfficerReview,
                    Evidence {
                        note: "Not refreshed after the re-permission campaign".into(),
                        ..Evidence::default()
                    },
                );
            }
        }
        // Some add a purpose later in the preference centre.
        if rng.gen_bool(0.12)
            && let Some(&i) = (0..self.purposes.len())
                .filter(|i| !chosen.contains(i))
                .collect::<Vec<_>>()
                .choose(rng)
            && joined + Duration::days(7) < now
        {
            let when = between(rng, joined + Duration::days(7), now);
            let ip = documentation_ip(rng);
            push(
                rng,
                Some(&self.purposes[i]),
                ConsentEventKind::Given,
                when,
                Channel::WebForm,
                Evidence {
                    form_id: "preference-centre".into(),
                    ip,
                    ..Evidence::default()
                },
            );
        }
        // CCPA choices apply to the whole person.
        if rng.gen_bool(0.04) {
            let when = between(rng, joined, now);
            let ip = documentation_ip(rng);
            push(
                rng,
                None,
                ConsentEventKind::OptedOutOfSaleOrSharing,
                when,
                Channel::WebForm,
                Evidence {
                    form_id: "do-not-sell-or-share".into(),
                    ip,
                    ..Evidence::default()
                },
            );
            if rng.gen_bool(0.1) {
                let back = between(rng, when, now);
                let ip = documentation_ip(rng);
                push(
                    rng,
                    None,
                    ConsentEventKind::OptedInToSaleOrSharing,
                    back,
                    Channel::WebForm,
                    Evidence {
                        form_id: "privacy-choices".into(),
                        ip,
                        // The second step of the opt-in (11 CCR § 7028(a)).
                        confirmed_at: back.to_rfc3339(),
                        ..Evidence::default()
                    },
                );
            }
        }
        if rng.gen_bool(0.015) {
            let when = between(rng, joined, now);
            let ip = documentation_ip(rng);
            push(
                rng,
                None,
                ConsentEventKind::GlobalPrivacyControl,
                when,
                Channel::BrowserSignal,
                Evidence {
                    ip,
                    note: "Sec-GPC: 1 on a visit to the online shop".into(),
                    ..Evidence::default()
                },
            );
        }
        if rng.gen_bool(0.005) {
            let when = between(rng, joined, now);
            let ip = documentation_ip(rng);
            push(
                rng,
                None,
                ConsentEventKind::LimitedSensitiveUse,
                when,
                Channel::WebForm,
                Evidence {
                    form_id: "limit-sensitive-use".into(),
                    ip,
                    ..Evidence::default()
                },
            );
            // Some change their mind later and consent to that use again (§ 1798.121(b)).
            if rng.gen_bool(0.25) {
                let back = between(rng, when, now);
                let ip = documentation_ip(rng);
                push(
                    rng,
                    None,
                    ConsentEventKind::ConsentedToSensitiveUse,
                    back,
                    Channel::WebForm,
                    Evidence {
                        form_id: "privacy-choices".into(),
                        ip,
                        confirmed_at: back.to_rfc3339(),
                        ..Evidence::default()
                    },
                );
            }
        }
        events.sort_by_key(|(_, e)| e.at);
        events
    }
}

/// How and when a sign-up was given, with its evidence.
fn sign_up(rng: &mut StdRng, joined: DateTime<Utc>) -> (Channel, DateTime<Utc>, Evidence) {
    let (channel, at, mut evidence) = match rng.gen_range(0..100) {
        0..=44 => (
            Channel::WebForm,
            joined,
            Evidence {
                form_id: WEB_FORMS[rng.gen_range(0..WEB_FORMS.len())].into(),
                ip: documentation_ip(rng),
                ..Evidence::default()
            },
        ),
        45..=74 => {
            let confirmed = joined + Duration::seconds(rng.gen_range(120..10_800));
            (
                Channel::DoubleOptInEmail,
                confirmed,
                Evidence {
                    form_id: DOI_FORMS[rng.gen_range(0..DOI_FORMS.len())].into(),
                    ip: documentation_ip(rng),
                    confirmed_at: confirmed.to_rfc3339(),
                    ..Evidence::default()
                },
            )
        }
        75..=84 => (
            Channel::Import,
            joined,
            Evidence {
                document_ref: "mailing-list-export-2022-03.csv".into(),
                note: "Imported from the old mailing list".into(),
                ..Evidence::default()
            },
        ),
        85..=91 => (
            Channel::InStore,
            joined,
            Evidence {
                document_ref: format!("counter-card-{:06}", rng.gen_range(0..1_000_000)),
                note: "Sign-up card at the counter".into(),
                ..Evidence::default()
            },
        ),
        92..=95 => (
            Channel::Paper,
            joined,
            Evidence {
                document_ref: format!(
                    "paper-forms/{}/PF-{:05}",
                    joined.format("%Y"),
                    rng.gen_range(0..100_000)
                ),
                note: "Paper form at a market stall".into(),
                ..Evidence::default()
            },
        ),
        _ => (
            Channel::Phone,
            joined,
            Evidence {
                document_ref: format!("call-{:06}", rng.gen_range(0..1_000_000)),
                note: "Notice read out and consent confirmed by phone".into(),
                ..Evidence::default()
            },
        ),
    };
    // A few were recorded without any evidence: the review queue lists them.
    if matches!(channel, Channel::InStore | Channel::Phone | Channel::Paper) && rng.gen_bool(0.2) {
        evidence = Evidence::default();
    }
    (channel, at, evidence)
}
