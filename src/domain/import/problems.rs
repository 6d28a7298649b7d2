//! What is wrong with an import: one problem per bad cell (or header, or file), each naming the
//! file, the line and the column, and the list shown when the import is refused.

use std::fmt;

/// How many problems an error lists; the rest are counted.
pub const MAX_LISTED_PROBLEMS: usize = 1000;

/// A problem in one cell of a row, before the row's line is known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowProblem {
    /// The column as the file names it.
    pub column: String,
    /// What is wrong, as a sentence.
    pub message: String,
}

impl RowProblem {
    /// A problem in `column`.
    pub fn new(column: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            column: column.into(),
            message: message.into(),
        }
    }
}

/// A problem at a place in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileProblem {
    /// The line (1-based, the header is line 1; a quoted field spanning lines counts from the
    /// line where its row starts); 0 for the whole file.
    pub line: u64,
    /// The column, or empty for the whole row or file.
    pub column: String,
    /// What is wrong.
    pub message: String,
}

/// Why an import wrote nothing: the file, its problems (at most [`MAX_LISTED_PROBLEMS`]
/// listed) and how many there were in all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportErrors {
    /// The file, as the user named it.
    pub file: String,
    /// The problems listed, in file order.
    pub problems: Vec<FileProblem>,
    /// How many problems there were (listed or not).
    pub total: u64,
    /// How many rows were invalid (0 when the file itself could not be read).
    pub invalid_rows: u64,
}

impl ImportErrors {
    /// An error about the whole file (or its header when `line` is 1).
    pub fn file(file: &str, line: u64, column: &str, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            problems: vec![FileProblem {
                line,
                column: column.to_owned(),
                message: message.into(),
            }],
            total: 1,
            invalid_rows: 0,
        }
    }

    /// A collector for row problems.
    pub fn new(file: &str) -> Self {
        Self {
            file: file.to_owned(),
            problems: Vec::new(),
            total: 0,
            invalid_rows: 0,
        }
    }

    /// Counts a problem and lists it while fewer than [`MAX_LISTED_PROBLEMS`] are listed.
    pub fn push(&mut self, line: u64, column: &str, message: &str) {
        self.total += 1;
        if self.problems.len() < MAX_LISTED_PROBLEMS {
            self.problems.push(FileProblem {
                line,
                column: column.to_owned(),
                message: message.to_owned(),
            });
        }
    }

    /// Counts an invalid row and lists its problems.
    pub fn push_row(&mut self, line: u64, problems: &[RowProblem]) {
        self.invalid_rows += 1;
        for p in problems {
            self.push(line, &p.column, &p.message);
        }
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// One line per problem: `file:line: column: problem`.
    pub fn lines(&self) -> impl Iterator<Item = String> + '_ {
        self.problems.iter().map(|p| {
            let mut out = self.file.clone();
            if p.line > 0 {
                out.push_str(&format!(":{}", p.line));
            }
            if !p.column.is_empty() {
                out.push_str(&format!(": {}", p.column));
            }
            out.push_str(&format!(": {}", p.message));
            out
        })
    }
}

impl fmt::Display for ImportErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.invalid_rows > 0 {
            let rows = if self.invalid_rows == 1 {
                "row is"
            } else {
                "rows are"
            };
            write!(
                f,
                "{}: {} {rows} invalid, so nothing was imported (--skip-invalid imports the valid rows and writes the others to a file with the reasons):",
                self.file, self.invalid_rows
            )?;
        } else {
            write!(f, "{}: nothing was imported:", self.file)?;
        }
        for line in self.lines() {
            write!(f, "\n  {line}")?;
        }
        let unlisted = self.total.saturating_sub(self.problems.len() as u64);
        if unlisted > 0 {
            write!(f, "\n  … and {unlisted} more problems")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_name_file_line_and_column() {
        let mut e = ImportErrors::new("people.csv");
        e.push_row(
            3,
            &[
                RowProblem::new("email", "empty"),
                RowProblem::new("state", "\"maybe\" is not a state"),
            ],
        );
        let lines: Vec<String> = e.lines().collect();
        assert_eq!(
            lines,
            [
                "people.csv:3: email: empty",
                "people.csv:3: state: \"maybe\" is not a state"
            ]
        );
        let text = e.to_string();
        assert!(text.starts_with("people.csv: 1 row is invalid"), "{text}");

        let whole = ImportErrors::file("x.csv", 0, "", "the file is empty");
        assert_eq!(whole.lines().next().unwrap(), "x.csv: the file is empty");
    }

    #[test]
    fn listing_is_capped_but_counted() {
        let mut e = ImportErrors::new("big.csv");
        for line in 2..(MAX_LISTED_PROBLEMS as u64 + 12) {
            e.push_row(line, &[RowProblem::new("email", "empty")]);
        }
        assert_eq!(e.problems.len(), MAX_LISTED_PROBLEMS);
        assert_eq!(e.total, MAX_LISTED_PROBLEMS as u64 + 10);
        assert!(e.to_string().ends_with("… and 10 more problems"));
    }
}
