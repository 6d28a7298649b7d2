//! Neutralising CSV cells so a spreadsheet does not run them as formulas (OWASP "CSV
//! Injection"): a cell beginning with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
//! leading apostrophe.

use std::borrow::Cow;

/// Returns the cell as it is safe to write into an exported CSV.
pub fn neutralise_csv_cell(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        for (input, expected) in [
            ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
            ("+1", "'+1"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("plain", "plain"),
            ("", ""),
            ("a=b", "a=b"),
        ] {
            assert_eq!(neutralise_csv_cell(input), expected, "{input:?}");
        }
    }
}
