//! Generates the bindings from `spec/` into `OUT_DIR` with the armgen
//! library, as `armgen.yaml` says. Only I/O happens here; everything else is
//! armgen's.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    // Cargo scans a directory named here recursively, so a new spec or
    // example file triggers a rebuild too.
    println!("cargo:rerun-if-changed=spec");
    println!("cargo:rerun-if-changed={}", armgen::PROJECT_FILE);
    let Some(out_dir) = std::env::var_os("OUT_DIR") else {
        eprintln!("OUT_DIR is not set: run this build script through cargo");
        return ExitCode::FAILURE;
    };
    let result = armgen::Config::from_project(".")
        .and_then(|project| project.config.generate())
        .and_then(|output| {
            for input in &output.inputs {
                println!("cargo:rerun-if-changed={}", input.display());
            }
            output.write_to(&PathBuf::from(out_dir).join("armgen"))
        });
    match result {
        Ok(_) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("armgen could not generate the bindings from spec/:\n\n{error}");
            ExitCode::FAILURE
        }
    }
}
