//! The facts of a request letter that are words rather than data, in each [`Language`]: what
//! was asked for, the provision giving the right, a refusal's ground, where to complain, what
//! the person can do about a refusal, the identity check and the signer's role.
//!
//! The law behind each is the same as in English (see the module comment of
//! [`crate::domain::letters`] and [`super::complaint_rights`]); only the words change. The
//! terms are those of each language's version of the GDPR: Auskunft, Berichtigung, Löschung,
//! Einschränkung der Verarbeitung, Widerspruch, Widerruf der Einwilligung (DSGVO Art. 15–21,
//! 7(3)); accès, rectification, effacement, limitation du traitement, opposition, retrait du
//! consentement (RGPD); acceso, rectificación, supresión, limitación del tratamiento, oposición,
//! retirada del consentimiento (RGPD); "offenkundig unbegründet oder exzessiv", "manifestement
//! infondées ou excessives", "manifiestamente infundadas o excesivas" (Art. 12(5)); "Beschwerde
//! bei einer Aufsichtsbehörde … gerichtlichen Rechtsbehelf", "réclamation auprès d'une autorité
//! de contrôle … recours juridictionnel", "reclamación ante una autoridad de control … acciones
//! judiciales" (Art. 12(4)).

use super::Language;
use crate::domain::access::Role;
use crate::domain::organisation::Regime;
use crate::domain::request::RequestType;
use crate::domain::request::workflow::{RefusalGround, RefusalKind};

/// What the person asked for, as a noun phrase for "Your request: …".
pub fn request_phrase(lang: Language, kind: RequestType) -> &'static str {
    use RequestType::*;
    match lang {
        Language::English => kind.phrase(),
        Language::German => match kind {
            Access | Know => {
                "Auskunft über die personenbezogenen Daten, die wir über Sie gespeichert haben"
            }
            Rectification | Correct => "Berichtigung Ihrer personenbezogenen Daten",
            Erasure | Delete => "Löschung Ihrer personenbezogenen Daten",
            Restriction => "Einschränkung der Verarbeitung Ihrer personenbezogenen Daten",
            Portability => {
                "eine Kopie Ihrer Daten in einem strukturierten, gängigen und maschinenlesbaren Format"
            }
            Objection => {
                "Widerspruch gegen die Verarbeitung Ihrer personenbezogenen Daten durch uns"
            }
            WithdrawConsent => "Widerruf Ihrer Einwilligung",
            OptOut => {
                "Widerspruch gegen den Verkauf oder die Weitergabe Ihrer personenbezogenen Informationen"
            }
            Limit => "Beschränkung unserer Nutzung Ihrer sensiblen personenbezogenen Informationen",
        },
        Language::French => match kind {
            Access | Know => "l'accès aux données personnelles que nous détenons vous concernant",
            Rectification | Correct => "la rectification de vos données personnelles",
            Erasure | Delete => "l'effacement de vos données personnelles",
            Restriction => "la limitation du traitement de vos données personnelles",
            Portability => {
                "une copie de vos données dans un format structuré, couramment utilisé et lisible par machine"
            }
            Objection => "l'opposition au traitement de vos données personnelles par nos soins",
            WithdrawConsent => "le retrait de votre consentement",
            OptOut => "l'opposition à la vente ou au partage de vos informations personnelles",
            Limit => {
                "la limitation de notre utilisation de vos informations personnelles sensibles"
            }
        },
        Language::Spanish => match kind {
            Access | Know => "el acceso a los datos personales que tenemos sobre usted",
            Rectification | Correct => "la rectificación de sus datos personales",
            Erasure | Delete => "la supresión de sus datos personales",
            Restriction => "la limitación del tratamiento de sus datos personales",
            Portability => {
                "una copia de sus datos en un formato estructurado, de uso común y lectura mecánica"
            }
            Objection => "la oposición al tratamiento de sus datos personales por nuestra parte",
            WithdrawConsent => "la retirada de su consentimiento",
            OptOut => "la exclusión de la venta o el intercambio de su información personal",
            Limit => "la limitación de nuestro uso de su información personal sensible",
        },
    }
}

