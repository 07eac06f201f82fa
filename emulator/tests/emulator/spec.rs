//! The emulator serving a spec file alone (`EmulatorConfig::with_spec`): a small spec written
//! here for what it exercises (nested resources, constraints, enums, read-only members, a
//! secret action, paging), and this repository's `spec/relay.yaml` for long-running
//! operations.

use std::path::PathBuf;

use armgen_emulator::{
    Emulator, EmulatorConfig, Fault, HandlerRequest, HandlerResponse, RandomFaults,
};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::common::{
    Fixture, REQUEST_TIMEOUT, body_json, client_for, expect_arm_error, header, json,
};

const WIDGETS: &str = r##"
swagger: "2.0"
info: {title: Widgets, version: "2030-01-01"}
host: management.azure.com
paths:
  /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Contoso.Widgets/widgets/{widgetName}:
    put:
      operationId: Widgets_Create
      parameters:
        - {$ref: "#/parameters/ApiVersion"}
        - {$ref: "#/parameters/Subscription"}
        - {$ref: "#/parameters/Group"}
        - {name: widgetName, in: path, required: true, type: string, pattern: "^[a-z][a-z0-9-]{1,20}$"}
        - {name: widget, in: body, required: true, schema: {$ref: "#/definitions/Widget"}}
      responses:
        "200": {description: replaced, schema: {$ref: "#/definitions/Widget"}}
        "201": {description: created, schema: {$ref: "#/definitions/Widget"}}
    get:
      operationId: Widgets_Get
      parameters:
        - {$ref: "#/parameters/ApiVersion"}
        - {$ref: "#/parameters/Subscription"}
        - {$ref: "#/parameters/Group"}
        - {name: widgetName, in: path, required: true, type: string}
      responses:
        "200": {description: the widget, schema: {$ref: "#/definitions/Widget"}}
    head:
      operationId: Widgets_CheckExistence
      parameters:
        - {$ref: "#/parameters/ApiVersion"}
        - {$ref: "#/parameters/Subscription"}
        - {$ref: "#/parameters/Group"}
        - {name: widgetName, in: path, required: true, type: string}
      responses:
        "204": {description: it exists}
        "404": {description: it does not}
  /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Contoso.Widgets/widgets:
    get:
      operationId: Widgets_List
      parameters:
        - {$ref: "#/parameters/ApiVersion"}
        - {$ref: "#/parameters/Subscription"}
        - {$ref: "#/parameters/Group"}
      responses:
        "200": {description: widgets, schema: {$ref: "#/definitions/WidgetList"}}
      x-ms-pageable: {nextLinkName: nextLink}
  /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Contoso.Widgets/widgets/{widgetName}/gears/{gearName}:
    put:
      operationId: Gears_Create
      parameters:
        - {$ref: "#/parameters/ApiVersion"}
        - {$ref: "#/parameters/Subscription"}
        - {$ref: "#/parameters/Group"}
        - {name: widgetName, in: path, required: true, type: string}
        - {name: gearName, in: path, required: true, type: string}
        - {name: gear, in: body, required: true, schema: {type: object, properties: {teeth: {type: integer, minimum: 3}}}}
      responses:
        "201": {description: created, schema: {type: object, properties: {id: {type: string}, teeth: {type: integer}}}}
  /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Contoso.Widgets/widgets/{widgetName}/listKeys:
    post:
      operationId: Widgets_ListKeys
      parameters:
        - {$ref: "#/parameters/ApiVersion"}
        - {$ref: "#/parameters/Subscription"}
        - {$ref: "#/parameters/Group"}
        - {name: widgetName, in: path, required: true, type: string}
      responses:
        "200": {description: keys, schema: {$ref: "#/definitions/Keys"}}
  /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Contoso.Widgets/widgets/{widgetName}/regenerateKeys:
    post:
      operationId: Widgets_RegenerateKeys
      parameters:
        - {$ref: "#/parameters/ApiVersion"}
        - {$ref: "#/parameters/Subscription"}
        - {$ref: "#/parameters/Group"}
        - {name: widgetName, in: path, required: true, type: string}
      responses:
        "200": {description: keys, schema: {$ref: "#/definitions/Keys"}}
parameters:
  ApiVersion: {name: api-version, in: query, required: true, type: string}
  Subscription: {name: subscriptionId, in: path, required: true, type: string}
  Group: {name: resourceGroupName, in: path, required: true, type: string, x-ms-parameter-location: method}
