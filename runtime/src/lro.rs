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
use serde_json::Value;

use super::client::{ArmPipeline, response_error};
use super::error::ResponseError;
use super::http::{HttpRequest, HttpResponse, Method};

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

/// How a [`Poller`] waits.
#[derive(Clone, Debug)]
pub struct PollerOptions {
    /// The wait between polls when a response has no `Retry-After`.
    pub default_delay: StdDuration,
    /// The longest single wait honoured, however long `Retry-After` asks.
    pub max_delay: StdDuration,
    /// Polls after which the poller gives up with an error.
    pub max_polls: u32,
}

impl Default for PollerOptions {
    fn default() -> Self {
        Self {
            default_delay: StdDuration::from_secs(5),
            max_delay: StdDuration::from_secs(60),
            max_polls: 720,
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
            .field("url", &self.original.url.as_str())
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
    /// typed error of a failed operation.
    pub async fn wait(self) -> azure_core::Result<T> {
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
        self.pipeline.send(&self.context, request).await
    }

    /// Waits as `Retry-After` says (bounded), counting polls.
    async fn pause(&self, response: &HttpResponse, polls: &mut u32) -> azure_core::Result<()> {
        *polls += 1;
        if *polls > self.options.max_polls {
            return Err(azure_core::Error::with_message(
                ErrorKind::Other,
                format!(
                    "the long-running operation at {} did not finish after {} polls",
                    self.original.url, self.options.max_polls
                ),
            ));
        }
        let delay = retry_after(response)
            .unwrap_or(self.options.default_delay)
            .min(self.options.max_delay);
        if !delay.is_zero() {
            let delay = azure_core::time::Duration::try_from(delay)
                .unwrap_or(azure_core::time::Duration::seconds(1));
            azure_core::sleep::sleep(delay).await;
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

/// `Retry-After` in seconds (ARM sends seconds, not dates).
fn retry_after(response: &HttpResponse) -> Option<StdDuration> {
    let value = response.header("retry-after")?;
    value.trim().parse::<u64>().ok().map(StdDuration::from_secs)
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

    #[test]
    fn retry_after_is_read_in_seconds() {
        let response = HttpResponse::new(202, "").with_header("Retry-After", "3");
        assert_eq!(retry_after(&response), Some(StdDuration::from_secs(3)));
        assert_eq!(
            retry_after(&HttpResponse::new(202, "").with_header("Retry-After", "soon")),
            None
        );
    }
}
