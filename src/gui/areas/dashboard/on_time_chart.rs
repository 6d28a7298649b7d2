//! The chart of requests answered on time per month (egui_plot), followed by the same figures
//! as a table for screen readers.

use egui::{Color32, Grid, Ui};
use egui_plot::{Bar, BarChart, Plot};

use crate::domain::dashboard::{Month, MonthShare};

/// "Dec 26": a month as an axis label.
pub fn short_month(m: Month) -> String {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let name = NAMES
        .get(m.month.saturating_sub(1) as usize)
        .unwrap_or(&"?");
    format!("{name} {:02}", m.year.rem_euclid(100))
}

/// A formatter for the x axis: the month at each whole index.
pub fn month_axis(
    months: Vec<Month>,
) -> impl Fn(egui_plot::GridMark, &std::ops::RangeInclusive<f64>) -> String {
    move |mark, _range| {
        let i = mark.value.round();
        if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
            months
                .get(i as usize)
                .map(|m| short_month(*m))
                .unwrap_or_default()
        } else {
            String::new()
        }
    }
}

/// Draws the chart and its table.
pub fn on_time_chart(ui: &mut Ui, shares: &[MonthShare]) {
    if shares.iter().all(|s| s.closed == 0) {
        ui.label("No request was closed in the last twelve months.");
        return;
    }
    let bars: Vec<Bar> = shares
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.percent().map(|p| Bar::new(i as f64, p).width(0.6)))
        .collect();
    let chart = BarChart::new("Answered on time", bars).color(Color32::from_rgb(0x2E, 0x9E, 0x5B));
    Plot::new("requests-on-time")
        .height(180.0)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .show_grid([false, true])
        .include_y(0.0)
        .include_y(100.0)
        .y_axis_label("% on time")
        .x_axis_formatter(month_axis(shares.iter().map(|s| s.month).collect()))
        .show(ui, |plot| plot.bar_chart(chart))
        .response
        .accessible_name(
            "Chart of requests answered on time per month; the table below has the same figures",
        );
    Grid::new("on-time-figures")
        .num_columns(4)
        .striped(true)
        .spacing([20.0, 4.0])
        .show(ui, |ui| {
            for title in ["Month", "Closed", "On time", "Share on time"] {
                ui.strong(title);
            }
            ui.end_row();
            for s in shares {
                ui.label(s.month.code());
                ui.label(s.closed.to_string());
                ui.label(s.on_time.to_string());
                ui.label(s.percent().map_or("—".to_owned(), |p| format!("{p:.0} %")));
                ui.end_row();
            }
        });
}
