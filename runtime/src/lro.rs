//! `x-ms-long-running-operation`s as `azure_core`'s [`Poller`], following
//! Azure Resource Manager's asynchronous-operation rules: see
//! [`ArmPipeline::begin`], which states them.

use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration as StdDuration, Instant};

use azure_core::Bytes;
use azure_core::error::ErrorKind;
use azure_core::http::poller::{
    PollerContinuation, PollerResult, PollerState, PollerStatus, StatusMonitor,
};
use azure_core::http::{
    Context, Format, JsonFormat, Poller, RawResponse, Response, StatusCode, Url, headers::Headers,
};
use azure_core::time::OffsetDateTime;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use super::client::{ArmPipeline, response_error, to_headers};
use super::error::ResponseError;
use super::http::{HttpRequest, HttpResponse, Method};
use super::limits::{RetryDelayCap, azure_duration, describe, retry_after, timed_out, within};

/// Where the final result of a long-running operation is read
/// (`x-ms-long-running-operation-options.final-state-via`); see the
/// rules of [`ArmPipeline::begin`] for what each value means per method.
///
/// armgen resolves a spec without `final-state-via` to ARM's default for the
/// method: [`OriginalUri`](Self::OriginalUri) for `PUT` and `PATCH`,
/// [`Location`](Self::Location) otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FinalStateVia {
    /// `azure-async-operation`: the status monitor of the
    /// `Azure-AsyncOperation` header holds the result of a `POST`.
    AzureAsyncOperation,
    /// `location`: the `Location` header's URL.
    Location,
    /// `original-uri`: the original request's URL.
    OriginalUri,
    /// `operation-location`: the status monitor of the `Operation-Location`
    /// header holds the result of a `POST`.
    OperationLocation,
}

/// How a long-running operation's [`Poller`] waits, and for how long in all:
/// the `method_options` of every generated `begin_*` method.
///
/// Every wait is bounded twice: by [`max_delay`](Self::max_delay) here and by
/// the client's [`ArmClientOptions::max_retry_delay`](crate::ArmClientOptions::max_retry_delay),
/// whichever is shorter. That holds for the poller's own waits between polls
/// and for the retry policy's waits when a poll is throttled (429, 503).
/// Each poll is also a call with the client's
/// [`timeout`](crate::ArmClientOptions::timeout).
///
/// Unlike `azure_core`'s own `PollerOptions`, whose `frequency` may not be
/// under a second, any [`frequency`](Self::frequency) is allowed.
#[derive(Clone, Debug)]
pub struct PollerOptions<'a> {
    /// The `azure_core` context every request of the operation is sent with.
    pub context: Context<'a>,
    /// The wait between polls when a response has no `Retry-After`.
    /// Default: 5 s.
    pub frequency: StdDuration,
    /// The longest single wait honoured, however long `Retry-After` asks.
    /// Default: 60 s.
    pub max_delay: StdDuration,
    /// Polls after which the poller gives up with an error. Default: 720.
    pub max_polls: u32,
    /// The deadline of the operation as a whole, from the initial request to
    /// the final result, every poll and wait included; past it the poller
    /// fails with an `ErrorKind::Io` error holding a
    /// [`std::io::ErrorKind::TimedOut`] I/O error (the operation itself may
    /// still be running in Azure). `None`: no deadline.
    ///
    /// Default: [`PollerOptions::DEFAULT_TIMEOUT`], one hour: more than most
    /// ARM operations take; raise it for those known to take longer.
    pub timeout: Option<StdDuration>,
}

impl PollerOptions<'_> {
    /// The default [`timeout`](Self::timeout): one hour.
    pub const DEFAULT_TIMEOUT: StdDuration = StdDuration::from_secs(60 * 60);
    /// The default [`frequency`](Self::frequency): 5 s.
    pub const DEFAULT_FREQUENCY: StdDuration = StdDuration::from_secs(5);

    /// These options with an owned context, so that they can outlive the
    /// current scope (the poller runs after the method has returned).
    pub fn into_owned(self) -> PollerOptions<'static> {
        PollerOptions {
            context: self.context.into_owned(),
            frequency: self.frequency,
            max_delay: self.max_delay,
            max_polls: self.max_polls,
            timeout: self.timeout,
        }
    }
}

