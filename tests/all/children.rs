//! Issue 16, children: GDPR and UK GDPR Art. 8(1) (16, or the member state's age, not below
//! 13; UK 13 under DPA 2018 s. 9), Cal. Civ. Code § 1798.120(c) (under 16 opt-in, under 13 a
//! parent's, 11 CCR §§ 7070–7071). A person's age is kept sealed, a parent's authorisation is
//! recorded on the consent event (name sealed), a child's consent nobody authorised is left out
//! of the campaign check, the suppression list and the review queue with the reason
//! `child-without-parental-consent`, and both records go with the person at erasure. The
//! command line: `subject set-age`, `consent record --parental-authorisation-by --verified-by`,
//! `subject show --json`.

use std::path::Path;

use chrono::{Datelike as _, Duration, NaiveDate, Utc};
use privacy_desk::domain::children::{
    AgeBand, AgeValue, ParentalAuthorisation, VerificationMethod,
};
use privacy_desk::domain::consent::{
    Channel, ConsentEvent, ConsentEventKind, Evidence, ReviewReason,
};
use privacy_desk::domain::holidays::Jurisdiction;
use privacy_desk::domain::organisation::Regime;
use privacy_desk::domain::purpose::PurposeCode;
use privacy_desk::jobs::Progress;
use privacy_desk::services::{CampaignCheck, Session};
use uuid::Uuid;

use crate::common::desk::Desk;
use crate::common::{TempStore, draft, profile, query_i64};

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

fn given(purpose: &str, days_ago: i64) -> ConsentEvent {
    ConsentEvent {
        purpose: Some(PurposeCode::parse(purpose).unwrap()),
        kind: ConsentEventKind::Given,
        at: Utc::now() - Duration::days(days_ago),
        channel: Channel::WebForm,
        notice_version: Some(1),
        evidence: Evidence {
            form_id: "signup".into(),
            ..Evidence::default()
        },
        recorded_by: String::new(),
    }
}

fn parent() -> ParentalAuthorisation {
    ParentalAuthorisation {
        authorised_by: "Orla Fenwick".into(),
        method: VerificationMethod::SignedForm,
        authorised_on: today(),
    }
}

/// A store under `regimes` with a child (born `years` ago, so at least `years - 1` old) who
/// consented to `purpose`, and an adult who did too.
fn store_with_child(
    regimes: &[Regime],
    years: i32,
    purpose: &str,
) -> (TempStore, Session, Uuid, Uuid) {
    let store = TempStore::new();
    let (s, _) = store.create();
    let mut p = profile("Fenwick Toys");
    p.regimes = regimes.iter().copied().collect();
    s.settings().save_profile(&p).unwrap();
    let child = s
        .subjects()
        .add_subject(&draft("Pip Fenwick", "pip@example.org"))
        .unwrap();
    let adult = s
        .subjects()
        .add_subject(&draft("Ada Fenwick", "ada@example.org"))
        .unwrap();
    for id in [child, adult] {
        s.consent().record_consent(id, &given(purpose, 10)).unwrap();
    }
    s.consent()
        .set_age(
            child,
            AgeValue::BirthYear(today().year() - years),
            None,
            today(),
        )
        .unwrap();
    s.consent()
        .set_age(
            adult,
            AgeValue::Band(AgeBand::Adult),
            Some(VerificationMethod::GovernmentId),
            today(),
        )
        .unwrap();
    (store, s, child, adult)
}

fn check(s: &Session, dir: &Path, purpose: &str) -> (u64, u64) {
    let audience = dir.join("audience.csv");
    std::fs::write(
        &audience,
        "Email Address\npip@example.org\nada@example.org\n",
    )
    .unwrap();
    let report = s
        .campaigns()
        .check_audience(&CampaignCheck {
            audience,
            purpose: PurposeCode::parse(purpose).unwrap(),
            out: dir.join("clean.csv"),
            suppression_out: None,
            name: None,
            now: Utc::now(),
        })
        .unwrap();
    (
        report.sendable,
        report.excluded.0["child-without-parental-consent"],
    )
}

