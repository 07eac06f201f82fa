//! The generic ARM resource behaviour: what an operation of any spec does when the emulator
//! has no built-in handler for it, derived from its method and path template only.
//!
//! * `PUT …/{name}` creates or replaces the resource at the request's path: the JSON body is
//!   stored as sent, with `id` (the path), `name` (its last segment) and `type` (the provider
//!   namespace and resource types, `Microsoft.Widgets/widgets`) set by the emulator; 201 on
//!   create and 200 on replace, or whichever of the two the operation declares.
//! * `GET …/{name}` reads it, or answers 404 `ResourceNotFound`.
//! * `PATCH …/{name}` merges the body into it (JSON merge patch) and answers 200, or 404.
//! * `DELETE …/{name}` removes it and the resources below it: 200 if it existed, 204 if not
//!   (or whichever of the two the operation declares).
//! * `GET` of a template that ends in a literal segment lists, as `{"value": [...]}`, the
//!   resources directly below the request's path; at subscription level
//!   (`/subscriptions/{s}/providers/NS/type`) those of every resource group too.
//!
//! Everything completes at once: no long-running operation headers (a generated poller takes
//! such a response as the final result), no paging, no checks that the subscription,
//! resource group or parent resource exist, no provisioning state and no example responses.

use std::collections::BTreeMap;

use armgen_runtime::OperationInfo;
use hyper::StatusCode;
use serde_json::{Map, Value};

use crate::error::ArmError;
use crate::handlers::Call;
use crate::response::{self, HttpResponse};
use crate::routes::{Route, decode_segments};
use crate::server::{Shared, lock};

/// Which generic behaviour a route gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `PUT …/{name}`: create or replace.
    Put,
    /// `GET …/{name}`: read.
    Get,
    /// `PATCH …/{name}`: merge.
    Patch,
    /// `DELETE …/{name}`: remove.
    Delete,
    /// `GET …/collection`: list.
    List,
    /// `HEAD …/{name}`: whether it exists (ARM's `CheckExistence`): a
    /// success without a body, or 404 without one.
    Exists,
}

impl Kind {
    /// The behaviour `route`'s method and template allow, if any: resource operations need a
    /// template ending in `…/type/{name}`, lists a `GET` of one ending in a literal; actions
    /// (`POST`) and the rest have none.
    pub(crate) fn of(route: &Route) -> Option<Kind> {
        let parts: Vec<&str> = route.template.trim_start_matches('/').split('/').collect();
        let is_param = |part: &str| part.starts_with('{') && part.ends_with('}');
        let last = *parts.last()?;
        let resource = parts.len() >= 2 && is_param(last) && !is_param(parts[parts.len() - 2]);
        let method = route.method.to_ascii_uppercase();
        match method.as_str() {
            "PUT" if resource => Some(Kind::Put),
            "GET" if resource => Some(Kind::Get),
            "PATCH" if resource => Some(Kind::Patch),
            "DELETE" if resource => Some(Kind::Delete),
            "HEAD" if resource => Some(Kind::Exists),
            "GET" if !last.is_empty() && !is_param(last) => Some(Kind::List),
            _ => None,
        }
    }

    /// Whether the request body matters.
    pub(crate) fn takes_body(self) -> bool {
        matches!(self, Kind::Put | Kind::Patch)
    }
}

/// Serves `call` with behaviour `kind`; `operation` is its entry in the served table (for the
/// declared statuses and the body parameter's name).
pub(crate) fn serve(
    shared: &Shared,
    call: &Call<'_>,
    kind: Kind,
    operation: Option<&OperationInfo>,
) -> Result<HttpResponse, ArmError> {
    let segments = decode_segments(call.raw_path)?;
    let declared = operation.map(|op| op.statuses).unwrap_or_default();
    let mut store = lock(&shared.store);
    let resources = store.resources_mut();
    match kind {
        Kind::Put => {
            let body = object_body(call, operation)?;
            let (created, resource) = resources.put(&segments, body);
            let status = if created {
                declared_or(declared, 201, 200)
            } else {
                declared_or(declared, 200, 201)
            };
            Ok(response::json(status, &resource))
        }
        Kind::Get => resources
            .get(&segments)
            .map(|resource| response::json(StatusCode::OK, resource))
            .ok_or_else(|| not_found(&segments)),
        Kind::Exists => Ok(exists(resources.get(&segments).is_some(), declared)),
        Kind::Patch => {
            let patch = object_body(call, operation)?;
            let resource = resources
                .patch(&segments, &Value::Object(patch))
                .ok_or_else(|| not_found(&segments))?;
            Ok(response::json(declared_or(declared, 200, 201), &resource))
        }
        Kind::Delete => Ok(response::empty(if resources.delete(&segments) {
            declared_or(declared, 200, 204)
        } else {
            declared_or(declared, 204, 200)
        })),
        Kind::List => {
            let value = resources.list(&segments);
            Ok(response::json(
                StatusCode::OK,
                &serde_json::json!({ "value": value }),
            ))
        }
    }
}

