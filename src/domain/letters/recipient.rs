//! The recipient notice: the letter telling a vendor (a recipient of the person's data, a
//! processor, a service provider or contractor, or a third party it was sold or shared with)
//! of a request it must carry out too. Its words per [`Language`]: what the vendor is asked to
//! do, and the provision that makes the business tell it.
//!
//! | Request | What the vendor is asked | Source |
//! |---|---|---|
//! | GDPR erasure, rectification, restriction | erase, correct, restrict, and confirm | GDPR Art. 19 (each rectification, erasure or restriction under Art. 16, 17(1), 18 is communicated to each recipient, unless impossible or disproportionate) |
//! | GDPR objection | stop for the purposes objected to | Art. 21(3) (direct marketing stops) and Art. 28(3)(a) (a processor acts only on the controller's documented instructions) |
//! | GDPR withdrawal of consent | stop for the purposes withdrawn | Art. 7(3) and Art. 28(3)(a) |
//! | CCPA delete | delete, and confirm | Cal. Civ. Code § 1798.105(c)(1); 11 CCR § 7022(b)(2)–(3) (notify service providers, contractors and third parties sold or shared with) |
//! | CCPA correct | correct, and confirm | 11 CCR § 7023(c) (service providers and contractors are instructed to correct) |
//! | CCPA opt-out of sale or sharing | stop selling or sharing, and pass the request on | 11 CCR § 7026(f) (third parties are told and directed to comply and forward it) |
//! | CCPA limit | limit the use of sensitive information, and pass it on | 11 CCR § 7027(g) |
//!
//! Access, portability and requests to know have no recipient notice: they are answered from
//! the business's own records.

use super::Language;
use crate::domain::organisation::Regime;
use crate::domain::request::{Fulfilment, RequestType};

