//! Azure extensions armgen does not use are never dropped silently: ignored
//! ones (known or not) are warnings at their first use, and a use armgen
//! cannot honour is a located error.

mod support;

fn config(file: &str) -> armgen::Config {
    armgen::Config::new(support::fixtures().join("fixtures/extensions")).spec(file, "things")
}

#[test]
fn ignored_and_unknown_extensions_are_warnings_at_their_first_use() {
    let output = config("ignored.yaml")
        .generate()
        .expect("ignored extensions do not stop generation");
    let text: String = output
        .warnings
        .iter()
        .map(|w| format!("{}\n", w.as_warning()))
        .collect();
    support::assert_golden("fixtures/extensions/ignored.expected", &text);
}

#[test]
fn an_accepted_extension_is_not_warned_about() {
    let output = config("ignored.yaml")
        .accept_extension("x-ms-client-flatten")
        .accept_extension("x-ms-unheard-of")
        .generate()
        .expect("generates");
    let names: Vec<&str> = output
        .warnings
        .iter()
        .filter_map(|w| w.location.pointer.rsplit('/').next())
        .collect();
    assert_eq!(names, ["x-ms-error-response", "x-ms-azure-resource"]);
    // Accepting an extension does not make a use armgen cannot honour
    // right.
    assert!(
        config("unsupported.yaml")
            .accept_extension("x-ms-error-response")
            .generate()
            .is_err()
    );
}

#[test]
fn a_use_armgen_cannot_honour_is_a_located_error() {
    let error = config("unsupported.yaml")
        .generate()
        .expect_err("an error response among the successes is an error");
    support::assert_golden(
        "fixtures/extensions/unsupported.expected",
        &format!("{error}\n"),
    );
}

#[test]
fn the_cli_prints_the_warnings() {
    let out = std::env::temp_dir().join(format!("armgen-extensions-{}", std::process::id()));
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_armgen"))
        .arg("generate")
        .arg("--root")
        .arg(support::fixtures().join("fixtures/extensions"))
        .args(["--spec", "ignored.yaml=things", "--out"])
        .arg(&out)
        .output()
        .expect("armgen runs");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning: `x-ms-client-flatten` is ignored (2 uses, the first here)"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&out);
}
