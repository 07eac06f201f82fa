//! Calling an operation by `operationId` over a client's pipeline: what the
//! generated `dynamic_calls::call` functions use.
//!
//! A generated client method is the operation's `*_request` function, then one
//! of [`ArmPipeline::execute`], [`ArmPipeline::begin`] (long-running) or
//! [`ArmPipeline::pager`] (pageable) with the operation's `*_response`
//! function. `dynamic_calls::call` does exactly that with the request built from
//! JSON parameters, so example files and emulator scenarios run through the
//! same request builders, decoders, retries, poller and pager as typed calls;
//! the helpers here only turn the typed result back into JSON.

use azure_core::error::ErrorKind;
use azure_core::http::poller::StatusMonitor;
use azure_core::http::{Format, Poller, Response, pager::Page};
use futures_core::Stream;
use serde_json::Value;

use super::client::ArmPipeline;
use super::dynamic::DynamicError;
use super::error::ResponseError;
use super::http::{HttpRequest, HttpResponse};
use super::lro::OperationStatus;

/// What a call by `operationId` returned.
#[derive(Debug, Clone, PartialEq)]
pub struct DynamicReply {
    /// The HTTP status of the response the result was read from: the final
    /// response of a long-running operation, the last page of a list.
    pub status: u16,
    /// The response body as JSON (`null` when empty). For a pageable
    /// operation, the array of every page's body, first page first.
    pub body: Value,
}

/// A [`DynamicError`] as the `azure_core` error a call returns: a request
/// that cannot be built from the parameters fails before anything is sent.
pub fn dynamic_request_error(error: DynamicError) -> azure_core::Error {
    azure_core::Error::new(ErrorKind::DataConversion, error)
}

/// Sends `request` as a typed call of an operation that is neither pageable
/// nor long-running does ([`ArmPipeline::execute`]).
pub async fn dynamic_execute<T, E>(
    pipeline: &ArmPipeline,
    request: HttpRequest,
    decode: impl FnOnce(&HttpResponse) -> Result<T, ResponseError<E>>,
) -> azure_core::Result<DynamicReply>
where
    E: std::fmt::Debug + serde::Serialize + Send + Sync + 'static,
{
    let ctx = azure_core::http::Context::new();
    let response: Response<T> = pipeline.execute(&ctx, request, decode).await?;
    reply(response)
}

/// Runs a long-running operation's poller to its end, as awaiting a
/// generated `begin_*` method's poller does.
pub async fn dynamic_poll<T, F>(
    poller: Poller<OperationStatus<T, F>>,
) -> azure_core::Result<DynamicReply>
where
    T: Send + 'static,
    F: Format + Send + 'static,
    OperationStatus<T, F>: StatusMonitor<Output = T, Format = F>,
{
    reply(poller.await?)
}

/// Reads every page of a pageable operation, as a generated pager's
/// `into_pages()` does (within the client's page limit).
pub async fn dynamic_pages<L, F>(
    pager: azure_core::http::Pager<L, F>,
) -> azure_core::Result<DynamicReply>
where
    L: Send + 'static,
    F: Format + Send + 'static,
    Response<L, F>: Page + Send,
{
    let mut pages = pager.into_pages();
    let mut bodies = Vec::new();
    let mut status = 200;
    while let Some(page) =
        std::future::poll_fn(|cx| std::pin::Pin::new(&mut pages).poll_next(cx)).await
    {
        let page = page?;
        status = u16::from(page.status());
        bodies.push(json_body(page.into_body().as_ref())?);
    }
    Ok(DynamicReply {
        status,
        body: Value::Array(bodies),
    })
}

fn reply<T, F>(response: Response<T, F>) -> azure_core::Result<DynamicReply> {
    let status = u16::from(response.status());
    let body = json_body(response.into_body().as_ref())?;
    Ok(DynamicReply { status, body })
}

/// A body the operation's decoder accepted, as JSON: empty is `null`, and a
/// body that is not JSON (a string answer) becomes a JSON string.
fn json_body(bytes: &[u8]) -> azure_core::Result<Value> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Null);
    }
    match serde_json::from_slice(bytes) {
        Ok(value) => Ok(value),
        Err(_) => Ok(Value::String(String::from_utf8_lossy(bytes).into_owned())),
    }
}
