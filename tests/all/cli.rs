//! The built `privacy-desk` binary: exit statuses (0 success, 1 error, 2 usage), messages on
//! stderr, `init`, `status --json`, `audit verify`, `audit export`.

use std::fs;

use crate::common::{PASS, TempStore, bare_cli, cli_init, draft, recovery_code_in, run};

#[test]
fn init_prints_a_recovery_code_once_and_creates_the_store() {
    let store = TempStore::new();
    let out = cli_init(&store);
    assert_eq!(out.code, Some(0), "{out:?}");
    let code = recovery_code_in(&out.stdout).expect("a recovery code line");
    assert_eq!(code.len(), 39);
    assert_eq!(out.stdout.matches(&code).count(), 1, "{out:?}");
    assert!(!out.stdout.contains(PASS) && !out.stderr.contains(PASS));
    assert!(store.path.is_file());
    let session = store.unlock(PASS).unwrap();
    let status = session.settings().status().unwrap();
    assert_eq!(status.kdf_memory_kib, 19 * 1024);
    assert_eq!(status.kdf_iterations, 2);
}

#[test]
fn init_on_an_existing_store_refuses_and_changes_nothing() {
    let store = TempStore::new();
    assert_eq!(cli_init(&store).code, Some(0));
    let before = store.hash();
    let out = cli_init(&store);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stderr.contains("already exists"), "{out:?}");
    assert!(recovery_code_in(&out.stdout).is_none(), "{out:?}");
    assert_eq!(store.hash(), before);
    drop(store.unlock(PASS).unwrap());
}

#[test]
fn init_refuses_weak_kdf_parameters_and_short_passphrases() {
    let store = TempStore::new();
    let pass_file = store.secret_file("pass.txt", PASS);
    let out = run(store.cli_with(&pass_file).args([
        "init",
        "--kdf-memory-mib",
        "8",
        "--kdf-iterations",
        "2",
    ]));
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stderr.contains("below the safety floor"), "{out:?}");
    assert!(!store.path.exists());

    let short = store.secret_file("short.txt", "hunter2");
    let out = run(store.cli_with(&short).args([
        "init",
        "--kdf-memory-mib",
        "19",
        "--kdf-iterations",
        "2",
    ]));
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stderr.contains("at least 12"), "{out:?}");
    assert!(!store.path.exists());
}

#[test]
fn status_json_has_the_summary() {
    let store = TempStore::new();
    {
        let (session, _) = store.create();
        session
            .subjects()
            .add_subject(&draft("Ada Lovelace", "ada@example.org"))
            .unwrap();
        session
            .subjects()
            .add_subject(&draft("Grace Hopper", "grace@example.org"))
            .unwrap();
    }
    let pass_file = store.secret_file("pass.txt", PASS);
    let out = run(store.cli_with(&pass_file).args(["status", "--json"]));
    assert_eq!(out.code, Some(0), "{out:?}");
    let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("status --json is JSON");
    assert_eq!(json["path"], store.path.display().to_string());
    assert_eq!(
        json["schema_version"],
        privacy_desk::store::migrations::LATEST_VERSION
    );
    assert_eq!(json["counts"]["subjects"], 2);
    // store.created, purposes.adopted, two subjects, and this command's unlock.
    assert_eq!(json["counts"]["audit_entries"], 5);

    let out = run(store.cli_with(&pass_file).arg("status"));
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(out.stdout.contains("Data subjects:   2"), "{out:?}");
}

#[test]
fn the_passphrase_can_come_from_the_environment() {
    let store = TempStore::new().created();
    let out = run(store
        .cli()
        .env("PRIVACY_DESK_PASSPHRASE", PASS)
        .args(["status", "--json"]));
    assert_eq!(out.code, Some(0), "{out:?}");
    // The file option wins over the variable.
    let wrong_file = store.secret_file("wrong.txt", "definitely the wrong one");
    let out = run(store
        .cli()
        .env("PRIVACY_DESK_PASSPHRASE", PASS)
        .arg("--passphrase-file")
        .arg(&wrong_file)
        .arg("status"));
    assert_eq!(out.code, Some(1), "{out:?}");
}

#[test]
fn a_wrong_passphrase_exits_1_and_says_so() {
    let store = TempStore::new().created();
    let audit_before: i64 = store
        .raw()
        .query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0))
        .unwrap();
    let wrong = store.secret_file("wrong.txt", "definitely the wrong one");
    let out = run(store.cli_with(&wrong).arg("status"));
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stderr.contains("does not open"), "{out:?}");
    assert!(out.stdout.is_empty(), "{out:?}");
    let (audit_after, failures): (i64, i64) = store
        .raw()
        .query_row(
            "SELECT (SELECT COUNT(*) FROM audit_log), (SELECT failed_attempts FROM users)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        audit_after, audit_before,
        "a failed sign-in writes no audit entry"
    );
    assert_eq!(failures, 1, "the failed attempt is counted");
}

