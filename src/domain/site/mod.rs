//! The self-service site a business hosts: static pages (no server code, usable without
//! JavaScript) where people make a privacy request and set their preferences per purpose.
//!
//! The pages submit with `enctype="text/plain"` either to a form address the business set (a
//! form service that forwards submissions to the privacy mailbox) or, by default, by `mailto:`
//! to the privacy address. Either way the body is the structured one intake reads exactly
//! ([`crate::domain::intake::form`]): the page's kind, its version and the person's choices.
//!
//! The Global Privacy Control signal: a browser that sends it exposes
//! `navigator.globalPrivacyControl`; the pages' small script then marks every submission with
//! `gpc=1`, ticks "do not sell or share" and says so on the page. Under the CCPA a business
//! must treat the signal as a valid request to opt out of sale/sharing (Cal. Code Regs. tit. 11
//! § 7025(b)); without JavaScript the page works the same, only without that mark.

mod pages;
mod words;

#[cfg(test)]
mod tests;

use sha2::{Digest, Sha256};

use super::organisation::Regime;

pub use words::{Lang, Words};

/// A purpose as its preference-page entry shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SitePurpose {
    /// The purpose's code (the form field is `purpose.<code>`).
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its description.
    pub description: String,
    /// The current notice text.
    pub notice: String,
    /// The current notice version.
    pub notice_version: u32,
    /// Whether its lawful basis is consent (withdraw offered), else legitimate interests
    /// (object offered); purposes on other bases are not on the page.
    pub consent: bool,
}

/// What the pages are built from: the organisation, where submissions go and the purposes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteInput {
    /// The organisation's name.
    pub organisation: String,
    /// The privacy address (the controller's email).
    pub privacy_email: String,
    /// The form service address, when the business set one; else `mailto:`.
    pub form_action: Option<String>,
    /// The regimes that apply (the request form asks where the person lives when there are
    /// several; the CCPA buttons show when the CCPA applies).
    pub regimes: Vec<Regime>,
    /// The purposes for the preference page (consent and legitimate-interest ones).
    pub purposes: Vec<SitePurpose>,
    /// The day the pages are built (`YYYY-MM-DD`), the first part of the page version.
    pub built_on: String,
}

impl SiteInput {
    /// The pages' version: the build day and a short digest of everything shown, so that a
    /// submission names exactly the page (and the notice versions) the person saw.
    pub fn page_version(&self) -> String {
        let mut h = Sha256::new();
        for part in [
            self.organisation.as_str(),
            self.privacy_email.as_str(),
            self.form_action.as_deref().unwrap_or(""),
        ] {
            h.update(part.as_bytes());
            h.update([0]);
        }
        for r in &self.regimes {
            h.update(r.code().as_bytes());
            h.update([0]);
        }
        for p in &self.purposes {
            h.update(p.code.as_bytes());
            h.update(p.notice_version.to_be_bytes());
            h.update(p.notice.as_bytes());
            h.update([0]);
        }
        let digest = h.finalize();
        let short: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
        format!("{}.{short}", self.built_on)
    }
}

/// Checks a form address: an `https://` URL (plain `http://` only for this machine, to try
/// the pages locally), without spaces or quotes.
pub fn check_form_action(url: &str) -> Result<(), String> {
    let local = ["http://127.0.0.1", "http://localhost", "http://[::1]"]
        .iter()
        .any(|p| url.starts_with(p));
    let well_formed = url.len() > "https://".len()
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>');
    if !(url.starts_with("https://") || local) || !well_formed {
        return Err(format!(
            "{url:?} is not a web address the pages can send to; give the https:// address your form service gave you (http:// only for 127.0.0.1 or localhost)"
        ));
    }
    Ok(())
}

/// One file of the site: its path relative to the output folder, and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteFile {
    /// Relative path with `/` separators (`en/request.html`).
    pub path: String,
    /// The file's text (UTF-8).
    pub text: String,
}

/// Builds the site in `langs` (at least one; the first is the root page's language).
pub fn build(input: &SiteInput, langs: &[Lang]) -> Vec<SiteFile> {
    let version = input.page_version();
    let mut files = vec![
        SiteFile {
            path: "index.html".into(),
            text: pages::root(input, langs),
        },
        SiteFile {
            path: "site.css".into(),
            text: pages::STYLE.into(),
        },
        SiteFile {
            path: "gpc.js".into(),
            text: pages::GPC_SCRIPT.into(),
        },
    ];
    for &lang in langs {
        files.push(SiteFile {
            path: format!("{}/request.html", lang.code()),
            text: pages::request(input, lang, langs, &version),
        });
        files.push(SiteFile {
            path: format!("{}/preferences.html", lang.code()),
            text: pages::preferences(input, lang, langs, &version),
        });
    }
    files
}
