use super::*;
use crate::domain::intake::{FormKind, FormSubmission, PurposeChoice};
use crate::domain::request::RequestType;

fn input(regimes: Vec<Regime>, form_action: Option<&str>) -> SiteInput {
    SiteInput {
        organisation: "Bäckerei <Lima> & Söhne".into(),
        privacy_email: "privacy@bakery.example".into(),
        form_action: form_action.map(str::to_owned),
        regimes,
        purposes: vec![
            SitePurpose {
                code: "newsletter".into(),
                name: "Newsletter".into(),
                description: "Our monthly letter.".into(),
                notice: "We send you our letter.\nUnsubscribe any time.".into(),
                notice_version: 3,
                consent: true,
            },
            SitePurpose {
                code: "fraud-checks".into(),
                name: "Fraud checks".into(),
                description: "Checking orders.".into(),
                notice: "We check orders for fraud.".into(),
                notice_version: 1,
                consent: false,
            },
        ],
        built_on: "2026-12-07".into(),
    }
}

fn file<'a>(files: &'a [SiteFile], path: &str) -> &'a str {
    &files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("{path} missing"))
        .text
}

/// Every `attr="value"` of a page, in order.
fn attrs<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

#[test]
fn the_site_has_a_root_and_two_pages_per_language() {
    let files = build(&input(vec![Regime::Gdpr], None), &[Lang::En, Lang::De]);
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "index.html",
            "site.css",
            "gpc.js",
            "en/request.html",
            "en/preferences.html",
            "de/request.html",
            "de/preferences.html"
        ]
    );
    assert!(file(&files, "de/request.html").contains("<html lang=\"de\">"));
    assert!(file(&files, "de/request.html").contains("Meine personenbezogenen Daten löschen"));
    assert!(file(&files, "index.html").contains("de/preferences.html"));
}

#[test]
fn every_input_has_a_label_and_ids_are_unique() {
    let files = build(
        &input(vec![Regime::Gdpr, Regime::CcpaCpra], None),
        &Lang::ALL,
    );
    for f in files.iter().filter(|f| f.path.ends_with(".html")) {
        let ids = attrs(&f.text, "id");
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), ids.len(), "{}: {ids:?}", f.path);
        let labels = attrs(&f.text, "for");
        for id in ids {
            let is_control = f.text.contains(&format!("<input id=\"{id}\""))
                || f.text.contains(&format!("<select id=\"{id}\""))
                || f.text.contains(&format!("<textarea id=\"{id}\""))
                || f.text.contains(&format!("type=\"radio\" id=\"{id}\""))
                || f.text.contains(&format!("type=\"checkbox\" id=\"{id}\""));
            if is_control {
                assert!(labels.contains(&id), "{}: {id} has no label", f.path);
            }
        }
    }
}

#[test]
fn text_from_the_store_is_escaped() {
    let files = build(&input(vec![Regime::Gdpr], None), &[Lang::En]);
    let page = file(&files, "en/request.html");
    assert!(page.contains("Bäckerei &lt;Lima&gt; &amp; Söhne"));
    assert!(!page.contains("<Lima>"));
}

#[test]
fn submissions_go_to_the_form_address_or_by_mail() {
    // (form action, expected action attribute prefix, mail note shown)
    let cases = [
        (
            None,
            "mailto:privacy@bakery.example?subject=Your%20privacy%20requests",
            true,
        ),
        (
            Some("https://forms.example/f/abc"),
            "https://forms.example/f/abc",
            false,
        ),
    ];
    for (action, expected, note) in cases {
        let files = build(&input(vec![Regime::Gdpr], action), &[Lang::En]);
        for page in ["en/request.html", "en/preferences.html"] {
            let html = file(&files, page);
            assert_eq!(attrs(html, "action"), [expected], "{page}");
            assert!(html.contains("enctype=\"text/plain\""));
            assert_eq!(html.contains("opens your email program"), note, "{page}");
        }
    }
}

#[test]
fn ccpa_buttons_and_types_follow_the_regimes() {
    // (regimes, CCPA buttons shown, regime list shown, erasure offered, objection offered)
    let cases = [
        (vec![Regime::Gdpr], false, false, true, true),
        (vec![Regime::Gdpr, Regime::CcpaCpra], true, true, true, true),
        (vec![Regime::CcpaCpra], true, false, true, false),
    ];
    for (regimes, buttons, regime_list, erasure, objection) in cases {
        let files = build(&input(regimes.clone(), None), &[Lang::En]);
        let html = file(&files, "en/request.html");
        assert_eq!(html.contains("value=\"opt-out\""), buttons, "{regimes:?}");
        assert_eq!(html.contains("name=\"regime\""), regime_list, "{regimes:?}");
        assert_eq!(html.contains("value=\"erasure\""), erasure, "{regimes:?}");
        assert_eq!(
            html.contains("value=\"objection\""),
            objection,
            "{regimes:?}"
        );
        let prefs = file(&files, "en/preferences.html");
        assert_eq!(prefs.contains("id=\"do-not-sell\""), buttons, "{regimes:?}");
    }
}

