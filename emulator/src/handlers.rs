//! The emulated operations, selected by a route's provider and operationId, and the request as
//! a handler sees it.

use serde_json::Value;

use crate::body;
use crate::config::{EVENT_GRID_PROVIDER, RELAY_PROVIDER};
use crate::error::ArmError;
use crate::generic;
use crate::response::HttpResponse;
use crate::routes::{OPERATION_RESULT, OPERATION_STATUS, Params, Route};
use crate::server::Shared;
use crate::{eventgrid, polling, relay, spec_serve};

/// A routed, authenticated request whose api-version was accepted.
pub(crate) struct Call<'a> {
    /// The route it matched.
    pub(crate) route: &'a Route,
    /// Its decoded path parameters.
    pub(crate) params: &'a Params,
    /// The path as sent, still percent-encoded.
    pub(crate) raw_path: &'a str,
    /// The query string as sent, without `?`.
    pub(crate) query: &'a str,
    /// The api-version it asked for (one the provider accepts).
    pub(crate) api_version: &'a str,
    /// The `Content-Type` header, if present and valid UTF-8.
    pub(crate) content_type: Option<&'a str>,
    /// The complete body.
    pub(crate) body: &'a [u8],
    /// The body as JSON, once [`invoke`] parsed it (for operations that take a body).
    pub(crate) json: Option<Value>,
}

impl Call<'_> {
    /// The decoded path parameter `name`.
    pub(crate) fn param(&self, name: &str) -> Result<&str, ArmError> {
        self.params.get(name)
    }

    /// The JSON body, already validated against the served spec; `parameter` is the spec's
    /// name of the body parameter, the target of the error when there is no body.
    pub(crate) fn json(&self, parameter: &str) -> Result<&Value, ArmError> {
        self.json.as_ref().ok_or_else(|| {
            ArmError::invalid_request_content("the request body is required.")
                .with_target(parameter)
        })
    }
}

/// Serves one operation.
pub(crate) type Handler = fn(&Shared, &Call<'_>) -> Result<HttpResponse, ArmError>;

/// Every built-in handler: (provider, operationId, handler). Operations of the served services
/// this table lacks get the generic resource behaviour, or 501 (see [`invoke`]).
const HANDLERS: &[(&str, &str, Handler)] = &[
    (RELAY_PROVIDER, "Namespaces_Get", relay::get_namespace),
    (
        RELAY_PROVIDER,
        "Namespaces_CreateOrUpdate",
        relay::create_or_update_namespace,
    ),
    (RELAY_PROVIDER, "Namespaces_Delete", relay::delete_namespace),
    (
        RELAY_PROVIDER,
        "Namespaces_ListAuthorizationRules",
        relay::list_authorization_rules,
    ),
    (RELAY_PROVIDER, "Namespaces_ListKeys", relay::list_keys),
    (RELAY_PROVIDER, OPERATION_STATUS, polling::status),
    (RELAY_PROVIDER, OPERATION_RESULT, polling::result),
    (
        EVENT_GRID_PROVIDER,
        "PartnerNamespaces_ListSharedAccessKeys",
        eventgrid::list_keys,
    ),
    (
        EVENT_GRID_PROVIDER,
        "PartnerNamespaces_RegenerateKey",
        eventgrid::regenerate_key,
    ),
];

/// The built-in handler of `operation_id` of `provider` (matched case-insensitively, as ARM
/// matches provider namespaces), if there is one.
pub(crate) fn handler(provider: &str, operation_id: &str) -> Option<Handler> {
    HANDLERS
        .iter()
        .find(|(p, id, _)| p.eq_ignore_ascii_case(provider) && *id == operation_id)
        .map(|(_, _, handler)| *handler)
}

/// Runs the operation `call` was routed to: 501 if neither a built-in handler nor the generic
/// resource behaviour serves it; otherwise the body is parsed, the request checked against the
/// served spec (for operations that take a body) and then served.
pub(crate) fn invoke(shared: &Shared, mut call: Call<'_>) -> Result<HttpResponse, ArmError> {
    let route = call.route;
    if spec_serve::is_polling_route(route) {
        return spec_serve::poll(shared, &call);
    }
    if let Some((_, user)) = shared
        .handlers
        .iter()
        .find(|(id, _)| id == route.operation_id)
    {
        // A body that is not JSON reaches the handler as none.
        let json: Option<Value> = serde_json::from_slice(call.body).ok();
        let request = crate::user::HandlerRequest {
            operation_id: route.operation_id,
            method: route.method,
            path: call.raw_path,
            query: call.query,
            api_version: call.api_version,
            params: call.params.iter().collect(),
            body: json.as_ref(),
        };
        if let Some(answer) = user(&request) {
            return Ok(answer.into_response());
        }
    }
    let operation = shared.operation(route);
    // A built-in handler serves the operations of a served table; a spec's operation without
    // one answers as its spec describes it.
    let handler = handler(route.provider, route.operation_id)
        .filter(|_| operation.is_some() || route.service.is_none());
    if handler.is_none()
        && let Some((service, op)) = shared.specs.operation(route, call.api_version)
    {
        let body_parameter = op.body().map(|p| p.wire_name.as_str());
        if body_parameter.is_some()
            || generic::Kind::of(route).is_some_and(generic::Kind::takes_body)
        {
            call.json = body::parse(call.content_type, call.body, body_parameter)?;
        }
        return spec_serve::serve(shared, &call, service, op);
    }
    let generic = generic::Kind::of(route);
    if handler.is_none() && generic.is_none() {
        return Err(ArmError::not_implemented(route.operation_id));
    }
    let body_parameter = operation.and_then(|(_, op)| op.body);
    if body_parameter.is_some() || generic.is_some_and(generic::Kind::takes_body) {
        call.json = body::parse(call.content_type, call.body, body_parameter)?;
    }
    if let Some((service, op)) = operation
        && op.body.is_some()
    {
        let request = body::Request {
            params: call.params,
            query: call.query,
            api_version: call.api_version,
            json: call.json.as_ref(),
        };
        body::validate(service, op, &shared.settings.endpoint_url, &request)?;
    }
    match (handler, generic) {
        (Some(handler), _) => handler(shared, &call),
        (None, Some(kind)) => generic::serve(shared, &call, kind, operation.map(|(_, op)| op)),
        (None, None) => Err(ArmError::not_implemented(route.operation_id)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routes::EMULATOR_ROUTES;

    #[test]
    fn the_polling_urls_have_handlers() {
        for route in EMULATOR_ROUTES {
            assert!(handler(route.provider, route.operation_id).is_some());
        }
        assert!(handler("microsoft.relay", "Namespaces_Get").is_some());
        assert!(handler("Microsoft.Relay", "namespaces_get").is_none());
    }
}
