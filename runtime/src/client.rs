//! The async client layer: sends what the generated `*_request` functions
//! build through an [`azure_core`] pipeline and hands what comes back to the
//! generated `*_response` functions.
//!
//! Everything the Azure SDK already does is left to `azure_core`, configured
//! through [`ClientOptions`] exactly as for any Azure SDK client:
//!
//! - bearer tokens: [`BearerTokenAuthorizationPolicy`] acquires, caches and
//!   refreshes them, and refuses to send one over plain `http`;
//! - retries ([`ClientOptions::retry`]): 408, 429, 500, 502, 503, 504 and
//!   connection or I/O errors, exponential back-off by default, and on 429 and
//!   503 at least as long as `x-ms-retry-after-ms`, `retry-after-ms` or
//!   `Retry-After` asks;
//! - the `User-Agent` and `x-ms-client-request-id` headers, logging with
//!   headers and query parameters redacted, distributed tracing;
//! - the HTTP transport ([`ClientOptions::transport`]).
//!
//! What is left here is converting between our transport-neutral
//! [`HttpRequest`] / [`HttpResponse`] and `azure_core`'s types, and turning our
//! typed errors into [`azure_core::Error`]s that still hold them.
//!
//! One thing is deliberately *not* left to `azure_core`: deciding whether a
//! response is a success. `azure_core`'s `Pipeline::send` normally runs
//! `check_success`, which turns every non-2xx status into an error of its own
//! making; it is skipped so that the generated decoder sees every response and
//! decides, from the spec, which statuses succeed and what the error body is.

use std::{fmt, sync::Arc, time::Duration as StdDuration};

use azure_core::{
    Bytes,
    cloud::CloudConfiguration,
    credentials::{AccessToken, Secret, TokenCredential, TokenRequestOptions},
    error::ErrorKind,
    http::{
        ClientOptions, Context, NoFormat, Pipeline, PipelineStreamOptions, RawResponse, Request,
        Response, StatusCode, Url,
        headers::{HeaderName, Headers},
        policies::{Policy, auth::BearerTokenAuthorizationPolicy},
    },
    time::{Duration, OffsetDateTime},
};

use super::error::{FromStatus, ResponseError};
use super::http::{HttpRequest, HttpResponse, Method, REDACTED};
use super::limits::{
    Limits, LimitsPolicy, ResponseTooLarge, TRUNCATED, describe, timed_out, within,
};
use super::validate::ValidationErrors;

/// The key under which a custom cloud registers Azure Resource Manager's
/// Entra ID audience, in [`azure_core::cloud::CustomConfiguration::audiences`].
///
/// ```
/// # use armgen_runtime::ResourceManagerAudience;
/// use azure_core::cloud::{Audiences, CloudConfiguration, CustomConfiguration};
///
/// let mut custom = CustomConfiguration::default();
/// custom.authority_host = "https://login.mycloud.example".to_owned();
/// custom.audiences = Audiences::new()
///     .with::<ResourceManagerAudience>("https://management.mycloud.example/".to_owned());
/// let cloud: CloudConfiguration = custom.into();
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct ResourceManagerAudience;

/// The Azure Resource Manager endpoint of a cloud.
///
/// A custom cloud has no known endpoint: pass one explicitly to
/// [`ArmPipeline::new`].
pub fn resource_manager_endpoint(cloud: &CloudConfiguration) -> azure_core::Result<Url> {
    let endpoint = match cloud {
        CloudConfiguration::AzurePublic => "https://management.azure.com",
        CloudConfiguration::AzureGovernment => "https://management.usgovcloudapi.net",
        CloudConfiguration::AzureChina => "https://management.chinacloudapi.cn",
        CloudConfiguration::Custom(_) => {
            return Err(azure_core::Error::with_message(
                ErrorKind::Other,
                "a custom cloud has no default Azure Resource Manager endpoint: set one explicitly",
            ));
        }
        // `CloudConfiguration` is non-exhaustive.
        _ => return Err(unsupported_cloud()),
    };
    Ok(Url::parse(endpoint)?)
}

/// The OAuth scope that grants access to Azure Resource Manager in a cloud.
///
/// For the known clouds this is the Resource Manager endpoint followed by
/// `/.default` (`https://management.azure.com/.default`). A custom cloud must
/// register an audience under [`ResourceManagerAudience`]; `/.default` is
/// appended to it unless it already ends so. The audience is used as given: an
/// audience with a trailing slash, like `https://management.core.windows.net/`,
/// yields the double slash Entra ID expects for it.
pub fn resource_manager_scope(cloud: &CloudConfiguration) -> azure_core::Result<String> {
    match cloud {
        CloudConfiguration::Custom(custom) => {
            let audience = custom
                .audiences
                .get::<ResourceManagerAudience>()
                .ok_or_else(|| {
                    azure_core::Error::with_message(
                        ErrorKind::Other,
                        "the custom cloud has no audience for ResourceManagerAudience",
                    )
                })?;
            Ok(if audience.ends_with("/.default") {
                audience.to_owned()
            } else {
                format!("{audience}/.default")
            })
        }
        known => {
            let endpoint = resource_manager_endpoint(known)?;
            Ok(format!(
                "{}/.default",
                endpoint.as_str().trim_end_matches('/')
            ))
        }
    }
}

