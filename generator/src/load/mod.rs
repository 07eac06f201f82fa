//! Loading spec files (YAML or JSON) and following `$ref`s between them.
//!
//! Documents are parsed by serde_yaml into JSON values (JSON is a subset of
//! the YAML it reads), and a separate event pass records where every node
//! starts, so later stages can point at any node by file, line:column and JSON
//! pointer.

mod document;
mod positions;
mod set;

pub use document::{DEFAULT_MAX_ALIAS_EXPANSION, Document};
pub use set::{DocId, DocumentSet, Node, RefAlias, normalize};
