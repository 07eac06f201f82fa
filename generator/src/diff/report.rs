//! The report as Markdown for people and JSON for tools, and the exit status
//! for CI gates.

use std::fmt::Write as _;

use super::{Change, Report, SemverBump, Subject, Wire};

/// What makes `armgen diff --fail-on` exit with status 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    /// A change that breaks callers on the wire or needs a major bump of
    /// the generated crate.
    Breaking,
    /// Any change that needs at least a minor bump (or breaks the wire).
    Minor,
}

impl FailOn {
    /// `breaking` or `minor`.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "breaking" => Some(FailOn::Breaking),
            "minor" => Some(FailOn::Minor),
            _ => None,
        }
    }
}

impl Report {
    /// Whether the report fails a CI gate of level `level`.
    pub fn fails(&self, level: FailOn) -> bool {
        self.changes.iter().any(|c| {
            c.wire == Wire::Breaking
                || match level {
                    FailOn::Breaking => c.rust == SemverBump::Major,
                    FailOn::Minor => c.rust <= SemverBump::Minor,
                }
        })
    }

    /// The report as JSON (schema `armgen-diff/1`: `schema`, `old_version`,
    /// `new_version`, `summary`, and `changes`, each with `rule` (`name`,
    /// `oad` id or null), `subject` (`kind`: service, operation or model;
    /// `name`), `at`, `message`, `wire` (breaking or compatible), `rust`
    /// (major, minor or patch), `why` and `items`).
    pub fn to_json(&self) -> String {
        #[derive(serde::Serialize)]
        struct WithSummary<'a> {
            schema: &'a str,
            old_version: &'a str,
            new_version: &'a str,
            summary: Summary,
            changes: &'a [Change],
        }
        #[derive(serde::Serialize)]
        struct Summary {
            changes: usize,
            wire_breaking: usize,
            rust_bump: SemverBump,
        }
        let value = WithSummary {
            schema: self.schema,
            old_version: &self.old_version,
            new_version: &self.new_version,
            summary: Summary {
                changes: self.changes.len(),
                wire_breaking: self
                    .changes
                    .iter()
                    .filter(|c| c.wire == Wire::Breaking)
                    .count(),
                rust_bump: self.rust_bump(),
            },
            changes: &self.changes,
        };
        serde_json::to_string_pretty(&value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    }

    /// The report as Markdown: a summary, then the changes grouped by
    /// severity (breaking on the wire, then by Rust bump), then by
    /// operation or model.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let breaking = self
            .changes
            .iter()
            .filter(|c| c.wire == Wire::Breaking)
            .count();
        let _ = writeln!(
            out,
            "# api-version {} → {}\n",
            self.old_version, self.new_version
        );
        if self.changes.is_empty() {
            out.push_str("No change.\n");
            return out;
        }
        let _ = writeln!(
            out,
            "{} change(s); {} break callers on the wire; the generated crate needs a **{}** bump.\n",
            self.changes.len(),
            breaking,
            bump(self.rust_bump())
        );
        let sections: [Section; 4] = [
            ("Breaking on the wire", |c| c.wire == Wire::Breaking),
            ("Compatible on the wire, major for the Rust API", |c| {
                c.wire == Wire::Compatible && c.rust == SemverBump::Major
            }),
            ("Additions (minor)", |c| {
                c.wire == Wire::Compatible && c.rust == SemverBump::Minor
            }),
            ("Other (patch)", |c| {
                c.wire == Wire::Compatible && c.rust == SemverBump::Patch
            }),
        ];
        for (title, filter) in sections {
            let selected: Vec<&Change> = self.changes.iter().filter(|c| filter(c)).collect();
            if selected.is_empty() {
                continue;
            }
            let _ = writeln!(out, "## {title} ({})\n", selected.len());
            let mut current: Option<&Subject> = None;
            for change in selected {
                if current != Some(&change.subject) {
                    if current.is_some() {
                        out.push('\n');
                    }
                    current = Some(&change.subject);
                    let heading = match &change.subject {
                        Subject::Service => "Service".to_owned(),
                        Subject::Operation(id) => format!("Operation `{id}`"),
                        Subject::Model(name) => format!("Model `{name}`"),
                    };
                    let _ = writeln!(out, "### {heading}\n");
                }
                let rule = match change.rule.oad_id() {
                    Some(id) => format!("{} ({id})", change.rule.name()),
                    None => change.rule.name(),
                };
                let at = if change.at.is_empty() {
                    String::new()
                } else {
                    format!("{}: ", change.at)
                };
                let _ = writeln!(
                    out,
                    "- {at}{} — *{rule}*; wire: {}; Rust: {} ({})",
                    change.message,
                    match change.wire {
                        Wire::Breaking => "breaking",
                        Wire::Compatible => "compatible",
                    },
                    bump(change.rust),
                    change.why
                );
            }
            out.push('\n');
        }
        out
    }
}

/// A heading and which changes go under it.
type Section = (&'static str, fn(&Change) -> bool);

fn bump(b: SemverBump) -> &'static str {
    match b {
        SemverBump::Major => "major",
        SemverBump::Minor => "minor",
        SemverBump::Patch => "patch",
    }
}
