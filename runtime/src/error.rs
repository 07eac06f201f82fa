//! The typed error of a response that is not the operation's success.

use std::fmt;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::http::HttpResponse;
use super::redact::{bounded, redact_json, redact_text};

/// Why a response did not yield the operation's success model.
///
/// `E` is the operation's documented error model (ARM's `ErrorResponse` for
/// every operation so far). None of the variants holds a success body, so no
/// key from a success response can end up in an error message.
///
/// An error body is the service's words, and a broken or hostile service can
/// quote a key, a connection string or the bearer token in it. `Display` and
/// `Debug` mask what looks like one (`Bearer …`, `SharedAccessKey=…`,
/// `AccountKey=…`, `sig=…`, `Password=…`, and members named like `primaryKey`,
/// `key1`, `…ConnectionString`, `…Password`, `…Secret` or `…Token`), and
/// `Display` shows at most the first 300 characters of the service's text.
/// The body as received is reachable on purpose only:
/// [`ResponseError::raw_body`] and [`ResponseError::service_error`].
#[derive(Clone, PartialEq)]
pub enum ResponseError<E> {
    /// The service answered with an error status and a body of the documented
    /// error shape (boxed: error models are large and errors are rare).
    Service(Box<ServiceError<E>>),
    /// An error status whose body is not the documented error shape (a proxy's
    /// HTML page, an empty body…): the raw text is kept.
    Unrecognized {
        /// The HTTP status code.
        status: u16,
        /// The body as text (lossy UTF-8), given by
        /// [`ResponseError::raw_body`].
        body: ErrorBody,
        /// The `x-ms-request-id` header, if present.
        request_id: Option<String>,
    },
    /// A long-running operation ended `Failed` or `Canceled`; the status
    /// monitor's error, when it has one in the documented shape, is kept.
    OperationFailed {
        /// The HTTP status of the last poll.
        status: u16,
        /// The operation's final `status`.
        state: String,
        /// The error reported by the status monitor (`{"error": {…}}`),
        /// boxed like [`ResponseError::Service`]'s.
        error: Option<Box<E>>,
        /// The `x-ms-request-id` of the last poll, if present.
        request_id: Option<String>,
    },
    /// A success status whose body does not decode into the model. Only the
    /// position and the kind of the problem are kept: the body may hold keys.
    Decode {
        /// The HTTP status code.
        status: u16,
        /// What was wrong, without any part of the body.
        reason: String,
        /// The `x-ms-request-id` header, if present.
        request_id: Option<String>,
    },
}

/// An error status with a decoded error body. Its `Debug` shows the body as
/// JSON with credentials masked (see [`ResponseError`]).
#[derive(Clone, PartialEq)]
pub struct ServiceError<E> {
    /// The HTTP status code.
    pub status: u16,
    /// The decoded error body.
    pub error: E,
    /// The `x-ms-request-id` header, if present.
    pub request_id: Option<String>,
}

impl<E> ResponseError<E> {
    /// The HTTP status code of the response.
    pub fn status(&self) -> u16 {
        match self {
            ResponseError::Service(e) => e.status,
            ResponseError::Unrecognized { status, .. }
            | ResponseError::Decode { status, .. }
            | ResponseError::OperationFailed { status, .. } => *status,
        }
    }

