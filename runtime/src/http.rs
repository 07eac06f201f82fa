//! Transport-neutral HTTP request and response values.
//!
//! The generated `*_request` functions return an [`HttpRequest`] and the
//! `*_response` functions read an [`HttpResponse`], so the exact wire format of
//! every operation can be tested without a network or an async runtime, and
//! the async client is a thin layer that only moves bytes.

use std::fmt;

use url::Url;

use super::secret::Secret;
use super::validate::{Constraint, ValidationError, ValidationErrors};

/// What `Debug` and messages show instead of a secret value.
pub(crate) const REDACTED: &str = "REDACTED";

/// The HTTP methods ARM operations use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `PUT`
    Put,
    /// `POST`
    Post,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
    /// `HEAD`
    Head,
}

impl Method {
    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Head => "HEAD",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A fully built request: what goes on the wire, nothing more.
///
/// Header and query parameters that are secret (the generated functions take
/// them as [`Secret`]s) are sent as they are, but marked: `Debug`,
/// [`redacted_url`](Self::redacted_url) and the client's messages show
/// `REDACTED` instead of their values.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// The HTTP method.
    pub method: Method,
    /// The absolute URL, path segments already percent-encoded.
    pub url: Url,
    /// Request headers in the order they were added.
    pub headers: Vec<(String, String)>,
    /// The JSON body, if the operation has one.
    pub body: Option<Vec<u8>>,
    /// Names of the headers and query parameters whose values are secret.
    secret: Vec<String>,
}

impl HttpRequest {
    /// A request with no headers and no body.
    pub fn new(method: Method, url: Url) -> Self {
        Self {
            method,
            url,
            headers: Vec::new(),
            body: None,
            secret: Vec::new(),
        }
    }

    /// Adds a header whose value is secret, and marks it so.
    pub fn push_secret_header(&mut self, name: &str, value: &Secret) {
        self.headers
            .push((name.to_owned(), value.secret().to_owned()));
        self.mark_secret(name);
    }

    /// Marks the header or query parameter `name` as secret: its values are
    /// never shown. Header names are matched case-insensitively, query
    /// parameter names exactly.
    pub fn mark_secret(&mut self, name: &str) {
        if !self.secret.iter().any(|n| n == name) {
            self.secret.push(name.to_owned());
        }
    }

    /// The names marked [secret](Self::mark_secret).
    pub fn secret_names(&self) -> &[String] {
        &self.secret
    }

    /// Whether the header `name` is marked secret.
    pub fn is_secret_header(&self, name: &str) -> bool {
        self.secret.iter().any(|n| n.eq_ignore_ascii_case(name))
    }

    /// The URL with the value of every secret query parameter replaced by
    /// `REDACTED`: the URL to show.
    pub fn redacted_url(&self) -> Url {
        redact_query(&self.url, &self.secret)
    }

    /// Every secret value of the request (headers and query parameters), as
    /// sent, for scrubbing text that may quote the request (transport errors
    /// of the client half).
    #[cfg(feature = "client")]
    pub(crate) fn secret_values(&self) -> Vec<String> {
        let mut values: Vec<String> = self
            .headers
            .iter()
            .filter(|(name, _)| self.is_secret_header(name))
            .map(|(_, value)| value.clone())
            .collect();
        values.extend(
            self.url
                .query_pairs()
                .filter(|(name, _)| self.secret.iter().any(|n| n == name))
                .map(|(_, value)| value.into_owned()),
        );
        values.retain(|v| !v.is_empty());
        values
    }

    /// Serializes `value` as the JSON body and sets `content-type`. `parameter`
    /// names the body in the (practically impossible) serialization error.
    pub fn set_json_body<T: serde::Serialize + ?Sized>(
        &mut self,
        parameter: &str,
        value: &T,
    ) -> Result<(), ValidationErrors> {
        let body = serde_json::to_vec(value).map_err(|_| {
            ValidationErrors(vec![ValidationError::new(
                parameter,
                Constraint::Type("serializable as JSON".to_owned()),
            )])
        })?;
        self.headers
            .push(("content-type".to_owned(), "application/json".to_owned()));
        self.body = Some(body);
        Ok(())
    }

