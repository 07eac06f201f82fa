//! What the generated services declare: their operations as routes, and their api-versions.
//!
//! Reading these from the served `SERVICES` table instead of restating them keeps the emulator
//! and the clients built from the same spec in step: a new operation is routed as soon as it
//! is generated.

use std::collections::BTreeMap;

use armgen_runtime::ServiceInfo;

use crate::routes::Route;

/// The resource provider namespace a path template addresses: the segment after its last
/// `providers` literal (`Microsoft.Relay`), or `""` for paths outside any provider.
pub(crate) fn provider_of(template: &'static str) -> &'static str {
    let mut segments = template.split('/');
    let mut provider = "";
    while let Some(segment) = segments.next() {
        if segment.eq_ignore_ascii_case("providers")
            && let Some(next) = segments.next()
            && !next.starts_with('{')
        {
            provider = next;
        }
    }
    provider
}

/// Every operation of `services` as a route.
pub(crate) fn routes(services: &[ServiceInfo]) -> Vec<Route> {
    services
        .iter()
        .flat_map(|service| {
            service.operations.iter().map(|op| Route {
                method: op.method.as_str(),
                template: op.path,
                provider: provider_of(op.path),
                operation_id: op.id,
                service: Some(service.module),
            })
        })
        .collect()
}

/// The api-version each provider of `services` was generated for, keyed by lowercase provider
/// namespace. A provider served by several services accepts each of their versions.
pub(crate) fn api_versions(services: &[ServiceInfo]) -> BTreeMap<String, Vec<String>> {
    let mut versions: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for service in services {
        for op in service.operations {
            let accepted = versions
                .entry(provider_of(op.path).to_ascii_lowercase())
                .or_default();
            if !accepted.iter().any(|v| v == service.api_version) {
                accepted.push(service.api_version.to_owned());
            }
        }
    }
    versions
}

#[cfg(test)]
mod tests {
    use armgen_runtime::{Method, OperationInfo};

    use super::*;

    #[test]
    fn provider_is_the_segment_after_the_last_providers() {
        assert_eq!(
            provider_of(
                "/subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.Relay/namespaces/{n}"
            ),
            "Microsoft.Relay"
        );
        assert_eq!(
            provider_of("/subscriptions/{s}/providers/Microsoft.A/x/{x}/providers/Microsoft.B/y"),
            "Microsoft.B"
        );
        assert_eq!(provider_of("/subscriptions/{s}"), "");
        assert_eq!(provider_of("/providers/{ns}/operations"), "");
    }

    fn unused_build(
        id: &str,
        _: &armgen_runtime::Url,
        _: &serde_json::Map<String, serde_json::Value>,
    ) -> Result<armgen_runtime::HttpRequest, armgen_runtime::DynamicError> {
        Err(armgen_runtime::DynamicError::UnknownOperation(
            id.to_owned(),
        ))
    }

    fn unused_decode(
        id: &str,
        _: &armgen_runtime::HttpResponse,
    ) -> Result<serde_json::Value, armgen_runtime::DynamicError> {
        Err(armgen_runtime::DynamicError::UnknownOperation(
            id.to_owned(),
        ))
    }

    fn service(
        module: &'static str,
        api_version: &'static str,
        operations: &'static [OperationInfo],
    ) -> ServiceInfo {
        ServiceInfo {
            module,
            api_version,
            operations,
            build_request: unused_build,
            decode_response: unused_decode,
        }
    }

    const WIDGETS: &[OperationInfo] = &[
        OperationInfo {
            id: "Widgets_Get",
            method: Method::Get,
            path: "/subscriptions/{s}/providers/Microsoft.Widgets/widgets/{w}",
            body: None,
            statuses: &[200],
        },
        OperationInfo {
            id: "Widgets_Put",
            method: Method::Put,
            path: "/subscriptions/{s}/providers/Microsoft.Widgets/widgets/{w}",
            body: Some("widget"),
            statuses: &[200, 201],
        },
    ];

    #[test]
    fn every_operation_is_routed_with_its_version() {
        let services = [
            service("widgets", "2024-01-01", WIDGETS),
            service("widgets_preview", "2025-01-01-preview", &WIDGETS[..1]),
        ];
        let routes = routes(&services);
        assert_eq!(routes.len(), 3);
        assert_eq!(routes[1].method, "PUT");
        assert_eq!(routes[1].provider, "Microsoft.Widgets");
        assert_eq!(routes[2].service, Some("widgets_preview"));
        let versions = api_versions(&services);
        assert_eq!(
            versions["microsoft.widgets"],
            ["2024-01-01", "2025-01-01-preview"]
        );
    }
}
