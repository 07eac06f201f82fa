//! armgen from the outside: brand-new crates, in a temporary folder outside
//! this workspace, with a spec of their own (`fixtures/consumer/widgets.yaml`,
//! not one of `spec/`), depending on the armgen crates by path with their
//! version, as published ones would be. Both call their generated async
//! client against the ARM emulator over HTTPS:
//!
//! - `from-build-script` is made of the README's own snippets (its
//!   `Cargo.toml` dependencies, `build.rs` and include line, read from the
//!   README, so the README cannot drift from what works);
//! - `checked-in` uses the CLI route: `armgen generate` into `src/`, `armgen
//!   check` to prove it fresh, no build-dependency at all;
//! - `from-armgen-new` is what `armgen new` writes, run with the tests it
//!   writes.
//!
//! The nested build shares this workspace's target folder and lock file, so
//! dependencies already built are reused.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the generator lives in the workspace")
        .to_path_buf()
}

/// The fenced block that follows `<!-- consumer:NAME -->` in the README.
fn readme_snippet(name: &str) -> String {
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("README.md reads");
    let marker = format!("<!-- consumer:{name} -->");
    let after = readme
        .split_once(&marker)
        .unwrap_or_else(|| panic!("README.md has no {marker}"))
        .1;
    let fence = after
        .split_once("```")
        .and_then(|(_, rest)| rest.split_once('\n'))
        .unwrap_or_else(|| panic!("no code block after {marker}"))
        .1;
    fence
        .split_once("```")
        .unwrap_or_else(|| panic!("unclosed code block after {marker}"))
        .0
        .to_owned()
}

/// `krate = "VERSION"` becomes the same version with a path to this checkout.
fn by_path(manifest: &str, krate: &str, folder: &str) -> String {
    let version = env!("CARGO_PKG_VERSION");
    let published = format!("{krate} = \"{version}\"");
    assert!(
        manifest.contains(&published),
        "the README's Cargo.toml names `{published}`:\n{manifest}"
    );
    let path = repo().join(folder);
    manifest.replace(
        &published,
        &format!(
            "{krate} = {{ version = \"{version}\", path = \"{}\" }}",
            path.display()
        ),
    )
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, text).unwrap();
}

/// What both crates test: create, read back, delete and miss a widget, with
/// the generated client (`CRATE` is replaced by the crate's name).
const SCENARIO: &str = r#"
use armgen_emulator::{Emulator, EmulatorConfig};
use armgen_runtime::ResponseError;
use CRATE::widgets::clients::{WidgetsClient, WidgetsClientOptions};
use CRATE::widgets::models::{Color, ErrorResponse, Widget, WidgetProperties};

const SUBSCRIPTION: &str = "00000000-0000-0000-0000-000000000000";

#[tokio::test]
async fn a_widget_is_created_read_and_deleted_over_https() {
    let emulator = Emulator::start(EmulatorConfig::new().with_services(CRATE::SERVICES))
        .await
        .expect("the emulator starts");
    emulator.add_resource_group(SUBSCRIPTION, "rg");
    let client = WidgetsClient::new(
        SUBSCRIPTION,
        emulator.credential(),
        Some(WidgetsClientOptions {
            client_options: emulator.client_options(),
            endpoint: Some(emulator.endpoint_url()),
            ..Default::default()
        }),
    )
    .expect("the client builds");
    let widgets = client.widgets();
    let widget = Widget {
        properties: Some(WidgetProperties {
            color: Some(Color::Blue),
            size: Some(3),
            ..Default::default()
        }),
        ..Default::default()
    };
    let created = widgets
        .create_or_update("rg", "my-widget", &widget, None)
        .await
        .expect("created")
        .into_model()
        .expect("decodes");
    assert_eq!(created.name.as_deref(), Some("my-widget"));
    let read = widgets
        .get("rg", "my-widget", None)
        .await
        .expect("read")
        .into_model()
        .expect("decodes");
    assert_eq!(read.properties, widget.properties);
    assert!(read.id.as_deref().is_some_and(|id| id.ends_with("/Contoso.Widgets/widgets/my-widget")));

    // A constraint of the spec is checked before anything is sent.
    let sent = emulator.request_count();
    let invalid = widgets.get("rg", "Not Valid!", None).await.expect_err("pattern");
    assert!(invalid.to_string().contains("widgetName"), "{invalid}");
    assert_eq!(emulator.request_count(), sent);

    widgets.delete("rg", "my-widget", None).await.expect("deleted");
    let gone = widgets.get("rg", "my-widget", None).await.expect_err("deleted");
    let arm = gone
        .downcast_ref::<ResponseError<ErrorResponse>>()
        .expect("a typed ARM error");
    assert_eq!(arm.status(), 404);
    emulator.shutdown().await;
}
"#;

