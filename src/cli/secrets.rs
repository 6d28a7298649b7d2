//! Where the CLI gets secrets: a file, an environment variable, or a prompt that does not echo.

use std::io::{IsTerminal, Read};
use std::path::Path;

use anyhow::{Context, bail};
use zeroize::Zeroizing;

use crate::crypto::{Passphrase, RecoveryCode};

/// Environment variable holding the passphrase.
pub const PASSPHRASE_VAR: &str = "PRIVACY_DESK_PASSPHRASE";
/// Environment variable holding the new passphrase for `passphrase change` and `recover`.
pub const NEW_PASSPHRASE_VAR: &str = "PRIVACY_DESK_NEW_PASSPHRASE";

/// The first line of a secret file. The whole text read is wiped when dropped (read into a
/// buffer sized from the file, so no grown-and-freed copy is left behind), and so is the line.
fn first_line_of(path: &Path, what: &str) -> anyhow::Result<Zeroizing<String>> {
    let cannot = || format!("could not read the {what} file {}", path.display());
    let mut file = std::fs::File::open(path).with_context(cannot)?;
    let size = file.metadata().map_or(0, |m| m.len());
    let mut text = Zeroizing::new(String::with_capacity(
        usize::try_from(size).unwrap_or(0).saturating_add(1),
    ));
    file.read_to_string(&mut text).with_context(cannot)?;
    let line = Zeroizing::new(text.lines().next().unwrap_or_default().to_owned());
    if line.is_empty() {
        bail!("the {what} file {} is empty", path.display());
    }
    Ok(line)
}

fn prompt(label: &str, what: &str, option: &str, var: &str) -> anyhow::Result<Zeroizing<String>> {
    if !std::io::stdin().is_terminal() {
        bail!("no {what} given: use {option} or set {var} (there is no terminal to ask on)");
    }
    rpassword::prompt_password(label)
        .map(Zeroizing::new)
        .context("could not read from the terminal")
}

/// A passphrase made from wiped text, moving its bytes without copying them.
fn passphrase_from(mut text: Zeroizing<String>) -> Passphrase {
    Passphrase::new(std::mem::take(&mut *text))
}

/// The passphrase of an existing store.
pub fn passphrase(file: Option<&Path>) -> anyhow::Result<Passphrase> {
    if let Some(path) = file {
        return Ok(passphrase_from(first_line_of(path, "passphrase")?));
    }
    if let Ok(value) = std::env::var(PASSPHRASE_VAR) {
        return Ok(Passphrase::new(value));
    }
    Ok(passphrase_from(prompt(
        "Passphrase: ",
        "passphrase",
        "--passphrase-file",
        PASSPHRASE_VAR,
    )?))
}

/// A new passphrase: from a file or variable as is, or typed twice at a prompt.
pub fn new_passphrase(file: Option<&Path>, var: &str, option: &str) -> anyhow::Result<Passphrase> {
    if let Some(path) = file {
        return Ok(passphrase_from(first_line_of(path, "new passphrase")?));
    }
    if let Ok(value) = std::env::var(var) {
        return Ok(Passphrase::new(value));
    }
    let first = passphrase_from(prompt("New passphrase: ", "new passphrase", option, var)?);
    let second = passphrase_from(prompt("Type it again: ", "new passphrase", option, var)?);
    if !first.matches(&second) {
        bail!("the two passphrases differ; nothing was changed");
    }
    Ok(first)
}

/// Environment variable holding the IMAP password for `inbox fetch`.
pub const IMAP_PASSWORD_VAR: &str = "PRIVACY_DESK_IMAP_PASSWORD";

/// The IMAP password or app password: from a file, the variable, or typed at a prompt.
pub fn imap_password(file: Option<&Path>) -> anyhow::Result<Zeroizing<String>> {
    if let Some(path) = file {
        return first_line_of(path, "password");
    }
    if let Ok(value) = std::env::var(IMAP_PASSWORD_VAR) {
        return Ok(Zeroizing::new(value));
    }
    prompt(
        "IMAP password (or app password): ",
        "IMAP password",
        "--password-file",
        IMAP_PASSWORD_VAR,
    )
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 17, item 9: the text read from a passphrase file lives in memory that is wiped
    /// when dropped (the type says so), and only its first line is used.
    #[test]
    fn a_passphrase_file_is_read_into_wiped_memory() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pass.txt");
        std::fs::write(&path, "correct horse battery staple\r\nsecond line\n").unwrap();
        let line: Zeroizing<String> = first_line_of(&path, "passphrase").unwrap();
        assert_eq!(line.as_str(), "correct horse battery staple");
        let p = passphrase(Some(&path)).unwrap();
        assert!(p.matches(&Passphrase::new("correct horse battery staple")));
        std::fs::write(&path, "\n").unwrap();
        assert!(passphrase(Some(&path)).is_err());
    }
}
