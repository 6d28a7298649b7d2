//! Issue 18, item 3: the self-service site. `site build` writes static pages; a real headless
//! Chromium (driven through ChromeDriver's WebDriver protocol) fills the request form and the
//! preference page and submits them to a form address served by this test; what the browser
//! sent is then taken in by `inbox import` and proposed exactly (type, person, page version).
//! The Global Privacy Control signal is given to the page as a browser that sends it would.
//!
//! Without Chromium a test says once which packages to install and passes; CI installs them
//! and sets `PRIVACY_DESK_REQUIRE_CHROMIUM=1`, so there a missing browser fails the test.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Once;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::common::desk::Desk;

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// The browser and its driver, when installed.
fn browser() -> Option<(PathBuf, PathBuf)> {
    static MISSING: Once = Once::new();
    let found = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
        .zip(
            ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
                .into_iter()
                .map(PathBuf::from)
                .find(|p| p.exists()),
        );
    if found.is_none() {
        assert!(
            std::env::var_os("PRIVACY_DESK_REQUIRE_CHROMIUM").is_none(),
            "PRIVACY_DESK_REQUIRE_CHROMIUM is set but chromium or chromedriver (Debian packages chromium and chromium-driver) is not installed"
        );
        MISSING.call_once(|| {
            eprintln!(
                "site: browser tests skipped: install the Debian packages chromium and chromium-driver to run them"
            );
        });
    }
    found
}

/// One HTTP/1.1 exchange (ChromeDriver answers with a Content-Length); returns the status and
/// the body as JSON.
fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> (u16, Value) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect to chromedriver");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .expect("timeout");
    let payload = body.map(|b| b.to_string()).unwrap_or_default();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{payload}",
        payload.len()
    )
    .expect("send");
    let mut reader = BufReader::new(stream);
    let mut status_line = String::new();
    reader.read_line(&mut status_line).expect("status line");
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).expect("header");
        if line.trim().is_empty() {
            break;
        }
        if let Some(n) = content_length(&line) {
            length = n;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).expect("body");
    let body = String::from_utf8_lossy(&body);
    (status, serde_json::from_str(&body).unwrap_or(Value::Null))
}

/// The length a `Content-Length` header line gives.
fn content_length(line: &str) -> Option<usize> {
    let (name, value) = line.split_once(':')?;
    name.eq_ignore_ascii_case("content-length")
        .then(|| value.trim().parse().ok())
        .flatten()
}

/// A WebDriver session on a headless Chromium; the driver is stopped when dropped.
struct Browser {
    driver: Child,
    port: u16,
    session: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn start(chromium: &Path, chromedriver: &Path) -> Self {
        let port = free_port();
        let driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "chromedriver did not start"
            );
            thread::sleep(Duration::from_millis(100));
        }
        let profile = tempfile::tempdir().expect("browser profile");
        let mut b = Self {
            driver,
            port,
            session: String::new(),
            _profile: profile,
        };
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                         "--disable-dev-shm-usage",
                         format!("--user-data-dir={}", b._profile.path().display())]
            }
        }}});
        let (status, v) = http(port, "POST", "/session", Some(&caps));
        assert_eq!(status, 200, "new session: {v}");
        b.session = v["value"]["sessionId"]
            .as_str()
            .expect("a session id")
            .to_owned();
        b
    }

    fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let path = format!("/session/{}{path}", self.session);
        let body = (method == "POST").then_some(&body);
        let (status, v) = http(self.port, method, &path, body);
        assert_eq!(status, 200, "{method} {path}: {v}");
        v["value"].clone()
    }

    fn open(&self, file: &Path) {
        let url = format!("file://{}", file.display());
        self.call("POST", "/url", json!({ "url": url }));
    }

    fn find(&self, css: &str) -> String {
        let v = self.call(
            "POST",
            "/element",
            json!({"using": "css selector", "value": css}),
        );
        v[ELEMENT].as_str().expect("an element").to_owned()
    }

    fn type_into(&self, css: &str, text: &str) {
        let id = self.find(css);
        self.call(
            "POST",
            &format!("/element/{id}/value"),
            json!({ "text": text }),
        );
    }

    fn click(&self, css: &str) {
        let id = self.find(css);
        self.call("POST", &format!("/element/{id}/click"), json!({}));
    }

    fn selected(&self, css: &str) -> bool {
        let id = self.find(css);
        self.call("GET", &format!("/element/{id}/selected"), json!({}))
            .as_bool()
            .expect("a boolean")
    }

    fn script(&self, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            json!({"script": script, "args": []}),
        )
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let path = format!("/session/{}", self.session);
        if !self.session.is_empty() {
            let _ = std::panic::catch_unwind(|| http(self.port, "DELETE", &path, None));
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// A form service on 127.0.0.1: takes each POST's body and answers "thank you".
struct FormService {
    port: u16,
    bodies: mpsc::Receiver<String>,
}

impl FormService {
    fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let (tx, bodies) = mpsc::channel();
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let tx = tx.clone();
                thread::spawn(move || {
                    let _ = serve(stream, &tx);
                });
            }
        });
        Self { port, bodies }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/submit", self.port)
    }

    fn next_body(&self) -> String {
        self.bodies
            .recv_timeout(Duration::from_secs(60))
            .expect("the browser submitted the form")
    }
}

