//! Children at the service level (issue 16): the age thresholds that apply to the business,
//! recording a person's age and a parent's authorisation of a consent (each audited without
//! the age or the name), and the facts the campaign check, the suppression list and the review
//! queue need to leave out a child's consent nobody authorised (`domain::children`).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::crypto::SecretKey;
use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::children::{
    AgeRecord, AgeThreshold, AgeValue, ChildFacts, ConsentLine, MemberState, ParentalAuthorisation,
    VerificationMethod, check_authorised_by, check_birth_year, child_consent_problem, threshold,
};
use crate::domain::consent::{ConsentEvent, ConsentState};
use crate::domain::holidays::Jurisdiction;
use crate::domain::organisation::Regime;
use crate::domain::purpose::Purpose;
use crate::store::{Db, children, consent, settings, subjects};

use crate::services::{ServiceError, ServiceResult};

/// The member state whose law sets the EU GDPR age (GDPR Art. 8(1), "the Member State's"
/// law; Art. 4(16) main establishment): the member state of establishment the officer chose
/// (`Settings::set_member_state`); without one, the member state of the EU GDPR holiday
/// calendar chosen (Ireland's calendar: Ireland), as before that setting existed; else none,
/// and the Regulation's default of 16 applies.
pub(in crate::services) fn gdpr_member_state(
    established: Option<MemberState>,
    calendar: Option<Jurisdiction>,
) -> Option<MemberState> {
    established.or_else(|| calendar.and_then(MemberState::of_calendar))
}

/// The age thresholds of the business's regimes (every regime when none is chosen). The EU
/// GDPR's comes from the member state of establishment ([`gdpr_member_state`]); with none
/// (and no EU calendar to stand in), the Art. 8(1) default of 16.
pub fn thresholds_on(conn: &Db) -> ServiceResult<Vec<AgeThreshold>> {
    let mut regimes: Vec<Regime> = settings::get(conn, settings::REGIMES)?
        .map(|t| {
            crate::services::settings::profile::parse_regimes(&t)
                .into_iter()
                .collect()
        })
        .unwrap_or_default();
    if regimes.is_empty() {
        regimes = Regime::ALL.to_vec();
    }
    // The setting the calendar choice writes (`services::requests::holidays`): read as chosen,
    // with no default, so that an unchosen calendar gives the Regulation's 16.
    let calendar = settings::get(conn, &format!("holiday_calendar.{}", Regime::Gdpr.code()))?
        .and_then(|code| Jurisdiction::from_code(&code));
    let established = crate::services::settings::member_state::stored(conn)?;
    let state = gdpr_member_state(established, calendar);
    Ok(regimes.into_iter().map(|r| threshold(r, state)).collect())
}

/// What a person's page shows about them as a child: their age, the thresholds, and their
/// consenting events with the authorisations recorded on them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChildView {
    /// Their recorded age.
    pub age: Option<AgeRecord>,
    /// The thresholds of the business's regimes.
    pub thresholds: Vec<AgeThreshold>,
    /// Their consenting events (given, refreshed, opt-ins), in ledger order.
    pub lines: Vec<ConsentLine>,
    /// For each line, whether the person may have been below a threshold when it was made (so
    /// a parent's authorisation matters).
    pub child_at: Vec<bool>,
}

/// The children's facts of a whole register, read once for a scan (the review queue, the
/// suppression list, the campaign check): the ages (few), the thresholds, and each child's
/// full ledger when asked.
pub(in crate::services) struct ChildIndex {
    ages: HashMap<Uuid, AgeRecord>,
    thresholds: Vec<AgeThreshold>,
}

/// One child's facts, read for a scan.
pub(in crate::services) struct ChildLedger {
    age: AgeRecord,
    events: Vec<ConsentEvent>,
    lines: Vec<ConsentLine>,
}

impl ChildLedger {
    /// The child's full ledger.
    pub(in crate::services) fn events(&self) -> &[ConsentEvent] {
        &self.events
    }
}

impl ChildIndex {
    /// Reads the ages and the thresholds from `conn`.
    pub(in crate::services) fn load(conn: &Db, key: &SecretKey) -> ServiceResult<Self> {
        Ok(Self {
            ages: children::all_ages(conn, key)?,
            thresholds: thresholds_on(conn)?,
        })
    }

    /// Whether no one has an age on record (then nothing is left out).
    pub(in crate::services) fn is_empty(&self) -> bool {
        self.ages.is_empty()
    }

