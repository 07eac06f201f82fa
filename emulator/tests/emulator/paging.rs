//! `Namespaces_ListAuthorizationRules`: pages, nextLinks, skip tokens.

use armgen_emulator::EmulatorConfig;
use reqwest::StatusCode;
use serde_json::Value;

use crate::common::*;

const RULES: [&str; 5] = ["rule-a", "Rule-B", "rule-c", "rule-d", "rule-e"];

async fn five_rules(config: EmulatorConfig) -> Fixture {
    let f = Fixture::start_with(config).await;
    f.emulator
        .add_relay_namespace(SUB, RG, "paged-namespace", &RULES[..3])
        .unwrap();
    // Later seeding appends; existing rules keep their place.
    f.emulator
        .add_relay_namespace(SUB, RG, "paged-namespace", &["RULE-A", "rule-d", "rule-e"])
        .unwrap();
    f
}

#[tokio::test]
async fn five_rules_come_in_three_pages_in_seeding_order() {
    let f = five_rules(config()).await;
    let mut url = rules_path("paged-namespace");
    let mut names = Vec::new();
    let mut pages = 0;
    loop {
        let page = json(f.get(&url).await).await;
        pages += 1;
        let value = page["value"].as_array().expect("value array");
        assert!(value.len() <= 2, "{page}");
        for rule in value {
            let name = rule["name"].as_str().unwrap();
            assert_eq!(
                rule["id"],
                format!(
                    "/subscriptions/{SUB}/resourceGroups/{RG}/providers/Microsoft.Relay/namespaces/paged-namespace/authorizationRules/{name}"
                )
            );
            assert_eq!(
                rule["type"],
                "Microsoft.Relay/namespaces/authorizationRules"
            );
            assert_eq!(
                rule["properties"]["rights"],
                serde_json::json!(["Listen", "Send"])
            );
            names.push(name.to_owned());
        }
        match &page["nextLink"] {
            Value::String(next) => {
                assert!(next.starts_with(&f.emulator.endpoint()), "{next}");
                assert!(
                    next.contains("api-version=2024-01-01&$skipToken="),
                    "{next}"
                );
                url = next.clone();
            }
            Value::Null => break,
            other => panic!("nextLink is {other}"),
        }
        assert!(pages < 10, "paging does not end");
    }
    assert_eq!(pages, 3);
    assert_eq!(names, RULES);
    // Every page was a request of its own.
    assert_eq!(f.emulator.request_count(), 3);
}

#[tokio::test]
async fn page_size_and_next_link_base_are_configurable() {
    let config = config()
        .with_page_size(4)
        .with_next_link_base("https://elsewhere.example:8443/");
    let f = five_rules(config).await;
    let page = json(f.get(&rules_path("paged-namespace")).await).await;
    assert_eq!(page["value"].as_array().unwrap().len(), 4);
    let next = page["nextLink"].as_str().unwrap();
    assert_eq!(
        next,
        format!(
            "https://elsewhere.example:8443/subscriptions/{SUB}/resourceGroups/{RG}/providers/Microsoft.Relay/namespaces/paged-namespace/authorizationRules?api-version=2024-01-01&$skipToken=4"
        )
    );
    // The same page is served here, whatever host the link names.
    let rest = next.replace("https://elsewhere.example:8443", "");
    let last = json(f.get(&rest).await).await;
    assert_eq!(last["value"].as_array().unwrap().len(), 1);
    assert!(last.get("nextLink").is_none(), "{last}");
}

#[tokio::test]
async fn one_page_has_no_next_link() {
    let f = Fixture::start().await;
    let page = json(f.get(&rules_path(RELAY_NS)).await).await;
    assert_eq!(page["value"][0]["name"], RELAY_RULE);
    assert!(page.get("nextLink").is_none(), "{page}");
}

#[tokio::test]
async fn bad_skip_tokens_are_invalid_skip_token() {
    let f = five_rules(config()).await;
    let mut first_error = None;
    for token in ["abc", "5", "99", "-1", "", "1&$skipToken=2"] {
        let url = format!("{}&$skipToken={token}", rules_path("paged-namespace"));
        let error = expect_arm_error(
            f.get(&url).await,
            StatusCode::BAD_REQUEST,
            "InvalidSkipToken",
        )
        .await;
        assert_eq!(error["target"], "$skipToken");
        // The token sent is not echoed (the empty one is in every text), and
        // the error does not depend on it at all.
        if !token.is_empty() {
            assert!(
                !error.to_string().contains(token),
                "{token:?} echoed: {error}"
            );
        }
        assert_eq!(first_error.get_or_insert_with(|| error.clone()), &error);
    }
    // An odd but in-range token is a page starting there.
    let url = format!("{}&%24skiptoken=3", rules_path("paged-namespace"));
    let page = json(f.get(&url).await).await;
    assert_eq!(page["value"][0]["name"], "rule-d");
}

#[tokio::test]
async fn unknown_namespace_is_404() {
    let f = Fixture::start().await;
    let response = f.get(&rules_path("no-such-namespace")).await;
    expect_arm_error(response, StatusCode::NOT_FOUND, "ParentResourceNotFound").await;
}
