//! Domain rules and types: pure functions and data, no egui and no SQL.
//!
//! The store hands out and takes these types; services combine them with the store.

pub mod access;
pub mod accountability;
pub mod assessment;
pub mod attachment;
pub mod audit;
pub mod calendar;
pub mod campaign;
pub mod children;
pub mod consent;
pub mod controller_roles;
pub mod customer;
pub mod dashboard;
pub mod disclosure;
pub mod email;
pub mod holidays;
pub mod import;
pub mod intake;
pub mod letters;
pub mod organisation;
pub mod pseudonymise;
pub mod purpose;
pub mod receipt;
pub mod records;
pub mod request;
pub mod retention;
pub mod settings;
pub mod site;
pub mod subject;
pub mod suppression;
pub mod user;
