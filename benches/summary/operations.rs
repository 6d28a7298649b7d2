//! The storage operations, each on the unlocked work store and on its plain copy: unlock,
//! exact email lookup, the search index, substring search, the register's ids in recorded
//! order and a page of it opened by id (what the Subjects list does), the access package, and
//! the retention sweep's dry run and application (last: it changes both copies).

use std::time::{Duration, Instant};

use chrono::Local;
use privacy_desk::crypto::{KdfParams, Passphrase, derive_kek};
use privacy_desk::jobs::Progress;
use privacy_desk::services::{Session, SubjectOrder, Via};

use super::common::PASS;
use super::stores::{Facts, LONG_HISTORY_EVENTS, WorkCopy, bench_root};
use super::table::{Row, Target, Value, median, time_median, times};
use super::{Res, plain, plain_sweep};

/// Matches a substring search opens and shows (the window's limit).
const SHOWN: usize = 200;
/// Rows the Subjects list opens at a time as the user scrolls (the window's page).
const PAGE: usize = 200;

fn unlock(store: &std::path::Path) -> Res<Session> {
    Ok(Session::unlock(
        store,
        None,
        &Passphrase::new(PASS),
        Via::Cli,
    )?)
}

/// Every storage row for one size.
pub fn measure(work: &WorkCopy, facts: &Facts, size: u64) -> Res<Vec<Row>> {
    let mut rows = Vec::new();
    eprintln!("  unlock");
    let kdf = time_median(3, || {
        Ok(derive_kek(PASS.as_bytes(), &[7u8; 16], KdfParams::DEFAULT)?)
    })?;
    rows.push(Row::new(
        "Argon2id alone (64 MiB, t=3, p=1)",
        size,
        Value::Time(kdf),
    ));
    let whole = time_median(3, || unlock(&work.store))?;
    rows.push(Row::new(
        "unlock (Argon2id, key unwrap, audit entry)",
        size,
        Value::Time(whole),
    ));

    let session = unlock(&work.store)?;
    let mut conn = plain::open(&work.plain)?;

    eprintln!("  Dashboard figures");
    // The first steps, today's list and both charts' series (aggregate queries: the consent
    // ledger's monthly GROUP BY, row counts, one EXISTS over the audit log), off the UI thread.
    let figures = time_median(3, || {
        Ok(session
            .settings()
            .dashboard_figures(Local::now().date_naive(), chrono::Utc::now())?)
    })?;
    rows.push(Row::new(
        "Dashboard figures (first steps, today, charts)",
        size,
        Value::Time(figures),
    ));

    eprintln!("  exact email lookup");
    for email in &facts.emails {
        session.subjects().find_subjects_by_email(email)?;
        plain::lookup(&conn, email)?;
    }
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    for email in &facts.emails {
        let started = Instant::now();
        let found = session.subjects().find_subjects_by_email(email)?;
        ours.push(started.elapsed());
        let started = Instant::now();
        let plain_found = plain::lookup(&conn, email)?;
        theirs.push(started.elapsed());
        if found.is_empty() || plain_found.is_empty() {
            return Err(format!("a sampled email was not found ({} subjects)", size).into());
        }
    }
    rows.push(
        Row::new(
            "exact email lookup (median)",
            size,
            Value::Time(median(&ours)),
        )
        .plain(Value::Time(median(&theirs)))
        .target(Target::Under(Value::Time(Duration::from_millis(1)))),
    );

    eprintln!("  search index and substring search");
    let build = || {
        Ok(session
            .subjects()
            .search_index_builder()?
            .build(&Progress::default())?)
    };
    let ours = time_median(3, build)?;
    let theirs = time_median(3, || plain::load_names(&conn))?;
    rows.push(
        Row::new(
            "search index build (once per unlock, off the UI thread)",
            size,
            Value::Time(ours),
        )
        .plain(Value::Time(theirs)),
    );
    let index = session
        .subjects()
        .search_index_builder()?
        .build(&Progress::default())?;
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    for query in &facts.queries {
        let started = Instant::now();
        let (ids, _total) = index.search(query, SHOWN);
        for id in ids {
            std::hint::black_box(session.subjects().subject(id)?);
        }
        ours.push(started.elapsed());
        let started = Instant::now();
        std::hint::black_box(plain::search(&conn, query, SHOWN)?);
        theirs.push(started.elapsed());
    }
    drop(index);
    rows.push(
        Row::new(
            "substring search, first 200 opened (median)",
            size,
            Value::Time(median(&ours)),
        )
        .plain(Value::Time(median(&theirs)))
        .target(Target::Under(Value::Time(Duration::from_millis(300)))),
    );

    eprintln!("  the register in recorded order, and a page of it");
    // What the Subjects list does without a search, sort or filter: the ids read on a worker
    // thread, then the visible rows opened by id on the UI thread as the user scrolls.
    let reader = session.subjects().subject_list_reader()?;
    let ours = time_median(5, || {
        Ok(reader.list(None, SubjectOrder::Oldest, None, &Progress::default())?)
    })?;
    let theirs = time_median(5, || {
        let mut stmt = conn.prepare_cached("SELECT rowid, id FROM subjects")?;
        let mut pairs = stmt
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        pairs.sort_unstable_by_key(|(rowid, _)| *rowid);
        Ok(pairs)
    })?;
    rows.push(
        Row::new(
            "the register's ids in recorded order (worker)",
            size,
            Value::Time(ours),
        )
        .plain(Value::Time(theirs)),
    );
    let listing = reader.list(None, SubjectOrder::Oldest, None, &Progress::default())?;
    let middle = listing.ids.len() / 2;
    let page = listing
        .ids
        .get(middle..(middle + PAGE).min(listing.ids.len()))
        .ok_or("the register is empty")?;
    let ours = time_median(5, || {
        for id in page {
            std::hint::black_box(
                session
                    .subjects()
                    .subject(*id)?
                    .ok_or("a listed subject is missing")?,
            );
        }
        Ok(())
    })?;
    let theirs = time_median(5, || {
        let mut stmt = conn.prepare_cached(
            "SELECT id, email, name, phone, postal_address, customer_ref, notes,
                 coalesce(tags, ''), created_at FROM subjects WHERE id = ?1",
        )?;
        for id in page {
            let row = stmt.query_row([id.as_bytes().as_slice()], |r| {
                let mut fields: [String; 8] = Default::default();
                for (i, f) in fields.iter_mut().enumerate() {
                    *f = r.get(i + 1)?;
                }
                Ok((r.get::<_, Vec<u8>>(0)?, fields))
            })?;
            std::hint::black_box(row);
        }
        Ok(())
    })?;
    drop(listing);
    rows.push(
        Row::new(
            "open 200 rows by id at the middle (UI thread)",
            size,
            Value::Time(ours),
        )
        .plain(Value::Time(theirs))
        .target(Target::Under(Value::Time(Duration::from_millis(50)))),
    );

    eprintln!("  access package");
    let out = tempfile::tempdir_in(bench_root())?;
    let mut n = 0;
    let ours = time_median(3, || {
        n += 1;
        let dir = out.path().join(format!("ours-{n}"));
        Ok(session.exports().export_access_package(
            facts.long_history,
            &dir,
            None,
            &Progress::default(),
        )?)
    })?;
    let theirs = time_median(3, || {
        n += 1;
        plain_sweep::access_package(
            &conn,
            facts.long_history,
            &out.path().join(format!("plain-{n}")),
        )
    })?;
    rows.push(
        Row::new(
            format!("access package, {LONG_HISTORY_EVENTS}+ consent events"),
            size,
            Value::Time(ours),
        )
        .plain(Value::Time(theirs)),
    );

    eprintln!("  retention sweep");
    let today = Local::now().date_naive();
    let mut report = None;
    let ours = times(3, || {
        report = Some(
            session
                .retention()
                .sweep_plan(today, &Progress::default())?,
        );
        Ok(())
    })?;
    let report = report.ok_or("no dry run")?;
    let theirs = time_median(3, || plain_sweep::sweep_plan(&conn, today))?;
    rows.push(
        Row::new("retention sweep, dry run", size, Value::Time(median(&ours)))
            .plain(Value::Time(theirs))
            .target(Target::Under(Value::Time(Duration::from_secs(3)))),
    );
    let started = Instant::now();
    let applied = session
        .retention()
        .apply_sweep(today, &Progress::default())?;
    let ours = started.elapsed();
    let started = Instant::now();
    plain_sweep::sweep_apply(&mut conn, today, &report)?;
    let theirs = started.elapsed();
    rows.push(
        Row::new(
            format!("retention sweep, applied ({} records)", applied.total_due()),
            size,
            Value::Time(ours),
        )
        .plain(Value::Time(theirs)),
    );
    Ok(rows)
}