    /// The `x-ms-request-id` of the response, if it had one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            ResponseError::Service(e) => e.request_id.as_deref(),
            ResponseError::Unrecognized { request_id, .. }
            | ResponseError::Decode { request_id, .. }
            | ResponseError::OperationFailed { request_id, .. } => request_id.as_deref(),
        }
    }

    /// The body of an error status that is not the documented error shape,
    /// exactly as received (lossy UTF-8): unlike `Display` and `Debug`, it
    /// shows any credential the service quoted. `None` for other errors.
    pub fn raw_body(&self) -> Option<&str> {
        match self {
            ResponseError::Unrecognized { body, .. } => Some(&body.0),
            _ => None,
        }
    }

    /// The decoded error body, for `Service` errors and failed operations,
    /// as received: unlike `Display` and `Debug`, it shows any credential the
    /// service quoted.
    pub fn service_error(&self) -> Option<&E> {
        match self {
            ResponseError::Service(e) => Some(&e.error),
            ResponseError::OperationFailed { error, .. } => error.as_deref(),
            _ => None,
        }
    }

    /// Decodes a response whose status is not a documented success.
    pub fn from_response(response: &HttpResponse) -> Self
    where
        E: DeserializeOwned,
    {
        Self::from_error_status(response.status, &response.body, response.request_id())
    }

    /// Decodes an error status: the documented error model when the body has
    /// that shape, the raw text otherwise.
    pub fn from_error_status(status: u16, body: &[u8], request_id: Option<&str>) -> Self
    where
        E: DeserializeOwned,
    {
        let request_id = request_id.map(str::to_owned);
        match serde_json::from_slice::<E>(body) {
            Ok(error) if looks_like_json_object(body) => {
                ResponseError::Service(Box::new(ServiceError {
                    status,
                    error,
                    request_id,
                }))
            }
            _ => ResponseError::Unrecognized {
                status,
                body: ErrorBody(String::from_utf8_lossy(body).into_owned()),
                request_id,
            },
        }
    }

    /// A long-running operation that ended in `state`, with the status
    /// monitor's body.
    pub fn operation_failed(status: u16, state: &str, body: &[u8], request_id: Option<&str>) -> Self
    where
        E: DeserializeOwned,
    {
        ResponseError::OperationFailed {
            status,
            state: state.to_owned(),
            error: serde_json::from_slice(body).ok().map(Box::new),
            request_id: request_id.map(str::to_owned),
        }
    }

    /// A success status whose body failed to decode.
    pub fn decode(status: u16, error: &serde_json::Error, request_id: Option<&str>) -> Self {
        // serde_json's message can quote the offending value, so only its
        // category and position are kept.
        let kind = match error.classify() {
            serde_json::error::Category::Io => "I/O error",
            serde_json::error::Category::Syntax => "malformed JSON",
            serde_json::error::Category::Data => "JSON of the wrong shape",
            serde_json::error::Category::Eof => "truncated JSON",
        };
        let mut reason = format!("{kind} at line {} column {}", error.line(), error.column());
        // A value not of its string format: the format is named (the
        // runtime's own words, which never quote the value).
        if let Some(format) = crate::format::named_in(&error.to_string()) {
            reason.push_str(": ");
            reason.push_str(&format);
        }
        ResponseError::Decode {
            status,
            reason,
            request_id: request_id.map(str::to_owned),
        }
    }
}

