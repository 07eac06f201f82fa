//! Request bodies and parameters, checked by the served service itself.
//!
//! The emulator has no models of its own: it hands the request's path parameters, query
//! parameters, `api-version` and JSON body to the service's generated `build_request`, the
//! very code a client runs before sending, and turns the constraints it reports broken into
//! ARM's 400. So client and emulator agree on what a valid request is, for any spec.
//!
//! Errors name the offending field by its wire path (`location`, `sku.name`) or the parameter
//! (`namespaceName`), but never repeat the value sent: a body may carry a key.

use armgen_runtime::{
    Constraint, DynamicError, OperationInfo, ServiceInfo, Url, ValidationError, ValidationErrors,
};
use hyper::StatusCode;
use serde_json::{Map, Value};

use crate::error::ArmError;
use crate::query::query_pairs;
use crate::routes::Params;

/// The JSON body of a request, or `None` if it has none. `parameter` (the spec's name of the
/// body parameter) is the target of errors about the body as a whole.
pub(crate) fn parse(
    content_type: Option<&str>,
    body: &[u8],
    parameter: Option<&str>,
) -> Result<Option<Value>, ArmError> {
    if body.is_empty() {
        return Ok(None);
    }
    if let Some(content_type) = content_type {
        let media_type = content_type.split(';').next().unwrap_or("").trim();
        if !media_type.eq_ignore_ascii_case("application/json") {
            return Err(ArmError::unsupported_media_type(media_type));
        }
    }
    // serde_json's syntax errors give a position, never a value.
    serde_json::from_slice(body).map(Some).map_err(|e| {
        let error = ArmError::invalid_request_content(format!("{e}."));
        match parameter {
            Some(parameter) => error.with_target(parameter),
            None => error,
        }
    })
}

/// What a request carries, as `build_request` takes it.
pub(crate) struct Request<'a> {
    /// Decoded path parameters.
    pub(crate) params: &'a Params,
    /// The query string as sent, without `?`.
    pub(crate) query: &'a str,
    /// The accepted api-version.
    pub(crate) api_version: &'a str,
    /// The parsed body, if any.
    pub(crate) json: Option<&'a Value>,
}

/// Checks `request` against operation `op` of `service` by building the request the way a
/// generated client would. Only what the emulator can judge is reported: every parameter but
/// the body reaches `build_request` as a string, so a type error about one of them, or an
/// error about a parameter the emulator did not pass (a header), lets the request through.
pub(crate) fn validate(
    service: &ServiceInfo,
    op: &OperationInfo,
    endpoint: &Url,
    request: &Request<'_>,
) -> Result<(), ArmError> {
    let mut params = Map::new();
    for (name, value) in request.params.iter() {
        params.insert(name.to_owned(), Value::String(value.to_owned()));
    }
    for (name, value) in query_pairs(request.query) {
        if !name.eq_ignore_ascii_case("api-version") && !params.contains_key(&name) {
            params.insert(name, Value::String(value));
        }
    }
    params.insert(
        "api-version".to_owned(),
        Value::String(request.api_version.to_owned()),
    );
    if let (Some(name), Some(json)) = (op.body, request.json) {
        params.insert(name.to_owned(), json.clone());
    }
    let errors = match (service.build_request)(op.id, endpoint, &params) {
        Err(DynamicError::Invalid(errors)) => errors,
        // Valid; or an operation the service's table lists but its `build_request` does not
        // know (a hand-made table): nothing to check against.
        _ => return Ok(()),
    };
    let judged = |error: &ValidationError| {
        let root = root_of(&error.target);
        if Some(root) == op.body {
            return true;
        }
        params.contains_key(root) && !matches!(error.constraint, Constraint::Type(_))
    };
    if errors.errors().iter().all(judged) {
        Err(invalid_request(&errors, op.body))
    } else {
        Ok(())
    }
}

/// The parameter a validation target is in: `parameters` for `parameters.sku.name`.
fn root_of(target: &str) -> &str {
    target.split(['.', '[']).next().unwrap_or(target)
}

/// ARM's 400 for broken constraints: `InvalidRequestContent` naming the first field or
/// parameter, with one `details` entry per broken constraint. Fields of the body are named
/// relative to it (`location`, not `parameters.location`), the body as a whole by its
/// parameter name.
fn invalid_request(errors: &ValidationErrors, body: Option<&str>) -> ArmError {
    let relative = |target: &str| -> String {
        body.and_then(|body| target.strip_prefix(body))
            .and_then(|rest| rest.strip_prefix('.'))
            .unwrap_or(target)
            .to_owned()
    };
    let in_body = |target: &str| body.is_some_and(|body| root_of(target) == body);
    let described: Vec<(String, String, bool)> = errors
        .errors()
        .iter()
        .map(|e| {
            (
                relative(&e.target),
                e.constraint.to_string(),
                in_body(&e.target),
            )
        })
        .collect();
    let reason = described
        .iter()
        .map(|(target, problem, _)| format!("`{target}` {problem}"))
        .collect::<Vec<_>>()
        .join("; ");
    let mut error = if described.iter().any(|(_, _, in_body)| *in_body) {
        ArmError::invalid_request_content(format!("{reason}."))
    } else {
        ArmError::new(
            StatusCode::BAD_REQUEST,
            "InvalidRequestContent",
            format!("The request is invalid: {reason}."),
        )
    };
    if let Some((target, _, _)) = described.first() {
        error = error.with_target(target);
    }
    for (target, problem, in_body) in &described {
        let code = if *in_body {
            "InvalidRequestProperty"
        } else {
            "InvalidParameter"
        };
        let detail = ArmError::new(
            StatusCode::BAD_REQUEST,
            code,
            format!("`{target}` {problem}."),
        )
        .with_target(target);
        error = error.with_detail(detail);
    }
    error
}

