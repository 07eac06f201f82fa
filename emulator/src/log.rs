//! The request log: every request the emulator received, exactly as it arrived.

use std::collections::VecDeque;
use std::fmt;

/// Header names whose values are credentials and so are hidden from `Debug`.
const SECRET_HEADERS: &[&str] = &["authorization", "proxy-authorization", "cookie"];

/// One request as the emulator received it, before any routing or fault injection.
#[derive(Clone, PartialEq, Eq)]
pub struct RecordedRequest {
    /// The HTTP method, e.g. `"POST"`.
    pub method: String,
    /// The path exactly as sent, still percent-encoded, without the query.
    pub path: String,
    /// The query string exactly as sent, without the leading `?`; `None` if there was none.
    pub query: Option<String>,
    /// Every header, one entry per value, in the order their names first appeared (repeated
    /// headers are grouped together); names in lowercase, as HTTP/1 names are case-insensitive
    /// and hyper normalises them; values as raw bytes.
    pub headers: Vec<(String, Vec<u8>)>,
    /// The request body, empty if there was none (or if it exceeded the size limit).
    pub body: Vec<u8>,
}

impl RecordedRequest {
    /// The first value of header `name` (any case), if present and valid UTF-8.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .and_then(|(_, v)| std::str::from_utf8(v).ok())
    }

    /// The body as UTF-8 text, if it is.
    pub fn body_str(&self) -> Option<&str> {
        std::str::from_utf8(&self.body).ok()
    }

    /// The body parsed as JSON, if it is.
    pub fn body_json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }

    /// The raw value of the first query parameter called `name` (matched exactly), still
    /// percent-encoded.
    pub fn query_param(&self, name: &str) -> Option<&str> {
        self.query.as_deref()?.split('&').find_map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (key == name).then_some(value)
        })
    }
}

// Hand-written so that bearer tokens and bodies never reach test output or logs.
impl fmt::Debug for RecordedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, String)> = self
            .headers
            .iter()
            .map(|(name, value)| {
                let shown = if SECRET_HEADERS.contains(&name.to_ascii_lowercase().as_str()) {
                    "<redacted>".to_owned()
                } else {
                    String::from_utf8_lossy(value).into_owned()
                };
                (name.as_str(), shown)
            })
            .collect();
        f.debug_struct("RecordedRequest")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &headers)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .finish()
    }
}

/// A bounded log: once full, the oldest entry makes room for the newest.
#[derive(Debug)]
pub(crate) struct RequestLog {
    entries: VecDeque<RecordedRequest>,
    capacity: usize,
}

impl RequestLog {
    /// An empty log that keeps at most `capacity` requests.
    pub(crate) fn new(capacity: usize) -> Self {
        Self {
            entries: VecDeque::new(),
            capacity,
        }
    }

    /// Appends `request`, dropping the oldest entry if the log is full.
    pub(crate) fn record(&mut self, request: RecordedRequest) {
        if self.capacity == 0 {
            return;
        }
        if self.entries.len() >= self.capacity {
            self.entries.pop_front();
        }
        self.entries.push_back(request);
    }

    /// A copy of all entries, oldest first.
    pub(crate) fn snapshot(&self) -> Vec<RecordedRequest> {
        self.entries.iter().cloned().collect()
    }

    /// Removes and returns all entries, oldest first.
    pub(crate) fn take(&mut self) -> Vec<RecordedRequest> {
        self.entries.drain(..).collect()
    }

    /// Number of entries.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(n: u8) -> RecordedRequest {
        RecordedRequest {
            method: "POST".into(),
            path: format!("/p{n}"),
            query: Some("api-version=2024-01-01&x=a%20b".into()),
            headers: vec![
                ("authorization".into(), b"Bearer top-secret".to_vec()),
                ("content-type".into(), b"application/json".to_vec()),
            ],
            body: br#"{"keyName":"key1"}"#.to_vec(),
        }
    }

    #[test]
    fn accessors_read_headers_query_and_body() {
        let r = request(0);
        assert_eq!(r.header("Content-Type"), Some("application/json"));
        assert_eq!(r.query_param("api-version"), Some("2024-01-01"));
        assert_eq!(r.query_param("x"), Some("a%20b"));
        assert_eq!(r.query_param("missing"), None);
        assert_eq!(r.body_json().unwrap()["keyName"], "key1");
    }

    #[test]
    fn debug_redacts_credentials_and_body() {
        let shown = format!("{:?}", request(0));
        assert!(!shown.contains("top-secret"), "{shown}");
        assert!(!shown.contains("keyName"), "{shown}");
        assert!(shown.contains("application/json"));
    }

    #[test]
    fn log_is_bounded() {
        let mut log = RequestLog::new(2);
        for n in 0..3 {
            log.record(request(n));
        }
        let paths: Vec<String> = log.snapshot().into_iter().map(|r| r.path).collect();
        assert_eq!(paths, ["/p1", "/p2"]);
        assert_eq!(log.take().len(), 2);
        assert_eq!(log.len(), 0);
    }
}
