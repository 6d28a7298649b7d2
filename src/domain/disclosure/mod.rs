//! What an access package tells a person about the processing of their data, read from the
//! business's own records rather than left to "ask the controller".
//!
//! | Item | What the person is told | Where it comes from | Source |
//! |---|---|---|---|
//! | Purposes | every purpose their data is processed for | the activities of the record of processing that concern them, and the purposes of their consent history | GDPR Art. 15(1)(a); Art. 30(1)(b) |
//! | Legal basis | the basis of each purpose | the purpose catalogue | Art. 15(1)(a) read with Art. 13(1)(c); EDPB Guidelines 01/2022 § 114 |
//! | Categories | the categories of personal data concerned | the activities' categories and the purposes' categories (named from the taxonomy) | Art. 15(1)(b) |
//! | Recipients | the recipients or categories of recipients, in particular in third countries | the activities' internal recipients and their vendors (with the vendor's own sub-processors), and vendors serving those purposes | Art. 15(1)(c); EDPB Guidelines 01/2022 § 117 (name the actual recipients unless impossible) |
//! | Retention | the period, or the criteria used to decide it | the retention rules that apply to this person, with the day their period runs to (see [`retention`]); the activities' time limits in words | Art. 15(1)(d) |
//! | Source | where data not collected from them came from | the channels of their consent history | Art. 15(1)(g) |
//! | Automated decisions | the existence of automated decision-making, including profiling, and meaningful information about it | the controller's own statement in the organisation profile | Art. 15(1)(h), Art. 22 |
//! | Transfers | the appropriate safeguards of transfers to third countries | the activities' and vendors' transfers | Art. 15(2), Art. 46 |
//! | CCPA "know" | categories collected, categories of sources, business or commercial purposes, categories of third parties | the same records (see [`ccpa`]) | Cal. Civ. Code § 1798.110(a)(1)–(4), (c)(1)–(4); 11 CCR § 7024 |
//!
//! Which activities concern a person ([`Link`]): an activity one of whose purposes appears
//! in the person's consent history; and, for a person recorded as a customer (current or
//! former: the records are still kept), every activity with a purpose on the contract or a
//! legal obligation (Art. 6(1)(b), (c)) — the order, invoicing and tax processing a customer
//! is in whether or not they ever consented to anything. Activities with neither link are
//! left out: the package describes this person's processing, not the whole register.

pub mod ccpa;
pub mod retention;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::domain::customer::CustomerRelationship;
use crate::domain::purpose::{LegalBasis, Purpose, PurposeCode};
use crate::domain::records::{Activity, Taxonomy, TransferSafeguard, Vendor};

/// Why an activity (or a purpose) is in a person's package.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Link {
    /// One of its purposes appears in the person's consent history.
    ConsentHistory,
    /// The person is (or was) a customer and the activity serves the contract or a legal
    /// obligation (GDPR Art. 6(1)(b), (c)).
    Customer,
}

impl Link {
    /// Words for the readable page.
    pub fn label(self) -> &'static str {
        match self {
            Self::ConsentHistory => "your consent history names this purpose",
            Self::Customer => "you are or were our customer",
        }
    }
}

/// What the package is built from: the person's links and the business's records.
#[derive(Clone, Copy, Debug)]
pub struct Inputs<'a> {
    /// The purposes the person's consent history names.
    pub ledger_purposes: &'a BTreeSet<PurposeCode>,
    /// The customer relationship as recorded.
    pub customer: CustomerRelationship,
    /// The purpose catalogue.
    pub catalogue: &'a [Purpose],
    /// The record of processing.
    pub activities: &'a [Activity],
    /// The vendor register.
    pub vendors: &'a [Vendor],
    /// The data taxonomy (to name categories).
    pub taxonomy: &'a Taxonomy,
}

/// One activity of the record of processing that concerns the person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DisclosedActivity {
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// What is done.
    pub description: String,
    /// Why it concerns the person.
    pub links: Vec<Link>,
}