fn serve(stream: TcpStream, tx: &mpsc::Sender<String>) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line)?;
        if line.trim().is_empty() {
            break;
        }
        if let Some(n) = content_length(&line) {
            length = n;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    let mut stream = stream;
    let page = "<!doctype html><title>Thank you</title><p>Thank you.</p>";
    write!(
        stream,
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}",
        page.len()
    )?;
    if request_line.starts_with("POST") {
        let _ = tx.send(String::from_utf8_lossy(&body).into_owned());
    }
    Ok(())
}

/// A store with a profile under the GDPR and the CCPA, the form address set, and Ana on file.
fn desk_with_site(form_action: &str) -> Desk {
    let desk = Desk::new();
    desk.ok(&[
        "profile",
        "set",
        "--name",
        "Lima Bakery",
        "--controller-email",
        "privacy@bakery.example",
        "--regime",
        "gdpr",
        "--regime",
        "ccpa-cpra",
        "--form-action",
        form_action,
    ]);
    desk.ok(&[
        "subject",
        "add",
        "--email",
        "ana@example.org",
        "--name",
        "Ana Lima",
    ]);
    desk
}

/// What a form service forwards to the privacy mailbox: its notification with the body.
fn forwarded(desk: &Desk, n: usize, body: &str) -> String {
    let eml = desk.store.dir.path().join(format!("form-{n}.eml"));
    let message = format!(
        "From: Form Service <forms@service.example>\r\nTo: privacy@bakery.example\r\nSubject: New submission\r\nDate: Mon, 07 Dec 2026 10:00:00 +0000\r\nMessage-ID: <form-{n}@service.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}"
    );
    std::fs::write(&eml, message).expect("write eml");
    eml.to_string_lossy().into_owned()
}

fn build_site(desk: &Desk, langs: &str) -> (PathBuf, Value) {
    let out = desk.store.dir.path().join("site");
    let report = desk.json(&[
        "site",
        "build",
        "--out",
        &out.to_string_lossy(),
        "--lang",
        langs,
        "--json",
    ]);
    (out, report)
}

#[test]
fn a_request_sent_from_the_page_in_a_real_browser_is_proposed_exactly() {
    let Some((chromium, driver)) = browser() else {
        return;
    };
    let service = FormService::start();
    let desk = desk_with_site(&service.url());
    let (site, report) = build_site(&desk, "en,fr");
    let version = report["page_version"]
        .as_str()
        .expect("a version")
        .to_owned();
    assert_eq!(report["submits_to"], service.url().as_str());

    let b = Browser::start(&chromium, &driver);
    b.open(&site.join("fr/request.html"));
    b.click("#type option[value=erasure]");
    b.click("#regime option[value=gdpr]");
    b.type_into("#email", "ana@example.org");
    b.type_into("#name", "Ana Lima");
    b.type_into(
        "#details",
        "Merci de tout effacer.\nY compris les commandes.",
    );
    b.click("#send");
    let body = service.next_body();
    assert!(body.contains("privacy-desk-form=request"), "{body}");
    assert!(body.contains("gpc=0"), "no GPC signal was sent: {body}");

    // A CCPA button on the English page.
    b.open(&site.join("en/request.html"));
    b.type_into("#email", "ana@example.org");
    b.click("#opt-out");
    let opt_out = service.next_body();

    let files = [forwarded(&desk, 1, &body), forwarded(&desk, 2, &opt_out)];
    desk.ok(&["inbox", "import", &files[0], &files[1]]);
    let rows = desk.json(&["inbox", "list", "--json"]);
    let rows = rows.as_array().expect("a list");
    assert_eq!(rows.len(), 2, "{rows:#?}");
    let by_id = |id: &str| {
        rows.iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("no {id}: {rows:#?}"))
    };
    let erasure = by_id("M-0001");
    assert_eq!(erasure["proposed_type"], "erasure", "{erasure:#?}");
    assert_eq!(erasure["from"], "ana@example.org");
    assert_eq!(erasure["subject_found"], true);
    assert_eq!(
        erasure["matched_phrase"],
        format!("request form, page {version}").as_str()
    );
    assert_eq!(by_id("M-0002")["proposed_type"], "opt-out");

    // Accepting opens the request under the regime the person chose.
    let out = desk.ok(&["inbox", "accept", erasure["id"].as_str().expect("id")]);
    let reference = out.stdout.lines().last().expect("a reference").trim();
    let shown = desk.json(&["request", "show", reference, "--json"]);
    assert_eq!(shown["type"], "erasure", "{shown:#}");
}

