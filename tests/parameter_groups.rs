//! `x-ms-parameter-grouping` (generator/tests/fixtures/groups, in the
//! snapshot): the generated client takes each group as one struct, required
//! when the operation requires one of its parameters and else a field of the
//! method's options, and sends each field where its parameter goes; and an
//! optional header that `x-ms-client-request-id` marks, sent with a fresh
//! UUID when the caller leaves it unset. Called over HTTPS against the
//! scripted server on 127.0.0.1.

include!("../generator/tests/snapshots/mod.rs");

use arm_bindings::runtime::{Secret, StaticTokenCredential, Url};
use armgen_emulator::scripted::{Reply, ScriptedRequest, ScriptedServer};
use azure_core::http::{ClientOptions, RetryOptions};
use futures::TryStreamExt;
use groups::clients::{
    GroupsClient, GroupsClientOptions, GroupsThingsClientGetOptions, GroupsThingsClientListOptions,
};
use groups::things::{FirstGroup, ListOptions, Mixed, ThingsGetSecond, ThingsPutParameters};

const KEY: &str = "grouped-5ecret-key";

fn client(server: &ScriptedServer) -> GroupsClient {
    GroupsClient::new(
        "sub",
        StaticTokenCredential::new("token"),
        Some(GroupsClientOptions {
            client_options: ClientOptions {
                retry: RetryOptions::none(),
                ..server.client_options()
            },
            endpoint: Some(server.endpoint_url()),
            ..Default::default()
        }),
    )
    .unwrap()
}

/// The request's path and its query pairs, decoded.
fn target(request: &ScriptedRequest) -> (String, Vec<(String, String)>) {
    let url = Url::parse(&format!("https://h{}", request.target)).unwrap();
    let query = url
        .query_pairs()
        .into_owned()
        .filter(|(name, _)| name != "api-version")
        .collect();
    (url.path().to_owned(), query)
}

/// A client request id the method made: a UUID in its text form.
fn assert_fresh_id(request: &ScriptedRequest) -> String {
    let id = request.header("x-request-id").expect("a client request id");
    assert!(
        arm_bindings::runtime::Uuid::parse(id).is_ok() && id.len() == 36,
        "{id}"
    );
    id.to_owned()
}

fn pairs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect()
}

fn put_parameters(count: Option<i32>) -> ThingsPutParameters {
    ThingsPutParameters {
        thing: "t 1".to_owned(),
        body: 7,
        count,
        custom: Some("c".to_owned()),
        x_ms_encryption_key: Some(Secret::new(KEY)),
    }
}

#[tokio::test]
async fn a_required_group_is_an_argument_whose_fields_go_where_their_parameters_do() {
    let server = ScriptedServer::start().await.unwrap();
    server.reply_always(Reply::new(200));
    let mixed = Mixed {
        level: "high".to_owned(),
        // `Things_Put` has no `note`: not sent.
        note: Some("unsent".to_owned()),
    };
    client(&server)
        .things()
        .put("x", put_parameters(Some(3)), mixed, None)
        .await
        .unwrap();
    let seen = &server.requests()[0];
    assert_eq!(seen.method, "PUT");
    let (path, query) = target(seen);
    assert_eq!(path, "/subscriptions/sub/things/t%201");
    assert_eq!(
        query,
        pairs(&[("level", "high"), ("tag", "x"), ("count", "3")])
    );
    assert_eq!(seen.header("custom"), Some("c"));
    assert_eq!(seen.header("x-ms-encryption-key"), Some(KEY));
    assert_eq!(seen.header("content-length"), Some("1"));
    // The group's `Debug` hides the secret field.
    let debug = format!("{:?}", put_parameters(None));
    assert!(!debug.contains("5ecret"), "{debug}");
}

#[tokio::test]
async fn a_field_of_a_group_is_checked_and_named_like_an_argument() {
    let server = ScriptedServer::start().await.unwrap();
    let mixed = Mixed {
        level: "high".to_owned(),
        note: None,
    };
    let error = client(&server)
        .things()
        .put("x", put_parameters(Some(0)), mixed, None)
        .await
        .unwrap_err();
    let text = error.to_string();
    assert!(text.contains("count"), "{text}");
    assert_eq!(server.request_count(), 0, "an invalid value is never sent");
}