fn suppressed(s: &mut Session, dir: &Path, purpose: &str) -> String {
    let out = dir.join("suppression.csv");
    s.exports()
        .export_suppression(
            &PurposeCode::parse(purpose).unwrap(),
            &out,
            &Progress::default(),
        )
        .unwrap();
    std::fs::read_to_string(out).unwrap()
}

fn child_items(s: &Session, child: Uuid) -> usize {
    s.consent()
        .review_queue(24, Utc::now())
        .unwrap()
        .iter()
        .filter(|i| {
            i.subject == child
                && i.reasons
                    .contains(&ReviewReason::ChildWithoutParentalConsent)
        })
        .count()
}

/// The consent event id of the child's newsletter consent.
fn consent_event(s: &Session, child: Uuid) -> Uuid {
    s.consent().child_view(child, false).unwrap().lines[0].event
}

/// GDPR Art. 8(1): a 13-year-old's consent (below 16, no member state chosen) is left out of
/// the campaign, put on the suppression list and in the review queue until a parent's
/// authorisation is recorded; the adult is not touched.
#[test]
fn a_childs_consent_counts_only_with_a_parents_authorisation() {
    let (store, mut s, child, _) = store_with_child(&[Regime::Gdpr], 14, "newsletter");
    let dir = store.dir.path();
    assert_eq!(check(&s, dir, "newsletter"), (1, 1));
    assert!(suppressed(&mut s, dir, "newsletter").contains("pip@example.org"));
    assert_eq!(child_items(&s, child), 1);

    let event = consent_event(&s, child);
    s.consent()
        .record_parental_authorisation(child, event, &parent())
        .unwrap();
    assert_eq!(check(&s, dir, "newsletter"), (2, 0));
    assert!(!suppressed(&mut s, dir, "newsletter").contains("pip@example.org"));
    assert_eq!(child_items(&s, child), 0);

    // The audit trail says what was done, never the age or the parent's name.
    let entries = s.audit().audit_page(&Default::default(), 0, 50).unwrap();
    let ours: Vec<_> = entries
        .iter()
        .filter(|e| e.action.starts_with("subject.age") || e.action.contains("parental"))
        .collect();
    assert_eq!(ours.len(), 3, "{entries:?}");
    for e in ours {
        for personal in ["Orla", "Fenwick", &(today().year() - 14).to_string()] {
            assert!(!e.details.contains(personal), "{}", e.details);
        }
    }
}

/// The thresholds: GDPR Art. 8(1) 16 with no member state chosen, Ireland's 16 (Data Protection
/// Act 2018 s. 31) once its calendar is chosen; UK GDPR 13 (DPA 2018 s. 9): a 14-year-old's
/// consent stands under the UK GDPR.
#[test]
fn the_threshold_follows_the_regime_and_the_chosen_member_state() {
    let (_store, s, child, _) = store_with_child(&[Regime::Gdpr], 14, "newsletter");
    let t = s.consent().age_thresholds().unwrap();
    assert_eq!((t.len(), t[0].age), (1, 16));
    assert!(
        t[0].source.contains("no member state is chosen"),
        "{}",
        t[0].source
    );
    s.requests()
        .set_regime_jurisdiction(Regime::Gdpr, Jurisdiction::Ireland)
        .unwrap();
    let t = s.consent().age_thresholds().unwrap();
    assert_eq!(t[0].age, 16);
    assert!(
        t[0].source.contains("Ireland") && t[0].source.contains("s. 31"),
        "{}",
        t[0].source
    );
    drop(s);

    let (store, s, child_uk, _) = store_with_child(&[Regime::UkGdpr], 15, "newsletter");
    let t = s.consent().age_thresholds().unwrap();
    assert_eq!(t[0].age, 13);
    assert!(t[0].source.contains("s. 9"));
    assert_eq!(check(&s, store.dir.path(), "newsletter"), (2, 0));
    assert_eq!(child_items(&s, child_uk), 0);
    let _ = child;
}

