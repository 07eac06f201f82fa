//! `x-ms-long-running-operation`s: a [`Poller`] that follows ARM's
//! asynchronous pattern to the final result.
//!
//! After the initial response the poller `GET`s the `Azure-AsyncOperation`
//! URL (a status monitor: `{"status": "InProgress" | "Succeeded" | …}`) or,
//! without one, the `Location` URL (`202` until done), waiting as long as each
//! `Retry-After` asks. The final result then comes from where the spec's
//! `final-state-via` says: the `Location` URL, or the original resource URL.
//! Polling URLs must have the endpoint's origin: the bearer token goes with
//! them.

use std::time::Duration as StdDuration;

use azure_core::error::ErrorKind;
use azure_core::http::{Context, Url};
use azure_core::time::OffsetDateTime;
use serde_json::Value;

use super::client::{ArmPipeline, response_error};
use super::error::ResponseError;
use super::http::{HttpRequest, HttpResponse, Method};
use super::limits::{RetryDelayCap, azure_duration, describe, retry_after, timed_out, within};

/// Where the final result of a long-running operation is read
/// (`x-ms-long-running-operation-options.final-state-via`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FinalStateVia {
    /// The `Location` header's URL (ARM's default for `POST` and `DELETE`).
    Location,
    /// The original request's URL (ARM's default for `PUT` and `PATCH`).
    OriginalUri,
    /// The status monitor itself (`Azure-AsyncOperation`): the final result
    /// is the resource at the original URL for `PUT`/`PATCH`, nothing else.
    AzureAsyncOperation,
}

/// How a [`Poller`] waits, and for how long in all.
///
/// Every wait is bounded twice: by [`max_delay`](Self::max_delay) here and by
/// the client's [`ArmClientOptions::max_retry_delay`](crate::ArmClientOptions::max_retry_delay),
/// whichever is shorter. That holds for the poller's own waits between polls
/// and for the retry policy's waits when a poll is throttled (429, 503).
/// Each poll is also a call with the client's
/// [`timeout`](crate::ArmClientOptions::timeout).
#[derive(Clone, Debug)]
pub struct PollerOptions {
    /// The wait between polls when a response has no `Retry-After`.
    /// Default: 5 s.
    pub default_delay: StdDuration,
    /// The longest single wait honoured, however long `Retry-After` asks.
    /// Default: 60 s.
    pub max_delay: StdDuration,
    /// Polls after which the poller gives up with an error. Default: 720.
    pub max_polls: u32,
    /// The deadline of [`Poller::wait`] as a whole, every poll and wait
    /// included; past it `wait` fails with an `ErrorKind::Io` error holding a
    /// [`std::io::ErrorKind::TimedOut`] I/O error (the operation itself may
    /// still be running in Azure). `None`: no deadline.
    ///
    /// Default: [`PollerOptions::DEFAULT_TIMEOUT`], one hour: more than most
    /// ARM operations take; raise it for those known to take longer.
    pub timeout: Option<StdDuration>,
}

impl PollerOptions {
    /// The default [`timeout`](Self::timeout): one hour.
    pub const DEFAULT_TIMEOUT: StdDuration = StdDuration::from_secs(60 * 60);
}

impl Default for PollerOptions {
    fn default() -> Self {
        Self {
            default_delay: StdDuration::from_secs(5),
            max_delay: StdDuration::from_secs(60),
            max_polls: 720,
            timeout: Some(Self::DEFAULT_TIMEOUT),
        }
    }
}

type Decode<T> = Box<dyn Fn(&HttpResponse) -> azure_core::Result<T> + Send + Sync>;
type Failure = Box<dyn Fn(&HttpResponse, &str) -> azure_core::Error + Send + Sync>;

/// A long-running operation that has started; [`Poller::wait`] drives it to
/// its final result.
pub struct Poller<T> {
    pipeline: ArmPipeline,
    context: Context<'static>,
    initial: HttpResponse,
    original: HttpRequest,
    final_state_via: FinalStateVia,
    options: PollerOptions,
    decode: Decode<T>,
    failure: Failure,
}

