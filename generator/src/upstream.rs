//! Where the real upstream specifications are and how armgen generates them:
//! one place for the conformance crate's build script, its tests and the
//! benchmark.

use std::path::{Path, PathBuf};

use crate::{Config, Output};

/// The variable naming the folder that holds `specification/` (a checkout of
/// Azure/azure-rest-api-specs, or the curated copy beside this repository).
pub const SPECS_ENV: &str = "ARMGEN_UPSTREAM_SPECS";

/// Set to `1` to make missing upstream specs an error instead of a skip
/// (CI sets it).
pub const REQUIRE_ENV: &str = "ARMGEN_REQUIRE_UPSTREAM";

/// The upstream files generated, with their module names.
pub const SPECS: &[(&str, &str)] = &[
    (
        "specification/relay/resource-manager/Microsoft.Relay/stable/2024-01-01/relay.json",
        "relay_2024_01_01",
    ),
    (
        "specification/eventgrid/resource-manager/Microsoft.EventGrid/stable/2025-02-15/EventGrid.json",
        "eventgrid_2025_02_15",
    ),
];

/// EventGrid 2025-02-15 refers to common-types v5 `systemData`, which v5
/// spells `SystemData`.
pub const REF_ALIASES: &[&str] = &[
    "common-types/resource-management/v5/types.json#/definitions/systemData=#/definitions/SystemData",
];

/// The specs folder: `$ARMGEN_UPSTREAM_SPECS`, else `shared/upstream-specs`
/// beside the workspace at `workspace`.
pub fn specs_dir(workspace: &Path) -> PathBuf {
    match std::env::var_os(SPECS_ENV) {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => workspace.join("../shared/upstream-specs"),
    }
}

/// Whether missing specs are an error.
pub fn required() -> bool {
    std::env::var(REQUIRE_ENV).is_ok_and(|v| v == "1")
}

/// The configuration that generates [`SPECS`] from `dir`.
pub fn config(dir: &Path) -> Config {
    let mut config = Config::new(dir).runtime_path("arm_bindings::runtime");
    for (file, module) in SPECS {
        config = config.spec(*file, *module);
    }
    for alias in REF_ALIASES {
        // The aliases above are well formed; a malformed one would be a bug
        // caught by this module's test.
        if let Some(with_alias) = config.clone().ref_alias(alias) {
            config = with_alias;
        }
    }
    config
}

/// Output with no service, for builds without the specs.
pub fn empty() -> Output {
    let mut files = std::collections::BTreeMap::new();
    files.insert(
        "mod.rs".to_owned(),
        "/// No upstream specs were found at build time.\npub const SERVICES: &[arm_bindings::runtime::ServiceInfo] = &[];\n".to_owned(),
    );
    Output {
        files,
        inputs: Vec::new(),
        api: crate::ir::Api {
            services: Vec::new(),
        },
        timings: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_are_well_formed() {
        for alias in REF_ALIASES {
            assert!(crate::load::RefAlias::parse(alias).is_some(), "{alias}");
        }
    }
}