fn unsupported_cloud() -> azure_core::Error {
    azure_core::Error::with_message(
        ErrorKind::Other,
        "this cloud configuration is not supported",
    )
}

/// An `azure_core` pipeline bound to one Azure Resource Manager endpoint.
///
/// Every generated client holds one; cloning is cheap (the policies are
/// shared), so sub-clients clone it.
#[derive(Clone, Debug)]
pub struct ArmPipeline {
    pipeline: Pipeline,
    endpoint: Url,
    limits: Limits,
}

impl ArmPipeline {
    /// Builds the pipeline.
    ///
    /// * `crate_name`, `crate_version`: for the `User-Agent` header; pass
    ///   `option_env!("CARGO_PKG_NAME")` and `option_env!("CARGO_PKG_VERSION")`.
    /// * `credential`: any [`TokenCredential`], e.g. from `azure_identity`, or
    ///   [`StaticTokenCredential`] for tests and emulators.
    /// * `endpoint`: the Resource Manager endpoint; `None` takes the one of
    ///   `options.cloud` (Azure Public when that is `None` too). Must be `https`.
    /// * `credential_scopes`: the scopes to request tokens for; `None` takes
    ///   [`resource_manager_scope`] of `options.cloud`.
    /// * `options`: retries, transport, logging, tracing and so on, as for any
    ///   Azure SDK client.
    ///
    /// The [limits](ArmClientOptions#limits) are the defaults; see
    /// [`ArmPipeline::from_options`] to choose them.
    pub fn new(
        crate_name: Option<&'static str>,
        crate_version: Option<&'static str>,
        credential: Arc<dyn TokenCredential>,
        endpoint: Option<Url>,
        credential_scopes: Option<Vec<String>>,
        options: ClientOptions,
    ) -> azure_core::Result<Self> {
        Self::build(
            crate_name,
            crate_version,
            credential,
            endpoint,
            credential_scopes,
            options,
            Limits::default(),
        )
    }

    fn build(
        crate_name: Option<&'static str>,
        crate_version: Option<&'static str>,
        credential: Arc<dyn TokenCredential>,
        endpoint: Option<Url>,
        credential_scopes: Option<Vec<String>>,
        options: ClientOptions,
        limits: Limits,
    ) -> azure_core::Result<Self> {
        let public = CloudConfiguration::AzurePublic;
        let cloud = options.cloud.as_deref().unwrap_or(&public);
        let endpoint = match endpoint {
            Some(endpoint) => endpoint,
            None => resource_manager_endpoint(cloud)?,
        };
        // The bearer token policy would refuse each request over `http` anyway;
        // failing here says so once, before any call.
        if endpoint.scheme() != "https" || endpoint.host().is_none() {
            return Err(azure_core::Error::with_message(
                ErrorKind::Other,
                format!("the endpoint `{endpoint}` must be an https URL"),
            ));
        }
        let scopes = match credential_scopes {
            Some(scopes) => scopes,
            None => vec![resource_manager_scope(cloud)?],
        };
        // Per try, as the Azure SDK clients do: a retry after a long back-off
        // gets a fresh token if the cached one has expired meanwhile.
        let auth: Arc<dyn Policy> =
            Arc::new(BearerTokenAuthorizationPolicy::new(credential, scopes));
        // Per try as well, so that the retry policy sees the `Retry-After`s it
        // lowers and retries a connection lost mid-body.
        let bounds: Arc<dyn Policy> = Arc::new(LimitsPolicy {
            max_retry_delay: limits.max_retry_delay,
            max_response_body: limits.max_response_body,
        });
        let pipeline = Pipeline::new(
            crate_name,
            crate_version,
            options,
            Vec::new(),
            vec![auth, bounds],
            None,
        );
        Ok(Self {
            pipeline,
            endpoint,
            limits,
        })
    }

    /// Builds the pipeline of a generated client from its options (see
    /// [`ArmPipeline::new`] for what each one does, and
    /// [`ArmClientOptions`] for the limits).
    pub fn from_options(
        crate_name: Option<&'static str>,
        crate_version: Option<&'static str>,
        credential: Arc<dyn TokenCredential>,
        options: ArmClientOptions,
    ) -> azure_core::Result<Self> {
        let limits = options.limits();
        Self::build(
            crate_name,
            crate_version,
            credential,
            options.endpoint,
            options.credential_scopes,
            options.client_options,
            limits,
        )
    }