impl<T> std::fmt::Debug for Poller<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Poller")
            .field("initial_status", &self.initial.status)
            .field("url", &self.original.redacted_url().as_str())
            .field("final_state_via", &self.final_state_via)
            .finish_non_exhaustive()
    }
}

impl ArmPipeline {
    /// Sends the initial request of a long-running operation and returns its
    /// poller. An error status on the initial request is returned as the
    /// operation's typed error right away.
    pub async fn begin<T, E>(
        &self,
        ctx: Context<'_>,
        request: HttpRequest,
        decode: fn(&HttpResponse) -> Result<T, ResponseError<E>>,
        final_state_via: FinalStateVia,
    ) -> azure_core::Result<Poller<T>>
    where
        T: 'static,
        E: std::fmt::Debug + serde::Serialize + serde::de::DeserializeOwned + Send + Sync + 'static,
    {
        let initial = self.send(&ctx, request.clone()).await?;
        if !(200..300).contains(&initial.status) {
            return Err(match decode(&initial) {
                Err(e) => response_error(e, &initial),
                Ok(_) => azure_core::Error::with_message(
                    ErrorKind::Other,
                    format!("unexpected status {}", initial.status),
                ),
            });
        }
        Ok(Poller {
            pipeline: self.clone(),
            context: ctx.into_owned(),
            initial,
            original: request,
            final_state_via,
            options: PollerOptions::default(),
            decode: Box::new(move |response| {
                decode(response).map_err(|e| response_error(e, response))
            }),
            failure: Box::new(|status_body, state| {
                let error = ResponseError::<E>::operation_failed(
                    status_body.status,
                    state,
                    &status_body.body,
                    status_body.request_id(),
                );
                response_error(error, status_body)
            }),
        })
    }
}

impl<T> Poller<T> {
    /// The response to the initial request (status and headers: the polling
    /// URLs are `Azure-AsyncOperation` and `Location`).
    pub fn initial_response(&self) -> &HttpResponse {
        &self.initial
    }

    /// Changes how the poller waits.
    pub fn with_options(mut self, options: PollerOptions) -> Self {
        self.options = options;
        self
    }

    /// Polls until the operation ends and returns its final result, or the
    /// typed error of a failed operation; fails once
    /// [`PollerOptions::timeout`] has passed.
    pub async fn wait(self) -> azure_core::Result<T> {
        let timeout = self.options.timeout;
        let url = self.original.url.clone();
        within(timeout, self.poll_to_end(), || {
            timed_out(format!(
                "the long-running operation at {} did not finish within {} (PollerOptions::timeout)",
                url.path(),
                describe(timeout.unwrap_or_default())
            ))
        })
        .await
    }

    async fn poll_to_end(&self) -> azure_core::Result<T> {
        let status_url = self.polling_url("azure-asyncoperation")?;
        let location = self.polling_url("location")?;
        let mut last = self.initial.clone();
        match (&status_url, &location) {
            // Nothing to poll: the initial response is the result.
            (None, None) => (self.decode)(&self.initial),
            (Some(status_url), _) => {
                let mut polls = 0;
                loop {
                    self.pause(&last, &mut polls).await?;
                    last = self.get(status_url.clone()).await?;
                    if !(200..300).contains(&last.status) {
                        return Err((self.failure)(&last, "Failed"));
                    }
                    let state = operation_state(&last.body);
                    match state.as_str() {
                        "succeeded" => break,
                        "failed" | "canceled" | "cancelled" => {
                            return Err((self.failure)(&last, &state));
                        }
                        _ => {}
                    }
                }
                match self.final_state_via {
                    FinalStateVia::Location => match &location {
                        Some(location) => self.fetch_final(location.clone()).await,
                        None => self.fetch_final(self.original.url.clone()).await,
                    },
                    FinalStateVia::OriginalUri => self.fetch_final(self.original.url.clone()).await,
                    FinalStateVia::AzureAsyncOperation => match self.original.method {
                        Method::Put | Method::Patch => {
                            self.fetch_final(self.original.url.clone()).await
                        }
                        _ => (self.decode)(&HttpResponse::new(204, Vec::new())),
                    },
                }
            }
            (None, Some(location)) => {
                let mut url = location.clone();
                let mut polls = 0;
                loop {
                    self.pause(&last, &mut polls).await?;
                    last = self.get(url.clone()).await?;
                    if last.status != 202 {
                        break;
                    }
                    if let Some(next) = self.url_header(&last, "location")? {
                        url = next;
                    }
                }
                if self.final_state_via == FinalStateVia::OriginalUri {
                    return self.fetch_final(self.original.url.clone()).await;
                }
                (self.decode)(&last)
            }
        }
    }

