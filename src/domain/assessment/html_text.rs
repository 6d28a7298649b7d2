//! Readable text from the small HTML that rich-text editors write (the CNIL PIA tool's answers):
//! block elements (`p`, `div`, `br`, `li`, headings, table rows) become line breaks, list items
//! get "- " (indented when nested), character references are decoded (`&amp;`, `&nbsp;`,
//! `&#39;`, `&#xE9;`, the common named ones), every other tag is dropped, and runs of white
//! space collapse as a browser would show them. Text without any tag keeps its own line breaks.
//!
//! A maintained crate (`html2text`) exists, but it brings a full HTML5 parser and wraps lines to
//! a width; the editors' output is simple enough for this converter and its table of tests.

/// Named character references decoded besides `&amp; &lt; &gt; &quot; &apos; &nbsp;` (those a
/// French or English editor writes for accented letters and typography).
const NAMED: &[(&str, char)] = &[
    ("eacute", 'é'),
    ("egrave", 'è'),
    ("ecirc", 'ê'),
    ("euml", 'ë'),
    ("agrave", 'à'),
    ("acirc", 'â'),
    ("auml", 'ä'),
    ("ccedil", 'ç'),
    ("icirc", 'î'),
    ("iuml", 'ï'),
    ("ocirc", 'ô'),
    ("ouml", 'ö'),
    ("ugrave", 'ù'),
    ("ucirc", 'û'),
    ("uuml", 'ü'),
    ("Eacute", 'É'),
    ("Egrave", 'È'),
    ("Agrave", 'À'),
    ("Ccedil", 'Ç'),
    ("oelig", 'œ'),
    ("OElig", 'Œ'),
    ("szlig", 'ß'),
    ("rsquo", '\u{2019}'),
    ("lsquo", '\u{2018}'),
    ("rdquo", '\u{201D}'),
    ("ldquo", '\u{201C}'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("hellip", '…'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("euro", '€'),
    ("pound", '£'),
    ("copy", '©'),
    ("reg", '®'),
    ("deg", '°'),
    ("middot", '·'),
    ("bull", '•'),
];

/// Elements whose start and end begin a new line.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "blockquote",
    "pre",
    "section",
    "article",
    "header",
    "footer",
    "dl",
    "dt",
    "dd",
    "hr",
];

/// Decodes one character reference (`name` without `&` and `;`).
fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            if let Some(num) = name.strip_prefix('#') {
                let code = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => num.parse().ok()?,
                };
                return char::from_u32(code).filter(|c| *c != '\0');
            }
            NAMED.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
        }
    }
}