    /// The Resource Manager endpoint requests are built against.
    pub fn endpoint(&self) -> &Url {
        &self.endpoint
    }

    /// The underlying `azure_core` pipeline, for requests this module does not
    /// model (e.g. polling a long-running operation's status URL).
    ///
    /// Its `send` reads bodies whole, unbounded: only [`ArmPipeline::send`]
    /// and the methods built on it apply the [limits](ArmClientOptions#limits).
    pub fn pipeline(&self) -> &Pipeline {
        &self.pipeline
    }

    pub(crate) fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Sends a request and returns the response, whatever its status, with
    /// the whole body read.
    ///
    /// Errors are only those of getting a response at all: the credential,
    /// the connection (after the configured retries), a header name that is
    /// not a valid HTTP token, or a [limit](ArmClientOptions#limits) (the
    /// call's deadline, the size of the body). A 4xx or 5xx is an `Ok`
    /// response, for the generated decoder to read; so is the last 429 or 5xx
    /// once retries are exhausted.
    pub async fn send(
        &self,
        ctx: &Context<'_>,
        request: HttpRequest,
    ) -> azure_core::Result<HttpResponse> {
        self.send_raw(ctx, request).await.map(|raw| from_raw(raw).0)
    }

    /// Sends a request, decodes the response with the operation's generated
    /// `*_response` function and returns it as an `azure_core` [`Response`].
    ///
    /// The decoder's success value is dropped: [`Response::into_model`]
    /// parses the body again when the caller asks for the model, which the
    /// decoder has just shown it can. A decoder error becomes an
    /// [`azure_core::Error`] that holds it (see [`response_error`]).
    pub async fn execute<T, F, E>(
        &self,
        ctx: &Context<'_>,
        request: HttpRequest,
        decode: impl FnOnce(&HttpResponse) -> Result<T, ResponseError<E>>,
    ) -> azure_core::Result<Response<T, F>>
    where
        E: fmt::Debug + serde::Serialize + Send + Sync + 'static,
    {
        self.execute_inner(ctx, request, decode, |_, body| body)
            .await
    }

    /// [`execute`](Self::execute) for an operation whose result is
    /// `Option<T>` (some success statuses have a body, others, such as 204,
    /// none): a success without a body reaches the caller as the body `null`,
    /// which [`Response::into_model`] reads as `None` (it would fail on an
    /// empty body). A body that is there is kept as received.
    pub async fn execute_optional<T, F, E>(
        &self,
        ctx: &Context<'_>,
        request: HttpRequest,
        decode: impl FnOnce(&HttpResponse) -> Result<Option<T>, ResponseError<E>>,
    ) -> azure_core::Result<Response<Option<T>, F>>
    where
        E: fmt::Debug + serde::Serialize + Send + Sync + 'static,
    {
        self.execute_inner(ctx, request, decode, |_, body| {
            if body.iter().all(u8::is_ascii_whitespace) {
                b"null".to_vec()
            } else {
                body
            }
        })
        .await
    }

    /// [`execute`](Self::execute) for a `HEAD` that answers whether
    /// something exists (its decoder reads a 404 as `false`): the response's
    /// body is then that answer, `true` or `false`, which
    /// [`Response::into_model`] reads.
    pub async fn execute_exists<E>(
        &self,
        ctx: &Context<'_>,
        request: HttpRequest,
        decode: impl FnOnce(&HttpResponse) -> Result<bool, ResponseError<E>>,
    ) -> azure_core::Result<Response<bool>>
    where
        E: fmt::Debug + serde::Serialize + Send + Sync + 'static,
    {
        self.execute_inner(ctx, request, decode, |exists, _| {
            let answer: &[u8] = if exists { b"true" } else { b"false" };
            answer.to_vec()
        })
        .await
    }

    /// Sends `request`, decodes the answer with `decode`, and on success
    /// hands the caller the response with the body `body` makes of the
    /// decoded value and the body received.
    async fn execute_inner<T, F, E>(
        &self,
        ctx: &Context<'_>,
        request: HttpRequest,
        decode: impl FnOnce(&HttpResponse) -> Result<T, ResponseError<E>>,
        body: impl FnOnce(T, Vec<u8>) -> Vec<u8>,
    ) -> azure_core::Result<Response<T, F>>
    where
        E: fmt::Debug + serde::Serialize + Send + Sync + 'static,
    {
        let raw = self.send_raw(ctx, request).await?;
        let (response, headers) = from_raw(raw);
        match decode(&response) {
            Ok(value) => {
                let status = StatusCode::from(response.status);
                let body = body(value, response.body);
                Ok(RawResponse::from_bytes(status, headers, Bytes::from(body)).into())
            }
            Err(error) => Err(response_error(error, &response)),
        }
    }

