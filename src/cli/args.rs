//! The command-line grammar (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

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
    /// What to do; without a command the window opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new store and print its recovery code once.
    Init(InitArgs),
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
    /// Write the audit trail to a file: CSV or JSON by its extension.
    Export {
        /// The file to write (.csv or .json).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

/// `profile …`
#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Print the organisation profile.
    Show {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Set fields of the organisation profile; fields not given keep their value.
    Set(Box<ProfileSetArgs>),
}

/// Options of `profile set`.
#[derive(Debug, Args)]
pub struct ProfileSetArgs {
    /// The organisation's legal name.
    #[arg(long)]
    pub name: Option<String>,
    /// Controller contact: name of the person or office.
    #[arg(long)]
    pub controller_name: Option<String>,
    /// Controller contact: email.
    #[arg(long)]
    pub controller_email: Option<String>,
    /// Controller contact: phone.
    #[arg(long)]
    pub controller_phone: Option<String>,
    /// Controller contact: postal address.
    #[arg(long)]
    pub controller_address: Option<String>,
    /// DPO: name.
    #[arg(long)]
    pub dpo_name: Option<String>,
    /// DPO: email.
    #[arg(long)]
    pub dpo_email: Option<String>,
    /// DPO: phone.
    #[arg(long)]
    pub dpo_phone: Option<String>,
    /// Remove the DPO contact (none appointed).
    #[arg(long, conflicts_with_all = ["dpo_name", "dpo_email", "dpo_phone"])]
    pub no_dpo: bool,
    /// A regime that applies (repeat for several): gdpr, uk-gdpr, ccpa-cpra. Replaces the list.
    #[arg(long = "regime", value_name = "CODE", value_parser = ["gdpr", "uk-gdpr", "ccpa-cpra"])]
    pub regimes: Vec<String>,
}
