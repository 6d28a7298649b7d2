//! Integration tests: the library and the built `privacy-desk` binary on temporary stores.

mod common;

mod access_package;
mod audit_chain;
mod backup;
mod cli;
mod consent;
mod consent_cli;
mod crash_kill;
mod demo;
mod email_lookup;
mod erasure;
mod export;
mod import;
mod import_cli;
mod lifecycle;
mod migration;
mod newer_version;
mod passphrase_crash;
mod plaintext_scan;
mod purposes;
mod recovery;
mod requests_cli;
mod retention;
mod retention_cli;
mod review;
mod second_process;
mod tamper;
mod users;
mod users_cli;
