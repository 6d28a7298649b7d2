//! The app: which screen is showing, the unlocked session, background work, auto-lock.

use std::path::PathBuf;
use std::time::Duration;

use egui::Ui;

use crate::crypto::KdfParams;
use crate::domain::settings::AutoLock;
use crate::jobs::Job;
use crate::services::{ServiceResult, Session};

use super::command::Command;
use super::prefs::Prefs;
use super::screens::{CreateScreen, UnlockScreen};
use super::views::{Area, nav_panel};
use super::widgets::Notice;

pub(super) use super::app_state::{BackgroundJob, MainScreen, Opened, PendingKind, Screen};

/// The Privacy Desk window.
pub struct PrivacyDeskApp {
    pub(super) store_path: PathBuf,
    pub(super) prefs: Prefs,
    pub(super) screen: Screen,
    pub(super) session: Option<Session>,
    pub(super) pending: Option<(PendingKind, Job<ServiceResult<Opened>>)>,
    /// An import, access export, sweep or backup set aside by locking, still ending; it holds the
    /// old session (and so the store's lock file) until it ends. The next unlock waits for it.
    pub(super) draining: Option<Job<()>>,
    /// A restore replacing the store file while the window is locked.
    pub(super) restoring: Option<super::apply_backup::RestoreJob>,
    pub(super) notice: Option<Notice>,
    pub(super) auto_lock: AutoLock,
    pub(super) kdf: KdfParams,
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
            pending: None,
            draining: None,
            restoring: None,
            notice: None,
            auto_lock: AutoLock::default(),
            kdf: KdfParams::DEFAULT,
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

    /// Whether a store is unlocked in this window (its session may be lent to an import).
    pub fn is_unlocked(&self) -> bool {
        self.session.is_some() || self.importing()
    }

    /// Whether an import, an access export, a sweep or a backup holds the session.
    pub(super) fn importing(&self) -> bool {
        matches!(&self.screen, Screen::Main(m) if m.import_job.is_some()
            || m.access_job.is_some()
            || m.sweep_jobs.apply.is_some()
            || m.backup_job.is_some()
            || m.consent_jobs.holds_session())
    }