/// Decodes the character references of `text`; unknown ones stay as written.
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let decoded = after
            .find(';')
            .filter(|end| *end <= 10)
            .and_then(|end| entity(&after[..end]).map(|c| (c, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether `text` holds at least one tag (`<` followed by a letter, `/` or `!`).
fn has_tags(text: &str) -> bool {
    text.match_indices('<').any(|(i, _)| {
        text[i + 1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!')
    })
}

/// The text being built: collapses white space and knows whether a line has started.
#[derive(Default)]
struct Out {
    text: String,
    /// A space is owed before the next word on this line.
    space: bool,
}

impl Out {
    fn at_line_start(&self) -> bool {
        self.text.is_empty() || self.text.ends_with('\n')
    }

    fn newline(&mut self) {
        while self.text.ends_with(' ') {
            self.text.pop();
        }
        self.text.push('\n');
        self.space = false;
    }

    fn ensure_line_start(&mut self) {
        if !self.at_line_start() {
            self.newline();
        }
    }

    fn words(&mut self, text: &str) {
        for (i, part) in text.split(|c: char| c.is_whitespace()).enumerate() {
            if i > 0 {
                self.space = true;
            }
            if part.is_empty() {
                continue;
            }
            if self.space && !self.at_line_start() && !self.text.ends_with(' ') {
                self.text.push(' ');
            }
            self.space = false;
            self.text.push_str(part);
        }
    }
}

/// Readable text from an editor's HTML (see the module comment). Plain text without tags only
/// has its character references decoded and its ends trimmed.
pub fn html_to_text(html: &str) -> String {
    if !has_tags(html) {
        return decode_entities(html).trim().to_owned();
    }
    let mut out = Out::default();
    let mut depth = 0usize;
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        let tag_text = &rest[lt + 1..];
        if !tag_text
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!')
        {
            out.words(&decode_entities(&rest[..=lt]));
            rest = tag_text;
            continue;
        }
        out.words(&decode_entities(&rest[..lt]));
        if let Some(comment) = tag_text.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let Some(gt) = tag_text.find('>') else {
            out.words(&decode_entities(&rest[lt..]));
            rest = "";
            break;
        };
        let inside = &tag_text[..gt];
        rest = &tag_text[gt + 1..];
        let closing = inside.starts_with('/');
        let name: String = inside
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match name.as_str() {
            "script" | "style" if !closing => {
                let end = format!("</{name}");
                let lower = rest.to_ascii_lowercase();
                rest = lower
                    .find(&end)
                    .and_then(|at| rest[at..].find('>').map(|gt| &rest[at + gt + 1..]))
                    .unwrap_or("");
            }
            "br" => out.newline(),
            "ul" | "ol" => {
                out.ensure_line_start();
                depth = if closing {
                    depth.saturating_sub(1)
                } else {
                    depth + 1
                };
            }
            "li" if !closing => {
                out.ensure_line_start();
                out.text.push_str(&"  ".repeat(depth.saturating_sub(1)));
                out.text.push_str("- ");
                out.space = false;
            }
            "td" | "th" if closing => out.space = true,
            n if BLOCKS.contains(&n) => out.ensure_line_start(),
            _ => {}
        }
    }
    out.words(&decode_entities(rest));
    tidy(&out.text)
}

/// Trims every line's end, keeps at most one empty line in a row, trims the whole.
fn tidy(text: &str) -> String {
    let mut lines: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim_end) {
        let blank = line.trim().is_empty();
        if blank && lines.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        lines.push(if blank { "" } else { line });
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let cases: &[(&str, &str)] = &[
            ("", ""),
            ("Plain text\nkeeps its lines", "Plain text\nkeeps its lines"),
            ("Fish &amp; chips", "Fish & chips"),
            ("<p>One</p><p>Two</p>", "One\nTwo"),
            ("<div>One</div>\n<div> </div>\n<div>Two</div>", "One\nTwo"),
            ("a<br />b<br>c", "a\nb\nc"),
            (
                "We keep: <ul>\n<li>the <strong>email</strong>;</li>\n<li>the name.</li>\n</ul>",
                "We keep:\n- the email;\n- the name.",
            ),
            (
                "<ul><li>Outer<ul><li>inner</li></ul></li><li>next</li></ul>",
                "- Outer\n  - inner\n- next",
            ),
            (
                "<ol>\n<li>First</li>\n<li>Second</li>\n</ol>",
                "- First\n- Second",
            ),
            (
                "It&#39;s&nbsp;ready &lt;now&gt; &quot;ok&quot; &#x2013; caf&eacute;",
                "It's ready <now> \"ok\" – café",
            ),
            ("<p>Too    many\n   spaces</p>", "Too many spaces"),
            ("<em>Kept</em> <b>inline</b> words", "Kept inline words"),
            ("<p>A &unknown; entity &amp</p>", "A &unknown; entity &amp"),
            ("a<!-- hidden --> b", "a b"),
            ("<style>p { color: red }</style>Shown", "Shown"),
            ("x < y but <p>z</p>", "x < y but\nz"),
            ("<table><tr><td>a</td><td>b</td></tr></table>", "a b"),
            ("Unclosed <b", "Unclosed <b"),
            (
                "<p>Line<br /><br /><br /><br />after a gap</p>",
                "Line\n\nafter a gap",
            ),
        ];
        for (html, text) in cases {
            assert_eq!(&html_to_text(html), text, "{html:?}");
        }
    }

    #[test]
    fn numeric_references_outside_unicode_are_kept_as_written() {
        assert_eq!(decode_entities("&#1114112;"), "&#1114112;");
        assert_eq!(decode_entities("&#0;"), "&#0;");
        assert_eq!(decode_entities("&#233;"), "é");
    }
}
