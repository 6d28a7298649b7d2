//! The Dashboard's chart of consent per purpose (egui_plot), with the same figures as a table
//! for screen readers.

use std::collections::BTreeMap;

use egui::{Color32, Grid, Ui};
use egui_plot::{Bar, BarChart, Legend, Plot};

use crate::services::ConsentCounts;

/// Draws one stacked bar per purpose: given, withdrawn, expired, opted out.
pub fn consent_chart(ui: &mut Ui, consent: &BTreeMap<String, ConsentCounts>) {
    if consent
        .values()
        .all(|c| c.given + c.withdrawn + c.expired + c.opted_out == 0)
    {
        ui.label("No consent recorded yet.");
        return;
    }
    let codes: Vec<&String> = consent.keys().collect();
    let series = |name: &str, color: Color32, value: fn(&ConsentCounts) -> u64| {
        let bars = consent
            .values()
            .enumerate()
            .map(|(i, c)| Bar::new(i as f64, value(c) as f64).width(0.6))
            .collect();
        BarChart::new(name, bars).color(color)
    };
    let given = series("Given", Color32::from_rgb(0x2E, 0x9E, 0x5B), |c| c.given);
    let withdrawn = series("Withdrawn", Color32::from_rgb(0xD1, 0x4B, 0x3F), |c| {
        c.withdrawn
    })
    .stack_on(&[&given]);
    let expired = series("Expired", Color32::from_rgb(0x9A, 0x9A, 0x9A), |c| {
        c.expired
    })
    .stack_on(&[&given, &withdrawn]);
    let opted_out = series(
        "Opted out (CCPA)",
        Color32::from_rgb(0xE0, 0x9B, 0x2D),
        |c| c.opted_out,
    )
    .stack_on(&[&given, &withdrawn, &expired]);
    let labels = codes.clone();
    Plot::new("consent-per-purpose")
        .height(220.0)
        .legend(Legend::default())
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .show_grid([false, true])
        .include_y(0.0)
        .y_axis_label("people")
        .x_axis_formatter(move |mark, _range| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                labels
                    .get(i as usize)
                    .map(|s| s.to_string())
                    .unwrap_or_default()
            } else {
                String::new()
            }
        })
        .show(ui, |plot| {
            plot.bar_chart(given);
            plot.bar_chart(withdrawn);
            plot.bar_chart(expired);
            plot.bar_chart(opted_out);
        })
        .response
        .accessible_name("Chart of consent per purpose; the table below has the same figures");
    Grid::new("consent-figures")
        .num_columns(5)
        .striped(true)
        .spacing([20.0, 4.0])
        .show(ui, |ui| {
            for title in ["Purpose", "Given", "Withdrawn", "Expired", "Opted out"] {
                ui.strong(title);
            }
            ui.end_row();
            for (code, c) in consent {
                ui.label(code.as_str());
                for n in [c.given, c.withdrawn, c.expired, c.opted_out] {
                    ui.label(n.to_string());
                }
                ui.end_row();
            }
        });
}
