//! The HTTPS server: accepting connections, and turning each request into a response.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use armgen_runtime::{OperationInfo, ServiceInfo, Url};
use bytes::Bytes;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use hyper::body::Incoming;
use hyper::header::{AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use hyper::http::request::Parts;
use hyper::service::service_fn;
use hyper::{Request, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::JoinSet;
use tokio_rustls::TlsAcceptor;

use crate::error::ArmError;
use crate::faults::{Fault, FaultQueue};
use crate::handlers::{self, Call};
use crate::log::{RecordedRequest, RequestLog};
use crate::query::query_values;
use crate::random;
use crate::response::{self, HttpResponse};
use crate::routes::{self, Route, RouteMatch};
use crate::state::Store;

/// Largest request body accepted; ARM's own limit is far larger, but no emulated operation
/// needs more than a few bytes and this keeps a misbehaving client from exhausting memory.
pub(crate) const MAX_BODY_BYTES: usize = 1 << 20;

/// A client that connects but never completes the handshake must not hold a task forever.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// What a [`Fault::MalformedJson`] response carries: JSON cut off mid-string.
const MALFORMED_JSON: &[u8] = b"{\"key1\": \"truncated-";

/// What a [`Fault::BadGatewayHtml`] response carries.
const BAD_GATEWAY_HTML: &str = "<html><body><h1>502 Bad Gateway</h1></body></html>";

const REQUEST_ID: HeaderName = HeaderName::from_static("x-ms-request-id");
const CORRELATION_REQUEST_ID: HeaderName = HeaderName::from_static("x-ms-correlation-request-id");
const CLIENT_REQUEST_ID: HeaderName = HeaderName::from_static("x-ms-client-request-id");

/// Everything the connection tasks and the [`Emulator`](crate::Emulator) handle share.
pub(crate) struct Shared {
    /// The one bearer token accepted.
    pub(crate) token: String,
    /// Accepted api-versions by lowercase provider namespace.
    pub(crate) api_versions: BTreeMap<String, Vec<String>>,
    /// The served services.
    pub(crate) services: &'static [ServiceInfo],
    /// The served specs.
    pub(crate) specs: crate::spec::SpecSet,
    /// Handlers the user supplied, by operation id.
    pub(crate) handlers: Vec<(String, crate::user::UserHandler)>,
    /// The routing table: the served services' operations and the polling URLs.
    pub(crate) routes: Vec<Route>,
    /// How handlers behave.
    pub(crate) settings: Settings,
    /// Emulated resources.
    pub(crate) store: Mutex<Store>,
    /// Every request received.
    pub(crate) log: Mutex<RequestLog>,
    /// Faults still to apply.
    pub(crate) faults: Mutex<FaultQueue>,
}

impl Shared {
    /// The served service and operation `route` comes from; `None` for the polling URLs.
    pub(crate) fn operation(
        &self,
        route: &Route,
    ) -> Option<(&'static ServiceInfo, &'static OperationInfo)> {
        let module = route.service?;
        let services: &'static [ServiceInfo] = self.services;
        services
            .iter()
            .filter(|service| service.module == module)
            .find_map(|service| {
                service
                    .operations
                    .iter()
                    .find(|op| {
                        op.id == route.operation_id
                            && op.path == route.template
                            && op.method.as_str() == route.method
                    })
                    .map(|op| (service, op))
            })
    }
}

/// What handlers need to know besides the request: where the emulator is, and how it pages
/// lists and runs long-running operations.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    /// The emulator's base URL, e.g. `https://127.0.0.1:49152`.
    pub(crate) endpoint: String,
    /// The same as a URL, for the services' `build_request`.
    pub(crate) endpoint_url: Url,
    /// The base of `nextLink`s: the endpoint unless configured otherwise.
    pub(crate) next_link_base: String,
    /// Items per page, at least 1.
    pub(crate) page_size: usize,
    /// Polls after which a long-running operation completes.
    pub(crate) lro_polls: u32,
    /// `Retry-After` while a long-running operation is in progress.
    pub(crate) lro_retry_after_secs: u64,
}

/// Locks `mutex`, ignoring poisoning: every critical section leaves its data consistent.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Accepts connections on `listener` until `shutdown` fires (or its sender is dropped), then
/// aborts every open connection.
pub(crate) async fn run(
    listener: TcpListener,
    acceptor: TlsAcceptor,
    shared: Arc<Shared>,
    mut shutdown: oneshot::Receiver<()>,
) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((tcp, _)) => {
                    connections.spawn(serve_connection(tcp, acceptor.clone(), Arc::clone(&shared)));
                }
                // Typically out of file descriptors: back off instead of spinning on the error.
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            },
            // Reap finished connections so the set does not grow with every connection ever made.
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    connections.shutdown().await;
}

