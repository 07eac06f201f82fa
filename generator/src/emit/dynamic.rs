//! The `dynamic` module: every operation callable by `operationId` with JSON
//! parameters, so example files and emulators need no code per operation.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types::{Context, Scope, ident, type_tokens};
use crate::ir::{HttpMethod, ParamLocation, Service, TypeRef};
use crate::naming::unraw;

/// The `dynamic` module of a service.
pub fn module(service: &Service, ctx: &Context) -> TokenStream {
    let rt = ctx.runtime;
    let mut infos = Vec::new();
    let mut build_arms = Vec::new();
    let mut decode_arms = Vec::new();
    for group in &service.groups {
        let module = ident(&group.name);
        for op in &group.operations {
            let id = &op.id;
            let method = format_ident!(
                "{}",
                match op.method {
                    HttpMethod::Get => "Get",
                    HttpMethod::Put => "Put",
                    HttpMethod::Post => "Post",
                    HttpMethod::Patch => "Patch",
                    HttpMethod::Delete => "Delete",
                    HttpMethod::Head => "Head",
                }
            );
            let path = &op.path_template;
            let body = match op.body() {
                Some(p) => {
                    let wire = &p.wire_name;
                    quote!(Some(#wire))
                }
                None => quote!(None),
            };
            let mut statuses: Vec<u16> = op.responses.iter().map(|r| r.status).collect();
            statuses.sort_unstable();
            statuses.dedup();
            let statuses = statuses
                .into_iter()
                .map(proc_macro2::Literal::u16_unsuffixed);
            infos.push(quote!(#rt::OperationInfo {
                id: #id,
                method: #rt::Method::#method,
                path: #path,
                body: #body,
                statuses: &[#(#statuses),*],
            },));

            let request_fn = format_ident!("{}_request", unraw(&op.name));
            let mut reads = Vec::new();
            let mut args = Vec::new();
            if op.api_version.is_some() {
                reads.push(quote! {
                    let api_version: String = params
                        .optional("api-version", "a string")?
                        .unwrap_or_else(|| super::API_VERSION.to_owned());
                });
                args.push(quote!(&api_version));
            }
            for p in &op.params {
                let name = ident(&p.name);
                let wire = &p.wire_name;
                let owned = type_tokens(&p.ty, Scope::Sibling, rt);
                let expected = expected(&p.ty);
                let by_ref = matches!(p.ty, TypeRef::String | TypeRef::Secret | TypeRef::Model(_))
                    || p.location == ParamLocation::Body;
                if p.required {
                    reads.push(quote!(let #name: #owned = params.required(#wire, #expected)?;));
                    args.push(if by_ref {
                        quote!(&#name)
                    } else {
                        quote!(#name)
                    });
                } else {
                    reads.push(
                        quote!(let #name: Option<#owned> = params.optional(#wire, #expected)?;),
                    );
                    args.push(match (&p.ty, by_ref) {
                        (TypeRef::String, _) => quote!(#name.as_deref()),
                        (_, true) => quote!(#name.as_ref()),
                        (_, false) => quote!(#name),
                    });
                }
            }
            build_arms.push(quote! {
                #id => {
                    #(#reads)*
                    Ok(super::#module::#request_fn(endpoint, #(#args),*)?)
                }
            });
            let response_fn = format_ident!("{}_response", unraw(&op.name));
            decode_arms
                .push(quote!(#id => #rt::dynamic_result(super::#module::#response_fn(response)),));
        }
    }
    quote! {
        /// Every operation by `operationId`, with JSON parameters as found in
        /// `x-ms-examples` files.
        pub mod dynamic {
            use #rt::{DynamicError, DynamicParams, HttpRequest, HttpResponse, Url};

            /// Method and path template of every operation.
            pub const OPERATIONS: &[#rt::OperationInfo] = &[#(#infos)*];

            /// Builds the request of `operation_id` from named parameters
            /// (wire names, as in an example file). A missing `api-version`
            /// defaults to [`API_VERSION`](super::API_VERSION).
            pub fn build_request(operation_id: &str, endpoint: &Url, params: &#rt::__private::serde_json::Map<String, #rt::__private::serde_json::Value>) -> Result<HttpRequest, DynamicError> {
                let params = DynamicParams::new(params);
                match operation_id {
                    #(#build_arms)*
                    _ => Err(DynamicError::UnknownOperation(operation_id.to_owned())),
                }
            }

            /// Decodes a response of `operation_id`, validates the success
            /// model and returns it serialized back to JSON.
            pub fn decode_response(operation_id: &str, response: &HttpResponse) -> Result<#rt::__private::serde_json::Value, DynamicError> {
                match operation_id {
                    #(#decode_arms)*
                    _ => Err(DynamicError::UnknownOperation(operation_id.to_owned())),
                }
            }
        }
    }
}

fn expected(ty: &TypeRef) -> &'static str {
    match ty {
        TypeRef::String | TypeRef::Secret => "a string",
        TypeRef::Bool => "a boolean",
        TypeRef::I32 | TypeRef::I64 => "an integer",
        TypeRef::F32 | TypeRef::F64 => "a number",
        TypeRef::Any => "JSON",
        TypeRef::Array(_) => "an array",
        TypeRef::Map(_) => "an object",
        TypeRef::Model(_) => "a value of the documented model",
    }
}
