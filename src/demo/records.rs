//! The accountability records of the demo store: a contract purpose for orders, the record of
//! processing, the data inventory (with a few things the minimisation review should find),
//! vendors with their due-diligence reviews (one still waiting for its data processing
//! agreement), security measures and staff training, and impact assessments — a screening, a
//! decided assessment with its action plan, and one in draft. Fixed content: the same for every
//! seed.

use chrono::{Months, NaiveDate};

use crate::domain::purpose::{LegalBasis, Purpose, PurposeCode};
use crate::domain::records::questionnaire::Answers;
use crate::domain::records::{
    Activity, CategoryCode, DataSystem, DpaStatus, MeasureKind, RecordCode, SecurityMeasure,
    SubProcessor, SystemKind, Training, Transfer, TransferSafeguard, Vendor, VendorRole,
};
use crate::domain::retention::{Period, PeriodUnit};

use crate::services::{ServiceResult, Session};

/// What the demo's records hold.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DemoRecords {
    /// Processing activities.
    pub activities: u64,
    /// Systems of the inventory.
    pub systems: u64,
    /// Vendors.
    pub vendors: u64,
    /// Security measures.
    pub security_measures: u64,
    /// Impact assessments.
    pub assessments: u64,
}

fn code(s: &str) -> RecordCode {
    RecordCode::from_name(s)
}

fn cats(list: &[&str]) -> Vec<CategoryCode> {
    list.iter()
        .filter_map(|c| CategoryCode::parse(c).ok())
        .collect()
}

fn purposes(list: &[&str]) -> Vec<PurposeCode> {
    list.iter()
        .filter_map(|p| PurposeCode::parse(p).ok())
        .collect()
}

pub(crate) fn months_before(day: NaiveDate, months: u32) -> NaiveDate {
    day.checked_sub_months(Months::new(months)).unwrap_or(day)
}

pub(crate) fn months_after(day: NaiveDate, months: u32) -> NaiveDate {
    day.checked_add_months(Months::new(months)).unwrap_or(day)
}

/// Writes the records into the demo store.
pub(crate) fn write_records(session: &mut Session, today: NaiveDate) -> ServiceResult<DemoRecords> {
    let mut n = DemoRecords::default();
    session.consent().add_purpose(
        &Purpose {
            code: PurposeCode::parse("orders").map_err(|m| crate::services::ServiceError::invalid("Purpose", m))?,
            name: "Taking and delivering orders".into(),
            description: "Taking orders in the shop and online, delivering them and handling returns.".into(),
            legal_basis: LegalBasis::Contract,
            data_categories: ["contact.email", "contact.postal-address", "identity.name", "purchase.history", "purchase.payment"]
                .map(String::from)
                .to_vec(),
            ccpa_sale_or_share: false,
        },
        "We use your details to take, deliver and, if needed, refund your order.",
    )?;
    write_vendors(session, today, &mut n)?;
    write_security(session, today, &mut n)?;
    write_activities(session, &mut n)?;
    write_systems(session, &mut n)?;
    Ok(n)
}