/// Serves one client connection: TLS handshake, then HTTP/1.1 with keep-alive.
async fn serve_connection(tcp: TcpStream, acceptor: TlsAcceptor, shared: Arc<Shared>) {
    // Small JSON responses should not wait for Nagle's algorithm.
    let _ = tcp.set_nodelay(true);
    let Ok(Ok(tls)) = tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(tcp)).await else {
        return;
    };
    let service = service_fn(move |request| handle(Arc::clone(&shared), request));
    // Errors here are the client going away or a dropped-connection fault; nothing to report.
    let _ = hyper::server::conn::http1::Builder::new()
        .serve_connection(TokioIo::new(tls), service)
        .await;
}

/// Returned to hyper to make it close the connection without writing a response.
#[derive(Debug)]
struct CloseConnection;

impl std::fmt::Display for CloseConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection closed without a response")
    }
}

impl std::error::Error for CloseConnection {}

/// Handles one request: read and record it, apply any queued fault, otherwise serve it.
async fn handle(
    shared: Arc<Shared>,
    request: Request<Incoming>,
) -> Result<HttpResponse, CloseConnection> {
    let (parts, body) = request.into_parts();
    let (body, too_large) = match Limited::new(body, MAX_BODY_BYTES).collect().await {
        Ok(collected) => (collected.to_bytes(), false),
        Err(e) if e.downcast_ref::<LengthLimitError>().is_some() => (Bytes::new(), true),
        // The client went away mid-body: nobody is left to answer.
        Err(_) => return Err(CloseConnection),
    };
    lock(&shared.log).record(record(&parts, &body));

    // Faults may target one operation: find which the request is for (if any) first.
    let operation_id =
        match routes::match_route(&shared.routes, parts.method.as_str(), parts.uri.path()) {
            Ok(RouteMatch::Found(route, _)) => Some(route.operation_id),
            _ => None,
        };
    let fault = lock(&shared.faults).next(operation_id);
    let mut response = match fault {
        None => serve(&shared, &parts, &body, too_large),
        Some(Fault::Delay(delay)) => {
            tokio::time::sleep(delay).await;
            serve(&shared, &parts, &body, too_large)
        }
        Some(Fault::DropConnection) => return Err(CloseConnection),
        Some(Fault::TooManyRequests { retry_after_secs }) => {
            ArmError::too_many_requests(retry_after_secs).into_response()
        }
        Some(Fault::InternalServerError) => ArmError::internal("injected fault.").into_response(),
        Some(Fault::ServiceUnavailable) => ArmError::service_unavailable().into_response(),
        Some(Fault::MalformedJson) => {
            response::raw_json(StatusCode::OK, Bytes::from_static(MALFORMED_JSON))
        }
        Some(Fault::BadGatewayHtml) => response::html(StatusCode::BAD_GATEWAY, BAD_GATEWAY_HTML),
        Some(Fault::Respond {
            status,
            content_type,
            body,
        }) => response::scripted(status, &content_type, &body),
    };
    add_tracking_headers(&mut response, &parts.headers);
    Ok(response)
}

/// The log entry for a request.
fn record(parts: &Parts, body: &Bytes) -> RecordedRequest {
    RecordedRequest {
        method: parts.method.as_str().to_owned(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().map(str::to_owned),
        headers: parts
            .headers
            .iter()
            .map(|(name, value)| (name.as_str().to_owned(), value.as_bytes().to_vec()))
            .collect(),
        body: body.to_vec(),
    }
}

/// Serves a request with no fault applied; every failure becomes an ARM error response.
fn serve(shared: &Shared, parts: &Parts, body: &[u8], too_large: bool) -> HttpResponse {
    dispatch(shared, parts, body, too_large).unwrap_or_else(ArmError::into_response)
}

/// ARM's order of checks: credentials, then the route, then api-version, then the operation.
fn dispatch(
    shared: &Shared,
    parts: &Parts,
    body: &[u8],
    too_large: bool,
) -> Result<HttpResponse, ArmError> {
    authenticate(&shared.token, &parts.headers)?;
    if too_large {
        return Err(ArmError::request_too_large(MAX_BODY_BYTES));
    }
    let method = parts.method.as_str();
    let path = parts.uri.path();
    let (route, params) = match routes::match_route(&shared.routes, method, path)? {
        RouteMatch::Found(route, params) => (route, params),
        RouteMatch::MethodNotAllowed(allowed) => {
            return Err(ArmError::method_not_allowed(method, &allowed));
        }
        RouteMatch::NotFound => return Err(ArmError::no_route(method, path)),
    };
    let query = parts.uri.query().unwrap_or("");
    // The emulator's own polling URLs carry the api-version of the write they poll.
    let api_version = if crate::spec_serve::is_polling_route(route) {
        query_values(query, "api-version").pop().unwrap_or_default()
    } else {
        check_api_version(shared, route, query)?
    };
    let call = Call {
        route,
        params: &params,
        raw_path: path,
        query,
        api_version: &api_version,
        content_type: parts
            .headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok()),
        body,
        json: None,
    };
    handlers::invoke(shared, call)
}

