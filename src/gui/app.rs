//! The app: which screen is showing, the unlocked session, background work, auto-lock.
//!
//! The session stays here for as long as the store is unlocked: background jobs read on their
//! own connections, and a job that changes the store works on a worker session
//! (`Session::worker`); while it runs, a change asked for in the window is refused by the
//! store's write door with a sentence, shown in the notice.

use std::path::PathBuf;
use std::time::Duration;

use egui::Ui;

use crate::crypto::KdfParams;
use crate::domain::settings::AutoLock;
use crate::services::{ServiceError, Session};

use super::areas::Area;
use super::prefs::Prefs;
use super::runner::{JobHost, Runner};
use super::screens::{CreateScreen, UnlockScreen};
use super::widgets::Notice;

pub(super) use super::app_state::{MainScreen, Opened, PendingKind, Screen};

/// The Privacy Desk window.
pub struct PrivacyDeskApp {
    pub(super) store_path: PathBuf,
    pub(super) prefs: Prefs,
    pub(super) screen: Screen,
    pub(super) session: Option<Session>,
    /// The background jobs: one list, polled once per frame (opening a store, a restore, and
    /// the work on an unlocked store). Locking sets them aside; one that changes the store holds a worker session (and so the store's
    /// lock file) until it ends, and the next unlock waits for it.
    pub(super) jobs: Runner<PrivacyDeskApp>,
    pub(super) notice: Option<Notice>,
    pub(super) auto_lock: AutoLock,
    pub(super) kdf: KdfParams,
    /// Added to the session's store generation for the window's view data: the generations
    /// of the sessions held before (a key rotation signs in again on a new connection, whose
    /// counter starts again), so a generation the window has seen never comes back.
    pub(super) generation_base: u64,
    /// How many made-up people a demo store made from the first-run screen holds.
    pub(super) demo_subjects: u64,
    last_activity: Option<f64>,
    theme_applied: Option<super::ThemeChoice>,
}

impl PrivacyDeskApp {
    /// A window on the store at `store_path`: the create screen if there is none yet, the
    /// unlock screen otherwise.
    pub fn new(store_path: PathBuf, prefs: Prefs) -> Self {
        let screen = Self::locked_screen(&store_path, None);
        Self {
            store_path,
            prefs,
            screen,
            session: None,
            jobs: Runner::default(),
            notice: None,
            auto_lock: AutoLock::default(),
            kdf: KdfParams::DEFAULT,
            generation_base: 0,
            demo_subjects: super::screens::DEMO_STORE_SUBJECTS,
            last_activity: None,
            theme_applied: None,
        }
    }

    /// Uses these key-derivation parameters for a store created in this window (tests use the
    /// floor to stay fast).
    pub fn with_kdf(mut self, kdf: KdfParams) -> Self {
        self.kdf = kdf;
        self
    }

    /// Makes demo stores of `subjects` people (tests use a small one to stay fast).
    pub fn with_demo_subjects(mut self, subjects: u64) -> Self {
        self.demo_subjects = subjects;
        self
    }

    pub(super) fn locked_screen(path: &std::path::Path, message: Option<String>) -> Screen {
        if path.exists() {
            let (users, message) = match crate::services::sign_in_users(path) {
                Ok(users) => (users, message),
                Err(e) => (
                    Vec::new(),
                    Some(message.map_or(e.to_string(), |m| format!("{m} {e}"))),
                ),
            };
            Screen::Unlock(UnlockScreen::new(path.to_owned(), users, message))
        } else {
            Screen::Create(CreateScreen::new(path.to_owned(), message))
        }
    }

    /// The owners of the store, for the recovery screen (empty when they cannot be read).
    pub(super) fn owners(&self) -> Vec<String> {
        crate::services::sign_in_users(&self.store_path)
            .map(|users| {
                users
                    .into_iter()
                    .filter(|(_, role)| *role == crate::domain::access::Role::Owner)
                    .map(|(name, _)| name)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The store generation the window's view data follows (see `generation_base`).
    pub(super) fn generation(&self) -> u64 {
        self.generation_base + self.session.as_ref().map_or(0, Session::generation)
    }

    /// Whether a store is unlocked in this window.
    pub fn is_unlocked(&self) -> bool {
        self.session.is_some()
    }

    /// Whether background work runs (any job in the list: key derivation, a restore, an
    /// import, a count…, or a summary waiting for one); the window keeps repainting to collect it.
    pub fn is_busy(&self) -> bool {
        self.jobs.is_busy() || matches!(&self.screen, Screen::Main(m) if m.status_waiting)
    }

    /// The area showing, when unlocked.
    pub fn area(&self) -> Option<Area> {
        match &self.screen {
            Screen::Main(m) => Some(m.area),
            _ => None,
        }
    }

    /// The notice currently shown, if any.
    pub fn notice_text(&self) -> Option<&str> {
        self.notice.as_ref().map(|n| n.text.as_str())
    }

    /// The preferences to persist.
    pub fn prefs(&self) -> &Prefs {
        &self.prefs
    }

    /// Draws one frame and applies what the user asked for.
    pub fn show(&mut self, ui: &mut Ui) {
        if self.theme_applied != Some(self.prefs.theme) {
            self.prefs.theme.apply(ui.ctx());
            self.theme_applied = Some(self.prefs.theme);
        }
        self.watch_idle(ui);
        // The one place finished jobs are applied (set-aside ones are dropped: the worker
        // session one held is dropped with it, and its keys zeroize).
        for finish in self.jobs.poll() {
            finish(self);
        }
        self.start_waiting_status();
        self.prepare();
        let commands = self.draw(ui);
        for command in commands {
            self.apply(command);
        }
        if self.is_busy() || self.jobs.is_draining() {
            ui.ctx().request_repaint_after(Duration::from_millis(50));
        }
    }

    /// Tracks input; locks after the idle time and schedules a wake-up to do so.
    fn watch_idle(&mut self, ui: &Ui) {
        let (now, active) = ui.input(|i| {
            let active = !i.events.is_empty() || i.pointer.delta() != egui::Vec2::ZERO;
            (i.time, active)
        });
        let last = *self.last_activity.get_or_insert(now);
        if active {
            self.last_activity = Some(now);
        }
        if !self.is_unlocked() {
            return;
        }
        let limit = self.auto_lock.duration().as_secs_f64();
        let idle = now - self.last_activity.unwrap_or(last);
        if idle >= limit {
            self.lock(Some(format!(
                "Locked after {} minutes without activity.",
                self.auto_lock.minutes()
            )));
        } else {
            ui.ctx()
                .request_repaint_after(Duration::from_secs_f64((limit - idle).max(0.5)));
        }
    }

    /// Forgets the session (keys are zeroized on drop) and every decrypted view. Every running
    /// job is cancelled and set aside; one changing the store rolls back what it had not
    /// committed, then the worker session it holds is dropped.
    pub(super) fn lock(&mut self, message: Option<String>) {
        self.jobs.set_aside_all();
        self.session = None;
        self.notice = None;
        self.screen = Self::locked_screen(&self.store_path, message);
    }
}

impl JobHost for PrivacyDeskApp {
    fn job_failed(&mut self, message: String) {
        self.notice = Some(super::widgets::Notice::error(
            ServiceError::from_panic(message).to_string(),
        ));
    }
}

impl eframe::App for PrivacyDeskApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, Prefs::STORAGE_KEY, &self.prefs);
    }

    /// egui's own memory (widget states, text being edited) is never written to disk.
    fn persist_egui_memory(&self) -> bool {
        false
    }
}