impl Default for PollerOptions<'_> {
    fn default() -> Self {
        Self {
            context: Context::new(),
            frequency: Self::DEFAULT_FREQUENCY,
            max_delay: StdDuration::from_secs(60),
            max_polls: 720,
            timeout: Some(Self::DEFAULT_TIMEOUT),
        }
    }
}

/// The options of a long-running method that has no optional parameters:
/// generated clients name it per method
/// (`RelayNamespacesClientDeleteOptions`).
#[derive(Clone, Debug, Default)]
pub struct PollerMethodOptions<'a> {
    /// How the poller waits, and the `azure_core` context.
    pub method_options: PollerOptions<'a>,
}

/// The status of a long-running operation: what each response of a
/// [`Poller`] used as a stream decodes into (`response.into_model()`).
///
/// When the operation is followed through a status monitor
/// (`Azure-AsyncOperation`, `Operation-Location`), each poll's response is
/// the monitor's, as received. The initial response, and polls of a
/// `Location` URL or of the resource itself, have no status monitor: their
/// body is then one the poller writes, `{"status": "InProgress"}` or
/// `{"status": "Succeeded"}`, under the response's real status and headers.
///
/// `T` is the operation's final model and `F` its format
/// ([`JsonFormat`], or `NoFormat` for operations without a result), for
/// `azure_core`'s [`StatusMonitor`].
#[derive(Deserialize)]
#[serde(bound = "")]
#[non_exhaustive]
pub struct OperationStatus<T, F = JsonFormat> {
    /// `status`: `InProgress`, `Succeeded` and service-specific values while
    /// running (a poller ends with an error rather than yield `Failed` or
    /// `Canceled`).
    pub status: PollerStatus,
    /// `id` of the operation, if the monitor gives one.
    #[serde(default, deserialize_with = "lenient")]
    pub id: Option<String>,
    /// `name` of the operation, if the monitor gives one.
    #[serde(default, deserialize_with = "lenient")]
    pub name: Option<String>,
    /// `percentComplete`, if the monitor gives one.
    #[serde(default, rename = "percentComplete", deserialize_with = "lenient")]
    pub percent_complete: Option<f64>,
    /// `startTime` as sent, if the monitor gives one.
    #[serde(default, rename = "startTime", deserialize_with = "lenient")]
    pub start_time: Option<String>,
    /// `endTime` as sent, if the monitor gives one.
    #[serde(default, rename = "endTime", deserialize_with = "lenient")]
    pub end_time: Option<String>,
    #[serde(skip)]
    output: PhantomData<fn() -> (T, F)>,
}

/// A member of the wrong type is left out rather than failing the status:
/// the monitor's extras are informative only.
fn lenient<'de, D, V>(deserializer: D) -> Result<Option<V>, D::Error>
where
    D: Deserializer<'de>,
    V: DeserializeOwned,
{
    let value = Value::deserialize(deserializer)?;
    Ok(serde_json::from_value(value).ok())
}

impl<T, F> Clone for OperationStatus<T, F> {
    fn clone(&self) -> Self {
        Self {
            status: self.status.clone(),
            id: self.id.clone(),
            name: self.name.clone(),
            percent_complete: self.percent_complete,
            start_time: self.start_time.clone(),
            end_time: self.end_time.clone(),
            output: PhantomData,
        }
    }
}

impl<T, F> fmt::Debug for OperationStatus<T, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OperationStatus")
            .field("status", &self.status)
            .field("id", &self.id)
            .field("name", &self.name)
            .field("percent_complete", &self.percent_complete)
            .field("start_time", &self.start_time)
            .field("end_time", &self.end_time)
            .finish()
    }
}

impl<T, F: Format + Send> StatusMonitor for OperationStatus<T, F> {
    type Output = T;
    type Format = F;

    fn status(&self) -> PollerStatus {
        self.status.clone()
    }
}

/// A generated `*_response` function.
type Decoder<D, E> = fn(&HttpResponse) -> Result<D, ResponseError<E>>;

/// What one call of the poller's callback yields.
type Step<T, F> = azure_core::Result<PollerResult<OperationStatus<T, F>>>;

/// The future of the final result, before it is given its type.
type RawTarget = Box<
    dyn FnOnce() -> Pin<Box<dyn Future<Output = azure_core::Result<RawResponse>> + Send>> + Send,
>;