    async fn send_raw(
        &self,
        ctx: &Context<'_>,
        request: HttpRequest,
    ) -> azure_core::Result<RawResponse> {
        let secrets = request.secret_values();
        let HttpRequest {
            method,
            url,
            headers,
            body,
            ..
        } = request;
        let mut request = Request::new(url, azure_method(method));
        for (name, value) in headers {
            // `HeaderName` panics on some non-ASCII names; refuse them first.
            if !is_token(&name) {
                return Err(azure_core::Error::with_message(
                    ErrorKind::Other,
                    format!("`{name}` is not a valid HTTP header name"),
                ));
            }
            // `azure_core` keeps one value per name: a repeated header keeps
            // its last value.
            request.insert_header(name, value);
        }
        // `content-type` is among the headers already (`set_json_body`).
        if let Some(body) = body {
            request.set_body(Bytes::from(body));
        }
        let options = PipelineStreamOptions {
            skip_checks: true,
            ..Default::default()
        };
        // `stream`, not `send`: `send` has the transport read the whole body,
        // however large, before any policy sees it. `LimitsPolicy` reads it
        // instead, up to the limit.
        let exchange = async {
            let response = self
                .pipeline
                .stream(ctx, &mut request, Some(options))
                .await?;
            response.try_into_raw_response().await
        };
        let timeout = self.limits.timeout;
        let raw = within(timeout, exchange, || {
            timed_out(format!(
                "the call did not complete within {} (ArmClientOptions::timeout)",
                describe(timeout.unwrap_or_default())
            ))
        })
        .await
        .map_err(|error| scrub(error, &secrets))?;
        if let Some(limit) = raw
            .headers()
            .get_optional_str(&HeaderName::from_static(TRUNCATED))
        {
            let header = |name: &'static str| {
                raw.headers()
                    .get_optional_string(&HeaderName::from_static(name))
            };
            let too_large = ResponseTooLarge {
                status: u16::from(raw.status()),
                limit: limit.parse().unwrap_or(self.limits.max_response_body),
                request_id: header("x-ms-request-id"),
            };
            return Err(too_large.into_error(header("x-ms-error-code")));
        }
        Ok(raw)
    }
}

/// `error` without any of the request's secret values: the transport's
/// errors quote the URL (reqwest's `Debug` does), query string and all. An
/// error that quotes one is replaced by one of the same kind whose message is
/// the whole chain of messages, each secret value `REDACTED`.
fn scrub(error: azure_core::Error, secrets: &[String]) -> azure_core::Error {
    let forms: Vec<String> = secrets
        .iter()
        .flat_map(|secret| {
            let encoded: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
            [secret.clone(), encoded]
        })
        .collect();
    let debug = format!("{error:?}");
    if !forms.iter().any(|form| debug.contains(form.as_str())) {
        return error;
    }
    let mut text = error.to_string();
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    // Longest first, so that no part of a longer form survives a shorter one.
    let mut forms = forms;
    forms.sort_by_key(|form| std::cmp::Reverse(form.len()));
    for form in &forms {
        text = text.replace(form.as_str(), REDACTED);
    }
    azure_core::Error::with_message(error.kind().clone(), text)
}

fn azure_method(method: Method) -> azure_core::http::Method {
    match method {
        Method::Get => azure_core::http::Method::Get,
        Method::Put => azure_core::http::Method::Put,
        Method::Post => azure_core::http::Method::Post,
        Method::Patch => azure_core::http::Method::Patch,
        Method::Delete => azure_core::http::Method::Delete,
        Method::Head => azure_core::http::Method::Head,
    }
}

/// RFC 9110 `token`: the characters a header name may hold.
fn is_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Splits a raw response into ours, keeping `azure_core`'s headers for when
/// it is turned back into a [`Response`].
fn from_raw(raw: RawResponse) -> (HttpResponse, Headers) {
    let (status, headers, body) = raw.deconstruct();
    let mut pairs: Vec<(String, String)> = headers
        .iter()
        .map(|(name, value)| (name.as_str().to_owned(), value.as_str().to_owned()))
        .collect();
    // `Headers` is a hash map: sort so that the order does not change from one
    // run to the next.
    pairs.sort();
    let response = HttpResponse {
        status: u16::from(status),
        headers: pairs,
        body: Vec::from(Bytes::from(body)),
    };
    (response, headers)
}

pub(crate) fn to_headers(pairs: &[(String, String)]) -> Headers {
    let mut headers = Headers::new();
    for (name, value) in pairs.iter().filter(|(name, _)| is_token(name)) {
        headers.insert(name.clone(), value.clone());
    }
    headers
}