// An error body that decodes into an all-optional model could be any JSON
// value (`[]`, `"text"`); only an object counts as the documented shape.
fn looks_like_json_object(body: &[u8]) -> bool {
    body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

/// Decodes a success body into the operation's model.
pub fn decode_json<T: DeserializeOwned, E>(response: &HttpResponse) -> Result<T, ResponseError<E>> {
    serde_json::from_slice(&response.body)
        .map_err(|e| ResponseError::decode(response.status, &e, response.request_id()))
}

/// The response of an operation whose success statuses `statuses` carry a
/// body: the decoded model, or the typed error of any other status.
pub fn decode_body<T: DeserializeOwned, E: DeserializeOwned>(
    response: &HttpResponse,
    statuses: &[u16],
) -> Result<T, ResponseError<E>> {
    if statuses.contains(&response.status) {
        decode_json(response)
    } else {
        Err(ResponseError::from_response(response))
    }
}

/// Like [`decode_body`], for operations where some success statuses
/// (`empty`, e.g. `202`) have no body.
pub fn decode_optional<T: DeserializeOwned, E: DeserializeOwned>(
    response: &HttpResponse,
    with_body: &[u16],
    empty: &[u16],
) -> Result<Option<T>, ResponseError<E>> {
    if empty.contains(&response.status) {
        Ok(None)
    } else {
        decode_body(response, with_body).map(Some)
    }
}

/// Like [`decode_optional`], for operations whose success body is
/// `x-nullable`: `null`, or an empty body of a status in `with_body`, is
/// `None` too.
pub fn decode_nullable<T: DeserializeOwned, E: DeserializeOwned>(
    response: &HttpResponse,
    with_body: &[u16],
    empty: &[u16],
) -> Result<Option<T>, ResponseError<E>> {
    let no_body = response.body.iter().all(u8::is_ascii_whitespace);
    if empty.contains(&response.status) || (no_body && with_body.contains(&response.status)) {
        Ok(None)
    } else {
        decode_body(response, with_body)
    }
}

/// The success of an operation whose success statuses have bodies of
/// different types (`200` an `A`, `201` a `B`): a generated enum with one
/// variant per success status.
pub trait FromStatus: Sized {
    /// Decodes `body` as the body of success status `status`; a status that
    /// is not one of the operation's successes is an error too.
    fn from_status(status: u16, body: &[u8]) -> Result<Self, serde_json::Error>;
}

/// The response of an operation whose success statuses `statuses` have
/// bodies of different types: the variant of the response's status, or the
/// typed error of any other status.
pub fn decode_by_status<T: FromStatus, E: DeserializeOwned>(
    response: &HttpResponse,
    statuses: &[u16],
) -> Result<T, ResponseError<E>> {
    if statuses.contains(&response.status) {
        T::from_status(response.status, &response.body)
            .map_err(|e| ResponseError::decode(response.status, &e, response.request_id()))
    } else {
        Err(ResponseError::from_response(response))
    }
}

/// The response of an operation whose success body is bytes (`type: file`):
/// the body as received for a status in `statuses` (an empty body is no
/// bytes), or the typed error of any other status. The body was read under
/// the client's size limit, as every body is.
pub fn decode_bytes<E: DeserializeOwned>(
    response: &HttpResponse,
    statuses: &[u16],
) -> Result<Vec<u8>, ResponseError<E>> {
    if statuses.contains(&response.status) {
        Ok(response.body.clone())
    } else {
        Err(ResponseError::from_response(response))
    }
}

/// The response of an operation whose success body is text (`text/plain`):
/// the body as received for a status in `statuses`, which must be UTF-8
/// (a [`ResponseError::Decode`] naming the first bad byte otherwise), or the
/// typed error of any other status.
pub fn decode_text<E: DeserializeOwned>(
    response: &HttpResponse,
    statuses: &[u16],
) -> Result<String, ResponseError<E>> {
    if !statuses.contains(&response.status) {
        return Err(ResponseError::from_response(response));
    }
    String::from_utf8(response.body.clone()).map_err(|e| ResponseError::Decode {
        status: response.status,
        reason: format!(
            "text that is not UTF-8 at byte {}",
            e.utf8_error().valid_up_to()
        ),
        request_id: response.request_id().map(str::to_owned),
    })
}

/// The response of an operation whose success statuses have no body.
pub fn decode_empty<E: DeserializeOwned>(
    response: &HttpResponse,
    statuses: &[u16],
) -> Result<(), ResponseError<E>> {
    if statuses.contains(&response.status) {
        Ok(())
    } else {
        Err(ResponseError::from_response(response))
    }
}

/// The response of a `HEAD` that answers whether something exists
/// (`CheckExistence`): `true` for one of its success `statuses`, `false` for
/// 404; any other status is its error.
pub fn decode_exists<E: DeserializeOwned>(
    response: &HttpResponse,
    statuses: &[u16],
) -> Result<bool, ResponseError<E>> {
    match response.status {
        404 => Ok(false),
        status if statuses.contains(&status) => Ok(true),
        _ => Err(ResponseError::from_response(response)),
    }
}

/// The text of an error body that is not the documented error shape. Its
/// `Debug` masks credentials; the text as received is given by
/// [`ResponseError::raw_body`].
#[derive(Clone, PartialEq, Eq)]
pub struct ErrorBody(String);

impl fmt::Debug for ErrorBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&redact_text(&self.0), f)
    }
}

/// A decoded error model shown as JSON, credentials masked.
struct Masked<'a, E>(&'a E);

impl<E: Serialize> fmt::Debug for Masked<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match serde_json::to_value(self.0) {
            Ok(mut value) => {
                redact_json(&mut value);
                if f.alternate() {
                    write!(f, "{value:#}")
                } else {
                    write!(f, "{value}")
                }
            }
            Err(_) => f.write_str("<an error body that does not serialize>"),
        }
    }
}

impl<E: Serialize> fmt::Debug for ServiceError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServiceError")
            .field("status", &self.status)
            .field("error", &Masked(&self.error))
            .field("request_id", &self.request_id)
            .finish()
    }
}

