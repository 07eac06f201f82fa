//! Schemas (`definitions`, inline schemas, `allOf`) into models and types.

use std::collections::BTreeSet;

use serde_json::Value;

use super::{Resolver, extensions};
use crate::ir::{
    AdditionalProperties, Bound, Constraints, EnumModel, EnumValue, Field, Format, Model, ModelId,
    ModelKind, StructModel, TypeRef, UnionModel, UnionVariant,
};
use crate::load::Node;
use crate::naming::{self, Scope};

impl Resolver<'_> {
    /// The type of the schema at `node`; `hint` names an inline object model.
    pub(crate) fn schema_type(&mut self, node: &Node, hint: &str) -> TypeRef {
        let target = match self.deref(node) {
            Ok(target) => target,
            Err(diagnostic) => {
                self.diagnostics.push(diagnostic);
                return TypeRef::Any;
            }
        };
        if self.value(&target).is_none() {
            return TypeRef::Any;
        }
        let value = self.at(&target);
        let named = target != *node || is_definition(&target);
        let hint = if named {
            target.last_token()
        } else {
            hint.to_owned()
        };
        self.check_unsupported(&target, value);
        if value.get("discriminator").is_some() || is_object_model(value) {
            return self.model_for(&target, &hint);
        }
        match value.get("type").and_then(Value::as_str) {
            Some("string") => self.string_type(&target, value),
            Some("integer") => match value.get("format").and_then(Value::as_str) {
                Some("int32") => TypeRef::I32,
                Some("unixtime") => TypeRef::Format(Format::UnixTime),
                _ => TypeRef::I64,
            },
            Some("number") => match value.get("format").and_then(Value::as_str) {
                Some("float") => TypeRef::F32,
                _ => TypeRef::F64,
            },
            Some("boolean") => TypeRef::Bool,
            Some("array") => {
                if value.get("items").is_none() {
                    self.error(&target, "an `array` schema needs `items`");
                    return TypeRef::Array(Box::new(TypeRef::Any));
                }
                let item_hint = format!("{hint}Item");
                let item = self.schema_type(&target.child("items"), &item_hint);
                TypeRef::Array(Box::new(self.nullable_if(item, value.get("items"))))
            }
            Some("object") | None => match value.get("additionalProperties") {
                Some(Value::Object(_)) => {
                    let item_hint = format!("{hint}Value");
                    let item = self.schema_type(&target.child("additionalProperties"), &item_hint);
                    TypeRef::Map(Box::new(
                        self.nullable_if(item, value.get("additionalProperties")),
                    ))
                }
                Some(Value::Bool(true)) => TypeRef::Map(Box::new(TypeRef::Any)),
                _ => TypeRef::Any,
            },
            Some(other) => {
                let message = format!(
                    "unsupported schema type `{other}`: armgen supports string, integer, number, boolean, array and object"
                );
                self.error(&target.child("type"), message);
                TypeRef::Any
            }
        }
    }

    fn string_type(&mut self, node: &Node, value: &Value) -> TypeRef {
        let plain = || match Format::of_string(value.get("format").and_then(Value::as_str)) {
            Some(format) => TypeRef::Format(format),
            None => TypeRef::String,
        };
        let Some(name) = extensions::enumeration(value).name else {
            return plain();
        };
        if value.get("enum").is_none() {
            return plain();
        }
        let ty_name = match self.enums_by_name.get(name) {
            Some(existing) => existing.clone(),
            None => {
                let claimed = ModelId::new(self.model_names.claim(&naming::type_name(name)));
                self.enums_by_name.insert(name.to_owned(), claimed.clone());
                claimed
            }
        };
        let enum_model = self.enum_model(node, value);
        match self.models.get_mut(&ty_name) {
            Some(Model {
                kind: ModelKind::Enum(existing),
                ..
            }) => {
                // The same x-ms-enum name used twice: one type with every
                // value, extensible if either use is.
                existing.extensible |= enum_model.extensible;
                for v in enum_model.values {
                    if !existing.values.iter().any(|e| e.wire_value == v.wire_value) {
                        existing.values.push(v);
                    }
                }
                let mut scope = Scope::default();
                for v in &mut existing.values {
                    v.name = scope.claim(&v.name);
                }
            }
            _ => {
                let model = Model {
                    name: ty_name.clone(),
                    wire_name: name.to_owned(),
                    docs: description(value),
                    kind: ModelKind::Enum(enum_model),
                    source: self.docs.location(node),
                    shared: false,
                    sent: false,
                    received: false,
                    strip_read_only: false,
                };
                self.models.insert(ty_name.clone(), model);
            }
        }
        TypeRef::Model(ty_name)
    }

    fn enum_model(&mut self, node: &Node, value: &Value) -> EnumModel {
        let extension = extensions::enumeration(value);
        let (extensible, described) = (extension.extensible, extension.values);
        let mut scope = Scope::with_reserved(&["Other"]);
        let mut values = Vec::new();
        for (i, item) in value
            .get("enum")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let Some(wire) = item.as_str() else {
                self.error(
                    &node.child("enum").child(i.to_string()),
                    "a string enum value must be a string",
                );
                continue;
            };
            let meta = described.and_then(|d| {
                d.iter()
                    .find(|v| v.get("value").and_then(Value::as_str) == Some(wire))
            });
            let name = meta
                .and_then(|m| m.get("name"))
                .and_then(Value::as_str)
                .unwrap_or(wire);
            if values.iter().any(|v: &EnumValue| v.wire_value == wire) {
                continue;
            }
            values.push(EnumValue {
                name: scope.claim(&naming::variant_name(name)),
                wire_value: wire.to_owned(),
                docs: meta.and_then(description),
            });
        }
        EnumModel { values, extensible }
    }

    /// The model for an object or polymorphic schema, named once and built
    /// later (as a struct or a union: see `drain_pending`).
    fn model_for(&mut self, node: &Node, hint: &str) -> TypeRef {
        if let Some(name) = self.models_by_node.get(node) {
            return TypeRef::Model(name.clone());
        }
        let name = ModelId::new(self.model_names.claim(&naming::type_name(hint)));
        self.models_by_node.insert(node.clone(), name.clone());
        self.pending.push_back((node.clone(), hint.to_owned()));
        TypeRef::Model(name)
    }

    /// Builds every model named so far (and those they name in turn).
    pub(crate) fn drain_pending(&mut self) {
        while let Some((node, wire_name)) = self.pending.pop_front() {
            let name = self.models_by_node[&node].clone();
            let value = self.at(&node);
            let kind = match value.get("discriminator") {
                Some(_) => ModelKind::Union(self.union_model(&node, value)),
                None => ModelKind::Struct(self.struct_model(&node, &name)),
            };
            let model = Model {
                name: name.clone(),
                wire_name,
                docs: description(value),
                kind,
                source: self.docs.location(&node),
                shared: false,
                sent: false,
                received: false,
                strip_read_only: false,
            };
            self.models.insert(name, model);
        }
    }

    /// A polymorphic base: its children are the definitions of the same file
    /// whose `allOf` names it.
    fn union_model(&mut self, node: &Node, value: &Value) -> UnionModel {
        let Some(tag) = value
            .get("discriminator")
            .and_then(Value::as_str)
            .map(str::to_owned)
        else {
            self.error(
                &node.child("discriminator"),
                "`discriminator` must name a property",
            );
            return UnionModel {
                tag: String::new(),
                variants: Vec::new(),
                has_constraints: false,
            };
        };
        let root = Node {
            doc: node.doc,
            pointer: String::new(),
        };
        let definitions = self.at(&root.child("definitions"));
        let none = serde_json::Map::new();
        let definitions = definitions.as_object().unwrap_or(&none);
        let mut variants = Vec::new();
        let mut scope = Scope::with_reserved(&["Unknown"]);
        for (name, definition) in definitions {
            let child = root.child("definitions").child(name);
            let members = definition
                .get("allOf")
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            let extends = (0..members).any(|i| {
                let member = child.child("allOf").child(i.to_string());
                self.deref(&member).is_ok_and(|base| base == *node)
            });
            if !extends {
                continue;
            }
            let tag_value = extensions::discriminator_value(definition)
                .unwrap_or(name)
                .to_owned();
            let TypeRef::Model(model) = self.model_for(&child, name) else {
                continue;
            };
            variants.push(UnionVariant {
                name: scope.claim(&naming::variant_name(&tag_value)),
                tag_value,
                model,
            });
        }
        if variants.is_empty() {
            let message = format!(
                "no definition extends this polymorphic schema (an `allOf` naming it), so `{tag}` has no known values"
            );
            self.error(&node.child("discriminator"), message);
        }
        UnionModel {
            tag,
            variants,
            // The analysis stage sets it.
            has_constraints: false,
        }
    }

    fn struct_model(&mut self, node: &Node, model_name: &str) -> StructModel {
        let mut properties: Vec<(String, Node)> = Vec::new();
        let mut required = BTreeSet::new();
        let mut visited = Vec::new();
        let mut tags = Vec::new();
        self.collect_properties(
            node,
            &mut properties,
            &mut required,
            &mut visited,
            &mut tags,
        );
        // The tag of a polymorphic parent is written by the union's
        // serializer, so the child struct does not hold it.
        properties.retain(|(name, _)| !tags.contains(name));
        required.retain(|(name, _)| !tags.contains(name));
        for (name, at) in &required {
            if !properties.iter().any(|(p, _)| p == name) && !tags.contains(name) {
                let message = format!(
                    "`required` names `{name}`, which is not a property of this schema or its `allOf` bases"
                );
                self.error(at, message);
            }
        }
        let mut scope = Scope::default();
        let mut fields = Vec::new();
        for (wire_name, prop) in properties {
            let Ok(target) = self.deref(&prop) else {
                // Resolving the type reports the broken reference where it is.
                self.schema_type(&prop, "");
                continue;
            };
            let value = self.at(&target);
            let own = self.at(&prop);
            let client_name = extensions::client_name(own)
                .unwrap_or(&wire_name)
                .to_owned();
            let hint = format!(
                "{}{}",
                naming::unraw(model_name),
                self.names.type_name(&client_name)
            );
            let mut ty = self.schema_type(&prop, &hint);
            let marked = extensions::secret(own) || extensions::secret(value);
            if ty.may_be_secret() && self.is_secret(&wire_name, marked) {
                ty = TypeRef::Secret;
            }
            let constraints = self.constraints(&target, value, &ty);
            fields.push(Field {
                name: scope.claim(&self.names.value_name(&client_name)),
                wire_name: wire_name.clone(),
                docs: description(own).or_else(|| description(value)),
                ty,
                required: required.iter().any(|(r, _)| *r == wire_name),
                read_only: own
                    .get("readOnly")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
                boxed: false,
                constraints,
                default: own.get("default").cloned(),
                mutability: extensions::mutability(own).unwrap_or_default(),
            });
        }
        let hint = format!("{}Value", naming::unraw(model_name));
        let additional =
            self.additional_properties(node, &hint, 0)
                .map(|ty| AdditionalProperties {
                    name: scope.claim("additional_properties"),
                    ty,
                });
        StructModel {
            fields,
            // The analysis stage sets it, nested models counted.
            has_constraints: false,
            additional,
        }
    }

    /// The type of the undeclared members of an object schema: its own
    /// `additionalProperties` (`true` and `{}` are any JSON), else the first
    /// `allOf` base's, depth first (`allOf` cycles are reported by
    /// [`collect_properties`](Self::collect_properties); the walk stops at
    /// 32 levels).
    fn additional_properties(&mut self, node: &Node, hint: &str, depth: usize) -> Option<TypeRef> {
        if depth > 32 {
            return None;
        }
        let value = self.at(node);
        match value.get("additionalProperties") {
            Some(Value::Bool(true)) => return Some(TypeRef::Any),
            Some(Value::Object(_)) => {
                return Some(self.schema_type(&node.child("additionalProperties"), hint));
            }
            _ => {}
        }
        let bases = value
            .get("allOf")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        for i in 0..bases {
            let Ok(base) = self.deref(&node.child("allOf").child(i.to_string())) else {
                continue;
            };
            if let Some(ty) = self.additional_properties(&base, hint, depth + 1) {
                return Some(ty);
            }
        }
        None
    }

    /// Properties of a schema and its `allOf` bases, bases first; a property
    /// redefined later replaces the earlier one in place.
    fn collect_properties(
        &mut self,
        node: &Node,
        out: &mut Vec<(String, Node)>,
        required: &mut BTreeSet<(String, Node)>,
        visited: &mut Vec<Node>,
        tags: &mut Vec<String>,
    ) {
        if visited.contains(node) {
            self.error(node, "`allOf` inherits from itself");
            return;
        }
        visited.push(node.clone());
        let value = self.at(node);
        if let Some(tag) = value.get("discriminator").and_then(Value::as_str) {
            tags.push(tag.to_owned());
        }
        for (i, _) in value
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let member = node.child("allOf").child(i.to_string());
            match self.deref(&member) {
                Ok(base) => {
                    let base_value = self.at(&base);
                    self.check_unsupported(&base, base_value);
                    self.collect_properties(&base, out, required, visited, tags);
                }
                Err(diagnostic) => self.diagnostics.push(diagnostic),
            }
        }
        for (i, name) in value
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            if let Some(name) = name.as_str() {
                required.insert((name.to_owned(), node.child("required").child(i.to_string())));
            }
        }
        for key in value
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .map(|(k, _)| k)
        {
            let prop = node.child("properties").child(key);
            match out.iter_mut().find(|(name, _)| name == key) {
                Some(existing) => existing.1 = prop,
                None => out.push((key.clone(), prop)),
            }
        }
        visited.pop();
    }

    /// Why `pattern` does not compile as the runtime's regex, if it does
    /// not; each distinct pattern is compiled once per service.
    fn pattern_error(&mut self, pattern: &str) -> Option<String> {
        if let Some(known) = self.checked_patterns.get(pattern) {
            return known.clone();
        }
        let error = regex::Regex::new(pattern).err().map(|e| {
            let reason = first_line(&e.to_string());
            reason.strip_prefix("error: ").unwrap_or(&reason).to_owned()
        });
        self.checked_patterns
            .insert(pattern.to_owned(), error.clone());
        error
    }

    /// Constraints of a schema (or a non-body parameter), checking that each
    /// fits the type and that patterns compile.
    pub(crate) fn constraints(&mut self, node: &Node, value: &Value, ty: &TypeRef) -> Constraints {
        let mut c = Constraints::default();
        let uint = |key: &str| value.get(key).and_then(Value::as_u64);
        if ty.is_string_like() {
            c.min_length = uint("minLength");
            c.max_length = uint("maxLength");
            if let Some(pattern) = value.get("pattern").and_then(Value::as_str) {
                match self.pattern_error(pattern) {
                    None => c.pattern = Some(pattern.to_owned()),
                    Some(reason) => {
                        let message =
                            format!("`pattern` is not a valid regular expression: {reason}");
                        self.error(&node.child("pattern"), message);
                    }
                }
            }
            if let Some(values) = value.get("enum").and_then(Value::as_array) {
                c.allowed = values
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect();
            }
        }
        if ty.is_number() {
            let exclusive = |key: &str| value.get(key).and_then(Value::as_bool).unwrap_or(false);
            let bound = |key: &str, flag: &str| {
                value.get(key).and_then(Value::as_f64).map(|value| Bound {
                    value,
                    exclusive: exclusive(flag),
                })
            };
            c.minimum = bound("minimum", "exclusiveMinimum");
            c.maximum = bound("maximum", "exclusiveMaximum");
            if let Some(factor) = value.get("multipleOf") {
                match factor.as_f64() {
                    Some(f) if f > 0.0 && f.is_finite() => c.multiple_of = Some(f),
                    _ => self.error(
                        &node.child("multipleOf"),
                        format!("`multipleOf` must be a number greater than 0, not {factor}"),
                    ),
                }
            }
        }
        if matches!(ty, TypeRef::Map(_)) {
            c.min_properties = uint("minProperties");
            c.max_properties = uint("maxProperties");
        }
        if matches!(ty, TypeRef::Array(_)) {
            c.min_items = uint("minItems");
            c.max_items = uint("maxItems");
            c.unique_items = value
                .get("uniqueItems")
                .and_then(Value::as_bool)
                .unwrap_or(false);
        }
        if let (Some(min), Some(max)) = (c.min_length, c.max_length)
            && min > max
        {
            {
                let message = format!(
                    "`minLength` ({min}) is greater than `maxLength` ({max}): no value can pass"
                );
                self.error(&node.child("minLength"), message);
            }
        }
        c
    }

    /// Constructs armgen does not generate yet are errors, not silently wrong
    /// code.
    fn check_unsupported(&mut self, node: &Node, value: &Value) {
        if value.get("type").and_then(Value::as_str) == Some("file") {
            self.error(
                &node.child("type"),
                "`type: file` is supported as a whole body, success body or form field (bytes sent and read as they are), not inside a schema",
            );
        }
    }
}

fn is_definition(node: &Node) -> bool {
    let parent = node.pointer.rsplit_once('/').map_or("", |(p, _)| p);
    parent == "/definitions"
}

/// An object with properties or bases becomes a struct; a bare `object` or a
/// map does not.
/// Whether the schema is a struct: it declares properties or inherits
/// some. `type: object` with no properties, or `properties: {}`, accepts
/// any members (Swagger's `additionalProperties` defaults to allowed): it
/// is free-form JSON, so an empty struct does not drop what the service
/// sends.
fn is_object_model(value: &Value) -> bool {
    let declares = value
        .get("properties")
        .is_some_and(|p| p.as_object().is_none_or(|p| !p.is_empty()));
    declares || value.get("allOf").is_some()
}

pub(crate) fn description(value: &Value) -> Option<String> {
    value
        .get("description")
        .or_else(|| value.get("title"))
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_owned)
}

fn first_line(text: &str) -> String {
    text.lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or(text)
        .trim()
        .to_owned()
}