    /// Like [`set_json_body`](Self::set_json_body), without the members the
    /// spec marks `readOnly`: they are the service's to set.
    pub fn set_json_body_writable<T>(
        &mut self,
        parameter: &str,
        value: &T,
    ) -> Result<(), ValidationErrors>
    where
        T: serde::Serialize + super::StripReadOnly + ?Sized,
    {
        let not_json = || {
            ValidationErrors(vec![ValidationError::new(
                parameter,
                Constraint::Type("serializable as JSON".to_owned()),
            )])
        };
        let mut json = serde_json::to_value(value).map_err(|_| not_json())?;
        value.strip_read_only(&mut json);
        let body = serde_json::to_vec(&json).map_err(|_| not_json())?;
        self.headers
            .push(("content-type".to_owned(), "application/json".to_owned()));
        self.body = Some(body);
        Ok(())
    }

    /// The value of the first header called `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// The body parsed as JSON, for tests and logging-free inspection.
    pub fn json_body(&self) -> Option<Result<serde_json::Value, serde_json::Error>> {
        self.body.as_deref().map(serde_json::from_slice)
    }
}

/// `url` with the values of the query parameters named in `secret` replaced
/// by `REDACTED` (the rest as it was).
pub(crate) fn redact_query(url: &Url, secret: &[String]) -> Url {
    let is_secret = |name: &str| secret.iter().any(|n| n == name);
    if !url.query_pairs().any(|(name, _)| is_secret(&name)) {
        return url.clone();
    }
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(name, value)| {
            let value = if is_secret(&name) {
                REDACTED.to_owned()
            } else {
                value.into_owned()
            };
            (name.into_owned(), value)
        })
        .collect();
    let mut redacted = url.clone();
    redacted.query_pairs_mut().clear().extend_pairs(pairs);
    redacted
}

// Bodies can carry keys (e.g. a PUT of an authorization rule), so `Debug`
// shows only their size; secret headers and query parameters show no value.
impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(name, value)| {
                let value = if self.is_secret_header(name) {
                    REDACTED
                } else {
                    value.as_str()
                };
                (name.as_str(), value)
            })
            .collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.redacted_url().as_str())
            .field("headers", &headers)
            .field("body_len", &self.body.as_ref().map(Vec::len))
            .finish()
    }
}

/// A received response: status, headers and the whole body.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// The HTTP status code.
    pub status: u16,
    /// Response headers in the order they were received.
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// A response with no headers, handy in tests.
    pub fn new(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: body.into(),
        }
    }

    /// Adds a header (builder style).
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The value of the first header called `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// The `x-ms-request-id` ARM puts on every response.
    pub fn request_id(&self) -> Option<&str> {
        self.header("x-ms-request-id")
    }
}

// Success bodies of key operations are made of secrets: never print them.
impl fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body_len", &self.body.len())
            .finish()
    }
}

fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Builds a request URL from an endpoint and a path template, one segment at
/// a time.
///
/// Every value placed in the path is a single segment: it is percent-encoded
/// (all but RFC 3986 unreserved characters), and `.` / `..` are refused,
/// because URL parsers resolve them even when encoded (`%2e%2e`), as is the
/// empty value, which would make `//` and address another URL. So no value
/// can change which resource a request addresses.
pub struct UrlBuilder {
    /// The endpoint's origin and path, then the encoded path so far.
    url: String,
    /// `name=value&…`, form-encoded.
    query: String,
    errors: ValidationErrors,
}

// Query values may be secret (the builder does not know which): `Debug`
// shows their names only.
impl fmt::Debug for UrlBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let query: Vec<&str> = self
            .query
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| pair.split_once('=').map_or(pair, |(name, _)| name))
            .collect();
        f.debug_struct("UrlBuilder")
            .field("url", &self.url)
            .field("query", &query)
            .field("errors", &self.errors)
            .finish()
    }
}

impl UrlBuilder {
    /// Starts a URL below `endpoint` (whose own path, if any, is kept).
    pub fn new(endpoint: &Url) -> Self {
        // One string, parsed once in `build`: cheaper than editing a `Url`
        // piece by piece, which re-serializes it at every step.
        let origin = &endpoint[..url::Position::BeforePath];
        let prefix = endpoint.path().trim_end_matches('/');
        let mut url = String::with_capacity(origin.len() + prefix.len() + 192);
        url.push_str(origin);
        url.push_str(prefix);
        Self {
            url,
            query: String::new(),
            errors: ValidationErrors::default(),
        }
    }