/// One purpose, with its legal basis (Art. 15(1)(a)).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DisclosedPurpose {
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// What is done and why.
    pub description: String,
    /// The legal basis's code.
    pub legal_basis: &'static str,
    /// The legal basis in words, with its article.
    pub legal_basis_label: &'static str,
    /// The activities of the record of processing that serve it for this person.
    pub activities: Vec<String>,
    /// Whether the person's consent history names it.
    pub in_consent_history: bool,
    /// Whether it sells or shares personal information (CCPA).
    pub ccpa_sale_or_share: bool,
}

/// One category of personal data (Art. 15(1)(b)).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DisclosedCategory {
    /// The taxonomy code.
    pub code: String,
    /// Its name (the code when the taxonomy does not hold it).
    pub name: String,
    /// Whether it is a special category (Art. 9) or criminal-offence data (Art. 10).
    pub special: bool,
}

/// One recipient (Art. 15(1)(c)).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Recipient {
    /// Its name (a team inside the organisation, or a company).
    pub name: String,
    /// What it is: `internal`, or the vendor's role code.
    pub kind: &'static str,
    /// What it is, in words.
    pub kind_label: &'static str,
    /// What it does with the data.
    pub services: String,
    /// Where it processes the data.
    pub countries: Vec<String>,
    /// Its own sub-processors, as "name (country)".
    pub sub_processors: Vec<String>,
}

/// One transfer to a third country with its safeguard (Art. 15(2)).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DisclosedTransfer {
    /// The receiving country.
    pub country: String,
    /// The safeguard's code.
    pub safeguard: &'static str,
    /// The safeguard in words, with its article.
    pub safeguard_label: &'static str,
    /// Details (which clauses, which framework).
    pub note: String,
    /// The activities or vendors it happens through.
    pub through: Vec<String>,
}

/// Everything the package says about the processing, from the records.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Disclosure {
    /// The activities that concern the person.
    pub activities: Vec<DisclosedActivity>,
    /// The purposes and their legal bases.
    pub purposes: Vec<DisclosedPurpose>,
    /// The categories of data.
    pub categories: Vec<DisclosedCategory>,
    /// The recipients.
    pub recipients: Vec<Recipient>,
    /// Transfers to third countries.
    pub transfers: Vec<DisclosedTransfer>,
    /// The activities' time limits in words, as "activity: note".
    pub retention_notes: Vec<String>,
    /// The retention rules named by the activities (codes), for [`retention`].
    pub retention_rules: BTreeSet<String>,
}

/// The links of one activity to the person (empty: it does not concern them).
pub fn links(activity: &Activity, inputs: &Inputs<'_>) -> Vec<Link> {
    let mut out = Vec::new();
    if activity
        .purposes
        .iter()
        .any(|p| inputs.ledger_purposes.contains(p))
    {
        out.push(Link::ConsentHistory);
    }
    let customer = inputs.customer.since.is_some() || inputs.customer.until.is_some();
    let serves_customers = activity.purposes.iter().any(|code| {
        inputs.catalogue.iter().any(|p| {
            &p.code == code
                && matches!(
                    p.legal_basis,
                    LegalBasis::Contract | LegalBasis::LegalObligation
                )
        })
    });
    if customer && serves_customers {
        out.push(Link::Customer);
    }
    out
}

