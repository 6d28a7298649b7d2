//! The incident log (GDPR Art. 33(5)) at the service level: record a breach, correct it, record
//! the notification to the supervisory authority (with the reasons for a delay after 72 hours,
//! Art. 33(1)), close and reopen it. Entries are never deleted.
//!
//! Reading the log needs [`Permission::ViewReports`] as well as
//! [`Permission::ViewPersonalData`] (owners, officers and auditors: the facts can name people);
//! changing it needs [`Permission::EditVendorsAndRecords`]. Audit entries give the reference,
//! the notification status and the risk level, never the facts.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::letters::{Language, Letter, LetterFacts, LetterKind, LetterTemplate, wording};
use crate::domain::records::incident::{
    Art34Exception, CommunicationMethod, PeopleCommunication, parse_reference, reference,
};
use crate::domain::records::{Incident, IncidentEntry};
use crate::store::incidents;

use crate::services::records::taxonomy_rows::read_taxonomy;
use crate::services::security::field_problem;
use crate::services::{ServiceError, ServiceResult};

/// The audit details of an entry: its status and risk, nothing it says.
fn state_words(entry: &IncidentEntry, now: DateTime<Utc>) -> String {
    format!(
        "notification {}; risk {}; people told {}{}",
        entry.status(now).code(),
        entry.details.risk.code(),
        if entry.details.people_told.is_some() || entry.subjects_notified {
            "yes"
        } else {
            "no"
        },
        entry
            .details
            .art34_exception
            .as_ref()
            .map(|e| format!("; Art. 34(3)({}) exception", e.ground.code()))
            .unwrap_or_default()
    )
}

