//! Golden snapshots of emitted code. The odd-names snapshot (an index and a
//! file per module under `snapshots/`) is also compiled and exercised by the
//! bindings crate (`tests/odd_names.rs`).

mod support;

fn odd_names() -> armgen::Output {
    armgen::Config::new(support::fixtures().join("fixtures/odd"))
        .spec("odd.yaml", "odd")
        .refresh_command("ARMGEN_BLESS=1 cargo test -p armgen --test snapshots")
        .generate()
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn odd_names_snapshot() {
    let output = odd_names();
    let dir = support::fixtures().join("snapshots");
    if support::blessing() {
        let rewritten = output.write_to(&dir).unwrap();
        support::fail_blessed("snapshots/", &rewritten);
    }
    let stale = output.stale_files(&dir).unwrap();
    let diffs: String = stale.iter().map(|s| s.diff.as_str()).collect();
    assert!(
        stale.is_empty(),
        "snapshots/ differs (rerun with ARMGEN_BLESS=1 to rewrite it):\n{diffs}"
    );
}

#[test]
fn odd_names_generate_deterministically() {
    assert_eq!(odd_names().files, odd_names().files);
}