/// The answer to a `HEAD` of a resource: its declared success (204, else
/// 200), or 404, both without a body, as ARM's `CheckExistence` answers.
pub(crate) fn exists(found: bool, declared: &[u16]) -> HttpResponse {
    if found {
        response::empty(declared_or(declared, 204, 200))
    } else {
        response::empty(StatusCode::NOT_FOUND)
    }
}

/// `preferred` if the operation declares it (or declares nothing), else `alternative` if it
/// declares that, else `preferred` all the same.
fn declared_or(declared: &[u16], preferred: u16, alternative: u16) -> StatusCode {
    let status = if declared.is_empty() || declared.contains(&preferred) {
        preferred
    } else if declared.contains(&alternative) {
        alternative
    } else {
        preferred
    };
    StatusCode::from_u16(status).unwrap_or(StatusCode::OK)
}

/// The request body as a JSON object; no body counts as `{}`.
fn object_body(
    call: &Call<'_>,
    operation: Option<&OperationInfo>,
) -> Result<Map<String, Value>, ArmError> {
    match &call.json {
        None => Ok(Map::new()),
        Some(Value::Object(object)) => Ok(object.clone()),
        Some(_) => {
            let error = ArmError::invalid_request_content("the resource must be a JSON object.");
            Err(match operation.and_then(|op| op.body) {
                Some(parameter) => error.with_target(parameter),
                None => error,
            })
        }
    }
}

/// ARM's 404 for the resource at `segments`.
pub(crate) fn not_found(segments: &[String]) -> ArmError {
    let identity = Identity::of(segments);
    match identity.resource_group {
        Some(group) => ArmError::resource_not_found(&identity.resource, group),
        None => ArmError::resource_not_found_outside_group(&identity.resource),
    }
}

/// What ARM reads from a resource id.
pub(crate) struct Identity<'s> {
    /// `Microsoft.Widgets/widgets`.
    kind: String,
    /// `Microsoft.Widgets/widgets/w1`: the part after the last `providers`.
    pub(crate) resource: String,
    /// The value of `resourceGroups`, if the id has one.
    resource_group: Option<&'s str>,
}

impl<'s> Identity<'s> {
    /// Reads `segments` the way ARM reads ids: as `key/value` pairs from the start, the value
    /// of the last `providers` key being the provider namespace and every key after it a
    /// resource type. An id without a provider has its last key as its type.
    pub(crate) fn of(segments: &'s [String]) -> Self {
        let mut namespace: Option<usize> = None;
        let mut resource_group = None;
        let mut types: Vec<&str> = Vec::new();
        for (i, pair) in segments.chunks(2).enumerate() {
            let key = pair[0].as_str();
            let value = pair.get(1).map(String::as_str);
            if key.eq_ignore_ascii_case("providers") && value.is_some() {
                namespace = Some(2 * i + 1);
                types.clear();
            } else if namespace.is_some() {
                types.push(key);
            } else if key.eq_ignore_ascii_case("resourceGroups") {
                resource_group = value;
            }
        }
        match namespace {
            Some(index) => {
                let mut kind = segments[index].clone();
                for ty in types {
                    kind.push('/');
                    kind.push_str(ty);
                }
                Self {
                    kind,
                    resource: segments[index..].join("/"),
                    resource_group,
                }
            }
            None => {
                let key = segments.len().saturating_sub(2);
                Self {
                    kind: segments.get(key).cloned().unwrap_or_default(),
                    resource: segments[key..].join("/"),
                    resource_group,
                }
            }
        }
    }
}

/// The resources the generic behaviour stores, keyed by their lowercase path segments (ARM
/// compares ids case-insensitively), so lists come out in id order.
#[derive(Debug, Default)]
pub(crate) struct Resources {
    by_key: BTreeMap<Vec<String>, Value>,
}

fn key(segments: &[String]) -> Vec<String> {
    segments.iter().map(|s| s.to_lowercase()).collect()
}

