//! The retention policy at the service level: the rules (adopt the defaults, load a file,
//! save, remove — refused while an activity of the record of processing names the rule), the
//! policy document, legal holds, the end of a customer relationship, and the sweep schedule.

pub(in crate::services) mod sweep;

/// The retention area of a session (see [`crate::services::front`]).
pub type Retention<'s> = crate::services::front::Front<'s, crate::services::front::area::Retention>;

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::customer::CustomerRelationship;
use crate::domain::records::links::{referrers_sentence, retention_rule_referrers};
use crate::domain::retention::{RetentionRule, default_rules, parse_rules, policy};
use crate::store::holds::{self, HoldTarget, LegalHold};
use crate::store::{purposes, retention_facts, retention_rules, settings, sweeps};

use super::{ServiceError, ServiceResult};

/// Setting: days between sweeps (absent or 0: no schedule).
const SWEEP_INTERVAL: &str = "sweep_interval_days";

/// When sweeps are due.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SweepSchedule {
    /// Days between sweeps, when a schedule is set.
    pub interval_days: Option<u32>,
    /// When the last sweep finished (RFC 3339).
    pub last_run: Option<String>,
    /// The day the next sweep is due (today when none ran yet).
    pub next_due: Option<NaiveDate>,
    /// Whether a sweep is due on the day asked.
    pub due: bool,
}

/// The schedule on any connection, as of `today`.
pub fn schedule_on(conn: &crate::store::Db, today: NaiveDate) -> ServiceResult<SweepSchedule> {
    let interval = settings::get(conn, SWEEP_INTERVAL)?
        .and_then(|v| v.parse::<u32>().ok())
        .filter(|d| *d > 0);
    let last_run = sweeps::last_finished(conn)?;
    let next_due = interval.map(|days| {
        last_run
            .as_deref()
            .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
            .map(|t| t.with_timezone(&Utc).date_naive() + chrono::Days::new(u64::from(days)))
            .unwrap_or(today)
    });
    Ok(SweepSchedule {
        interval_days: interval,
        last_run,
        due: next_due.is_some_and(|d| d <= today),
        next_due,
    })
}

