//! The German, French and Spanish letters: every template parses, uses the same facts as the
//! English one, and renders whole for every regime with facts in its own language.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::wording;
use super::*;
use crate::domain::access::Role;
use crate::domain::organisation::Regime;
use crate::domain::request::RequestType;
use crate::domain::request::workflow::{RefusalGround, RefusalKind};

const TRANSLATED: [Language; 3] = [Language::German, Language::French, Language::Spanish];

/// The placeholders a text uses.
fn placeholders(text: &str) -> BTreeSet<String> {
    text.split("{{")
        .skip(1)
        .filter_map(|rest| {
            rest.split_once("}}")
                .map(|(name, _)| name.trim().to_owned())
        })
        .collect()
}

/// Facts for a request under `regime`, in `lang`, as the service builds them.
fn facts(lang: Language, regime: Regime) -> LetterFacts {
    let kind = match regime {
        Regime::CcpaCpra => RequestType::Delete,
        _ => RequestType::Access,
    };
    let day = |d| lang.long_date(NaiveDate::from_ymd_opt(2026, 12, d).unwrap_or_default());
    LetterFacts {
        organisation_name: "Hollin Bakery Ltd".into(),
        organisation_contact: "privacy@hollinbakery.example".into(),
        dpo_contact: "Priya Shah, dpo@hollinbakery.example".into(),
        requester_name: "Ana Pereira".into(),
        request_reference: "R-0042".into(),
        request_type: wording::request_phrase(lang, kind).into(),
        law: wording::law(lang, kind, regime),
        received: day(1),
        due: day(31),
        extended_due: day(30),
        extension_reason: "(reason as typed)".into(),
        refusal_ground: wording::refusal_sentence(
            lang,
            &RefusalGround {
                kind: RefusalKind::Excessive,
                detail: String::new(),
            },
        ),
        outcome: "(outcome as typed)".into(),
        supervisory_authority: wording::supervisory_authority(lang, regime).into(),
        complaint_rights: wording::complaint_rights(lang, regime),
        today: day(2),
        signer: format!("Sam Okafor, {}", wording::role(lang, Role::Officer)),
        identity_needed: wording::identity_needed(lang, regime != Regime::CcpaCpra).into(),
        identity_time_limit: wording::identity_time_limit(
            lang,
            regime != Regime::CcpaCpra,
            &day(31),
        ),
        language: lang,
        ..LetterFacts::default()
    }
}

#[test]
fn every_translation_uses_the_facts_of_the_english_letter() {
    for kind in LetterKind::ALL {
        let english = LetterTemplate::builtin(kind).unwrap_or_else(|e| panic!("{e}"));
        for lang in TRANSLATED {
            let t = LetterTemplate::builtin_in(kind, lang)
                .unwrap_or_else(|| panic!("{kind:?} has no {lang:?} template"))
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(t.kind, kind);
            assert_eq!(
                placeholders(&t.body),
                placeholders(&english.body),
                "{kind:?} in {lang:?}"
            );
            assert_eq!(placeholders(&t.subject), placeholders(&english.subject));
            assert_ne!(
                t.body, english.body,
                "{kind:?} in {lang:?} is not translated"
            );
        }
    }
    let kind = LetterKind::BreachCommunication;
    let english = LetterTemplate::builtin(kind).unwrap_or_else(|e| panic!("{e}"));
    for lang in TRANSLATED {
        let t = LetterTemplate::builtin_in(kind, lang)
            .and_then(Result::ok)
            .unwrap_or_else(|| panic!("the breach letter in {lang:?}"));
        assert_eq!(
            placeholders(&t.body),
            placeholders(&english.body),
            "{lang:?}"
        );
        assert_eq!(placeholders(&t.subject), placeholders(&english.subject));
        let letter = t
            .render(&LetterFacts {
                organisation_name: "Hollin Bakery Ltd".into(),
                organisation_contact: "privacy@hollinbakery.example".into(),
                today: lang.long_date(NaiveDate::from_ymd_opt(2026, 12, 2).unwrap_or_default()),
                signer: "Sam Okafor".into(),
                incident_reference: "INC-0003".into(),
                breach_nature: "(facts)".into(),
                breach_consequences: "(effects)".into(),
                breach_measures: "(measures)".into(),
                contact_point: wording::dpo_contact_point(lang, "Priya Shah"),
                language: lang,
                ..LetterFacts::default()
            })
            .unwrap_or_else(|e| panic!("{lang:?}: {e}"));
        assert!(letter.subject.contains("INC-0003"));
        assert!(letter.body.contains("Priya Shah") && letter.body.contains("(measures)"));
        assert!(!letter.body.contains("{{"), "{}", letter.body);
    }
}

#[test]
fn every_translation_renders_whole_for_every_regime() {
    let closing = |lang| match lang {
        Language::German => "Mit freundlichen Grüßen",
        Language::French => "l'expression de nos salutations distinguées",
        Language::Spanish => "Atentamente,",
        Language::English => "Kind regards,",
    };
    for lang in TRANSLATED {
        for regime in [Regime::Gdpr, Regime::UkGdpr, Regime::CcpaCpra] {
            let facts = facts(lang, regime);
            for kind in LetterKind::ALL {
                let t = LetterTemplate::builtin_in(kind, lang)
                    .and_then(Result::ok)
                    .unwrap_or_else(|| panic!("{kind:?} {lang:?}"));
                let letter = t
                    .render(&facts)
                    .unwrap_or_else(|e| panic!("{kind:?} {lang:?} {regime:?}: {e}"));
                for text in [&letter.subject, &letter.body] {
                    assert!(!text.contains("{{") && !text.contains("}}"), "{text}");
                }
                let body = &letter.body;
                assert!(letter.subject.contains("R-0042"));
                assert!(body.starts_with(&facts.today), "{kind:?} {lang:?}");
                for fact in [&facts.greeting(), &facts.request_type, &facts.received] {
                    assert!(
                        body.contains(fact.as_str()),
                        "{fact:?} in {kind:?} {lang:?}"
                    );
                }
                assert!(body.contains(closing(lang)), "{kind:?} {lang:?}");
                assert!(body.contains("Priya Shah"), "the DPO line");
                assert!(!body.contains("Dear ") && !body.contains("Kind regards"));
            }
        }
    }
}

#[test]
fn a_german_refusal_reads_as_german_law_cites_it() {
    let facts = facts(Language::German, Regime::Gdpr);
    let letter = LetterTemplate::builtin_in(LetterKind::Refusal, Language::German)
        .and_then(Result::ok)
        .and_then(|t| t.render(&facts).ok())
        .unwrap_or_else(|| panic!("the German refusal"));
    for expected in [
        "2. Dezember 2026",
        "Guten Tag Ana Pereira,",
        "Ihr Antrag: Auskunft über die personenbezogenen Daten",
        "Unser Grund: Der Antrag ist exzessiv.",
        "gerichtlichen Rechtsschutz",
        "Datenschutzkoordination",
    ] {
        assert!(
            letter.body.contains(expected),
            "{expected:?}:\n{}",
            letter.body
        );
    }
}
