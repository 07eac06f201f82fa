//! Shared pieces of emission: identifiers, type tokens and regex statics.
//!
//! Generated code names every type, trait and derive it uses by absolute path
//! (`::core::option::Option`, `::armgen_runtime::Validator`) and has no `use`
//! lines, so that a model, client or module a spec names `Option`,
//! `Validator` or `Serialize` meets nothing. Only `Some`, `None`, `Ok` and
//! `Err` are written plainly: they live in the value namespace, where every
//! generated item is a function or constant with a snake_case or
//! SCREAMING_CASE name, so no spec name can take them.

use std::collections::{BTreeMap, HashSet};

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use crate::ir::{ModelKind, Operation, Service, TypeRef};
use crate::naming;

/// What every emitter needs besides the IR node it emits.
pub struct Context<'a> {
    /// Path of the runtime crate (`::armgen_runtime`).
    pub runtime: &'a syn::Path,
    /// The runtime's serde, as serde's `crate = "…"` attribute wants it.
    pub serde_crate: &'a str,
    /// The service's regex statics.
    pub patterns: &'a Patterns,
    /// Models whose JSON has read-only members somewhere inside.
    pub read_only: &'a HashSet<String>,
}

/// The models sent in request bodies that hold read-only members, directly
/// or in a nested model (a fixed point: nesting can be deep and recursive).
/// Models only ever received need no stripping.
pub fn read_only_models(service: &Service) -> HashSet<String> {
    let sent = sent_models(service);
    let mut set = HashSet::new();
    loop {
        let before = set.len();
        for model in &service.models {
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

/// Every model reachable from a body parameter.
fn sent_models(service: &Service) -> HashSet<String> {
    let by_name: BTreeMap<&str, &crate::ir::Model> = service
        .models
        .iter()
        .map(|m| (m.name.as_str(), m))
        .collect();
    let mut pending: Vec<&TypeRef> = service
        .groups
        .iter()
        .flat_map(|g| &g.operations)
        .flat_map(|o| &o.params)
        .filter(|p| p.location == crate::ir::ParamLocation::Body)
        .map(|p| &p.ty)
        .collect();
    let mut sent = HashSet::new();
    while let Some(ty) = pending.pop() {
        match ty {
            TypeRef::Array(inner) | TypeRef::Map(inner) => pending.push(inner),
            TypeRef::Model(name) if sent.insert(name.clone()) => {
                match by_name.get(name.as_str()).map(|m| &m.kind) {
                    Some(ModelKind::Struct(s)) => pending.extend(s.fields.iter().map(|f| &f.ty)),
                    Some(ModelKind::Union(u)) => {
                        for v in &u.variants {
                            if let Some(ModelKind::Struct(s)) =
                                by_name.get(v.model.as_str()).map(|m| &m.kind)
                            {
                                sent.insert(v.model.clone());
                                pending.extend(s.fields.iter().map(|f| &f.ty));
                            }
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    sent
}

/// Whether a type contains one of the named models.
pub fn refers_to(ty: &TypeRef, names: &HashSet<String>) -> bool {
    match ty {
        TypeRef::Model(name) => names.contains(name),
        TypeRef::Array(inner) | TypeRef::Map(inner) => refers_to(inner, names),
        _ => false,
    }
}

/// An identifier token; names in the IR are valid identifiers, raw ones
/// written `r#type`.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// A path as text, for doc links and attributes (`::armgen_runtime`, not
/// `:: armgen_runtime` as tokens print).
pub fn path_text(path: &impl quote::ToTokens) -> String {
    quote!(#path).to_string().replace(' ', "")
}

/// The runtime's serde as serde's `crate = "…"` attribute wants it.
pub fn serde_crate(runtime: &syn::Path) -> String {
    format!("{}::__private::serde", path_text(runtime))
}

/// `Option<ty>`, by absolute path.
pub fn option(ty: TokenStream) -> TokenStream {
    quote!(::core::option::Option<#ty>)
}

/// The name of an operation's `*_request` function.
pub fn request_fn_name(op: &Operation) -> Ident {
    format_ident!("{}", naming::join(&[&op.name, "_request"]))
}

/// The name of an operation's `*_response` function.
pub fn response_fn_name(op: &Operation) -> Ident {
    format_ident!("{}", naming::join(&[&op.name, "_response"]))
}

/// Where a type is written: in `models` itself or in a sibling module.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Inside `models`.
    Models,
    /// Inside an operation group or `dynamic`.
    Sibling,
}

/// The tokens of a type.
pub fn type_tokens(ty: &TypeRef, scope: Scope, rt: &syn::Path) -> TokenStream {
    match ty {
        TypeRef::String => quote!(::std::string::String),
        TypeRef::Secret => quote!(#rt::Secret),
        TypeRef::Bool => quote!(bool),
        TypeRef::I32 => quote!(i32),
        TypeRef::I64 => quote!(i64),
        TypeRef::F32 => quote!(f32),
        TypeRef::F64 => quote!(f64),
        TypeRef::Any => quote!(#rt::__private::serde_json::Value),
        TypeRef::Array(inner) => {
            let inner = type_tokens(inner, scope, rt);
            quote!(::std::vec::Vec<#inner>)
        }
        TypeRef::Map(inner) => {
            let inner = type_tokens(inner, scope, rt);
            quote!(::std::collections::BTreeMap<::std::string::String, #inner>)
        }
        TypeRef::Model(name) => {
            let name = ident(name);
            match scope {
                Scope::Models => quote!(#name),
                Scope::Sibling => quote!(super::models::#name),
            }
        }
    }
}

/// Every distinct `pattern` of a service, each compiled once in a static.
#[derive(Default)]
pub struct Patterns {
    index: BTreeMap<String, usize>,
}

impl Patterns {
    /// Numbers the service's patterns in a stable order: those of its
    /// models and request functions, or in a provider's `shared` module
    /// (`in_shared`), of its shared request functions.
    pub fn collect(service: &Service, in_shared: bool) -> Self {
        let mut all: Vec<&String> = Vec::new();
        // A shared model's patterns are its provider's `shared` module's.
        for model in service.models.iter().filter(|m| !m.shared) {
            if let ModelKind::Struct(s) = &model.kind {
                all.extend(
                    s.fields
                        .iter()
                        .filter_map(|f| f.constraints.pattern.as_ref()),
                );
            }
        }
        // So are a shared request function's (its copy in `shared` is marked
        // too, and that module collects with `in_shared`).
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
        all.sort();
        all.dedup();
        Self {
            index: all
                .into_iter()
                .enumerate()
                .map(|(i, p)| (p.clone(), i))
                .collect(),
        }
    }

    /// The path of a pattern's static, from a module below the service.
    pub fn path(&self, pattern: &str) -> TokenStream {
        let name = format_ident!("PATTERN_{}", self.index.get(pattern).copied().unwrap_or(0));
        quote!(super::patterns::#name)
    }

    /// The `patterns` module.
    pub fn statics(&self, rt: &syn::Path) -> TokenStream {
        if self.index.is_empty() {
            return TokenStream::new();
        }
        let mut sorted: Vec<(&String, &usize)> = self.index.iter().collect();
        sorted.sort_by_key(|(_, i)| **i);
        let statics = sorted.into_iter().map(|(pattern, i)| {
            let name = format_ident!("PATTERN_{}", i);
            quote! {
                pub(super) static #name: ::std::sync::LazyLock<::core::option::Option<#rt::Pattern>> =
                    ::std::sync::LazyLock::new(|| #rt::compile_pattern(#pattern));
            }
        });
        quote! {
            /// The spec's `pattern`s, compiled once on first use.
            mod patterns {
                #(#statics)*
            }
        }
    }
}
