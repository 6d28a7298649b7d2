//! `request letter ID --kind K --out FILE [--lang en|de|fr|es] [--vendor NAME]`: a letter
//! about a request, filled in from its facts in the language asked for (else the one recorded
//! on the request, else English), written as text, HTML or Word (`.docx`, by the file's
//! extension). The recipient notice goes to one vendor. `request set-language ID --lang L`
//! records the request's language.

use std::path::Path;

use anyhow::Context;

use crate::domain::letters::{Language, LetterKind};
use crate::services::Session;

use super::dates::today;

/// The language `--lang` names, or the sentence saying which exist.
fn language(lang: &str) -> anyhow::Result<Language> {
    Language::from_code(lang).with_context(|| {
        let all: Vec<&str> = Language::ALL.into_iter().map(Language::code).collect();
        format!(
            "--lang: \"{lang}\" is not a language of the letters; use one of {}",
            all.join(", ")
        )
    })
}

/// Records `lang` as the language of request `id`'s letters.
pub fn set_language(session: &mut Session, id: &str, lang: &str) -> anyhow::Result<()> {
    let lang = language(lang)?;
    let request = session.requests().find_request(id)?;
    session.requests().set_letter_language(request, lang)?;
    outln!(
        "The letters of {id} will be written in {} ({}).",
        lang.label(),
        lang.code()
    )?;
    Ok(())
}

/// Writes the letter `kind` about request `id` to `out`, in `lang` or else the language
/// recorded on the request.
pub fn write(
    session: &mut Session,
    id: &str,
    kind: &str,
    out: &Path,
    lang: Option<&str>,
    vendor: Option<&str>,
) -> anyhow::Result<()> {
    let asked = lang.map(language).transpose()?;
    let id = session.requests().find_request(id)?;
    let lang = match asked {
        Some(lang) => lang,
        None => session
            .requests()
            .letter_language(id)?
            .unwrap_or(Language::English),
    };
    let kind = LetterKind::from_code(kind).with_context(|| {
        let all: Vec<&str> = LetterKind::ALL
            .into_iter()
            .chain([LetterKind::RecipientNotice])
            .map(LetterKind::code)
            .collect();
        format!(
            "--kind: \"{kind}\" is not a letter; use one of {}",
            all.join(", ")
        )
    })?;
    let letter = match (kind, vendor) {
        (LetterKind::RecipientNotice, Some(v)) => {
            session
                .requests()
                .recipient_notice_in(id, v, lang, today())?
        }
        (LetterKind::RecipientNotice, None) => anyhow::bail!(
            "--vendor: a recipient notice is written to one vendor; name it with --vendor NAME (`request show` lists the vendors to reach)"
        ),
        (_, Some(_)) => anyhow::bail!(
            "--vendor: only the recipient notice is written to a vendor; leave --vendor out for the {} letter",
            kind.code()
        ),
        (_, None) => session.requests().letter_in(id, kind, lang, today())?,
    };
    session.exports().export_letter(id, &letter, out)?;
    outln!(
        "Wrote the {} letter ({}) to {}.",
        kind.code(),
        lang.label(),
        out.display()
    )?;
    Ok(())
}
