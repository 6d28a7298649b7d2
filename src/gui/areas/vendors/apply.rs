//! Applying the Vendors commands: reading the register and what the editor links to, opening
//! the editor or the questionnaire, saving, recording a review, removing, replacing the
//! questionnaire. A problem with the vendor or the review shows on the open page; other
//! problems (a questionnaire file refused, with its line) in the notice.

use chrono::NaiveDate;

use crate::domain::records::RecordCode;
use crate::services::{ServiceResult, Session};

use crate::gui::app::{PrivacyDeskApp, Screen};
use crate::gui::areas::vendors::command::VendorCommand;
use crate::gui::areas::{QuestionnairePage, VendorChoices, VendorForm, VendorsView, today};
use crate::gui::widgets::Notice;

/// What the editor links to.
fn choices(session: &Session) -> ServiceResult<VendorChoices> {
    let taxonomy = session.records().data_taxonomy()?;
    Ok(VendorChoices {
        categories: taxonomy
            .categories()
            .iter()
            .map(|c| {
                (
                    c.code.clone(),
                    c.name.clone(),
                    taxonomy.special(&c.code).is_some(),
                )
            })
            .collect(),
        purposes: session
            .consent()
            .purposes()?
            .into_iter()
            .map(|row| (row.purpose.code, row.purpose.name))
            .collect(),
        activities: session
            .records()
            .activities()?
            .into_iter()
            .map(|a| (a.code, a.name))
            .collect(),
    })
}

impl PrivacyDeskApp {
    /// The Vendors view, when the main screen shows.
    fn vendors_view(&mut self) -> Option<&mut VendorsView> {
        match &mut self.screen {
            Screen::Main(main) => Some(&mut main.vendors),
            _ => None,
        }
    }

    /// Applies one command of the Vendors area.
    pub(in crate::gui) fn apply_vendor(&mut self, command: VendorCommand) {
        let today = today();
        match command {
            VendorCommand::New => {
                let opened = self.session.as_ref().map(choices);
                self.open(opened, |view, choices| {
                    view.open_form(VendorForm::new_vendor(choices));
                });
            }
            VendorCommand::Edit(code) => {
                let opened = self.session.as_ref().map(|s| -> ServiceResult<_> {
                    Ok((s.vendors().vendor_detail(&code, today)?, choices(s)?))
                });
                self.open(opened, |view, (detail, choices)| {
                    view.open_form(
                        VendorForm::edit(&detail.vendor, choices)
                            .with_links(&detail.referred_by, &detail.assessments),
                    );
                });
            }
            VendorCommand::Review(code) => {
                let opened = self.session.as_ref().map(|s| -> ServiceResult<_> {
                    let vendor = s.vendors().vendor_detail(&code, today)?.vendor;
                    let facts = s.vendors().vendor_facts(&vendor)?;
                    Ok(QuestionnairePage::new(
                        &vendor,
                        facts,
                        s.vendors().vendor_questionnaire()?,
                        today,
                    ))
                });
                self.open(opened, |view, page| view.open_review(page));
            }
            VendorCommand::Save { vendor, new } => {
                let Some(session) = self.session.as_mut() else {
                    return;
                };
                match session.vendors().save_vendor(&vendor, new, today) {
                    Ok(saved) => {
                        self.notice = Some(Notice::success(if new {
                            format!(
                                "The vendor {} was added. Answer its due-diligence questions (Review…) before you rely on it.",
                                saved.name
                            )
                        } else {
                            format!("The vendor {} was saved.", saved.name)
                        }));
                        self.after_vendor_change();
                    }
                    Err(e) => {
                        if let Some(view) = self.vendors_view() {
                            view.problem(e.to_string());
                        }
                    }
                }
            }
            VendorCommand::RecordReview { code, answers, on } => {
                self.record_review(&code, &answers, on);
            }
            VendorCommand::Remove(code) => {
                let Some(session) = self.session.as_mut() else {
                    return;
                };
                match session.vendors().remove_vendor(&code) {
                    Ok(()) => {
                        self.notice =
                            Some(Notice::success(format!("The vendor {code} was removed.")));
                        self.after_vendor_change();
                    }
                    Err(e) => self.notice = Some(Notice::error(e.to_string())),
                }
            }
            VendorCommand::LoadQuestionnaire(path) => {
                let Some(session) = self.session.as_mut() else {
                    return;
                };
                match session.vendors().load_vendor_questionnaire(&path, today) {
                    Ok(q) => {
                        self.notice = Some(Notice::success(format!(
                            "Your questionnaire is in use: {} questions. Vendors keep their answers; new questions count as not answered until the next review.",
                            q.questions.len()
                        )));
                        self.after_vendor_change();
                    }
                    Err(e) => self.notice = Some(Notice::error(e.to_string())),
                }
            }
            VendorCommand::RestoreQuestionnaire => {
                let Some(session) = self.session.as_mut() else {
                    return;
                };
                match session.vendors().restore_shipped_vendor_questionnaire() {
                    Ok(_) => {
                        self.notice = Some(Notice::success(
                            "The questionnaire shipped with Privacy Desk is in use again.",
                        ));
                        self.after_vendor_change();
                    }
                    Err(e) => self.notice = Some(Notice::error(e.to_string())),
                }
            }
            VendorCommand::Close => {
                if let Some(view) = self.vendors_view() {
                    view.close();
                }
            }
        }
    }

    /// Opens a page with what was read, or shows why it could not be read.
    fn open<T>(&mut self, read: Option<ServiceResult<T>>, show: impl FnOnce(&mut VendorsView, T)) {
        match read {
            Some(Ok(value)) => {
                self.notice = None;
                if let Some(view) = self.vendors_view() {
                    show(view, value);
                }
            }
            Some(Err(e)) => self.notice = Some(Notice::error(e.to_string())),
            None => {}
        }
    }

    fn record_review(
        &mut self,
        code: &RecordCode,
        answers: &crate::domain::records::questionnaire::Answers,
        on: NaiveDate,
    ) {
        let Some(session) = self.session.as_mut() else {
            return;
        };
        match session.vendors().review_vendor(code, answers, on) {
            Ok((vendor, rating)) => {
                self.notice = Some(Notice::success(format!(
                    "The review of {} was recorded: rating {} (score {}). The next review is due {}.",
                    vendor.name,
                    rating.level.label(),
                    rating.score,
                    vendor
                        .next_review_on
                        .map_or_else(|| "—".to_owned(), |d| d.to_string())
                )));
                self.after_vendor_change();
            }
            Err(e) => {
                if let Some(view) = self.vendors_view() {
                    view.problem(e.to_string());
                }
            }
        }
    }

    /// Back to the list (built again, the store having changed); the Dashboard's counts are
    /// refreshed.
    fn after_vendor_change(&mut self) {
        if let Some(view) = self.vendors_view() {
            view.close();
        }
    }
}
