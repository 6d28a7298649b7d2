//! Issue 16 item 11 through the library: a high-risk breach is closed only once the people were
//! told (day and method) or an Art. 34(3) exception is recorded (GDPR Art. 34(1), 34(3)); the
//! Art. 34 letter carries what Art. 34(2) requires; the audit trail names the step, never the
//! facts or the reasons.

use chrono::{Local, NaiveDate, TimeDelta, Utc};
use privacy_desk::domain::records::incident::{
    Art34Exception, Art34Ground, BreachRisk, CommunicationMethod,
};
use privacy_desk::domain::records::{IncidentDetails, IncidentEntry};
use privacy_desk::services::Session;
use privacy_desk::store::audit_log::AuditFilter;
use uuid::Uuid;

use crate::common::TempStore;

const FACTS: &str = "A copy of the customer list was emailed to the wrong address";
const EFFECTS: &str = "Names and home addresses could be used for targeted scams";
const REMEDIAL: &str = "The recipient confirmed deletion; outgoing mail is now checked";
const REASON: &str = "Quillfeather's archive was encrypted with a key never exposed";

/// A high-risk breach, notified to the authority on time, its Art. 33(5) record complete.
fn high_risk(s: &mut Session) -> Uuid {
    let now = Utc::now();
    let mut entry = IncidentEntry::new(
        now - TimeDelta::hours(30),
        IncidentDetails {
            facts: FACTS.into(),
            effects: EFFECTS.into(),
            remedial_action: REMEDIAL.into(),
            risk: BreachRisk::HighRisk,
            ..IncidentDetails::default()
        },
    );
    entry.authority_notified_at = Some(now - TimeDelta::hours(2));
    s.security().record_incident(&entry, now).unwrap().id
}

#[test]
fn a_high_risk_breach_is_closed_only_once_the_people_were_told() {
    let store = TempStore::new();
    let (mut s, _) = store.create();
    let now = Utc::now();
    let today = Local::now().date_naive();
    let id = high_risk(&mut s);

    let e = s.security().close_incident(id, today, now).unwrap_err();
    let message = e.to_string();
    assert!(message.contains("Art. 34(1)"), "{message}");
    assert!(message.contains("Art. 34(3)"), "{message}");
    let i = s.security().incident(id).unwrap().unwrap();
    assert_eq!(i.closed_on, None);
    assert!(i.entry.people_to_tell());

    // The old flag alone (neither when nor how) does not settle it.
    let mut flagged = i.entry.clone();
    flagged.subjects_notified = true;
    s.security().update_incident(id, &flagged, now).unwrap();
    assert!(s.security().close_incident(id, today, now).is_err());

    // Told before becoming aware: refused.
    let before = (now - TimeDelta::days(3)).date_naive();
    let e = s
        .security()
        .notify_people(id, before, CommunicationMethod::Email, now)
        .unwrap_err();
    assert!(e.to_string().contains("People told on"), "{e}");

    let i = s
        .security()
        .notify_people(id, today, CommunicationMethod::Letter, now)
        .unwrap();
    assert!(!i.entry.people_to_tell());
    assert!(i.entry.subjects_notified);
    assert_eq!(
        i.entry.details.people_told.map(|t| (t.on, t.method)),
        Some((today, CommunicationMethod::Letter))
    );
    s.security().close_incident(id, today, now).unwrap();
    assert_eq!(
        s.security().incident(id).unwrap().unwrap().closed_on,
        Some(today)
    );
}

#[test]
fn an_art_34_3_exception_lets_it_close_with_its_reasons() {
    let store = TempStore::new();
    let (mut s, _) = store.create();
    let now = Utc::now();
    let today = Local::now().date_naive();
    let id = high_risk(&mut s);

    // (c) needs the public communication that replaces telling each person.
    let mut exception = Art34Exception {
        ground: Art34Ground::DisproportionateEffort,
        reason: "No contact details are held for these people".into(),
        public_notice_on: None,
    };
    let e = s
        .security()
        .record_art34_exception(id, &exception, now)
        .unwrap_err();
    assert!(e.to_string().contains("public communication"), "{e}");
    // A reason is required.
    exception.ground = Art34Ground::Unintelligible;
    exception.reason = "  ".into();
    assert!(
        s.security()
            .record_art34_exception(id, &exception, now)
            .is_err()
    );
    assert!(s.security().close_incident(id, today, now).is_err());

    exception.reason = REASON.into();
    let i = s
        .security()
        .record_art34_exception(id, &exception, now)
        .unwrap();
    assert!(!i.entry.people_to_tell());
    assert!(
        !i.entry.subjects_notified,
        "an exception is not a communication"
    );
    s.security().close_incident(id, today, now).unwrap();

    // The audit trail names the ground, never the reasons.
    let entries = s
        .audit()
        .audit_page(&AuditFilter::default(), 0, 10_000)
        .unwrap();
    let details: Vec<&str> = entries.iter().map(|e| e.details.as_str()).collect();
    assert!(
        details
            .iter()
            .any(|d| d.contains("Art. 34(3)(a) exception recorded")),
        "{details:#?}"
    );
    assert!(
        details.iter().all(|d| !d.contains("Quillfeather")),
        "{details:#?}"
    );
}

#[test]
fn breaches_below_a_high_risk_close_without_telling_the_people() {
    let store = TempStore::new();
    let (mut s, _) = store.create();
    let now = Utc::now();
    let id = high_risk(&mut s);
    let mut entry = s.security().incident(id).unwrap().unwrap().entry;
    entry.details.risk = BreachRisk::Risk;
    s.security().update_incident(id, &entry, now).unwrap();
    s.security()
        .close_incident(id, Local::now().date_naive(), now)
        .unwrap();
}

#[test]
fn the_art_34_letter_says_what_art_34_2_requires() {
    let store = TempStore::new();
    let (mut s, _) = store.create();
    let id = high_risk(&mut s);
    let today = NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
    // No profile yet: the error names what is missing.
    let e = s.security().breach_letter(id, today).unwrap_err();
    assert!(e.to_string().contains("organisation"), "{e}");

    let mut profile = crate::common::profile("Hollin Bakery Ltd");
    s.settings().save_profile(&profile).unwrap();
    let letter = s.security().breach_letter(id, today).unwrap();
    assert!(letter.subject.contains("INC-0001"), "{}", letter.subject);
    let body = &letter.body;
    assert!(body.starts_with("9 March 2026"), "{body}");
    for (what, text) in [
        ("the nature of the breach", FACTS),
        ("the likely consequences, Art. 33(3)(c)", EFFECTS),
        ("the measures, Art. 33(3)(d)", REMEDIAL),
        (
            "the contact point without a DPO, Art. 33(3)(b)",
            "please contact: Hollin Bakery Ltd, controller@example.org",
        ),
    ] {
        assert!(body.contains(text), "{what}: {body}");
    }
    assert!(!body.contains("{{"), "{body}");

    // With a data protection officer, the letter names them as the contact point.
    profile.dpo.name = "Priya Shah".into();
    profile.dpo.email = "dpo@hollin.example".into();
    s.settings().save_profile(&profile).unwrap();
    let body = s.security().breach_letter(id, today).unwrap().body;
    assert!(
        body.contains(
            "please contact: our data protection officer, Priya Shah, dpo@hollin.example"
        ),
        "{body}"
    );
}
