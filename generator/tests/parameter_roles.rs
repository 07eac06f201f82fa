//! A parameter's role is decided once, by resolve: the client-level
//! `subscriptionId` is held by the client; any other parameter, a
//! `subscriptionId` declared on the operation itself included, is an argument.

mod support;

use armgen::ir::{ParamRole, Service};

fn service(dir: &str, file: &str) -> Service {
    let (mut api, _) = armgen::Config::new(support::fixtures().join(dir))
        .spec(file, "api")
        .resolve()
        .unwrap_or_else(|e| panic!("{e}"));
    api.services.pop().expect("one service")
}

fn roles(service: &Service) -> Vec<(String, ParamRole)> {
    service
        .groups
        .iter()
        .flat_map(|g| &g.operations)
        .flat_map(|o| &o.params)
        .map(|p| (p.wire_name.clone(), p.role.clone()))
        .collect()
}

#[test]
fn the_shared_subscription_is_held_by_the_client() {
    // `subscriptionId` comes from the spec's `parameters` section: client-level.
    let roles = roles(&service("fixtures/paging", "next_operation.yaml"));
    assert!(roles.contains(&("subscriptionId".to_owned(), ParamRole::Subscription)));
    assert!(roles.contains(&("tenant".to_owned(), ParamRole::Argument)));
}

#[test]
fn a_subscription_declared_on_the_operation_is_an_argument() {
    let roles = roles(&service("fixtures/analysis", "facts.yaml"));
    assert!(
        roles.contains(&("subscriptionId".to_owned(), ParamRole::Argument)),
        "{roles:?}"
    );
    assert!(
        !roles
            .iter()
            .any(|(_, role)| *role == ParamRole::Subscription)
    );
}
