//! Applying the Retention commands: the policy's rules, the sweep interval, legal holds and
//! the end of a customer relationship. Sweeps (the dry run, applying, the history and the
//! drill-down) are in `apply_sweep.rs`.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::request::long_date;
use crate::domain::retention::hold::HoldTarget;
use crate::services::{ServiceError, ServiceResult, Session};

use crate::gui::app::{PrivacyDeskApp, Screen};
use crate::gui::areas::retention::command::{HoldOn, RetentionCommand};
use crate::gui::areas::{Area, RetentionTab, hold_target_words, today};
use crate::gui::widgets::Notice;

/// The people or request a new hold names; the error names the field.
fn hold_targets(session: &Session, on: &HoldOn) -> ServiceResult<Vec<HoldTarget>> {
    match on {
        HoldOn::Subject(id) => Ok(vec![HoldTarget::Subject(*id)]),
        HoldOn::Reference(r) => Ok(vec![HoldTarget::Request(
            session.requests().find_request(r)?,
        )]),
        HoldOn::Email(e) => {
            let found = session.subjects().find_subjects_by_email(e)?;
            if found.is_empty() {
                return Err(ServiceError::invalid(
                    "Email address",
                    "no one in the store has this address; check it, or place the hold from the person's page.",
                ));
            }
            Ok(found
                .into_iter()
                .map(|s| HoldTarget::Subject(s.id))
                .collect())
        }
    }
}

impl PrivacyDeskApp {
    /// Applies one command of the Retention area.
    pub(in crate::gui) fn apply_retention(&mut self, command: RetentionCommand) {
        let today = today();
        match command {
            RetentionCommand::Tab(tab) => self.open_retention(tab),
            RetentionCommand::AdoptDefaults => self.change_policy(|s| {
                let n = s.retention().adopt_default_retention()?;
                Ok(format!(
                    "The default retention policy was adopted: {n} rules. Edit any of them to fit your business."
                ))
            }),
            RetentionCommand::LoadFile(path) => self.change_policy(|s| {
                let n = s.retention().load_retention_file(&path)?;
                Ok(format!("{n} rules were loaded from {}.", path.display()))
            }),
            RetentionCommand::SaveRule(rule) => {
                let Some(session) = self.session.as_mut() else {
                    return;
                };
                match session.retention().save_retention_rule(&rule) {
                    Ok(()) => {
                        self.notice =
                            Some(Notice::success(format!("The rule {} was saved.", rule.name)));
                        self.after_policy_change(true);
                    }
                    Err(e) => {
                        if let Screen::Main(main) = &mut self.screen {
                            main.retention.policy.rule_problem(e.to_string());
                        }
                    }
                }
            }
            RetentionCommand::RemoveRule(code) => self.change_policy(|s| {
                Ok(if s.retention().remove_retention_rule(&code)? {
                    format!("The rule {code} was removed.")
                } else {
                    format!("There was no rule {code}.")
                })
            }),
            RetentionCommand::ExportPolicy(path) => self.run_change(
                |s| s.exports().export_retention_policy(&path),
                &format!("The retention policy was written to {}.", path.display()),
            ),
            RetentionCommand::SetInterval(days) => self.set_interval(days),
            RetentionCommand::PlaceHold { on, reason, until } => {
                self.place_hold(&on, &reason, until, today);
            }
            RetentionCommand::ReleaseHold(id) => self.release_hold(id, today),
            RetentionCommand::HoldSubject { id, label } => {
                self.open_retention(RetentionTab::Holds);
                if let Screen::Main(main) = &mut self.screen {
                    main.retention.holds.hold_subject(id, label);
                }
            }
            RetentionCommand::SetRelationshipEnd { subject, on } => {
                self.set_relationship_end(subject, on);
            }
            RetentionCommand::SetCustomerSince { subject, on } => {
                self.set_customer_since(subject, on, today);
            }
            other => self.apply_sweep_command(other, today),
        }
    }

    /// Goes to the Retention area, on `tab`.
    fn open_retention(&mut self, tab: RetentionTab) {
        self.apply(crate::gui::Command::Navigate(Area::Retention));
        if let Screen::Main(main) = &mut self.screen {
            main.retention.tab = tab;
        }
    }