/// The provision giving the right, cited in the language's style (GDPR Art. 7(3), 15–18, 20,
/// 21; Cal. Civ. Code §§ 1798.105, .106, .110, .120, .121).
pub fn law(lang: Language, kind: RequestType, regime: Regime) -> String {
    use RequestType::*;
    let (article, paragraph) = match kind {
        Access => (15, None),
        Rectification => (16, None),
        Erasure => (17, None),
        Restriction => (18, None),
        Portability => (20, None),
        Objection => (21, None),
        WithdrawConsent => (7, Some(3)),
        Know => return lang.california("1798.110"),
        Delete => return lang.california("1798.105"),
        Correct => return lang.california("1798.106"),
        OptOut => return lang.california("1798.120"),
        Limit => return lang.california("1798.121"),
    };
    lang.article(article, paragraph, regime == Regime::UkGdpr)
}

/// A refusal's ground, without its details.
pub fn refusal_label(lang: Language, kind: RefusalKind) -> &'static str {
    use RefusalKind::*;
    match lang {
        Language::English => kind.label(),
        Language::German => match kind {
            ManifestlyUnfounded => "Der Antrag ist offenkundig unbegründet",
            Excessive => "Der Antrag ist exzessiv",
            IdentityNotVerified => "Wir konnten Ihre Identität nicht feststellen",
            Exemption => "Es greift eine gesetzliche Ausnahme",
            SuspectedFraud => {
                "Wir gehen aufgrund dokumentierter Anhaltspunkte in gutem Glauben davon aus, dass der Antrag betrügerisch ist"
            }
        },
        Language::French => match kind {
            ManifestlyUnfounded => "La demande est manifestement infondée",
            Excessive => "La demande est manifestement excessive",
            IdentityNotVerified => "Nous n'avons pas pu vérifier votre identité",
            Exemption => "Une exception prévue par la loi s'applique",
            SuspectedFraud => {
                "Nous avons des raisons documentées de croire, de bonne foi, que la demande est frauduleuse"
            }
        },
        Language::Spanish => match kind {
            ManifestlyUnfounded => "La solicitud es manifiestamente infundada",
            Excessive => "La solicitud es manifiestamente excesiva",
            IdentityNotVerified => "No hemos podido verificar su identidad",
            Exemption => "Se aplica una excepción prevista en la ley",
            SuspectedFraud => {
                "Tenemos motivos documentados para creer, de buena fe, que la solicitud es fraudulenta"
            }
        },
    }
}

/// A refusal's ground in one sentence: the ground, then the details as the officer wrote them.
pub fn refusal_sentence(lang: Language, ground: &RefusalGround) -> String {
    let label = refusal_label(lang, ground.kind);
    if ground.detail.trim().is_empty() {
        format!("{label}.")
    } else {
        format!("{label}: {}", ground.detail.trim())
    }
}

