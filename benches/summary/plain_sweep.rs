//! The plain sweep (dry run and application) and access package: the same rows read and
//! changed with straightforward rusqlite code, nothing sealed or opened.
//!
//! The dry run reads what the store's plan reads (subjects' dates, the ledger's kinds, times
//! and evidence lengths, the requests' states) from the same covering indexes, in id order,
//! and applies the default policy's conditions to each person; the application changes the same
//! records the store's own plan chose, one transaction per rule.

use std::io::Write as _;
use std::path::Path;

use chrono::{DateTime, Months, NaiveDate, Utc};
use privacy_desk::domain::retention::report::SweepReport;
use privacy_desk::domain::retention::{RecordKind, RetentionAction};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, params};
use uuid::Uuid;

use super::Res;

/// What the plain dry run found.
#[derive(Debug, Default)]
pub struct PlainPlan {
    /// Records due for deletion or anonymisation.
    pub due: usize,
    /// Records flagged for review.
    pub flagged: usize,
}

struct Event {
    subject: [u8; 16],
    at: DateTime<Utc>,
    purpose: u8,
    kind: u8,
    has_evidence: bool,
}

fn id16(bytes: &[u8]) -> [u8; 16] {
    let mut out = [0u8; 16];
    out.copy_from_slice(&bytes[..16.min(bytes.len())]);
    out
}

fn day(text: &str) -> Res<NaiveDate> {
    Ok(NaiveDate::parse_from_str(
        text.get(..10).unwrap_or(text),
        "%Y-%m-%d",
    )?)
}

fn months(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_add_months(Months::new(n))
        .unwrap_or(NaiveDate::MAX)
}

/// The plain dry run over the default policy's conditions.
pub fn sweep_plan(conn: &Connection, today: NaiveDate) -> Res<PlainPlan> {
    let mut open = std::collections::HashSet::new();
    let mut plan = PlainPlan::default();
    let mut stmt =
        conn.prepare("SELECT subject_id, state, closed_on, anonymised_on FROM requests")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let closed: Option<String> = r.get(2)?;
        let anonymised: Option<String> = r.get(3)?;
        match (&closed, r.get::<_, Option<Vec<u8>>>(0)?) {
            (None, Some(subject)) => {
                open.insert(id16(&subject));
            }
            (Some(on), _) if anonymised.is_none() && months(day(on)?, 24) <= today => {
                plan.due += 1;
            }
            _ => {}
        }
    }
    let mut codes: Vec<String> = Vec::new();
    let mut subjects = conn.prepare(
        "SELECT id, created_at, updated_at, relationship_ended_on FROM subjects
         WHERE anonymised_on IS NULL ORDER BY id",
    )?;
    let mut subjects = subjects.query([])?;
    let mut events = conn.prepare(
        "SELECT subject_id, purpose_code, kind, at, length(evidence) FROM consent_events
         ORDER BY subject_id, at, seq",
    )?;
    let mut events = events.query([])?;
    let mut pending = next_event(&mut events, &mut codes)?;
    let mut ledger: Vec<Event> = Vec::new();
    while let Some(r) = subjects.next()? {
        let id = id16(r.get_ref(0)?.as_blob()?);
        let created = day(r.get_ref(1)?.as_str()?)?;
        let updated = day(r.get_ref(2)?.as_str()?)?;
        let ended = r.get_ref(3)?.as_str_or_null()?.map(day).transpose()?;
        ledger.clear();
        while let Some(e) = pending.take_if(|e| e.subject <= id) {
            if e.subject == id {
                ledger.push(e);
            }
            pending = next_event(&mut events, &mut codes)?;
        }
        if open.contains(&id) {
            continue;
        }
        let mut state = [(0u8, NaiveDate::MIN); 16];
        let mut last = updated;
        for e in &ledger {
            let d = e.at.date_naive();
            last = last.max(d);
            if e.kind != 0 && usize::from(e.purpose) < state.len() {
                state[usize::from(e.purpose)] = (e.kind, d);
            }
        }
        let ever = state.iter().any(|s| s.0 != 0);
        let active = state.iter().any(|s| s.0 == 1);
        let ended_consent = state.iter().filter(|s| s.0 == 2).map(|s| s.1).max();
        let unconfirmed = !ever && created.checked_add_days(chrono::Days::new(30)) <= Some(today);
        let withdrawn = ever && !active && ended_consent.is_some_and(|d| months(d, 12) <= today);
        let former = ended.is_some_and(|d| months(d, 72) <= today);
        if unconfirmed || withdrawn || former {
            plan.due += 1;
        } else if months(last, 36) <= today {
            plan.flagged += 1;
        }
        plan.due += ledger
            .iter()
            .filter(|e| {
                e.has_evidence
                    && state
                        .get(usize::from(e.purpose))
                        .is_some_and(|s| s.0 == 2 && months(s.1, 72) <= today)
            })
            .count();
    }
    Ok(plan)
}

