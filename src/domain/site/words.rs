//! The self-service pages' words in each language they are built in. The purposes' names and
//! notice texts come from the catalogue, in the language the business wrote them.

/// A language the pages are built in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lang {
    /// English.
    En,
    /// German.
    De,
    /// French.
    Fr,
    /// Spanish.
    Es,
}

impl Lang {
    /// Every language, in the order the language links show them.
    pub const ALL: [Lang; 4] = [Self::En, Self::De, Self::Fr, Self::Es];

    /// The ISO 639-1 code (also the folder name and the `lang` attribute).
    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::De => "de",
            Self::Fr => "fr",
            Self::Es => "es",
        }
    }

    /// The language for a code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(code.trim()))
    }

    /// The language's own name.
    pub fn name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::De => "Deutsch",
            Self::Fr => "Français",
            Self::Es => "Español",
        }
    }

    /// The pages' words.
    pub fn words(self) -> &'static Words {
        match self {
            Self::En => &EN,
            Self::De => &DE,
            Self::Fr => &FR,
            Self::Es => &ES,
        }
    }
}

/// The words of the pages in one language. `{org}`, `{email}` and `{version}` are filled in.
/// Each field is one phrase, named after the place on the page where it shows.
#[allow(missing_docs)]
#[derive(Debug)]
pub struct Words {
    pub request_title: &'static str,
    pub request_intro: &'static str,
    pub type_label: &'static str,
    /// (request type code, words) for the list.
    pub types: [(&'static str, &'static str); 7],
    pub regime_label: &'static str,
    /// (regime code, words).
    pub regimes: [(&'static str, &'static str); 3],
    pub email_label: &'static str,
    pub name_label: &'static str,
    pub details_label: &'static str,
    pub send_request: &'static str,
    pub ccpa_heading: &'static str,
    pub ccpa_intro: &'static str,
    pub opt_out: &'static str,
    pub limit: &'static str,
    pub gpc_notice: &'static str,
    pub mailto_note: &'static str,
    pub identity_note: &'static str,
    pub prefs_title: &'static str,
    pub prefs_intro: &'static str,
    pub keep: &'static str,
    pub withdraw: &'static str,
    pub object: &'static str,
    pub notice_shown: &'static str,
    pub send_choices: &'static str,
    pub to_prefs: &'static str,
    pub to_request: &'static str,
    pub contact: &'static str,
    pub languages: &'static str,
}

const EN: Words = Words {
    request_title: "Your privacy requests",
    request_intro: "{org} keeps personal data about you. Use this form to exercise your rights over it. We answer within the time the law sets.",
    type_label: "What would you like us to do?",
    types: [
        ("access", "Give me a copy of my personal data"),
        ("rectification", "Correct my personal data"),
        ("erasure", "Delete my personal data"),
        ("restriction", "Restrict the use of my personal data"),
        ("portability", "Send me my data in a portable format"),
        ("objection", "Stop using my personal data (objection)"),
        ("withdraw-consent", "Withdraw my consent"),
    ],
    regime_label: "Where do you live?",
    regimes: [
        ("gdpr", "European Union"),
        ("uk-gdpr", "United Kingdom"),
        ("ccpa-cpra", "California"),
    ],
    email_label: "Your email address",
    name_label: "Your name",
    details_label: "Details (optional)",
    send_request: "Send my request",
    ccpa_heading: "California residents",
    ccpa_intro: "You may ask us not to sell or share your personal information, and to limit the use of your sensitive personal information. Give your email address above, then press a button.",
    opt_out: "Do Not Sell or Share My Personal Information",
    limit: "Limit the Use of My Sensitive Personal Information",
    gpc_notice: "Your browser sends the Global Privacy Control signal. We treat it as a request to opt out of the sale and sharing of your personal information.",
    mailto_note: "Sending opens your email program with your request written out. Send that email to {email} to reach us.",
    identity_note: "We may ask you to confirm who you are before we answer, so that nobody else receives your data.",
    prefs_title: "Your privacy preferences",
    prefs_intro: "Choose for each use of your data. Nothing changes for the ones you keep.",
    keep: "Keep as it is",
    withdraw: "Withdraw my consent",
    object: "I object to this use",
    notice_shown: "What we told you (notice version {version}):",
    send_choices: "Send my choices",
    to_prefs: "Your privacy preferences",
    to_request: "Make a privacy request",
    contact: "Privacy contact: {email}",
    languages: "Language",
};

