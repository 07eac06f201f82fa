//! Several api-versions of one provider side by side: naming each version's
//! module, choosing the default one, and finding the models that are the
//! same in every version so that they are emitted once.
//!
//! Copying every model into every version is what made the old
//! `azure_mgmt_*` crates too big to build; most definitions do not change
//! between api-versions.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{
    ClientFields, EnumValue, Model, ModelId, ModelKind, Operation, OperationGroup, Provider,
    Service, SharedParts, TypeRef, UnionVariant,
};

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
    // Options types and sub-clients are named after the client.
    let same_client = versions
        .windows(2)
        .all(|pair| pair[0].client_name == pair[1].client_name);
    let requests = shared_operations(&versions, &shared_names, Part::Request);
    let responses = shared_operations(&versions, &shared_names, Part::Response);
    // A method written in `shared` fetches next pages with the request
    // function of its `operationName` there: that one must be shared too.
    let whole: BTreeSet<(String, String)> =
        shared_operations(&versions, &shared_names, Part::Whole)
            .into_iter()
            .filter(|(group, name)| {
                next_operation(&versions, group, name).is_none_or(|next| requests.contains(&next))
            })
            .collect();
    // A group's sub-client can be shared when every version has the same
    // operations in it, all shared whole.
    let shared_clients = groups_where(&versions, |g, other| {
        let names = op_names(g);
        names
            .iter()
            .all(|op| whole.contains(&(g.name.clone(), (*op).to_owned())))
            && op_names(other) == names
    });
    // A group whose sub-client is each version's gets one generic over the
    // api-version in `shared` when some of its operations are the same whole
    // in every version: their methods are written (and type-checked) once.
    // Its fields must be the same in every version for that.
    let generic_clients = groups_where(&versions, |g, other| {
        same_client
            && !shared_clients.contains(&g.name)
            && ClientFields::of(other) == ClientFields::of(g)
            && g.operations
                .iter()
                .any(|op| whole.contains(&(g.name.clone(), op.name.clone())))
    });
    let mark = |group: &mut OperationGroup| {
        group.shared = shared_clients.contains(&group.name);
        let generic = generic_clients.contains(&group.name);
        group.generic_client = generic.then(|| ClientFields::of(group));
        for op in &mut group.operations {
            let key = (group.name.clone(), op.name.clone());
            op.shared = SharedParts {
                request: requests.contains(&key),
                response: responses.contains(&key),
                options: same_client && requests.contains(&key),
                method: generic && whole.contains(&key),
            };
        }
    };
    for version in &mut versions {
        version.groups.iter_mut().for_each(mark);
    }
    // The shared module's copies carry the same marks: it emits what is
    // marked, a version what is not.
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
                        .filter(|o| o.shared.request || o.shared.response)
                        .cloned()
                        .collect();
                    (!operations.is_empty()).then(|| OperationGroup {
                        operations,
                        // Operations that take a group are never shared.
                        param_groups: Vec::new(),
                        ..g.clone()
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    Provider {
        module,
        versions,
        shared,
        shared_patterns: Vec::new(),
        shared_groups,
        default,
    }
}

/// The group and name of the operation that fetches the next pages of
/// `group`'s `name` (`x-ms-pageable.operationName`), in the first version.
fn next_operation(versions: &[Service], group: &str, name: &str) -> Option<(String, String)> {
    let op = versions
        .first()?
        .groups
        .iter()
        .filter(|g| g.name == group)
        .flat_map(|g| &g.operations)
        .find(|o| o.name == name)?;
    let next = op.pageable.as_ref()?.next_operation.as_ref()?;
    Some((next.group.clone(), next.name.clone()))
}

/// The groups of the first version for which every version has a group of
/// the same name that `agrees` with it (the first version's included).
fn groups_where(
    versions: &[Service],
    agrees: impl Fn(&OperationGroup, &OperationGroup) -> bool,
) -> BTreeSet<String> {
    let Some(first) = versions.first() else {
        return BTreeSet::new();
    };
    first
        .groups
        .iter()
        .filter(|g| {
            versions.iter().all(|v| {
                v.groups
                    .iter()
                    .any(|other| other.name == g.name && agrees(g, other))
            })
        })
        .map(|g| g.name.clone())
        .collect()
}

fn op_names(group: &OperationGroup) -> BTreeSet<&str> {
    group.operations.iter().map(|o| o.name.as_str()).collect()
}

/// What of an operation is compared: a request function and the options
/// type of its method depend on the parameters, a response function on the
/// responses, the method of a sub-client on everything.
#[derive(Clone, Copy)]
enum Part {
    Whole,
    Request,
    Response,
}

/// The operations, by group and function name, whose `part` every version
/// defines identically (docs aside) and names only shared models: the shared
/// module's `super::models` holds only those.
fn shared_operations(
    versions: &[Service],
    shared_models: &BTreeSet<ModelId>,
    part: Part,
) -> BTreeSet<(String, String)> {
    if versions.len() < 2 {
        return BTreeSet::new();
    }
    let by_name: Vec<BTreeMap<(&str, &str), Operation>> = versions
        .iter()
        .map(|v| {
            v.groups
                .iter()
                .flat_map(|g| {
                    g.operations
                        .iter()
                        .map(move |o| ((g.name.as_str(), o.name.as_str()), view(o, part)))
                })
                .collect()
        })
        .collect();
    by_name[0]
        .iter()
        .filter(|(key, op)| {
            // A method that takes a parameter group names the struct its
            // version's module defines: the version keeps the operation.
            op.param_groups.is_empty()
                && operation_types(op)
                    .iter()
                    .all(|m| shared_models.contains(m))
                && by_name[1..]
                    .iter()
                    .all(|other| other.get(*key) == Some(*op))
        })
        .map(|((g, o), _)| ((*g).to_owned(), (*o).to_owned()))
        .collect()
}

/// The part of an operation that generates `part`, without what is not
/// generated from it: prose, examples, where it is written, the raw list of
/// response headers (the typed ones count) and parameter defaults
/// (documentation).
fn view(op: &Operation, part: Part) -> Operation {
    let mut op = op.clone();
    op.summary = None;
    op.description = None;
    op.examples.clear();
    op.source = Default::default();
    // Read by `armgen diff`; the generated code follows `accept`.
    op.protocols = Default::default();
    op.responses.iter_mut().for_each(|r| r.headers.clear());
    // The typed headers generate the `*Headers` struct beside the response
    // function; their prose does not count.
    op.response_headers.iter_mut().for_each(|h| h.docs = None);
    op.params.iter_mut().for_each(|p| {
        p.docs = None;
        p.default = None;
    });
    match part {
        Part::Whole => {}
        Part::Request => {
            op.responses.clear();
            op.response_headers.clear();
            op.error = None;
            op.pageable = None;
        }
        Part::Response => {
            op.params.clear();
            op.api_version = None;
            op.path.clear();
            op.path_template.clear();
            op.accept = None;
            op.pageable = None;
            op.long_running = None;
        }
    }
    op
}

/// The models an operation's functions and client method name.
fn operation_types(op: &Operation) -> Vec<ModelId> {
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

/// Makes the open types of a provider's versions the same in every version,
/// before the analysis stage: extensible enums (`merge_extensible_enums`)
/// and polymorphic types (`merge_unions`). Both take any value on the
/// wire, an undocumented one in a catch-all (an enum's `Other`, a union's
/// `Unknown`), so a value or kind that only some versions' specs define
/// changes nothing on the wire of the others when they name it too; and
/// they, and every model and operation naming them, can be emitted once.
/// The versions are sorted oldest first, as [`provider`] keeps them.
pub fn merge_open_types(versions: &mut [Service]) {
    versions.sort_by(|a, b| a.api_version.cmp(&b.api_version));
    merge_extensible_enums(versions);
    merge_unions(versions);
}

/// Gives every version the union of the values of each extensible enum that
/// every version defines as extensible: values in order of first
/// appearance, oldest version first, each with its description from the
/// first version that has it. The enum is then the same type in every
/// version, and so, unless they differ otherwise, are the models, functions
/// and methods that name it: EventGrid 2024-06-01-preview adds
/// `SecuredByPerimeter` to `PublicNetworkAccess`, which every resource model
/// names.
///
/// Nothing changes on the wire: an extensible enum takes any value (its
/// catch-all variant holds the ones it does not name), so a version whose
/// spec lacks a value decoded and could send it before; now it has a name.
/// Closed enums stay each version's: one that gains a value accepts what the
/// other rejects. Nor is an enum merged whose versions give one variant name
/// to two wire values (`low` and `Low`).
fn merge_extensible_enums(versions: &mut [Service]) {
    let mut merged: Vec<(ModelId, Vec<EnumValue>)> = Vec::new();
    for model in versions.first().map_or(&[][..], |v| &v.models) {
        if !matches!(model.kind, ModelKind::Enum(_)) {
            continue;
        }
        let members = |kind: &ModelKind| match kind {
            ModelKind::Enum(other) if other.extensible => Some(other.values.clone()),
            _ => None,
        };
        let Some(values) = merge_members(
            versions,
            &model.name,
            members,
            |v| &v.wire_value,
            |v| &v.name,
            |_, _| true,
        ) else {
            continue;
        };
        // A value some versions' specs lack says so in its docs.
        let values = values
            .into_iter()
            .map(|(mut value, lacking)| {
                if !lacking.is_empty() {
                    let note = absent_from(&lacking);
                    value.docs = Some(match value.docs.take() {
                        Some(docs) => format!("{docs}\n\n{note}"),
                        None => note,
                    });
                }
                value
            })
            .collect();
        merged.push((model.name.clone(), values));
    }
    for version in versions.iter_mut() {
        for model in &mut version.models {
            if let (ModelKind::Enum(e), Some((_, values))) = (
                &mut model.kind,
                merged.iter().find(|(name, _)| *name == model.name),
            ) {
                e.values = values.clone();
            }
        }
    }
}

/// The members (an enum's values, a union's kinds) of the open type `name`
/// in every version, merged: each once by its wire `key`, in order of first
/// appearance, oldest version first, with the api-versions whose type lacks
/// it. `None` when a version's type has no such members (`members`), two
/// versions give one key to members that do not `agree`, or two members
/// would have one Rust `name`.
fn merge_members<M: Clone>(
    versions: &[Service],
    name: &ModelId,
    members: impl Fn(&ModelKind) -> Option<Vec<M>>,
    key: impl Fn(&M) -> &str,
    rust_name: impl Fn(&M) -> &str,
    agree: impl Fn(&M, &M) -> bool,
) -> Option<Vec<(M, Vec<String>)>> {
    let each: Vec<Vec<M>> = versions
        .iter()
        .map(|version| kind_of(version, name).and_then(&members))
        .collect::<Option<_>>()?;
    let mut merged: Vec<(M, Vec<String>)> = Vec::new();
    for version_members in each.iter().map(|m| m.iter()) {
        for member in version_members {
            match merged.iter().find(|(known, _)| key(known) == key(member)) {
                Some((known, _)) if !agree(known, member) => return None,
                Some(_) => {}
                None => merged.push((member.clone(), Vec::new())),
            }
        }
    }
    let names: BTreeSet<&str> = merged.iter().map(|(m, _)| rust_name(m)).collect();
    if names.len() != merged.len() {
        return None;
    }
    for (member, lacking) in &mut merged {
        *lacking = versions
            .iter()
            .zip(&each)
            .filter(|(_, members)| !members.iter().any(|m| key(m) == key(member)))
            .map(|(version, _)| version.api_version.clone())
            .collect();
    }
    Some(merged)
}

/// Gives every version the union of the kinds of each polymorphic type that
/// every version defines with the same tag property: kinds in order of
/// first appearance, oldest version first, and in a version whose spec
/// lacks one, its model (and the models that one names and the version
/// lacks) copied from the oldest version that has it, its docs saying so.
/// EventGrid 2024-06-01-preview has a `PartnerDestination` kind of
/// `EventSubscriptionDestination` that 2025-02-15 does not, and every event
/// subscription model and operation of six groups names that type.
///
/// A union keeps what its version does not document in `Unknown` (the
/// whole object, which round-trips), so a version could decode and send the
/// kind before; now it has a type. Not merged: a union whose versions map
/// one tag value to two models, or give one variant name to two kinds.
fn merge_unions(versions: &mut [Service]) {
    let mut merged: Vec<(ModelId, Vec<UnionVariant>)> = Vec::new();
    for model in versions.first().map_or(&[][..], |v| &v.models) {
        let ModelKind::Union(u) = &model.kind else {
            continue;
        };
        let members = |kind: &ModelKind| match kind {
            ModelKind::Union(other) if other.tag == u.tag => Some(other.variants.clone()),
            _ => None,
        };
        let agree = |a: &UnionVariant, b: &UnionVariant| a.model == b.model;
        if let Some(variants) = merge_members(
            versions,
            &model.name,
            members,
            |v| &v.tag_value,
            |v| &v.name,
            agree,
        ) {
            merged.push((
                model.name.clone(),
                variants.into_iter().map(|(v, _)| v).collect(),
            ));
        }
    }
    for (union, variants) in merged {
        for variant in &variants {
            let lacking: Vec<usize> = (0..versions.len())
                .filter(|&i| !versions[i].models.iter().any(|m| m.name == variant.model))
                .collect();
            if lacking.is_empty() {
                continue;
            }
            let note = absent_from(
                &lacking
                    .iter()
                    .map(|&i| versions[i].api_version.clone())
                    .collect::<Vec<_>>(),
            );
            for &i in &lacking {
                copy_missing(versions, i, &variant.model);
            }
            for model in versions
                .iter_mut()
                .flat_map(|v| &mut v.models)
                .filter(|m| m.name == variant.model)
            {
                // Without a description, the emitter's own words for a
                // struct model come first.
                let docs = model
                    .docs
                    .take()
                    .unwrap_or_else(|| format!("The `{}` object.", model.wire_name));
                model.docs = Some(format!("{docs}\n\n{note}"));
            }
        }
        for version in versions.iter_mut() {
            if let Some(model) = version.models.iter_mut().find(|m| m.name == union)
                && let ModelKind::Union(u) = &mut model.kind
            {
                u.variants = variants.clone();
            }
        }
    }
    for version in versions.iter_mut() {
        version.models.sort_by(|a, b| a.name.cmp(&b.name));
    }
}

/// The kind of the model `name` in `version`, if it defines one.
fn kind_of<'a>(version: &'a Service, name: &ModelId) -> Option<&'a ModelKind> {
    version
        .models
        .iter()
        .find(|m| m.name == *name)
        .map(|m| &m.kind)
}

