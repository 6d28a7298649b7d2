//! Pseudonymised exports (issue #7, item 5): the same person has the same pseudonym in every
//! export to one recipient and a different one for every other recipient; no identifier (email,
//! name, phone, customer reference, subject id) nor free text appears in the file; the
//! k-anonymity figure on a known data set, and the refusal under the threshold without
//! `--accept-low-k`; the lookup of a pseudonym finds the person; restricted people are left
//! out; the audit entry holds no personal data. The command line: `pseudonymised_export_cli.rs`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::{TimeZone, Utc};
use privacy_desk::domain::access::Role;
use privacy_desk::domain::consent::{Channel, ConsentEvent, ConsentEventKind, Evidence};
use privacy_desk::domain::pseudonymise::{DateGranularity, ExportField, parse_fields};
use privacy_desk::domain::purpose::PurposeCode;
use privacy_desk::domain::subject::SubjectDraft;
use privacy_desk::jobs::Progress;
use privacy_desk::services::{PseudonymisedSpec, ServiceError, Session};
use privacy_desk::store::audit_log::AuditFilter;
use uuid::Uuid;

use crate::common::{TempStore, pass, unlock_as};

/// The known data set: twelve people at three email domains — six at alpha, five at beta, one
/// at gamma — so over the email domain k = 1 (gamma alone), with one row in a group under 5.
const PEOPLE: [(&str, &str); 12] = [
    ("Ada Lovelace", "ada.lovelace@alpha.example"),
    ("Brian Kernighan", "brian.k@alpha.example"),
    ("Claude Shannon", "claude@alpha.example"),
    ("Dorothy Vaughan", "dorothy.v@alpha.example"),
    ("Edsger Dijkstra", "edsger@alpha.example"),
    ("Frances Allen", "frances.allen@alpha.example"),
    ("Grace Hopper", "grace@beta.example"),
    ("Hedy Lamarr", "hedy.lamarr@beta.example"),
    ("Ivan Sutherland", "ivan@beta.example"),
    ("Joan Clarke", "joan.clarke@beta.example"),
    ("Ken Thompson", "ken@beta.example"),
    ("Lynn Conway", "lynn.conway@gamma.example"),
];

pub(crate) struct Desk {
    pub(crate) store: TempStore,
    pub(crate) session: Session,
    /// Ids in the order of `PEOPLE`.
    ids: Vec<Uuid>,
    drafts: Vec<SubjectDraft>,
}

fn person(i: usize) -> SubjectDraft {
    let (name, email) = PEOPLE[i];
    SubjectDraft {
        email: email.into(),
        name: name.into(),
        phone: format!("+44 20 7946 {:04}", 1000 + i * 7),
        postal_address: format!("{} Orchard Row, Testington", 10 + i),
        customer_ref: format!("CR-{:05}-Q", 31_000 + i * 13),
        notes: format!("Prefers letters; spoke to {name} about the delivery"),
        tags: if i.is_multiple_of(2) {
            "vip".into()
        } else {
            String::new()
        },
    }
}

pub(crate) fn desk() -> Desk {
    let store = TempStore::new();
    let (session, _) = store.create();
    let drafts: Vec<SubjectDraft> = (0..PEOPLE.len()).map(person).collect();
    let ids: Vec<Uuid> = drafts
        .iter()
        .map(|d| session.subjects().add_subject(d).expect("add subject"))
        .collect();
    let newsletter = PurposeCode::parse("newsletter").unwrap();
    for (i, id) in ids.iter().enumerate().take(8) {
        let event = ConsentEvent {
            purpose: Some(newsletter.clone()),
            kind: ConsentEventKind::Given,
            at: Utc
                .with_ymd_and_hms(2025, 3, 1 + i as u32, 12, 0, 0)
                .unwrap(),
            channel: Channel::WebForm,
            notice_version: Some(1),
            evidence: Evidence {
                ip: format!("192.0.2.{}", 10 + i),
                note: format!("signed up at the fair, table {i}"),
                ..Evidence::default()
            },
            recorded_by: String::new(),
        };
        session
            .consent()
            .record_consent(*id, &event)
            .expect("record consent");
    }
    Desk {
        store,
        session,
        ids,
        drafts,
    }
}

fn spec(recipient: &str, fields: &str, quasi: Option<&str>, accept: bool) -> PseudonymisedSpec {
    let fields = parse_fields(fields).unwrap();
    let quasi = quasi.map(|q| privacy_desk::domain::pseudonymise::parse_quasi(q, &fields).unwrap());
    PseudonymisedSpec {
        recipient: recipient.into(),
        fields,
        quasi,
        dates: DateGranularity::Month,
        k_threshold: 5,
        accept_low_k: accept,
    }
}

const ALL_FIELDS: &str =
    "email-domain,created,tags,requests,consent:newsletter,consent-since:newsletter";

impl Desk {
    fn out(&self, name: &str) -> PathBuf {
        self.store.dir.path().join(name)
    }