/// Where a person may complain, per regime, in the form that follows "complain to" ("bei",
/// "auprès de", "ante"): GDPR Art. 77; UK GDPR Art. 77 and DPA 2018 s. 165; CCPA: the
/// California Privacy Protection Agency (Cal. Civ. Code § 1798.199.10) and the Attorney
/// General.
pub fn supervisory_authority(lang: Language, regime: Regime) -> &'static str {
    match (lang, regime) {
        (Language::English, Regime::UkGdpr) => {
            "the Information Commissioner's Office (ico.org.uk, 0303 123 1113)"
        }
        (Language::English, Regime::Gdpr) => {
            "the data protection supervisory authority of the EU country where you live or work, or where you think the infringement took place (for Ireland, the Data Protection Commission, dataprotection.ie)"
        }
        (Language::English, Regime::CcpaCpra) => {
            "the California Privacy Protection Agency (cppa.ca.gov) or the California Attorney General (oag.ca.gov/privacy)"
        }
        (Language::German, Regime::UkGdpr) => {
            "dem Information Commissioner's Office (ICO, ico.org.uk, +44 303 123 1113)"
        }
        (Language::German, Regime::Gdpr) => {
            "der Datenschutz-Aufsichtsbehörde des EU-Mitgliedstaats, in dem Sie wohnen oder arbeiten oder in dem der mutmaßliche Verstoß stattgefunden hat (eine Liste der Aufsichtsbehörden finden Sie unter edpb.europa.eu)"
        }
        (Language::German, Regime::CcpaCpra) => {
            "der California Privacy Protection Agency (cppa.ca.gov) oder dem Generalstaatsanwalt von Kalifornien (California Attorney General, oag.ca.gov/privacy)"
        }
        (Language::French, Regime::UkGdpr) => {
            "l'Information Commissioner's Office (ICO, ico.org.uk, +44 303 123 1113)"
        }
        (Language::French, Regime::Gdpr) => {
            "l'autorité de contrôle de la protection des données de l'État membre de l'UE dans lequel vous résidez ou travaillez, ou dans lequel la violation alléguée a eu lieu (en France, la Commission nationale de l'informatique et des libertés, cnil.fr)"
        }
        (Language::French, Regime::CcpaCpra) => {
            "la California Privacy Protection Agency (cppa.ca.gov) ou du procureur général de Californie (California Attorney General, oag.ca.gov/privacy)"
        }
        (Language::Spanish, Regime::UkGdpr) => {
            "la Information Commissioner's Office (ICO, ico.org.uk, +44 303 123 1113)"
        }
        (Language::Spanish, Regime::Gdpr) => {
            "la autoridad de control de protección de datos del Estado miembro de la UE en el que resida o trabaje, o en el que se haya producido la presunta infracción (en España, la Agencia Española de Protección de Datos, aepd.es)"
        }
        (Language::Spanish, Regime::CcpaCpra) => {
            "la California Privacy Protection Agency (cppa.ca.gov) o el Fiscal General de California (California Attorney General, oag.ca.gov/privacy)"
        }
    }
}

/// What a person who was refused can do, by law (the table of [`super::complaint_rights`]):
/// a complaint and a court under the GDPR and the UK GDPR; the Agency or the Attorney General,
/// never a court, under the CCPA.
pub fn complaint_rights(lang: Language, regime: Regime) -> String {
    let authority = supervisory_authority(lang, regime);
    let ccpa = regime == Regime::CcpaCpra;
    match (lang, ccpa) {
        (Language::English, _) => super::complaint_rights(regime, authority),
        (Language::German, false) => format!(
            "Sie haben außerdem das Recht, sich bei {authority} zu beschweren, und Sie können gegebenenfalls gerichtlichen Rechtsschutz in Anspruch nehmen. Beides steht Ihnen offen, unabhängig davon, ob Sie sich zuvor an uns wenden."
        ),
        (Language::German, true) => format!(
            "Wenn Sie der Ansicht sind, dass wir Ihren Antrag nicht so bearbeitet haben, wie es das Gesetz verlangt, können Sie sich bei {authority} beschweren, unabhängig davon, ob Sie sich zuvor an uns wenden."
        ),
        (Language::French, false) => format!(
            "Vous avez également le droit d'introduire une réclamation auprès de {authority}, et vous pouvez, le cas échéant, former un recours juridictionnel. Vous pouvez exercer l'un ou l'autre de ces droits, que vous nous ayez contactés au préalable ou non."
        ),
        (Language::French, true) => format!(
            "Si vous estimez que nous n'avons pas traité votre demande comme la loi l'exige, vous pouvez déposer une plainte auprès de {authority}, que vous nous ayez contactés au préalable ou non."
        ),
        (Language::Spanish, false) => format!(
            "También tiene derecho a presentar una reclamación ante {authority} y, en su caso, a ejercitar acciones judiciales. Puede hacer cualquiera de las dos cosas tanto si se ha puesto antes en contacto con nosotros como si no."
        ),
        (Language::Spanish, true) => format!(
            "Si considera que no hemos tramitado su solicitud como exige la ley, puede presentar una reclamación ante {authority}, tanto si se ha puesto antes en contacto con nosotros como si no."
        ),
    }
}