/// The options of every generated client (`RelayClientOptions` and the like
/// are this type under the client's name).
///
/// # Limits
///
/// Besides `azure_core`'s own options, every call is bounded, so that a
/// misbehaving or hostile endpoint cannot make it wait, page or allocate
/// without end. Each limit has a documented default (also an associated
/// constant) and is a plain field:
///
/// | field | default | bounds |
/// |---|---|---|
/// | [`max_retry_delay`](Self::max_retry_delay) | 60 s | any one wait a `Retry-After` asks for |
/// | [`timeout`](Self::timeout) | 180 s | one call, retries and body included |
/// | [`max_response_body`](Self::max_response_body) | 64 MiB | the bytes read of any response |
/// | [`max_pages`](Self::max_pages) | 10 000 | the pages one pager fetches |
///
/// A long-running operation has its own overall deadline,
/// [`PollerOptions::timeout`](crate::PollerOptions::timeout).
///
/// ```
/// use std::time::Duration;
/// use armgen_runtime::ArmClientOptions;
///
/// let options = ArmClientOptions {
///     timeout: Some(Duration::from_secs(30)),
///     max_retry_delay: Duration::from_secs(10),
///     ..Default::default()
/// };
/// assert_eq!(options.max_pages, ArmClientOptions::DEFAULT_MAX_PAGES);
/// ```
#[derive(Clone, Debug)]
pub struct ArmClientOptions {
    /// Retries, transport, logging, tracing and the cloud
    /// (`client_options.cloud`), as for any Azure SDK client.
    pub client_options: ClientOptions,
    /// The api-version to call; `None` calls the one the bindings were
    /// generated for (the module's `API_VERSION`).
    pub api_version: Option<String>,
    /// The Resource Manager endpoint; `None` uses that of
    /// `client_options.cloud` (the public cloud by default).
    pub endpoint: Option<Url>,
    /// The scopes tokens are requested for; `None` uses `{endpoint}/.default`
    /// of `client_options.cloud`.
    pub credential_scopes: Option<Vec<String>>,
    /// The longest wait any `Retry-After` (`Retry-After` in seconds or as an
    /// HTTP date, `retry-after-ms`, `x-ms-retry-after-ms`) can ask for:
    /// longer ones are lowered to this before `azure_core`'s retry policy
    /// reads them, and a long-running operation's poller never waits longer either.
    /// The caller sees the lowered value in the response's headers.
    ///
    /// Default: [`DEFAULT_MAX_RETRY_DELAY`](Self::DEFAULT_MAX_RETRY_DELAY),
    /// 60 s. (The retry policy's own back-off is bounded by its options,
    /// 30 s by default.)
    pub max_retry_delay: StdDuration,
    /// The deadline of one call, from the first byte sent to the last byte of
    /// the body read, over every retry and back-off: past it the call fails
    /// with an [`ErrorKind::Io`] error holding a
    /// [`std::io::ErrorKind::TimedOut`] I/O error. Each page of a pager and
    /// each poll of a long-running operation is a call. `None`: no deadline.
    ///
    /// Default: [`DEFAULT_TIMEOUT`](Self::DEFAULT_TIMEOUT), 180 s: enough for
    /// `azure_core`'s default retries (60 s of them) and one capped
    /// `Retry-After`, far less than a body dripped one byte at a time takes.
    pub timeout: Option<StdDuration>,
    /// The most bytes read of any response body, error bodies included. A
    /// larger body is not read further (nor held in memory): the call fails
    /// with a [`ResponseTooLarge`](crate::ResponseTooLarge) error.
    ///
    /// Default: [`DEFAULT_MAX_RESPONSE_BODY`](Self::DEFAULT_MAX_RESPONSE_BODY),
    /// 64 MiB, far above any ARM response.
    pub max_response_body: usize,
    /// The most pages one pager fetches; past it the pager fails. A pager
    /// also fails as soon as a next link leads back to a page it already
    /// fetched, whatever this limit.
    ///
    /// Default: [`DEFAULT_MAX_PAGES`](Self::DEFAULT_MAX_PAGES), 10 000.
    pub max_pages: u32,
}

impl ArmClientOptions {
    /// The default [`max_retry_delay`](Self::max_retry_delay): 60 s.
    pub const DEFAULT_MAX_RETRY_DELAY: StdDuration = StdDuration::from_secs(60);
    /// The default [`timeout`](Self::timeout): 180 s.
    pub const DEFAULT_TIMEOUT: StdDuration = StdDuration::from_secs(180);
    /// The default [`max_response_body`](Self::max_response_body): 64 MiB.
    pub const DEFAULT_MAX_RESPONSE_BODY: usize = 64 * 1024 * 1024;
    /// The default [`max_pages`](Self::max_pages): 10 000.
    pub const DEFAULT_MAX_PAGES: u32 = 10_000;

