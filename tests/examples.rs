//! Conformance driven by `x-ms-examples`: each example file is a test case,
//! so adding an example adds a test without code.

mod support;

use arm_bindings::runtime::{DynamicError, HttpResponse};
use serde_json::Value;

/// Outcome of checking one example.
struct Checked {
    name: String,
    failures: Vec<String>,
}

#[test]
fn every_example_builds_its_request_and_round_trips_its_responses() {
    let api = support::api();
    let mut checked = Vec::new();
    let mut missing = Vec::new();
    for service in &api.services {
        let generated = support::service(&service.module);
        for op in service.groups.iter().flat_map(|g| &g.operations) {
            for example in &op.examples {
                let Ok(doc) = support::read_json(&example.file) else {
                    missing.push(example.file.display().to_string());
                    continue;
                };
                let mut failures = Vec::new();
                check_request(generated, op, &doc, &mut failures);
                check_responses(generated, op, &doc, &mut failures);
                checked.push(Checked {
                    name: format!("{}/{} ({})", service.module, op.id, example.name),
                    failures,
                });
            }
        }
    }
    let failed: Vec<&Checked> = checked.iter().filter(|c| !c.failures.is_empty()).collect();
    println!(
        "examples: {} passed, {} failed, {} named but missing",
        checked.len() - failed.len(),
        failed.len(),
        missing.len()
    );
    for f in &failed {
        println!("FAILED {}:\n  {}", f.name, f.failures.join("\n  "));
    }
    assert!(
        missing.is_empty(),
        "spec/ names example files that do not exist: {missing:?}"
    );
    assert!(failed.is_empty(), "{} example(s) failed", failed.len());
    assert!(checked.len() >= 3, "the seed examples were not found");
}

fn check_request(
    service: &arm_bindings::runtime::ServiceInfo,
    op: &armgen::ir::Operation,
    doc: &Value,
    failures: &mut Vec<String>,
) {
    let Some(params) = doc.get("parameters").and_then(Value::as_object) else {
        failures.push("the example has no `parameters`".into());
        return;
    };
    let request = match (service.build_request)(&op.id, &support::public_endpoint(), params) {
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
    let expected = support::expected_url(&op.path_template, params);
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

fn check_responses(
    service: &arm_bindings::runtime::ServiceInfo,
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
        match (is_success, decoded) {
            (true, Ok(value)) => {
                let expected = body.unwrap_or(Value::Null);
                if value != expected {
                    failures.push(format!(
                        "{status} round-trips to {value} instead of {expected}"
                    ));
                }
            }
            (true, Err(e)) => failures.push(format!("{status} does not decode: {e}")),
            (false, Err(DynamicError::Response { status: got, .. })) if got == status => {}
            (false, other) => {
                failures.push(format!("{status} should be a typed error, got {other:?}"))
            }
        }
    }
}