fn write_vendors(
    session: &mut Session,
    today: NaiveDate,
    n: &mut DemoRecords,
) -> ServiceResult<()> {
    let vendor = |name: &str, role, services: &str| Vendor {
        code: code(name),
        name: name.into(),
        role,
        services: services.into(),
        data_categories: Vec::new(),
        purposes: Vec::new(),
        activities: Vec::new(),
        countries: Vec::new(),
        transfers: Vec::new(),
        dpa: DpaStatus::NotNeeded,
        dpa_signed_on: None,
        sub_processors: Vec::new(),
        certifications: Vec::new(),
        answers: Answers::new(),
        last_reviewed_on: None,
        next_review_on: None,
        notes: String::new(),
    };
    let mut mail = vendor(
        "Mailchimp",
        VendorRole::Processor,
        "Sends our newsletters and offers, and reports opens and clicks.",
    );
    mail.data_categories = cats(&["contact.email", "identity.name", "online.email-engagement"]);
    mail.purposes = purposes(&["newsletter", "email-tracking", "product-recommendations"]);
    mail.countries = vec!["United States".into()];
    mail.transfers = vec![Transfer {
        country: "United States".into(),
        safeguard: TransferSafeguard::Adequacy,
        note: "EU–US Data Privacy Framework; standard contractual clauses in the DPA as a fallback"
            .into(),
    }];
    mail.dpa = DpaStatus::Signed;
    mail.dpa_signed_on = Some(months_before(today, 20));
    mail.certifications = vec!["SOC 2 Type II".into(), "ISO/IEC 27001".into()];
    mail.sub_processors = vec![SubProcessor {
        name: "Cloud hosting provider".into(),
        country: "United States".into(),
        service: "Hosting".into(),
    }];
    let mut shop = vendor(
        "Webshop Platform Ltd",
        VendorRole::Processor,
        "Runs our online shop and takes card payments.",
    );
    shop.data_categories = cats(&[
        "contact.email",
        "contact.postal-address",
        "identity.name",
        "purchase.history",
        "purchase.payment",
    ]);
    shop.purposes = purposes(&["orders"]);
    shop.countries = vec!["Ireland".into()];
    shop.dpa = DpaStatus::Signed;
    shop.dpa_signed_on = Some(months_before(today, 30));
    shop.certifications = vec!["PCI DSS".into()];
    let mut courier = vendor(
        "Courier Express",
        VendorRole::Processor,
        "Delivers parcels; receives names, addresses and phone numbers.",
    );
    courier.data_categories = cats(&["identity.name", "contact.postal-address", "contact.phone"]);
    courier.purposes = purposes(&["orders"]);
    courier.countries = vec!["United Kingdom".into()];
    courier.dpa = DpaStatus::Requested;
    let mut books = vendor(
        "Bookkeeper & Co",
        VendorRole::IndependentController,
        "Our accountants: keep invoices for the tax authority.",
    );
    books.data_categories = cats(&["identity.name", "purchase.history"]);
    books.countries = vec!["United Kingdom".into()];
    for v in [&mail, &shop, &courier, &books] {
        session.vendors().save_vendor(v, true, today)?;
        n.vendors += 1;
    }
    let good: Answers = [
        ("dpa-terms", "yes"),
        ("certification", "independent"),
        ("encryption-in-transit", "yes"),
        ("encryption-at-rest", "yes"),
        ("access-controls", "yes"),
        ("account-mfa", "yes"),
        ("staff-confidentiality", "yes"),
        ("breach-notice", "within-72-hours"),
        ("incident-history", "none-known"),
        ("sub-processor-list", "yes"),
        ("sub-processor-notice", "yes"),
        ("data-location", "yes"),
        ("deletion-at-end", "yes"),
        ("audits", "yes"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    session
        .vendors()
        .review_vendor(&mail.code, &good, months_before(today, 5))?;
    session
        .vendors()
        .review_vendor(&shop.code, &good, months_before(today, 13))?;
    let mut weak = good.clone();
    for (k, v) in [
        ("certification", "none"),
        ("breach-notice", "no-commitment"),
        ("account-mfa", "no"),
    ] {
        weak.insert(k.into(), v.into());
    }
    session
        .vendors()
        .review_vendor(&courier.code, &weak, months_before(today, 4))?;
    Ok(())
}

fn write_security(
    session: &mut Session,
    today: NaiveDate,
    n: &mut DemoRecords,
) -> ServiceResult<()> {
    let mut measures = [
        SecurityMeasure::named("Encrypted customer records", MeasureKind::Encryption),
        SecurityMeasure::named(
            "Individual accounts with two-factor sign-in",
            MeasureKind::AccessControl,
        ),
        SecurityMeasure::named(
            "Weekly backups, restored once a quarter",
            MeasureKind::Backups,
        ),
        SecurityMeasure::named("Yearly review of who can see what", MeasureKind::Audits),
        SecurityMeasure::named(
            "Locked cabinet for paper order books",
            MeasureKind::Physical,
        ),
    ];
    let details = [
        (
            "The customer register is kept in Privacy Desk, encrypted field by field; laptops use full-disk encryption.",
            "Owner",
            30,
            6,
        ),
        (
            "Each member of staff has their own account on the shop, the email platform and the laptop.",
            "Owner",
            24,
            2,
        ),
        (
            "The shop and the register are backed up every Sunday; a restore is tested each quarter.",
            "Shop manager",
            18,
            -1,
        ),
        (
            "Once a year we list every account with access to customer data and close those not needed.",
            "Owner",
            12,
            3,
        ),
        (
            "The paper order book is kept in the locked cabinet in the back office.",
            "Shop manager",
            40,
            9,
        ),
    ];
    for (m, (description, owner, since, review)) in measures.iter_mut().zip(details) {
        m.description = description.into();
        m.owner = owner.into();
        m.in_place_since = Some(months_before(today, since));
        m.review_on = Some(if review < 0 {
            months_before(today, 1)
        } else {
            months_after(today, review as u32)
        });
        m.evidence = "Shop folder \"Security\"".into();
        session.security().save_security_measure(m, true, today)?;
        n.security_measures += 1;
    }
    for (trainee, topic, done, renew) in [
        ("Sam Baker", "Data protection basics for shop staff", 11, 1),
        ("Priya Flour", "Handling data-subject requests", 3, 9),
    ] {
        let done = months_before(today, done);
        session.security().record_training(
            &Training {
                id: uuid::Uuid::nil(),
                trainee: trainee.into(),
                topic: topic.into(),
                completed_on: done,
                renew_on: Some(months_after(today, renew)),
            },
            today,
        )?;
    }
    Ok(())
}

fn write_activities(session: &mut Session, n: &mut DemoRecords) -> ServiceResult<()> {
    let mut newsletter = Activity::named("Sending the newsletter");
    newsletter.description = "A monthly newsletter with news, offers and events, sent from Mailchimp to people who asked for it.".into();
    newsletter.purposes = purposes(&["newsletter", "email-tracking"]);
    newsletter.subject_categories = vec!["Newsletter subscribers".into()];
    newsletter.data_categories =
        cats(&["contact.email", "identity.name", "online.email-engagement"]);
    newsletter.internal_recipients = vec!["Owner".into(), "Marketing".into()];
    newsletter.vendors = vec![code("Mailchimp")];
    newsletter.transfers = vec![Transfer {
        country: "United States".into(),
        safeguard: TransferSafeguard::Adequacy,
        note: "Mailchimp is certified under the EU–US Data Privacy Framework".into(),
    }];
    newsletter.retention_rules = vec!["withdrawn-contacts".into(), "inactive-contacts".into()];
    newsletter.security_measures = vec![code("Individual accounts with two-factor sign-in")];
    let mut recommendations = Activity::named("Personalised product recommendations");
    recommendations.description =
        "Choosing the products shown in each newsletter from what the person bought before.".into();
    recommendations.purposes = purposes(&["product-recommendations"]);
    recommendations.subject_categories = vec!["Newsletter subscribers who are customers".into()];
    recommendations.data_categories = cats(&["contact.email", "purchase.history"]);
    recommendations.vendors = vec![code("Mailchimp")];
    recommendations.retention_rules = vec!["inactive-contacts".into()];
    let mut orders = Activity::named("Order fulfilment");
    orders.description =
        "Taking orders online and in the shop, delivering them and handling returns.".into();
    orders.purposes = purposes(&["orders"]);
    orders.subject_categories = vec!["Customers".into()];
    orders.data_categories = cats(&[
        "contact.email",
        "contact.postal-address",
        "contact.phone",
        "identity.name",
        "purchase.history",
        "purchase.payment",
    ]);
    orders.internal_recipients = vec!["Shop staff".into()];
    orders.vendors = vec![
        code("Webshop Platform Ltd"),
        code("Courier Express"),
        code("Bookkeeper & Co"),
    ];
    orders.retention_rules = vec!["former-customers".into()];
    orders.security_measures = vec![
        code("Encrypted customer records"),
        code("Weekly backups, restored once a quarter"),
    ];
    orders.security_note =
        "Card payments are handled by the shop platform; we never see card numbers.".into();
    for a in [&newsletter, &recommendations, &orders] {
        session.records().save_activity(a, true)?;
        n.activities += 1;
    }
    Ok(())
}

fn write_systems(session: &mut Session, n: &mut DemoRecords) -> ServiceResult<()> {
    let system = |name: &str,
                  kind,
                  location: &str,
                  vendor: Option<&str>,
                  categories: &[&str],
                  activities: &[&str],
                  keeps: Option<(u32, PeriodUnit)>| DataSystem {
        code: code(name),
        name: name.into(),
        kind,
        location: location.into(),
        vendor: vendor.map(code),
        data_categories: cats(categories),
        activities: activities.iter().map(|a| code(a)).collect(),
        holds_register: false,
        keeps_for: keeps.map(|(amount, unit)| Period { amount, unit }),
        notes: String::new(),
    };
    let mut audience = system(
        "Mailchimp audience",
        SystemKind::EmailPlatform,
        "United States (Mailchimp)",
        Some("Mailchimp"),
        &[
            "contact.email",
            "identity.name",
            "online.email-engagement",
            "purchase.history",
        ],
        &[
            "Sending the newsletter",
            "Personalised product recommendations",
        ],
        Some((24, PeriodUnit::Months)),
    );
    audience.holds_register = true;
    audience.notes = "The register of this app was imported from this audience.".into();
    let shop = system(
        "Online shop",
        SystemKind::Shop,
        "Ireland (Webshop Platform Ltd)",
        Some("Webshop Platform Ltd"),
        &[
            "contact.email",
            "contact.postal-address",
            "contact.phone",
            "identity.name",
            "identity.date-of-birth",
            "purchase.history",
            "purchase.payment",
        ],
        &["Order fulfilment"],
        Some((6, PeriodUnit::Years)),
    );
    let spreadsheet = system(
        "Order spreadsheet",
        SystemKind::Spreadsheet,
        "Office laptop, shared drive",
        None,
        &[
            "identity.name",
            "contact.postal-address",
            "purchase.history",
        ],
        &["Order fulfilment"],
        None,
    );
    let paper = system(
        "Paper order book",
        SystemKind::PaperFiles,
        "Locked cabinet in the back office",
        None,
        &["identity.name", "contact.phone"],
        &["Order fulfilment"],
        Some((1, PeriodUnit::Years)),
    );
    for s in [&audience, &shop, &spreadsheet, &paper] {
        session.records().save_data_system(s, true)?;
        n.systems += 1;
    }
    Ok(())
}