impl Resources {
    /// Creates or replaces the resource at `segments` with `body` plus `id`, `name` and
    /// `type`. A replaced resource keeps the id and name it was created with. Returns whether
    /// it was created, and the resource as stored.
    pub(crate) fn put(
        &mut self,
        segments: &[String],
        mut body: Map<String, Value>,
    ) -> (bool, Value) {
        let key = key(segments);
        let (id, name) = match self.by_key.get(&key) {
            Some(existing) => (existing["id"].clone(), existing["name"].clone()),
            None => (
                Value::String(format!("/{}", segments.join("/"))),
                Value::String(segments.last().cloned().unwrap_or_default()),
            ),
        };
        body.insert("id".to_owned(), id);
        body.insert("name".to_owned(), name);
        body.insert(
            "type".to_owned(),
            Value::String(Identity::of(segments).kind),
        );
        let resource = Value::Object(body);
        let created = self.by_key.insert(key, resource.clone()).is_none();
        (created, resource)
    }

    /// The resource at `segments`.
    pub(crate) fn get(&self, segments: &[String]) -> Option<&Value> {
        self.by_key.get(&key(segments))
    }

    /// Merges `patch` into the resource at `segments` (RFC 7396: `null` removes a member);
    /// `id`, `name` and `type` stay. `None` if there is no such resource.
    pub(crate) fn patch(&mut self, segments: &[String], patch: &Value) -> Option<Value> {
        let resource = self.by_key.get_mut(&key(segments))?;
        merge_keeping_identity(resource, patch);
        Some(resource.clone())
    }

    /// Removes the resource at `segments` and every resource below it; whether it existed.
    pub(crate) fn delete(&mut self, segments: &[String]) -> bool {
        let key = key(segments);
        let existed = self.by_key.remove(&key).is_some();
        self.by_key.retain(|other, _| !other.starts_with(&key));
        existed
    }

    /// The resources directly below the collection at `segments`, in id order; for a
    /// subscription-level collection (`subscriptions/{s}/providers/…`), also those at the same
    /// place in each resource group.
    pub(crate) fn list(&self, segments: &[String]) -> Vec<Value> {
        let collection = key(segments);
        self.by_key
            .iter()
            .filter(|(key, _)| in_collection(key, &collection))
            .map(|(_, resource)| resource.clone())
            .collect()
    }
}

/// Whether the resource with lowercase `key` is in the lowercase `collection`.
fn in_collection(key: &[String], collection: &[String]) -> bool {
    if key.len() == collection.len() + 1 && key.starts_with(collection) {
        return true;
    }
    let subscription_level =
        collection.len() >= 4 && collection[0] == "subscriptions" && collection[2] == "providers";
    subscription_level
        && key.len() == collection.len() + 3
        && key[..2] == collection[..2]
        && key[2] == "resourcegroups"
        && key[4..key.len() - 1] == collection[2..]
}

/// Merges `patch` into `resource` (JSON merge patch); its `id`, `name` and `type` stay.
pub(crate) fn merge_keeping_identity(resource: &mut Value, patch: &Value) {
    let kept: Vec<(String, Value)> = ["id", "name", "type"]
        .into_iter()
        .filter_map(|member| Some((member.to_owned(), resource.get(member)?.clone())))
        .collect();
    merge(resource, patch);
    if let Value::Object(object) = resource {
        object.extend(kept);
    }
}

