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
use super::validate::{Constraint, Validate, ValidationError, ValidationErrors};
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

    /// The `api-version` parameter, `default` where it is missing (or
    /// `null`): the version the bindings were generated for.
    pub fn api_version(&self, default: &str) -> Result<String, DynamicError> {
        Ok(self
            .optional("api-version", "a string")?
            .unwrap_or_else(|| default.to_owned()))
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
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let (target, constraint) = describe(name, &path, &e.into_inner().to_string(), expected);
        DynamicError::invalid(&target, constraint)
    })
}

/// Turns serde's error at `path` (`.` for the value itself) inside parameter
/// `name` into the field it is about (`parameters.sku.name`) and the
/// constraint it broke. Only the parts of serde's message that describe types,
/// field names or allowed values are kept: never the value sent, which may be
/// a key.
fn describe(name: &str, path: &str, message: &str, expected: &str) -> (String, Constraint) {
    let at_root = path.is_empty() || path == ".";
    let here = if at_root {
        name.to_owned()
    } else if path.starts_with('[') {
        format!("{name}{path}")
    } else {
        format!("{name}.{path}")
    };
    let field = |field: &str| format!("{here}.{field}");
    if let Some(missing) = quoted_name(message, "missing field `") {
        return (field(missing), Constraint::Required);
    }
    if let Some(unknown) = quoted_name(message, "unknown field `") {
        return (
            field(unknown),
            Constraint::Type("a property of the documented model".to_owned()),
        );
    }
    if let Some(duplicate) = quoted_name(message, "duplicate field `") {
        return (field(duplicate), Constraint::Type("given once".to_owned()));
    }
    // What serde expected describes a type or the allowed values; at the root
    // the declared type says it better.
    let wanted = match (at_root, expected_part(message)) {
        (true, _) | (false, None) => expected.to_owned(),
        (false, Some(wanted)) => plain_type(wanted),
    };
    let detail = if let Some(found) = message.strip_prefix("invalid type: ") {
        format!("{wanted}, not {}", value_kind(found))
    } else if message.starts_with("unknown variant ") {
        match expected_part(message) {
            Some(allowed) => allowed.to_owned(),
            None => wanted,
        }
    } else {
        wanted
    };
    (here, Constraint::Type(detail))
}

/// The name in `` prefix`name` ... `` at the start of `message`.
fn quoted_name<'m>(message: &'m str, prefix: &str) -> Option<&'m str> {
    message.strip_prefix(prefix)?.split('`').next()
}

/// What serde says it expected: the text after the last `, expected `.
fn expected_part(message: &str) -> Option<&str> {
    message
        .rsplit_once(", expected ")
        .map(|(_, expected)| expected.trim())
        .filter(|expected| !expected.is_empty())
}

/// serde's names of JSON types (`a map`, `struct Sku`) in JSON's words.
fn plain_type(serde: &str) -> String {
    match serde {
        "a map" => "an object".to_owned(),
        "a sequence" => "an array".to_owned(),
        s if s.starts_with("struct ") => "an object".to_owned(),
        s if (s.starts_with('i') || s.starts_with('u'))
            && s.get(1..).is_some_and(|bits| bits.parse::<u8>().is_ok()) =>
        {
            "an integer".to_owned()
        }
        s if s == "f32" || s == "f64" => "a number".to_owned(),
        s => s.to_owned(),
    }
}

/// The kind of value in serde's `unexpected` text (`string "abc"` → `a
/// string`), without the value.
fn value_kind(unexpected: &str) -> &'static str {
    let kind = unexpected
        .split([',', '`', '"'])
        .next()
        .unwrap_or("")
        .trim();
    match kind {
        "string" | "character" => "a string",
        "integer" | "floating point" => "a number",
        "boolean" => "a boolean",
        "null" | "unit value" | "unit" => "null",
        "sequence" => "an array",
        "map" => "an object",
        _ => "a value of another type",
    }
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
    /// The wire name of the body parameter (`parameters`), if the operation
    /// takes a body: the name its JSON goes under in
    /// [`build_request`](ServiceInfo::build_request)'s parameters.
    pub body: Option<&'static str>,
    /// The success statuses the spec declares, in ascending order (with
    /// 404 for a `HEAD` that answers whether something exists: `false`).
    pub statuses: &'static [u16],
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

impl Validate for () {}

impl Validate for Value {}

