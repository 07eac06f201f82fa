//! How the emulator answers an operation of a served spec ([`SpecSet`](crate::SpecSet)): ARM's
//! resource conventions applied to the operation's method and path template, with what the
//! spec says of it — long-running or not, paged or not, its body's schema, its examples.
//!
//! * **Requests are checked** as ARM would: path and query parameters against their
//!   constraints (required, length, pattern, allowed values), the body against its schema
//!   (required members, types, constraints, enum values; extensible enums accept any
//!   string). Read-only members are ignored: removed before anything is stored.
//! * **Resources** (`PUT`/`GET`/`PATCH`/`DELETE` of `…/type/{name}`, and `GET` of a collection)
//!   behave as in the generic behaviour (see [`crate::generic`]), plus: a nested resource
//!   needs its parent (404 `ParentResourceNotFound`); the stored resource gets
//!   `properties.provisioningState` and `systemData` when its schema has them; lists are paged
//!   (`nextLink` or the spec's `nextLinkName`, [`EmulatorConfig::with_page_size`] items a page).
//! * **Long-running operations** (`x-ms-long-running-operation`) that declare `201` or `202`
//!   answer with it, `Azure-AsyncOperation`, `Location` and `Retry-After`; the status monitor
//!   reports `InProgress` for [`EmulatorConfig::with_lro_polls`] polls, then `Succeeded` (or
//!   `Failed` after [`Emulator::fail_next_operation`]); the change (creation, update,
//!   deletion) takes effect when it succeeds.
//! * **Actions** (`POST …/listKeys`, `…/regenerateKey`, `checkNameAvailability`, and any other
//!   operation that is not a resource's) answer with the body of the operation's first example
//!   that shows one, or else a value synthesised from the response schema. Secret members (of
//!   type secret: `x-ms-secret`, key and password names) are random per resource and stable
//!   until an operation whose id contains `Regenerate` is called on it. An action on a resource
//!   that does not exist is 404.
//!
//! [`EmulatorConfig::with_page_size`]: crate::EmulatorConfig::with_page_size
//! [`EmulatorConfig::with_lro_polls`]: crate::EmulatorConfig::with_lro_polls
//! [`Emulator::fail_next_operation`]: crate::Emulator::fail_next_operation

use std::collections::{BTreeMap, HashMap, VecDeque};

use armgen::ir::ParamLocation;
use azure_core::time::{OffsetDateTime, to_rfc3339};
use hyper::StatusCode;
use hyper::header::{HeaderName, HeaderValue, LOCATION, RETRY_AFTER};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Map, Value, json};

use crate::error::ArmError;
use crate::generic::{self, Identity, Kind};
use crate::handlers::Call;
use crate::lro::OperationStatus;
use crate::paging;
use crate::query::query_values;
use crate::random;
use crate::response::{self, HttpResponse};
use crate::routes::{Route, decode_segments, match_template};
use crate::schema;
use crate::server::{Shared, lock};
use crate::spec::{SpecOperation, SpecService};
use crate::state::Store;

/// The namespace of the emulator's own polling URLs for spec operations.
pub(crate) const EMULATOR_PROVIDER: &str = "Microsoft.ArmgenEmulator";
const STATUS_ID: &str = "ArmgenEmulator_OperationStatus";
const RESULT_ID: &str = "ArmgenEmulator_OperationResult";

/// The polling URLs of spec operations; routed whenever specs are served.
pub(crate) const POLLING_ROUTES: &[Route] = &[
    Route {
        method: "GET",
        template: "/providers/Microsoft.ArmgenEmulator/operationStatuses/{operationId}",
        provider: EMULATOR_PROVIDER,
        operation_id: STATUS_ID,
        service: None,
    },
    Route {
        method: "GET",
        template: "/providers/Microsoft.ArmgenEmulator/operationResults/{operationId}",
        provider: EMULATOR_PROVIDER,
        operation_id: RESULT_ID,
        service: None,
    },
];