    /// Appends literal text from the path template (`/subscriptions/`).
    pub fn literal(mut self, text: &str) -> Self {
        self.url.push_str(text);
        self
    }

    /// Appends a parameter value as exactly one encoded path segment.
    pub fn segment(mut self, parameter: &str, value: &str) -> Self {
        if value.is_empty() {
            self.errors
                .push(ValidationError::new(parameter, Constraint::EmptySegment));
        } else if value == "." || value == ".." {
            self.errors
                .push(ValidationError::new(parameter, Constraint::PathSegment));
        }
        encode_segment(value, &mut self.url);
        self
    }

    /// Appends a value that is itself a path (`x-ms-skip-url-encoding`, e.g. a
    /// `{scope}` resource id): split on `/`, each segment checked and encoded
    /// on its own, so `..`, `?`, `#` or a host can never slip in.
    pub fn segments(mut self, parameter: &str, value: &str) -> Self {
        let trimmed = value.strip_prefix('/').unwrap_or(value);
        if trimmed.is_empty() {
            self.errors
                .push(ValidationError::new(parameter, Constraint::EmptySegment));
            return self;
        }
        for (i, part) in trimmed.split('/').enumerate() {
            if part.is_empty() || part == "." || part == ".." {
                self.errors
                    .push(ValidationError::new(parameter, Constraint::PathSegment));
                break;
            }
            if i > 0 {
                self.url.push('/');
            }
            encode_segment(part, &mut self.url);
        }
        self
    }

    /// Adds a query parameter.
    pub fn query(mut self, name: &str, value: &str) -> Self {
        if !self.query.is_empty() {
            self.query.push('&');
        }
        self.query
            .extend(url::form_urlencoded::byte_serialize(name.as_bytes()));
        self.query.push('=');
        self.query
            .extend(url::form_urlencoded::byte_serialize(value.as_bytes()));
        self
    }

    /// Adds a query parameter whose value is sent as written
    /// (`x-ms-skip-url-encoding`): it may hold `&` and `=`, and so several
    /// parameters (`value1&q2=value2`). Only what would end the query or is
    /// no URL character is encoded (`#`, spaces, controls, non-ASCII), so the
    /// value can never reach the fragment.
    pub fn query_unencoded(mut self, name: &str, value: &str) -> Self {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        if !self.query.is_empty() {
            self.query.push('&');
        }
        self.query
            .extend(url::form_urlencoded::byte_serialize(name.as_bytes()));
        self.query.push('=');
        for &byte in value.as_bytes() {
            if byte.is_ascii_graphic() && byte != b'#' {
                self.query.push(byte as char);
            } else {
                self.query.push('%');
                self.query.push(HEX[usize::from(byte >> 4)] as char);
                self.query.push(HEX[usize::from(byte & 0x0f)] as char);
            }
        }
        self
    }

    /// Finishes the URL, or reports the segments that were refused.
    pub fn build(mut self) -> Result<Url, ValidationErrors> {
        self.errors.into_result()?;
        if !self.query.is_empty() {
            self.url.push('?');
            self.url.push_str(&self.query);
        }
        // Every piece was encoded here and the origin came from a parsed
        // URL, so this cannot fail; were it to, the path is what is wrong.
        Url::parse(&self.url).map_err(|_| {
            ValidationErrors(vec![ValidationError::new("path", Constraint::PathSegment)])
        })
    }
}

