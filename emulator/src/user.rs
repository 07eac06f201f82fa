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
/// api-version check.
#[derive(Debug)]
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

/// What a user handler answers.
#[derive(Debug, Clone, PartialEq)]
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

/// A user handler: `None` leaves the request to the emulator's own behaviour.
pub type UserHandler =
    Arc<dyn Fn(&HandlerRequest<'_>) -> Option<HandlerResponse> + Send + Sync + 'static>;
