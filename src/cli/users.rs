//! `user add | list | remove | role`.

use std::path::PathBuf;

use clap::Subcommand;

use crate::domain::access::Role;
use crate::services::Session;

use super::secrets::{self, NEW_PASSPHRASE_VAR};

/// Runs a user command on an unlocked session.
pub fn run(session: &mut Session, command: UserCommand) -> anyhow::Result<()> {
    match command {
        UserCommand::Add {
            name,
            role,
            new_passphrase_file,
        } => {
            session.require(crate::domain::access::Permission::ManageUsers)?;
            let passphrase = secrets::new_passphrase(
                new_passphrase_file.as_deref(),
                NEW_PASSPHRASE_VAR,
                "--new-passphrase-file",
            )?;
            let user = session.users().add_user(&name, role, &passphrase)?;
            outln!("Added {} as {}.", user.name, user.role.label())?;
        }
        UserCommand::List { json } => {
            let users = session.users().list()?;
            if json {
                outln!("{}", serde_json::to_string_pretty(&users)?)?;
            } else {
                outln!("{:<24} {:<20} {:<8} last failed", "name", "role", "failed")?;
                for u in users {
                    outln!(
                        "{:<24} {:<20} {:<8} {}",
                        u.name,
                        u.role.label(),
                        u.failed_attempts,
                        u.last_failed_at.as_deref().unwrap_or("-")
                    )?;
                }
            }
        }
        UserCommand::Remove { name } => {
            session.users().remove_user(&name)?;
            outln!("Removed {name}; their passphrase no longer opens this store.")?;
        }
        UserCommand::Role { name, role } => {
            session.users().set_user_role(&name, role)?;
            outln!("{name} is now {}.", role.label())?;
        }
    }
    Ok(())
}

/// `user …`
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user with their own passphrase (asked for, or read from --new-passphrase-file).
    Add {
        /// Their login name.
        #[arg(long)]
        name: String,
        /// Their role: owner, officer, assistant or auditor.
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// Read the new user's passphrase from this file (otherwise PRIVACY_DESK_NEW_PASSPHRASE, otherwise a prompt).
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
    /// List the users, their roles and failed sign-ins.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Remove a user; their passphrase stops opening the store.
    Remove {
        /// The user's name.
        name: String,
    },
    /// Change a user's role.
    Role {
        /// The user's name.
        name: String,
        /// The new role: owner, officer, assistant or auditor.
        #[arg(value_parser = parse_role)]
        role: Role,
    },
}

fn parse_role(text: &str) -> Result<Role, String> {
    Role::from_code(text)
        .ok_or_else(|| format!("{text:?} is not a role; use owner, officer, assistant or auditor"))
}
