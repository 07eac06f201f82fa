//! The `dynamic` module: every operation callable by `operationId` with JSON
//! parameters, so example files and emulators need no code per operation.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::client;
use super::types::{Context, Scope, ident, option, request_fn_name, response_fn_name, type_tokens};
use crate::ir::{Encoding, HttpMethod, Operation, Service, TypeRef};

/// The `dynamic` module of a service. In a provider at several
/// api-versions, the arms of the shared functions are in the `shared`
/// module's `dynamic` (`in_shared`), which each version's falls back to with
/// its own default api-version.
pub fn module(service: &Service, ctx: &Context, in_shared: bool) -> TokenStream {
    let rt = ctx.runtime;
    let mut infos = Vec::new();
    let mut build_arms = Vec::new();
    let mut decode_arms = Vec::new();
    let mut call_arms = Vec::new();
    let mut reads_params = false;
    let ops = || service.groups.iter().flat_map(|g| &g.operations);
    let delegate_build = !in_shared && ops().any(|op| op.shared.request);
    let delegate_decode = !in_shared && ops().any(|op| op.shared.response);
    let default_api_version = if in_shared {
        quote!(api_version)
    } else {
        quote!(super::API_VERSION)
    };
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
            // A `HEAD`'s 404 answers `false`.
            if op.exists {
                statuses.push(404);
            }
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
            let response_fn = response_fn_name(op);
            if let Some(reason) = not_dynamic(op) {
                // Listed, so that a call by its id says why it cannot be
                // made rather than that it does not exist.
                let unsupported = quote!(#rt::DynamicError::Unsupported { operation: #id.to_owned(), reason: #reason });
                if op.shared.response == in_shared {
                    decode_arms.push(quote!(#id => Err(#unsupported),));
                }
                if !in_shared {
                    call_arms.push(quote!(#id => Err(#rt::dynamic_request_error(#unsupported)),));
                }
                if op.shared.request == in_shared {
                    build_arms.push(quote!(#id => Err(#unsupported),));
                }
                continue;
            }
            if op.shared.response == in_shared {
                decode_arms.push(
                    quote!(#id => #rt::dynamic_result(super::#module::#response_fn(response)),),
                );
            }
            if !in_shared {
                call_arms.push(call_arm(op, &module, ctx));
            }
            if op.shared.request != in_shared {
                continue;
            }
            let mut reads = Vec::new();
            let mut args = Vec::new();
            if op.api_version.is_some() {
                reads.push(quote!(let api_version = __params.api_version(#default_api_version)?;));
                args.push(quote!(&api_version));
            }
            // The request function sends constants itself.
            for p in op.params.iter().filter(|p| p.constant().is_none()) {
                let name = ident(&p.name);
                let wire = &p.wire_name;
                let owned = type_tokens(&p.ty, Scope::Sibling, rt);
                let expected = expected(&p.ty);
                if p.required {
                    reads.push(quote!(let #name: #owned = __params.required(#wire, #expected)?;));
                } else {
                    let owned = option(owned);
                    reads.push(quote!(let #name: #owned = __params.optional(#wire, #expected)?;));
                }
                args.push(super::operations::pass_owned(p, quote!(#name)));
            }
            reads_params |= !reads.is_empty();
            build_arms.push(quote! {
                #id => {
                    #(#reads)*
                    Ok(super::#module::#request_fn(endpoint, #(#args),*)?)
                }
            });
        }
    }
    if in_shared {
        // `shared` lists no operations: each version lists its own.
        infos.clear();
    }
    let unknown_call = quote!(#rt::DynamicError::UnknownOperation(operation_id.to_owned()));
    let unknown = quote!(Err(#unknown_call));
    let (build_fallback, decode_fallback) = (
        if delegate_build {
            quote!(super::super::shared::dynamic::build_request(
                operation_id,
                endpoint,
                params,
                super::API_VERSION
            ))
        } else {
            unknown.clone()
        },
        if delegate_decode {
            quote!(super::super::shared::dynamic::decode_response(
                operation_id,
                response
            ))
        } else {
            unknown.clone()
        },
    );
    // Without operations there is nothing to match, and without parameters
    // nothing to read: arguments that go unused say so with a `_`, rather
    // than the spec's shape drawing lints on the generated code.
    let builds = !build_arms.is_empty() || delegate_build;
    let decodes = !decode_arms.is_empty() || delegate_decode;
    let argument = |name: &str, used: bool| format_ident!("{}{name}", if used { "" } else { "_" });
    let endpoint = argument("endpoint", builds);
    let params = argument("params", reads_params || delegate_build);
    let response = argument("response", decodes);
    // `__params` cannot be a parameter's name (see `naming`).
    let read = reads_params.then(|| quote!(let __params = #rt::DynamicParams::new(params);));
    let build_body = match (build_arms.is_empty(), delegate_build) {
        (true, false) => unknown.clone(),
        (true, true) => build_fallback,
        (false, _) => quote! {
            #read
            match operation_id {
                #(#build_arms)*
                _ => #build_fallback,
            }
        },
    };
    let decode_body = match (decode_arms.is_empty(), delegate_decode) {
        (true, false) => unknown,
        (true, true) => decode_fallback,
        (false, _) => quote! {
            match operation_id {
                #(#decode_arms)*
                _ => #decode_fallback,
            }
        },
    };
    let json = quote!(#rt::__private::serde_json);
    if in_shared {
        // Used when some shared request function takes one.
        let api_version = argument("api_version", uses_api_version(service));
        return quote! {
            /// The operations whose functions are shared, by `operationId`,
            /// for each version's `dynamic` to fall back to.
            pub mod dynamic {
                /// Builds the request of a shared `operation_id` from named
                /// parameters; a missing `api-version` is `api_version`.
                pub fn build_request(operation_id: &str, #endpoint: &#rt::Url, #params: &#json::Map<String, #json::Value>, #api_version: &str) -> Result<#rt::HttpRequest, #rt::DynamicError> {
                    #build_body
                }

                /// Decodes a response of a shared `operation_id`.
                pub fn decode_response(operation_id: &str, #response: &#rt::HttpResponse) -> Result<#json::Value, #rt::DynamicError> {
                    #decode_body
                }
            }
        };
    }
    let az = quote!(#rt::__private::azure_core);
    let call_body = if !call_arms.is_empty() {
        quote! {
            let __request = super::dynamic::build_request(operation_id, pipeline.endpoint(), params)
                .map_err(#rt::dynamic_request_error)?;
            match operation_id {
                #(#call_arms)*
                _ => Err(#rt::dynamic_request_error(#unknown_call)),
            }
        }
    } else {
        quote!(Err(#rt::dynamic_request_error(#unknown_call)))
    };
    let (call_pipeline, call_params) = if !call_arms.is_empty() {
        (format_ident!("pipeline"), format_ident!("params"))
    } else {
        (format_ident!("_pipeline"), format_ident!("_params"))
    };
    let call_doc = format!(
        " Calls `operation_id` with named parameters (as for [`build_request`](super::dynamic::build_request)) over `pipeline`, the way the generated client's method does: long-running operations are polled to their end and pageable ones read page by page (see [`DynamicReply`]({}::DynamicReply)).",
        super::types::path_text(rt)
    );
    quote! {
        /// Every operation by `operationId`, with JSON parameters as found in
        /// `x-ms-examples` files.
        pub mod dynamic {
            /// Method and path template of every operation.
            pub const OPERATIONS: &[#rt::OperationInfo] = &[#(#infos)*];

            /// Builds the request of `operation_id` from named parameters
            /// (wire names, as in an example file). A missing `api-version`
            /// defaults to [`API_VERSION`](super::API_VERSION).
            pub fn build_request(operation_id: &str, #endpoint: &#rt::Url, #params: &#json::Map<String, #json::Value>) -> Result<#rt::HttpRequest, #rt::DynamicError> {
                #build_body
            }

            /// Decodes a response of `operation_id`, validates the success
            /// model and returns it serialized back to JSON.
            pub fn decode_response(operation_id: &str, #response: &#rt::HttpResponse) -> Result<#json::Value, #rt::DynamicError> {
                #decode_body
            }

        }

        /// Every operation by `operationId` over a client's pipeline (needs the
        /// runtime's `client` feature).
        pub mod dynamic_calls {
            #[doc = #call_doc]
            pub async fn call(#call_pipeline: &#rt::ArmPipeline, operation_id: &str, #call_params: &#json::Map<String, #json::Value>) -> #az::Result<#rt::DynamicReply> {
                #call_body
            }
        }
    }
}

/// Whether some shared request function takes the api-version.
fn uses_api_version(service: &Service) -> bool {
    service
        .groups
        .iter()
        .flat_map(|g| &g.operations)
        .any(|op| op.shared.request && op.api_version.is_some())
}

/// Why an operation cannot be called with JSON parameters and a JSON
/// result, if it cannot: its body or success body is not JSON.
fn not_dynamic(op: &Operation) -> Option<&'static str> {
    if op.content_type_choice() {
        Some("its body's media type is the caller's choice")
    } else if op.has_form() {
        Some("its body is a form, not JSON")
    } else if op.body().is_some_and(|p| p.ty == TypeRef::Binary) {
        Some("its body is bytes, not JSON")
    } else if op
        .content_types
        .iter()
        .any(|c| c.encoding == Encoding::Text)
    {
        Some("its body is text, not JSON")
    } else if op.response_encoding == Encoding::Binary {
        Some("its success body is bytes, not JSON")
    } else if op.response_encoding == Encoding::Text {
        Some("its success body is text, not JSON")
    } else {
        None
    }
}

fn expected(ty: &TypeRef) -> &'static str {
    match ty {
        TypeRef::String | TypeRef::Secret => "a string",
        TypeRef::Bool => "a boolean",
        TypeRef::I32 | TypeRef::I64 => "an integer",
        TypeRef::F32 | TypeRef::F64 => "a number",
        TypeRef::Any => "JSON",
        TypeRef::Binary => "bytes",
        TypeRef::Array(_) => "an array",
        TypeRef::Map(_) => "an object",
        TypeRef::Model(_) => "a value of the documented model",
        TypeRef::Nullable(inner) => expected(inner),
        TypeRef::Format(crate::ir::Format::UnixTime) => "an integer (unixtime)",
        TypeRef::Format(_) => "a string of its declared format",
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
