//! Bindings generated at build time from the real upstream specifications
//! (Azure/azure-rest-api-specs, MIT) found where `ARMGEN_UPSTREAM_SPECS`
//! points (default: `../shared/upstream-specs` beside the repository):
//!
//! - `relay`: Microsoft.Relay `stable/2021-11-01/authorizationRules.json` as
//!   `relay::v2021_11_01` and `stable/2024-01-01/relay.json` as
//!   `relay::v2024_01_01` (re-exported at `relay`), what they share (models,
//!   functions, options, sub-clients) in `relay::shared`;
//! - `eventgrid`: Microsoft.EventGrid `preview/2024-06-01-preview` and
//!   `stable/2025-02-15` `EventGrid.json`, likewise.
//!
//! Each version compiles with the cargo feature named after it
//! (`relay-2021-11-01`, …); the newest stable ones are the default.
//!
//! The list is `upstream/armgen.yaml`, which `bench/run` reads too. The specs
//! are read where they are, never copied into the repository. When they are
//! missing the crate is empty ([`SPECS_FOUND`] is `false`) and the
//! conformance test that uses it fails unless `ARMGEN_SKIP_UPSTREAM=1`;
//! `ARMGEN_REQUIRE_UPSTREAM=1` (as in CI) makes it a build error instead.

#![warn(missing_docs)]

armgen_runtime::include_bindings!();

/// Whether the upstream specs were found when this crate was built.
pub const SPECS_FOUND: bool = !SERVICES.is_empty();

/// Where the specs were read from.
pub const SPECS_DIR: &str = env!("ARMGEN_UPSTREAM_SPECS_DIR");