/// What the docs of a value or kind say when some versions' specs lack it.
fn absent_from(api_versions: &[String]) -> String {
    format!(
        "Not in api-version {}: a service of that version may refuse it.",
        api_versions.join(", ")
    )
}

/// Copies the model `name` into `versions[target]` from the oldest version
/// that has it, and then the models it names that the target lacks.
fn copy_missing(versions: &mut [Service], target: usize, name: &ModelId) {
    let mut pending = vec![name.clone()];
    while let Some(name) = pending.pop() {
        if versions[target].models.iter().any(|m| m.name == name) {
            continue;
        }
        let Some(source) = versions
            .iter()
            .find_map(|v| v.models.iter().find(|m| m.name == name))
        else {
            continue;
        };
        let copy = source.clone();
        pending.extend(references(&copy));
        versions[target].models.push(copy);
    }
}

/// The Rust names of the models that every version defines identically
/// (docs and source positions aside), and whose referenced models are all
/// shared too: a shared model's fields must name the shared types.
fn shared_models(versions: &[Service]) -> BTreeSet<ModelId> {
    if versions.len() < 2 {
        return BTreeSet::new();
    }
    let by_name: Vec<BTreeMap<&str, &Model>> = versions
        .iter()
        .map(|v| v.models.iter().map(|m| (m.name.as_str(), m)).collect())
        .collect();
    let mut shared: BTreeSet<ModelId> = by_name[0]
        .iter()
        .filter(|(name, model)| {
            by_name[1..]
                .iter()
                .all(|other| other.get(*name).is_some_and(|m| same_definition(model, m)))
        })
        .map(|(_, model)| model.name.clone())
        .collect();
    // Drop the models that refer to one that is not shared, until none does.
    loop {
        let before = shared.len();
        let keep: BTreeSet<ModelId> = shared
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

fn collect_models(ty: &TypeRef, out: &mut Vec<ModelId>) {
    match ty {
        TypeRef::Model(name) => out.push(name.clone()),
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            collect_models(inner, out)
        }
        _ => {}
    }
}

/// The models a model's fields or variants name.
fn references(model: &Model) -> Vec<ModelId> {
    let mut out = Vec::new();
    match &model.kind {
        ModelKind::Struct(s) => s
            .fields
            .iter()
            .map(|f| &f.ty)
            .chain(s.additional.iter().map(|a| &a.ty))
            .for_each(|ty| collect_models(ty, &mut out)),
        ModelKind::Union(u) => out.extend(u.variants.iter().map(|v| v.model.clone())),
        ModelKind::Enum(_) => {}
    }
    out
}

/// Two definitions generate the same type: same names, field and value wire
/// names, types, requiredness, constraints, values and variants. Docs, the
/// order of the fields and where they are written do not count, nor the definition's own name in the
/// spec, which only the docs show: EventGrid 2025-02-15 reaches common-types'
/// `SystemData` through the alias of `systemData`, the same type under another
/// definition name, and every resource model holds one.
pub fn same_definition(a: &Model, b: &Model) -> bool {
    fn strip(model: &Model) -> Model {
        let mut model = model.clone();
        model.docs = None;
        model.wire_name.clear();
        model.source = Default::default();
        // How a version uses the type, not the type: `shared` serves every
        // version's uses.
        model.sent = false;
        model.received = false;
        model.strip_read_only = false;
        match &mut model.kind {
            // Neither is emitted: the generated types are the same.
            ModelKind::Struct(s) => {
                s.fields.iter_mut().for_each(|f| {
                    f.docs = None;
                    f.default = None;
                    f.mutability.clear();
                });
                // Nor does the order of the fields: Rust names them, JSON
                // objects are unordered (Relay 2024-01-01 moved
                // `AuthorizationRule`'s `location` after `systemData`).
                s.fields.sort_by(|a, b| a.wire_name.cmp(&b.wire_name));
            }
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