    fn limits(&self) -> Limits {
        Limits {
            max_retry_delay: self.max_retry_delay,
            timeout: self.timeout,
            max_response_body: self.max_response_body,
            max_pages: self.max_pages,
        }
    }
}

impl Default for ArmClientOptions {
    fn default() -> Self {
        Self {
            client_options: ClientOptions::default(),
            api_version: None,
            endpoint: None,
            credential_scopes: None,
            max_retry_delay: Self::DEFAULT_MAX_RETRY_DELAY,
            timeout: Some(Self::DEFAULT_TIMEOUT),
            max_response_body: Self::DEFAULT_MAX_RESPONSE_BODY,
            max_pages: Self::DEFAULT_MAX_PAGES,
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_retry_delay: ArmClientOptions::DEFAULT_MAX_RETRY_DELAY,
            timeout: Some(ArmClientOptions::DEFAULT_TIMEOUT),
            max_response_body: ArmClientOptions::DEFAULT_MAX_RESPONSE_BODY,
            max_pages: ArmClientOptions::DEFAULT_MAX_PAGES,
        }
    }
}

/// The [`Format`](azure_core::http::Format) of a client method whose success
/// body is bytes (`type: file`): its `Response<Vec<u8>, BinaryFormat>`'s
/// [`into_model`](azure_core::http::Response::into_model) gives the body as
/// received (read under [`ArmClientOptions::max_response_body`]).
#[derive(Clone, Copy, Debug, Default)]
pub struct BinaryFormat;

impl azure_core::http::Format for BinaryFormat {
    /// Bytes are no structured format: only a `Vec<u8>` is read from them.
    fn deserialize<T: serde::de::DeserializeOwned, S: AsRef<[u8]>>(
        _body: S,
    ) -> azure_core::Result<T> {
        Err(azure_core::Error::with_message(
            ErrorKind::DataConversion,
            "a binary body is read as bytes, not deserialized",
        ))
    }
}

impl azure_core::http::DeserializeWith<BinaryFormat> for Vec<u8> {
    fn deserialize_with(
        body: azure_core::http::response::ResponseBody,
    ) -> azure_core::Result<Self> {
        // Takes the buffer over when nothing else holds it: no copy.
        Ok(Vec::from(Bytes::from(body)))
    }
}

/// The [`Format`](azure_core::http::Format) of a client method whose success
/// body is text (`text/plain`): its `Response<String, TextFormat>`'s
/// [`into_model`](azure_core::http::Response::into_model) gives the text
/// (an error if it is not UTF-8).
#[derive(Clone, Copy, Debug, Default)]
pub struct TextFormat;

impl azure_core::http::Format for TextFormat {
    /// Text is no structured format: only a [`String`] is read from it.
    fn deserialize<T: serde::de::DeserializeOwned, S: AsRef<[u8]>>(
        _body: S,
    ) -> azure_core::Result<T> {
        Err(azure_core::Error::with_message(
            ErrorKind::DataConversion,
            "a text body is read as a string, not deserialized",
        ))
    }
}

impl azure_core::http::DeserializeWith<TextFormat> for String {
    fn deserialize_with(
        body: azure_core::http::response::ResponseBody,
    ) -> azure_core::Result<Self> {
        body.into_string()
    }
}

/// The options of a client method that has no optional parameters: generated
/// clients name it per method (`RelayNamespacesClientListKeysOptions`).
#[derive(Clone, Debug, Default)]
pub struct MethodOptions<'a> {
    /// Per-call options: the `azure_core` context.
    pub method_options: azure_core::http::ClientMethodOptions<'a>,
}

/// The client request id to send in a header that `x-ms-client-request-id`
/// names: the caller's, else a fresh random UUID, as `azure_core`'s pipeline
/// does for the `x-ms-client-request-id` header itself.
pub fn client_request_id(given: Option<&str>) -> std::borrow::Cow<'_, str> {
    match given {
        Some(id) => std::borrow::Cow::Borrowed(id),
        None => std::borrow::Cow::Owned(azure_core::Uuid::new_v4().to_string()),
    }
}

