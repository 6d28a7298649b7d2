//! Table tests of the intake rules per language, the parser on hand-made messages, the
//! follow-up rule, and a proptest that no bytes make the parser panic.

use chrono::NaiveDate;
use proptest::prelude::*;
use uuid::Uuid;

use super::follow_up::{OpenRequest, follow_up_of};
use super::*;
use crate::domain::organisation::Regime;
use crate::domain::request::RequestType::{self, *};

fn rules() -> IntakeRules {
    IntakeRules::shipped().expect("shipped rules load")
}

fn email(subject: &str, body: &str) -> Email {
    Email {
        subject: subject.into(),
        text: body.into(),
        ..Email::default()
    }
}

#[test]
fn phrases_in_each_language_propose_their_type() {
    let cases: &[(&str, &str, &str, Option<RequestType>)] = &[
        // (language, subject, body, expected)
        ("en", "Subject access request", "", Some(Access)),
        (
            "en",
            "Hello",
            "Please send me a copy of my personal data.",
            Some(Access),
        ),
        (
            "en",
            "Hi",
            "I want you to delete my data now.",
            Some(Erasure),
        ),
        (
            "en",
            "My address",
            "Please correct my address: it is 4 Elm Row.",
            Some(Rectification),
        ),
        (
            "en",
            "Hi",
            "Please restrict the processing while you check.",
            Some(Restriction),
        ),
        (
            "en",
            "Hi",
            "Send it in a machine-readable format please.",
            Some(Portability),
        ),
        (
            "en",
            "Marketing",
            "I object to the processing for marketing.",
            Some(Objection),
        ),
        (
            "en",
            "Stop",
            "I withdraw my consent to your newsletter.",
            Some(WithdrawConsent),
        ),
        (
            "en",
            "Do Not Sell My Personal Information",
            "",
            Some(OptOut),
        ),
        (
            "en",
            "Hi",
            "Limit the use of my sensitive personal information.",
            Some(Limit),
        ),
        (
            "de",
            "Auskunftsersuchen nach Art. 15 DSGVO",
            "",
            Some(Access),
        ),
        (
            "de",
            "Datenschutz",
            "Ich bitte um Löschung meiner Daten.",
            Some(Erasure),
        ),
        (
            "de",
            "Hallo",
            "Bitte um Berichtigung meiner Daten.",
            Some(Rectification),
        ),
        (
            "de",
            "Hallo",
            "Hiermit widerrufe ich … ich widerrufe meine Einwilligung",
            Some(WithdrawConsent),
        ),
        (
            "de",
            "Hallo",
            "Ich verlange die Einschränkung der Verarbeitung.",
            Some(Restriction),
        ),
        (
            "fr",
            "Demande",
            "J'exerce mon droit d'accès (RGPD).",
            Some(Access),
        ),
        (
            "fr",
            "Demande",
            "Merci de supprimer mes données.",
            Some(Erasure),
        ),
        (
            "fr",
            "Demande",
            "Je souhaite retirer mon consentement.",
            Some(WithdrawConsent),
        ),
        (
            "fr",
            "Demande",
            "J\u{2019}exerce mon droit d\u{2019}opposition.",
            Some(Objection),
        ),
        (
            "es",
            "Solicitud",
            "Ejerzo mi derecho de acceso.",
            Some(Access),
        ),
        (
            "es",
            "Solicitud",
            "Quiero que borren mis datos.",
            Some(Erasure),
        ),
        (
            "es",
            "Solicitud",
            "Solicito la portabilidad de mis datos.",
            Some(Portability),
        ),
        (
            "it",
            "Richiesta",
            "Chiedo la cancellazione dei miei dati.",
            Some(Erasure),
        ),
        (
            "it",
            "Richiesta",
            "Esercito il diritto di accesso.",
            Some(Access),
        ),
        (
            "it",
            "Richiesta",
            "Chiedo la rettifica dei miei dati.",
            Some(Rectification),
        ),
        (
            "nl",
            "Verzoek",
            "Dit is een inzageverzoek op grond van de AVG.",
            Some(Access),
        ),
        (
            "nl",
            "Verzoek",
            "Verwijder mijn gegevens alstublieft.",
            Some(Erasure),
        ),
        (
            "nl",
            "Verzoek",
            "Ik wil mijn toestemming intrekken.",
            Some(WithdrawConsent),
        ),
        (
            "en",
            "Your order has shipped",
            "Thanks for shopping with us.",
            None,
        ),
        (
            "en",
            "Lunch?",
            "Are you free on Tuesday? We could meet at the old market.",
            None,
        ),
    ];
    let rules = rules();
    for (lang, subject, body, expected) in cases {
        let c = classify(&rules, &email(subject, body));
        assert_eq!(c.kind, *expected, "{lang}: {subject} / {body}");
        assert_eq!(c.phrase.is_some(), expected.is_some(), "{lang}: {subject}");
    }
}

