//! Hand-written support code that the generated bindings call into.
//!
//! The generated modules stay small because everything that does not depend on
//! the spec lives here: the transport-neutral request and response types, the
//! percent-encoding of path segments, the constraint checks and the typed
//! response error. Nothing in this module performs I/O.

mod client;
mod dynamic;
mod enums;
mod error;
mod http;
mod lro;
mod paging;
mod read_only;
mod redact;
mod validate;

#[doc(inline)]
pub use crate::__armgen_page as page;
#[doc(inline)]
pub use crate::__armgen_string_enum as string_enum;
#[doc(inline)]
pub use crate::__armgen_tagged_union as tagged_union;
pub use async_trait::async_trait;
pub use azure_core::credentials::Secret;
pub use azure_core::http::Url;
pub use client::{
    ArmClientOptions, ArmPipeline, MethodOptions, ResourceManagerAudience, StaticTokenCredential,
    resource_manager_endpoint, resource_manager_scope, response_error,
};
pub use dynamic::{
    DynamicError, DynamicParams, DynamicValidate, OperationInfo, ServiceInfo, dynamic_result,
};
pub use error::{
    ErrorBody, ResponseError, ServiceError, decode_body, decode_empty, decode_json, decode_optional,
};
pub use http::{HttpRequest, HttpResponse, Method, UrlBuilder};
pub use lro::{FinalStateVia, Poller, PollerOptions};
pub use paging::{NextLink, PageDecoder};
pub use read_only::{StripReadOnly, strip_member, strip_members};
pub use regex::Regex;
pub use validate::{
    Constraint, Validate, ValidationError, ValidationErrors, Validator, compile_pattern,
};
