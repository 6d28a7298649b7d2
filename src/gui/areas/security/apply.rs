//! Applying the Security commands: the measures register, staff training and the incident log.
//! A problem with a form's content is shown beside the form; other problems in the notice.
//! After each change the Dashboard's figures are counted again.

use chrono::Utc;

use crate::domain::records::incident::time_left_words;
use crate::services::{ServiceResult, Session};

use crate::gui::app::{PrivacyDeskApp, Screen};
use crate::gui::areas::security::command::SecurityCommand;
use crate::gui::areas::{Area, SecurityTab, today};
use crate::gui::widgets::Notice;

/// Which form a problem belongs to.
#[derive(Clone, Copy)]
enum Form {
    Measure,
    Training,
    Incident,
}

impl PrivacyDeskApp {
    /// Applies one command of the Security area.
    pub(in crate::gui) fn apply_security(&mut self, command: SecurityCommand) {
        let now = Utc::now();
        let today = today();
        match command {
            SecurityCommand::Open(tab) => self.open_security(tab),
            SecurityCommand::SaveMeasure { measure, new } => self.change_security(
                Form::Measure,
                |s| {
                    let m = s.security().save_security_measure(&measure, new, today)?;
                    Ok(format!("The security measure {} was saved.", m.name))
                },
                |v| v.measures.saved(),
            ),
            SecurityCommand::RemoveMeasure(code) => self.change_security(
                Form::Measure,
                |s| {
                    s.security().remove_security_measure(&code)?;
                    Ok(format!("The security measure {code} was removed."))
                },
                |_| {},
            ),
            SecurityCommand::SaveTraining { training, new } => self.change_security(
                Form::Training,
                |s| {
                    if new {
                        s.security().record_training(&training, today)?;
                    } else {
                        s.security().update_training(&training, today)?;
                    }
                    Ok(format!(
                        "The training of {} on {} was saved.",
                        training.trainee, training.topic
                    ))
                },
                |v| v.training.saved(),
            ),
            SecurityCommand::RemoveTraining(id) => self.change_security(
                Form::Training,
                |s| {
                    s.security().remove_training(id)?;
                    Ok("The training was removed.".to_owned())
                },
                |_| {},
            ),
            SecurityCommand::RecordIncident(entry) => {
                let mut saved = None;
                self.change_security(
                    Form::Incident,
                    |s| {
                        let i = s.security().record_incident(&entry, now)?;
                        saved = Some(i.id);
                        let status = i.entry.status(now);
                        Ok(format!(
                            "{} was entered in the incident log. {}",
                            i.reference(),
                            if status.needs_decision() {
                                format!(
                                    "Notify the supervisory authority by {} ({}), unless the breach is unlikely to result in a risk.",
                                    i.entry.deadline().format("%Y-%m-%d %H:%M UTC"),
                                    time_left_words(i.entry.deadline(), now)
                                )
                            } else {
                                format!("{}.", status.label())
                            }
                        ))
                    },
                    |_| {},
                );
                self.after_incident_saved(saved);
            }
            SecurityCommand::UpdateIncident { id, entry } => {
                let mut saved = None;
                self.change_security(
                    Form::Incident,
                    |s| {
                        let i = s.security().update_incident(id, &entry, now)?;
                        saved = Some(i.id);
                        Ok(format!(
                            "{} was corrected: {}.",
                            i.reference(),
                            i.entry.status(now).label().to_lowercase()
                        ))
                    },
                    |_| {},
                );
                self.after_incident_saved(saved);
            }
            SecurityCommand::CloseIncident(id) => {
                self.change_security(
                    Form::Incident,
                    |s| {
                        s.security().close_incident(id, today, now)?;
                        Ok("The incident was closed.".to_owned())
                    },
                    |_| {},
                );
                self.after_incident_saved(Some(id));
            }
            SecurityCommand::SaveBreachLetter { id, path } => self.change_security(
                Form::Incident,
                |s| {
                    let letter = s.security().breach_letter(id, today)?;
                    s.exports().export_breach_letter(id, &letter, &path)?;
                    Ok(format!(
                        "The Art. 34 letter was written to {}. Read it before sending: it quotes the incident's facts, effects and remedial action.",
                        path.display()
                    ))
                },
                |_| {},
            ),
            SecurityCommand::ReopenIncident(id) => {
                self.change_security(
                    Form::Incident,
                    |s| {
                        s.security().reopen_incident(id)?;
                        Ok("The incident was reopened.".to_owned())
                    },
                    |_| {},
                );
                self.after_incident_saved(Some(id));
            }
            SecurityCommand::OpenIncident(id) => {
                self.open_security(SecurityTab::Incidents);
                if let Screen::Main(main) = &mut self.screen {
                    main.security.incidents.open(id);
                }
            }
        }
    }

    /// Goes to the Security area, on `tab`.
    fn open_security(&mut self, tab: SecurityTab) {
        self.apply(crate::gui::Command::Navigate(Area::Security));
        if let Screen::Main(main) = &mut self.screen {
            main.security.tab = tab;
        }
    }

    /// Applies a change; on success shows `done`, runs `after` on the view and counts the
    /// Dashboard's figures again; on failure shows the problem beside `form`.
    fn change_security(
        &mut self,
        form: Form,
        change: impl FnOnce(&mut Session) -> ServiceResult<String>,
        after: impl FnOnce(&mut crate::gui::areas::SecurityView),
    ) {
        let Some(session) = self.session.as_mut() else {
            return;
        };
        let result = change(session);
        let Screen::Main(main) = &mut self.screen else {
            return;
        };
        match result {
            Ok(done) => {
                self.notice = Some(Notice::success(done));
                after(&mut main.security);
            }
            Err(e) => {
                let text = e.to_string();
                let v = &mut main.security;
                match form {
                    Form::Measure => v.measures.form_problem(text.clone()),
                    Form::Training => v.training.form_problem(text.clone()),
                    Form::Incident => v.incidents.form_problem(text.clone()),
                }
                self.notice = Some(Notice::error(text));
            }
        }
    }

    /// Shows the entry just saved in the form and reads the log again.
    fn after_incident_saved(&mut self, id: Option<uuid::Uuid>) {
        if let (Some(id), Screen::Main(main)) = (id, &mut self.screen) {
            main.security.incidents.saved(id);
        }
    }
}