/// Turns a generated decoder's error into an [`azure_core::Error`] that holds
/// it, so that callers get `azure_core`'s usual error and can still reach the
/// typed one with [`azure_core::Error::downcast_ref`] or
/// [`azure_core::Error::into_downcast`].
///
/// - An error status ([`ResponseError::Service`],
///   [`ResponseError::Unrecognized`]) is [`ErrorKind::HttpResponse`] with the
///   status, the ARM error code (the `x-ms-error-code` header, else
///   [`ResponseError::error_code`]) and the raw response, as
///   `azure_core`'s own `check_success` would make it; so
///   `azure_core::error::ErrorResponse::try_from(error)` works too.
/// - A success status whose body did not decode ([`ResponseError::Decode`]) is
///   [`ErrorKind::DataConversion`], without the raw response: the body of a
///   success may hold keys.
///
/// The error's `Display` is that of the [`ResponseError`].
pub fn response_error<E>(error: ResponseError<E>, response: &HttpResponse) -> azure_core::Error
where
    E: fmt::Debug + serde::Serialize + Send + Sync + 'static,
{
    let kind = match &error {
        ResponseError::Decode { .. } => ErrorKind::DataConversion,
        // The HTTP exchange succeeded; the operation it reported on did not.
        ResponseError::OperationFailed { .. } => ErrorKind::Other,
        ResponseError::Service(_) | ResponseError::Unrecognized { .. } => {
            let status = StatusCode::from(error.status());
            ErrorKind::HttpResponse {
                status,
                // The header first, as `check_success` does.
                error_code: response
                    .header("x-ms-error-code")
                    .map(str::to_owned)
                    .or_else(|| error.error_code()),
                raw_response: Some(Box::new(RawResponse::from_bytes(
                    status,
                    to_headers(&response.headers),
                    response.body.clone(),
                ))),
            }
        }
    };
    azure_core::Error::new(kind, error)
}

/// Reads the success of an operation whose success statuses have bodies of
/// different types (its client method returns `Response<T, NoFormat>`, `T`
/// the generated enum with one variant per status), as `into_model` reads
/// the one model of other operations.
///
/// ```ignore
/// use armgen_runtime::IntoVariant as _;
/// match client.widgets().get(None).await?.into_variant()? {
///     GetResponse::Status200(widget) => { /* … */ }
///     GetResponse::Status201(created) => { /* … */ }
/// }
/// ```
pub trait IntoVariant<T> {
    /// The variant of the response's status, its body decoded. A body that
    /// does not decode is an [`ErrorKind::DataConversion`] error holding a
    /// [`ResponseError::Decode`] (the position and kind of the problem only,
    /// as a success body may hold keys). The client method has decoded the
    /// same body before returning, so this fails only for a response made
    /// another way.
    fn into_variant(self) -> azure_core::Result<T>;
}

impl<T: FromStatus> IntoVariant<T> for Response<T, NoFormat> {
    fn into_variant(self) -> azure_core::Result<T> {
        let status = u16::from(self.status());
        let request_id = self
            .headers()
            .get_optional_str(&HeaderName::from_static("x-ms-request-id"))
            .map(str::to_owned);
        let body = self.into_body();
        T::from_status(status, body.as_ref()).map_err(|e| {
            azure_core::Error::new(
                ErrorKind::DataConversion,
                ResponseError::<()>::decode(status, &e, request_id.as_deref()),
            )
        })
    }
}

/// Constraint violations found before sending become an
/// [`ErrorKind::Other`] error holding the [`ValidationErrors`], which
/// [`azure_core::Error::downcast_ref`] recovers. Generated client methods use
/// this through `?`.
impl From<ValidationErrors> for azure_core::Error {
    fn from(errors: ValidationErrors) -> Self {
        azure_core::Error::new(ErrorKind::Other, errors)
    }
}

/// A [`TokenCredential`] that always returns the same token, for tests and
/// emulators only: there is no way to refresh it, and it is handed out for
/// any scope.
///
/// Its `Debug` output never shows the token.
#[derive(Clone)]
pub struct StaticTokenCredential {
    token: Secret,
}

impl StaticTokenCredential {
    /// A credential that returns `token`.
    pub fn new(token: impl Into<Secret>) -> Arc<Self> {
        Arc::new(Self {
            token: token.into(),
        })
    }
}

impl fmt::Debug for StaticTokenCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StaticTokenCredential")
            .finish_non_exhaustive()
    }
}

