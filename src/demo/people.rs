//! The made-up people of the demo store, one after the other from one random stream: a name
//! from one of many languages, an email on the reserved example domains, perhaps a phone
//! number from the ranges kept free for fiction, an address, tags and notes, and a consent
//! ledger over the last four years.
//!
//! This file holds the maker and the person; `identity` makes up who they are and `ledger`
//! their consent history.

mod identity;
mod ledger;

use chrono::{DateTime, Duration, Utc};
use rand::distributions::WeightedIndex;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use uuid::Uuid;

use crate::domain::consent::ConsentEvent;
use crate::domain::purpose::PurposeCode;
use crate::domain::subject::SubjectDraft;

use crate::demo::names::{self, Culture};

/// How far back the histories go: four years.
const HISTORY_DAYS: i64 = 4 * 365 + 1;

/// The share of customers who consent to a default purpose (others: 15 %).
pub(crate) fn purpose_share(code: &str) -> f64 {
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
pub(crate) struct Person {
    /// Their record id.
    pub(crate) id: Uuid,
    /// Their identity fields.
    pub(crate) draft: SubjectDraft,
    /// When they were first recorded.
    pub(crate) created: DateTime<Utc>,
    /// Their consent ledger, in time order, with the event ids.
    pub(crate) events: Vec<(Uuid, ConsentEvent)>,
    /// Since when their address bounces, if it does.
    pub(crate) undeliverable: Option<DateTime<Utc>>,
}

/// Makes people, one after the other, from one random stream.
pub(crate) struct People {
    rng: StdRng,
    cultures: Vec<Culture>,
    culture_pick: WeightedIndex<u32>,
    /// (purpose, share who consent, current notice version).
    purposes: Vec<(PurposeCode, f64, u32)>,
    now: DateTime<Utc>,
    recorded_by: String,
}

fn random_uuid(rng: &mut StdRng) -> Uuid {
    uuid::Builder::from_random_bytes(rng.r#gen()).into_uuid()
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
    pub(crate) fn new(
        seed: u64,
        purposes: Vec<(PurposeCode, f64, u32)>,
        recorded_by: String,
    ) -> Self {
        let cultures = names::cultures();
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
    pub(crate) fn person(&mut self, number: u64) -> Person {
        let id = random_uuid(&mut self.rng);
        let draft = self.identity(number);
        let rng = &mut self.rng;
        // More recent customers than old ones: the business grew.
        let days_ago = 2.0 + (HISTORY_DAYS - 2) as f64 * rng.r#gen::<f64>().powf(1.3);
        let created =
            self.now - Duration::seconds((days_ago * 86_400.0) as i64 + rng.gen_range(0..86_400));
        let events = if rng.gen_bool(0.02) {
            // An unconfirmed sign-up: the double opt-in email was sent and never followed.
            let event_id = random_uuid(rng);
            vec![(
                event_id,
                crate::domain::consent::ConsentEvent {
                    purpose: self.purposes.first().map(|p| p.0.clone()),
                    kind: crate::domain::consent::ConsentEventKind::SignUpPending,
                    at: created,
                    channel: crate::domain::consent::Channel::DoubleOptInEmail,
                    notice_version: None,
                    evidence: crate::domain::consent::Evidence::default(),
                    recorded_by: self.recorded_by.clone(),
                },
            )]
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
