//! The `models` module: a struct or enum per model, with its validator.

use std::collections::{HashMap, HashSet};

use proc_macro2::TokenStream;
use quote::quote;

use super::checks::{Held, checks};
use super::docs;
use super::types::{Context, Scope, ident, option, type_tokens};
use crate::analyse::refers_to;
use crate::ir::{
    EnumModel, Field, Model, ModelId, ModelKind, Service, StructModel, TypeRef, UnionModel,
};

/// The whole `models` module of a service.
pub fn module(service: &Service, ctx: &Context) -> TokenStream {
    let constrained = crate::analyse::constrained_models(&service.models);
    // Each child of a polymorphic type, with its discriminator and value
    // (the first union that names it).
    let mut tags: HashMap<&str, (&str, &str)> = HashMap::new();
    for m in &service.models {
        if let ModelKind::Union(u) = &m.kind {
            for v in &u.variants {
                tags.entry(v.model.as_str())
                    .or_insert((u.tag.as_str(), v.tag_value.as_str()));
            }
        }
    }
    let items = service.models.iter().map(|m| match &m.kind {
        // The same in every version of the provider: defined once in its
        // `shared` module.
        _ if m.shared => {
            let name = ident(&m.name);
            quote!(pub use super::super::shared::models::#name;)
        }
        ModelKind::Struct(s) => {
            let tag = tags.get(m.name.as_str()).copied();
            let model = struct_model(m, s, tag, &constrained, ctx);
            let strip = strip_read_only(m, s, ctx);
            quote!(#model #strip)
        }
        ModelKind::Enum(e) => enum_model(m, e, ctx),
        ModelKind::Union(u) => {
            let model = union_model(m, u, ctx);
            let strip = union_strip_read_only(m, u, ctx);
            quote!(#model #strip)
        }
    });
    let pages = page_impls(service, ctx);
    quote! {
        /// The request and response bodies of this API.
        pub mod models {
            #(#items)*
            #pages
        }
    }
}

/// `azure_core`'s `Page` for each list model a pageable operation returns,
/// for the async clients' pagers (so only with the runtime's `client`
/// feature). Here rather than in `clients` because `async_trait` writes `Box`
/// unqualified, and `models` is the one module where no spec name can be
/// `Box`. A model shared by every api-version of a provider has its impl in
/// the `shared` module, once.
fn page_impls(service: &Service, ctx: &Context) -> TokenStream {
    let rt = ctx.runtime;
    let shared: HashSet<&str> = service
        .models
        .iter()
        .filter(|m| m.shared)
        .map(|m| m.name.as_str())
        .collect();
    let mut seen = std::collections::BTreeMap::new();
    for fields in service
        .groups
        .iter()
        .flat_map(|g| &g.operations)
        .filter_map(|o| o.pageable.as_ref()?.fields.as_ref())
        .filter(|f| !shared.contains(f.model.as_str()))
    {
        seen.entry(fields.model.clone())
            .or_insert_with(|| super::client::page_impl(fields, Scope::Models, rt));
    }
    if seen.is_empty() {
        return TokenStream::new();
    }
    let impls = seen.into_values();
    quote! {
        #rt::client_only! {
            #(#impls)*
        }
    }
}

/// A struct model; `tag`: the discriminator and value of a child of a
/// polymorphic type.
fn struct_model(
    model: &Model,
    s: &StructModel,
    tag: Option<(&str, &str)>,
    constrained: &HashSet<ModelId>,
    ctx: &Context,
) -> TokenStream {
    let name = ident(&model.name);
    let docs = ctx
        .docs
        .or(&model.docs, || format!("The `{}` object.", model.wire_name));
    // `Default` only when it builds a valid value: every field optional.
    let default = s
        .fields
        .iter()
        .all(|f| !f.required)
        .then(|| quote!(Default,));
    let fields = s.fields.iter().map(|f| field(f, ctx));
    let additional = s.additional.as_ref().map(|a| {
        let name = ident(&a.name);
        let ty = type_tokens(&a.ty, Scope::Models, ctx.runtime);
        quote! {
            /// The members the spec does not declare (`additionalProperties`).
            pub #name: ::std::collections::BTreeMap<String, #ty>,
        }
    });
    let validate = validator(model, s, constrained, ctx);
    let serde = json_struct(model, s, tag, ctx);
    quote! {
        #docs
        #[derive(Clone, Debug, #default PartialEq)]
        pub struct #name {
            #(#fields)*
            #additional
        }
        #serde
        #validate
    }
}

/// The model's `Serialize` and `Deserialize`, by the runtime's
/// `json_struct!` (its docs say why not serde's derive): each field's kind
/// and wire name. A child of a polymorphic type writes its discriminator
/// itself, so that a body or a field declared as the child (not its
/// polymorphic parent) says what it is; the union writes the same value.
/// Decoding does not require it.
fn json_struct(
    model: &Model,
    s: &StructModel,
    tag: Option<(&str, &str)>,
    ctx: &Context,
) -> TokenStream {
    let rt = ctx.runtime;
    let name = ident(&model.name);
    let fields = s.fields.iter().map(|f| {
        let kind = match (f.required, &f.ty) {
            (false, _) => quote!(opt),
            (true, TypeRef::Nullable(_)) => quote!(null),
            (true, _) => quote!(req),
        };
        let field = ident(&f.name);
        let wire = &f.wire_name;
        quote!(#kind #field: #wire,)
    });
    let tag = tag.map(|(tag, value)| quote!(tag #tag = #value));
    let additional = s.additional.as_ref().map(|a| {
        let map = ident(&a.name);
        quote!(.. #map)
    });
    quote! {
        #rt::json_struct! {
            #name { #(#fields)* } #tag #additional
        }
    }
}

fn field(f: &Field, ctx: &Context) -> TokenStream {
    let name = ident(&f.name);
    let mut docs_text = f.docs.clone();
    if f.read_only {
        let note = "Set by the service.";
        docs_text = Some(docs_text.map_or(note.to_owned(), |d| format!("{d}\n\n{note}")));
    }
    let docs = ctx.docs.or(&docs_text, || format!("`{}`", f.wire_name));
    let mut ty = type_tokens(&f.ty, Scope::Models, ctx.runtime);
    if f.boxed {
        ty = quote!(Box<#ty>);
    }
    if !f.required {
        ty = option(ty);
    }
    quote! { #docs pub #name: #ty, }
}

fn validator(
    model: &Model,
    s: &StructModel,
    constrained: &HashSet<ModelId>,
    ctx: &Context,
) -> TokenStream {
    let name = ident(&model.name);
    // The undeclared members' values, at `path.key`, when they are models
    // with constraints.
    let additional = s
        .additional
        .as_ref()
        .filter(|a| refers_to(&a.ty, constrained))
        .map(|a| {
            let map = ident(&a.name);
            quote!(__validator.nested(path, &self.#map);)
        });
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
        .chain(additional)
        .collect();
    let rt = ctx.runtime;
    if checks.is_empty() {
        // The trait's default checks nothing.
        return quote!(impl #rt::Validate for #name {});
    }
    quote! {
        impl #rt::Validate for #name {
            fn validate_at(&self, path: &str, __validator: &mut #rt::Validator) {
                #(#checks)*
            }
        }
    }
}

/// `StripReadOnly` for a struct that needs it: removes its read-only members
/// and recurses into nested models that have some.
fn strip_read_only(model: &Model, s: &StructModel, ctx: &Context) -> TokenStream {
    if !ctx.read_only.contains(&model.name) {
        return TokenStream::new();
    }
    let rt = ctx.runtime;
    let name = ident(&model.name);
    let removed = s
        .fields
        .iter()
        .filter(|f| f.read_only)
        .map(|f| f.wire_name.as_str());
    let nested: Vec<TokenStream> = s
        .fields
        .iter()
        .filter(|f| !f.read_only && refers_to(&f.ty, ctx.read_only))
        .map(|f| {
            let field = ident(&f.name);
            let wire = &f.wire_name;
            quote!(#rt::strip_member(members, #wire, &self.#field);)
        })
        .collect();
    let members = if nested.is_empty() {
        quote!(_members)
    } else {
        quote!(members)
    };
    quote! {
        impl #rt::StripReadOnly for #name {
            fn strip_read_only(&self, json: &mut #rt::__private::serde_json::Value) {
                #rt::strip_members(json, &[#(#removed),*], |#members| { #(#nested)* });
            }
        }
    }
}

fn union_strip_read_only(model: &Model, u: &UnionModel, ctx: &Context) -> TokenStream {
    if !ctx.read_only.contains(&model.name) {
        return TokenStream::new();
    }
    let rt = ctx.runtime;
    let name = ident(&model.name);
    let arms = u
        .variants
        .iter()
        .filter(|v| ctx.read_only.contains(&v.model))
        .map(|v| {
            let variant = ident(&v.name);
            quote!(#name::#variant(inner) => #rt::StripReadOnly::strip_read_only(inner, json),)
        });
    quote! {
        impl #rt::StripReadOnly for #name {
            // Often only one variant of many has read-only members.
            #[allow(clippy::single_match, unreachable_patterns)]
            fn strip_read_only(&self, json: &mut #rt::__private::serde_json::Value) {
                match self {
                    #(#arms)*
                    _ => {}
                }
            }
        }
    }
}

fn union_model(model: &Model, u: &UnionModel, ctx: &Context) -> TokenStream {
    let name = ident(&model.name);
    // Inside `tagged_union! { … }`: attributes.
    let docs = docs::tokens_or(&model.docs, || {
        format!("The `{}` polymorphic type.", model.wire_name)
    });
    let rt = ctx.runtime;
    let tag = &u.tag;
    let variants = u.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let ty = ident(&v.model);
        let value = &v.tag_value;
        quote! { #variant(#ty) = #value, }
    });
    quote! {
        #rt::tagged_union! {
            #docs
            enum #name tag #tag {
                #(#variants)*
            }
        }
    }
}

fn enum_model(model: &Model, e: &EnumModel, ctx: &Context) -> TokenStream {
    let name = ident(&model.name);
    // Inside `string_enum! { … }`: attributes.
    let docs = docs::tokens_or(&model.docs, || format!("The `{}` values.", model.wire_name));
    let rt = ctx.runtime;
    let variants = e.values.iter().map(|v| {
        let variant = ident(&v.name);
        let wire = &v.wire_value;
        let docs = docs::tokens_or(&v.docs, || format!("`{}`", v.wire_value));
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
