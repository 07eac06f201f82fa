//! Building the HTTP responses the emulator sends, in the shape ARM uses.

use bytes::Bytes;
use http_body_util::Full;
use hyper::header::{CONTENT_TYPE, HeaderValue};
use hyper::{Response, StatusCode};

/// Every response the emulator produces; bodies are small and fully buffered.
pub(crate) type HttpResponse = Response<Full<Bytes>>;

/// ARM always labels JSON with an explicit charset.
pub(crate) const JSON_CONTENT_TYPE: &str = "application/json; charset=utf-8";

/// A response with `body` as its JSON payload.
pub(crate) fn json(status: StatusCode, body: &serde_json::Value) -> HttpResponse {
    raw_json(status, Bytes::from(body.to_string()))
}

/// A response claiming to be JSON whatever `body` holds; fault injection uses it for bad JSON.
pub(crate) fn raw_json(status: StatusCode, body: Bytes) -> HttpResponse {
    let mut response = Response::new(Full::new(body));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(JSON_CONTENT_TYPE));
    response
}

/// An HTML page, as proxies in front of ARM answer with.
pub(crate) fn html(status: StatusCode, body: &'static str) -> HttpResponse {
    let mut response = Response::new(Full::new(Bytes::from_static(body.as_bytes())));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("text/html"));
    response
}

/// A response with exactly this status, `Content-Type` and body; an invalid status answers
/// 500 and an invalid content type is left out.
pub(crate) fn scripted(status: u16, content_type: &str, body: &str) -> HttpResponse {
    let mut response = Response::new(Full::new(Bytes::from(body.to_owned())));
    *response.status_mut() =
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    if let Ok(value) = HeaderValue::from_str(content_type) {
        response.headers_mut().insert(CONTENT_TYPE, value);
    }
    response
}

/// A response without a body (202 and 204 of long-running operations).
pub(crate) fn empty(status: StatusCode) -> HttpResponse {
    let mut response = Response::new(Full::new(Bytes::new()));
    *response.status_mut() = status;
    response
}
