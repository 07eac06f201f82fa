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
    /// The body, if the operation has one: JSON, text or bytes, as the
    /// `content-type` header says.
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

    /// Sets the body to `bytes` as they are, sent as `content_type` (a
    /// file, an image, or a document already in that media type).
    pub fn set_bytes_body(&mut self, content_type: &str, bytes: &[u8]) {
        self.headers
            .push(("content-type".to_owned(), content_type.to_owned()));
        self.body = Some(bytes.to_vec());
    }

    /// Sets the body to `text` as it is (UTF-8), sent as `content_type`
    /// (`text/plain`, with any parameters the spec gives it).
    pub fn set_text_body(&mut self, content_type: &str, text: &str) {
        self.set_bytes_body(content_type, text.as_bytes());
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

/// The fields of a form body (`in: formData`), in the order the generated
/// request function adds them: sent URL-encoded
/// ([`HttpRequest::set_urlencoded_body`]) or as `multipart/form-data`
/// ([`HttpRequest::set_multipart_body`]).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct FormBody {
    fields: Vec<(String, FormValue)>,
}

#[derive(Clone, PartialEq, Eq)]
enum FormValue {
    Text(String),
    File(Vec<u8>),
}

impl FormBody {
    /// An empty form.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a text field.
    pub fn text(&mut self, name: &str, value: &str) {
        self.fields
            .push((name.to_owned(), FormValue::Text(value.to_owned())));
    }

    /// Adds a file field (`type: file`): its bytes, as they are.
    pub fn file(&mut self, name: &str, bytes: &[u8]) {
        self.fields
            .push((name.to_owned(), FormValue::File(bytes.to_vec())));
    }

    /// Whether a field is a file (only `multipart/form-data` carries one).
    pub fn has_files(&self) -> bool {
        self.fields
            .iter()
            .any(|(_, value)| matches!(value, FormValue::File(_)))
    }

    /// A boundary that occurs in no field: `armgen-boundary` with the
    /// smallest number that makes it so (deterministic, so the same form is
    /// always the same bytes).
    fn boundary(&self) -> String {
        let occurs = |boundary: &str| {
            self.fields.iter().any(|(name, value)| {
                let bytes = match value {
                    FormValue::Text(text) => text.as_bytes(),
                    FormValue::File(bytes) => bytes,
                };
                contains(name.as_bytes(), boundary.as_bytes())
                    || contains(bytes, boundary.as_bytes())
            })
        };
        (0u64..)
            .map(|n| format!("armgen-boundary-{n}"))
            .find(|boundary| !occurs(boundary))
            .unwrap_or_default()
    }
}

