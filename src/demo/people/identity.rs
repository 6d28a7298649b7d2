//! Who a made-up person is: a name from one of many languages, an email on the reserved
//! example domains, perhaps a phone number from the ranges kept free for fiction, an address,
//! a customer reference, tags and notes.

use rand::Rng;
use rand::distributions::Distribution;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;

use crate::demo::names::{NOTES, Order, TAGS, UK_ADDRESSES};
use crate::domain::subject::SubjectDraft;

use super::People;

const US_AREA_CODES: &[&str] = &["202", "212", "312", "415", "617", "206", "512"];

impl People {
    /// The identity fields of the person numbered `number`.
    pub(super) fn identity(&mut self, number: u64) -> SubjectDraft {
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