const DE: Words = Words {
    request_title: "Ihre Datenschutzanfragen",
    request_intro: "{org} speichert personenbezogene Daten über Sie. Mit diesem Formular machen Sie Ihre Rechte daran geltend. Wir antworten innerhalb der gesetzlichen Frist.",
    type_label: "Was sollen wir für Sie tun?",
    types: [
        (
            "access",
            "Mir eine Kopie meiner personenbezogenen Daten geben (Auskunft)",
        ),
        ("rectification", "Meine personenbezogenen Daten berichtigen"),
        ("erasure", "Meine personenbezogenen Daten löschen"),
        ("restriction", "Die Verarbeitung meiner Daten einschränken"),
        (
            "portability",
            "Mir meine Daten in einem übertragbaren Format senden",
        ),
        (
            "objection",
            "Die Verwendung meiner Daten beenden (Widerspruch)",
        ),
        ("withdraw-consent", "Meine Einwilligung widerrufen"),
    ],
    regime_label: "Wo wohnen Sie?",
    regimes: [
        ("gdpr", "Europäische Union"),
        ("uk-gdpr", "Vereinigtes Königreich"),
        ("ccpa-cpra", "Kalifornien"),
    ],
    email_label: "Ihre E-Mail-Adresse",
    name_label: "Ihr Name",
    details_label: "Einzelheiten (freiwillig)",
    send_request: "Anfrage senden",
    ccpa_heading: "Einwohner Kaliforniens",
    ccpa_intro: "Sie können verlangen, dass wir Ihre personenbezogenen Daten nicht verkaufen oder weitergeben und die Verwendung Ihrer sensiblen Daten begrenzen. Geben Sie oben Ihre E-Mail-Adresse an und drücken Sie dann eine Schaltfläche.",
    opt_out: "Meine personenbezogenen Daten nicht verkaufen oder weitergeben",
    limit: "Die Verwendung meiner sensiblen personenbezogenen Daten begrenzen",
    gpc_notice: "Ihr Browser sendet das Signal „Global Privacy Control“. Wir behandeln es als Widerspruch gegen den Verkauf und die Weitergabe Ihrer personenbezogenen Daten.",
    mailto_note: "Beim Senden öffnet sich Ihr E-Mail-Programm mit Ihrer ausformulierten Anfrage. Senden Sie diese E-Mail an {email}, um uns zu erreichen.",
    identity_note: "Wir bitten Sie möglicherweise, Ihre Identität zu bestätigen, bevor wir antworten, damit niemand sonst Ihre Daten erhält.",
    prefs_title: "Ihre Datenschutzeinstellungen",
    prefs_intro: "Wählen Sie für jede Verwendung Ihrer Daten. Für alles, was Sie beibehalten, ändert sich nichts.",
    keep: "Unverändert lassen",
    withdraw: "Meine Einwilligung widerrufen",
    object: "Ich widerspreche dieser Verwendung",
    notice_shown: "Was wir Ihnen mitgeteilt haben (Hinweis, Fassung {version}):",
    send_choices: "Meine Auswahl senden",
    to_prefs: "Ihre Datenschutzeinstellungen",
    to_request: "Eine Datenschutzanfrage stellen",
    contact: "Kontakt für Datenschutz: {email}",
    languages: "Sprache",
};

const FR: Words = Words {
    request_title: "Vos demandes relatives à vos données",
    request_intro: "{org} conserve des données personnelles vous concernant. Ce formulaire vous permet d'exercer vos droits sur ces données. Nous répondons dans le délai prévu par la loi.",
    type_label: "Que souhaitez-vous que nous fassions ?",
    types: [
        (
            "access",
            "M'envoyer une copie de mes données personnelles (accès)",
        ),
        ("rectification", "Rectifier mes données personnelles"),
        ("erasure", "Effacer mes données personnelles"),
        ("restriction", "Limiter le traitement de mes données"),
        (
            "portability",
            "M'envoyer mes données dans un format portable",
        ),
        ("objection", "Cesser d'utiliser mes données (opposition)"),
        ("withdraw-consent", "Retirer mon consentement"),
    ],
    regime_label: "Où résidez-vous ?",
    regimes: [
        ("gdpr", "Union européenne"),
        ("uk-gdpr", "Royaume-Uni"),
        ("ccpa-cpra", "Californie"),
    ],
    email_label: "Votre adresse e-mail",
    name_label: "Votre nom",
    details_label: "Précisions (facultatif)",
    send_request: "Envoyer ma demande",
    ccpa_heading: "Résidents de Californie",
    ccpa_intro: "Vous pouvez nous demander de ne pas vendre ni partager vos informations personnelles et de limiter l'utilisation de vos informations sensibles. Indiquez votre adresse e-mail ci-dessus, puis appuyez sur un bouton.",
    opt_out: "Ne pas vendre ni partager mes informations personnelles",
    limit: "Limiter l'utilisation de mes informations personnelles sensibles",
    gpc_notice: "Votre navigateur envoie le signal Global Privacy Control. Nous le traitons comme une demande de ne pas vendre ni partager vos informations personnelles.",
    mailto_note: "L'envoi ouvre votre messagerie avec votre demande rédigée. Envoyez ce message à {email} pour nous joindre.",
    identity_note: "Nous pourrons vous demander de confirmer votre identité avant de répondre, afin que personne d'autre ne reçoive vos données.",
    prefs_title: "Vos préférences de confidentialité",
    prefs_intro: "Choisissez pour chaque utilisation de vos données. Rien ne change pour celles que vous conservez.",
    keep: "Ne rien changer",
    withdraw: "Retirer mon consentement",
    object: "Je m'oppose à cette utilisation",
    notice_shown: "Ce que nous vous avons indiqué (information, version {version}) :",
    send_choices: "Envoyer mes choix",
    to_prefs: "Vos préférences de confidentialité",
    to_request: "Faire une demande",
    contact: "Contact pour la protection des données : {email}",
    languages: "Langue",
};

