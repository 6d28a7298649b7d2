//! Each command: sign in, call the service, print the result.

use std::path::Path;

use anyhow::bail;

use crate::crypto::KdfParams;
use crate::domain::audit::AuditFilter;
use crate::services::{DEFAULT_OWNER_NAME, Session, Via};

use super::args::{AuditCommand, Command, InitArgs, PassphraseCommand, RecoverArgs};
use super::secrets::{self, NEW_PASSPHRASE_VAR, PASSPHRASE_VAR};
pub use super::sign_in::Globals;
use super::sign_in::unlock;

/// Runs one command against the store at `store`.
pub fn run(store: &Path, g: &Globals<'_>, command: Command) -> anyhow::Result<()> {
    match command {
        Command::Init(args) => init(store, g, &args),
        Command::Demo(args) => super::demo::run(store, g, &args),
        Command::Recover(args) => recover(store, g, &args),
        Command::Passphrase(PassphraseCommand::Change {
            new_passphrase_file,
        }) => {
            let current = secrets::passphrase(g.passphrase_file)?;
            let mut session = Session::unlock(store, g.user, &current, Via::Cli)?;
            super::sign_in::warn_about_changed_rows(&session);
            let new = secrets::new_passphrase(
                new_passphrase_file.as_deref(),
                NEW_PASSPHRASE_VAR,
                "--new-passphrase-file",
            )?;
            session.users().change_passphrase(&current, &new)?;
            outln!(
                "The passphrase of {} was changed. The old one no longer opens this store.",
                session.user().name
            )?;
            Ok(())
        }
        Command::Audit(AuditCommand::Verify { json }) => {
            let session = unlock(store, g)?;
            let report = session.audit().verify_audit()?;
            if json {
                outln!("{}", serde_json::to_string_pretty(&report)?)?;
            }
            for row in &report.changed_rows {
                eprintln!("privacy-desk: {row}");
            }
            let changed = report.changed_rows.len();
            match (&report.first_break, changed) {
                (None, 0) => {
                    if !json {
                        outln!(
                            "The audit trail is intact: {} entries verified. No protected row was changed: {} rows checked.",
                            report.checked,
                            report.rows_checked
                        )?;
                    }
                    Ok(())
                }
                (Some(brk), 0) => bail!(
                    "the audit trail is broken at entry {}: {brk}",
                    brk.first_bad_seq()
                ),
                (None, n) => bail!(
                    "{n} of {} protected rows were changed or added outside Privacy Desk (listed above); the audit trail itself is intact ({} entries)",
                    report.rows_checked,
                    report.checked
                ),
                (Some(brk), n) => bail!(
                    "the audit trail is broken at entry {}: {brk}; and {n} protected rows were changed or added outside Privacy Desk (listed above)",
                    brk.first_bad_seq()
                ),
            }
        }
        Command::Audit(AuditCommand::Export {
            out,
            actor,
            from,
            until,
        }) => {
            let session = unlock(store, g)?;
            let filter = AuditFilter {
                actor,
                from,
                until,
                ..AuditFilter::default()
            };
            let summary = session.audit().export_audit(&out, &filter)?;
            outln!(
                "Wrote {} audit entries to {} (chain head: entry {}).",
                summary.entries,
                summary.path.display(),
                summary.head_seq
            )?;
            Ok(())
        }
        Command::Profile(command) => {
            let mut session = unlock(store, g)?;
            super::profile::run(&mut session, command)
        }
        Command::Key(command) => super::keys::run(store, g, command),
        Command::User(command) => {
            let mut session = unlock(store, g)?;
            super::users::run(&mut session, command)
        }
        Command::Subject(command) => {
            let mut session = unlock(store, g)?;
            super::consent::subject(&mut session, command)
        }
        Command::Consent(command) => {
            let mut session = unlock(store, g)?;
            super::consent::consent(&mut session, command)
        }
        Command::Purpose(command) => {
            let session = unlock(store, g)?;
            super::consent::purpose(&session, command)
        }
        Command::Review(command) => {
            let mut session = unlock(store, g)?;
            super::review::run(&mut session, command)
        }
        Command::Export(command) => {
            let mut session = unlock(store, g)?;
            super::export::run(&mut session, command)
        }
        Command::Import(command) => {
            let mut session = unlock(store, g)?;
            super::import::run(&mut session, command)
        }
        Command::Request(command) => {
            let mut session = unlock(store, g)?;
            super::requests::run(&mut session, command)
        }
        Command::Inbox(command) => {
            let mut session = unlock(store, g)?;
            super::inbox::run(&mut session, command)
        }
        Command::Site(command) => {
            let mut session = unlock(store, g)?;
            super::site::run(&mut session, command)
        }
        Command::Campaign(command) => {
            let mut session = unlock(store, g)?;
            super::campaigns::run(&mut session, command)
        }
        Command::Calendar(command) => {
            let mut session = unlock(store, g)?;
            super::calendar::run(&mut session, command)
        }
        Command::Erase(args) => {
            let mut session = unlock(store, g)?;
            super::erase::erase(&mut session, &args)
        }
        Command::Holiday(command) => {
            let mut session = unlock(store, g)?;
            super::holidays::holiday(&mut session, command)
        }
        Command::Retention(command) => {
            let mut session = unlock(store, g)?;
            super::retention::run(&mut session, command)
        }
        Command::Hold(command) => {
            let mut session = unlock(store, g)?;
            super::retention::hold(&mut session, command)
        }
        Command::Ropa(command) => {
            let mut session = unlock(store, g)?;
            super::records::ropa(&mut session, command)
        }
        Command::System(command) => {
            let session = unlock(store, g)?;
            super::records::system(&session, command)
        }
        Command::Sweep { dry_run, json } => {
            let mut session = unlock(store, g)?;
            super::retention::sweep(&mut session, dry_run, json)
        }
        Command::Backup(args) => super::backup::backup(store, g, &args),
        Command::Restore(args) => super::backup::restore(store, g, &args),
        Command::Vendor(command) => {
            let mut session = unlock(store, g)?;
            super::vendors::run(&mut session, command)
        }
        Command::Measure(command) => {
            let mut session = unlock(store, g)?;
            super::security::measure(&mut session, command)
        }
        Command::Training(command) => {
            let mut session = unlock(store, g)?;
            super::security::training(&mut session, command)
        }
        Command::Incident(command) => {
            let mut session = unlock(store, g)?;
            super::incidents::run(&mut session, command)
        }
        Command::Pia(command) => {
            let mut session = unlock(store, g)?;
            super::assessments::run(&mut session, command)
        }
        Command::Evidence(command) => {
            let mut session = unlock(store, g)?;
            super::evidence::run(&mut session, command)
        }
        Command::Status { json } => {
            let session = unlock(store, g)?;
            let status = session.settings().status()?;
            if json {
                outln!("{}", serde_json::to_string_pretty(&status)?)?;
            } else {
                outln!("Store:           {}", status.path)?;
                outln!(
                    "Format:          version {} (this program reads up to {})",
                    status.schema_version,
                    status.supported_schema_version
                )?;
                outln!("Size:            {} bytes", status.file_bytes)?;
                outln!("Created:         {}", status.created_at)?;
                outln!(
                    "Key derivation:  Argon2id, {} MiB, {} passes",
                    status.kdf_memory_kib / 1024,
                    status.kdf_iterations
                )?;
                outln!("Users:           {}", status.counts.users)?;
                outln!("Data subjects:   {}", status.counts.subjects)?;
                for (code, c) in &status.consent {
                    outln!(
                        "  {code:<28} given {}, withdrawn {}, expired {}, opted out {}",
                        c.given,
                        c.withdrawn,
                        c.expired,
                        c.opted_out
                    )?;
                }
                outln!(
                    "Requests:        {} open, {} due this week, {} overdue, {} waiting for the person",
                    status.requests_open,
                    status.requests_due_this_week,
                    status.requests_overdue,
                    status.requests_waiting
                )?;
                outln!("Erasures:        {}", status.erasures)?;
                outln!("Legal holds:     {}", status.legal_holds)?;
                outln!(
                    "Assessments:     {} drafts, {} in review, {} decided, {} measures overdue",
                    status.assessments.drafts,
                    status.assessments.in_review,
                    status.assessments.decided,
                    status.assessments.overdue_measures
                )?;
                let sec = &status.security;
                outln!(
                    "Security:        {} measures to review, {} trainings to renew, {} incidents open, {} notifications overdue",
                    sec.measures_due,
                    sec.trainings_due,
                    sec.incidents_open,
                    sec.incidents_notification_overdue
                )?;
                outln!(
                    "Vendor reviews:  {} due within 30 days or overdue{}",
                    status.vendor_reviews_due.len(),
                    status
                        .vendor_reviews_due
                        .iter()
                        .map(|d| format!(" · {} {}", d.name, d.next_review_on))
                        .collect::<String>()
                )?;
                match (&status.sweep.last_run, status.sweep.next_due) {
                    (last, Some(next)) => outln!(
                        "Sweeps:          last {}, next due {next}{}",
                        last.as_deref().unwrap_or("never"),
                        if status.sweep.due { " (due now)" } else { "" }
                    )?,
                    (last, None) => outln!(
                        "Sweeps:          last {}, no schedule",
                        last.as_deref().unwrap_or("never")
                    )?,
                }
                outln!("Audit entries:   {}", status.counts.audit_entries)?;
            }
            Ok(())
        }
    }
}

