//! The made-up people of the demo store, one after the other from one random stream: a name
//! from one of many languages, an email on the reserved example domains, perhaps a phone
//! number from the ranges kept free for fiction, an address, tags and notes, and a consent
//! ledger over the last four years.

use chrono::{DateTime, Duration, Utc};
use rand::distributions::{Distribution, WeightedIndex};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use uuid::Uuid;

use crate::domain::consent::{Channel, ConsentEvent, ConsentEventKind, Evidence};
use crate::domain::purpose::PurposeCode;
use crate::domain::subject::SubjectDraft;

use super::demo_names::{self, Culture, NOTES, Order, TAGS, UK_ADDRESSES};

/// How far back the histories go: four years.
const HISTORY_DAYS: i64 = 4 * 365 + 1;

/// The share of customers who consent to a default purpose (others: 15 %).
pub(super) fn purpose_share(code: &str) -> f64 {
    match code {
        "newsletter" => 0.85,
        "product-recommendations" => 0.35,
        "email-tracking" => 0.40,
        "profiling-segmentation" => 0.18,
        "partner-sharing" => 0.07,
        _ => 0.15,
    }
}

/// One made-up person.
pub(super) struct Person {
    /// Their record id.
    pub(super) id: Uuid,
    /// Their identity fields.
    pub(super) draft: SubjectDraft,
    /// When they were first recorded.
    pub(super) created: DateTime<Utc>,
    /// Their consent ledger, in time order, with the event ids.
    pub(super) events: Vec<(Uuid, ConsentEvent)>,
    /// Since when their address bounces, if it does.
    pub(super) undeliverable: Option<DateTime<Utc>>,
}

/// Makes people, one after the other, from one random stream.
pub(super) struct People {
    rng: StdRng,
    cultures: Vec<Culture>,
    culture_pick: WeightedIndex<u32>,
    /// (purpose, share who consent, current notice version).
    purposes: Vec<(PurposeCode, f64, u32)>,
    now: DateTime<Utc>,
    recorded_by: String,
}

const WEB_FORMS: &[&str] = &[
    "footer-signup",
    "checkout-opt-in",
    "competition-2023",
    "cake-order-form",
    "wholesale-enquiry",
    "account-registration",
];
const DOI_FORMS: &[&str] = &["newsletter-doi", "footer-signup-doi", "shop-wifi-doi"];
const US_AREA_CODES: &[&str] = &["202", "212", "312", "415", "617", "206", "512"];

