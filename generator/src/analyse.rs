//! The analysis stage, between resolve and emit: every fact that depends on
//! more than one node of a service's IR, computed once here and stored in
//! the IR, so that emitters only project it.
//!
//! Per service ([`service`]): which fields are boxed (recursion), which
//! models carry constraints (directly, through nested models or a union's
//! children), which are sent in request bodies or received in responses, and
//! which of those sent must have their read-only members stripped. Per emitted module ([`patterns`], after a provider's
//! versions are marked shared or not): the distinct `pattern`s it compiles.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use crate::ir::{Model, ModelId, ModelKind, ParamLocation, Provider, Service, TypeRef};

/// Computes a service's facts about its models: [`Field::boxed`](crate::ir::Field::boxed),
/// [`StructModel::has_constraints`](crate::ir::StructModel::has_constraints),
/// [`Model::sent`], [`Model::received`] and [`Model::strip_read_only`].
pub fn service(service: &mut Service) {
    service.patterns = patterns(service, false);
    mark_boxed(&mut service.models);
    mark_constrained(&mut service.models);
    let operations = || service.groups.iter().flat_map(|g| &g.operations);
    let bodies = operations()
        .flat_map(|o| &o.params)
        .filter(|p| p.location == ParamLocation::Body)
        .map(|p| &p.ty);
    let sent = reachable(&service.models, bodies);
    let responses = operations().flat_map(|o| {
        o.responses
            .iter()
            .filter_map(|r| r.ty.as_ref())
            .chain(&o.error)
    });
    let received = reachable(&service.models, responses);
    let strip = read_only_models(&service.models, &sent);
    for model in &mut service.models {
        model.sent = sent.contains(&model.name);
        model.received = received.contains(&model.name);
        model.strip_read_only = strip.contains(&model.name);
    }
}

/// The facts of a provider's `shared` module, once its versions are
/// analysed and marked: a shared model is sent, and stripped of read-only
/// members, if any version does so with it (one type serves them all); and
/// every module's [`Service::patterns`].
pub fn provider(provider: &mut Provider) {
    for model in &mut provider.shared {
        let copies = provider
            .versions
            .iter()
            .flat_map(|v| &v.models)
            .filter(|m| m.name == model.name);
        for copy in copies {
            model.sent |= copy.sent;
            model.received |= copy.received;
            model.strip_read_only |= copy.strip_read_only;
        }
    }
    for version in &mut provider.versions {
        version.patterns = patterns(version, false);
    }
    if let Some(first) = provider.versions.first() {
        let shared = Service {
            models: provider.shared.clone(),
            groups: provider.shared_groups.clone(),
            ..first.clone()
        };
        provider.shared_patterns = patterns(&shared, true);
    }
}

/// The distinct `pattern`s a module compiles, in a stable (sorted) order:
/// those of its models and request functions, or in a provider's `shared`
/// module (`in_shared`), of its shared request functions. A shared model's
/// or shared request function's patterns are `shared`'s, not a version's.
pub fn patterns(service: &Service, in_shared: bool) -> Vec<String> {
    let mut all: BTreeSet<&String> = BTreeSet::new();
    // `shared` holds only shared models (unmarked copies of the first
    // version's); a version compiles the patterns of its own ones.
    for model in service.models.iter().filter(|m| in_shared || !m.shared) {
        if let ModelKind::Struct(s) = &model.kind {
            all.extend(
                s.fields
                    .iter()
                    .filter_map(|f| f.constraints.pattern.as_ref()),
            );
        }
    }
    for op in service
        .groups
        .iter()
        .flat_map(|g| &g.operations)
        .filter(|o| o.shared.request == in_shared)
    {
        all.extend(
            op.params
                .iter()
                .filter_map(|p| p.constraints.pattern.as_ref()),
        );
        all.extend(op.api_version.iter().filter_map(|c| c.pattern.as_ref()));
    }
    all.into_iter().cloned().collect()
}

/// The models a model's fields or variants name directly.
fn edges(model: &Model) -> Vec<&str> {
    match &model.kind {
        ModelKind::Struct(s) => s
            .fields
            .iter()
            .filter_map(|f| match &f.ty {
                TypeRef::Model(t) => Some(t.as_str()),
                _ => None,
            })
            .collect(),
        ModelKind::Union(u) => u.variants.iter().map(|v| v.model.as_str()).collect(),
        ModelKind::Enum(_) => Vec::new(),
    }
}

