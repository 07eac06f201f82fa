//! Routing: which (method, path template) pairs map to which operation, and matching a
//! request against them.
//!
//! The operations come from the served services (see [`Emulator::routes`]); only the URLs
//! the emulator itself hands out for polling the built-in long-running Relay operations,
//! which no spec declares, are written here.
//!
//! [`Emulator::routes`]: crate::Emulator::routes

use percent_encoding::percent_decode_str;

use crate::config::RELAY_PROVIDER;
use crate::error::ArmError;

/// One operation the emulator routes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    /// HTTP method, upper case (e.g. `"POST"`).
    pub method: &'static str,
    /// Path template as written in the specification; `{name}` marks a path parameter.
    /// Literal segments match case-insensitively.
    pub template: &'static str,
    /// Resource provider namespace, which selects the accepted api-versions.
    pub provider: &'static str,
    /// The specification's `operationId`; with `provider` it selects the handler.
    pub operation_id: &'static str,
    /// The generated service (module, e.g. `"relay"`) that declares the operation; `None`
    /// for the emulator's own polling URLs.
    pub service: Option<&'static str>,
}

impl Route {
    /// Whether the emulator answers this operation: with a built-in handler, or with the
    /// generic resource behaviour its method and path template allow (see the crate
    /// documentation). The others, actions (`POST`) without a handler, answer 501
    /// `NotImplemented`.
    pub fn is_implemented(&self) -> bool {
        crate::handlers::handler(self.provider, self.operation_id).is_some()
            || crate::generic::Kind::of(self).is_some()
    }
}

/// Operation id of the status URL of a long-running operation (`Azure-AsyncOperation`).
pub(crate) const OPERATION_STATUS: &str = "OperationStatuses_Get";
/// Operation id of the result URL of a long-running operation (`Location`).
pub(crate) const OPERATION_RESULT: &str = "OperationResults_Get";

/// The polling URLs of the built-in long-running Relay operations, as ARM's providers shape
/// them; routed whenever a served service has Microsoft.Relay operations.
pub const EMULATOR_ROUTES: &[Route] = &[
    Route {
        method: "GET",
        template: "/subscriptions/{subscriptionId}/providers/Microsoft.Relay/locations/{location}/operationStatuses/{operationId}",
        provider: RELAY_PROVIDER,
        operation_id: OPERATION_STATUS,
        service: None,
    },
    Route {
        method: "GET",
        template: "/subscriptions/{subscriptionId}/providers/Microsoft.Relay/locations/{location}/operationResults/{operationId}",
        provider: RELAY_PROVIDER,
        operation_id: OPERATION_RESULT,
        service: None,
    },
];

/// Decoded path parameters of a matched route, in template order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Params(Vec<(&'static str, String)>);

impl Params {
    /// Parameters from (name, decoded value) pairs.
    #[cfg(test)]
    pub(crate) fn from_pairs(pairs: Vec<(&'static str, String)>) -> Self {
        Params(pairs)
    }

    /// Every (name, decoded value), in template order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.0.iter().map(|(name, value)| (*name, value.as_str()))
    }

    /// The decoded value of parameter `name`.
    pub(crate) fn get(&self, name: &str) -> Result<&str, ArmError> {
        self.0
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
            // Only reachable if a handler and the table disagree on a parameter name.
            .ok_or_else(|| ArmError::internal(&format!("route has no parameter '{name}'")))
    }
}

/// The outcome of looking a request up in a routing table.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum RouteMatch<'t> {
    /// A route matched both path and method.
    Found(&'t Route, Params),
    /// The path matched, but only for these other methods.
    MethodNotAllowed(Vec<&'static str>),
    /// No route has this path.
    NotFound,
}

/// Finds the route for `method` and the raw (still percent-encoded) `raw_path`.
///
/// Fails only if a segment's percent-encoding does not decode to UTF-8.
pub(crate) fn match_route<'t>(
    table: &'t [Route],
    method: &str,
    raw_path: &str,
) -> Result<RouteMatch<'t>, ArmError> {
    let segments = decode_segments(raw_path)?;
    let mut allowed = Vec::new();
    // Templates with a multi-segment parameter match many paths: they come last, so a more
    // specific route wins.
    let specific = table.iter().filter(|r| !r.template.contains("{+"));
    let open = table.iter().filter(|r| r.template.contains("{+"));
    for route in specific.chain(open) {
        let Some(params) = match_template(route.template, &segments) else {
            continue;
        };
        if route.method.eq_ignore_ascii_case(method) {
            return Ok(RouteMatch::Found(route, params));
        }
        if !allowed.contains(&route.method) {
            allowed.push(route.method);
        }
    }
    Ok(if allowed.is_empty() {
        RouteMatch::NotFound
    } else {
        RouteMatch::MethodNotAllowed(allowed)
    })
}

/// Splits a raw path into percent-decoded segments.
pub(crate) fn decode_segments(raw_path: &str) -> Result<Vec<String>, ArmError> {
    let trimmed = raw_path.strip_prefix('/').unwrap_or(raw_path);
    // ARM tolerates one trailing slash.
    let trimmed = trimmed.strip_suffix('/').unwrap_or(trimmed);
    // Splitting before decoding keeps an encoded `%2F` inside its segment.
    trimmed
        .split('/')
        .map(|segment| {
            percent_decode_str(segment)
                .decode_utf8()
                .map(|s| s.into_owned())
                .map_err(|_| {
                    ArmError::invalid_request_uri(
                        "a path segment is not valid percent-encoded UTF-8",
                    )
                })
        })
        .collect()
}

