//! Several api-versions of one provider side by side: naming each version's
//! module, choosing the default one, and finding the models that are the
//! same in every version so that they are emitted once.
//!
//! Copying every model into every version is what made the old
//! `azure_mgmt_*` crates too big to build; most definitions do not change
//! between api-versions.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Model, ModelKind, Provider, Service, TypeRef};

/// The module of one api-version: `2024-01-01` → `v2024_01_01`,
/// `2024-06-01-preview` → `v2024_06_01_preview`.
pub fn version_module(api_version: &str) -> String {
    let mut module = String::from("v");
    for c in api_version.chars() {
        if c.is_ascii_alphanumeric() {
            module.push(c.to_ascii_lowercase());
        } else if !module.ends_with('_') {
            module.push('_');
        }
    }
    module.trim_end_matches('_').to_owned()
}

/// Whether an api-version is a preview (`…-preview`, `…-beta`, `…-alpha`):
/// never the default.
pub fn is_preview(api_version: &str) -> bool {
    let lower = api_version.to_ascii_lowercase();
    ["preview", "beta", "alpha", "privatepreview"]
        .iter()
        .any(|tag| lower.contains(tag))
}

/// Builds a provider from its versions (each resolved on its own, module set
/// to its version module): sorts them oldest first, picks the newest stable
/// one as the default, and moves the models identical in every version to
/// `shared`, marking the versions' copies.
pub fn provider(module: String, mut versions: Vec<Service>) -> Provider {
    versions.sort_by(|a, b| a.api_version.cmp(&b.api_version));
    let default = versions.iter().rposition(|v| !is_preview(&v.api_version));
    let shared_names = shared_models(&versions);
    let shared = versions
        .first()
        .map(|first| {
            first
                .models
                .iter()
                .filter(|m| shared_names.contains(m.name.as_str()))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    for version in &mut versions {
        for model in &mut version.models {
            model.shared = shared_names.contains(model.name.as_str());
        }
    }
    Provider {
        module,
        versions,
        shared,
        default,
    }
}

/// The Rust names of the models that every version defines identically
/// (docs and source positions aside), and whose referenced models are all
/// shared too: a shared model's fields must name the shared types.
fn shared_models(versions: &[Service]) -> BTreeSet<String> {
    if versions.len() < 2 {
        return BTreeSet::new();
    }
    let by_name: Vec<BTreeMap<&str, &Model>> = versions
        .iter()
        .map(|v| v.models.iter().map(|m| (m.name.as_str(), m)).collect())
        .collect();
    let mut shared: BTreeSet<String> = by_name[0]
        .iter()
        .filter(|(name, model)| {
            by_name[1..]
                .iter()
                .all(|other| other.get(*name).is_some_and(|m| same_definition(model, m)))
        })
        .map(|(name, _)| (*name).to_owned())
        .collect();
    // Drop the models that refer to one that is not shared, until none does.
    loop {
        let before = shared.len();
        let keep: BTreeSet<String> = shared
            .iter()
            .filter(|name| {
                by_name[0]
                    .get(name.as_str())
                    .is_some_and(|m| references(m).iter().all(|r| shared.contains(r)))
            })
            .cloned()
            .collect();
        shared = keep;
        if shared.len() == before {
            return shared;
        }
    }
}

/// The models a model's fields or variants name.
fn references(model: &Model) -> Vec<String> {
    fn collect(ty: &TypeRef, out: &mut Vec<String>) {
        match ty {
            TypeRef::Model(name) => out.push(name.clone()),
            TypeRef::Array(inner) | TypeRef::Map(inner) => collect(inner, out),
            _ => {}
        }
    }
    let mut out = Vec::new();
    match &model.kind {
        ModelKind::Struct(s) => s.fields.iter().for_each(|f| collect(&f.ty, &mut out)),
        ModelKind::Union(u) => out.extend(u.variants.iter().map(|v| v.model.clone())),
        ModelKind::Enum(_) => {}
    }
    out
}

/// Two definitions generate the same type: same names, wire names, types,
/// requiredness, constraints, values and variants. Docs and where they are
/// written do not count.
pub fn same_definition(a: &Model, b: &Model) -> bool {
    fn strip(model: &Model) -> Model {
        let mut model = model.clone();
        model.docs = None;
        model.source = Default::default();
        match &mut model.kind {
            // Neither is emitted: the generated types are the same.
            ModelKind::Struct(s) => s.fields.iter_mut().for_each(|f| {
                f.docs = None;
                f.default = None;
                f.mutability.clear();
            }),
            ModelKind::Enum(e) => e.values.iter_mut().for_each(|v| v.docs = None),
            ModelKind::Union(_) => {}
        }
        model
    }
    a.name == b.name && strip(a) == strip(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_modules_and_previews() {
        assert_eq!(version_module("2024-01-01"), "v2024_01_01");
        assert_eq!(version_module("2024-06-01-preview"), "v2024_06_01_preview");
        assert!(is_preview("2024-06-01-preview"));
        assert!(!is_preview("2025-02-15"));
    }
}
