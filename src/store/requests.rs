//! The requests table and each request's step history. Codes and dates are plain; who asked,
//! what they asked, and the officer's reasons are sealed per column.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Row, params};
use uuid::Uuid;

use crate::crypto::SecretKey;
use crate::domain::attachment::AttachmentOwner;
use crate::domain::organisation::Regime;
use crate::domain::request::workflow::RefusalKind;
use crate::domain::request::{
    RefusalGround, Request, RequestChannel, RequestState, RequestStep, RequestType, Requester,
};

use super::{Db, Sealed, StoreError, StoreResult, Write, open_text};
pub use crate::domain::request::summary::RequestSummary;

const TABLE: &str = "requests";
const DATE: &str = "%Y-%m-%d";

/// The next free reference (`R-0001`, `R-0002`, …).
pub fn next_reference(conn: &Db) -> StoreResult<String> {
    let n: i64 = conn.query_row("SELECT COALESCE(MAX(seq), 0) + 1 FROM requests", [], |r| {
        r.get(0)
    })?;
    Ok(format!("R-{n:04}"))
}

/// Inserts a new request (state received) as `request` describes.
pub fn insert(w: &mut Write<'_>, key: &SecretKey, request: &Request) -> StoreResult<()> {
    let requester = serde_json::to_string(&request.requester)
        .map_err(|e| StoreError::Corrupt(format!("a requester could not be encoded: {e}")))?;
    let requester = zeroize::Zeroizing::new(requester);
    let sealed_requester = w.seal_text(key, TABLE, "requester", request.id, &requester)?;
    let sealed_details = w.seal_text(key, TABLE, "details", request.id, &request.details)?;
    let now = Utc::now().to_rfc3339();
    w.execute(
        "INSERT INTO requests (id, reference, subject_id, regime, kind, state, channel, received,
                               requester, details, created_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
        params![
            request.id.as_bytes().as_slice(),
            request.reference,
            request.subject_id.map(|s| s.as_bytes().to_vec()),
            request.regime.code(),
            request.kind.code(),
            request.state.code(),
            request.channel.code(),
            request.received.format(DATE).to_string(),
            sealed_requester,
            sealed_details,
            request.created_by,
            now
        ],
    )?;
    Ok(())
}

fn date(text: &str, id: &str) -> StoreResult<NaiveDate> {
    NaiveDate::parse_from_str(text, DATE)
        .map_err(|_| StoreError::Corrupt(format!("request {id} has an unreadable date")))
}

fn opt_date(text: Option<String>, id: &str) -> StoreResult<Option<NaiveDate>> {
    text.map(|t| date(&t, id)).transpose()
}

fn uuid(bytes: &[u8]) -> StoreResult<Uuid> {
    Uuid::from_slice(bytes).map_err(|_| StoreError::Corrupt("a request id is malformed".into()))
}

const SUMMARY: &str = "SELECT id, reference, subject_id, regime, kind, state, received,
                              clock_start, extension_reason IS NOT NULL, closed_on,
                              anonymised_on IS NOT NULL, identity_asked_on,
                              clarification_asked_on, clarified_on, clarification_paused_days,
                              acknowledged_on
                       FROM requests";

fn summary_row(r: &Row<'_>) -> StoreResult<RequestSummary> {
    let id = uuid(&r.get::<_, Vec<u8>>(0)?)?;
    let reference: String = r.get(1)?;
    let subject: Option<Vec<u8>> = r.get(2)?;
    let corrupt =
        |what: &str| StoreError::Corrupt(format!("request {reference} has an unknown {what}"));
    let regime: String = r.get(3)?;
    let kind: String = r.get(4)?;
    let state: String = r.get(5)?;
    Ok(RequestSummary {
        id,
        subject_id: subject.as_deref().map(uuid).transpose()?,
        regime: Regime::from_code(&regime).ok_or_else(|| corrupt("regime"))?,
        kind: RequestType::from_code(&kind).ok_or_else(|| corrupt("type"))?,
        state: RequestState::from_code(&state).ok_or_else(|| corrupt("state"))?,
        received: date(&r.get::<_, String>(6)?, &reference)?,
        identity_asked_on: opt_date(r.get(11)?, &reference)?,
        clock_start: opt_date(r.get(7)?, &reference)?,
        clarification_asked_on: opt_date(r.get(12)?, &reference)?,
        clarified_on: opt_date(r.get(13)?, &reference)?,
        clarification_paused_days: r.get(14)?,
        acknowledged_on: opt_date(r.get(15)?, &reference)?,
        extended: r.get(8)?,
        closed_on: opt_date(r.get(9)?, &reference)?,
        anonymised: r.get(10)?,
        reference,
    })
}