// A form may hold keys or files: `Debug` shows field names and sizes only.
impl fmt::Debug for FormBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut list = f.debug_list();
        for (name, value) in &self.fields {
            match value {
                FormValue::Text(text) => {
                    list.entry(&format_args!("{name}: text of {} bytes", text.len()))
                }
                FormValue::File(bytes) => {
                    list.entry(&format_args!("{name}: file of {} bytes", bytes.len()))
                }
            };
        }
        list.finish()
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// A field name in a `Content-Disposition` parameter, quoted as browsers
/// quote it: `"`, CR and LF percent-encoded, so no name can end the
/// parameter or the header.
fn quote_name(name: &str) -> String {
    name.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

impl HttpRequest {
    /// Sets the body to `form` as `application/x-www-form-urlencoded`: each
    /// name and value percent-encoded. A file field is refused (the
    /// generator sends forms with files as multipart).
    pub fn set_urlencoded_body(
        &mut self,
        parameter: &str,
        form: &FormBody,
    ) -> Result<(), ValidationErrors> {
        let mut encoded = url::form_urlencoded::Serializer::new(String::new());
        for (name, value) in &form.fields {
            match value {
                FormValue::Text(text) => {
                    encoded.append_pair(name, text);
                }
                FormValue::File(_) => {
                    return Err(ValidationErrors(vec![ValidationError::new(
                        parameter,
                        Constraint::Type("a form without files (URL-encoded)".to_owned()),
                    )]));
                }
            }
        }
        self.set_bytes_body(
            "application/x-www-form-urlencoded",
            encoded.finish().as_bytes(),
        );
        Ok(())
    }

    /// Sets the body to `form` as `multipart/form-data` (RFC 7578): one part
    /// per field, in order; a file part has a `filename` (its field's name)
    /// and `Content-Type: application/octet-stream`, and carries the bytes
    /// as they are. The boundary occurs in no field.
    pub fn set_multipart_body(&mut self, form: &FormBody) {
        let boundary = form.boundary();
        let mut body = Vec::new();
        for (name, value) in &form.fields {
            let name = quote_name(name);
            body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            match value {
                FormValue::Text(text) => {
                    body.extend_from_slice(
                        format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n")
                            .as_bytes(),
                    );
                    body.extend_from_slice(text.as_bytes());
                }
                FormValue::File(bytes) => {
                    body.extend_from_slice(
                        format!(
                            "Content-Disposition: form-data; name=\"{name}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                        )
                        .as_bytes(),
                    );
                    body.extend_from_slice(bytes);
                }
            }
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        self.headers.push((
            "content-type".to_owned(),
            format!("multipart/form-data; boundary={boundary}"),
        ));
        self.body = Some(body);
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
pub struct UrlBuilder<'a> {
    /// The endpoint: scheme, credentials, host and port come from it.
    /// Borrowed (and cloned once, in `build`), so the builder that every
    /// chained call moves stays small.
    base: &'a Url,
    /// The endpoint's own path, the encoded path so far, then
    /// `?name=value&…` (form-encoded) once a query parameter was added,
    /// written once as a hand-written client would `format!` it.
    url: String,
    /// Where the path ends (the `?`, or the end of `url` while there is no
    /// query), so path text added after a query parameter still goes
    /// before it.
    path_end: usize,
    errors: ValidationErrors,
}

// Query values may be secret (the builder does not know which): `Debug`
// shows their names only.
impl fmt::Debug for UrlBuilder<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (path, query) = self.url.split_at(self.path_end);
        let query: Vec<&str> = query
            .trim_start_matches('?')
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| pair.split_once('=').map_or(pair, |(name, _)| name))
            .collect();
        let url = format!("{}{path}", &self.base[..url::Position::BeforePath]);
        f.debug_struct("UrlBuilder")
            .field("url", &url)
            .field("query", &query)
            .field("errors", &self.errors)
            .finish()
    }
}

impl<'a> UrlBuilder<'a> {
    /// Starts a URL below `endpoint` (whose own path, if any, is kept).
    pub fn new(endpoint: &'a Url) -> Self {
        // Room for a typical ARM path and api-version, so the text is
        // allocated once.
        let prefix = endpoint.path().trim_end_matches('/');
        let mut url = String::with_capacity(prefix.len() + 256);
        url.push_str(prefix);
        Self {
            base: endpoint,
            path_end: url.len(),
            url,
            errors: ValidationErrors::default(),
        }
    }

    /// Appends `text` to the path. Generated code adds the whole path before
    /// any query parameter, so this is a push; otherwise the text goes
    /// before the query.
    fn push_path(&mut self, text: &str) {
        if self.path_end == self.url.len() {
            self.url.push_str(text);
        } else {
            self.url.insert_str(self.path_end, text);
        }
        self.path_end += text.len();
    }

    /// Appends `value` percent-encoded to the path (see [`Self::push_path`]).
    fn push_encoded(&mut self, value: &str) {
        if self.path_end == self.url.len() {
            encode_segment(value, &mut self.url);
            self.path_end = self.url.len();
        } else {
            let mut encoded = String::with_capacity(value.len());
            encode_segment(value, &mut encoded);
            self.push_path(&encoded);
        }
    }

    /// Starts a query pair: `?` before the first, `&` before the others.
    fn start_pair(&mut self, name: &str) {
        self.url.push(if self.url.len() == self.path_end {
            '?'
        } else {
            '&'
        });
        self.url
            .extend(url::form_urlencoded::byte_serialize(name.as_bytes()));
        self.url.push('=');
    }

    /// Appends literal text from the path template (`/subscriptions/`).
    pub fn literal(mut self, text: &str) -> Self {
        self.push_path(text);
        self
    }

    /// Appends a path template, `{name}` standing for each parameter: each
    /// is replaced by the next of `values`, appended as
    /// [`segment`](Self::segment) appends it (checked, and encoded as one
    /// segment), and errors name the parameter by the name in braces.
    pub fn path(mut self, template: &str, values: &[&str]) -> Self {
        let mut values = values.iter();
        let mut rest = template;
        while let Some((text, after)) = rest.split_once('{') {
            self.push_path(text);
            let (parameter, after) = after.split_once('}').unwrap_or((after, ""));
            // Generated code gives a value per name; a missing one is
            // reported as empty rather than panicking.
            self = self.segment(parameter, values.next().copied().unwrap_or(""));
            rest = after;
        }
        self.push_path(rest);
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
        self.push_encoded(value);
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
                self.push_path("/");
            }
            self.push_encoded(part);
        }
        self
    }

    /// Adds a query parameter.
    pub fn query(mut self, name: &str, value: &str) -> Self {
        self.start_pair(name);
        self.url
            .extend(url::form_urlencoded::byte_serialize(value.as_bytes()));
        self
    }

    /// Adds a query parameter whose value is sent as written
    /// (`x-ms-skip-url-encoding`): it may hold `&` and `=`, and so several
    /// parameters (`value1&q2=value2`). Only what would end the query or is
    /// no URL character is encoded (`#`, spaces, controls, non-ASCII), so the
    /// value can never reach the fragment.
    pub fn query_unencoded(mut self, name: &str, value: &str) -> Self {
        self.start_pair(name);
        self.push_as_written(value);
        self
    }

    /// Appends query text as written but for what would end the query or
    /// is no URL character (`#`, spaces, controls, non-ASCII).
    fn push_as_written(&mut self, text: &str) {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        for &byte in text.as_bytes() {
            if byte.is_ascii_graphic() && byte != b'#' {
                self.url.push(byte as char);
            } else {
                self.url.push('%');
                self.url.push(HEX[usize::from(byte >> 4)] as char);
                self.url.push(HEX[usize::from(byte & 0x0f)] as char);
            }
        }
    }

    /// Appends a next link that a paged list gave as a path: the
    /// `{nextLink}` of the operation `x-ms-pageable.operationName` names
    /// (`next?page=2`). Its path is checked and encoded as
    /// [`Self::segments`] does; what follows its `?` joins the query as
    /// written (as [`Self::query_unencoded`] sends a value), since the
    /// service wrote the link to be followed as it is. Only these links
    /// may carry a query: any other path value encodes its `?`.
    pub fn link(mut self, parameter: &str, value: &str) -> Self {
        let (path, query) = value.split_once('?').unwrap_or((value, ""));
        self = self.segments(parameter, path);
        for pair in query.split('&').filter(|pair| !pair.is_empty()) {
            self.url.push(if self.url.len() == self.path_end {
                '?'
            } else {
                '&'
            });
            self.push_as_written(pair);
        }
        self
    }

    /// Finishes the URL, or reports the segments that were refused.
    pub fn build(self) -> Result<Url, ValidationErrors> {
        self.errors.into_result()?;
        // Every piece was encoded here and the rest came from a parsed URL,
        // so this cannot fail; were it to, the path is what is wrong.
        let refused =
            || ValidationErrors(vec![ValidationError::new("path", Constraint::PathSegment)]);
        let (path, query) = self.url.split_at(self.path_end);
        let query = query.strip_prefix('?');
        let base = self.base;
        if matches!(base.scheme(), "http" | "https") && !base.cannot_be_a_base() {
            // The endpoint is parsed already: only the path and query are
            // parsed here, so building costs no more than one parse of the
            // finished URL. The result is the URL that parsing
            // `origin + path + ?query` gives (tested below).
            let text = self.url.as_bytes();
            if text.first() == Some(&b'/') && !matches!(text.get(1), Some(b'/' | b'\\')) {
                // A path-absolute reference, resolved against the endpoint:
                // the cheapest way (one allocation of the right size). `//`
                // or `/\` would start a host instead, hence the check.
                return Url::options()
                    .base_url(Some(base))
                    .parse(&self.url)
                    .map_err(|_| refused());
            }
            let mut url = base.clone();
            if url.fragment().is_some() {
                url.set_fragment(None);
            }
            url.set_path(path);
            if query.is_some() || url.query().is_some() {
                url.set_query(query);
            }
            Ok(url)
        } else {
            // Other schemes parse paths differently: the whole text is
            // parsed, as written.
            let text = format!("{}{}", &base[..url::Position::BeforePath], self.url);
            Url::parse(&text).map_err(|_| refused())
        }
    }
}