#[test]
fn the_preference_page_shows_each_notice_and_the_right_choice() {
    let files = build(&input(vec![Regime::Gdpr], None), &[Lang::En]);
    let html = file(&files, "en/preferences.html");
    assert!(html.contains("notice version 3"));
    assert!(html.contains("We send you our letter.<br>\nUnsubscribe any time."));
    assert!(html.contains("name=\"purpose.newsletter\" value=\"withdraw\""));
    assert!(html.contains("name=\"purpose.fraud-checks\" value=\"object\""));
    assert!(!html.contains("name=\"purpose.fraud-checks\" value=\"withdraw\""));
}

/// The fields a browser sends for a page (every named control with its default value, the
/// first option of a list), written as `text/plain` form data.
fn default_body(html: &str, overrides: &[(&str, &str)]) -> String {
    let mut body = String::new();
    let mut seen = Vec::new();
    for tag in html.split('<').skip(1) {
        let Some(name) = attrs(&format!(" {tag}"), "name")
            .first()
            .map(|n| n.to_string())
        else {
            continue;
        };
        if tag.starts_with("meta") || tag.starts_with("button") || seen.contains(&name) {
            continue;
        }
        if tag.contains("type=\"radio\"") && !tag.contains(" checked") {
            continue;
        }
        if tag.contains("type=\"checkbox\"") {
            continue;
        }
        seen.push(name.clone());
        let value = overrides
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.to_string())
            .or_else(|| {
                attrs(&format!(" {tag}"), "value")
                    .first()
                    .map(|v| v.to_string())
            })
            .or_else(|| {
                let rest = html.split(&format!("name=\"{name}\"")).nth(1)?;
                attrs(rest, "value").first().map(|v| v.to_string())
            })
            .unwrap_or_default();
        body.push_str(&format!("{name}={value}\r\n"));
    }
    body
}

#[test]
fn what_the_pages_send_is_read_back_exactly() {
    let site = input(vec![Regime::Gdpr, Regime::CcpaCpra], None);
    let files = build(&site, &[Lang::Fr]);
    let body = default_body(
        file(&files, "fr/request.html"),
        &[
            ("email", "ana@example.org"),
            ("name", "Ana"),
            ("details", "Merci"),
        ],
    );
    let form = FormSubmission::find(&body).expect(&body);
    assert_eq!(form.kind, Some(FormKind::Request));
    assert_eq!(form.page_version, site.page_version());
    assert_eq!(form.lang, "fr");
    assert_eq!(form.email, "ana@example.org");
    assert_eq!(form.details, "Merci");
    assert_eq!(form.proposal().0, Some(RequestType::Access));
    assert_eq!(form.regime, Some(Regime::Gdpr));

    let body = default_body(
        file(&files, "fr/preferences.html"),
        &[("email", "ana@example.org")],
    );
    let form = FormSubmission::find(&body).expect(&body);
    assert_eq!(form.kind, Some(FormKind::Preferences));
    assert_eq!(
        form.purposes,
        vec![
            ("newsletter".into(), PurposeChoice::Keep, Some(3)),
            ("fraud-checks".into(), PurposeChoice::Keep, Some(1)),
        ]
    );
}

#[test]
fn the_page_version_names_what_was_shown() {
    let a = input(vec![Regime::Gdpr], None);
    let mut b = a.clone();
    b.purposes[0].notice_version = 4;
    assert_ne!(a.page_version(), b.page_version());
    assert_eq!(a.page_version(), a.clone().page_version());
    assert!(a.page_version().starts_with("2026-12-07."));
}

#[test]
fn form_addresses_must_be_https_or_this_machine() {
    let cases = [
        ("https://forms.example/f/abc", true),
        ("http://127.0.0.1:8080/submit", true),
        ("http://localhost/x", true),
        ("http://forms.example/f", false),
        ("mailto:privacy@example.org", false),
        ("https://", false),
        ("https://forms.example/a b", false),
        ("https://forms.example/\"x", false),
        ("javascript:alert(1)", false),
    ];
    for (url, ok) in cases {
        assert_eq!(check_form_action(url).is_ok(), ok, "{url}");
    }
}
