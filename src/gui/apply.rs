//! Applying commands after the frame is drawn: the only place the window changes the store.
//! Each error is turned into one sentence in the notice.

use crate::domain::access::Permission;
use crate::domain::settings::AutoLock;
use crate::services::{ServiceError, Session, Via};

use super::app::{MainScreen, Opened, PendingKind, PrivacyDeskApp, Screen};
use super::command::Command;
use super::jobs::OpenStore;
use super::screens::{
    BusyScreen, CreateScreen, RecoverScreen, RecoveryCodeScreen, SetupScreen, demo_store_path,
};
use super::views::{Area, AuditLogView, DashboardData, DashboardView, SettingsView};
use super::widgets::Notice;

impl PrivacyDeskApp {
    pub(super) fn apply(&mut self, command: Command) {
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
            Command::RecoveryCodeStored => {
                self.screen = Screen::Setup(SetupScreen::new());
            }
            Command::SaveProfile(profile) => {
                let first_run = matches!(self.screen, Screen::Setup(_));
                if let Some(session) = self.session.as_mut() {
                    match session.settings().save_profile(&profile) {
                        Ok(()) => {
                            if first_run {
                                self.enter_main(Area::Dashboard);
                            } else {
                                self.notice =
                                    Some(Notice::success("The organisation profile was saved."));
                                self.refresh_main();
                            }
                        }
                        Err(e) => self.notice = Some(Notice::error(e.to_string())),
                    }
                }
            }
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
                            self.refresh_main();
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
                            self.refresh_main();
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
            Command::Navigate(area) => {
                self.notice = None;
                if let Screen::Main(main) = &mut self.screen {
                    main.area = area;
                }
                self.refresh_main();
            }
            Command::Lock => self.lock(Some(
                "Locked. The keys and decrypted data were cleared from memory.".into(),
            )),
            Command::VerifyAudit => self.start_verify(),
            Command::ExportAudit { path, filter } => self.start_export(path, filter),
            Command::CancelJob => self.jobs.cancel_bar(),
            Command::DismissNotice => self.notice = None,
            Command::Request(command) => self.apply_request(command),
            Command::Retention(command) => self.apply_retention(command),
            Command::Minimisation(command) => self.apply_minimisation(command),
            Command::Assessment(command) => self.apply_assessment(command),
            Command::Records(command) => self.apply_records(command),
            Command::Vendor(command) => self.apply_vendor(command),
            Command::Security(command) => self.apply_security(command),
            Command::Consent(command) => self.apply_consent(command),
            Command::Pseudonymise(command) => self.apply_pseudonymise(command),
            Command::Backup(command) => self.apply_backup(command),
            Command::Keys(command) => self.apply_keys(command),
            Command::PreviewImport { path, options } => self.preview_import(&path, &options),
            Command::StartImport { path, options } => self.start_import(path, options),
            Command::CancelImport => self.cancel_import(),
            Command::SearchSubjects(query) => self.search_subjects(&query),
            Command::OpenSubject(id) => self.open_subject(id),
            Command::CloseSubject => {
                if let Screen::Main(main) = &mut self.screen {
                    main.subject_page = None;
                }
            }
            Command::AddSubject(draft) => self.add_subject(&draft),
            Command::RecordConsent { subject, event } => self.record_consent(subject, &event),
            Command::SubjectsTab(tab) => {
                if let Screen::Main(main) = &mut self.screen {
                    main.tab = tab;
                    if tab == super::views::SubjectsTab::People {
                        main.subject_page = None;
                    }
                }
            }
            Command::OpenReview => {
                if let Screen::Main(main) = &mut self.screen {
                    main.area = Area::Subjects;
                    main.tab = super::views::SubjectsTab::Review;
                }
            }
            Command::ExpireStale => self.expire_stale(),
            Command::ExportReviewList(path) => self.run_change(
                |s| {
                    s.exports()
                        .export_review_list(
                            crate::domain::consent::DEFAULT_REFRESH_MONTHS,
                            chrono::Utc::now(),
                            &path,
                        )
                        .map(drop)
                },
                &format!("The consents to review were written to {}.", path.display()),
            ),
            Command::AddPurpose { purpose, notice } => self.change_purposes(
                |s| s.consent().add_purpose(&purpose, &notice),
                &format!("The purpose {} was added.", purpose.code),
            ),
            Command::SavePurpose(purpose) => self.change_purposes(
                |s| s.consent().update_purpose(&purpose),
                &format!("The purpose {} was saved.", purpose.code),
            ),
            Command::PublishNotice { code, text } => self.change_purposes(
                |s| s.consent().publish_notice(&code, &text).map(drop),
                &format!("A new version of the notice for {code} was published."),
            ),
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

    /// Runs a change on the session; shows `done` or the error, then reloads the view.
    fn with_session(
        &mut self,
        change: impl FnOnce(&mut Session) -> Result<(), ServiceError>,
        done: &str,
    ) {
        self.run_change(change, done);
        if let Screen::Main(main) = &mut self.screen {
            main.settings = None;
        }
        self.refresh_main();
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
            dashboard: DashboardView,
            dashboard_data: None,
            audit: AuditLogView::default(),
            settings: None,
            verify: None,
            subjects: Default::default(),
            purposes: Default::default(),
            tab: Default::default(),
            review_count: None,
            status_waiting: false,
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
        }));
        self.start_search_index();
        self.start_review_count();
        self.refresh_main();
    }

    /// Reloads what the current area shows from the store.
    pub(super) fn refresh_main(&mut self) {
        let (Some(session), Screen::Main(main)) = (self.session.as_mut(), &mut self.screen) else {
            return;
        };
        let loaded = (|| -> Result<(), ServiceError> {
            main.me = session.user().clone();
            if !main.area.visible_to(main.me.role) {
                main.area = Area::Dashboard;
            }
            main.users = if session.can(Permission::ManageUsers) {
                Some(session.users().list()?)
            } else {
                None
            };
            let status = main.dashboard_data.as_mut().and_then(|d| d.status.take());
            // The unlock check's warning stays until dismissed (or the next sign-in).
            let integrity_warning = match main.dashboard_data.as_mut() {
                Some(d) => d.integrity_warning.take(),
                None => session.integrity_at_unlock().and_then(|c| c.warning()),
            };
            main.dashboard_data = Some(DashboardData {
                profile: session.settings().profile()?,
                status,
                integrity_warning,
                auto_lock_minutes: session.settings().auto_lock()?.minutes(),
            });
            if main.area == Area::Settings && main.settings.is_none() {
                main.settings = Some(SettingsView::new(
                    session.settings().profile()?,
                    session.settings().auto_lock()?,
                ));
            }
            Ok(())
        })();
        if let Err(e) = loaded {
            self.notice = Some(Notice::error(e.to_string()));
        }
        self.start_status();
    }
}
