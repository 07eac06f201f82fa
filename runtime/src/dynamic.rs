//! Support for calling operations by `operationId` with JSON parameters.
//!
//! The generated `dynamic` module of each resource provider uses these helpers
//! so that example files (`x-ms-examples`) and emulators can drive any
//! operation without code written for it.

use std::fmt;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::error::ResponseError;
use super::http::{HttpRequest, HttpResponse, Method};
use super::validate::{Constraint, Validate, ValidationError, ValidationErrors, Validator};
use url::Url;

/// A parameter map as found in an example file's `parameters`.
#[derive(Debug)]
pub struct DynamicParams<'a> {
    params: &'a Map<String, Value>,
}

impl<'a> DynamicParams<'a> {
    /// Wraps an example's `parameters` object.
    pub fn new(params: &'a Map<String, Value>) -> Self {
        Self { params }
    }

    /// A required parameter, read as its declared type.
    pub fn required<T: DeserializeOwned>(
        &self,
        name: &str,
        expected: &str,
    ) -> Result<T, DynamicError> {
        match self.params.get(name) {
            None | Some(Value::Null) => Err(DynamicError::invalid(name, Constraint::Required)),
            Some(value) => read(name, value, expected),
        }
    }

    /// An optional parameter, read as its declared type.
    pub fn optional<T: DeserializeOwned>(
        &self,
        name: &str,
        expected: &str,
    ) -> Result<Option<T>, DynamicError> {
        match self.params.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => read(name, value, expected).map(Some),
        }
    }
}

fn read<T: DeserializeOwned>(name: &str, value: &Value, expected: &str) -> Result<T, DynamicError> {
    T::deserialize(value).map_err(|e| {
        // serde's message names the missing or mistyped field; it only quotes
        // values for scalar mismatches, which the type name replaces here.
        let detail = match e.classify() {
            serde_json::error::Category::Data if e.to_string().starts_with("missing field") => {
                format!("{expected} ({e})")
            }
            _ => expected.to_owned(),
        };
        DynamicError::invalid(name, Constraint::Type(detail))
    })
}

/// An operation's method and path template, for routing and listings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OperationInfo {
    /// The `operationId`.
    pub id: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The path template, e.g. `/subscriptions/{subscriptionId}/…`.
    pub path: &'static str,
}

/// A service's `dynamic::build_request`.
pub type BuildRequestFn = fn(&str, &Url, &Map<String, Value>) -> Result<HttpRequest, DynamicError>;

/// A service's `dynamic::decode_response`.
pub type DecodeResponseFn = fn(&str, &HttpResponse) -> Result<Value, DynamicError>;

/// One generated service, as listed in `arm_bindings::SERVICES`.
#[derive(Clone, Copy, Debug)]
pub struct ServiceInfo {
    /// The module name (`relay`).
    pub module: &'static str,
    /// The api-version the service was generated for.
    pub api_version: &'static str,
    /// Its operations.
    pub operations: &'static [OperationInfo],
    /// Its `dynamic::build_request`.
    pub build_request: BuildRequestFn,
    /// Its `dynamic::decode_response`.
    pub decode_response: DecodeResponseFn,
}

impl ServiceInfo {
    /// The operation with this `operationId`.
    pub fn operation(&self, id: &str) -> Option<&'static OperationInfo> {
        self.operations.iter().find(|op| op.id == id)
    }
}

/// Turns a typed decode result into validated JSON for dynamic callers.
pub fn dynamic_result<T, E>(result: Result<T, ResponseError<E>>) -> Result<Value, DynamicError>
where
    T: Serialize + DynamicValidate,
    E: Serialize,
{
    match result {
        Ok(value) => {
            value.validate_dynamic()?;
            serde_json::to_value(&value).map_err(|e| DynamicError::Response {
                status: 0,
                message: format!("the decoded model does not serialize: {e}"),
            })
        }
        Err(error) => Err(DynamicError::Response {
            status: error.status(),
            message: error.to_string(),
        }),
    }
}

/// Success types of operations: models validate, `()` and JSON do not.
pub trait DynamicValidate {
    /// Checks the constraints of a decoded response.
    fn validate_dynamic(&self) -> Result<(), ValidationErrors>;
}

impl<T: Validate> DynamicValidate for T {
    fn validate_dynamic(&self) -> Result<(), ValidationErrors> {
        self.validate_as("response")
    }
}

impl Validate for () {
    fn validate_at(&self, _path: &str, _validator: &mut Validator) {}
}

impl Validate for Value {
    fn validate_at(&self, _path: &str, _validator: &mut Validator) {}
}

/// Why a dynamic call could not be made.
#[derive(Debug, PartialEq)]
pub enum DynamicError {
    /// No operation has this `operationId`.
    UnknownOperation(String),
    /// The parameters broke constraints or were of the wrong type.
    Invalid(ValidationErrors),
    /// The response was not the operation's success.
    Response {
        /// The HTTP status.
        status: u16,
        /// The typed error, displayed.
        message: String,
    },
}

impl DynamicError {
    fn invalid(name: &str, constraint: Constraint) -> Self {
        DynamicError::Invalid(ValidationErrors(vec![ValidationError::new(
            name, constraint,
        )]))
    }
}

impl From<ValidationErrors> for DynamicError {
    fn from(errors: ValidationErrors) -> Self {
        DynamicError::Invalid(errors)
    }
}

impl fmt::Display for DynamicError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DynamicError::UnknownOperation(id) => {
                write!(f, "no operation has the operationId `{id}`")
            }
            DynamicError::Invalid(errors) => errors.fmt(f),
            DynamicError::Response { message, .. } => f.write_str(message),
        }
    }
}

impl std::error::Error for DynamicError {}
