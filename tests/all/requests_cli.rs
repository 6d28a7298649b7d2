//! Data-subject requests on the command line: `request open | ask-identity | verify | extend |
//! complete | refuse | withdraw | list | show | letter`, `erase`, `holiday …`, and the request
//! figures of `status --json`. Expected due dates follow the rules (and the table tests) of
//! `src/domain/request/deadline.rs`; every received date lies before 29 November 2026 so that
//! none is in the future, and "today" is whatever day the tests run on.

use std::fs;
use std::path::PathBuf;

use chrono::{Days, Local, NaiveDate};
use serde_json::Value;

use crate::common::{PASS, Run, TempStore, cli_init, query_i64, run};

/// A store made by `init`, with the owner's passphrase file (shared with `legal_requests_cli`).
pub(crate) struct Desk {
    pub(crate) store: TempStore,
    pass_file: PathBuf,
}

impl Desk {
    pub(crate) fn new() -> Self {
        let store = TempStore::new();
        let out = cli_init(&store);
        assert_eq!(out.code, Some(0), "{out:?}");
        let pass_file = store.secret_file("owner-pass.txt", PASS);
        Self { store, pass_file }
    }

    pub(crate) fn run(&self, args: &[&str]) -> Run {
        run(self.store.cli_with(&self.pass_file).args(args))
    }

    /// Runs a command that must succeed.
    pub(crate) fn ok(&self, args: &[&str]) -> Run {
        let out = self.run(args);
        assert_eq!(out.code, Some(0), "{args:?}: {out:?}");
        out
    }

