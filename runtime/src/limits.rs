//! Bounds on what one call may cost: how long any single wait lasts, how long
//! a call takes in all, and how much of a response is read.
//!
//! The defaults are in [`ArmClientOptions`](super::ArmClientOptions), where
//! each limit is documented; this module enforces them:
//!
//! - [`LimitsPolicy`] sits in the pipeline after `azure_core`'s retry policy
//!   (a per-try policy), so every try passes through it. It lowers any
//!   `Retry-After` beyond the cap before the retry policy reads it, and reads
//!   the body itself, stopping at the size limit.
//! - [`within`] puts a deadline on a whole future (a call with its retries
//!   and body, or a long-running operation with all its polls).

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::Poll;
use std::time::Duration as StdDuration;

use azure_core::Bytes;
use azure_core::error::ErrorKind;
use azure_core::http::headers::{HeaderName, Headers};
use azure_core::http::policies::{Policy, PolicyResult};
use azure_core::http::{AsyncRawResponse, Context, Method, Request, StatusCode};
use azure_core::time::{Duration, OffsetDateTime};

/// The limits an [`ArmPipeline`](super::ArmPipeline) applies to every call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Limits {
    pub(crate) max_retry_delay: StdDuration,
    pub(crate) timeout: Option<StdDuration>,
    pub(crate) max_response_body: usize,
    pub(crate) max_pages: u32,
}

/// A tighter cap on `Retry-After` for the calls of one operation (a poller
/// puts its `max_delay` here), read by [`LimitsPolicy`] from the context.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RetryDelayCap(pub(crate) StdDuration);

/// Set by [`LimitsPolicy`] on a response whose body it stopped reading; the
/// value is the limit. Never comes from the network: a server's own header of
/// this name is removed first.
pub(crate) const TRUNCATED: &str = "x-armgen-body-truncated";

/// The headers `azure_core`'s retry policy reads, in its order: the two
/// Microsoft ones in milliseconds, then the standard `Retry-After` (seconds,
/// or an HTTP date).
const RETRY_HEADERS: [&str; 3] = ["x-ms-retry-after-ms", "retry-after-ms", "retry-after"];

/// Caps `Retry-After` and bounds the body of every response.
#[derive(Debug)]
pub(crate) struct LimitsPolicy {
    pub(crate) max_retry_delay: StdDuration,
    pub(crate) max_response_body: usize,
}

#[async_trait::async_trait]
impl Policy for LimitsPolicy {
    async fn send(
        &self,
        ctx: &Context,
        request: &mut Request,
        next: &[Arc<dyn Policy>],
    ) -> PolicyResult {
        let response = next[0].send(ctx, request, &next[1..]).await?;
        let (status, mut headers, mut body) = response.deconstruct();
        headers.remove(TRUNCATED);
        let cap = ctx
            .value::<RetryDelayCap>()
            .map_or(self.max_retry_delay, |cap| cap.0.min(self.max_retry_delay));
        clamp_retry_after(&mut headers, cap, OffsetDateTime::now_utc());

        // Read within the try, so that a connection lost mid-body is retried
        // like one lost before the status line.
        let limit = self.max_response_body;
        // A `HEAD`, 204 or 304 announces a length it does not send.
        let bodiless = request.method() == Method::Head || matches!(u16::from(status), 204 | 304);
        let announced = headers
            .get_optional_str(&HeaderName::from_static("content-length"))
            .and_then(|v| v.trim().parse::<u64>().ok())
            .filter(|_| !bodiless);
        let mut truncated = announced.is_some_and(|n| n > limit as u64);
        let mut bytes = Vec::new();
        if !truncated {
            bytes.reserve(announced.map_or(0, |n| n as usize));
            while let Some(chunk) = next_chunk(&mut body).await {
                let chunk = chunk?;
                if bytes.len() + chunk.len() > limit {
                    truncated = true;
                    break;
                }
                bytes.extend_from_slice(&chunk);
            }
        }
        // Dropping the rest of the body closes the connection.
        drop(body);
        if truncated {
            headers.insert(TRUNCATED, limit.to_string());
        }
        Ok(AsyncRawResponse::from_bytes(
            status,
            headers,
            Bytes::from(bytes),
        ))
    }
}

