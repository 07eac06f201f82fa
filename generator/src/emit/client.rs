//! The `clients` module: an async client per service in the style of the
//! Azure SDK for Rust, one sub-client per operation group, one `async` method
//! per operation over the plain `*_request` / `*_response` functions.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::operations::{arg_type, pass_owned, success_type};
use super::types::{
    Context, Scope, ident, option, path_text, request_fn_name, response_fn_name, type_tokens,
};
use crate::ir::{
    ClientFields, Encoding, FinalStateVia, NextArg, NextOperation, Operation, OperationGroup,
    ParamRole, Parameter, Service, TypeRef,
};
use crate::naming::{self, type_name, unraw};

/// Whether some operation takes the subscription, which the client then holds.
fn uses_subscription(service: &Service) -> bool {
    service
        .groups
        .iter()
        .flat_map(|g| &g.operations)
        .flat_map(|o| &o.params)
        .any(Parameter::held_by_client)
}

/// The `clients` module of a service.
pub fn module(service: &Service, ctx: &Context) -> TokenStream {
    let rt = ctx.runtime;
    let az = quote!(#rt::__private::azure_core);
    let client = ident(&service.client_name);
    let options = format_ident!("{}", naming::join(&[&service.client_name, "Options"]));
    let prefix = unraw(&service.client_name)
        .trim_end_matches("Client")
        .to_owned();
    let with_subscription = uses_subscription(service);
    // The client holds only what some group's operations take, so that no
    // field goes unread.
    let with_version = service.groups.iter().any(|g| group_fields(g).api_version);
    let version_field = with_version.then(|| quote!(api_version: String,));
    let version_init = with_version.then(|| {
        quote! {
            let api_version = options.api_version.clone().unwrap_or_else(|| super::API_VERSION.to_owned());
        }
    });
    let version_arg = with_version.then(|| quote!(api_version,));
    let sub_field = with_subscription.then(|| quote!(subscription_id: String,));
    let sub_arg = with_subscription.then(|| quote!(subscription_id: &str,));
    let sub_init = with_subscription.then(|| quote!(subscription_id: subscription_id.to_owned(),));
    let sub_clone = quote!(subscription_id: self.subscription_id.clone(),);
    let sub_doc = with_subscription
        .then(|| quote!(#[doc = " * `subscription_id` - the subscription every call addresses."]));
    let host = host_endpoint(service, ctx);
    let (host_args, host_docs, endpoint_init) = (host.args, host.docs, host.init);
    // `positionInOperation`: the host parameters before or after the
    // client's other arguments.
    let (before, after) = match &service.parameterized_host {
        Some(h) if !h.first => (quote!(#sub_arg), quote!(#(#host_args,)*)),
        _ => (quote!(#(#host_args,)*), quote!(#sub_arg)),
    };
    let (doc_before, doc_after) = match &service.parameterized_host {
        Some(h) if !h.first => (quote!(#sub_doc), quote!(#(#host_docs)*)),
        _ => (quote!(#(#host_docs)*), quote!(#sub_doc)),
    };
    // Scopes of the spec's `securityDefinitions` that are token scopes (an
    // absolute URI, `https://security.microsoft.com/.default`), asked for
    // unless the caller chose some. ARM specs name a permission there
    // (`user_impersonation`), not a scope: their clients keep the cloud's
    // Resource Manager scope.
    let spec_scopes: Vec<&String> = service
        .scopes
        .iter()
        .filter(|s| s.contains("://"))
        .collect();
    let scopes_init = (!spec_scopes.is_empty()).then(|| {
        quote! {
            if options.credential_scopes.is_none() {
                options.credential_scopes = Some(::std::vec![#(#spec_scopes.to_owned()),*]);
            }
        }
    });
    let options_binding = if endpoint_init.is_some() || scopes_init.is_some() {
        quote!(let mut options = options.unwrap_or_default();)
    } else {
        quote!(let options = options.unwrap_or_default();)
    };
    let options_doc = format!(
        " Options for creating a [`{}`].",
        unraw(&service.client_name)
    );
    let title_doc = format!(
        " Client for {} (api-version `{}`).",
        service.title, service.api_version
    );
    let credential_doc = format!(
        " * `credential` - any [`TokenCredential`]({}::credentials::TokenCredential), e.g. from `azure_identity`.",
        path_text(&az)
    );

    let accessors = service.groups.iter().map(|g| {
        let accessor = ident(&g.name);
        let group_client = group_client_name(&prefix, g);
        let doc = format!(" The `{}` operations.", g.wire_name);
        let fields = group_fields(g);
        let version = fields
            .api_version
            .then(|| quote!(api_version: self.api_version.clone(),));
        let sub = fields.subscription.then(|| sub_clone.clone());
        let marker = g
            .generic_client
            .is_some()
            .then(|| quote!(version: ::core::marker::PhantomData,));
        quote! {
            #[doc = #doc]
            pub fn #accessor(&self) -> #group_client {
                #group_client {
                    pipeline: self.pipeline.clone(),
                    #version
                    #sub
                    #marker
                }
            }
        }
    });
    let groups = service.groups.iter().map(|g| {
        if g.shared {
            // The same in every version: defined once in `shared`, with the
            // options types of its methods.
            let client = group_client_name(&prefix, g);
            let mut names: Vec<_> = g
                .operations
                .iter()
                .map(|op| options_name(&client, op))
                .collect();
            names.insert(0, client);
            quote!(pub use super::super::shared::clients::{#(#names),*};)
        } else if g.generic_client.is_some() {
            version_of_generic_client(service, g, &prefix, ctx)
        } else {
            group_client(service, g, &prefix, ctx, Place::Version)
        }
    });
    let marker = service.groups.iter().any(|g| g.generic_client.is_some()).then(|| {
        let doc = format!(
            " api-version `{}` as a type: the sub-clients that several api-versions share in part are generic over it.",
            service.api_version
        );
        let marker = version_marker(service);
        quote! {
            #[doc = #doc]
            #[derive(Clone, Copy, Debug)]
            pub enum #marker {}
        }
    });

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
            #[doc = #options_doc]
            pub type #options = #rt::ArmClientOptions;

            #[doc = #title_doc]
            #[derive(Clone, Debug)]
            pub struct #client {
                pipeline: #rt::ArmPipeline,
                #version_field
                #sub_field
            }

            impl #client {
                /// Creates a client that authenticates with Entra ID.
                ///
                /// # Arguments
                #doc_before
                #doc_after
                #[doc = #credential_doc]
                /// * `options` - optional configuration.
                pub fn new(#before #after credential: ::std::sync::Arc<dyn #az::credentials::TokenCredential>, options: Option<#options>) -> #az::Result<Self> {
                    #options_binding
                    #endpoint_init
                    #scopes_init
                    #version_init
                    let pipeline = #rt::ArmPipeline::from_options(option_env!("CARGO_PKG_NAME"), option_env!("CARGO_PKG_VERSION"), credential, options)?;
                    Ok(Self { pipeline, #version_arg #sub_init })
                }

                /// The Resource Manager endpoint this client calls.
                pub fn endpoint(&self) -> &#az::http::Url {
                    self.pipeline.endpoint()
                }

                #(#accessors)*
            }

            #marker

            #(#groups)*
        }
    }
}

/// What `x-ms-parameterized-host` adds to a client's `new`.
struct HostEndpoint {
    /// The host parameters' arguments.
    args: Vec<TokenStream>,
    /// Their `# Arguments` lines.
    docs: Vec<TokenStream>,
    /// The statement that sets the endpoint from the template, if any.
    init: Option<TokenStream>,
}

/// The client's endpoint from its host template: the parameters are the
/// client's, taken once by `new`, because the pipeline, and the pagers and
/// pollers that follow links on its origin only, are bound to one endpoint.
/// The template replaces the `endpoint` option.
fn host_endpoint(service: &Service, ctx: &Context) -> HostEndpoint {
    let rt = ctx.runtime;
    let az = quote!(#rt::__private::azure_core);
    let Some(host) = &service.parameterized_host else {
        return HostEndpoint {
            args: Vec::new(),
            docs: Vec::new(),
            init: None,
        };
    };
    let args = host
        .params
        .iter()
        .map(|p| {
            let name = ident(&p.name);
            quote!(#name: &str)
        })
        .collect();
    let docs = host
        .params
        .iter()
        .map(|p| {
            let mut line = format!(
                " * `{}` - `{{{}}}` of the host template `{}`",
                unraw(&p.name),
                p.wire_name,
                host.template
            );
            if let Some(text) = &p.docs {
                line.push_str(": ");
                line.push_str(&text.replace('\n', " "));
            }
            if let Some(serde_json::Value::String(default)) = &p.default {
                line.push_str(&format!(" (the spec's default: `{default}`)"));
            }
            quote!(#[doc = #line])
        })
        .collect();
    let parts = host.parts.iter().map(|part| match part {
        crate::ir::PathPart::Literal(text) => quote!(#rt::HostPart::Literal(#text)),
        crate::ir::PathPart::Param(reference) => {
            // The resolver pointed every template parameter at its entry.
            match host.params.get(reference.index) {
                Some(p) if p.skip_url_encoding => {
                    let name = ident(&p.name);
                    quote!(#rt::HostPart::Raw(#name))
                }
                Some(p) => {
                    let name = ident(&p.name);
                    quote!(#rt::HostPart::Encoded(#name))
                }
                None => quote!(#rt::HostPart::Literal("")),
            }
        }
    });
    let template = &host.template;
    let prefix = host.use_scheme_prefix;
    let init = quote! {
        options.endpoint = Some(
            #rt::parameterized_host(#template, #prefix, &[#(#parts),*])
                .map_err(|e| #az::Error::new(#az::error::ErrorKind::Other, e))?,
        );
    };
    HostEndpoint {
        args,
        docs,
        init: Some(init),
    }
}

/// Where a sub-client or options type is emitted.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// In a service or a version of a provider.
    Version,
    /// Once, in a provider's `shared` module.
    Shared,
}

/// The `clients` module of a provider's `shared` module: the sub-clients of
/// the groups that are the same in every version, and the options types of
/// the operations that are (`shared` holds them as a service's groups). Their
/// fields are visible to the provider's module, whose versions' clients make
/// them.
pub fn shared_module(shared: &Service, ctx: &Context) -> TokenStream {
    let prefix = unraw(&shared.client_name)
        .trim_end_matches("Client")
        .to_owned();
    let items = shared.groups.iter().map(|g| {
        if g.shared {
            group_client(shared, g, &prefix, ctx, Place::Shared)
        } else if let Some(fields) = g.generic_client {
            generic_client(shared, g, fields, &prefix, ctx)
        } else {
            let name = group_client_name(&prefix, g);
            let options = g
                .operations
                .iter()
                .filter(|op| op.shared.options)
                .map(|op| method(g, op, &name, ctx, false).1);
            quote!(#(#options)*)
        }
    });
    let any = shared
        .groups
        .iter()
        .any(|g| g.shared || g.operations.iter().any(|op| op.shared.options));
    if !any {
        return TokenStream::new();
    }
    quote! {
        /// The async sub-clients and options types that are the same in every
        /// api-version of this provider, defined once; each version's
        /// `clients` re-exports them.
        pub mod clients {
            #(#items)*
        }
    }
}

/// The options type of an operation's method.
fn options_name(client: &proc_macro2::Ident, op: &Operation) -> proc_macro2::Ident {
    format_ident!(
        "{}",
        naming::join(&[&client.to_string(), &type_name(&op.name), "Options"])
    )
}

/// The sub-client of a group: named after its module, which is unique.
fn group_client_name(prefix: &str, group: &OperationGroup) -> proc_macro2::Ident {
    let group_type = type_name(unraw(&group.name));
    format_ident!("{}", naming::join(&[prefix, &group_type, "Client"]))
}

/// `azure_core`'s `Page` for the list models of a provider's `shared`
/// module that some version pages through, inside a `pages` module of it (so
/// `super::models` names the shared models, and no spec name can be the
/// `Box` that `async_trait` writes plainly). A version's own list models have
/// theirs in its `models` module.
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
        seen.entry(fields.model.clone())
            .or_insert_with(|| page_impl(fields, Scope::Sibling, rt));
    }
    seen.into_values().collect()
}

/// The marker type of a version of a provider, in its `clients` module:
/// `ApiVersion`, unless the spec names its client so (every other item there
/// ends in `Client` or `Options`).
fn version_marker(service: &Service) -> proc_macro2::Ident {
    if unraw(&service.client_name) == "ApiVersion" {
        format_ident!("ApiVersionMarker")
    } else {
        format_ident!("ApiVersion")
    }
}

/// What a group's sub-client holds: what its operations take from the
/// client, or for a sub-client generic over the api-version, what the
/// operations of every version take (`shared` has only some of them).
fn group_fields(group: &OperationGroup) -> ClientFields {
    group
        .generic_client
        .unwrap_or_else(|| ClientFields::of(group))
}

/// The fields a sub-client holds besides its pipeline, visible as `vis`.
fn held_fields(fields: ClientFields, vis: &TokenStream) -> TokenStream {
    let version = fields
        .api_version
        .then(|| quote!(#vis api_version: String,));
    let subscription = fields
        .subscription
        .then(|| quote!(#vis subscription_id: String,));
    quote!(#version #subscription)
}

/// In a provider's `shared` module, the sub-client of a group that every
/// version has but that differs in some operations: generic over a version's
/// marker type (`ApiVersion` in its `clients`), with the methods of the
/// operations that are the same whole in every version, and the options types
/// of those whose options are. Each version adds its own methods.
fn generic_client(
    shared: &Service,
    group: &OperationGroup,
    fields: ClientFields,
    prefix: &str,
    ctx: &Context,
) -> TokenStream {
    let rt = ctx.runtime;
    let name = group_client_name(prefix, group);
    let vis = quote!(pub(in super::super));
    let held = held_fields(fields, &vis);
    let doc = format!(
        " The `{}` operations of {}, for the api-version `V` (each version's `clients::ApiVersion`): the methods here are the same in every version, each version's `clients` adds the others.",
        group.wire_name, shared.title
    );
    let mut methods = Vec::new();
    let mut options = Vec::new();
    for op in &group.operations {
        let (method, options_type) = method(group, op, &name, ctx, op.shared.method);
        if op.shared.method {
            methods.push(method);
        }
        if op.shared.options {
            options.push(options_type);
        }
    }
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug)]
        pub struct #name<V> {
            #vis pipeline: #rt::ArmPipeline,
            #held
            /// The api-version this sub-client sends and decodes.
            #vis version: ::core::marker::PhantomData<V>,
        }

        impl<V> #name<V> {
            #(#methods)*
        }

        #(#options)*
    }
}

/// In a version of a provider, the sub-client that `shared` defines generic
/// over the api-version: named for this version's marker, with the methods
/// of the operations that differ between versions.
fn version_of_generic_client(
    service: &Service,
    group: &OperationGroup,
    prefix: &str,
    ctx: &Context,
) -> TokenStream {
    let name = group_client_name(prefix, group);
    let marker = version_marker(service);
    let doc = format!(
        " The `{}` operations of {} (api-version `{}`).",
        group.wire_name, service.title, service.api_version
    );
    let mut methods = Vec::new();
    let mut options = Vec::new();
    let mut shared_options = Vec::new();
    for op in &group.operations {
        let (method, options_type) = method(group, op, &name, ctx, true);
        if !op.shared.method {
            methods.push(method);
        }
        if op.shared.options {
            shared_options.push(options_name(&name, op));
        } else {
            options.push(options_type);
        }
    }
    let shared_options = (!shared_options.is_empty())
        .then(|| quote!(pub use super::super::shared::clients::{#(#shared_options),*};));
    quote! {
        #[doc = #doc]
        pub type #name = super::super::shared::clients::#name<#marker>;

        impl #name {
            #(#methods)*
        }

        #(#options)*
        #shared_options
    }
}

/// The closure that builds a next page's request with the operation
/// `x-ms-pageable.operationName` names, for `ArmPipeline::pager_with`: it
/// owns copies of the first call's arguments that operation takes.
fn next_request(next: &NextOperation, first: &Operation) -> TokenStream {
    let module = ident(&next.group);
    let request_fn = format_ident!("{}", naming::join(&[&next.name, "_request"]));
    let mut captures = Vec::new();
    let mut args = Vec::new();
    if next.api_version {
        captures.push(quote!(let __api_version = self.api_version.clone();));
        args.push(quote!(&__api_version));
    }
    for (i, (q, source)) in next.args.iter().enumerate() {
        let held = format_ident!("__arg{}", i);
        // How the next operation takes the value: by reference or by copy.
        let by_ref = matches!(q.ty, TypeRef::String | TypeRef::Model(_) | TypeRef::Secret)
            || q.location == crate::ir::ParamLocation::Body
            || q.is_list();
        args.push(match source {
            NextArg::Link if q.required => quote!(__link),
            NextArg::Link => quote!(Some(__link)),
            NextArg::Subscription => {
                captures.push(quote!(let #held = self.subscription_id.clone();));
                quote!(&#held)
            }
            NextArg::Nothing => quote!(None),
            NextArg::Same(name, required) => {
                let grouped = is_grouped(first, name);
                let name = ident(name);
                // How the closure comes to own the value. A grouped one is a
                // local that `ungroup` bound, owned, which the first request
                // only borrowed or copied: it is moved in. An argument is
                // copied as the request function takes it, an options field
                // cloned (a copy needs no `clone`, which clippy would flag).
                captures.push(match (grouped, *required) {
                    (true, _) => quote!(let #held = #name;),
                    (false, true) => match q.ty {
                        TypeRef::String => quote!(let #held = #name.to_owned();),
                        TypeRef::Array(_) if q.is_list() => quote!(let #held = #name.to_vec();),
                        _ if by_ref => quote!(let #held = #name.clone();),
                        _ => quote!(let #held = #name;),
                    },
                    (false, false) if by_ref => quote!(let #held = options.#name.clone();),
                    (false, false) => quote!(let #held = options.#name;),
                });
                // `held` is `T` when the first call requires the value, else
                // `Option<T>`.
                if *required {
                    match (q.required, by_ref) {
                        (true, true) => quote!(&#held),
                        (true, false) => quote!(#held),
                        (false, true) => quote!(Some(&#held)),
                        (false, false) => quote!(Some(#held)),
                    }
                } else {
                    match q.ty {
                        TypeRef::String => quote!(#held.as_deref()),
                        TypeRef::Array(_) if q.is_list() => quote!(#held.as_deref()),
                        _ if by_ref => quote!(#held.as_ref()),
                        _ => quote!(#held),
                    }
                }
            }
        });
    }
    quote! {
        {
            let __endpoint = self.pipeline.endpoint().clone();
            #(#captures)*
            move |__link: &str| super::#module::#request_fn(&__endpoint, #(#args),*)
        }
    }
}

fn group_client(
    service: &Service,
    group: &OperationGroup,
    prefix: &str,
    ctx: &Context,
    place: Place,
) -> TokenStream {
    let rt = ctx.runtime;
    let name = group_client_name(prefix, group);
    let fields = group_fields(group);
    // A shared sub-client is made by each version's client, in a sibling
    // module of `shared`.
    let vis = match place {
        Place::Version => quote!(),
        Place::Shared => quote!(pub(in super::super)),
    };
    let held = held_fields(fields, &vis);
    let doc = format!(
        " The `{}` operations of {}.",
        group.wire_name, service.title
    );
    let mut option_structs = Vec::new();
    let mut shared_options = Vec::new();
    let methods: Vec<TokenStream> = group
        .operations
        .iter()
        .map(|op| {
            let (method, options) = method(group, op, &name, ctx, true);
            if op.shared.options && place == Place::Version {
                shared_options.push(options_name(&name, op));
            } else {
                option_structs.push(options);
            }
            method
        })
        .collect();
    if !shared_options.is_empty() {
        option_structs.push(quote!(pub use super::super::shared::clients::{#(#shared_options),*};));
    }
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug)]
        pub struct #name {
            #vis pipeline: #rt::ArmPipeline,
            #held
        }

        impl #name {
            #(#methods)*
        }

        #(#option_structs)*
    }
}

/// A sub-client's method and its options type; `beside_client`: the options
/// type is emitted beside the sub-client, which its docs can then link to
/// (not so the options a provider's `shared` module holds for the
/// sub-clients of its versions).
fn method(
    group: &OperationGroup,
    op: &Operation,
    client: &proc_macro2::Ident,
    ctx: &Context,
    beside_client: bool,
) -> (TokenStream, TokenStream) {
    let rt = ctx.runtime;
    let az = quote!(#rt::__private::azure_core);
    let module = ident(&group.name);
    // Long-running methods are `begin_*`, as in the Azure SDKs: the name says
    // that the call returns a poller, not the result.
    let fn_name = match op.long_running {
        Some(_) => format_ident!("begin_{}", naming::join(&[&op.name])),
        None => ident(&op.name),
    };
    let request_fn = request_fn_name(op);
    let response_fn = response_fn_name(op);
    let options = options_name(client, op);

    // The body's media type, when the caller chooses it, after the
    // required arguments (as the request function takes it).
    let content_type = op.content_type_choice().then(|| {
        let ty = super::operations::content_type_name(op);
        (
            quote!(content_type: super::#module::#ty),
            quote!(content_type),
        )
    });
    // A required parameter group is taken whole, by value, after the
    // arguments of its own.
    let group_type = |name: &str| {
        let name = ident(name);
        quote!(super::#module::#name)
    };
    let args = op
        .params
        .iter()
        .filter(|p| p.required && p.is_argument() && p.group.is_none())
        .map(|p| {
            let name = ident(&p.name);
            let ty = arg_type(p, ctx);
            quote!(#name: #ty)
        })
        .chain(op.param_groups.iter().filter(|g| g.required).map(|g| {
            let name = ident(&g.name);
            let ty = group_type(&g.group);
            quote!(#name: #ty)
        }))
        .chain(content_type.as_ref().map(|(arg, _)| arg.clone()));
    let ungroup = ungroup(group, op);
    // A client request id the caller leaves unset is a fresh one.
    let request_id = |value: TokenStream| quote!(Some(&*#rt::client_request_id(#value.as_deref())));
    // The request function sends constants itself.
    let call_args = op
        .params
        .iter()
        .filter(|p| p.constant().is_none())
        .map(|p| {
            let name = ident(&p.name);
            if p.held_by_client() {
                quote!(&self.subscription_id)
            } else if p.role == ParamRole::ClientRequestId && !p.required {
                if p.group.is_some() {
                    request_id(quote!(#name))
                } else {
                    request_id(quote!(options.#name))
                }
            } else if p.group.is_some() {
                // A local that `ungroup` binds, as the parameter is: `T`
                // when required, else `Option<T>`.
                pass_owned(p, quote!(#name))
            } else if p.required {
                // Taken already as the request function takes it.
                quote!(#name)
            } else {
                pass_owned(p, quote!(options.#name))
            }
        })
        .chain(content_type.map(|(_, value)| value));
    let api_version_arg = op.api_version.as_ref().map(|_| quote!(&self.api_version,));
    let option_fields = op
        .params
        .iter()
        .filter(|p| !p.required && p.group.is_none())
        .map(|p| {
            let name = ident(&p.name);
            let ty = option(type_tokens(&p.ty, Scope::Sibling, rt));
            let doc = ctx.docs.attrs(&p.docs);
            let request_id = (p.role == ParamRole::ClientRequestId).then(|| {
                let doc = format!(
                    " The client request id (`{}`): left unset, a fresh UUID is sent.",
                    p.wire_name
                );
                quote!(#[doc = ""] #[doc = #doc])
            });
            quote! { #doc #request_id pub #name: #ty, }
        })
        .chain(op.param_groups.iter().filter(|g| !g.required).map(|g| {
            let name = ident(&g.name);
            let ty = option(group_type(&g.group));
            let doc = format!(
                " The parameters of the group [`{}`](super::{}::{}).",
                g.group, group.name, g.group
            );
            quote! { #[doc = #doc] pub #name: #ty, }
        }))
        .collect::<Vec<_>>();
    let options_doc = if beside_client {
        format!(
            " Options for [`{}::{}()`].",
            client,
            unraw(&fn_name.to_string())
        )
    } else {
        format!(
            " Options for `{}::{}()` of every api-version's `clients`.",
            client,
            unraw(&fn_name.to_string())
        )
    };
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
            quote!(#az::http::ClientMethodOptions<'a>),
            " Per-call options: the `azure_core` context.",
        ),
    };
    let options_struct = if option_fields.is_empty() {
        quote! {
            #[doc = #options_doc]
            pub type #options<'a> = #shared_options<'a>;
        }
    } else {
        quote! {
            #[doc = #options_doc]
            #[derive(Clone, Default, #az::fmt::SafeDebug)]
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
            quote!(#az::http::Pager<super::models::#list>)
        }
        (None, Some(_)) => {
            let status = operation_status(op, rt);
            quote!(#az::http::Poller<#status>)
        }
        (None, None) if op.exists => quote!(#az::http::Response<bool>),
        (None, None) if op.success_type().is_none() => {
            quote!(#az::http::Response<(), #az::http::NoFormat>)
        }
        // Read with `into_model` as bytes or text (the runtime's formats).
        (None, None) if op.response_encoding == Encoding::Binary => {
            quote!(#az::http::Response<Vec<u8>, #rt::BinaryFormat>)
        }
        (None, None) if op.response_encoding == Encoding::Text => {
            quote!(#az::http::Response<String, #rt::TextFormat>)
        }
        // The enum is read with `IntoVariant`, which sees the status;
        // `into_model` sees only the body.
        (None, None) if op.success_by_status() => {
            let name = super::operations::by_status_name(op);
            quote!(#az::http::Response<super::#module::#name, #az::http::NoFormat>)
        }
        (None, None) => quote!(#az::http::Response<#success>),
    };
    let see = format!(
        "Arguments: see [`{request_fn}`](super::{}::{request_fn}).",
        group.name
    );
    let method_docs = ctx.docs.paragraphs(&[
        op.summary.as_deref().or(op.description.as_deref()),
        Some(&see),
    ]);
    // `__request` cannot be a parameter's name (see `naming`).
    let build = quote! {
        let options = options.unwrap_or_default();
        #ungroup
        let __request = super::#module::#request_fn(self.pipeline.endpoint(), #api_version_arg #(#call_args),*)?;
    };
    let method = match (page_fields, op.long_running) {
        (Some(fields), Some(via))
            if op
                .pageable
                .as_ref()
                .is_some_and(|p| p.next_operation.is_none()) =>
        {
            let next_link = next_link(fields);
            let via = final_state_via(via);
            quote! {
                #method_docs
                ///
                /// Returns a pager over the items of every page: the first page is
                /// the long-running operation's result, polled for as `options`
                /// say; then it follows each page's next link (on the client's
                /// endpoint only).
                pub fn #fn_name<'a>(&self, #(#args,)* options: Option<#options<'a>>) -> #az::Result<#response_ty> {
                    #build
                    Ok(self.pipeline.lro_pager(__request, super::#module::#response_fn, #rt::FinalStateVia::#via, options.method_options, #next_link))
                }
            }
        }
        (Some(fields), _) => {
            let next_link = next_link(fields);
            match op.pageable.as_ref().and_then(|p| p.next_operation.as_ref()) {
                None => quote! {
                    #method_docs
                    ///
                    /// Returns a pager over the items of every page: it follows each
                    /// page's next link (on the client's endpoint only).
                    pub fn #fn_name<'a>(&self, #(#args,)* options: Option<#options<'a>>) -> #az::Result<#response_ty> {
                        #build
                        Ok(self.pipeline.pager(options.method_options.context, __request, super::#module::#response_fn, #next_link))
                    }
                },
                Some(next) => {
                    let next_fn = format!("{}_request", naming::join(&[&next.name]));
                    let doc = format!(
                        " Returns a pager over the items of every page: each next page is asked for with [`{next_fn}`](super::{}::{next_fn}), given the page's next link and this call's arguments.",
                        next.group
                    );
                    let next = next_request(next, op);
                    quote! {
                        #method_docs
                        ///
                        #[doc = #doc]
                        pub fn #fn_name<'a>(&self, #(#args,)* options: Option<#options<'a>>) -> #az::Result<#response_ty> {
                            #build
                            let __next = #next;
                            Ok(self.pipeline.pager_with(options.method_options.context, __request, super::#module::#response_fn, #next_link, __next))
                        }
                    }
                }
            }
        }
        (None, Some(via)) => {
            let via = final_state_via(via);
            let status = format!("[`OperationStatus`]({}::OperationStatus)", path_text(rt));
            let poller_doc = format!(
                " Returns `azure_core`'s `Poller`, which sends the request when first polled: await it for the final result, or read it as a stream of {status} responses."
            );
            quote! {
                #method_docs
                #[doc = ""]
                #[doc = #poller_doc]
                pub fn #fn_name(&self, #(#args,)* options: Option<#options<'_>>) -> #az::Result<#response_ty> {
                    #build
                    Ok(self.pipeline.begin(__request, super::#module::#response_fn, #rt::FinalStateVia::#via, options.method_options))
                }
            }
        }
        (None, None) => {
            // An `Option` result (a status without a body, or a nullable
            // body): a success without a body must read as `None` through
            // `into_model`.
            // `CheckExistence`: the body is the answer, `true` or `false`.
            let execute = if op.exists {
                format_ident!("execute_exists")
            } else if (op.success_may_be_empty() || op.success_nullable())
                && !op.success_by_status()
            {
                format_ident!("execute_optional")
            } else {
                format_ident!("execute")
            };
            quote! {
                #method_docs
                pub async fn #fn_name(&self, #(#args,)* options: Option<#options<'_>>) -> #az::Result<#response_ty> {
                    #build
                    self.pipeline.#execute(&options.method_options.context, __request, super::#module::#response_fn).await
                }
            }
        }
    };
    (method, options_struct)
}

/// Whether `op`'s argument `name` is a field of a parameter group.
fn is_grouped(op: &Operation, name: &str) -> bool {
    op.params
        .iter()
        .any(|p| p.name == name && p.group.is_some())
}

/// Statements that bind each grouped parameter of `op` to a local of its
/// name, typed as the parameter is (`T` when the operation requires it,
/// else `Option<T>`), from the group arguments or the options' groups.
fn ungroup(group: &OperationGroup, op: &Operation) -> TokenStream {
    let module = ident(&group.name);
    let mut out = TokenStream::new();
    for arg in &op.param_groups {
        let Some(def) = group.param_groups.iter().find(|g| g.name == arg.group) else {
            continue;
        };
        let members: Vec<&Parameter> = op
            .params
            .iter()
            .filter(|p| p.group.as_deref() == Some(arg.group.as_str()))
            .collect();
        // Whether the struct holds the member as a plain value.
        let plain = |p: &Parameter| def.fields.iter().any(|f| f.name == p.name && f.required);
        let names: Vec<proc_macro2::Ident> = members.iter().map(|p| ident(&p.name)).collect();
        let ty = ident(&arg.group);
        let arg_name = ident(&arg.name);
        if arg.required {
            out.extend(quote! {
                let super::#module::#ty { #(#names,)* .. } = #arg_name;
            });
            // Plain in the struct, optional here: sent as set.
            for p in members.iter().filter(|p| !p.required && plain(p)) {
                let name = ident(&p.name);
                out.extend(quote!(let #name = Some(#name);));
            }
        } else {
            // Every member is optional here (else the group were required).
            let from_group = members.iter().map(|p| {
                let name = ident(&p.name);
                if plain(p) {
                    quote!(Some(__group.#name))
                } else {
                    quote!(__group.#name)
                }
            });
            let nones = members.iter().map(|_| quote!(None));
            out.extend(quote! {
                let (#(#names,)*) = match options.#arg_name {
                    Some(__group) => (#(#from_group,)*),
                    None => (#(#nones,)*),
                };
            });
        }
    }
    out
}

/// The `OperationStatus<…>` a long-running operation's poller reports.
pub(super) fn operation_status(op: &Operation, rt: &syn::Path) -> TokenStream {
    let az = quote!(#rt::__private::azure_core);
    match op.success_type() {
        Some(ty) => {
            let ty = type_tokens(ty, Scope::Sibling, rt);
            quote!(#rt::OperationStatus<#ty>)
        }
        None => quote!(#rt::OperationStatus<(), #az::http::NoFormat>),
    }
}

/// `azure_core`'s `Page` for a list model, through the runtime's `page!`,
/// written from `scope` (in `models`, or in a sibling module).
pub(super) fn page_impl(
    fields: &crate::ir::PageFields,
    scope: Scope,
    rt: &syn::Path,
) -> TokenStream {
    let list = type_tokens(&TypeRef::Model(fields.model.clone()), scope, rt);
    let field = ident(&fields.items.name);
    let item = type_tokens(&fields.item_type, scope, rt);
    let optional = fields.items.optional.then(|| quote!(optional));
    quote!(#rt::page!(#list, #optional #field, #item);)
}

/// The closure that reads a page's next link, for `ArmPipeline::pager`.
pub(super) fn next_link(fields: &crate::ir::PageFields) -> TokenStream {
    let list = ident(&fields.model);
    match &fields.next_link {
        Some(link) if link.optional => {
            let field = ident(&link.name);
            quote!(|page: &super::models::#list| page.#field.as_deref())
        }
        Some(link) => {
            let field = ident(&link.name);
            quote!(|page: &super::models::#list| Some(page.#field.as_str()))
        }
        None => quote!(|_: &super::models::#list| None),
    }
}

/// The runtime's `FinalStateVia` variant of `via`.
pub(super) fn final_state_via(via: FinalStateVia) -> TokenStream {
    match via {
        FinalStateVia::Location => quote!(Location),
        FinalStateVia::OriginalUri => quote!(OriginalUri),
        FinalStateVia::AzureAsyncOperation => quote!(AzureAsyncOperation),
        FinalStateVia::OperationLocation => quote!(OperationLocation),
    }
}