#[test]
fn the_preference_page_honours_global_privacy_control() {
    let Some((chromium, driver)) = browser() else {
        return;
    };
    let service = FormService::start();
    let desk = desk_with_site(&service.url());
    let (site, _) = build_site(&desk, "en");
    let b = Browser::start(&chromium, &driver);
    b.open(&site.join("en/preferences.html"));
    assert!(!b.selected("#do-not-sell"));
    // A browser that sends the signal exposes navigator.globalPrivacyControl = true.
    let honoured = b.script(
        "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', \
         {get: () => true, configurable: true}); return privacyDeskHonourGpc();",
    );
    assert_eq!(honoured, true);
    assert!(b.selected("#do-not-sell"), "GPC ticks do-not-sell");
    let shown = b.script("return document.getElementById('gpc-notice').hidden;");
    assert_eq!(shown, false, "the page says the signal was honoured");
    b.type_into("#email", "ana@example.org");
    b.click("#p-newsletter-withdraw");
    b.click("#send");
    let body = service.next_body();
    assert!(body.contains("gpc=1"), "{body}");
    assert!(body.contains("do-not-sell=yes"), "{body}");
    assert!(body.contains("purpose.newsletter=withdraw"), "{body}");

    desk.ok(&["inbox", "import", &forwarded(&desk, 1, &body)]);
    let rows = desk.json(&["inbox", "list", "--json"]);
    let row = &rows[0];
    assert_eq!(row["proposed_type"], "withdraw-consent", "{row:#?}");
    let phrase = row["matched_phrase"].as_str().expect("a phrase");
    assert!(phrase.contains("withdraw newsletter"), "{phrase}");
}

#[test]
fn site_build_checks_its_input_and_changes_nothing_on_a_bad_one() {
    let desk = Desk::new();
    // No profile yet: the pages need the controller's email.
    let out = desk.store.dir.path().join("site");
    desk.fails(
        &["site", "build", "--out", &out.to_string_lossy()],
        "controller's email",
    );
    assert!(!out.exists());
    desk.ok(&[
        "profile",
        "set",
        "--name",
        "Lima Bakery",
        "--controller-email",
        "privacy@bakery.example",
        "--regime",
        "gdpr",
    ]);
    desk.fails(
        &[
            "site",
            "build",
            "--out",
            &out.to_string_lossy(),
            "--lang",
            "en,xx",
        ],
        "\"xx\" is not a language",
    );
    assert!(!out.exists());
    desk.fails(
        &["profile", "set", "--form-action", "http://forms.example/f"],
        "https://",
    );
    // By default the pages send by email, to the controller's address.
    let report = desk.json(&["site", "build", "--out", &out.to_string_lossy(), "--json"]);
    assert_eq!(report["submits_to"], "mailto:privacy@bakery.example");
    let page = std::fs::read_to_string(out.join("en/request.html")).expect("page");
    assert!(page.contains("action=\"mailto:privacy@bakery.example?subject="));
    let shown = desk.ok(&["profile", "show"]);
    assert!(shown.stdout.contains("Form address:  none"), "{shown:?}");
    desk.ok(&[
        "profile",
        "set",
        "--form-action",
        "https://forms.example/f/abc",
    ]);
    let shown = desk.ok(&["profile", "show"]);
    assert!(
        shown
            .stdout
            .contains("Form address:  https://forms.example/f/abc"),
        "{shown:?}"
    );
}
