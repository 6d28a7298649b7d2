//! Applying commands after the frame is drawn: the only place the window changes the store.
//! Each error is turned into one sentence in the notice.

use crate::domain::access::Permission;
use crate::domain::settings::AutoLock;
use crate::services::{ServiceError, Session, Via};

use super::app::{MainScreen, Opened, PendingKind, PrivacyDeskApp, Screen};
use super::areas::{Area, AuditLogView, DashboardData, DashboardView};
use super::command::Command;
use super::jobs::OpenStore;
use super::screens::{
    BusyScreen, CreateScreen, RecoverScreen, RecoveryCodeScreen, SetupScreen, demo_store_path,
};
use super::widgets::Notice;

impl PrivacyDeskApp {
    /// Applies what was asked: an area's command by that area (`AreaView::apply`), the
    /// window's own here.
    pub(super) fn apply(&mut self, command: Command) {
        match command.area() {
            Some(area) => area.view().apply(self, command),
            None => self.apply_window(command),
        }
    }

    /// Applies a command of the window itself (signing in, the first-run profile, navigating,
    /// locking, the notice and the job bar); an area's command that reaches here was not
    /// handled by its area and is said so.
    pub(super) fn apply_window(&mut self, command: Command) {
        match command {
            Command::CreateStore { user, passphrase } => {
                let path = self.store_path.clone();
                let kdf = self.kdf;
                self.start_pending(
                    PendingKind::Create,
                    "Creating the store and deriving its keys…",
                    move || {
                        let (session, code) =
                            Session::create(&path, &user, &passphrase, kdf, Via::Gui)?;
                        Ok(Opened {
                            session,
                            recovery: Some(code),
                            setup_complete: false,
                            auto_lock: AutoLock::default(),
                        })
                    },
                );
            }
            Command::CreateDemo { user, passphrase } => {
                let path = demo_store_path(&self.store_path);
                let kdf = self.kdf;
                let subjects = self.demo_subjects;
                self.start_pending(
                    PendingKind::CreateDemo,
                    &format!("Making up a demo store with {subjects} people…"),
                    move || {
                        crate::demo::create_demo(
                            &path,
                            &user,
                            &passphrase,
                            kdf,
                            subjects,
                            crate::demo::DEFAULT_DEMO_SEED,
                            &crate::jobs::Progress::default(),
                        )?;
                        Opened::existing(Session::unlock(&path, Some(&user), &passphrase, Via::Gui))
                    },
                );
            }
            Command::OpenDemo => {
                self.notice = None;
                self.store_path = demo_store_path(&self.store_path);
                self.screen = Self::locked_screen(&self.store_path, None);
            }
            Command::Unlock { user, passphrase } => {
                let path = self.store_path.clone();
                let wait = if crate::services::store_needs_upgrade(&path) {
                    "Unlocking… This store was made by an earlier version of Privacy Desk: a copy is kept beside it, then it is upgraded. With a large store this takes a minute or two."
                } else {
                    "Unlocking… deriving the key takes a moment."
                };
                self.start_pending(PendingKind::Unlock, wait, move || {
                    Opened::existing(Session::unlock(
                        &path,
                        user.as_deref(),
                        &passphrase,
                        Via::Gui,
                    ))
                });
            }
            Command::Recover { owner, code, new } => {
                let path = self.store_path.clone();
                self.start_pending(
                    PendingKind::Recover,
                    "Checking the recovery code and setting the new passphrase…",
                    move || {
                        Opened::existing(Session::recover(
                            &path,
                            owner.as_deref(),
                            &code,
                            &new,
                            Via::Gui,
                        ))
                    },
                );
            }
            Command::ShowRecovery => {
                self.notice = None;
                self.screen = Screen::Recover(RecoverScreen::new(self.owners(), None));
            }
            Command::ShowUnlock => {
                self.notice = None;
                self.screen = Self::locked_screen(&self.store_path, None);
            }
            Command::KeepRecoveryCode(path) => {
                if let Screen::RecoveryCode(screen) = &self.screen {
                    let day = chrono::Local::now().date_naive();
                    self.notice = Some(
                        match super::screens::keep_recovery_code(
                            screen.code(),
                            &self.store_path,
                            day,
                            &path,
                        ) {
                            Ok(()) => Notice::success(format!(
                                "The recovery code was saved to {}. Move it away from this computer (print it, or keep it in a password manager) and delete the file here.",
                                path.display()
                            )),
                            Err(e) => Notice::error(e),
                        },
                    );
                }
            }
            Command::RecoveryCodeStored => {
                self.screen = Screen::Setup(SetupScreen::new());
            }
            Command::SaveProfile(profile) => {
                let first_run = matches!(self.screen, Screen::Setup(_));
                if let Some(session) = self.session.as_mut() {
                    match super::areas::settings::apply_profile::save_profile(session, &profile) {
                        Ok(()) => {
                            if first_run {
                                self.enter_main(Area::Dashboard);
                            } else {
                                self.notice =
                                    Some(Notice::success("The organisation profile was saved."));
                            }
                        }
                        Err(e) => self.notice = Some(Notice::error(e.to_string())),
                    }
                }
            }
            Command::Navigate(area) => {
                self.notice = None;
                if let Screen::Main(main) = &mut self.screen {
                    main.area = area;
                }
            }
            Command::Lock => self.lock(Some(
                "Locked. The keys and decrypted data were cleared from memory.".into(),
            )),
            Command::CancelJob => self.jobs.cancel_bar(),
            Command::ExportCalendar(path) => {
                if let Some(session) = self.session.as_ref() {
                    self.notice = Some(
                        match session.exports().export_calendar(&path, chrono::Utc::now()) {
                            Ok(n) => Notice::success(format!(
                                "{n} deadlines written to {}. Import the file into your calendar; importing a later export updates the same events instead of adding them twice.",
                                path.display()
                            )),
                            Err(e) => Notice::error(e.to_string()),
                        },
                    );
                }
            }
            Command::EvidenceBundle { path, year } => {
                if let Some(session) = self.worker() {
                    self.notice = None;
                    self.jobs.start(super::jobs::EvidenceBundle {
                        session,
                        path,
                        year,
                        today: chrono::Local::now().date_naive(),
                    });
                }
            }
            Command::DismissNotice => self.notice = None,
            Command::Attachment(command) => self.apply_attachment(command),
            area_command @ (Command::VerifyAudit
            | Command::ExportAudit { .. }
            | Command::Request(_)
            | Command::Intake(_)
            | Command::Site(_)
            | Command::Holidays(_)
            | Command::Campaign(_)
            | Command::Retention(_)
            | Command::Minimisation(_)
            | Command::Assessment(_)
            | Command::Records(_)
            | Command::Vendor(_)
            | Command::Security(_)
            | Command::Consent(_)
            | Command::Pseudonymise(_)
            | Command::Backup(_)
            | Command::Keys(_)
            | Command::SetAutoLock(_)
            | Command::ChangePassphrase { .. }
            | Command::AddUser { .. }
            | Command::RemoveUser(_)
            | Command::SetUserRole { .. }
            | Command::SetTheme(_)
            | Command::PreviewImport { .. }
            | Command::DetectImportPreset { .. }
            | Command::SaveImportMapping { .. }
            | Command::StartImport { .. }
            | Command::CancelImport
            | Command::SearchSubjects(_)
            | Command::OpenSubject(_)
            | Command::CloseSubject
            | Command::AddSubject(..)
            | Command::RecordConsent { .. }
            | Command::SubjectsTab(_)
            | Command::FollowLink(_)
            | Command::OpenReview
            | Command::ExpireStale
            | Command::ExportReviewList(_)
            | Command::AddPurpose { .. }
            | Command::SavePurpose(_)
            | Command::PublishNotice { .. }) => {
                self.notice = Some(Notice::error(format!(
                    "This was not done: {} did not take the request. Please report it.",
                    area_command.area().map_or("the window", Area::label)
                )));
            }
        }
    }

