//! Table tests of `age.rs`.
use super::*;

/// One row: regime, member state, age, parent's age, words of the source.
type Row = (Regime, Option<MemberState>, u8, Option<u8>, &'static str);

/// GDPR Art. 8(1), UK GDPR Art. 8(1) (DPA 2018 s. 9), Cal. Civ. Code § 1798.120(c).
#[test]
fn thresholds_per_regime_cite_their_source() {
    let table: [Row; 7] = [
        (Regime::Gdpr, None, 16, None, "Art. 8(1)"),
        (Regime::Gdpr, Some(MemberState::Ie), 16, None, "s. 31"),
        (Regime::Gdpr, Some(MemberState::Fr), 15, None, "art. 45"),
        (Regime::Gdpr, Some(MemberState::Es), 14, None, "LOPDGDD"),
        (Regime::Gdpr, Some(MemberState::Be), 13, None, "Art. 7"),
        (
            Regime::UkGdpr,
            Some(MemberState::Ie),
            13,
            None,
            "2018, s. 9",
        ),
        (Regime::CcpaCpra, None, 16, Some(13), "§ 1798.120(c)"),
    ];
    for (regime, state, age, parent, cited) in table {
        let t = threshold(regime, state);
        assert_eq!(t.age, age, "{regime:?} {state:?}");
        assert_eq!(t.parent_age, parent, "{regime:?} {state:?}");
        assert!(t.source.contains(cited), "{}", t.source);
    }
    assert!(
        threshold(Regime::Gdpr, None)
            .source
            .contains("no member state is chosen")
    );
}

/// GDPR Art. 8(1): no member state may set an age above 16 or below 13; every state is in
/// the table once, with the law that sets its age.
#[test]
fn every_member_state_is_between_13_and_16_once() {
    let mut seen = std::collections::BTreeSet::new();
    for (state, name, age, law) in STATES {
        assert!((13..=16).contains(&age), "{name}: {age}");
        assert!(!law.is_empty() && !name.is_empty());
        assert!(seen.insert(state), "{name} twice");
        assert_eq!(state.age(), age);
        assert_eq!(state.label(), name);
    }
    assert_eq!(seen.len(), 30);
    assert_eq!(STATES[13].0, MemberState::Ie);
}

/// The member states' ages as their national laws set them (a sample of each age).
#[test]
fn national_ages_from_the_implementing_laws() {
    for (state, age) in [
        (MemberState::De, 16),
        (MemberState::Nl, 16),
        (MemberState::Fr, 15),
        (MemberState::Cz, 15),
        (MemberState::Gr, 15),
        (MemberState::At, 14),
        (MemberState::It, 14),
        (MemberState::Es, 14),
        (MemberState::Dk, 13),
        (MemberState::Se, 13),
        (MemberState::Pt, 13),
    ] {
        assert_eq!(state.age(), age, "{}", state.label());
    }
}

/// Only an EU/EEA calendar names a member state; Ireland's is Ireland.
#[test]
fn a_calendar_names_its_member_state() {
    assert_eq!(
        MemberState::of_calendar(Jurisdiction::Ireland),
        Some(MemberState::Ie)
    );
    for j in [
        Jurisdiction::EnglandWales,
        Jurisdiction::Scotland,
        Jurisdiction::NorthernIreland,
        Jurisdiction::UsFederal,
    ] {
        assert_eq!(MemberState::of_calendar(j), None);
    }
}
