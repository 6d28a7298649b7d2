//! The command-line grammar (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use super::consent::{ConsentCommand, PurposeCommand, SubjectCommand};
use super::profile::ProfileCommand;
use super::users::UserCommand;

/// Privacy Desk: privacy records for a small business, in one encrypted file.
#[derive(Debug, Parser)]
#[command(name = "privacy-desk", version, about, long_about = None)]
pub struct Cli {
    /// The store file (default: store.pdesk in this user's data folder).
    #[arg(long, global = true, value_name = "PATH")]
    pub store: Option<PathBuf>,
    /// Read the passphrase from this file (first line). Otherwise the environment variable
    /// PRIVACY_DESK_PASSPHRASE, otherwise a prompt that does not echo.
    #[arg(long, global = true, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,
    /// The user to act as (default: the only user, or the first owner). With `init`, the name
    /// of the new store's owner (default: owner).
    #[arg(long, global = true, value_name = "NAME")]
    pub user: Option<String>,
    /// Read this command's personal data from FILE (`-`: standard input) instead of the command
    /// line, out of the shell history and `ps`: one `key: value` per line, the key an
    /// argument's name as this command's --help shows it (`email: jane@example.com`,
    /// `name: Jane Doe`; in `subject correct`, `email` is the person on record and `new-email`
    /// the corrected address). Lines starting with # are skipped.
    #[arg(long, global = true, value_name = "FILE")]
    pub from_file: Option<PathBuf>,
    /// What to do; without a command the window opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new store and print its recovery code once.
    Init(InitArgs),
    /// Create a new store full of made-up people (consents, requests, holds) to try the
    /// program at any size; needs --store.
    Demo(super::demo::DemoArgs),
    /// Unlock with the recovery code and set a new passphrase.
    Recover(RecoverArgs),
    /// Passphrase management.
    #[command(subcommand)]
    Passphrase(PassphraseCommand),
    /// The audit trail.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// The organisation profile (name, contacts, regimes).
    #[command(subcommand)]
    Profile(ProfileCommand),
    /// The people who can sign in, and their roles (owners only).
    #[command(subcommand)]
    User(UserCommand),
    /// The store's key: replace it after removing a user (owners only).
    #[command(subcommand)]
    Key(super::keys::KeyCommand),
    /// Data subjects: add one, show one with their consents.
    #[command(subcommand)]
    Subject(SubjectCommand),
    /// Record an event in a subject's consent ledger.
    #[command(subcommand)]
    Consent(ConsentCommand),
    /// The catalogue of processing purposes.
    #[command(subcommand)]
    Purpose(PurposeCommand),
    /// The consent review queue.
    #[command(subcommand)]
    Review(super::review::ReviewCommand),
    /// Export personal data: a purpose's suppression list, a subject's consent receipt.
    #[command(subcommand)]
    Export(super::export::ExportCommand),
    /// Import consent from a CSV file: a Mailchimp audience export or a generic file.
    #[command(subcommand)]
    Import(super::import::ImportCommand),
    /// Data-subject requests: take in, move on, list, show, letters.
    #[command(subcommand)]
    Request(super::requests::RequestCommand),
    /// The privacy mailbox: take emails in from files or IMAP, accept or dismiss proposals.
    #[command(subcommand)]
    Inbox(super::inbox::InboxCommand),
    /// The self-service pages the business hosts: a request form and a preference page.
    #[command(subcommand)]
    Site(super::site::SiteCommand),
    /// Campaign pre-flight: check an audience before a send, list the send records.
    #[command(subcommand)]
    Campaign(super::campaigns::CampaignCommand),
    /// The deadlines as an iCalendar file for the officer's calendar.
    #[command(subcommand)]
    Calendar(super::calendar::CalendarCommand),
    /// Erase a person (answering an erasure or delete request); a pseudonymous erasure record
    /// remains so the address is caught if it comes back.
    Erase(super::erase::EraseArgs),
    /// Public-holiday calendars used for deadlines.
    #[command(subcommand)]
    Holiday(super::holidays::HolidayCommand),
    /// The retention policy: rules, the policy document, the sweep schedule.
    #[command(subcommand)]
    Retention(super::retention::RetentionCommand),
    /// Legal holds: records no sweep or erasure may touch.
    #[command(subcommand)]
    Hold(super::retention::HoldCommand),
    /// The record of processing activities (GDPR Art. 30): export, import, list.
    #[command(subcommand)]
    Ropa(super::records::RopaCommand),
    /// The data inventory: the systems where personal data lives.
    #[command(subcommand)]
    System(super::records::SystemCommand),
    /// Run the retention rules (for cron / Task Scheduler); --dry-run changes nothing.
    Sweep {
        /// List what would be done; change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write a consistent, still-encrypted backup: --out FILE, or --dir DIR --keep N to rotate.
    Backup(super::backup::BackupArgs),
    /// Restore a backup (to --to PATH, or over the --store file with --replace), re-applying
    /// every erasure made since it was taken.
    Restore(super::backup::RestoreArgs),
    /// Vendors and other recipients: list, add, show, due-diligence review, remove.
    #[command(subcommand)]
    Vendor(super::vendors::VendorCommand),
    /// The security measures register: list, add, remove.
    #[command(subcommand)]
    Measure(super::security::MeasureCommand),
    /// Staff training in data protection: who, on what, when, renewal.
    #[command(subcommand)]
    Training(super::security::TrainingCommand),
    /// The incident log of personal data breaches (GDPR Art. 33(5)) and the 72-hour clock.
    #[command(subcommand)]
    Incident(super::incidents::IncidentCommand),
    /// Privacy impact assessments (GDPR Art. 35): list, new, show, import, export, action
    /// plan, templates.
    #[command(subcommand)]
    Pia(super::assessments::PiaCommand),
    /// The evidence bundle: reports, logs and the accountability report in one verifiable zip.
    #[command(subcommand)]
    Evidence(super::evidence::EvidenceCommand),
    /// Print a summary of the store.
    Status {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// Options of `init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Argon2id memory in MiB (at least 19; default 64).
    #[arg(long, value_name = "MIB", default_value_t = 64)]
    pub kdf_memory_mib: u32,
    /// Argon2id passes (at least 2; default 3).
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub kdf_iterations: u32,
}

/// Options of `recover`.
#[derive(Debug, Args)]
pub struct RecoverArgs {
    /// Read the recovery code from this file instead of a prompt.
    #[arg(long, value_name = "FILE")]
    pub recovery_code_file: Option<PathBuf>,
    /// Read the new passphrase from this file (otherwise PRIVACY_DESK_NEW_PASSPHRASE, otherwise a prompt).
    #[arg(long, value_name = "FILE")]
    pub new_passphrase_file: Option<PathBuf>,
}

/// `passphrase …`
#[derive(Debug, Subcommand)]
pub enum PassphraseCommand {
    /// Change the passphrase (the data is not re-encrypted; the vault key is re-wrapped).
    Change {
        /// Read the new passphrase from this file (otherwise PRIVACY_DESK_NEW_PASSPHRASE, otherwise a prompt).
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
}

/// `audit …`
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check the hash chain of the audit trail; exit 1 if it is broken.
    Verify {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Write the audit trail to a file: CSV or JSON by its extension. With --actor, --from
    /// and --until it is the activity report of one user over a period.
    Export {
        /// The file to write (.csv or .json).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Only the actions of this user.
        #[arg(long, value_name = "NAME")]
        actor: Option<String>,
        /// Only entries on or after this day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        from: Option<String>,
        /// Only entries on or before this day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        until: Option<String>,
    },
}

fn parse_day(text: &str) -> Result<String, String> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(|d| d.to_string())
        .map_err(|_| format!("{text:?} is not a date; write it as YYYY-MM-DD"))
}
