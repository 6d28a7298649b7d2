//! Tests of the links between the records.

use super::*;
use crate::domain::records::{DataCategory, SystemKind};

fn cat(s: &str) -> CategoryCode {
    CategoryCode::parse(s).unwrap()
}

fn rec(s: &str) -> RecordCode {
    RecordCode::parse(s).unwrap()
}

fn known() -> Known {
    Known {
        purposes: [PurposeCode::parse("newsletter").unwrap()].into(),
        retention_rules: ["withdrawn-contacts".to_owned()].into(),
        categories: [cat("contact"), cat("contact.email")].into(),
        activities: [rec("newsletter-sending")].into(),
        vendors: [rec("mailchimp")].into(),
        measures: [rec("encryption")].into(),
    }
}

fn activity() -> Activity {
    let mut a = Activity::named("Newsletter sending");
    a.purposes = vec![PurposeCode::parse("newsletter").unwrap()];
    a.data_categories = vec![cat("contact.email")];
    a.vendors = vec![rec("mailchimp")];
    a.retention_rules = vec!["withdrawn-contacts".into()];
    a.security_measures = vec![rec("encryption")];
    a
}

#[test]
fn a_fully_linked_activity_passes() {
    assert_eq!(check_activity(&activity(), &known()), Ok(()));
}

#[test]
fn each_missing_link_names_its_field() {
    let k = known();
    type Case = (fn(&mut Activity), LinkField, &'static str);
    let cases: [Case; 5] = [
        (
            |a| a.purposes.push(PurposeCode::parse("profiling").unwrap()),
            LinkField::Purposes,
            "no purpose profiling",
        ),
        (
            |a| {
                a.data_categories
                    .push(CategoryCode::parse("health").unwrap())
            },
            LinkField::DataCategories,
            "no data category health",
        ),
        (
            |a| a.vendors.push(RecordCode::parse("acme").unwrap()),
            LinkField::Vendors,
            "no vendor acme",
        ),
        (
            |a| a.retention_rules.push("forever".into()),
            LinkField::RetentionRules,
            "no retention rule forever",
        ),
        (
            |a| a.security_measures.push(RecordCode::parse("moat").unwrap()),
            LinkField::SecurityMeasures,
            "no security measure moat",
        ),
    ];
    for (change, field, words) in cases {
        let mut a = activity();
        change(&mut a);
        let p = check_activity(&a, &k).unwrap_err();
        assert_eq!(p.field, field);
        assert!(p.message.contains(words), "{}", p.message);
    }
}

#[test]
fn a_system_links_to_categories_activities_and_its_vendor() {
    let k = known();
    let mut s = DataSystem {
        code: rec("mailchimp-audience"),
        name: "Mailchimp audience".into(),
        kind: SystemKind::EmailPlatform,
        location: "United States".into(),
        vendor: Some(rec("mailchimp")),
        data_categories: vec![cat("contact.email")],
        activities: vec![rec("newsletter-sending")],
        holds_register: true,
        keeps_for: None,
        notes: String::new(),
    };
    assert_eq!(check_system(&s, &k), Ok(()));
    s.activities.push(rec("profiling"));
    assert_eq!(
        check_system(&s, &k).unwrap_err().field,
        LinkField::Activities
    );
    s.activities.pop();
    s.vendor = Some(rec("acme"));
    assert_eq!(check_system(&s, &k).unwrap_err().field, LinkField::Vendor);
    s.vendor = None;
    s.data_categories.push(cat("identity"));
    let p = check_system(&s, &k).unwrap_err();
    assert_eq!(p.field, LinkField::DataCategories);
    assert_eq!(p.field.key(), "data_categories");
}

#[test]
fn referrers_of_a_category_and_an_activity_are_named() {
    let taxonomy = Taxonomy::new(vec![
        DataCategory {
            code: cat("contact"),
            name: "Contact details".into(),
            description: String::new(),
            special: None,
        },
        DataCategory {
            code: cat("contact.email"),
            name: "Email address".into(),
            description: String::new(),
            special: None,
        },
    ])
    .unwrap();
    let a = activity();
    let purpose = Purpose {
        code: PurposeCode::parse("newsletter").unwrap(),
        name: "Newsletter".into(),
        description: "d".into(),
        legal_basis: crate::domain::purpose::LegalBasis::Consent,
        data_categories: vec!["contact.email".into()],
        ccpa_sale_or_share: false,
    };
    let parent = category_referrers(
        &cat("contact"),
        &taxonomy,
        std::slice::from_ref(&a),
        &[],
        &[],
    );
    assert_eq!(parent.len(), 1);
    assert_eq!(parent[0].name, "Email address");
    let leaf = category_referrers(&cat("contact.email"), &taxonomy, &[a], &[], &[purpose]);
    let sentence = referrers_sentence(&leaf);
    assert!(
        sentence.contains("processing activity “Newsletter sending”")
            && sentence.contains(" and the purpose “Newsletter”"),
        "{sentence}"
    );
    let system = DataSystem {
        code: rec("crm"),
        name: "CRM".into(),
        kind: SystemKind::Crm,
        location: String::new(),
        vendor: None,
        data_categories: vec![],
        activities: vec![rec("newsletter-sending")],
        holds_register: false,
        keeps_for: None,
        notes: String::new(),
    };
    let r = activity_referrers(&rec("newsletter-sending"), &[system]);
    assert_eq!(r[0].to_string(), "the system “CRM” (crm, under Activities)");
    assert!(activity_referrers(&rec("other"), &[]).is_empty());
}

#[test]
fn activities_naming_a_retention_rule_are_its_referrers() {
    let a = activity();
    let mut other = Activity::named("Order history");
    other.retention_rules = vec!["former-customers".into()];
    let r = retention_rule_referrers("withdrawn-contacts", &[a.clone(), other.clone()]);
    assert_eq!(r.len(), 1);
    assert_eq!(
        r[0].to_string(),
        format!(
            "the processing activity “{}” ({}, under Retention rules)",
            a.name, a.code
        )
    );
    assert!(retention_rule_referrers("withdrawn", &[a, other]).is_empty());
}

#[test]
fn tidying_drops_blanks_and_repeats() {
    let mut a = activity();
    a.subject_categories = vec![" customers ".into(), String::new(), "customers".into()];
    a.purposes.push(PurposeCode::parse("newsletter").unwrap());
    tidy_activity(&mut a);
    assert_eq!(a.subject_categories, vec!["customers".to_owned()]);
    assert_eq!(a.purposes.len(), 1);
}
