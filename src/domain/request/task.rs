//! A request's tasks: what must be done in each system that holds the person's data and with
//! each vendor that receives it, so that an erasure, a correction, a restriction, an objection
//! or withdrawal, an opt-out or a limit reaches everywhere the data went.
//!
//! - GDPR Art. 17(1), 16 and 18: the controller erases, rectifies or restricts the data it
//!   holds, wherever it holds it; Art. 19: it communicates each rectification, erasure or
//!   restriction to each recipient to whom the data were disclosed.
//! - GDPR Art. 7(3) and 21(3): after a withdrawal or an objection to direct marketing the data
//!   are no longer processed for that purpose, in any system.
//! - CCPA: Cal. Civ. Code § 1798.105(c)(1) and 11 CCR § 7022(b)(3): a business deletes from its
//!   records and notifies its service providers and contractors to delete; 11 CCR § 7026(f):
//!   an opt-out of sale or sharing is passed on to the third parties the information was sold
//!   or shared with; § 7027(g) likewise for a limit on sensitive personal information.
//!
//! Which systems and vendors: those of the data inventory (records of processing) that hold or
//! receive one of the person's data categories, or serve one of their purposes.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::Serialize;

use super::{Fulfilment, RequestType};
use crate::domain::purpose::{Purpose, PurposeCode};
use crate::domain::records::{CategoryCode, DataSystem, Vendor};
use crate::domain::subject::SubjectDraft;

/// Where a task is done.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TaskTarget {
    /// A system of the data inventory, by name.
    System(String),
    /// A vendor of the register, by name.
    Vendor(String),
}

impl TaskTarget {
    /// `system` or `vendor`.
    pub fn kind_code(&self) -> &'static str {
        match self {
            Self::System(_) => "system",
            Self::Vendor(_) => "vendor",
        }
    }

    /// The system's or vendor's name.
    pub fn name(&self) -> &str {
        match self {
            Self::System(n) | Self::Vendor(n) => n,
        }
    }

    /// The target from its stored kind and name.
    pub fn from_code(kind: &str, name: String) -> Option<Self> {
        match kind {
            "system" => Some(Self::System(name)),
            "vendor" => Some(Self::Vendor(name)),
            _ => None,
        }
    }
}

/// Where a task stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TaskStatus {
    /// Still to do.
    Open,
    /// Done.
    Done,
    /// Nothing to do there (the person is not in that system, say).
    NotApplicable,
}

impl TaskStatus {
    /// The stored code: `open`, `done`, `not-applicable`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Done => "done",
            Self::NotApplicable => "not-applicable",
        }
    }

    /// The status with this code.
    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Open, Self::Done, Self::NotApplicable]
            .into_iter()
            .find(|s| s.code() == code)
    }
}

/// One task of a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestTask {
    /// Its number within the request, from 1.
    pub number: i64,
    /// The system or vendor.
    pub target: TaskTarget,
    /// What to do there.
    pub action: String,
    /// Open, done or not applicable.
    pub status: TaskStatus,
    /// The day it was done or found not applicable.
    pub done_on: Option<NaiveDate>,
    /// The officer's note.
    pub note: String,
}

