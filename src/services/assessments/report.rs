//! The printable report of an assessment, as a `report::Document` that the PDF, HTML and
//! Markdown renderers all print: the summary, every section with its questions and answers,
//! the risk register and the risk map, the action plan, the consultation and the decision, and
//! — when given — what changed since the previous version.

use chrono::NaiveDate;

use crate::domain::assessment::diff::Change;
use crate::domain::assessment::progress::{progress, screening};
use crate::domain::assessment::risk::{Level, RiskBand, risk_map};
use crate::domain::assessment::{Assessment, SubjectsViews, Template};
use crate::report::{Document, Grid, GridCell};

/// What the report says besides the assessment itself.
#[derive(Clone, Debug, Default)]
pub struct ReportContext<'a> {
    /// The organisation's name (the controller).
    pub organisation: &'a str,
    /// The day the report is made (overdue measures are judged on it).
    pub today: Option<NaiveDate>,
    /// The previous version it is compared with, and the differences.
    pub changes: Option<(u32, &'a [Change])>,
}

fn or_dash(text: &str) -> String {
    if text.trim().is_empty() {
        "—".into()
    } else {
        text.to_owned()
    }
}

/// The report of `assessment`, which follows `template`.
pub fn assessment_document(
    assessment: &Assessment,
    template: &Template,
    context: &ReportContext<'_>,
) -> Document {
    let a = assessment;
    let mut doc = Document::new(
        a.title.clone(),
        format!(
            "{}{}, version {} — {}",
            if context.organisation.is_empty() {
                String::new()
            } else {
                format!("{} · ", context.organisation)
            },
            template.name,
            a.version,
            a.status.label()
        ),
    );
    summary(&mut doc, a, template);
    for (section, p) in template.sections.iter().zip(progress(a, template)) {
        doc.heading(
            1,
            format!("{} ({} of {} answered)", section.title, p.answered, p.total),
        );
        let pairs: Vec<(String, String)> = section
            .questions
            .iter()
            .map(|q| {
                let answer = a.answers.get(&q.id).filter(|x| x.is_given());
                (
                    q.text.clone(),
                    answer.map_or_else(|| "Not answered".to_owned(), |x| x.to_text()),
                )
            })
            .collect();
        doc.fields(pairs);
    }
    if !a.risks.is_empty() {
        risks(&mut doc, a);
    }
    action_plan(&mut doc, a, context.today);
    decision(&mut doc, a);
    if let Some((from, changes)) = context.changes {
        doc.heading(1, format!("Changes since version {from}"));
        if changes.is_empty() {
            doc.paragraph("No changes.");
        } else {
            doc.table(
                vec!["What".into(), "Before".into(), "After".into()],
                changes
                    .iter()
                    .map(|c| vec![c.what.clone(), or_dash(&c.before), or_dash(&c.after)])
                    .collect(),
            );
        }
    }
    doc
}

fn summary(doc: &mut Document, a: &Assessment, template: &Template) {
    doc.heading(1, "Summary");
    let join = |v: Vec<String>| {
        if v.is_empty() {
            "—".to_owned()
        } else {
            v.join(", ")
        }
    };
    let mut fields = vec![
        ("Template".to_owned(), template.name.clone()),
        ("Status".to_owned(), a.status.label().to_owned()),
        ("Version".to_owned(), a.version.to_string()),
        (
            "Started".to_owned(),
            a.created_at.format("%Y-%m-%d").to_string(),
        ),
        (
            "Last changed".to_owned(),
            a.updated_at.format("%Y-%m-%d").to_string(),
        ),
        (
            "Processing activities".to_owned(),
            join(a.links.activities.iter().map(|c| c.to_string()).collect()),
        ),
        (
            "Purposes".to_owned(),
            join(a.links.purposes.iter().map(|c| c.to_string()).collect()),
        ),
        (
            "Vendors".to_owned(),
            join(a.links.vendors.iter().map(|c| c.to_string()).collect()),
        ),
    ];
    if let Some(s) = screening(a, template) {
        fields.push((
            "Screening".to_owned(),
            format!(
                "{} of the high-risk criteria apply: {}",
                s.ticked,
                if s.assessment_required() {
                    "a full impact assessment is required (GDPR Art. 35)"
                } else {
                    "a full impact assessment is not required by this test; keep the reasoning"
                }
            ),
        ));
    }
    if !a.risks.is_empty() {
        let mut bands = Vec::new();
        for band in [
            RiskBand::VeryHigh,
            RiskBand::High,
            RiskBand::Moderate,
            RiskBand::Low,
        ] {
            let n = a
                .risks
                .iter()
                .filter(|r| r.current().map(|s| s.band()) == Some(band))
                .count();
            if n > 0 {
                bands.push(format!("{n} {}", band.label().to_lowercase()));
            }
        }
        let unscored = a.risks.iter().filter(|r| r.current().is_none()).count();
        if unscored > 0 {
            bands.push(format!("{unscored} not scored"));
        }
        fields.push(("Risks now".to_owned(), bands.join(", ")));
    }
    doc.fields(fields);
}

fn score(s: Option<crate::domain::assessment::Score>) -> String {
    s.map_or_else(
        || "Not scored".to_owned(),
        |s| {
            format!(
                "{} severity, {} likelihood: {}",
                s.severity.label(),
                s.likelihood.label(),
                s.band().label()
            )
        },
    )
}

