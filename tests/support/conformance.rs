//! Example-driven conformance: every `x-ms-examples` file of a resolved API is
//! checked against generated bindings, with no code per example.

use arm_bindings::runtime::{DynamicError, HttpResponse, ServiceInfo};
use serde_json::Value;

/// What checking every example found.
#[derive(Debug, Default)]
pub struct Report {
    /// Examples that passed.
    pub passed: Vec<String>,
    /// Examples that failed, with why.
    pub failed: Vec<(String, Vec<String>)>,
    /// Example files named by the spec that do not exist.
    pub missing: Vec<String>,
}

impl Report {
    /// A summary line and the failures.
    pub fn print(&self, what: &str) {
        println!(
            "{what}: {} examples passed, {} failed, {} named but missing",
            self.passed.len(),
            self.failed.len(),
            self.missing.len()
        );
        for (name, failures) in &self.failed {
            println!("FAILED {name}:\n  {}", failures.join("\n  "));
        }
    }
}

/// Checks every example of `api` against the generated `services`.
pub fn check(api: &armgen::ir::Api, services: &[ServiceInfo]) -> Report {
    let mut report = Report::default();
    for (path, service) in api.all_services() {
        let generated = services
            .iter()
            .find(|s| s.module == path)
            .unwrap_or_else(|| panic!("no generated service `{path}`"));
        for op in service.groups.iter().flat_map(|g| &g.operations) {
            for example in &op.examples {
                let Ok(doc) = super::read_json(&example.file) else {
                    report.missing.push(example.file.display().to_string());
                    continue;
                };
                let name = format!("{path}/{} ({})", op.id, example.name);
                let mut failures = Vec::new();
                check_request(generated, op, &doc, &mut failures);
                check_responses(generated, op, &doc, &mut failures);
                if failures.is_empty() {
                    report.passed.push(name);
                } else {
                    report.failed.push((name, failures));
                }
            }
        }
    }
    report
}

fn check_request(
    service: &ServiceInfo,
    op: &armgen::ir::Operation,
    doc: &Value,
    failures: &mut Vec<String>,
) {
    let Some(params) = doc.get("parameters").and_then(Value::as_object) else {
        failures.push("the example has no `parameters`".into());
        return;
    };
    let request = match (service.build_request)(&op.id, &super::public_endpoint(), params) {
        Ok(request) => request,
        Err(e) => {
            failures.push(format!("request not built: {e}"));
            return;
        }
    };
    if request.method.as_str() != op.method.as_str() {
        failures.push(format!(
            "method {} instead of {}",
            request.method,
            op.method.as_str()
        ));
    }
    let multi: Vec<&str> = op
        .params
        .iter()
        .filter(|p| p.multi_segment)
        .map(|p| p.wire_name.as_str())
        .collect();
    let expected = super::expected_url(
        &op.path_template,
        params,
        &multi,
        &optional_query(op, params),
    );
    if request.url.as_str() != expected {
        failures.push(format!(
            "URL\n    {}\n  instead of\n    {expected}",
            request.url
        ));
    }
    let body = request.json_body().transpose().unwrap_or(None);
    let expected_body = op.body().and_then(|b| params.get(&b.wire_name)).cloned();
    if body != expected_body {
        failures.push(format!("body {body:?} instead of {expected_body:?}"));
    }
}

/// Query parameters besides `api-version` that the example sets, in the
/// order the request function adds them (required, then optional, by wire
/// name), already encoded as `name=value`.
fn optional_query(
    op: &armgen::ir::Operation,
    params: &serde_json::Map<String, Value>,
) -> Vec<(String, String)> {
    op.params
        .iter()
        .filter(|p| p.location == armgen::ir::ParamLocation::Query)
        .filter_map(|p| {
            let value = params.get(&p.wire_name)?;
            let text = value
                .as_str()
                .map_or_else(|| value.to_string(), str::to_owned);
            Some((p.wire_name.clone(), text))
        })
        .collect()
}

fn check_responses(
    service: &ServiceInfo,
    op: &armgen::ir::Operation,
    doc: &Value,
    failures: &mut Vec<String>,
) {
    let Some(responses) = doc.get("responses").and_then(Value::as_object) else {
        failures.push("the example has no `responses`".into());
        return;
    };
    for (status, response) in responses {
        let Ok(status) = status.parse::<u16>() else {
            failures.push(format!("response status `{status}` is not a number"));
            continue;
        };
        let body = response.get("body").cloned();
        let bytes = body.as_ref().map(|b| b.to_string()).unwrap_or_default();
        let decoded = (service.decode_response)(&op.id, &HttpResponse::new(status, bytes));
        let is_success = op.responses.iter().any(|r| r.status == status);
        let documented_body = op
            .responses
            .iter()
            .any(|r| r.status == status && r.ty.is_some());
        match (is_success, decoded) {
            (true, Ok(value)) => {
                let expected = if documented_body {
                    body.unwrap_or(Value::Null)
                } else {
                    Value::Null
                };
                if without_nulls(&value) != without_nulls(&expected) {
                    failures.push(format!(
                        "{status} round-trips to\n    {value}\n  instead of\n    {expected}"
                    ));
                }
            }
            (true, Err(e)) => failures.push(format!("{status} does not decode: {e}")),
            (false, Err(DynamicError::Response { status: got, .. })) if got == status => {}
            (false, other) => failures.push(format!(
                "{status} is not a documented status: got {other:?}"
            )),
        }
    }
}

/// Examples often write optional members as `null` (`"tags": null`); the
/// models read that as absent and do not write it back, which is the same
/// JSON document for the service. Members whose value is `null` are dropped
/// before comparing.
fn without_nulls(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), without_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_nulls).collect()),
        other => other.clone(),
    }
}