/// Boxes a field whose model reaches back to the field's own model without
/// a `Vec` or map in between: the type would otherwise be infinitely large.
fn mark_boxed(models: &mut [Model]) {
    let direct: BTreeMap<String, Vec<String>> = models
        .iter()
        .map(|m| {
            let targets = edges(m).into_iter().map(str::to_owned).collect();
            (m.name.as_str().to_owned(), targets)
        })
        .collect();
    let reaches = |from: &str, to: &str| {
        let mut stack = vec![from];
        let mut seen = HashSet::new();
        while let Some(current) = stack.pop() {
            if current == to {
                return true;
            }
            if seen.insert(current) {
                stack.extend(
                    direct
                        .get(current)
                        .into_iter()
                        .flatten()
                        .map(String::as_str),
                );
            }
        }
        false
    };
    for model in models {
        let name = model.name.clone();
        if let ModelKind::Struct(s) = &mut model.kind {
            for field in &mut s.fields {
                if let TypeRef::Model(target) = &field.ty {
                    field.boxed = reaches(target.as_str(), name.as_str());
                }
            }
        }
    }
}

/// A struct has constraints if a field has some or names a model that has,
/// a union if one of its children has: iterated to a fixed point, as nesting
/// can be deep and recursive (a union two levels down counts too).
fn mark_constrained(models: &mut [Model]) {
    for model in models.iter_mut() {
        match &mut model.kind {
            ModelKind::Struct(s) => {
                s.has_constraints = s.fields.iter().any(|f| !f.constraints.is_empty());
            }
            ModelKind::Union(u) => u.has_constraints = false,
            ModelKind::Enum(_) => {}
        }
    }
    loop {
        let constrained = constrained_models(models);
        let mut changed = false;
        for model in models.iter_mut() {
            let (flag, now) = match &mut model.kind {
                ModelKind::Struct(s) => {
                    let now = s
                        .fields
                        .iter()
                        .map(|f| &f.ty)
                        .chain(s.additional.iter().map(|a| &a.ty))
                        .any(|ty| refers_to(ty, &constrained));
                    (&mut s.has_constraints, now)
                }
                ModelKind::Union(u) => {
                    let now = u.variants.iter().any(|v| constrained.contains(&v.model));
                    (&mut u.has_constraints, now)
                }
                ModelKind::Enum(_) => continue,
            };
            if now && !*flag {
                *flag = true;
                changed = true;
            }
        }
        if !changed {
            return;
        }
    }
}

/// The models whose values have something to check: structs and unions
/// marked [`has_constraints`](crate::ir::StructModel::has_constraints).
pub fn constrained_models(models: &[Model]) -> HashSet<ModelId> {
    models
        .iter()
        .filter(|m| match &m.kind {
            ModelKind::Struct(s) => s.has_constraints,
            ModelKind::Union(u) => u.has_constraints,
            ModelKind::Enum(_) => false,
        })
        .map(|m| m.name.clone())
        .collect()
}

/// The models sent in request bodies that hold read-only members, directly
/// or in a nested model (a fixed point: nesting can be deep and recursive).
/// Models only ever received need no stripping.
fn read_only_models(models: &[Model], sent: &HashSet<ModelId>) -> HashSet<ModelId> {
    let mut set = HashSet::new();
    loop {
        let before = set.len();
        for model in models {
            let needs = match &model.kind {
                ModelKind::Struct(s) => s
                    .fields
                    .iter()
                    .any(|f| f.read_only || refers_to(&f.ty, &set)),
                ModelKind::Union(u) => u.variants.iter().any(|v| set.contains(&v.model)),
                ModelKind::Enum(_) => false,
            };
            if needs && sent.contains(&model.name) {
                set.insert(model.name.clone());
            }
        }
        if set.len() == before {
            return set;
        }
    }
}

/// Every model reachable from `roots`: through fields, collections and
/// the children of unions.
fn reachable<'a>(
    models: &'a [Model],
    roots: impl Iterator<Item = &'a TypeRef>,
) -> HashSet<ModelId> {
    let by_name: BTreeMap<&str, &Model> = models.iter().map(|m| (m.name.as_str(), m)).collect();
    let mut pending: Vec<&TypeRef> = roots.collect();
    let mut seen = HashSet::new();
    while let Some(ty) = pending.pop() {
        match ty {
            TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                pending.push(inner)
            }
            TypeRef::Model(name) if seen.insert(name.clone()) => {
                match by_name.get(name.as_str()).map(|m| &m.kind) {
                    Some(ModelKind::Struct(s)) => {
                        pending.extend(s.fields.iter().map(|f| &f.ty));
                        pending.extend(s.additional.iter().map(|a| &a.ty));
                    }
                    Some(ModelKind::Union(u)) => {
                        for v in &u.variants {
                            if let Some(ModelKind::Struct(s)) =
                                by_name.get(v.model.as_str()).map(|m| &m.kind)
                            {
                                seen.insert(v.model.clone());
                                pending.extend(s.fields.iter().map(|f| &f.ty));
                                pending.extend(s.additional.iter().map(|a| &a.ty));
                            }
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    seen
}

/// Whether a type contains one of the named models.
pub fn refers_to(ty: &TypeRef, names: &HashSet<ModelId>) -> bool {
    match ty {
        TypeRef::Model(name) => names.contains(name),
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            refers_to(inner, names)
        }
        _ => false,
    }
}
