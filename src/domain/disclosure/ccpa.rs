//! The CCPA/CPRA answer to a request to know, in the law's own categories (Cal. Civ. Code
//! § 1798.110(a)(1)–(4), with the same list for the privacy policy in § 1798.110(c)(1)–(4);
//! the response duties of 11 CCR § 7024):
//!
//! | § 1798.110(a) | What | From |
//! |---|---|---|
//! | (1) | the categories of personal information collected about the consumer | [`super::Disclosure::categories`] |
//! | (2) | the categories of sources it was collected from | the channels of the consent history, grouped ([`source_category`]) |
//! | (3) | the business or commercial purpose for collecting, selling or sharing it | [`super::Disclosure::purposes`], with whether each sells or shares (§ 1798.115(a)) |
//! | (4) | the categories of third parties it is disclosed to | the vendors by role: independent and joint controllers are third parties (§ 1798.140(ai)); processors are service providers or contractors (§ 1798.140(ag), (j)), listed apart as disclosures for a business purpose (§ 1798.115(a)(3)) |
//!
//! The specific pieces (§ 1798.110(a)(5)) are the package's data files, disclosed only at the
//! "specific" verification level (see `domain::request::know`).

use serde::Serialize;

use super::Disclosure;
use crate::domain::consent::Channel;

/// A category of sources (§ 1798.110(a)(2)) for a channel of the consent history.
pub fn source_category(channel: Channel) -> &'static str {
    match channel {
        Channel::WebForm
        | Channel::DoubleOptInEmail
        | Channel::Paper
        | Channel::Phone
        | Channel::InStore => "Directly from you (forms, emails, telephone, in the shop)",
        Channel::BrowserSignal => "Your browser or device (a Global Privacy Control signal)",
        Channel::Import => "Other businesses' systems we imported from (such as an email platform)",
        Channel::OfficerReview => "Our staff, recording what happened to your consents",
    }
}

/// One business or commercial purpose (§ 1798.110(a)(3)).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KnowPurpose {
    /// The purpose's name.
    pub name: String,
    /// What is done.
    pub description: String,
    /// Whether personal information is sold or shared for it (§ 1798.115(a)).
    pub sold_or_shared: bool,
}

/// The answer to a request to know, in categories.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct KnowCategories {
    /// § 1798.110(a)(1): categories of personal information collected.
    pub categories_collected: Vec<String>,
    /// § 1798.110(a)(2): categories of sources.
    pub categories_of_sources: Vec<&'static str>,
    /// § 1798.110(a)(3): business or commercial purposes.
    pub business_purposes: Vec<KnowPurpose>,
    /// § 1798.110(a)(4): categories of third parties (independent or joint controllers).
    pub categories_of_third_parties: Vec<String>,
    /// § 1798.115(a)(3): service providers and contractors receiving it for a business
    /// purpose (processors).
    pub service_providers: Vec<String>,
    /// Whether any purpose sells or shares personal information (§ 1798.115(a)(1), (2)).
    pub sold_or_shared: bool,
}

/// The request-to-know answer for a person, from their disclosure and the channels of their
/// consent history.
pub fn know_categories(d: &Disclosure, channels: &[Channel]) -> KnowCategories {
    let mut sources: Vec<&'static str> = Vec::new();
    for ch in channels {
        let s = source_category(*ch);
        if !sources.contains(&s) {
            sources.push(s);
        }
    }
    let mut third = Vec::new();
    let mut providers = Vec::new();
    for r in &d.recipients {
        let entry = if r.services.trim().is_empty() {
            r.name.clone()
        } else {
            format!("{} ({})", r.name, r.services.trim())
        };
        match r.kind {
            "independent-controller" | "joint-controller" => third.push(entry),
            "processor" | "sub-processor" => providers.push(entry),
            _ => {}
        }
    }
    KnowCategories {
        categories_collected: d.categories.iter().map(|c| c.name.clone()).collect(),
        categories_of_sources: sources,
        business_purposes: d
            .purposes
            .iter()
            .map(|p| KnowPurpose {
                name: p.name.clone(),
                description: p.description.clone(),
                sold_or_shared: p.ccpa_sale_or_share,
            })
            .collect(),
        categories_of_third_parties: third,
        service_providers: providers,
        sold_or_shared: d.purposes.iter().any(|p| p.ccpa_sale_or_share),
    }
}
