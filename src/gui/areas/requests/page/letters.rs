//! The letters of a request: pick one and its language (English, German, French or Spanish;
//! the drop-down starts on the language recorded on the request, and choosing another records
//! it, issue 20 item 4), fill it in from the request's facts, edit it, and save it as plain
//! text, as an HTML page to print, or as a Word document (.docx). A letter that needs a fact not yet recorded
//! (a refusal before its ground) says which. The recipient notice is written to one vendor
//! among those the request's tasks reach (GDPR Art. 19; 11 CCR §§ 7022(b)(3), 7026(f)).

use egui::{ComboBox, TextEdit, Ui};
use uuid::Uuid;

use crate::domain::access::{Permission, Role};
use crate::domain::letters::{Language, Letter, LetterKind};
use crate::gui::Command;
use crate::gui::areas::requests::command::RequestCommand;
use crate::gui::field_error::{FieldError, fingerprint};
use crate::gui::view_data::{Fresh, ViewData};
use crate::gui::widgets::{FIELD_WIDTH, hint};
use crate::services::ServiceResult;

/// The letters section's state.
#[derive(Debug)]
pub struct LetterPanel {
    kind: LetterKind,
    /// The language the next letter is filled in.
    lang: Language,
    /// The language recorded on the request (none: not recorded).
    recorded: ViewData<Option<Language>, Uuid>,
    /// The recorded language the drop-down was last set to.
    preselected: Option<Option<Language>>,
    /// The vendor a recipient notice is written to.
    vendor: String,
    /// The letter shown, with its kind (the menu may have moved on since).
    letter: Option<(LetterKind, Letter)>,
    problem: FieldError,
}

impl Default for LetterPanel {
    fn default() -> Self {
        Self {
            kind: LetterKind::Acknowledgement,
            lang: Language::English,
            recorded: ViewData::default(),
            preselected: None,
            vendor: String::new(),
            letter: None,
            problem: FieldError::default(),
        }
    }
}

impl LetterPanel {
    /// Reads the language recorded on `request` when the store moved on.
    pub fn prepare(&mut self, fresh: &Fresh<'_>, request: Uuid) -> ServiceResult<()> {
        self.recorded.refresh(fresh.generation, request, |id| {
            fresh.session.requests().letter_language(*id)
        })
    }

    /// Shows a filled-in letter, or why it could not be filled in.
    pub fn set(&mut self, letter: Result<Letter, String>) {
        match letter {
            Ok(l) => {
                self.letter = Some((self.kind, l));
                self.problem.clear();
            }
            Err(p) => {
                self.letter = None;
                self.problem.set(p);
            }
        }
    }