/// One step of the operation, before it is given the operation's types:
/// the polling code is compiled once, whatever the operation's model, and
/// only [`typed`] is compiled per model.
enum RawStep {
    /// Still running: the poll's response, the wait, the next URL to poll.
    InProgress {
        response: RawResponse,
        retry_after: azure_core::time::Duration,
        next: Url,
    },
    /// Done: the last poll's response, and how to read the final result.
    Succeeded {
        response: RawResponse,
        target: RawTarget,
    },
}

/// A raw step as `azure_core`'s poller takes it.
fn typed<T, F>(step: azure_core::Result<RawStep>) -> Step<T, F>
where
    T: Send + 'static,
    F: Format + Send + 'static,
{
    Ok(match step? {
        RawStep::InProgress {
            response,
            retry_after,
            next,
        } => PollerResult::InProgress {
            response: response.into(),
            retry_after,
            continuation: PollerContinuation::Links {
                next_link: next,
                final_link: None,
            },
        },
        RawStep::Succeeded { response, target } => PollerResult::Succeeded {
            response: response.into(),
            target: Box::new(move || {
                Box::pin(async move { target().await.map(Into::into) })
                    as Pin<Box<dyn Future<Output = azure_core::Result<Response<T, F>>> + Send>>
            }),
        },
    })
}

/// What the operation's generated `*_response` function says of a response,
/// behind an object so that the polling code does not depend on its types.
trait Judge: Send + Sync {
    /// `Ok` if the function decodes the response; else the error it makes
    /// of it. With `accept_success`, a success status the function does not
    /// document is `Ok` too, as long as the body decodes (the final result
    /// of a `PUT` documenting `201` is read back with `200`).
    fn check(&self, response: &HttpResponse, accept_success: bool) -> azure_core::Result<()>;
    /// An error status the retry policy left: the operation's typed error.
    fn error_status(&self, response: &HttpResponse) -> azure_core::Error;
    /// An operation that reported `Failed` or `Canceled`.
    fn failed(&self, response: &HttpResponse, state: &str) -> azure_core::Error;
}

/// The [`Judge`] of an operation decoding `D` with error model `E`.
struct Typed<D, E>(Decoder<D, E>);

impl<D, E> Judge for Typed<D, E>
where
    D: 'static,
    E: fmt::Debug + Serialize + DeserializeOwned + Send + Sync + 'static,
{
    fn check(&self, response: &HttpResponse, accept_success: bool) -> azure_core::Result<()> {
        match (self.0)(response) {
            Ok(_) => Ok(()),
            // Decided before the error is built: it copies the body.
            Err(error)
                if accept_success
                    && is_success(response.status)
                    && !matches!(error, ResponseError::Decode { .. }) =>
            {
                Ok(())
            }
            Err(error) => Err(response_error(error, response)),
        }
    }

    fn error_status(&self, response: &HttpResponse) -> azure_core::Error {
        response_error(ResponseError::<E>::from_response(response), response)
    }

    fn failed(&self, response: &HttpResponse, state: &str) -> azure_core::Error {
        let error = ResponseError::<E>::operation_failed(
            response.status,
            state,
            &response.body,
            response.request_id(),
        );
        response_error(error, response)
    }
}

/// How the operation is followed once the initial response is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// `Azure-AsyncOperation` or `Operation-Location`: `{"status": …}`.
    Monitor,
    /// `Location`: 202 until done.
    Location,
    /// The resource at the original URL, by its provisioning state.
    Resource,
}

#[derive(Clone, Debug)]
struct Plan {
    mode: Mode,
    /// The initial response's `Location` header, resolved only if the final
    /// result is read there (a `201`'s `Location` may name anything).
    location: Option<String>,
}

#[derive(Debug, Default)]
struct Progress {
    started: Option<Instant>,
    polls: u32,
    plan: Option<Plan>,
}

/// Where the final result is, once the operation has succeeded.
enum Final {
    /// Read with a `GET` of this URL.
    Get(Url),
    /// This response, already in hand.
    Ready(HttpResponse),
}

/// One started operation: what the poller's callback works from.
struct Operation {
    pipeline: ArmPipeline,
    request: HttpRequest,
    judge: Box<dyn Judge>,
    final_state_via: FinalStateVia,
    frequency: StdDuration,
    max_delay: StdDuration,
    max_polls: u32,
    timeout: Option<StdDuration>,
    // The callback is `Fn` and its calls come one after another; the lock is
    // never held across an `await`.
    progress: Mutex<Progress>,
}