/// How many started long-running operations are remembered; the oldest are forgotten first
/// (their URLs then answer 404), so a long test run does not grow without bound.
pub(crate) const MAX_REMEMBERED_OPERATIONS: usize = 10_000;

const AZURE_ASYNC_OPERATION: HeaderName = HeaderName::from_static("azure-asyncoperation");

/// What a long-running operation does when it succeeds. (No `Debug`: an action's answer may
/// hold keys.)
#[derive(Clone)]
enum Effect {
    /// Stores the resource (a create, replace or update) and answers it.
    Store(Vec<String>, Value),
    /// Removes the resource and its children.
    Delete(Vec<String>),
    /// Answers this (an action's result; `None`: no body).
    Answer(Option<Value>),
}

#[derive(Clone)]
struct Run {
    polls_left: u32,
    fails: bool,
    status: OperationStatus,
    start: String,
    end: Option<String>,
    effect: Effect,
    /// The answer of the result URL once done.
    result: Option<Value>,
}

/// The spec operations' state beside the resources: started long-running operations and
/// the secrets handed out. (No `Debug`: it holds secrets.)
#[derive(Default)]
pub(crate) struct SpecState {
    runs: HashMap<String, Run>,
    order: VecDeque<String>,
    /// (lowercase resource id, member name) to secret.
    secrets: BTreeMap<(String, String), String>,
}

impl SpecState {
    fn secret(&mut self, resource: &str, member: &str) -> String {
        self.secrets
            .entry((resource.to_lowercase(), member.to_owned()))
            .or_insert_with(|| random::access_key().unwrap_or_else(|_| "unavailable".to_owned()))
            .clone()
    }

    fn regenerate(&mut self, resource: &str) {
        let resource = resource.to_lowercase();
        self.secrets.retain(|(id, _), _| *id != resource);
    }

    fn remember(&mut self, id: String, run: Run) {
        if self.order.len() >= MAX_REMEMBERED_OPERATIONS
            && let Some(oldest) = self.order.pop_front()
        {
            self.runs.remove(&oldest);
        }
        self.order.push_back(id.clone());
        self.runs.insert(id, run);
    }
}

fn now() -> String {
    to_rfc3339(&OffsetDateTime::now_utc())
}

/// Serves `call`, an operation of `service` described by `op`.
pub(crate) fn serve(
    shared: &Shared,
    call: &Call<'_>,
    service: &SpecService,
    op: &SpecOperation,
) -> Result<HttpResponse, ArmError> {
    check_request(call, service, op)?;
    let segments = decode_segments(call.raw_path)?;
    match spec_kind(service, op) {
        Some(Kind::Put) => put(shared, call, service, op, segments),
        Some(Kind::Patch) => patch(shared, call, service, op, segments),
        Some(Kind::Delete) => delete(shared, call, op, segments),
        Some(Kind::Get) => {
            let store = lock(&shared.store);
            store
                .resources()
                .get(&segments)
                .map(|resource| response::json(StatusCode::OK, resource))
                .ok_or_else(|| generic::not_found(&segments))
        }
        Some(Kind::List) => list(shared, call, op, &segments),
        Some(Kind::Exists) => {
            let store = lock(&shared.store);
            let found = store.resources().get(&segments).is_some();
            Ok(generic::exists(found, &op.statuses))
        }
        None => action(shared, call, service, op, segments),
    }
}

/// The resource behaviour of `op`: the generic one its method and template allow, plus
/// singleton resources (`…/networkRuleSets/default`), whose template ends in a literal: a `GET`
/// of one is a read unless the operation is paged or answers a list (`value`).
fn spec_kind(service: &SpecService, op: &SpecOperation) -> Option<Kind> {
    match (Kind::of(&op.route), op.route.method) {
        (Some(Kind::List), _) => {
            let lists = op.pageable.is_some()
                || op
                    .success
                    .as_ref()
                    .is_none_or(|ty| schema::has_member(service, ty, &["value"]));
            Some(if lists { Kind::List } else { Kind::Get })
        }
        (Some(kind), _) => Some(kind),
        (None, "PUT") if op.success.is_some() => Some(Kind::Put),
        (None, "PATCH") if op.success.is_some() => Some(Kind::Patch),
        _ => None,
    }
}

