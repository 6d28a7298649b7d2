//! `pia …`: privacy impact assessments from the command line: list, start, show, import (our
//! JSON or a CNIL PIA tool export), export (PDF, Markdown, HTML, JSON), the action plan as
//! CSV, and the templates. An assessment is named by its id or a unique prefix of at least 8
//! hexadecimal characters.
//!
//! JSON output (field names are stable):
//! - `pia list --json`: an array of `{id, title, template, template_name, status, version,
//!   answered, questions, overdue_measures, created_at, updated_at}`; `status` is `draft`,
//!   `in-review`, `validated`, `validated-with-conditions` or `rejected`.
//! - `pia show --json`: `{assessment, progress [{section, answered, total}], versions
//!   [{version, status, frozen_at, frozen_by}]}`, `assessment` as in the export file.
//! - `pia template list --json`: an array of `{code, name, kind, sections, questions, added}`.

use std::path::PathBuf;

use anyhow::{anyhow, bail};
use chrono::{Local, NaiveDate};
use clap::Subcommand;
use serde_json::json;

use crate::domain::assessment::TemplateKind;
use crate::domain::assessment::progress::progress;
use crate::services::{AssessmentExportFormat, AssessmentSource, Session};

fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// `pia …`
#[derive(Debug, Subcommand)]
pub enum PiaCommand {
    /// Files kept sealed with the record: attach, attachment (save), attachments (list), detach.
    #[command(flatten)]
    Files(super::attachments::AttachmentCommand),
    /// List the assessments: status, version, progress, overdue measures.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Start an assessment from a template (`pia template list` shows the codes).
    New {
        /// Its title, e.g. "Personalised newsletter".
        #[arg(long)]
        title: String,
        /// The template's code, e.g. general-dpia.
        #[arg(long)]
        template: String,
    },
    /// Show an assessment: progress, risks, action plan, consultation, versions.
    Show {
        /// The id (or its first 8 characters or more).
        id: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Import an assessment: a Privacy Desk JSON file or a CNIL PIA tool export.
    Import {
        /// The JSON file.
        file: PathBuf,
    },
    /// Write an assessment's report (pdf, docx, md, html) or its JSON file (json).
    Export {
        /// The id (or its first 8 characters or more).
        id: String,
        /// pdf, docx, md, html or json.
        #[arg(long)]
        format: String,
        /// The file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Write the action plan as CSV.
    ActionPlan {
        /// The id (or its first 8 characters or more).
        id: String,
        /// The CSV file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Record the prior consultation of the supervisory authority (GDPR Art. 36(1)), needed
    /// before validating an assessment whose residual risk stays very high; run it again with
    /// --advice-on when the authority's written advice comes (Art. 36(2)).
    Consult {
        /// The id (or its first 8 characters or more).
        id: String,
        /// The day the consultation was submitted (YYYY-MM-DD).
        #[arg(long)]
        submitted_on: String,
        /// The supervisory authority consulted (e.g. ICO).
        #[arg(long)]
        authority: String,
        /// The consultation's reference.
        #[arg(long)]
        reference: String,
        /// The day of the authority's written advice (YYYY-MM-DD).
        #[arg(long)]
        advice_on: Option<String>,
    },
    /// Assessment templates.
    #[command(subcommand)]
    Template(TemplateCommand),
}

/// `pia template …`
#[derive(Debug, Subcommand)]
pub enum TemplateCommand {
    /// List the templates, shipped and added.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Add a template from a TOML file (the format of assets/assessments/*.toml).
    Add {
        /// The TOML file.
        file: PathBuf,
    },
}

/// Runs a `pia` command.
pub fn run(session: &mut Session, command: PiaCommand) -> anyhow::Result<()> {
    match command {
        PiaCommand::Files(files) => {
            super::attachments::run(session, super::attachments::OwnerKind::Assessment, files)
        }
        PiaCommand::List { json } => list(session, json),
        PiaCommand::New { title, template } => {
            let a = session.assessments().new_assessment(&title, &template)?;
            outln!(
                "Started assessment {} \"{}\" (template {}, draft).",
                a.id,
                a.title,
                a.template
            )?;
            Ok(())
        }
        PiaCommand::Show { id, json } => show(session, &id, json),
        PiaCommand::Consult {
            id,
            submitted_on,
            authority,
            reference,
            advice_on,
        } => {
            let id = session.assessments().resolve_assessment_id(&id)?;
            let consultation = crate::domain::assessment::consultation::PriorConsultation {
                submitted_on: super::dates::date(&submitted_on, "--submitted-on")?,
                authority,
                reference,
                advice_on: advice_on
                    .map(|d| super::dates::date(&d, "--advice-on"))
                    .transpose()?,
            };
            let today = chrono::Local::now().date_naive();
            session
                .assessments()
                .record_prior_consultation(id, &consultation, today)?;
            outln!(
                "Recorded the prior consultation of {} (reference {}), submitted {}.",
                consultation.authority.trim(),
                consultation.reference.trim(),
                consultation.submitted_on
            )?;
            Ok(())
        }
        PiaCommand::Import { file } => {
            let s = session.assessments().import_assessment(&file)?;
            let from = match s.source {
                AssessmentSource::PrivacyDesk => "a Privacy Desk file",
                AssessmentSource::CnilPia => "a CNIL PIA tool export",
            };
            outln!(
                "Imported {} \"{}\" from {from}: {}, {} frozen version(s).",
                s.id,
                s.title,
                s.status.label().to_lowercase(),
                s.versions
            )?;
            if let Some(code) = &s.template_added {
                outln!("The template {code} came with it and was added.")?;
            }
            for note in &s.notes {
                outln!("Note: {note}")?;
            }
            Ok(())
        }
        PiaCommand::Export { id, format, out } => {
            if format.trim().eq_ignore_ascii_case("docx") {
                let id = session.assessments().resolve_assessment_id(&id)?;
                session
                    .exports()
                    .export_assessment_docx(id, &out, today())?;
                outln!("Wrote the assessment as docx to {}.", out.display())?;
                return Ok(());
            }
            let format = AssessmentExportFormat::from_code(&format).ok_or_else(|| {
                anyhow!("--format: {format:?} is not a format; use pdf, docx, md, html or json")
            })?;
            let id = session.assessments().resolve_assessment_id(&id)?;
            session
                .exports()
                .export_assessment(id, format, &out, today())?;
            outln!(
                "Wrote the assessment as {} to {}.",
                format.code(),
                out.display()
            )?;
            Ok(())
        }
        PiaCommand::ActionPlan { id, out } => {
            let id = session.assessments().resolve_assessment_id(&id)?;
            let n = session.exports().export_action_plan(id, &out, today())?;
            outln!("Wrote the action plan ({n} measures) to {}.", out.display())?;
            Ok(())
        }
        PiaCommand::Template(TemplateCommand::List { json }) => templates(session, json),
        PiaCommand::Template(TemplateCommand::Add { file }) => {
            let t = session.assessments().add_assessment_template(&file)?;
            outln!(
                "Added the template {} \"{}\" ({} sections).",
                t.code,
                t.name,
                t.sections.len()
            )?;
            Ok(())
        }
    }
}

fn list(session: &Session, json: bool) -> anyhow::Result<()> {
    let rows = session.assessments().list(today())?;
    if json {
        outln!("{}", serde_json::to_string_pretty(&rows)?)?;
    } else if rows.is_empty() {
        outln!(
            "No assessments yet. `pia new --title T --template CODE` starts one; `pia template list` shows the templates."
        )?;
    } else {
        for r in &rows {
            outln!(
                "{}  {:<26} v{:<2} {:>3}/{:<3} answered  {} overdue  {}",
                &r.id.to_string()[..8],
                r.status.label(),
                r.version,
                r.answered,
                r.questions,
                r.overdue_measures,
                r.title
            )?;
        }
    }
    Ok(())
}

fn show(session: &Session, id: &str, json: bool) -> anyhow::Result<()> {
    let id = session.assessments().resolve_assessment_id(id)?;
    let a = session.assessments().assessment(id)?;
    let template = session.assessments().template_of(&a)?;
    let versions = session.assessments().assessment_versions(id)?;
    let sections = progress(&a, &template);
    if json {
        let value = json!({
            "assessment": a,
            "progress": sections.iter().map(|p| json!({"section": p.section, "answered": p.answered, "total": p.total})).collect::<Vec<_>>(),
            "versions": versions.iter().map(|v| json!({"version": v.version, "status": v.status, "frozen_at": v.frozen_at, "frozen_by": v.frozen_by})).collect::<Vec<_>>(),
        });
        outln!("{}", serde_json::to_string_pretty(&value)?)?;
        return Ok(());
    }
    outln!("{}", a.title)?;
    outln!("Id:        {}", a.id)?;
    outln!("Template:  {} ({})", template.name, template.code)?;
    outln!("Status:    {}, version {}", a.status.label(), a.version)?;
    if let Some(c) = &a.prior_consultation {
        outln!(
            "Art. 36:   consulted {} ({}) on {}{}",
            c.authority,
            c.reference,
            c.submitted_on,
            c.advice_on
                .map(|d| format!("; advice {d}"))
                .unwrap_or_default()
        )?;
    }
    for (s, p) in template.sections.iter().zip(&sections) {
        outln!("  {:<60} {}/{}", s.title, p.answered, p.total)?;
    }
    if !a.risks.is_empty() {
        outln!("Risks:")?;
        for r in &a.risks {
            let score = |s: Option<crate::domain::assessment::Score>| {
                s.map_or_else(
                    || "not scored".to_owned(),
                    |s| {
                        format!(
                            "{} × {} ({})",
                            s.severity.label(),
                            s.likelihood.label(),
                            s.band().label()
                        )
                    },
                )
            };
            outln!(
                "  {} {:<34} before: {}; after: {}",
                r.id,
                r.title,
                score(r.before),
                score(r.after)
            )?;
        }
    }
    if !a.measures.is_empty() {
        outln!("Action plan:")?;
        for m in &a.measures {
            outln!(
                "  {} {} — {}, owner {}, due {}{}",
                m.id,
                m.title,
                m.status.label(),
                if m.owner.is_empty() { "none" } else { &m.owner },
                m.due_on
                    .map_or_else(|| "not set".to_owned(), |d| d.to_string()),
                if m.is_overdue(today()) {
                    " (overdue)"
                } else {
                    ""
                }
            )?;
        }
    }
    if let Some(o) = &a.dpo_opinion {
        outln!(
            "DPO:       {} — {} ({})",
            o.name,
            o.recommendation.label(),
            o.given_on
        )?;
    }
    if let Some(s) = &a.sign_off {
        outln!(
            "Decision:  {} by {} on {}",
            s.decision.label(),
            s.name,
            s.signed_on
        )?;
    }
    for v in &versions {
        outln!(
            "Version {}: {} — frozen {} by {}",
            v.version,
            v.status.label(),
            v.frozen_at,
            v.frozen_by
        )?;
    }
    Ok(())
}

fn templates(session: &Session, json: bool) -> anyhow::Result<()> {
    let all = session.assessments().assessment_templates()?;
    let questions = |t: &crate::domain::assessment::Template| {
        t.sections.iter().map(|s| s.questions.len()).sum::<usize>()
    };
    if json {
        let rows: Vec<_> = all
            .iter()
            .map(|e| json!({"code": e.template.code, "name": e.template.name, "kind": e.template.kind, "sections": e.template.sections.len(), "questions": questions(&e.template), "added": e.source.is_some()}))
            .collect();
        outln!("{}", serde_json::to_string_pretty(&rows)?)?;
        return Ok(());
    }
    for e in &all {
        let t = &e.template;
        outln!(
            "{:<24} {:<11} {:>2} questions  {}{}",
            t.code,
            match t.kind {
                TemplateKind::Screening => "screening",
                TemplateKind::Dpia => "assessment",
            },
            questions(t),
            t.name,
            if e.source.is_some() { " (added)" } else { "" }
        )?;
    }
    if all.is_empty() {
        bail!("no templates could be read");
    }
    Ok(())
}