impl super::Security<'_> {
    /// Checks the entry at `now`, and that its categories are in the taxonomy.
    fn check_incident(&self, entry: &IncidentEntry, now: DateTime<Utc>) -> ServiceResult<()> {
        entry.check(now).map_err(field_problem)?;
        if entry.details.data_categories.is_empty() {
            return Ok(());
        }
        let taxonomy = read_taxonomy(self.store.db())?;
        for code in &entry.details.data_categories {
            if !taxonomy.categories().iter().any(|c| &c.code == code) {
                return Err(ServiceError::invalid(
                    "Categories",
                    format!(
                        "there is no data category {code} in the taxonomy; use the codes the taxonomy lists (e.g. contact.email)"
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Refuses a role that may not read the incident log.
    fn require_incident_view(&self) -> ServiceResult<()> {
        self.require(Permission::ViewPersonalData)?;
        self.require(Permission::ViewReports)
    }

    /// The incident log, newest first.
    pub fn incidents(&self) -> ServiceResult<Vec<Incident>> {
        self.require_incident_view()?;
        Ok(incidents::list(self.store.db(), &self.keys.field)?)
    }

    /// The entry with `id`, if any.
    pub fn incident(&self, id: Uuid) -> ServiceResult<Option<Incident>> {
        self.require_incident_view()?;
        Ok(incidents::get(self.store.db(), &self.keys.field, id)?)
    }

    /// The id of the entry named by its reference (`INC-0003`, `3`) or its id.
    pub fn find_incident(&self, text: &str) -> ServiceResult<Uuid> {
        let found = match (parse_reference(text), Uuid::parse_str(text.trim())) {
            (_, Ok(id)) => incidents::get(self.store.db(), &self.keys.field, id)?.map(|i| i.id),
            (Some(n), _) => incidents::find_by_number(self.store.db(), n)?,
            (None, Err(_)) => None,
        };
        found.ok_or_else(|| {
            ServiceError::invalid(
                "Incident",
                format!(
                    "there is no incident {}; give its reference (INC-0001) as `incident list` shows it",
                    text.trim()
                ),
            )
        })
    }

    /// Enters a breach in the log, checked as of `now`; returns the entry as stored.
    pub fn record_incident(
        &mut self,
        entry: &IncidentEntry,
        now: DateTime<Utc>,
    ) -> ServiceResult<Incident> {
        self.require(Permission::EditVendorsAndRecords)?;
        self.check_incident(entry, now)?;
        let id = Uuid::new_v4();
        let keys = std::sync::Arc::clone(self.keys);
        let by = self.user.name.clone();
        let mut audit = self.entry(
            AuditAction::IncidentRecorded,
            EntityRef::new("incident", id.to_string()),
            String::new(),
        );
        let mut w = self.store.write()?;
        let number = incidents::insert(&mut w, &keys.field, id, entry, &by)?;
        audit.details = format!("{}; {}", reference(number), state_words(entry, now));
        w.append_audit(&keys.audit, &audit)?;
        w.commit()?;
        self.incident(id)?.ok_or_else(|| {
            ServiceError::invalid("Incident", "the new entry could not be read back")
        })
    }

    /// Corrects an entry (every field but the closing day), checked as of `now`. `step` names
    /// what was done in the audit entry ("corrected", "authority notified").
    fn change_incident(
        &mut self,
        id: Uuid,
        entry: &IncidentEntry,
        step: &str,
        now: DateTime<Utc>,
    ) -> ServiceResult<Incident> {
        self.require(Permission::EditVendorsAndRecords)?;
        let Some(before) = self.incident(id)? else {
            return Err(no_incident());
        };
        self.check_incident(entry, now)?;
        let audit = self.entry(
            AuditAction::IncidentUpdated,
            EntityRef::new("incident", id.to_string()),
            format!("{} {step}; {}", before.reference(), state_words(entry, now)),
        );
        let keys = std::sync::Arc::clone(self.keys);
        let mut w = self.store.write()?;
        incidents::update(&mut w, &keys.field, id, entry)?;
        w.append_audit(&keys.audit, &audit)?;
        w.commit()?;
        self.incident(id)?.ok_or_else(no_incident)
    }

    /// Corrects an entry, checked as of `now`.
    pub fn update_incident(
        &mut self,
        id: Uuid,
        entry: &IncidentEntry,
        now: DateTime<Utc>,
    ) -> ServiceResult<Incident> {
        self.change_incident(id, entry, "corrected", now)
    }

    /// Records that the supervisory authority was notified at `at`. After the 72 hours a
    /// reason for the delay is required (Art. 33(1)); a reason given replaces the one stored.
    pub fn notify_authority(
        &mut self,
        id: Uuid,
        at: DateTime<Utc>,
        reason_for_delay: Option<&str>,
        now: DateTime<Utc>,
    ) -> ServiceResult<Incident> {
        let Some(current) = self.incident(id)? else {
            return Err(no_incident());
        };
        let mut entry = current.entry;
        entry.authority_notified_at = Some(at);
        if let Some(reason) = reason_for_delay {
            entry.details.reason_for_delay = reason.trim().to_owned();
        }
        self.change_incident(id, &entry, "authority notified", now)
    }

    /// Records that the people concerned were told on `on` by `method` (Art. 34(1)).
    pub fn notify_people(
        &mut self,
        id: Uuid,
        on: NaiveDate,
        method: CommunicationMethod,
        now: DateTime<Utc>,
    ) -> ServiceResult<Incident> {
        let Some(current) = self.incident(id)? else {
            return Err(no_incident());
        };
        let mut entry = current.entry;
        entry.details.people_told = Some(PeopleCommunication { on, method });
        entry.subjects_notified = true;
        self.change_incident(
            id,
            &entry,
            &format!("people told by {}", method.code()),
            now,
        )
    }

    /// Records the Art. 34(3) exception relied on for not telling the people (its ground, the
    /// reasons, for (c) the day of the public communication).
    pub fn record_art34_exception(
        &mut self,
        id: Uuid,
        exception: &Art34Exception,
        now: DateTime<Utc>,
    ) -> ServiceResult<Incident> {
        let Some(current) = self.incident(id)? else {
            return Err(no_incident());
        };
        let mut entry = current.entry;
        let mut exception = exception.clone();
        exception.reason = exception.reason.trim().to_owned();
        let step = format!("Art. 34(3)({}) exception recorded", exception.ground.code());
        entry.details.art34_exception = Some(exception);
        self.change_incident(id, &entry, &step, now)
    }

    /// The Art. 34 letter to the people concerned by incident `id`, dated `today`: the nature
    /// of the breach (its facts), the contact point (the data protection officer, else the
    /// controller's contact from the profile), the likely consequences (its effects) and the
    /// measures (its remedial action), Art. 34(2) with Art. 33(3)(b)–(d). The error names what
    /// is missing.
    pub fn breach_letter(&self, id: Uuid, today: NaiveDate) -> ServiceResult<Letter> {
        self.breach_letter_in(id, Language::English, today)
    }

    /// The Art. 34 letter of [`Self::breach_letter`] in `lang` (English, German, French or
    /// Spanish); the facts, effects and measures stay as the officer wrote them.
    pub fn breach_letter_in(
        &self,
        id: Uuid,
        lang: Language,
        today: NaiveDate,
    ) -> ServiceResult<Letter> {
        let Some(incident) = self.incident(id)? else {
            return Err(no_incident());
        };
        let profile = self.settings().profile()?;
        let contact = &profile.controller;
        let organisation_contact = [&contact.email, &contact.postal_address, &contact.phone]
            .into_iter()
            .map(|s| s.trim())
            .find(|s| !s.is_empty())
            .unwrap_or_default()
            .to_owned();
        let dpo = [profile.dpo.name.trim(), profile.dpo.email.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        let contact_point = if !dpo.is_empty() {
            wording::dpo_contact_point(lang, &dpo)
        } else if !organisation_contact.is_empty() {
            format!("{}, {organisation_contact}", profile.name.trim())
        } else {
            String::new()
        };
        let d = &incident.entry.details;
        let facts = LetterFacts {
            organisation_name: profile.name.trim().to_owned(),
            organisation_contact,
            dpo_contact: dpo,
            today: lang.long_date(today),
            signer: format!(
                "{}, {}",
                self.user.name,
                wording::role(lang, self.user.role)
            ),
            incident_reference: incident.reference(),
            breach_nature: d.facts.trim().to_owned(),
            breach_consequences: d.effects.trim().to_owned(),
            breach_measures: d.remedial_action.trim().to_owned(),
            contact_point,
            language: lang,
            ..LetterFacts::default()
        };
        let kind = LetterKind::BreachCommunication;
        let template = LetterTemplate::builtin_in(kind, lang)
            .ok_or_else(|| {
                ServiceError::invalid(
                    "Language",
                    format!(
                        "the {} letter is not written in {}.",
                        kind.label(),
                        lang.label()
                    ),
                )
            })?
            .map_err(|e| ServiceError::invalid("Letter", e.to_string()))?;
        template
            .render(&facts)
            .map_err(|e| ServiceError::invalid(kind.label(), e.to_string()))
    }

    /// Closes an entry on `on`: the notification must be decided, the Art. 33(5) record
    /// complete, and for a high risk the people told or an Art. 34(3) exception recorded.
    pub fn close_incident(
        &mut self,
        id: Uuid,
        on: NaiveDate,
        now: DateTime<Utc>,
    ) -> ServiceResult<()> {
        self.require(Permission::EditVendorsAndRecords)?;
        let Some(incident) = self.incident(id)? else {
            return Err(no_incident());
        };
        incident.check_close(now).map_err(field_problem)?;
        if on < incident.entry.aware_at.date_naive() {
            return Err(ServiceError::invalid(
                "Closed on",
                "the day is before you became aware of the breach",
            ));
        }
        self.set_incident_closed(&incident, Some(on), "closed")
    }

    /// Reopens a closed entry (a closing made too early, new facts).
    pub fn reopen_incident(&mut self, id: Uuid) -> ServiceResult<()> {
        self.require(Permission::EditVendorsAndRecords)?;
        let Some(incident) = self.incident(id)? else {
            return Err(no_incident());
        };
        self.set_incident_closed(&incident, None, "reopened")
    }

    fn set_incident_closed(
        &mut self,
        incident: &Incident,
        on: Option<NaiveDate>,
        step: &str,
    ) -> ServiceResult<()> {
        let audit = self.entry(
            AuditAction::IncidentUpdated,
            EntityRef::new("incident", incident.id.to_string()),
            format!("{} {step}", incident.reference()),
        );
        let mut w = self.store.write()?;
        incidents::set_closed(&w, incident.id, on)?;
        w.append_audit(&self.keys.audit, &audit)?;
        w.commit()?;
        Ok(())
    }
}

fn no_incident() -> ServiceError {
    ServiceError::invalid(
        "Incident",
        "there is no such entry in the incident log; reload the list",
    )
}
