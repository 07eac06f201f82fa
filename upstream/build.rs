//! Generates bindings from the upstream specs with armgen. The settings live
//! in `armgen::upstream`, shared with the benchmark.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    println!("cargo:rerun-if-env-changed={}", armgen::upstream::SPECS_ENV);
    println!(
        "cargo:rerun-if-env-changed={}",
        armgen::upstream::REQUIRE_ENV
    );
    let Some(out_dir) = std::env::var_os("OUT_DIR") else {
        eprintln!("OUT_DIR is not set: run this build script through cargo");
        return ExitCode::FAILURE;
    };
    let out = PathBuf::from(out_dir).join("armgen");
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let dir = armgen::upstream::specs_dir(manifest.parent().unwrap_or(&manifest));
    println!(
        "cargo:rustc-env=ARMGEN_UPSTREAM_SPECS_DIR={}",
        dir.display()
    );
    println!("cargo:rerun-if-changed={}", dir.display());
    let result = if dir.is_dir() {
        armgen::upstream::config(&dir)
            .generate()
            .and_then(|output| {
                for input in &output.inputs {
                    println!("cargo:rerun-if-changed={}", input.display());
                }
                output.write_to(&out)
            })
    } else if armgen::upstream::required() {
        eprintln!(
            "the upstream specs are required ({}=1) but `{}` does not exist; set {} to a checkout of azure-rest-api-specs",
            armgen::upstream::REQUIRE_ENV,
            dir.display(),
            armgen::upstream::SPECS_ENV
        );
        return ExitCode::FAILURE;
    } else {
        println!(
            "cargo:warning=upstream specs not found at {}: arm-upstream is empty",
            dir.display()
        );
        armgen::upstream::empty().write_to(&out)
    };
    match result {
        Ok(_) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("armgen could not generate the upstream bindings:\n\n{error}");
            ExitCode::FAILURE
        }
    }
}
