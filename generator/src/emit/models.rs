//! The `models` module: a struct or enum per model, with its validator.

use std::collections::HashSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::checks::{Held, checks};
use super::docs;
use super::types::{Context, Scope, ident, type_tokens};
use crate::ir::{EnumModel, Field, Model, ModelKind, Service, StructModel, TypeRef};
use crate::naming::unraw;

/// The whole `models` module of a service.
pub fn module(service: &Service, ctx: &Context) -> TokenStream {
    let constrained: HashSet<&str> = service
        .models
        .iter()
        .filter(|m| matches!(&m.kind, ModelKind::Struct(s) if s.has_constraints))
        .map(|m| m.name.as_str())
        .collect();
    let items = service.models.iter().map(|m| match &m.kind {
        ModelKind::Struct(s) => struct_model(m, s, &constrained, ctx),
        ModelKind::Enum(e) => enum_model(m, e, ctx),
    });
    let rt = ctx.runtime;
    quote! {
        /// The request and response bodies of this API.
        pub mod models {
            #[allow(unused_imports)]
            use #rt::{Validate, Validator};
            #[allow(unused_imports)]
            use serde::{Deserialize, Serialize};
            #(#items)*
        }
    }
}

fn struct_model(
    model: &Model,
    s: &StructModel,
    constrained: &HashSet<&str>,
    ctx: &Context,
) -> TokenStream {
    let name = ident(&model.name);
    let docs = docs::attrs(&model.docs);
    // `Default` only when it builds a valid value: every field optional.
    let default = s
        .fields
        .iter()
        .all(|f| !f.required)
        .then(|| quote!(Default,));
    let fields = s.fields.iter().map(|f| field(f, ctx));
    let validate = validator(model, s, constrained, ctx);
    quote! {
        #docs
        #[derive(Clone, Debug, #default PartialEq, Serialize, Deserialize)]
        pub struct #name {
            #(#fields)*
        }
        #validate
    }
}

fn field(f: &Field, ctx: &Context) -> TokenStream {
    let name = ident(&f.name);
    let mut docs_text = f.docs.clone();
    if f.read_only {
        let note = "Set by the service.";
        docs_text = Some(docs_text.map_or(note.to_owned(), |d| format!("{d}\n\n{note}")));
    }
    let docs = docs::attrs(&docs_text);
    let mut ty = type_tokens(&f.ty, Scope::Models, ctx.runtime);
    if f.boxed {
        ty = quote!(Box<#ty>);
    }
    let wire = &f.wire_name;
    let rename = (unraw(&f.name) != f.wire_name).then(|| quote!(rename = #wire));
    match (f.required, rename) {
        (true, None) => quote! { #docs pub #name: #ty, },
        (true, Some(rename)) => quote! { #docs #[serde(#rename)] pub #name: #ty, },
        (false, rename) => {
            let rename = rename.map(|r| quote!(#r,));
            quote! {
                #docs
                #[serde(#rename default, skip_serializing_if = "Option::is_none")]
                pub #name: Option<#ty>,
            }
        }
    }
}

fn validator(
    model: &Model,
    s: &StructModel,
    constrained: &HashSet<&str>,
    ctx: &Context,
) -> TokenStream {
    let name = ident(&model.name);
    let checks: Vec<TokenStream> = s
        .fields
        .iter()
        .filter_map(|f| {
            let nested = refers_to(&f.ty, constrained);
            if f.constraints.is_empty() && !nested {
                return None;
            }
            let field = ident(&f.name);
            let wire = &f.wire_name;
            let target = quote!(&at);
            let body = checks(
                &quote!(value),
                Held::Ref,
                &f.ty,
                &f.constraints,
                &target,
                nested,
                ctx,
            );
            let at = quote!(let at = format!("{}.{}", path, #wire););
            Some(if f.required {
                quote! { { let value = &self.#field; #at #body } }
            } else {
                quote! { if let Some(value) = &self.#field { #at #body } }
            })
        })
        .collect();
    if checks.is_empty() {
        return quote! {
            impl Validate for #name {
                fn validate_at(&self, _path: &str, _validator: &mut Validator) {}
            }
        };
    }
    quote! {
        impl Validate for #name {
            fn validate_at(&self, path: &str, validator: &mut Validator) {
                #(#checks)*
            }
        }
    }
}

fn refers_to(ty: &TypeRef, names: &HashSet<&str>) -> bool {
    match ty {
        TypeRef::Model(name) => names.contains(name.as_str()),
        TypeRef::Array(inner) | TypeRef::Map(inner) => refers_to(inner, names),
        _ => false,
    }
}

fn enum_model(model: &Model, e: &EnumModel, ctx: &Context) -> TokenStream {
    let name = ident(&model.name);
    let docs = docs::attrs(&model.docs);
    let rt = ctx.runtime;
    let variants = e.values.iter().map(|v| {
        let variant = ident(&v.name);
        let wire = &v.wire_value;
        let docs = docs::attrs(&v.docs);
        quote! { #docs #variant = #wire, }
    });
    let kind = if e.extensible {
        quote!(extensible)
    } else {
        quote!(closed)
    };
    quote! {
        #rt::string_enum! {
            #docs
            #kind enum #name {
                #(#variants)*
            }
        }
    }
}
