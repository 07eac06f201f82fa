//! Specifications the emulator serves directly: read with armgen into its IR at start-up, so a
//! spec file is enough (no generated crate needed), and every behaviour of an operation (long
//! running or not, paged or not, what its body and answer look like, its examples) comes from
//! the spec itself.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use armgen::ir::{self, FinalStateVia, Model, ParamLocation, TypeRef};
use serde_json::{Map, Value};

use crate::catalog::provider_of;
use crate::routes::Route;

/// Specifications read for an [`Emulator`](crate::Emulator): every api-version of every
/// service armgen resolved, with their models and example files.
///
/// Build one with [`SpecSet::load`] (a spec file) or [`SpecSet::from_config`] (an armgen
/// [`Config`](armgen::Config), for several specs, `$ref` aliases or api-versions side by
/// side), and serve it with [`EmulatorConfig::with_specs`](crate::EmulatorConfig::with_specs).
#[derive(Clone, Default)]
pub struct SpecSet {
    pub(crate) services: Vec<Arc<SpecService>>,
}

impl fmt::Debug for SpecSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SpecSet")
            .field(
                "services",
                &self
                    .services
                    .iter()
                    .map(|s| format!("{} {}", s.module, s.api_version))
                    .collect::<Vec<_>>(),
            )
            .field("operations", &self.operation_count())
            .finish()
    }
}

/// An error reading a specification: armgen's message, which names the file, line, column
/// and JSON pointer of the problem.
#[derive(Debug)]
pub struct SpecError(String);

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SpecError {}

impl From<SpecError> for io::Error {
    fn from(error: SpecError) -> Self {
        io::Error::new(io::ErrorKind::InvalidData, error.0)
    }
}

impl SpecSet {
    /// Reads one spec file (YAML or JSON, OpenAPI 2.0 with Azure's extensions) and every file
    /// it refers to.
    ///
    /// # Errors
    ///
    /// Whatever armgen reports for the spec, located.
    pub fn load(path: impl AsRef<Path>) -> Result<SpecSet, SpecError> {
        let path = path.as_ref();
        let root = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let file = path.file_name().map(PathBuf::from).unwrap_or_default();
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("service");
        let config = armgen::Config::new(root).spec(file, module_name(stem));
        SpecSet::from_config(&config)
    }

    /// Resolves every spec of an armgen `config` (as its `generate` would) and reads them all.
    ///
    /// # Errors
    ///
    /// Whatever armgen reports for the specs, located.
    pub fn from_config(config: &armgen::Config) -> Result<SpecSet, SpecError> {
        let (api, _) = config.resolve().map_err(|e| SpecError(e.to_string()))?;
        Ok(SpecSet::from_api(&api, config.root()))
    }

    /// The services of an already resolved armgen IR; example files named relative are read
    /// from `root`.
    pub fn from_api(api: &ir::Api, root: &Path) -> SpecSet {
        let mut services = Vec::new();
        for service in &api.services {
            services.push(Arc::new(SpecService::new(service, &[], root)));
        }
        for provider in &api.providers {
            for version in &provider.versions {
                services.push(Arc::new(SpecService::new(version, &provider.shared, root)));
            }
        }
        SpecSet { services }
    }

    /// Adds the services of `other` (served after those already here).
    pub fn extend(&mut self, other: SpecSet) {
        self.services.extend(other.services);
    }

    /// How many operations the specs declare, over all services.
    pub fn operation_count(&self) -> usize {
        self.services.iter().map(|s| s.operations.len()).sum()
    }

    /// How many example files were found and read.
    pub fn example_count(&self) -> usize {
        self.services
            .iter()
            .flat_map(|s| &s.operations)
            .map(|op| op.examples.len())
            .sum()
    }

    /// Every example of every operation: `(operationId, api-version, example)`.
    pub fn examples(&self) -> impl Iterator<Item = (&str, &str, &SpecExample)> {
        self.services.iter().flat_map(|service| {
            service.operations.iter().flat_map(move |op| {
                op.examples
                    .iter()
                    .map(move |example| (op.id.as_str(), service.api_version.as_str(), example))
            })
        })
    }