definitions:
  Widget:
    type: object
    required: [location, properties]
    properties:
      id: {type: string, readOnly: true}
      name: {type: string, readOnly: true}
      type: {type: string, readOnly: true}
      location: {type: string}
      properties:
        type: object
        required: [color]
        properties:
          color: {type: string, enum: [red, blue], x-ms-enum: {name: Color, modelAsString: false}}
          size: {type: integer, format: int32, maximum: 10}
          serial: {type: string, readOnly: true}
          provisioningState: {type: string, readOnly: true}
  WidgetList:
    type: object
    properties:
      value: {type: array, items: {$ref: "#/definitions/Widget"}}
      nextLink: {type: string}
  Keys:
    type: object
    properties:
      primaryKey: {type: string, x-ms-secret: true}
      keyName: {type: string}
"##;

const VERSION: &str = "2030-01-01";
const GROUP: &str = "/subscriptions/s1/resourceGroups/rg/providers/Contoso.Widgets";

async fn serve(spec: &str, name: &str) -> Fixture {
    serve_with(spec, name, EmulatorConfig::new()).await
}

async fn serve_with(spec: &str, name: &str, config: EmulatorConfig) -> Fixture {
    let dir = std::env::temp_dir().join(format!(
        "armgen-emulator-spec-{}-{name}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("widgets.yaml");
    std::fs::write(&file, spec).unwrap();
    let emulator = Emulator::start(config.with_spec(&file).expect("the spec reads"))
        .await
        .expect("emulator starts");
    let client = client_for(&emulator, REQUEST_TIMEOUT);
    Fixture { emulator, client }
}

fn widget(name: &str) -> String {
    format!("{GROUP}/widgets/{name}?api-version={VERSION}")
}

#[tokio::test]
async fn resources_follow_arm_conventions_from_the_spec_alone() {
    let f = serve(WIDGETS, "resources").await;
    // Every operation of a served spec answers; none is left to 501.
    let routes = f.emulator.routes();
    assert!(routes.iter().any(|r| r.operation_id == "Widgets_ListKeys"));
    assert!(
        routes.iter().all(|r| f.emulator.implements(r)),
        "{routes:?}"
    );
    let body =
        json!({"location": "westus", "properties": {"color": "red", "serial": "mine", "size": 3}});
    let created = f
        .send(Method::PUT, &widget("w1"), Some(&body.to_string()))
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let created = body_json(created).await;
    assert_eq!(created["id"], format!("{GROUP}/widgets/w1"));
    assert_eq!(created["type"], "Contoso.Widgets/widgets");
    assert_eq!(created["properties"]["provisioningState"], "Succeeded");
    assert!(
        created["properties"].get("serial").is_none(),
        "read-only members are ignored"
    );

    let replaced = f
        .send(Method::PUT, &widget("w1"), Some(&body.to_string()))
        .await;
    assert_eq!(replaced.status(), StatusCode::OK);
    for name in ["w2", "w3"] {
        f.send(Method::PUT, &widget(name), Some(&body.to_string()))
            .await;
    }
    // Pages of two, linked by `nextLink`.
    let first = json(
        f.get(&format!("{GROUP}/widgets?api-version={VERSION}"))
            .await,
    )
    .await;
    assert_eq!(first["value"].as_array().unwrap().len(), 2);
    let next = first["nextLink"].as_str().expect("a next link").to_owned();
    let second = json(f.get(&next).await).await;
    assert_eq!(second["value"][0]["name"], "w3");
    assert!(second.get("nextLink").is_none());

    // A child needs its parent.
    let gear = |w: &str| format!("{GROUP}/widgets/{w}/gears/g1?api-version={VERSION}");
    let orphan = f
        .send(Method::PUT, &gear("nope"), Some(r#"{"teeth": 5}"#))
        .await;
    let error = expect_arm_error(orphan, StatusCode::NOT_FOUND, "ParentResourceNotFound").await;
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("Contoso.Widgets/widgets/nope")
    );
    let child = f
        .send(Method::PUT, &gear("w1"), Some(r#"{"teeth": 5}"#))
        .await;
    assert_eq!(child.status(), StatusCode::CREATED);
    assert!(
        f.emulator
            .resource(&format!("{GROUP}/widgets/w1/gears/g1"))
            .is_some()
    );

    let missing = f.get(&widget("zz")).await;
    expect_arm_error(missing, StatusCode::NOT_FOUND, "ResourceNotFound").await;

    // `HEAD` answers whether a resource exists, without a body either way.
    let found = f.send(Method::HEAD, &widget("w1"), None).await;
    assert_eq!(found.status(), StatusCode::NO_CONTENT);
    assert!(found.bytes().await.unwrap().is_empty());
    let absent = f.send(Method::HEAD, &widget("zz"), None).await;
    assert_eq!(absent.status(), StatusCode::NOT_FOUND);
    assert!(absent.bytes().await.unwrap().is_empty());
}

#[tokio::test]
async fn requests_are_checked_against_the_spec() {
    let f = serve(WIDGETS, "checks").await;
    let cases = [
        (
            widget("w1"),
            json!({"properties": {"color": "red"}}),
            "widget.location",
        ),
        (
            widget("w1"),
            json!({"location": "x", "properties": {"color": "green"}}),
            "widget.properties.color",
        ),
        (
            widget("w1"),
            json!({"location": "x", "properties": {"color": "red", "size": 11}}),
            "widget.properties.size",
        ),
        (
            widget("w1"),
            json!({"location": 5, "properties": {"color": "red"}}),
            "widget.location",
        ),
        (
            widget("Bad_Name"),
            json!({"location": "x", "properties": {"color": "red"}}),
            "widgetName",
        ),
    ];
    for (path, body, target) in cases {
        let response = f.send(Method::PUT, &path, Some(&body.to_string())).await;
        let error =
            expect_arm_error(response, StatusCode::BAD_REQUEST, "InvalidRequestContent").await;
        assert_eq!(error["target"], target, "{body}");
    }
    let malformed = f
        .send(Method::PUT, &widget("w1"), Some("{\"location\":"))
        .await;
    expect_arm_error(malformed, StatusCode::BAD_REQUEST, "InvalidRequestContent").await;
    let version = f
        .get(&format!("{GROUP}/widgets/w1?api-version=1999-01-01"))
        .await;
    expect_arm_error(
        version,
        StatusCode::BAD_REQUEST,
        "InvalidApiVersionParameter",
    )
    .await;
    assert_eq!(f.emulator.resource(&format!("{GROUP}/widgets/w1")), None);
}

#[tokio::test]
async fn secrets_are_random_per_resource_and_stable_until_regenerated() {
    let f = serve(WIDGETS, "secrets").await;
    let body = json!({"location": "westus", "properties": {"color": "blue"}}).to_string();
    let action = |w: &str, a: &str| format!("{GROUP}/widgets/{w}/{a}?api-version={VERSION}");
    let missing = f.send(Method::POST, &action("w1", "listKeys"), None).await;
    expect_arm_error(missing, StatusCode::NOT_FOUND, "ResourceNotFound").await;
    for w in ["w1", "w2"] {
        f.send(Method::PUT, &widget(w), Some(&body)).await;
    }
    let key = |v: Value| v["primaryKey"].as_str().unwrap().to_owned();
    let k1 = key(json(f.send(Method::POST, &action("w1", "listKeys"), None).await).await);
    let again = key(json(f.send(Method::POST, &action("w1", "listKeys"), None).await).await);
    let k2 = key(json(f.send(Method::POST, &action("w2", "listKeys"), None).await).await);
    assert_eq!(k1, again, "stable");
    assert_ne!(k1, k2, "per resource");
    assert_eq!(k1.len(), 44, "a fresh 32-byte key");
    let regenerated = key(json(
        f.send(Method::POST, &action("w1", "regenerateKeys"), None)
            .await,
    )
    .await);
    assert_ne!(regenerated, k1);
    let after = key(json(f.send(Method::POST, &action("w1", "listKeys"), None).await).await);
    assert_eq!(after, regenerated);
    assert!(
        !format!("{:?}", f.emulator).contains(&after),
        "never in Debug"
    );
}

fn relay_spec() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec/relay.yaml")
}

#[tokio::test]
async fn long_running_operations_are_polled_as_the_spec_says() {
    let emulator = Emulator::start(
        EmulatorConfig::new()
            .with_spec(relay_spec())
            .expect("spec/relay.yaml reads")
            .with_lro_polls(3),
    )
    .await
    .unwrap();
    let client = client_for(&emulator, REQUEST_TIMEOUT);
    let f = Fixture { emulator, client };
    let ns = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Relay/namespaces/relay-ns1?api-version=2024-01-01";
    let body = json!({"location": "westus", "sku": {"name": "Standard"}}).to_string();
    let started = f.send(Method::PUT, ns, Some(&body)).await;
    if started.status() != StatusCode::CREATED {
        panic!("{}", body_json(started).await);
    }
    let status_url = header(&started, "azure-asyncoperation");
    let location = header(&started, "location");
    assert_eq!(header(&started, "retry-after"), "0");
    assert_eq!(
        body_json(started).await["properties"]["provisioningState"],
        "Accepted"
    );
    let first = json(f.get(&status_url).await).await;
    assert_eq!(first["status"], "InProgress");
    let pending = f.get(&location).await;
    assert_eq!(pending.status(), StatusCode::ACCEPTED);
    let done = f.get(&location).await;
    assert_eq!(done.status(), StatusCode::OK);
    assert_eq!(
        json(done).await["properties"]["provisioningState"],
        "Succeeded"
    );
    assert_eq!(json(f.get(&status_url).await).await["status"], "Succeeded");

    // A delete that fails when asked to: the resource stays.
    f.emulator.fail_next_operation();
    let deleting = f.send(Method::DELETE, ns, None).await;
    assert_eq!(deleting.status(), StatusCode::ACCEPTED);
    let status_url = header(&deleting, "azure-asyncoperation");
    for _ in 0..2 {
        f.get(&status_url).await;
    }
    let failed = json(f.get(&status_url).await).await;
    assert_eq!(failed["status"], "Failed");
    assert_eq!(f.get(ns).await.status(), StatusCode::OK);
    let deleting = f.send(Method::DELETE, ns, None).await;
    let location = header(&deleting, "location");
    for _ in 0..2 {
        assert_eq!(f.get(&location).await.status(), StatusCode::ACCEPTED);
    }
    assert_eq!(f.get(&location).await.status(), StatusCode::NO_CONTENT);
    expect_arm_error(f.get(ns).await, StatusCode::NOT_FOUND, "ResourceNotFound").await;
}

#[tokio::test]
async fn a_broken_spec_is_a_located_error() {
    let dir = std::env::temp_dir().join(format!("armgen-emulator-broken-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("broken.yaml");
    std::fs::write(&file, "swagger: \"2.0\"\ninfo: {title: x, version: \"1\"}\npaths:\n  /a:\n    get: {operationId: A, responses: {\"200\": {schema: {$ref: \"#/definitions/Missing\"}}}}\n").unwrap();
    let error = EmulatorConfig::new()
        .with_spec(&file)
        .unwrap_err()
        .to_string();
    assert!(error.contains("broken.yaml"), "{error}");
    assert!(error.contains("Missing"), "{error}");
}

#[tokio::test]
async fn user_handlers_answer_first_or_decline() {
    let config =
        EmulatorConfig::new().with_handler("Widgets_ListKeys", |request: &HandlerRequest<'_>| {
            // Declines for every widget but one, which gets a quota error.
            (request.param("widgetName") == Some("limited")).then(|| {
                HandlerResponse::json(
                    409,
                    json!({"error": {"code": "QuotaExceeded", "message": "no more keys"}}),
                )
            })
        });
    let f = serve_with(WIDGETS, "handlers", config).await;
    let body = json!({"location": "westus", "properties": {"color": "blue"}}).to_string();
    for w in ["limited", "free"] {
        f.send(Method::PUT, &widget(w), Some(&body)).await;
    }
    let keys = |w: &str| format!("{GROUP}/widgets/{w}/listKeys?api-version={VERSION}");
    let limited = f.send(Method::POST, &keys("limited"), None).await;
    expect_arm_error(limited, StatusCode::CONFLICT, "QuotaExceeded").await;
    let free = f.send(Method::POST, &keys("free"), None).await;
    assert!(
        json(free).await["primaryKey"].is_string(),
        "declined: the spec's behaviour"
    );
}

#[tokio::test]
async fn faults_target_one_operation_or_come_at_random_with_a_seed() {
    let f = serve(WIDGETS, "faults").await;
    let body = json!({"location": "westus", "properties": {"color": "blue"}}).to_string();
    f.send(Method::PUT, &widget("w1"), Some(&body)).await;
    f.emulator
        .inject_faults_for("Widgets_Get", Fault::ServiceUnavailable, 1);
    let list = format!("{GROUP}/widgets?api-version={VERSION}");
    assert_eq!(
        f.get(&list).await.status(),
        StatusCode::OK,
        "another operation"
    );
    assert_eq!(
        f.get(&widget("w1")).await.status(),
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert_eq!(f.get(&widget("w1")).await.status(), StatusCode::OK);

    let statuses = |seed| {
        let f = &f;
        let list = list.clone();
        async move {
            f.emulator.random_faults(Some(RandomFaults {
                seed,
                per_mille: 500,
                faults: vec![Fault::InternalServerError],
            }));
            let mut statuses = Vec::new();
            for _ in 0..20 {
                statuses.push(f.get(&list).await.status().as_u16());
            }
            f.emulator.random_faults(None);
            statuses
        }
    };
    let first = statuses(42).await;
    assert_eq!(first, statuses(42).await, "a seed replays");
    assert!(first.contains(&500) && first.contains(&200), "{first:?}");
}
