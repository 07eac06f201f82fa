//! armgen never panics on a spec, however broken: thousands of deterministic
//! random mutations of real specs (members deleted, values of the wrong
//! type, garbage `$ref`s) either generate or fail with diagnostics.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use serde_json::Value;

/// A small deterministic generator (xorshift): the same mutations every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Every JSON pointer of a document.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let child = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push(child.clone());
                pointers(v, child, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                let child = format!("{at}/{i}");
                out.push(child.clone());
                pointers(v, child, out);
            }
        }
        _ => {}
    }
}

fn mutate(doc: &mut Value, rng: &mut Rng) {
    let mut all = Vec::new();
    pointers(doc, String::new(), &mut all);
    let pointer = &all[rng.below(all.len())];
    let replacement = match rng.below(9) {
        0 => Value::Null,
        1 => Value::from(-1),
        2 => Value::from("x"),
        3 => Value::Array(vec![Value::from(1)]),
        4 => serde_json::json!({}),
        5 => serde_json::json!({"$ref": "#/definitions/Nope"}),
        6 => serde_json::json!({"$ref": "../../../nowhere.json#/x"}),
        7 => serde_json::json!({"type": "file"}),
        _ => {
            // Delete the member or item instead.
            let (parent, key) = pointer.rsplit_once('/').unwrap_or(("", ""));
            match doc.pointer_mut(parent) {
                Some(Value::Object(map)) => {
                    map.remove(&key.replace("~1", "/").replace("~0", "~"));
                }
                Some(Value::Array(items)) => {
                    if let Ok(i) = key.parse::<usize>()
                        && i < items.len()
                    {
                        items.remove(i);
                    }
                }
                _ => {}
            }
            return;
        }
    };
    if let Some(slot) = doc.pointer_mut(pointer) {
        *slot = replacement;
    }
}

/// Copies `spec_dir` to a scratch folder, mutates `file` (written as JSON,
/// which is valid YAML) and generates `root`, which reaches it.
fn run(spec_dir: &Path, file: &str, root: &str, rounds: usize, seed: u64) {
    let original: Value =
        serde_yaml::from_str(&std::fs::read_to_string(spec_dir.join(file)).unwrap()).unwrap();
    let scratch =
        std::env::temp_dir().join(format!("armgen-no-panic-{}-{seed}", std::process::id()));
    copy_dir(spec_dir, &scratch);
    let mut rng = Rng(seed);
    let mut rejected = 0;
    for round in 0..rounds {
        let mut doc = original.clone();
        for _ in 0..=rng.below(3) {
            mutate(&mut doc, &mut rng);
        }
        std::fs::write(
            scratch.join(file),
            serde_json::to_string_pretty(&doc).unwrap(),
        )
        .unwrap();
        let config = armgen::Config::new(&scratch).spec(root, "mutated");
        let outcome = catch_unwind(AssertUnwindSafe(|| config.generate().map(|_| ())));
        match outcome {
            Ok(Ok(())) => {}
            Ok(Err(armgen::Error::Spec(diagnostics))) => {
                assert!(!diagnostics.is_empty());
                rejected += 1;
            }
            Ok(Err(other)) => panic!("round {round}: unexpected error kind: {other}"),
            Err(_) => panic!(
                "round {round} (seed {seed}) panicked on:\n{}",
                serde_json::to_string(&doc).unwrap()
            ),
        }
    }
    std::fs::remove_dir_all(&scratch).unwrap();
    // The mutations must really break specs, or this test proves nothing.
    assert!(
        rejected * 10 >= rounds,
        "only {rejected} of {rounds} mutated specs were rejected"
    );
    assert!(
        rejected < rounds,
        "every mutated spec was rejected: is the unmutated spec valid?"
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn mutated_relay_specs_never_panic() {
    run(
        &repo().join("spec"),
        "relay.yaml",
        "relay.yaml",
        400,
        0x9E37_79B9_7F4A_7C15,
    );
}

#[test]
fn mutated_shared_types_never_panic() {
    run(
        &repo().join("spec"),
        "common/types.yaml",
        "relay.yaml",
        300,
        0xD1B5_4A32_D192_ED03,
    );
}

#[test]
fn mutated_odd_names_never_panic() {
    run(
        &repo().join("generator/tests/fixtures/odd"),
        "odd.yaml",
        "odd.yaml",
        400,
        0x2545_F491_4F6C_DD1D,
    );
}