impl ArmPipeline {
    /// Starts a long-running operation: returns `azure_core`'s [`Poller`],
    /// which sends `request` when first polled and then follows the
    /// operation as the rules below say. Awaiting the poller yields the final
    /// result as a [`Response`]; used as a stream it yields one
    /// [`OperationStatus`] response per request (the initial one included)
    /// while the operation runs.
    ///
    /// * `decode`: the operation's generated `*_response` function. It
    ///   decides whether the initial response succeeded (an error status is
    ///   its typed error) and checks the final result; a success status it
    ///   documents only for the initial method (a `PUT` documenting `201`
    ///   whose resource is read back with `200`) is accepted.
    /// * `T`, `F`: the final model and its format (`()` and `NoFormat` for
    ///   operations without a result).
    ///
    /// # Rules
    ///
    /// They are those of the ARM documentation ("Track asynchronous Azure
    /// operations") and of the Azure SDKs' ARM pollers (azcore's `async`, `op`,
    /// `loc` and `body` pollers in Go, `ARMPolling` in Python):
    ///
    /// **The initial response decides how to follow the operation.** An error
    /// status is the operation's typed error at once. A `204` is done. Otherwise
    /// the first of these headers that is present is followed:
    /// `Azure-AsyncOperation`, then `Operation-Location` (both a *status monitor*:
    /// `{"status": "InProgress" | "Succeeded" | "Failed" | "Canceled" | …}`, read
    /// case-insensitively, any other value meaning in progress); on a `202`
    /// without either, `Location` (`202` while in progress, any other 2xx once
    /// done). A `PUT` or `PATCH` answered `202` without any of them, or `200`/`201`
    /// whose `properties.provisioningState` is not terminal, is followed by
    /// reading the resource itself (`GET` of the original URL) until its
    /// provisioning state is; without a provisioning state it is done. Any other
    /// `200`/`201` is done, its body the result. A `POST` or `DELETE` answered
    /// `202` with nothing to follow is an error.
    ///
    /// **Where the final result comes from**, once a status monitor says
    /// `Succeeded`, by method and `final-state-via`:
    ///
    /// | method | `final-state-via` | final result |
    /// |---|---|---|
    /// | `PUT`, `PATCH` | `location`, with a `Location` header | `GET` of `Location` |
    /// | `PUT`, `PATCH` | any other, or none | `GET` of the original URL |
    /// | `POST` | `location` (ARM's default) | `GET` of `Location`; without one, of the monitor's `resourceLocation`; without either, the monitor's body |
    /// | `POST` | `azure-async-operation`, `operation-location` | the monitor's body |
    /// | `POST` | `original-uri` | `GET` of the original URL |
    /// | `DELETE` | any, or none | nothing more is read: the resource is gone, and a `404` for it is no error |
    ///
    /// When the operation is followed through `Location`, its last response is
    /// the result, except for `POST` with `final-state-via: original-uri`, and
    /// `PUT`/`PATCH` (unless `final-state-via: location`) whose last response
    /// has no body: these read the original URL.
    ///
    /// **A poll that fails is not a failed operation.** Polls go through the
    /// client's pipeline, so `azure_core`'s retry policy retries 408, 429 and 5xx
    /// answers (waiting as `Retry-After` asks, within the caps). What is left of
    /// an error status after the retries ends the poller with an
    /// [`ErrorKind::HttpResponse`] error holding the status, the decoded ARM error
    /// ([`ResponseError::Service`]) and the `x-ms-request-id`, exactly as for an
    /// error answer to any call. Only an operation that *reports* `Failed` or
    /// `Canceled` ends with [`ResponseError::OperationFailed`] (kind
    /// [`ErrorKind::Other`], no HTTP status: the HTTP exchange succeeded).
    ///
    /// Polling URLs (and `resourceLocation`) must have the endpoint's origin: the
    /// bearer token goes with them.
    pub fn begin<T, F, D, E>(
        &self,
        request: HttpRequest,
        decode: Decoder<D, E>,
        final_state_via: FinalStateVia,
        options: PollerOptions<'_>,
    ) -> Poller<OperationStatus<T, F>>
    where
        T: Send + 'static,
        F: Format + Send + 'static,
        D: 'static,
        E: fmt::Debug + Serialize + DeserializeOwned + Send + Sync + 'static,
    {
        let PollerOptions {
            context,
            frequency,
            max_delay,
            max_polls,
            timeout,
        } = options;
        let operation = Arc::new(Operation {
            pipeline: self.clone(),
            request,
            judge: Box::new(Typed(decode)),
            final_state_via,
            frequency,
            max_delay,
            max_polls,
            timeout,
            progress: Mutex::new(Progress::default()),
        });
        // `azure_core`'s `frequency` is never used: each step says how long
        // to wait (and `azure_core` refuses one under a second).
        let core_options = azure_core::http::poller::PollerOptions {
            context: context.into_owned(),
            ..Default::default()
        };
        Poller::new(
            move |state, options| {
                let operation = Arc::clone(&operation);
                Box::pin(async move { typed(operation.step(state, options.context).await) })
            },
            Some(core_options),
        )
    }
}