async fn next_chunk(
    body: &mut azure_core::http::AsyncResponseBody,
) -> Option<azure_core::Result<Bytes>> {
    use futures_core::Stream;
    std::future::poll_fn(|cx| std::pin::Pin::new(&mut *body).poll_next(cx)).await
}

/// A retry header's delay, read as `azure_core` reads it. `None` when the
/// value does not parse (the retry policy ignores it too).
fn header_delay(name: &str, value: &str, now: OffsetDateTime) -> Option<StdDuration> {
    let non_negative = |n: i64| u64::try_from(n).unwrap_or(0);
    if name == "retry-after" {
        if let Ok(seconds) = value.parse::<i64>() {
            return Some(StdDuration::from_secs(non_negative(seconds)));
        }
        let date = azure_core::time::parse_rfc7231(value).ok()?;
        let ahead = date - now;
        Some(StdDuration::try_from(ahead).unwrap_or(StdDuration::ZERO))
    } else {
        let millis = value.parse::<i64>().ok()?;
        Some(StdDuration::from_millis(non_negative(millis)))
    }
}

/// Rewrites every retry header that asks for more than `cap` to ask for
/// `cap` (whole seconds, rounded down, for `Retry-After`).
fn clamp_retry_after(headers: &mut Headers, cap: StdDuration, now: OffsetDateTime) {
    for name in RETRY_HEADERS {
        let header = HeaderName::from_static(name);
        let Some(delay) = headers
            .get_optional_str(&header)
            .and_then(|value| header_delay(name, value, now))
        else {
            continue;
        };
        if delay > cap {
            let value = if name == "retry-after" {
                cap.as_secs().to_string()
            } else {
                cap.as_millis().to_string()
            };
            headers.insert(header, value);
        }
    }
}

/// The delay the retry headers of a response ask for, in `azure_core`'s order
/// of precedence; `None` without one that parses.
pub(crate) fn retry_after<'a>(
    header: impl Fn(&str) -> Option<&'a str>,
    now: OffsetDateTime,
) -> Option<StdDuration> {
    RETRY_HEADERS
        .iter()
        .find_map(|name| header_delay(name, header(name)?, now))
}

/// `duration` for `azure_core`'s timer, saturating instead of failing.
pub(crate) fn azure_duration(duration: StdDuration) -> Duration {
    Duration::try_from(duration).unwrap_or(Duration::MAX)
}

/// Runs `future` to its end, or fails with `on_timeout()` once `limit` has
/// passed (never, with no limit). Works on any runtime `azure_core` sleeps
/// on.
pub(crate) async fn within<T>(
    limit: Option<StdDuration>,
    future: impl Future<Output = azure_core::Result<T>>,
    on_timeout: impl FnOnce() -> azure_core::Error,
) -> azure_core::Result<T> {
    let Some(limit) = limit else {
        return future.await;
    };
    let mut future = pin!(future);
    let mut timer = pin!(azure_core::sleep::sleep(azure_duration(limit)));
    let mut on_timeout = Some(on_timeout);
    std::future::poll_fn(|cx| {
        if let Poll::Ready(result) = future.as_mut().poll(cx) {
            return Poll::Ready(result);
        }
        match timer.as_mut().poll(cx) {
            Poll::Ready(()) => match on_timeout.take() {
                Some(error) => Poll::Ready(Err(error())),
                None => Poll::Pending,
            },
            Poll::Pending => Poll::Pending,
        }
    })
    .await
}

/// The error of a deadline that passed: an [`ErrorKind::Io`] error holding a
/// [`std::io::ErrorKind::TimedOut`] I/O error, so that callers can tell it
/// from other failures.
pub(crate) fn timed_out(message: String) -> azure_core::Error {
    azure_core::Error::new(
        ErrorKind::Io,
        std::io::Error::new(std::io::ErrorKind::TimedOut, message),
    )
}