fn risks(doc: &mut Document, a: &Assessment) {
    doc.heading(1, "Risks");
    doc.table(
        [
            "Risk",
            "Sources and threats",
            "Impacts on the people",
            "Before measures",
            "After measures",
        ]
        .map(String::from)
        .to_vec(),
        a.risks
            .iter()
            .map(|r| {
                let threats = [r.sources.trim(), r.threats.trim()]
                    .into_iter()
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n");
                vec![
                    format!("{} {}", r.id, r.title),
                    or_dash(&threats),
                    or_dash(&r.impacts),
                    score(r.before),
                    score(r.after),
                ]
            })
            .collect(),
    );
    doc.heading(2, "Risk map");
    doc.paragraph("Each risk sits where its severity and likelihood put it after the planned measures (before them when the residual risk is not assessed yet).");
    let map = risk_map(&a.risks);
    doc.grid(Grid {
        row_axis: "Severity".into(),
        row_labels: Level::ALL
            .iter()
            .rev()
            .map(|l| l.label().to_owned())
            .collect(),
        column_axis: "Likelihood".into(),
        column_labels: Level::ALL.iter().map(|l| l.label().to_owned()).collect(),
        cells: map
            .into_iter()
            .map(|row| {
                row.into_iter()
                    .map(|(s, ids)| GridCell {
                        colour: s.band().colour(),
                        text: ids.join(" "),
                    })
                    .collect()
            })
            .collect(),
    });
}

fn action_plan(doc: &mut Document, a: &Assessment, today: Option<NaiveDate>) {
    doc.heading(1, "Action plan");
    if a.measures.is_empty() {
        doc.paragraph("No measures are planned.");
        return;
    }
    doc.table(
        ["Measure", "Owner", "Due", "Status", "Reduces"]
            .map(String::from)
            .to_vec(),
        a.measures
            .iter()
            .map(|m| {
                let overdue = today.is_some_and(|t| m.is_overdue(t));
                let title = if m.description.trim().is_empty() {
                    format!("{} {}", m.id, m.title)
                } else {
                    format!("{} {}\n{}", m.id, m.title, m.description.trim())
                };
                vec![
                    title,
                    or_dash(&m.owner),
                    m.due_on.map_or_else(|| "—".to_owned(), |d| d.to_string()),
                    if overdue {
                        format!("{} (overdue)", m.status.label())
                    } else {
                        m.status.label().to_owned()
                    },
                    or_dash(&m.risks.join(", ")),
                ]
            })
            .collect(),
    );
}

fn decision(doc: &mut Document, a: &Assessment) {
    doc.heading(1, "Consultation and decision");
    match &a.dpo_opinion {
        Some(o) => doc.fields([
            ("Data protection officer", o.name.clone()),
            ("Recommendation", o.recommendation.label().to_owned()),
            ("Opinion", or_dash(&o.opinion)),
            ("Given on", o.given_on.to_string()),
        ]),
        None => doc.fields([("Data protection officer", "No opinion recorded")]),
    };
    match &a.subjects_views {
        Some(SubjectsViews::Sought { from, views }) => doc.fields([
            ("Views of the people concerned", or_dash(views)),
            ("Sought from", or_dash(from)),
        ]),
        Some(SubjectsViews::NotSought { reason }) => doc.fields([
            ("Views of the people concerned", "Not sought".to_owned()),
            ("Why not", or_dash(reason)),
        ]),
        None => doc.fields([("Views of the people concerned", "Not recorded")]),
    };
    match &a.sign_off {
        Some(s) => doc.fields([
            ("Decision", s.decision.label().to_owned()),
            (
                "Signed by",
                if s.role.is_empty() {
                    s.name.clone()
                } else {
                    format!("{} ({})", s.name, s.role)
                },
            ),
            ("Signed on", s.signed_on.to_string()),
            ("Conditions or reasons", or_dash(&s.comment)),
        ]),
        None => doc.fields([("Decision", "Not decided yet")]),
    };
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;
    use crate::domain::assessment::{Answer, Measure, MeasureStatus, Score};

    #[test]
    fn the_report_shows_every_section_the_risk_map_and_the_action_plan() {
        let t = Template::shipped().unwrap().remove(2);
        let mut a = Assessment::new("Personalised newsletter", &t, Utc::now());
        a.answers.insert(
            "context.platform".into(),
            Answer::Text("Mailchimp, United States".into()),
        );
        a.risks[0].before = Some(Score {
            severity: Level::Significant,
            likelihood: Level::Limited,
        });
        a.risks[0].after = Some(Score {
            severity: Level::Limited,
            likelihood: Level::Negligible,
        });
        a.measures.push(Measure {
            id: "M1".into(),
            title: "Sign the DPA with the email platform".into(),
            description: String::new(),
            owner: "Owner".into(),
            due_on: NaiveDate::from_ymd_opt(2026, 1, 31),
            status: MeasureStatus::Planned,
            risks: vec!["R1".into()],
        });
        let doc = assessment_document(
            &a,
            &t,
            &ReportContext {
                organisation: "Corner Bakery Ltd",
                today: NaiveDate::from_ymd_opt(2026, 11, 29),
                changes: None,
            },
        );
        let text = doc.plain_text();
        for s in &t.sections {
            assert!(text.contains(&s.title), "{}", s.title);
        }
        assert!(text.contains("Mailchimp, United States"));
        assert!(text.contains("Not answered"));
        assert!(text.contains("Risk map"));
        assert!(
            doc.blocks
                .iter()
                .any(|b| matches!(b, crate::report::Block::Grid(g) if g.cells[2][0].text == "R1"))
        );
        assert!(text.contains("Planned (overdue)"));
        assert!(text.contains("Not decided yet"));
        let pdf = crate::report::pdf::render(&doc).unwrap();
        assert!(pdf.starts_with(b"%PDF"));
    }
}
