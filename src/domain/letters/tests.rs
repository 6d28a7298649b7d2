use super::*;
use crate::domain::organisation::Regime;

/// A UK access request, with every fact filled in.
fn uk_facts() -> LetterFacts {
    LetterFacts {
        organisation_name: "Hollin Bakery Ltd".into(),
        organisation_contact: "privacy@hollinbakery.co.uk".into(),
        dpo_contact: "Priya Shah, dpo@hollinbakery.co.uk".into(),
        requester_name: "Ana Pereira".into(),
        request_reference: "DSR-2026-0042".into(),
        request_type: "access to your personal data".into(),
        law: "Article 15 of the UK GDPR".into(),
        received: "30 October 2026".into(),
        due: "30 November 2026".into(),
        extended_due: "1 February 2027".into(),
        extension_reason: "Your request covers eight years of orders held in three separate \
                           systems, and some of the older records are on paper in storage."
            .into(),
        refusal_ground: "We hold no personal data about you beyond this correspondence: the \
                         email address you gave does not appear in any of our systems."
            .into(),
        outcome: "We have attached a copy of the personal data we hold about you, with an \
                  explanation of why we hold it and who we share it with."
            .into(),
        supervisory_authority: "the Information Commissioner's Office (ico.org.uk)".into(),
        complaint_rights: complaint_rights(
            Regime::UkGdpr,
            "the Information Commissioner's Office (ico.org.uk)",
        ),
        today: "2 November 2026".into(),
        signer: "Sam Okafor, Privacy Officer".into(),
        identity_needed: "the postcode and the last four digits of the phone number on your \
                          customer account"
            .into(),
        identity_time_limit: "The one month we have to answer your request starts on the \
                              day we receive this from you."
            .into(),
        ..LetterFacts::default()
    }
}

/// A Californian deletion request, as the CCPA letters would be filled.
fn ccpa_facts() -> LetterFacts {
    LetterFacts {
        organisation_name: "Redwood Bike Repair LLC".into(),
        organisation_contact: "1420 Alder Street, Eureka, CA 95501".into(),
        dpo_contact: String::new(),
        requester_name: "Jordan Lee".into(),
        request_reference: "DSR-2026-0107".into(),
        request_type: "deletion of your personal information".into(),
        law: "section 1798.105 of the California Civil Code".into(),
        received: "1 December 2026".into(),
        due: "15 January 2027".into(),
        extended_due: "1 March 2027".into(),
        extension_reason: "We need to confirm with our payment processor which of your \
                           records it holds for us."
            .into(),
        refusal_ground: "We could not verify your identity within the time allowed.".into(),
        outcome: "We have deleted your customer profile and service history, and told our \
                  booking provider to do the same."
            .into(),
        supervisory_authority: "the California Privacy Protection Agency (cppa.ca.gov)".into(),
        complaint_rights: complaint_rights(
            Regime::CcpaCpra,
            "the California Privacy Protection Agency (cppa.ca.gov)",
        ),
        today: "3 December 2026".into(),
        signer: "Maria Gomez, Owner".into(),
        identity_needed: "the phone number and email address you used when you booked your \
                          last repair"
            .into(),
        identity_time_limit: "This does not change our deadline: we will still answer your \
                              request by 15 January 2027."
            .into(),
        ..LetterFacts::default()
    }
}

fn render(kind: LetterKind, facts: &LetterFacts) -> Letter {
    match LetterTemplate::builtin(kind).and_then(|t| t.render(facts)) {
        Ok(letter) => letter,
        Err(e) => panic!("{} letter: {e}", kind.label()),
    }
}

fn template(body: &str) -> LetterTemplate {
    LetterTemplate {
        kind: LetterKind::Completion,
        title: "Test letter".into(),
        subject: "Your request {{request_reference}}".into(),
        body: body.into(),
    }
}

#[test]
fn codes_round_trip_and_are_the_file_names() {
    for kind in LetterKind::ALL {
        assert_eq!(LetterKind::from_code(kind.code()), Some(kind));
        assert!(!kind.label().is_empty());
    }
    assert_eq!(LetterKind::IdentityRequest.code(), "identity-request");
    assert_eq!(LetterKind::ExtensionNotice.code(), "extension-notice");
    assert_eq!(LetterKind::from_code("apology"), None);
}