/// How asking for identity affects the time limit. Where the clock restarts (GDPR and UK
/// GDPR Art. 12(6), ICO guidance), the time starts when the proof arrives; otherwise (CCPA,
/// Cal. Code Regs. tit. 11 § 7021(b)) the deadline stays `due`.
pub fn identity_time_limit(lang: Language, restarts: bool, due: &str) -> String {
    match (lang, restarts) {
        (Language::English, true) => {
            "The time we have to answer your request starts on the day we receive this from you."
                .to_owned()
        }
        (Language::English, false) => format!(
            "This does not change our deadline: we will still answer your request by {due}."
        ),
        (Language::German, true) => "Die Frist für die Beantwortung Ihres Antrags beginnt an dem Tag, an dem wir diese Angaben von Ihnen erhalten.".to_owned(),
        (Language::German, false) => format!(
            "Dies ändert nichts an unserer Frist: Wir werden Ihren Antrag dennoch spätestens bis zum {due} beantworten."
        ),
        (Language::French, true) => "Le délai dont nous disposons pour répondre à votre demande commence à courir le jour où nous recevons ces éléments de votre part.".to_owned(),
        (Language::French, false) => format!(
            "Cela ne modifie pas notre délai : nous répondrons à votre demande au plus tard le {due}."
        ),
        (Language::Spanish, true) => "El plazo del que disponemos para responder a su solicitud empieza a contar el día en que recibamos esta información.".to_owned(),
        (Language::Spanish, false) => format!(
            "Esto no modifica nuestro plazo: responderemos a su solicitud a más tardar el {due}."
        ),
    }
}

/// What the person must send to confirm their identity, completing "please send us …": under
/// the GDPR month rule, proof from the channel we already know; otherwise two matching
/// pieces of information (Cal. Code Regs. tit. 11 § 7062).
pub fn identity_needed(lang: Language, gdpr: bool) -> &'static str {
    match (lang, gdpr) {
        (Language::English, true) => {
            "a reply from the email address we hold for you, or the customer reference shown on one of your orders or invoices"
        }
        (Language::English, false) => {
            "two pieces of information that match what we hold about you, such as the postcode and the date of your last order"
        }
        (Language::German, true) => {
            "eine Antwort von der E-Mail-Adresse, die wir für Sie gespeichert haben, oder die Kundennummer, die auf einer Ihrer Bestellungen oder Rechnungen steht"
        }
        (Language::German, false) => {
            "zwei Angaben, die mit unseren Unterlagen über Sie übereinstimmen, etwa Ihre Postleitzahl und das Datum Ihrer letzten Bestellung"
        }
        (Language::French, true) => {
            "une réponse envoyée depuis l'adresse e-mail que nous avons enregistrée pour vous, ou la référence client figurant sur l'une de vos commandes ou factures"
        }
        (Language::French, false) => {
            "deux informations correspondant à celles que nous détenons à votre sujet, par exemple votre code postal et la date de votre dernière commande"
        }
        (Language::Spanish, true) => {
            "una respuesta desde la dirección de correo electrónico que tenemos registrada para usted, o la referencia de cliente que figura en alguno de sus pedidos o facturas"
        }
        (Language::Spanish, false) => {
            "dos datos que coincidan con los que tenemos sobre usted, como su código postal y la fecha de su último pedido"
        }
    }
}

/// The contact point of a breach letter when there is a data protection officer (Art. 34(2),
/// 33(3)(b)), naming them: "our data protection officer, Priya Shah, dpo@…".
pub fn dpo_contact_point(lang: Language, dpo: &str) -> String {
    match lang {
        Language::English => format!("our data protection officer, {dpo}"),
        Language::German => format!("unsere/n Datenschutzbeauftragte/n, {dpo}"),
        Language::French => format!("notre délégué(e) à la protection des données, {dpo}"),
        Language::Spanish => format!("nuestro/a delegado/a de protección de datos, {dpo}"),
    }
}