    /// Every `(service module, api-version, operation)`: what `dynamic_calls::call` of the
    /// generated crate takes, for tests that drive every operation.
    pub fn operations(&self) -> impl Iterator<Item = SpecOperationInfo<'_>> {
        self.services.iter().flat_map(|service| {
            service.operations.iter().map(move |op| SpecOperationInfo {
                module: &service.module,
                api_version: &service.api_version,
                id: &op.id,
                method: op.route.method,
                template: op.route.template,
                long_running: op.long_running.is_some(),
                pageable: op.pageable.is_some(),
                examples: &op.examples,
            })
        })
    }

    /// Parameters that call `operation_id` of `api_version`, as an example file's `parameters`
    /// would, for an operation the spec gives no example of: path and query values as other
    /// examples of the service spell parameters of the same name (else a made-up value), the
    /// body synthesised from its schema (its required members). `None` if there is no such
    /// operation.
    pub fn sample_parameters(
        &self,
        api_version: &str,
        operation_id: &str,
    ) -> Option<Map<String, Value>> {
        let service = self.services.iter().find(|s| {
            s.api_version == api_version && s.operations.iter().any(|op| op.id == operation_id)
        })?;
        let op = service.operations.iter().find(|op| op.id == operation_id)?;
        let known = |name: &str| {
            service
                .operations
                .iter()
                .flat_map(|op| &op.examples)
                .find_map(|example| example.parameters.get(name).cloned())
        };
        let mut parameters = Map::new();
        parameters.insert("api-version".to_owned(), Value::from(api_version));
        for param in &op.params {
            let value = match param.location {
                ParamLocation::Body => {
                    let mut secret = |_: &str| "sample-secret".to_owned();
                    crate::schema::synthesize(service, &param.ty, &mut secret, &param.wire_name, 0)
                }
                // The emulator's calls carry JSON bodies: a form is not one.
                ParamLocation::Header | ParamLocation::Form => continue,
                ParamLocation::Path | ParamLocation::Query => match known(&param.wire_name) {
                    Some(value) => value,
                    None if !param.required => continue,
                    None if param.wire_name == "subscriptionId" => {
                        Value::from("00000000-0000-0000-0000-000000000000")
                    }
                    None => match param.constraints.allowed.first() {
                        Some(allowed) => Value::from(allowed.clone()),
                        None if param.constraints.format.is_some() => {
                            crate::schema::format_example(param.constraints.format)
                        }
                        None => Value::from(format!("sample-{}", param.wire_name.to_lowercase())),
                    },
                },
            };
            parameters.insert(param.wire_name.clone(), value);
        }
        Some(parameters)
    }

    /// The api-versions of each provider namespace (lowercase), for the api-version check.
    pub(crate) fn api_versions(&self) -> Vec<(String, String)> {
        self.services
            .iter()
            .flat_map(|service| {
                service.operations.iter().map(move |op| {
                    (
                        op.route.provider.to_ascii_lowercase(),
                        service.api_version.clone(),
                    )
                })
            })
            .collect()
    }

    /// The operation `route` is, for `api_version` (several versions share templates).
    pub(crate) fn operation(
        &self,
        route: &Route,
        api_version: &str,
    ) -> Option<(&Arc<SpecService>, &SpecOperation)> {
        let mut fallback = None;
        for service in &self.services {
            for op in &service.operations {
                if op.route.method == route.method && op.route.template == route.template {
                    if service.api_version == api_version {
                        return Some((service, op));
                    }
                    fallback.get_or_insert((service, op));
                }
            }
        }
        fallback
    }
}

/// What [`SpecSet::operations`] tells of one operation.
#[derive(Debug, Clone, Copy)]
pub struct SpecOperationInfo<'a> {
    /// The service's module name (as armgen generates it).
    pub module: &'a str,
    /// The service's api-version.
    pub api_version: &'a str,
    /// The `operationId`.
    pub id: &'a str,
    /// The HTTP method, upper case.
    pub method: &'static str,
    /// The path template.
    pub template: &'static str,
    /// Whether it is long-running.
    pub long_running: bool,
    /// Whether it is pageable.
    pub pageable: bool,
    /// Its example files that could be read.
    pub examples: &'a [SpecExample],
}

/// One api-version of one service.
#[derive(Debug)]
pub(crate) struct SpecService {
    pub(crate) module: String,
    pub(crate) api_version: String,
    pub(crate) operations: Vec<SpecOperation>,
    /// Models by id (the IR's `TypeRef::Model`), shared ones included.
    pub(crate) models: HashMap<ir::ModelId, Model>,
}

impl SpecService {
    fn new(service: &ir::Service, shared: &[Model], root: &Path) -> Self {
        let models = service
            .models
            .iter()
            .chain(shared)
            .map(|m| (m.name.clone(), m.clone()))
            .collect();
        let module = service.module.clone();
        let operations = service
            .groups
            .iter()
            .flat_map(|g| &g.operations)
            .map(|op| SpecOperation::new(op, &module, root))
            .collect();
        SpecService {
            module,
            api_version: service.api_version.clone(),
            operations,
            models,
        }
    }

    /// The model named `name`.
    pub(crate) fn model(&self, name: &str) -> Option<&Model> {
        self.models.get(name)
    }
}