    /// Exports every field to `recipient` (k accepted) and returns the file's rows.
    fn export(&mut self, recipient: &str, name: &str) -> Vec<Vec<String>> {
        let out = self.out(name);
        let summary = self
            .session
            .exports()
            .export_pseudonymised(
                &spec(recipient, ALL_FIELDS, None, true),
                &out,
                &Progress::default(),
            )
            .unwrap_or_else(|e| panic!("export to {recipient}: {e}"));
        assert_eq!(summary.rows, PEOPLE.len() as u64);
        rows(&out)
    }
}

pub(crate) fn rows(path: &Path) -> Vec<Vec<String>> {
    let mut reader = csv::Reader::from_path(path).expect("read export");
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header[0], "pseudonym");
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn pseudonyms(rows: &[Vec<String>]) -> Vec<String> {
    rows.iter().map(|r| r[0].clone()).collect()
}

#[test]
fn one_recipient_sees_one_pseudonym_per_person_and_other_recipients_others() {
    let mut d = desk();
    let first = d.export("Acme Analytics", "acme-1.csv");
    let again = d.export("  ACME analytics ", "acme-2.csv");
    let other = d.export("Beta Mail Ltd", "beta.csv");
    // Rows come in subject-id order, so row i is the same person in every file.
    assert_eq!(
        first, again,
        "a second export to the same recipient differs"
    );
    let acme = pseudonyms(&first);
    let beta = pseudonyms(&other);
    assert_eq!(acme.iter().collect::<HashSet<_>>().len(), PEOPLE.len());
    for (a, b) in acme.iter().zip(&beta) {
        assert_ne!(a, b, "the same pseudonym for two recipients");
    }
    let acme_set: HashSet<&String> = acme.iter().collect();
    assert!(beta.iter().all(|p| !acme_set.contains(p)));
    // One key per recipient, the name trimmed and lower-cased.
    let recipients: Vec<String> = d
        .session
        .exports()
        .pseudonym_recipients()
        .unwrap()
        .into_iter()
        .map(|r| r.recipient)
        .collect();
    assert_eq!(recipients, ["acme analytics", "beta mail ltd"]);
}

