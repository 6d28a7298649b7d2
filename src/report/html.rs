//! Renders a [`Document`] as one self-contained HTML page (inline style, no scripts, nothing
//! fetched), printable from any browser.

use super::{Block, Document};

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn with_breaks(text: &str) -> String {
    escape(text).replace('\n', "<br>")
}

const STYLE: &str = "body{font-family:'DejaVu Sans',Verdana,sans-serif;max-width:60em;margin:2em auto;\
padding:0 1em;color:#1f2328;line-height:1.45}h1{color:#1d3f72;border-bottom:2px solid #1d3f72}\
h2{color:#1d3f72;border-bottom:1px solid #c8cfd8;margin-top:1.6em}.sub{color:#5a6370}\
table{border-collapse:collapse;width:100%;margin:.6em 0 1.2em}th,td{border:1px solid #c8cfd8;\
padding:.3em .5em;text-align:left;vertical-align:top}th{background:#e6eaf0}\
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25em 1em}dt{font-weight:bold;color:#5a6370}\
dd{margin:0}td.cell{width:6em;height:3em;font-weight:bold;font-size:.85em}\
@media print{body{margin:0}}";

/// Renders a document as an HTML page.
pub fn render(doc: &Document) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        escape(&doc.title),
        escape(&doc.title)
    );
    if !doc.subtitle.trim().is_empty() {
        out.push_str(&format!("<p class=\"sub\">{}</p>\n", escape(&doc.subtitle)));
    }
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text } => {
                let tag = if *level <= 1 { "h2" } else { "h3" };
                out.push_str(&format!("<{tag}>{}</{tag}>\n", escape(text)));
            }
            Block::Paragraph(text) => {
                for para in text.split("\n\n") {
                    out.push_str(&format!("<p>{}</p>\n", with_breaks(para.trim())));
                }
            }
            Block::Fields(pairs) => {
                out.push_str("<dl>\n");
                for (label, value) in pairs {
                    let value = if value.trim().is_empty() {
                        "—".to_owned()
                    } else {
                        with_breaks(value)
                    };
                    out.push_str(&format!("<dt>{}</dt><dd>{value}</dd>\n", escape(label)));
                }
                out.push_str("</dl>\n");
            }
            Block::Table { columns, rows } => {
                out.push_str("<table>\n<thead><tr>");
                for c in columns {
                    out.push_str(&format!("<th scope=\"col\">{}</th>", escape(c)));
                }
                out.push_str("</tr></thead>\n<tbody>\n");
                for row in rows {
                    out.push_str("<tr>");
                    for c in row {
                        out.push_str(&format!("<td>{}</td>", with_breaks(c)));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n</table>\n");
            }
            Block::Bullets(items) => {
                out.push_str("<ul>\n");
                for item in items {
                    out.push_str(&format!("<li>{}</li>\n", with_breaks(item)));
                }
                out.push_str("</ul>\n");
            }
            Block::Grid(grid) => {
                out.push_str(&format!(
                    "<table aria-label=\"{} by {}\">\n<thead><tr><th scope=\"col\">{} \\ {}</th>",
                    escape(&grid.row_axis),
                    escape(&grid.column_axis),
                    escape(&grid.row_axis),
                    escape(&grid.column_axis)
                ));
                for l in &grid.column_labels {
                    out.push_str(&format!("<th scope=\"col\">{}</th>", escape(l)));
                }
                out.push_str("</tr></thead>\n<tbody>\n");
                for (r, label) in grid.row_labels.iter().enumerate() {
                    out.push_str(&format!("<tr><th scope=\"row\">{}</th>", escape(label)));
                    for c in 0..grid.column_labels.len() {
                        match grid.cells.get(r).and_then(|row| row.get(c)) {
                            Some(cell) => out.push_str(&format!(
                                "<td class=\"cell\" style=\"background:#{:02x}{:02x}{:02x}\">{}</td>",
                                cell.colour[0], cell.colour[1], cell.colour[2], escape(&cell.text)
                            )),
                            None => out.push_str("<td class=\"cell\"></td>"),
                        }
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n</table>\n");
            }
            Block::PageBreak => {}
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}
