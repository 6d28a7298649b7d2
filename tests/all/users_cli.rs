//! Several people, one store (CLI level): `user add | list | remove | role`, `--user NAME`
//! on every command, `init --user`, and the per-user activity export.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{PASS, Run, TempStore, cli_init, query_i64, recovery_code_in, run};

/// Sam's passphrase.
const SAM: &str = "sam keeps the ledger tidy";

/// A store made by `init` (owner "owner", [`PASS`]), with the owner's passphrase file and
/// sam's.
struct Team {
    store: TempStore,
    owner_file: PathBuf,
    sam_file: PathBuf,
}

impl Team {
    fn new() -> Self {
        let store = TempStore::new();
        let out = cli_init(&store);
        assert_eq!(out.code, Some(0), "{out:?}");
        let owner_file = store.secret_file("owner-pass.txt", PASS);
        let sam_file = store.secret_file("sam-pass.txt", SAM);
        Self {
            store,
            owner_file,
            sam_file,
        }
    }

    /// Runs a command as the owner (the default user).
    fn owner(&self, args: &[&str]) -> Run {
        run(self.store.cli_with(&self.owner_file).args(args))
    }

    /// Runs a command as sam, with sam's passphrase.
    fn sam(&self, args: &[&str]) -> Run {
        run(self
            .store
            .cli_with(&self.sam_file)
            .args(["--user", "sam"])
            .args(args))
    }

    /// `user add --name NAME --role ROLE --new-passphrase-file FILE` as the owner.
    fn add(&self, name: &str, role: &str, passphrase_file: &Path) -> Run {
        run(self
            .store
            .cli_with(&self.owner_file)
            .args(["user", "add", "--name", name, "--role", role])
            .arg("--new-passphrase-file")
            .arg(passphrase_file))
    }

    fn add_sam(&self, role: &str) {
        let out = self.add("sam", role, &self.sam_file);
        assert_eq!(out.code, Some(0), "{out:?}");
    }

    /// `user list --json` as the owner: (name, role, failed_attempts, last_failed_at).
    fn users(&self) -> Vec<(String, String, u64, Option<String>)> {
        let out = self.owner(&["user", "list", "--json"]);
        assert_eq!(out.code, Some(0), "{out:?}");
        users_in(&out.stdout)
    }

    fn user_count(&self) -> i64 {
        query_i64(&self.store.raw(), "SELECT COUNT(*) FROM users")
    }
}