    /// The child's full ledger (evidence opened) and lines, when `subject` has an age.
    pub(in crate::services) fn ledger(
        &self,
        conn: &Db,
        key: &SecretKey,
        subject: Uuid,
    ) -> ServiceResult<Option<ChildLedger>> {
        let Some(age) = self.ages.get(&subject) else {
            return Ok(None);
        };
        Ok(Some(ChildLedger {
            age: age.clone(),
            events: consent::for_subject(conn, key, subject)?,
            lines: children::consent_lines(conn, key, subject, false)?,
        }))
    }

    /// Whether `purpose`'s consent fails for want of a parent's authorisation at `now`.
    pub(in crate::services) fn fails(
        &self,
        child: &ChildLedger,
        purpose: &Purpose,
        state: &ConsentState,
        now: DateTime<Utc>,
    ) -> bool {
        let facts = ChildFacts {
            age: Some(&child.age),
            thresholds: &self.thresholds,
            lines: &child.lines,
        };
        child_consent_problem(&facts, purpose, state, &child.events, now)
    }

    /// [`Self::ledger`] then [`Self::fails`] with the state derived from the full ledger.
    pub(in crate::services) fn subject_fails(
        &self,
        conn: &Db,
        key: &SecretKey,
        subject: Uuid,
        purpose: &Purpose,
        now: DateTime<Utc>,
    ) -> ServiceResult<bool> {
        Ok(match self.ledger(conn, key, subject)? {
            None => false,
            Some(child) => {
                let state = crate::domain::consent::current_state(purpose, &child.events);
                self.fails(&child, purpose, &state, now)
            }
        })
    }
}