impl<E: Serialize> fmt::Debug for ResponseError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResponseError::Service(e) => f.debug_tuple("Service").field(e).finish(),
            ResponseError::Unrecognized {
                status,
                body,
                request_id,
            } => f
                .debug_struct("Unrecognized")
                .field("status", status)
                .field("body", body)
                .field("request_id", request_id)
                .finish(),
            ResponseError::OperationFailed {
                status,
                state,
                error,
                request_id,
            } => f
                .debug_struct("OperationFailed")
                .field("status", status)
                .field("state", state)
                .field("error", &error.as_deref().map(Masked))
                .field("request_id", request_id)
                .finish(),
            ResponseError::Decode {
                status,
                reason,
                request_id,
            } => f
                .debug_struct("Decode")
                .field("status", status)
                .field("reason", reason)
                .field("request_id", request_id)
                .finish(),
        }
    }
}

/// ARM error bodies are `{"error": {"code", "message"}}`; other shapes are
/// shown as compact JSON. Credentials are masked and the text bounded, as
/// [`ResponseError`] says.
fn describe<E: Serialize>(error: &E) -> String {
    let mut value = serde_json::to_value(error).unwrap_or(serde_json::Value::Null);
    redact_json(&mut value);
    let detail = value.get("error").unwrap_or(&value);
    let text = match (
        detail.get("code").and_then(serde_json::Value::as_str),
        detail.get("message").and_then(serde_json::Value::as_str),
    ) {
        (Some(code), Some(message)) => format!("{code}: {message}"),
        (Some(code), None) => code.to_owned(),
        (None, Some(message)) => message.to_owned(),
        (None, None) => value.to_string(),
    };
    bounded(&text).into_owned()
}

impl<E: Serialize> ResponseError<E> {
    /// The ARM error code (`ResourceNotFound`…), when the body has one.
    pub fn error_code(&self) -> Option<String> {
        let value = serde_json::to_value(self.service_error()?).ok()?;
        let detail = value.get("error").unwrap_or(&value);
        detail
            .get("code")
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned)
    }
}

impl<E: Serialize> fmt::Display for ResponseError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResponseError::Service(e) => write!(
                f,
                "the service answered {}: {}",
                e.status,
                describe(&e.error)
            )?,
            ResponseError::Unrecognized { status, body, .. } => write!(
                f,
                "the service answered {status} with an unrecognized body: {}",
                bounded(&redact_text(&body.0))
            )?,
            ResponseError::Decode { status, reason, .. } => {
                write!(f, "the {status} response could not be decoded: {reason}")?
            }
            ResponseError::OperationFailed { state, error, .. } => {
                write!(f, "the long-running operation ended {state}")?;
                if let Some(error) = error {
                    write!(f, ": {}", describe(error))?;
                }
            }
        }
        if let Some(id) = self.request_id() {
            write!(f, " (x-ms-request-id: {id})")?;
        }
        Ok(())
    }
}

impl<E: Serialize> std::error::Error for ResponseError<E> {}

#[cfg(test)]
mod tests {
    use super::*;

    /// What armgen generates for `200: String, 201: i32, 204` (no body).
    #[derive(Debug, PartialEq)]
    enum ByStatus {
        Status200(String),
        Status201(i32),
        Status204,
    }

    impl FromStatus for ByStatus {
        fn from_status(status: u16, body: &[u8]) -> Result<Self, serde_json::Error> {
            match status {
                200 => serde_json::from_slice(body).map(Self::Status200),
                201 => serde_json::from_slice(body).map(Self::Status201),
                204 => Ok(Self::Status204),
                _ => Err(serde::de::Error::custom("not a success")),
            }
        }
    }

    fn by_status(status: u16, body: &str) -> Result<ByStatus, ResponseError<serde_json::Value>> {
        decode_by_status(&HttpResponse::new(status, body), &[200, 201, 204])
    }