fn users_in(json: &str) -> Vec<(String, String, u64, Option<String>)> {
    let value: serde_json::Value = serde_json::from_str(json).expect("user list --json is JSON");
    value
        .as_array()
        .expect("a list of users")
        .iter()
        .map(|u| {
            (
                u["name"].as_str().expect("name").to_owned(),
                u["role"].as_str().expect("role").to_owned(),
                u["failed_attempts"].as_u64().expect("failed_attempts"),
                u["last_failed_at"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

fn assert_refused(out: &Run, needle: &str) {
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stderr.contains(needle), "expected {needle:?}: {out:?}");
}

#[test]
fn user_add_list_and_sign_in_as_another_user() {
    let team = Team::new();
    let out = team.add("sam", "officer", &team.sam_file);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(out.stdout.contains("sam"), "{out:?}");
    assert!(!out.stdout.contains(SAM) && !out.stderr.contains(SAM));

    assert_eq!(
        team.users(),
        vec![
            ("owner".into(), "owner".into(), 0, None),
            ("sam".into(), "officer".into(), 0, None),
        ]
    );
    let out = team.owner(&["user", "list", "--json"]);
    assert!(
        !out.stdout.contains("wrapped") && !out.stdout.contains("salt"),
        "no key material in the list: {out:?}"
    );
    let out = team.owner(&["user", "list"]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(out.stdout.contains("Privacy officer"), "{out:?}");

    // Sam signs in with sam's passphrase file.
    let out = team.sam(&["status", "--json"]);
    assert_eq!(out.code, Some(0), "{out:?}");
    let status: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(status["counts"]["users"], 2);
    // `--user` may also follow the command.
    let out = run(team
        .store
        .cli_with(&team.sam_file)
        .args(["status", "--user", "sam"]));
    assert_eq!(out.code, Some(0), "{out:?}");

    // Sam's passphrase does not open the owner's wrap, nor the owner's sam's.
    let out = run(team.store.cli_with(&team.sam_file).arg("status"));
    assert_refused(&out, "does not open");
    let out = run(team
        .store
        .cli_with(&team.owner_file)
        .args(["--user", "sam", "status"]));
    assert_refused(&out, "does not open");
    let users = team.users();
    assert_eq!(users[1].0, "sam");
    assert_eq!(users[1].2, 1, "sam's failed attempt is counted");
    assert!(users[1].3.is_some(), "and its time is shown");

    // A name that is not a user.
    let out = run(team
        .store
        .cli_with(&team.sam_file)
        .args(["--user", "samuel", "status"]));
    assert_refused(&out, "no user called samuel");

    // Adding the same name again, in another case, is refused.
    let out = team.add("SAM", "auditor", &team.sam_file);
    assert_refused(&out, "already a user");
    let out = team.add("sam@example.org", "auditor", &team.sam_file);
    assert_refused(&out, "User name");
    assert_eq!(team.user_count(), 2);
}

#[test]
fn a_role_without_the_permission_is_refused_with_a_sentence() {
    let team = Team::new();
    team.add_sam("officer");
    let kim_file = team
        .store
        .secret_file("kim-pass.txt", "kim's own passphrase");

    let out = run(team
        .store
        .cli_with(&team.sam_file)
        .args([
            "--user", "sam", "user", "add", "--name", "kim", "--role", "auditor",
        ])
        .arg("--new-passphrase-file")
        .arg(&kim_file));
    assert_refused(&out, "does not allow");
    assert!(out.stderr.contains("manage users"), "{out:?}");
    assert_eq!(team.user_count(), 2);
    assert_refused(&team.sam(&["user", "list"]), "does not allow");
    assert_refused(
        &team.sam(&["user", "role", "sam", "owner"]),
        "does not allow",
    );
    assert_refused(&team.sam(&["user", "remove", "owner"]), "does not allow");

    // An officer may edit the profile …
    let out = team.sam(&[
        "profile",
        "set",
        "--name",
        "Acme Bakery Ltd",
        "--controller-name",
        "Front Office",
        "--controller-email",
        "office@example.org",
        "--controller-address",
        "1 High Street, Testington",
        "--regime",
        "gdpr",
    ]);
    assert_eq!(out.code, Some(0), "{out:?}");

    // … an auditor may not, but may still read and verify.
    let out = team.owner(&["user", "role", "sam", "auditor"]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(out.stdout.contains("Auditor"), "{out:?}");
    assert_eq!(team.users()[1].1, "auditor");
    let out = team.sam(&["profile", "set", "--name", "X"]);
    assert_refused(&out, "does not allow");
    assert!(out.stderr.contains("Auditor"), "{out:?}");
    let out = team.sam(&["profile", "show", "--json"]);
    assert_eq!(out.code, Some(0), "{out:?}");
    let profile: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        profile["name"], "Acme Bakery Ltd",
        "the refusal changed nothing"
    );
    assert_eq!(team.sam(&["audit", "verify"]).code, Some(0));
}

#[test]
fn a_removed_user_can_no_longer_sign_in() {
    let team = Team::new();
    team.add_sam("assistant");
    assert_eq!(team.sam(&["status"]).code, Some(0));

    let out = team.owner(&["user", "remove", "sam"]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(
        team.users(),
        vec![("owner".into(), "owner".into(), 0, None)]
    );
    let out = team.sam(&["status"]);
    assert_refused(&out, "no user called sam");
    assert!(out.stdout.is_empty(), "{out:?}");
    // Removing again: there is no such user.
    assert_refused(
        &team.owner(&["user", "remove", "sam"]),
        "no user called sam",
    );
    assert_eq!(team.owner(&["status"]).code, Some(0));
}

#[test]
fn the_last_owner_stays_and_bad_roles_are_usage_errors() {
    let team = Team::new();
    assert_refused(
        &team.owner(&["user", "role", "owner", "officer"]),
        "last owner",
    );
    assert_refused(&team.owner(&["user", "remove", "owner"]), "yourself");
    assert_eq!(team.users()[0].1, "owner");

    let out = team.add("sam", "admin", &team.sam_file);
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(out.stderr.contains("not a role"), "{out:?}");
    let out = team.owner(&["user", "role", "owner", "superuser"]);
    assert_eq!(out.code, Some(2), "{out:?}");
    assert_eq!(team.user_count(), 1);

    // Role codes are accepted in any case.
    let out = team.add("sam", "OFFICER", &team.sam_file);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(team.users()[1].1, "officer");
}

#[test]
fn the_activity_export_holds_only_that_users_entries() {
    let team = Team::new();
    team.add_sam("officer");
    assert_eq!(team.sam(&["status"]).code, Some(0));
    assert_eq!(team.sam(&["audit", "verify"]).code, Some(0));
    assert_eq!(team.owner(&["status"]).code, Some(0));

    let out_file = team.store.dir.path().join("sam-activity.json");
    let out = run(team
        .store
        .cli_with(&team.owner_file)
        .args(["audit", "export", "--out"])
        .arg(&out_file)
        .args([
            "--actor",
            "sam",
            "--from",
            "2000-01-01",
            "--until",
            "2999-12-31",
        ]));
    assert_eq!(out.code, Some(0), "{out:?}");
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&out_file).unwrap()).expect("export is JSON");
    assert_eq!(json["filter"]["actor"], "sam");
    assert_eq!(json["filter"]["from"], "2000-01-01");
    assert_eq!(json["filter"]["until"], "2999-12-31");
    let entries = json["entries"].as_array().expect("entries");
    assert_eq!(entries.len(), 2, "sam's two sign-ins: {json}");
    for e in entries {
        assert_eq!(e["actor"], "sam", "{e}");
        assert_eq!(e["action"], "session.unlocked", "{e}");
    }

    // A period with nothing of sam's in it.
    let empty_file = team.store.dir.path().join("empty.json");
    let out = run(team
        .store
        .cli_with(&team.owner_file)
        .args(["audit", "export", "--out"])
        .arg(&empty_file)
        .args(["--actor", "sam", "--until", "2000-01-01"]));
    assert_eq!(out.code, Some(0), "{out:?}");
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&empty_file).unwrap()).unwrap();
    assert_eq!(json["entries"].as_array().map(Vec::len), Some(0), "{json}");

    // A date that is not a date is a usage error; nothing is written.
    let bad_file = team.store.dir.path().join("bad.json");
    let before = team.store.hash();
    let out = run(team
        .store
        .cli_with(&team.owner_file)
        .args(["audit", "export", "--out"])
        .arg(&bad_file)
        .args(["--actor", "sam", "--from", "2026-13-01"]));
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(out.stderr.contains("not a date"), "{out:?}");
    assert!(!bad_file.exists());
    assert_eq!(team.store.hash(), before);
}

#[test]
fn init_with_a_user_name_makes_that_user_the_owner() {
    let store = TempStore::new();
    let pass_file = store.secret_file("pass.txt", PASS);
    let out = run(store.cli_with(&pass_file).args([
        "--user",
        "alice",
        "init",
        "--kdf-memory-mib",
        "19",
        "--kdf-iterations",
        "2",
    ]));
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(out.stdout.contains("alice"), "{out:?}");
    assert!(recovery_code_in(&out.stdout).is_some(), "{out:?}");

    // Without --user the only user is chosen.
    let out = run(store.cli_with(&pass_file).args(["user", "list", "--json"]));
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(
        users_in(&out.stdout),
        vec![("alice".into(), "owner".into(), 0, None)]
    );
    let out = run(store
        .cli_with(&pass_file)
        .args(["--user", "alice", "status"]));
    assert_eq!(out.code, Some(0), "{out:?}");
    let out = run(store
        .cli_with(&pass_file)
        .args(["--user", "owner", "status"]));
    assert_refused(&out, "no user called owner");

    // An invalid owner name creates nothing.
    let other = TempStore::new();
    let pass_file = other.secret_file("pass.txt", PASS);
    let out = run(other.cli_with(&pass_file).args([
        "--user",
        "alice@example.org",
        "init",
        "--kdf-memory-mib",
        "19",
        "--kdf-iterations",
        "2",
    ]));
    assert_refused(&out, "User name");
    assert!(!other.path.exists());
}

#[test]
fn recover_through_the_cli_is_for_owners_and_passphrase_change_is_per_user() {
    let store = TempStore::new();
    let out = cli_init(&store);
    assert_eq!(out.code, Some(0), "{out:?}");
    let code = recovery_code_in(&out.stdout).expect("a recovery code");
    let team = Team {
        owner_file: store.secret_file("owner-pass.txt", PASS),
        sam_file: store.secret_file("sam-pass.txt", SAM),
        store,
    };
    team.add_sam("officer");
    let code_file = team.store.secret_file("code.txt", &code);
    let new_file = team
        .store
        .secret_file("new.txt", "a new passphrase for someone");

    let before = team.store.hash();
    let out = run(team
        .store
        .cli()
        .args(["--user", "sam", "recover", "--recovery-code-file"])
        .arg(&code_file)
        .arg("--new-passphrase-file")
        .arg(&new_file));
    assert_refused(&out, "owner");
    assert_eq!(
        team.store.hash(),
        before,
        "a refused recovery changes nothing"
    );
    assert_eq!(team.sam(&["status"]).code, Some(0));

    // Sam changes sam's passphrase; the owner's keeps working.
    let sams_new = team
        .store
        .secret_file("sam-new.txt", "sam's second passphrase here");
    let out = run(team
        .store
        .cli_with(&team.sam_file)
        .args([
            "--user",
            "sam",
            "passphrase",
            "change",
            "--new-passphrase-file",
        ])
        .arg(&sams_new));
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(out.stdout.contains("sam"), "{out:?}");
    assert_refused(&team.sam(&["status"]), "does not open");
    let out = run(team
        .store
        .cli_with(&sams_new)
        .args(["--user", "sam", "status"]));
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(team.owner(&["status"]).code, Some(0));
}