    /// Applies a change to the rules; says what was done or shows the problem.
    fn change_policy(&mut self, change: impl FnOnce(&mut Session) -> ServiceResult<String>) {
        let Some(session) = self.session.as_mut() else {
            return;
        };
        match change(session) {
            Ok(done) => {
                self.notice = Some(Notice::success(done));
                self.after_policy_change(false);
            }
            Err(e) => self.notice = Some(Notice::error(e.to_string())),
        }
    }

    /// Closes the rule editor (after a rule was saved) and counts the Dashboard figures again
    /// after a change (the policy and the schedule are read again as the store changed).
    fn after_policy_change(&mut self, rule_saved: bool) {
        if rule_saved && let Screen::Main(main) = &mut self.screen {
            main.retention.policy.rule_saved();
        }
    }

    fn set_interval(&mut self, days: u32) {
        let Some(session) = self.session.as_mut() else {
            return;
        };
        match session.retention().set_sweep_interval(days) {
            Ok(()) => {
                self.notice = Some(Notice::success(if days == 0 {
                    "The sweep schedule was turned off.".to_owned()
                } else {
                    format!("A sweep is now due every {days} days.")
                }));
                self.after_policy_change(false);
            }
            Err(e) => {
                if let Screen::Main(main) = &mut self.screen {
                    main.retention.policy.interval_problem(e.to_string());
                }
            }
        }
    }

    fn place_hold(
        &mut self,
        on: &HoldOn,
        reason: &str,
        until: Option<NaiveDate>,
        today: NaiveDate,
    ) {
        let Some(session) = self.session.as_mut() else {
            return;
        };
        let placed = hold_targets(session, on).and_then(|targets| {
            for &t in &targets {
                session.retention().place_hold(t, reason, until, today)?;
            }
            Ok(targets)
        });
        match placed {
            Ok(targets) => {
                let what = match targets.as_slice() {
                    [one] => hold_target_words(session, *one, today),
                    many => format!("{} people with this address", many.len()),
                };
                let end = until.map_or_else(
                    || "until it is released".to_owned(),
                    |d| format!("until {}", long_date(d)),
                );
                self.notice = Some(Notice::success(format!(
                    "A legal hold was placed on {what}, {end}: no sweep or erasure will touch them."
                )));
                if let Screen::Main(main) = &mut self.screen {
                    main.retention.holds.placed();
                }
            }
            Err(e) => {
                if let Screen::Main(main) = &mut self.screen {
                    main.retention.holds.form_problem(e.to_string());
                }
            }
        }
    }

    fn release_hold(&mut self, id: Uuid, today: NaiveDate) {
        let Some(session) = self.session.as_mut() else {
            return;
        };
        self.notice = Some(match session.retention().release_hold(id, today) {
            Ok(true) => Notice::success(
                "The legal hold was released: sweeps apply the policy to these records again.",
            ),
            Ok(false) => Notice::info("That hold had already been released."),
            Err(e) => Notice::error(e.to_string()),
        });
    }

    fn set_relationship_end(&mut self, subject: Uuid, on: Option<NaiveDate>) {
        let Some(session) = self.session.as_mut() else {
            return;
        };
        self.notice = Some(
            match session.retention().set_relationship_end(subject, on) {
                Ok(()) => Notice::success(match on {
                    Some(d) => format!(
                        "Recorded: the customer relationship ended on {}. Rules counted from the end of the relationship start from this day.",
                        long_date(d)
                    ),
                    None => "The recorded end of the customer relationship was cleared.".to_owned(),
                }),
                Err(e) => Notice::error(e.to_string()),
            },
        );
    }

    fn set_customer_since(&mut self, subject: Uuid, on: Option<NaiveDate>, today: NaiveDate) {
        let Some(session) = self.session.as_mut() else {
            return;
        };
        self.notice = Some(
            match session.retention().set_customer_since(subject, on, today) {
                Ok(()) => Notice::success(match on {
                    Some(d) => format!(
                        "Recorded: a customer since {}. Marketing rules do not remove a current customer.",
                        long_date(d)
                    ),
                    None => {
                        "The recorded start of the customer relationship was cleared.".to_owned()
                    }
                }),
                Err(e) => Notice::error(e.to_string()),
            },
        );
    }
}
