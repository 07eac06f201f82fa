//! The `clients` module: an async client per service in the style of the
//! Azure SDK for Rust, one sub-client per operation group, one `async` method
//! per operation over the plain `*_request` / `*_response` functions.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs;
use super::operations::{arg_type, success_type};
use super::types::{Context, Scope, ident, type_tokens};
use crate::ir::{FinalStateVia, Operation, OperationGroup, Parameter, Service, TypeRef};
use crate::naming::{self, type_name, unraw};

/// Parameters a client holds instead of each call taking them.
fn from_client(p: &Parameter) -> bool {
    p.client && p.wire_name == "subscriptionId"
}

fn uses_subscription(service: &Service) -> bool {
    service
        .groups
        .iter()
        .flat_map(|g| &g.operations)
        .flat_map(|o| &o.params)
        .any(from_client)
}

/// The `clients` module of a service.
pub fn module(service: &Service, ctx: &Context) -> TokenStream {
    let rt = ctx.runtime;
    let client = ident(&service.client_name);
    let options = format_ident!("{}Options", unraw(&service.client_name));
    let prefix = unraw(&service.client_name)
        .trim_end_matches("Client")
        .to_owned();
    let with_subscription = uses_subscription(service);
    let sub_field = with_subscription.then(|| quote!(subscription_id: String,));
    let sub_arg = with_subscription.then(|| quote!(subscription_id: &str,));
    let sub_init = with_subscription.then(|| quote!(subscription_id: subscription_id.to_owned(),));
    let sub_clone = quote!(subscription_id: self.subscription_id.clone(),);
    let sub_doc = with_subscription
        .then(|| quote!(#[doc = " * `subscription_id` - the subscription every call addresses."]));
    let options_doc = format!(
        " Options for creating a [`{}`].",
        unraw(&service.client_name)
    );
    let title_doc = format!(
        " Client for {} (api-version `{}`).",
        service.title, service.api_version
    );

    let accessors = service.groups.iter().map(|g| {
        let accessor = ident(&g.name);
        let group_client = format_ident!("{}{}Client", prefix, unraw(&type_name(&g.wire_name)));
        let doc = format!(" The `{}` operations.", g.wire_name);
        let (needs_version, needs_sub) = group_needs(g);
        let version = needs_version.then(|| quote!(api_version: self.api_version.clone(),));
        let sub = needs_sub.then(|| sub_clone.clone());
        quote! {
            #[doc = #doc]
            pub fn #accessor(&self) -> #group_client {
                #group_client {
                    pipeline: self.pipeline.clone(),
                    #version
                    #sub
                }
            }
        }
    });
    let groups = service
        .groups
        .iter()
        .map(|g| group_client(service, g, &prefix, ctx));
    let pages = page_impls(service, ctx);

    quote! {
        /// Async clients that send these operations through an `azure_core`
        /// pipeline, as any Azure SDK for Rust client does.
        ///
        /// # Errors
        ///
        /// Every method returns an `azure_core::Error`. A broken constraint,
        /// found before sending, is an `ErrorKind::Other` error holding
        /// `ValidationErrors`; an error status is an `ErrorKind::HttpResponse`
        /// error holding the operation's `ResponseError` (with the decoded ARM
        /// error and the `x-ms-request-id`); both are reached with
        /// `downcast_ref`.
        pub mod clients {
            use ::std::sync::Arc;
            use #rt::__private::azure_core::credentials::TokenCredential;
            #[allow(unused_imports)]
            use #rt::__private::azure_core::fmt::SafeDebug;
            #[allow(unused_imports)]
            use #rt::__private::azure_core::http::{ClientMethodOptions, NoFormat, Pager, Poller, Response, Url};
            use #rt::ArmPipeline;

            #[doc = #options_doc]
            pub type #options = #rt::ArmClientOptions;

            #[doc = #title_doc]
            #[derive(Clone, Debug)]
            pub struct #client {
                pipeline: ArmPipeline,
                api_version: String,
                #sub_field
            }

            impl #client {
                /// Creates a client that authenticates with Entra ID.
                ///
                /// # Arguments
                #sub_doc
                /// * `credential` - any [`TokenCredential`], e.g. from `azure_identity`.
                /// * `options` - optional configuration.
                pub fn new(#sub_arg credential: Arc<dyn TokenCredential>, options: Option<#options>) -> #rt::__private::azure_core::Result<Self> {
                    let options = options.unwrap_or_default();
                    let api_version = options.api_version.clone().unwrap_or_else(|| super::API_VERSION.to_owned());
                    let pipeline = ArmPipeline::from_options(option_env!("CARGO_PKG_NAME"), option_env!("CARGO_PKG_VERSION"), credential, options)?;
                    Ok(Self { pipeline, api_version, #sub_init })
                }

                /// The Resource Manager endpoint this client calls.
                pub fn endpoint(&self) -> &Url {
                    self.pipeline.endpoint()
                }

                #(#accessors)*
            }

            #(#groups)*
            #(#pages)*
        }
    }
}

