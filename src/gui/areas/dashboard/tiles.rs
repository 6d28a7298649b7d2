//! The key figures as tiles: a large number and what it counts, in words a screen reader reads
//! as one line.

use egui::{Frame, RichText, Ui};

use crate::domain::dashboard::DashboardFigures;
use crate::services::StoreStatus;

/// One tile: the figure, what it counts, and whether it asks for attention.
struct Tile {
    value: String,
    caption: &'static str,
    alert: bool,
}

/// The tiles for a summary and the Dashboard's figures.
fn tiles(s: &StoreStatus, f: &DashboardFigures) -> Vec<Tile> {
    let (closed, on_time) = f.on_time_total();
    let share = if closed == 0 {
        "—".to_owned()
    } else {
        format!("{:.0} %", on_time as f64 * 100.0 / closed as f64)
    };
    vec![
        Tile {
            value: s.counts.subjects.to_string(),
            caption: "people in the register",
            alert: false,
        },
        Tile {
            value: s.requests_open.to_string(),
            caption: "open requests",
            alert: false,
        },
        Tile {
            value: s.requests_overdue.to_string(),
            caption: "requests overdue",
            alert: s.requests_overdue > 0,
        },
        Tile {
            value: share,
            caption: "answered on time (12 months)",
            alert: closed > 0 && on_time < closed,
        },
        Tile {
            value: s.security.incidents_open.to_string(),
            caption: "open incidents",
            alert: s.security.incidents_notification_overdue > 0,
        },
        Tile {
            value: f.setup.activities.to_string(),
            caption: "processing activities",
            alert: false,
        },
        Tile {
            value: f.setup.vendors.to_string(),
            caption: "vendors",
            alert: false,
        },
        Tile {
            value: s.legal_holds.to_string(),
            caption: "legal holds in force",
            alert: false,
        },
    ]
}

/// The width of a tile's text (a caption longer than this wraps inside its tile).
const TILE_WIDTH: f32 = 132.0;

/// Draws the tiles in rows of as many as the width holds (egui's `horizontal_wrapped` does
/// not wrap framed children, so the last tiles would run past the window's edge).
pub fn key_figures(ui: &mut Ui, s: &StoreStatus, f: &DashboardFigures) {
    let frame = Frame::group(ui.style());
    let gap = ui.spacing().item_spacing.x;
    let outer = TILE_WIDTH + frame.total_margin().sum().x + gap;
    let per_row = ((ui.available_width() + gap) / outer).floor().max(1.0) as usize;
    let tiles = tiles(s, f);
    for row in tiles.chunks(per_row) {
        ui.horizontal_top(|ui| {
            for tile in row {
                frame.show(ui, |ui| {
                    ui.set_width(TILE_WIDTH);
                    ui.vertical(|ui| {
                        let value = RichText::new(&tile.value).size(26.0).strong();
                        let value = if tile.alert {
                            value.color(ui.visuals().error_fg_color)
                        } else {
                            value
                        };
                        ui.label(value);
                        ui.label(tile.caption);
                    });
                });
            }
        });
    }
}