#[test]
fn no_passphrase_and_no_terminal_says_how_to_give_one() {
    let store = TempStore::new().created();
    let out = run(store.cli().arg("status"));
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stderr.contains("--passphrase-file"), "{out:?}");
    assert!(out.stderr.contains("PRIVACY_DESK_PASSPHRASE"), "{out:?}");
}

#[test]
fn a_missing_passphrase_file_or_store_is_an_error_not_a_crash() {
    let store = TempStore::new();
    let missing = store.dir.path().join("nope.txt");
    let out = run(store.cli_with(&missing).arg("status"));
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stderr.contains("nope.txt"), "{out:?}");

    let pass_file = store.secret_file("pass.txt", PASS);
    let out = run(store.cli_with(&pass_file).arg("status"));
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stderr.contains("no Privacy Desk store"), "{out:?}");
    assert!(!store.path.exists());
}

#[test]
fn audit_verify_reports_an_intact_chain() {
    let store = TempStore::new().created();
    let pass_file = store.secret_file("pass.txt", PASS);
    let out = run(store.cli_with(&pass_file).args(["audit", "verify"]));
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(out.stdout.contains("intact"), "{out:?}");

    let out = run(store
        .cli_with(&pass_file)
        .args(["audit", "verify", "--json"]));
    assert_eq!(out.code, Some(0), "{out:?}");
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert!(json["first_break"].is_null(), "{json}");
    assert_eq!(json["checked"], 4);
}

#[test]
fn audit_export_writes_json_with_the_head() {
    let store = TempStore::new();
    {
        let (session, _) = store.create();
        session
            .subjects()
            .add_subject(&draft("Ada Lovelace", "ada@example.org"))
            .unwrap();
    }
    let pass_file = store.secret_file("pass.txt", PASS);
    let out_file = store.dir.path().join("x.json");
    let out = run(store
        .cli_with(&pass_file)
        .args(["audit", "export", "--out"])
        .arg(&out_file));
    assert_eq!(out.code, Some(0), "{out:?}");
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&out_file).unwrap()).expect("export is JSON");
    let entries = json["entries"].as_array().expect("entries");
    // store.created, purposes.adopted, subject.created, the export's unlock.
    assert_eq!(entries.len(), 4);
    assert_eq!(json["head"]["seq"], 4);
    assert_eq!(json["head"]["seq"], entries.len());
    assert_eq!(entries.last().unwrap()["seq"], json["head"]["seq"]);
    assert_eq!(entries.last().unwrap()["mac"], json["head"]["mac"]);
    assert_eq!(entries[2]["action"], "subject.created");
    assert!(!fs::read_to_string(&out_file).unwrap().contains("Ada"));
    assert!(!store.dir.path().join("x.json.partial").exists());

    // The export itself is recorded.
    let session = store.unlock(PASS).unwrap();
    let recent = session
        .audit()
        .audit_page(&Default::default(), 0, 2)
        .unwrap();
    assert_eq!(recent[1].action, "audit.exported");
}

#[test]
fn audit_export_writes_csv_with_a_header_and_a_head_row() {
    let store = TempStore::new().created();
    let pass_file = store.secret_file("pass.txt", PASS);
    let out_file = store.dir.path().join("x.csv");
    let out = run(store
        .cli_with(&pass_file)
        .args(["audit", "export", "--out"])
        .arg(&out_file));
    assert_eq!(out.code, Some(0), "{out:?}");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(&out_file)
        .unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(&rows[0][0], "seq");
    assert_eq!(&rows[0][1], "at");
    // header, store.created, purposes.adopted, the export's unlock, HEAD
    assert_eq!(rows.len(), 5, "{rows:?}");
    let head = rows.last().unwrap();
    assert_eq!(&head[0], "HEAD");
    assert_eq!(&head[7], "3", "the head names the last entry: {head:?}");
    assert_eq!(
        &rows[3][10], &head[10],
        "the head MAC is the last entry's MAC"
    );
}

#[test]
fn audit_export_to_another_extension_is_refused() {
    let store = TempStore::new().created();
    let pass_file = store.secret_file("pass.txt", PASS);
    let out_file = store.dir.path().join("x.txt");
    let out = run(store
        .cli_with(&pass_file)
        .args(["audit", "export", "--out"])
        .arg(&out_file));
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stderr.contains(".csv or .json"), "{out:?}");
    assert!(!out_file.exists());
    assert!(!store.dir.path().join("x.txt.partial").exists());
}

#[test]
fn usage_errors_exit_2_and_version_exits_0() {
    let store = TempStore::new();
    let out = run(store.cli().arg("frobnicate"));
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(!out.stderr.is_empty());
    assert!(!store.path.exists());

    let out = run(store.cli().args(["audit", "export"]));
    assert_eq!(
        out.code,
        Some(2),
        "a missing --out is a usage error: {out:?}"
    );

    let out = run(store.cli().args(["status", "--no-such-flag"]));
    assert_eq!(out.code, Some(2), "{out:?}");

    let out = run(bare_cli().arg("--version"));
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(out.stdout.contains(env!("CARGO_PKG_VERSION")), "{out:?}");

    let out = run(bare_cli().arg("--help"));
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(out.stdout.contains("init"), "{out:?}");
}