/// `azure_core`'s `Page` for each list model a pageable operation returns.
fn page_impls(service: &Service, ctx: &Context) -> Vec<TokenStream> {
    // A shared list model implements `Page` once, in the shared module.
    let shared: std::collections::HashSet<&str> = service
        .models
        .iter()
        .filter(|m| m.shared)
        .map(|m| m.name.as_str())
        .collect();
    page_impls_of(std::slice::from_ref(service), ctx, |model| {
        !shared.contains(model)
    })
}

/// `azure_core`'s `Page` for the list models of a provider's `shared`
/// module that some version pages through, inside a `pages` module of it (so
/// `super::models` names the shared models).
pub fn shared_page_impls(provider: &crate::ir::Provider, ctx: &Context) -> TokenStream {
    let shared: std::collections::HashSet<&str> =
        provider.shared.iter().map(|m| m.name.as_str()).collect();
    let impls = page_impls_of(&provider.versions, ctx, |model| shared.contains(model));
    if impls.is_empty() {
        return TokenStream::new();
    }
    let rt = ctx.runtime;
    quote! {
        #rt::client_only! {
            /// `azure_core`'s `Page` for the shared list models.
            mod pages {
                #(#impls)*
            }
        }
    }
}

fn page_impls_of(
    services: &[Service],
    ctx: &Context,
    keep: impl Fn(&str) -> bool,
) -> Vec<TokenStream> {
    let rt = ctx.runtime;
    let mut seen = std::collections::BTreeMap::new();
    for fields in services
        .iter()
        .flat_map(|s| &s.groups)
        .flat_map(|g| &g.operations)
        .filter_map(|o| o.pageable.as_ref()?.fields.as_ref())
        .filter(|f| keep(&f.model))
    {
        seen.entry(fields.model.clone()).or_insert_with(|| {
            let list = ident(&fields.model);
            let field = ident(&fields.items.0);
            let item = type_tokens(&fields.item_type, Scope::Sibling, rt);
            let optional = fields.items.1.then(|| quote!(optional));
            quote!(#rt::page!(super::models::#list, #optional #field, #item);)
        });
    }
    seen.into_values().collect()
}

/// Whether a group's operations take the api-version and the subscription
/// from the client: its sub-client holds only what they use.
fn group_needs(group: &OperationGroup) -> (bool, bool) {
    let ops = &group.operations;
    (
        ops.iter().any(|o| o.api_version.is_some()),
        ops.iter().flat_map(|o| &o.params).any(from_client),
    )
}

fn group_client(
    service: &Service,
    group: &OperationGroup,
    prefix: &str,
    ctx: &Context,
) -> TokenStream {
    let name = format_ident!("{}{}Client", prefix, unraw(&type_name(&group.wire_name)));
    let (needs_version, needs_sub) = group_needs(group);
    let version_field = needs_version.then(|| quote!(api_version: String,));
    let sub_field = needs_sub.then(|| quote!(subscription_id: String,));
    let doc = format!(
        " The `{}` operations of {}.",
        group.wire_name, service.title
    );
    let mut option_structs = Vec::new();
    let methods: Vec<TokenStream> = group
        .operations
        .iter()
        .map(|op| {
            let (method, options) = method(group, op, &name, ctx);
            option_structs.push(options);
            method
        })
        .collect();
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug)]
        pub struct #name {
            pipeline: ArmPipeline,
            #version_field
            #sub_field
        }

        impl #name {
            #(#methods)*
        }

        #(#option_structs)*
    }
}