/// Parameters and body against the spec.
fn check_request(
    call: &Call<'_>,
    service: &SpecService,
    op: &SpecOperation,
) -> Result<(), ArmError> {
    for param in &op.params {
        let wire = param.wire_name.as_str();
        match param.location {
            ParamLocation::Path => {
                if let Ok(value) = call.param(wire) {
                    schema::check_string(&param.constraints, value, wire)?;
                }
            }
            ParamLocation::Query => match query_values(call.query, wire).first() {
                Some(value) => schema::check_string(&param.constraints, value, wire)?,
                None if param.required && param.default.is_none() => {
                    return Err(ArmError::invalid_request_uri(&format!(
                        "the query parameter '{wire}' is required"
                    ))
                    .with_target(wire));
                }
                None => {}
            },
            ParamLocation::Body => match &call.json {
                None if param.required => {
                    return Err(
                        ArmError::invalid_request_content("the request body is required.")
                            .with_target(wire),
                    );
                }
                None => {}
                Some(json) => schema::check(service, &param.ty, json, wire)?,
            },
            // Headers do not reach the emulator's calls: `azure_core` adds its own.
            ParamLocation::Header => {}
            // Forms are not JSON: the emulator has nothing to check in them.
            ParamLocation::Form => {}
        }
    }
    Ok(())
}

/// The body as stored: read-only members removed.
fn input_body(call: &Call<'_>, service: &SpecService, op: &SpecOperation) -> Map<String, Value> {
    let mut body = call
        .json
        .clone()
        .unwrap_or_else(|| Value::Object(Map::new()));
    if let Some(param) = op.body() {
        schema::strip_read_only(service, &param.ty, &mut body, 0);
    }
    match body {
        Value::Object(members) => members,
        _ => Map::new(),
    }
}

/// The parent resource's segments of a nested resource (`…/NS/a/x/b/y` → `…/NS/a/x`): the
/// resource prefix just before it below the same `providers`.
fn parent_of(segments: &[String]) -> Option<&[String]> {
    let prefixes = resource_prefixes(segments);
    match prefixes.as_slice() {
        [.., parent, own] if *own == segments.len() && *parent + 2 == *own => {
            Some(&segments[..*parent])
        }
        _ => None,
    }
}

/// The resource an action addresses (`…/rules/r/listKeys` → `…/rules/r`), if it is one.
fn target_of(segments: &[String]) -> Option<&[String]> {
    let without_action = &segments[..segments.len().saturating_sub(1)];
    (resource_prefixes(without_action).last() == Some(&without_action.len()))
        .then_some(without_action)
}

fn resource_id(segments: &[String]) -> String {
    format!("/{}", segments.join("/"))
}

/// Sets what the service owns on a resource about to be stored.
fn service_members(
    service: &SpecService,
    op: &SpecOperation,
    body: &mut Map<String, Value>,
    existing: Option<&Value>,
    state: &str,
) {
    let Some(ty) = &op.success else { return };
    if schema::has_member(service, ty, &["properties", "provisioningState"]) {
        let properties = body
            .entry("properties")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(properties) = properties {
            properties.insert("provisioningState".to_owned(), Value::from(state));
        }
    }
    if schema::has_member(service, ty, &["systemData"]) {
        let now = now();
        let created = existing
            .and_then(|r| r.pointer("/systemData/createdAt"))
            .cloned()
            .unwrap_or_else(|| Value::from(now.clone()));
        body.insert(
            "systemData".to_owned(),
            json!({
                "createdBy": "armgen-emulator",
                "createdByType": "Application",
                "createdAt": created,
                "lastModifiedBy": "armgen-emulator",
                "lastModifiedByType": "Application",
                "lastModifiedAt": now,
            }),
        );
    }
}