impl super::Consent<'_> {
    /// The age thresholds that apply to the business (GDPR Art. 8(1) with its member state,
    /// UK GDPR Art. 8(1), Cal. Civ. Code § 1798.120(c)).
    pub fn age_thresholds(&self) -> ServiceResult<Vec<AgeThreshold>> {
        thresholds_on(self.store.db())
    }

    /// A person's age, thresholds and consenting events with their authorisations; the
    /// parents' names only when `names` is true.
    pub fn child_view(&self, subject: Uuid, names: bool) -> ServiceResult<ChildView> {
        self.require(Permission::ViewPersonalData)?;
        self.existing(subject)?;
        let conn = self.store.db();
        let age = children::age_of(conn, &self.keys.field, subject)?;
        let thresholds = thresholds_on(conn)?;
        let lines = children::consent_lines(conn, &self.keys.field, subject, names)?;
        let highest = thresholds.iter().map(|t| t.age).max().unwrap_or(16);
        let child_at = lines
            .iter()
            .map(|l| {
                age.as_ref()
                    .is_some_and(|a| a.may_be_under(highest, l.at.date_naive()))
            })
            .collect();
        Ok(ChildView {
            age,
            thresholds,
            lines,
            child_at,
        })
    }

    fn existing(&self, subject: Uuid) -> ServiceResult<()> {
        if !subjects::exists(self.store.db(), subject)? {
            return Err(ServiceError::invalid(
                "Subject",
                format!("there is no subject {subject}"),
            ));
        }
        Ok(())
    }

    /// Records (or replaces) a person's age: a birth year or a band, as stated by them
    /// (`verified_by` `None`) or verified, on `today`. The audit entry says that an age was
    /// recorded and how it was checked, never the age.
    pub fn set_age(
        &mut self,
        subject: Uuid,
        value: AgeValue,
        verified_by: Option<VerificationMethod>,
        today: NaiveDate,
    ) -> ServiceResult<()> {
        self.require(Permission::RecordSubjects)?;
        self.existing(subject)?;
        if let AgeValue::BirthYear(y) = value {
            check_birth_year(y, today).map_err(|m| ServiceError::invalid("Birth year", m))?;
        }
        let record = AgeRecord {
            value,
            verified_by,
            recorded_on: today,
            recorded_by: self.user.name.clone(),
        };
        let entry = self.entry(
            AuditAction::SubjectAgeRecorded,
            EntityRef::new("subject", subject.to_string()),
            format!("age {}", record.basis()),
        );
        let keys = std::sync::Arc::clone(self.keys);
        let mut w = self.store.write()?;
        children::save_age(&mut w, &keys.field, subject, &record)?;
        w.append_audit(&keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }

    /// Records (or replaces) a parent's or guardian's authorisation of consent event `event` of
    /// `subject` (a `given`, `refreshed` or opt-in event). Audited with the method, never the
    /// name.
    pub fn record_parental_authorisation(
        &mut self,
        subject: Uuid,
        event: Uuid,
        auth: &ParentalAuthorisation,
    ) -> ServiceResult<()> {
        self.require(Permission::RecordConsent)?;
        self.existing(subject)?;
        let auth = self.checked_authorisation(auth)?;
        if children::consenting_event(self.store.db(), subject, event)?.is_none() {
            return Err(ServiceError::invalid(
                "Consent event",
                format!(
                    "{event} is not a given, refreshed or opt-in event of this person; `subject show --json` lists their parental authorisations and consents"
                ),
            ));
        }
        let entry = self.authorisation_entry(subject, event, &auth);
        let keys = std::sync::Arc::clone(self.keys);
        let by = self.user.name.clone();
        let mut w = self.store.write()?;
        children::save_authorisation(&mut w, &keys.field, subject, event, &auth, &by)?;
        w.append_audit(&keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }

    /// Records a consenting event and the parent's authorisation of it in one write (both or
    /// neither), each with its audit entry. Returns the event's id.
    pub fn record_consent_authorised(
        &mut self,
        subject: Uuid,
        event: &ConsentEvent,
        auth: &ParentalAuthorisation,
    ) -> ServiceResult<Uuid> {
        let auth = self.checked_authorisation(auth)?;
        let event = self.checked_event(subject, event)?;
        if !matches!(
            event.kind,
            crate::domain::consent::ConsentEventKind::Given
                | crate::domain::consent::ConsentEventKind::Refreshed
                | crate::domain::consent::ConsentEventKind::OptedInToSaleOrSharing
        ) {
            return Err(ServiceError::invalid(
                "Parental authorisation",
                format!(
                    "a parent authorises a consent: use it with --event given, refreshed or opted_in_to_sale_or_sharing, not {}",
                    event.kind.code()
                ),
            ));
        }
        let (id, entry) = self.consent_entry(subject, &event);
        let authorised = self.authorisation_entry(subject, id, &auth);
        let keys = std::sync::Arc::clone(self.keys);
        let by = self.user.name.clone();
        let mut w = self.store.write()?;
        consent::append(&mut w, &keys.field, subject, id, &event)?;
        children::save_authorisation(&mut w, &keys.field, subject, id, &auth, &by)?;
        w.append_audit(&keys.audit, &entry)?;
        w.append_audit(&keys.audit, &authorised)?;
        w.commit()?;
        Ok(id)
    }

    fn checked_authorisation(
        &self,
        auth: &ParentalAuthorisation,
    ) -> ServiceResult<ParentalAuthorisation> {
        let name = check_authorised_by(&auth.authorised_by)
            .map_err(|m| ServiceError::invalid("Parental authorisation by", m))?;
        if auth.authorised_on > Utc::now().date_naive() {
            return Err(ServiceError::invalid(
                "Authorised on",
                "the day is in the future; give the day the parent authorised it",
            ));
        }
        Ok(ParentalAuthorisation {
            authorised_by: name,
            ..auth.clone()
        })
    }

    fn authorisation_entry(
        &self,
        subject: Uuid,
        event: Uuid,
        auth: &ParentalAuthorisation,
    ) -> crate::domain::audit::NewAuditEntry {
        self.entry(
            AuditAction::ParentalAuthorisationRecorded,
            EntityRef::new("subject", subject.to_string()),
            format!("event {event}; verified by {}", auth.method.code()),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::children::threshold;

    /// The EU GDPR age per stored member state and calendar: the member state of establishment
    /// wins; without it, the calendar's state (Ireland); else the Art. 8(1) default of 16.
    #[test]
    fn the_gdpr_age_follows_the_member_state_of_establishment() {
        type Row = (
            Option<MemberState>,
            Option<Jurisdiction>,
            u8,
            Option<MemberState>,
        );
        let rows: [Row; 7] = [
            (Some(MemberState::De), None, 16, Some(MemberState::De)),
            (Some(MemberState::Fr), None, 15, Some(MemberState::Fr)),
            (Some(MemberState::Be), None, 13, Some(MemberState::Be)),
            (None, None, 16, None),
            (None, Some(Jurisdiction::Ireland), 16, Some(MemberState::Ie)),
            (None, Some(Jurisdiction::EnglandWales), 16, None),
            (
                Some(MemberState::Be),
                Some(Jurisdiction::Ireland),
                13,
                Some(MemberState::Be),
            ),
        ];
        for (established, calendar, age, state) in rows {
            let t = threshold(Regime::Gdpr, gdpr_member_state(established, calendar));
            assert_eq!(
                (t.age, t.state),
                (age, state),
                "{established:?} {calendar:?}"
            );
        }
        let none = threshold(Regime::Gdpr, gdpr_member_state(None, None));
        assert!(
            none.source.contains("the Regulation's default"),
            "{}",
            none.source
        );
    }
}