    /// Runs a command that must print JSON, and parses it.
    pub(crate) fn json(&self, args: &[&str]) -> Value {
        let out = self.ok(args);
        serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}: {out:?}"))
    }

    /// `request open --type KIND --regime REGIME --email EMAIL --received DAY` with more
    /// arguments; returns the reference printed alone on the last line.
    pub(crate) fn open(
        &self,
        kind: &str,
        regime: &str,
        email: &str,
        received: &str,
        more: &[&str],
    ) -> String {
        let mut args = vec![
            "request",
            "open",
            "--type",
            kind,
            "--regime",
            regime,
            "--email",
            email,
            "--received",
            received,
        ];
        args.extend_from_slice(more);
        let out = self.ok(&args);
        let last = out.stdout.lines().last().unwrap_or_default();
        assert_eq!(
            last,
            last.trim(),
            "the reference is alone on its line: {out:?}"
        );
        assert!(
            last.starts_with("R-") && last.len() > 2 && !last.contains(' '),
            "a reference on the last line: {out:?}"
        );
        last.to_owned()
    }

    /// `request show REF --json`.
    pub(crate) fn show(&self, reference: &str) -> Value {
        self.json(&["request", "show", reference, "--json"])
    }

    /// `request list --json` with more arguments: the references, in the order listed.
    fn list(&self, more: &[&str]) -> Vec<String> {
        let mut args = vec!["request", "list", "--json"];
        args.extend_from_slice(more);
        let doc = self.json(&args);
        doc.as_array()
            .unwrap_or_else(|| panic!("a list: {doc}"))
            .iter()
            .map(|r| r["reference"].as_str().expect("reference").to_owned())
            .collect()
    }

    fn status(&self) -> Value {
        self.json(&["status", "--json"])
    }

    pub(crate) fn count(&self, table: &str) -> i64 {
        query_i64(&self.store.raw(), &format!("SELECT COUNT(*) FROM {table}"))
    }

    /// Rows in the tables a request command may write, and the audit entries other than the
    /// sign-in each command records.
    fn footprint(&self) -> [i64; 5] {
        [
            self.count("requests"),
            self.count("request_steps"),
            self.count("subjects"),
            self.count("erasures"),
            self.count("audit_log WHERE action <> 'session.unlocked'"),
        ]
    }

    /// A path in the temporary folder (not beside the store).
    pub(crate) fn file(&self, name: &str) -> PathBuf {
        self.store.dir.path().join(name)
    }

    pub(crate) fn set_profile(&self) {
        self.ok(&[
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
    }
}

pub(crate) fn assert_refused(out: &Run, needles: &[&str]) {
    assert_eq!(out.code, Some(1), "{out:?}");
    for needle in needles {
        assert!(out.stderr.contains(needle), "expected {needle:?}: {out:?}");
    }
    assert!(!out.stderr.contains("panicked"), "{out:?}");
}

/// A usage error from clap: exit 2, naming the option.
fn assert_usage(out: &Run, option: &str) {
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(out.stderr.contains(option), "expected {option:?}: {out:?}");
}

fn today() -> NaiveDate {
    Local::now().date_naive()
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

// 1 -------------------------------------------------------------------------------------------

#[test]
fn open_prints_the_reference_and_show_gives_the_due_date() {
    let desk = Desk::new();
    let out = desk.ok(&[
        "request",
        "open",
        "--type",
        "access",
        "--regime",
        "gdpr",
        "--email",
        "ada@example.org",
        "--received",
        "2026-01-31",
        "--name",
        "Ada Lovelace",
        "--channel",
        "letter",
    ]);
    let first = out.stdout.lines().last().unwrap().to_owned();
    assert_eq!(first, "R-0001", "{out:?}");
    // No 31 February: 28 February 2026, a Saturday, so Monday 2 March.
    assert!(out.stdout.contains("due 2026-03-02"), "{out:?}");

    let doc = desk.show(&first);
    assert_eq!(doc["reference"], "R-0001", "{doc}");
    assert!(doc["id"].as_str().is_some_and(|id| id.len() == 36), "{doc}");
    assert_eq!(doc["type"], "access", "{doc}");
    assert_eq!(doc["regime"], "gdpr", "{doc}");
    assert_eq!(doc["state"], "received", "{doc}");
    assert_eq!(doc["channel"], "letter", "{doc}");
    assert_eq!(doc["received"], "2026-01-31", "{doc}");
    assert_eq!(doc["due"], "2026-03-02", "{doc}");
    assert_eq!(doc["first_period_end"], "2026-03-02", "{doc}");
    assert_eq!(doc["extended"], false, "{doc}");
    // Three months: 30 April 2026, a Thursday.
    assert_eq!(doc["extended_due"], "2026-04-30", "{doc}");
    assert_eq!(doc["urgency"], "overdue", "{doc}");
    assert_eq!(doc["clock_paused"], false, "{doc}");
    assert_eq!(doc["clock_start"], Value::Null, "{doc}");
    assert_eq!(doc["closed_on"], Value::Null, "{doc}");
    let steps = doc["steps"].as_array().expect("steps");
    assert_eq!(steps.len(), 1, "{doc}");
    assert_eq!(steps[0]["from"], Value::Null, "{doc}");
    assert_eq!(steps[0]["to"], "received", "{doc}");
    assert_eq!(steps[0]["actor"], "owner", "{doc}");

    // The same document by the request's id.
    let id = doc["id"].as_str().unwrap().to_owned();
    assert_eq!(desk.show(&id)["reference"], "R-0001");

    // The person was recorded with the name given.
    let subject = desk.json(&["subject", "show", "ada@example.org", "--json"]);
    assert_eq!(subject["name"], "Ada Lovelace", "{subject}");

    // UK GDPR, England and Wales: due 6 April 2026 is Easter Monday, so Tuesday 7 April.
    let second = desk.open("access", "uk-gdpr", "ada@example.org", "2026-03-06", &[]);
    assert_eq!(second, "R-0002");
    let doc = desk.show(&second);
    assert_eq!(doc["regime"], "uk-gdpr", "{doc}");
    assert_eq!(doc["due"], "2026-04-07", "{doc}");
    // A second request for the same email does not record the person twice.
    assert_eq!(desk.count("subjects"), 1);

    // CCPA: 45 calendar days, the day of receipt being day one (§ 7021(b); before issue 16
    // this said 16 April, one day late).
    let third = desk.open("know", "ccpa", "grace@example.org", "2026-03-02", &[]);
    let doc = desk.show(&third);
    assert_eq!(doc["regime"], "ccpa", "{doc}");
    assert_eq!(doc["type"], "know", "{doc}");
    assert_eq!(doc["due"], "2026-04-15", "{doc}");

    // The text page says the same.
    let out = desk.ok(&["request", "show", &second]);
    assert!(out.stdout.contains("R-0002"), "{out:?}");
    assert!(out.stdout.contains("2026-04-07"), "{out:?}");
    assert_eq!(desk.count("requests"), 3);
}

// 2 -------------------------------------------------------------------------------------------

#[test]
fn verify_restarts_the_gdpr_clock_but_not_the_ccpa_one() {
    let desk = Desk::new();
    let gdpr = desk.open("access", "gdpr", "ada@example.org", "2026-02-02", &[]);
    assert_eq!(desk.show(&gdpr)["due"], "2026-03-02");

    let out = desk.ok(&["request", "ask-identity", &gdpr, "--on", "2026-02-04"]);
    assert!(out.stdout.contains("clock waits"), "{out:?}");
    let doc = desk.show(&gdpr);
    assert_eq!(doc["state"], "awaiting-identity", "{doc}");
    assert_eq!(doc["clock_paused"], true, "{doc}");
    assert_eq!(doc["urgency"], "waiting", "{doc}");
    let status = desk.status();
    assert_eq!(status["requests_waiting"], 1, "{status}");
    assert_eq!(
        status["requests_overdue"], 0,
        "a waiting request is not overdue: {status}"
    );

    // A day before receipt, or in the future, is refused.
    let out = desk.run(&["request", "verify", &gdpr, "--on", "2026-01-20"]);
    assert_refused(&out, &["2026-01-20", "before the request arrived"]);
    let out = desk.run(&["request", "verify", &gdpr, "--on", "2999-01-01"]);
    assert_refused(&out, &["in the future"]);
    assert_eq!(desk.show(&gdpr)["state"], "awaiting-identity");

    let out = desk.ok(&["request", "verify", &gdpr, "--on", "2026-02-10"]);
    assert!(out.stdout.contains("2026-03-10"), "{out:?}");
    let doc = desk.show(&gdpr);
    assert_eq!(doc["state"], "in-progress", "{doc}");
    assert_eq!(doc["clock_start"], "2026-02-10", "{doc}");
    assert_eq!(
        doc["due"], "2026-03-10",
        "one month from the identity: {doc}"
    );
    assert_eq!(doc["first_period_end"], "2026-03-10", "{doc}");
    assert_eq!(doc["clock_paused"], false, "{doc}");
    assert_eq!(doc["urgency"], "overdue", "{doc}");
    assert_eq!(doc["steps"].as_array().unwrap().len(), 3, "{doc}");

    // Identity cannot be recorded twice.
    let out = desk.run(&["request", "verify", &gdpr, "--on", "2026-02-11"]);
    assert_refused(&out, &["identity has already been dealt with"]);
    assert_eq!(desk.show(&gdpr)["clock_start"], "2026-02-10");

    // CCPA: 45 days from receipt whatever the time taken to verify.
    let ccpa = desk.open("know", "ccpa", "grace@example.org", "2026-03-02", &[]);
    assert_eq!(desk.show(&ccpa)["due"], "2026-04-15");
    desk.ok(&["request", "ask-identity", &ccpa, "--on", "2026-03-03"]);
    let out = desk.ok(&["request", "verify", &ccpa, "--on", "2026-03-20"]);
    assert!(out.stdout.contains("2026-04-15"), "{out:?}");
    let doc = desk.show(&ccpa);
    assert_eq!(doc["state"], "in-progress", "{doc}");
    assert_eq!(doc["clock_start"], "2026-03-20", "{doc}");
    assert_eq!(
        doc["due"], "2026-04-15",
        "the CCPA clock does not restart: {doc}"
    );
}

// 3 -------------------------------------------------------------------------------------------

#[test]
fn extend_once_to_three_months_and_never_an_opt_out() {
    let desk = Desk::new();
    let gdpr = desk.open("access", "gdpr", "ada@example.org", "2026-03-20", &[]);
    let doc = desk.show(&gdpr);
    assert_eq!(doc["due"], "2026-04-20", "{doc}");
    // 20 June 2026 is a Saturday: Monday 22 June.
    assert_eq!(doc["extended_due"], "2026-06-22", "{doc}");

    // Without --reason clap refuses; an empty reason is refused by the service.
    assert_usage(&desk.run(&["request", "extend", &gdpr]), "--reason");
    let out = desk.run(&[
        "request",
        "extend",
        &gdpr,
        "--reason",
        "  ",
        "--notified-on",
        "2026-04-01",
    ]);
    assert_refused(&out, &["Reason", "needs its reason"]);
    assert_eq!(desk.show(&gdpr)["state"], "received");

    let out = desk.ok(&[
        "request",
        "extend",
        &gdpr,
        "--reason",
        "Records in three systems to search",
        "--notified-on",
        "2026-04-01",
    ]);
    assert!(out.stdout.contains("now due 2026-06-22"), "{out:?}");
    assert!(!out.stderr.contains("warning"), "notified in time: {out:?}");
    let doc = desk.show(&gdpr);
    assert_eq!(doc["state"], "extended", "{doc}");
    assert_eq!(doc["extended"], true, "{doc}");
    assert_eq!(doc["due"], "2026-06-22", "{doc}");
    assert_eq!(doc["first_period_end"], "2026-04-20", "{doc}");
    assert_eq!(doc["extended_due"], "2026-06-22", "{doc}");
    assert_eq!(doc["extension_notice_late"], false, "{doc}");
    let steps = desk.count("request_steps");

    // The law allows one extension.
    let out = desk.run(&[
        "request",
        "extend",
        &gdpr,
        "--reason",
        "Still searching",
        "--notified-on",
        "2026-04-02",
    ]);
    assert_refused(&out, &["already been extended", "one extension"]);
    let after = desk.show(&gdpr);
    assert_eq!(after, doc, "the refused extension changed nothing");
    assert_eq!(desk.count("request_steps"), steps);

    // Notified after the first period: refused, the due date stays (Art. 12(3); issue 16
    // item 5 — before, this extended with a warning).
    let late = desk.open("erasure", "uk-gdpr", "grace@example.org", "2026-02-02", &[]);
    let before = desk.show(&late);
    assert_eq!(before["due"], "2026-03-02");
    let out = desk.run(&[
        "request",
        "extend",
        &late,
        "--reason",
        "Backups to search",
        "--notified-on",
        "2026-03-10",
    ]);
    assert_refused(&out, &["was not extended", "2 March 2026", "Art. 12(3)"]);
    assert_eq!(
        desk.show(&late),
        before,
        "the refused extension changed nothing"
    );

    // CCPA know: 45 more days.
    let know = desk.open("know", "ccpa", "linus@example.org", "2026-03-02", &[]);
    desk.ok(&[
        "request",
        "extend",
        &know,
        "--reason",
        "Many records",
        "--notified-on",
        "2026-04-01",
    ]);
    assert_eq!(
        desk.show(&know)["due"],
        "2026-05-30",
        "the 90th calendar day counting receipt as day one, not moved"
    );

    // CCPA opt-out: 15 US business days, no extension.
    let opt_out = desk.open("opt-out", "ccpa", "linus@example.org", "2026-03-02", &[]);
    let doc = desk.show(&opt_out);
    assert_eq!(doc["due"], "2026-03-20", "{doc}");
    assert_eq!(doc["extended_due"], Value::Null, "{doc}");
    let steps = desk.count("request_steps");
    let out = desk.run(&[
        "request",
        "extend",
        &opt_out,
        "--reason",
        "Busy",
        "--notified-on",
        "2026-03-05",
    ]);
    assert_refused(
        &out,
        &[opt_out.as_str(), "cannot be extended", "15 business days"],
    );
    assert_eq!(
        desk.show(&opt_out),
        doc,
        "the refused extension changed nothing"
    );
    assert_eq!(desk.count("request_steps"), steps);
}

// 4 -------------------------------------------------------------------------------------------

#[test]
fn closing_requests_and_the_inbox_filters_and_status_counts() {
    let desk = Desk::new();
    let old = desk.open("access", "gdpr", "ada@example.org", "2026-01-05", &[]);
    let done = desk.open("erasure", "gdpr", "ada@example.org", "2026-02-02", &[]);
    let excessive = desk.open("know", "ccpa", "grace@example.org", "2026-03-02", &[]);
    // (An objection before issue 16: it cannot be refused under an exemption, Art. 21(3).)
    let exempt = desk.open(
        "restriction",
        "gdpr",
        "grace@example.org",
        "2026-03-03",
        &[],
    );
    let withdrawn = desk.open(
        "portability",
        "uk-gdpr",
        "linus@example.org",
        "2026-03-04",
        &[],
    );
    // Received today: day 45 is 44 days on (§ 7021(b)), whatever the day the tests run.
    let today = today();
    let recent = desk.open("delete", "ccpa", "linus@example.org", &ymd(today), &[]);
    assert_eq!(
        desk.show(&recent)["due"],
        ymd(today.checked_add_days(Days::new(44)).unwrap())
    );

    let out = desk.ok(&[
        "request",
        "complete",
        &done,
        "--outcome",
        "Erased from the shop system",
        "--on",
        "2026-02-20",
    ]);
    assert!(out.stdout.contains("2026-02-20"), "{out:?}");
    let doc = desk.show(&done);
    assert_eq!(doc["state"], "completed", "{doc}");
    assert_eq!(doc["closed_on"], "2026-02-20", "{doc}");
    assert_eq!(doc["urgency"], Value::Null, "{doc}");

    // A refusal needs a ground; its kind is parsed.
    assert_usage(&desk.run(&["request", "refuse", &excessive]), "--ground");
    let out = desk.run(&["request", "refuse", &excessive, "--ground", "  "]);
    assert_refused(&out, &["--ground", "needs its ground"]);
    assert_eq!(desk.show(&excessive)["state"], "received");
    let out = desk.ok(&[
        "request",
        "refuse",
        &excessive,
        "--ground",
        "excessive: fourth identical request this month",
        "--on",
        "2026-03-10",
    ]);
    assert!(out.stdout.contains("manifestly excessive"), "{out:?}");
    let doc = desk.show(&excessive);
    assert_eq!(doc["state"], "refused", "{doc}");
    assert_eq!(doc["refusal_ground"], "excessive", "{doc}");
    assert_eq!(doc["closed_on"], "2026-03-10", "{doc}");
    desk.ok(&[
        "request",
        "refuse",
        &exempt,
        "--ground",
        "Invoices must be kept for six years (tax law)",
        "--on",
        "2026-03-11",
    ]);
    assert_eq!(desk.show(&exempt)["refusal_ground"], "exemption");

    let out = desk.ok(&["request", "withdraw", &withdrawn]);
    assert!(out.stdout.contains("withdrawn"), "{out:?}");
    let doc = desk.show(&withdrawn);
    assert_eq!(doc["state"], "withdrawn", "{doc}");
    assert_eq!(doc["closed_on"], ymd(today), "{doc}");

    // Closed requests do not change.
    let steps = desk.count("request_steps");
    let closed_docs: Vec<Value> = [&done, &excessive, &withdrawn]
        .iter()
        .map(|r| desk.show(r))
        .collect();
    let tries: [(&str, Vec<&str>, &str); 7] = [
        (
            done.as_str(),
            vec!["complete", "--on", "2026-03-01"],
            "already completed",
        ),
        (done.as_str(), vec!["withdraw"], "already completed"),
        (done.as_str(), vec!["ask-identity"], "already completed"),
        (
            excessive.as_str(),
            vec![
                "extend",
                "--reason",
                "More time",
                "--notified-on",
                "2026-03-12",
            ],
            "already refused",
        ),
        (
            excessive.as_str(),
            vec!["refuse", "--ground", "excessive"],
            "already refused",
        ),
        (
            withdrawn.as_str(),
            vec!["verify", "--on", "2026-03-05"],
            "already withdrawn",
        ),
        (withdrawn.as_str(), vec!["complete"], "already withdrawn"),
    ];
    for (reference, args, needle) in tries {
        let mut all = vec!["request", args[0], reference];
        all.extend_from_slice(&args[1..]);
        let out = desk.run(&all);
        assert_refused(
            &out,
            &[reference, needle, "a closed request does not change"],
        );
    }
    let after: Vec<Value> = [&done, &excessive, &withdrawn]
        .iter()
        .map(|r| desk.show(r))
        .collect();
    assert_eq!(after, closed_docs);
    assert_eq!(desk.count("request_steps"), steps);

    // The inbox: open ones only, overdue first; --all adds the closed ones.
    assert_eq!(desk.list(&[]), [old.clone(), recent.clone()]);
    let all = desk.list(&["--all"]);
    assert_eq!(all.len(), 6, "{all:?}");
    assert_eq!(
        all[..2],
        [old.clone(), recent.clone()],
        "open ones first: {all:?}"
    );
    for r in [&done, &excessive, &exempt, &withdrawn] {
        assert!(all.contains(r), "{r} in {all:?}");
    }
    // Received 5 January, due 5 February and still open: overdue.
    assert_eq!(desk.list(&["--overdue"]), std::slice::from_ref(&old));
    assert_eq!(
        desk.list(&["--due-within", "400"]),
        [old.clone(), recent.clone()]
    );
    assert_eq!(
        desk.list(&["--due-within", "10"]),
        std::slice::from_ref(&old)
    );
    let out = desk.ok(&["request", "list"]);
    assert!(out.stdout.contains("2 request(s)."), "{out:?}");
    assert!(
        out.stdout.contains(&old) && out.stdout.contains("Overdue"),
        "{out:?}"
    );
    assert!(!out.stdout.contains(&done), "{out:?}");

    let status = desk.status();
    assert_eq!(status["requests_open"], 2, "{status}");
    assert_eq!(status["requests_overdue"], 1, "{status}");
    assert_eq!(status["requests_due_this_week"], 0, "{status}");
    assert_eq!(status["requests_waiting"], 0, "{status}");
    assert_eq!(status["erasures"], 0, "{status}");
}

// 5 -------------------------------------------------------------------------------------------

#[test]
fn bad_input_is_refused_with_a_sentence_and_changes_nothing() {
    let desk = Desk::new();
    let existing = desk.open("access", "gdpr", "ada@example.org", "2026-02-02", &[]);
    let before = desk.footprint();
    let shown = desk.show(&existing);

    let open = |kind: &str, regime: &str, email: &str, received: &str, more: &[&str]| {
        let mut args = vec![
            "request",
            "open",
            "--type",
            kind,
            "--regime",
            regime,
            "--email",
            email,
            "--received",
            received,
        ];
        args.extend_from_slice(more);
        desk.run(&args)
    };
    let mail = "new.person@example.org";
    let cases: Vec<(Run, Vec<&str>)> = vec![
        (
            open("nonsense", "gdpr", mail, "2026-02-02", &[]),
            vec![
                "--type",
                "\"nonsense\" is not a request type",
                "access, rectification",
            ],
        ),
        (
            open("know", "gdpr", mail, "2026-02-02", &[]),
            vec![
                "\"know\" is not a request under GDPR",
                "access, rectification, erasure, restriction, portability, objection, withdraw-consent",
            ],
        ),
        (
            open("erasure", "ccpa", mail, "2026-02-02", &[]),
            vec![
                "\"erasure\" is not a request",
                "know, delete, correct, opt-out, limit",
            ],
        ),
        (
            open("access", "hipaa", mail, "2026-02-02", &[]),
            vec!["--regime", "\"hipaa\" is not a regime"],
        ),
        (
            open("access", "gdpr", mail, "2026-02-30", &[]),
            vec!["--received", "\"2026-02-30\" is not a date", "YYYY-MM-DD"],
        ),
        (
            open("access", "gdpr", mail, "02/03/2026", &[]),
            vec!["--received", "\"02/03/2026\" is not a date"],
        ),
        (
            open("access", "gdpr", mail, "2999-01-01", &[]),
            vec!["Received", "2999-01-01 is in the future"],
        ),
        (
            open("access", "gdpr", "not-an-email", "2026-02-02", &[]),
            vec!["Email", "does not look like an email address"],
        ),
        (
            open(
                "access",
                "gdpr",
                mail,
                "2026-02-02",
                &["--channel", "pigeon"],
            ),
            vec!["--channel", "\"pigeon\" is not a channel"],
        ),
        (
            open(
                "access",
                "gdpr",
                mail,
                "2026-02-02",
                &["--agent", "Law & Co"],
            ),
            vec!["Evidence of authority"],
        ),
        (
            desk.run(&["request", "show", "R-9999"]),
            vec!["there is no request R-9999", "request list"],
        ),
        (
            desk.run(&["request", "complete", "R-9999", "--on", "2026-03-01"]),
            vec!["there is no request R-9999"],
        ),
        (
            desk.run(&["request", "verify", "R-9999", "--on", "2026-03-01"]),
            vec!["there is no request R-9999"],
        ),
        (
            desk.run(&["request", "withdraw", "R-9999"]),
            vec!["there is no request R-9999"],
        ),
        (
            desk.run(&["erase", "ada@example.org", "--request", "R-9999"]),
            vec!["there is no request R-9999"],
        ),
        (
            desk.run(&["request", "verify", &existing, "--on", "2026-02-30"]),
            vec!["--on", "\"2026-02-30\" is not a date"],
        ),
        (
            desk.run(&["request", "complete", &existing, "--on", "tomorrow"]),
            vec!["--on", "\"tomorrow\" is not a date"],
        ),
        (
            desk.run(&[
                "request",
                "extend",
                &existing,
                "--reason",
                "Busy",
                "--notified-on",
                "2999-01-01",
            ]),
            vec!["Notified on", "in the future"],
        ),
    ];
    for (out, needles) in &cases {
        assert_refused(out, needles);
        assert_eq!(desk.footprint(), before, "changed something: {out:?}");
    }
    assert!(desk.run(&["subject", "show", mail]).code != Some(0));
    assert_eq!(desk.show(&existing), shown);
}

// 6 -------------------------------------------------------------------------------------------

#[test]
fn erase_removes_the_person_keeps_the_request_and_blocks_a_reimport() {
    let desk = Desk::new();
    desk.set_profile();
    let email = "ada.lovelace@example.org";
    let erasure = desk.open(
        "erasure",
        "gdpr",
        email,
        "2026-03-02",
        &[
            "--name",
            "Ada Lovelace",
            "--details",
            "Please delete everything about Ada",
        ],
    );
    let access = desk.open("access", "gdpr", email, "2026-03-01", &[]);
    for (purpose, event) in [
        ("newsletter", "given"),
        ("partner-sharing", "given"),
        ("newsletter", "withdrawn"),
    ] {
        desk.ok(&[
            "consent",
            "record",
            email,
            "--purpose",
            purpose,
            "--event",
            event,
            "--channel",
            "web-form",
            "--ip",
            "203.0.113.7",
        ]);
    }
    assert_eq!(desk.count("consent_events"), 3);

    // An access request does not authorise an erasure.
    let before = desk.footprint();
    let out = desk.run(&["erase", email, "--request", &access]);
    assert_refused(&out, &[access.as_str(), "not an erasure request"]);
    assert_eq!(desk.footprint(), before);
    assert_eq!(desk.count("consent_events"), 3);
    desk.ok(&["subject", "show", email]);

    let cert = desk.file("cert.txt");
    let out = desk.ok(&[
        "erase",
        email,
        "--request",
        &erasure,
        "--certificate",
        cert.to_str().unwrap(),
    ]);
    assert!(out.stdout.contains("3 consent events"), "{out:?}");
    assert!(out.stdout.contains("2 request(s)"), "{out:?}");

    let out = desk.run(&["subject", "show", email]);
    assert_refused(&out, &["there is no subject"]);
    assert_eq!(desk.count("subjects"), 0);
    assert_eq!(desk.count("consent_events"), 0);

    let text = fs::read_to_string(&cert).expect("the certificate was written");
    assert!(text.contains("ERASURE CERTIFICATE"), "{text}");
    assert!(text.contains(&erasure), "{text}");
    assert!(
        text.contains("consent events with their evidence: 3"),
        "{text}"
    );
    for personal in [
        "ada",
        "Ada",
        "Lovelace",
        "example.org",
        "203.0.113.7",
        "delete everything",
    ] {
        assert!(
            !text.contains(personal),
            "{personal:?} in the certificate: {text}"
        );
    }

    // The requests remain, as proof, with a step saying what was done.
    let doc = desk.show(&erasure);
    assert_eq!(doc["reference"], erasure.as_str(), "{doc}");
    assert_eq!(doc["type"], "erasure", "{doc}");
    let steps = doc["steps"].as_array().unwrap();
    assert!(
        steps
            .iter()
            .any(|s| s["what"].as_str().unwrap().contains("Personal data erased")),
        "{doc}"
    );
    desk.show(&access);
    desk.ok(&[
        "request",
        "complete",
        &erasure,
        "--outcome",
        "Erased",
        "--on",
        "2026-03-05",
    ]);

    let status = desk.status();
    assert_eq!(status["erasures"], 1, "{status}");
    assert_eq!(status["subjects"], 0, "{status}");

    // Erasing again says when it was done.
    let out = desk.run(&["erase", email, "--request", &erasure]);
    assert_refused(&out, &["already erased", erasure.as_str()]);

    // An import naming the erased person imports the others and leaves them out.
    let csv = desk.file("contacts.csv");
    fs::write(
        &csv,
        "Email,First_Name,Last_Name,Purpose,State,Timestamp,Channel\n\
         grace@example.org,Grace,Hopper,newsletter,given,2026-01-10 09:00:00,web-form\n\
         ADA.LOVELACE@example.org,Ada,Lovelace,newsletter,given,2026-01-11 09:00:00,web-form\n\
         linus@example.org,Linus,Pauling,newsletter,given,2026-01-12 09:00:00,web-form\n",
    )
    .unwrap();
    let out = desk.ok(&[
        "import",
        "consent",
        csv.to_str().unwrap(),
        "--preset",
        "generic",
    ]);
    assert!(
        out.stderr
            .contains("1 row(s) name people who were erased earlier"),
        "{out:?}"
    );
    assert!(
        out.stdout.contains("subjects created:          2"),
        "{out:?}"
    );
    let out = desk.run(&["subject", "show", email]);
    assert_refused(&out, &["there is no subject"]);
    desk.ok(&["subject", "show", "grace@example.org"]);
    desk.ok(&["subject", "show", "linus@example.org"]);
    assert_eq!(desk.count("subjects"), 2);
    assert_eq!(desk.count("consent_events"), 2);
    assert_eq!(desk.status()["erasures"], 1);
}

// 7 -------------------------------------------------------------------------------------------

#[test]
fn letters_give_the_reference_and_the_due_date_in_words() {
    let desk = Desk::new();
    let reference = desk.open(
        "access",
        "gdpr",
        "ada@example.org",
        "2026-01-31",
        &["--name", "Ada Lovelace"],
    );
    let ack = desk.file("ack.txt");

    // Without the organisation's name, the letter says what is missing.
    let out = desk.run(&[
        "request",
        "letter",
        &reference,
        "--kind",
        "acknowledgement",
        "--out",
        ack.to_str().unwrap(),
    ]);
    assert_refused(&out, &["the organisation's name"]);
    assert!(!ack.exists());

    desk.set_profile();
    let out = desk.ok(&[
        "request",
        "letter",
        &reference,
        "--kind",
        "acknowledgement",
        "--out",
        ack.to_str().unwrap(),
    ]);
    assert!(out.stdout.contains("acknowledgement"), "{out:?}");
    let text = fs::read_to_string(&ack).unwrap();
    assert!(text.contains(&reference), "{text}");
    assert!(text.contains("2 March 2026"), "{text}");
    assert!(text.contains("31 January 2026"), "{text}");
    assert!(text.contains("Dear Ada Lovelace,"), "{text}");
    assert!(text.contains("Acme Bakery Ltd"), "{text}");
    assert!(!text.contains("{{"), "{text}");

    // A refusal letter before the refusal is recorded names the missing fact.
    let refusal = desk.file("refusal.txt");
    let out = desk.run(&[
        "request",
        "letter",
        &reference,
        "--kind",
        "refusal",
        "--out",
        refusal.to_str().unwrap(),
    ]);
    assert_refused(&out, &["the reason for refusing", "{{refusal_ground}}"]);
    assert!(!refusal.exists());

    // HTML: a page.
    let page = desk.file("ack.html");
    desk.ok(&[
        "request",
        "letter",
        &reference,
        "--kind",
        "acknowledgement",
        "--out",
        page.to_str().unwrap(),
    ]);
    let html = fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("<html lang=\"en\">"), "{html}");
    assert!(html.contains("<title>"), "{html}");
    assert!(html.contains(&reference), "{html}");
    assert!(html.contains("2 March 2026"), "{html}");
    assert!(html.trim_end().ends_with("</html>"), "{html}");

    // Unknown kinds and formats are refused.
    let out = desk.run(&[
        "request",
        "letter",
        &reference,
        "--kind",
        "apology",
        "--out",
        ack.to_str().unwrap(),
    ]);
    assert_refused(
        &out,
        &["\"apology\" is not a letter", "acknowledgement", "refusal"],
    );
    let pdf = desk.file("ack.pdf");
    let out = desk.run(&[
        "request",
        "letter",
        &reference,
        "--kind",
        "acknowledgement",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(!pdf.exists());

    // Once refused, the refusal letter gives the ground and where to complain.
    desk.ok(&[
        "request",
        "refuse",
        &reference,
        "--ground",
        "excessive: fourth identical request this month",
        "--on",
        "2026-02-10",
    ]);
    desk.ok(&[
        "request",
        "letter",
        &reference,
        "--kind",
        "refusal",
        "--out",
        refusal.to_str().unwrap(),
    ]);
    let text = fs::read_to_string(&refusal).unwrap();
    assert!(text.contains("manifestly excessive"), "{text}");
    assert!(
        text.contains("fourth identical request this month"),
        "{text}"
    );
    assert!(text.contains("Data Protection Commission"), "{text}");
    assert!(text.contains(&reference), "{text}");
}

// 8 -------------------------------------------------------------------------------------------

/// The dates `holiday list` prints.
fn listed_days(out: &Run) -> Vec<String> {
    out.stdout
        .lines()
        .filter_map(|l| {
            let day = l.split_whitespace().next()?;
            NaiveDate::parse_from_str(day, "%Y-%m-%d")
                .ok()
                .map(|_| day.to_owned())
        })
        .collect()
}

#[test]
fn holiday_calendars_are_listed_changed_and_chosen() {
    let desk = Desk::new();
    let out = desk.ok(&["holiday", "list", "england-wales", "--year", "2026"]);
    assert_eq!(
        listed_days(&out),
        [
            "2026-01-01",
            "2026-04-03",
            "2026-04-06",
            "2026-05-04",
            "2026-05-25",
            "2026-08-31",
            "2026-12-25",
            "2026-12-28",
        ],
        "{out:?}"
    );
    assert!(out.stdout.contains("Boxing Day"), "{out:?}");

    assert_refused(
        &desk.run(&["holiday", "list", "narnia", "--year", "2026"]),
        &["\"narnia\" is not a calendar", "england-wales"],
    );

    // Without the extra day, 8 April is a working day.
    let before = desk.open("access", "uk-gdpr", "ada@example.org", "2026-03-08", &[]);
    assert_eq!(desk.show(&before)["due"], "2026-04-08");

    let out = desk.ok(&[
        "holiday",
        "add",
        "england-wales",
        "2026-04-08",
        "--name",
        "Company closure",
    ]);
    assert!(out.stdout.contains("2026-04-08"), "{out:?}");
    let out = desk.ok(&["holiday", "list", "england-wales", "--year", "2026"]);
    assert_eq!(listed_days(&out).len(), 9, "{out:?}");
    assert!(
        out.stdout.lines().any(|l| l.contains("2026-04-08")
            && l.contains("Company closure")
            && l.contains("(added)")),
        "{out:?}"
    );
    let after = desk.open("access", "uk-gdpr", "grace@example.org", "2026-03-08", &[]);
    assert_eq!(
        desk.show(&after)["due"],
        "2026-04-09",
        "8 April is now a holiday"
    );
    assert_eq!(
        desk.show(&before)["due"],
        "2026-04-09",
        "open requests follow the calendar"
    );

    // A preset cannot be added twice; a day that is no preset cannot be removed.
    assert_refused(
        &desk.run(&[
            "holiday",
            "add",
            "england-wales",
            "2026-12-25",
            "--name",
            "Christmas",
        ]),
        &["already a public holiday"],
    );
    assert_refused(
        &desk.run(&[
            "holiday",
            "add",
            "england-wales",
            "2026-13-01",
            "--name",
            "Never",
        ]),
        &["\"2026-13-01\" is not a date"],
    );

    // Removing Easter Monday: due on 6 April again.
    let easter = desk.open("access", "uk-gdpr", "linus@example.org", "2026-03-06", &[]);
    assert_eq!(desk.show(&easter)["due"], "2026-04-07");
    desk.ok(&["holiday", "remove", "england-wales", "2026-04-06"]);
    assert_eq!(desk.show(&easter)["due"], "2026-04-06");
    let out = desk.ok(&["holiday", "list", "england-wales", "--year", "2026"]);
    assert!(
        out.stdout
            .lines()
            .any(|l| l.contains("2026-04-06") && l.contains("removed")),
        "{out:?}"
    );

    // The EU GDPR counts with Ireland's calendar until told otherwise: due 17 March 2026 is
    // St Patrick's Day there, a working day in England.
    let gdpr = desk.open("erasure", "gdpr", "ada@example.org", "2026-02-17", &[]);
    assert_eq!(desk.show(&gdpr)["due"], "2026-03-18");
    let out = desk.ok(&["holiday", "use", "gdpr", "england-wales"]);
    assert!(out.stdout.contains("England and Wales"), "{out:?}");
    assert_eq!(desk.show(&gdpr)["due"], "2026-03-17");
    assert_refused(
        &desk.run(&["holiday", "use", "hipaa", "england-wales"]),
        &["\"hipaa\" is not a regime"],
    );
    assert_refused(
        &desk.run(&["holiday", "use", "gdpr", "narnia"]),
        &["\"narnia\" is not a calendar"],
    );
    assert_eq!(desk.show(&gdpr)["due"], "2026-03-17");
}

// Regressions --------------------------------------------------------------------------------------

/// The CCPA clock runs "whatever the time taken to verify identity" (deadline.rs), so a CCPA
/// request waiting for identity past its due date is overdue, not paused. (Regression: every
/// request awaiting identity used to be shown as paused, whatever its rule.)
#[test]
fn a_ccpa_request_awaiting_identity_is_still_overdue() {
    let desk = Desk::new();
    let know = desk.open("know", "ccpa", "grace@example.org", "2026-03-02", &[]);
    desk.ok(&["request", "ask-identity", &know]);
    let doc = desk.show(&know);
    assert_eq!(doc["state"], "awaiting-identity", "{doc}");
    assert_eq!(doc["due"], "2026-04-15", "{doc}");
    assert_eq!(doc["clock_paused"], false, "{doc}");
    assert_eq!(doc["urgency"], "overdue", "{doc}");
    assert_eq!(desk.list(&["--overdue"]), std::slice::from_ref(&know));
    let status = desk.status();
    assert_eq!(status["requests_overdue"], 1, "{status}");
    assert_eq!(status["requests_waiting"], 0, "{status}");
}
