//! Shared pieces of emission: identifiers, type tokens and regex statics.

use std::collections::BTreeMap;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use crate::ir::{ModelKind, Service, TypeRef};

/// What every emitter needs besides the IR node it emits.
pub struct Context<'a> {
    /// Path of the runtime module (`crate::runtime`).
    pub runtime: &'a syn::Path,
    /// The service's regex statics.
    pub patterns: &'a Patterns,
}

/// An identifier token; names in the IR are valid identifiers, raw ones
/// written `r#type`.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
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
        TypeRef::String => quote!(String),
        TypeRef::Secret => quote!(#rt::Secret),
        TypeRef::Bool => quote!(bool),
        TypeRef::I32 => quote!(i32),
        TypeRef::I64 => quote!(i64),
        TypeRef::F32 => quote!(f32),
        TypeRef::F64 => quote!(f64),
        TypeRef::Any => quote!(serde_json::Value),
        TypeRef::Array(inner) => {
            let inner = type_tokens(inner, scope, rt);
            quote!(Vec<#inner>)
        }
        TypeRef::Map(inner) => {
            let inner = type_tokens(inner, scope, rt);
            quote!(std::collections::BTreeMap<String, #inner>)
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
    /// Numbers the service's patterns in a stable order.
    pub fn collect(service: &Service) -> Self {
        let mut all: Vec<&String> = Vec::new();
        for model in &service.models {
            if let ModelKind::Struct(s) = &model.kind {
                all.extend(
                    s.fields
                        .iter()
                        .filter_map(|f| f.constraints.pattern.as_ref()),
                );
            }
        }
        for op in service.groups.iter().flat_map(|g| &g.operations) {
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
                pub(super) static #name: LazyLock<Option<#rt::Regex>> =
                    LazyLock::new(|| #rt::compile_pattern(#pattern));
            }
        });
        quote! {
            /// The spec's `pattern`s, compiled once on first use.
            mod patterns {
                use std::sync::LazyLock;
                #(#statics)*
            }
        }
    }
}
