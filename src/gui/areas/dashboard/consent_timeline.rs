//! The chart of consent per purpose over time (egui_plot): one line per purpose of the
//! consents given each month, followed by a table of given and withdrawn per month for screen
//! readers.

use egui::{Grid, ScrollArea, Ui};
use egui_plot::{Legend, Line, Plot, PlotPoints};

use crate::domain::dashboard::ConsentTimeline;

use super::on_time_chart::month_axis;

/// Draws the chart and its table.
pub fn consent_timeline(ui: &mut Ui, timeline: &ConsentTimeline) {
    if timeline.is_empty() {
        ui.label("No consent was given or withdrawn in the last twelve months.");
        return;
    }
    Plot::new("consent-over-time")
        .height(200.0)
        .legend(Legend::default())
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .include_y(0.0)
        .y_axis_label("consents given")
        .x_axis_formatter(month_axis(timeline.months.clone()))
        .show(ui, |plot| {
            for (code, row) in &timeline.purposes {
                let points: PlotPoints<'_> = row
                    .iter()
                    .enumerate()
                    .map(|(i, (given, _))| [i as f64, *given as f64])
                    .collect();
                plot.line(Line::new(code.as_str(), points).width(2.0));
            }
        })
        .response
        .accessible_name(
            "Chart of consents given per purpose and month; the table below has the same figures",
        );
    ScrollArea::horizontal()
        .id_salt("consent-over-time-table")
        .show(ui, |ui| {
            Grid::new("consent-over-time-figures")
                .striped(true)
                .spacing([16.0, 4.0])
                .show(ui, |ui| {
                    ui.strong("Month");
                    for (code, _) in &timeline.purposes {
                        ui.strong(format!("{code}: given / withdrawn"));
                    }
                    ui.end_row();
                    for (i, month) in timeline.months.iter().enumerate() {
                        ui.label(month.code());
                        for (_, row) in &timeline.purposes {
                            let (given, withdrawn) = row.get(i).copied().unwrap_or_default();
                            ui.label(format!("{given} / {withdrawn}"));
                        }
                        ui.end_row();
                    }
                });
        });
}
