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

/// Faults applied at random, reproducibly: each request is faulted with probability
/// `per_mille / 1000`, with one of `faults` chosen by a generator seeded with `seed`, so a
/// failing run replays exactly with the same seed (and the same order of requests).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RandomFaults {
    /// The generator's seed.
    pub seed: u64,
    /// How many requests in a thousand are faulted (values above 1000 count as 1000).
    pub per_mille: u32,
    /// The faults to choose from; none means none is applied.
    pub faults: Vec<Fault>,
}

/// Queued faults, oldest first, each with how many more requests it applies to: for any
/// request, for requests of one operation, and at random.
#[derive(Debug, Default)]
pub(crate) struct FaultQueue {
    queue: VecDeque<(Fault, usize)>,
    by_operation: Vec<(String, Fault, usize)>,
    random: Option<(RandomFaults, u64)>,
}

/// SplitMix64: small, fast and good enough to pick faults; not for secrets.
fn split_mix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl FaultQueue {
    /// Queues `fault` for the next `count` requests after those already queued.
    pub(crate) fn push(&mut self, fault: Fault, count: usize) {
        if count > 0 {
            self.queue.push_back((fault, count));
        }
    }

    /// Queues `fault` for the next `count` requests routed to `operation_id`.
    pub(crate) fn push_for(&mut self, operation_id: &str, fault: Fault, count: usize) {
        if count > 0 {
            self.by_operation
                .push((operation_id.to_owned(), fault, count));
        }
    }

    /// Faults requests at random from now on (`None` stops it).
    pub(crate) fn set_random(&mut self, random: Option<RandomFaults>) {
        self.random = random.map(|r| {
            let state = r.seed;
            (r, state)
        });
    }

    /// The fault for the request arriving now, routed to `operation_id` (if it matched a
    /// route), if any: one queued for its operation first, then one queued for any request,
    /// then a random one.
    pub(crate) fn next(&mut self, operation_id: Option<&str>) -> Option<Fault> {
        if let Some(operation_id) = operation_id
            && let Some(index) = self
                .by_operation
                .iter()
                .position(|(id, _, _)| id == operation_id)
        {
            let (_, fault, remaining) = &mut self.by_operation[index];
            let fault = fault.clone();
            *remaining -= 1;
            if *remaining == 0 {
                self.by_operation.remove(index);
            }
            return Some(fault);
        }
        if let Some((fault, remaining)) = self.queue.front_mut() {
            let fault = fault.clone();
            *remaining -= 1;
            if *remaining == 0 {
                self.queue.pop_front();
            }
            return Some(fault);
        }
        let (random, state) = self.random.as_mut()?;
        let roll = split_mix(state) % 1000;
        if random.faults.is_empty() || roll >= u64::from(random.per_mille.min(1000)) {
            return None;
        }
        let pick = split_mix(state) % random.faults.len() as u64;
        random.faults.get(pick as usize).cloned()
    }

    /// How many requests will still be faulted by queued faults (random ones aside).
    pub(crate) fn pending(&self) -> usize {
        self.queue
            .iter()
            .map(|(_, n)| *n)
            .chain(self.by_operation.iter().map(|(_, _, n)| *n))
            .fold(0usize, |sum, n| sum.saturating_add(n))
    }

    /// Forgets every queued fault and stops random ones.
    pub(crate) fn clear(&mut self) {
        self.queue.clear();
        self.by_operation.clear();
        self.random = None;
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
        assert_eq!(queue.next(None), Some(Fault::InternalServerError));
        assert_eq!(queue.next(Some("A")), Some(Fault::InternalServerError));
        assert_eq!(queue.next(None), Some(Fault::ServiceUnavailable));
        assert_eq!(queue.next(None), None);
        queue.push(Fault::MalformedJson, usize::MAX);
        assert_eq!(queue.pending(), usize::MAX);
        queue.clear();
        assert_eq!(queue.pending(), 0);
    }

    #[test]
    fn operation_faults_wait_for_their_operation() {
        let mut queue = FaultQueue::default();
        queue.push_for("Widgets_Get", Fault::ServiceUnavailable, 1);
        queue.push(Fault::InternalServerError, 1);
        assert_eq!(queue.pending(), 2);
        assert_eq!(
            queue.next(Some("Widgets_List")),
            Some(Fault::InternalServerError)
        );
        assert_eq!(queue.next(Some("Widgets_List")), None);
        assert_eq!(
            queue.next(Some("Widgets_Get")),
            Some(Fault::ServiceUnavailable)
        );
        assert_eq!(queue.next(Some("Widgets_Get")), None);
    }

    #[test]
    fn random_faults_repeat_with_their_seed() {
        let run = |seed| {
            let mut queue = FaultQueue::default();
            queue.set_random(Some(RandomFaults {
                seed,
                per_mille: 300,
                faults: vec![Fault::InternalServerError, Fault::DropConnection],
            }));
            (0..200).map(|_| queue.next(None)).collect::<Vec<_>>()
        };
        let first = run(7);
        assert_eq!(first, run(7), "the same seed, the same faults");
        assert_ne!(first, run(8));
        let faulted = first.iter().filter(|f| f.is_some()).count();
        assert!((30..=90).contains(&faulted), "about 30 %: {faulted}");
        assert!(first.contains(&Some(Fault::DropConnection)));
    }
}
