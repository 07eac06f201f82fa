//! Handlers a test supplies for an operation ([`EmulatorConfig::with_handler`]): they answer
//! before the emulator's own behaviour, or decline and leave it to it.
//!
//! [`EmulatorConfig::with_handler`]: crate::EmulatorConfig::with_handler

use std::sync::Arc;

use hyper::StatusCode;
use hyper::header::{HeaderName, HeaderValue};
use serde_json::Value;

use crate::response::{self, HttpResponse};

/// A request routed to an operation with a user handler, after authentication and the
/// api-version check. Its `Debug` leaves the body out: it may hold keys.
#[non_exhaustive]
pub struct HandlerRequest<'a> {
    /// The spec's `operationId`.
    pub operation_id: &'a str,
    /// The HTTP method, upper case.
    pub method: &'a str,
    /// The path as sent (still percent-encoded).
    pub path: &'a str,
    /// The query string as sent, without `?`.
    pub query: &'a str,
    /// The api-version the request asked for.
    pub api_version: &'a str,
    /// The decoded path parameters, in template order.
    pub params: Vec<(&'a str, &'a str)>,
    /// The body, if it had one and it is JSON.
    pub body: Option<&'a Value>,
}

impl HandlerRequest<'_> {
    /// The decoded path parameter `name`.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
    }
}

/// What a user handler answers. Its `Debug` leaves the body out: it may hold keys.
#[derive(Clone, PartialEq)]
pub struct HandlerResponse {
    /// The HTTP status (outside 100–999 answers 500).
    pub status: u16,
    /// The JSON body, if any.
    pub body: Option<Value>,
    /// Extra headers; a name or value that is not a valid header is left out.
    pub headers: Vec<(String, String)>,
}

impl HandlerResponse {
    /// `status` with a JSON `body`.
    pub fn json(status: u16, body: Value) -> Self {
        Self {
            status,
            body: Some(body),
            headers: Vec::new(),
        }
    }

    pub(crate) fn into_response(self) -> HttpResponse {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut answer = match &self.body {
            Some(body) => response::json(status, body),
            None => response::empty(status),
        };
        for (name, value) in self.headers {
            if let (Ok(name), Ok(value)) = (
                HeaderName::try_from(name.as_str()),
                HeaderValue::from_str(&value),
            ) {
                answer.headers_mut().insert(name, value);
            }
        }
        answer
    }
}

impl std::fmt::Debug for HandlerRequest<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HandlerRequest")
            .field("operation_id", &self.operation_id)
            .field("method", &self.method)
            .field("path", &self.path)
            .field("api_version", &self.api_version)
            .field("body", &self.body.map(|_| "<redacted>"))
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for HandlerResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HandlerResponse")
            .field("status", &self.status)
            .field("body", &self.body.as_ref().map(|_| "<redacted>"))
            .field("headers", &self.headers.len())
            .finish()
    }
}

/// A user handler: `None` leaves the request to the emulator's own behaviour.
pub type UserHandler =
    Arc<dyn Fn(&HandlerRequest<'_>) -> Option<HandlerResponse> + Send + Sync + 'static>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_leaves_bodies_out() {
        let body = serde_json::json!({"primaryKey": "s3cr3t-key"});
        let request = HandlerRequest {
            operation_id: "Widgets_ListKeys",
            method: "POST",
            path: "/x",
            query: "sig=s3cr3t-sas",
            api_version: "1",
            params: Vec::new(),
            body: Some(&body),
        };
        let shown = format!("{request:?} {:?}", HandlerResponse::json(200, body.clone()));
        assert!(!shown.contains("s3cr3t"), "{shown}");
        assert!(shown.contains("<redacted>"));
    }
}
