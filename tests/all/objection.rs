//! Issue 16: objection to processing on legitimate interests (GDPR and UK GDPR Art. 21(1)).
//! An objection stops processing for the legitimate-interest purposes unless the officer
//! records compelling legitimate grounds or legal claims; direct marketing always stops
//! (Art. 21(2)–(3)); `request show --json` and the completion letter say which purposes
//! stopped and which continue on which ground.

use chrono::NaiveDate;
use privacy_desk::domain::letters::LetterKind;
use privacy_desk::domain::organisation::Regime;
use privacy_desk::domain::purpose::{LegalBasis, Purpose, PurposeCode};
use privacy_desk::domain::request::objection::{
    ContinueGround, ObjectionDecision, ObjectionOutcome,
};
use privacy_desk::domain::request::{RequestChannel, RequestDraft, RequestType, Requester};
use privacy_desk::services::Session;
use uuid::Uuid;

use crate::common::desk::Desk;
use crate::common::{PASS, TempStore, profile, unlock};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn code(s: &str) -> PurposeCode {
    PurposeCode::parse(s).unwrap()
}

fn purpose(c: &str, name: &str, basis: LegalBasis) -> Purpose {
    Purpose {
        code: code(c),
        name: name.into(),
        description: "What is done.".into(),
        legal_basis: basis,
        data_categories: vec!["contact.email".into()],
        ccpa_sale_or_share: false,
    }
}

/// Two purposes on legitimate interests and one on a contract.
fn add_purposes(s: &mut Session) {
    for p in [
        purpose(
            "customer-analytics",
            "Customer analytics",
            LegalBasis::LegitimateInterests,
        ),
        purpose(
            "fraud-checks",
            "Fraud checks",
            LegalBasis::LegitimateInterests,
        ),
        purpose("order-delivery", "Order delivery", LegalBasis::Contract),
    ] {
        s.consent().add_purpose(&p, "Notice.").unwrap();
    }
}

fn open(s: &mut Session, kind: RequestType) -> Uuid {
    let draft = RequestDraft {
        regime: Regime::UkGdpr,
        kind,
        received: d("2026-03-02"),
        channel: RequestChannel::Email,
        email: "ana@example.org".into(),
        requester: Requester {
            name: "Ana Pires".into(),
            ..Requester::default()
        },
        details: String::new(),
    };
    s.requests()
        .open_request(&draft, d("2026-11-29"))
        .unwrap()
        .0
}

fn decision(c: &str, outcome: ObjectionOutcome, reason: &str) -> ObjectionDecision {
    ObjectionDecision {
        purpose: code(c),
        outcome,
        direct_marketing: false,
        reason: reason.into(),
        decided_on: d("2026-03-10"),
        decided_by: String::new(),
    }
}

#[test]
fn an_objection_stops_legitimate_interest_purposes_unless_grounds_are_recorded() {
    let store = TempStore::new();
    let (mut s, _) = store.create();
    add_purposes(&mut s);
    let r = open(&mut s, RequestType::Objection);
    let today = d("2026-11-29");

    // Only the legitimate-interest purposes are reached; undecided, both count as stopped.
    let purposes = s.requests().objection_purposes(r).unwrap();
    let codes: Vec<&str> = purposes.iter().map(|p| p.code.as_str()).collect();
    assert_eq!(codes, ["customer-analytics", "fraud-checks"]);
    assert!(
        purposes
            .iter()
            .all(|p| p.outcome == ObjectionOutcome::Stopped)
    );

    // Continuing without reasons, on a contract purpose, or for direct marketing: refused,
    // nothing recorded.
    let legal = ObjectionOutcome::Continues(ContinueGround::LegalClaims);
    let no_reason = s
        .requests()
        .decide_objection(r, &decision("fraud-checks", legal, " "), today)
        .unwrap_err();
    assert!(no_reason.to_string().contains("Art. 21(1)"), "{no_reason}");
    let contract = s
        .requests()
        .decide_objection(
            r,
            &decision("order-delivery", ObjectionOutcome::Stopped, ""),
            today,
        )
        .unwrap_err();
    assert!(contract.to_string().contains("Contract"), "{contract}");
    let mut marketing = decision("customer-analytics", legal, "we want to");
    marketing.direct_marketing = true;
    let absolute = s
        .requests()
        .decide_objection(r, &marketing, today)
        .unwrap_err();
    assert!(absolute.to_string().contains("Art. 21(2)"), "{absolute}");
    assert!(
        s.requests()
            .objection_purposes(r)
            .unwrap()
            .iter()
            .all(|p| p.decision.is_none())
    );

    // Fraud checks continue for a disputed order; analytics stop.
    s.requests()
        .decide_objection(
            r,
            &decision("fraud-checks", legal, "Ana disputes order 1182 in court"),
            today,
        )
        .unwrap();
    s.requests()
        .decide_objection(
            r,
            &decision("customer-analytics", ObjectionOutcome::Stopped, ""),
            today,
        )
        .unwrap();
    let purposes = s.requests().objection_purposes(r).unwrap();
    assert_eq!(purposes[0].outcome, ObjectionOutcome::Stopped);
    assert_eq!(purposes[1].outcome, legal);
    assert_eq!(
        purposes[1].decision.as_ref().unwrap().reason,
        "Ana disputes order 1182 in court"
    );

    // The completion letter says what stopped and what continues, on which ground.
    s.settings()
        .save_profile(&profile("Acme Widgets Ltd"))
        .unwrap();
    s.requests().start_work(r).unwrap();
    s.requests()
        .complete_request(r, "", d("2026-03-12"))
        .unwrap();
    let letter = s
        .requests()
        .letter(r, LetterKind::Completion, today)
        .unwrap();
    assert!(
        letter
            .body
            .contains("stopped using your personal data for: Customer analytics."),
        "{}",
        letter.body
    );
    assert!(
        letter.body.contains(
            "Fraud checks, because it is needed to establish, exercise or defend legal claims"
        ),
        "{}",
        letter.body
    );
    // Closed: no more decisions.
    let closed = s
        .requests()
        .decide_objection(
            r,
            &decision("fraud-checks", ObjectionOutcome::Stopped, ""),
            today,
        )
        .unwrap_err();
    assert!(closed.to_string().contains("closed"), "{closed}");
}