fn cargo_toml(name: &str, dependencies: &str) -> String {
    let emulator = repo().join("emulator");
    let version = env!("CARGO_PKG_VERSION");
    format!(
        "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n{dependencies}\n\
         [dev-dependencies]\narmgen-emulator = {{ version = \"{version}\", path = \"{}\" }}\n\
         tokio = {{ version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }}\n",
        emulator.display()
    )
}

#[test]
fn brand_new_crates_generate_build_and_call_the_emulator() {
    let dir = std::env::temp_dir().join(format!("armgen-consumer-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let spec = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/consumer/widgets.yaml"),
    )
    .unwrap();
    write(
        &dir.join("Cargo.toml"),
        "[workspace]\nmembers = [\"from-build-script\", \"checked-in\", \"from-armgen-new\"]\nresolver = \"3\"\n",
    );
    // This workspace's versions, so that built dependencies are reused.
    std::fs::copy(repo().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();

    // The README's route: its snippets, verbatim but for the path.
    let crate_a = dir.join("from-build-script");
    let dependencies = readme_snippet("cargo-toml");
    let dependencies = by_path(&dependencies, "armgen-runtime", "runtime");
    let dependencies = by_path(&dependencies, "armgen", "generator");
    let build_rs = readme_snippet("build-rs");
    assert!(
        build_rs.lines().count() <= 4,
        "a build script of a few lines:\n{build_rs}"
    );
    write(
        &crate_a.join("Cargo.toml"),
        &cargo_toml("from-build-script", &dependencies),
    );
    write(&crate_a.join("build.rs"), &build_rs);
    write(&crate_a.join("src/lib.rs"), &readme_snippet("lib-rs"));
    write(&crate_a.join("spec/widgets.yaml"), &spec);
    write(
        &crate_a.join("tests/widgets.rs"),
        &SCENARIO.replace("CRATE", "from_build_script"),
    );

    // The checked-in route: the CLI writes the code into src/, no build script.
    let crate_b = dir.join("checked-in");
    let version = env!("CARGO_PKG_VERSION");
    write(
        &crate_b.join("Cargo.toml"),
        &cargo_toml(
            "checked-in",
            &format!(
                "[dependencies]\narmgen-runtime = {{ version = \"{version}\", path = \"{}\" }}\n",
                repo().join("runtime").display()
            ),
        ),
    );
    write(&crate_b.join("spec/widgets.yaml"), &spec);
    write(
        &crate_b.join("src/lib.rs"),
        "//! Bindings checked in by `armgen generate`.\n\ninclude!(\"generated/mod.rs\");\n",
    );
    write(
        &crate_b.join("tests/widgets.rs"),
        &SCENARIO.replace("CRATE", "checked_in"),
    );
    let cli = |command: &str| {
        Command::new(env!("CARGO_BIN_EXE_armgen"))
            .args([command, "--root"])
            .arg(&crate_b)
            .args([
                "--spec",
                "spec/widgets.yaml=widgets",
                "--out",
                "src/generated",
            ])
            .output()
            .expect("armgen runs")
    };
    let generated = cli("generate");
    assert!(
        generated.status.success(),
        "{}",
        String::from_utf8_lossy(&generated.stderr)
    );
    let header = std::fs::read_to_string(crate_b.join("src/generated/mod.rs")).unwrap();
    assert!(
        header.contains("refresh with `armgen generate`"),
        "the header names the command that refreshes it:\n{header}"
    );
    assert!(cli("check").status.success(), "fresh right after generate");
    std::fs::write(
        crate_b.join("src/generated/widgets/models.rs"),
        "// edited\n",
    )
    .unwrap();
    assert_eq!(cli("check").status.code(), Some(1), "an edit is stale");
    assert!(cli("generate").status.success());

    // `armgen new`: the crate it writes, with its own test.
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/consumer/widgets.yaml");
    let written = Command::new(env!("CARGO_BIN_EXE_armgen"))
        .arg("new")
        .arg(dir.join("from-armgen-new"))
        .arg("--spec")
        .arg(&fixture)
        .arg("--local")
        .arg(repo())
        .output()
        .expect("armgen runs");
    assert!(
        written.status.success(),
        "{}",
        String::from_utf8_lossy(&written.stderr)
    );
    let build_rs = std::fs::read_to_string(dir.join("from-armgen-new/build.rs")).unwrap();
    assert!(build_rs.lines().count() <= 4, "{build_rs}");

    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("target"));
    let run = Command::new(env!("CARGO"))
        .args(["test", "--workspace", "--offline"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", target)
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stdout}\n{stderr}");
    let passed = stdout
        .lines()
        .filter(|l| l.starts_with("test a_widget_is_created_read_and_deleted_over_https ... ok"))
        .count();
    assert_eq!(passed, 2, "both crates ran their scenario:\n{stdout}");
    for test in [
        "a_missing_resource_is_not_found",
        "a_created_resource_can_be_read_back",
    ] {
        assert!(
            stdout.contains(&format!("test {test} ... ok")),
            "the test armgen new wrote ran: {test}\n{stdout}"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
