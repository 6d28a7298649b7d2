//! `user add | list | remove | role`.

use crate::services::Session;

use super::args::UserCommand;
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