/// Accepts only `Authorization: Bearer <configured token>`.
fn authenticate(expected: &str, headers: &HeaderMap) -> Result<(), ArmError> {
    let Some(value) = headers.get(AUTHORIZATION) else {
        return Err(ArmError::authentication_failed(
            "The 'Authorization' header is missing.",
        ));
    };
    let value = value
        .to_str()
        .map_err(|_| ArmError::invalid_authentication_token())?;
    let (scheme, token) = value.trim().split_once(' ').unwrap_or((value, ""));
    if !scheme.eq_ignore_ascii_case("bearer") {
        // The scheme is not echoed: a confused client may have put a credential there.
        return Err(ArmError::authentication_failed(
            "The authentication scheme is not supported; use 'Bearer'.",
        ));
    }
    if constant_time_eq(token.trim().as_bytes(), expected.as_bytes()) {
        Ok(())
    } else {
        Err(ArmError::invalid_authentication_token())
    }
}

/// Compares without an early exit, so response timing does not reveal a token prefix.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Requires exactly one `api-version` that `route`'s provider supports, and returns it.
fn check_api_version(shared: &Shared, route: &Route, query: &str) -> Result<String, ArmError> {
    let mut given = query_values(query, "api-version");
    let supported = shared
        .api_versions
        .get(&route.provider.to_ascii_lowercase())
        .map(Vec::as_slice)
        .unwrap_or_default();
    match given.as_mut_slice() {
        [] => Err(ArmError::missing_api_version()),
        [version] if version.is_empty() => Err(ArmError::missing_api_version()),
        [version] if supported.contains(version) => Ok(std::mem::take(version)),
        _ => Err(ArmError::invalid_api_version(
            &given.join(","),
            route.provider,
            supported,
        )),
    }
}

/// Adds the ids ARM puts on every response so that calls can be traced.
fn add_tracking_headers(response: &mut HttpResponse, request_headers: &HeaderMap) {
    let request_id = request_id();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        headers.insert(REQUEST_ID, value.clone());
        let correlation = request_headers
            .get(&CORRELATION_REQUEST_ID)
            .cloned()
            .unwrap_or(value);
        headers.insert(CORRELATION_REQUEST_ID, correlation);
    }
    if let Some(client_id) = request_headers.get(&CLIENT_REQUEST_ID) {
        headers.insert(CLIENT_REQUEST_ID, client_id.clone());
    }
}

/// A fresh UUID for `x-ms-request-id`; should the RNG ever fail, a counter keeps ids unique.
fn request_id() -> String {
    static FALLBACK: AtomicU64 = AtomicU64::new(0);
    random::uuid_v4().unwrap_or_else(|_| {
        let n = FALLBACK.fetch_add(1, Ordering::Relaxed);
        format!("00000000-0000-4000-8000-{:012x}", n & 0xffff_ffff_ffff)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(authorization: Option<&str>) -> HeaderMap {
        let mut map = HeaderMap::new();
        if let Some(value) = authorization {
            map.insert(AUTHORIZATION, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn authentication_outcomes() {
        let code = |auth| {
            authenticate("tok", &headers(auth))
                .err()
                .map(|e| e.code().to_owned())
        };
        assert_eq!(code(Some("Bearer tok")), None);
        assert_eq!(code(Some("bearer tok")), None);
        assert_eq!(code(None).as_deref(), Some("AuthenticationFailed"));
        assert_eq!(
            code(Some("Basic tok")).as_deref(),
            Some("AuthenticationFailed")
        );
        assert_eq!(
            code(Some("Bearer")).as_deref(),
            Some("InvalidAuthenticationToken")
        );
        assert_eq!(
            code(Some("Bearer tok2")).as_deref(),
            Some("InvalidAuthenticationToken")
        );
    }
}
