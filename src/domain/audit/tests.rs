//! Tests of the chain rules: every kind of tampering is found at the right entry.
use super::*;

fn key() -> SecretKey {
    SecretKey::random().unwrap()
}

fn chain(key: &SecretKey, n: i64) -> Vec<AuditEntry> {
    let mut out: Vec<AuditEntry> = Vec::new();
    for i in 0..n {
        let (prev_seq, prev_mac) = out
            .last()
            .map_or((0, GENESIS_MAC.to_vec()), |e| (e.seq, e.mac.clone()));
        let new = NewAuditEntry {
            actor: "owner".into(),
            via: "cli".into(),
            action: AuditAction::SettingsUpdated,
            entity: EntityRef::new("settings", "auto_lock"),
            details: format!("change {i}"),
        };
        out.push(seal_entry(key, &new, Utc::now(), prev_seq, &prev_mac));
    }
    out
}

fn verify(key: &SecretKey, entries: &[AuditEntry], head: (i64, &[u8])) -> VerifyReport {
    let mut v = ChainVerifier::new(key);
    for e in entries {
        if !v.push(e) {
            break;
        }
    }
    v.finish(head.0, head.1)
}

#[test]
fn tamper_table() {
    let k = key();
    let good = chain(&k, 5);
    let head_mac = good[4].mac.clone();
    let head = (5, head_mac.as_slice());

    assert!(verify(&k, &good, head).is_intact());

    let mut edited = good.clone();
    edited[2].details = "something else".into();
    let mut deleted = good.clone();
    deleted.remove(2);
    let mut reordered = good.clone();
    reordered.swap(1, 2);
    let mut renumbered = good.clone();
    renumbered.remove(2);
    for (i, e) in renumbered.iter_mut().enumerate() {
        e.seq = i as i64 + 1;
    }
    let truncated = good[..3].to_vec();

    let cases: Vec<(&str, Vec<AuditEntry>, i64)> = vec![
        ("edited", edited, 3),
        ("deleted", deleted, 3),
        ("reordered", reordered, 2),
        ("deleted and renumbered", renumbered, 3),
        ("truncated", truncated, 4),
    ];
    for (name, entries, first_bad) in cases {
        let report = verify(&k, &entries, head);
        let brk = report
            .first_break
            .unwrap_or_else(|| panic!("{name} not detected"));
        assert_eq!(brk.first_bad_seq(), first_bad, "{name}: {brk}");
    }
}

#[test]
fn a_chain_checked_with_another_key_fails_at_the_first_entry() {
    let good = chain(&key(), 2);
    let report = verify(&key(), &good, (2, &good[1].mac));
    assert_eq!(report.first_break, Some(ChainBreak::Edited { seq: 1 }));
}

#[test]
fn empty_chain_with_empty_head_is_intact() {
    assert!(verify(&key(), &[], (0, &[])).is_intact());
}

#[test]
fn action_codes_are_unique_and_round_trip() {
    for a in AuditAction::ALL {
        assert_eq!(AuditAction::from_code(a.code()), Some(a));
    }
}

#[test]
fn hex_round_trip() {
    assert_eq!(
        from_hex(&to_hex(&[0, 1, 254, 255])),
        Some(vec![0, 1, 254, 255])
    );
    assert_eq!(from_hex("zz"), None);
}