/// Percent-encodes everything outside RFC 3986's unreserved set.
pub(crate) fn encode_segment(value: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &byte in value.as_bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(byte >> 4)] as char);
            out.push(HEX[usize::from(byte & 0x0f)] as char);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn endpoint() -> Url {
        Url::parse("https://management.azure.com").unwrap()
    }

    #[test]
    fn segments_are_percent_encoded() {
        let url = UrlBuilder::new(&endpoint())
            .literal("/a/")
            .segment("p", "x/../y?z#w%")
            .build()
            .unwrap();
        assert_eq!(
            url.as_str(),
            "https://management.azure.com/a/x%2F..%2Fy%3Fz%23w%25"
        );
    }

    #[test]
    fn dot_segments_are_refused() {
        for bad in [".", ".."] {
            let err = UrlBuilder::new(&endpoint())
                .literal("/a/")
                .segment("name", bad)
                .build();
            assert_eq!(
                err.unwrap_err().to_string(),
                "`name` must not be `.` or `..` (path segment)"
            );
        }
    }

    #[test]
    fn empty_segments_are_refused() {
        let err = UrlBuilder::new(&endpoint())
            .literal("/a/")
            .segment("name", "")
            .literal("/b")
            .build();
        assert_eq!(
            err.unwrap_err().to_string(),
            "`name` must not be empty (path segment)"
        );
        for empty in ["", "/"] {
            let err = UrlBuilder::new(&endpoint())
                .literal("/")
                .segments("scope", empty)
                .build();
            assert_eq!(
                err.unwrap_err().to_string(),
                "`scope` must not be empty (path segment)"
            );
        }
    }

    #[test]
    fn an_unencoded_query_value_keeps_its_pairs_but_never_reaches_the_fragment() {
        let base = Url::parse("https://127.0.0.1:8443").unwrap();
        let url = UrlBuilder::new(&base)
            .literal("/x")
            .query_unencoded("q1", "value1&q2=value2&q3=a b#frag")
            .build()
            .unwrap();
        assert_eq!(
            url.as_str(),
            "https://127.0.0.1:8443/x?q1=value1&q2=value2&q3=a%20b%23frag"
        );
        assert_eq!(url.fragment(), None);
    }

    #[test]
    fn endpoint_path_is_kept_and_query_appended() {
        let base = Url::parse("https://127.0.0.1:8443/prefix/").unwrap();
        let url = UrlBuilder::new(&base)
            .literal("/x")
            .query("api-version", "2024-01-01")
            .build()
            .unwrap();
        assert_eq!(
            url.as_str(),
            "https://127.0.0.1:8443/prefix/x?api-version=2024-01-01"
        );
    }

    #[test]
    fn secret_headers_and_query_parameters_are_redacted_in_debug() {
        let url = UrlBuilder::new(&endpoint())
            .literal("/x")
            .query("api-version", "1")
            .query("sig", "s3cr3t/+=")
            .build()
            .unwrap();
        let builder = UrlBuilder::new(&endpoint()).query("sig", "s3cr3t/+=");
        assert!(!format!("{builder:?}").contains("s3cr3t"));
        let mut request = HttpRequest::new(Method::Get, url);
        request.mark_secret("sig");
        request.push_secret_header("X-Key", &Secret::new("k3y"));
        request
            .headers
            .push(("x-plain".to_owned(), "visible".to_owned()));
        let debug = format!("{request:?}");
        assert!(
            !debug.contains("s3cr3t") && !debug.contains("k3y"),
            "{debug}"
        );
        assert!(debug.contains("api-version=1&sig=REDACTED"), "{debug}");
        assert!(debug.contains("\"visible\""), "{debug}");
        assert!(request.is_secret_header("x-key"));
        assert_eq!(request.header("x-key"), Some("k3y"));
        assert_eq!(request.secret_values(), ["k3y", "s3cr3t/+="]);
        assert_eq!(
            request.redacted_url().as_str(),
            "https://management.azure.com/x?api-version=1&sig=REDACTED"
        );
    }

    #[test]
    fn multi_segment_values_check_each_segment() {
        let ok = UrlBuilder::new(&endpoint())
            .literal("/")
            .segments("scope", "/subscriptions/s 1/resourceGroups/rg")
            .build()
            .unwrap();
        assert_eq!(ok.path(), "/subscriptions/s%201/resourceGroups/rg");
        for bad in [
            "/subscriptions/../x",
            "a//b",
            "a/./b",
            "https://evil.example/x",
            "//evil.example/x",
        ] {
            let result = UrlBuilder::new(&endpoint())
                .literal("/")
                .segments("scope", bad)
                .build();
            assert!(result.is_err(), "{bad} was accepted");
        }
    }
}
