//! What the spec's schemas say about a JSON value: whether a request body conforms (as ARM's
//! request validation would judge it), which of its members are read-only (ignored on input),
//! and a value of the right shape when the spec gives no example of one.

use armgen::ir::{Constraints, Field, Format, ModelKind, TypeRef};
use armgen_runtime::{Constraint, Pattern, StringFormat, Validator};
use serde_json::{Map, Value};

use crate::error::ArmError;
use crate::spec::SpecService;

/// How deep a value's models are followed: specs nest models in each other (a resource's
/// `properties` holding itself), and neither checking nor synthesis may recurse without end.
pub(crate) const MAX_DEPTH: usize = 32;

/// Checks `value` against `ty`; the first problem is ARM's 400 `InvalidRequestContent`
/// naming the member (`parameters.properties.sku`) and the constraint it broke. Read-only
/// members are not checked (ARM ignores them on input), unknown members are allowed.
pub(crate) fn check(
    service: &SpecService,
    ty: &TypeRef,
    value: &Value,
    path: &str,
) -> Result<(), ArmError> {
    check_at(service, ty, None, value, path, 0)
}

fn invalid(path: &str, reason: impl std::fmt::Display) -> ArmError {
    ArmError::invalid_request_content(format!("'{path}' {reason}.")).with_target(path)
}

fn check_at(
    service: &SpecService,
    ty: &TypeRef,
    constraints: Option<&Constraints>,
    value: &Value,
    path: &str,
    depth: usize,
) -> Result<(), ArmError> {
    if depth > MAX_DEPTH || value.is_null() {
        return Ok(());
    }
    match ty {
        TypeRef::String | TypeRef::Secret => {
            let Some(text) = value.as_str() else {
                return Err(invalid(path, "must be a string"));
            };
            if let Some(constraints) = constraints {
                check_string(constraints, text, path)?;
            }
        }
        TypeRef::Bool if !value.is_boolean() => return Err(invalid(path, "must be a boolean")),
        TypeRef::I32 | TypeRef::I64 if !(value.is_i64() || value.is_u64()) => {
            return Err(invalid(path, "must be an integer"));
        }
        TypeRef::F32 | TypeRef::F64 if !value.is_number() => {
            return Err(invalid(path, "must be a number"));
        }
        TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64 => {
            if let (Some(constraints), Some(number)) = (constraints, value.as_f64()) {
                check_number(constraints, number, path)?;
            }
        }
        TypeRef::Array(item) => {
            let Some(items) = value.as_array() else {
                return Err(invalid(path, "must be an array"));
            };
            if let Some(c) = constraints {
                check_items(c, items, path)?;
            }
            for (i, item_value) in items.iter().enumerate() {
                check_at(
                    service,
                    item,
                    None,
                    item_value,
                    &format!("{path}[{i}]"),
                    depth + 1,
                )?;
            }
        }
        TypeRef::Map(item) => {
            let Some(members) = value.as_object() else {
                return Err(invalid(path, "must be an object"));
            };
            let count = members.len() as u64;
            if let Some(c) = constraints {
                if let Some(min) = c.min_properties.filter(|&min| count < min) {
                    return Err(invalid(path, Constraint::MinProperties(min)));
                }
                if let Some(max) = c.max_properties.filter(|&max| count > max) {
                    return Err(invalid(path, Constraint::MaxProperties(max)));
                }
            }
            for (key, member) in members {
                check_at(
                    service,
                    item,
                    None,
                    member,
                    &format!("{path}.{key}"),
                    depth + 1,
                )?;
            }
        }
        TypeRef::Model(name) => {
            if let Some(model) = service.model(name) {
                check_model(service, &model.kind, value, path, depth)?;
            }
        }
        // `null` returned above; anything else is the inner type's.
        TypeRef::Nullable(inner) => {
            check_at(service, inner, constraints, value, path, depth)?;
        }
        TypeRef::Format(Format::UnixTime) if !(value.is_i64() || value.is_u64()) => {
            return Err(invalid(path, "must be an integer"));
        }
        TypeRef::Format(format) if *format != Format::UnixTime => {
            let Some(text) = value.as_str() else {
                return Err(invalid(path, "must be a string"));
            };
            check_format(*format, text, path)?;
            if let Some(constraints) = constraints {
                check_string(constraints, text, path)?;
            }
        }
        // Bytes are not JSON: the emulator has nothing to check in them.
        TypeRef::Bool | TypeRef::Any | TypeRef::Format(_) | TypeRef::Binary => {}
    }
    Ok(())
}