impl Operation {
    async fn step(
        self: Arc<Self>,
        state: PollerState,
        context: Context<'static>,
    ) -> azure_core::Result<RawStep> {
        match state {
            PollerState::Initial => self.start(&context).await,
            PollerState::More(PollerContinuation::Links { next_link, .. }) => {
                self.poll(&context, next_link).await
            }
            // `PollerContinuation` is non-exhaustive; this poller only ever
            // hands out links.
            PollerState::More(_) => Err(azure_core::Error::with_message(
                ErrorKind::Other,
                "the poller was resumed from a continuation it did not make",
            )),
        }
    }

    fn progress(&self) -> MutexGuard<'_, Progress> {
        // A panic elsewhere cannot leave `Progress` half-written: every
        // update is a single assignment.
        self.progress.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Sends the initial request and decides how to follow the operation.
    async fn start(self: &Arc<Self>, context: &Context<'static>) -> azure_core::Result<RawStep> {
        self.progress().started = Some(Instant::now());
        let response = self.send(context, self.request.clone()).await?;
        if !is_success(response.status) {
            return Err(match self.judge.check(&response, false) {
                Err(error) => error,
                Ok(()) => azure_core::Error::with_message(
                    ErrorKind::Other,
                    format!("unexpected status {}", response.status),
                ),
            });
        }
        if response.status == 204 {
            return self.done_at_once(response);
        }
        let location = response.header("location").map(str::to_owned);
        let monitor = [
            (
                "Azure-AsyncOperation",
                response.header("azure-asyncoperation"),
            ),
            ("Operation-Location", response.header("operation-location")),
        ]
        .into_iter()
        .find_map(|(name, value)| Some((name, value?)));
        if let Some((name, value)) = monitor {
            let url = self.resolve(name, value)?;
            return self.follow(Mode::Monitor, location, &response, url);
        }
        let method = self.request.method;
        let put_or_patch = matches!(method, Method::Put | Method::Patch);
        if response.status == 202 {
            if let Some(value) = &location {
                let url = self.resolve("Location", value)?;
                return self.follow(Mode::Location, location, &response, url);
            }
            if put_or_patch {
                let url = self.request.url.clone();
                return self.follow(Mode::Resource, None, &response, url);
            }
            return Err(azure_core::Error::with_message(
                ErrorKind::Other,
                format!(
                    "the service accepted the {method} (202) with nothing to follow: no \
                     Azure-AsyncOperation, Operation-Location or Location header"
                ),
            ));
        }
        // A 200 or 201 without a monitor: done, unless a created or updated
        // resource says it is still provisioning.
        if put_or_patch && let Some(state) = provisioning_state(&response.body) {
            match PollerStatus::from(state.as_str()) {
                PollerStatus::Succeeded => {}
                PollerStatus::Failed | PollerStatus::Canceled => {
                    return Err(self.failed(&response, &state));
                }
                _ => {
                    let url = self.request.url.clone();
                    return self.follow(Mode::Resource, None, &response, url);
                }
            }
        }
        self.done_at_once(response)
    }

    /// The initial response is the result: the operation's own response, so
    /// its decoder decides as for any call.
    fn done_at_once(self: &Arc<Self>, response: HttpResponse) -> azure_core::Result<RawStep> {
        self.judge.check(&response, false)?;
        let status = status_response(&response, Some(SUCCEEDED));
        Ok(RawStep::Succeeded {
            response: status,
            target: self.target(Context::new(), Final::Ready(response)),
        })
    }

    fn follow(
        &self,
        mode: Mode,
        location: Option<String>,
        initial: &HttpResponse,
        url: Url,
    ) -> azure_core::Result<RawStep> {
        self.progress().plan = Some(Plan { mode, location });
        self.in_progress(initial, Some(IN_PROGRESS), url)
    }