/// Every request's plain facts, oldest first.
pub fn summaries(conn: &Db) -> StoreResult<Vec<RequestSummary>> {
    let mut stmt = conn.prepare_cached(&format!("{SUMMARY} ORDER BY seq"))?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(summary_row(r)?);
    }
    Ok(out)
}

/// The plain facts of one subject's requests, oldest first.
pub fn summaries_for_subject(conn: &Db, subject: Uuid) -> StoreResult<Vec<RequestSummary>> {
    let mut stmt = conn.prepare_cached(&format!("{SUMMARY} WHERE subject_id = ?1 ORDER BY seq"))?;
    let mut rows = stmt.query([subject.as_bytes().as_slice()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(summary_row(r)?);
    }
    Ok(out)
}

/// The id of the request with this reference (case-insensitive) or UUID.
pub fn find_id(conn: &Db, text: &str) -> StoreResult<Option<Uuid>> {
    let text = text.trim();
    if let Ok(id) = Uuid::parse_str(text) {
        let found: Option<Vec<u8>> = conn
            .query_row(
                "SELECT id FROM requests WHERE id = ?1",
                [id.as_bytes().as_slice()],
                |r| r.get(0),
            )
            .optional()?;
        return found.as_deref().map(uuid).transpose();
    }
    let found: Option<Vec<u8>> = conn
        .query_row(
            "SELECT id FROM requests WHERE reference = ?1 COLLATE NOCASE",
            [text],
            |r| r.get(0),
        )
        .optional()?;
    found.as_deref().map(uuid).transpose()
}

fn open_opt(
    key: &SecretKey,
    column: &'static str,
    id: Uuid,
    sealed: Option<Sealed>,
) -> StoreResult<Option<String>> {
    sealed
        .map(|s| open_text(key, TABLE, column, id, &s).map(|t| t.to_string()))
        .transpose()
}

/// Opens one request.
pub fn get(conn: &Db, key: &SecretKey, id: Uuid) -> StoreResult<Option<Request>> {
    let mut stmt = conn.prepare_cached(&format!("{SUMMARY} WHERE id = ?1"))?;
    let Some(s) = stmt
        .query_row([id.as_bytes().as_slice()], |r| Ok(summary_row(r)))
        .optional()?
        .transpose()?
    else {
        return Ok(None);
    };
    let row = conn.query_row(
        "SELECT channel, requester, details, extension_reason, extension_notified_on,
                refusal_kind, refusal_detail, outcome, created_by
         FROM requests WHERE id = ?1",
        [id.as_bytes().as_slice()],
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Sealed>(1)?,
                r.get::<_, Sealed>(2)?,
                r.get::<_, Option<Sealed>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<Sealed>>(6)?,
                r.get::<_, Option<Sealed>>(7)?,
                r.get::<_, String>(8)?,
            ))
        },
    )?;
    let (channel, requester, details, ext, notified, refusal_kind, refusal_detail, outcome, by) =
        row;
    let corrupt =
        |what: &str| StoreError::Corrupt(format!("request {} has an unknown {what}", s.reference));
    let requester_json = open_text(key, TABLE, "requester", id, &requester)?;
    let requester: Requester =
        serde_json::from_str(&requester_json).map_err(|_| StoreError::FieldTampered {
            table: TABLE,
            column: "requester",
            record: id,
        })?;
    let refusal = match refusal_kind {
        Some(code) => Some(RefusalGround {
            kind: RefusalKind::from_code(&code).ok_or_else(|| corrupt("refusal ground"))?,
            detail: open_opt(key, "refusal_detail", id, refusal_detail)?.unwrap_or_default(),
        }),
        None => None,
    };
    Ok(Some(Request {
        id,
        reference: s.reference.clone(),
        subject_id: s.subject_id,
        regime: s.regime,
        kind: s.kind,
        state: s.state,
        channel: RequestChannel::from_code(&channel).ok_or_else(|| corrupt("channel"))?,
        received: s.received,
        identity_asked_on: s.identity_asked_on,
        clock_start: s.clock_start,
        clarification_asked_on: s.clarification_asked_on,
        clarified_on: s.clarified_on,
        clarification_paused_days: s.clarification_paused_days,
        acknowledged_on: s.acknowledged_on,
        requester,
        details: open_text(key, TABLE, "details", id, &details)?.to_string(),
        extension_reason: open_opt(key, "extension_reason", id, ext)?,
        extension_notified_on: opt_date(notified, &s.reference)?,
        refusal,
        outcome: open_opt(key, "outcome", id, outcome)?,
        closed_on: s.closed_on,
        created_by: by,
    }))
}

