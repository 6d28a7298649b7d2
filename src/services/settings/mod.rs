//! Settings: the organisation profile, the auto-lock and the store summary.

pub(in crate::services) mod profile;
pub(in crate::services) mod status;
