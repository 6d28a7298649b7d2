//! Children's records (issue 16): a person's age (the value sealed) and the parental
//! authorisations recorded on their consent events (the name sealed). See `domain::children`.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use rusqlite::{OptionalExtension as _, params};
use uuid::Uuid;

use crate::crypto::SecretKey;
use crate::domain::children::{
    AgeRecord, AgeValue, AuthorisedEvent, ConsentLine, ParentalAuthorisation, VerificationMethod,
};
use crate::domain::consent::ConsentEventKind;
use crate::domain::purpose::PurposeCode;

use super::ledger_columns::parse_time;
use super::{Db, Sealed, StoreError, StoreResult, Write, open_text};

const AGES: &str = "subject_ages";
const AUTHORISATIONS: &str = "parental_authorisations";
const DATE: &str = "%Y-%m-%d";

/// The consent kinds a parent can authorise: giving or refreshing consent, and an opt-in to
/// sale or sharing.
const CONSENTING: [ConsentEventKind; 3] = [
    ConsentEventKind::Given,
    ConsentEventKind::Refreshed,
    ConsentEventKind::OptedInToSaleOrSharing,
];

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(format!("a child's record has {what}"))
}

fn uuid(raw: &[u8]) -> StoreResult<Uuid> {
    Uuid::from_slice(raw).map_err(|_| corrupt("a bad id"))
}

fn date(text: &str) -> StoreResult<NaiveDate> {
    NaiveDate::parse_from_str(text, DATE).map_err(|_| corrupt("an unreadable date"))
}

fn method(code: &str) -> StoreResult<VerificationMethod> {
    VerificationMethod::from_code(code).ok_or_else(|| corrupt("an unknown method"))
}

/// Records (or replaces) `subject`'s age.
pub fn save_age(
    w: &mut Write<'_>,
    key: &SecretKey,
    subject: Uuid,
    age: &AgeRecord,
) -> StoreResult<()> {
    w.execute(
        "DELETE FROM subject_ages WHERE subject_id = ?1",
        [subject.as_bytes().as_slice()],
    )?;
    let id = Uuid::new_v4();
    let json = zeroize::Zeroizing::new(
        serde_json::to_string(&age.value).map_err(|_| corrupt("an age that cannot be written"))?,
    );
    let value = w.seal_text(key, AGES, "value", id, &json)?;
    w.execute(
        "INSERT INTO subject_ages (id, subject_id, value, verified_by, recorded_on, recorded_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            id.as_bytes().as_slice(),
            subject.as_bytes().as_slice(),
            value,
            age.verified_by.map(VerificationMethod::code),
            age.recorded_on.format(DATE).to_string(),
            age.recorded_by,
        ],
    )?;
    Ok(())
}

fn age_row(key: &SecretKey, r: &rusqlite::Row<'_>) -> StoreResult<(Uuid, AgeRecord)> {
    let id = uuid(&r.get::<_, Vec<u8>>(0)?)?;
    let subject = uuid(&r.get::<_, Vec<u8>>(1)?)?;
    let json = open_text(key, AGES, "value", id, &r.get::<_, Sealed>(2)?)?;
    let value: AgeValue = serde_json::from_str(&json).map_err(|_| StoreError::FieldTampered {
        table: AGES,
        column: "value",
        record: id,
    })?;
    Ok((
        subject,
        AgeRecord {
            value,
            verified_by: r
                .get::<_, Option<String>>(3)?
                .as_deref()
                .map(method)
                .transpose()?,
            recorded_on: date(&r.get::<_, String>(4)?)?,
            recorded_by: r.get(5)?,
        },
    ))
}

/// `subject`'s recorded age, if any.
pub fn age_of(conn: &Db, key: &SecretKey, subject: Uuid) -> StoreResult<Option<AgeRecord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, subject_id, value, verified_by, recorded_on, recorded_by
         FROM subject_ages WHERE subject_id = ?1",
    )?;
    let mut rows = stmt.query([subject.as_bytes().as_slice()])?;
    match rows.next()? {
        Some(r) => Ok(Some(age_row(key, r)?.1)),
        None => Ok(None),
    }
}

