//! Layout tests: wrapping, and tables continued across pages.

use super::*;

#[test]
fn wrapping_keeps_words_and_breaks_long_ones() {
    let fonts = Fonts::load().unwrap();
    let l = Layout {
        fonts: &fonts,
        pages: vec![Vec::new()],
        y: TOP,
    };
    let lines = l.wrap("alpha beta gamma delta", Weight::Regular, 10.0, 60.0);
    assert!(lines.len() >= 2, "{lines:?}");
    assert_eq!(lines.join(" "), "alpha beta gamma delta");
    let long = "x".repeat(300);
    let lines = l.wrap(&long, Weight::Regular, 10.0, 100.0);
    assert!(lines.len() > 3);
    assert_eq!(lines.concat(), long);
    for line in &lines {
        assert!(fonts.regular.width(line, 10.0) <= 100.0 + 0.01);
    }
    assert_eq!(l.wrap("a\nb", Weight::Regular, 10.0, 100.0), ["a", "b"]);
}

#[test]
fn long_tables_continue_on_new_pages_with_their_header() {
    let fonts = Fonts::load().unwrap();
    let mut doc = Document::new("T", "");
    let rows = (0..200)
        .map(|i| vec![format!("row {i}"), "x".into()])
        .collect();
    doc.table(vec!["Name".into(), "Value".into()], rows);
    let pages = lay_out(&doc, &fonts);
    assert!(pages.len() >= 3, "{} pages", pages.len());
    for page in &pages[1..] {
        let headers = page
            .iter()
            .filter(
                |op| matches!(op, Op::Text { text, weight: Weight::Bold, .. } if text == "Name"),
            )
            .count();
        assert_eq!(headers, 1, "each continued page repeats the header");
    }
    let all: Vec<&str> = pages
        .iter()
        .flatten()
        .filter_map(|op| match op {
            Op::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert!(all.contains(&"row 0") && all.contains(&"row 199"));
    assert!(all.contains(&"Page 1 of 3") || all.iter().any(|t| t.starts_with("Page 1 of")));
}
