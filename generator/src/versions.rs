//! Several api-versions of one provider side by side: naming each version's
//! module, choosing the default one, and finding the models that are the
//! same in every version so that they are emitted once.
//!
//! Copying every model into every version is what made the old
//! `azure_mgmt_*` crates too big to build; most definitions do not change
//! between api-versions.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Model, ModelKind, Operation, OperationGroup, Provider, Service, TypeRef};

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
/// one as the default, and moves the models and then the operations identical
/// in every version to `shared`, marking the versions' copies.
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
    let shared_ops = shared_operations(&versions, &shared_names);
    // A group's sub-client can be shared when every version has the same
    // operations in it, all shared.
    let shared_clients: BTreeSet<&str> = versions
        .first()
        .map(|first| {
            first
                .groups
                .iter()
                .filter(|g| {
                    let names = op_names(g);
                    versions.iter().all(|v| {
                        v.groups.iter().any(|other| {
                            other.name == g.name
                                && op_names(other) == names
                                && names
                                    .iter()
                                    .all(|op| shared_ops.contains(&(g.name.as_str(), *op)))
                        })
                    })
                })
                .map(|g| g.name.as_str())
                .collect()
        })
        .unwrap_or_default();
    let shared_clients: BTreeSet<String> = shared_clients.into_iter().map(str::to_owned).collect();
    let shared_ops: BTreeSet<(String, String)> = shared_ops
        .into_iter()
        .map(|(g, o)| (g.to_owned(), o.to_owned()))
        .collect();
    let shared_groups = versions
        .first()
        .map(|first| {
            first
                .groups
                .iter()
                .filter_map(|g| {
                    let operations: Vec<Operation> = g
                        .operations
                        .iter()
                        .filter(|o| shared_ops.contains(&(g.name.clone(), o.name.clone())))
                        .cloned()
                        .collect();
                    (!operations.is_empty()).then(|| OperationGroup {
                        operations,
                        shared: shared_clients.contains(&g.name),
                        ..g.clone()
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    for version in &mut versions {
        for group in &mut version.groups {
            group.shared = shared_clients.contains(&group.name);
            for op in &mut group.operations {
                op.shared = shared_ops.contains(&(group.name.clone(), op.name.clone()));
            }
        }
    }
    Provider {
        module,
        versions,
        shared,
        shared_groups,
        default,
    }
}

fn op_names(group: &OperationGroup) -> BTreeSet<&str> {
    group.operations.iter().map(|o| o.name.as_str()).collect()
}

/// The operations, by group and function name, that every version defines
/// identically (docs aside) and whose types are all shared models: their
/// functions name `super::models`, which in `shared` holds only those. The
/// options types are named after the client, so nothing is shared when the
/// versions' clients are named differently.
fn shared_operations<'a>(
    versions: &'a [Service],
    shared_models: &BTreeSet<String>,
) -> BTreeSet<(&'a str, &'a str)> {
    let (Some(first), true) = (versions.first(), versions.len() >= 2) else {
        return BTreeSet::new();
    };
    if versions.iter().any(|v| v.client_name != first.client_name) {
        return BTreeSet::new();
    }
    let by_name: Vec<BTreeMap<(&str, &str), &Operation>> = versions
        .iter()
        .map(|v| {
            v.groups
                .iter()
                .flat_map(|g| {
                    g.operations
                        .iter()
                        .map(move |o| ((g.name.as_str(), o.name.as_str()), o))
                })
                .collect()
        })
        .collect();
    by_name[0]
        .iter()
        .filter(|(key, op)| {
            operation_types(op)
                .iter()
                .all(|m| shared_models.contains(m))
                && by_name[1..]
                    .iter()
                    .all(|other| other.get(*key).is_some_and(|o| same_operation(op, o)))
        })
        .map(|(key, _)| *key)
        .collect()
}

/// The models an operation's functions and client method name.
fn operation_types(op: &Operation) -> Vec<String> {
    let mut out = Vec::new();
    let types = op
        .params
        .iter()
        .map(|p| &p.ty)
        .chain(op.responses.iter().filter_map(|r| r.ty.as_ref()))
        .chain(op.error.iter())
        .chain(
            op.pageable
                .iter()
                .filter_map(|p| p.fields.as_ref())
                .map(|f| &f.item_type),
        );
    for ty in types {
        collect_models(ty, &mut out);
    }
    out.extend(
        op.pageable
            .iter()
            .filter_map(|p| p.fields.as_ref())
            .map(|f| f.model.clone()),
    );
    out
}

/// Two operations generate the same functions, options type and client
/// method: everything but their prose, examples, where they are written and
/// what the generated code does not read (response headers, parameter
/// defaults, which are documentation).
pub fn same_operation(a: &Operation, b: &Operation) -> bool {
    fn strip(op: &Operation) -> Operation {
        let mut op = op.clone();
        op.summary = None;
        op.description = None;
        op.examples.clear();
        op.source = Default::default();
        op.responses.iter_mut().for_each(|r| r.headers.clear());
        op.params.iter_mut().for_each(|p| {
            p.docs = None;
            p.default = None;
        });
        op
    }
    strip(a) == strip(b)
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

fn collect_models(ty: &TypeRef, out: &mut Vec<String>) {
    match ty {
        TypeRef::Model(name) => out.push(name.clone()),
        TypeRef::Array(inner) | TypeRef::Map(inner) => collect_models(inner, out),
        _ => {}
    }
}

/// The models a model's fields or variants name.
fn references(model: &Model) -> Vec<String> {
    let mut out = Vec::new();
    match &model.kind {
        ModelKind::Struct(s) => s
            .fields
            .iter()
            .for_each(|f| collect_models(&f.ty, &mut out)),
        ModelKind::Union(u) => out.extend(u.variants.iter().map(|v| v.model.clone())),
        ModelKind::Enum(_) => {}
    }
    out
}

/// Two definitions generate the same type: same names, field and value wire
/// names, types, requiredness, constraints, values and variants. Docs and
/// where they are written do not count, nor the definition's own name in the
/// spec, which only the docs show: EventGrid 2025-02-15 reaches common-types'
/// `SystemData` through the alias of `systemData`, the same type under another
/// definition name, and every resource model holds one.
pub fn same_definition(a: &Model, b: &Model) -> bool {
    fn strip(model: &Model) -> Model {
        let mut model = model.clone();
        model.docs = None;
        model.wire_name.clear();
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