    /// Draws the section for `request` (its reference names the files). Without
    /// `identity_letter` (CCPA opt-out and limit, which need no verification: Cal. Code Regs.
    /// tit. 11 § 7026(d), § 7027(e)) the identity-request letter is not offered; the
    /// recipient notice is offered when the request's tasks reach `vendors`.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        request: Uuid,
        reference: &str,
        role: Role,
        identity_letter: bool,
        vendors: &[String],
    ) -> Option<Command> {
        if !identity_letter && self.kind == LetterKind::IdentityRequest
            || vendors.is_empty() && self.kind == LetterKind::RecipientNotice
        {
            self.kind = LetterKind::Acknowledgement;
        }
        if !vendors.contains(&self.vendor) {
            self.vendor = vendors.first().cloned().unwrap_or_default();
        }
        // The drop-down follows the language recorded on the request when it changes.
        if let Some(recorded) = self.recorded.get().copied()
            && self.preselected != Some(recorded)
        {
            self.preselected = Some(recorded);
            self.lang = recorded.unwrap_or_default();
        }
        let chosen = self.lang;
        let mut command = None;
        ui.horizontal(|ui| {
            let label = ui.label("Letter");
            ComboBox::from_id_salt("letter-kind")
                .selected_text(self.kind.label())
                .show_ui(ui, |ui| {
                    for k in LetterKind::ALL
                        .into_iter()
                        .filter(|k| identity_letter || *k != LetterKind::IdentityRequest)
                        .chain((!vendors.is_empty()).then_some(LetterKind::RecipientNotice))
                    {
                        ui.selectable_value(&mut self.kind, k, k.label());
                    }
                })
                .response
                .labelled_by(label.id);
            if self.kind == LetterKind::RecipientNotice {
                let label = ui.label("To vendor");
                ComboBox::from_id_salt("letter-vendor")
                    .selected_text(self.vendor.as_str())
                    .show_ui(ui, |ui| {
                        for v in vendors {
                            ui.selectable_value(&mut self.vendor, v.clone(), v.as_str());
                        }
                    })
                    .response
                    .labelled_by(label.id);
            }
            let label = ui.label("Language");
            ComboBox::from_id_salt("letter-language")
                .selected_text(self.lang.label())
                .show_ui(ui, |ui| {
                    for l in Language::ALL {
                        ui.selectable_value(&mut self.lang, l, l.label());
                    }
                })
                .response
                .labelled_by(label.id);
            if self.lang != chosen && role.can(Permission::ProcessRequests) {
                command = Some(Command::Request(RequestCommand::SetLanguage {
                    request,
                    lang: self.lang,
                }));
            }
            if ui.button("Fill in").clicked() {
                command = Some(Command::Request(match self.kind {
                    LetterKind::RecipientNotice => RequestCommand::FillRecipientNotice {
                        request,
                        vendor: self.vendor.clone(),
                        lang: self.lang,
                    },
                    kind => RequestCommand::FillLetter {
                        request,
                        kind,
                        lang: self.lang,
                    },
                }));
            }
        });
        if let Some(Some(l)) = self.recorded.get() {
            hint(
                ui,
                &format!(
                    "This request's letters are written in {}, as recorded on it; choosing another language records that one.",
                    l.label()
                ),
            );
        }
        // The typed and chosen inputs only: the recorded language is read from the store.
        let inputs = fingerprint(&(self.kind, self.lang, &self.vendor, &self.letter));
        self.problem.show(ui, inputs, "Problem: ");
        let Some((kind, letter)) = self.letter.as_mut() else {
            hint(
                ui,
                "Fill in a letter to see it here; you can change its wording before saving it.",
            );
            return command;
        };
        hint(
            ui,
            &format!(
                "{}: change the wording as you need before saving it.",
                kind.label()
            ),
        );
        let label = ui.label("Subject line");
        ui.add(TextEdit::singleline(&mut letter.subject).desired_width(FIELD_WIDTH * 1.6))
            .labelled_by(label.id);
        let label = ui.label("Letter text");
        ui.add(
            TextEdit::multiline(&mut letter.body)
                .desired_width(FIELD_WIDTH * 1.6)
                .desired_rows(16),
        )
        .labelled_by(label.id);
        let may = role.can(Permission::ExportPersonalData);
        ui.horizontal(|ui| {
            for (text, ext, filter) in [
                ("Save as text…", "txt", "Text"),
                ("Save as HTML…", "html", "HTML page"),
                ("Save as Word…", "docx", "Word document"),
            ] {
                let button = ui.add_enabled(may, egui::Button::new(text));
                if let Some(path) = crate::gui::file_dialog::FileDialog::new()
                    .add_filter(filter, &[ext])
                    .set_file_name(format!("{reference}-{}.{ext}", kind.code()))
                    .save_file(button.clicked(), ui)
                {
                    command = Some(Command::Request(RequestCommand::SaveLetter {
                        request,
                        letter: letter.clone(),
                        path,
                    }));
                }
                button.on_disabled_hover_text(Permission::ExportPersonalData.why_not(role));
            }
        });
        if !may {
            hint(ui, &Permission::ExportPersonalData.why_not(role));
        }
        command
    }
}
