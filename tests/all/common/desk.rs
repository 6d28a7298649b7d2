//! A store made by `privacy-desk init` with the owner's passphrase in a file, and the checks
//! every command-line test makes: the command succeeds, fails with a message, or prints JSON.
//! Test files add their own helpers in further `impl Desk` blocks.

use std::path::PathBuf;

use serde_json::Value;

use super::{PASS, Run, TempStore, cli_init, run};

/// A store made by `init`, with the owner's passphrase file.
pub struct Desk {
    /// The store.
    pub store: TempStore,
    /// The owner's passphrase, in a file beside the store's folder.
    pub pass_file: PathBuf,
}

impl Desk {
    /// `init` on a fresh store.
    pub fn new() -> Self {
        let store = TempStore::new();
        let out = cli_init(&store);
        assert_eq!(out.code, Some(0), "{out:?}");
        let pass_file = store.secret_file("owner-pass.txt", PASS);
        Self { store, pass_file }
    }

    /// Runs a command as the owner.
    pub fn run(&self, args: &[&str]) -> Run {
        run(self.store.cli_with(&self.pass_file).args(args))
    }

    /// Runs a command that must succeed.
    pub fn ok(&self, args: &[&str]) -> Run {
        let out = self.run(args);
        assert_eq!(out.code, Some(0), "{args:?}: {out:?}");
        out
    }

    /// Runs a command that must fail with exit code 1 and a message containing `message`.
    pub fn fails(&self, args: &[&str], message: &str) -> Run {
        self.fails_with(args, 1, message)
    }

    /// Runs a command that must fail with exit code `code` and a message containing `message`.
    pub fn fails_with(&self, args: &[&str], code: i32, message: &str) -> Run {
        let out = self.run(args);
        assert_eq!(out.code, Some(code), "{args:?}: {out:?}");
        assert!(
            out.stderr.contains(message),
            "{args:?}: wanted {message:?}: {out:?}"
        );
        out
    }

    /// Runs a command that must print JSON, and parses it.
    pub fn json(&self, args: &[&str]) -> Value {
        let out = self.ok(args);
        serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}: {out:?}"))
    }
}