fn check_model(
    service: &SpecService,
    kind: &ModelKind,
    value: &Value,
    path: &str,
    depth: usize,
) -> Result<(), ArmError> {
    match kind {
        ModelKind::Struct(model) => {
            let Some(members) = value.as_object() else {
                return Err(invalid(path, "must be an object"));
            };
            check_fields(service, &model.fields, members, path, depth)
        }
        ModelKind::Enum(model) => {
            let Some(text) = value.as_str() else {
                return Err(invalid(path, "must be a string"));
            };
            let known = model
                .values
                .iter()
                .any(|v| v.wire_value.eq_ignore_ascii_case(text));
            if known || model.extensible {
                Ok(())
            } else {
                let allowed: Vec<&str> =
                    model.values.iter().map(|v| v.wire_value.as_str()).collect();
                Err(invalid(
                    path,
                    format!("must be one of {}", allowed.join(", ")),
                ))
            }
        }
        ModelKind::Union(union) => {
            let Some(members) = value.as_object() else {
                return Err(invalid(path, "must be an object"));
            };
            let tag = members.get(&union.tag).and_then(Value::as_str);
            let variant = tag.and_then(|tag| union.variants.iter().find(|v| v.tag_value == tag));
            match (tag, variant) {
                (None, _) => Err(invalid(&format!("{path}.{}", union.tag), "is required")),
                (Some(_), None) => {
                    let allowed: Vec<&str> = union
                        .variants
                        .iter()
                        .map(|v| v.tag_value.as_str())
                        .collect();
                    Err(invalid(
                        &format!("{path}.{}", union.tag),
                        format!("must be one of {}", allowed.join(", ")),
                    ))
                }
                (Some(_), Some(variant)) => check_at(
                    service,
                    &TypeRef::Model(variant.model.clone()),
                    None,
                    value,
                    path,
                    depth + 1,
                ),
            }
        }
    }
}

fn check_fields(
    service: &SpecService,
    fields: &[Field],
    members: &Map<String, Value>,
    path: &str,
    depth: usize,
) -> Result<(), ArmError> {
    for field in fields.iter().filter(|f| !f.read_only) {
        let here = format!("{path}.{}", field.wire_name);
        match members.get(&field.wire_name) {
            None | Some(Value::Null) if field.required => {
                return Err(invalid(&here, "is required"));
            }
            None => {}
            Some(member) => check_at(
                service,
                &field.ty,
                Some(&field.constraints),
                member,
                &here,
                depth + 1,
            )?,
        }
    }
    Ok(())
}

/// Checks a string against its length, pattern and allowed values.
pub(crate) fn check_string(c: &Constraints, text: &str, path: &str) -> Result<(), ArmError> {
    let length = text.chars().count() as u64;
    if let Some(min) = c.min_length.filter(|&min| length < min) {
        return Err(invalid(path, Constraint::MinLength(min)));
    }
    if let Some(max) = c.max_length.filter(|&max| length > max) {
        return Err(invalid(path, Constraint::MaxLength(max)));
    }
    // The pattern and the values come from the spec at run time, and
    // `Constraint` holds only `'static` ones: the same words, written here.
    if let Some(pattern) = &c.pattern
        && let Some(compiled) = Pattern::new(pattern)
        && !compiled.is_match(text)
    {
        return Err(invalid(
            path,
            format!("must match the pattern `{pattern}` (pattern)"),
        ));
    }
    if !c.allowed.is_empty() && !c.allowed.iter().any(|a| a.eq_ignore_ascii_case(text)) {
        return Err(invalid(
            path,
            format!("must be one of {} (enum)", c.allowed.join(", ")),
        ));
    }
    if let Some(format) = c.format {
        check_format(format, text, path)?;
    }
    Ok(())
}