/// Builds the disclosure of one person's processing from the records.
pub fn disclose(inputs: &Inputs<'_>) -> Disclosure {
    let mut out = Disclosure::default();
    let linked: Vec<(&Activity, Vec<Link>)> = inputs
        .activities
        .iter()
        .map(|a| (a, links(a, inputs)))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    // Purposes: those of the linked activities, then those of the consent history.
    let mut purposes: BTreeMap<&PurposeCode, (Vec<String>, bool)> = BTreeMap::new();
    for (a, _) in &linked {
        for code in &a.purposes {
            purposes.entry(code).or_default().0.push(a.name.clone());
        }
    }
    for code in inputs.ledger_purposes {
        purposes.entry(code).or_default().1 = true;
    }
    let mut categories: BTreeSet<String> = BTreeSet::new();
    for p in inputs.catalogue {
        let Some((activities, in_ledger)) = purposes.get(&p.code) else {
            continue;
        };
        categories.extend(p.data_categories.iter().cloned());
        out.purposes.push(DisclosedPurpose {
            code: p.code.to_string(),
            name: p.name.clone(),
            description: p.description.clone(),
            legal_basis: p.legal_basis.code(),
            legal_basis_label: p.legal_basis.label(),
            activities: activities.clone(),
            in_consent_history: *in_ledger,
            ccpa_sale_or_share: p.ccpa_sale_or_share,
        });
    }
    let purpose_codes: BTreeSet<&PurposeCode> = purposes.keys().copied().collect();
    let mut internal: Vec<String> = Vec::new();
    let mut transfers: Vec<DisclosedTransfer> = Vec::new();
    let mut add_transfer =
        |country: &str, safeguard: TransferSafeguard, note: &str, via: &str| match transfers
            .iter_mut()
            .find(|t| t.country == country && t.safeguard == safeguard.code())
        {
            Some(t) => {
                if !t.through.iter().any(|v| v == via) {
                    t.through.push(via.to_owned());
                }
                if t.note.is_empty() {
                    t.note = note.to_owned();
                }
            }
            None => transfers.push(DisclosedTransfer {
                country: country.to_owned(),
                safeguard: safeguard.code(),
                safeguard_label: safeguard.label(),
                note: note.to_owned(),
                through: vec![via.to_owned()],
            }),
        };
    for (a, l) in &linked {
        out.activities.push(DisclosedActivity {
            code: a.code.to_string(),
            name: a.name.clone(),
            description: a.description.clone(),
            links: l.clone(),
        });
        categories.extend(a.data_categories.iter().map(|c| c.to_string()));
        for r in &a.internal_recipients {
            if !internal.contains(r) {
                internal.push(r.clone());
            }
        }
        for t in &a.transfers {
            add_transfer(&t.country, t.safeguard, &t.note, &a.name);
        }
        if !a.retention_note.trim().is_empty() {
            out.retention_notes
                .push(format!("{}: {}", a.name, a.retention_note.trim()));
        }
        out.retention_rules
            .extend(a.retention_rules.iter().cloned());
    }
    for name in internal {
        out.recipients.push(Recipient {
            name,
            kind: "internal",
            kind_label: "Inside our organisation",
            services: String::new(),
            countries: Vec::new(),
            sub_processors: Vec::new(),
        });
    }
    for v in inputs.vendors {
        let through_activity = linked
            .iter()
            .any(|(a, _)| a.vendors.contains(&v.code) || v.activities.contains(&a.code));
        let through_purpose = v.purposes.iter().any(|p| purpose_codes.contains(p));
        if !through_activity && !through_purpose {
            continue;
        }
        categories.extend(v.data_categories.iter().map(|c| c.to_string()));
        for t in &v.transfers {
            add_transfer(&t.country, t.safeguard, &t.note, &v.name);
        }
        out.recipients.push(Recipient {
            name: v.name.clone(),
            kind: v.role.code(),
            kind_label: v.role.label(),
            services: v.services.clone(),
            countries: v.countries.clone(),
            sub_processors: v
                .sub_processors
                .iter()
                .map(|s| match s.country.trim() {
                    "" => s.name.clone(),
                    c => format!("{} ({c})", s.name),
                })
                .collect(),
        });
    }
    out.transfers = transfers;
    out.categories = categories
        .into_iter()
        .map(|code| {
            let parsed = crate::domain::records::CategoryCode::parse(&code).ok();
            let named = parsed.as_ref().and_then(|c| inputs.taxonomy.get(c));
            DisclosedCategory {
                name: named.map_or_else(|| code.clone(), |c| c.name.clone()),
                special: parsed
                    .as_ref()
                    .is_some_and(|c| inputs.taxonomy.special(c).is_some()),
                code,
            }
        })
        .collect();
    out
}