#[test]
fn decisions_are_recorded_on_objection_requests_only() {
    let store = TempStore::new();
    let (mut s, _) = store.create();
    add_purposes(&mut s);
    let r = open(&mut s, RequestType::Access);
    let e = s
        .requests()
        .decide_objection(
            r,
            &decision("fraud-checks", ObjectionOutcome::Stopped, ""),
            d("2026-11-29"),
        )
        .unwrap_err();
    assert!(e.to_string().contains("objection requests only"), "{e}");
}

/// The erasure of the person replaces the reasons written on their objection.
#[test]
fn erasure_replaces_the_reasons_of_an_objection() {
    let store = TempStore::new();
    let (mut s, _) = store.create();
    add_purposes(&mut s);
    let r = open(&mut s, RequestType::Objection);
    let legal = ObjectionOutcome::Continues(ContinueGround::LegalClaims);
    s.requests()
        .decide_objection(
            r,
            &decision("fraud-checks", legal, "Ana disputes order 1182"),
            d("2026-11-29"),
        )
        .unwrap();
    let subject = s.requests().request_detail(r, d("2026-11-29")).unwrap();
    let subject = subject.request.subject_id.unwrap();
    s.requests()
        .erase_subject(subject, None, d("2026-11-29"))
        .unwrap();
    let kept = s.requests().objection_purposes(r).unwrap();
    let fraud = kept[1].decision.as_ref().unwrap();
    assert_eq!(fraud.outcome, legal, "the decision stays");
    assert_eq!(fraud.reason, privacy_desk::store::requests::ERASED_TEXT);
}

