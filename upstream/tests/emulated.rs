//! The real upstream Relay 2024-01-01 and EventGrid 2025-02-15 specifications served by the
//! emulator from the spec files alone (`SpecSet`), driven over HTTPS on 127.0.0.1 through the
//! generated `dynamic_calls::call` (each operation's generated request builder and response
//! decoder on the client's pipeline: retries, long-running poller, pager):
//!
//! - every example file is replayed: the emulator must receive the example's request
//!   (method, path, api-version) and the call must decode a response of the example's shape;
//! - a lifecycle per resource type, found in the IR: create (polled) → get → list (sees it) →
//!   update → delete (polled) → get is 404;
//! - the figures (examples passed, operations answered with a success) are printed.
//!
//! Compiled only when the upstream specs were found at build time (`arm-upstream`'s build
//! script; CI requires them).
#![cfg(upstream_specs)]

use std::collections::BTreeSet;
use std::sync::Arc;

use arm_upstream::{eventgrid, relay};
use armgen_emulator::{Emulator, EmulatorConfig, SpecExample, SpecOperationInfo, SpecSet};
use armgen_runtime::{ArmClientOptions, ArmPipeline, DynamicReply, StaticTokenCredential};
use azure_core::http::{ClientOptions, FixedRetryOptions, RetryOptions};
use serde_json::{Map, Value};

const TOKEN: &str = "upstream-emulated-token";
/// The api-versions whose examples are replayed (the others are served too).
const REPLAYED: [&str; 2] = ["2024-01-01", "2025-02-15"];

fn specs() -> SpecSet {
    let settings = concat!(env!("CARGO_MANIFEST_DIR"), "/armgen.yaml");
    let project = armgen::Config::from_project_file(settings).expect("armgen.yaml reads");
    SpecSet::from_config(&project.config).expect("the upstream specs resolve")
}

/// Calls `operation_id` of the bindings generated for `api_version`, giving up after
/// [`CALL_TIMEOUT`] so that a hang fails the test instead of stalling it.
async fn call(
    api_version: &str,
    pipeline: &ArmPipeline,
    operation_id: &str,
    params: &Map<String, Value>,
) -> azure_core::Result<DynamicReply> {
    let call = async {
        match api_version {
            "2024-01-01" => {
                relay::v2024_01_01::dynamic_calls::call(pipeline, operation_id, params).await
            }
            "2025-02-15" => {
                eventgrid::v2025_02_15::dynamic_calls::call(pipeline, operation_id, params).await
            }
            other => panic!("no bindings for api-version {other}"),
        }
    };
    tokio::time::timeout(CALL_TIMEOUT, call)
        .await
        .unwrap_or_else(|_| {
            Err(azure_core::Error::with_message(
                azure_core::error::ErrorKind::Other,
                format!("{operation_id} did not finish within {CALL_TIMEOUT:?}"),
            ))
        })
}

/// The longest one call may take (a long-running one polls a few times, without waiting).
const CALL_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(20);

async fn start() -> (Emulator, ArmPipeline) {
    let emulator = Emulator::start(
        EmulatorConfig::new()
            .with_specs(specs())
            .with_token(TOKEN)
            .with_lro_polls(1),
    )
    .await
    .expect("emulator starts");
    let options = ArmClientOptions {
        client_options: ClientOptions {
            retry: RetryOptions::fixed(FixedRetryOptions {
                delay: azure_core::time::Duration::milliseconds(10),
                max_retries: 1,
                ..Default::default()
            }),
            ..emulator.client_options()
        },
        endpoint: Some(emulator.endpoint_url()),
        ..Default::default()
    };
    let credential: Arc<dyn azure_core::credentials::TokenCredential> =
        StaticTokenCredential::new(TOKEN);
    let pipeline = ArmPipeline::from_options(None, None, credential, options).expect("pipeline");
    (emulator, pipeline)
}

/// The path `template` names with `params` (values as sent, before encoding).
fn path_of(template: &str, params: &Map<String, Value>) -> String {
    let mut path = String::new();
    for part in template.trim_start_matches('/').split('/') {
        path.push('/');
        match part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
            Some(name) => match params.get(name.trim_start_matches('+')) {
                Some(Value::String(text)) => path.push_str(text.trim_matches('/')),
                Some(other) => path.push_str(&other.to_string()),
                None => path.push_str(part),
            },
            None => path.push_str(part),
        }
    }
    path
}

