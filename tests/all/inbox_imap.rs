//! Issue 18, item 2: `inbox fetch` against a real IMAP server. Each test starts its own
//! Dovecot (Debian package `dovecot-imapd`) on 127.0.0.1 with a throwaway configuration, a TLS
//! certificate made by `openssl req`, a passwd-file user and a maildir in a temporary folder;
//! delivers messages by writing maildir files; and runs the built `privacy-desk`.
//!
//! Without Dovecot a test says once which package to install and passes; CI installs it and
//! sets `PRIVACY_DESK_REQUIRE_DOVECOT=1`, so there a missing Dovecot fails the test.

use std::fs;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Once;
use std::time::{Duration, Instant};

use serde_json::Value;
use tempfile::TempDir;

use crate::common::desk::Desk;

const USER: &str = "tester";
const PASSWORD: &str = "s3cret-pass word";

static MISSING: Once = Once::new();

/// The `dovecot` program, or `None` (after one message) when it is not installed and CI does
/// not require it.
fn dovecot_program() -> Option<PathBuf> {
    let found = ["/usr/sbin/dovecot", "/usr/local/sbin/dovecot"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
        .filter(|_| Command::new("openssl").arg("version").output().is_ok());
    if found.is_none() {
        assert!(
            std::env::var_os("PRIVACY_DESK_REQUIRE_DOVECOT").is_none(),
            "PRIVACY_DESK_REQUIRE_DOVECOT is set but dovecot (Debian package dovecot-imapd) or openssl is not installed"
        );
        MISSING.call_once(|| {
            eprintln!(
                "inbox_imap: skipped: install the Debian package dovecot-imapd (and openssl) to run the IMAP tests"
            );
        });
    }
    found
}

/// A Dovecot serving one user over IMAPS; stopped when dropped.
struct Dovecot {
    dir: TempDir,
    child: Child,
    port: u16,
    /// The user's mail owner (uid, gid): a root test runs the mail as `nobody`.
    owner: Option<(u32, u32)>,
    delivered: usize,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn run(cmd: &mut Command) {
    let out = cmd.output().expect("runs");
    assert!(out.status.success(), "{cmd:?}: {out:?}");
}

impl Dovecot {
    fn start(program: &Path) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        // Dovecot's unprivileged processes must reach the sockets and the mail below.
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(d, fs::Permissions::from_mode(0o755)).expect("chmod");
        run(Command::new("openssl")
            .args([
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
            ])
            .args(["-nodes", "-days", "2", "-subj", "/CN=127.0.0.1"])
            .args(["-addext", "subjectAltName=IP:127.0.0.1"])
            .args(["-addext", "basicConstraints=critical,CA:FALSE"])
            .arg("-keyout")
            .arg(d.join("key.pem"))
            .arg("-out")
            .arg(d.join("cert.pem"))
            .stdout(Stdio::null()));
        fs::write(
            d.join("passwd"),
            format!("{USER}:{{PLAIN}}{PASSWORD}::::\n"),
        )
        .expect("passwd");
        for sub in ["new", "cur", "tmp"] {
            fs::create_dir_all(d.join("home/Maildir").join(sub)).expect("maildir");
        }
        let root = rustix::process::geteuid().is_root();
        let (owner, users) = if root {
            // Dovecot refuses mail for uid 0 and runs its login processes as its own users.
            (Some((65534, 65534)), String::new())
        } else {
            let name =
                String::from_utf8(Command::new("id").arg("-un").output().expect("id").stdout)
                    .expect("user name");
            let group =
                String::from_utf8(Command::new("id").arg("-gn").output().expect("id").stdout)
                    .expect("group name");
            let (name, group) = (name.trim(), group.trim());
            (
                None,
                format!(
                    "default_internal_user = {name}\ndefault_internal_group = {group}\ndefault_login_user = {name}\n"
                ),
            )
        };
        let (uid, gid) = owner.unwrap_or_else(|| {
            (
                rustix::process::geteuid().as_raw(),
                rustix::process::getegid().as_raw(),
            )
        });
        let port = free_port();
        let p = d.display();
        fs::write(
            d.join("dovecot.conf"),
            format!(
                "protocols = imap
listen = 127.0.0.1
base_dir = {p}/run
state_dir = {p}/state
instance_name = privacy-desk-test-{port}
log_path = {p}/dovecot.log
ssl = required
ssl_cert = <{p}/cert.pem
ssl_key = <{p}/key.pem
auth_mechanisms = plain
disable_plaintext_auth = yes
first_valid_uid = 1
mail_location = maildir:{p}/home/Maildir
{users}passdb {{
  driver = passwd-file
  args = {p}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={p}/home
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    port = 0
  }}
  inet_listener imaps {{
    port = {port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
"
            ),
        )
        .expect("config");
        fs::create_dir_all(d.join("state")).expect("state");
        let child = Command::new(program)
            .arg("-F")
            .arg("-c")
            .arg(d.join("dovecot.conf"))
            .stdout(Stdio::null())
            .stderr(fs::File::create(d.join("stderr.log")).expect("log"))
            .spawn()
            .expect("dovecot starts");
        let mut server = Self {
            dir,
            child,
            port,
            owner,
            delivered: 0,
        };
        server.chown_mail();
        // Waiting for it to listen (a readiness wait, not a timing assertion).
        let until = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!("dovecot stopped ({status}): {}", server.logs());
            }
            assert!(
                Instant::now() < until,
                "dovecot did not listen: {}",
                server.logs()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    fn logs(&self) -> String {
        let read = |n: &str| fs::read_to_string(self.dir.path().join(n)).unwrap_or_default();
        format!("{}{}", read("stderr.log"), read("dovecot.log"))
    }

    fn maildir(&self) -> PathBuf {
        self.dir.path().join("home/Maildir")
    }

    fn chown_mail(&self) {
        if let Some((uid, gid)) = self.owner {
            let mut stack = vec![self.dir.path().join("home")];
            while let Some(p) = stack.pop() {
                std::os::unix::fs::chown(&p, Some(uid), Some(gid)).expect("chown");
                if p.is_dir() {
                    stack.extend(
                        fs::read_dir(&p)
                            .expect("dir")
                            .map(|e| e.expect("entry").path()),
                    );
                }
            }
        }
    }

    /// Delivers a message as a mail server would: a file in the maildir's `new`.
    fn deliver(&mut self, message: &str) {
        self.delivered += 1;
        let name = format!(
            "17000000{:02}.M{}P1.privacy-desk-test",
            self.delivered, self.delivered
        );
        let tmp = self.maildir().join("tmp").join(&name);
        fs::write(&tmp, message.replace('\n', "\r\n")).expect("deliver");
        fs::rename(&tmp, self.maildir().join("new").join(&name)).expect("deliver");
        self.chown_mail();
    }

    /// The names of the message files in `new` and `cur`.
    fn message_files(&self) -> Vec<String> {
        let mut out = Vec::new();
        for sub in ["new", "cur"] {
            for e in fs::read_dir(self.maildir().join(sub)).expect("maildir") {
                out.push(format!(
                    "{sub}/{}",
                    e.expect("entry").file_name().to_string_lossy()
                ));
            }
        }
        out.sort();
        out
    }
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn message(n: u32, from: &str, subject: &str, body: &str) -> String {
    format!(
        "Received: from mx.example.net by mail.shop.example; Mon, {n} Nov 2026 10:00:00 +0000
From: {from}
To: privacy@shop.example
Subject: {subject}
Date: Mon, {n} Nov 2026 09:59:00 +0000
Message-ID: <imap-test-{n}@example.net>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

{body}
"
    )
}

struct Setup {
    desk: Desk,
    server: Dovecot,
    password_file: String,
}

fn setup() -> Option<Setup> {
    let program = dovecot_program()?;
    let server = Dovecot::start(&program);
    let desk = Desk::new();
    let password_file = desk
        .store
        .secret_file("imap-pass.txt", PASSWORD)
        .to_string_lossy()
        .into_owned();
    Some(Setup {
        desk,
        server,
        password_file,
    })
}

fn fetch_args<'a>(
    s: &'a Setup,
    port: &'a str,
    ca: &'a str,
    password_file: &'a str,
) -> Vec<&'a str> {
    let _ = s;
    vec![
        "inbox",
        "fetch",
        "--host",
        "127.0.0.1",
        "--port",
        port,
        "--imap-user",
        USER,
        "--ca-file",
        ca,
        "--password-file",
        password_file,
    ]
}

#[test]
fn fetch_takes_new_mail_once_and_leaves_the_mailbox_as_it_was() {
    let Some(mut s) = setup() else { return };
    s.server.deliver(&message(
        2,
        "Ada Quill <ada.quill@example.net>",
        "Erasure request",
        "Please delete my data.",
    ));
    s.server.deliver(&message(
        3,
        "Jonas Weber <jonas.weber@example.de>",
        "Auskunftsersuchen nach Art. 15 DSGVO",
        "Bitte um Auskunft.",
    ));
    s.server.deliver(&message(
        4,
        "Shop News <news@example.com>",
        "Offers",
        "Nothing to see.",
    ));
    let before = s.server.message_files();
    let port = s.server.port.to_string();
    let ca = s
        .server
        .dir
        .path()
        .join("cert.pem")
        .to_string_lossy()
        .into_owned();
    let args = fetch_args(&s, &port, &ca, &s.password_file);
    let out = s.desk.run(&args);
    assert_eq!(out.code, Some(0), "{out:?}\n{}", s.server.logs());
    assert!(
        out.stdout
            .contains("3 read: 2 proposed, 0 follow-up(s), 1 not a request"),
        "{out:?}"
    );
    let rows: Value = s.desk.json(&["inbox", "list", "--json"]);
    let rows = rows.as_array().expect("list");
    let kinds: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["from"].as_str().unwrap_or(""),
                r["proposed_type"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert!(
        kinds.contains(&("ada.quill@example.net", "erasure")),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&("jonas.weber@example.de", "access")),
        "{kinds:?}"
    );
    assert!(kinds.contains(&("news@example.com", "-")), "{kinds:?}");
    let ada = rows
        .iter()
        .find(|r| r["from"] == "ada.quill@example.net")
        .expect("ada");
    assert_eq!(ada["received"], "2026-11-02");

    // A second fetch with the stored account takes nothing twice.
    let out = s.desk.ok(&["inbox", "fetch"]);
    assert!(out.stdout.contains("0 read"), "{out:?}");
    // A new message is taken, and only it.
    s.server.deliver(&message(
        5,
        "Rosa Lind <rosa.lind@example.se>",
        "Hi",
        "I withdraw my consent to marketing.",
    ));
    let out = s.desk.ok(&["inbox", "fetch"]);
    assert!(out.stdout.contains("1 read: 1 proposed"), "{out:?}");
    assert_eq!(
        s.desk
            .json(&["inbox", "list", "--json"])
            .as_array()
            .map(Vec::len),
        Some(4)
    );
    // Read-only: nothing deleted, moved out or flagged \Seen.
    let after = s.server.message_files();
    assert_eq!(after.len(), before.len() + 1, "{after:?}");
    assert!(
        after
            .iter()
            .all(|f| !f.contains(":2,S") && !f.contains(",S")),
        "{after:?}"
    );
    // The password is sealed: not in the store file in the clear.
    let bytes = fs::read(&s.desk.store.path).expect("store");
    assert!(!crate::common::contains(&bytes, PASSWORD.as_bytes()));
}

#[test]
fn a_wrong_password_is_a_clear_error_naming_the_server() {
    let Some(s) = setup() else { return };
    let wrong = s
        .desk
        .store
        .secret_file("wrong-pass.txt", "not the password")
        .to_string_lossy()
        .into_owned();
    let port = s.server.port.to_string();
    let ca = s
        .server
        .dir
        .path()
        .join("cert.pem")
        .to_string_lossy()
        .into_owned();
    let args = fetch_args(&s, &port, &ca, &wrong);
    let out = s
        .desk
        .fails(&args, "the IMAP server 127.0.0.1 refused the login");
    assert!(!out.stderr.contains("not the password"), "{out:?}");
    assert_eq!(
        s.desk.json(&["inbox", "list", "--json"]),
        Value::Array(vec![])
    );
    // Nothing was kept: not the account, not the refused password.
    s.desk.fails(&["inbox", "fetch"], "no IMAP account is set");
}

#[test]
fn an_untrusted_certificate_is_refused_with_a_hint() {
    let Some(s) = setup() else { return };
    let port = s.server.port.to_string();
    let out = s.desk.run(&[
        "inbox",
        "fetch",
        "--host",
        "127.0.0.1",
        "--port",
        &port,
        "--imap-user",
        USER,
        "--password-file",
        &s.password_file,
    ]);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(
        out.stderr.contains("127.0.0.1") && out.stderr.contains("--ca-file"),
        "{out:?}"
    );
}
