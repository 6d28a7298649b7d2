//! Children (issue 16): the age from which a person's own consent counts, a person's recorded
//! age, a parent's or guardian's authorisation of a consent, and the rule that leaves a child's
//! consent out when nobody authorised it.
//!
//! Sources:
//! - GDPR Art. 8(1): where consent (Art. 6(1)(a)) is relied on for an information society
//!   service offered directly to a child, a child's own consent counts from 16; member states
//!   may set a lower age, not below 13. Below it, consent must be given or authorised by the
//!   holder of parental responsibility. Art. 8(2): the controller makes reasonable efforts to
//!   verify that, taking into account available technology.
//! - UK GDPR Art. 8(1) as amended by the Data Protection Act 2018, s. 9: 13.
//! - Cal. Civ. Code § 1798.120(c): a business shall not sell or share the personal information
//!   of a consumer it knows to be under 16 unless the consumer (13 to 15) or a parent or
//!   guardian (under 13) affirmatively authorised it; 11 CCR § 7070 (under 13: the parent's
//!   affirmative authorisation, verified by a method listed there) and § 7071 (13 to 15: the
//!   consumer's own opt-in).

mod age;
mod record;
mod state_code;
mod validity;

pub use age::{
    AgeThreshold, DEFAULT_GDPR_AGE, MemberState, UK_AGE, ccpa_parent_age, ccpa_sale_age, threshold,
};
pub use record::{
    AgeBand, AgeRecord, AgeValue, AuthorisedEvent, ConsentLine, ParentalAuthorisation,
    VerificationMethod, check_authorised_by, check_birth_year,
};
pub use validity::{ChildFacts, child_consent_problem};
