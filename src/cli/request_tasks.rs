//! `request task ID TASK --done|--not-applicable [--on D] [--note T]`: one task of a request
//! (a system or vendor to reach, numbered as `request show` lists them) done or not
//! applicable, and how `request show` prints the tasks.

use clap::{ArgGroup, Args};
use serde::Serialize;

use crate::domain::request::task::{RequestTask, TaskStatus};
use crate::services::Session;

use super::dates::{date_or_today, today};

/// Options of `request task`.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("status").required(true).args(["done", "not_applicable"])))]
pub struct TaskArgs {
    /// The request's reference (R-0001) or id.
    pub id: String,
    /// The task's number, as `request show` lists it.
    pub task: i64,
    /// The task was done.
    #[arg(long)]
    pub done: bool,
    /// Nothing to do there (the person is not in that system, say).
    #[arg(long)]
    pub not_applicable: bool,
    /// The day (YYYY-MM-DD; default today).
    #[arg(long)]
    pub on: Option<String>,
    /// A note (sealed; replaced if the person is erased).
    #[arg(long, default_value = "")]
    pub note: String,
}

/// Runs `request task`.
pub fn run(session: &mut Session, a: TaskArgs) -> anyhow::Result<()> {
    let id = session.requests().find_request(&a.id)?;
    let on = date_or_today(a.on.as_deref(), "--on")?;
    let status = if a.done {
        TaskStatus::Done
    } else {
        TaskStatus::NotApplicable
    };
    let task = session
        .requests()
        .set_request_task(id, a.task, status, on, &a.note, today())?;
    outln!(
        "Task {} ({} {}) marked {} on {on}.",
        task.number,
        task.target.kind_code(),
        task.target.name(),
        status_words(task.status)
    )?;
    if let Some(open) = session.requests().open_tasks(id)? {
        outln!("Still open: {open}.")?;
    }
    Ok(())
}

fn status_words(s: TaskStatus) -> &'static str {
    match s {
        TaskStatus::Open => "open",
        TaskStatus::Done => "done",
        TaskStatus::NotApplicable => "not applicable",
    }
}

/// A task as `request show --json` prints it: `system` or `vendor` (the name), `action`,
/// `done_on`, `note`, with its number and status.
#[derive(Debug, Serialize)]
pub(super) struct TaskJson {
    id: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    system: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    vendor: Option<String>,
    action: String,
    status: &'static str,
    done_on: Option<String>,
    note: Option<String>,
}

/// The tasks as JSON values.
pub(super) fn tasks_json(tasks: &[RequestTask]) -> serde_json::Result<serde_json::Value> {
    let rows: Vec<TaskJson> = tasks
        .iter()
        .map(|t| {
            let name = Some(t.target.name().to_owned());
            let vendor = t.target.kind_code() == "vendor";
            TaskJson {
                id: t.number,
                system: if vendor { None } else { name.clone() },
                vendor: if vendor { name } else { None },
                action: t.action.clone(),
                status: t.status.code(),
                done_on: t.done_on.map(|d| d.format("%Y-%m-%d").to_string()),
                note: (!t.note.is_empty()).then(|| t.note.clone()),
            }
        })
        .collect();
    serde_json::to_value(rows)
}

/// The tasks as `request show` prints them.
pub(super) fn print_tasks(tasks: &[RequestTask]) -> anyhow::Result<()> {
    if tasks.is_empty() {
        return Ok(());
    }
    outln!("Tasks (`request task ID N --done` or `--not-applicable`):")?;
    for t in tasks {
        let when = match t.done_on {
            Some(d) => format!(" on {d}"),
            None => String::new(),
        };
        outln!(
            "  {}. [{}{when}] {} {}: {}",
            t.number,
            status_words(t.status),
            t.target.kind_code(),
            t.target.name(),
            t.action
        )?;
        for line in t.note.lines().filter(|l| !l.trim().is_empty()) {
            outln!("     Note: {line}")?;
        }
    }
    Ok(())
}
