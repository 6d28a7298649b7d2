//! Applying the Settings commands about the store's users and sign-in: the auto-lock time,
//! the passphrase, adding and removing users and their roles, and the theme. What Settings and
//! the Dashboard show of them follows the store generation (`prepare.rs`,
//! `settings/stored.rs`): nothing here reads them again.

use crate::gui::Command;
use crate::gui::app::{PrivacyDeskApp, Screen};
use crate::gui::widgets::Notice;

impl PrivacyDeskApp {
    /// Applies a Settings command about users and sign-in; another goes to the window.
    pub(in crate::gui) fn apply_users(&mut self, command: Command) {
        match command {
            Command::SetAutoLock(minutes) => {
                if let Some(session) = self.session.as_mut() {
                    match session
                        .settings()
                        .set_auto_lock(minutes)
                        .and_then(|()| session.settings().auto_lock())
                    {
                        Ok(value) => {
                            self.auto_lock = value;
                            self.notice = Some(Notice::success(format!(
                                "The store now locks after {} idle minutes.",
                                value.minutes()
                            )));
                        }
                        Err(e) => self.notice = Some(Notice::error(e.to_string())),
                    }
                }
            }
            Command::ChangePassphrase { current, new } => {
                if let Some(session) = self.session.as_mut() {
                    match session.users().change_passphrase(&current, &new) {
                        Ok(()) => {
                            self.notice = Some(Notice::success(
                                "The passphrase was changed. Use the new one from now on.",
                            ));
                            if let Screen::Main(main) = &mut self.screen
                                && let Some(settings) = &mut main.settings
                            {
                                settings.clear_passphrases();
                            }
                        }
                        Err(e) => self.notice = Some(Notice::error(e.to_string())),
                    }
                }
            }
            Command::AddUser {
                name,
                role,
                passphrase,
            } => self.with_session(
                |s| s.users().add_user(&name, role, &passphrase).map(drop),
                &format!("{name} can now sign in as {}.", role.label()),
            ),
            Command::RemoveUser(name) => {
                let mut removed = false;
                self.with_session(
                    |s| {
                        s.users().remove_user(&name)?;
                        removed = true;
                        Ok(())
                    },
                    &format!("{name} was removed; their passphrase no longer opens the store."),
                );
                // Offer to replace the store key, which revokes a key they may have kept.
                if removed
                    && let Screen::Main(main) = &mut self.screen
                    && let Some(settings) = &mut main.settings
                {
                    settings.users_mut().removed(name);
                }
            }
            Command::SetUserRole { name, role } => self.with_session(
                |s| s.users().set_user_role(&name, role),
                &format!("{name} is now {}.", role.label()),
            ),
            Command::SetTheme(theme) => self.prefs.theme = theme,
            other => self.apply_window(other),
        }
    }
}
