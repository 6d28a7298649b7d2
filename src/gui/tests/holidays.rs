//! Holidays in Settings (issue 16): an EU store that never chose its member state's calendar
//! is told so, with the calendar its deadlines use meanwhile (the service's default), and can
//! choose; the calendar's days for this year and next are listed, and a closing day is added
//! and removed, a preset made a working day and restored, as `holiday add` / `holiday remove`
//! do.

use chrono::Datelike;

use super::*;
use crate::domain::holidays::Jurisdiction;
use crate::gui::areas::today;
use crate::services::default_jurisdiction;

fn shown(h: &mut Harness<'_, PrivacyDeskApp>, label: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run();
}

fn press(h: &mut Harness<'_, PrivacyDeskApp>, label: &str) {
    shown(h, label);
    click(h, label);
}

fn fill(h: &mut Harness<'_, PrivacyDeskApp>, label: &str, text: &str) {
    shown(h, label);
    type_into(h, label, text);
}

fn days(h: &Harness<'_, PrivacyDeskApp>, year: i32) -> Vec<crate::services::CalendarDay> {
    let s = h.state().session.as_ref().unwrap();
    s.requests()
        .calendar_year(Jurisdiction::Ireland, year)
        .unwrap()
}

#[test]
fn an_eu_store_without_a_calendar_is_told_and_edits_its_closing_days() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Settings");
    click(&mut h, "Holiday calendars and automated decisions");

    // No choice was made: the page says so, naming what the deadlines use meanwhile, and it
    // is what the rules use.
    {
        let s = h.state().session.as_ref().unwrap();
        assert_eq!(
            s.requests().chosen_jurisdiction(Regime::Gdpr).unwrap(),
            None
        );
        assert_eq!(
            s.requests().regime_jurisdiction(Regime::Gdpr).unwrap(),
            default_jurisdiction(Regime::Gdpr)
        );
    }
    assert_eq!(
        h.get_by_label("Holiday calendar for GDPR (European Union) deadlines")
            .value()
            .as_deref(),
        Some("Choose…")
    );
    assert!(
        h.query_by_label(
            "No member state chosen — GDPR (European Union) deadlines use the Ireland public holidays until you choose; choose your member state's calendar here and save."
        )
        .is_some()
    );

    // This year's and next year's days of the calendar in use.
    let year = today().year();
    assert_eq!(
        h.get_by_label("Calendar shown").value().as_deref(),
        Some("Ireland")
    );
    assert!(
        h.query_by_label_contains("GDPR (European Union) deadlines count with this calendar")
            .is_some()
    );
    assert!(h.query_by_label(&format!("Ireland — {year}")).is_some());
    assert!(
        h.query_by_label(&format!("Ireland — {}", year + 1))
            .is_some()
    );
    let new_year = days(&h, year)[0].holiday.date;
    assert!(h.query_by_label(&format!("Remove {new_year}")).is_some());

    // A closing day: a bad date and a missing name are refused under the form.
    fill(&mut h, "Closing day", "14/08");
    press(&mut h, "Add closing day");
    assert!(
        h.query_by_label_contains("Problem: Closing day: write the date as YYYY-MM-DD")
            .is_some()
    );
    let closure = chrono::NaiveDate::from_ymd_opt(year + 1, 8, 14).unwrap();
    h.get_by_label("Closing day").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label("Closing day")
        .type_text(&closure.format("%Y-%m-%d").to_string());
    h.run();
    press(&mut h, "Add closing day");
    assert!(
        h.query_by_label_contains("Problem: Name: give the holiday a name")
            .is_some()
    );
    assert_eq!(days(&h, year + 1).iter().filter(|d| d.added).count(), 0);
    fill(&mut h, "Name of the closing day", "Company closure");
    press(&mut h, "Add closing day");
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|t| t.contains("is a closing day in the Ireland calendar")),
        "{:?}",
        h.state().notice_text()
    );
    assert!(h.query_by_label("Company closure (added)").is_some());
    assert!(
        days(&h, year + 1)
            .iter()
            .any(|d| d.added && d.holiday.date == closure)
    );

    // Removed again.
    press(&mut h, &format!("Remove {closure}"));
    assert!(h.query_by_label("Company closure (added)").is_none());
    assert!(!days(&h, year + 1).iter().any(|d| d.added));

    // A preset made a working day, then restored.
    press(&mut h, &format!("Remove {new_year}"));
    assert!(days(&h, year)[0].removed);
    assert!(
        h.query_by_label_contains("(removed: a working day here)")
            .is_some()
    );
    press(&mut h, &format!("Restore {new_year}"));
    assert!(!days(&h, year)[0].removed);

    // Choosing the member state: saved with the profile, and the sentence goes.
    h.get_by_label("Holiday calendar for GDPR (European Union) deadlines")
        .scroll_to_me();
    h.run();
    click(
        &mut h,
        "Holiday calendar for GDPR (European Union) deadlines",
    );
    h.get_all_by_label("Ireland").last().unwrap().click();
    h.run();
    press(&mut h, "Save organisation profile");
    let s = h.state().session.as_ref().unwrap();
    assert_eq!(
        s.requests().chosen_jurisdiction(Regime::Gdpr).unwrap(),
        Some(Jurisdiction::Ireland)
    );
    assert!(
        h.query_by_label_contains("No member state chosen")
            .is_none()
    );
}