/// The runtime's check of a string format: the very check a generated
/// client runs on what it decodes and sends.
fn string_format(format: Format) -> Option<StringFormat> {
    Some(match format {
        Format::Date => StringFormat::Date,
        Format::DateTime => StringFormat::DateTime,
        Format::DateTimeRfc1123 => StringFormat::DateTimeRfc1123,
        Format::Duration => StringFormat::Duration,
        Format::Uuid => StringFormat::Uuid,
        Format::Byte => StringFormat::Base64,
        Format::Base64Url => StringFormat::Base64Url,
        Format::Char => StringFormat::Char,
        Format::UnixTime => return None,
    })
}

fn check_format(format: Format, text: &str, path: &str) -> Result<(), ArmError> {
    match string_format(format) {
        Some(check) if check.check(text).is_err() => Err(invalid(path, Constraint::Format(check))),
        _ => Ok(()),
    }
}

/// An example value of a format, for synthesised values (`None`: a string).
pub(crate) fn format_example(format: Option<Format>) -> Value {
    let Some(format) = format else {
        return Value::from("sample");
    };
    match format {
        Format::Date => Value::from("2024-01-01"),
        Format::DateTime => Value::from("2024-01-01T00:00:00Z"),
        Format::DateTimeRfc1123 => Value::from("Mon, 01 Jan 2024 00:00:00 GMT"),
        Format::Duration => Value::from("PT1H"),
        Format::Uuid => Value::from("00000000-0000-0000-0000-000000000000"),
        Format::Byte | Format::Base64Url => Value::from("AAAA"),
        Format::Char => Value::from("a"),
        Format::UnixTime => Value::from(1_704_067_200),
    }
}

/// Checks an array against its item count and uniqueness, in the runtime's
/// words.
fn check_items(c: &Constraints, items: &[Value], path: &str) -> Result<(), ArmError> {
    let count = items.len() as u64;
    if let Some(min) = c.min_items.filter(|&min| count < min) {
        return Err(invalid(path, Constraint::MinItems(min)));
    }
    if let Some(max) = c.max_items.filter(|&max| count > max) {
        return Err(invalid(path, Constraint::MaxItems(max)));
    }
    // Quadratic, but within the request body limit and only for arrays the
    // spec marks unique.
    if c.unique_items
        && items
            .iter()
            .enumerate()
            .any(|(i, a)| items[..i].contains(a))
    {
        return Err(invalid(path, Constraint::UniqueItems));
    }
    Ok(())
}

fn check_number(c: &Constraints, number: f64, path: &str) -> Result<(), ArmError> {
    if let Some(min) = c.minimum
        && (number < min.value || (min.exclusive && number == min.value))
    {
        let (bound, exclusive) = (min.value, min.exclusive);
        return Err(invalid(path, Constraint::Minimum { bound, exclusive }));
    }
    if let Some(max) = c.maximum
        && (number > max.value || (max.exclusive && number == max.value))
    {
        let (bound, exclusive) = (max.value, max.exclusive);
        return Err(invalid(path, Constraint::Maximum { bound, exclusive }));
    }
    if let Some(factor) = c.multiple_of {
        // The runtime's judgement, so that client and emulator agree on
        // decimal factors.
        let mut validator = Validator::default();
        validator.multiple_of(path, number, factor);
        if validator.finish().is_err() {
            return Err(invalid(path, Constraint::MultipleOf(factor)));
        }
    }
    Ok(())
}

/// Removes the members `ty` marks read-only from `value`, at every depth: ARM ignores them in
/// a request, so a client that echoes a resource back does not overwrite what the service
/// owns (its `provisioningState`, its `systemData`).
pub(crate) fn strip_read_only(
    service: &SpecService,
    ty: &TypeRef,
    value: &mut Value,
    depth: usize,
) {
    if depth > MAX_DEPTH {
        return;
    }
    match (ty, value) {
        (TypeRef::Array(item), Value::Array(items)) => {
            for item_value in items {
                strip_read_only(service, item, item_value, depth + 1);
            }
        }
        (TypeRef::Map(item), Value::Object(members)) => {
            for member in members.values_mut() {
                strip_read_only(service, item, member, depth + 1);
            }
        }
        (TypeRef::Model(name), Value::Object(members)) => {
            let Some(fields) = fields_of(service, name, members) else {
                return;
            };
            for field in fields {
                if field.read_only {
                    members.remove(&field.wire_name);
                } else if let Some(member) = members.get_mut(&field.wire_name) {
                    strip_read_only(service, &field.ty, member, depth + 1);
                }
            }
        }
        _ => {}
    }
}

