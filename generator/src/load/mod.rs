//! Loading spec files (YAML or JSON), every file a root spec `$ref`s up
//! front, and following `$ref`s between them.
//!
//! Each file is parsed once into a JSON value: a `.json` file by serde_json,
//! whose positions are found only when a diagnostic asks for one
//! (the `json` module); YAML by one event pass that also records where every node
//! starts (the `yaml` module). Later stages point at any node by file, line:column
//! and JSON pointer.

mod document;
mod json;
pub(crate) mod pointer;
mod positions;
mod set;
mod yaml;

pub use document::{DEFAULT_MAX_ALIAS_EXPANSION, Document};
pub use set::{DocId, DocumentSet, Node, RefAlias, Trail, normalize};
