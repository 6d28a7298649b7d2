//! The storage operations, each on the unlocked work store and on its plain copy: unlock,
//! exact email lookup, the search index, substring search, a page of the register, the access
//! package, and the retention sweep's dry run and application (last: it changes both copies).

use std::time::{Duration, Instant};

use chrono::Local;
use privacy_desk::crypto::{KdfParams, Passphrase, derive_kek};
use privacy_desk::jobs::Progress;
use privacy_desk::services::{Session, Via};

use super::common::PASS;
use super::stores::{Facts, LONG_HISTORY_EVENTS, WorkCopy, bench_root};
use super::table::{Row, Target, Value, median, time_median, times};
use super::{Res, plain, plain_sweep};

/// Matches a substring search opens and shows (the window's limit).
const SHOWN: usize = 200;

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

    let mut session = unlock(&work.store)?;
    let mut conn = plain::open(&work.plain)?;

    eprintln!("  exact email lookup");
    for email in &facts.emails {
        session.find_subjects_by_email(email)?;
        plain::lookup(&conn, email)?;
    }
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    for email in &facts.emails {
        let started = Instant::now();
        let found = session.find_subjects_by_email(email)?;
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
        .search_index_builder()?
        .build(&Progress::default())?;
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    for query in &facts.queries {
        let started = Instant::now();
        let (ids, _total) = index.search(query, SHOWN);
        for id in ids {
            std::hint::black_box(session.subject(id)?);
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

    eprintln!("  a page of the register");
    let middle = i64::try_from(size / 2)?;
    let ours = time_median(5, || {
        session.subject_count()?;
        Ok(session.subject_page(middle, 200)?)
    })?;
    let theirs = time_median(5, || {
        let count: i64 = conn.query_row("SELECT COUNT(*) FROM subjects", [], |r| r.get(0))?;
        let mut stmt = conn.prepare_cached(
            "SELECT id, email, name, phone, postal_address, customer_ref, notes, tags, created_at
             FROM subjects ORDER BY rowid LIMIT 200 OFFSET ?1",
        )?;
        let rows = stmt
            .query_map([middle], |r| r.get::<_, Vec<u8>>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok((count, rows))
    })?;
    rows.push(
        Row::new(
            "open 200 rows at the middle of the register",
            size,
            Value::Time(ours),
        )
        .plain(Value::Time(theirs)),
    );

    eprintln!("  access package");
    let out = tempfile::tempdir_in(bench_root())?;
    let mut n = 0;
    let ours = time_median(3, || {
        n += 1;
        let dir = out.path().join(format!("ours-{n}"));
        Ok(session.export_access_package(facts.long_history, &dir, None, &Progress::default())?)
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
        report = Some(session.sweep_plan(today, &Progress::default())?);
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
    let applied = session.apply_sweep(today, &Progress::default())?;
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