#[cfg(test)]
mod tests {
    use armgen_runtime::{HttpRequest, Method};

    use super::*;

    /// A service whose one operation (`Things_Put`) wants a body `{"name": <string>}` and a
    /// `thingName` of at least 3 characters, checked the way generated code checks them.
    fn build(id: &str, _: &Url, params: &Map<String, Value>) -> Result<HttpRequest, DynamicError> {
        if id != "Things_Put" {
            return Err(DynamicError::UnknownOperation(id.to_owned()));
        }
        let mut errors = ValidationErrors::default();
        match params.get("thingName").and_then(Value::as_str) {
            Some(name) if name.len() >= 3 => {}
            Some(_) => errors.push(ValidationError::new("thingName", Constraint::MinLength(3))),
            None => errors.push(ValidationError::new("thingName", Constraint::Required)),
        }
        match params.get("thing") {
            None => errors.push(ValidationError::new("thing", Constraint::Required)),
            Some(thing) if thing.get("name").is_none() => {
                errors.push(ValidationError::new("thing.name", Constraint::Required));
            }
            Some(_) => {}
        }
        if params.get("x-ms-header").is_none() && params.contains_key("needsHeader") {
            errors.push(ValidationError::new("x-ms-header", Constraint::Required));
        }
        if params.contains_key("$top") {
            errors.push(ValidationError::new(
                "$top",
                Constraint::Type("an integer".into()),
            ));
        }
        errors.into_result()?;
        Ok(HttpRequest::new(
            Method::Put,
            Url::parse("https://example.test/").unwrap(),
        ))
    }

    fn decode(_: &str, _: &armgen_runtime::HttpResponse) -> Result<Value, DynamicError> {
        Ok(Value::Null)
    }

    const OPS: &[OperationInfo] = &[OperationInfo {
        id: "Things_Put",
        method: Method::Put,
        path: "/things/{thingName}",
        body: Some("thing"),
        statuses: &[200, 201],
    }];

    const SERVICE: ServiceInfo = ServiceInfo {
        module: "things",
        api_version: "2024-01-01",
        operations: OPS,
        build_request: build,
        decode_response: decode,
    };

    fn check(name: &str, query: &str, json: Option<Value>) -> Result<(), ArmError> {
        let params = Params::from_pairs(vec![("thingName", name.to_owned())]);
        let endpoint = Url::parse("https://127.0.0.1/").unwrap();
        validate(
            &SERVICE,
            &OPS[0],
            &endpoint,
            &Request {
                params: &params,
                query,
                api_version: "2024-01-01",
                json: json.as_ref(),
            },
        )
    }

    fn error_of(result: Result<(), ArmError>) -> Value {
        result.expect_err("invalid").into_body()["error"].clone()
    }

    #[test]
    fn a_valid_request_passes() {
        check("abc", "", Some(serde_json::json!({"name": "n"}))).unwrap();
    }

    #[test]
    fn body_fields_are_named_relative_to_the_body() {
        let error = error_of(check("abc", "", Some(serde_json::json!({}))));
        assert_eq!(error["code"], "InvalidRequestContent");
        assert_eq!(error["target"], "name");
        assert_eq!(error["details"][0]["code"], "InvalidRequestProperty");
        assert_eq!(error["details"][0]["target"], "name");
        let error = error_of(check("abc", "", None));
        assert_eq!(error["target"], "thing");
    }

    #[test]
    fn every_broken_constraint_is_a_detail() {
        let error = error_of(check("ab", "", Some(serde_json::json!({}))));
        assert_eq!(error["target"], "thingName");
        let details = error["details"].as_array().unwrap();
        assert_eq!(details.len(), 2);
        assert_eq!(details[0]["code"], "InvalidParameter");
        assert_eq!(details[1]["target"], "name");
        assert!(!error.to_string().contains("\"ab\""), "{error}");
    }

    #[test]
    fn what_the_emulator_cannot_judge_lets_the_request_through() {
        // A header parameter it never passes.
        check(
            "abc",
            "needsHeader=1",
            Some(serde_json::json!({"name": "n"})),
        )
        .unwrap();
        // A query parameter passed as a string where the spec wants an integer.
        check("abc", "%24top=5", Some(serde_json::json!({"name": "n"}))).unwrap();
    }

    #[test]
    fn bodies_are_json() {
        assert_eq!(parse(None, b"", Some("p")).unwrap(), None);
        let error = parse(None, b"{\"a\": ", Some("p")).unwrap_err();
        assert_eq!(error.into_body()["error"]["target"], "p");
        let error = parse(Some("text/plain"), b"{}", Some("p")).unwrap_err();
        assert_eq!(error.code(), "UnsupportedMediaType");
        assert!(parse(Some("application/json; charset=utf-8"), b"{}", None).is_ok());
    }
}