/// What to do in a system (`vendor == false`) or with a vendor for a request of `kind`, or
/// `None` when the type has no tasks (access, portability, right to know: answered from the
/// register with an access package).
pub fn action(kind: RequestType, vendor: bool) -> Option<&'static str> {
    let (system, recipient) = match kind.fulfilment() {
        Fulfilment::AccessPackage => return None,
        Fulfilment::Erasure => (
            "Delete the person's data here (GDPR Art. 17; Cal. Civ. Code § 1798.105)",
            "Tell the vendor to delete the person's data and confirm (GDPR Art. 19; 11 CCR § 7022(b)(3))",
        ),
        Fulfilment::Rectification => (
            "Correct the person's data here (GDPR Art. 16; Cal. Civ. Code § 1798.106)",
            "Send the vendor the correction (GDPR Art. 19; 11 CCR § 7023(c))",
        ),
        Fulfilment::Restriction => (
            "Mark the person restricted here: keep, do not use (GDPR Art. 18)",
            "Tell the vendor processing is restricted (GDPR Art. 19)",
        ),
        Fulfilment::ConsentWithdrawal => (
            "Stop processing for the purposes withdrawn or objected to: unsubscribe or suppress (GDPR Art. 7(3), 21(3))",
            "Tell the vendor to stop processing for those purposes (GDPR Art. 7(3), 21(3))",
        ),
        Fulfilment::OptOutOfSale => (
            "Stop selling or sharing the person's data from here (Cal. Civ. Code § 1798.120)",
            "Tell the vendor of the opt-out of sale or sharing (11 CCR § 7026(f))",
        ),
        Fulfilment::LimitSensitiveUse => (
            "Limit the use of the person's sensitive data here (Cal. Civ. Code § 1798.121)",
            "Tell the vendor of the limit on sensitive data (11 CCR § 7027(g))",
        ),
    };
    Some(if vendor { recipient } else { system })
}

/// What the inventory knows of the person: their data categories and purposes.
#[derive(Clone, Debug, Default)]
pub struct PersonScope {
    /// The data categories held about them (the register's own fields and those of the
    /// purposes in their consent ledger).
    pub categories: BTreeSet<CategoryCode>,
    /// The purposes in their consent ledger.
    pub purposes: BTreeSet<PurposeCode>,
}

impl PersonScope {
    /// What the register and the consent ledger say of a person: the categories of the
    /// register's own fields they have filled in (see [`register_categories`]), and each
    /// purpose of their ledger with the categories the catalogue gives it.
    pub fn of(fields: &SubjectDraft, ledger: &[PurposeCode], catalogue: &[Purpose]) -> Self {
        let mut categories = register_categories(fields);
        let purposes: BTreeSet<PurposeCode> = ledger.iter().cloned().collect();
        for p in catalogue.iter().filter(|p| purposes.contains(&p.code)) {
            categories.extend(
                p.data_categories
                    .iter()
                    .filter_map(|c| CategoryCode::parse(c).ok()),
            );
        }
        Self {
            categories,
            purposes,
        }
    }
}

/// The categories (codes of the shipped taxonomy, `assets/data_categories.toml`) of the
/// register's own fields that hold something for this person:
///
/// | Field | Category |
/// |---|---|
/// | email | `contact.email` |
/// | name | `identity.name` |
/// | phone | `contact.phone` |
/// | postal address | `contact.postal-address` |
/// | customer reference | `identity.customer-reference` |
///
/// Notes and tags are the business's own words about the person, not a category of their data.
pub fn register_categories(fields: &SubjectDraft) -> BTreeSet<CategoryCode> {
    [
        (&fields.email, "contact.email"),
        (&fields.name, "identity.name"),
        (&fields.phone, "contact.phone"),
        (&fields.postal_address, "contact.postal-address"),
        (&fields.customer_ref, "identity.customer-reference"),
    ]
    .into_iter()
    .filter(|(value, _)| !value.trim().is_empty())
    .filter_map(|(_, code)| CategoryCode::parse(code).ok())
    .collect()
}

/// The sentence naming a request's open tasks ("1 Shop (system), 3 Mailco Ltd (vendor)"),
/// or `None` when none is open.
pub fn open_tasks_sentence(tasks: &[RequestTask]) -> Option<String> {
    let open: Vec<String> = tasks
        .iter()
        .filter(|t| t.status == TaskStatus::Open)
        .map(|t| {
            format!(
                "{} {} ({})",
                t.number,
                t.target.name(),
                t.target.kind_code()
            )
        })
        .collect();
    (!open.is_empty()).then(|| open.join(", "))
}