fn put(
    shared: &Shared,
    call: &Call<'_>,
    service: &SpecService,
    op: &SpecOperation,
    segments: Vec<String>,
) -> Result<HttpResponse, ArmError> {
    let mut body = input_body(call, service, op);
    let mut store = lock(&shared.store);
    if let Some(parent) = parent_of(&segments)
        && store.resources().get(parent).is_none()
    {
        return Err(ArmError::parent_resource_not_found(
            &Identity::of(parent).resource,
        ));
    }
    let existing = store.resources().get(&segments).cloned();
    let asynchronous =
        long_running_status(op, &[201, 202]).filter(|_| shared.settings.lro_polls > 0);
    let state = if asynchronous.is_some() {
        "Accepted"
    } else {
        "Succeeded"
    };
    service_members(service, op, &mut body, existing.as_ref(), state);
    if let (Some(ty), Some((_, shown))) = (
        &op.success,
        op.examples.iter().find_map(|e| e.success_body()),
    ) {
        let mut value = Value::Object(body);
        schema::fill_read_only(service, ty, &mut value, shown, 0);
        body = match value {
            Value::Object(members) => members,
            _ => Map::new(),
        };
    }
    let (created, resource) = store.resources_mut().put(&segments, body);
    match asynchronous {
        Some(status) => {
            let mut done = resource.clone();
            set_state(&mut done, "Succeeded");
            let fails = store.take_fail_next();
            let polls = shared.settings.lro_polls;
            let id = start_run(
                store.spec_state(),
                polls,
                fails,
                Effect::Store(segments, done),
            )?;
            drop(store);
            accepted(shared, call, status, Some(&resource), id)
        }
        None => {
            let status = if created {
                declared(op, &[201, 200])
            } else {
                declared(op, &[200, 201])
            };
            Ok(response::json(status, &resource))
        }
    }
}

fn set_state(resource: &mut Value, state: &str) {
    if let Some(Value::Object(properties)) = resource.get_mut("properties")
        && properties.contains_key("provisioningState")
    {
        properties.insert("provisioningState".to_owned(), Value::from(state));
    }
}

fn patch(
    shared: &Shared,
    call: &Call<'_>,
    service: &SpecService,
    op: &SpecOperation,
    segments: Vec<String>,
) -> Result<HttpResponse, ArmError> {
    let patch = Value::Object(input_body(call, service, op));
    let mut store = lock(&shared.store);
    let asynchronous =
        long_running_status(op, &[202, 201]).filter(|_| shared.settings.lro_polls > 0);
    match asynchronous {
        Some(status) => {
            let current = store
                .resources()
                .get(&segments)
                .cloned()
                .ok_or_else(|| generic::not_found(&segments))?;
            let mut updated = current.clone();
            generic::merge_keeping_identity(&mut updated, &patch);
            if let Value::Object(members) = &mut updated {
                let before = members.clone();
                service_members(
                    service,
                    op,
                    members,
                    Some(&Value::Object(before)),
                    "Succeeded",
                );
            }
            let fails = store.take_fail_next();
            let polls = shared.settings.lro_polls;
            let id = start_run(
                store.spec_state(),
                polls,
                fails,
                Effect::Store(segments, updated),
            )?;
            drop(store);
            accepted(shared, call, status, Some(&current), id)
        }
        None => {
            let resource = store
                .resources_mut()
                .patch(&segments, &patch)
                .ok_or_else(|| generic::not_found(&segments))?;
            Ok(response::json(declared(op, &[200, 201]), &resource))
        }
    }
}