fn random_uuid(rng: &mut StdRng) -> Uuid {
    uuid::Builder::from_random_bytes(rng.r#gen()).into_uuid()
}

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

/// A time uniformly between `from` and `to` (`to` when the span is empty), whole seconds.
fn between(rng: &mut StdRng, from: DateTime<Utc>, to: DateTime<Utc>) -> DateTime<Utc> {
    let span = (to - from).num_seconds();
    if span <= 0 {
        return to;
    }
    from + Duration::seconds(rng.gen_range(0..=span))
}

impl People {
    /// A maker seeded with `seed`; `purposes` are (code, share who consent, notice version).
    pub(super) fn new(
        seed: u64,
        purposes: Vec<(PurposeCode, f64, u32)>,
        recorded_by: String,
    ) -> Self {
        let cultures = demo_names::cultures();
        let culture_pick = WeightedIndex::new(cultures.iter().map(|c| c.weight))
            .unwrap_or_else(|_| unreachable!("every culture has a positive weight"));
        let now = Utc::now();
        let now = DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now);
        Self {
            rng: StdRng::seed_from_u64(seed),
            cultures,
            culture_pick,
            purposes,
            now,
            recorded_by,
        }
    }

    /// The person numbered `number` (1-based; the number keeps their email unique).
    pub(super) fn person(&mut self, number: u64) -> Person {
        let id = random_uuid(&mut self.rng);
        let draft = self.identity(number);
        let rng = &mut self.rng;
        // More recent customers than old ones: the business grew.
        let days_ago = 2.0 + (HISTORY_DAYS - 2) as f64 * rng.r#gen::<f64>().powf(1.3);
        let created =
            self.now - Duration::seconds((days_ago * 86_400.0) as i64 + rng.gen_range(0..86_400));
        let events = if rng.gen_bool(0.02) {
            Vec::new()
        } else {
            self.ledger(created)
        };
        let rng = &mut self.rng;
        let undeliverable = (rng.gen_bool(0.015) && created + Duration::days(30) < self.now)
            .then(|| between(rng, created + Duration::days(30), self.now));
        Person {
            id,
            draft,
            created,
            events,
            undeliverable,
        }
    }

    fn identity(&mut self, number: u64) -> SubjectDraft {
        let Self {
            rng,
            cultures,
            culture_pick,
            ..
        } = self;
        let culture = &cultures[culture_pick.sample(rng)];
        let female = rng.gen_bool(0.5);
        let given_list = if female {
            &culture.female
        } else {
            &culture.male
        };
        let given = &given_list[rng.gen_range(0..given_list.len())];
        let family = &culture.family[rng.gen_range(0..culture.family.len())];
        let (g, f) = (given.shown(female), family.shown(female));
        let name = match culture.order {
            Order::GivenFamily => format!("{g} {f}"),
            Order::GivenTwoFamilies => {
                let second = &culture.family[rng.gen_range(0..culture.family.len())];
                format!("{g} {f} {}", second.shown(female))
            }
            Order::FamilyGiven => format!("{f} {g}"),
            Order::FamilyGivenJoined => format!("{f}{g}"),
        };
        let email = email_for(rng, given.stem(female), family.stem(female), number);
        let phone = if rng.gen_bool(0.6) {
            match rng.gen_range(0..10) {
                0..=3 => format!("+44 7700 900{:03}", rng.gen_range(0..1000)),
                4..=5 => format!("07700 900{:03}", rng.gen_range(0..1000)),
                6..=7 => format!("+44 20 7946 0{:03}", rng.gen_range(0..1000)),
                _ => format!(
                    "+1 {} 555 01{:02}",
                    US_AREA_CODES[rng.gen_range(0..US_AREA_CODES.len())],
                    rng.gen_range(0..100)
                ),
            }
        } else {
            String::new()
        };
        let postal_address = if rng.gen_bool(0.35) {
            let list = if rng.gen_bool(0.6) {
                UK_ADDRESSES
            } else {
                culture.addresses
            };
            list[rng.gen_range(0..list.len())].replace("{n}", &rng.gen_range(1..=180).to_string())
        } else {
            String::new()
        };
        let customer_ref = if rng.gen_bool(0.55) {
            format!("CB-{number:07}")
        } else {
            String::new()
        };
        let notes = if rng.gen_bool(0.04) {
            NOTES[rng.gen_range(0..NOTES.len())].to_owned()
        } else {
            String::new()
        };
        let tags = if rng.gen_bool(0.3) {
            let count = rng.gen_range(1..=2);
            TAGS.choose_multiple(rng, count)
                .copied()
                .collect::<Vec<_>>()
                .join(", ")
        } else {
            String::new()
        };
        SubjectDraft {
            email,
            name,
            phone,
            postal_address,
            customer_ref,
            notes,
            tags,
        }
    }

    /// The consent events of someone who signed up at `joined`, in time order.
    fn ledger(&mut self, joined: DateTime<Utc>) -> Vec<(Uuid, ConsentEvent)> {
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

/// An address on the reserved example domains, unique through `number`.
fn email_for(rng: &mut StdRng, given: &str, family: &str, number: u64) -> String {
    let domain = match rng.gen_range(0..20) {
        0..=8 => "example.com",
        9..=15 => "example.org",
        _ => "example.net",
    };
    let initial = &given[..given.len().min(1)];
    let local = match rng.gen_range(0..20) {
        0..=7 => format!("{given}.{family}{number}"),
        8..=10 => format!("{given}{family}{number}"),
        11..=13 => format!("{initial}{family}{number}"),
        14..=15 => format!("{family}.{given}{number}"),
        16 => format!("{given}_{family}{number}"),
        17..=18 => format!("{given}{number}"),
        _ => format!("{given}.{family}+bakery{number}"),
    };
    // Some people type their address with capitals.
    let local = if rng.gen_ratio(1, 40) {
        let mut chars = local.chars();
        chars.next().map_or(String::new(), |c| {
            c.to_ascii_uppercase().to_string() + chars.as_str()
        })
    } else {
        local
    };
    format!("{local}@{domain}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(seed: u64) -> People {
        let purposes = ["newsletter", "partner-sharing"]
            .iter()
            .map(|c| (PurposeCode::parse(c).unwrap(), purpose_share(c), 1))
            .collect();
        People::new(seed, purposes, "owner".into())
    }

    #[test]
    fn people_are_made_up_alike_for_a_seed() {
        let (mut a, mut b, mut c) = (people(7), people(7), people(8));
        let mut differ = false;
        for n in 1..=200 {
            let (x, y, z) = (a.person(n), b.person(n), c.person(n));
            assert_eq!(x.id, y.id);
            assert_eq!(x.draft, y.draft);
            assert_eq!(x.events.len(), y.events.len());
            differ |= x.draft != z.draft;
        }
        assert!(differ);
    }

    #[test]
    fn the_day_it_runs_changes_only_the_dates() {
        let (mut a, mut b) = (people(5), people(5));
        // Across a leap day and a month end.
        b.now = DateTime::parse_from_rfc3339("2028-03-01T07:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let shape = |now: DateTime<Utc>, p: &Person| {
            p.events
                .iter()
                .map(|(id, e)| (*id, e.kind, e.purpose.clone(), e.channel, now - e.at))
                .collect::<Vec<_>>()
        };
        for n in 1..=500 {
            let (x, y) = (a.person(n), b.person(n));
            assert_eq!(x.draft, y.draft);
            assert_eq!(a.now - x.created, b.now - y.created);
            assert_eq!(shape(a.now, &x), shape(b.now, &y));
            assert_eq!(
                x.undeliverable.map(|t| a.now - t),
                y.undeliverable.map(|t| b.now - t)
            );
        }
    }

    #[test]
    fn emails_are_unique_ascii_on_example_domains() {
        let mut p = people(1);
        let mut seen = std::collections::HashSet::new();
        for n in 1..=3000 {
            let person = p.person(n);
            let email = person.draft.email.to_lowercase();
            assert!(email.is_ascii(), "{email}");
            assert!(
                ["@example.com", "@example.org", "@example.net"]
                    .iter()
                    .any(|d| email.ends_with(d)),
                "{email}"
            );
            assert!(seen.insert(email));
            assert!(person.draft.check().is_ok());
            for (_, e) in &person.events {
                assert!(e.at <= p.now && e.at >= person.created, "{e:?}");
                assert_eq!(e.purpose.is_some(), e.kind.is_per_purpose(), "{e:?}");
            }
            let mut times: Vec<_> = person.events.iter().map(|(_, e)| e.at).collect();
            times.sort();
            assert_eq!(
                times,
                person.events.iter().map(|(_, e)| e.at).collect::<Vec<_>>()
            );
        }
    }
}