/// JSON merge patch (RFC 7396).
fn merge(target: &mut Value, patch: &Value) {
    let Value::Object(patch) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    if let Value::Object(target) = target {
        for (name, value) in patch {
            if value.is_null() {
                target.remove(name);
            } else {
                merge(target.entry(name.clone()).or_insert(Value::Null), value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn route(method: &'static str, template: &'static str) -> Route {
        Route {
            method,
            template,
            provider: "Microsoft.Widgets",
            operation_id: "Op",
            service: Some("widgets"),
        }
    }

    const WIDGET: &str =
        "/subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.Widgets/widgets/{widgetName}";
    const WIDGETS: &str =
        "/subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.Widgets/widgets";

    #[test]
    fn kinds_follow_method_and_template() {
        assert_eq!(Kind::of(&route("PUT", WIDGET)), Some(Kind::Put));
        assert_eq!(Kind::of(&route("GET", WIDGET)), Some(Kind::Get));
        assert_eq!(Kind::of(&route("PATCH", WIDGET)), Some(Kind::Patch));
        assert_eq!(Kind::of(&route("DELETE", WIDGET)), Some(Kind::Delete));
        assert_eq!(Kind::of(&route("GET", WIDGETS)), Some(Kind::List));
        assert_eq!(Kind::of(&route("POST", WIDGET)), None);
        assert_eq!(Kind::of(&route("PUT", WIDGETS)), None);
        assert_eq!(Kind::of(&route("DELETE", "/things/{a}/{b}")), None);
        assert_eq!(Kind::of(&route("HEAD", WIDGET)), Some(Kind::Exists));
        assert_eq!(Kind::of(&route("HEAD", WIDGETS)), None);
    }

    fn segments(path: &str) -> Vec<String> {
        path.trim_start_matches('/')
            .split('/')
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn identity_is_read_like_arm_reads_ids() {
        let id = segments(
            "/subscriptions/s/resourceGroups/RG/providers/Microsoft.Widgets/widgets/w/gears/g",
        );
        let identity = Identity::of(&id);
        assert_eq!(identity.kind, "Microsoft.Widgets/widgets/gears");
        assert_eq!(identity.resource, "Microsoft.Widgets/widgets/w/gears/g");
        assert_eq!(identity.resource_group, Some("RG"));
        let extension = segments(
            "/subscriptions/s/providers/Microsoft.Widgets/widgets/w/providers/Microsoft.Locks/locks/l",
        );
        assert_eq!(Identity::of(&extension).kind, "Microsoft.Locks/locks");
        assert_eq!(Identity::of(&extension).resource_group, None);
        let group = segments("/subscriptions/s/resourcegroups/rg");
        assert_eq!(Identity::of(&group).kind, "resourcegroups");
    }

    #[test]
    fn put_get_patch_delete() {
        let mut resources = Resources::default();
        let w1 =
            segments("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Widgets/widgets/W1");
        let body = json!({"location": "westus", "properties": {"size": 3, "color": "red"}});
        let (created, stored) = resources.put(&w1, body.as_object().unwrap().clone());
        assert!(created);
        assert_eq!(
            stored["id"],
            "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Widgets/widgets/W1"
        );
        assert_eq!(stored["name"], "W1");
        assert_eq!(stored["type"], "Microsoft.Widgets/widgets");

        // Case-insensitive, and a replace keeps the first id.
        let same =
            segments("/SUBSCRIPTIONS/s/resourcegroups/RG/providers/microsoft.widgets/widgets/w1");
        let (created, stored) =
            resources.put(&same, json!({"id": "x"}).as_object().unwrap().clone());
        assert!(!created);
        assert_eq!(stored["name"], "W1");
        assert!(stored.get("location").is_none(), "a PUT replaces");

        let patched = resources
            .patch(
                &w1,
                &json!({"id": "x", "tags": {"a": "b"}, "properties": {"size": null}}),
            )
            .unwrap();
        assert_eq!(patched["tags"], json!({"a": "b"}));
        assert_eq!(patched["name"], "W1");
        assert!(patched["properties"].get("size").is_none());
        assert_eq!(resources.get(&w1), Some(&patched));

        let child = segments(
            "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Widgets/widgets/w1/gears/g",
        );
        resources.put(&child, Map::new());
        assert!(resources.delete(&w1));
        assert!(
            resources.get(&child).is_none(),
            "children go with their parent"
        );
        assert!(!resources.delete(&w1));
        assert!(resources.patch(&w1, &json!({})).is_none());
    }

    #[test]
    fn lists_hold_direct_children_and_every_group_at_subscription_level() {
        let mut resources = Resources::default();
        for path in [
            "/subscriptions/s/resourceGroups/a/providers/Microsoft.Widgets/widgets/w2",
            "/subscriptions/s/resourceGroups/a/providers/Microsoft.Widgets/widgets/w1",
            "/subscriptions/s/resourceGroups/b/providers/Microsoft.Widgets/widgets/w3",
            "/subscriptions/s/resourceGroups/a/providers/Microsoft.Widgets/widgets/w1/gears/g",
            "/subscriptions/t/resourceGroups/a/providers/Microsoft.Widgets/widgets/w4",
        ] {
            resources.put(&segments(path), Map::new());
        }
        let names = |list: Vec<Value>| -> Vec<String> {
            list.iter()
                .map(|r| r["name"].as_str().unwrap().to_owned())
                .collect()
        };
        assert_eq!(
            names(resources.list(&segments(
                "/subscriptions/s/resourceGroups/A/providers/Microsoft.Widgets/widgets"
            ))),
            ["w1", "w2"]
        );
        assert_eq!(
            names(resources.list(&segments(
                "/subscriptions/s/providers/Microsoft.Widgets/widgets"
            ))),
            ["w1", "w2", "w3"]
        );
        assert!(
            resources
                .list(&segments(
                    "/subscriptions/s/resourceGroups/c/providers/Microsoft.Widgets/widgets"
                ))
                .is_empty()
        );
    }

    #[test]
    fn statuses_follow_the_declared_ones() {
        assert_eq!(declared_or(&[], 201, 200), StatusCode::CREATED);
        assert_eq!(declared_or(&[200, 201], 201, 200), StatusCode::CREATED);
        assert_eq!(declared_or(&[200], 201, 200), StatusCode::OK);
        assert_eq!(declared_or(&[200, 202], 204, 200), StatusCode::OK);
        assert_eq!(declared_or(&[202], 200, 204), StatusCode::OK);
    }
}