/// Matches decoded `segments` against `template`, returning the parameters on success. A
/// `{+name}` part (a spec's `x-ms-skip-url-encoding` parameter, such as `{scope}`) takes one
/// or more segments, joined with `/`.
pub(crate) fn match_template(template: &'static str, segments: &[String]) -> Option<Params> {
    let parts: Vec<&'static str> = template.trim_start_matches('/').split('/').collect();
    let mut params = Vec::new();
    match_parts(&parts, segments, &mut params).then_some(Params(params))
}

fn match_parts(
    parts: &[&'static str],
    segments: &[String],
    params: &mut Vec<(&'static str, String)>,
) -> bool {
    let Some((part, rest)) = parts.split_first() else {
        return segments.is_empty();
    };
    if let Some(name) = part.strip_prefix("{+").and_then(|p| p.strip_suffix('}')) {
        // Templates have few parts and rarely more than one such parameter, so trying each
        // length stays cheap.
        for take in 1..=segments.len().saturating_sub(rest.len()) {
            if segments[..take].iter().any(String::is_empty) {
                break;
            }
            params.push((name, segments[..take].join("/")));
            if match_parts(rest, &segments[take..], params) {
                return true;
            }
            params.pop();
        }
        return false;
    }
    let Some((segment, others)) = segments.split_first() else {
        return false;
    };
    match part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
        Some(name) if !segment.is_empty() => {
            params.push((name, segment.clone()));
            if match_parts(rest, others, params) {
                return true;
            }
            params.pop();
            false
        }
        Some(_) => false,
        None if part.eq_ignore_ascii_case(segment) => match_parts(rest, others, params),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::LazyLock;

    static ROUTES: LazyLock<Vec<Route>> = LazyLock::new(|| {
        let relay = |method, template, operation_id| Route {
            method,
            template,
            provider: RELAY_PROVIDER,
            operation_id,
            service: Some("relay"),
        };
        let mut routes = vec![
            relay(
                "GET",
                "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Relay/namespaces/{namespaceName}",
                "Namespaces_Get",
            ),
            relay(
                "POST",
                "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Relay/namespaces/{namespaceName}/authorizationRules/{authorizationRuleName}/listKeys",
                "Namespaces_ListKeys",
            ),
        ];
        routes.extend_from_slice(EMULATOR_ROUTES);
        routes
    });

    const RELAY: &str = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Relay/namespaces/ns/authorizationRules/r/listKeys";

    fn found(m: RouteMatch<'_>) -> (&'static str, Params) {
        match m {
            RouteMatch::Found(route, params) => (route.operation_id, params),
            other => panic!("expected a match, got {other:?}"),
        }
    }

    #[test]
    fn matches_and_extracts_parameters() {
        let (op, params) = found(match_route(&ROUTES, "POST", RELAY).unwrap());
        assert_eq!(op, "Namespaces_ListKeys");
        assert_eq!(params.get("subscriptionId").unwrap(), "s");
        assert_eq!(params.get("authorizationRuleName").unwrap(), "r");
        assert!(params.get("nope").is_err());
    }

    #[test]
    fn literals_are_case_insensitive_and_parameters_decoded() {
        let path = "/SUBSCRIPTIONS/s/resourcegroups/r%20g/PROVIDERS/microsoft.relay/Namespaces/a%2Fb/AuthorizationRules/r/LISTKEYS/";
        let (_, params) = found(match_route(&ROUTES, "post", path).unwrap());
        assert_eq!(params.get("resourceGroupName").unwrap(), "r g");
        assert_eq!(params.get("namespaceName").unwrap(), "a/b");
    }

    #[test]
    fn distinguishes_not_found_from_wrong_method() {
        assert_eq!(
            match_route(&ROUTES, "GET", RELAY).unwrap(),
            RouteMatch::MethodNotAllowed(vec!["POST"])
        );
        assert_eq!(
            match_route(&ROUTES, "POST", "/subscriptions/s").unwrap(),
            RouteMatch::NotFound
        );
        let empty_param = RELAY.replace("/ns/", "//");
        assert_eq!(
            match_route(&ROUTES, "POST", &empty_param).unwrap(),
            RouteMatch::NotFound
        );
    }

    #[test]
    fn multi_segment_parameters_take_one_or_more_segments() {
        let route = |template| Route {
            method: "GET",
            template,
            provider: "Microsoft.EventGrid",
            operation_id: "EventSubscriptions_Get",
            service: Some("eventgrid"),
        };
        let table = [route(
            "/{+scope}/providers/Microsoft.EventGrid/eventSubscriptions/{name}",
        )];
        let path = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.EventGrid/topics/t/providers/Microsoft.EventGrid/eventSubscriptions/e";
        let (_, params) = found(match_route(&table, "GET", path).unwrap());
        assert_eq!(
            params.get("scope").unwrap(),
            "subscriptions/s/resourceGroups/rg/providers/Microsoft.EventGrid/topics/t"
        );
        assert_eq!(params.get("name").unwrap(), "e");
        let short = "/providers/Microsoft.EventGrid/eventSubscriptions/e";
        assert_eq!(
            match_route(&table, "GET", short).unwrap(),
            RouteMatch::NotFound
        );
    }

    #[test]
    fn rejects_invalid_utf8_encoding() {
        let bad = RELAY.replace("/ns/", "/%FF/");
        let err = match_route(&ROUTES, "POST", &bad).unwrap_err();
        assert_eq!(err.code(), "InvalidRequestUri");
    }
}
