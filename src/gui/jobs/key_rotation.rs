//! Replacing the store key (issue 17, item 3) on a worker session, with progress and Cancel in
//! the Settings section. On success the window's own session still holds the old key, so it is
//! closed and the owner is signed in again with the passphrase they typed (now wrapping the
//! new key); the new recovery code and one-time passphrases are then shown once in Settings.

use crate::crypto::Passphrase;
use crate::jobs::Progress;
use crate::services::{KeyRotation, ServiceError, ServiceResult, Session, Via};

use super::super::app::{PrivacyDeskApp, Screen};
use super::super::areas::Area;
use super::super::runner::WindowJob;
use super::super::widgets::Notice;

/// A key rotation on a worker session, as the signed-in owner.
pub(in crate::gui) struct RotateKey {
    pub session: Session,
    pub current: Passphrase,
}

impl WindowJob<PrivacyDeskApp> for RotateKey {
    type Output = (ServiceResult<KeyRotation>, Passphrase);

    fn label(&self) -> String {
        "Replacing the store key".into()
    }

    fn run(mut self, progress: &Progress) -> Self::Output {
        let rotation = self.session.users().rotate_key(&self.current, progress);
        // The worker goes before the window signs in again (it shares the store's lock).
        drop(self.session);
        (rotation, self.current)
    }

    fn finish((rotation, current): Self::Output, app: &mut PrivacyDeskApp) {
        let rotation = match rotation {
            Ok(rotation) => rotation,
            Err(ServiceError::Cancelled) => {
                app.notice = Some(Notice::info(
                    "Cancelled; the store key, the passphrases and the recovery code are unchanged.",
                ));
                return;
            }
            Err(e) => {
                let text = format!("The store key was not replaced: {e}");
                set_problem(app, &text);
                app.notice = Some(Notice::error(text));
                return;
            }
        };
        // The window's session still holds the old key: sign in again with the new one.
        let Some((name, path)) = app
            .session
            .as_ref()
            .map(|s| (s.user().name.clone(), s.path().to_path_buf()))
        else {
            return;
        };
        // The new connection counts its generations from zero again: the window's count goes on
        // from the old one's, so everything it shows is read again.
        app.generation_base = app.generation() + 1;
        app.session = None;
        match Session::unlock(&path, Some(&name), &current, Via::Gui) {
            Ok(session) => app.session = Some(session),
            Err(e) => {
                app.lock(Some(format!(
                    "The store key was replaced, but signing in again failed: {e} Sign in with your passphrase."
                )));
                return;
            }
        }
        if let Screen::Main(main) = &mut app.screen {
            main.area = Area::Settings;
        }
        if let Some(settings) = app.settings_view() {
            settings.rotation_mut().rotated(&rotation);
        }
        app.notice = Some(Notice::success(format!(
            "The store key was replaced: {} sealed fields re-sealed, {} audit entries signed again. Write down the new recovery code and hand over the one-time passphrases below.",
            rotation.resealed, rotation.audit_entries
        )));
    }
}

fn set_problem(app: &mut PrivacyDeskApp, text: &str) {
    if let Screen::Main(main) = &mut app.screen
        && let Some(settings) = &mut main.settings
    {
        settings.rotation_mut().problem(text.to_owned());
    }
}