fn delete(
    shared: &Shared,
    call: &Call<'_>,
    op: &SpecOperation,
    segments: Vec<String>,
) -> Result<HttpResponse, ArmError> {
    let mut store = lock(&shared.store);
    let exists = store.resources().get(&segments).is_some();
    let asynchronous = long_running_status(op, &[202]).filter(|_| shared.settings.lro_polls > 0);
    match asynchronous {
        Some(status) if exists => {
            let fails = store.take_fail_next();
            let polls = shared.settings.lro_polls;
            let id = start_run(store.spec_state(), polls, fails, Effect::Delete(segments))?;
            drop(store);
            accepted(shared, call, status, None, id)
        }
        _ => {
            let existed = store.resources_mut().delete(&segments);
            Ok(response::empty(if existed {
                declared(op, &[200, 204, 202])
            } else {
                declared(op, &[204, 200, 202])
            }))
        }
    }
}

fn list(
    shared: &Shared,
    call: &Call<'_>,
    op: &SpecOperation,
    segments: &[String],
) -> Result<HttpResponse, ArmError> {
    let items = lock(&shared.store).resources().list(segments);
    let (item_name, next_link_name) = match &op.pageable {
        Some((items, next)) => (items.as_str(), next.as_deref()),
        None => ("value", None),
    };
    let mut body = Map::new();
    match next_link_name {
        Some(next_link_name) => {
            let page = paging::page(call.query, items.len(), shared.settings.page_size)?;
            body.insert(
                item_name.to_owned(),
                Value::Array(items[page.items].to_vec()),
            );
            if let Some(next) = page.next {
                body.insert(
                    next_link_name.to_owned(),
                    Value::from(paging::next_link(
                        &shared.settings.next_link_base,
                        call.raw_path,
                        call.api_version,
                        next,
                    )),
                );
            }
        }
        None => {
            body.insert(item_name.to_owned(), Value::Array(items));
        }
    }
    Ok(response::json(StatusCode::OK, &Value::Object(body)))
}

fn action(
    shared: &Shared,
    call: &Call<'_>,
    service: &SpecService,
    op: &SpecOperation,
    segments: Vec<String>,
) -> Result<HttpResponse, ArmError> {
    let mut store = lock(&shared.store);
    let target = target_of(&segments);
    if let Some(target) = target
        && store.resources().get(target).is_none()
    {
        return Err(generic::not_found(target));
    }
    // Secrets belong to the addressed resource; an action outside any (a subscription's
    // `checkNameAvailability`) has its own path.
    let owner = resource_id(target.unwrap_or(&segments));
    if op.id.to_ascii_lowercase().contains("regenerate") {
        store.spec_state().regenerate(&owner);
    }
    let from_example = op.examples.iter().find_map(|e| e.success_body());
    let (status, mut body) = match (from_example, &op.success) {
        (Some((status, body)), _) => (status, Some(body.clone())),
        (None, Some(ty)) => {
            let state = store.spec_state();
            let mut secret = |name: &str| state.secret(&owner, name);
            (
                declared(op, &[200, 201, 202]).as_u16(),
                Some(schema::synthesize(service, ty, &mut secret, "value", 0)),
            )
        }
        (None, None) => (declared(op, &[200, 204, 202]).as_u16(), None),
    };
    if let (Some(body), Some(ty)) = (body.as_mut(), &op.success) {
        let state = store.spec_state();
        let mut secret = |name: &str| state.secret(&owner, name);
        schema::replace_secrets(service, ty, body, &mut secret, "value", 0);
    }
    if let Some(status) = long_running_status(op, &[202]).filter(|_| shared.settings.lro_polls > 0)
    {
        let fails = store.take_fail_next();
        let polls = shared.settings.lro_polls;
        let id = start_run(store.spec_state(), polls, fails, Effect::Answer(body))?;
        drop(store);
        return accepted(shared, call, status, None, id);
    }
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    Ok(match body {
        Some(body) => response::json(status, &body),
        None => response::empty(status),
    })
}

/// Of `preferred`, the first status the operation declares when it is long-running.
fn long_running_status(op: &SpecOperation, preferred: &[u16]) -> Option<StatusCode> {
    op.long_running?;
    preferred
        .iter()
        .find(|s| op.statuses.contains(s))
        .and_then(|s| StatusCode::from_u16(*s).ok())
}

