//! `key rotate` on the command line: the new recovery code and the other users' one-time
//! passphrases are printed once and work; a non-owner is refused with a sentence, exit 1.

use crate::common::{PASS, TempStore, recovery_code_in, run, unlock_as};

const CLERK_PASS: &str = "clerk passphrase of decent length";

#[test]
fn key_rotate_prints_the_new_code_and_one_time_passphrases_that_work() {
    let store = TempStore::new();
    let (session, old_code, _, _) = crate::key_rotate::furnished(&store);
    drop(session);
    let pass_file = store.secret_file("pass.txt", PASS);
    let out = run(store.cli_with(&pass_file).args(["key", "rotate"]));
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(out.stdout.contains("key was replaced"), "{out:?}");
    let code = recovery_code_in(&out.stdout).expect("a recovery code is printed");
    assert_ne!(code, old_code.reveal());
    let clerk_line = out
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("clerk "))
        .expect("the clerk's one-time passphrase is printed");
    let given = clerk_line.split_whitespace().last().expect("passphrase");
    assert!(unlock_as(&store.path, "clerk", CLERK_PASS).is_err());
    drop(unlock_as(&store.path, "clerk", given).expect("the printed passphrase opens"));

    // The old recovery code no longer works on the command line; the printed one does.
    let old_file = store.secret_file("old-code.txt", &old_code.reveal());
    let new_pass = store.secret_file("new-pass.txt", "a brand new owner passphrase");
    let out = run(store
        .cli()
        .args(["recover", "--recovery-code-file"])
        .arg(&old_file)
        .arg("--new-passphrase-file")
        .arg(&new_pass));
    assert_eq!(out.code, Some(1), "{out:?}");
    let code_file = store.secret_file("code.txt", &code);
    let out = run(store
        .cli()
        .args(["recover", "--recovery-code-file"])
        .arg(&code_file)
        .arg("--new-passphrase-file")
        .arg(&new_pass));
    assert_eq!(out.code, Some(0), "{out:?}");
}

#[test]
fn key_rotate_is_for_owners_only() {
    let store = TempStore::new();
    let (session, _, _, _) = crate::key_rotate::furnished(&store);
    drop(session);
    let clerk_file = store.secret_file("clerk.txt", CLERK_PASS);
    let out = run(store
        .cli_with(&clerk_file)
        .args(["--user", "clerk", "key", "rotate"]));
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stderr.to_lowercase().contains("owner"), "{out:?}");
    drop(unlock_as(&store.path, "clerk", CLERK_PASS).expect("nothing changed"));
}
