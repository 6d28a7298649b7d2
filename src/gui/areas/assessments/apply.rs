//! Applying the assessment views' commands: each calls the assessment services, then refreshes
//! the list or the open editor; a refusal is shown in the editor (or as a notice).

use chrono::Local;
use uuid::Uuid;

use crate::domain::assessment::Assessment;
use crate::gui::app::{PrivacyDeskApp, Screen};
use crate::gui::areas::assessments::command::AssessmentCommand;
use crate::gui::areas::{AssessmentEditor, LinkChoices, VersionRow};
use crate::gui::widgets::Notice;
use crate::services::{AssessmentVersionRef, ServiceResult, Session};

fn today() -> chrono::NaiveDate {
    Local::now().date_naive()
}

fn versions_of(session: &Session, id: Uuid) -> ServiceResult<Vec<VersionRow>> {
    Ok(session
        .assessments()
        .assessment_versions(id)?
        .into_iter()
        .map(|v| VersionRow {
            version: v.version,
            status: v.status,
            frozen_at: chrono::DateTime::parse_from_rfc3339(&v.frozen_at)
                .map(|t| t.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or(v.frozen_at),
            frozen_by: v.frozen_by,
        })
        .collect())
}

fn editor_for(session: &Session, a: Assessment) -> ServiceResult<AssessmentEditor> {
    let template = session.assessments().template_of(&a)?;
    let versions = versions_of(session, a.id)?;
    let links = LinkChoices {
        activities: session
            .records()
            .activities()?
            .into_iter()
            .map(|a| (a.code, a.name))
            .collect(),
        purposes: session
            .consent()
            .purposes()?
            .into_iter()
            .map(|p| (p.purpose.code, p.purpose.name))
            .collect(),
        vendors: session.records().vendor_choices()?,
    };
    Ok(AssessmentEditor::new(
        a,
        template,
        versions,
        session.assessments().dpo_designated()?,
        today(),
    )
    .with_links(links))
}

impl PrivacyDeskApp {
    /// Applies a command of the assessment views.
    pub(in crate::gui) fn apply_assessment(&mut self, command: AssessmentCommand) {
        let (Some(session), Screen::Main(main)) = (self.session.as_mut(), &mut self.screen) else {
            return;
        };
        let view = &mut main.assessments;
        // Changes to the open assessment return it as stored now.
        let changed: ServiceResult<Option<Assessment>> = match command {
            AssessmentCommand::Open(id) => {
                match session
                    .assessments()
                    .assessment(id)
                    .and_then(|a| editor_for(session, a))
                {
                    Ok(editor) => view.editor = Some(editor),
                    Err(e) => self.notice = Some(Notice::error(e.to_string())),
                }
                return;
            }
            AssessmentCommand::Close => {
                view.editor = None;
                return;
            }
            AssessmentCommand::New { title, template } => {
                match session
                    .assessments()
                    .new_assessment(&title, &template)
                    .and_then(|a| editor_for(session, a))
                {
                    Ok(editor) => {
                        self.notice = Some(Notice::success(format!(
                            "The assessment “{}” was started.",
                            editor.assessment.title
                        )));
                        view.editor = Some(editor);
                    }
                    Err(e) => self.notice = Some(Notice::error(e.to_string())),
                }
                return;
            }
            AssessmentCommand::Save(a) => session.assessments().save_assessment(&a).map(Some),
            AssessmentCommand::SetStatus { id, to } => session
                .assessments()
                .set_assessment_status(id, to)
                .map(Some),
            AssessmentCommand::RecordDpoOpinion { id, opinion } => session
                .assessments()
                .record_dpo_opinion(id, &opinion)
                .map(Some),
            AssessmentCommand::RecordSubjectsViews { id, views } => session
                .assessments()
                .record_subjects_views(id, &views)
                .map(Some),
            AssessmentCommand::RecordPriorConsultation { id, consultation } => session
                .assessments()
                .record_prior_consultation(id, &consultation, today())
                .map(Some),
            AssessmentCommand::Decide { id, sign_off } => session
                .assessments()
                .decide_assessment(id, &sign_off)
                .map(Some),
            AssessmentCommand::StartNewVersion(id) => {
                session.assessments().start_new_version(id).map(Some)
            }
            AssessmentCommand::Compare { id, from } => {
                match session.assessments().assessment_differences(
                    id,
                    AssessmentVersionRef::Frozen(from),
                    AssessmentVersionRef::Current,
                ) {
                    Ok(changes) => {
                        if let Some(editor) = view.editor.as_mut() {
                            editor.set_differences(from, changes);
                        }
                    }
                    Err(e) => self.notice = Some(Notice::error(e.to_string())),
                }
                return;
            }
            AssessmentCommand::Export { id, format, path } => session
                .exports()
                .export_assessment(id, format, &path, today())
                .map(|()| {
                    self.notice = Some(Notice::success(format!("Written to {}.", path.display())));
                    None
                }),
            AssessmentCommand::ExportActionPlan { id, path } => session
                .exports()
                .export_action_plan(id, &path, today())
                .map(|n| {
                    self.notice = Some(Notice::success(format!(
                        "{n} measures written to {}.",
                        path.display()
                    )));
                    None
                }),
            AssessmentCommand::Import(path) => {
                match session.assessments().import_assessment(&path) {
                    Ok(s) => {
                        self.notice = Some(Notice::success(format!(
                            "Imported “{}” ({}{}).",
                            s.title,
                            s.status.label().to_lowercase(),
                            s.template_added
                                .map(|t| format!(", with its template {t}"))
                                .unwrap_or_default()
                        )));
                    }
                    Err(e) => self.notice = Some(Notice::error(e.to_string())),
                }
                return;
            }
            AssessmentCommand::AddTemplate(path) => {
                match session.assessments().add_assessment_template(&path) {
                    Ok(t) => {
                        self.notice = Some(Notice::success(format!(
                            "The template “{}” was added.",
                            t.name
                        )));
                    }
                    Err(e) => self.notice = Some(Notice::error(e.to_string())),
                }
                return;
            }
            AssessmentCommand::CopyTemplate {
                code,
                new_code,
                new_name,
            } => {
                match session
                    .assessments()
                    .copy_assessment_template(&code, &new_code, &new_name)
                {
                    Ok(_) => {
                        self.notice =
                            Some(Notice::success(format!("Copied; edit {new_code} below.")));
                    }
                    Err(e) => self.notice = Some(Notice::error(e.to_string())),
                }
                return;
            }
            AssessmentCommand::SaveTemplateSource { code, source } => {
                match session
                    .assessments()
                    .save_assessment_template_source(&code, &source)
                {
                    Ok(_) => {
                        self.notice =
                            Some(Notice::success(format!("The template {code} was saved.")));
                    }
                    Err(e) => self.notice = Some(Notice::error(e.to_string())),
                }
                return;
            }
        };
        match changed {
            Ok(Some(a)) => {
                let versions = versions_of(session, a.id);
                let dpo = session.assessments().dpo_designated();
                match (view.editor.as_mut(), versions, dpo) {
                    (Some(editor), Ok(versions), Ok(dpo)) if editor.assessment.id == a.id => {
                        editor.reload(a, versions, dpo);
                    }
                    (_, Err(e), _) | (_, _, Err(e)) => {
                        self.notice = Some(Notice::error(e.to_string()))
                    }
                    _ => {}
                }
            }
            Ok(None) => {}
            Err(e) => match view.editor.as_mut() {
                Some(editor) => editor.set_problem(e.to_string()),
                None => self.notice = Some(Notice::error(e.to_string())),
            },
        }
    }
}
