//! Applying the store-key commands: starting and cancelling a key rotation (a runner job,
//! `jobs/key_rotation.rs`), hiding its codes once written down, and dismissing the warning of
//! the integrity check at unlock.

use crate::domain::access::Permission;

use crate::gui::app::{PrivacyDeskApp, Screen};
use crate::gui::areas::settings::keys_command::KeysCommand;
use crate::gui::areas::{Area, SettingsView};
use crate::gui::jobs::RotateKey;
use crate::gui::widgets::Notice;

impl PrivacyDeskApp {
    /// Applies one store-key command.
    pub(in crate::gui) fn apply_keys(&mut self, command: KeysCommand) {
        match command {
            KeysCommand::ShowRotation => {
                if let Screen::Main(main) = &mut self.screen {
                    main.area = Area::Settings;
                }
                if let Some(settings) = self.settings_view() {
                    settings.rotation_mut().bring_into_view();
                }
            }
            KeysCommand::Rotate { current } => {
                let Some(session) = self.session.as_ref() else {
                    return;
                };
                if !session.can(Permission::ManageUsers) {
                    let why = Permission::ManageUsers.why_not(session.user().role);
                    self.notice = Some(Notice::error(why));
                    return;
                }
                if self.jobs.is_busy() {
                    let text = "The store key can only be replaced while nothing else runs: wait for the work in progress to finish, or cancel it, and try again.";
                    self.rotation_problem(text);
                    self.notice = Some(Notice::info(text));
                    return;
                }
                let Some(session) = self.worker() else {
                    return;
                };
                self.notice = None;
                self.jobs.start(RotateKey { session, current });
            }
            KeysCommand::CancelRotation => self.jobs.cancel::<RotateKey>(),
            KeysCommand::RotationStored => {
                if let Screen::Main(main) = &mut self.screen
                    && let Some(settings) = &mut main.settings
                {
                    settings.rotation_mut().stored();
                }
                self.notice = None;
            }
            KeysCommand::DismissIntegrityWarning => {
                if let Screen::Main(main) = &mut self.screen
                    && let Some(data) = &mut main.dashboard_data
                {
                    data.integrity_warning = None;
                }
            }
        }
    }

    /// The Settings view, filled from the store first if it was not open yet (the error in the
    /// notice).
    pub(in crate::gui) fn settings_view(&mut self) -> Option<&mut SettingsView> {
        let generation = self.generation();
        let (Some(session), Screen::Main(main)) = (self.session.as_ref(), &mut self.screen) else {
            return None;
        };
        if main.settings.is_none() {
            match SettingsView::read(session, generation) {
                Ok(view) => main.settings = Some(view),
                Err(e) => {
                    self.notice = Some(Notice::error(e.to_string()));
                    return None;
                }
            }
        }
        match &mut self.screen {
            Screen::Main(main) => main.settings.as_mut(),
            _ => None,
        }
    }

    fn rotation_problem(&mut self, text: &str) {
        if let Screen::Main(main) = &mut self.screen
            && let Some(settings) = &mut main.settings
        {
            settings.rotation_mut().problem(text.to_owned());
        }
    }
}
