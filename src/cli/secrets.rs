//! Where the CLI gets secrets: a file, an environment variable, or a prompt that does not echo.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::{Context, bail};

use crate::crypto::{Passphrase, RecoveryCode};

/// Environment variable holding the passphrase.
pub const PASSPHRASE_VAR: &str = "PRIVACY_DESK_PASSPHRASE";
/// Environment variable holding the new passphrase for `passphrase change` and `recover`.
pub const NEW_PASSPHRASE_VAR: &str = "PRIVACY_DESK_NEW_PASSPHRASE";

fn first_line_of(path: &Path, what: &str) -> anyhow::Result<String> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("could not read the {what} file {}", path.display()))?;
    let line = text.lines().next().unwrap_or_default().to_owned();
    if line.is_empty() {
        bail!("the {what} file {} is empty", path.display());
    }
    Ok(line)
}

fn prompt(label: &str, what: &str, option: &str, var: &str) -> anyhow::Result<String> {
    if !std::io::stdin().is_terminal() {
        bail!("no {what} given: use {option} or set {var} (there is no terminal to ask on)");
    }
    rpassword::prompt_password(label).context("could not read from the terminal")
}

/// The passphrase of an existing store.
pub fn passphrase(file: Option<&Path>) -> anyhow::Result<Passphrase> {
    if let Some(path) = file {
        return Ok(Passphrase::new(first_line_of(path, "passphrase")?));
    }
    if let Ok(value) = std::env::var(PASSPHRASE_VAR) {
        return Ok(Passphrase::new(value));
    }
    Ok(Passphrase::new(prompt(
        "Passphrase: ",
        "passphrase",
        "--passphrase-file",
        PASSPHRASE_VAR,
    )?))
}

/// A new passphrase: from a file or variable as is, or typed twice at a prompt.
pub fn new_passphrase(file: Option<&Path>, var: &str, option: &str) -> anyhow::Result<Passphrase> {
    if let Some(path) = file {
        return Ok(Passphrase::new(first_line_of(path, "new passphrase")?));
    }
    if let Ok(value) = std::env::var(var) {
        return Ok(Passphrase::new(value));
    }
    let first = Passphrase::new(prompt("New passphrase: ", "new passphrase", option, var)?);
    let second = Passphrase::new(prompt("Type it again: ", "new passphrase", option, var)?);
    if !first.matches(&second) {
        bail!("the two passphrases differ; nothing was changed");
    }
    Ok(first)
}

/// The recovery code: from a file, or typed at a prompt.
pub fn recovery_code(file: Option<&Path>) -> anyhow::Result<RecoveryCode> {
    let text = match file {
        Some(path) => first_line_of(path, "recovery code")?,
        None => prompt(
            "Recovery code: ",
            "recovery code",
            "--recovery-code-file",
            "a file",
        )?,
    };
    Ok(RecoveryCode::parse(&text)?)
}