#[tokio::test]
async fn an_optional_group_sends_nothing_when_absent_and_its_set_fields_when_given() {
    let server = ScriptedServer::start().await.unwrap();
    server.reply_always(Reply::new(200));
    let things = client(&server).things();
    things.get("t", None).await.unwrap();
    let options = GroupsThingsClientGetOptions {
        // A plain field (`Things_Put` requires it) is sent as set.
        mixed: Some(Mixed {
            level: "low".to_owned(),
            note: None,
        }),
        first_group: Some(FirstGroup {
            header_one: Some("h1".to_owned()),
            query_one: Some(5),
        }),
        things_get_second: Some(ThingsGetSecond {
            ids: Some(vec!["a".to_owned(), "b c".to_owned()]),
            header_two: None,
        }),
        ..Default::default()
    };
    things.get("t", Some(options)).await.unwrap();
    let requests = server.requests();
    let (path, query) = target(&requests[0]);
    assert_eq!(path, "/subscriptions/sub/things/t");
    assert_eq!(query, pairs(&[]));
    assert_eq!(requests[0].header("header-one"), None);
    let (_, query) = target(&requests[1]);
    assert_eq!(
        query,
        pairs(&[("ids", "a,b c"), ("level", "low"), ("query-one", "5")])
    );
    assert_eq!(requests[1].header("header-one"), Some("h1"));
    assert_eq!(requests[1].header("header-two"), None);
    // Each call its own id, unless the caller gives one.
    assert_ne!(assert_fresh_id(&requests[0]), assert_fresh_id(&requests[1]));
    let options = GroupsThingsClientGetOptions {
        x_request_id: Some("mine".to_owned()),
        ..Default::default()
    };
    things.get("t", Some(options)).await.unwrap();
    assert_eq!(server.requests()[2].header("x-request-id"), Some("mine"));
}

#[tokio::test]
async fn a_group_shared_by_operations_is_one_struct_and_next_pages_keep_its_fields() {
    let server = ScriptedServer::start().await.unwrap();
    // `Things_ListNext` puts the link in its path (`/things/{nextLink}`).
    server.reply(Reply::new(200).json(r#"{"value": ["a"], "nextLink": "page-2"}"#));
    server.reply(Reply::new(200).json(r#"{"value": ["b"]}"#));
    // The same value serves `Things_Get` and `Things_List`.
    let first = FirstGroup {
        header_one: Some("h1".to_owned()),
        query_one: Some(9),
    };
    let things = client(&server).things();
    let options = GroupsThingsClientListOptions {
        first_group: Some(first.clone()),
        ..Default::default()
    };
    let list = ListOptions {
        filter: "name eq 'a'".to_owned(),
        top: Some(2),
        // Grouped, and left unset: a fresh id.
        x_request_id: None,
    };
    let items: Vec<String> = things
        .list(list, Some(options))
        .unwrap()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items, ["a", "b"]);
    let requests = server.requests();
    let (path, query) = target(&requests[0]);
    assert_eq!(path, "/subscriptions/sub/things");
    assert_eq!(
        query,
        pairs(&[("filter", "name eq 'a'"), ("query-one", "9"), ("top", "2")])
    );
    assert_eq!(requests[0].header("header-one"), Some("h1"));
    assert_fresh_id(&requests[0]);
    // `Things_ListNext` takes `filter`, `top` and `query-one` again (not the
    // header, which it does not declare).
    let (path, query) = target(&requests[1]);
    assert_eq!(path, "/subscriptions/sub/things/page-2");
    assert_eq!(
        query,
        pairs(&[("filter", "name eq 'a'"), ("query-one", "9"), ("top", "2")])
    );
    let get = GroupsThingsClientGetOptions {
        first_group: Some(first),
        ..Default::default()
    };
    server.reply(Reply::new(200));
    things.get("t", Some(get)).await.unwrap();
    let (_, query) = target(&server.requests()[2]);
    assert_eq!(query, pairs(&[("query-one", "9")]));
}
