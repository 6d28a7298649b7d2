//! Campaign pre-flight (issue 18, item 4): before an email campaign for a purpose goes out,
//! every address of the audience is checked against the register, and only the people it is
//! lawful to email for that purpose today are kept.
//!
//! GDPR Art. 6(1)(a) and Art. 7(1): consent-based direct marketing needs consent the controller
//! can demonstrate, so each run is kept as a [`SendRecord`]; Art. 7(3) withdrawal, Art. 17
//! erasure and Art. 18 restriction stop it; Cal. Civ. Code § 1798.120 and 11 CCR § 7025 (an
//! opt-out of sale or sharing, or a Global Privacy Control signal) stop a purpose that sells or
//! shares. Pure rules: the service reads the file and the store and hands the facts in.

mod audience;
mod reason;
mod record;

pub use audience::{EMAIL_HEADERS, email_column};
pub use reason::{AddressFacts, ExclusionReason, verdict};
pub use record::{ReasonCounts, SendRecord};

#[cfg(test)]
mod tests;