/// The fields of model `name` for the object `members` (a union's variant chosen by its tag).
fn fields_of<'s>(
    service: &'s SpecService,
    name: &str,
    members: &Map<String, Value>,
) -> Option<&'s [Field]> {
    match &service.model(name)?.kind {
        ModelKind::Struct(model) => Some(&model.fields),
        ModelKind::Union(union) => {
            let tag = members.get(&union.tag)?.as_str()?;
            let variant = union.variants.iter().find(|v| v.tag_value == tag)?;
            match &service.model(&variant.model)?.kind {
                ModelKind::Struct(model) => Some(&model.fields),
                _ => None,
            }
        }
        ModelKind::Enum(_) => None,
    }
}

/// Whether model `name` has a member at the wire path `path` (`["properties",
/// "provisioningState"]`).
pub(crate) fn has_member(service: &SpecService, ty: &TypeRef, path: &[&str]) -> bool {
    let mut ty = ty.clone();
    for (depth, member) in path.iter().enumerate() {
        let TypeRef::Model(name) = &ty else {
            return false;
        };
        let Some(fields) = fields_of(service, name, &Map::new()) else {
            return false;
        };
        let Some(field) = fields.iter().find(|f| f.wire_name == *member) else {
            return false;
        };
        if depth + 1 == path.len() {
            return true;
        }
        ty = field.ty.clone();
    }
    false
}

/// A value of type `ty` for a response the spec has no example of: every required member,
/// and every member that is a secret; strings say what they are, secrets come from `secret`
/// (called with the member's wire name).
pub(crate) fn synthesize(
    service: &SpecService,
    ty: &TypeRef,
    secret: &mut dyn FnMut(&str) -> String,
    name: &str,
    depth: usize,
) -> Value {
    if depth > MAX_DEPTH {
        return Value::Null;
    }
    match ty {
        TypeRef::String => Value::String(format!("{name}-value")),
        TypeRef::Secret => Value::String(secret(name)),
        TypeRef::Bool => Value::Bool(true),
        TypeRef::I32 | TypeRef::I64 => Value::from(1),
        TypeRef::F32 | TypeRef::F64 => Value::from(1.5),
        TypeRef::Any | TypeRef::Map(_) => Value::Object(Map::new()),
        TypeRef::Format(format) => format_example(Some(*format)),
        // The emulator answers in JSON: it has no bytes to make up.
        TypeRef::Binary => Value::Null,
        TypeRef::Array(item) => {
            Value::Array(vec![synthesize(service, item, secret, name, depth + 1)])
        }
        // A value, the more useful example of the two.
        TypeRef::Nullable(inner) => synthesize(service, inner, secret, name, depth),
        TypeRef::Model(model_name) => match service.model(model_name).map(|m| &m.kind) {
            Some(ModelKind::Struct(model)) => {
                let mut members = Map::new();
                for field in &model.fields {
                    let wanted = field.required || field.ty == TypeRef::Secret;
                    if wanted {
                        members.insert(
                            field.wire_name.clone(),
                            synthesize(service, &field.ty, secret, &field.wire_name, depth + 1),
                        );
                    }
                }
                Value::Object(members)
            }
            Some(ModelKind::Enum(model)) => model
                .values
                .first()
                .map(|v| Value::String(v.wire_value.clone()))
                .unwrap_or_else(|| Value::String(format!("{name}-value"))),
            Some(ModelKind::Union(union)) => match union.variants.first() {
                Some(variant) => {
                    let mut value = synthesize(
                        service,
                        &TypeRef::Model(variant.model.clone()),
                        secret,
                        name,
                        depth + 1,
                    );
                    if let Value::Object(members) = &mut value {
                        members.insert(union.tag.clone(), Value::String(variant.tag_value.clone()));
                    }
                    value
                }
                None => Value::Object(Map::new()),
            },
            None => Value::Object(Map::new()),
        },
    }
}

