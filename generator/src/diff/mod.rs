//! `armgen diff`: what changed between two api-versions of a service, what
//! it breaks on the wire, and what it does to the generated Rust API.
//!
//! The comparison reads the IR, after `$ref`s, `allOf` and names are
//! resolved, so a definition moved to another file, or reached through a
//! renamed `$ref` target with the same shape, is not a change. Operations are
//! matched by `operationId` (and, when an id disappears, by method and URL
//! template, which is a rename), models by their definition name.
//!
//! Each [`Change`] carries the rule of Azure's breaking-change detector
//! (`@azure/oad`) it matches, where one does, and two verdicts: [`Wire`]
//! (does it break existing callers of the service, after Azure's
//! breaking-change policy) and [`SemverBump`] (what a crate that regenerates
//! its bindings must bump, after cargo's semver rules), each with the reason.

mod compare;
mod report;
mod rules;

use serde::Serialize;

use crate::ir::Service;

pub use report::FailOn;
pub use rules::Rule;

/// Whether a change breaks existing callers of the service.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Wire {
    /// Existing requests or response handling stop working.
    Breaking,
    /// Existing callers keep working.
    Compatible,
}

/// The semver bump a crate that regenerates its bindings needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SemverBump {
    /// Code that compiled may not compile any more.
    Major,
    /// New public items; existing code compiles.
    Minor,
    /// Behaviour or documentation only.
    Patch,
}

/// What part of the API a change is about, for grouping.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", content = "name", rename_all = "lowercase")]
pub enum Subject {
    /// The service as a whole (its api-version, host, security).
    Service,
    /// An operation, by `operationId`.
    Operation(String),
    /// A model, by definition name.
    Model(String),
}

/// One difference between the two versions.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    /// The rule it matches.
    pub rule: Rule,
    /// The operation or model it is about.
    pub subject: Subject,
    /// Where in the subject (`parameter resourceGroupName`, `property
    /// properties.status`), empty for the subject itself.
    pub at: String,
    /// What changed, for people.
    pub message: String,
    /// Whether it breaks existing callers on the wire.
    pub wire: Wire,
    /// The bump the generated crate needs.
    pub rust: SemverBump,
    /// Why, in one line, for the Rust verdict.
    pub why: String,
    /// The generated public items it touches (`namespaces::get_request`,
    /// `models::AccessKeys::key_name`).
    pub items: Vec<String>,
}

/// The result of comparing two versions of a service.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// The report format's version: `armgen-diff/1`.
    pub schema: &'static str,
    /// The older api-version.
    pub old_version: String,
    /// The newer api-version.
    pub new_version: String,
    /// Every change, grouped by subject, in a deterministic order.
    pub changes: Vec<Change>,
}

impl Report {
    /// The bump the whole change needs: the largest of its changes'
    /// (`Patch` when nothing changed).
    pub fn rust_bump(&self) -> SemverBump {
        self.changes
            .iter()
            .map(|c| c.rust)
            .min()
            .unwrap_or(SemverBump::Patch)
    }

    /// Whether any change breaks existing callers on the wire.
    pub fn breaks_wire(&self) -> bool {
        self.changes.iter().any(|c| c.wire == Wire::Breaking)
    }
}

/// Compares `old` with `new`.
pub fn diff(old: &Service, new: &Service) -> Report {
    let mut changes = compare::Comparison::new(old, new).run();
    changes.sort_by(|a, b| {
        (&a.subject, &a.at, a.rule.id(), &a.message).cmp(&(
            &b.subject,
            &b.at,
            b.rule.id(),
            &b.message,
        ))
    });
    changes.dedup();
    Report {
        schema: "armgen-diff/1",
        old_version: old.api_version.clone(),
        new_version: new.api_version.clone(),
        changes,
    }
}