    /// Reads the final result, re-polling while the service still says 202.
    async fn fetch_final(&self, url: Url) -> azure_core::Result<T> {
        let mut polls = 0;
        loop {
            let response = self.get(url.clone()).await?;
            if response.status != 202 {
                return (self.decode)(&response);
            }
            self.pause(&response, &mut polls).await?;
        }
    }

    async fn get(&self, url: Url) -> azure_core::Result<HttpResponse> {
        let mut request = HttpRequest::new(Method::Get, url);
        request
            .headers
            .push(("accept".to_owned(), "application/json".to_owned()));
        // A throttled poll waits no longer than the poller would.
        let context = self
            .context
            .clone()
            .with_value(RetryDelayCap(self.options.max_delay));
        self.pipeline.send(&context, request).await
    }

    /// The longest wait: the poller's and the client's caps, whichever is shorter.
    fn max_delay(&self) -> StdDuration {
        self.options
            .max_delay
            .min(self.pipeline.limits().max_retry_delay)
    }

    /// Waits as `Retry-After` says (bounded), counting polls.
    async fn pause(&self, response: &HttpResponse, polls: &mut u32) -> azure_core::Result<()> {
        *polls += 1;
        if *polls > self.options.max_polls {
            return Err(azure_core::Error::with_message(
                ErrorKind::Other,
                format!(
                    "the long-running operation at {} did not finish after {} polls",
                    self.original.url.path(),
                    self.options.max_polls
                ),
            ));
        }
        let delay = retry_after(|name| response.header(name), OffsetDateTime::now_utc())
            .unwrap_or(self.options.default_delay)
            .min(self.max_delay());
        if !delay.is_zero() {
            azure_core::sleep::sleep(azure_duration(delay)).await;
        }
        Ok(())
    }

    fn polling_url(&self, header: &str) -> azure_core::Result<Option<Url>> {
        self.url_header(&self.initial, header)
    }

    fn url_header(&self, response: &HttpResponse, header: &str) -> azure_core::Result<Option<Url>> {
        let Some(value) = response.header(header) else {
            return Ok(None);
        };
        let url = self.original.url.join(value).map_err(|e| {
            azure_core::Error::with_message(
                ErrorKind::DataConversion,
                format!("the `{header}` header is not a URL: {e}"),
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
        Ok(Some(url))
    }
}

/// `status` of an `Azure-AsyncOperation` body, lower-cased.
fn operation_state(body: &[u8]) -> String {
    serde_json::from_slice::<Value>(body)
        .ok()
        .and_then(|v| {
            v.get("status")
                .and_then(Value::as_str)
                .map(str::to_ascii_lowercase)
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_states_are_read_case_insensitively() {
        assert_eq!(operation_state(br#"{"status": "Succeeded"}"#), "succeeded");
        assert_eq!(
            operation_state(br#"{"status": "InProgress"}"#),
            "inprogress"
        );
        assert_eq!(operation_state(b"not json"), "");
    }
}
