//! `import consent` on the command line: counts on success, exit 1 listing
//! `file:line: column: problem` when anything is invalid, --purpose rules, --skip-invalid's
//! rejected file beside the input, and the store unchanged after a refused import.

use std::path::{Path, PathBuf};

use crate::common::{PASS, Run, TempStore, cli_init, query_i64, run};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

struct Desk {
    store: TempStore,
    pass_file: PathBuf,
}

impl Desk {
    fn new() -> Self {
        let store = TempStore::new();
        let out = cli_init(&store);
        assert_eq!(out.code, Some(0), "{out:?}");
        let pass_file = store.secret_file("owner-pass.txt", PASS);
        Self { store, pass_file }
    }

    fn import(&self, file: &Path, args: &[&str]) -> Run {
        run(self
            .store
            .cli_with(&self.pass_file)
            .args(["import", "consent"])
            .arg(file)
            .args(args))
    }

    fn counts(&self) -> (i64, i64) {
        let conn = self.store.raw();
        (
            query_i64(&conn, "SELECT COUNT(*) FROM subjects"),
            query_i64(&conn, "SELECT COUNT(*) FROM consent_events"),
        )
    }
}

#[test]
fn a_mailchimp_export_imports_and_prints_the_counts() {
    let desk = Desk::new();
    let out = desk.import(
        &data("mailchimp_subscribed.csv"),
        &["--preset", "mailchimp", "--purpose", "newsletter"],
    );
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(
        out.stdout
            .contains("(mailchimp subscribed file): 6 rows read"),
        "{out:?}"
    );
    assert!(
        out.stdout.contains("subjects created:          6"),
        "{out:?}"
    );
    assert!(out.stderr.contains("warning: ignored columns"), "{out:?}");
    assert!(
        !out.stderr.contains("rows \r"),
        "no progress line when stderr is not a terminal"
    );
    assert_eq!(desk.counts(), (6, 6));

    let out = run(desk.store.cli_with(&desk.pass_file).args([
        "subject",
        "show",
        "aiko.tanaka@example.jp",
        "--json",
    ]));
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["consents"][0]["state"], "given");
    assert_eq!(json["consents"][0]["channel"], "double-opt-in-email");
}

#[test]
fn invalid_rows_exit_1_listing_file_line_column_and_change_nothing() {
    let desk = Desk::new();
    let before = desk.counts();
    let file = data("bad_rows.csv");
    let out = desk.import(&file, &["--preset", "generic", "--purpose", "newsletter"]);
    assert_eq!(out.code, Some(1), "{out:?}");
    let name = file.display().to_string();
    for expected in [
        format!("{name}:3: email: does not look like an email address"),
        format!("{name}:4: state: \"perhaps\" is not a state"),
        format!("{name}:9: notice_version: notice version 7 does not exist yet"),
        format!("{name}:10: email: empty"),
    ] {
        assert!(out.stderr.contains(&expected), "{expected}\n{out:?}");
    }
    assert!(
        out.stderr
            .contains("9 rows are invalid, so nothing was imported"),
        "{out:?}"
    );
    assert_eq!(desk.counts(), before);

    let out = desk.import(
        &data("bad_latin1.csv"),
        &["--preset", "generic", "--purpose", "newsletter"],
    );
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(
        out.stderr
            .contains("bad_latin1.csv:3: not UTF-8; save the file as UTF-8"),
        "{out:?}"
    );
}

#[test]
fn purpose_is_required_for_mailchimp_and_for_generic_files_without_a_purpose_column() {
    let desk = Desk::new();
    let out = desk.import(&data("mailchimp_cleaned.csv"), &["--preset", "mailchimp"]);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stderr.contains("--purpose"), "{out:?}");
    let out = desk.import(&data("generic_crlf_bom.csv"), &["--preset", "generic"]);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stderr.contains("purpose column"), "{out:?}");
    let out = desk.import(
        &data("generic.csv"),
        &["--preset", "hubspot", "--purpose", "newsletter"],
    );
    assert_eq!(out.code, Some(2), "{out:?}");
    assert_eq!(desk.counts(), (0, 0));
}

#[test]
fn skip_invalid_writes_the_rejected_rows_beside_the_input() {
    let desk = Desk::new();
    let input = desk.store.dir.path().join("bad_rows.csv");
    std::fs::copy(data("bad_rows.csv"), &input).unwrap();
    let out = desk.import(
        &input,
        &[
            "--preset",
            "generic",
            "--purpose",
            "newsletter",
            "--skip-invalid",
        ],
    );
    assert_eq!(out.code, Some(0), "{out:?}");
    let rejected = desk.store.dir.path().join("bad_rows.rejected.csv");
    assert!(
        out.stdout.contains("rejected:                  9"),
        "{out:?}"
    );
    assert!(
        out.stdout.contains(&rejected.display().to_string()),
        "{out:?}"
    );
    let text = std::fs::read_to_string(&rejected).unwrap();
    assert!(
        text.starts_with("email,name,purpose,state,timestamp,channel,notice_version,reason"),
        "{text}"
    );
    assert!(
        text.contains("line 8: purpose: \"\"lottery\"\" is not a purpose"),
        "{text}"
    );
    assert_eq!(desk.counts(), (2, 2));

    let mapped = desk.import(
        &data("generic_mapped.csv"),
        &[
            "--preset",
            "generic",
            "--purpose",
            "newsletter",
            "--mapping",
            data("mapping.toml").to_str().unwrap(),
        ],
    );
    assert_eq!(mapped.code, Some(0), "{mapped:?}");
    assert_eq!(desk.counts(), (4, 4));
}

