//! Swagger 2.0 (as ARM specs are written) to OpenAPI 3.0, for progenitor,
//! which reads only OpenAPI 3: one self-contained document, every `$ref`ed
//! definition of other files (common-types) copied into
//! `components/schemas`, parameters inlined, bodies as `requestBody`.
//!
//! Besides the format change, the converter applies the patches progenitor
//! needs to accept these specs at all, and counts each: the benchmark prints
//! them, so the comparison says what progenitor was given.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

use serde_json::{Map, Value, json};

/// `FILE#/missing=#/existing`, as armgen's `--ref-alias`.
#[derive(Clone, Debug)]
pub struct RefAlias {
    file_suffix: String,
    missing: String,
    existing: String,
}

impl RefAlias {
    /// Parses `FILE#/missing=#/existing`; `None` when it is not of that form.
    pub fn parse(text: &str) -> Option<Self> {
        let (from, to) = text.split_once('=')?;
        let (file, missing) = from.split_once('#')?;
        let existing = to.strip_prefix('#')?;
        Some(Self {
            file_suffix: file.to_owned(),
            missing: missing.to_owned(),
            existing: existing.to_owned(),
        })
    }
}

/// The converted document and the patches applied to it.
pub struct Converted {
    /// The OpenAPI 3.0 document, as JSON text.
    pub text: String,
    /// What was changed for progenitor beyond the format, with how many
    /// places each change touched.
    pub patches: BTreeMap<&'static str, usize>,
}

/// Why a spec could not be converted.
#[derive(Debug)]
pub struct ConvertError(pub String);

impl std::fmt::Display for ConvertError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The patches, as printed.
const PATCH_DEFAULT_RESPONSE: &str = "`default` (error) response given as `4XX` and `5XX` \
     (progenitor counts `default` among the success responses and panics, `assertion failed: \
     response_types.len() <= 1`, when its type is not the success type)";
const PATCH_EMPTY_SUCCESS: &str = "bodiless success responses (202/204 beside a typed 200) given \
     the typed one's schema (progenitor panics on the same assertion: one success type per \
     operation)";
const PATCH_DISCRIMINATOR: &str = "Swagger `discriminator: name` written as OpenAPI \
     `discriminator: {propertyName: name}`";
const PATCH_NULLABLE: &str = "`x-nullable` written as OpenAPI `nullable`";
const PATCH_IMPORTED: &str =
    "definitions of other files (common-types) copied into components/schemas";
const PATCH_RENAMED: &str =
    "imported definitions whose name is taken renamed with a `Common` suffix";
/// Converts the spec `root` (a Swagger 2.0 JSON file).
pub fn convert(
    root: &Path,
    aliases: &[RefAlias],
    skip: &[String],
) -> Result<Converted, ConvertError> {
    let mut converter = Converter {
        skip,
        docs: BTreeMap::new(),
        aliases,
        names: BTreeMap::new(),
        taken: BTreeSet::new(),
        schemas: Map::new(),
        patches: BTreeMap::new(),
    };
    let root = normalize(root);
    let doc = converter.load(&root)?.clone();
    // The root's own definitions keep their names.
    if let Some(definitions) = doc.get("definitions").and_then(Value::as_object) {
        for name in definitions.keys() {
            converter.taken.insert(name.clone());
            converter
                .names
                .insert((root.clone(), format!("/definitions/{name}")), name.clone());
        }
        for (name, schema) in definitions {
            let converted = converter.schema(&root, schema)?;
            converter.schemas.insert(name.clone(), converted);
        }
    }
    let mut paths = Map::new();
    if let Some(items) = doc.get("paths").and_then(Value::as_object) {
        for (path, item) in items {
            paths.insert(path.clone(), converter.path_item(&root, item)?);
        }
    }
    let info = doc.get("info").cloned().unwrap_or_else(|| json!({}));
    let info = json!({
        "title": info.get("title").cloned().unwrap_or_else(|| json!("spec")),
        "version": info.get("version").cloned().unwrap_or_else(|| json!("1")),
    });
    let schemas = std::mem::take(&mut converter.schemas);
    let out = json!({
        "openapi": "3.0.3",
        "info": info,
        "servers": [{"url": "https://management.azure.com"}],
        "paths": paths,
        "components": {"schemas": schemas},
    });
    let text = serde_json::to_string(&out)
        .map_err(|e| ConvertError(format!("cannot serialize the converted spec: {e}")))?;
    Ok(Converted {
        text,
        patches: converter.patches,
    })
}

struct Converter<'a> {
    /// Patches not to apply (their names), to show that one is needed.
    skip: &'a [String],
    docs: BTreeMap<PathBuf, Value>,
    aliases: &'a [RefAlias],
    /// (file, JSON pointer of a definition) → its name in components/schemas.
    names: BTreeMap<(PathBuf, String), String>,
    taken: BTreeSet<String>,
    schemas: Map<String, Value>,
    patches: BTreeMap<&'static str, usize>,
}

