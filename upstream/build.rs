//! Generates bindings from the upstream specs that `armgen.yaml` lists. When
//! the specs are missing the crate is empty, unless ARMGEN_REQUIRE_UPSTREAM=1
//! (as in CI) makes that a build error.

/// Set to `1` to make missing upstream specs an error instead of a skip.
const REQUIRE_ENV: &str = "ARMGEN_REQUIRE_UPSTREAM";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-env-changed={REQUIRE_ENV}");
    // Tests that name the generated modules compile only when they exist.
    println!("cargo::rustc-check-cfg=cfg(upstream_specs)");
    let project = armgen::Config::from_project_file("armgen.yaml")?;
    let root = std::path::absolute(&project.spec_root)?;
    println!(
        "cargo:rustc-env=ARMGEN_UPSTREAM_SPECS_DIR={}",
        root.display()
    );
    if root.is_dir() {
        project.config.compile()?;
        println!("cargo::rustc-cfg=upstream_specs");
        return Ok(());
    }
    if std::env::var(REQUIRE_ENV).is_ok_and(|v| v == "1") {
        return Err(format!(
            "the upstream specs are required ({REQUIRE_ENV}=1) but `{}` does not exist; set ARMGEN_UPSTREAM_SPECS to a checkout of azure-rest-api-specs",
            root.display()
        )
        .into());
    }
    println!("cargo:rerun-if-changed={}", root.display());
    println!(
        "cargo:warning=upstream specs not found at {}: arm-upstream is empty",
        root.display()
    );
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    std::fs::create_dir_all(out.join("armgen"))?;
    std::fs::write(
        out.join("armgen/mod.rs"),
        "/// No upstream specs were found at build time.\npub const SERVICES: &[armgen_runtime::ServiceInfo] = &[];\n",
    )?;
    Ok(())
}