/// What the vendor is asked to do, completing "Please …", or `None` for a request that asks
/// nothing of recipients.
pub fn recipient_action(lang: Language, kind: RequestType) -> Option<&'static str> {
    use Language::*;
    let f = kind.fulfilment();
    Some(match (f, lang) {
        (Fulfilment::AccessPackage, _) => return None,
        (Fulfilment::Erasure, English) => {
            "erase the personal data of this person that we disclosed to you or that you process on our behalf, and confirm to us in writing when this is done"
        }
        (Fulfilment::Erasure, German) => {
            "löschen Sie die personenbezogenen Daten dieser Person, die wir Ihnen offengelegt haben oder die Sie in unserem Auftrag verarbeiten, und bestätigen Sie uns die Löschung schriftlich"
        }
        (Fulfilment::Erasure, French) => {
            "effacer les données personnelles de cette personne que nous vous avons communiquées ou que vous traitez pour notre compte, et nous confirmer l'effacement par écrit"
        }
        (Fulfilment::Erasure, Spanish) => {
            "suprima los datos personales de esta persona que le hemos comunicado o que usted trata por cuenta nuestra, y confírmenos la supresión por escrito"
        }
        (Fulfilment::Rectification, English) => {
            "correct the personal data of this person that we disclosed to you so that they match the details above, and confirm to us in writing when this is done"
        }
        (Fulfilment::Rectification, German) => {
            "berichtigen Sie die personenbezogenen Daten dieser Person, die wir Ihnen offengelegt haben, entsprechend den obigen Angaben, und bestätigen Sie uns die Berichtigung schriftlich"
        }
        (Fulfilment::Rectification, French) => {
            "rectifier les données personnelles de cette personne que nous vous avons communiquées afin qu'elles correspondent aux indications ci-dessus, et nous confirmer la rectification par écrit"
        }
        (Fulfilment::Rectification, Spanish) => {
            "rectifique los datos personales de esta persona que le hemos comunicado para que coincidan con los datos indicados arriba, y confírmenos la rectificación por escrito"
        }
        (Fulfilment::Restriction, English) => {
            "restrict the processing of this person's personal data: keep them, but do not otherwise use them until we tell you the restriction is lifted, and confirm to us in writing"
        }
        (Fulfilment::Restriction, German) => {
            "schränken Sie die Verarbeitung der personenbezogenen Daten dieser Person ein: Speichern Sie sie, verwenden Sie sie aber nicht anderweitig, bis wir Ihnen die Aufhebung mitteilen, und bestätigen Sie uns dies schriftlich"
        }
        (Fulfilment::Restriction, French) => {
            "limiter le traitement des données personnelles de cette personne : les conserver sans les utiliser autrement jusqu'à ce que nous vous informions de la levée de la limitation, et nous le confirmer par écrit"
        }
        (Fulfilment::Restriction, Spanish) => {
            "limite el tratamiento de los datos personales de esta persona: consérvelos, pero no los utilice de otro modo hasta que le comuniquemos el levantamiento de la limitación, y confírmenoslo por escrito"
        }
        (Fulfilment::ConsentWithdrawal, English) => {
            "stop processing this person's personal data for the purposes they withdrew their consent to or objected to (direct marketing included), and confirm to us in writing"
        }
        (Fulfilment::ConsentWithdrawal, German) => {
            "verarbeiten Sie die personenbezogenen Daten dieser Person nicht mehr für die Zwecke, für die sie ihre Einwilligung widerrufen oder denen sie widersprochen hat (einschließlich Direktwerbung), und bestätigen Sie uns dies schriftlich"
        }
        (Fulfilment::ConsentWithdrawal, French) => {
            "cesser de traiter les données personnelles de cette personne pour les finalités pour lesquelles elle a retiré son consentement ou auxquelles elle s'est opposée (prospection comprise), et nous le confirmer par écrit"
        }
        (Fulfilment::ConsentWithdrawal, Spanish) => {
            "deje de tratar los datos personales de esta persona para los fines respecto de los que retiró su consentimiento o se opuso (incluida la mercadotecnia directa), y confírmenoslo por escrito"
        }
        (Fulfilment::OptOutOfSale, English) => {
            "stop selling or sharing this person's personal information, pass this request on to anyone you made it available to since they asked, and confirm to us in writing"
        }
        (Fulfilment::OptOutOfSale, German) => {
            "verkaufen oder teilen Sie die personenbezogenen Informationen dieser Person nicht mehr, leiten Sie diesen Antrag an alle weiter, denen Sie sie seit dem Antrag zugänglich gemacht haben, und bestätigen Sie uns dies schriftlich"
        }
        (Fulfilment::OptOutOfSale, French) => {
            "cesser de vendre ou de partager les informations personnelles de cette personne, transmettre cette demande à toute personne à qui vous les avez rendues accessibles depuis la demande, et nous le confirmer par écrit"
        }
        (Fulfilment::OptOutOfSale, Spanish) => {
            "deje de vender o compartir la información personal de esta persona, transmita esta solicitud a quien se la haya facilitado desde la solicitud, y confírmenoslo por escrito"
        }
        (Fulfilment::LimitSensitiveUse, English) => {
            "use this person's sensitive personal information only for the purposes the law still allows after a request to limit, pass this request on to anyone you made it available to since they asked, and confirm to us in writing"
        }
        (Fulfilment::LimitSensitiveUse, German) => {
            "verwenden Sie die sensiblen personenbezogenen Informationen dieser Person nur noch für die Zwecke, die das Gesetz nach einem Antrag auf Beschränkung erlaubt, leiten Sie diesen Antrag an alle weiter, denen Sie sie seit dem Antrag zugänglich gemacht haben, und bestätigen Sie uns dies schriftlich"
        }
        (Fulfilment::LimitSensitiveUse, French) => {
            "n'utiliser les informations personnelles sensibles de cette personne qu'aux fins que la loi permet encore après une demande de limitation, transmettre cette demande à toute personne à qui vous les avez rendues accessibles depuis la demande, et nous le confirmer par écrit"
        }
        (Fulfilment::LimitSensitiveUse, Spanish) => {
            "utilice la información personal sensible de esta persona solo para los fines que la ley permite tras una solicitud de limitación, transmita esta solicitud a quien se la haya facilitado desde la solicitud, y confírmenoslo por escrito"
        }
    })
}

/// The provision under which the business tells the vendor (the table in the module comment),
/// cited in the language's style; `None` for a request that asks nothing of recipients.
pub fn recipient_law(lang: Language, kind: RequestType, regime: Regime) -> Option<String> {
    use RequestType::*;
    let uk = regime == Regime::UkGdpr;
    let gdpr = |article, paragraph| lang.article(article, paragraph, uk);
    let and = match lang {
        Language::English => "and",
        Language::German => "und",
        Language::French => "et",
        Language::Spanish => "y",
    };
    Some(match kind {
        Access | Portability | Know => return None,
        Erasure | Rectification | Restriction => gdpr(19, None),
        Objection => format!("{} {and} {}", gdpr(21, Some(3)), gdpr(28, Some(3))),
        WithdrawConsent => format!("{} {and} {}", gdpr(7, Some(3)), gdpr(28, Some(3))),
        Delete => regulation(lang, "7022(b)"),
        Correct => regulation(lang, "7023(c)"),
        OptOut => regulation(lang, "7026(f)"),
        Limit => regulation(lang, "7027(g)"),
    })
}

