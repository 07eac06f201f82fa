//! The snapshot's `formats` service (generator/tests/fixtures/formats),
//! compiled and run: values of a string format decode into checked types
//! that keep the exact text, so a body read is written back byte for byte;
//! a value that is not of its format is a decoding error; parameters passed
//! as text are checked before anything is built; typed response headers
//! parse or name the header that is wrong.

include!("../generator/tests/snapshots/mod.rs");

use arm_bindings::runtime::{
    Base64, Constraint, DateTime, HttpResponse, ResponseError, StringFormat, UnixTime, Url,
};
use formats::events::{PutHeaders, get_took_request, put_request, put_response};
use formats::models::Event;

const EVENT: &str = r#"{"at":"2017-06-30T13:21:46.1234567+00:00","day":"2024-02-29","took":"P1DT2H","id":"6DCC7237-45FE-45C4-8A6B-3A8A3F625652","payload":"//79/Pv6+fj39g==","cursor":"YWJj","grade":"A","stamp":1460505600,"modified":"fri, 31 dec 9999 23:59:59 gmt","attendees":["6dcc7237-45fe-45c4-8a6b-3a8a3f625652"],"history":{"a":"2000-12-01t00:00:01z","b":"1980-01-02T00:11:35"},"link":"https://example.com"}"#;

fn endpoint() -> Url {
    Url::parse("https://management.azure.com").unwrap()
}

#[test]
fn a_body_of_every_format_round_trips_byte_for_byte() {
    let event = put_response(&HttpResponse::new(200, EVENT)).unwrap();
    assert_eq!(event.at.as_str(), "2017-06-30T13:21:46.1234567+00:00");
    assert_eq!(event.grade, Some('A'));
    assert_eq!(event.stamp, Some(UnixTime(1_460_505_600)));
    let bytes: Vec<u8> = (246..=255).rev().collect();
    assert_eq!(event.payload.as_ref().map(Base64::to_bytes), Some(bytes));
    assert_eq!(
        event.cursor.as_ref().map(|c| c.to_bytes()),
        Some(b"abc".to_vec())
    );
    assert_eq!(serde_json::to_string(&event).unwrap(), EVENT);
}