    fn in_progress(
        &self,
        response: &HttpResponse,
        body: Option<&str>,
        next: Url,
    ) -> azure_core::Result<RawStep> {
        Ok(RawStep::InProgress {
            response: status_response(response, body),
            retry_after: self.delay(response)?,
            next,
        })
    }

    /// One poll of the status monitor, the `Location` URL or the resource.
    async fn poll(
        self: &Arc<Self>,
        context: &Context<'static>,
        url: Url,
    ) -> azure_core::Result<RawStep> {
        let plan = {
            let mut progress = self.progress();
            progress.polls += 1;
            if progress.polls > self.max_polls {
                return Err(azure_core::Error::with_message(
                    ErrorKind::Other,
                    format!(
                        "the long-running operation at {} did not finish after {} polls (PollerOptions::max_polls)",
                        self.request.url.path(),
                        self.max_polls
                    ),
                ));
            }
            progress.plan.clone()
        };
        let Some(plan) = plan else {
            return Err(azure_core::Error::with_message(
                ErrorKind::Other,
                "the poller polled before the operation started",
            ));
        };
        let response = self.get(context, url.clone()).await?;
        // What the retry policy left of a 408, 429 or 5xx, or any other error
        // status: the HTTP error it is, not a failed operation.
        if !is_success(response.status) {
            return Err(self.judge.error_status(&response));
        }
        match plan.mode {
            Mode::Monitor => {
                let Some(state) = json_str(&response.body, "/status") else {
                    return Err(azure_core::Error::with_message(
                        ErrorKind::DataConversion,
                        format!(
                            "the status monitor of the long-running operation at {} answered {} without a `status`",
                            self.request.url.path(),
                            response.status
                        ),
                    ));
                };
                match PollerStatus::from(state.as_str()) {
                    PollerStatus::Succeeded => {
                        let result = self.after_monitor(&plan, &response)?;
                        Ok(RawStep::Succeeded {
                            response: status_response(&response, None),
                            target: self.target(context.clone(), result),
                        })
                    }
                    PollerStatus::Failed | PollerStatus::Canceled => {
                        Err(self.failed(&response, &state))
                    }
                    _ => self.in_progress(&response, None, url),
                }
            }
            Mode::Location => {
                if response.status == 202 {
                    // The service may move the operation along.
                    let next = match response.header("location") {
                        Some(value) => self.resolve("Location", value)?,
                        None => url,
                    };
                    return self.in_progress(&response, Some(IN_PROGRESS), next);
                }
                let result = self.after_location(&response)?;
                Ok(RawStep::Succeeded {
                    response: status_response(&response, Some(SUCCEEDED)),
                    target: self.target(context.clone(), result),
                })
            }
            Mode::Resource => {
                if response.status == 202 {
                    return self.in_progress(&response, Some(IN_PROGRESS), url);
                }
                if let Some(state) = provisioning_state(&response.body) {
                    match PollerStatus::from(state.as_str()) {
                        PollerStatus::Succeeded => {}
                        PollerStatus::Failed | PollerStatus::Canceled => {
                            return Err(self.failed(&response, &state));
                        }
                        _ => return self.in_progress(&response, Some(IN_PROGRESS), url),
                    }
                }
                self.check_final(&response)?;
                Ok(RawStep::Succeeded {
                    response: status_response(&response, Some(SUCCEEDED)),
                    target: self.target(context.clone(), Final::Ready(response)),
                })
            }
        }
    }

    /// Where the result is once a status monitor said `Succeeded`.
    fn after_monitor(&self, plan: &Plan, last: &HttpResponse) -> azure_core::Result<Final> {
        let original = || Final::Get(self.request.url.clone());
        Ok(match self.request.method {
            Method::Put | Method::Patch => match (&plan.location, self.final_state_via) {
                (Some(location), FinalStateVia::Location) => {
                    Final::Get(self.resolve("Location", location)?)
                }
                _ => original(),
            },
            Method::Post => match self.final_state_via {
                FinalStateVia::OriginalUri => original(),
                FinalStateVia::AzureAsyncOperation | FinalStateVia::OperationLocation => {
                    Final::Ready(last.clone())
                }
                FinalStateVia::Location => {
                    if let Some(location) = &plan.location {
                        Final::Get(self.resolve("Location", location)?)
                    } else if let Some(resource) = json_str(&last.body, "/resourceLocation") {
                        Final::Get(self.resolve("resourceLocation", &resource)?)
                    } else {
                        Final::Ready(last.clone())
                    }
                }
            },
            // A deleted resource has nothing left to read: reading it would
            // only get the 404 that proves the delete worked.
            Method::Delete | Method::Get | Method::Head => Final::Ready(last.clone()),
        })
    }

