//! Generates the bindings from `spec/` into `OUT_DIR`, as `armgen.yaml` says:
//! the same one call any crate with armgen bindings makes.

fn main() -> Result<(), armgen::Error> {
    armgen::Config::from_project(".")?.config.compile()?;
    Ok(())
}
