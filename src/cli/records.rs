//! `ropa …` and `system …`: the record of processing activities (GDPR Art. 30) and the data
//! inventory from the command line — export the register (CSV, PDF, JSON), import a JSON export
//! (all or nothing), list the activities and the systems.

use std::path::PathBuf;

use chrono::Local;
use clap::{Subcommand, ValueEnum};

use crate::domain::records::Taxonomy;
use crate::services::{RopaFormat, Session};

/// A format of `ropa export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// One row per activity, a column per point of Art. 30(1)(a)–(g).
    Csv,
    /// A printable report.
    Pdf,
    /// The same report as a Word document, to edit.
    Docx,
    /// A JSON document that `ropa import` reads back.
    Json,
}

impl FormatArg {
    fn format(self) -> RopaFormat {
        match self {
            Self::Csv => RopaFormat::Csv,
            Self::Pdf => RopaFormat::Pdf,
            Self::Docx => RopaFormat::Docx,
            Self::Json => RopaFormat::Json,
        }
    }
}

/// `ropa …`
#[derive(Debug, Subcommand)]
pub enum RopaCommand {
    /// Write the record of processing activities to a file.
    Export {
        /// The format: csv, pdf, docx or json.
        #[arg(long, value_enum)]
        format: FormatArg,
        /// The file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Replace the data categories, activities and systems with those of a JSON file written by
    /// `ropa export --format json` (all or nothing).
    Import {
        /// The JSON file.
        file: PathBuf,
    },
    /// List the processing activities.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// `system …`
#[derive(Debug, Subcommand)]
pub enum SystemCommand {
    /// List the systems of the data inventory.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// Names of categories, comma-separated.
fn names(taxonomy: &Taxonomy, codes: &[crate::domain::records::CategoryCode]) -> String {
    codes
        .iter()
        .map(|c| taxonomy.name_of(c))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Runs a `ropa` command.
pub fn ropa(session: &mut Session, command: RopaCommand) -> anyhow::Result<()> {
    match command {
        RopaCommand::Export { format, out } => {
            let n =
                session
                    .exports()
                    .export_ropa(format.format(), &out, Local::now().date_naive())?;
            outln!(
                "Wrote the record of processing activities ({n} activities) to {}.",
                out.display()
            )?;
        }
        RopaCommand::Import { file } => {
            let s = session.records().import_ropa(&file)?;
            outln!(
                "Imported {} data categories, {} activities and {} systems from {}; they replace the ones this store had.",
                s.categories,
                s.activities,
                s.systems,
                file.display()
            )?;
        }
        RopaCommand::List { json } => {
            let activities = session.records().activities()?;
            if json {
                outln!("{}", serde_json::to_string_pretty(&activities)?)?;
            } else if activities.is_empty() {
                outln!(
                    "No processing activities yet. Add them in the window (Records of processing) or import a JSON export with `ropa import FILE`."
                )?;
            } else {
                let taxonomy = session.records().data_taxonomy()?;
                for a in &activities {
                    let purposes: Vec<&str> = a.purposes.iter().map(|p| p.as_str()).collect();
                    outln!("{:<28} {}", a.code, a.name)?;
                    outln!("    purposes: {}", purposes.join(", "))?;
                    outln!("    data: {}", names(&taxonomy, &a.data_categories))?;
                }
            }
        }
    }
    Ok(())
}

/// Runs a `system` command.
pub fn system(session: &Session, command: SystemCommand) -> anyhow::Result<()> {
    match command {
        SystemCommand::List { json } => {
            let systems = session.records().data_systems()?;
            if json {
                outln!("{}", serde_json::to_string_pretty(&systems)?)?;
            } else if systems.is_empty() {
                outln!(
                    "No systems in the data inventory yet. Add them in the window (Records of processing → Systems)."
                )?;
            } else {
                let taxonomy = session.records().data_taxonomy()?;
                for s in &systems {
                    outln!("{:<28} {} ({})", s.code, s.name, s.kind.label())?;
                    if !s.location.is_empty() {
                        outln!("    location: {}", s.location)?;
                    }
                    outln!("    data: {}", names(&taxonomy, &s.data_categories))?;
                }
            }
        }
    }
    Ok(())
}
