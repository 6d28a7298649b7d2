//! A filled-in letter, as plain text or as a print-friendly HTML page.

use crate::report::html::escape;

/// A filled-in letter, ready to send or print.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letter {
    /// The email subject line.
    pub subject: String,
    /// The letter text; blank lines separate paragraphs.
    pub body: String,
}

impl Letter {
    /// Plain text: subject line, blank line, body.
    pub fn to_text(&self) -> String {
        format!("{}\n\n{}\n", self.subject, self.body)
    }

    /// A self-contained HTML page (escaped; paragraphs from blank-line-separated blocks; a simple
    /// print-friendly style; <html lang="en">, <meta charset="utf-8">, <title>).
    ///
    /// The subject is the page's title and heading; line breaks inside a paragraph (such as the
    /// signature block) are kept as `<br>`.
    pub fn to_html(&self) -> String {
        let subject = escape(&self.subject);
        let mut html = String::new();
        html.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.push_str(&format!("<title>{subject}</title>\n"));
        html.push_str(STYLE);
        html.push_str("</head>\n<body>\n<main>\n");
        html.push_str(&format!("<h1>{subject}</h1>\n"));
        let mut paragraph: Vec<&str> = Vec::new();
        for line in self.body.lines().chain(std::iter::once("")) {
            if line.trim().is_empty() {
                if !paragraph.is_empty() {
                    let lines: Vec<String> = paragraph.iter().map(|l| escape(l)).collect();
                    html.push_str(&format!("<p>{}</p>\n", lines.join("<br>\n")));
                    paragraph.clear();
                }
            } else {
                paragraph.push(line.trim_end());
            }
        }
        html.push_str("</main>\n</body>\n</html>\n");
        html
    }
}

/// The page style: readable on screen, plain on paper.
const STYLE: &str = "<style>
body { font-family: Georgia, \"Times New Roman\", serif; font-size: 12pt; line-height: 1.5; color: #111; background: #fff; margin: 0; }
main { max-width: 40em; margin: 2.5em auto; padding: 0 1.5em; }
h1 { font-size: 1.1em; margin: 0 0 1.5em; }
p { margin: 0 0 1em; }
@media print { main { max-width: none; margin: 0; padding: 0; } @page { margin: 2cm; } }
</style>
";
