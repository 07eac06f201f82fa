//! Constraint checks for one value, shared by model validators and request
//! functions.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::types::{Context, string_format};
use crate::ir::{Constraints, TypeRef};

/// How the checked value is held.
#[derive(Clone, Copy)]
pub enum Held {
    /// `&T` of the owned type (`&String`, `&i32`, `&Vec<T>`, `&Model`).
    Ref,
    /// A `&str` argument, or a number / bool argument by value.
    Arg,
}

/// The checks for `value` (an expression) at `target` (a `&str` expression);
/// `nested` adds the nested-model validation. They are recorded in the
/// `&mut Validator` called `__validator`, a name no spec name becomes.
pub fn checks(
    value: &TokenStream,
    held: Held,
    ty: &TypeRef,
    c: &Constraints,
    target: &TokenStream,
    nested: bool,
    ctx: &Context,
) -> TokenStream {
    let mut out = Vec::new();
    if ty.is_string_like() {
        let text = match (ty, held) {
            (TypeRef::Secret, _) => quote!(#value.secret()),
            (_, Held::Ref) => quote!(#value.as_str()),
            (_, Held::Arg) => quote!(#value),
        };
        if let Some(n) = c.min_length.map(Literal::u64_unsuffixed) {
            out.push(quote!(__validator.min_length(#target, #text, #n);));
        }
        if let Some(n) = c.max_length.map(Literal::u64_unsuffixed) {
            out.push(quote!(__validator.max_length(#target, #text, #n);));
        }
        if let Some(pattern) = &c.pattern {
            let stat = ctx.patterns.path(pattern);
            out.push(quote!(__validator.pattern(#target, #text, &#stat);));
        }
        if !c.allowed.is_empty() {
            let allowed = &c.allowed;
            out.push(quote!(__validator.one_of(#target, #text, &[#(#allowed),*]);));
        }
        if let Some(format) = c.format {
            let format = string_format(format, ctx.runtime);
            out.push(quote!(__validator.format(#target, #text, #format);));
        }
    }
    if ty.is_number() {
        let number = match (ty, held) {
            (TypeRef::F64, Held::Ref) => quote!(*#value),
            (TypeRef::F64, Held::Arg) => quote!(#value),
            (_, Held::Ref) => quote!(*#value as f64),
            (_, Held::Arg) => quote!(#value as f64),
        };
        if let Some(min) = c.minimum {
            let (bound, exclusive) = (Literal::f64_unsuffixed(min.value), min.exclusive);
            out.push(quote!(__validator.minimum(#target, #number, #bound, #exclusive);));
        }
        if let Some(max) = c.maximum {
            let (bound, exclusive) = (Literal::f64_unsuffixed(max.value), max.exclusive);
            out.push(quote!(__validator.maximum(#target, #number, #bound, #exclusive);));
        }
        if let Some(factor) = c.multiple_of.map(Literal::f64_unsuffixed) {
            out.push(quote!(__validator.multiple_of(#target, #number, #factor);));
        }
    }
    if let TypeRef::Map(_) = ty {
        if let Some(n) = c.min_properties.map(Literal::u64_unsuffixed) {
            out.push(quote!(__validator.min_properties(#target, #value.len(), #n);));
        }
        if let Some(n) = c.max_properties.map(Literal::u64_unsuffixed) {
            out.push(quote!(__validator.max_properties(#target, #value.len(), #n);));
        }
    }
    if let TypeRef::Array(_) = ty {
        if let Some(n) = c.min_items.map(Literal::u64_unsuffixed) {
            out.push(quote!(__validator.min_items(#target, #value.len(), #n);));
        }
        if let Some(n) = c.max_items.map(Literal::u64_unsuffixed) {
            out.push(quote!(__validator.max_items(#target, #value.len(), #n);));
        }
        if c.unique_items {
            out.push(quote!(__validator.unique_items(#target, #value);));
        }
        // A list parameter of a format: each item, passed as text.
        if let Some(format) = c.format {
            let format = string_format(format, ctx.runtime);
            out.push(quote! {
                for __item in #value.iter() {
                    __validator.format(#target, __item.as_str(), #format);
                }
            });
        }
    }
    if nested {
        out.push(quote!(__validator.nested(#target, #value);));
    }
    quote!(#(#out)*)
}
