//! Privacy impact assessments (GDPR Art. 35) at the service level: the list, starting one,
//! saving a draft, the frozen versions and the differences between versions, the overdue
//! measures, ids by prefix. The workflow lives in `assessment_workflow`, imports and exports
//! in `assessment_io` and `export::assessment`, the templates in `assessment_templates`.
//!
//! Reading needs [`Permission::ViewReports`]; changing needs [`Permission::EditAssessments`].
//! Each change writes its audit entry in the same transaction; the entries give the status,
//! the version and counts, never an answer, an opinion or a name from the assessment.

pub(in crate::services) mod io;
pub(in crate::services) mod report;
pub(in crate::services) mod templates;
pub(in crate::services) mod workflow;

/// The assessments area of a session (see [`crate::services::front`]).
pub type Assessments<'s> =
    crate::services::front::Front<'s, crate::services::front::area::Assessments>;

use chrono::{NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::domain::access::Permission;
use crate::domain::assessment::diff::{Change, differences};
use crate::domain::assessment::progress::progress;
use crate::domain::assessment::{Assessment, AssessmentStatus, Template};
use crate::domain::audit::{AuditAction, EntityRef};
use crate::store::assessments::{self as store, FrozenVersion};
use crate::store::register_table::{self, Register};

use super::{ServiceError, ServiceResult};
use crate::services::assessments::templates::{all_on, find_on};

/// One line of the assessment list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AssessmentSummary {
    /// Its id.
    pub id: Uuid,
    /// Its title.
    pub title: String,
    /// The template's code.
    pub template: String,
    /// The template's name (the code when the template is gone).
    pub template_name: String,
    /// Where it stands.
    pub status: AssessmentStatus,
    /// The current version.
    pub version: u32,
    /// Questions answered.
    pub answered: usize,
    /// Questions in the template.
    pub questions: usize,
    /// Measures of the action plan past their due date.
    pub overdue_measures: usize,
    /// When it was started (RFC 3339).
    pub created_at: String,
    /// When it last changed (RFC 3339).
    pub updated_at: String,
}

/// A measure past its due date, for the Dashboard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OverdueMeasure {
    /// The assessment.
    pub assessment_id: Uuid,
    /// Its title.
    pub assessment_title: String,
    /// The measure's id (`M1` …).
    pub measure_id: String,
    /// What is to be done.
    pub title: String,
    /// Who is responsible.
    pub owner: String,
    /// When it was due.
    pub due_on: NaiveDate,
}

/// The assessments in `status --json`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct AssessmentCounts {
    /// Drafts.
    pub drafts: u64,
    /// Waiting for the decision.
    pub in_review: u64,
    /// Validated (with or without conditions) or rejected.
    pub decided: u64,
    /// Measures of all action plans past their due date.
    pub overdue_measures: u64,
}

/// A version to compare: a frozen one, or the current one (the draft).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssessmentVersionRef {
    /// A frozen (decided) version.
    Frozen(u32),
    /// The current version.
    Current,
}

/// The counts on any connection (the field key opens the bodies for the overdue measures).
pub fn assessment_counts_on(
    conn: &crate::store::Db,
    field_key: &crate::crypto::SecretKey,
    today: NaiveDate,
) -> ServiceResult<AssessmentCounts> {
    let mut counts = AssessmentCounts::default();
    for (code, n) in store::count_by_status(conn)? {
        let n = u64::try_from(n).unwrap_or(0);
        match AssessmentStatus::from_code(&code) {
            Some(AssessmentStatus::Draft) => counts.drafts += n,
            Some(AssessmentStatus::InReview) => counts.in_review += n,
            Some(_) => counts.decided += n,
            None => {}
        }
    }
    counts.overdue_measures = store::all(conn, field_key)?
        .iter()
        .map(|a| a.overdue_measures(today).len() as u64)
        .sum();
    Ok(counts)
}

fn field_problem(message: String) -> ServiceError {
    match message.split_once(": ") {
        Some((field, m)) if field.len() < 20 => ServiceError::invalid(field, m),
        _ => ServiceError::invalid("Assessment", message),
    }
}

fn entity(id: Uuid) -> EntityRef {
    EntityRef::new("assessment", id.to_string())
}

