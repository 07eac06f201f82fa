//! The snapshot's provider at two api-versions (`generator/tests/fixtures/versions`,
//! both features on for the tests) compiles and behaves, against the emulator serving
//! both specs: `Gadgets` differs between the versions (2025-06-01 adds a `maxLength` to
//! `Gadgets_Put` and an operation), so its sub-client is generic over the version, with
//! `get` written once in `parts::shared` and `put` each version's own.

include!("../generator/tests/snapshots/mod.rs");

use std::path::Path;

use arm_bindings::runtime::{ArmClientOptions, StaticTokenCredential, ValidationErrors};
use armgen_emulator::{Emulator, EmulatorConfig, SpecSet};

const TOKEN: &str = "snapshot-versions-token";
const SUB: &str = "00000000-0000-0000-0000-0000000000aa";

async fn start() -> (Emulator, ArmClientOptions) {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("generator/tests/fixtures/versions");
    let config = armgen::Config::new(fixtures).versions("parts", ["old.yaml", "new.yaml"]);
    let specs = SpecSet::from_config(&config).expect("the fixture resolves");
    let emulator = Emulator::start(EmulatorConfig::new().with_specs(specs).with_token(TOKEN))
        .await
        .expect("emulator starts");
    let options = ArmClientOptions {
        client_options: emulator.client_options(),
        endpoint: Some(emulator.endpoint_url()),
        ..Default::default()
    };
    (emulator, options)
}

fn widget() -> parts::shared::models::Widget {
    serde_json::from_value(serde_json::json!({ "size": 3 })).unwrap()
}

/// The api-versions the emulator received for requests whose path ends in `suffix`.
fn api_versions(emulator: &Emulator, suffix: &str) -> Vec<String> {
    emulator
        .requests()
        .into_iter()
        .filter(|r| r.path.ends_with(suffix))
        .filter_map(|r| r.query_param("api-version").map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn each_version_sends_its_own_api_version_through_one_generic_sub_client() {
    let (emulator, options) = start().await;
    let credential = || StaticTokenCredential::new(TOKEN);
    let old =
        parts::v2025_01_01::clients::PartsClient::new(SUB, credential(), Some(options.clone()))
            .unwrap();
    let new =
        parts::v2025_06_01::clients::PartsClient::new(SUB, credential(), Some(options)).unwrap();
    // One type for both, named for each version's marker.
    let _: parts::shared::clients::PartsGadgetsClient<parts::v2025_06_01::clients::ApiVersion> =
        new.gadgets();

    // `put` is each version's: 2025-06-01 checks `maxLength: 8` before sending.
    let long = "gadgetnine";
    let refused = new.gadgets().put(long, &widget(), None).await.unwrap_err();
    let errors = refused
        .downcast_ref::<ValidationErrors>()
        .expect("a validation error");
    assert!(errors.to_string().contains("gadgetName"), "{errors}");
    old.gadgets()
        .put(long, &widget(), None)
        .await
        .expect("2025-01-01 has no such limit");

    // `get` is written once, in `shared`, and sends the caller's version.
    let read_old = old
        .gadgets()
        .get(long, None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    let read_new = new
        .gadgets()
        .get(long, None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    assert_eq!(read_old.size, Some(3));
    assert_eq!(read_new, read_old);
    assert_eq!(
        api_versions(&emulator, &format!("/gadgets/{long}")),
        ["2025-01-01", "2025-01-01", "2025-06-01"],
        "put (old; the new one never left), get (old), get (new)"
    );
    emulator.shutdown().await;
}