/// Why a dynamic call could not be made.
#[derive(Debug, PartialEq)]
pub enum DynamicError {
    /// No operation has this `operationId`.
    UnknownOperation(String),
    /// The parameters broke constraints or were of the wrong type.
    Invalid(ValidationErrors),
    /// The operation cannot be called by `operationId` with JSON
    /// parameters: its body or success body is not JSON (bytes, text, or a
    /// media type the caller chooses). Its generated function or client
    /// method calls it.
    Unsupported {
        /// The `operationId`.
        operation: String,
        /// Why, in words.
        reason: &'static str,
    },
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
            DynamicError::Unsupported { operation, reason } => write!(
                f,
                "operation `{operation}` cannot be called dynamically: {reason}; call its generated function instead"
            ),
            DynamicError::Response { message, .. } => f.write_str(message),
        }
    }
}

impl std::error::Error for DynamicError {}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Sku {
        name: String,
        capacity: Option<i32>,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Resource {
        location: String,
        sku: Option<Sku>,
        tags: Option<std::collections::BTreeMap<String, String>>,
        zones: Option<Vec<String>>,
    }

    fn error_of(value: Value) -> ValidationError {
        let params = json!({ "parameters": value });
        let params = DynamicParams::new(params.as_object().unwrap());
        match params.required::<Resource>("parameters", "a value of the documented model") {
            Err(DynamicError::Invalid(errors)) => {
                assert_eq!(errors.errors().len(), 1, "{errors}");
                errors.errors()[0].clone()
            }
            other => panic!("expected one error, got {other:?}"),
        }
    }

    #[test]
    fn the_api_version_is_the_default_unless_given_as_a_string() {
        let read = |params: Value| {
            DynamicParams::new(params.as_object().unwrap()).api_version("2024-01-01")
        };
        assert_eq!(read(json!({})).unwrap(), "2024-01-01");
        assert_eq!(read(json!({ "api-version": null })).unwrap(), "2024-01-01");
        assert_eq!(
            read(json!({ "api-version": "2021-11-01" })).unwrap(),
            "2021-11-01"
        );
        match read(json!({ "api-version": 2021 })) {
            Err(DynamicError::Invalid(errors)) => {
                assert_eq!(errors.errors()[0].target, "api-version", "{errors}");
            }
            other => panic!("expected the api-version refused, got {other:?}"),
        }
    }

    #[test]
    fn an_operation_that_is_not_json_is_refused_by_name_with_the_reason() {
        let error = DynamicError::Unsupported {
            operation: "Files_Download".to_owned(),
            reason: "its success body is bytes, not JSON",
        };
        assert_eq!(
            error.to_string(),
            "operation `Files_Download` cannot be called dynamically: its success body is bytes, not JSON; call its generated function instead"
        );
    }

    #[test]
    fn a_missing_field_is_named_by_its_path() {
        let error = error_of(json!({ "tags": {} }));
        assert_eq!(error.target, "parameters.location");
        assert_eq!(error.constraint, Constraint::Required);
        let error = error_of(json!({ "location": "w", "sku": {} }));
        assert_eq!(error.target, "parameters.sku.name");
        assert_eq!(
            error.to_string(),
            "`parameters.sku.name` is required (required)"
        );
    }

    #[test]
    fn a_mistyped_field_is_named_without_its_value() {
        let cases = [
            (
                json!({ "location": ["secret-1"] }),
                "parameters.location",
                "a string, not an array",
            ),
            (
                json!({ "location": "w", "sku": { "name": "n", "capacity": "secret-2" } }),
                "parameters.sku.capacity",
                "an integer, not a string",
            ),
            (
                json!({ "location": "w", "tags": { "a": "b", "c": false } }),
                "parameters.tags.c",
                "a string, not a boolean",
            ),
            (
                json!({ "location": "w", "zones": ["a", 7] }),
                "parameters.zones[1]",
                "a string, not a number",
            ),
            (
                json!("secret-3"),
                "parameters",
                "a value of the documented model, not a string",
            ),
        ];
        for (value, target, expected) in cases {
            let error = error_of(value);
            assert_eq!(error.target, target);
            assert_eq!(error.constraint, Constraint::Type(expected.to_owned()));
            assert!(!error.to_string().contains("secret"), "{error}");
        }
    }

    #[test]
    fn serde_messages_are_reduced_to_safe_descriptions() {
        assert_eq!(
            describe(
                "p",
                "rights[0]",
                "unknown variant `hunter2`, expected one of `Manage`, `Send`",
                "x"
            ),
            (
                "p.rights[0]".to_owned(),
                Constraint::Type("one of `Manage`, `Send`".to_owned())
            )
        );
        assert_eq!(
            describe("p", "a", "something about hunter2", "a string"),
            ("p.a".to_owned(), Constraint::Type("a string".to_owned()))
        );
        assert_eq!(plain_type("i64"), "an integer");
        assert_eq!(plain_type("u8"), "an integer");
        assert_eq!(plain_type("identifier"), "identifier");
    }
}
