//! Mailbox intake: `inbox import` of a generated 10,000-message mbox (a mix of requests in six
//! languages, replies and newsletters, some quoted-printable, some HTML-only), each run into a
//! fresh store. Size from `PRIVACY_DESK_BENCH_MESSAGES` (default 10,000).
//!
//! Run: `cargo bench --bench intake`.

use std::io::Write as _;
use std::path::Path;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use privacy_desk::crypto::{KdfParams, Passphrase};
use privacy_desk::jobs::Progress;
use privacy_desk::services::{Session, Via};

const BODIES: [(&str, &str); 8] = [
    (
        "Subject access request",
        "I would like a copy of my personal data.",
    ),
    (
        "Datenschutz",
        "Ich bitte um L=C3=B6schung meiner Daten gem=C3=A4=C3=9F Art. 17 DSGVO.",
    ),
    ("Demande", "Merci de supprimer mes donn=C3=A9es."),
    ("Solicitud", "Ejerzo mi derecho de acceso."),
    ("Richiesta", "Chiedo la cancellazione dei miei dati."),
    ("Verzoek", "Verwijder mijn gegevens alstublieft."),
    ("Your order", "Where is my parcel? It was due on Monday."),
    (
        "Offers",
        "This week only: 20% off. To unsubscribe me from this list click below.",
    ),
];

/// Writes an mbox of `n` messages.
pub fn write_mbox(path: &Path, n: usize) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).expect("mbox"));
    for i in 0..n {
        let (subject, body) = BODIES[i % BODIES.len()];
        let day = 1 + i % 28;
        let html = i % 5 == 4;
        let (ctype, body) = if html {
            (
                "text/html",
                format!("<html><body><p>{body}</p></body></html>"),
            )
        } else {
            ("text/plain", body.to_owned())
        };
        let bulk = if i % BODIES.len() == 7 {
            "List-Unsubscribe: <mailto:u@shop.example>\n"
        } else {
            ""
        };
        write!(
            f,
            "From person{i}@example.org Mon Nov {day:2} 10:00:00 2026\n\
Received: from mx.example.org by mail.shop.example; Mon, {day} Nov 2026 10:00:00 +0000\n\
From: Person {i} <person{i}@example.org>\nTo: privacy@shop.example\nSubject: {subject}\n\
Date: Mon, {day} Nov 2026 09:59:00 +0000\nMessage-ID: <bench-{i}@example.org>\n{bulk}\
MIME-Version: 1.0\nContent-Type: {ctype}; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n\
Hello,\n\n{body}\n\nRegards,\nPerson {i}\n\n"
        )
        .expect("write");
    }
}

fn intake(c: &mut Criterion) {
    let n: usize = std::env::var("PRIVACY_DESK_BENCH_MESSAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let mbox = dir.path().join("privacy.mbox");
    write_mbox(&mbox, n);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("day");
    let mut group = c.benchmark_group(format!("intake_{n}"));
    group.sample_size(10);
    group.bench_function("import_mbox", |b| {
        b.iter_batched(
            || {
                let store = tempfile::tempdir().expect("store dir");
                let session = Session::create(
                    &store.path().join("s.pdesk"),
                    "owner",
                    &Passphrase::new("correct horse battery staple"),
                    KdfParams::FLOOR,
                    Via::Cli,
                )
                .expect("store")
                .0;
                (store, session)
            },
            |(store, session)| {
                let report = session
                    .inbox()
                    .import_files(std::slice::from_ref(&mbox), today, &Progress::default())
                    .expect("import");
                assert_eq!(report.read as usize, n);
                (store, session)
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, intake);
criterion_main!(benches);
