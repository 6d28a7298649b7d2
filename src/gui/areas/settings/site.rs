//! Settings → Self-service and mailbox: where the self-service pages submit (`profile set
//! --form-action`), building them into a folder (`site build`, as a background job), and the
//! IMAP mailbox Requests → Inbox and `inbox fetch` read ([`super::mailbox`]).

use std::path::PathBuf;

use egui::Ui;

use crate::domain::access::{Permission, Role};
use crate::domain::site::Lang;
use crate::gui::Command;
use crate::gui::view_data::{Fresh, ViewData};
use crate::gui::widgets::{FIELD_WIDTH, hint, section};
use crate::services::{ServiceResult, Session};

use super::mailbox::{MailboxPanel, StoredMailbox};
use super::site_command::SiteCommand;

/// What the page shows from the store.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SiteSettings {
    /// The form address, when set.
    pub form_action: Option<String>,
    /// The mailbox, when set (and the role may take requests in).
    pub mailbox: Option<StoredMailbox>,
}

/// Builds what the page shows.
pub fn site_settings(session: &Session) -> ServiceResult<SiteSettings> {
    let mailbox = if session.user().role.can(Permission::TakeInRequests) {
        session.inbox().account()?.map(|a| StoredMailbox::from(&a))
    } else {
        None
    };
    Ok(SiteSettings {
        form_action: session.settings().form_action()?,
        mailbox,
    })
}

/// A language's name in itself.
fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English",
        Lang::De => "Deutsch",
        Lang::Fr => "Français",
        Lang::Es => "Español",
    }
}

/// The page's state.
#[derive(Debug, Default)]
pub struct SiteSettingsView {
    /// Whether the page shows (else the general settings).
    pub shown: bool,
    data: ViewData<SiteSettings>,
    /// The stored values the fields were last filled from.
    filled_from: Option<SiteSettings>,
    form_action: String,
    langs: Vec<Lang>,
    folder: String,
    mailbox: MailboxPanel,
    /// The last build: the folder and what was written.
    built: Option<String>,
}

impl SiteSettingsView {
    /// Builds the stored values where the store changed, and fills the fields again when they
    /// changed.
    pub fn prepare(&mut self, fresh: &Fresh<'_>) -> ServiceResult<()> {
        self.data
            .refresh(fresh.generation, (), |_| site_settings(fresh.session))?;
        if let Some(stored) = self.data.get()
            && self.filled_from.as_ref() != Some(stored)
        {
            self.form_action = stored.form_action.clone().unwrap_or_default();
            self.mailbox.fill(stored.mailbox.as_ref());
            self.filled_from = Some(stored.clone());
        }
        if self.langs.is_empty() {
            self.langs.push(Lang::En);
        }
        Ok(())
    }

    /// Says what a finished build wrote.
    pub fn built(&mut self, text: String) {
        self.built = Some(text);
    }

    /// Draws the page; `building` is true while a build runs.
    pub fn ui(&mut self, ui: &mut Ui, role: Role, building: bool) -> Option<Command> {
        let mut command = None;
        let may_edit = role.can(Permission::EditOrganisation);
        egui::ScrollArea::vertical()
            .id_salt("site-settings")
            .show(ui, |ui| {
                ui.set_max_width(720.0);
                ui.heading("Self-service page and mailbox");
                section(ui, "Self-service page");
                hint(
                    ui,
                    "Static pages to host on your web space: a request form and a preference page per purpose. They work without JavaScript and honour the Global Privacy Control signal. The Inbox reads what they send exactly.",
                );
                ui.add_enabled_ui(may_edit, |ui| {
                    if let Some(c) = self.form_action_ui(ui) {
                        command = Some(c);
                    }
                });
                if let Some(c) = self.build_ui(ui, building) {
                    command = Some(c);
                }
                if role.can(Permission::TakeInRequests) {
                    section(ui, "Privacy mailbox (IMAP)");
                    if let Some(c) = self.mailbox.ui(ui) {
                        command = Some(c);
                    }
                }
                ui.add_space(16.0);
            });
        command.map(Command::Site)
    }

    fn form_action_ui(&mut self, ui: &mut Ui) -> Option<SiteCommand> {
        let mut command = None;
        ui.horizontal(|ui| {
            let label = ui.label("Form address");
            ui.add(egui::TextEdit::singleline(&mut self.form_action).desired_width(FIELD_WIDTH))
                .labelled_by(label.id)
                .on_hover_text("The https:// address of a form service that forwards submissions to your privacy mailbox");
        });
        let stored = self.data.get().and_then(|d| d.form_action.clone());
        hint(
            ui,
            &match &stored {
                Some(url) => format!("The pages submit to {url}."),
                None => "No form address: the pages send by email (mailto:) to the controller's address.".to_owned(),
            },
        );
        ui.horizontal(|ui| {
            if ui.button("Save form address").clicked() {
                let url = self.form_action.trim().to_owned();
                command = Some(SiteCommand::SetFormAction(
                    Some(url).filter(|u| !u.is_empty()),
                ));
            }
            if ui
                .add_enabled(stored.is_some(), egui::Button::new("Send by email instead"))
                .on_hover_text(
                    "Clear the form address; the pages use mailto: to the privacy address",
                )
                .clicked()
            {
                command = Some(SiteCommand::SetFormAction(None));
            }
        });
        command
    }

    fn build_ui(&mut self, ui: &mut Ui, building: bool) -> Option<SiteCommand> {
        let mut command = None;
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            ui.label("Languages to build:");
            for lang in Lang::ALL {
                let mut on = self.langs.contains(&lang);
                if ui.checkbox(&mut on, lang_name(lang)).changed() {
                    if on {
                        self.langs.push(lang);
                    } else {
                        self.langs.retain(|l| *l != lang);
                    }
                }
            }
        });
        hint(ui, "The first language ticked is the root page's.");
        ui.horizontal(|ui| {
            let label = ui.label("Site folder");
            ui.add(egui::TextEdit::singleline(&mut self.folder).desired_width(FIELD_WIDTH))
                .labelled_by(label.id)
                .on_hover_text("Created when missing; the site's own files are replaced, nothing else is touched");
            if let Some(dir) = crate::gui::file_dialog::FileDialog::new().pick_folder(ui.button("Choose site folder…").clicked(), ui)
            {
                self.folder = dir.display().to_string();
            }
        });
        ui.horizontal(|ui| {
            let folder = self.folder.trim();
            let ready = !folder.is_empty() && !self.langs.is_empty() && !building;
            if ui
                .add_enabled(ready, egui::Button::new("Build the site"))
                .on_disabled_hover_text("Choose a folder and at least one language.")
                .clicked()
            {
                command = Some(SiteCommand::BuildSite {
                    dir: PathBuf::from(folder),
                    langs: self.langs.clone(),
                });
            }
            if building {
                ui.spinner();
                ui.label("Building the site…");
            }
        });
        if let Some(text) = &self.built {
            ui.label(text);
        }
        command
    }
}