/// One operation, as the emulator needs it.
#[derive(Debug)]
pub(crate) struct SpecOperation {
    pub(crate) id: String,
    pub(crate) route: Route,
    pub(crate) long_running: Option<FinalStateVia>,
    /// `(itemName, nextLinkName)` of a pageable operation.
    pub(crate) pageable: Option<(String, Option<String>)>,
    /// Declared success statuses, ascending.
    pub(crate) statuses: Vec<u16>,
    /// The success body's type.
    pub(crate) success: Option<TypeRef>,
    /// Every parameter but `api-version`.
    pub(crate) params: Vec<ir::Parameter>,
    pub(crate) examples: Vec<SpecExample>,
}

impl SpecOperation {
    fn new(op: &ir::Operation, module: &str, root: &Path) -> Self {
        let mut statuses: Vec<u16> = op.responses.iter().map(|r| r.status).collect();
        statuses.sort_unstable();
        statuses.dedup();
        // A parameter that is itself a path (`x-ms-skip-url-encoding`, `{scope}`) is routed as
        // `{+scope}` (RFC 6570's reserved expansion): it takes one or more segments.
        let mut template = op.path_template.clone();
        for param in op.params.iter().filter(|p| p.multi_segment) {
            template = template.replace(
                &format!("{{{}}}", param.wire_name),
                &format!("{{+{}}}", param.wire_name),
            );
        }
        let template = intern(&template);
        let examples = op
            .examples
            .iter()
            .filter_map(|example| SpecExample::read(&example.name, &root.join(&example.file)))
            .collect();
        SpecOperation {
            id: op.id.clone(),
            route: Route {
                method: op.method.as_str(),
                template,
                provider: provider_of(template),
                operation_id: intern(&op.id),
                service: Some(intern(module)),
            },
            long_running: op.long_running,
            pageable: op
                .pageable
                .as_ref()
                .map(|p| (p.item_name.clone(), p.next_link_name.clone())),
            statuses,
            success: op.success_type().cloned(),
            params: op.params.clone(),
            examples,
        }
    }

    /// The body parameter.
    pub(crate) fn body(&self) -> Option<&ir::Parameter> {
        self.params
            .iter()
            .find(|p| p.location == ParamLocation::Body)
    }
}

/// One `x-ms-examples` file.
#[derive(Debug, Clone)]
pub struct SpecExample {
    /// The example's title in the spec.
    pub name: String,
    /// Its `parameters`: wire names to values, as `dynamic_calls::call` takes them.
    pub parameters: Map<String, Value>,
    /// Its `responses`: status to body (`null` when it shows none).
    pub responses: Vec<(u16, Value)>,
}

impl SpecExample {
    /// The example file at `path`; `None` if it cannot be read or is not an example (upstream
    /// specs name files a copy may lack, and those are not the emulator's to refuse).
    fn read(name: &str, path: &Path) -> Option<SpecExample> {
        let text = std::fs::read(path).ok()?;
        let value: Value = serde_json::from_slice(&text).ok()?;
        let parameters = value.get("parameters")?.as_object()?.clone();
        let mut responses: Vec<(u16, Value)> = value
            .get("responses")
            .and_then(Value::as_object)
            .map(|responses| {
                responses
                    .iter()
                    .filter_map(|(status, response)| {
                        Some((
                            status.parse().ok()?,
                            response.get("body").cloned().unwrap_or(Value::Null),
                        ))
                    })
                    .collect()
            })
            .unwrap_or_default();
        responses.sort_by_key(|(status, _)| *status);
        Some(SpecExample {
            name: name.to_owned(),
            parameters,
            responses,
        })
    }

    /// The body the example shows for a success status, preferring `200`, then `201`.
    pub fn success_body(&self) -> Option<(u16, &Value)> {
        self.responses
            .iter()
            .filter(|(status, body)| (200..300).contains(status) && !body.is_null())
            .min_by_key(|(status, _)| (*status != 200, *status))
            .map(|(status, body)| (*status, body))
    }
}

/// A module name from a file stem: snake_case letters, digits and `_`.
fn module_name(stem: &str) -> String {
    let mut name: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name.insert_str(0, "spec_");
    }
    name
}

/// `text` as a `&'static str`: routes name their templates and ids that way (the tables of
/// generated crates are `'static`). Each distinct string is leaked once per process, so
/// memory is bounded by the distinct text of the specs read, however often they are loaded.
pub(crate) fn intern(text: &str) -> &'static str {
    static INTERNED: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut interned = INTERNED
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(existing) = interned.get(text) {
        return existing;
    }
    let leaked: &'static str = Box::leak(text.to_owned().into_boxed_str());
    interned.insert(leaked);
    leaked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interning_returns_one_copy() {
        let a = intern(&String::from("/a/{b}"));
        let b = intern("/a/{b}");
        assert!(std::ptr::eq(a, b));
    }

    #[test]
    fn module_names_are_identifiers() {
        assert_eq!(module_name("EventGrid"), "eventgrid");
        assert_eq!(module_name("my-spec.v2"), "my_spec_v2");
        assert_eq!(module_name("2024"), "spec_2024");
    }
}
