//! The languages a letter to a person is written in — English, German, French and Spanish —
//! and what changes with them besides the template: the date, the salutation and how a
//! provision of the law is cited.
//!
//! Citation styles follow each language's official texts: German "Art. 15 DSGVO" and
//! "Art. 7 Abs. 3 DSGVO" (the German version of Regulation (EU) 2016/679, Datenschutz-
//! Grundverordnung); French "l'article 15 du RGPD" and "l'article 7, paragraphe 3, du RGPD"
//! (règlement général sur la protection des données); Spanish "el artículo 15 del RGPD" and
//! "el artículo 7, apartado 3, del RGPD" (Reglamento General de Protección de Datos). The UK
//! GDPR keeps its English name, which is how it is cited in those languages too.

use chrono::{Datelike, NaiveDate};

/// A language letters are written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Language {
    /// English (the shipped templates of `assets/letters/`).
    #[default]
    English,
    /// German (`assets/letters/de/`).
    German,
    /// French (`assets/letters/fr/`).
    French,
    /// Spanish (`assets/letters/es/`).
    Spanish,
}

const MONTHS_DE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

impl Language {
    /// Every language.
    pub const ALL: [Language; 4] = [Self::English, Self::German, Self::French, Self::Spanish];

    /// The ISO 639-1 code (`en`, `de`, `fr`, `es`): the command line's `--lang`, the folder of
    /// the templates.
    pub fn code(self) -> &'static str {
        match self {
            Self::English => "en",
            Self::German => "de",
            Self::French => "fr",
            Self::Spanish => "es",
        }
    }

    /// The language for a code (case-insensitive).
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(code.trim()))
    }

    /// The language's own name ("Deutsch").
    pub fn label(self) -> &'static str {
        match self {
            Self::English => "English",
            Self::German => "Deutsch",
            Self::French => "Français",
            Self::Spanish => "Español",
        }
    }

    /// A date as a letter writes it: "7 December 2026", "7. Dezember 2026", "7 décembre 2026"
    /// ("1er décembre" on the first), "7 de diciembre de 2026".
    pub fn long_date(self, d: NaiveDate) -> String {
        let month = d.month0() as usize;
        let (day, year) = (d.day(), d.year());
        match self {
            Self::English => d.format("%-d %B %Y").to_string(),
            Self::German => format!("{day}. {} {year}", MONTHS_DE[month]),
            Self::French if day == 1 => format!("1er {} {year}", MONTHS_FR[month]),
            Self::French => format!("{day} {} {year}", MONTHS_FR[month]),
            Self::Spanish => format!("{day} de {} de {year}", MONTHS_ES[month]),
        }
    }

    /// The salutation. Without a name: "Dear Sir or Madam,", "Sehr geehrte Damen und Herren,",
    /// "Madame, Monsieur,", "Estimado/a señor/a:". With one: "Dear Ana Pereira,", the neutral
    /// formal "Guten Tag Ana Pereira,", "Madame, Monsieur," (French formal letters address the
    /// person by title, which the app does not know), "Estimado/a Ana Pereira:".
    pub fn greeting(self, name: &str) -> String {
        let name = name.trim();
        match (self, name.is_empty()) {
            (Self::English, true) => "Dear Sir or Madam,".to_owned(),
            (Self::English, false) => format!("Dear {name},"),
            (Self::German, true) => "Sehr geehrte Damen und Herren,".to_owned(),
            (Self::German, false) => format!("Guten Tag {name},"),
            (Self::French, _) => "Madame, Monsieur,".to_owned(),
            (Self::Spanish, true) => "Estimado/a señor/a:".to_owned(),
            (Self::Spanish, false) => format!("Estimado/a {name}:"),
        }
    }

    /// An article of the GDPR (or, with `uk`, the UK GDPR), with its paragraph when there is
    /// one: "Article 7(3) of the UK GDPR", "Art. 7 Abs. 3 DSGVO", "l'article 7, paragraphe 3,
    /// du RGPD", "el artículo 7, apartado 3, del RGPD".
    pub fn article(self, article: u32, paragraph: Option<u32>, uk: bool) -> String {
        match self {
            Self::English => {
                let p = paragraph.map(|p| format!("({p})")).unwrap_or_default();
                let law = if uk { "the UK GDPR" } else { "the GDPR" };
                format!("Article {article}{p} of {law}")
            }
            Self::German => {
                let p = paragraph.map(|p| format!(" Abs. {p}")).unwrap_or_default();
                let law = if uk { "UK GDPR" } else { "DSGVO" };
                format!("Art. {article}{p} {law}")
            }
            Self::French => {
                let law = if uk { "du UK GDPR" } else { "du RGPD" };
                match paragraph {
                    Some(p) => format!("l'article {article}, paragraphe {p}, {law}"),
                    None => format!("l'article {article} {law}"),
                }
            }
            Self::Spanish => {
                let law = if uk { "del UK GDPR" } else { "del RGPD" };
                match paragraph {
                    Some(p) => format!("el artículo {article}, apartado {p}, {law}"),
                    None => format!("el artículo {article} {law}"),
                }
            }
        }
    }

    /// A section of the California Civil Code: "California Civil Code § 1798.110", "§ 1798.110
    /// California Civil Code", "l'article 1798.110 du Code civil de Californie", "el artículo
    /// 1798.110 del Código Civil de California".
    pub fn california(self, section: &str) -> String {
        match self {
            Self::English => format!("California Civil Code § {section}"),
            Self::German => format!("§ {section} California Civil Code"),
            Self::French => format!("l'article {section} du Code civil de Californie"),
            Self::Spanish => format!("el artículo {section} del Código Civil de California"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn dates_read_as_each_language_writes_them() {
        for (lang, date, expected) in [
            (Language::English, day(2026, 12, 7), "7 December 2026"),
            (Language::German, day(2026, 3, 1), "1. März 2026"),
            (Language::French, day(2026, 12, 1), "1er décembre 2026"),
            (Language::French, day(2026, 8, 15), "15 août 2026"),
            (Language::Spanish, day(2027, 1, 14), "14 de enero de 2027"),
        ] {
            assert_eq!(lang.long_date(date), expected, "{lang:?}");
        }
    }

    #[test]
    fn articles_are_cited_in_each_languages_style() {
        for (lang, a, p, uk, expected) in [
            (Language::English, 15, None, false, "Article 15 of the GDPR"),
            (
                Language::English,
                7,
                Some(3),
                true,
                "Article 7(3) of the UK GDPR",
            ),
            (Language::German, 15, None, false, "Art. 15 DSGVO"),
            (Language::German, 7, Some(3), false, "Art. 7 Abs. 3 DSGVO"),
            (Language::French, 17, None, false, "l'article 17 du RGPD"),
            (
                Language::French,
                7,
                Some(3),
                true,
                "l'article 7, paragraphe 3, du UK GDPR",
            ),
            (
                Language::Spanish,
                20,
                None,
                false,
                "el artículo 20 del RGPD",
            ),
            (
                Language::Spanish,
                7,
                Some(3),
                false,
                "el artículo 7, apartado 3, del RGPD",
            ),
        ] {
            assert_eq!(lang.article(a, p, uk), expected, "{lang:?}");
        }
    }

    #[test]
    fn greetings_and_codes() {
        assert_eq!(
            Language::German.greeting(""),
            "Sehr geehrte Damen und Herren,"
        );
        assert_eq!(
            Language::German.greeting("Ana Pereira"),
            "Guten Tag Ana Pereira,"
        );
        assert_eq!(Language::French.greeting("Ana"), "Madame, Monsieur,");
        assert_eq!(Language::Spanish.greeting(" Ana "), "Estimado/a Ana:");
        assert_eq!(Language::English.greeting(""), "Dear Sir or Madam,");
        for l in Language::ALL {
            assert_eq!(Language::from_code(&l.code().to_uppercase()), Some(l));
        }
        assert_eq!(Language::from_code("it"), None);
    }
}