/// Of `preferred`, the first status the operation declares (the first of them all if it
/// declares none of them).
fn declared(op: &SpecOperation, preferred: &[u16]) -> StatusCode {
    let status = preferred
        .iter()
        .find(|s| op.statuses.contains(s))
        .or_else(|| preferred.first())
        .copied()
        .unwrap_or(200);
    StatusCode::from_u16(status).unwrap_or(StatusCode::OK)
}

/// Starts a long-running operation that takes `polls` polls; returns its id.
fn start_run(
    state: &mut SpecState,
    polls: u32,
    fails: bool,
    effect: Effect,
) -> Result<String, ArmError> {
    // Ids must not repeat: without the system's randomness there is no operation to start.
    let id = random::uuid_v4()
        .map_err(|_| ArmError::internal("no random operation id could be generated"))?;
    let run = Run {
        polls_left: polls,
        fails,
        status: OperationStatus::InProgress,
        start: now(),
        end: None,
        effect,
        result: None,
    };
    state.remember(id.clone(), run);
    Ok(id)
}

fn polling_url(shared: &Shared, kind: &str, id: &str, api_version: &str) -> String {
    format!(
        "{}/providers/{EMULATOR_PROVIDER}/{kind}/{}?api-version={}",
        shared.settings.endpoint,
        utf8_percent_encode(id, NON_ALPHANUMERIC),
        utf8_percent_encode(api_version, NON_ALPHANUMERIC),
    )
}

fn header(value: &str) -> Result<HeaderValue, ArmError> {
    HeaderValue::from_str(value)
        .map_err(|_| ArmError::internal("a polling URL is not a valid header"))
}

/// The first answer of a long-running operation: `status`, the polling headers, `body`.
fn accepted(
    shared: &Shared,
    call: &Call<'_>,
    status: StatusCode,
    body: Option<&Value>,
    id: String,
) -> Result<HttpResponse, ArmError> {
    let mut response = match body {
        Some(body) if status != StatusCode::ACCEPTED => response::json(status, body),
        _ => response::empty(status),
    };
    polling_headers(shared, &mut response, &id, call.api_version)?;
    Ok(response)
}

fn polling_headers(
    shared: &Shared,
    response: &mut HttpResponse,
    id: &str,
    api_version: &str,
) -> Result<(), ArmError> {
    let headers = response.headers_mut();
    headers.insert(
        AZURE_ASYNC_OPERATION,
        header(&polling_url(shared, "operationStatuses", id, api_version))?,
    );
    headers.insert(
        LOCATION,
        header(&polling_url(shared, "operationResults", id, api_version))?,
    );
    headers.insert(
        RETRY_AFTER,
        HeaderValue::from(shared.settings.lro_retry_after_secs),
    );
    Ok(())
}

/// Whether `route` is one of the spec operations' polling URLs.
pub(crate) fn is_polling_route(route: &Route) -> bool {
    route.provider == EMULATOR_PROVIDER
}