#[test]
fn no_identifier_or_free_text_appears_in_the_file() {
    let mut d = desk();
    d.export("Acme Analytics", "acme.csv");
    let bytes = std::fs::read(d.out("acme.csv")).unwrap();
    let text = String::from_utf8(bytes).unwrap().to_lowercase();
    let mut secrets: Vec<String> = Vec::new();
    for (draft, id) in d.drafts.iter().zip(&d.ids) {
        secrets.extend([
            draft.email.clone(),
            draft.email.split('@').next().unwrap().to_owned(),
            draft.name.clone(),
            draft.name.split(' ').nth(1).unwrap().to_owned(),
            draft.phone.clone(),
            draft.phone.replace(' ', ""),
            draft.customer_ref.clone(),
            draft.postal_address.clone(),
            "orchard".into(),
            draft.notes.clone(),
            id.to_string(),
            id.simple().to_string(),
            hex(&id.as_bytes()[..8]),
        ]);
    }
    secrets.extend(["192.0.2.".into(), "fair".into(), "table".into()]);
    for secret in secrets {
        assert!(
            !text.contains(&secret.to_lowercase()),
            "{secret:?} appears in the export:\n{text}"
        );
    }
    // What is there: domains, months, tags, counts and consent states.
    assert!(text.contains("alpha.example") && text.contains("given") && text.contains("vip"));
    assert!(text.contains("2025-03"), "{text}");
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn k_on_the_known_data_set_and_the_refusal_under_the_threshold() {
    let d = desk();
    let out = d.out("low.csv");
    // Over the email domain: groups of 6, 5 and 1.
    let refused = d.session.exports().export_pseudonymised(
        &spec("Acme", "email-domain,created", Some("email-domain"), false),
        &out,
        &Progress::default(),
    );
    match refused {
        Err(ServiceError::Invalid { field, message }) => {
            assert_eq!(field, "k-anonymity");
            assert!(
                message.starts_with("k = 1 over 12 rows in 3 groups; 1 row in 1 group"),
                "{message}"
            );
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert!(!out.exists() && !d.out("low.csv.partial").exists());
    assert!(
        d.session
            .exports()
            .pseudonym_recipients()
            .unwrap()
            .is_empty(),
        "a refused export kept a key"
    );
    // The figure alone, from the reader, is the same.
    let k = d
        .session
        .exports()
        .pseudonym_reader()
        .unwrap()
        .k_anonymity(
            &spec("Acme", "email-domain,created", Some("email-domain"), false),
            &Progress::default(),
        )
        .unwrap();
    assert_eq!(
        (k.k, k.rows, k.groups, k.rows_below, k.groups_below),
        (1, 12, 3, 1, 1)
    );
    // Everyone was recorded in the same month: over the date alone, k = 12.
    let summary = d
        .session
        .exports()
        .export_pseudonymised(
            &spec("Acme", "email-domain,created", Some("created"), false),
            &out,
            &Progress::default(),
        )
        .unwrap();
    assert_eq!((summary.k.k, summary.k.groups), (12, 1));
    assert_eq!(summary.quasi, ["created"]);
    // Accepted explicitly, the low figure is written and recorded.
    let summary = d
        .session
        .exports()
        .export_pseudonymised(
            &spec("Acme", "email-domain,created", Some("email-domain"), true),
            &out,
            &Progress::default(),
        )
        .unwrap();
    assert_eq!(summary.k.k, 1);
    let entry = d
        .session
        .audit()
        .audit_page(&AuditFilter::default(), 0, 1)
        .unwrap()
        .remove(0);
    assert_eq!(entry.action, "export.pseudonymised");
    assert_eq!(entry.entity_id, "acme");
    assert!(
        entry.details.contains("k = 1") && entry.details.contains("accepted below the threshold"),
        "{}",
        entry.details
    );
    assert!(entry.details.contains("12 rows"), "{}", entry.details);
}

#[test]
fn the_lookup_finds_the_person_only_for_the_right_recipient_and_is_audited() {
    let mut d = desk();
    let rows = d.export("Acme Analytics", "acme.csv");
    let mut sorted = d.ids.clone();
    sorted.sort_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
    for (row, id) in rows.iter().zip(&sorted).take(3) {
        let found = d
            .session
            .exports()
            .reidentify(
                "acme analytics",
                &format!(" {} ", row[0].to_uppercase()),
                &Progress::default(),
            )
            .unwrap()
            .expect("the pseudonym's person");
        assert_eq!(found.id, *id);
    }
    assert!(
        d.session
            .exports()
            .reidentify("Beta Mail Ltd", &rows[0][0], &Progress::default())
            .unwrap()
            .is_none()
    );
    assert!(
        d.session
            .exports()
            .reidentify("acme analytics", "p0000", &Progress::default())
            .unwrap()
            .is_none()
    );
    let entries = d
        .session
        .audit()
        .audit_page(&AuditFilter::default(), 0, 50)
        .unwrap();
    let lookups: Vec<_> = entries
        .iter()
        .filter(|e| e.action == "export.reidentified")
        .collect();
    assert_eq!(lookups.len(), 3);
    for e in &entries {
        let text = format!("{} {}", e.entity_id, e.details).to_lowercase();
        for (name, email) in PEOPLE {
            assert!(
                !text.contains(&name.to_lowercase()) && !text.contains(email),
                "{text}"
            );
        }
    }
}

#[test]
fn restricted_people_are_left_out_and_other_roles_may_not_export() {
    let mut d = desk();
    let today = Utc::now().date_naive();
    d.session
        .requests()
        .set_restricted(d.ids[11], true, None, today)
        .unwrap();
    let out = d.out("acme.csv");
    let summary = d
        .session
        .exports()
        .export_pseudonymised(
            &spec("Acme", "email-domain", Some(""), false),
            &out,
            &Progress::default(),
        )
        .unwrap();
    assert_eq!((summary.rows, summary.restricted_left_out), (11, 1));
    assert!(
        !std::fs::read_to_string(&out)
            .unwrap()
            .contains("gamma.example")
    );
    d.session
        .users()
        .add_user(
            "alex",
            Role::Assistant,
            &pass("alex answers the front desk"),
        )
        .unwrap();
    drop(d.session);
    let alex = unlock_as(&d.store.path, "alex", "alex answers the front desk").unwrap();
    let refused = alex.exports().export_pseudonymised(
        &spec("Acme", "email-domain", None, true),
        &d.store.dir.path().join("alex.csv"),
        &Progress::default(),
    );
    assert!(
        matches!(refused, Err(ServiceError::NotPermitted(_))),
        "{refused:?}"
    );
    assert!(matches!(
        alex.exports()
            .reidentify("acme", "p00", &Progress::default()),
        Err(ServiceError::NotPermitted(_))
    ));
}

#[test]
fn unknown_purposes_and_bad_quasi_identifiers_are_refused_with_the_field_named() {
    let d = desk();
    let out = d.out("x.csv");
    let mut s = spec("Acme", "consent:no-such-purpose", None, true);
    let err = d
        .session
        .exports()
        .export_pseudonymised(&s, &out, &Progress::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("no-such-purpose"), "{err}");
    s = spec("Acme", "created", None, true);
    s.quasi = Some(vec![ExportField::Tags]);
    let err = d
        .session
        .exports()
        .export_pseudonymised(&s, &out, &Progress::default())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("tags is not among the exported fields"),
        "{err}"
    );
    s = spec("  ", "created", None, true);
    let err = d
        .session
        .exports()
        .export_pseudonymised(&s, &out, &Progress::default())
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("Recipient:"), "{err}");
    assert!(!out.exists());
}