    /// Where the result is once a `Location` URL stopped answering 202.
    fn after_location(&self, last: &HttpResponse) -> azure_core::Result<Final> {
        let method = self.request.method;
        let via = self.final_state_via;
        // A PUT or PATCH whose Location answers with the resource has its
        // result in hand (AutoRest's and Go's `loc` pollers take it there);
        // only an empty answer sends us to the resource itself.
        let put_or_patch_without_result = matches!(method, Method::Put | Method::Patch)
            && via != FinalStateVia::Location
            && !has_body(last);
        if put_or_patch_without_result
            || (method == Method::Post && via == FinalStateVia::OriginalUri)
        {
            return Ok(Final::Get(self.request.url.clone()));
        }
        // A DELETE's last answer is not its decoder's to judge: it is not the
        // response the spec documents.
        if method != Method::Delete {
            self.check_final(last)?;
        }
        Ok(Final::Ready(last.clone()))
    }

    /// The future of the final result, read (if it has to be) when the
    /// poller is awaited.
    fn target(self: &Arc<Self>, context: Context<'static>, result: Final) -> RawTarget {
        let operation = Arc::clone(self);
        Box::new(move || {
            Box::pin(async move {
                let response = match result {
                    Final::Ready(response) => response,
                    Final::Get(url) => {
                        let response = operation.get(&context, url).await?;
                        operation.check_final(&response)?;
                        response
                    }
                };
                Ok(into_response(response))
            })
        })
    }

    /// Checks a final result with the operation's decoder: an error status
    /// is its typed error, a body that does not decode a `DataConversion`
    /// error.
    fn check_final(&self, response: &HttpResponse) -> azure_core::Result<()> {
        // A success status the spec documents for reading the resource, not
        // for the initial method, is accepted: the body is the result all
        // the same, and `into_model` reads it.
        self.judge.check(response, true)
    }

    /// An operation that reported `Failed` or `Canceled`.
    fn failed(&self, response: &HttpResponse, state: &str) -> azure_core::Error {
        self.judge.failed(response, state)
    }

    /// What is left of [`PollerOptions::timeout`]; an error once it has
    /// passed.
    fn remaining(&self) -> azure_core::Result<Option<StdDuration>> {
        let Some(timeout) = self.timeout else {
            return Ok(None);
        };
        let elapsed = self
            .progress()
            .started
            .map_or(StdDuration::ZERO, |started| started.elapsed());
        match timeout.checked_sub(elapsed) {
            Some(left) if !left.is_zero() => Ok(Some(left)),
            _ => Err(self.timed_out()),
        }
    }

    fn timed_out(&self) -> azure_core::Error {
        timed_out(format!(
            "the long-running operation at {} did not finish within {} (PollerOptions::timeout)",
            self.request.url.path(),
            describe(self.timeout.unwrap_or_default())
        ))
    }

    /// Sends a request within what is left of the operation's deadline.
    async fn send(
        &self,
        context: &Context<'_>,
        request: HttpRequest,
    ) -> azure_core::Result<HttpResponse> {
        let left = self.remaining()?;
        within(left, self.pipeline.send(context, request), || {
            self.timed_out()
        })
        .await
    }

    async fn get(&self, context: &Context<'_>, url: Url) -> azure_core::Result<HttpResponse> {
        let mut request = HttpRequest::new(Method::Get, url);
        request
            .headers
            .push(("accept".to_owned(), "application/json".to_owned()));
        // A throttled poll waits no longer than the poller would.
        let context = context.clone().with_value(RetryDelayCap(self.max_delay));
        self.send(&context, request).await
    }

    /// The wait before the next poll: as `Retry-After` asks, else
    /// `frequency`; never longer than either cap nor past the deadline.
    fn delay(&self, response: &HttpResponse) -> azure_core::Result<azure_core::time::Duration> {
        let wanted = retry_after(|name| response.header(name), OffsetDateTime::now_utc())
            .unwrap_or(self.frequency);
        let mut delay = wanted
            .min(self.max_delay)
            .min(self.pipeline.limits().max_retry_delay);
        if let Some(left) = self.remaining()? {
            delay = delay.min(left);
        }
        Ok(azure_duration(delay))
    }