/// The ledger's next row, in (subject, time, sequence) order.
fn next_event(rows: &mut rusqlite::Rows<'_>, codes: &mut Vec<String>) -> Res<Option<Event>> {
    let Some(r) = rows.next()? else {
        return Ok(None);
    };
    let purpose = match r.get_ref(1)?.as_str_or_null()? {
        None => u8::MAX,
        Some(code) => match codes.iter().position(|c| c == code) {
            Some(i) => i as u8,
            None => {
                codes.push(code.to_owned());
                (codes.len() - 1) as u8
            }
        },
    };
    let kind = match r.get_ref(2)?.as_str()? {
        "given" | "refreshed" => 1,
        "withdrawn" | "expired" => 2,
        _ => 0,
    };
    Ok(Some(Event {
        subject: id16(r.get_ref(0)?.as_blob()?),
        at: DateTime::parse_from_rfc3339(r.get_ref(3)?.as_str()?)?.with_timezone(&Utc),
        purpose,
        kind,
        has_evidence: r.get::<_, i64>(4)? > 2,
    }))
}

/// Plans, then makes the changes `report` (the store's own dry run on the same data) lists.
/// Returns the records changed.
pub fn sweep_apply(conn: &mut Connection, today: NaiveDate, report: &SweepReport) -> Res<u64> {
    sweep_plan(conn, today)?;
    let on = today.format("%Y-%m-%d").to_string();
    let mut changed = 0u64;
    let mut erased = false;
    for rule in &report.rules {
        if rule.action == RetentionAction::Flag || rule.due.is_empty() {
            continue;
        }
        let reference = format!("retention rule {}", rule.code);
        let tx = conn.transaction()?;
        for id in &rule.due {
            let id = Uuid::parse_str(id)?;
            let id = id.as_bytes().as_slice();
            match (rule.kind, rule.action) {
                (RecordKind::Subject, action) => {
                    let email: String =
                        tx.query_row("SELECT email FROM subjects WHERE id = ?1", [id], |r| {
                            r.get(0)
                        })?;
                    tx.execute(
                        "UPDATE requests SET requester = '', details = '' WHERE subject_id = ?1",
                        [id],
                    )?;
                    if action == RetentionAction::Delete {
                        tx.execute("DELETE FROM subjects WHERE id = ?1", [id])?;
                    } else {
                        tx.execute(
                            "UPDATE subjects SET email = '', name = '', phone = '',
                                 postal_address = '', customer_ref = '', notes = '', tags = '',
                                 anonymised_on = ?2 WHERE id = ?1",
                            params![id, on],
                        )?;
                        tx.execute(
                            "UPDATE consent_events SET evidence = '{}' WHERE subject_id = ?1",
                            [id],
                        )?;
                    }
                    tx.execute(
                        "INSERT INTO erasures (email, erased_on, request_reference, removed)
                         VALUES (?1, ?2, ?3, '{\"subject\":1}')",
                        params![email, on, reference],
                    )?;
                    erased = true;
                }
                (RecordKind::ConsentEvidence, _) => {
                    tx.execute(
                        "UPDATE consent_events SET evidence = '{}' WHERE id = ?1",
                        [id],
                    )?;
                }
                (RecordKind::Request, RetentionAction::Delete) => {
                    tx.execute("DELETE FROM requests WHERE id = ?1", [id])?;
                }
                (RecordKind::Request, _) => {
                    tx.execute(
                        "UPDATE requests SET requester = '', details = '', outcome = NULL,
                             anonymised_on = ?2 WHERE id = ?1",
                        params![id, on],
                    )?;
                }
            }
            changed += 1;
        }
        tx.commit()?;
    }
    if erased {
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    }
    Ok(changed)
}

