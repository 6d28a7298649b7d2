//! `export pseudonymised` and `export reidentify` on the command line: the k figure printed,
//! the refusal under the threshold without `--accept-low-k`, unknown fields named, and a
//! pseudonym from the file traced back to its person.

use crate::common::{PASS, run};
use crate::pseudonymised_export::{desk, rows};

#[test]
fn the_command_line_prints_k_refuses_under_it_and_finds_the_person() {
    let d = desk();
    drop(d.session);
    let pass_file = d.store.secret_file("owner-pass.txt", PASS);
    let out = d.store.dir.path().join("cli.csv");
    let args = |extra: &[&str]| {
        let mut cmd = d.store.cli_with(&pass_file);
        cmd.args([
            "export",
            "pseudonymised",
            "--recipient",
            "Acme Analytics",
            "--fields",
            "email-domain,consent:newsletter",
            "--quasi",
            "email-domain",
            "--out",
        ])
        .arg(&out)
        .args(extra);
        run(&mut cmd)
    };
    let refused = args(&[]);
    assert_eq!(refused.code, Some(1), "{refused:?}");
    assert!(refused.stderr.contains("k = 1 over 12 rows"), "{refused:?}");
    assert!(refused.stderr.contains("--accept-low-k"), "{refused:?}");
    assert!(!out.exists());
    let written = args(&["--accept-low-k", "--dates", "year"]);
    assert_eq!(written.code, Some(0), "{written:?}");
    assert!(written.stdout.contains("k = 1 over 12 rows"), "{written:?}");
    assert!(
        written.stderr.contains("under the threshold"),
        "{written:?}"
    );
    let rows = rows(&out);
    assert_eq!(rows.len(), 12);
    let bad = run(d.store.cli_with(&pass_file).args([
        "export",
        "pseudonymised",
        "--recipient",
        "Acme",
        "--fields",
        "email",
        "--out",
        "x.csv",
    ]));
    assert_eq!(bad.code, Some(1), "{bad:?}");
    assert!(
        bad.stderr.contains("--fields") && bad.stderr.contains("email-domain"),
        "{bad:?}"
    );
    // Somebody's pseudonym, traced back.
    let found = run(d.store.cli_with(&pass_file).args([
        "export",
        "reidentify",
        "--recipient",
        "acme analytics",
        "--pseudonym",
        &rows[0][0],
    ]));
    assert_eq!(found.code, Some(0), "{found:?}");
    assert!(
        found.stdout.contains("@") && found.stdout.contains("example"),
        "{found:?}"
    );
    let missing = run(d.store.cli_with(&pass_file).args([
        "export",
        "reidentify",
        "--recipient",
        "someone else",
        "--pseudonym",
        &rows[0][0],
    ]));
    assert_eq!(missing.code, Some(1), "{missing:?}");
    assert!(
        missing.stderr.contains("no subject has the pseudonym"),
        "{missing:?}"
    );
}