/// Regression: with CRLF line endings the csv reader counts a row's line one short; errors must
/// still name the line a person sees in an editor, as for LF files.
#[test]
fn error_lines_are_right_for_crlf_lf_and_bom_files_with_quoted_newlines() {
    let desk = Desk::new();
    for (name, newline, bom) in [
        ("lf.csv", "\n", ""),
        ("crlf.csv", "\r\n", ""),
        ("bom_crlf.csv", "\r\n", "\u{feff}"),
    ] {
        let body = [
            "email,name,state",
            "ok@example.org,\"Two\nlines\",given",
            "bad-email,Bad,given",
            "other@example.org,Other,sometimes",
        ]
        .join(newline);
        let file = desk.store.dir.path().join(name);
        std::fs::write(&file, format!("{bom}{body}{newline}")).unwrap();
        let out = desk.import(&file, &["--preset", "generic", "--purpose", "newsletter"]);
        assert_eq!(out.code, Some(1), "{out:?}");
        // The quoted name spans lines 2–3, so the bad email is on line 4 and the bad state on 5.
        assert!(
            out.stderr.contains(&format!("{name}:4: email")),
            "{name}: {out:?}"
        );
        assert!(
            out.stderr.contains(&format!("{name}:5: state")),
            "{name}: {out:?}"
        );
    }
    assert_eq!(desk.counts(), (0, 0));
}

#[test]
fn a_cleaned_address_shows_as_undeliverable_not_withdrawn() {
    let desk = Desk::new();
    let out = desk.import(
        &data("mailchimp_cleaned.csv"),
        &["--preset", "mailchimp", "--purpose", "newsletter"],
    );
    assert_eq!(out.code, Some(0), "{out:?}");
    let out = run(desk.store.cli_with(&desk.pass_file).args([
        "subject",
        "show",
        "oleg.petrov@example.ru",
        "--json",
    ]));
    assert_eq!(out.code, Some(0), "{out:?}");
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["undeliverable_since"], "2024-09-01T06:00:00Z");
    let withdrawn = json["consents"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["state"] == "withdrawn");
    assert!(!withdrawn, "bouncing is not a withdrawal: {json}");
}

#[test]
fn the_preset_is_told_from_the_header_unless_given() {
    // Each Mailchimp file and the generic file import without --preset, saying why.
    for (file, preset, why) in [
        (
            "mailchimp_subscribed.csv",
            "mailchimp",
            "\"Email Address\" and OPTIN_TIME, CONFIRM_TIME",
        ),
        ("mailchimp_unsubscribed.csv", "mailchimp", "UNSUB_TIME"),
        ("mailchimp_cleaned.csv", "mailchimp", "CLEAN_TIME"),
        ("generic.csv", "generic", "a column named email"),
    ] {
        let desk = Desk::new();
        let out = desk.import(&data(file), &["--purpose", "newsletter"]);
        assert_eq!(out.code, Some(0), "{file}: {out:?}");
        assert!(
            out.stderr
                .contains(&format!("preset {preset}: the header has")),
            "{file}: {out:?}"
        );
        assert!(out.stderr.contains(why), "{file}: {out:?}");
        assert!(desk.counts().0 > 0, "{file}");
    }

    // --preset still wins: a Mailchimp file read as generic lacks an email column.
    let desk = Desk::new();
    let out = desk.import(
        &data("mailchimp_subscribed.csv"),
        &["--preset", "generic", "--purpose", "newsletter"],
    );
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stderr.contains("email"), "{out:?}");
    assert!(!out.stderr.contains("preset mailchimp"), "{out:?}");
    assert_eq!(desk.counts(), (0, 0));

    // A header no preset knows: the message lists the presets and what each expects, and
    // nothing is imported.
    let out = desk.import(&data("generic_mapped.csv"), &["--purpose", "newsletter"]);
    assert_eq!(out.code, Some(1), "{out:?}");
    for expected in [
        "no preset recognises its header (\"Kundennummer\", \"E-Mail-Adresse\"",
        "mailchimp: \"Email Address\" and one of OPTIN_TIME",
        "generic: a column named email",
        "--mapping FILE",
        "Nothing was imported.",
    ] {
        assert!(out.stderr.contains(expected), "{expected:?}: {out:?}");
    }
    assert_eq!(desk.counts(), (0, 0));

    // With a mapping, the same file is read by the generic preset.
    let out = desk.import(
        &data("generic_mapped.csv"),
        &[
            "--mapping",
            data("mapping.toml").to_str().unwrap(),
            "--purpose",
            "newsletter",
        ],
    );
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(
        out.stderr.contains("preset generic: a --mapping"),
        "{out:?}"
    );
}