#[test]
fn regulation_words_propose_a_regime() {
    let rules = rules();
    let cases: &[(&str, Option<Regime>)] = &[
        ("Auskunft nach Art. 15 DSGVO", Some(Regime::Gdpr)),
        ("Request under the CCPA to know", Some(Regime::CcpaCpra)),
        ("Do not sell my data", Some(Regime::CcpaCpra)),
        (
            "A subject access request under the UK GDPR",
            Some(Regime::UkGdpr),
        ),
        ("inzageverzoek AVG", Some(Regime::Gdpr)),
        ("Please send me my data", None),
    ];
    for (subject, regime) in cases {
        assert_eq!(
            classify(&rules, &email(subject, "")).regime,
            *regime,
            "{subject}"
        );
    }
}

#[test]
fn whole_words_only_and_the_subject_first() {
    let rules = rules();
    // "art 150" is not Art. 15; "sarah" is not "SAR".
    assert_eq!(
        classify(&rules, &email("Art 150 of the catalogue", "Hi Sarah")).kind,
        None
    );
    // The subject line decides before the body.
    let c = classify(
        &rules,
        &email("Erasure request", "and a copy of my data first"),
    );
    assert_eq!(c.kind, Some(Erasure));
    assert_eq!(c.phrase.as_deref(), Some("erasure request"));
    // Within one text, the earliest phrase wins.
    let c = classify(
        &rules,
        &email("Hi", "Withdraw my consent, then delete my data."),
    );
    assert_eq!(c.kind, Some(WithdrawConsent));
}

#[test]
fn quoted_text_and_bulk_mail_propose_nothing() {
    let rules = rules();
    let reply = email(
        "Re: your order",
        "Thanks!\n> to delete my data, write to us\n",
    );
    assert_eq!(classify(&rules, &reply).kind, None);
    let mut newsletter = email(
        "Our news",
        "To unsubscribe me from this list click here. Delete my data.",
    );
    newsletter.bulk = true;
    let c = classify(&rules, &newsletter);
    assert!(c.bulk);
    assert_eq!(c.kind, None);
}

#[test]
fn ccpa_twins_are_the_same_right() {
    assert_eq!(type_under(Access, Regime::CcpaCpra), Know);
    assert_eq!(type_under(Erasure, Regime::CcpaCpra), Delete);
    assert_eq!(type_under(Rectification, Regime::CcpaCpra), Correct);
    assert_eq!(type_under(Delete, Regime::UkGdpr), Erasure);
    assert_eq!(type_under(OptOut, Regime::Gdpr), OptOut);
    assert!(same_right(Access, Know));
    assert!(!same_right(Access, Erasure));
}

#[test]
fn follow_up_by_thread_then_by_sender_and_right() {
    let a = Uuid::new_v4();
    let b = Uuid::new_v4();
    let open = [
        OpenRequest {
            id: a,
            kind: Access,
        },
        OpenRequest {
            id: b,
            kind: Delete,
        },
    ];
    let cases: &[(Option<Uuid>, Option<RequestType>, Option<Uuid>)] = &[
        (Some(b), Some(Access), Some(b)),
        (None, Some(Access), Some(a)),
        (None, Some(Know), Some(a)),
        (None, Some(Erasure), Some(b)),
        (None, Some(Objection), None),
        (None, None, None),
    ];
    for (thread, kind, expected) in cases {
        assert_eq!(
            follow_up_of(*thread, *kind, &open),
            *expected,
            "{thread:?} {kind:?}"
        );
    }
}

const QP_MESSAGE: &str = "Received: from mx.example.net by mail.shop.example; Tue, 3 Nov 2026 23:58:01 -0800\r\n\
From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <juergen@example.de>\r\n\
To: privacy@shop.example\r\n\
Subject: =?ISO-8859-1?Q?Auskunft_=FCber_meine_Daten?=\r\n\
Date: Tue, 3 Nov 2026 23:50:00 -0800\r\n\
Message-ID: <abc@example.de>\r\n\
In-Reply-To: <first@shop.example>\r\n\
References: <zero@shop.example> <first@shop.example>\r\n\
MIME-Version: 1.0\r\n\
Content-Type: text/plain; charset=utf-8\r\n\
Content-Transfer-Encoding: quoted-printable\r\n\
\r\n\
Bitte um L=C3=B6schung meiner Daten.\r\n";

#[test]
fn a_message_gives_sender_day_subject_and_references() {
    let e = parse_email(&rules(), QP_MESSAGE.as_bytes()).expect("parses");
    assert_eq!(e.from, "juergen@example.de");
    assert_eq!(e.from_name, "Jürgen Müller");
    assert_eq!(e.subject, "Auskunft über meine Daten");
    // 23:58 at UTC-8 is the next day in UTC, from the top Received header.
    assert_eq!(e.received, NaiveDate::from_ymd_opt(2026, 11, 4));
    assert_eq!(e.message_id.as_deref(), Some("abc@example.de"));
    assert_eq!(e.references, ["first@shop.example", "zero@shop.example"]);
    assert!(e.text.contains("Löschung meiner Daten"), "{}", e.text);
    assert!(!e.bulk);
}

