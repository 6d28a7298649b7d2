//! The shipped questionnaire, answers as typed, and bad files.

use super::*;

const HEAD: &str = "[rating]\nmedium_at = 2\nhigh_at = 5\n";

fn parse(body: &str) -> Result<Questionnaire, String> {
    Questionnaire::parse(&format!("{HEAD}{body}"), "q.toml")
}

#[test]
fn the_shipped_questionnaire_loads_and_covers_the_topics() {
    let q = Questionnaire::default_questionnaire().unwrap();
    for id in [
        "dpa-terms",
        "certification",
        "encryption-in-transit",
        "encryption-at-rest",
        "breach-notice",
        "sub-processor-list",
        "sub-processor-notice",
        "data-location",
        "deletion-at-end",
        "staff-confidentiality",
        "audits",
        "access-controls",
        "incident-history",
    ] {
        let question = q.question(id).unwrap_or_else(|| panic!("{id}"));
        assert!(question.weight.is_some(), "{id} is scored");
        assert!(!question.guidance.is_empty(), "{id} has guidance");
    }
    assert!(q.thresholds.medium_at < q.thresholds.high_at);
}

#[test]
fn answers_are_normalised_or_refused_with_the_question_named() {
    let q = Questionnaire::default_questionnaire().unwrap();
    let typed: Answers = [
        ("audits".to_owned(), "Yes".to_owned()),
        ("account-mfa".to_owned(), "false".to_owned()),
        ("breach-notice".to_owned(), "Within 72 hours".to_owned()),
        ("certification".to_owned(), "none".to_owned()),
        ("review-notes".to_owned(), "  read the DPA ".to_owned()),
        ("encryption-at-rest".to_owned(), " ".to_owned()),
    ]
    .into();
    let got = q.normalise(&typed).unwrap();
    assert_eq!(got["audits"], "yes");
    assert_eq!(got["account-mfa"], "no");
    assert_eq!(got["breach-notice"], "within-72-hours");
    assert_eq!(got["certification"], "none");
    assert_eq!(got["review-notes"], "read the DPA");
    assert!(
        !got.contains_key("encryption-at-rest"),
        "blank = unanswered"
    );
    let e = q
        .normalise(&[("audits".to_owned(), "maybe".to_owned())].into())
        .unwrap_err();
    assert!(
        e.contains("question audits") && e.contains("yes or no"),
        "{e}"
    );
    let e = q
        .normalise(&[("breach-notice".to_owned(), "soon".to_owned())].into())
        .unwrap_err();
    assert!(e.contains("within-48-hours"), "{e}");
    let e = q
        .normalise(&[("colour".to_owned(), "red".to_owned())].into())
        .unwrap_err();
    assert!(e.contains("no question \"colour\""), "{e}");
}

#[test]
fn bad_files_name_the_file_and_the_line() {
    let e =
        Questionnaire::parse("[rating]\nmedium_at = 2\nhigh_at = \"x\"\n", "q.toml").unwrap_err();
    assert!(e.starts_with("q.toml") && e.contains("line 3"), "{e}");
    let e = parse("[[question]]\nid = \"a\"\ntext = \"A?\"\nkind = \"maybe\"\n").unwrap_err();
    assert!(e.contains("line 7"), "{e}");
    let e = parse("[[question]]\nid = \"Bad Id\"\ntext = \"A?\"\nkind = \"yes-no\"\n").unwrap_err();
    assert!(
        e.contains("q.toml, line 5: question Bad Id") && e.contains("kebab"),
        "{e}"
    );
    let twice = "[[question]]\nid = \"a\"\ntext = \"A?\"\nkind = \"text\"\n\
                 [[question]]\nid = \"a\"\ntext = \"B?\"\nkind = \"text\"\n";
    let e = parse(twice).unwrap_err();
    assert!(e.contains("line 9") && e.contains("used twice"), "{e}");
    let cases = [
        ("kind = \"yes-no\"\nweight = 2\n", "which answers are risky"),
        (
            "kind = \"yes-no\"\nweight = 9\nrisky = [\"no\"]\n",
            "1 to 5",
        ),
        ("kind = \"yes-no\"\nrisky = [\"no\"]\n", "need a weight"),
        (
            "kind = \"yes-no\"\nweight = 1\nrisky = [\"perhaps\"]\n",
            "not one of its answers",
        ),
        (
            "kind = \"text\"\nweight = 1\nrisky = [\"x\"]\n",
            "not scored",
        ),
        (
            "kind = \"choice\"\noptions = [{ value = \"x\", label = \"X\" }]\n",
            "two options",
        ),
        (
            "kind = \"yes-no\"\noptions = [{ value = \"x\", label = \"X\" }]\n",
            "only choice",
        ),
        ("kind = \"text\"\ncolour = 1\n", "colour"),
    ];
    for (body, wanted) in cases {
        let e = parse(&format!("[[question]]\nid = \"a\"\ntext = \"A?\"\n{body}")).unwrap_err();
        assert!(e.starts_with("q.toml") && e.contains(wanted), "{body}: {e}");
    }
    let e = Questionnaire::parse("[rating]\nmedium_at = 5\nhigh_at = 5\n", "q").unwrap_err();
    assert!(e.contains("high_at above it"), "{e}");
    let e = Questionnaire::parse(HEAD, "q").unwrap_err();
    assert!(e.contains("no [[question]]"), "{e}");
}

#[test]
fn earlier_answers_on_record_are_kept_but_new_ones_are_checked() {
    let q = parse("[[question]]\nid = \"a\"\ntext = \"A?\"\nkind = \"yes-no\"\nweight = 1\nrisky = [\"no\"]\n")
        .unwrap();
    let earlier: Answers = [
        ("gone".to_owned(), "yes".to_owned()),
        ("a".to_owned(), "iso-27001".to_owned()),
    ]
    .into();
    let kept = q.normalise_keeping(&earlier, &earlier).unwrap();
    assert_eq!(kept, earlier);
    assert_eq!(q.answered(&kept), 0, "neither answers a question asked now");
    let mut typed = earlier.clone();
    typed.insert("a".into(), "Yes".into());
    let got = q.normalise_keeping(&typed, &earlier).unwrap();
    assert_eq!(got["a"], "yes");
    assert_eq!(q.answered(&got), 1);
    let e = q
        .normalise_keeping(&[("other".to_owned(), "yes".to_owned())].into(), &earlier)
        .unwrap_err();
    assert!(e.contains("no question \"other\""), "{e}");
    let e = q
        .normalise_keeping(&[("a".to_owned(), "maybe".to_owned())].into(), &earlier)
        .unwrap_err();
    assert!(e.contains("yes or no"), "{e}");
}

#[test]
fn a_bad_threshold_and_bad_toml_name_the_line() {
    let e = Questionnaire::parse("# head\n\n[rating]\nmedium_at = 5\nhigh_at = 5\n", "q.toml")
        .unwrap_err();
    assert!(e.starts_with("q.toml, line "), "{e}");
    let e = parse("[[question]]\nid = \"a\"\ntext = \"A?\nkind = \"text\"\n").unwrap_err();
    assert!(e.starts_with("q.toml, line 6: "), "{e}");
    assert!(!e.contains('\n'), "one line: {e}");
}
