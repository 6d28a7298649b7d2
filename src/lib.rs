//! Privacy Desk: the privacy records of a small business (GDPR, UK GDPR, CCPA/CPRA) in one
//! local, encrypted file, and the workflows that keep them.
//!
//! Layers, one direction: [`crypto`] ← [`store`] (the only SQL) ← [`domain`] rules ←
//! [`services`] ← the GUI and the CLI. The binary is a thin shell over this library, so every
//! capability can be driven by tests without a screen.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod cli;
pub mod crash_point;
pub mod crypto;
pub mod demo;
pub mod domain;
pub mod gui;
pub mod hardening;
pub mod jobs;
pub mod private_fs;
pub mod report;
pub mod services;
pub mod store;
