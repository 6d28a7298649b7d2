//! Applying the fulfilment and letter commands of a request's page: corrections, erasure and
//! its certificate, restriction, withdrawals and opt-outs through the consent ledger, and
//! letters filled in and saved.
//!
//! What changes a person's record also refreshes what shows them elsewhere: the register, an
//! open subject page, and the decrypted search index (rebuilt, so an erased or corrected name
//! does not linger in memory).

use chrono::NaiveDate;
use uuid::Uuid;

use crate::services::{ServiceResult, Session};

use crate::gui::app::{PrivacyDeskApp, Screen};
use crate::gui::areas::requests::command::RequestCommand;
use crate::gui::jobs::BuildSearchIndex;
use crate::gui::widgets::Notice;

impl PrivacyDeskApp {
    /// Applies a fulfilment or letter command (the workflow ones are in `apply_requests.rs`).
    pub(in crate::gui) fn apply_fulfilment(&mut self, command: RequestCommand, today: NaiveDate) {
        match command {
            RequestCommand::Rectify {
                request,
                subject,
                corrected,
            } => {
                self.fulfil(subject, |s| {
                    Ok(match s.requests().rectify_subject(subject, &corrected, Some(request))? {
                        0 => "Nothing differed from the record; nothing was changed.".to_owned(),
                        1 => "One field was corrected; its old value is kept in the history.".to_owned(),
                        n => format!("{n} fields were corrected; their old values are kept in the history."),
                    })
                });
            }
            RequestCommand::Erase { request, subject } => self.erase(request, subject, today),
            RequestCommand::SaveCertificate { certificate, path } => {
                let Some(session) = self.session.as_mut() else {
                    return;
                };
                self.notice = Some(
                    match session.exports().export_erasure_certificate(&certificate, &path) {
                        Ok(()) => Notice::success(format!(
                            "The certificate was written to {}.",
                            path.display()
                        )),
                        Err(e) => Notice::error(e.to_string()),
                    },
                );
            }
            RequestCommand::SetRestricted {
                request,
                subject,
                restricted,
            } => self.fulfil(subject, |s| {
                s.requests().set_restricted(subject, restricted, Some(request), today)?;
                Ok(if restricted {
                    "Processing is restricted: the person is left out of campaigns and listed on every suppression list."
                } else {
                    "The restriction was lifted."
                }
                .to_owned())
            }),
            RequestCommand::OptOut { request, purposes } => {
                let Some(subject) = self.open_page_subject() else {
                    return;
                };
                self.fulfil(subject, |s| {
                    let n = s.requests().opt_out_for_request(request, &purposes)?;
                    Ok(format!("{n} consent event(s) were recorded in the ledger, dated the day the request was received: a withdrawal or opt-out takes effect when the person makes it (GDPR Art. 7(3); Cal. Code Regs. tit. 11 § 7026(f))."))
                });
            }
            RequestCommand::FillLetter {
                request,
                kind,
                lang,
            } => {
                let (Some(session), Screen::Main(main)) =
                    (self.session.as_ref(), &mut self.screen)
                else {
                    return;
                };
                if let Some(page) = main.requests.page.as_mut() {
                    page.letter(
                        session
                            .requests()
                            .letter_in(request, kind, lang, today)
                            .map_err(|e| e.to_string()),
                    );
                }
            }
            RequestCommand::SaveLetter {
                request,
                letter,
                path,
            } => {
                let Some(session) = self.session.as_mut() else {
                    return;
                };
                self.notice = Some(match session.exports().export_letter(request, &letter, &path) {
                    Ok(()) => Notice::success(format!(
                        "The letter was written to {}.",
                        path.display()
                    )),
                    Err(e) => Notice::error(e.to_string()),
                });
            }
            RequestCommand::SetLanguage { request, lang } => self.run_change(
                |s| s.requests().set_letter_language(request, lang),
                &format!(
                    "The letters of this request will be written in {}.",
                    lang.label()
                ),
            ),
            // The inbox and workflow commands are applied in `apply_requests.rs`.
            _ => {}
        }
    }

    /// The person of the open request page.
    fn open_page_subject(&self) -> Option<Uuid> {
        let Screen::Main(main) = &self.screen else {
            return None;
        };
        main.requests.page.as_ref().and_then(|p| p.subject())
    }

    /// Applies a change to `subject` for the open request: says what was done and refreshes
    /// every view of them, or shows the problem in the page's fulfilment section.
    fn fulfil(
        &mut self,
        subject: Uuid,
        change: impl FnOnce(&mut Session) -> ServiceResult<String>,
    ) {
        let Some(session) = self.session.as_mut() else {
            return;
        };
        match change(session) {
            Ok(done) => {
                self.notice = Some(Notice::success(done));
                self.subject_changed(subject, false);
                self.reload_request();
            }
            Err(e) => self.fulfil_problem(e.to_string()),
        }
    }

    fn erase(&mut self, request: Uuid, subject: Uuid, today: NaiveDate) {
        // The search index build reads the whole register on its own connection, which would
        // keep the write-ahead log (and the erased pages in it) from being emptied: stop it
        // first; it is rebuilt after the erasure.
        self.jobs.stop::<BuildSearchIndex>();
        let Some(session) = self.session.as_mut() else {
            return;
        };
        match session
            .requests()
            .erase_subject(subject, Some(request), today)
        {
            Ok(certificate) => {
                if let Screen::Main(main) = &mut self.screen
                    && let Some(page) = main.requests.page.as_mut()
                {
                    page.erased(certificate);
                }
                self.notice = Some(Notice::success(
                    "The person was erased. Save the certificate for your records, then complete the request and send the completion letter.",
                ));
                self.subject_changed(subject, true);
                self.reload_request();
            }
            Err(e) => self.fulfil_problem(e.to_string()),
        }
    }

    fn fulfil_problem(&mut self, problem: String) {
        if let Screen::Main(main) = &mut self.screen
            && let Some(page) = main.requests.page.as_mut()
        {
            page.fulfil_problem(problem);
        } else {
            self.notice = Some(Notice::error(problem));
        }
    }

    /// After a person's record changed: the register is read again, their open page is
    /// refreshed (closed when erased) and the search index is rebuilt.
    fn subject_changed(&mut self, subject: Uuid, erased: bool) {
        let (Some(session), Screen::Main(main)) = (self.session.as_ref(), &mut self.screen) else {
            return;
        };
        if let Some(page) = main.subject_page.as_mut()
            && page.data.subject.id == subject
        {
            match crate::gui::areas::subjects::apply::page_data(session, subject) {
                Ok(Some(data)) if !erased => page.refresh(data),
                _ => main.subject_page = None,
            }
        }
        self.jobs.forget::<BuildSearchIndex>();
        main.search_index = None;
        self.start_search_index();
    }
}