/// On the command line: bad input exits 1 naming what to do, nothing changes; `request show
/// --json` lists the purposes stopped and those continuing with their ground.
#[test]
fn request_object_on_the_command_line() {
    let desk = Desk::new();
    {
        let mut s = unlock(&desk.store.path, PASS).unwrap();
        add_purposes(&mut s);
    }
    let out = desk.ok(&[
        "request",
        "open",
        "--type",
        "objection",
        "--regime",
        "gdpr",
        "--email",
        "ana@example.org",
        "--received",
        "2026-03-02",
    ]);
    let r = out.stdout.lines().last().unwrap().to_owned();
    let show = |desk: &Desk| desk.json(&["request", "show", &r, "--json"]);
    let before = show(&desk);
    assert_eq!(
        before["objection"]["stopped"][0]["purpose"],
        "customer-analytics"
    );
    assert_eq!(before["objection"]["stopped"][0]["decided"], false);
    assert_eq!(before["objection"]["continues"], serde_json::json!([]));

    desk.fails(
        &[
            "request",
            "object",
            &r,
            "--purpose",
            "fraud-checks",
            "--continue",
            "because",
        ],
        "--continue: \"because\" is not a ground; use compelling-grounds or legal-claims",
    );
    desk.fails(
        &[
            "request",
            "object",
            &r,
            "--purpose",
            "fraud-checks",
            "--continue",
            "legal-claims",
        ],
        "--reason",
    );
    desk.fails(
        &[
            "request",
            "object",
            &r,
            "--purpose",
            "fraud-checks",
            "--continue",
            "compelling-grounds",
            "--reason",
            "x",
            "--direct-marketing",
        ],
        "absolute",
    );
    desk.fails(
        &["request", "object", &r, "--purpose", "no-such-purpose"],
        "there is no purpose no-such-purpose",
    );
    assert_eq!(show(&desk)["steps"], before["steps"], "nothing changed");

    desk.ok(&[
        "request",
        "object",
        &r,
        "--purpose",
        "fraud-checks",
        "--continue",
        "compelling-grounds",
        "--reason",
        "Chargebacks on this account",
        "--on",
        "2026-03-05",
    ]);
    let doc = show(&desk);
    let cont = &doc["objection"]["continues"][0];
    assert_eq!(cont["purpose"], "fraud-checks", "{doc}");
    assert_eq!(cont["ground"], "compelling-grounds", "{doc}");
    assert_eq!(cont["decided_on"], "2026-03-05", "{doc}");
    assert_eq!(
        doc["objection"]["stopped"][0]["purpose"],
        "customer-analytics"
    );
    assert!(
        !doc.to_string().contains("Chargebacks"),
        "the reason is not printed in the JSON: {doc}"
    );
}

/// Art. 21(1), (3): a person whose objection stopped a purpose is left out of the campaign
/// check for it (reason `objected`) and put on its suppression list, while another person with
/// the same consent is sendable; a purpose the decision does not name is not affected.
#[test]
fn a_stopped_purpose_leaves_the_person_out_of_campaigns_and_onto_suppression() {
    use chrono::{Duration, Utc};
    use privacy_desk::domain::consent::{Channel, ConsentEvent, ConsentEventKind, Evidence};
    use privacy_desk::jobs::Progress;
    use privacy_desk::services::CampaignCheck;

    let store = TempStore::new();
    let (mut s, _) = store.create();
    add_purposes(&mut s);
    let given = |c: &str| ConsentEvent {
        purpose: Some(code(c)),
        kind: ConsentEventKind::Given,
        at: Utc::now() - Duration::days(20),
        channel: Channel::WebForm,
        notice_version: Some(1),
        evidence: Evidence {
            form_id: "signup".into(),
            ..Evidence::default()
        },
        recorded_by: "owner".into(),
    };
    for (name, email) in [
        ("Ana Pires", "ana@example.org"),
        ("Bo Lund", "bo@example.org"),
    ] {
        let id = s
            .subjects()
            .add_subject(&crate::common::draft(name, email))
            .unwrap();
        for c in ["customer-analytics", "fraud-checks"] {
            s.consent().record_consent(id, &given(c)).unwrap();
        }
    }
    let r = open(&mut s, RequestType::Objection);
    s.requests()
        .decide_objection(
            r,
            &decision("customer-analytics", ObjectionOutcome::Stopped, ""),
            Utc::now().date_naive(),
        )
        .unwrap();

    let dir = store.dir.path();
    let audience = dir.join("audience.csv");
    std::fs::write(&audience, "email\nana@example.org\nbo@example.org\n").unwrap();
    let check = |purpose: &str, out: &str| {
        s.campaigns()
            .check_audience(&CampaignCheck {
                audience: audience.clone(),
                purpose: code(purpose),
                out: dir.join(out),
                suppression_out: Some(dir.join(format!("supp-{out}"))),
                name: None,
                now: Utc::now(),
            })
            .unwrap()
    };
    let stopped = check("customer-analytics", "a.csv");
    assert_eq!(stopped.sendable, 1);
    assert_eq!(stopped.excluded.0["objected"], 1);
    let supp = std::fs::read_to_string(dir.join("supp-a.csv")).unwrap();
    assert!(supp.contains("ana@example.org,objected"), "{supp}");
    let other = check("fraud-checks", "b.csv");
    assert_eq!(other.sendable, 2, "the decision names analytics only");

    let list = dir.join("suppression.csv");
    s.exports()
        .export_suppression(&code("customer-analytics"), &list, &Progress::default())
        .unwrap();
    assert_eq!(
        std::fs::read_to_string(&list).unwrap(),
        "email\nana@example.org\n"
    );
    let other_list = dir.join("suppression-fraud.csv");
    s.exports()
        .export_suppression(&code("fraud-checks"), &other_list, &Progress::default())
        .unwrap();
    assert_eq!(std::fs::read_to_string(&other_list).unwrap(), "email\n");
}
