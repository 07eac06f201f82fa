//! What the generated services declare: their operations as routes, and their api-versions.
//!
//! Reading these from `arm_bindings::SERVICES` instead of restating them keeps the emulator and
//! the clients built from the same spec in step: a new operation is routed as soon as it is
//! generated.

use std::collections::BTreeMap;

use arm_bindings::runtime::ServiceInfo;

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

    #[test]
    fn every_generated_operation_is_routed_with_its_version() {
        let routes = routes(arm_bindings::SERVICES);
        let total: usize = arm_bindings::SERVICES
            .iter()
            .map(|s| s.operations.len())
            .sum();
        assert_eq!(routes.len(), total);
        let versions = api_versions(arm_bindings::SERVICES);
        assert_eq!(
            versions["microsoft.relay"],
            [arm_bindings::relay::API_VERSION]
        );
        assert_eq!(
            versions["microsoft.eventgrid"],
            [arm_bindings::eventgrid::API_VERSION]
        );
    }
}