    /// A worker session for a job that changes the store (the window keeps its own). None,
    /// with the reason in the notice, when locked or when another such job runs.
    pub(super) fn worker(&mut self) -> Option<Session> {
        match self.session.as_ref()?.worker() {
            Ok(worker) => Some(worker),
            Err(e) => {
                self.notice = Some(Notice::info(e.to_string()));
                None
            }
        }
    }

    /// Runs a change on the session and shows `done` or the error.
    pub(super) fn run_change(
        &mut self,
        change: impl FnOnce(&mut Session) -> Result<(), ServiceError>,
        done: &str,
    ) {
        if let Some(session) = self.session.as_mut() {
            self.notice = Some(match change(session) {
                Ok(()) => Notice::success(done),
                Err(e) => Notice::error(e.to_string()),
            });
        }
    }

    /// Runs a change to the store's users on the session and shows `done` or the error; once
    /// done, the Users section's form starts again empty (the list follows the store).
    pub(super) fn with_session(
        &mut self,
        change: impl FnOnce(&mut Session) -> Result<(), ServiceError>,
        done: &str,
    ) {
        let Some(session) = self.session.as_mut() else {
            return;
        };
        match change(session) {
            Ok(()) => {
                self.notice = Some(Notice::success(done));
                if let Screen::Main(main) = &mut self.screen
                    && let Some(settings) = &mut main.settings
                {
                    *settings.users_mut() = Default::default();
                }
            }
            Err(e) => self.notice = Some(Notice::error(e.to_string())),
        }
    }