/// The signer's role under their name.
pub fn role(lang: Language, role: Role) -> &'static str {
    match (lang, role) {
        (Language::English, r) => r.label(),
        (Language::German, Role::Owner) => "Inhaber/in",
        (Language::German, Role::Officer) => "Datenschutzkoordination",
        (Language::German, Role::Assistant) => "Assistenz",
        (Language::German, Role::Auditor) => "Prüfung",
        (Language::French, Role::Owner) => "Dirigeant(e)",
        (Language::French, Role::Officer) => "Responsable de la protection des données",
        (Language::French, Role::Assistant) => "Assistant(e)",
        (Language::French, Role::Auditor) => "Auditeur/Auditrice",
        (Language::Spanish, Role::Owner) => "Titular",
        (Language::Spanish, Role::Officer) => "Responsable de privacidad",
        (Language::Spanish, Role::Assistant) => "Asistente",
        (Language::Spanish, Role::Auditor) => "Auditor/a",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_words_are_the_ones_letters_always_used() {
        for kind in RequestType::ALL {
            assert_eq!(request_phrase(Language::English, kind), kind.phrase());
            for regime in [Regime::Gdpr, Regime::UkGdpr, Regime::CcpaCpra] {
                if kind.applies_to(regime) {
                    assert_eq!(law(Language::English, kind, regime), kind.law(regime));
                }
            }
        }
        for kind in RefusalKind::ALL {
            assert_eq!(refusal_label(Language::English, kind), kind.label());
        }
    }

    #[test]
    fn each_language_cites_the_right_and_the_authority() {
        for (lang, kind, regime, law_text, authority) in [
            (
                Language::German,
                RequestType::Access,
                Regime::Gdpr,
                "Art. 15 DSGVO",
                "edpb.europa.eu",
            ),
            (
                Language::French,
                RequestType::Erasure,
                Regime::Gdpr,
                "l'article 17 du RGPD",
                "cnil.fr",
            ),
            (
                Language::Spanish,
                RequestType::WithdrawConsent,
                Regime::Gdpr,
                "el artículo 7, apartado 3, del RGPD",
                "aepd.es",
            ),
            (
                Language::German,
                RequestType::Know,
                Regime::CcpaCpra,
                "§ 1798.110 California Civil Code",
                "cppa.ca.gov",
            ),
            (
                Language::Spanish,
                RequestType::Rectification,
                Regime::UkGdpr,
                "el artículo 16 del UK GDPR",
                "ico.org.uk",
            ),
        ] {
            assert_eq!(law(lang, kind, regime), law_text, "{lang:?} {kind:?}");
            assert!(
                supervisory_authority(lang, regime).contains(authority),
                "{lang:?} {regime:?}"
            );
        }
    }

    #[test]
    fn a_ccpa_refusal_never_points_to_a_court() {
        for lang in Language::ALL {
            let gdpr = complaint_rights(lang, Regime::Gdpr);
            let ccpa = complaint_rights(lang, Regime::CcpaCpra);
            let court = match lang {
                Language::English => "court",
                Language::German => "gerichtlich",
                Language::French => "juridictionnel",
                Language::Spanish => "judiciales",
            };
            assert!(gdpr.contains(court), "{lang:?}: {gdpr}");
            assert!(!ccpa.contains(court), "{lang:?}: {ccpa}");
        }
    }

    #[test]
    fn the_ccpa_deadline_is_named_and_the_gdpr_clock_restarts() {
        for lang in Language::ALL {
            assert!(
                identity_time_limit(lang, false, "DUE").contains("DUE"),
                "{lang:?}"
            );
            assert!(
                !identity_time_limit(lang, true, "DUE").contains("DUE"),
                "{lang:?}"
            );
        }
    }
}
