//! Shared pieces of emission: identifiers, type tokens and regex statics.
//!
//! Generated code names what it uses by absolute path
//! (`::armgen_runtime::Validator`, `::std::collections::BTreeMap`), so that a
//! model, client or module a spec names `Validator` or `BTreeMap` meets
//! nothing. The prelude's `Option`, `String`, `Vec`, `Box` and `Result`
//! are written plainly: no generated type takes those names (resolve renames
//! a model or parameter group called so to a name no other has, `Option2`),
//! and written in full
//! they were a fifth of the tokens generation parses and formats. So are the
//! derives (`Clone`, `Debug`, `Default`, `PartialEq`…), which live in the
//! macro namespace, where generated code defines nothing, and `Some`, `None`,
//! `Ok` and `Err`, in the value namespace, where every generated item is a
//! function or constant with a snake_case or SCREAMING_CASE name.

use std::collections::{BTreeMap, HashSet};

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use crate::ir::{Format, ModelId, Operation, TypeRef};
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
    pub read_only: &'a HashSet<ModelId>,
    /// How descriptions become doc comments.
    pub docs: &'a super::docs::Docs,
}

/// The names of the models a request strips of read-only members
/// ([`Model::strip_read_only`](crate::ir::Model::strip_read_only)).
pub fn read_only_models(models: &[crate::ir::Model]) -> HashSet<ModelId> {
    models
        .iter()
        .filter(|m| m.strip_read_only)
        .map(|m| m.name.clone())
        .collect()
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

/// `Option<ty>`.
pub fn option(ty: TokenStream) -> TokenStream {
    quote!(Option<#ty>)
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
        TypeRef::String => quote!(String),
        TypeRef::Secret => quote!(#rt::Secret),
        TypeRef::Bool => quote!(bool),
        TypeRef::I32 => quote!(i32),
        TypeRef::I64 => quote!(i64),
        TypeRef::F32 => quote!(f32),
        TypeRef::F64 => quote!(f64),
        TypeRef::Any => quote!(#rt::__private::serde_json::Value),
        TypeRef::Binary => quote!(Vec<u8>),
        TypeRef::Array(inner) => {
            let inner = type_tokens(inner, scope, rt);
            quote!(Vec<#inner>)
        }
        TypeRef::Map(inner) => {
            let inner = type_tokens(inner, scope, rt);
            quote!(::std::collections::BTreeMap<String, #inner>)
        }
        TypeRef::Model(name) => {
            let name = ident(name);
            match scope {
                Scope::Models => quote!(#name),
                Scope::Sibling => quote!(super::models::#name),
            }
        }
        TypeRef::Nullable(inner) => {
            let inner = type_tokens(inner, scope, rt);
            quote!(Option<#inner>)
        }
        TypeRef::Format(Format::Char) => quote!(char),
        TypeRef::Format(Format::UnixTime) => quote!(#rt::UnixTime),
        TypeRef::Format(format) => {
            let name = format_ident!("{}", format.runtime_name().unwrap_or("Date"));
            quote!(#rt::#name)
        }
    }
}

/// `#rt::StringFormat::<variant>`: the runtime's check of a format.
pub fn string_format(format: Format, rt: &syn::Path) -> TokenStream {
    let name = format_ident!("{}", format.runtime_name().unwrap_or("Char"));
    quote!(#rt::StringFormat::#name)
}

/// Every distinct `pattern` of a service, each compiled once in a static.
#[derive(Default)]
pub struct Patterns {
    index: BTreeMap<String, usize>,
}

impl Patterns {
    /// Numbers a module's patterns ([`Service::patterns`](crate::ir::Service::patterns),
    /// or a provider's `shared_patterns`) in their order.
    pub fn new(patterns: &[String]) -> Self {
        Self {
            index: patterns
                .iter()
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
                pub(super) static #name: #rt::LazyPattern = #rt::LazyPattern::new(#pattern);
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