/// Percent-encodes everything outside RFC 3986's unreserved set. Runs of
/// unreserved bytes (all of a typical ARM name) are copied as one slice.
pub(crate) fn encode_segment(value: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut start = 0;
    for (i, &byte) in value.as_bytes().iter().enumerate() {
        if !(byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~')) {
            // Bytes `start..i` are unreserved ASCII, so both ends are char
            // boundaries whenever the run is not empty.
            if start < i {
                out.push_str(&value[start..i]);
            }
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
            start = i + 1;
        }
    }
    out.push_str(&value[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn endpoint() -> Url {
        Url::parse("https://management.azure.com").unwrap()
    }

    #[test]
    fn bytes_and_text_bodies_are_sent_as_they_are_with_their_media_type() {
        let mut request = HttpRequest::new(Method::Put, endpoint());
        request.set_bytes_body("application/octet-stream", &[0, 159, 146, 150, b'{']);
        assert_eq!(
            request.header("Content-Type"),
            Some("application/octet-stream")
        );
        assert_eq!(request.body.as_deref(), Some(&[0, 159, 146, 150, b'{'][..]));
        // Not JSON: no quotes, no escapes.
        let mut request = HttpRequest::new(Method::Post, endpoint());
        request.set_text_body("text/plain; charset=UTF-8", "hello, \"world\" é");
        assert_eq!(
            request.header("content-type"),
            Some("text/plain; charset=UTF-8")
        );
        assert_eq!(
            request.body.as_deref(),
            Some("hello, \"world\" é".as_bytes())
        );
        assert_eq!(request.headers.len(), 1);
        // An empty body is still a body (sent with its length, 0).
        let mut request = HttpRequest::new(Method::Put, endpoint());
        request.set_bytes_body("image/png", &[]);
        assert_eq!(request.body.as_deref(), Some(&[][..]));
        assert!(format!("{request:?}").contains("body_len: Some(0)"));
    }

    #[test]
    fn a_urlencoded_form_encodes_each_name_and_value() {
        let mut form = FormBody::new();
        form.text("pet_type", "dog");
        form.text("na&me", "Fido = \"best\" é+1");
        let mut request = HttpRequest::new(Method::Post, endpoint());
        request.set_urlencoded_body("form", &form).unwrap();
        assert_eq!(
            request.header("content-type"),
            Some("application/x-www-form-urlencoded")
        );
        assert_eq!(
            std::str::from_utf8(request.body.as_deref().unwrap()).unwrap(),
            "pet_type=dog&na%26me=Fido+%3D+%22best%22+%C3%A9%2B1"
        );
        form.file("file", b"x");
        let error = HttpRequest::new(Method::Post, endpoint())
            .set_urlencoded_body("form", &form)
            .unwrap_err();
        assert!(error.to_string().contains("`form`"), "{error}");
    }

    #[test]
    fn a_multipart_form_has_one_part_per_field_and_a_boundary_found_in_none() {
        let mut form = FormBody::new();
        form.file(
            "fileContent",
            b"bytes \x00\xff with armgen-boundary-0 inside",
        );
        form.text("file\"Name\r\n", "my.txt");
        let mut request = HttpRequest::new(Method::Post, endpoint());
        request.set_multipart_body(&form);
        assert_eq!(
            request.header("content-type"),
            Some("multipart/form-data; boundary=armgen-boundary-1")
        );
        let mut expected = b"--armgen-boundary-1\r\nContent-Disposition: form-data; name=\"fileContent\"; filename=\"fileContent\"\r\nContent-Type: application/octet-stream\r\n\r\nbytes \x00\xff with armgen-boundary-0 inside\r\n".to_vec();
        expected.extend_from_slice(b"--armgen-boundary-1\r\nContent-Disposition: form-data; name=\"file%22Name%0D%0A\"\r\n\r\nmy.txt\r\n--armgen-boundary-1--\r\n");
        assert_eq!(request.body.as_deref(), Some(&expected[..]));
        // Sizes only.
        assert_eq!(
            format!("{form:?}"),
            "[fileContent: file of 38 bytes, file\"Name\r\n: text of 6 bytes]"
        );
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
        let url = UrlBuilder::new(&endpoint())
            .literal("/a/")
            .segment("p", "é😀a b~")
            .build()
            .unwrap();
        assert_eq!(
            url.as_str(),
            "https://management.azure.com/a/%C3%A9%F0%9F%98%80a%20b~"
        );
    }

    #[test]
    fn a_path_template_is_the_calls_it_stands_for() {
        let values = ["sub 1", "x/../y?z#w%", "é"];
        let by_template = UrlBuilder::new(&endpoint())
            .path(
                "/subscriptions/{subscriptionId}/groups/{name}/items/{item}",
                &values,
            )
            .query("api-version", "1")
            .build()
            .unwrap();
        let by_calls = UrlBuilder::new(&endpoint())
            .literal("/subscriptions/")
            .segment("subscriptionId", values[0])
            .literal("/groups/")
            .segment("name", values[1])
            .literal("/items/")
            .segment("item", values[2])
            .query("api-version", "1")
            .build()
            .unwrap();
        assert_eq!(by_template, by_calls);
        assert_eq!(
            by_template.as_str(),
            "https://management.azure.com/subscriptions/sub%201/groups/x%2F..%2Fy%3Fz%23w%25/items/%C3%A9?api-version=1"
        );
        // Each value is checked as a segment, and named by its placeholder;
        // a value missing from the list is an empty one.
        let err = UrlBuilder::new(&endpoint())
            .path("/a/{first}/b/{second}/{third}", &["..", ""])
            .build()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "`first` must not be `.` or `..` (path segment); `second` must not be empty (path segment); `third` must not be empty (path segment)"
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
    fn a_next_link_keeps_its_query_but_a_path_value_never_gains_one() {
        let base = Url::parse("https://127.0.0.1:8443").unwrap();
        let url = UrlBuilder::new(&base)
            .literal("/paging/fragment/")
            .segments("tenant", "t1")
            .literal("/")
            .link("nextLink", "next?page=2&filter=a b#frag")
            .query("api-version", "1.6")
            .build()
            .unwrap();
        assert_eq!(
            url.as_str(),
            "https://127.0.0.1:8443/paging/fragment/t1/next?page=2&filter=a%20b%23frag&api-version=1.6"
        );
        assert_eq!(url.fragment(), None);
        // The link's path is checked as any path value is.
        let refused = UrlBuilder::new(&base)
            .literal("/x/")
            .link("nextLink", "../admin?page=2")
            .build();
        assert!(refused.is_err());
        // Another `x-ms-skip-url-encoding` path value encodes its `?`.
        let scope = UrlBuilder::new(&base)
            .literal("/")
            .segments("scope", "subscriptions/s?api-version=1")
            .build()
            .unwrap();
        assert_eq!(
            scope.as_str(),
            "https://127.0.0.1:8443/subscriptions/s%3Fapi-version%3D1"
        );
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
        let base = endpoint();
        let builder = UrlBuilder::new(&base).query("sig", "s3cr3t/+=");
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
    fn path_added_after_a_query_parameter_goes_before_the_query() {
        let url = UrlBuilder::new(&endpoint())
            .literal("/a/")
            .query("api-version", "1 2")
            .segment("name", "x y")
            .literal("/b")
            .query_unencoded("q", "v&w=z")
            .segments("scope", "/c/d e")
            .build()
            .unwrap();
        assert_eq!(
            url.as_str(),
            "https://management.azure.com/a/x%20y/bc/d%20e?api-version=1+2&q=v&w=z"
        );
        let base = endpoint();
        let builder = UrlBuilder::new(&base)
            .literal("/a")
            .query("sig", "s3cr3t")
            .literal("/b");
        let debug = format!("{builder:?}");
        assert!(
            debug.contains(r#"url: "https://management.azure.com/a/b""#),
            "{debug}"
        );
        assert!(
            debug.contains(r#"query: ["sig"]"#) && !debug.contains("s3cr3t"),
            "{debug}"
        );
    }

    /// The URL is the one parsing the whole text gives, whatever the
    /// endpoint (port, credentials, a path, a query or fragment, which are
    /// dropped, another scheme) and whatever the values.
    #[test]
    fn the_url_is_the_parse_of_its_text() {
        let endpoints = [
            "https://management.azure.com",
            "https://management.azure.com/",
            "http://127.0.0.1:8443/prefix/",
            "https://user:pa%20ss@[::1]:9000/a/b",
            "https://example.com/base?x=1#frag",
            "https://xn--bcher-kva.example/",
            "custom://host/path",
            "file:///srv/arm",
        ];
        let values = [
            "rg", "a b", "x/y", "é", "%", "%2e", "a?b#c", "~-._", "'", "\\", "{}", "\u{0}", "😀",
        ];
        // The path's start decides how it is read: `//` and `/\\` would
        // start a host in a reference.
        let firsts = ["/subscriptions/", "/", "//", "/\\", "/./"];
        for endpoint in endpoints {
            let base = Url::parse(endpoint).unwrap();
            for (value, first) in values.iter().flat_map(|v| firsts.map(|f| (*v, f))) {
                for with_query in [false, true] {
                    let mut builder = UrlBuilder::new(&base)
                        .literal(first)
                        .segment("s", value)
                        .literal("/x");
                    let mut expected = format!(
                        "{}{}{first}",
                        &base[..url::Position::BeforePath],
                        base.path().trim_end_matches('/')
                    );
                    encode_segment(value, &mut expected);
                    expected.push_str("/x");
                    if with_query {
                        builder = builder
                            .query("api-version", value)
                            .query_unencoded("q", value);
                        expected.push_str("?api-version=");
                        expected.extend(url::form_urlencoded::byte_serialize(value.as_bytes()));
                        expected.push_str("&q=");
                        let mut raw = String::new();
                        for &byte in value.as_bytes() {
                            if byte.is_ascii_graphic() && byte != b'#' {
                                raw.push(byte as char);
                            } else {
                                raw.push_str(&format!("%{byte:02X}"));
                            }
                        }
                        expected.push_str(&raw);
                    }
                    let built = builder.build().unwrap();
                    assert_eq!(
                        built,
                        Url::parse(&expected).unwrap(),
                        "{endpoint} with {value:?}"
                    );
                }
            }
        }
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