impl Assessments<'_> {
    /// Every assessment with its progress and overdue measures at `today`, most recently
    /// changed first.
    pub fn list(&self, today: NaiveDate) -> ServiceResult<Vec<AssessmentSummary>> {
        self.require(Permission::ViewReports)?;
        let conn = self.store.db();
        let templates = all_on(conn)?;
        let bodies = store::all(conn, &self.keys.field)?;
        let mut out = Vec::new();
        for row in store::list(conn)? {
            let Some(a) = bodies.iter().find(|a| a.id == row.id) else {
                continue;
            };
            let template = templates.iter().find(|t| t.template.code == row.template);
            let (answered, questions) = template.map_or((0, 0), |t| {
                progress(a, &t.template)
                    .iter()
                    .fold((0, 0), |(x, y), p| (x + p.answered, y + p.total))
            });
            out.push(AssessmentSummary {
                id: row.id,
                title: row.title,
                template_name: template
                    .map_or_else(|| row.template.clone(), |t| t.template.name.clone()),
                template: row.template,
                status: row.status,
                version: row.version,
                answered,
                questions,
                overdue_measures: a.overdue_measures(today).len(),
                created_at: row.created_at,
                updated_at: row.updated_at,
            });
        }
        Ok(out)
    }

    /// The current version of an assessment.
    pub fn assessment(&self, id: Uuid) -> ServiceResult<Assessment> {
        self.require(Permission::ViewReports)?;
        store::get(self.store.db(), &self.keys.field, id)?.ok_or_else(|| {
            ServiceError::invalid(
                "Assessment",
                format!("there is no assessment {id}; `pia list` shows them"),
            )
        })
    }

    /// The template an assessment follows.
    pub fn template_of(&self, a: &Assessment) -> ServiceResult<Template> {
        find_on(self.store.db(), &a.template)
    }

    /// Writes the current version with its audit entry.
    pub(super) fn write_assessment(
        &mut self,
        a: &Assessment,
        action: AuditAction,
        details: String,
        freeze: bool,
    ) -> ServiceResult<()> {
        let entry = self.entry(action, entity(a.id), details);
        let by = self.user.name.clone();
        let mut w = self.store.write()?;
        if action == AuditAction::AssessmentCreated {
            store::insert(&mut w, &self.keys.field, a)?;
        } else if !store::update(&mut w, &self.keys.field, a)? {
            return Err(ServiceError::invalid(
                "Assessment",
                format!("there is no assessment {}", a.id),
            ));
        }
        if freeze {
            store::freeze(&mut w, &self.keys.field, a, &by)?;
        }
        w.append_audit(&self.keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }

    /// Starts a draft following the template `template_code`.
    pub fn new_assessment(
        &mut self,
        title: &str,
        template_code: &str,
    ) -> ServiceResult<Assessment> {
        self.require(Permission::EditAssessments)?;
        let template = find_on(self.store.db(), template_code.trim())?;
        let a = Assessment::new(title, &template, Utc::now());
        a.check(&template).map_err(field_problem)?;
        let details = format!("template {}", template.code);
        self.write_assessment(&a, AuditAction::AssessmentCreated, details, false)?;
        Ok(a)
    }

    /// Refuses links to activities, purposes or vendors the registers do not have.
    fn check_links(&self, a: &Assessment) -> ServiceResult<()> {
        let conn = self.store.db();
        for code in &a.links.activities {
            if register_table::get::<serde_json::Value>(conn, Register::Activities, code.as_str())?
                .is_none()
            {
                return Err(ServiceError::invalid(
                    "Links",
                    format!("there is no processing activity {code} in the record of processing"),
                ));
            }
        }
        for code in &a.links.vendors {
            if register_table::get::<serde_json::Value>(conn, Register::Vendors, code.as_str())?
                .is_none()
            {
                return Err(ServiceError::invalid(
                    "Links",
                    format!("there is no vendor {code} in the vendor register"),
                ));
            }
        }
        for code in &a.links.purposes {
            if !crate::store::purposes::exists(conn, code)? {
                return Err(ServiceError::invalid(
                    "Links",
                    format!("there is no purpose {} in the catalogue", code.as_str()),
                ));
            }
        }
        Ok(())
    }

    /// The stored version of `id`, which must not be decided (or, unless `review_ok`, in
    /// review).
    pub(super) fn editable(&self, id: Uuid, review_ok: bool) -> ServiceResult<Assessment> {
        let stored = self.assessment(id)?;
        match stored.status {
            AssessmentStatus::Draft => Ok(stored),
            AssessmentStatus::InReview if review_ok => Ok(stored),
            AssessmentStatus::InReview => Err(ServiceError::invalid(
                "Assessment",
                "it is in review; send it back to draft to change it",
            )),
            s => Err(ServiceError::invalid(
                "Assessment",
                format!(
                    "version {} is {} and frozen; start a new version to change it",
                    stored.version,
                    s.label().to_lowercase()
                ),
            )),
        }
    }

    /// Saves a draft: its title, answers, risks, action plan and links. The status, version,
    /// template, opinions and sign-off stay as stored (they change through the workflow).
    /// Refused for an assessment in review or decided.
    pub fn save_assessment(&mut self, a: &Assessment) -> ServiceResult<Assessment> {
        self.require(Permission::EditAssessments)?;
        let stored = self.editable(a.id, false)?;
        let template = self.template_of(&stored)?;
        let saved = Assessment {
            title: a.title.trim().to_owned(),
            answers: a.answers.clone(),
            risks: a.risks.clone(),
            measures: a.measures.clone(),
            links: a.links.clone(),
            updated_at: Utc::now(),
            ..stored
        };
        saved.check(&template).map_err(field_problem)?;
        self.check_links(&saved)?;
        let details = format!(
            "version {}: {} answers, {} risks, {} measures",
            saved.version,
            saved.answers.len(),
            saved.risks.len(),
            saved.measures.len()
        );
        self.write_assessment(&saved, AuditAction::AssessmentSaved, details, false)?;
        Ok(saved)
    }

    /// The frozen versions, oldest first.
    pub fn assessment_versions(&self, id: Uuid) -> ServiceResult<Vec<FrozenVersion>> {
        self.require(Permission::ViewReports)?;
        Ok(store::versions(self.store.db(), &self.keys.field, id)?)
    }

    /// One frozen version.
    pub fn assessment_version(&self, id: Uuid, version: u32) -> ServiceResult<FrozenVersion> {
        self.require(Permission::ViewReports)?;
        store::version(self.store.db(), &self.keys.field, id, version)?.ok_or_else(|| {
            ServiceError::invalid(
                "Version",
                format!("assessment {id} has no frozen version {version}"),
            )
        })
    }

    fn version_of(&self, id: Uuid, v: AssessmentVersionRef) -> ServiceResult<Assessment> {
        match v {
            AssessmentVersionRef::Current => self.assessment(id),
            AssessmentVersionRef::Frozen(n) => Ok(self.assessment_version(id, n)?.assessment),
        }
    }

    /// What changed from one version to another, in words.
    pub fn assessment_differences(
        &self,
        id: Uuid,
        from: AssessmentVersionRef,
        to: AssessmentVersionRef,
    ) -> ServiceResult<Vec<Change>> {
        let (old, new) = (self.version_of(id, from)?, self.version_of(id, to)?);
        let template = self.template_of(&new).ok();
        Ok(differences(&old, &new, template.as_ref()))
    }

    /// The measures of every action plan past their due date at `today`, earliest first.
    pub fn overdue_assessment_measures(
        &self,
        today: NaiveDate,
    ) -> ServiceResult<Vec<OverdueMeasure>> {
        self.require(Permission::ViewReports)?;
        let mut out: Vec<OverdueMeasure> = store::all(self.store.db(), &self.keys.field)?
            .iter()
            .flat_map(|a| {
                a.overdue_measures(today).into_iter().filter_map(|m| {
                    Some(OverdueMeasure {
                        assessment_id: a.id,
                        assessment_title: a.title.clone(),
                        measure_id: m.id.clone(),
                        title: m.title.clone(),
                        owner: m.owner.clone(),
                        due_on: m.due_on?,
                    })
                })
            })
            .collect();
        out.sort_by(|a, b| {
            a.due_on
                .cmp(&b.due_on)
                .then(a.assessment_title.cmp(&b.assessment_title))
        });
        Ok(out)
    }

    /// The id of the assessment written as a whole UUID or as a unique prefix of at least 8
    /// hexadecimal characters (dashes ignored).
    pub fn resolve_assessment_id(&self, text: &str) -> ServiceResult<Uuid> {
        self.require(Permission::ViewReports)?;
        let hex: String = text
            .trim()
            .chars()
            .filter(|c| *c != '-')
            .collect::<String>()
            .to_ascii_lowercase();
        if hex.len() < 8 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(ServiceError::invalid(
                "ID",
                format!(
                    "{:?} is not an assessment id; give the id `pia list` shows, or its first 8 characters or more",
                    text.trim()
                ),
            ));
        }
        let found = store::ids_with_prefix(self.store.db(), &hex)?;
        match found.as_slice() {
            [id] => Ok(*id),
            [] => Err(ServiceError::invalid(
                "ID",
                format!(
                    "no assessment id starts with {}; `pia list` shows them",
                    text.trim()
                ),
            )),
            _ => Err(ServiceError::invalid(
                "ID",
                format!(
                    "{} assessments have ids starting with {}; give more characters",
                    found.len(),
                    text.trim()
                ),
            )),
        }
    }
}
