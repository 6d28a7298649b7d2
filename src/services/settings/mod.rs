//! Settings: the organisation profile, the auto-lock, the store summary and the self-service
//! site built from them.

pub(in crate::services) mod dashboard;
pub(in crate::services) mod member_state;
pub(in crate::services) mod profile;
pub(in crate::services) mod roles;
pub(in crate::services) mod site;
pub(in crate::services) mod status;

/// The settings area of a session (see [`crate::services::front`]).
pub type Settings<'s> = crate::services::front::Front<'s, crate::services::front::area::Settings>;
