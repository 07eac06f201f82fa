//! The emulated operations, selected by a route's provider and operationId, and the request as
//! a handler sees it.

use crate::body;
use crate::config::{EVENT_GRID_PROVIDER, RELAY_PROVIDER};
use crate::error::ArmError;
use crate::response::HttpResponse;
use crate::routes::{OPERATION_RESULT, OPERATION_STATUS, Params, Route};
use crate::server::Shared;
use crate::{eventgrid, polling, relay};

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
}

impl Call<'_> {
    /// The decoded path parameter `name`.
    pub(crate) fn param(&self, name: &str) -> Result<&str, ArmError> {
        self.params.get(name)
    }

    /// The body decoded into the generated model `T` and validated; `parameter` is the spec's
    /// name of the body parameter.
    pub(crate) fn body<T>(&self, parameter: &str) -> Result<T, ArmError>
    where
        T: serde::de::DeserializeOwned + arm_bindings::runtime::Validate,
    {
        body::decode(self.content_type, self.body, parameter)
    }
}

/// Serves one operation.
pub(crate) type Handler = fn(&Shared, &Call<'_>) -> Result<HttpResponse, ArmError>;

/// Every implemented operation: (provider, operationId, handler). Operations the generated
/// services declare but this table lacks are routed all the same and answer 501.
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

/// The handler of `operation_id` of `provider` (matched case-insensitively, as ARM matches
/// provider namespaces), if the emulator implements it.
pub(crate) fn handler(provider: &str, operation_id: &str) -> Option<Handler> {
    HANDLERS
        .iter()
        .find(|(p, id, _)| p.eq_ignore_ascii_case(provider) && *id == operation_id)
        .map(|(_, _, handler)| *handler)
}

/// Runs the operation `call` was routed to, or answers 501 if it has no handler.
pub(crate) fn invoke(shared: &Shared, call: &Call<'_>) -> Result<HttpResponse, ArmError> {
    let route = call.route;
    let handler = handler(route.provider, route.operation_id)
        .ok_or_else(|| ArmError::not_implemented(route.operation_id))?;
    handler(shared, call)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routes::EMULATOR_ROUTES;

    #[test]
    fn every_generated_operation_and_polling_url_has_a_handler() {
        let routes = crate::catalog::routes(arm_bindings::SERVICES);
        let missing: Vec<&str> = routes
            .iter()
            .chain(EMULATOR_ROUTES)
            .filter(|r| handler(r.provider, r.operation_id).is_none())
            .map(|r| r.operation_id)
            .collect();
        assert!(missing.is_empty(), "no handler for {missing:?}");
    }

    #[test]
    fn every_handler_serves_a_routed_operation() {
        let routes = crate::catalog::routes(arm_bindings::SERVICES);
        for (provider, id, _) in HANDLERS {
            assert!(
                routes
                    .iter()
                    .chain(EMULATOR_ROUTES)
                    .any(|r| r.provider == *provider && r.operation_id == *id),
                "stale handler {provider} {id}"
            );
        }
    }
}
