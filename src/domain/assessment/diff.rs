//! The differences between two versions of an assessment, in words, so the officer (and a
//! reader of the report) sees what changed since the last validated version.

use super::{Assessment, Template};

/// One difference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// What changed (a question, a risk, a measure …).
    pub what: String,
    /// Before (empty when added).
    pub before: String,
    /// After (empty when removed).
    pub after: String,
}

fn score_text(s: Option<super::Score>) -> String {
    s.map(|s| {
        format!(
            "severity {}, likelihood {}",
            s.severity.label(),
            s.likelihood.label()
        )
    })
    .unwrap_or_else(|| "not scored".into())
}

/// What changed from `old` to `new`; question texts come from `template` when it has them.
pub fn differences(old: &Assessment, new: &Assessment, template: Option<&Template>) -> Vec<Change> {
    let mut out = Vec::new();
    let mut push = |what: String, before: String, after: String| {
        if before != after {
            out.push(Change {
                what,
                before,
                after,
            });
        }
    };
    push("Title".into(), old.title.clone(), new.title.clone());
    let ids: std::collections::BTreeSet<&String> =
        old.answers.keys().chain(new.answers.keys()).collect();
    for id in ids {
        let label = template
            .and_then(|t| t.question(id))
            .map(|q| q.text.clone())
            .unwrap_or_else(|| id.clone());
        push(
            format!("Answer: {label}"),
            old.answers.get(id).map(|a| a.to_text()).unwrap_or_default(),
            new.answers.get(id).map(|a| a.to_text()).unwrap_or_default(),
        );
    }
    for r in &new.risks {
        match old.risks.iter().find(|o| o.id == r.id) {
            None => push(
                format!("Risk {} added", r.id),
                String::new(),
                r.title.clone(),
            ),
            Some(o) => {
                push(
                    format!("Risk {}: title", r.id),
                    o.title.clone(),
                    r.title.clone(),
                );
                push(
                    format!("Risk {}: sources", r.id),
                    o.sources.clone(),
                    r.sources.clone(),
                );
                push(
                    format!("Risk {}: threats", r.id),
                    o.threats.clone(),
                    r.threats.clone(),
                );
                push(
                    format!("Risk {}: impacts", r.id),
                    o.impacts.clone(),
                    r.impacts.clone(),
                );
                push(
                    format!("Risk {}: before measures", r.id),
                    score_text(o.before),
                    score_text(r.before),
                );
                push(
                    format!("Risk {}: after measures", r.id),
                    score_text(o.after),
                    score_text(r.after),
                );
            }
        }
    }
    for o in old
        .risks
        .iter()
        .filter(|o| !new.risks.iter().any(|r| r.id == o.id))
    {
        push(
            format!("Risk {} removed", o.id),
            o.title.clone(),
            String::new(),
        );
    }
    for m in &new.measures {
        let describe = |m: &super::Measure| {
            format!(
                "{} — {}, owner {}, due {}",
                m.title,
                m.status.label(),
                if m.owner.is_empty() { "none" } else { &m.owner },
                m.due_on
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "not set".into())
            )
        };
        match old.measures.iter().find(|o| o.id == m.id) {
            None => push(
                format!("Measure {} added", m.id),
                String::new(),
                describe(m),
            ),
            Some(o) => push(format!("Measure {}", m.id), describe(o), describe(m)),
        }
    }
    for o in old
        .measures
        .iter()
        .filter(|o| !new.measures.iter().any(|m| m.id == o.id))
    {
        push(
            format!("Measure {} removed", o.id),
            o.title.clone(),
            String::new(),
        );
    }
    let links = |a: &Assessment| {
        let mut v: Vec<String> = a
            .links
            .activities
            .iter()
            .map(|c| format!("activity {c}"))
            .collect();
        v.extend(a.links.purposes.iter().map(|c| format!("purpose {c}")));
        v.extend(a.links.vendors.iter().map(|c| format!("vendor {c}")));
        v.join(", ")
    };
    push("Links".into(), links(old), links(new));
    out
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::super::{Answer, Level, Measure, MeasureStatus, Score};
    use super::*;

    #[test]
    fn lists_what_changed_and_only_that() {
        let t = Template::shipped().unwrap().remove(1);
        let old = Assessment::new("Newsletter", &t, Utc::now());
        assert!(differences(&old, &old, Some(&t)).is_empty());
        let mut new = old.clone();
        new.answers.insert(
            "description.nature".into(),
            Answer::Text("We send a newsletter.".into()),
        );
        new.risks[0].before = Some(Score {
            severity: Level::Limited,
            likelihood: Level::Negligible,
        });
        new.risks.remove(2);
        new.measures.push(Measure {
            id: "M1".into(),
            title: "Encrypt the export".into(),
            description: String::new(),
            owner: "Owner".into(),
            due_on: None,
            status: MeasureStatus::Planned,
            risks: vec!["R1".into()],
        });
        let d = differences(&old, &new, Some(&t));
        let whats: Vec<&str> = d.iter().map(|c| c.what.as_str()).collect();
        assert_eq!(
            whats,
            [
                "Answer: What is the processing? What will you do with the data, and how?",
                "Risk R1: before measures",
                "Risk R3 removed",
                "Measure M1 added",
            ]
        );
        assert_eq!(d[1].after, "severity Limited, likelihood Negligible");
    }
}
