//! YAML aliases copy their anchor's content, so a small file can stand for
//! gigabytes. armgen measures what aliases add before anything is expanded and
//! fails fast, with the alias's location, in bounded memory.

use std::path::PathBuf;
use std::time::{Duration, Instant};

/// A scratch folder holding one spec file.
fn scratch(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("armgen-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("bomb.yaml"), text).unwrap();
    dir
}

const HEAD: &str = "swagger: \"2.0\"\ninfo: {title: Bomb, version: \"1.0\"}\npaths: {}\n";

/// `strings` strings of 64 bytes under one anchor, then `copies` aliases of
/// it, one per line: the shape that stays under serde_yaml's own repetition
/// limit (100 alias jumps per event) while growing by the anchor's whole size
/// at each alias.
fn linear_bomb(strings: usize, copies: usize) -> String {
    let mut text = HEAD.to_owned();
    text.push_str("x-strings: &s\n");
    for i in 0..strings {
        text.push_str(&format!("  - \"{i:064}\"\n"));
    }
    text.push_str("x-copies:\n");
    for _ in 0..copies {
        text.push_str("  - *s\n");
    }
    text
}

/// Ten copies of the level before, `levels` times: a classic billion laughs.
fn exponential_bomb(levels: usize) -> String {
    let mut text = HEAD.to_owned();
    text.push_str("x-l0: &l0 \"lol lol lol lol\"\n");
    for level in 1..=levels {
        let copies = vec![format!("*l{}", level - 1); 10].join(", ");
        text.push_str(&format!("x-l{level}: &l{level} [{copies}]\n"));
    }
    text
}

fn diagnostics(dir: &PathBuf, config: armgen::Config) -> Vec<armgen::Diagnostic> {
    let result = config.spec("bomb.yaml", "bomb").generate();
    std::fs::remove_dir_all(dir).unwrap();
    match result {
        Err(armgen::Error::Spec(diagnostics)) => diagnostics,
        Err(other) => panic!("not a spec error: {other}"),
        Ok(_) => panic!("the bomb generated"),
    }
}

#[test]
fn a_billion_laughs_is_refused_at_the_alias_that_crosses_the_bound() {
    let dir = scratch("laughs", &exponential_bomb(12));
    let started = Instant::now();
    let found = diagnostics(&dir, armgen::Config::new(&dir));
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(found.len(), 1, "{found:?}");
    let d = &found[0];
    // Level 6 holds 10^6 copies of a 17-byte string: its aliases of level 5
    // take the total past the default 4 MiB.
    assert_eq!(d.location.file, PathBuf::from("bomb.yaml"));
    assert_eq!(d.location.line, 4 + 6);
    assert!(d.location.pointer.starts_with("/x-l6/"), "{d}");
    assert!(d.message.contains("alias `*l5`"), "{d}");
    assert!(d.message.contains("4194304"), "{d}");
    assert!(
        d.help
            .as_deref()
            .unwrap_or("")
            .contains("Config::max_alias_expansion"),
        "{d}"
    );
}

#[test]
fn the_bound_is_configurable() {
    let text = exponential_bomb(3);
    let dir = scratch("bound-low", &text);
    let found = diagnostics(&dir, armgen::Config::new(&dir).max_alias_expansion(1000));
    assert!(found[0].message.contains("alias `*l1`"), "{}", found[0]);
    assert!(found[0].message.contains("1000 allowed"), "{}", found[0]);
    // Under the default, the same aliases are a few kilobytes: no problem
    // with them (only the missing operations remain).
    let dir = scratch("bound-default", &text);
    let result = armgen::Config::new(&dir)
        .spec("bomb.yaml", "bomb")
        .resolve();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(result.is_ok(), "{:?}", result.err());
}

/// The command line under a 1 GiB address-space limit, on a 420 KB spec
/// whose aliases would expand to some 5 GB: it must end with the diagnostic,
/// not be killed for memory.
#[cfg(unix)]
#[test]
fn a_spec_that_would_expand_to_gigabytes_fails_fast_in_bounded_memory() {
    let dir = scratch("linear", &linear_bomb(2000, 40_000));
    let size = std::fs::metadata(dir.join("bomb.yaml")).unwrap().len();
    assert!(size < 500_000, "{size}");
    let started = Instant::now();
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 1048576 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_armgen"))
        .args(["check", "--root"])
        .arg(&dir)
        .args(["--spec", "bomb.yaml=bomb"])
        .output()
        .unwrap();
    let elapsed = started.elapsed();
    std::fs::remove_dir_all(&dir).unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");
    assert!(stderr.contains("YAML aliases expand too far"), "{stderr}");
    assert!(stderr.contains("alias `*s`"), "{stderr}");
    assert!(stderr.contains("bomb.yaml:"), "{stderr}");
    assert!(stderr.contains("(at #/x-copies/"), "{stderr}");
}
