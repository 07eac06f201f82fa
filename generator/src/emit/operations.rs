//! One module per operation group: a `*_request` and a `*_response` function
//! per operation.

use proc_macro2::TokenStream;
use quote::quote;

use super::checks::{Held, checks};
use super::types::{
    Context, Scope, ident, option, request_fn_name, response_fn_name, string_format, type_tokens,
};
use crate::ir::{
    Encoding, Format, HttpMethod, Operation, OperationGroup, ParamGroup, ParamLocation, ParamRole,
    Parameter, Passing, PathPart, TypeRef,
};
use crate::naming::{OperationType, unraw};

/// The module of one operation group. In a version of a provider, the
/// operations that are the same in every version are re-exported from the
/// provider's `shared` module (`in_shared`: this is that module's copy).
pub fn group(group: &OperationGroup, ctx: &Context, in_shared: bool) -> TokenStream {
    let module = ident(&group.name);
    // `shared` has no `API_VERSION`: each version has its own.
    let api_version = if in_shared {
        "the `API_VERSION` of the version module that re-exports it"
    } else {
        "[`API_VERSION`](super::API_VERSION)"
    };
    let doc = format!(
        "Operations of the `{}` group.\n\nEvery `*_request` function takes the Resource Manager `endpoint` (e.g. `https://management.azure.com`) and, when the operation has one, the `api_version` to call (normally {api_version}), then the operation's arguments; it checks every constraint of the spec before building the request.",
        group.wire_name
    );
    // Each function is here when its mark says it is where this module is:
    // shared in `shared`, the version's own in a version.
    let mut reexported = Vec::new();
    let mut functions = Vec::new();
    for op in &group.operations {
        if op.shared.request == in_shared {
            functions.push(request_fn(op, ctx));
            functions.push(content_type_enum(op));
        } else {
            reexported.push(request_fn_name(op));
            if op.content_type_choice() {
                reexported.push(content_type_name(op));
            }
        }
        if op.shared.response == in_shared {
            functions.push(response_fn(op, ctx));
            functions.push(headers_struct(op, ctx));
            functions.push(by_status_enum(op, ctx));
        } else {
            reexported.push(response_fn_name(op));
            if !op.response_headers.is_empty() {
                reexported.push(headers_name(op));
            }
            if op.success_by_status() {
                reexported.push(by_status_name(op));
            }
        }
    }
    // The version's copy of the group defines them (`shared` takes no
    // operation that names one).
    functions.extend(group.param_groups.iter().map(|g| group_struct(g, ctx)));
    let reexport = (!reexported.is_empty() && !in_shared)
        .then(|| quote!(pub use super::super::shared::#module::{#(#reexported),*};));
    let doc = ctx.docs.attrs(&Some(doc));
    // No `use` lines: the runtime's items are named by path, so that no
    // parameter or operation name can ever meet them.
    quote! {
        #doc
        pub mod #module {
            #reexport
            #(#functions)*
        }
    }
}

/// The struct of an `x-ms-parameter-grouping` group, which the client's
/// methods of the operations naming it take (by value, as options are): a
/// field per grouped parameter, an `Option` unless some operation requires
/// it.
fn group_struct(group: &ParamGroup, ctx: &Context) -> TokenStream {
    let rt = ctx.runtime;
    let az = quote!(#rt::__private::azure_core);
    let name = ident(&group.name);
    let operations: Vec<String> = group
        .operations
        .iter()
        .map(|id| format!("`{id}`"))
        .collect();
    let doc = format!(
        " Parameters the spec groups together (`x-ms-parameter-grouping`), for {}: set them once and hand the struct to each method of these operations, which sends the fields its operation has.",
        operations.join(", ")
    );
    let fields = group.fields.iter().map(|f| {
        let name = ident(&f.name);
        let ty = type_tokens(&f.ty, Scope::Sibling, rt);
        let ty = if f.required { ty } else { option(ty) };
        let doc = ctx.docs.attrs(&f.docs);
        quote! { #doc pub #name: #ty, }
    });
    // `Default` only when every field may be left out.
    let default = group
        .fields
        .iter()
        .all(|f| !f.required)
        .then(|| quote!(Default,));
    quote! {
        #[doc = #doc]
        #[derive(Clone, #default #az::fmt::SafeDebug)]
        pub struct #name {
            #(#fields)*
        }
    }
}

/// The argument type of a parameter.
pub fn arg_type(p: &Parameter, ctx: &Context) -> TokenStream {
    let owned = type_tokens(&p.ty, Scope::Sibling, ctx.runtime);
    let base = match (p.passing(), &p.ty) {
        (Passing::Slice, TypeRef::Array(item)) => {
            let item = type_tokens(item, Scope::Sibling, ctx.runtime);
            quote!(&[#item])
        }
        (Passing::Str, _) => quote!(&str),
        (Passing::Bytes, _) => quote!(&[u8]),
        (Passing::Ref | Passing::Slice, _) => quote!(&#owned),
        (Passing::Value, _) => owned,
    };
    if p.required { base } else { option(base) }
}

/// How a caller hands `value`, the owned argument (`T`, or `Option<T>` when
/// optional), to the request function's parameter `p`.
pub fn pass_owned(p: &Parameter, value: TokenStream) -> TokenStream {
    match (p.passing(), p.required) {
        (Passing::Value, _) => value,
        (_, true) => quote!(&#value),
        (Passing::Str | Passing::Slice | Passing::Bytes, false) => quote!(#value.as_deref()),
        (Passing::Ref, false) => quote!(#value.as_ref()),
    }
}

fn method_tokens(method: HttpMethod, rt: &syn::Path) -> TokenStream {
    match method {
        HttpMethod::Get => quote!(#rt::Method::Get),
        HttpMethod::Put => quote!(#rt::Method::Put),
        HttpMethod::Post => quote!(#rt::Method::Post),
        HttpMethod::Patch => quote!(#rt::Method::Patch),
        HttpMethod::Delete => quote!(#rt::Method::Delete),
        HttpMethod::Head => quote!(#rt::Method::Head),
    }
}

/// The separator of a list parameter's values (`multi` repeats the
/// parameter instead).
fn separator(p: &Parameter) -> &'static str {
    match p.collection_format.as_deref() {
        Some("ssv") => " ",
        Some("tsv") => "\t",
        Some("pipes") => "|",
        _ => ",",
    }
}

/// The text of one item of a list parameter, `__item`: a `&str` for
/// strings and enums, a `String` for numbers and booleans.
fn item_text(item: &TypeRef) -> TokenStream {
    match item {
        TypeRef::String | TypeRef::Model(_) => quote!(__item.as_str()),
        _ => quote!(__item.to_string()),
    }
}

/// A list parameter's items as text, joined by its separator: a `String`.
fn joined(p: &Parameter, value: &TokenStream) -> Option<TokenStream> {
    let TypeRef::Array(item) = &p.ty else {
        return None;
    };
    if !p.is_list() {
        return None;
    }
    let text = item_text(item);
    let separator = separator(p);
    Some(quote!(#value.iter().map(|__item| #text).collect::<Vec<_>>().join(#separator)))
}

/// A parameter value as text for a URL or header.
fn as_text(p: &Parameter, value: &TokenStream) -> TokenStream {
    // A list's items joined: the whole value is then encoded as any other
    // (a path segment, a query value), so an item can never end the segment
    // or the query.
    if let Some(joined) = joined(p, value) {
        return quote!(&#joined);
    }
    match &p.ty {
        TypeRef::String => quote!(#value),
        TypeRef::Model(_) => quote!(#value.as_str()),
        TypeRef::Secret => quote!(#value.secret()),
        _ => quote!(&#value.to_string()),
    }
}

/// `op`'s path as `UrlBuilder::path` takes it (literals, and `{name}` for
/// each parameter) with the parameters' values as text; `None` when a
/// parameter is not a plain segment (a next link, or a value that is itself a
/// path), when a literal holds a brace, or when there is no parameter.
fn path_template(op: &Operation) -> Option<(String, Vec<TokenStream>)> {
    let mut template = String::new();
    let mut values = Vec::new();
    for part in &op.path {
        match part {
            PathPart::Literal(text) if !text.contains(['{', '}']) => template.push_str(text),
            PathPart::Param(reference) => {
                let p = op.params.get(reference.index)?;
                if p.role == ParamRole::NextLink
                    || p.multi_segment
                    || p.wire_name.contains(['{', '}'])
                {
                    return None;
                }
                template.push('{');
                template.push_str(&p.wire_name);
                template.push('}');
                let name = ident(&p.name);
                values.push(as_text(p, &quote!(#name)));
            }
            PathPart::Literal(_) => return None,
        }
    }
    (!values.is_empty()).then_some((template, values))
}

/// `op`'s path as a `UrlBuilder` call per part: what [`path_template`]
/// cannot write.
fn path_calls(op: &Operation) -> Vec<TokenStream> {
    let mut calls = Vec::new();
    for part in &op.path {
        calls.push(match part {
            PathPart::Literal(text) => quote!(.literal(#text)),
            PathPart::Param(reference) => {
                let Some(p) = op.params.get(reference.index) else {
                    continue;
                };
                let wire = &p.wire_name;
                let name = ident(&p.name);
                let text = as_text(p, &quote!(#name));
                if p.role == ParamRole::NextLink {
                    quote!(.link(#wire, #text))
                } else if p.multi_segment {
                    quote!(.segments(#wire, #text))
                } else {
                    quote!(.segment(#wire, #text))
                }
            }
        });
    }
    calls
}

/// The `*_request` function. Its locals start with `__`, which no parameter
/// name does (see `naming`), and an optional parameter is unwrapped under its
/// own name: so no parameter can hide a local, nor a local a parameter.
fn request_fn(op: &Operation, ctx: &Context) -> TokenStream {
    let rt = ctx.runtime;
    let fn_name = request_fn_name(op);
    let content_type_arg = op.content_type_choice().then(|| {
        let ty = content_type_name(op);
        quote!(content_type: #ty)
    });
    let args = op
        .params
        .iter()
        .filter(|p| p.constant().is_none())
        .map(|p| {
            let name = ident(&p.name);
            let ty = arg_type(p, ctx);
            quote!(#name: #ty)
        })
        .chain(content_type_arg);
    // A constant is a local of the value it always has: the code that sends
    // an argument sends it.
    let constants: Vec<TokenStream> = op
        .params
        .iter()
        .filter_map(|p| {
            let value = p.constant()?;
            let name = ident(&p.name);
            // Resolve made every constant a string: its wire text.
            Some(quote!(let #name: &str = #value;))
        })
        .collect();
    let mut docs_text = vec![op.summary.as_deref(), op.description.as_deref()];
    let line = format!(
        "`{} {}` (`{}`).",
        op.method.as_str(),
        op.path_template,
        op.id
    );
    docs_text.push(Some(&line));
    let arg_docs = argument_docs(op);
    docs_text.push(arg_docs.as_deref());
    let docs = ctx.docs.paragraphs(&docs_text);

    let mut validations = Vec::new();
    if let Some(c) = &op.api_version {
        validations.push(checks(
            &quote!(api_version),
            Held::Arg,
            &TypeRef::String,
            c,
            &quote!("api-version"),
            false,
            ctx,
        ));
    }
    for p in op.params.iter().filter(|p| p.constant().is_none()) {
        let name = ident(&p.name);
        let wire = &p.wire_name;
        // Bytes have nothing to check.
        let nested = p.location == ParamLocation::Body && p.ty != TypeRef::Binary;
        let held = if p.location == ParamLocation::Body || matches!(p.ty, TypeRef::Model(_)) {
            Held::Ref
        } else {
            Held::Arg
        };
        if p.constraints.is_empty() && !nested {
            continue;
        }
        let body = checks(
            &quote!(#name),
            held,
            &p.ty,
            &p.constraints,
            &quote!(#wire),
            nested,
            ctx,
        );
        validations.push(if p.required {
            body
        } else {
            quote! { if let Some(#name) = #name { #body } }
        });
    }

    let mut chain = vec![quote!(#rt::UrlBuilder::new(endpoint))];
    // The path as one template and its values when every parameter in it is
    // a plain segment: a line, where a call per part took two (ARM paths
    // alternate literals and names), and the path reads as the spec writes it.
    match path_template(op) {
        Some((template, values)) => chain.push(quote!(.path(#template, &[#(#values),*]))),
        None => chain.extend(path_calls(op)),
    }
    if op.api_version.is_some() {
        chain.push(quote!(.query("api-version", api_version)));
    }
    let mut optional_query = Vec::new();
    let mut secret_marks = Vec::new();
    let mut headers = Vec::new();
    if let Some(accept) = &op.accept {
        headers.push(quote!(__request.headers.push(("accept".to_owned(), #accept.to_owned()));));
    }
    for p in &op.params {
        let name = ident(&p.name);
        let wire = &p.wire_name;
        let text = as_text(p, &quote!(#name));
        let owned = match &p.ty {
            TypeRef::Array(_) => {
                joined(p, &quote!(#name)).unwrap_or_else(|| quote!(#text.to_owned()))
            }
            TypeRef::String => quote!(#name.to_owned()),
            TypeRef::Model(_) => quote!(#name.as_str().to_owned()),
            _ => quote!(#name.to_string()),
        };
        let secret = p.ty == TypeRef::Secret;
        // The request remembers which names are secret, so that it never
        // shows their values.
        if secret && p.location == ParamLocation::Query {
            secret_marks.push(quote!(__request.mark_secret(#wire);));
        }
        let push_header = if secret {
            quote!(__request.push_secret_header(#wire, #name);)
        } else {
            quote!(__request.headers.push((#wire.to_owned(), #owned));)
        };
        let add_query = if p.multi_segment {
            quote!(query_unencoded)
        } else {
            quote!(query)
        };
        let multi = p.is_list() && p.collection_format.as_deref() == Some("multi");
        match (p.location, p.required) {
            (ParamLocation::Query, required) if multi => {
                // `multi`: the parameter once per item, each encoded.
                let TypeRef::Array(item) = &p.ty else {
                    continue;
                };
                let item = match **item {
                    TypeRef::String | TypeRef::Model(_) => quote!(__item.as_str()),
                    _ => quote!(&__item.to_string()),
                };
                let each = quote!(for __item in #name { __url = __url.#add_query(#wire, #item); });
                optional_query.push(if required {
                    each
                } else {
                    quote!(if let Some(#name) = #name { #each })
                });
            }
            (ParamLocation::Query, true) => chain.push(quote!(.#add_query(#wire, #text))),
            (ParamLocation::Query, false) => {
                optional_query.push(
                    quote!(if let Some(#name) = #name { __url = __url.#add_query(#wire, #text); }),
                );
            }
            (ParamLocation::Header, true) => headers.push(push_header),
            (ParamLocation::Header, false) => {
                headers.push(quote!(if let Some(#name) = #name { #push_header }))
            }
            _ => {}
        }
    }
    let url = if optional_query.is_empty() {
        quote!(let __url = #(#chain)*;)
    } else {
        quote!(let mut __url = #(#chain)*; #(#optional_query)*)
    };
    let body = op
        .body()
        .map(|p| body_tokens(op, p, ctx))
        .or_else(|| form_tokens(op, ctx));
    let method = method_tokens(op.method, rt);
    let api_version_arg = op.api_version.as_ref().map(|_| quote!(api_version: &str,));
    validations.retain(|tokens| !tokens.is_empty());
    let validate = if validations.is_empty() {
        quote!()
    } else {
        quote! {
            let mut __validator = #rt::Validator::default();
            #(#validations)*
            __validator.finish()?;
        }
    };
    quote! {
        #docs
        pub fn #fn_name(endpoint: &#rt::Url, #api_version_arg #(#args),*) -> Result<#rt::HttpRequest, #rt::ValidationErrors> {
            #(#constants)*
            #validate
            #url
            let mut __request = #rt::HttpRequest::new(#method, __url.build()?);
            #(#secret_marks)*
            #(#headers)*
            #body
            Ok(__request)
        }
    }
}

/// The statement that sets the body `p` of `op`'s request: as JSON, text or
/// bytes, with the media type the spec gives or the caller chose.
fn body_tokens(op: &Operation, p: &Parameter, ctx: &Context) -> TokenStream {
    let name = ident(&p.name);
    let wire = &p.wire_name;
    // Read-only members are the service's to set: never sent.
    let json = if crate::analyse::refers_to(&p.ty, ctx.read_only) {
        quote!(set_json_body_writable)
    } else {
        quote!(set_json_body)
    };
    let set = |encoding: Encoding, media: TokenStream| match encoding {
        Encoding::Json => quote!(__request.#json(#wire, #name)?;),
        Encoding::Text => quote!(__request.set_text_body(#media, #name);),
        Encoding::Binary => quote!(__request.set_bytes_body(#media, #name);),
        // Forms are made of `in: formData` parameters, never of a body
        // parameter (see `form_tokens`).
        Encoding::UrlEncoded | Encoding::Multipart => quote!(),
    };
    let statement = match op.content_types.as_slice() {
        // No `consumes`: JSON, as for every ARM operation.
        [] => set(Encoding::Json, quote!()),
        [only] => {
            let media = &only.media;
            set(only.encoding, quote!(#media))
        }
        several => {
            let enum_name = content_type_name(op);
            let arms = several.iter().map(|c| {
                let variant = ident(&c.variant);
                let set = set(c.encoding, quote!(content_type.as_str()));
                quote!(#enum_name::#variant => { #set })
            });
            quote!(match content_type { #(#arms)* })
        }
    };
    if p.required {
        statement
    } else {
        quote!(if let Some(#name) = #name { #statement })
    }
}

/// The statements that build the form body of `op` from its `in: formData`
/// parameters, in order (an optional one left out is not sent), and set it
/// URL-encoded or as `multipart/form-data`; nothing without a form.
fn form_tokens(op: &Operation, ctx: &Context) -> Option<TokenStream> {
    if !op.has_form() {
        return None;
    }
    let rt = ctx.runtime;
    let fields = op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Form)
        .map(|p| {
            let name = ident(&p.name);
            let wire = &p.wire_name;
            let add = match &p.ty {
                TypeRef::Binary => quote!(__form.file(#wire, #name);),
                // Several files under one name: a part each.
                TypeRef::Array(item) if **item == TypeRef::Binary => {
                    quote!(for __item in #name { __form.file(#wire, __item); })
                }
                _ => {
                    let text = as_text(p, &quote!(#name));
                    quote!(__form.text(#wire, #text);)
                }
            };
            if p.required {
                add
            } else {
                quote!(if let Some(#name) = #name { #add })
            }
        });
    let set = if op
        .content_types
        .iter()
        .any(|c| c.encoding == Encoding::Multipart)
    {
        quote!(__request.set_multipart_body(&__form);)
    } else {
        quote!(__request.set_urlencoded_body("form", &__form)?;)
    };
    Some(quote! {
        let mut __form = #rt::FormBody::new();
        #(#fields)*
        #set
    })
}

/// The name of the enum of the media types an operation's body may be sent
/// as, when the caller chooses (`UploadContentType`).
pub fn content_type_name(op: &Operation) -> proc_macro2::Ident {
    quote::format_ident!("{}", OperationType::ContentType.name(&op.name))
}

/// The enum of the media types an operation's body may be sent as, one
/// variant per type of its `consumes` that armgen can produce for the body;
/// nothing when there is no choice.
fn content_type_enum(op: &Operation) -> TokenStream {
    if !op.content_type_choice() {
        return TokenStream::new();
    }
    let name = content_type_name(op);
    let doc = format!(
        " The media types the body of `{}` may be sent as: the request's `Content-Type`, chosen by the caller.",
        op.id
    );
    let variants = op.content_types.iter().map(|c| {
        let variant = ident(&c.variant);
        let how = match c.encoding {
            Encoding::Json => "the body serialized as JSON",
            Encoding::Text => "the text as it is",
            Encoding::Binary => "the bytes as they are",
            Encoding::UrlEncoded | Encoding::Multipart => "the form",
        };
        let text = format!(" `{}`: {how}.", c.media);
        quote! { #[doc = #text] #variant, }
    });
    let arms = op.content_types.iter().map(|c| {
        let variant = ident(&c.variant);
        let media = &c.media;
        quote!(Self::#variant => #media,)
    });
    quote! {
        #[doc = #doc]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#variants)*
        }

        impl #name {
            /// The media type as sent in `Content-Type`.
            pub fn as_str(self) -> &'static str {
                match self {
                    #(#arms)*
                }
            }
        }
    }
}

fn argument_docs(op: &Operation) -> Option<String> {
    // `endpoint` and `api_version` are described once, in the group's docs.
    if op.params.is_empty() {
        return None;
    }
    let mut lines = vec!["# Arguments".to_owned()];
    let mut constants = Vec::new();
    for p in &op.params {
        let location = match p.location {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
            ParamLocation::Form => "form field",
            ParamLocation::Body => "body",
        };
        let optional = if p.required { "" } else { ", optional" };
        let doc = p
            .docs
            .as_deref()
            .map(|d| format!(": {}", d.replace('\n', " ")))
            .unwrap_or_default();
        if let Some(value) = p.constant() {
            constants.push(format!(
                "* `{}` ({location}) is always `{value}`{doc}",
                p.wire_name
            ));
            continue;
        }
        lines.push(format!(
            "* `{}` - `{}` ({location}{optional}){doc}",
            unraw(&p.name),
            p.wire_name
        ));
    }
    if op.content_type_choice() {
        lines.push(format!(
            "* `content_type` - the body's media type ({})",
            op.content_types
                .iter()
                .map(|c| format!("`{}`", c.media))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if lines.len() == 1 {
        lines.clear();
    }
    if !constants.is_empty() {
        lines.push("# Sent for you".to_owned());
        lines.extend(constants);
    }
    Some(lines.join("\n"))
}

/// The success type of an operation as tokens, written from the group's
/// module.
pub fn success_type(op: &Operation, ctx: &Context) -> TokenStream {
    if op.exists {
        return quote!(bool);
    }
    // Bytes and text are read whole, whatever the success status: an empty
    // body is no bytes, or the empty string.
    match (op.response_encoding, op.success_type()) {
        (Encoding::Binary, Some(_)) => return quote!(Vec<u8>),
        (Encoding::Text, Some(_)) => return quote!(String),
        _ => {}
    }
    if op.success_by_status() {
        let name = by_status_name(op);
        return quote!(#name);
    }
    match op.success_type() {
        None => quote!(()),
        Some(ty) => {
            let ty = type_tokens(ty, Scope::Sibling, ctx.runtime);
            // A nullable body is an `Option` already, `None` also when a
            // status has no body.
            if op.success_may_be_empty() && !op.success_nullable() {
                option(ty)
            } else {
                ty
            }
        }
    }
}

/// The error model of an operation as tokens.
pub fn error_type(op: &Operation, ctx: &Context) -> TokenStream {
    match &op.error {
        Some(ty) => type_tokens(ty, Scope::Sibling, ctx.runtime),
        None => {
            let rt = ctx.runtime;
            quote!(#rt::__private::serde_json::Value)
        }
    }
}

fn response_fn(op: &Operation, ctx: &Context) -> TokenStream {
    let fn_name = response_fn_name(op);
    let success = success_type(op, ctx);
    let error = error_type(op, ctx);
    let rt = ctx.runtime;
    let with_body = op
        .responses
        .iter()
        .filter(|r| r.ty.is_some())
        .map(|r| proc_macro2::Literal::u16_unsuffixed(r.status));
    let without_body = op
        .responses
        .iter()
        .filter(|r| r.ty.is_none())
        .map(|r| proc_macro2::Literal::u16_unsuffixed(r.status));
    let all_statuses = op
        .responses
        .iter()
        .map(|r| proc_macro2::Literal::u16_unsuffixed(r.status));
    let decode = match (op.success_type(), op.success_may_be_empty()) {
        _ if op.exists => quote!(#rt::decode_exists(response, &[#(#without_body),*])),
        (Some(_), _) if op.response_encoding == Encoding::Binary => {
            quote!(#rt::decode_bytes(response, &[#(#all_statuses),*]))
        }
        (Some(_), _) if op.response_encoding == Encoding::Text => {
            quote!(#rt::decode_text(response, &[#(#all_statuses),*]))
        }
        _ if op.success_nullable() && !op.success_by_status() => {
            quote!(#rt::decode_nullable(response, &[#(#with_body),*], &[#(#without_body),*]))
        }
        _ if op.success_by_status() => {
            let statuses = op
                .responses
                .iter()
                .map(|r| proc_macro2::Literal::u16_unsuffixed(r.status));
            quote!(#rt::decode_by_status(response, &[#(#statuses),*]))
        }
        (Some(_), false) => quote!(#rt::decode_body(response, &[#(#with_body),*])),
        (Some(_), true) => {
            quote!(#rt::decode_optional(response, &[#(#with_body),*], &[#(#without_body),*]))
        }
        (None, _) => quote!(#rt::decode_empty(response, &[#(#without_body),*])),
    };
    let doc = format!(
        " Decodes a response to `{}`: the success body, or a [`ResponseError`]({}::ResponseError) holding the service's error.",
        op.id,
        super::types::path_text(rt)
    );
    // `Option` items (`x-nullable`) nest the spec's type one level deeper
    // than clippy's `type_complexity` accepts in a signature.
    let allow = op
        .responses
        .iter()
        .any(|r| r.ty.as_ref().is_some_and(TypeRef::has_nullable))
        .then(|| quote!(#[allow(clippy::type_complexity)]));
    quote! {
        #[doc = #doc]
        #allow
        pub fn #fn_name(response: &#rt::HttpResponse) -> Result<#success, #rt::ResponseError<#error>> {
            #decode
        }
    }
}

/// The name of the success enum of an operation whose success statuses have
/// bodies of different types (`GetResponse`).
pub fn by_status_name(op: &Operation) -> proc_macro2::Ident {
    quote::format_ident!("{}", OperationType::ByStatus.name(&op.name))
}

/// The success enum of an operation whose success statuses have bodies of
/// different types: one variant per success status (`Status201(B)`, or
/// `Status204` without a body), decoded by status; nothing for any other
/// operation. It serializes as the body alone (the status is the variant),
/// which is what a dynamic caller gets as JSON.
fn by_status_enum(op: &Operation, ctx: &Context) -> TokenStream {
    if !op.success_by_status() {
        return TokenStream::new();
    }
    let rt = ctx.runtime;
    let serde_crate = ctx.serde_crate;
    let name = by_status_name(op);
    let doc = format!(
        " The success of `{}`, whose success statuses have bodies of different types: one variant per status. The client method returns it in a `Response<{name}, NoFormat>`; read it with [`IntoVariant::into_variant`]({}::IntoVariant::into_variant).",
        op.id,
        super::types::path_text(rt)
    );
    let variant = |status: u16| quote::format_ident!("Status{status}");
    let variants = op.responses.iter().map(|r| {
        let v = variant(r.status);
        match &r.ty {
            Some(ty) => {
                let ty = type_tokens(ty, Scope::Sibling, rt);
                let text = format!(" `{}`, with its body.", r.status);
                quote! { #[doc = #text] #v(#ty), }
            }
            None => {
                let text = format!(" `{}`, without a body.", r.status);
                quote! { #[doc = #text] #v, }
            }
        }
    });
    let decodes = op.responses.iter().map(|r| {
        let v = variant(r.status);
        let status = proc_macro2::Literal::u16_unsuffixed(r.status);
        match r.ty {
            // `null` or no body at all.
            Some(TypeRef::Nullable(_)) => quote! {
                #status if body.iter().all(u8::is_ascii_whitespace) => Ok(Self::#v(None)),
                #status => #rt::__private::serde_json::from_slice(body).map(Self::#v),
            },
            Some(_) => {
                quote!(#status => #rt::__private::serde_json::from_slice(body).map(Self::#v),)
            }
            // Whatever a body-less status carries is not read, as for
            // operations with one success type.
            None => quote!(#status => Ok(Self::#v),),
        }
    });
    let validates = op.responses.iter().map(|r| {
        let v = variant(r.status);
        match r.ty {
            Some(_) => {
                quote!(Self::#v(__body) => #rt::Validate::validate_at(__body, path, validator),)
            }
            None => quote!(Self::#v => {}),
        }
    });
    let id = &op.id;
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, PartialEq, #rt::__private::serde::Serialize)]
        #[serde(crate = #serde_crate, untagged)]
        pub enum #name {
            #(#variants)*
        }

        impl #rt::FromStatus for #name {
            fn from_status(status: u16, body: &[u8]) -> Result<Self, #rt::__private::serde_json::Error> {
                match status {
                    #(#decodes)*
                    _ => Err(<#rt::__private::serde_json::Error as #rt::__private::serde::de::Error>::custom(::std::format!("status {status} is not a success of `{}`", #id))),
                }
            }
        }

        impl #rt::Validate for #name {
            fn validate_at(&self, path: &str, validator: &mut #rt::Validator) {
                match self {
                    #(#validates)*
                }
            }
        }
    }
}

/// The name of an operation's response headers struct (`ListHeaders`).
pub fn headers_name(op: &Operation) -> proc_macro2::Ident {
    quote::format_ident!("{}", OperationType::Headers.name(&op.name))
}

/// The struct of the headers an operation's success responses declare,
/// typed, with a reader over a response's `(name, value)` pairs; nothing
/// when it declares none.
fn headers_struct(op: &Operation, ctx: &Context) -> TokenStream {
    if op.response_headers.is_empty() {
        return TokenStream::new();
    }
    let rt = ctx.runtime;
    let name = headers_name(op);
    let doc = format!(
        " The headers `{}` declares on its success responses, typed; read them with [`{name}::from_headers`], or through [`ResponseHeaders`]({}::ResponseHeaders) from a client method's response (`from_response`).",
        op.id,
        super::types::path_text(rt)
    );
    let fields = op.response_headers.iter().map(|h| {
        let field = ident(&h.name);
        let ty = option(type_tokens(&h.ty, Scope::Sibling, rt));
        let text = match &h.docs {
            Some(d) => format!(" `{}`: {}", h.wire_name, d.replace('\n', " ")),
            None => format!(" `{}`.", h.wire_name),
        };
        quote! { #[doc = #text] pub #field: #ty, }
    });
    let reads = op.response_headers.iter().map(|h| {
        let field = ident(&h.name);
        let wire = &h.wire_name;
        let parse = |ty: TokenStream, what: &str| {
            quote! {
                match __value.trim().parse::<#ty>() {
                    Ok(__parsed) => __out.#field = Some(__parsed),
                    Err(_) => __errors.push(#rt::ValidationError::new(#wire, #rt::Constraint::Type(#what.to_owned()))),
                }
            }
        };
        let read = match &h.ty {
            TypeRef::Secret => quote!(__out.#field = Some(#rt::Secret::new(__value));),
            TypeRef::Bool => parse(quote!(bool), "a boolean"),
            TypeRef::I32 => parse(quote!(i32), "an int32"),
            TypeRef::I64 => parse(quote!(i64), "an int64"),
            TypeRef::F32 => parse(quote!(f32), "a float"),
            TypeRef::F64 => parse(quote!(f64), "a double"),
            TypeRef::Format(Format::Char) => parse(quote!(char), "a single character"),
            TypeRef::Format(Format::UnixTime) => parse(quote!(#rt::UnixTime), "an integer (unixtime)"),
            TypeRef::Format(format) => {
                let ty = type_tokens(&h.ty, Scope::Sibling, rt);
                let check = string_format(*format, rt);
                quote! {
                    match #ty::parse(__value.trim()) {
                        Ok(__parsed) => __out.#field = Some(__parsed),
                        Err(_) => __errors.push(#rt::ValidationError::new(#wire, #rt::Constraint::Format(#check))),
                    }
                }
            }
            _ => quote!(__out.#field = Some(__value.to_owned());),
        };
        quote! {
            if __name.eq_ignore_ascii_case(#wire) {
                #read
            }
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct #name {
            #(#fields)*
        }

        impl #rt::ResponseHeaders for #name {
            fn from_header_pairs<'h>(headers: impl ::core::iter::IntoIterator<Item = (&'h str, &'h str)>) -> Result<Self, #rt::ValidationErrors> {
                Self::from_headers(headers)
            }
        }

        impl #name {
            /// Reads the declared headers from a response's `(name, value)`
            /// pairs, names in any case: one that is absent stays `None`; one
            /// whose value is not of its declared type is an error naming it.
            pub fn from_headers<'h>(headers: impl ::core::iter::IntoIterator<Item = (&'h str, &'h str)>) -> Result<Self, #rt::ValidationErrors> {
                let mut __out = Self::default();
                let mut __errors = Vec::new();
                for (__name, __value) in headers {
                    #(#reads)*
                }
                if __errors.is_empty() {
                    Ok(__out)
                } else {
                    Err(#rt::ValidationErrors(__errors))
                }
            }
        }
    }
}
