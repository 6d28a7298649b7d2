//! `import mappings [--json]`, `import save-mapping NAME --from FILE` and
//! `import delete-mapping NAME`: the column mappings saved by name, which
//! `import consent --saved-mapping NAME` and the window's import use.

use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use crate::domain::import::Mapping;
use crate::services::Session;

/// Options of `import mappings`.
#[derive(Debug, Args)]
pub struct MappingsArgs {
    /// Print JSON: an array of {name, columns: {column: field}, saved_at, saved_by}.
    #[arg(long)]
    pub json: bool,
}

/// Options of `import save-mapping`.
#[derive(Debug, Args)]
pub struct SaveMappingArgs {
    /// The name to save it under (replaces a mapping of that name).
    pub name: String,
    /// The TOML file: a [columns] table, "Source column" = "field" (or "ignore").
    #[arg(long, value_name = "FILE")]
    pub from: PathBuf,
}

/// Options of `import delete-mapping`.
#[derive(Debug, Args)]
pub struct DeleteMappingArgs {
    /// The saved mapping's name.
    pub name: String,
}

#[derive(Serialize)]
struct MappingJson {
    name: String,
    columns: std::collections::BTreeMap<String, String>,
    saved_at: String,
    saved_by: String,
}

/// Lists the saved mappings.
pub fn list(session: &Session, a: &MappingsArgs) -> anyhow::Result<()> {
    let saved = session.consent().import_mappings()?;
    if a.json {
        let rows: Vec<MappingJson> = saved
            .into_iter()
            .map(|m| MappingJson {
                columns: m
                    .mapping
                    .entries()
                    .iter()
                    .map(|(k, f)| (k.clone(), f.map_or("ignore", |f| f.code()).to_owned()))
                    .collect(),
                name: m.name,
                saved_at: m.saved_at.to_rfc3339(),
                saved_by: m.saved_by,
            })
            .collect();
        outln!("{}", serde_json::to_string_pretty(&rows)?)?;
        return Ok(());
    }
    if saved.is_empty() {
        outln!(
            "No column mapping is saved. Save one in the window's import, or with `import save-mapping NAME --from FILE`."
        )?;
    }
    for m in saved {
        outln!(
            "{}  ({} columns, saved {} by {})",
            m.name,
            m.mapping.entries().len(),
            m.saved_at.format("%Y-%m-%d"),
            m.saved_by
        )?;
        for (column, field) in m.mapping.entries() {
            outln!("  {column:?} → {}", field.map_or("ignore", |f| f.code()))?;
        }
    }
    Ok(())
}

/// Saves a mapping read from a TOML file.
pub fn save(session: &mut Session, a: &SaveMappingArgs) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&a.from).map_err(|e| {
        anyhow::anyhow!(
            "{}: cannot be read ({e}); give the TOML mapping file. Nothing was saved.",
            a.from.display()
        )
    })?;
    let mapping = Mapping::parse(&text, &a.from.display().to_string())
        .map_err(|m| anyhow::anyhow!("{m}. Nothing was saved."))?;
    let replaced = session.consent().save_import_mapping(&a.name, &mapping)?;
    outln!(
        "{} the mapping {:?} ({} columns).",
        if replaced { "Replaced" } else { "Saved" },
        a.name.trim(),
        mapping.entries().len()
    )?;
    Ok(())
}

/// Deletes a saved mapping.
pub fn delete(session: &mut Session, a: &DeleteMappingArgs) -> anyhow::Result<()> {
    session.consent().delete_import_mapping(&a.name)?;
    outln!("Deleted the mapping {:?}.", a.name.trim())?;
    Ok(())
}
