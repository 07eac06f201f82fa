//! The `dynamic` module: every operation callable by `operationId` with JSON
//! parameters, so example files and emulators need no code per operation.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::client;
use super::types::{Context, Scope, ident, option, request_fn_name, response_fn_name, type_tokens};
use crate::ir::{HttpMethod, Operation, ParamLocation, Service, TypeRef};

/// The `dynamic` module of a service.
pub fn module(service: &Service, ctx: &Context) -> TokenStream {
    let rt = ctx.runtime;
    let mut infos = Vec::new();
    let mut build_arms = Vec::new();
    let mut decode_arms = Vec::new();
    let mut call_arms = Vec::new();
    let mut reads_params = false;
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

            let request_fn = request_fn_name(op);
            let mut reads = Vec::new();
            let mut args = Vec::new();
            if op.api_version.is_some() {
                reads.push(quote! {
                    let api_version: ::std::string::String = __params
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
                    reads.push(quote!(let #name: #owned = __params.required(#wire, #expected)?;));
                    args.push(if by_ref {
                        quote!(&#name)
                    } else {
                        quote!(#name)
                    });
                } else {
                    let owned = option(owned);
                    reads.push(quote!(let #name: #owned = __params.optional(#wire, #expected)?;));
                    args.push(match (&p.ty, by_ref) {
                        (TypeRef::String, _) => quote!(#name.as_deref()),
                        (_, true) => quote!(#name.as_ref()),
                        (_, false) => quote!(#name),
                    });
                }
            }
            reads_params |= !reads.is_empty();
            build_arms.push(quote! {
                #id => {
                    #(#reads)*
                    Ok(super::#module::#request_fn(endpoint, #(#args),*)?)
                }
            });
            let response_fn = response_fn_name(op);
            decode_arms
                .push(quote!(#id => #rt::dynamic_result(super::#module::#response_fn(response)),));
            call_arms.push(call_arm(op, &module, ctx));
        }
    }
    let unknown_call = quote!(#rt::DynamicError::UnknownOperation(operation_id.to_owned()));
    let unknown = quote!(Err(#unknown_call));
    // Without operations there is nothing to match, and without parameters
    // nothing to read: arguments that go unused say so with a `_`, rather
    // than the spec's shape drawing lints on the generated code.
    let has_operations = !decode_arms.is_empty();
    let argument = |name: &str, used: bool| format_ident!("{}{name}", if used { "" } else { "_" });
    let endpoint = argument("endpoint", has_operations);
    let params = argument("params", reads_params);
    let response = argument("response", has_operations);
    let (build_body, decode_body) = if !has_operations {
        (unknown.clone(), unknown)
    } else {
        // `__params` cannot be a parameter's name (see `naming`).
        let read = reads_params.then(|| quote!(let __params = #rt::DynamicParams::new(params);));
        (
            quote! {
                #read
                match operation_id {
                    #(#build_arms)*
                    _ => #unknown,
                }
            },
            quote! {
                match operation_id {
                    #(#decode_arms)*
                    _ => #unknown,
                }
            },
        )
    };
    let json = quote!(#rt::__private::serde_json);
    let az = quote!(#rt::__private::azure_core);
    let call_body = if has_operations {
        quote! {
            let __request = build_request(operation_id, pipeline.endpoint(), params)
                .map_err(#rt::dynamic_request_error)?;
            match operation_id {
                #(#call_arms)*
                _ => Err(#rt::dynamic_request_error(#unknown_call)),
            }
        }
    } else {
        quote!(Err(#rt::dynamic_request_error(#unknown_call)))
    };
    let (call_pipeline, call_params) = if has_operations {
        (format_ident!("pipeline"), format_ident!("params"))
    } else {
        (format_ident!("_pipeline"), format_ident!("_params"))
    };
    quote! {
        /// Every operation by `operationId`, with JSON parameters as found in
        /// `x-ms-examples` files.
        pub mod dynamic {
            /// Method and path template of every operation.
            pub const OPERATIONS: &[#rt::OperationInfo] = &[#(#infos)*];

            /// Builds the request of `operation_id` from named parameters
            /// (wire names, as in an example file). A missing `api-version`
            /// defaults to [`API_VERSION`](super::API_VERSION).
            pub fn build_request(operation_id: &str, #endpoint: &#rt::Url, #params: &#json::Map<::std::string::String, #json::Value>) -> ::core::result::Result<#rt::HttpRequest, #rt::DynamicError> {
                #build_body
            }

            /// Decodes a response of `operation_id`, validates the success
            /// model and returns it serialized back to JSON.
            pub fn decode_response(operation_id: &str, #response: &#rt::HttpResponse) -> ::core::result::Result<#json::Value, #rt::DynamicError> {
                #decode_body
            }

            #rt::client_only! {
                /// Calls `operation_id` with named parameters (as for
                /// [`build_request`]) over `pipeline`, the way the
                /// generated client's method does: long-running operations
                /// are polled to their end and pageable ones read page by
                /// page (see [`DynamicReply`](#rt::DynamicReply)).
                pub async fn call(#call_pipeline: &#rt::ArmPipeline, operation_id: &str, #call_params: &#json::Map<::std::string::String, #json::Value>) -> #az::Result<#rt::DynamicReply> {
                    #call_body
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

/// How `call` sends the request of `op`: as its client method does.
fn call_arm(op: &Operation, module: &proc_macro2::Ident, ctx: &Context) -> TokenStream {
    let rt = ctx.runtime;
    let az = quote!(#rt::__private::azure_core);
    let id = &op.id;
    let response_fn = response_fn_name(op);
    let page_fields = op.pageable.as_ref().and_then(|p| p.fields.as_ref());
    match (page_fields, op.long_running) {
        (Some(fields), _) => {
            let next_link = client::next_link(fields);
            quote! {
                #id => #rt::dynamic_pages(pipeline.pager(#az::http::Context::new(), __request, super::#module::#response_fn, #next_link)).await,
            }
        }
        (None, Some(via)) => {
            let status = client::operation_status(op, rt);
            let via = client::final_state_via(via);
            quote! {
                #id => {
                    let poller: #az::http::Poller<#status> = pipeline.begin(__request, super::#module::#response_fn, #rt::FinalStateVia::#via, ::core::default::Default::default());
                    #rt::dynamic_poll(poller).await
                }
            }
        }
        (None, None) => quote! {
            #id => #rt::dynamic_execute(pipeline, __request, super::#module::#response_fn).await,
        },
    }
}