fn init(store: &Path, g: &Globals<'_>, args: &InitArgs) -> anyhow::Result<()> {
    if store.exists() {
        bail!(
            "a store already exists at {}; it was left as it is. Choose another --store path to create a new one",
            store.display()
        );
    }
    let kdf = KdfParams {
        memory_kib: args.kdf_memory_mib.saturating_mul(1024),
        iterations: args.kdf_iterations,
        parallelism: 1,
    };
    kdf.validate()?;
    let owner = g.user.unwrap_or(DEFAULT_OWNER_NAME);
    let passphrase =
        secrets::new_passphrase(g.passphrase_file, PASSPHRASE_VAR, "--passphrase-file")?;
    let (session, code) = Session::create(store, owner, &passphrase, kdf, Via::Cli)?;
    let show = || {
        outln!(
            "Created the store at {}, owned by {}.",
            session.path().display(),
            session.user().name
        )?;
        outln!()?;
        outln!(
            "Recovery code (shown only now; store it somewhere safe, away from this computer):"
        )?;
        outln!()?;
        outln!("    {}", code.reveal())?;
        outln!()?;
        outln!(
            "With it an owner can open the store and set a new passphrase if theirs is forgotten."
        )
    };
    super::output::shown_once(
        show,
        &format!(
            "the store was created at {}, but its recovery code could not be shown; delete that store and run `init` again with the output going to a terminal or a file",
            store.display()
        ),
    )
}

fn recover(store: &Path, g: &Globals<'_>, args: &RecoverArgs) -> anyhow::Result<()> {
    let code = secrets::recovery_code(args.recovery_code_file.as_deref())?;
    let new = secrets::new_passphrase(
        args.new_passphrase_file.as_deref(),
        NEW_PASSPHRASE_VAR,
        "--new-passphrase-file",
    )?;
    let session = Session::recover(store, g.user, &code, &new, Via::Cli)?;
    outln!(
        "The store is open again and {} has a new passphrase. The recovery code still works.",
        session.user().name
    )?;
    Ok(())
}