/// Cal. Civ. Code § 1798.120(c): a known 14-year-old is not sold or shared without their own
/// opt-in (11 CCR § 7071); an 11-year-old needs a parent's (§ 7070), verified by a § 7070(a)(2)
/// method.
#[test]
fn ccpa_under_16_needs_an_opt_in_and_under_13_a_parents() {
    let opt_in = |days_ago: i64| ConsentEvent {
        purpose: None,
        kind: ConsentEventKind::OptedInToSaleOrSharing,
        at: Utc::now() - Duration::days(days_ago),
        channel: Channel::WebForm,
        notice_version: None,
        evidence: Evidence {
            confirmed_at: (Utc::now() - Duration::days(days_ago)).to_rfc3339(),
            ..Evidence::default()
        },
        recorded_by: String::new(),
    };
    let (store, s, teen, _) = store_with_child(&[Regime::CcpaCpra], 15, "partner-sharing");
    let dir = store.dir.path();
    assert_eq!(check(&s, dir, "partner-sharing"), (1, 1));
    s.consent().record_consent(teen, &opt_in(5)).unwrap();
    assert_eq!(check(&s, dir, "partner-sharing"), (2, 0));
    drop(s);

    let (store, s, kid, _) = store_with_child(&[Regime::CcpaCpra], 12, "partner-sharing");
    let dir = store.dir.path();
    s.consent().record_consent(kid, &opt_in(5)).unwrap();
    assert_eq!(check(&s, dir, "partner-sharing"), (1, 1));
    // An email to the parent is not a § 7070(a)(2) method.
    let by_email = ParentalAuthorisation {
        method: VerificationMethod::ParentEmail,
        ..parent()
    };
    s.consent()
        .record_consent_authorised(kid, &opt_in(4), &by_email)
        .unwrap();
    assert_eq!(check(&s, dir, "partner-sharing"), (1, 1));
    s.consent()
        .record_consent_authorised(kid, &opt_in(3), &parent())
        .unwrap();
    assert_eq!(check(&s, dir, "partner-sharing"), (2, 0));
}

/// Erasure (Art. 17): the age and the parental authorisations go with the person.
#[test]
fn the_age_and_authorisations_go_with_the_person_at_erasure() {
    let (store, s, child, adult) = store_with_child(&[Regime::Gdpr], 14, "newsletter");
    let event = consent_event(&s, child);
    s.consent()
        .record_parental_authorisation(child, event, &parent())
        .unwrap();
    s.requests().erase_subject(child, None, today()).unwrap();
    let conn = store.raw();
    assert_eq!(
        query_i64(&conn, "SELECT COUNT(*) FROM parental_authorisations"),
        0
    );
    assert_eq!(query_i64(&conn, "SELECT COUNT(*) FROM subject_ages"), 1);
    assert!(s.consent().child_view(adult, false).unwrap().age.is_some());
}

/// A parent authorises a consent: not a withdrawal, not another person's event; nothing is
/// recorded when refused.
#[test]
fn an_authorisation_is_refused_on_the_wrong_event() {
    let (store, s, child, adult) = store_with_child(&[Regime::Gdpr], 14, "newsletter");
    let adults_event = consent_event(&s, adult);
    let err = s
        .consent()
        .record_parental_authorisation(child, adults_event, &parent())
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("not a given, refreshed or opt-in event"),
        "{err}"
    );
    let mut withdrawal = given("newsletter", 1);
    withdrawal.kind = ConsentEventKind::Withdrawn;
    let before = query_i64(&store.raw(), "SELECT COUNT(*) FROM consent_events");
    let err = s
        .consent()
        .record_consent_authorised(child, &withdrawal, &parent())
        .unwrap_err();
    assert!(
        err.to_string().contains("a parent authorises a consent"),
        "{err}"
    );
    let nameless = ParentalAuthorisation {
        authorised_by: "  ".into(),
        ..parent()
    };
    assert!(
        s.consent()
            .record_consent_authorised(child, &given("newsletter", 1), &nameless)
            .is_err()
    );
    assert_eq!(
        query_i64(&store.raw(), "SELECT COUNT(*) FROM consent_events"),
        before
    );
    assert_eq!(
        query_i64(&store.raw(), "SELECT COUNT(*) FROM parental_authorisations"),
        0
    );
}