/// Answers a GET of a polling URL: counts the poll, completes the operation after the
/// configured number of polls, and reports its status or result.
pub(crate) fn poll(shared: &Shared, call: &Call<'_>) -> Result<HttpResponse, ArmError> {
    let id = call.param("operationId")?.to_owned();
    let mut store = lock(&shared.store);
    let Some(mut run) = store.spec_state().runs.get(&id).cloned() else {
        return Err(ArmError::operation_not_found(&id));
    };
    if run.status == OperationStatus::InProgress {
        run.polls_left = run.polls_left.saturating_sub(1);
        if run.polls_left == 0 {
            run.end = Some(now());
            if run.fails {
                run.status = OperationStatus::Failed;
            } else {
                run.status = OperationStatus::Succeeded;
                run.result = match &run.effect {
                    Effect::Store(segments, resource) => {
                        let Value::Object(members) = resource.clone() else {
                            return Err(ArmError::internal("a stored resource is an object"));
                        };
                        Some(store.resources_mut().put(segments, members).1)
                    }
                    Effect::Delete(segments) => {
                        store.resources_mut().delete(segments);
                        None
                    }
                    Effect::Answer(body) => body.clone(),
                };
            }
        }
        store.spec_state().runs.insert(id.clone(), run.clone());
    }
    drop(store);
    if call.route.operation_id == STATUS_ID {
        let mut status = json!({
            "id": format!("/providers/{EMULATOR_PROVIDER}/operationStatuses/{id}"),
            "name": id,
            "status": run.status.as_str(),
            "startTime": run.start,
        });
        if let Some(end) = &run.end {
            status["endTime"] = Value::from(end.clone());
        }
        if run.status == OperationStatus::Failed {
            status["error"] = json!({
                "code": "ProvisioningFailed",
                "message": "The operation failed (injected by the emulator).",
            });
        }
        let mut response = response::json(StatusCode::OK, &status);
        if run.status == OperationStatus::InProgress {
            polling_headers(shared, &mut response, &id, call.api_version)?;
        }
        return Ok(response);
    }
    match run.status {
        OperationStatus::InProgress => {
            let mut response = response::empty(StatusCode::ACCEPTED);
            polling_headers(shared, &mut response, &id, call.api_version)?;
            Ok(response)
        }
        OperationStatus::Failed | OperationStatus::Canceled => Err(ArmError::provisioning_failed(
            "The operation failed (injected by the emulator).",
        )),
        OperationStatus::Succeeded => Ok(match &run.result {
            Some(body) => response::json(StatusCode::OK, body),
            None => response::empty(StatusCode::NO_CONTENT),
        }),
    }
}

/// `template` filled with an example's parameters, as path segments; `None` if the example
/// lacks one of them. A parameter's value may span segments (`{scope}`).
fn fill(template: &str, parameters: &Map<String, Value>) -> Option<Vec<String>> {
    let mut segments = Vec::new();
    for part in template.trim_start_matches('/').split('/') {
        match part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
            Some(name) => {
                let (name, spans) = match name.strip_prefix('+') {
                    Some(name) => (name, true),
                    None => (name, false),
                };
                let value = match parameters.get(name)? {
                    Value::String(text) => text.clone(),
                    other => other.to_string(),
                };
                // Only a `{+name}` value spans segments; any other is sent encoded, `/` and
                // all, as one.
                if spans {
                    segments.extend(
                        value
                            .trim_matches('/')
                            .split('/')
                            .filter(|s| !s.is_empty())
                            .map(str::to_owned),
                    );
                } else {
                    segments.push(value);
                }
            }
            None => segments.push(part.to_owned()),
        }
    }
    Some(segments)
}

/// The lengths of the prefixes of `segments` that are resources: below each `providers`, the
/// namespace then `type/name` pairs.
fn resource_prefixes(segments: &[String]) -> Vec<usize> {
    let mut lengths = Vec::new();
    let mut provider_at: Option<usize> = None;
    for (i, segment) in segments.iter().enumerate() {
        if segment.eq_ignore_ascii_case("providers") && i + 1 < segments.len() {
            provider_at = Some(i);
            continue;
        }
        if let Some(at) = provider_at {
            let below = i - at;
            if below >= 3 && below % 2 == 1 {
                lengths.push(i + 1);
            }
        }
    }
    lengths
}