// Written out instead of using `#[async_trait]` (which is what the trait is
// declared with) to spare the crate a dependency: this is its expansion.
impl TokenCredential for StaticTokenCredential {
    fn get_token<'life0, 'life1, 'life2, 'life3, 'async_trait>(
        &'life0 self,
        _scopes: &'life1 [&'life2 str],
        _options: Option<TokenRequestOptions<'life3>>,
    ) -> std::pin::Pin<
        Box<dyn Future<Output = azure_core::Result<AccessToken>> + Send + 'async_trait>,
    >
    where
        'life0: 'async_trait,
        'life1: 'async_trait,
        'life2: 'async_trait,
        'life3: 'async_trait,
        Self: 'async_trait,
    {
        // Always an hour ahead, so the bearer policy (which refreshes five
        // minutes before expiry) never sees it expire.
        let token = AccessToken::new(
            self.token.clone(),
            OffsetDateTime::now_utc() + Duration::hours(1),
        );
        Box::pin(std::future::ready(Ok(token)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use azure_core::cloud::{Audiences, CustomConfiguration};

    #[test]
    fn binary_and_text_responses_read_their_bodies_through_into_model() {
        let png = vec![0x89, b'P', b'N', b'G', 0, 0xff];
        let response: Response<Vec<u8>, BinaryFormat> =
            RawResponse::from_bytes(StatusCode::Ok, Headers::new(), Bytes::from(png.clone()))
                .into();
        assert_eq!(response.into_model().unwrap(), png);
        let response: Response<String, TextFormat> = RawResponse::from_bytes(
            StatusCode::Ok,
            Headers::new(),
            Bytes::from_static(b"hello, \"world\""),
        )
        .into();
        assert_eq!(response.into_model().unwrap(), "hello, \"world\"");
        let response: Response<String, TextFormat> =
            RawResponse::from_bytes(StatusCode::Ok, Headers::new(), Bytes::from(png)).into();
        let error = response.into_model().unwrap_err();
        assert!(
            matches!(error.kind(), ErrorKind::DataConversion),
            "{error:?}"
        );
    }

    #[test]
    fn scopes_of_known_clouds() {
        let cases = [
            (
                CloudConfiguration::AzurePublic,
                "https://management.azure.com/.default",
            ),
            (
                CloudConfiguration::AzureGovernment,
                "https://management.usgovcloudapi.net/.default",
            ),
            (
                CloudConfiguration::AzureChina,
                "https://management.chinacloudapi.cn/.default",
            ),
        ];
        for (cloud, scope) in cases {
            assert_eq!(resource_manager_scope(&cloud).unwrap(), scope);
        }
    }

    #[test]
    fn custom_cloud_needs_an_audience_and_an_endpoint() {
        let mut custom = CustomConfiguration::default();
        let bare: CloudConfiguration = custom.clone().into();
        assert!(resource_manager_scope(&bare).is_err());
        assert!(resource_manager_endpoint(&bare).is_err());
        custom.audiences = Audiences::new()
            .with::<ResourceManagerAudience>("https://management.core.windows.net/".to_owned());
        let cloud: CloudConfiguration = custom.into();
        assert_eq!(
            resource_manager_scope(&cloud).unwrap(),
            "https://management.core.windows.net//.default"
        );
    }

    #[test]
    fn plain_http_endpoints_are_refused() {
        let endpoint = Url::parse("http://127.0.0.1:1").unwrap();
        let credential = StaticTokenCredential::new("t");
        let result = ArmPipeline::new(
            None,
            None,
            credential,
            Some(endpoint),
            None,
            ClientOptions::default(),
        );
        assert!(result.is_err());
    }

    #[test]
    fn debug_hides_the_token() {
        let credential = StaticTokenCredential::new("super-secret");
        assert!(!format!("{credential:?}").contains("super-secret"));
    }

    /// Success bodies of different types per status.
    #[derive(Debug, PartialEq)]
    enum ByStatus {
        Status200(String),
        Status201(i32),
    }

    impl FromStatus for ByStatus {
        fn from_status(status: u16, body: &[u8]) -> Result<Self, serde_json::Error> {
            match status {
                200 => serde_json::from_slice(body).map(Self::Status200),
                201 => serde_json::from_slice(body).map(Self::Status201),
                _ => Err(serde::de::Error::custom("not a success")),
            }
        }
    }

    fn response(status: StatusCode, body: &'static str) -> Response<ByStatus, NoFormat> {
        RawResponse::from_bytes(status, Headers::new(), body).into()
    }

    #[test]
    fn into_variant_reads_the_body_by_the_status() {
        let value = response(StatusCode::Ok, r#""text""#).into_variant();
        assert_eq!(value.unwrap(), ByStatus::Status200("text".to_owned()));
        let value = response(StatusCode::Created, "7").into_variant();
        assert_eq!(value.unwrap(), ByStatus::Status201(7));
    }

    #[test]
    fn into_variant_of_a_body_that_does_not_decode_is_a_data_conversion_error_without_it() {
        let error = response(StatusCode::Created, r#""key=hunter2""#)
            .into_variant()
            .unwrap_err();
        assert!(
            matches!(error.kind(), ErrorKind::DataConversion),
            "{error:?}"
        );
        assert!(
            !format!("{error:?} {error}").contains("hunter2"),
            "{error:?}"
        );
    }

    #[test]
    fn header_names_must_be_tokens() {
        assert!(is_token("x-ms-client-request-id"));
        assert!(!is_token("bad name"));
        assert!(!is_token("ünïcode"));
        assert!(!is_token(""));
    }
}
