//! The cost of one call without the network: the generated
//! `list_keys_request` + `list_keys_response` against a hand-written
//! baseline (`format!` with percent-encoding, `Url::parse`, `serde_json` into
//! a plain struct): `cargo run --release --example per_call [ROUNDS]`.
//!
//! The two are measured interleaved, round after round (default 30 rounds of
//! 20 000 calls each), and the medians of the rounds are compared: the ratio
//! is the figure (issue target: at most 1.2). A benchmark, not a test:
//! nothing is asserted.

use std::hint::black_box;
use std::time::Instant;

use arm_bindings::relay::{API_VERSION, namespaces};
use arm_bindings::runtime::{HttpResponse, Url};

const CALLS: usize = 20_000;

const SUBSCRIPTION: &str = "ffffffff-ffff-ffff-ffff-ffffffffffff";
const GROUP: &str = "resourcegroup";
const NAMESPACE: &str = "example-RelayNamespace-01";
const RULE: &str = "example-RelayAuthRules-01";
const BODY: &str = r#"{"primaryConnectionString":"Endpoint=sb://example-relaynamespace-01.servicebus.windows.net/;SharedAccessKeyName=example-RelayAuthRules-01;SharedAccessKey=c2VjcmV0LWtleS1tYXRlcmlhbC1mb3ItYS1iZW5jaG1hcms=","secondaryConnectionString":"Endpoint=sb://example-relaynamespace-01.servicebus.windows.net/;SharedAccessKeyName=example-RelayAuthRules-01;SharedAccessKey=c2VjcmV0LWtleS1tYXRlcmlhbC1mb3ItYS1iZW5jaG1hcms=","primaryKey":"c2VjcmV0LWtleS1tYXRlcmlhbC1mb3ItYS1iZW5jaG1hcms=","secondaryKey":"c2VjcmV0LWtleS1tYXRlcmlhbC1mb3ItYS1iZW5jaG1hcms=","keyName":"example-RelayAuthRules-01"}"#;

/// What a hand-written client would decode into.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct AccessKeys {
    primary_connection_string: Option<String>,
    secondary_connection_string: Option<String>,
    primary_key: Option<String>,
    secondary_key: Option<String>,
    key_name: Option<String>,
}

/// RFC 3986 unreserved characters stay; everything else is `%XX`.
fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for &b in value.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn hand_written(endpoint: &str, response: &[u8]) -> (Url, AccessKeys) {
    let url = format!(
        "{endpoint}/subscriptions/{}/resourceGroups/{}/providers/Microsoft.Relay/namespaces/{}/authorizationRules/{}/listKeys?api-version={}",
        encode(SUBSCRIPTION),
        encode(GROUP),
        encode(NAMESPACE),
        encode(RULE),
        encode(API_VERSION)
    );
    let url = Url::parse(&url).expect("a valid URL");
    let keys = serde_json::from_slice(response).expect("valid JSON");
    (url, keys)
}

fn generated(endpoint: &Url, response: &HttpResponse) {
    let request =
        namespaces::list_keys_request(endpoint, API_VERSION, SUBSCRIPTION, GROUP, NAMESPACE, RULE)
            .expect("valid arguments");
    let keys = namespaces::list_keys_response(response).expect("a valid response");
    black_box((request, keys));
}

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(30);
    let endpoint_text = "https://management.azure.com";
    let endpoint = Url::parse(endpoint_text).expect("a valid URL");
    let response = HttpResponse::new(200, BODY.as_bytes().to_vec());
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let started = Instant::now();
        for _ in 0..CALLS {
            generated(black_box(&endpoint), black_box(&response));
        }
        ours.push(started.elapsed().as_nanos() as f64 / CALLS as f64);
        let started = Instant::now();
        for _ in 0..CALLS {
            black_box(hand_written(
                black_box(endpoint_text),
                black_box(BODY.as_bytes()),
            ));
        }
        theirs.push(started.elapsed().as_nanos() as f64 / CALLS as f64);
    }
    let (ours, theirs) = (median(ours), median(theirs));
    println!("per call, request + response, median of {rounds} interleaved rounds of {CALLS}:");
    println!("  generated (list_keys_request + list_keys_response): {ours:8.0} ns");
    println!("  hand-written (format! + encoding + Url::parse + serde_json): {theirs:8.0} ns");
    println!(
        "  ratio generated / hand-written: {:.2} (target <= 1.2)",
        ours / theirs
    );
}