/// A section of the CCPA regulations (title 11 of the California Code of Regulations).
fn regulation(lang: Language, section: &str) -> String {
    match lang {
        Language::English => format!("California Code of Regulations, title 11, § {section}"),
        Language::German => format!("§ {section} Title 11 California Code of Regulations"),
        Language::French => {
            format!("l'article {section} du titre 11 du California Code of Regulations")
        }
        Language::Spanish => {
            format!("el artículo {section} del título 11 del California Code of Regulations")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_with_tasks_has_an_action_and_a_law_in_every_language() {
        for kind in RequestType::ALL {
            for lang in Language::ALL {
                let action = recipient_action(lang, kind);
                let law = recipient_law(lang, kind, Regime::Gdpr);
                match kind.fulfilment() {
                    Fulfilment::AccessPackage => {
                        assert_eq!((action, law), (None, None), "{kind:?} {lang:?}")
                    }
                    _ => assert!(action.is_some() && law.is_some(), "{kind:?} {lang:?}"),
                }
            }
        }
    }

    #[test]
    fn the_law_cited_is_the_one_that_makes_the_business_tell_the_recipient() {
        use Language::*;
        for (lang, kind, regime, expected) in [
            (
                English,
                RequestType::Erasure,
                Regime::Gdpr,
                "Article 19 of the GDPR",
            ),
            (
                English,
                RequestType::Rectification,
                Regime::UkGdpr,
                "Article 19 of the UK GDPR",
            ),
            (
                German,
                RequestType::Restriction,
                Regime::Gdpr,
                "Art. 19 DSGVO",
            ),
            (
                English,
                RequestType::Objection,
                Regime::Gdpr,
                "Article 21(3) of the GDPR and Article 28(3) of the GDPR",
            ),
            (
                French,
                RequestType::WithdrawConsent,
                Regime::Gdpr,
                "l'article 7, paragraphe 3, du RGPD et l'article 28, paragraphe 3, du RGPD",
            ),
            (
                English,
                RequestType::Delete,
                Regime::CcpaCpra,
                "California Code of Regulations, title 11, § 7022(b)",
            ),
            (
                Spanish,
                RequestType::OptOut,
                Regime::CcpaCpra,
                "el artículo 7026(f) del título 11 del California Code of Regulations",
            ),
            (
                German,
                RequestType::Limit,
                Regime::CcpaCpra,
                "§ 7027(g) Title 11 California Code of Regulations",
            ),
            (
                English,
                RequestType::Correct,
                Regime::CcpaCpra,
                "California Code of Regulations, title 11, § 7023(c)",
            ),
        ] {
            assert_eq!(
                recipient_law(lang, kind, regime).as_deref(),
                Some(expected),
                "{kind:?} {lang:?}"
            );
        }
    }

    #[test]
    fn the_actions_differ_by_type_and_are_translated() {
        let en = recipient_action(Language::English, RequestType::Erasure);
        assert!(en.is_some_and(|a| a.starts_with("erase")));
        assert_ne!(en, recipient_action(Language::German, RequestType::Erasure));
        assert_eq!(en, recipient_action(Language::English, RequestType::Delete));
        assert_ne!(
            recipient_action(Language::English, RequestType::OptOut),
            recipient_action(Language::English, RequestType::Limit)
        );
        assert!(
            recipient_action(Language::English, RequestType::OptOut)
                .is_some_and(|a| a.contains("pass this request on"))
        );
    }
    #[test]
    fn the_notice_renders_in_every_language_and_needs_the_persons_details() {
        use crate::domain::letters::{LetterFacts, LetterKind, LetterTemplate};
        let english = LetterTemplate::builtin(LetterKind::RecipientNotice).expect("english");
        for lang in Language::ALL {
            let t = LetterTemplate::builtin_in(LetterKind::RecipientNotice, lang)
                .and_then(Result::ok)
                .unwrap_or_else(|| panic!("the recipient notice in {lang:?}"));
            if lang != Language::English {
                assert_ne!(t.body, english.body, "{lang:?} is not translated");
            }
            let facts = LetterFacts {
                organisation_name: "Hollin Bakery Ltd".into(),
                organisation_contact: "privacy@hollin.example".into(),
                today: "2 December 2026".into(),
                signer: "Sam Okafor".into(),
                request_reference: "R-0007".into(),
                law: recipient_law(lang, RequestType::Erasure, Regime::Gdpr).unwrap_or_default(),
                recipient_name: "Mailco Ltd".into(),
                recipient_action: recipient_action(lang, RequestType::Erasure)
                    .unwrap_or_default()
                    .into(),
                subject_identifiers: "Ana Pereira, ana@example.com".into(),
                language: lang,
                ..LetterFacts::default()
            };
            let letter = t.render(&facts).unwrap_or_else(|e| panic!("{lang:?}: {e}"));
            assert!(letter.subject.contains("R-0007"), "{lang:?}");
            for wanted in [
                "Mailco Ltd",
                "Ana Pereira, ana@example.com",
                facts.recipient_action.as_str(),
                facts.law.as_str(),
            ] {
                assert!(
                    letter.body.contains(wanted),
                    "{lang:?} {wanted}: {}",
                    letter.body
                );
            }
            let mut gone = facts.clone();
            gone.subject_identifiers.clear();
            let err = t.render(&gone).expect_err("no details").to_string();
            assert!(err.contains("subject_identifiers"), "{err}");
        }
    }
}
