//! Generates bindings with armgen for the AutoRest test server's swaggers,
//! one swagger at a time, so that a swagger armgen refuses does not sink the
//! others.
//!
//! The swaggers come from the npm package `@microsoft.azure/autorest.testserver`
//! (pinned in `package-lock.json`): `ARMGEN_AUTOREST_TESTSERVER` names the
//! package folder; by default it is `node_modules/@microsoft.azure/autorest.testserver`
//! beside this file, which this script installs with `npm ci` from the lock
//! file when it is missing (the README's one test command must work on a new
//! machine). When the package cannot be had the crate is empty and the tests
//! fail, unless `ARMGEN_SKIP_AUTOREST=1`; `ARMGEN_REQUIRE_AUTOREST=1` (as in
//! CI) makes it a build error here already.
//!
//! Besides the bindings (`OUT_DIR/specs/<module>/`, included by
//! `OUT_DIR/bindings.rs`), it writes `OUT_DIR/swaggers.rs`: every swagger of
//! the package with what became of it (generated, refused with armgen's
//! located diagnostics, excluded with the reason, or out of scope), which the
//! tests print.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The test server's package folder, when set.
const TESTSERVER_ENV: &str = "ARMGEN_AUTOREST_TESTSERVER";
/// Set to `1` to make a missing test server a build error instead of a skip.
const REQUIRE_ENV: &str = "ARMGEN_REQUIRE_AUTOREST";
/// Where `npm ci` puts the package, relative to this crate.
const DEFAULT_PACKAGE: &str = "node_modules/@microsoft.azure/autorest.testserver";