#[test]
fn without_received_the_date_header_counts_and_html_becomes_text() {
    let raw = "From: a@example.com\r\nDate: Mon, 2 Nov 2026 10:00:00 +0000\r\nSubject: x\r\n\
Content-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>Please <b>delete my data</b>.</p></body></html>\r\n";
    let e = parse_email(&rules(), raw.as_bytes()).expect("parses");
    assert_eq!(e.received, NaiveDate::from_ymd_opt(2026, 11, 2));
    assert!(e.text.contains("delete my data"), "{}", e.text);
    assert!(!e.text.contains("<b>"), "{}", e.text);
}

#[test]
fn list_headers_mark_bulk_mail() {
    let raw = "From: news@shop.example\r\nList-Unsubscribe: <mailto:u@shop.example>\r\nSubject: News\r\n\r\nHi\r\n";
    assert!(parse_email(&rules(), raw.as_bytes()).expect("parses").bulk);
    let raw = "From: news@shop.example\r\nPrecedence: bulk\r\nSubject: News\r\n\r\nHi\r\n";
    assert!(parse_email(&rules(), raw.as_bytes()).expect("parses").bulk);
}

#[test]
fn mbox_splits_on_from_lines_and_unescapes() {
    let mbox = b"From a@example.com Mon Nov  2 10:00:00 2026\n\
From: a@example.com\nSubject: one\n\nHello\n>From the start\n\n\
From b@example.com Mon Nov  2 11:00:00 2026\n\
From: b@example.com\nSubject: two\n\nBye\n";
    let parts = split_mbox(mbox);
    assert_eq!(parts.len(), 2);
    assert!(String::from_utf8_lossy(&parts[0]).contains("\nFrom the start\n"));
    assert!(String::from_utf8_lossy(&parts[1]).starts_with("From: b@example.com"));
    assert!(is_mbox(mbox));
    assert!(split_mbox(b"no separator here").is_empty());
}

#[test]
fn the_rules_file_is_checked() {
    assert!(IntakeRules::parse("bulk_headers=[]\nbulk_precedence=[]\nregime=[]\n[[rule]]\ntype=\"nonsense\"\nphrases.en=[\"x\"]").is_err());
    let missing = "bulk_headers=[]\nbulk_precedence=[]\nregime=[]\n[[rule]]\ntype=\"access\"\nphrases.en=[\"x\"]";
    let e = IntakeRules::parse(missing).expect_err("no German phrases");
    assert!(e.to_string().contains("\"de\""), "{e}");
    assert!(rules().phrases.len() > 100);
}

#[test]
fn references_round_trip() {
    assert_eq!(reference(7), "M-0007");
    assert_eq!(number_of("M-0007"), Some(7));
    assert_eq!(number_of("m-7"), Some(7));
    assert_eq!(number_of("7"), Some(7));
    assert_eq!(number_of("R-0007"), None);
    assert_eq!(number_of("0"), None);
}

proptest! {
    #[test]
    fn the_parser_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let rules = rules();
        if let Some(e) = parse_email(&rules, &bytes) {
            let _ = classify(&rules, &e);
        }
        for m in split_mbox(&bytes) {
            let _ = parse_email(&rules, &m);
        }
    }

    #[test]
    fn the_parser_never_panics_on_header_like_text(
        text in "(From|Subject|Received|Date|Content-Type|In-Reply-To|References|Message-ID): [ -~]{0,80}\r\n[ -~\r\n]{0,200}"
    ) {
        let rules = rules();
        if let Some(e) = parse_email(&rules, text.as_bytes()) {
            let _ = classify(&rules, &e);
        }
    }
}

#[test]
fn charsets_and_transfer_encodings_of_the_fixtures_decode() {
    let rules = rules();
    // Outlook: quoted-printable in windows-1252 (ï, and an en dash at 0x96).
    let outlook = parse_email(
        &rules,
        include_bytes!("../../../tests/data/intake/outlook_qp.eml"),
    )
    .expect("outlook");
    assert!(
        outlook.text.contains("geïnteresseerd – bedankt"),
        "{}",
        outlook.text
    );
    assert_eq!(outlook.from_name, "de Vries, Pieter");
    // Gmail: base64 UTF-8 in multipart/alternative; the text part is read, not the HTML.
    let mbox = split_mbox(include_bytes!(
        "../../../tests/data/intake/gmail_takeout.mbox"
    ));
    assert_eq!(mbox.len(), 2);
    let french = parse_email(&rules, &mbox[0]).expect("french");
    assert!(
        french.text.contains("Conformément au RGPD"),
        "{}",
        french.text
    );
    assert!(!french.text.contains("<div"), "{}", french.text);
    assert_eq!(french.from_name, "Éloïse Garnier");
    // ISO-8859-1 quoted-printable.
    let spanish = parse_email(&rules, &mbox[1]).expect("spanish");
    assert!(
        spanish.text.contains("qué datos tienen sobre mí"),
        "{}",
        spanish.text
    );
    // HTML only: text without tags.
    let html = parse_email(
        &rules,
        include_bytes!("../../../tests/data/intake/html_only.eml"),
    )
    .expect("html");
    assert!(html.text.contains("Do not sell or share"), "{}", html.text);
    assert!(!html.text.contains("<strong>"), "{}", html.text);
}