/// Whole seconds, or milliseconds below one second, for messages.
pub(crate) fn describe(duration: StdDuration) -> String {
    if duration >= StdDuration::from_secs(1) && duration.subsec_millis() == 0 {
        format!("{} s", duration.as_secs())
    } else {
        format!("{} ms", duration.as_millis())
    }
}

/// A response whose body was larger than
/// [`ArmClientOptions::max_response_body`](super::ArmClientOptions::max_response_body):
/// reading stopped there, and the call failed with this error (reached with
/// [`azure_core::Error::downcast_ref`]).
///
/// Its `azure_core` error kind is [`ErrorKind::HttpResponse`] with the status
/// for an error status (so `http_status()` still tells a 500 from a 404), and
/// [`ErrorKind::Other`] for a success.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResponseTooLarge {
    /// The HTTP status of the response.
    pub status: u16,
    /// The limit that was exceeded, in bytes.
    pub limit: usize,
    /// The `x-ms-request-id` of the response, if it had one.
    pub request_id: Option<String>,
}

impl std::fmt::Display for ResponseTooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the service answered {} with a body larger than max_response_body ({} bytes); it was not read",
            self.status, self.limit
        )?;
        if let Some(id) = &self.request_id {
            write!(f, " (x-ms-request-id: {id})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ResponseTooLarge {}

impl ResponseTooLarge {
    pub(crate) fn into_error(self, error_code: Option<String>) -> azure_core::Error {
        let kind = if (200..300).contains(&self.status) {
            ErrorKind::Other
        } else {
            ErrorKind::HttpResponse {
                status: StatusCode::from(self.status),
                error_code,
                raw_response: None,
            }
        };
        azure_core::Error::new(kind, self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> OffsetDateTime {
        // Tue, 14 Nov 2023 22:13:20 GMT
        OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap()
    }

    fn clamped(name: &'static str, value: &str, cap: StdDuration) -> Option<String> {
        let mut headers = Headers::new();
        headers.insert(name, value.to_owned());
        clamp_retry_after(&mut headers, cap, now());
        headers.get_optional_string(&HeaderName::from_static(name))
    }

    #[test]
    fn huge_retry_afters_are_lowered_to_the_cap() {
        let cap = StdDuration::from_secs(60);
        for value in [
            "1000000000",
            "9223372036854775807",
            "Fri, 31 Dec 9999 23:59:59 GMT",
        ] {
            assert_eq!(clamped("retry-after", value, cap).as_deref(), Some("60"));
        }
        for name in ["retry-after-ms", "x-ms-retry-after-ms"] {
            assert_eq!(
                clamped(name, "9223372036854775807", cap).as_deref(),
                Some("60000")
            );
        }
    }

    #[test]
    fn retry_afters_within_the_cap_or_unreadable_are_kept() {
        let cap = StdDuration::from_secs(60);
        assert_eq!(clamped("retry-after", "5", cap).as_deref(), Some("5"));
        assert_eq!(clamped("retry-after", "soon", cap).as_deref(), Some("soon"));
        assert_eq!(
            clamped("retry-after", "Tue, 14 Nov 2023 22:13:50 GMT", cap).as_deref(),
            Some("Tue, 14 Nov 2023 22:13:50 GMT")
        );
        assert_eq!(
            clamped("retry-after-ms", "1500", cap).as_deref(),
            Some("1500")
        );
    }

    #[test]
    fn retry_after_reads_every_form_in_azure_core_order() {
        let headers = [
            ("retry-after", "Tue, 14 Nov 2023 22:13:50 GMT"),
            ("retry-after-ms", "2500"),
        ];
        let find = |name: &str| headers.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
        assert_eq!(
            retry_after(find, now()),
            Some(StdDuration::from_millis(2500))
        );
        let date_only = |name: &str| (name == "retry-after").then_some(headers[0].1);
        assert_eq!(
            retry_after(date_only, now()),
            Some(StdDuration::from_secs(30))
        );
        assert_eq!(retry_after(|_| None, now()), None);
        assert_eq!(retry_after(|_| Some("-3"), now()), Some(StdDuration::ZERO));
    }
}