    /// A URL from a header (or `resourceLocation`), relative to the original
    /// request's, refused unless it has the endpoint's origin.
    fn resolve(&self, header: &str, value: &str) -> azure_core::Result<Url> {
        let url = self.request.url.join(value).map_err(|e| {
            azure_core::Error::with_message(
                ErrorKind::DataConversion,
                format!("the `{header}` of the long-running operation is not a URL: {e}"),
            )
        })?;
        if url.origin() != self.pipeline.endpoint().origin() {
            return Err(azure_core::Error::with_message(
                ErrorKind::Other,
                format!(
                    "refusing to poll {} (the client's endpoint is {}): the bearer token would go with it",
                    url.origin().ascii_serialization(),
                    self.pipeline.endpoint().origin().ascii_serialization()
                ),
            ));
        }
        Ok(url)
    }
}

const IN_PROGRESS: &str = "InProgress";
const SUCCEEDED: &str = "Succeeded";

fn is_success(status: u16) -> bool {
    (200..300).contains(&status)
}

/// A poll's response as a stream item: its status and headers, and the
/// status monitor as received or, where there is none, `{"status": body}`.
fn status_response(response: &HttpResponse, body: Option<&str>) -> RawResponse {
    let (headers, body) = match body {
        None => (to_headers(&response.headers), response.body.clone()),
        Some(status) => {
            // The length and type announced were those of the real body.
            let kept: Vec<(String, String)> = response
                .headers
                .iter()
                .filter(|(name, _)| {
                    !name.eq_ignore_ascii_case("content-length")
                        && !name.eq_ignore_ascii_case("content-type")
                })
                .cloned()
                .collect();
            let mut headers: Headers = to_headers(&kept);
            headers.insert("content-type", "application/json");
            let body = serde_json::json!({ "status": status }).to_string();
            (headers, body.into_bytes())
        }
    };
    RawResponse::from_bytes(
        StatusCode::from(response.status),
        headers,
        Bytes::from(body),
    )
}

fn into_response(response: HttpResponse) -> RawResponse {
    RawResponse::from_bytes(
        StatusCode::from(response.status),
        to_headers(&response.headers),
        Bytes::from(response.body),
    )
}

/// The string at `pointer` in a JSON body, if the body is JSON and has one.
fn json_str(body: &[u8], pointer: &str) -> Option<String> {
    serde_json::from_slice::<Value>(body)
        .ok()?
        .pointer(pointer)?
        .as_str()
        .map(str::to_owned)
}

/// Whether a response carries a body (whitespace is none).
fn has_body(response: &HttpResponse) -> bool {
    !response.body.iter().all(u8::is_ascii_whitespace)
}

/// `properties.provisioningState` of a resource body.
fn provisioning_state(body: &[u8]) -> Option<String> {
    json_str(body, "/properties/provisioningState")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monitor_states_are_read_case_insensitively() {
        let state = |body: &[u8]| json_str(body, "/status").map(|s| PollerStatus::from(s.as_str()));
        assert_eq!(
            state(br#"{"status": "succeeded"}"#),
            Some(PollerStatus::Succeeded)
        );
        assert_eq!(
            state(br#"{"status": "CANCELLED"}"#),
            Some(PollerStatus::Canceled)
        );
        assert_eq!(
            state(br#"{"status": "InProgress"}"#),
            Some(PollerStatus::InProgress)
        );
        assert_eq!(state(b"not json"), None);
        assert_eq!(state(br#"{"status": 3}"#), None);
    }

    #[test]
    fn provisioning_state_is_read_from_properties() {
        assert_eq!(
            provisioning_state(br#"{"properties": {"provisioningState": "Creating"}}"#).as_deref(),
            Some("Creating")
        );
        assert_eq!(
            provisioning_state(br#"{"provisioningState": "Creating"}"#),
            None
        );
    }

    #[test]
    fn a_status_keeps_what_it_can_read() {
        let status: OperationStatus<()> = serde_json::from_str(
            r#"{"status": "Running", "percentComplete": "half", "name": "op", "startTime": "2024-01-01T00:00:00Z"}"#,
        )
        .unwrap();
        assert_eq!(status.status, PollerStatus::UnknownValue("Running".into()));
        assert_eq!(status.percent_complete, None);
        assert_eq!(status.name.as_deref(), Some("op"));
        assert_eq!(StatusMonitor::status(&status), status.status);
    }
}