/// The body to seed a resource of each template with, best first: a `GET` example's body, then
/// a `PUT` example's, then one synthesised from the `GET`'s response schema.
fn seed_bodies(shared: &Shared, store: &mut Store) -> Vec<(&'static str, Value)> {
    let mut bodies: Vec<(&'static str, u8, Value)> = Vec::new();
    for service in &shared.specs.services {
        for op in &service.operations {
            let kind = spec_kind(service, op);
            if !matches!(kind, Some(Kind::Get | Kind::Put)) {
                continue;
            }
            let is_get = kind == Some(Kind::Get);
            if let Some((_, body)) = op.examples.iter().find_map(|e| e.success_body()) {
                bodies.push((op.route.template, if is_get { 0 } else { 1 }, body.clone()));
            } else if let (true, Some(ty)) = (is_get, &op.success) {
                let state = store.spec_state();
                let mut secret = |name: &str| state.secret(op.route.template, name);
                let body = schema::synthesize(service, ty, &mut secret, "value", 0);
                bodies.push((op.route.template, 2, body));
            }
        }
    }
    bodies.sort_by_key(|(_, rank, _)| *rank);
    bodies
        .into_iter()
        .map(|(template, _, body)| (template, body))
        .collect()
}

/// Stores every resource along `segments` that does not exist yet; how many.
fn seed_path(store: &mut Store, bodies: &[(&'static str, Value)], segments: &[String]) -> usize {
    let mut seeded = 0;
    for length in resource_prefixes(segments) {
        let prefix = &segments[..length];
        if store.resources().get(prefix).is_some() {
            continue;
        }
        let body = bodies
            .iter()
            .find(|(template, _)| match_template(template, prefix).is_some())
            .and_then(|(_, body)| body.as_object().cloned())
            .unwrap_or_default();
        store.resources_mut().put(prefix, body);
        seeded += 1;
    }
    seeded
}

pub(crate) fn seed_examples(shared: &Shared) -> usize {
    let mut store = lock(&shared.store);
    let bodies = seed_bodies(shared, &mut store);
    let mut seeded = 0;
    for service in &shared.specs.services {
        for op in &service.operations {
            for example in &op.examples {
                if let Some(segments) = fill(op.route.template, &example.parameters) {
                    seeded += seed_path(&mut store, &bodies, &segments);
                }
            }
        }
    }
    seeded
}

pub(crate) fn seed_call(
    shared: &Shared,
    api_version: &str,
    operation_id: &str,
    parameters: &Map<String, Value>,
) -> usize {
    let Some(op) = shared
        .specs
        .services
        .iter()
        .filter(|s| s.api_version == api_version)
        .flat_map(|s| &s.operations)
        .find(|op| op.id == operation_id)
    else {
        return 0;
    };
    let Some(segments) = fill(op.route.template, parameters) else {
        return 0;
    };
    let mut store = lock(&shared.store);
    let bodies = seed_bodies(shared, &mut store);
    seed_path(&mut store, &bodies, &segments)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(path: &str) -> Vec<String> {
        path.trim_start_matches('/')
            .split('/')
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn parents_and_targets_follow_arm_ids() {
        let top = segments("/subscriptions/s/resourceGroups/rg/providers/NS/widgets/w");
        assert_eq!(parent_of(&top), None);
        let child = segments("/subscriptions/s/resourceGroups/rg/providers/NS/widgets/w/gears/g");
        assert_eq!(parent_of(&child), Some(&top[..]));
        let action = segments("/subscriptions/s/resourceGroups/rg/providers/NS/widgets/w/listKeys");
        assert_eq!(target_of(&action), Some(&top[..]));
        let check = segments("/subscriptions/s/providers/NS/checkNameAvailability");
        assert_eq!(target_of(&check), None);
        assert_eq!(resource_prefixes(&child), [8, 10]);
        assert_eq!(resource_prefixes(&check), Vec::<usize>::new());
    }

    #[test]
    fn examples_fill_templates() {
        let parameters = serde_json::json!({"s": "sub", "w": "w1", "scope": "/a/b"});
        let parameters = parameters.as_object().unwrap();
        assert_eq!(
            fill("/subscriptions/{s}/providers/NS/widgets/{w}", parameters),
            Some(segments("/subscriptions/sub/providers/NS/widgets/w1"))
        );
        assert_eq!(fill("/{+scope}/x", parameters), Some(segments("/a/b/x")));
        assert_eq!(
            fill("/{scope}/x", parameters),
            Some(vec!["/a/b".to_owned(), "x".to_owned()])
        );
        assert_eq!(fill("/{missing}", parameters), None);
    }
}