fn method(
    group: &OperationGroup,
    op: &Operation,
    client: &proc_macro2::Ident,
    ctx: &Context,
) -> (TokenStream, TokenStream) {
    let rt = ctx.runtime;
    let module = ident(&group.name);
    // Long-running methods are `begin_*`, as in the Azure SDKs: the name says
    // that the call returns a poller, not the result.
    let fn_name = match op.long_running {
        Some(_) => format_ident!("begin_{}", unraw(&op.name)),
        None => ident(&op.name),
    };
    let request_fn = format_ident!("{}_request", unraw(&op.name));
    let response_fn = format_ident!("{}_response", unraw(&op.name));
    let options = format_ident!("{}{}Options", client, unraw(&type_name(&op.name)));

    let args = op
        .params
        .iter()
        .filter(|p| p.required && !from_client(p))
        .map(|p| {
            let name = ident(&p.name);
            let ty = arg_type(p, ctx);
            quote!(#name: #ty)
        });
    let call_args = op.params.iter().map(|p| {
        let name = ident(&p.name);
        if from_client(p) {
            quote!(&self.subscription_id)
        } else if p.required {
            quote!(#name)
        } else {
            match &p.ty {
                TypeRef::String => quote!(options.#name.as_deref()),
                TypeRef::Model(_) | TypeRef::Secret => quote!(options.#name.as_ref()),
                _ if p.location == crate::ir::ParamLocation::Body => quote!(options.#name.as_ref()),
                _ => quote!(options.#name),
            }
        }
    });
    let api_version_arg = op.api_version.as_ref().map(|_| quote!(&self.api_version,));
    let option_fields = op.params.iter().filter(|p| !p.required).map(|p| {
        let name = ident(&p.name);
        let ty = type_tokens(&p.ty, Scope::Sibling, rt);
        let doc = docs::attrs(&p.docs);
        quote! { #doc pub #name: Option<#ty>, }
    });
    let options_doc = format!(
        " Options for [`{}::{}()`].",
        client,
        unraw(&fn_name.to_string())
    );
    // Every method has its own options type, so that an optional parameter
    // added by a later api-version is not a breaking change; while it has
    // none, the type is the runtime's shared one under the method's name.
    // A long-running method's `method_options` also say how its poller waits.
    let (shared_options, method_options, method_options_doc) = match op.long_running {
        Some(_) => (
            quote!(#rt::PollerMethodOptions),
            quote!(#rt::PollerOptions<'a>),
            " How the poller waits, and the `azure_core` context.",
        ),
        None => (
            quote!(#rt::MethodOptions),
            quote!(ClientMethodOptions<'a>),
            " Per-call options: the `azure_core` context.",
        ),
    };
    let options_struct = if op.params.iter().all(|p| p.required) {
        quote! {
            #[doc = #options_doc]
            pub type #options<'a> = #shared_options<'a>;
        }
    } else {
        quote! {
            #[doc = #options_doc]
            #[derive(Clone, Default, SafeDebug)]
            pub struct #options<'a> {
                #[doc = #method_options_doc]
                pub method_options: #method_options,
                #(#option_fields)*
            }
        }
    };

    let success = success_type(op, ctx);
    let page_fields = op.pageable.as_ref().and_then(|p| p.fields.as_ref());
    let response_ty = match (page_fields, op.long_running) {
        (Some(fields), _) => {
            let list = ident(&fields.model);
            quote!(Pager<super::models::#list>)
        }
        (None, Some(_)) => match op.success_type() {
            Some(ty) => {
                let ty = type_tokens(ty, Scope::Sibling, rt);
                quote!(Poller<#rt::OperationStatus<#ty>>)
            }
            None => quote!(Poller<#rt::OperationStatus<(), NoFormat>>),
        },
        (None, None) if op.success_type().is_none() => quote!(Response<(), NoFormat>),
        (None, None) => quote!(Response<#success>),
    };
    let see = format!(
        "Arguments: see [`{request_fn}`](super::{}::{request_fn}).",
        naming::unraw(&group.name)
    );
    let method_docs = docs::paragraphs(&[
        op.summary.as_deref().or(op.description.as_deref()),
        Some(&see),
    ]);
    let build = quote! {
        let options = options.unwrap_or_default();
        let request = super::#module::#request_fn(self.pipeline.endpoint(), #api_version_arg #(#call_args),*)?;
    };
    let method = match (page_fields, op.long_running) {
        (Some(fields), _) => {
            let list = ident(&fields.model);
            let next_link = match &fields.next_link {
                Some((field, true)) => {
                    let field = ident(field);
                    quote!(|page: &super::models::#list| page.#field.as_deref())
                }
                Some((field, false)) => {
                    let field = ident(field);
                    quote!(|page: &super::models::#list| Some(page.#field.as_str()))
                }
                None => quote!(|_: &super::models::#list| None),
            };
            quote! {
                #method_docs
                ///
                /// Returns a pager over the items of every page: it follows each
                /// page's next link (on the client's endpoint only).
                pub fn #fn_name<'a>(&self, #(#args,)* options: Option<#options<'a>>) -> #rt::__private::azure_core::Result<#response_ty> {
                    #build
                    Ok(self.pipeline.pager(options.method_options.context, request, super::#module::#response_fn, #next_link))
                }
            }
        }
        (None, Some(via)) => {
            let via = match via {
                FinalStateVia::Location => quote!(Location),
                FinalStateVia::OriginalUri => quote!(OriginalUri),
                FinalStateVia::AzureAsyncOperation => quote!(AzureAsyncOperation),
                FinalStateVia::OperationLocation => quote!(OperationLocation),
            };
            let status = format!(
                "[`OperationStatus`]({}::OperationStatus)",
                quote!(#rt).to_string().replace(' ', "")
            );
            let poller_doc = format!(
                " Returns `azure_core`'s `Poller`, which sends the request when first polled: await it for the final result, or read it as a stream of {status} responses."
            );
            quote! {
                #method_docs
                #[doc = ""]
                #[doc = #poller_doc]
                pub fn #fn_name(&self, #(#args,)* options: Option<#options<'_>>) -> #rt::__private::azure_core::Result<#response_ty> {
                    #build
                    Ok(self.pipeline.begin(request, super::#module::#response_fn, #rt::FinalStateVia::#via, options.method_options))
                }
            }
        }
        (None, None) => quote! {
            #method_docs
            pub async fn #fn_name(&self, #(#args,)* options: Option<#options<'_>>) -> #rt::__private::azure_core::Result<#response_ty> {
                #build
                self.pipeline.execute(&options.method_options.context, request, super::#module::#response_fn).await
            }
        },
    };
    (method, options_struct)
}
