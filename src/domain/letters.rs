//! Letters the privacy officer sends while answering a data-subject request: the
//! acknowledgement, the request for proof of identity, the extension notice, the completion
//! letter and the refusal.
//!
//! The wording is data, not code: one TOML file per letter in `assets/letters/` (compiled in
//! with `include_str!`), each with a `title` (shown in the app), a `subject` (the email subject
//! line) and a `body`. The text has `{{name}}` placeholders, filled from [`LetterFacts`] by a
//! small substitution written here (no template engine):
//!
//! - every [`LetterFacts`] field name is a placeholder, plus `greeting` ("Dear Ana Pereira," or
//!   "Dear Sir or Madam," when the requester's name is empty);
//! - an unknown name, or `{{` without a closing `}}` on the same line, is an error naming it;
//! - a fact the letter uses must not be empty, except `dpo_contact` and `requester_name`, which
//!   may be; a line whose placeholders are all empty is left out (so "Data protection officer:
//!   {{dpo_contact}}" disappears when there is none);
//! - values are inserted as they are and never searched for placeholders themselves.
//!
//! The letters are written once for all regimes (GDPR, UK GDPR, CCPA/CPRA): what differs
//! between laws comes in through facts such as `law`, `supervisory_authority` and
//! `identity_time_limit`. The law points the letters carry out: GDPR and UK GDPR Art. 12(3)
//! (answer within one month, extendable once with notice and reasons given within the first
//! month), Art. 12(4) (a refusal gives reasons and the right to complain to a supervisory
//! authority and to seek a judicial remedy), Art. 12(6) (proof of identity when in reasonable
//! doubt; the ICO counts the month from when it arrives); Cal. Civ. Code § 1798.130(a)(2) (45
//! days, extendable once by 45 with notice in the first period) and Cal. Code Regs. tit. 11
//! § 7021(b) (the 45 days run from receipt, whatever the time verification under § 7060 takes).
//!
//! Letters to people come in English, German, French and Spanish ([`Language`]): the request
//! letters have a template per language (`assets/letters/<de|fr|es>/`), and the facts that are
//! words (the right, its article, the authority, the refusal ground) come from [`wording`] in
//! the same language, citing the same law.
//!
//! Rendering is pure: no clock, no store. Dates arrive already formatted for reading.

mod error;
mod facts;
mod fill;
mod kind;
mod language;
mod letter;
pub mod recipient;
mod template;
pub mod wording;

pub use error::LetterError;
pub use facts::{LetterFacts, complaint_rights};
pub use kind::LetterKind;
pub use language::Language;
pub use letter::Letter;
pub use template::LetterTemplate;

#[cfg(test)]
use facts::PLACEHOLDERS;

#[cfg(test)]
mod language_tests;
#[cfg(test)]
mod tests;