const ES: Words = Words {
    request_title: "Sus solicitudes sobre sus datos",
    request_intro: "{org} conserva datos personales sobre usted. Con este formulario puede ejercer sus derechos sobre ellos. Respondemos dentro del plazo que fija la ley.",
    type_label: "¿Qué desea que hagamos?",
    types: [
        ("access", "Darme una copia de mis datos personales (acceso)"),
        ("rectification", "Rectificar mis datos personales"),
        ("erasure", "Suprimir mis datos personales"),
        ("restriction", "Limitar el tratamiento de mis datos"),
        ("portability", "Enviarme mis datos en un formato portable"),
        ("objection", "Dejar de usar mis datos (oposición)"),
        ("withdraw-consent", "Retirar mi consentimiento"),
    ],
    regime_label: "¿Dónde reside?",
    regimes: [
        ("gdpr", "Unión Europea"),
        ("uk-gdpr", "Reino Unido"),
        ("ccpa-cpra", "California"),
    ],
    email_label: "Su dirección de correo electrónico",
    name_label: "Su nombre",
    details_label: "Detalles (opcional)",
    send_request: "Enviar mi solicitud",
    ccpa_heading: "Residentes de California",
    ccpa_intro: "Puede pedirnos que no vendamos ni compartamos su información personal y que limitemos el uso de su información sensible. Indique arriba su dirección de correo y pulse un botón.",
    opt_out: "No vender ni compartir mi información personal",
    limit: "Limitar el uso de mi información personal sensible",
    gpc_notice: "Su navegador envía la señal Global Privacy Control. La tratamos como una solicitud de no vender ni compartir su información personal.",
    mailto_note: "Al enviar se abrirá su programa de correo con la solicitud redactada. Envíe ese mensaje a {email} para contactarnos.",
    identity_note: "Es posible que le pidamos confirmar su identidad antes de responder, para que nadie más reciba sus datos.",
    prefs_title: "Sus preferencias de privacidad",
    prefs_intro: "Elija para cada uso de sus datos. Nada cambia en los que mantenga.",
    keep: "Dejar como está",
    withdraw: "Retirar mi consentimiento",
    object: "Me opongo a este uso",
    notice_shown: "Lo que le informamos (aviso, versión {version}):",
    send_choices: "Enviar mis preferencias",
    to_prefs: "Sus preferencias de privacidad",
    to_request: "Hacer una solicitud",
    contact: "Contacto de privacidad: {email}",
    languages: "Idioma",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_offers_the_same_types_and_regimes_in_the_same_order() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
            let w = lang.words();
            let en = Lang::En.words();
            fn codes(t: &[(&'static str, &'static str)]) -> Vec<&'static str> {
                t.iter().map(|(c, _)| *c).collect()
            }
            assert_eq!(codes(&w.types), codes(&en.types), "{lang:?}");
            assert_eq!(codes(&w.regimes), codes(&en.regimes), "{lang:?}");
            assert!(w.request_intro.contains("{org}"), "{lang:?}");
            assert!(w.mailto_note.contains("{email}"), "{lang:?}");
            assert!(w.contact.contains("{email}"), "{lang:?}");
            assert!(w.notice_shown.contains("{version}"), "{lang:?}");
        }
    }
}