/// Moves a request to `state` (setting `closed_on` for a closed state).
pub fn set_state(
    w: &mut Write<'_>,
    id: Uuid,
    state: RequestState,
    closed_on: Option<NaiveDate>,
) -> StoreResult<()> {
    let n = w.execute(
        "UPDATE requests SET state = ?2, closed_on = ?3, updated_at = ?4 WHERE id = ?1",
        params![
            id.as_bytes().as_slice(),
            state.code(),
            closed_on.map(|d| d.format(DATE).to_string()),
            Utc::now().to_rfc3339()
        ],
    )?;
    expect_one(n, id)
}

fn expect_one(n: usize, id: Uuid) -> StoreResult<()> {
    if n == 1 {
        Ok(())
    } else {
        Err(StoreError::Corrupt(format!(
            "request {id} vanished while being changed"
        )))
    }
}

/// Records the day identity or clarification was asked for.
pub fn set_identity_asked(w: &mut Write<'_>, id: Uuid, day: NaiveDate) -> StoreResult<()> {
    let n = w.execute(
        "UPDATE requests SET identity_asked_on = ?2 WHERE id = ?1",
        params![id.as_bytes().as_slice(), day.format(DATE).to_string()],
    )?;
    expect_one(n, id)
}

/// Records the day receipt of a request was confirmed.
pub fn set_acknowledged(w: &mut Write<'_>, id: Uuid, day: NaiveDate) -> StoreResult<()> {
    let n = w.execute(
        "UPDATE requests SET acknowledged_on = ?2 WHERE id = ?1",
        params![id.as_bytes().as_slice(), day.format(DATE).to_string()],
    )?;
    expect_one(n, id)
}

/// Records the day a clarification was asked for.
pub fn set_clarification_asked(w: &mut Write<'_>, id: Uuid, day: NaiveDate) -> StoreResult<()> {
    let n = w.execute(
        "UPDATE requests SET clarification_asked_on = ?2 WHERE id = ?1",
        params![id.as_bytes().as_slice(), day.format(DATE).to_string()],
    )?;
    expect_one(n, id)
}

/// Records the day the clarification asked for arrived and the days the clock stood still
/// (added to those already counted); the question is closed.
pub fn set_clarified(
    w: &mut Write<'_>,
    id: Uuid,
    day: NaiveDate,
    paused_days: u32,
) -> StoreResult<()> {
    let n = w.execute(
        "UPDATE requests SET clarified_on = ?2, clarification_asked_on = NULL,
                clarification_paused_days = clarification_paused_days + ?3
         WHERE id = ?1",
        params![
            id.as_bytes().as_slice(),
            day.format(DATE).to_string(),
            paused_days
        ],
    )?;
    expect_one(n, id)
}

/// Records the day identity or clarification arrived.
pub fn set_clock_start(w: &mut Write<'_>, id: Uuid, day: NaiveDate) -> StoreResult<()> {
    let n = w.execute(
        "UPDATE requests SET clock_start = ?2 WHERE id = ?1",
        params![id.as_bytes().as_slice(), day.format(DATE).to_string()],
    )?;
    expect_one(n, id)
}

/// Records an extension: its reason (sealed) and the day the person was told.
pub fn set_extension(
    w: &mut Write<'_>,
    key: &SecretKey,
    id: Uuid,
    reason: &str,
    notified_on: NaiveDate,
) -> StoreResult<()> {
    let sealed = w.seal_text(key, TABLE, "extension_reason", id, reason)?;
    let n = w.execute(
        "UPDATE requests SET extension_reason = ?2, extension_notified_on = ?3 WHERE id = ?1",
        params![
            id.as_bytes().as_slice(),
            sealed,
            notified_on.format(DATE).to_string()
        ],
    )?;
    expect_one(n, id)
}

/// Records a refusal ground.
pub fn set_refusal(
    w: &mut Write<'_>,
    key: &SecretKey,
    id: Uuid,
    ground: &RefusalGround,
) -> StoreResult<()> {
    let sealed = w.seal_text(key, TABLE, "refusal_detail", id, &ground.detail)?;
    let n = w.execute(
        "UPDATE requests SET refusal_kind = ?2, refusal_detail = ?3 WHERE id = ?1",
        params![id.as_bytes().as_slice(), ground.kind.code(), sealed],
    )?;
    expect_one(n, id)
}

/// Records what was done (sealed).
pub fn set_outcome(w: &mut Write<'_>, key: &SecretKey, id: Uuid, outcome: &str) -> StoreResult<()> {
    let sealed = w.seal_text(key, TABLE, "outcome", id, outcome)?;
    let n = w.execute(
        "UPDATE requests SET outcome = ?2 WHERE id = ?1",
        params![id.as_bytes().as_slice(), sealed],
    )?;
    expect_one(n, id)
}

/// What stands in, after an erasure, for the officer's own text about the person (an
/// extension reason, an outcome, the facts of a refusal, a legal hold's reason).
pub const ERASED_TEXT: &str = "(removed when the person's data was erased)";

