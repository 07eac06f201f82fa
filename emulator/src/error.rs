//! ARM's error responses: `{"error": {"code", "message", "target"?, "details"?}}`.

use hyper::StatusCode;
use hyper::header::{ALLOW, HeaderName, HeaderValue, RETRY_AFTER, WWW_AUTHENTICATE};
use serde_json::{Map, Value, json};

use crate::response::{self, HttpResponse};

/// What ARM's login endpoint challenge points to; clients only need the `Bearer` scheme.
const AUTHORIZATION_URI: &str = "https://login.windows.net/";

/// One ARM error: status, machine-readable code and human message, plus optional extras.
///
/// Boxed so that the many `Result<_, ArmError>` on the request path stay small.
#[derive(Debug, Clone)]
pub(crate) struct ArmError(Box<Inner>);

#[derive(Debug, Clone)]
struct Inner {
    status: StatusCode,
    code: String,
    message: String,
    target: Option<String>,
    details: Vec<ArmError>,
    headers: Vec<(HeaderName, HeaderValue)>,
}

impl ArmError {
    /// An error with `status`, `code` and `message` and nothing else.
    pub(crate) fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        Self(Box::new(Inner {
            status,
            code: code.to_owned(),
            message: message.into(),
            target: None,
            details: Vec::new(),
            headers: Vec::new(),
        }))
    }

    /// Names the request element at fault, as ARM's `target` does.
    pub(crate) fn with_target(mut self, target: &str) -> Self {
        self.0.target = Some(target.to_owned());
        self
    }

    /// Adds a nested error to `details`.
    pub(crate) fn with_detail(mut self, detail: ArmError) -> Self {
        self.0.details.push(detail);
        self
    }

    /// Adds a response header.
    pub(crate) fn with_header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.0.headers.push((name, value));
        self
    }

    /// The error's code, e.g. `ResourceNotFound`.
    #[cfg(test)]
    pub(crate) fn code(&self) -> &str {
        &self.0.code
    }

    /// The JSON body this error is sent with.
    #[cfg(test)]
    pub(crate) fn into_body(self) -> Value {
        self.body()
    }

    fn body(&self) -> Value {
        let mut error = Map::new();
        let inner = &self.0;
        error.insert("code".into(), Value::String(inner.code.clone()));
        error.insert("message".into(), Value::String(inner.message.clone()));
        if let Some(target) = &inner.target {
            error.insert("target".into(), Value::String(target.clone()));
        }
        if !inner.details.is_empty() {
            let details = inner
                .details
                .iter()
                .map(|d| d.body()["error"].clone())
                .collect();
            error.insert("details".into(), Value::Array(details));
        }
        json!({ "error": error })
    }

    /// The complete HTTP response for this error.
    pub(crate) fn into_response(self) -> HttpResponse {
        let mut response = response::json(self.0.status, &self.body());
        for (name, value) in self.0.headers {
            response.headers_mut().append(name, value);
        }
        response
    }

    // ----- The errors ARM itself produces, with its wording. -----

    /// 401 for a request without an `Authorization` header (or with a scheme other than Bearer).
    pub(crate) fn authentication_failed(reason: &str) -> Self {
        let message = format!("Authentication failed. {reason}");
        Self::new(StatusCode::UNAUTHORIZED, "AuthenticationFailed", message)
            .with_header(WWW_AUTHENTICATE, bearer_challenge(reason))
    }

    /// 401 for a bearer token that is not the configured one.
    pub(crate) fn invalid_authentication_token() -> Self {
        let reason = "The access token is invalid.";
        Self::new(
            StatusCode::UNAUTHORIZED,
            "InvalidAuthenticationToken",
            reason,
        )
        .with_header(WWW_AUTHENTICATE, bearer_challenge(reason))
    }

    /// 400 when the `api-version` query parameter is absent.
    pub(crate) fn missing_api_version() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "MissingApiVersionParameter",
            "The api-version query parameter (?api-version=) is required for all requests.",
        )
    }

    /// 400 when `api-version` is not one the provider supports.
    pub(crate) fn invalid_api_version(given: &str, provider: &str, supported: &[String]) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "InvalidApiVersionParameter",
            format!(
                "The api-version '{given}' is invalid. The supported versions for resource provider \
                 '{provider}' are '{}'.",
                supported.join(", ")
            ),
        )
        .with_target("api-version")
    }

    /// 400 for a body that is not what the operation expects.
    pub(crate) fn invalid_request_content(reason: impl std::fmt::Display) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "InvalidRequestContent",
            format!("The request content was invalid and could not be deserialized: {reason}"),
        )
    }

    /// 400 for a path whose percent-encoding does not decode to UTF-8.
    pub(crate) fn invalid_request_uri(reason: &str) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "InvalidRequestUri",
            format!("The request URI is invalid: {reason}"),
        )
    }

    /// 413 for bodies larger than the emulator accepts.
    pub(crate) fn request_too_large(limit: usize) -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "RequestEntityTooLarge",
            format!("The request content exceeds the limit of {limit} bytes."),
        )
    }

    /// 415 for a body whose content type is not JSON.
    pub(crate) fn unsupported_media_type(given: &str) -> Self {
        Self::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "UnsupportedMediaType",
            format!(
                "The content media type '{given}' is not supported. Only 'application/json' is \
                 supported."
            ),
        )
    }

    /// 404 for a subscription the emulator holds nothing in.
    pub(crate) fn subscription_not_found(subscription_id: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "SubscriptionNotFound",
            format!("The subscription '{subscription_id}' could not be found."),
        )
    }

    /// 404 for an unknown resource group.
    pub(crate) fn resource_group_not_found(resource_group: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "ResourceGroupNotFound",
            format!("Resource group '{resource_group}' could not be found."),
        )
    }

    /// 404 for a nested resource whose parent does not exist.
    pub(crate) fn parent_resource_not_found(parent: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "ParentResourceNotFound",
            format!(
                "Can not perform requested operation on nested resource. Parent resource \
                 '{parent}' not found."
            ),
        )
    }

    /// 404 for a resource that does not exist, `resource` being `Provider/type/name[/type/name]`.
    pub(crate) fn resource_not_found(resource: &str, resource_group: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "ResourceNotFound",
            format!(
                "The Resource '{resource}' under resource group '{resource_group}' was not found. \
                 For more details please go to https://aka.ms/ARMResourceNotFoundFix"
            ),
        )
    }

    /// 404 for a resource outside any resource group (e.g. at subscription level).
    pub(crate) fn resource_not_found_outside_group(resource: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "ResourceNotFound",
            format!(
                "The Resource '{resource}' was not found. For more details please go to \
                 https://aka.ms/ARMResourceNotFoundFix"
            ),
        )
    }

    /// 404 for a path no route matches.
    pub(crate) fn no_route(method: &str, path: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "NotFound",
            format!("No HTTP resource was found that matches the request '{method} {path}'."),
        )
    }

    /// 405 for a path that exists with other methods only.
    pub(crate) fn method_not_allowed(method: &str, allowed: &[&str]) -> Self {
        let allow = allowed.join(", ");
        let mut error = Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "MethodNotAllowed",
            format!("The requested method '{method}' is not allowed; allowed: {allow}."),
        );
        if let Ok(value) = HeaderValue::from_str(&allow) {
            error = error.with_header(ALLOW, value);
        }
        error
    }

    /// 429, as ARM throttles, with `Retry-After` in whole seconds.
    pub(crate) fn too_many_requests(retry_after_secs: u64) -> Self {
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "TooManyRequests",
            format!("The request is being throttled. Retry after {retry_after_secs} seconds."),
        )
        .with_header(RETRY_AFTER, HeaderValue::from(retry_after_secs))
    }

    /// 500 for a failure inside the emulator (or an injected one).
    pub(crate) fn internal(reason: &str) -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "InternalServerError",
            format!("An internal server error occurred: {reason}"),
        )
    }

    /// 503, as ARM answers while a dependency is unavailable.
    pub(crate) fn service_unavailable() -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "ServiceUnavailable",
            "The service is currently unavailable. Please retry the request later.",
        )
    }

    /// 400 for a `$skipToken` the emulator did not hand out. The token is not echoed.
    pub(crate) fn invalid_skip_token() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "InvalidSkipToken",
            "The '$skipToken' query parameter is invalid or out of range; use the nextLink of \
             the previous page.",
        )
        .with_target("$skipToken")
    }

    /// 404 for a polling URL of an operation the emulator never started.
    pub(crate) fn operation_not_found(operation_id: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "OperationNotFound",
            format!("The operation '{operation_id}' could not be found."),
        )
    }

    /// 409 from the result URL of a long-running operation that failed.
    pub(crate) fn provisioning_failed(message: &str) -> Self {
        Self::new(StatusCode::CONFLICT, "ProvisioningFailed", message)
    }

    /// 409 from the result URL of a long-running operation a later write replaced.
    pub(crate) fn operation_canceled(message: &str) -> Self {
        Self::new(StatusCode::CONFLICT, "OperationCanceled", message)
    }

    /// 501 for a routed operation without an implementation.
    pub(crate) fn not_implemented(operation_id: &str) -> Self {
        Self::new(
            StatusCode::NOT_IMPLEMENTED,
            "NotImplemented",
            format!("The emulator does not implement operation '{operation_id}'."),
        )
    }
}

/// The `WWW-Authenticate` value ARM sends with its 401s.
fn bearer_challenge(description: &str) -> HeaderValue {
    // Descriptions are our own constant strings, but stay safe if one ever carries a quote.
    let description = description.replace('"', "'");
    let value = format!(
        "Bearer authorization_uri=\"{AUTHORIZATION_URI}\", error=\"invalid_token\", \
         error_description=\"{description}\""
    );
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static("Bearer"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_has_arm_shape_with_optional_parts() {
        let plain = ArmError::missing_api_version().body();
        assert_eq!(plain["error"]["code"], "MissingApiVersionParameter");
        assert!(plain["error"].get("target").is_none());
        assert!(plain["error"].get("details").is_none());

        let nested = ArmError::invalid_request_content("bad")
            .with_target("keyName")
            .with_detail(ArmError::new(StatusCode::BAD_REQUEST, "Inner", "inner"))
            .body();
        assert_eq!(nested["error"]["target"], "keyName");
        assert_eq!(nested["error"]["details"][0]["code"], "Inner");
    }
}