impl Converter<'_> {
    fn patch(&mut self, what: &'static str) {
        *self.patches.entry(what).or_default() += 1;
    }

    /// Whether the optional patch `name` is applied.
    fn applies(&self, name: &str) -> bool {
        !self.skip.iter().any(|s| s == name)
    }

    fn load(&mut self, file: &Path) -> Result<&Value, ConvertError> {
        if !self.docs.contains_key(file) {
            let text = std::fs::read_to_string(file)
                .map_err(|e| ConvertError(format!("cannot read {}: {e}", file.display())))?;
            let doc: Value = serde_json::from_str(&text)
                .map_err(|e| ConvertError(format!("{} is not JSON: {e}", file.display())))?;
            self.docs.insert(file.to_owned(), doc);
        }
        Ok(&self.docs[file])
    }

    /// The file and pointer a `$ref` written in `file` addresses, aliases
    /// applied.
    fn target(&self, file: &Path, reference: &str) -> Result<(PathBuf, String), ConvertError> {
        let (path, pointer) = reference
            .split_once('#')
            .ok_or_else(|| ConvertError(format!("`$ref: {reference}` has no `#` pointer")))?;
        let target = if path.is_empty() {
            file.to_owned()
        } else {
            normalize(&file.parent().unwrap_or(Path::new("")).join(path))
        };
        let shown = target.to_string_lossy().replace('\\', "/");
        let pointer = self
            .aliases
            .iter()
            .find(|a| shown.ends_with(&a.file_suffix) && a.missing == pointer)
            .map_or(pointer, |a| a.existing.as_str());
        Ok((target, pointer.to_owned()))
    }

    /// The value `reference` (written in `file`) points at, and its file.
    fn resolve(&mut self, file: &Path, reference: &str) -> Result<(PathBuf, Value), ConvertError> {
        let (target, pointer) = self.target(file, reference)?;
        let value = self
            .load(&target)?
            .pointer(&pointer)
            .cloned()
            .ok_or_else(|| {
                ConvertError(format!(
                    "`$ref: {reference}` in {} points at nothing",
                    file.display()
                ))
            })?;
        Ok((target, value))
    }

    /// The components/schemas name of the definition `reference` points at,
    /// importing it on first use.
    fn schema_name(&mut self, file: &Path, reference: &str) -> Result<String, ConvertError> {
        let key = self.target(file, reference)?;
        if let Some(name) = self.names.get(&key) {
            return Ok(name.clone());
        }
        let base = key.1.rsplit('/').next().unwrap_or("Schema").to_owned();
        let mut name = base.clone();
        if self.taken.contains(&name) {
            self.patch(PATCH_RENAMED);
            name = format!("{base}Common");
            let mut n = 2;
            while self.taken.contains(&name) {
                name = format!("{base}Common{n}");
                n += 1;
            }
        }
        self.patch(PATCH_IMPORTED);
        self.taken.insert(name.clone());
        self.names.insert(key, name.clone());
        let (target, value) = self.resolve(file, reference)?;
        let converted = self.schema(&target, &value)?;
        self.schemas.insert(name.clone(), converted);
        Ok(name)
    }

    /// A schema written in `file`, with its `$ref`s pointing into
    /// components/schemas.
    fn schema(&mut self, file: &Path, value: &Value) -> Result<Value, ConvertError> {
        Ok(match value {
            Value::Object(object) => {
                let mut out = Map::new();
                for (key, item) in object {
                    match (key.as_str(), item) {
                        ("$ref", Value::String(reference)) => {
                            let name = self.schema_name(file, reference)?;
                            out.insert(key.clone(), json!(format!("#/components/schemas/{name}")));
                        }
                        ("discriminator", Value::String(property)) => {
                            self.patch(PATCH_DISCRIMINATOR);
                            out.insert(key.clone(), json!({ "propertyName": property }));
                        }
                        ("x-nullable", nullable) => {
                            self.patch(PATCH_NULLABLE);
                            out.insert("nullable".to_owned(), nullable.clone());
                        }
                        // Extensions and examples are copied, never read as schemas.
                        (k, _) if k.starts_with("x-") || k == "example" => {
                            out.insert(key.clone(), item.clone());
                        }
                        _ => {
                            out.insert(key.clone(), self.schema(file, item)?);
                        }
                    }
                }
                Value::Object(out)
            }
            Value::Array(items) => Value::Array(
                items
                    .iter()
                    .map(|item| self.schema(file, item))
                    .collect::<Result<_, _>>()?,
            ),
            other => other.clone(),
        })
    }

    /// A parameter (following its `$ref`), as OpenAPI 3 wants it: a
    /// path/query/header parameter, or a body, which becomes the request
    /// body.
    fn parameter(&mut self, file: &Path, value: &Value) -> Result<Parameter, ConvertError> {
        let (file, value) = match value.get("$ref").and_then(Value::as_str) {
            Some(reference) => self.resolve(file, reference)?,
            None => (file.to_owned(), value.clone()),
        };
        let object = value.as_object().ok_or_else(|| {
            ConvertError(format!(
                "a parameter in {} is not an object",
                file.display()
            ))
        })?;
        if object.get("in").and_then(Value::as_str) == Some("body") {
            let schema = object.get("schema").cloned().unwrap_or_else(|| json!({}));
            let mut body = Map::new();
            body.insert(
                "content".to_owned(),
                json!({"application/json": {"schema": self.schema(&file, &schema)?}}),
            );
            for key in ["description", "required"] {
                if let Some(v) = object.get(key) {
                    body.insert(key.to_owned(), v.clone());
                }
            }
            return Ok(Parameter::Body(Value::Object(body)));
        }
        let mut out = Map::new();
        let mut schema = Map::new();
        for (key, item) in object {
            match key.as_str() {
                "name" | "in" | "required" | "description" => {
                    out.insert(key.clone(), item.clone());
                }
                "collectionFormat" | "allowEmptyValue" => {}
                k if k.starts_with("x-ms-") && k != "x-ms-enum" => {
                    out.insert(key.clone(), item.clone());
                }
                _ => {
                    schema.insert(key.clone(), self.schema(&file, item)?);
                }
            }
        }
        out.insert("schema".to_owned(), Value::Object(schema));
        Ok(Parameter::Other(Value::Object(out)))
    }

    fn path_item(&mut self, file: &Path, item: &Value) -> Result<Value, ConvertError> {
        let mut out = Map::new();
        let Some(item) = item.as_object() else {
            return Ok(Value::Object(out));
        };
        if let Some(parameters) = item.get("parameters").and_then(Value::as_array) {
            let mut list = Vec::new();
            for p in parameters {
                if let Parameter::Other(p) = self.parameter(file, p)? {
                    list.push(p);
                }
            }
            out.insert("parameters".to_owned(), Value::Array(list));
        }
        for method in ["get", "put", "post", "patch", "delete", "head", "options"] {
            if let Some(operation) = item.get(method) {
                out.insert(method.to_owned(), self.operation(file, operation)?);
            }
        }
        Ok(Value::Object(out))
    }

    fn operation(&mut self, file: &Path, operation: &Value) -> Result<Value, ConvertError> {
        let mut out = Map::new();
        let empty = Map::new();
        let object = operation.as_object().unwrap_or(&empty);
        for (key, item) in object {
            match key.as_str() {
                "operationId" | "description" | "summary" | "tags" | "deprecated" => {
                    out.insert(key.clone(), item.clone());
                }
                k if k.starts_with("x-ms-") && k != "x-ms-examples" => {
                    out.insert(key.clone(), item.clone());
                }
                _ => {}
            }
        }
        let mut parameters = Vec::new();
        for p in object
            .get("parameters")
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice)
        {
            match self.parameter(file, p)? {
                Parameter::Other(p) => parameters.push(p),
                Parameter::Body(body) => {
                    out.insert("requestBody".to_owned(), body);
                }
            }
        }
        out.insert("parameters".to_owned(), Value::Array(parameters));
        let mut responses = Map::new();
        let mut success_schema = None;
        for (status, response) in object
            .get("responses")
            .and_then(Value::as_object)
            .unwrap_or(&empty)
        {
            let (file, response) = match response.get("$ref").and_then(Value::as_str) {
                Some(reference) => self.resolve(file, reference)?,
                None => (file.to_owned(), response.clone()),
            };
            let mut converted = Map::new();
            converted.insert(
                "description".to_owned(),
                response
                    .get("description")
                    .cloned()
                    .unwrap_or_else(|| json!("")),
            );
            if let Some(schema) = response.get("schema") {
                let schema = self.schema(&file, schema)?;
                if status.starts_with('2') {
                    success_schema = Some(schema.clone());
                }
                converted.insert(
                    "content".to_owned(),
                    json!({"application/json": {"schema": schema}}),
                );
            }
            if let Some(headers) = response.get("headers").and_then(Value::as_object) {
                let headers: Map<String, Value> = headers
                    .iter()
                    .map(|(name, header)| {
                        let mut schema = header.clone();
                        if let Some(s) = schema.as_object_mut() {
                            s.remove("description");
                        }
                        (name.clone(), json!({ "schema": schema }))
                    })
                    .collect();
                converted.insert("headers".to_owned(), Value::Object(headers));
            }
            if status == "default" && self.applies("default-response") {
                self.patch(PATCH_DEFAULT_RESPONSE);
                responses.insert("4XX".to_owned(), Value::Object(converted.clone()));
                responses.insert("5XX".to_owned(), Value::Object(converted));
            } else {
                responses.insert(status.clone(), Value::Object(converted));
            }
        }
        if let Some(schema) = success_schema.filter(|_| self.applies("empty-success")) {
            for (status, response) in responses.iter_mut() {
                if status.starts_with('2') && response.get("content").is_none() {
                    self.patch(PATCH_EMPTY_SUCCESS);
                    response["content"] = json!({"application/json": {"schema": schema.clone()}});
                }
            }
        }
        out.insert("responses".to_owned(), Value::Object(responses));
        Ok(Value::Object(out))
    }
}

enum Parameter {
    Other(Value),
    Body(Value),
}

/// `path` with `.` and `..` resolved textually, so one file has one key.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}