    /// Whether background work runs (key derivation, audit job, import, search index, review
    /// count); the window keeps repainting to collect it.
    pub fn is_busy(&self) -> bool {
        self.pending.is_some()
            || self.restoring.is_some()
            || matches!(&self.screen, Screen::Main(m) if m.job.is_some()
                || m.backup_job.is_some()
                || m.import_job.is_some()
                || m.access_job.is_some()
                || m.sweep_jobs.preview.is_some()
                || m.sweep_jobs.apply.is_some()
                || m.index_job.is_some()
                || m.search_job.is_some()
                || m.review_job.is_some()
                || m.status_job.is_some()
                || m.status_waiting
                || m.review_load_job.is_some()
                || m.consent_jobs.running()
                || m.pseudonym_jobs.running())
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
        self.poll_pending();
        self.poll_background();
        self.poll_search_index();
        self.poll_search();
        self.poll_review_count();
        self.poll_status();
        self.poll_review_load();
        self.poll_minimisation();
        self.poll_import();
        self.poll_access_export();
        self.poll_sweeps();
        self.poll_listing();
        self.poll_suppression();
        self.poll_pseudonymise();
        self.poll_expire();
        self.poll_backup();
        self.poll_restore();
        if let Some(job) = self.draining.as_mut()
            && job.poll().is_some()
        {
            // Drops the session the import held: its keys zeroize.
            self.draining = None;
        }
        let commands = self.draw(ui);
        for command in commands {
            self.apply(command);
        }
        if self.is_busy() || self.draining.is_some() {
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

    /// Forgets the session (keys are zeroized on drop) and every decrypted view. A running
    /// import, access export or sweep is cancelled and set aside until its thread has rolled
    /// back; then the session it holds is dropped.
    pub(super) fn lock(&mut self, message: Option<String>) {
        if let Screen::Main(main) = &mut self.screen {
            if let Some(job) = main.import_job.take() {
                job.progress().cancel();
                self.draining = Some(drain(job));
            }
            if let Some(job) = main.access_job.take() {
                job.progress().cancel();
                self.draining = Some(drain(job));
            }
            if let Some(job) = main.sweep_jobs.apply.take() {
                job.progress().cancel();
                self.draining = Some(drain(job));
            }
            if let Some(job) = main.backup_job.take() {
                self.draining = Some(drain(job));
            }
            main.pseudonym_jobs.cancel_all();
            if let Some(job) = main.consent_jobs.cancel_all() {
                self.draining = Some(job);
            }
        }
        if let Screen::Main(main) = &self.screen {
            for progress in [
                main.job.as_ref().map(BackgroundJob::progress),
                main.index_job.as_ref().map(Job::progress),
                main.review_job.as_ref().map(Job::progress),
                main.review_load_job.as_ref().map(Job::progress),
                main.sweep_jobs.preview.as_ref().map(Job::progress),
            ]
            .into_iter()
            .flatten()
            {
                progress.cancel();
            }
        }
        self.session = None;
        self.notice = None;
        self.screen = Self::locked_screen(&self.store_path, message);
    }

    fn draw(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        let notice = self.notice.clone();
        let show_notice = |ui: &mut Ui, commands: &mut Vec<Command>| {
            if let Some(n) = &notice {
                if n.show(ui) {
                    commands.push(Command::DismissNotice);
                }
                ui.add_space(8.0);
            }
        };
        match &mut self.screen {
            Screen::Main(main) => {
                let organisation = main
                    .dashboard_data
                    .as_ref()
                    .map(|d| d.profile.name.clone())
                    .unwrap_or_default();
                egui::Panel::left("navigation")
                    .resizable(false)
                    .exact_size(180.0)
                    .show(ui, |ui| {
                        commands.extend(nav_panel(ui, main.area, &organisation, &main.me));
                    });
                if let Some(job) = &main.job {
                    egui::Panel::bottom("job").show(ui, |ui| {
                        ui.add_space(4.0);
                        ui.horizontal(|ui| {
                            let p = job.progress();
                            let (done, total) = p.counts();
                            ui.label(job.label());
                            ui.add(
                                egui::ProgressBar::new(p.fraction())
                                    .desired_width(260.0)
                                    .text(format!("{done} of {total}")),
                            );
                            if ui.button("Cancel").clicked() {
                                commands.push(Command::CancelJob);
                            }
                        });
                        ui.add_space(4.0);
                    });
                }
                egui::CentralPanel::default().show(ui, |ui| {
                    show_notice(ui, &mut commands);
                    let busy = main.job.is_some();
                    let command = match main.area {
                        Area::Dashboard => match &main.dashboard_data {
                            Some(data) => {
                                egui::ScrollArea::vertical()
                                    .show(ui, |ui| {
                                        main.dashboard.ui(
                                            ui,
                                            data,
                                            main.verify.as_ref(),
                                            &main.me,
                                            main.users.as_deref(),
                                            main.review_count,
                                        )
                                    })
                                    .inner
                            }
                            None => None,
                        },
                        Area::Subjects => {
                            use super::views::SubjectsTab;
                            let mut tab = None;
                            ui.horizontal(|ui| {
                                for (t, label) in [
                                    (SubjectsTab::People, "People"),
                                    (SubjectsTab::Purposes, "Purposes & notices"),
                                    (SubjectsTab::Review, "Review queue"),
                                    (SubjectsTab::Import, "Import"),
                                    (SubjectsTab::Pseudonymised, "Pseudonymised export"),
                                ] {
                                    if t == SubjectsTab::Import
                                        && !main
                                            .me
                                            .role
                                            .can(crate::domain::access::Permission::RecordConsent)
                                    {
                                        continue;
                                    }
                                    if ui.selectable_label(main.tab == t, label).clicked() {
                                        tab = Some(t);
                                    }
                                }
                            });
                            ui.separator();
                            let role = main.me.role;
                            let jobs = &main.consent_jobs;
                            let command = match main.tab {
                                SubjectsTab::Purposes => main.purposes.ui(
                                    ui,
                                    role,
                                    jobs.suppression.as_ref().map(Job::progress),
                                ),
                                SubjectsTab::Review => main.review.ui(
                                    ui,
                                    role.can(crate::domain::access::Permission::RecordConsent),
                                    role.can(crate::domain::access::Permission::ExportPersonalData),
                                    jobs.expire.as_ref().map(Job::progress),
                                ),
                                SubjectsTab::Import
                                    if role
                                        .can(crate::domain::access::Permission::RecordConsent) =>
                                {
                                    main.import.ui(
                                        ui,
                                        main.purposes.rows(),
                                        main.import_job.as_ref().map(Job::progress),
                                    )
                                }
                                SubjectsTab::Import => None,
                                SubjectsTab::Pseudonymised => main.pseudonymised.ui(
                                    ui,
                                    role,
                                    main.purposes.rows(),
                                    main.pseudonym_jobs.progress(),
                                ),
                                SubjectsTab::People => match &mut main.subject_page {
                                    Some(page) => page.ui(ui, role),
                                    None => main.subjects.ui(
                                        ui,
                                        role.can(crate::domain::access::Permission::RecordSubjects),
                                        main.index_job.as_ref().map(|j| j.progress().counts()),
                                        main.purposes.rows(),
                                        jobs.list.as_ref().map(Job::progress),
                                    ),
                                },
                            };
                            tab.map(Command::SubjectsTab).or(command)
                        }
                        Area::Requests => {
                            let regimes: Vec<crate::domain::organisation::Regime> = main
                                .dashboard_data
                                .as_ref()
                                .map(|d| d.profile.regimes.iter().copied().collect())
                                .unwrap_or_default();
                            main.requests.ui(
                                ui,
                                main.me.role,
                                &regimes,
                                main.access_job.as_ref().map(Job::progress),
                            )
                        }
                        Area::Retention => main.retention.ui(
                            ui,
                            main.me.role,
                            main.sweep_jobs.preview.as_ref().map(Job::progress),
                            main.sweep_jobs.apply.as_ref().map(Job::progress),
                        ),
                        Area::Assessments => main.assessments.ui(
                            ui,
                            main.me
                                .role
                                .can(crate::domain::access::Permission::EditAssessments),
                        ),
                        Area::Records => {
                            let command = main.records.ui(ui, main.me.role);
                            if main.records.tab() == super::views::RecordsTab::Minimisation {
                                let running = main.minimisation_job.as_ref().map(|j| j.progress());
                                command.or(main.minimisation.ui(ui, running))
                            } else {
                                command
                            }
                        }
                        Area::Security => main.security.ui(ui, main.me.role, chrono::Utc::now()),
                        Area::Vendors => main.vendors.ui(ui, main.me.role, super::views::today()),
                        Area::AuditLog => main.audit.ui(ui, main.verify.as_ref(), busy),
                        Area::Settings => match &mut main.settings {
                            Some(view) => {
                                let running = main.backup_job.as_ref().map(Job::label);
                                view.ui(
                                    ui,
                                    self.prefs.theme,
                                    &main.me,
                                    main.users.as_deref(),
                                    running,
                                )
                            }
                            None => None,
                        },
                    };
                    commands.extend(command);
                });
            }
            screen => {
                egui::CentralPanel::default().show(ui, |ui| {
                    show_notice(ui, &mut commands);
                    let command = match screen {
                        Screen::Create(s) => s.ui(ui),
                        Screen::Unlock(s) => s.ui(ui),
                        Screen::Recover(s) => s.ui(ui),
                        Screen::Busy(s) => {
                            s.ui(ui);
                            None
                        }
                        Screen::RecoveryCode(s) => s.ui(ui),
                        Screen::Setup(s) => s.ui(ui),
                        Screen::Main(_) => None,
                    };
                    commands.extend(command);
                });
            }
        }
        commands
    }
}

/// Waits for a cancelled job on another thread and drops what it returns (the session it
/// held: its keys zeroize).
pub(super) fn drain<T: Send + 'static>(job: Job<T>) -> Job<()> {
    Job::spawn("Rolling back", move |_| drop(job.wait()))
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