/// The command line: `subject set-age`, `consent record --parental-authorisation-by
/// --verified-by`, `subject show --json`; bad input exits 1 naming the flag, nothing changed.
#[test]
fn the_command_line_records_ages_and_authorisations() {
    let desk = Desk::new();
    desk.ok(&[
        "subject",
        "add",
        "--email",
        "pip@example.org",
        "--name",
        "Pip Fenwick",
    ]);
    let show = || desk.json(&["subject", "show", "pip@example.org", "--json"]);
    assert!(show()["age"].is_null());
    let year = (today().year() + 1).to_string();
    let cases: [(&[&str], &str); 6] = [
        (&[], "give the age: --birth-year"),
        (&["--birth-year", "2012", "--age-band", "13-15"], "not both"),
        (
            &["--birth-year", "twelve"],
            "--birth-year \"twelve\" is not a year",
        ),
        (&["--birth-year", &year], "--birth-year"),
        (
            &["--age-band", "teen"],
            "--age-band \"teen\" is not a band; use one of under-13, 13-15",
        ),
        (
            &["--age-band", "13-15", "--verified-by", "fax"],
            "--verified-by \"fax\" is not a method",
        ),
    ];
    for (args, message) in cases {
        let mut all = vec!["subject", "set-age", "pip@example.org"];
        all.extend_from_slice(args);
        desk.fails(&all, message);
    }
    assert!(show()["age"].is_null());

    desk.ok(&[
        "subject",
        "set-age",
        "pip@example.org",
        "--birth-year",
        "2013",
        "--verified-by",
        "government-id",
    ]);
    let age = &show()["age"];
    assert_eq!(age["birth_year"], 2013);
    assert_eq!(age["basis"], "verified");
    assert_eq!(age["verified_by"], "government-id");
    assert!(
        age["thresholds"][0]["source"]
            .as_str()
            .unwrap()
            .contains("Art. 8(1)")
    );
    let id = show()["id"].as_str().unwrap().to_owned();
    desk.ok(&["subject", "set-age", &id, "--age-band", "13-15"]);
    assert_eq!(show()["age"]["age_band"], "13-15");
    assert_eq!(show()["age"]["basis"], "stated");

    let record = [
        "consent",
        "record",
        "pip@example.org",
        "--purpose",
        "newsletter",
        "--event",
        "given",
        "--channel",
        "paper",
    ];
    let refused: [(&[&str], &str); 4] = [
        (
            &["--parental-authorisation-by", "Orla Fenwick"],
            "--parental-authorisation-by needs --verified-by",
        ),
        (
            &["--verified-by", "signed-form"],
            "--verified-by needs --parental-authorisation-by",
        ),
        (
            &[
                "--parental-authorisation-by",
                "Orla Fenwick",
                "--verified-by",
                "fax",
            ],
            "--verified-by \"fax\" is not a method",
        ),
        (
            &[
                "--parental-authorisation-by",
                " ",
                "--verified-by",
                "signed-form",
            ],
            "--parental-authorisation-by: give the name",
        ),
    ];
    for (args, message) in refused {
        let mut all = record.to_vec();
        all.extend_from_slice(args);
        desk.fails(&all, message);
    }
    assert_eq!(show()["timeline"].as_array().unwrap().len(), 0);

    let mut all = record.to_vec();
    all.extend_from_slice(&[
        "--parental-authorisation-by",
        "Orla Fenwick",
        "--verified-by",
        "signed-form",
    ]);
    desk.ok(&all);
    let auths = show()["parental_authorisations"].clone();
    assert_eq!(auths.as_array().unwrap().len(), 1);
    assert_eq!(auths[0]["verified_by"], "signed-form");
    assert_eq!(auths[0]["purpose"], "newsletter");
    assert!(auths[0].get("authorised_by").is_none(), "{auths}");
    let named = desk.json(&[
        "subject",
        "show",
        "pip@example.org",
        "--json",
        "--with-parent-names",
    ]);
    assert_eq!(
        named["parental_authorisations"][0]["authorised_by"],
        "Orla Fenwick"
    );
    let text = desk.ok(&["subject", "show", "pip@example.org"]).stdout;
    assert!(
        text.contains("parental authorisation: given newsletter"),
        "{text}"
    );
    assert!(!text.contains("Orla"), "{text}");
}
