//! The small HTML helpers of an access package's readable page: every value escaped, no
//! script, no outside resource.

use std::fmt::Write as _;

use crate::domain::organisation::Contact;

/// Escapes text for HTML element content and quoted attribute values (the reports' one rule).
pub(super) use crate::report::html::escape as esc;

pub(super) const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;\
padding:0 1rem;color:#1b1b1b;line-height:1.45}h1{font-size:1.5rem}h2{font-size:1.15rem;\
margin-top:2rem;border-bottom:1px solid #ccc}table{border-collapse:collapse;width:100%;\
margin:.5rem 0}th,td{text-align:left;vertical-align:top;padding:.25rem .5rem;\
border-bottom:1px solid #ddd}th{font-weight:600}table.kv th{width:14rem}\
.pre{white-space:pre-wrap}.muted{color:#555;font-size:.9rem}\
@media print{body{max-width:none;margin:0;font-size:10pt}h2{break-after:avoid}\
tr{break-inside:avoid}}";

/// A table of (label, value) rows; empty values are left out.
pub(super) fn kv(out: &mut String, rows: &[(&str, &str)]) {
    out.push_str("<table class=\"kv\">\n");
    for (label, value) in rows.iter().filter(|(_, v)| !v.trim().is_empty()) {
        let _ = writeln!(
            out,
            "<tr><th>{}</th><td class=\"pre\">{}</td></tr>",
            esc(label),
            esc(value)
        );
    }
    out.push_str("</table>\n");
}

/// A table with a header row; every cell is escaped.
pub(super) fn table(out: &mut String, header: &[&str], rows: &[Vec<String>]) {
    out.push_str("<table>\n<thead><tr>");
    for h in header {
        let _ = write!(out, "<th>{}</th>", esc(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for cell in row {
            let _ = write!(out, "<td>{}</td>", esc(cell));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

pub(super) fn para(out: &mut String, text: &str) {
    let _ = writeln!(out, "<p>{}</p>", esc(text));
}

pub(super) fn contact_rows(c: &Contact) -> [(&'static str, &str); 4] {
    [
        ("Name", c.name.as_str()),
        ("Email", c.email.as_str()),
        ("Telephone", c.phone.as_str()),
        ("Postal address", c.postal_address.as_str()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_table() {
        for (input, expected) in [
            ("plain", "plain"),
            ("<script>x</script>", "&lt;script&gt;x&lt;/script&gt;"),
            ("a & b", "a &amp; b"),
            ("\"q\" 'a'", "&quot;q&quot; &#39;a&#39;"),
            ("", ""),
        ] {
            assert_eq!(esc(input), expected, "{input:?}");
        }
    }
}