    fn start_pending(
        &mut self,
        kind: PendingKind,
        text: &str,
        work: impl FnOnce() -> Result<Opened, ServiceError> + Send + 'static,
    ) {
        self.notice = None;
        self.screen = Screen::Busy(BusyScreen::new(text));
        // A cancelled job may still hold a worker session (and the store's lock file): wait
        // for it to roll back first.
        let wait_for = self.jobs.take_set_aside();
        self.jobs.start(OpenStore {
            kind,
            text: text.to_owned(),
            wait_for,
            work: Box::new(work),
        });
    }

    /// Shows what comes after opening a store (`jobs/open_store.rs`): the recovery code, the
    /// first-run setup or the Dashboard; or the screen it came from with the reason.
    pub(super) fn opened(&mut self, kind: PendingKind, opened: Result<Opened, ServiceError>) {
        match opened {
            Ok(opened) => {
                if kind == PendingKind::CreateDemo {
                    self.store_path = demo_store_path(&self.store_path);
                }
                self.auto_lock = opened.auto_lock;
                self.session = Some(opened.session);
                self.screen = match (&opened.recovery, opened.setup_complete) {
                    (Some(code), _) => Screen::RecoveryCode(RecoveryCodeScreen::new(code)),
                    (None, false) => Screen::Setup(SetupScreen::new()),
                    (None, true) => {
                        self.enter_main(Area::Dashboard);
                        self.start_daily_backup();
                        return;
                    }
                };
            }
            Err(e) => {
                let message = e.to_string();
                self.screen = match kind {
                    PendingKind::Create | PendingKind::CreateDemo => {
                        Screen::Create(CreateScreen::new(self.store_path.clone(), Some(message)))
                    }
                    PendingKind::Unlock => Self::locked_screen(&self.store_path, Some(message)),
                    PendingKind::Recover => {
                        Screen::Recover(RecoverScreen::new(self.owners(), Some(message)))
                    }
                };
            }
        }
    }

    fn enter_main(&mut self, area: Area) {
        let Some(me) = self.session.as_ref().map(|s| s.user().clone()) else {
            return;
        };
        self.screen = Screen::Main(Box::new(MainScreen {
            area,
            me,
            users: None,
            main_read_at: None,
            dashboard: DashboardView::default(),
            dashboard_data: None,
            audit: AuditLogView::default(),
            settings: None,
            verify: None,
            subjects: Default::default(),
            purposes: Default::default(),
            tab: Default::default(),
            review_count: None,
            status_waiting: false,
            status_generation: None,
            status_day: None,
            review: Default::default(),
            subject_page: None,
            search_index: None,
            import: Default::default(),
            requests: Default::default(),
            retention: Default::default(),
            records: Default::default(),
            security: Default::default(),
            minimisation: Default::default(),
            assessments: Default::default(),
            vendors: Default::default(),
            pseudonymised: Default::default(),
            mail: Default::default(),
            site: Default::default(),
            campaigns: Default::default(),
        }));
        self.start_search_index();
        self.start_review_count();
    }

    /// Before each frame (`prepare.rs`): reads the signed-in user, the users list and the
    /// organisation profile again when the store generation moved since they were read (a
    /// sign-in, a key rotation, a change of users or settings, a worker's write), and keeps
    /// the area showing one the user may see. The Settings forms follow in their own
    /// `prepare` (`settings/stored.rs`).
    pub(super) fn refresh_main(&mut self) {
        let generation = self.generation();
        let (Some(session), Screen::Main(main)) = (self.session.as_mut(), &mut self.screen) else {
            return;
        };
        if main.main_read_at != Some(generation) {
            main.main_read_at = Some(generation);
            if let Err(e) = read_main(main, session) {
                self.notice = Some(Notice::error(e.to_string()));
            }
        }
        if let Screen::Main(main) = &mut self.screen
            && !main.area.visible_to(main.me.role)
        {
            main.area = Area::Dashboard;
        }
    }
}

/// Reads what every area shows of the store: the signed-in user, the users list (for those
/// who manage users) and the Dashboard's profile and auto-lock time.
fn read_main(main: &mut MainScreen, session: &mut Session) -> Result<(), ServiceError> {
    main.me = session.user().clone();
    main.users = if session.can(Permission::ManageUsers) {
        Some(session.users().list()?)
    } else {
        None
    };
    let status = main.dashboard_data.as_mut().and_then(|d| d.status.take());
    let figures = main.dashboard_data.as_mut().and_then(|d| d.figures.take());
    // The unlock check's warning stays until dismissed (or the next sign-in).
    let integrity_warning = match main.dashboard_data.as_mut() {
        Some(d) => d.integrity_warning.take(),
        None => session.integrity_at_unlock().and_then(|c| c.warning()),
    };
    main.dashboard_data = Some(DashboardData {
        profile: session.settings().profile()?,
        status,
        figures,
        integrity_warning,
        auto_lock_minutes: session.settings().auto_lock()?.minutes(),
    });
    Ok(())
}