/// Empties who asked and what they asked on every request of `subject` (erasure), sealing
/// empty values so the rows stay readable; requests under a legal hold in force on `today` are
/// left whole. Returns how many requests were scrubbed.
pub fn scrub_for_subject(
    w: &mut Write<'_>,
    key: &SecretKey,
    subject: Uuid,
    today: NaiveDate,
) -> StoreResult<usize> {
    let ids: Vec<Vec<u8>> = {
        let mut stmt = w.prepare(
            "SELECT r.id FROM requests r WHERE r.subject_id = ?1
               AND NOT EXISTS (SELECT 1 FROM legal_holds h
                               WHERE h.target_kind = 'request' AND h.target_id = r.id
                                 AND h.released_on IS NULL
                                 AND (h.ends_on IS NULL OR h.ends_on >= ?2))",
        )?;
        let rows = stmt.query_map(
            params![
                subject.as_bytes().as_slice(),
                today.format(DATE).to_string()
            ],
            |r| r.get(0),
        )?;
        rows.collect::<Result<_, _>>()?
    };
    let empty = serde_json::to_string(&Requester::default())
        .map_err(|e| StoreError::Corrupt(format!("a requester could not be encoded: {e}")))?;
    for raw in &ids {
        let id = uuid(raw)?;
        // The ID documents and original emails kept with the request name the person too.
        super::attachments::delete_for_owner(w, &AttachmentOwner::Request(id))?;
        super::request_tasks::scrub_notes(w, key, id, ERASED_TEXT)?;
        let requester = w.seal_text(key, TABLE, "requester", id, &empty)?;
        let details = w.seal_text(key, TABLE, "details", id, "")?;
        // The officer's own text may name or describe the person: each one written is
        // replaced, so that there was a reason, an outcome or refusal facts stays visible.
        let (extension, outcome, refusal): (bool, bool, bool) = w.query_row(
            "SELECT extension_reason IS NOT NULL, outcome IS NOT NULL, refusal_detail IS NOT NULL
             FROM requests WHERE id = ?1",
            [raw],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let mut replaced = |written: bool, column: &'static str| -> StoreResult<Option<Sealed>> {
            written
                .then(|| w.seal_text(key, TABLE, column, id, ERASED_TEXT))
                .transpose()
        };
        let extension = replaced(extension, "extension_reason")?;
        let outcome = replaced(outcome, "outcome")?;
        let refusal = replaced(refusal, "refusal_detail")?;
        w.execute(
            "UPDATE requests SET requester = ?2, details = ?3,
                    extension_reason = COALESCE(?4, extension_reason),
                    outcome = COALESCE(?5, outcome),
                    refusal_detail = COALESCE(?6, refusal_detail), language = NULL,
                    updated_at = ?7
             WHERE id = ?1",
            params![
                raw,
                requester,
                details,
                extension,
                outcome,
                refusal,
                Utc::now().to_rfc3339()
            ],
        )?;
        // The reasons given on an objection (Art. 21(1)) may describe the person too.
        super::objections::scrub(w, key, id, ERASED_TEXT)?;
        super::erasure_exceptions::scrub(w, key, id, ERASED_TEXT)?;
    }
    Ok(ids.len())
}

/// Appends a step to a request's history.
pub fn append_step(w: &Write<'_>, id: Uuid, step: &RequestStep) -> StoreResult<()> {
    w.execute(
        "INSERT INTO request_steps (request_id, at, from_state, to_state, what, actor)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            id.as_bytes().as_slice(),
            step.at.to_rfc3339(),
            step.from.map(RequestState::code),
            step.to.code(),
            step.what,
            step.actor
        ],
    )?;
    Ok(())
}

/// A request's history, oldest first.
pub fn steps(conn: &Db, id: Uuid) -> StoreResult<Vec<RequestStep>> {
    let mut stmt = conn.prepare_cached(
        "SELECT at, from_state, to_state, what, actor FROM request_steps
         WHERE request_id = ?1 ORDER BY seq",
    )?;
    let mut rows = stmt.query([id.as_bytes().as_slice()])?;
    let mut out = Vec::new();
    let corrupt = || StoreError::Corrupt(format!("a step of request {id} is unreadable"));
    while let Some(r) = rows.next()? {
        let at: String = r.get(0)?;
        let from: Option<String> = r.get(1)?;
        let to: String = r.get(2)?;
        out.push(RequestStep {
            at: DateTime::parse_from_rfc3339(&at)
                .map_err(|_| corrupt())?
                .with_timezone(&Utc),
            from: match from {
                Some(f) => Some(RequestState::from_code(&f).ok_or_else(corrupt)?),
                None => None,
            },
            to: RequestState::from_code(&to).ok_or_else(corrupt)?,
            what: r.get(3)?,
            actor: r.get(4)?,
        });
    }
    Ok(out)
}
