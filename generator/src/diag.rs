//! Diagnostics: every warning and error names the JSON pointer of the part of the spec it is about.

use std::fmt;

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Generation went on; the construct was degraded.
    Warning,
    /// Generation failed.
    Error,
}

/// One finding about the spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Warning or error.
    pub severity: Severity,
    /// JSON pointer (`#/paths/~1customer~1{id}/put`).
    pub pointer: String,
    /// What is wrong and what was done about it.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{kind}: {}: {}", self.pointer, self.message)
    }
}

/// A list of diagnostics; generation fails when it holds an error.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics {
    /// Findings in the order they were made.
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Adds a warning.
    pub fn warn(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.items.push(Diagnostic {
            severity: Severity::Warning,
            pointer: pointer.into(),
            message: message.into(),
        });
    }

    /// Adds an error.
    pub fn error(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.items.push(Diagnostic {
            severity: Severity::Error,
            pointer: pointer.into(),
            message: message.into(),
        });
    }

    /// A list holding one error.
    pub fn single(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        let mut d = Diagnostics::default();
        d.error(pointer, message);
        d
    }

    /// True when any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// The warnings only.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.items {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}
