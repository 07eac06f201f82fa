//! Removing read-only members (`readOnly: true`) from request bodies.
//!
//! Models keep read-only fields so that a resource read from the service can
//! be modified and sent back; the service rejects or ignores those members,
//! so they are dropped from the JSON on the way out. Generated models with
//! read-only members (directly or in nested models) implement the trait.

use std::collections::BTreeMap;

use serde_json::Value;

/// Drops read-only members from this value's JSON form.
pub trait StripReadOnly {
    /// Removes from `json` (this value, serialized) every read-only member.
    fn strip_read_only(&self, json: &mut Value);
}

impl<T: StripReadOnly> StripReadOnly for Option<T> {
    fn strip_read_only(&self, json: &mut Value) {
        if let Some(value) = self {
            value.strip_read_only(json);
        }
    }
}

impl<T: StripReadOnly> StripReadOnly for Box<T> {
    fn strip_read_only(&self, json: &mut Value) {
        (**self).strip_read_only(json);
    }
}

impl<T: StripReadOnly> StripReadOnly for Vec<T> {
    fn strip_read_only(&self, json: &mut Value) {
        if let Value::Array(items) = json {
            for (value, item) in self.iter().zip(items) {
                value.strip_read_only(item);
            }
        }
    }
}

impl<T: StripReadOnly> StripReadOnly for BTreeMap<String, T> {
    fn strip_read_only(&self, json: &mut Value) {
        if let Value::Object(members) = json {
            for (key, value) in self {
                if let Some(member) = members.get_mut(key) {
                    value.strip_read_only(member);
                }
            }
        }
    }
}

/// Removes the members `names` from a JSON object, and lets `nested` strip
/// what is inside the others: the body of every generated impl.
pub fn strip_members(
    json: &mut Value,
    names: &[&str],
    nested: impl FnOnce(&mut serde_json::Map<String, Value>),
) {
    if let Value::Object(members) = json {
        for name in names {
            members.remove(*name);
        }
        nested(members);
    }
}

/// Strips a nested member with its model's own rule.
pub fn strip_member<T: StripReadOnly + ?Sized>(
    members: &mut serde_json::Map<String, Value>,
    name: &str,
    value: &T,
) {
    if let Some(member) = members.get_mut(name) {
        value.strip_read_only(member);
    }
}