/// What to do with one swagger of the package.
enum Plan {
    /// Generate it and compile the bindings into the crate.
    Include,
    /// Generate it (to record whether armgen accepts it) but leave the code
    /// out of the crate, for the reason given: it does not compile yet. No
    /// swagger needs it at the moment; it stays for the next one that does.
    #[allow(dead_code)]
    Exclude(&'static str),
    /// Not part of issue 11's scope, for the reason given.
    OutOfScope(&'static str),
}

use Plan::{Exclude, Include, OutOfScope};

/// Swaggers whose scenarios send nulls the spec does not declare (items of
/// `…WithNull` lists, `…NotProvided` or `…Null` bodies that are empty): a
/// project whose service does that generates with `nulls: tolerated`, as
/// these do, and gets `Option`s where the wire may hold a null.
const TOLERATE_NULLS: &[&str] = &[
    "body-array",
    "body-byte",
    "body-complex",
    "body-dictionary",
    "body-string",
    "httpInfrastructure",
    "reserved-words",
];

/// Every swagger of the package: file stem, module name, plan. The scope is
/// issue 11's: every Azure-flavoured swagger, and the vanilla ones that
/// exercise what ARM specs use.
const SWAGGERS: &[(&str, &str, Plan)] = &[
    // Azure-flavoured (report-azure.json).
    (
        "azure-parameter-grouping",
        "azure_parameter_grouping",
        Include,
    ),
    ("azure-report", "azure_report", Include),
    ("azure-resource", "azure_resource", Include),
    ("azure-resource-x", "azure_resource_x", Include),
    (
        "azure-special-properties",
        "azure_special_properties",
        Include,
    ),
    ("custom-baseUrl", "custom_base_url", Include),
    (
        "custom-baseUrl-more-options",
        "custom_base_url_more_options",
        Include,
    ),
    ("custom-baseUrl-paging", "custom_base_url_paging", Include),
    ("head", "head", Include),
    ("head-exceptions", "head_exceptions", Include),
    ("lro", "lro", Include),
    (
        "lro-parameterized-endpoints",
        "lro_parameterized_endpoints",
        Include,
    ),
    ("paging", "paging", Include),
    ("security-aad", "security_aad", Include),
    ("storage", "storage", Include),
    (
        "subscriptionId-apiVersion",
        "subscription_id_api_version",
        Include,
    ),
    ("xms-error-responses", "xms_error_responses", Include),
    // Vanilla (report-vanilla.json), what ARM specs use.
    ("additionalProperties", "additional_properties", Include),
    ("body-array", "body_array", Include),
    ("body-binary", "body_binary", Include),
    ("body-boolean", "body_boolean", Include),
    ("body-byte", "body_byte", Include),
    ("body-complex", "body_complex", Include),
    ("body-date", "body_date", Include),
    ("body-datetime", "body_datetime", Include),
    ("body-datetime-rfc1123", "body_datetime_rfc1123", Include),
    ("body-dictionary", "body_dictionary", Include),
    ("body-duration", "body_duration", Include),
    ("body-file", "body_file", Include),
    ("body-formdata", "body_formdata", Include),
    (
        "body-formdata-urlencoded",
        "body_formdata_urlencoded",
        Include,
    ),
    ("body-integer", "body_integer", Include),
    ("body-number", "body_number", Include),
    ("body-string", "body_string", Include),
    ("body-time", "body_time", Include),
    ("complex-model", "complex_model", Include),
    (
        "extensible-enums-swagger",
        "extensible_enums_swagger",
        Include,
    ),
    ("header", "header", Include),
    ("httpInfrastructure", "http_infrastructure", Include),
    ("media_types", "media_types", Include),
    ("model-flattening", "model_flattening", Include),
    ("required-optional", "required_optional", Include),
    ("reserved-words", "reserved_words", Include),
    ("url", "url", Include),
    (
        "url-multi-collectionFormat",
        "url_multi_collection_format",
        Include,
    ),
    ("validation", "validation", Include),
    // Vanilla swaggers beyond what ARM specs use, counted in report-vanilla.json
    // all the same (free-form values, constants, several parents, errors).
    ("any-type", "any_type", Include),
    ("client-enum", "client_enum", Include),
    ("constants", "constants", Include),
    ("error-with-secrets", "error_with_secrets", Include),
    (
        "incorrect-error-response",
        "incorrect_error_response",
        Include,
    ),
    ("merge-patch", "merge_patch", Include),
    ("multiple-inheritance", "multiple_inheritance", Include),
    ("non-string-enum", "non_string_enum", Include),
    ("object-type", "object_type", Include),
    ("parameterized-endpoint", "parameterized_endpoint", Include),
    // Outside the scope of issue 11.
    (
        "body-boolean.quirks",
        "body_boolean_quirks",
        OutOfScope(QUIRKS),
    ),
    (
        "body-number.quirks",
        "body_number_quirks",
        OutOfScope(QUIRKS),
    ),
    (
        "body-string.quirks",
        "body_string_quirks",
        OutOfScope(QUIRKS),
    ),
    ("dpg-customization", "dpg_customization", OutOfScope(DPG)),
    ("dpg-initial", "dpg_initial", OutOfScope(DPG)),
    ("dpg-update1", "dpg_update1", OutOfScope(DPG)),
    (
        "httpInfrastructure.quirks",
        "http_infrastructure_quirks",
        OutOfScope(QUIRKS),
    ),
    ("multiapi-v0", "multiapi_v0", OutOfScope(MULTIAPI)),
    ("multiapi-v1", "multiapi_v1", OutOfScope(MULTIAPI)),
    (
        "multiapi-v1-custom-base-url",
        "multiapi_v1_custom_base_url",
        OutOfScope(MULTIAPI),
    ),
    ("multiapi-v2", "multiapi_v2", OutOfScope(MULTIAPI)),
    (
        "multiapi-v2-custom-base-url",
        "multiapi_v2_custom_base_url",
        OutOfScope(MULTIAPI),
    ),
    ("multiapi-v3", "multiapi_v3", OutOfScope(MULTIAPI)),
    ("no-operations", "no_operations", OutOfScope(NOT_ARM)),
    (
        "parameter-flattening",
        "parameter_flattening",
        OutOfScope(NOT_ARM),
    ),
    ("report", "report", OutOfScope(NOT_ARM)),
    ("security-key", "security_key", OutOfScope(NOT_ARM)),
    (
        "xml-service",
        "xml_service",
        OutOfScope("XML bodies: ARM is JSON only"),
    ),
];

const QUIRKS: &str = "a variant of the same routes for generators with legacy quirks";
const NOT_ARM: &str = "a construct ARM specs do not use";
const DPG: &str = "data-plane (DPG) generator features";
const MULTIAPI: &str = "multi-api-version packaging, a generator-side feature";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-env-changed={TESTSERVER_ENV}");
    println!("cargo:rerun-if-env-changed={REQUIRE_ENV}");
    println!("cargo:rerun-if-changed=package-lock.json");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    let manifest = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").ok_or("CARGO_MANIFEST_DIR is not set")?,
    );

    let (package, missing) = match locate_package(&manifest) {
        Ok(package) => (package, None),
        Err((package, why)) => (package, Some(why)),
    };
    let package = std::path::absolute(&package)?;
    // Seen by cargo: deleting or upgrading the package regenerates.
    println!(
        "cargo:rerun-if-changed={}",
        package.join("package.json").display()
    );

    let mut bindings = String::from("// @generated by arm-autorest's build script.\n");
    let mut table = String::from("// @generated by arm-autorest's build script.\n");
    writeln!(
        table,
        "/// The test server's package folder the swaggers were read from.\npub const TESTSERVER_DIR: &str = {:?};",
        package.display().to_string()
    )?;
    writeln!(
        table,
        "/// Why the test server's package was not found, when it was not.\npub const TESTSERVER_MISSING: Option<&str> = {:?};",
        missing
    )?;
    writeln!(
        table,
        "/// Every swagger of the package and what became of it.\npub const SWAGGERS: &[Swagger] = &["
    )?;

