//! The polling URLs of long-running operations (`Azure-AsyncOperation` for the status,
//! `Location` for the result), and the headers that hand them out.

use azure_core::time::OffsetDateTime;
use hyper::StatusCode;
use hyper::header::{HeaderName, HeaderValue, LOCATION, RETRY_AFTER};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Map, Value};

use crate::error::ArmError;
use crate::handlers::Call;
use crate::lro::{Operation, OperationKind, OperationStatus};
use crate::relay;
use crate::response::{self, HttpResponse};
use crate::server::{Shared, lock};

const AZURE_ASYNC_OPERATION: HeaderName = HeaderName::from_static("azure-asyncoperation");

/// Path segments and query values are encoded except for RFC 3986's unreserved characters.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The two collections an operation can be polled in.
#[derive(Clone, Copy)]
enum Url {
    Status,
    Result,
}

/// The path of an operation's status or result URL.
fn operation_path(operation: &Operation, url: Url) -> String {
    let collection = match url {
        Url::Status => "operationStatuses",
        Url::Result => "operationResults",
    };
    format!(
        "/subscriptions/{}/providers/Microsoft.Relay/locations/{}/{collection}/{}",
        utf8_percent_encode(&operation.subscription, UNRESERVED),
        utf8_percent_encode(&operation.location, UNRESERVED),
        utf8_percent_encode(&operation.id, UNRESERVED),
    )
}

/// The absolute status or result URL, on the emulator's endpoint.
fn operation_url(shared: &Shared, operation: &Operation, url: Url, api_version: &str) -> String {
    format!(
        "{}{}?api-version={}",
        shared.settings.endpoint,
        operation_path(operation, url),
        utf8_percent_encode(api_version, UNRESERVED)
    )
}

fn header(value: &str) -> Result<HeaderValue, ArmError> {
    HeaderValue::from_str(value)
        .map_err(|_| ArmError::internal("a polling URL is not a valid header"))
}

fn add_retry_after(response: &mut HttpResponse, shared: &Shared) {
    response.headers_mut().insert(
        RETRY_AFTER,
        HeaderValue::from(shared.settings.lro_retry_after_secs),
    );
}

/// Adds `Azure-AsyncOperation`, `Location` and `Retry-After` for a just-started `operation`,
/// its URLs carrying the api-version the request used.
pub(crate) fn add_accepted_headers(
    response: &mut HttpResponse,
    shared: &Shared,
    operation: &Operation,
    api_version: &str,
) -> Result<(), ArmError> {
    let status = header(&operation_url(shared, operation, Url::Status, api_version))?;
    let result = header(&operation_url(shared, operation, Url::Result, api_version))?;
    let headers = response.headers_mut();
    headers.insert(AZURE_ASYNC_OPERATION, status);
    headers.insert(LOCATION, result);
    add_retry_after(response, shared);
    Ok(())
}

/// Counts one poll of the operation the URL of `call` names and returns it afterwards.
fn poll(shared: &Shared, call: &Call<'_>) -> Result<Operation, ArmError> {
    let subscription = call.param("subscriptionId")?;
    let location = call.param("location")?;
    let id = call.param("operationId")?;
    lock(&shared.store).poll_operation(
        id,
        subscription,
        location,
        shared.settings.lro_polls,
        OffsetDateTime::now_utc(),
    )
}

/// What went wrong with an operation that did not succeed: (code, message).
fn failure(operation: &Operation) -> Option<(&'static str, String)> {
    let action = match operation.kind {
        OperationKind::CreateOrUpdate => "create or update",
        OperationKind::Delete => "delete",
    };
    let name = &operation.resource_name;
    match operation.status {
        OperationStatus::Failed => Some((
            "ProvisioningFailed",
            format!("The operation to {action} namespace '{name}' failed."),
        )),
        OperationStatus::Canceled => Some((
            "OperationCanceled",
            format!(
                "The operation to {action} namespace '{name}' was canceled by a later operation \
                 on the same namespace."
            ),
        )),
        OperationStatus::InProgress | OperationStatus::Succeeded => None,
    }
}

/// The status URL: 200 with the operation status resource, `Retry-After` while in progress.
pub(crate) fn status(shared: &Shared, call: &Call<'_>) -> Result<HttpResponse, ArmError> {
    let operation = poll(shared, call)?;
    let mut body = Map::new();
    body.insert("id".into(), operation_path(&operation, Url::Status).into());
    body.insert("name".into(), operation.id.clone().into());
    body.insert("status".into(), operation.status.as_str().into());
    body.insert(
        "startTime".into(),
        relay::timestamp(&operation.start_time).into(),
    );
    if let Some(end) = &operation.end_time {
        body.insert("endTime".into(), relay::timestamp(end).into());
    }
    if let Some((code, message)) = failure(&operation) {
        let mut error = Map::new();
        error.insert("code".into(), code.into());
        error.insert("message".into(), message.into());
        body.insert("error".into(), Value::Object(error));
    }
    let mut response = response::json(StatusCode::OK, &Value::Object(body));
    if operation.status == OperationStatus::InProgress {
        add_retry_after(&mut response, shared);
    }
    Ok(response)
}

/// The result URL: 202 while in progress; then the final resource (200) for a create or
/// update, 204 for a delete, or 409 for an operation that failed or was canceled.
pub(crate) fn result(shared: &Shared, call: &Call<'_>) -> Result<HttpResponse, ArmError> {
    let operation = poll(shared, call)?;
    if let Some((_, message)) = failure(&operation) {
        return Err(match operation.status {
            OperationStatus::Canceled => ArmError::operation_canceled(&message),
            _ => ArmError::provisioning_failed(&message),
        });
    }
    match (operation.status, operation.kind, &operation.result) {
        (OperationStatus::InProgress, _, _) => {
            let mut response = response::empty(StatusCode::ACCEPTED);
            let location = header(&operation_url(
                shared,
                &operation,
                Url::Result,
                call.api_version,
            ))?;
            response.headers_mut().insert(LOCATION, location);
            add_retry_after(&mut response, shared);
            Ok(response)
        }
        (_, OperationKind::CreateOrUpdate, Some(resource)) => Ok(response::json(
            StatusCode::OK,
            &relay::namespace_body(resource),
        )),
        (_, OperationKind::Delete, _) => Ok(response::empty(StatusCode::NO_CONTENT)),
        // A succeeded create always records its resource.
        (_, OperationKind::CreateOrUpdate, None) => Err(ArmError::internal(
            "the operation succeeded without a result",
        )),
    }
}