#[test]
fn a_value_not_of_its_format_is_a_decoding_error_naming_the_format() {
    for (field, value, format) in [
        ("at", r#""2017-06-30""#, "format: date-time"),
        ("day", r#""2023-02-29""#, "format: date"),
        ("took", r#""123ABC""#, "format: duration"),
        ("id", r#""foo""#, "format: uuid"),
        ("payload", r#""::::SWAGGER::::""#, "format: byte"),
        ("grade", r#""AB""#, "wrong shape"),
        (
            "modified",
            r#""Sat, 1 Jan 10000 00:00:00 GMT""#,
            "format: date-time-rfc1123",
        ),
        (
            "attendees",
            r#"["6dcc7237-45fe-45c4-8a6b-3a8a3f625652","date"]"#,
            "format: uuid",
        ),
        ("history", r#"{"a":"date-time"}"#, "format: date-time"),
    ] {
        let mut json: serde_json::Value = serde_json::from_str(EVENT).unwrap();
        json[field] = serde_json::from_str(value).unwrap();
        let error = put_response(&HttpResponse::new(200, json.to_string())).unwrap_err();
        assert!(
            matches!(error, ResponseError::Decode { .. }),
            "{field}: {error:?}"
        );
        assert!(error.to_string().contains(format), "{field}: {error}");
    }
}

#[test]
fn a_model_is_built_from_checked_values() {
    let event = Event {
        at: "2024-01-31T12:00:00Z".parse().unwrap(),
        day: None,
        took: None,
        id: None,
        payload: Some(Base64::from_bytes(b"hi")),
        cursor: None,
        grade: None,
        stamp: None,
        modified: None,
        attendees: None,
        history: None,
        link: None,
        access_key: None,
    };
    let request = put_request(&endpoint(), "2024-01-31", &event, None, None, None, None).unwrap();
    let body = String::from_utf8(request.body.unwrap()).unwrap();
    assert_eq!(body, r#"{"at":"2024-01-31T12:00:00Z","payload":"aGk="}"#);
    let error = "2024-01-31 12:00".parse::<DateTime>().unwrap_err();
    assert_eq!(
        error.to_string(),
        "not an RFC 3339 date-time (format: date-time): expected a date, `T` and a time"
    );
}

#[test]
fn parameters_of_a_format_are_checked_before_sending() {
    let event: Event = serde_json::from_str(EVENT).unwrap();
    let ids = [
        "6dcc7237-45fe-45c4-8a6b-3a8a3f625652".to_owned(),
        "foo".to_owned(),
    ];
    let errors = put_request(
        &endpoint(),
        "2024-13-01",
        &event,
        Some(&ids),
        Some("yesterday"),
        Some(1_460_505_600),
        Some("Mon, 01 Jan 2024 00:00:00 GMT"),
    )
    .unwrap_err();
    let found: Vec<(&str, &Constraint)> = errors
        .errors()
        .iter()
        .map(|e| (e.target.as_str(), &e.constraint))
        .collect();
    assert_eq!(
        found,
        [
            ("day", &Constraint::Format(StringFormat::Date)),
            ("ids", &Constraint::Format(StringFormat::Uuid)),
            ("since", &Constraint::Format(StringFormat::DateTime)),
        ]
    );
    assert!(
        errors
            .to_string()
            .contains("`day` must be a date (format: date)"),
        "{errors}"
    );
    let request = get_took_request(&endpoint(), "2024-02-29").unwrap();
    assert_eq!(request.url.path(), "/events/2024-02-29/took");
    assert!(get_took_request(&endpoint(), "2024-02-30").is_err());
}

#[test]
fn response_headers_of_a_format_are_typed_and_checked() {
    let headers = PutHeaders::from_headers([
        ("last-modified", "Wed, 31 Jan 2024 12:00:00 GMT"),
        ("x-ms-request-id", "6dcc7237-45fe-45c4-8a6b-3a8a3f625652"),
        ("x-ms-stamp", "1460505600"),
    ])
    .unwrap();
    assert_eq!(
        headers.last_modified.as_deref(),
        Some("Wed, 31 Jan 2024 12:00:00 GMT")
    );
    assert_eq!(headers.x_ms_stamp, Some(UnixTime(1_460_505_600)));
    let errors = PutHeaders::from_headers([("x-ms-request-id", "not-a-uuid")]).unwrap_err();
    assert_eq!(
        errors.to_string(),
        "`x-ms-request-id` must be a UUID (format: uuid)"
    );
}

#[test]
fn a_secret_wins_over_a_format() {
    let mut json: serde_json::Value = serde_json::from_str(EVENT).unwrap();
    json["accessKey"] = "c2VjcmV0".into();
    let event: Event = serde_json::from_value(json).unwrap();
    assert!(!format!("{event:?}").contains("c2VjcmV0"));
}

/// The typed headers through `ResponseHeaders`: from a request function's
/// response, and from the response a client's method returned over HTTPS.
#[tokio::test]
async fn typed_headers_are_read_from_a_clients_response() {
    use arm_bindings::runtime::ResponseHeaders as _;
    use armgen_emulator::scripted::{Reply, ScriptedServer};

    let mut raw = HttpResponse::new(200, EVENT);
    raw.headers
        .push(("X-MS-STAMP".to_owned(), "1460505600".to_owned()));
    let headers = PutHeaders::from_http_response(&raw).unwrap();
    assert_eq!(headers.x_ms_stamp, Some(UnixTime(1_460_505_600)));

    let server = ScriptedServer::start().await.unwrap();
    server.reply(
        Reply::new(200)
            .json(EVENT)
            .header("x-ms-stamp", "1460505600")
            .header("last-modified", "Wed, 31 Jan 2024 12:00:00 GMT"),
    );
    let client = formats::clients::FormatsClient::new(
        arm_bindings::runtime::StaticTokenCredential::new("token"),
        Some(formats::clients::FormatsClientOptions {
            client_options: server.client_options(),
            endpoint: Some(server.endpoint_url()),
            ..Default::default()
        }),
    )
    .unwrap();
    let event: Event = serde_json::from_str(EVENT).unwrap();
    let response = client
        .events()
        .put("2024-02-29", &event, None)
        .await
        .unwrap();
    let headers = PutHeaders::from_response(&response).unwrap();
    assert_eq!(headers.x_ms_stamp, Some(UnixTime(1_460_505_600)));
    assert_eq!(
        headers.last_modified.as_deref(),
        Some("Wed, 31 Jan 2024 12:00:00 GMT")
    );
    assert_eq!(headers.x_ms_request_id, None);
}
