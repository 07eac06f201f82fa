//! Golden snapshots of emitted code. The snapshot of the odd-names fixture is
//! also compiled and exercised by the bindings crate (`tests/odd_names.rs`).

mod support;

fn odd_names() -> armgen::Output {
    armgen::Config::new(support::fixtures().join("fixtures/odd"))
        .spec("odd.yaml", "odd")
        .runtime_path("arm_bindings::runtime")
        .refresh_command("ARMGEN_BLESS=1 cargo test -p armgen --test snapshots")
        .generate()
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn odd_names_snapshot() {
    let output = odd_names();
    support::assert_golden("snapshots/odd.rs", &output.files["odd.rs"]);
}

#[test]
fn odd_names_generate_deterministically() {
    assert_eq!(odd_names().files, odd_names().files);
}