/// The tasks of a request of `kind` for a person in `scope`: each system that holds the
/// register or one of their categories, then each vendor that receives one of their
/// categories, serves one of their purposes or runs one of those systems. Empty for types
/// without tasks.
pub fn plan(
    kind: RequestType,
    scope: &PersonScope,
    systems: &[DataSystem],
    vendors: &[Vendor],
) -> Vec<(TaskTarget, String)> {
    let (Some(in_system), Some(with_vendor)) = (action(kind, false), action(kind, true)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut run_by = BTreeSet::new();
    for s in systems {
        let holds = s.holds_register
            || s.data_categories
                .iter()
                .any(|c| scope.categories.iter().any(|p| covers(c, p)));
        if holds {
            if let Some(v) = &s.vendor {
                run_by.insert(v.clone());
            }
            out.push((TaskTarget::System(s.name.clone()), in_system.to_owned()));
        }
    }
    for v in vendors {
        let receives = run_by.contains(&v.code)
            || v.purposes.iter().any(|p| scope.purposes.contains(p))
            || v.data_categories
                .iter()
                .any(|c| scope.categories.iter().any(|p| covers(c, p)));
        if receives {
            out.push((TaskTarget::Vendor(v.name.clone()), with_vendor.to_owned()));
        }
    }
    out
}

/// Whether category `held` covers the person's category `person`: the same code, or one is
/// the parent of the other (`contact` and `contact.email`).
fn covers(held: &CategoryCode, person: &CategoryCode) -> bool {
    let (a, b) = (held.as_str(), person.as_str());
    a == b
        || b.strip_prefix(a).is_some_and(|rest| rest.starts_with('.'))
        || a.strip_prefix(b).is_some_and(|rest| rest.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn system(
        name: &str,
        categories: &[&str],
        holds_register: bool,
        vendor: Option<&str>,
    ) -> DataSystem {
        serde_json::from_value(json!({
            "code": name.to_lowercase().replace(' ', "-"),
            "name": name,
            "kind": "other",
            "vendor": vendor,
            "data_categories": categories,
            "holds_register": holds_register,
        }))
        .expect("system")
    }

    fn vendor(code: &str, categories: &[&str], purposes: &[&str]) -> Vendor {
        serde_json::from_value(json!({
            "code": code,
            "name": format!("{code} Ltd"),
            "role": "processor",
            "dpa": "signed",
            "data_categories": categories,
            "purposes": purposes,
        }))
        .expect("vendor")
    }

    fn scope() -> PersonScope {
        PersonScope {
            categories: ["contact.email", "identity.name"]
                .into_iter()
                .map(|c| CategoryCode::parse(c).expect("category"))
                .collect(),
            purposes: [PurposeCode::parse("newsletter").expect("purpose")].into(),
        }
    }

    #[test]
    fn systems_and_vendors_that_hold_or_receive_the_persons_data_get_a_task() {
        let systems = vec![
            system("Shop", &["contact"], false, Some("shopco")),
            system("Accounts", &["financial.invoices"], false, None),
            system("Register", &[], true, None),
        ];
        let vendors = vec![
            vendor("shopco", &[], &[]),
            vendor("mailco", &["contact.email"], &[]),
            vendor("adco", &[], &["newsletter"]),
            vendor("payco", &["financial"], &["payments"]),
        ];
        let tasks = plan(RequestType::Erasure, &scope(), &systems, &vendors);
        let names: Vec<String> = tasks
            .iter()
            .map(|(t, _)| format!("{}:{}", t.kind_code(), t.name()))
            .collect();
        assert_eq!(
            names,
            [
                "system:Shop",
                "system:Register",
                "vendor:shopco Ltd",
                "vendor:mailco Ltd",
                "vendor:adco Ltd"
            ]
        );
        assert!(tasks[0].1.contains("Art. 17"));
        assert!(tasks[2].1.contains("Art. 19"));
    }

    #[test]
    fn each_type_has_its_action_and_access_types_have_none() {
        for kind in RequestType::ALL {
            let (s, v) = (action(kind, false), action(kind, true));
            match kind.fulfilment() {
                Fulfilment::AccessPackage => assert_eq!((s, v), (None, None), "{kind:?}"),
                _ => assert!(s.is_some() && v.is_some() && s != v, "{kind:?}"),
            }
        }
        assert!(action(RequestType::OptOut, true).is_some_and(|a| a.contains("§ 7026(f)")));
        assert!(action(RequestType::Delete, true).is_some_and(|a| a.contains("§ 7022(b)(3)")));
        assert!(plan(RequestType::Access, &scope(), &[], &[]).is_empty());
    }

    #[test]
    fn status_codes_round_trip() {
        for s in [
            TaskStatus::Open,
            TaskStatus::Done,
            TaskStatus::NotApplicable,
        ] {
            assert_eq!(TaskStatus::from_code(s.code()), Some(s));
        }
        assert_eq!(
            TaskTarget::from_code("vendor", "X".into()),
            Some(TaskTarget::Vendor("X".into()))
        );
        assert_eq!(TaskTarget::from_code("shop", "X".into()), None);
    }

    #[test]
    fn the_register_fields_filled_in_give_their_categories() {
        let codes = |f: &SubjectDraft| -> Vec<String> {
            register_categories(f)
                .iter()
                .map(|c| c.as_str().to_owned())
                .collect()
        };
        for (fields, expected) in [
            (SubjectDraft::default(), vec![]),
            (
                SubjectDraft {
                    email: "ana@example.com".into(),
                    ..SubjectDraft::default()
                },
                vec!["contact.email"],
            ),
            (
                SubjectDraft {
                    name: "Ana".into(),
                    phone: "0123".into(),
                    postal_address: "1 Road".into(),
                    customer_ref: "C-1".into(),
                    notes: "likes bread".into(),
                    tags: "vip".into(),
                    email: "  ".into(),
                },
                vec![
                    "contact.phone",
                    "contact.postal-address",
                    "identity.customer-reference",
                    "identity.name",
                ],
            ),
        ] {
            assert_eq!(codes(&fields), expected, "{fields:?}");
        }
    }

    #[test]
    fn the_ledger_purposes_bring_their_catalogue_categories() {
        let catalogue: Vec<Purpose> = serde_json::from_value(json!([
            {"code": "newsletter", "name": "Newsletter", "description": "", "legal_basis": "consent",
             "data_categories": ["contact.email", "online.email-engagement"], "ccpa_sale_or_share": false},
            {"code": "loyalty", "name": "Loyalty", "description": "", "legal_basis": "consent",
             "data_categories": ["purchase.history"], "ccpa_sale_or_share": false},
        ]))
        .expect("catalogue");
        let fields = SubjectDraft {
            name: "Ana".into(),
            ..SubjectDraft::default()
        };
        let newsletter = PurposeCode::parse("newsletter").expect("purpose");
        let scope = PersonScope::of(&fields, std::slice::from_ref(&newsletter), &catalogue);
        let codes: Vec<&str> = scope.categories.iter().map(|c| c.as_str()).collect();
        assert_eq!(
            codes,
            ["contact.email", "identity.name", "online.email-engagement"]
        );
        assert_eq!(scope.purposes, [newsletter].into());
    }

    #[test]
    fn the_open_tasks_are_named_by_number_name_and_kind() {
        let task = |number, target, status| RequestTask {
            number,
            target,
            action: String::new(),
            status,
            done_on: None,
            note: String::new(),
        };
        let tasks = [
            task(1, TaskTarget::System("Shop".into()), TaskStatus::Open),
            task(2, TaskTarget::System("Tills".into()), TaskStatus::Done),
            task(3, TaskTarget::Vendor("Mailco Ltd".into()), TaskStatus::Open),
            task(
                4,
                TaskTarget::Vendor("Adco".into()),
                TaskStatus::NotApplicable,
            ),
        ];
        assert_eq!(
            open_tasks_sentence(&tasks).as_deref(),
            Some("1 Shop (system), 3 Mailco Ltd (vendor)")
        );
        assert_eq!(open_tasks_sentence(&tasks[1..2]), None);
        assert_eq!(open_tasks_sentence(&[]), None);
    }
}