    #[test]
    fn a_nullable_body_is_none_when_null_or_empty_and_an_error_otherwise() {
        let nullable = |status: u16, body: &str| {
            decode_nullable::<i32, serde_json::Value>(
                &HttpResponse::new(status, body),
                &[200],
                &[204],
            )
        };
        assert_eq!(nullable(200, "7"), Ok(Some(7)));
        assert_eq!(nullable(200, "null"), Ok(None));
        assert_eq!(nullable(200, " "), Ok(None));
        assert_eq!(nullable(204, "ignored"), Ok(None));
        assert!(matches!(
            nullable(200, "true"),
            Err(ResponseError::Decode { status: 200, .. })
        ));
        // An empty body of a status that is not a success is still an error.
        assert!(matches!(
            nullable(404, ""),
            Err(ResponseError::Unrecognized { status: 404, .. })
        ));
    }

    #[test]
    fn each_success_status_decodes_its_own_body_type() {
        assert_eq!(
            by_status(200, r#""text""#),
            Ok(ByStatus::Status200("text".to_owned()))
        );
        assert_eq!(by_status(201, "7"), Ok(ByStatus::Status201(7)));
        assert_eq!(by_status(204, ""), Ok(ByStatus::Status204));
    }

    #[test]
    fn a_body_of_another_status_type_is_a_decode_error_and_other_statuses_are_errors() {
        // `"text"` is the 200's type, not the 201's.
        let error = by_status(201, r#""text""#).unwrap_err();
        assert!(
            matches!(error, ResponseError::Decode { status: 201, .. }),
            "{error:?}"
        );
        let error = by_status(202, r#""text""#).unwrap_err();
        assert!(
            matches!(error, ResponseError::Unrecognized { status: 202, .. }),
            "{error:?}"
        );
        let error = by_status(400, r#"{"code":"Bad"}"#).unwrap_err();
        assert!(
            matches!(error, ResponseError::Service(ref e) if e.status == 400),
            "{error:?}"
        );
    }

    #[test]
    fn bytes_and_text_are_read_as_received_and_error_statuses_decode_the_error_model() {
        #[derive(Debug, PartialEq, serde::Deserialize, serde::Serialize)]
        struct Failure {
            message: String,
        }
        let png = [0x89, b'P', b'N', b'G', 0, 0xff];
        let ok = HttpResponse::new(200, png.to_vec());
        assert_eq!(decode_bytes::<Failure>(&ok, &[200]), Ok(png.to_vec()));
        // An empty body is no bytes, or the empty string.
        let empty = HttpResponse::new(200, Vec::new());
        assert_eq!(decode_bytes::<Failure>(&empty, &[200]), Ok(Vec::new()));
        assert_eq!(decode_text::<Failure>(&empty, &[200]), Ok(String::new()));
        // Text is not JSON: quotes and all.
        let text = HttpResponse::new(200, r#""hello", é"#);
        assert_eq!(
            decode_text::<Failure>(&text, &[200]),
            Ok(r#""hello", é"#.to_owned())
        );
        // Bytes that are not UTF-8, where text is declared: a decode error
        // naming where, not the body.
        let error = decode_text::<Failure>(&ok, &[200]).unwrap_err();
        assert_eq!(
            error,
            ResponseError::Decode {
                status: 200,
                reason: "text that is not UTF-8 at byte 0".to_owned(),
                request_id: None,
            }
        );
        for failed in [
            decode_bytes::<Failure>(&HttpResponse::new(400, r#"{"message":"no"}"#), &[200])
                .unwrap_err(),
            decode_text::<Failure>(&HttpResponse::new(400, r#"{"message":"no"}"#), &[200])
                .unwrap_err(),
        ] {
            assert_eq!(
                failed.service_error(),
                Some(&Failure {
                    message: "no".to_owned()
                })
            );
            assert_eq!(failed.status(), 400);
        }
        // A success status the operation does not declare is an error too.
        assert!(matches!(
            decode_bytes::<Failure>(&HttpResponse::new(201, png.to_vec()), &[200]),
            Err(ResponseError::Unrecognized { status: 201, .. })
        ));
    }

    #[test]
    fn doubles_decode_exactly_as_sent() {
        // Without serde_json's `float_roundtrip`, these come back one ulp off
        // (2.5976930999999998e-101), and a value read and sent back changes.
        for text in ["2.5976931e-101", "3e-100", "-5e-57"] {
            let response = HttpResponse::new(200, text);
            let value: f64 = decode_json::<f64, ()>(&response).unwrap();
            assert_eq!(value, text.parse::<f64>().unwrap(), "{text}");
        }
    }
}