/// Replaces every secret string of `value` (members of type secret) with `secret(name)`: an
/// example's placeholder keys become this resource's own.
pub(crate) fn replace_secrets(
    service: &SpecService,
    ty: &TypeRef,
    value: &mut Value,
    secret: &mut dyn FnMut(&str) -> String,
    name: &str,
    depth: usize,
) {
    if depth > MAX_DEPTH {
        return;
    }
    match (ty, value) {
        (TypeRef::Secret, Value::String(text)) => *text = with_secret(text, &secret(name)),
        (TypeRef::Array(item), Value::Array(items)) => {
            for item_value in items {
                replace_secrets(service, item, item_value, secret, name, depth + 1);
            }
        }
        (TypeRef::Model(model), Value::Object(members)) => {
            let Some(fields) = fields_of(service, model, members) else {
                return;
            };
            for field in fields {
                if let Some(member) = members.get_mut(&field.wire_name) {
                    replace_secrets(
                        service,
                        &field.ty,
                        member,
                        secret,
                        &field.wire_name,
                        depth + 1,
                    );
                }
            }
        }
        _ => {}
    }
}

/// Copies into `target` the read-only members `example` has and `target` lacks, at every
/// depth: what the service sets on a resource (its endpoint, creation time, metric id), as the
/// spec's example of the operation shows it.
pub(crate) fn fill_read_only(
    service: &SpecService,
    ty: &TypeRef,
    target: &mut Value,
    example: &Value,
    depth: usize,
) {
    if depth > MAX_DEPTH {
        return;
    }
    let (TypeRef::Model(name), Value::Object(members), Value::Object(shown)) =
        (ty, &mut *target, example)
    else {
        return;
    };
    let Some(fields) = fields_of(service, name, shown) else {
        return;
    };
    for field in fields {
        let Some(shown_member) = shown.get(&field.wire_name) else {
            continue;
        };
        match members.get_mut(&field.wire_name) {
            None if field.read_only => {
                members.insert(field.wire_name.clone(), shown_member.clone());
            }
            None => {}
            Some(member) => fill_read_only(service, &field.ty, member, shown_member, depth + 1),
        }
    }
}

/// `shown` (an example's secret) with `secret` in place of its secret part: the value after
/// `SharedAccessKey=` in a connection string, so that it stays one; otherwise all of it.
fn with_secret(shown: &str, secret: &str) -> String {
    const KEY: &str = "SharedAccessKey=";
    match shown.find(KEY) {
        Some(at) => {
            let start = at + KEY.len();
            let end = shown[start..].find(';').map_or(shown.len(), |i| start + i);
            format!("{}{secret}{}", &shown[..start], &shown[end..])
        }
        None => secret.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(error: ArmError) -> String {
        let text = error.into_body()["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let reason = text
            .split_once(": ")
            .map_or(text.as_str(), |(_, reason)| reason);
        reason.to_owned()
    }

    /// The emulator says what the client's validator says: item counts
    /// (once printed as `Some(2)`), uniqueness (once not checked), map
    /// sizes and `multipleOf`.
    #[test]
    fn broken_constraints_are_named_in_the_runtime_words() {
        let c = Constraints {
            min_items: Some(2),
            unique_items: true,
            ..Constraints::default()
        };
        let one = [Value::from(1)];
        assert_eq!(
            message(check_items(&c, &one, "p.list").unwrap_err()),
            "'p.list' must have at least 2 items (minItems: 2)."
        );
        let twice = [Value::from(1), Value::from(2), Value::from(1)];
        assert_eq!(
            message(check_items(&c, &twice, "p.list").unwrap_err()),
            "'p.list' must not repeat an item (uniqueItems)."
        );
        assert!(check_items(&c, &[Value::from(1), Value::from(2)], "p.list").is_ok());
        let c = Constraints {
            multiple_of: Some(0.01),
            ..Constraints::default()
        };
        assert!(check_number(&c, 19.99, "p.price").is_ok());
        assert_eq!(
            message(check_number(&c, 19.995, "p.price").unwrap_err()),
            "'p.price' must be a multiple of 0.01 (multipleOf: 0.01)."
        );
    }

    #[test]
    fn connection_strings_keep_their_shape() {
        let shown = "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=rule;SharedAccessKey=#####;EntityPath=x";
        assert_eq!(
            with_secret(shown, "NEW"),
            "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=rule;SharedAccessKey=NEW;EntityPath=x"
        );
        assert_eq!(
            with_secret("SharedAccessKey=old", "NEW"),
            "SharedAccessKey=NEW"
        );
        assert_eq!(with_secret("#####", "NEW"), "NEW");
    }
}