    if let Some(why) = &missing {
        if std::env::var(REQUIRE_ENV).is_ok_and(|v| v == "1") {
            return Err(
                format!("the AutoRest test server is required ({REQUIRE_ENV}=1): {why}").into(),
            );
        }
        println!("cargo:warning=arm-autorest is empty: {why}");
    } else {
        let swaggers = package.join("swagger");
        for (stem, module, plan) in SWAGGERS {
            let file = format!("{stem}.json");
            let outcome = match plan {
                OutOfScope(why) => format!("Outcome::OutOfScope({why:?})"),
                Include | Exclude(_) => {
                    let subdir = format!("specs/{module}");
                    let result = armgen::Config::new(&swaggers)
                        .spec(&file, *module)
                        .out_subdir(&subdir)
                        // Each swagger's index would define `SERVICES`;
                        // behind a feature this crate never turns on, the
                        // `dynamic` modules are neither compiled nor clash.
                        .dynamic_feature("dynamic")
                        .nulls(if TOLERATE_NULLS.contains(stem) {
                            armgen::Nulls::Tolerated
                        } else {
                            armgen::Nulls::Declared
                        })
                        .compile();
                    match (result, plan) {
                        (Ok(_), Include) => {
                            writeln!(
                                bindings,
                                "include!(concat!(env!(\"OUT_DIR\"), \"/{subdir}/mod.rs\"));"
                            )?;
                            "Outcome::Generated".to_owned()
                        }
                        (Ok(_), Exclude(why) | OutOfScope(why)) => {
                            format!("Outcome::Excluded({why:?})")
                        }
                        (Err(error), _) => {
                            // A refused swagger is still watched, so fixing
                            // armgen or the file regenerates it.
                            println!("cargo:rerun-if-changed={}", swaggers.join(&file).display());
                            format!("Outcome::Refused({:?})", error.to_string())
                        }
                    }
                }
            };
            writeln!(
                table,
                "    Swagger {{ file: {file:?}, module: {module:?}, outcome: {outcome} }},"
            )?;
        }
    }
    table.push_str("];\n");
    std::fs::write(out.join("bindings.rs"), bindings)?;
    std::fs::write(out.join("swaggers.rs"), table)?;
    Ok(())
}

/// The test server's package folder, or that folder and why it is missing.
/// Without `ARMGEN_AUTOREST_TESTSERVER`, installs the locked package with
/// `npm ci` when it is not there yet (or is another version than locked).
fn locate_package(manifest: &Path) -> Result<PathBuf, (PathBuf, String)> {
    if let Some(dir) = std::env::var_os(TESTSERVER_ENV) {
        let dir = PathBuf::from(dir);
        return if dir.join("swagger").is_dir() {
            Ok(dir)
        } else {
            let why = format!(
                "{TESTSERVER_ENV}=`{}` has no `swagger/` folder",
                dir.display()
            );
            Err((dir, why))
        };
    }
    let dir = manifest.join(DEFAULT_PACKAGE);
    let locked = locked_version(manifest);
    if dir.join("swagger").is_dir() && installed_version(&dir) == locked {
        return Ok(dir);
    }
    // `npm ci` installs exactly what package-lock.json pins; its output is
    // kept for the error message only.
    let npm = if cfg!(windows) { "npm.cmd" } else { "npm" };
    let result = Command::new(npm)
        .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund"])
        .current_dir(manifest)
        .output();
    match result {
        Ok(output) if output.status.success() && dir.join("swagger").is_dir() => Ok(dir),
        Ok(output) => {
            let why = format!(
                "`npm ci` in {} failed ({}): {}",
                manifest.display(),
                output.status,
                String::from_utf8_lossy(&output.stderr).trim()
            );
            Err((dir, why))
        }
        Err(error) => Err((
            dir,
            format!(
                "`npm ci` could not run ({error}); install Node.js and npm, or set {TESTSERVER_ENV}"
            ),
        )),
    }
}

/// The test server version package-lock.json pins.
fn locked_version(manifest: &Path) -> Option<String> {
    let lock = std::fs::read_to_string(manifest.join("package-lock.json")).ok()?;
    let key = format!("\"{DEFAULT_PACKAGE}\": {{");
    let rest = &lock[lock.find(&key)? + key.len()..];
    version_field(rest)
}

/// The version of the installed test server.
fn installed_version(dir: &Path) -> Option<String> {
    version_field(&std::fs::read_to_string(dir.join("package.json")).ok()?)
}

/// The first `"version": "…"` in `text`.
fn version_field(text: &str) -> Option<String> {
    let rest = &text[text.find("\"version\"")? + "\"version\"".len()..];
    let rest = rest
        .trim_start()
        .strip_prefix(':')?
        .trim_start()
        .strip_prefix('"')?;
    Some(rest[..rest.find('"')?].to_owned())
}