/// Every recorded age, by person (only the people with one: few in most registers).
pub fn all_ages(conn: &Db, key: &SecretKey) -> StoreResult<HashMap<Uuid, AgeRecord>> {
    let mut stmt = conn.prepare(
        "SELECT id, subject_id, value, verified_by, recorded_on, recorded_by FROM subject_ages",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = HashMap::new();
    while let Some(r) = rows.next()? {
        let (subject, age) = age_row(key, r)?;
        out.insert(subject, age);
    }
    Ok(out)
}

/// The consent event `event` of `subject`, if it is one a parent can authorise: its purpose,
/// kind and time (plain columns only).
pub fn consenting_event(
    conn: &Db,
    subject: Uuid,
    event: Uuid,
) -> StoreResult<Option<ConsentEventKind>> {
    let kind: Option<String> = conn
        .query_row(
            "SELECT kind FROM consent_events WHERE id = ?1 AND subject_id = ?2",
            params![event.as_bytes().as_slice(), subject.as_bytes().as_slice()],
            |r| r.get(0),
        )
        .optional()?;
    Ok(kind
        .and_then(|k| ConsentEventKind::from_code(&k))
        .filter(|k| CONSENTING.contains(k)))
}

/// Records (or replaces) the parental authorisation of consent event `event` of `subject`.
pub fn save_authorisation(
    w: &mut Write<'_>,
    key: &SecretKey,
    subject: Uuid,
    event: Uuid,
    auth: &ParentalAuthorisation,
    recorded_by: &str,
) -> StoreResult<()> {
    w.execute(
        "DELETE FROM parental_authorisations WHERE event_id = ?1",
        [event.as_bytes().as_slice()],
    )?;
    let id = Uuid::new_v4();
    let name = w.seal_text(
        key,
        AUTHORISATIONS,
        "authorised_by",
        id,
        &auth.authorised_by,
    )?;
    w.execute(
        "INSERT INTO parental_authorisations (id, event_id, subject_id, authorised_by, method,
             authorised_on, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            id.as_bytes().as_slice(),
            event.as_bytes().as_slice(),
            subject.as_bytes().as_slice(),
            name,
            auth.method.code(),
            auth.authorised_on.format(DATE).to_string(),
            recorded_by,
            Utc::now().to_rfc3339(),
        ],
    )?;
    Ok(())
}

/// `subject`'s consenting events in ledger order, each with the authorisation recorded on it;
/// the parent's name is opened only when `names` is true.
pub fn consent_lines(
    conn: &Db,
    key: &SecretKey,
    subject: Uuid,
    names: bool,
) -> StoreResult<Vec<ConsentLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.id, e.purpose_code, e.kind, e.at, a.id, a.authorised_by, a.method,
                a.authorised_on
         FROM consent_events e LEFT JOIN parental_authorisations a ON a.event_id = e.id
         WHERE e.subject_id = ?1 AND e.kind IN (?2, ?3, ?4) ORDER BY e.seq",
    )?;
    let mut rows = stmt.query(params![
        subject.as_bytes().as_slice(),
        CONSENTING[0].code(),
        CONSENTING[1].code(),
        CONSENTING[2].code(),
    ])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let authorisation = match r.get::<_, Option<Vec<u8>>>(4)? {
            None => None,
            Some(raw) => {
                let id = uuid(&raw)?;
                let authorised_by = if names {
                    let sealed: Sealed = r.get(5)?;
                    Some(open_text(key, AUTHORISATIONS, "authorised_by", id, &sealed)?.to_string())
                } else {
                    None
                };
                Some(AuthorisedEvent {
                    method: method(&r.get::<_, String>(6)?)?,
                    authorised_on: date(&r.get::<_, String>(7)?)?,
                    authorised_by,
                })
            }
        };
        out.push(ConsentLine {
            event: uuid(&r.get::<_, Vec<u8>>(0)?)?,
            purpose: r
                .get::<_, Option<String>>(1)?
                .map(|p| PurposeCode::parse(&p).map_err(|_| corrupt("a bad purpose")))
                .transpose()?,
            kind: ConsentEventKind::from_code(&r.get::<_, String>(2)?)
                .ok_or_else(|| corrupt("a bad kind"))?,
            at: parse_time(&r.get::<_, String>(3)?)?,
            authorisation,
        });
    }
    Ok(out)
}

/// The people with at least one parental authorisation (to read their lines only).
pub fn subjects_with_authorisations(conn: &Db) -> StoreResult<Vec<Uuid>> {
    let mut stmt = conn.prepare("SELECT DISTINCT subject_id FROM parental_authorisations")?;
    let rows = stmt.query_map([], |r| r.get::<_, Vec<u8>>(0))?;
    let mut out = Vec::new();
    for raw in rows {
        out.push(uuid(&raw?)?);
    }
    Ok(out)
}

/// Anonymisation (retention): the person's age goes and the names of the parents who
/// authorised their consents are emptied (the authorisations stay with the events, as the
/// record that consent was lawful). Returns how many names were emptied.
pub fn anonymise(w: &mut Write<'_>, key: &SecretKey, subject: Uuid) -> StoreResult<usize> {
    w.execute(
        "DELETE FROM subject_ages WHERE subject_id = ?1",
        [subject.as_bytes().as_slice()],
    )?;
    let ids: Vec<Vec<u8>> = {
        let mut stmt = w.prepare("SELECT id FROM parental_authorisations WHERE subject_id = ?1")?;
        let rows = stmt.query_map([subject.as_bytes().as_slice()], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    for raw in &ids {
        let id = uuid(raw)?;
        let empty = w.seal_text(key, AUTHORISATIONS, "authorised_by", id, "")?;
        w.execute(
            "UPDATE parental_authorisations SET authorised_by = ?2 WHERE id = ?1",
            params![raw, empty],
        )?;
    }
    Ok(ids.len())
}
