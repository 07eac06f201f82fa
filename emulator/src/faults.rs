//! Fault injection: misbehaviours queued by tests and applied to incoming requests in order.

use std::collections::VecDeque;
use std::time::Duration;

/// A misbehaviour the emulator applies to one incoming request instead of (or before) serving it.
///
/// Faults apply to any request, whatever its path or credentials, as a failing gateway would.
/// The request is still recorded in the request log.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fault {
    /// Answer 429 `TooManyRequests` with `Retry-After: retry_after_secs`; the request is not served.
    TooManyRequests {
        /// Value of the `Retry-After` header, in seconds.
        retry_after_secs: u64,
    },
    /// Answer 500 `InternalServerError`; the request is not served.
    InternalServerError,
    /// Answer 503 `ServiceUnavailable`; the request is not served.
    ServiceUnavailable,
    /// Answer 200 with `Content-Type: application/json` but a truncated, unparsable JSON body.
    /// The request is not served: no state changes.
    MalformedJson,
    /// Wait this long, then serve the request normally.
    Delay(Duration),
    /// Close the connection without sending any HTTP response; the request is not served.
    DropConnection,
    /// Answer 502 with an HTML page, as a failing gateway in front of ARM does; the request is
    /// not served.
    BadGatewayHtml,
    /// Answer with exactly this status, `Content-Type` and body, as a broken or hostile
    /// service might (say, an error body that quotes a key); the request is not served. A
    /// status outside 100–999 answers 500 instead, and a content type that is not a valid
    /// header value is left out.
    Respond {
        /// The HTTP status code.
        status: u16,
        /// The `Content-Type` header.
        content_type: String,
        /// The body, sent as is.
        body: String,
    },
}

/// Queued faults, oldest first, each with how many more requests it applies to.
#[derive(Debug, Default)]
pub(crate) struct FaultQueue {
    queue: VecDeque<(Fault, usize)>,
}

impl FaultQueue {
    /// Queues `fault` for the next `count` requests after those already queued.
    pub(crate) fn push(&mut self, fault: Fault, count: usize) {
        if count > 0 {
            self.queue.push_back((fault, count));
        }
    }

    /// The fault for the request arriving now, if any.
    pub(crate) fn next(&mut self) -> Option<Fault> {
        let (fault, remaining) = self.queue.front_mut()?;
        let fault = fault.clone();
        *remaining -= 1;
        if *remaining == 0 {
            self.queue.pop_front();
        }
        Some(fault)
    }

    /// How many requests will still be faulted.
    pub(crate) fn pending(&self) -> usize {
        self.queue
            .iter()
            .fold(0usize, |sum, (_, n)| sum.saturating_add(*n))
    }

    /// Forgets every queued fault.
    pub(crate) fn clear(&mut self) {
        self.queue.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_in_fifo_order_with_counts() {
        let mut queue = FaultQueue::default();
        queue.push(Fault::InternalServerError, 2);
        queue.push(Fault::DropConnection, 0);
        queue.push(Fault::ServiceUnavailable, 1);
        assert_eq!(queue.pending(), 3);
        assert_eq!(queue.next(), Some(Fault::InternalServerError));
        assert_eq!(queue.next(), Some(Fault::InternalServerError));
        assert_eq!(queue.next(), Some(Fault::ServiceUnavailable));
        assert_eq!(queue.next(), None);
        queue.push(Fault::MalformedJson, usize::MAX);
        assert_eq!(queue.pending(), usize::MAX);
        queue.clear();
        assert_eq!(queue.pending(), 0);
    }
}
