//! The site's pages as HTML text: the root page, the request form and the preference page per
//! language, the style sheet and the Global Privacy Control script.

use std::fmt::Write as _;

use crate::domain::intake::form::{FormKind, MARKER, PurposeChoice};
use crate::domain::organisation::Regime;

use super::{Lang, SiteInput, Words};

/// The style sheet: readable type, visible focus, light and dark.
pub const STYLE: &str = r#"body { font-family: system-ui, sans-serif; line-height: 1.5; max-width: 42rem; margin: 0 auto; padding: 1rem; color: #1b1b1b; background: #fff; }
@media (prefers-color-scheme: dark) { body { color: #eee; background: #161616; } a { color: #8ab4ff; } }
label { display: block; font-weight: 600; margin-top: 1rem; }
input[type=email], input[type=text], select, textarea { width: 100%; padding: .5rem; font: inherit; box-sizing: border-box; }
input[type=radio] + label, input[type=checkbox] + label { display: inline; font-weight: normal; margin-left: .3rem; }
fieldset { margin-top: 1.5rem; }
button { margin-top: 1rem; padding: .6rem 1rem; font: inherit; }
:focus-visible { outline: 3px solid #1a5fd0; outline-offset: 2px; }
.gpc { border-left: 4px solid #1a5fd0; padding-left: .75rem; }
blockquote { margin: .5rem 0; padding-left: .75rem; border-left: 3px solid #999; }
nav a { margin-right: .75rem; }
"#;

/// The Global Privacy Control script (the GPC specification of the W3C Privacy Community
/// Group): when the browser sends the signal, every submission carries `gpc=1`, "do not sell
/// or share" is ticked and the page says so. The pages work without it.
pub const GPC_SCRIPT: &str = r#"// Honours the Global Privacy Control signal; the page works the same without this script.
function privacyDeskHonourGpc() {
  if (navigator.globalPrivacyControl !== true) { return false; }
  document.querySelectorAll('input[name="gpc"]').forEach(function (i) { i.value = "1"; });
  var box = document.getElementById("do-not-sell");
  if (box) { box.checked = true; }
  var note = document.getElementById("gpc-notice");
  if (note) { note.hidden = false; }
  return true;
}
document.addEventListener("DOMContentLoaded", privacyDeskHonourGpc);
"#;

use crate::report::html::escape as esc;

/// Percent-encoding for a `mailto:` query value (RFC 6068).
fn pct(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn fill(template: &str, input: &SiteInput) -> String {
    template
        .replace("{org}", &input.organisation)
        .replace("{email}", &input.privacy_email)
}

fn action(input: &SiteInput, w: &Words) -> String {
    match &input.form_action {
        Some(url) => url.clone(),
        None => format!(
            "mailto:{}?subject={}",
            input.privacy_email,
            pct(w.request_title)
        ),
    }
}

fn head(out: &mut String, lang: Lang, title: &str, input: &SiteInput, up: &str) {
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} – {}</title>\n<link rel=\"stylesheet\" href=\"{up}site.css\">\n\
         <script src=\"{up}gpc.js\" defer></script>\n</head>\n<body>\n",
        lang.code(),
        esc(title),
        esc(&input.organisation)
    );
}

fn language_links(out: &mut String, w: &Words, langs: &[Lang], page: &str) {
    if langs.len() < 2 {
        return;
    }
    let _ = write!(out, "<nav aria-label=\"{}\">", esc(w.languages));
    for l in langs {
        let _ = write!(
            out,
            "<a href=\"../{}/{page}\" hreflang=\"{}\" lang=\"{}\">{}</a>",
            l.code(),
            l.code(),
            l.code(),
            esc(l.name())
        );
    }
    out.push_str("</nav>\n");
}

fn hidden(out: &mut String, name: &str, value: &str) {
    let _ = writeln!(
        out,
        "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
        esc(name),
        esc(value)
    );
}

fn form_start(out: &mut String, input: &SiteInput, w: &Words, kind: FormKind, v: &str, l: Lang) {
    let _ = writeln!(
        out,
        "<form method=\"post\" action=\"{}\" enctype=\"text/plain\" accept-charset=\"utf-8\">",
        esc(&action(input, w))
    );
    hidden(out, MARKER, kind.code());
    hidden(out, "page-version", v);
    hidden(out, "lang", l.code());
    hidden(out, "gpc", "0");
}

fn labelled_input(out: &mut String, id: &str, label: &str, kind: &str, autocomplete: &str) {
    let required = if id == "email" { " required" } else { "" };
    let _ = writeln!(
        out,
        "<label for=\"{id}\">{}</label>\n<input id=\"{id}\" name=\"{id}\" type=\"{kind}\" autocomplete=\"{autocomplete}\"{required}>",
        esc(label)
    );
}

fn footer(out: &mut String, input: &SiteInput, w: &Words, other_page: &str, other: &str) {
    let _ = write!(
        out,
        "<p><a href=\"{other_page}\">{}</a></p>\n<footer><p>{}</p></footer>\n</main>\n</body>\n</html>\n",
        esc(other),
        esc(&fill(w.contact, input))
    );
}

fn ccpa_applies(input: &SiteInput) -> bool {
    input.regimes.contains(&Regime::CcpaCpra)
}

/// The request form in one language.
pub fn request(input: &SiteInput, lang: Lang, langs: &[Lang], version: &str) -> String {
    let w = lang.words();
    let mut out = String::new();
    head(&mut out, lang, w.request_title, input, "../");
    language_links(&mut out, w, langs, "request.html");
    let _ = write!(
        out,
        "<main>\n<h1>{}</h1>\n<p>{}</p>\n<p id=\"gpc-notice\" class=\"gpc\" hidden>{}</p>\n",
        esc(w.request_title),
        esc(&fill(w.request_intro, input)),
        esc(w.gpc_notice)
    );
    form_start(&mut out, input, w, FormKind::Request, version, lang);
    // Under the CCPA alone only know, delete and correct exist (Civ. Code §§ 1798.105–.110).
    let ccpa_only = input.regimes == [Regime::CcpaCpra];
    let _ = writeln!(
        out,
        "<label for=\"type\">{}</label>\n<select id=\"type\" name=\"type\">",
        esc(w.type_label)
    );
    for (code, words) in w.types {
        if ccpa_only && !matches!(code, "access" | "rectification" | "erasure") {
            continue;
        }
        let _ = writeln!(out, "<option value=\"{code}\">{}</option>", esc(words));
    }
    out.push_str("</select>\n");
    if input.regimes.len() > 1 {
        let _ = writeln!(
            out,
            "<label for=\"regime\">{}</label>\n<select id=\"regime\" name=\"regime\">",
            esc(w.regime_label)
        );
        for (code, words) in w.regimes {
            if input.regimes.iter().any(|r| r.code() == code) {
                let _ = writeln!(out, "<option value=\"{code}\">{}</option>", esc(words));
            }
        }
        out.push_str("</select>\n");
    }
    labelled_input(&mut out, "email", w.email_label, "email", "email");
    labelled_input(&mut out, "name", w.name_label, "text", "name");
    let _ = writeln!(
        out,
        "<label for=\"details\">{}</label>\n<textarea id=\"details\" name=\"details\" rows=\"5\"></textarea>\n<p>{}</p>",
        esc(w.details_label),
        esc(w.identity_note)
    );
    if input.form_action.is_none() {
        let _ = writeln!(out, "<p>{}</p>", esc(&fill(w.mailto_note, input)));
    }
    let _ = writeln!(
        out,
        "<button type=\"submit\" id=\"send\">{}</button>",
        esc(w.send_request)
    );
    if ccpa_applies(input) {
        let _ = writeln!(
            out,
            "<fieldset>\n<legend>{}</legend>\n<p>{}</p>\n\
             <button type=\"submit\" id=\"opt-out\" name=\"ccpa\" value=\"opt-out\">{}</button>\n\
             <button type=\"submit\" id=\"limit\" name=\"ccpa\" value=\"limit\">{}</button>\n</fieldset>",
            esc(w.ccpa_heading),
            esc(w.ccpa_intro),
            esc(w.opt_out),
            esc(w.limit)
        );
    }
    out.push_str("</form>\n");
    footer(&mut out, input, w, "preferences.html", w.to_prefs);
    out
}

/// The preference page in one language: each purpose with its current notice and a choice.
pub fn preferences(input: &SiteInput, lang: Lang, langs: &[Lang], version: &str) -> String {
    let w = lang.words();
    let mut out = String::new();
    head(&mut out, lang, w.prefs_title, input, "../");
    language_links(&mut out, w, langs, "preferences.html");
    let _ = write!(
        out,
        "<main>\n<h1>{}</h1>\n<p>{}</p>\n<p id=\"gpc-notice\" class=\"gpc\" hidden>{}</p>\n",
        esc(w.prefs_title),
        esc(w.prefs_intro),
        esc(w.gpc_notice)
    );
    form_start(&mut out, input, w, FormKind::Preferences, version, lang);
    labelled_input(&mut out, "email", w.email_label, "email", "email");
    for p in &input.purposes {
        let code = esc(&p.code);
        let _ = write!(
            out,
            "<fieldset>\n<legend>{}</legend>\n<p>{}</p>\n<p>{}</p>\n<blockquote>{}</blockquote>\n",
            esc(&p.name),
            esc(&p.description),
            esc(&w
                .notice_shown
                .replace("{version}", &p.notice_version.to_string())),
            esc(&p.notice).replace('\n', "<br>\n")
        );
        hidden(
            &mut out,
            &format!("notice.{}", p.code),
            &p.notice_version.to_string(),
        );
        let stop = if p.consent {
            (PurposeChoice::Withdraw, w.withdraw)
        } else {
            (PurposeChoice::Object, w.object)
        };
        for (i, (choice, words)) in [(PurposeChoice::Keep, w.keep), stop]
            .into_iter()
            .enumerate()
        {
            let checked = if i == 0 { " checked" } else { "" };
            let _ = writeln!(
                out,
                "<div><input type=\"radio\" id=\"p-{code}-{c}\" name=\"purpose.{code}\" value=\"{c}\"{checked}>\
                 <label for=\"p-{code}-{c}\">{}</label></div>",
                esc(words),
                c = choice.code()
            );
        }
        out.push_str("</fieldset>\n");
    }
    if ccpa_applies(input) {
        let _ = writeln!(
            out,
            "<fieldset>\n<legend>{}</legend>\n\
             <div><input type=\"checkbox\" id=\"do-not-sell\" name=\"do-not-sell\" value=\"yes\"><label for=\"do-not-sell\">{}</label></div>\n\
             <div><input type=\"checkbox\" id=\"limit\" name=\"limit\" value=\"yes\"><label for=\"limit\">{}</label></div>\n</fieldset>",
            esc(w.ccpa_heading),
            esc(w.opt_out),
            esc(w.limit)
        );
    }
    if input.form_action.is_none() {
        let _ = writeln!(out, "<p>{}</p>", esc(&fill(w.mailto_note, input)));
    }
    let _ = writeln!(
        out,
        "<button type=\"submit\" id=\"send\">{}</button>\n</form>",
        esc(w.send_choices)
    );
    footer(&mut out, input, w, "request.html", w.to_request);
    out
}

/// The root page: the organisation and a link to each language's pages.
pub fn root(input: &SiteInput, langs: &[Lang]) -> String {
    let first = langs.first().copied().unwrap_or(Lang::En);
    let w = first.words();
    let mut out = String::new();
    head(&mut out, first, w.request_title, input, "");
    let _ = writeln!(out, "<main>\n<h1>{}</h1>\n<ul>", esc(&input.organisation));
    for l in langs {
        let lw = l.words();
        let _ = writeln!(
            out,
            "<li lang=\"{c}\">{}: <a href=\"{c}/request.html\">{}</a> · <a href=\"{c}/preferences.html\">{}</a></li>",
            esc(l.name()),
            esc(lw.to_request),
            esc(lw.to_prefs),
            c = l.code()
        );
    }
    let _ = writeln!(
        out,
        "</ul>\n<footer><p>{}</p></footer>\n</main>\n</body>\n</html>",
        esc(&fill(w.contact, input))
    );
    out
}