#[test]
fn every_builtin_template_parses_and_renders_fully_for_every_regime() {
    for kind in LetterKind::ALL {
        let template = match LetterTemplate::builtin(kind) {
            Ok(t) => t,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(template.kind, kind);
        assert!(!template.title.contains("{{"), "{}", template.title);
        for facts in [uk_facts(), ccpa_facts()] {
            let letter = render(kind, &facts);
            for text in [&letter.subject, &letter.body] {
                assert!(!text.contains("{{"), "{kind:?}: {text}");
                assert!(!text.contains("}}"), "{kind:?}: {text}");
            }
            assert!(letter.subject.contains(&facts.request_reference));
            assert!(letter.body.starts_with(&facts.today), "{kind:?}");
            assert!(letter.body.contains(&facts.greeting()));
            assert!(letter.body.contains(&facts.request_type));
            assert!(letter.body.contains(&facts.received));
            let signature = format!(
                "Kind regards,\n\n{}\n{}\n{}",
                facts.signer, facts.organisation_name, facts.organisation_contact
            );
            assert!(letter.body.contains(&signature), "{kind:?}");
            assert!(!letter.body.contains("\n\n\n"));
        }
    }
}

#[test]
fn acknowledgement_gives_the_dates_and_warns_of_an_identity_check() {
    let facts = uk_facts();
    let body = render(LetterKind::Acknowledgement, &facts).body;
    assert!(body.contains(
        "Your request: access to your personal data (Article 15 of the UK GDPR)\n\
         Received: 30 October 2026\nOur reference: DSR-2026-0042\n"
    ));
    assert!(body.contains("by 30 November 2026 at the latest"));
    assert!(body.contains("access to your personal data"));
    assert!(body.contains("Article 15 of the UK GDPR"));
    assert!(body.contains("check your identity"));
}

#[test]
fn identity_request_says_what_is_needed_and_how_the_clock_runs() {
    let uk = render(LetterKind::IdentityRequest, &uk_facts()).body;
    assert!(uk.contains(
        "please send us the postcode and the last four digits of the phone number on your \
         customer account."
    ));
    assert!(uk.contains("starts on the day we receive this from you"));
    let ccpa = render(LetterKind::IdentityRequest, &ccpa_facts()).body;
    assert!(ccpa.contains("we will still answer your request by 15 January 2027"));
    assert!(!ccpa.contains("starts on the day"));
}

#[test]
fn extension_notice_gives_the_reason_and_both_dates() {
    let facts = uk_facts();
    let body = render(LetterKind::ExtensionNotice, &facts).body;
    assert!(body.contains(&format!(
        "Why we need more time: {}",
        facts.extension_reason
    )));
    assert!(body.contains("by 1 February 2027 at the latest"));
    assert!(body.contains("until 30 November 2026 to answer"));
}

#[test]
fn completion_says_what_was_done() {
    let facts = ccpa_facts();
    let body = render(LetterKind::Completion, &facts).body;
    assert!(body.contains(&format!("What we have done: {}", facts.outcome)));
    assert!(body.contains("the California Privacy Protection Agency (cppa.ca.gov)"));
}

#[test]
fn refusal_gives_the_ground_the_authority_and_the_courts() {
    let facts = uk_facts();
    let body = render(LetterKind::Refusal, &facts).body;
    assert!(body.contains(&format!("Our reason: {}", facts.refusal_ground)));
    assert!(
        body.contains(
            "the right to complain to the Information Commissioner's Office (ico.org.uk)"
        )
    );
    assert!(body.contains("ask a court"));
}

/// Issue 16 item 12: a CCPA refusal names the Agency and never sends the person to a court
/// (Cal. Civ. Code § 1798.150 limits the private right of action to data breaches); the GDPR
/// ones keep the judicial remedy of Art. 12(4) and 79. (regime, must contain, must not).
#[test]
fn refusal_remedies_follow_the_law() {
    let table = [
        (Regime::Gdpr, "ask a court", "Attorney General"),
        (Regime::UkGdpr, "ask a court", "Attorney General"),
        (Regime::CcpaCpra, "you may contact", "court"),
    ];
    for (regime, has, lacks) in table {
        let mut facts = if regime == Regime::CcpaCpra {
            ccpa_facts()
        } else {
            uk_facts()
        };
        facts.complaint_rights = complaint_rights(regime, "the authority");
        let body = render(LetterKind::Refusal, &facts).body;
        assert!(body.contains(has), "{regime:?}: {body}");
        assert!(!body.contains(lacks), "{regime:?}: {body}");
        assert!(body.contains("the authority"), "{regime:?}: {body}");
    }
}

#[test]
fn greeting_falls_back_when_there_is_no_name() {
    let mut facts = uk_facts();
    assert_eq!(facts.greeting(), "Dear Ana Pereira,");
    facts.requester_name = "  ".into();
    assert_eq!(facts.greeting(), "Dear Sir or Madam,");
    let body = render(LetterKind::Acknowledgement, &facts).body;
    assert!(body.contains("\n\nDear Sir or Madam,\n\n"));
}

#[test]
fn the_dpo_line_is_left_out_when_there_is_no_dpo() {
    let with = render(LetterKind::Completion, &uk_facts()).body;
    assert!(with.ends_with(
        "Hollin Bakery Ltd\nprivacy@hollinbakery.co.uk\nData protection officer: Priya Shah, \
         dpo@hollinbakery.co.uk"
    ));
    let without = render(LetterKind::Completion, &ccpa_facts()).body;
    assert!(without.ends_with("Redwood Bike Repair LLC\n1420 Alder Street, Eureka, CA 95501"));
    assert!(!without.contains("Data protection officer"));
}

#[test]
fn an_empty_required_fact_is_an_error_naming_it() {
    let mut facts = uk_facts();
    facts.refusal_ground = " ".into();
    let template = LetterTemplate::builtin(LetterKind::Refusal);
    let err = template.and_then(|t| t.render(&facts));
    let Err(err) = err else {
        panic!("rendered without a ground")
    };
    assert!(matches!(err, LetterError::MissingFact { ref name, .. } if name == "refusal_ground"));
    let message = err.to_string();
    assert!(message.contains("{{refusal_ground}}"), "{message}");
    assert!(message.contains("Refusal"), "{message}");
    assert!(message.contains("the reason for refusing"), "{message}");
}

#[test]
fn an_unknown_placeholder_is_an_error_naming_it_and_the_template() {
    let t = template("{{greeting}}\n\nWe answered on {{answerd_on}}.");
    let Err(err) = t.render(&uk_facts()) else {
        panic!("rendered")
    };
    let message = err.to_string();
    assert!(matches!(
        err,
        LetterError::UnknownPlaceholder { field: "body", .. }
    ));
    assert!(message.contains("{{answerd_on}}"), "{message}");
    assert!(message.contains("“Test letter” (Completion)"), "{message}");

    let text = "title = \"Test\"\nsubject = \"About {{ reqest_reference }}\"\nbody = \"Hi\"\n";
    let Err(err) = LetterTemplate::parse(LetterKind::Completion, "my-letter.toml", text) else {
        panic!("parsed")
    };
    let message = err.to_string();
    assert!(message.contains("my-letter.toml"), "{message}");
    assert!(message.contains("{{reqest_reference}}"), "{message}");
    assert!(message.contains("subject"), "{message}");
}

#[test]
fn the_unknown_placeholder_message_lists_every_placeholder() {
    let err = LetterError::UnknownPlaceholder {
        template: "t".into(),
        field: "body",
        name: "x".into(),
    };
    let message = err.to_string();
    let facts = LetterFacts::default();
    for name in PLACEHOLDERS {
        assert!(message.contains(name), "{name}");
        assert!(facts.value(name).is_some(), "{name}");
    }
    assert_eq!(message.matches(", ").count() + 1, PLACEHOLDERS.len());
}

#[test]
fn unclosed_braces_are_an_error_showing_where() {
    let t = template("{{greeting}}\n\nWe will answer by {{due.\n\n{{signer}}");
    let Err(err) = t.render(&uk_facts()) else {
        panic!("rendered")
    };
    assert!(matches!(err, LetterError::UnclosedPlaceholder { .. }));
    let message = err.to_string();
    assert!(message.contains("without a closing `}}`"), "{message}");
    assert!(message.contains("at \"{{due.\""), "{message}");
    assert!(message.contains("Test letter"), "{message}");

    let text = "title = \"T\"\nsubject = \"S\"\nbody = '''\nDue {{due\n}}\n'''\n";
    let Err(err) = LetterTemplate::parse(LetterKind::Completion, "late.toml", text) else {
        panic!("parsed")
    };
    let message = err.to_string();
    assert!(
        message.contains("late.toml") && message.contains("body"),
        "{message}"
    );
}

#[test]
fn parse_errors_name_the_file_and_the_field() {
    let cases = [
        ("title = \"T\"\nsubject = \"S\"\n", "`body`"),
        (
            "title = \"T\"\nsubject = 3\nbody = \"B\"\n",
            "`subject` is not text",
        ),
        (
            "title = \"\"\nsubject = \"S\"\nbody = \"B\"\n",
            "`title` is empty",
        ),
        (
            "title = \"T\"\nsubject = \"S\"\nbody = \"B\"\nbcc = \"x\"\n",
            "`bcc`",
        ),
        (
            "title = \"T\"\nsubject = \"\"\"S\nT\"\"\"\nbody = \"B\"\n",
            "one line",
        ),
        ("title = \"T\nsubject = \"S\"\n", "could not be read"),
    ];
    for (text, expected) in cases {
        let Err(err) = LetterTemplate::parse(LetterKind::Refusal, "refusal.toml", text) else {
            panic!("parsed: {text}")
        };
        let message = err.to_string();
        assert!(message.contains("refusal.toml"), "{message}");
        assert!(message.contains(expected), "{message}");
    }
}

#[test]
fn windows_line_endings_are_accepted() {
    let text = "title = \"T\"\r\nsubject = \"S {{due}}\"\r\nbody = '''\r\n{{greeting}}\r\n\r\n\
                Due {{due}}.\r\n'''\r\n";
    let template = LetterTemplate::parse(LetterKind::Acknowledgement, "crlf.toml", text);
    let letter = template.and_then(|t| t.render(&uk_facts()));
    let Ok(letter) = letter else {
        panic!("{letter:?}")
    };
    assert_eq!(letter.body, "Dear Ana Pereira,\n\nDue 30 November 2026.");
    assert_eq!(letter.subject, "S 30 November 2026");
}

#[test]
fn values_are_inserted_as_they_are_not_searched_for_placeholders() {
    let mut facts = uk_facts();
    facts.outcome = "We sent the file named {{export}} to you.".into();
    let Ok(letter) = template("{{outcome}}").render(&facts) else {
        panic!("error")
    };
    assert_eq!(letter.body, "We sent the file named {{export}} to you.");
}

#[test]
fn plain_text_is_subject_blank_line_body() {
    let letter = Letter {
        subject: "Your request DSR-2026-0042: our answer".into(),
        body: "Dear Ana Pereira,\n\nDone.".into(),
    };
    assert_eq!(
        letter.to_text(),
        "Your request DSR-2026-0042: our answer\n\nDear Ana Pereira,\n\nDone.\n"
    );
}

#[test]
fn html_is_a_whole_escaped_page_with_paragraphs() {
    let mut facts = uk_facts();
    facts.organisation_name = "Smith & Daughters <script>alert(1)</script>".into();
    facts.request_reference = "R&D-7".into();
    let letter = render(LetterKind::Completion, &facts);
    let html = letter.to_html();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(html.contains("<title>Your request R&amp;D-7: our answer</title>"));
    assert!(!html.contains("<script>"));
    assert!(html.contains("Smith &amp; Daughters &lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("<p>Dear Ana Pereira,</p>"));
    assert!(
        html.contains("<p>Sam Okafor, Privacy Officer<br>\nSmith &amp; Daughters &lt;script&gt;")
    );
    assert!(html.contains("@media print"));
    assert!(html.trim_end().ends_with("</html>"));
    let paragraphs = html.matches("<p>").count();
    assert_eq!(paragraphs, letter.body.split("\n\n").count());
}

/// The Art. 34 letter (GDPR Art. 34(2) with Art. 33(3)(b)–(d)): the nature of the breach, the
/// contact point, the likely consequences and the measures; every one is required.
#[test]
fn the_breach_letter_carries_what_art_34_2_requires() {
    let facts = LetterFacts {
        organisation_name: "Hollin Bakery Ltd".into(),
        organisation_contact: "privacy@hollinbakery.co.uk".into(),
        today: "9 March 2026".into(),
        signer: "Sam Okafor, Privacy Officer".into(),
        incident_reference: "INC-0003".into(),
        breach_nature: "A list of customer addresses was sent to the wrong person.".into(),
        breach_consequences: "You may receive unexpected post or scam letters.".into(),
        breach_measures: "The recipient deleted the list; we now check every mailing.".into(),
        contact_point: "our data protection officer, Priya Shah, dpo@hollinbakery.co.uk".into(),
        ..LetterFacts::default()
    };
    assert!(!LetterKind::ALL.contains(&LetterKind::BreachCommunication));
    let letter = render(LetterKind::BreachCommunication, &facts);
    assert!(letter.subject.contains("INC-0003"), "{}", letter.subject);
    for text in [
        &facts.breach_nature,
        &facts.breach_consequences,
        &facts.breach_measures,
        &facts.contact_point,
        &facts.today,
    ] {
        assert!(
            letter.body.contains(text.as_str()),
            "{text}: {}",
            letter.body
        );
    }
    assert!(letter.body.contains("Dear Sir or Madam,"));
    for missing in [
        "breach_nature",
        "breach_consequences",
        "breach_measures",
        "contact_point",
    ] {
        let mut f = facts.clone();
        match missing {
            "breach_nature" => f.breach_nature.clear(),
            "breach_consequences" => f.breach_consequences.clear(),
            "breach_measures" => f.breach_measures.clear(),
            _ => f.contact_point.clear(),
        }
        let template = LetterTemplate::builtin(LetterKind::BreachCommunication).unwrap();
        let err = template.render(&f).unwrap_err().to_string();
        assert!(err.contains(missing), "{missing}: {err}");
    }
}
