//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod conformance;
pub mod emulated;

use std::path::{Path, PathBuf};

use arm_bindings::runtime::{ServiceInfo, Url};

/// The project root (where `spec/` and `generated/` are).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The armgen configuration the build script uses.
pub fn config() -> armgen::Config {
    armgen::Config::from_project(root())
        .expect("armgen.yaml and spec/ are readable")
        .config
}

/// The resolved IR of `spec/`.
pub fn api() -> armgen::ir::Api {
    config().resolve().expect("spec/ resolves").0
}

/// The public cloud endpoint the examples are written for.
pub fn public_endpoint() -> Url {
    Url::parse("https://management.azure.com").expect("valid URL")
}

/// The generated service of a module.
pub fn service(module: &str) -> &'static ServiceInfo {
    arm_bindings::SERVICES
        .iter()
        .find(|s| s.module == module)
        .unwrap_or_else(|| panic!("no generated service `{module}`"))
}

/// Reads a JSON file.
pub fn read_json(path: &Path) -> std::io::Result<serde_json::Value> {
    let text = std::fs::read_to_string(path)?;
    serde_json::from_str(&text).map_err(std::io::Error::other)
}

/// Percent-encodes a path segment the way RFC 3986 allows for unreserved
/// characters only: written separately from the runtime's encoder so the
/// tests check it rather than repeat it.
pub fn encode_segment(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The URL an example describes: the path template filled from the example's
/// parameters, plus its `api-version` and any other query parameters.
/// `multi_segment` names parameters that are themselves paths
/// (`x-ms-skip-url-encoding`): each of their segments is encoded on its own.
pub fn expected_url(
    template: &str,
    params: &serde_json::Map<String, serde_json::Value>,
    multi_segment: &[&str],
    query: &[(String, String)],
) -> String {
    let mut path = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        path.push_str(&rest[..open]);
        let close = rest[open..].find('}').expect("closed brace") + open;
        let name = &rest[open + 1..close];
        let value = params
            .get(name)
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
            .unwrap_or_else(|| panic!("example lacks path parameter `{name}`"));
        if multi_segment.contains(&name) {
            let segments: Vec<String> = value
                .trim_start_matches('/')
                .split('/')
                .map(encode_segment)
                .collect();
            path.push_str(&segments.join("/"));
        } else {
            path.push_str(&encode_segment(&value));
        }
        rest = &rest[close + 1..];
    }
    path.push_str(rest);
    let api_version = params["api-version"]
        .as_str()
        .expect("api-version is a string");
    let mut url = format!(
        "https://management.azure.com{path}?api-version={}",
        encode_query(api_version)
    );
    // Other query parameters follow, in the order the request functions add
    // them.
    for (name, value) in query {
        url.push_str(&format!("&{}={}", encode_query(name), encode_query(value)));
    }
    url
}

/// `application/x-www-form-urlencoded`, as URL query strings are written.
fn encode_query(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                (b as char).to_string()
            }
            b' ' => "+".to_owned(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