/// `path` with its percent-encoding decoded.
fn decoded(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The body an example sends (its object-valued parameter), if any.
fn sent_body(example: &SpecExample) -> Option<&Map<String, Value>> {
    example.parameters.values().find_map(Value::as_object)
}

/// Whether `reply` has the top-level members the example's response shows: the shape a
/// client sees (the generated decoder has already accepted it). For a write, only the members
/// it sent and those a service sets (`id`, `name`, `type`, `systemData`) are expected: the
/// emulator stores what it is sent, where an example's answer may show more.
fn same_shape(
    expected: &Value,
    reply: &Value,
    sent: Option<&Map<String, Value>>,
) -> Result<(), String> {
    let (expected, reply) = match (expected, reply) {
        // A pageable call returns its pages: compare the first with the example's page.
        (expected, Value::Array(pages)) if !expected.is_array() => {
            (expected, pages.first().unwrap_or(&Value::Null))
        }
        pair => pair,
    };
    let Some(members) = expected.as_object() else {
        return Ok(());
    };
    for name in members.keys() {
        // Links and items depend on what the emulator holds, not on the example.
        if name == "nextLink" || name.eq_ignore_ascii_case("value") {
            continue;
        }
        let service_set = ["id", "name", "type", "systemData"].contains(&name.as_str());
        if let Some(sent) = sent
            && !service_set
            && !sent.contains_key(name)
        {
            continue;
        }
        if reply.get(name).is_none() {
            return Err(format!("the response lacks `{name}`"));
        }
    }
    Ok(())
}

struct Report {
    passed: Vec<String>,
    failed: Vec<String>,
    succeeded: BTreeSet<(String, String)>,
}

async fn replay(
    emulator: &Emulator,
    pipeline: &ArmPipeline,
    op: &SpecOperationInfo<'_>,
    example: &SpecExample,
    report: &mut Report,
) {
    let label = format!("{} {} `{}`", op.api_version, op.id, example.name);
    emulator.take_requests();
    let result = call(op.api_version, pipeline, op.id, &example.parameters).await;
    let requests = emulator.take_requests();
    let problem = match (&result, requests.first()) {
        (_, None) => Some("nothing reached the emulator".to_owned()),
        (_, Some(first)) if first.method != op.method => {
            Some(format!("sent {} instead of {}", first.method, op.method))
        }
        (_, Some(first))
            if !decoded(&first.path)
                .eq_ignore_ascii_case(&path_of(op.template, &example.parameters)) =>
        {
            Some(format!("sent {}", first.path))
        }
        (_, Some(first))
            if !first.query.as_deref().unwrap_or("").contains(&format!(
                "api-version={}",
                example
                    .parameters
                    .get("api-version")
                    .and_then(Value::as_str)
                    .unwrap_or(op.api_version)
            )) =>
        {
            Some(format!("sent query {:?}", first.query))
        }
        (Err(error), Some(first)) => {
            Some(format!("{} {} failed: {error}", first.method, first.path))
        }
        (Ok(reply), _) => example
            .success_body()
            .and_then(|(_, body)| same_shape(body, &reply.body, sent_body(example)).err()),
    };
    match problem {
        None => {
            report
                .succeeded
                .insert((op.api_version.to_owned(), op.id.to_owned()));
            report.passed.push(label);
        }
        Some(problem) => report.failed.push(format!("{label}: {problem}")),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_upstream_example_runs_against_the_emulator_serving_the_spec() {
    let (emulator, pipeline) = start().await;
    let seeded = emulator.seed_examples();
    let operations: Vec<SpecOperationInfo<'_>> = emulator
        .specs()
        .operations()
        .filter(|op| REPLAYED.contains(&op.api_version))
        .collect();
    let mut report = Report {
        passed: Vec::new(),
        failed: Vec::new(),
        succeeded: BTreeSet::new(),
    };
    // Operations without an example file run once with parameters made from the spec.
    let samples: Vec<SpecExample> = operations
        .iter()
        .map(|op| SpecExample {
            name: "sample".to_owned(),
            parameters: emulator
                .specs()
                .sample_parameters(op.api_version, op.id)
                .expect("a served operation"),
            responses: Vec::new(),
        })
        .collect();
    let mut examples = 0;
    // Reads first, while resources are as the examples show them; deletes last, so the
    // resources the others need are still there.
    let phase = |method: &str| match method {
        "GET" => 0,
        "DELETE" => 2,
        _ => 1,
    };
    for current in 0..3 {
        for (op, sample) in operations.iter().zip(&samples) {
            if phase(op.method) != current {
                continue;
            }
            examples += op.examples.len();
            if op.examples.is_empty() {
                // What the call names must exist, as a caller's earlier calls would have made it.
                emulator.seed_call(op.api_version, op.id, &sample.parameters);
                replay(&emulator, &pipeline, op, sample, &mut report).await;
            }
            for example in op.examples {
                replay(&emulator, &pipeline, op, example, &mut report).await;
            }
        }
    }
    let without_success: Vec<String> = operations
        .iter()
        .filter(|op| {
            !report
                .succeeded
                .contains(&(op.api_version.to_owned(), op.id.to_owned()))
        })
        .map(|op| format!("{} {}", op.api_version, op.id))
        .collect();
    println!(
        "upstream emulated: {} resources seeded; {} example files and {} samples: {} passed, {} failed; operations {}/{} answered with a success",
        seeded,
        examples,
        samples.len()
            - operations
                .iter()
                .filter(|op| !op.examples.is_empty())
                .count(),
        report.passed.len(),
        report.failed.len(),
        operations.len() - without_success.len(),
        operations.len()
    );
    for failure in &report.failed {
        println!("FAILED {failure}");
    }
    for op in &without_success {
        println!("no success: {op}");
    }
    emulator.shutdown().await;
    assert!(
        report.failed.is_empty(),
        "{} example(s) failed",
        report.failed.len()
    );
    assert!(examples >= 143, "only {examples} example files");
    assert!(
        without_success.is_empty(),
        "{} operations never succeeded",
        without_success.len()
    );
}

/// The name of the last path parameter of `template` (`…/namespaces/{namespaceName}`).
fn last_parameter(template: &str) -> Option<&str> {
    template
        .rsplit('/')
        .next()?
        .strip_prefix('{')?
        .strip_suffix('}')
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_resource_type_lives_through_create_get_list_update_delete() {
    let (emulator, pipeline) = start().await;
    // Parents of every resource type exist, as the examples name them.
    emulator.seed_examples();
    let operations: Vec<SpecOperationInfo<'_>> = emulator
        .specs()
        .operations()
        .filter(|op| REPLAYED.contains(&op.api_version))
        .collect();
    let find = |version: &str, method: &str, template: &str| {
        operations
            .iter()
            .find(|op| op.api_version == version && op.method == method && op.template == template)
            .copied()
    };
    let mut lived = Vec::new();
    let mut failed = Vec::new();
    for put in operations.iter().filter(|op| op.method == "PUT") {
        let (Some(name), Some(get), Some(delete)) = (
            last_parameter(put.template),
            find(put.api_version, "GET", put.template),
            find(put.api_version, "DELETE", put.template),
        ) else {
            continue;
        };
        // An example's parameters name a parent that exists (seeded); without one, the
        // spec's sample parameters, with the path of the type's GET example.
        let mut params = match put.examples.first() {
            Some(example) => example.parameters.clone(),
            None => {
                let mut params = emulator
                    .specs()
                    .sample_parameters(put.api_version, put.id)
                    .expect("a served operation");
                if let Some(shown) = get.examples.first().or(delete.examples.first()) {
                    for (key, value) in &shown.parameters {
                        if value.is_string() {
                            params.insert(key.clone(), value.clone());
                        }
                    }
                }
                params
            }
        };
        let collection = &put.template[..put.template.rfind('/').unwrap_or(0)];
        let list = find(put.api_version, "GET", collection);
        let update = find(put.api_version, "PATCH", put.template);
        params.insert(name.to_owned(), Value::from("armgen-lifecycle-1"));
        let version = put.api_version;
        let steps = async {
            call(version, &pipeline, put.id, &params)
                .await
                .map_err(|e| format!("create: {e}"))?;
            let read = call(version, &pipeline, get.id, &params)
                .await
                .map_err(|e| format!("get: {e}"))?;
            if read.body["name"] != "armgen-lifecycle-1" {
                return Err(format!("get: read {}", read.body["name"]));
            }
            if let Some(list) = list {
                let pages = call(version, &pipeline, list.id, &params)
                    .await
                    .map_err(|e| format!("list: {e}"))?;
                let listed = pages.body.as_array().into_iter().flatten().any(|page| {
                    page["value"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .any(|item| item["name"] == "armgen-lifecycle-1")
                });
                if !listed {
                    return Err("list: the new resource is not listed".to_owned());
                }
            }
            match update.and_then(|u| u.examples.first().map(|e| (u, e))) {
                Some((update, update_example)) => {
                    let mut update_params = update_example.parameters.clone();
                    for (key, value) in &params {
                        if key != "parameters" && !value.is_object() {
                            update_params.insert(key.clone(), value.clone());
                        }
                    }
                    call(version, &pipeline, update.id, &update_params)
                        .await
                        .map_err(|e| format!("update: {e}"))?;
                }
                None => {
                    call(version, &pipeline, put.id, &params)
                        .await
                        .map_err(|e| format!("update (replace): {e}"))?;
                }
            }
            call(version, &pipeline, delete.id, &params)
                .await
                .map_err(|e| format!("delete: {e}"))?;
            match call(version, &pipeline, get.id, &params).await {
                Err(e) if e.http_status().map(u16::from) == Some(404) => Ok(()),
                Err(e) => Err(format!("get after delete: {e}")),
                Ok(_) => Err("get after delete: still there".to_owned()),
            }
        };
        match steps.await {
            Ok(()) => lived.push(format!("{version} {}", put.template)),
            Err(problem) => failed.push(format!("{version} {}: {problem}", put.id)),
        }
    }
    println!(
        "upstream lifecycles: {} resource types lived through create, get, list, update, delete; {} failed",
        lived.len(),
        failed.len()
    );
    for failure in &failed {
        println!("FAILED {failure}");
    }
    emulator.shutdown().await;
    assert!(failed.is_empty(), "{} lifecycle(s) failed", failed.len());
    assert!(lived.len() >= 20, "only {} resource types", lived.len());
}
