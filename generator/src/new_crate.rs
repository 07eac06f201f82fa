//! `armgen new`: writes a ready crate of bindings for a user's specs, the way
//! `cargo progenitor` writes one for an OpenAPI document.
//!
//! The crate is what the README's "Use armgen in your crate" section
//! describes, nothing more: a `Cargo.toml` naming `armgen-runtime` (and
//! `armgen` to build), a build script of one call, `src/lib.rs` including the
//! result, an `armgen.yaml`, a README, and a test that calls a generated
//! operation against the local ARM emulator over HTTPS. The specs, with every
//! file they `$ref`, are copied below `spec/` with their relative layout, so
//! the crate builds on its own.

use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use armgen::Error;
use armgen::ir::{HttpMethod, ModelKind, Operation, ParamLocation, Service, TypeRef};

use crate::Args;

/// The version of the armgen crates a new crate depends on.
const VERSION: &str = env!("CARGO_PKG_VERSION");

pub(crate) fn run(args: &Args) -> Result<ExitCode, Error> {
    let target = args.target.clone().ok_or_else(|| {
        Error::Usage("armgen new needs the crate's folder: armgen new DIR --spec FILE".to_owned())
    })?;
    if args.specs.is_empty() {
        return Err(Error::Usage(
            "armgen new needs at least one --spec FILE[=MODULE]".to_owned(),
        ));
    }
    if std::fs::read_dir(&target).is_ok_and(|mut entries| entries.next().is_some()) {
        return Err(Error::Usage(format!(
            "{} exists and is not empty; armgen new writes a new crate",
            target.display()
        )));
    }
    let name = match &args.name {
        Some(name) => name.clone(),
        None => target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        || name.starts_with(|c: char| c.is_ascii_digit())
    {
        return Err(Error::Usage(format!(
            "`{name}` is not a valid package name: use letters, digits, `-` and `_` (or pass --name)"
        )));
    }

    // Resolve first: a broken spec stops here with its located diagnostics,
    // before anything is written, and the loader says which files it read.
    let mut config = armgen::Config::new(".");
    let mut modules = Vec::new();
    for (file, module) in &args.specs {
        let module = if module.is_empty() {
            let stem = file
                .file_stem()
                .map(|s| s.to_string_lossy())
                .unwrap_or_default();
            armgen::naming::unraw(&armgen::naming::module_name(&stem)).to_owned()
        } else {
            module.clone()
        };
        config = config.spec(file, &module);
        modules.push((file.clone(), module));
    }
    for alias in &args.aliases {
        config = config.ref_alias(alias).ok_or_else(|| {
            Error::Usage(format!(
                "--ref-alias `{alias}` is not of the form FILE#/missing=#/existing"
            ))
        })?;
    }
    let (api, inputs) = config.resolve()?;

    let absolute = |p: &Path| {
        std::path::absolute(p)
            .map(|a| armgen::load::normalize(&a))
            .map_err(|e| Error::Usage(format!("{}: {e}", p.display())))
    };
    let inputs: Vec<PathBuf> = inputs
        .iter()
        .map(|p| absolute(p))
        .collect::<Result<_, _>>()?;
    let base = common_ancestor(&inputs);
    let spec_dir = target.join("spec");
    for input in &inputs {
        let relative = input.strip_prefix(&base).unwrap_or(input);
        let to = spec_dir.join(relative);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
        }
        std::fs::copy(input, &to).map_err(|e| io(&to, e))?;
    }

    let mut settings = String::from(
        "# Generation settings, read by build.rs (and by `armgen generate` if you\n# check the code in instead).\nspecs:\n",
    );
    for (file, module) in &modules {
        let file = absolute(file)?;
        let relative = file.strip_prefix(&base).unwrap_or(&file);
        let _ = writeln!(
            settings,
            "  - file: spec/{}\n    module: {module}",
            relative.display().to_string().replace('\\', "/")
        );
    }
    if !args.aliases.is_empty() {
        settings.push_str("ref_aliases:\n");
        for alias in &args.aliases {
            let _ = writeln!(settings, "  - '{}'", alias.replace('\'', "''"));
        }
    }
    settings.push_str(
        "# Every operation callable by operationId, and the SERVICES table the\n# emulator serves, only with this cargo feature.\ndynamic_feature: dynamic\n",
    );

    let dependency = |krate: &str, folder: &str| match &args.local {
        Some(checkout) => {
            let path = std::path::absolute(checkout.join(folder))
                .unwrap_or_else(|_| checkout.join(folder));
            format!(
                "{krate} = {{ version = \"{VERSION}\", path = \"{}\" }}",
                path.display().to_string().replace('\\', "/")
            )
        }
        None => format!("{krate} = \"{VERSION}\""),
    };
    let manifest = format!(
        r#"[package]
name = "{name}"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
{runtime}

[build-dependencies]
{armgen}

[features]
# The `dynamic` modules and `SERVICES`: every operation by operationId.
dynamic = []

[dev-dependencies]
{name} = {{ path = ".", features = ["dynamic"] }}
{emulator}
tokio = {{ version = "1", features = ["macros", "rt-multi-thread"] }}
"#,
        runtime = dependency("armgen-runtime", "runtime"),
        armgen = dependency("armgen", "generator"),
        emulator = dependency("armgen-emulator", "emulator"),
    );

    let lib = format!(
        "//! Azure Resource Manager bindings for {}, generated by armgen at build\n//! time from the specs in `spec/` (see `armgen.yaml`).\n\narmgen_runtime::include_bindings!();\n",
        modules
            .iter()
            .map(|(_, m)| format!("`{m}`"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let crate_ident = name.replace('-', "_");
    let test = emulator_test(&crate_ident, &api.services);
    let readme = readme(&name, &modules);

    let files: [(&str, &str); 6] = [
        ("Cargo.toml", &manifest),
        ("build.rs", BUILD_RS),
        ("armgen.yaml", &settings),
        ("src/lib.rs", &lib),
        ("tests/emulator.rs", &test),
        ("README.md", &readme),
    ];
    for (file, text) in files {
        let path = target.join(file);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
        }
        std::fs::write(&path, text).map_err(|e| io(&path, e))?;
    }
    println!(
        "wrote crate `{name}` in {} ({} spec file(s) copied to spec/); try `cargo test` there",
        target.display(),
        inputs.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// The build script of every crate `armgen new` writes: the README's.
pub(crate) const BUILD_RS: &str = "fn main() -> Result<(), armgen::Error> {
    armgen::Config::from_project(\".\")?.config.compile()?;
    Ok(())
}
";

/// A file that cannot be written or copied: armgen's own I/O error.
fn io(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The deepest folder holding every file of `files` (absolute, normalized).
fn common_ancestor(files: &[PathBuf]) -> PathBuf {
    let mut base: Option<Vec<Component<'_>>> = None;
    for file in files {
        let parent: Vec<Component<'_>> = file.parent().unwrap_or(file).components().collect();
        base = Some(match base {
            None => parent,
            Some(current) => current
                .iter()
                .zip(&parent)
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| *a)
                .collect(),
        });
    }
    base.unwrap_or_default().iter().collect()
}

/// A resource the test can walk through: a GET of one item, and the PUT and
/// DELETE of the same path when the spec has them.
struct Walk<'a> {
    service: &'a Service,
    group: &'a str,
    get: &'a Operation,
    put: Option<&'a Operation>,
    delete: Option<&'a Operation>,
}

/// Whether the generated client method takes only `&str` path arguments
/// (the subscription is the client's), so the test can call it with
/// placeholder names: no required parameter group (a struct) either.
fn simple(op: &Operation) -> bool {
    op.pageable.is_none()
        && op.param_groups.iter().all(|g| !g.required)
        && op.params.iter().all(|p| {
            !p.required
                || !p.is_argument()
                || (p.location == ParamLocation::Path && p.ty == TypeRef::String)
                || p.location == ParamLocation::Body
        })
}

fn walk(services: &[Service]) -> Option<Walk<'_>> {
    for service in services {
        for group in &service.groups {
            for get in &group.operations {
                let ends_in_param = get.path_template.trim_end_matches('/').ends_with('}');
                let no_body = get.params.iter().all(|p| p.location != ParamLocation::Body);
                if get.method != HttpMethod::Get
                    || !ends_in_param
                    || !no_body
                    || !simple(get)
                    || get.long_running.is_some()
                {
                    continue;
                }
                let same = |method: HttpMethod| {
                    group.operations.iter().find(|o| {
                        o.method == method && o.path_template == get.path_template && simple(o)
                    })
                };
                let put = same(HttpMethod::Put).filter(|put| {
                    put.params
                        .iter()
                        .filter(|p| p.location == ParamLocation::Body)
                        .all(|p| body_defaults(service, &p.ty))
                });
                let delete = same(HttpMethod::Delete);
                return Some(Walk {
                    service,
                    group: &group.name,
                    get,
                    put,
                    delete,
                });
            }
        }
    }
    None
}

/// Whether a body of this type can be made with `Default::default()` (a
/// model whose fields are all optional).
fn body_defaults(service: &Service, ty: &TypeRef) -> bool {
    let TypeRef::Model(name) = ty else {
        return false;
    };
    service.models.iter().any(|m| {
        &m.name == name
            && matches!(&m.kind, ModelKind::Struct(s) if s.fields.iter().all(|f| !f.required))
    })
}

/// The arguments of a call, in the generated method's order: a placeholder
/// name per path parameter, `&body` for the body.
fn call_args(op: &Operation) -> String {
    let mut args = Vec::new();
    for p in op.params.iter().filter(|p| p.required && p.is_argument()) {
        if p.location == ParamLocation::Body {
            args.push("&body".to_owned());
        } else if p.wire_name.eq_ignore_ascii_case("resourceGroupName") {
            args.push("RESOURCE_GROUP".to_owned());
        } else {
            args.push(format!("\"example-{}\"", p.wire_name.to_lowercase()));
        }
    }
    args.push("None".to_owned());
    args.join(", ")
}

fn emulator_test(krate: &str, services: &[Service]) -> String {
    let mut text = String::from(
        "//! The generated async client against the local ARM emulator, over HTTPS on\n//! 127.0.0.1: written by `armgen new`; add your own scenarios.\n\n",
    );
    let Some(walk) = walk(services) else {
        let _ = write!(
            text,
            "use armgen_emulator::{{Emulator, EmulatorConfig}};\n\n#[tokio::test]\nasync fn the_emulator_serves_every_generated_operation() {{\n    let emulator = Emulator::start(EmulatorConfig::new().with_services({krate}::SERVICES))\n        .await\n        .expect(\"the emulator starts\");\n    let operations: usize = {krate}::SERVICES.iter().map(|s| s.operations.len()).sum();\n    assert!(emulator.routes().len() >= operations);\n    emulator.shutdown().await;\n}}\n"
        );
        return text;
    };
    let service = walk.service;
    let module = &service.module;
    let client = &service.client_name;
    // As the generator names it: `Self_` has the options `SelfOptions`.
    let client_options = armgen::naming::join(&[client, "Options"]);
    let group = walk.group;
    let get = &walk.get.name;
    let get_args = call_args(walk.get);
    let error = match &walk.get.error {
        Some(TypeRef::Model(name)) => format!("{krate}::{module}::models::{name}"),
        _ => "armgen_runtime::__private::serde_json::Value".to_owned(),
    };
    let _ = write!(
        text,
        r#"use armgen_emulator::{{Emulator, EmulatorConfig}};
use armgen_runtime::ResponseError;
use {krate}::{module}::clients::{{{client}, {client_options}}};

const SUBSCRIPTION: &str = "00000000-0000-0000-0000-000000000000";
const RESOURCE_GROUP: &str = "example-rg";

async fn start() -> (Emulator, {client}) {{
    let emulator = Emulator::start(EmulatorConfig::new().with_services({krate}::SERVICES))
        .await
        .expect("the emulator starts");
    emulator.add_resource_group(SUBSCRIPTION, RESOURCE_GROUP);
    let options = {client_options} {{
        client_options: emulator.client_options(),
        endpoint: Some(emulator.endpoint_url()),
        ..Default::default()
    }};
    let client = {client}::new(SUBSCRIPTION, emulator.credential(), Some(options))
        .expect("the client builds");
    (emulator, client)
}}

/// The HTTP status of a failed call, from the typed ARM error it holds.
fn status(error: &armgen_runtime::azure_core::Error) -> u16 {{
    error
        .downcast_ref::<ResponseError<{error}>>()
        .map(|e| e.status())
        .expect("an ARM error response")
}}

#[tokio::test]
async fn a_missing_resource_is_not_found() {{
    let (emulator, client) = start().await;
    let error = client
        .{group}()
        .{get}({get_args})
        .await
        .expect_err("nothing was created");
    assert_eq!(status(&error), 404);
    emulator.shutdown().await;
}}
"#
    );
    if let Some(put) = walk.put {
        let body_ty = put
            .params
            .iter()
            .find(|p| p.location == ParamLocation::Body)
            .and_then(|p| match &p.ty {
                TypeRef::Model(name) => Some(format!("{krate}::{module}::models::{name}")),
                _ => None,
            });
        let body = body_ty
            .map(|ty| format!("    let body = {ty}::default();\n"))
            .unwrap_or_default();
        let put_args = call_args(put);
        // A long-running create is `begin_*`: the poller is built at once and
        // sends when awaited.
        let (put_name, finish) = if put.long_running.is_some() {
            (
                format!("begin_{}", put.name.trim_start_matches("r#")),
                ".expect(\"the create is accepted\")\n        .await\n        .expect(\"the operation completes\")",
            )
        } else {
            (
                put.name.clone(),
                ".await\n        .expect(\"the create is accepted\")\n        .into_model()\n        .expect(\"the resource decodes\")",
            )
        };
        let _ = write!(
            text,
            r#"
#[tokio::test]
async fn a_created_resource_can_be_read_back() {{
    let (emulator, client) = start().await;
{body}    let _created = client
        .{group}()
        .{put_name}({put_args})
        {finish};
    client
        .{group}()
        .{get}({get_args})
        .await
        .expect("the resource exists")
        .into_model()
        .expect("the resource decodes");
"#
        );
        if let Some(delete) = walk.delete {
            let delete_args = call_args(delete);
            let (delete_name, finish) = if delete.long_running.is_some() {
                (
                    format!("begin_{}", delete.name.trim_start_matches("r#")),
                    ".expect(\"the delete is accepted\")\n        .await\n        .expect(\"the delete completes\");",
                )
            } else {
                (
                    delete.name.clone(),
                    ".await\n        .expect(\"the delete is accepted\");",
                )
            };
            let _ = write!(
                text,
                r#"    client
        .{group}()
        .{delete_name}({delete_args})
        {finish}
    let error = client
        .{group}()
        .{get}({get_args})
        .await
        .expect_err("the resource is gone");
    assert_eq!(status(&error), 404);
"#
            );
        }
        text.push_str("    emulator.shutdown().await;\n}\n");
    }
    text
}

fn readme(name: &str, modules: &[(PathBuf, String)]) -> String {
    let list: String = modules
        .iter()
        .map(|(file, module)| format!("- `{module}`: from `{}`\n", file.display()))
        .collect();
    format!(
        r#"# {name}

Azure Resource Manager bindings generated by armgen from the specs in
`spec/`:

{list}
The build script generates them at every `cargo build` in which a spec (or
`armgen.yaml`) changed; `src/lib.rs` includes them with
`armgen_runtime::include_bindings!()`. A broken spec fails the build with
every problem located by file, line:column and JSON pointer.

```sh
cargo build   # generate and compile the bindings
cargo test    # the generated client against the local ARM emulator (HTTPS on 127.0.0.1)
```

To change what is generated, edit `armgen.yaml` (specs and module names,
`ref_aliases` for upstream specs with dangling references, `secret_names`)
and the specs in `spec/`. `cargo doc --open` shows the generated API:
models, a `*_request`/`*_response` pair per operation, and an async client
per spec on `azure_core`.
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PUT of the same path as a GET, with a body the test can default:
    /// one the written test would call, unless its path parameter is in a
    /// required parameter group (`grouped`).
    fn spec(grouped: bool) -> String {
        let grouping = if grouped {
            ", x-ms-parameter-grouping: {name: put-options}"
        } else {
            ""
        };
        format!(
            r##"swagger: "2.0"
info: {{title: Walk, version: "2024-01-01"}}
host: management.azure.com
paths:
  /subscriptions/{{subscriptionId}}/things/{{name}}:
    get:
      operationId: Things_Get
      parameters:
        - {{name: subscriptionId, in: path, required: true, type: string}}
        - {{name: name, in: path, required: true, type: string}}
      responses:
        "200": {{description: OK, schema: {{$ref: "#/definitions/Thing"}}}}
    put:
      operationId: Things_Put
      parameters:
        - {{name: subscriptionId, in: path, required: true, type: string}}
        - {{name: name, in: path, required: true, type: string{grouping}}}
        - {{name: thing, in: body, required: true, schema: {{$ref: "#/definitions/Thing"}}}}
      responses:
        "200": {{description: OK, schema: {{$ref: "#/definitions/Thing"}}}}
definitions:
  Thing:
    type: object
    properties:
      size: {{type: integer, format: int32}}
"##
        )
    }

    fn written_test(grouped: bool) -> String {
        let dir =
            std::env::temp_dir().join(format!("armgen-new-walk-{}-{grouped}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("walk.yaml"), spec(grouped)).unwrap();
        let resolved = armgen::Config::new(&dir)
            .spec("walk.yaml", "walk")
            .resolve();
        std::fs::remove_dir_all(&dir).unwrap();
        let (api, _) = resolved.unwrap_or_else(|e| panic!("{e}"));
        emulator_test("bindings", &api.services)
    }

    /// The test `armgen new` writes calls methods with placeholder strings:
    /// a method that takes a required parameter group (a struct) is not one
    /// it can call.
    #[test]
    fn the_written_test_never_calls_a_method_that_takes_a_required_group() {
        let plain = written_test(false);
        assert!(
            plain.contains(".put(\"example-subscriptionid\", \"example-name\", &body, None)"),
            "{plain}"
        );
        let grouped = written_test(true);
        assert!(
            grouped.contains(".get(\"example-subscriptionid\", \"example-name\", None)"),
            "{grouped}"
        );
        assert!(!grouped.contains(".put("), "{grouped}");
    }
}
