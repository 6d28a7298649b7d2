//! The language a message was written in, as the intake can tell it: the language its matched
//! rule phrase is listed under in `assets/intake.toml` (issue 20, item 4). A request taken in
//! from such a message records it as the language of its letters, so the acknowledgement
//! answers in the person's language (GDPR Art. 12(1): information "in a concise,
//! transparent, intelligible and easily accessible form, using clear and plain language":
//! plain only in a language the person reads).
//!
//! Only what the phrase proves is taken: a phrase that is an article number ("art. 15") is
//! written the same way in every language, so it tells nothing; a phrase listed under
//! several languages tells nothing either; and a language the letters are not written in
//! (Italian, Dutch) is not recorded, so the officer chooses.

use super::rules::IntakeRules;
use crate::domain::letters::Language;

/// The letter language of a message whose matched rule phrase is `phrase`, when the phrase
/// tells it.
pub fn detected_language(rules: &IntakeRules, phrase: &str) -> Option<Language> {
    let phrase = phrase.trim().to_lowercase();
    if phrase.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut langs = rules
        .phrases
        .iter()
        .filter(|p| p.text == phrase)
        .map(|p| p.lang.as_str());
    let first = langs.next()?;
    if langs.any(|l| l != first) {
        return None;
    }
    Language::from_code(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_phrase_tells_the_language_when_it_can() {
        let rules = IntakeRules::shipped().unwrap();
        let cases: &[(&str, Option<Language>)] = &[
            ("subject access request", Some(Language::English)),
            ("Recht auf Löschung", Some(Language::German)),
            ("droit d'accès", Some(Language::French)),
            ("derecho de supresión", Some(Language::Spanish)),
            // Written alike in every language: no evidence.
            ("art. 15", None),
            ("article 17", None),
            // Languages the letters are not written in: the officer chooses.
            ("diritto di accesso", None),
            ("inzageverzoek", None),
            // Not a phrase of the rules (a self-service form's proposal).
            ("form:access", None),
        ];
        for (phrase, expected) in cases {
            assert_eq!(detected_language(&rules, phrase), *expected, "{phrase}");
        }
    }

    #[test]
    fn a_phrase_listed_under_two_languages_tells_nothing() {
        let mut rules = IntakeRules::shipped().unwrap();
        let text = "subject access request";
        assert_eq!(detected_language(&rules, text), Some(Language::English));
        let mut twin = rules
            .phrases
            .iter()
            .find(|p| p.text == text)
            .unwrap()
            .clone();
        twin.lang = "de".into();
        rules.phrases.push(twin);
        assert_eq!(detected_language(&rules, text), None);
    }
}
