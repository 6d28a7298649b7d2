//! Issue 16, the member state of establishment (GDPR Art. 4(16); Art. 8(1) "the Member
//! State's" law): `profile set --member-state CODE` / `--no-member-state`, `profile show
//! --json`'s `member_state`, a bad code refused naming the flag and the valid codes with
//! nothing changed, the audit entry naming only the code, and the EU GDPR age threshold in
//! `subject show --json` following the state chosen.

use serde_json::Value;

use crate::common::desk::Desk;

/// The EU GDPR threshold of the person's page.
fn gdpr_threshold(desk: &Desk) -> Value {
    let show = desk.json(&["subject", "show", "pip@example.org", "--json"]);
    let thresholds = show["age"]["thresholds"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    thresholds
        .into_iter()
        .find(|t| t["regime"] == "gdpr")
        .unwrap_or_else(|| panic!("no GDPR threshold: {show}"))
}

#[test]
fn the_member_state_is_set_shown_refused_and_followed_by_the_age_threshold() {
    let desk = Desk::new();
    desk.ok(&[
        "profile",
        "set",
        "--name",
        "Fenwick Spielwaren GmbH",
        "--controller-email",
        "privacy@fenwick.example",
        "--no-dpo",
        "--regime",
        "gdpr",
    ]);
    desk.ok(&[
        "subject",
        "add",
        "--email",
        "pip@example.org",
        "--name",
        "Pip Fenwick",
    ]);
    desk.ok(&[
        "subject",
        "set-age",
        "pip@example.org",
        "--age-band",
        "13-15",
    ]);
    let profile = || desk.json(&["profile", "show", "--json"]);
    assert!(profile()["member_state"].is_null());
    let none = gdpr_threshold(&desk);
    assert_eq!(none["age"], 16, "{none}");
    assert!(none["state"].is_null(), "{none}");

    // A bad code: exit 1, the flag and the valid codes named, nothing changed (not even the
    // name given with it).
    let before = profile();
    for bad in ["XX", "EL", "GB", ""] {
        desk.fails(
            &[
                "profile",
                "set",
                "--name",
                "Other GmbH",
                "--member-state",
                bad,
            ],
            "--member-state",
        );
    }
    let out = desk.fails(&["profile", "set", "--member-state", "xx"], "AT, BE, BG");
    assert!(out.stderr.contains("Nothing was changed"), "{out:?}");
    assert_eq!(profile(), before);

    // Any case; the age follows: Germany 16, France 15, Belgium 13.
    for (code, age, name) in [
        ("de", 16, "Germany"),
        ("FR", 15, "France"),
        ("Be", 13, "Belgium"),
    ] {
        desk.ok(&["profile", "set", "--member-state", code]);
        assert_eq!(profile()["member_state"], code.to_uppercase());
        let t = gdpr_threshold(&desk);
        assert_eq!(t["age"], age, "{t}");
        assert!(t["source"].as_str().unwrap().contains(name), "{t}");
    }
    let text = desk.ok(&["profile", "show"]).stdout;
    assert!(text.contains("Member state:  Belgium (BE)"), "{text}");

    // The change is audited with the code only.
    let raw = desk.store.raw();
    let details: Vec<String> = raw
        .prepare("SELECT details FROM audit_log WHERE entity_id = 'establishment.member_state' ORDER BY seq")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        details,
        [
            "member state of establishment DE",
            "member state of establishment FR",
            "member state of establishment BE"
        ]
    );

    desk.ok(&["profile", "set", "--no-member-state"]);
    assert!(profile()["member_state"].is_null());
    assert_eq!(gdpr_threshold(&desk)["age"], 16);
    // Both at once: clap's usage error (exit 2), as with `--form-action` / `--no-form-action`.
    desk.fails_with(
        &[
            "profile",
            "set",
            "--member-state",
            "DE",
            "--no-member-state",
        ],
        2,
        "--no-member-state",
    );
    assert!(profile()["member_state"].is_null());
}
