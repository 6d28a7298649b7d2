//! Renders a [`Document`] as Markdown (CommonMark with pipe tables): readable as plain text,
//! and convertible by any Markdown tool.

use super::{Block, Document};

/// Escapes what would otherwise be read as Markdown syntax inside running text.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A table cell: one line, pipes escaped.
fn cell(text: &str) -> String {
    escape(&text.replace(['\r', '\n'], " "))
}

/// Renders a document as Markdown.
pub fn render(doc: &Document) -> String {
    let mut out = format!("# {}\n\n", escape(&doc.title));
    if !doc.subtitle.trim().is_empty() {
        out.push_str(&format!("{}\n\n", escape(&doc.subtitle)));
    }
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text } => {
                let hashes = if *level <= 1 { "##" } else { "###" };
                out.push_str(&format!("{hashes} {}\n\n", escape(text)));
            }
            Block::Paragraph(text) => {
                for para in text.split("\n\n") {
                    out.push_str(&format!("{}\n\n", escape(para.trim())));
                }
            }
            Block::Fields(pairs) => {
                for (label, value) in pairs {
                    let value = if value.trim().is_empty() {
                        "—".to_owned()
                    } else {
                        escape(value)
                    };
                    out.push_str(&format!(
                        "- **{}:** {}\n",
                        escape(label),
                        value.replace('\n', "  \n  ")
                    ));
                }
                out.push('\n');
            }
            Block::Table { columns, rows } => {
                let line = |cells: &[String]| {
                    format!(
                        "| {} |\n",
                        cells
                            .iter()
                            .map(|c| cell(c))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    )
                };
                out.push_str(&line(columns));
                out.push_str(&format!("|{}\n", " --- |".repeat(columns.len())));
                for row in rows {
                    out.push_str(&line(row));
                }
                out.push('\n');
            }
            Block::Bullets(items) => {
                for item in items {
                    out.push_str(&format!("- {}\n", escape(item).replace('\n', " ")));
                }
                out.push('\n');
            }
            Block::Grid(grid) => {
                let mut columns = vec![format!(
                    "{} \\\\ {}",
                    escape(&grid.row_axis),
                    escape(&grid.column_axis)
                )];
                columns.extend(grid.column_labels.iter().map(|l| cell(l)));
                out.push_str(&format!("| {} |\n", columns.join(" | ")));
                out.push_str(&format!("|{}\n", " --- |".repeat(columns.len())));
                for (r, label) in grid.row_labels.iter().enumerate() {
                    let mut cells = vec![cell(label)];
                    for c in 0..grid.column_labels.len() {
                        let text = grid
                            .cells
                            .get(r)
                            .and_then(|row| row.get(c))
                            .map(|g| g.text.as_str())
                            .unwrap_or("");
                        cells.push(cell(text));
                    }
                    out.push_str(&format!("| {} |\n", cells.join(" | ")));
                }
                out.push('\n');
            }
            Block::PageBreak => {}
        }
    }
    out
}