fn text(v: ValueRef<'_>) -> String {
    match v {
        ValueRef::Text(b) | ValueRef::Blob(b) => String::from_utf8_lossy(b).into_owned(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(f) => f.to_string(),
        ValueRef::Null => String::new(),
    }
}

fn html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Writes `bytes` to `dir/name` through a synced partial file renamed into place.
fn publish(dir: &Path, name: &str, bytes: &[u8]) -> Res<()> {
    let partial = dir.join(format!("{name}.partial"));
    let mut file = std::fs::File::create(&partial)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    std::fs::rename(&partial, dir.join(name))?;
    Ok(())
}

/// The plain access package: the subject, their ledger and requests read, written as JSON,
/// four CSV files and an HTML page. Returns the events written.
pub fn access_package(conn: &Connection, subject: Uuid, dir: &Path) -> Res<usize> {
    std::fs::create_dir_all(dir)?;
    let id = subject.as_bytes().as_slice();
    let identity: Vec<String> = conn.query_row(
        "SELECT email, name, phone, postal_address, customer_ref, notes, coalesce(tags, ''),
             created_at FROM subjects WHERE id = ?1",
        [id],
        |r| (0..8).map(|i| r.get_ref(i).map(text)).collect(),
    )?;
    let query = |sql: &str, columns: usize| -> Res<Vec<Vec<String>>> {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt.query_map([id], |r| {
            (0..columns).map(|i| r.get_ref(i).map(text)).collect()
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    };
    let events = query(
        "SELECT coalesce(purpose_code, ''), kind, at, channel, notice_version, evidence,
             recorded_by FROM consent_events WHERE subject_id = ?1 ORDER BY seq",
        7,
    )?;
    let requests = query(
        "SELECT reference, kind, regime, state, received, coalesce(closed_on, '')
         FROM requests WHERE subject_id = ?1 ORDER BY seq",
        6,
    )?;
    let json = serde_json::json!({
        "subject": identity,
        "consent_history": events,
        "requests": requests,
        "generated_at": Utc::now().to_rfc3339(),
    });
    publish(
        dir,
        "personal-data.json",
        &serde_json::to_vec_pretty(&json)?,
    )?;
    let csv = |header: &[&str], rows: &[Vec<String>]| -> Res<Vec<u8>> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(header)?;
        for row in rows {
            w.write_record(row)?;
        }
        Ok(w.into_inner().map_err(|e| e.to_string())?)
    };
    let identity_header = [
        "email",
        "name",
        "phone",
        "address",
        "customer_ref",
        "notes",
        "tags",
        "recorded",
    ];
    publish(
        dir,
        "identity.csv",
        &csv(&identity_header, std::slice::from_ref(&identity))?,
    )?;
    let event_header = [
        "purpose", "kind", "at", "channel", "notice", "evidence", "by",
    ];
    publish(dir, "consent-history.csv", &csv(&event_header, &events)?)?;
    let request_header = ["reference", "kind", "regime", "state", "received", "closed"];
    publish(dir, "requests.csv", &csv(&request_header, &requests)?)?;
    publish(
        dir,
        "corrections.csv",
        &csv(&["field", "before", "after", "at"], &[])?,
    )?;
    let mut page = String::from("<!doctype html><html><body><h1>Your personal data</h1><table>");
    for row in &events {
        page.push_str("<tr>");
        for cell in row {
            page.push_str(&format!("<td>{}</td>", html(cell)));
        }
        page.push_str("</tr>");
    }
    page.push_str("</table></body></html>");
    publish(dir, "report.html", page.as_bytes())?;
    Ok(events.len())
}