impl Retention<'_> {
    /// The retention rules, in policy order.
    pub fn retention_rules(&self) -> ServiceResult<Vec<RetentionRule>> {
        Ok(retention_rules::list(self.store.db())?)
    }

    fn check_rule(&self, rule: &RetentionRule) -> ServiceResult<()> {
        rule.check().map_err(|m| match m.split_once(": ") {
            Some((field, message)) => ServiceError::invalid(field, message),
            None => ServiceError::invalid("Rule", m),
        })?;
        if let Some(code) = &rule.purpose
            && !purposes::exists(self.store.db(), code)?
        {
            return Err(ServiceError::invalid(
                "Purpose",
                format!(
                    "there is no purpose {}; `purpose list` shows them",
                    code.as_str()
                ),
            ));
        }
        Ok(())
    }

    /// Replaces or adds the rules given (the defaults, or a file's), in one transaction.
    fn save_rules(&mut self, rules: &[RetentionRule], what: &str) -> ServiceResult<usize> {
        self.require(Permission::EditRetention)?;
        for r in rules {
            self.check_rule(r)?;
        }
        let entry = self.entry(
            AuditAction::RetentionRulesChanged,
            EntityRef::new("retention_policy", ""),
            format!("{what}: {} rules", rules.len()),
        );
        let keys = Arc::clone(self.keys);
        let mut w = self.store.write()?;
        for r in rules {
            retention_rules::save(&w, r)?;
        }
        w.append_audit(&keys.audit, &entry)?;
        w.commit()?;
        Ok(rules.len())
    }

    /// Adopts the default rules of `assets/retention.toml` (rules with the same code are
    /// replaced by the default).
    pub fn adopt_default_retention(&mut self) -> ServiceResult<usize> {
        let rules = default_rules().map_err(|m| ServiceError::invalid("Default rules", m))?;
        self.save_rules(&rules, "default rules adopted")
    }

    /// Loads rules from a TOML file in the format of `assets/retention.toml`; all or nothing.
    pub fn load_retention_file(&mut self, path: &Path) -> ServiceResult<usize> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            ServiceError::invalid(
                "Rules file",
                format!("{} could not be read: {e}", path.display()),
            )
        })?;
        let rules = parse_rules(&text, &path.display().to_string())
            .map_err(|m| ServiceError::invalid("Rules file", m))?;
        self.save_rules(&rules, "rules loaded from a file")
    }

    /// Adds or changes one rule.
    pub fn save_retention_rule(&mut self, rule: &RetentionRule) -> ServiceResult<()> {
        self.save_rules(
            std::slice::from_ref(rule),
            &format!("rule {} saved", rule.code),
        )?;
        Ok(())
    }

    /// Removes one rule; `false` when there is none with `code`. A rule an activity of the
    /// record of processing still names is not removed: the message names the activities.
    pub fn remove_retention_rule(&mut self, code: &str) -> ServiceResult<bool> {
        self.require(Permission::EditRetention)?;
        let Some(rule) = self.retention_rules()?.into_iter().find(|r| r.code == code) else {
            return Ok(false);
        };
        let refs = retention_rule_referrers(code, &self.records().activities()?);
        if !refs.is_empty() {
            let one = refs.len() == 1;
            return Err(ServiceError::invalid(
                "Rule",
                format!(
                    "“{}” cannot be removed while {} refer{} to it; change {} first",
                    rule.name,
                    referrers_sentence(&refs),
                    if one { "s" } else { "" },
                    if one { "it" } else { "them" },
                ),
            ));
        }
        let entry = self.entry(
            AuditAction::RetentionRulesChanged,
            EntityRef::new("retention_rule", code),
            "removed".into(),
        );
        let keys = Arc::clone(self.keys);
        let mut w = self.store.write()?;
        let had = retention_rules::remove(&w, code)?;
        if had {
            w.append_audit(&keys.audit, &entry)?;
            w.commit()?;
        }
        Ok(had)
    }

    /// The policy as Markdown (`md`) or an HTML page (`html`), for a website or a regulator.
    pub fn retention_policy(&self, html: bool) -> ServiceResult<String> {
        let rules = self.retention_rules()?;
        let org = self.settings().profile()?.name;
        let updated = crate::domain::request::long_date(chrono::Local::now().date_naive());
        Ok(if html {
            policy::to_html(&org, &rules, &updated)
        } else {
            policy::to_markdown(&org, &rules, &updated)
        })
    }

    /// The retention policy as a report document, for the Word and PDF files (same words as
    /// [`Self::retention_policy`]), dated `today`.
    pub fn retention_policy_document(
        &self,
        today: NaiveDate,
    ) -> ServiceResult<crate::report::Document> {
        let rules = self.retention_rules()?;
        let org = self.settings().profile()?.name;
        let updated = crate::domain::request::long_date(today);
        Ok(policy::to_document(&org, &rules, &updated))
    }

    /// Places a legal hold on a subject or a request, with its reason and optional end.
    pub fn place_hold(
        &mut self,
        target: HoldTarget,
        reason: &str,
        ends_on: Option<NaiveDate>,
        today: NaiveDate,
    ) -> ServiceResult<Uuid> {
        self.require(Permission::EditRetention)?;
        if reason.trim().is_empty() {
            return Err(ServiceError::invalid(
                "Reason",
                "say why the records must be kept (a claim, an investigation, a legal duty).",
            ));
        }
        if ends_on.is_some_and(|e| e < today) {
            return Err(ServiceError::invalid(
                "Until",
                "the end date is in the past.",
            ));
        }
        let exists = match target {
            HoldTarget::Subject(s) => crate::store::subjects::exists(self.store.db(), s)?,
            HoldTarget::Request(r) => {
                crate::store::requests::get(self.store.db(), &self.keys.field, r)?.is_some()
            }
        };
        if !exists {
            return Err(ServiceError::invalid(
                "Hold",
                "there is no such record to hold; find the person or the request first.",
            ));
        }
        let id = Uuid::new_v4();
        let (kind, target_id) = match target {
            HoldTarget::Subject(s) => ("subject", s),
            HoldTarget::Request(r) => ("request", r),
        };
        let entry = self.entry(
            AuditAction::LegalHoldPlaced,
            EntityRef::new(kind, target_id.to_string()),
            match ends_on {
                Some(d) => format!("hold {id} until {d}"),
                None => format!("hold {id}, no end date"),
            },
        );
        let keys = Arc::clone(self.keys);
        let by = self.user.name.clone();
        let mut w = self.store.write()?;
        holds::insert(
            &mut w,
            &keys.field,
            &holds::NewHold {
                id,
                target,
                reason: reason.trim(),
                placed_on: today,
                ends_on,
                by: &by,
            },
        )?;
        w.append_audit(&keys.audit, &entry)?;
        w.commit()?;
        Ok(id)
    }

    /// Releases a hold.
    pub fn release_hold(&mut self, id: Uuid, today: NaiveDate) -> ServiceResult<bool> {
        self.require(Permission::EditRetention)?;
        let entry = self.entry(
            AuditAction::LegalHoldReleased,
            EntityRef::new("hold", id.to_string()),
            String::new(),
        );
        let keys = Arc::clone(self.keys);
        let by = self.user.name.clone();
        let mut w = self.store.write()?;
        let had = holds::release(&w, id, today, &by)?;
        if had {
            w.append_audit(&keys.audit, &entry)?;
            w.commit()?;
        }
        Ok(had)
    }

    /// Every legal hold, newest first.
    pub fn legal_holds(&self) -> ServiceResult<Vec<LegalHold>> {
        self.require(Permission::ViewPersonalData)?;
        Ok(holds::list(self.store.db(), &self.keys.field)?)
    }

    /// Whether a hold on `target` is in force on `today`.
    pub fn is_held(&self, target: HoldTarget, today: NaiveDate) -> ServiceResult<bool> {
        Ok(holds::is_held(self.store.db(), target, today)?)
    }

    /// Records (or clears, with `None`) the day a customer relationship ended.
    pub fn set_relationship_end(
        &mut self,
        subject: Uuid,
        on: Option<NaiveDate>,
    ) -> ServiceResult<()> {
        self.require(Permission::RecordSubjects)?;
        self.set_subject_day(
            subject,
            on,
            AuditAction::RelationshipEnded,
            retention_facts::set_relationship_end,
        )
    }

    /// Sets (or clears) one of a subject's relationship days with its audit entry (the day or
    /// "cleared"; nothing personal), refusing a subject that does not exist.
    fn set_subject_day(
        &self,
        subject: Uuid,
        day: Option<NaiveDate>,
        action: AuditAction,
        set: fn(&crate::store::Db, Uuid, Option<NaiveDate>) -> crate::store::StoreResult<bool>,
    ) -> ServiceResult<()> {
        let entry = self.entry(
            action,
            EntityRef::new("subject", subject.to_string()),
            day.map_or_else(|| "cleared".into(), |d| d.to_string()),
        );
        let keys = Arc::clone(self.keys);
        let mut w = self.store.write()?;
        if !set(&w, subject, day)? {
            return Err(ServiceError::invalid(
                "Subject",
                format!("there is no subject {subject}"),
            ));
        }
        w.append_audit(&keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }

    /// Records (or clears, with `None`) the day a person became a customer, on `today` (not
    /// in the future, not after a recorded end). A current customer is never removed by a
    /// marketing retention rule (GDPR Art. 6(1)(b); `domain::retention::keep`).
    pub fn set_customer_since(
        &mut self,
        subject: Uuid,
        since: Option<NaiveDate>,
        today: NaiveDate,
    ) -> ServiceResult<()> {
        self.require(Permission::RecordSubjects)?;
        let until = retention_facts::relationship_end(self.store.db(), subject)?;
        CustomerRelationship { since, until }
            .check(today)
            .map_err(|(field, m)| ServiceError::invalid(field, m))?;
        self.set_subject_day(
            subject,
            since,
            AuditAction::CustomerSince,
            retention_facts::set_customer_since,
        )
    }

    /// A subject's customer relationship (since, until), as recorded. The subject page shows
    /// it with [`CustomerRelationship::describe`].
    pub fn customer_relationship(&self, subject: Uuid) -> ServiceResult<CustomerRelationship> {
        self.require(Permission::ViewPersonalData)?;
        Ok(CustomerRelationship {
            since: retention_facts::customer_since(self.store.db(), subject)?,
            until: retention_facts::relationship_end(self.store.db(), subject)?,
        })
    }

    /// When a subject's customer relationship ended, if recorded.
    pub fn relationship_end(&self, subject: Uuid) -> ServiceResult<Option<NaiveDate>> {
        self.require(Permission::ViewPersonalData)?;
        Ok(retention_facts::relationship_end(self.store.db(), subject)?)
    }

    /// Sets the days between sweeps (0 turns the schedule off).
    pub fn set_sweep_interval(&mut self, days: u32) -> ServiceResult<()> {
        self.require(Permission::EditRetention)?;
        if days > 366 {
            return Err(ServiceError::invalid(
                "Interval",
                "sweep at least once a year (366 days at most).",
            ));
        }
        let entry = self.entry(
            AuditAction::SettingsUpdated,
            EntityRef::new("settings", SWEEP_INTERVAL),
            format!("sweep interval {days} days"),
        );
        let keys = Arc::clone(self.keys);
        let mut w = self.store.write()?;
        settings::set(&w, SWEEP_INTERVAL, &days.to_string())?;
        w.append_audit(&keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }

    /// When sweeps are due, as of `today`.
    pub fn sweep_schedule(&self, today: NaiveDate) -> ServiceResult<SweepSchedule> {
        schedule_on(self.store.db(), today)
    }
}
