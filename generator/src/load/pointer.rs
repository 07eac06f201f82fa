//! JSON pointers (RFC 6901), the way every stage names a node.
//!
//! Resolution reads nodes by pointer many thousand times per spec, so these
//! allocate only where a token really holds `~` or `/` (rare in specs):
//! `serde_json::Value::pointer` unescapes every token into a new string,
//! which made it the largest single cost of resolving a big spec.

use std::borrow::Cow;

use serde_json::Value;

/// One token, escaped: `~` as `~0`, `/` as `~1`.
pub fn escape(token: &str) -> Cow<'_, str> {
    if token.contains(['~', '/']) {
        Cow::Owned(token.replace('~', "~0").replace('/', "~1"))
    } else {
        Cow::Borrowed(token)
    }
}

/// One token, unescaped.
pub fn unescape(token: &str) -> Cow<'_, str> {
    if token.contains('~') {
        let mut out = String::with_capacity(token.len());
        unescape_into(token, &mut out);
        Cow::Owned(out)
    } else {
        Cow::Borrowed(token)
    }
}

/// `pointer` with `token` appended.
pub fn child(pointer: &str, token: &str) -> String {
    let token = escape(token);
    let mut out = String::with_capacity(pointer.len() + 1 + token.len());
    out.push_str(pointer);
    out.push('/');
    out.push_str(&token);
    out
}

/// The value `pointer` names in `root`, as `Value::pointer` finds it
/// (`""` is the root; an array index is decimal without leading zeros).
pub fn lookup<'v>(root: &'v Value, pointer: &str) -> Option<&'v Value> {
    if pointer.is_empty() {
        return Some(root);
    }
    let rest = pointer.strip_prefix('/')?;
    // Escaped tokens (every key under `paths` is one) are unescaped into
    // one buffer, not into a new string each.
    let mut buffer = String::new();
    rest.split('/').try_fold(root, |value, token| match value {
        Value::Object(map) if token.contains('~') => {
            buffer.clear();
            unescape_into(token, &mut buffer);
            map.get(buffer.as_str())
        }
        Value::Object(map) => map.get(token),
        Value::Array(items) => index(token).and_then(|i| items.get(i)),
        _ => None,
    })
}

/// Appends `token` unescaped in one pass: `~1` is `/`, `~0` is `~`
/// (so `~01` is `~1`), and any other `~` stays as it is, as
/// `Value::pointer` reads it.
fn unescape_into(token: &str, out: &mut String) {
    let mut rest = token;
    while let Some(at) = rest.find('~') {
        out.push_str(&rest[..at]);
        match rest.as_bytes().get(at + 1) {
            Some(b'1') => {
                out.push('/');
                rest = &rest[at + 2..];
            }
            Some(b'0') => {
                out.push('~');
                rest = &rest[at + 2..];
            }
            _ => {
                out.push('~');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
}

fn index(token: &str) -> Option<usize> {
    if token.is_empty()
        || (token.len() > 1 && token.starts_with('0'))
        || !token.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    token.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_and_allocate_only_when_escaped() {
        assert!(matches!(escape("definitions"), Cow::Borrowed(_)));
        assert_eq!(escape("a/b~c"), "a~1b~0c");
        assert_eq!(unescape("a~1b~0c"), "a/b~c");
        // `~01` is `~1` unescaped, never `/`.
        assert_eq!(unescape("~01"), "~1");
        assert_eq!(unescape("a~b~"), "a~b~");
        assert_eq!(child("/paths", "/a/{b}"), "/paths/~1a~1{b}");
    }

    #[test]
    fn lookup_agrees_with_serde_json() {
        let value: Value = serde_json::json!({
            "paths": {"/a/{b}": {"get": {"parameters": [{"name": "x"}, {"name": "y"}]}}},
            "a~b": 1,
            "": {"": 2},
            "01": 3,
        });
        for pointer in [
            "",
            "/paths",
            "/paths/~1a~1{b}/get/parameters/1/name",
            "/paths/~1a~1{b}/get/parameters/01",
            "/paths/~1a~1{b}/get/parameters/2",
            "/paths/~1a~1{b}/get/parameters/-",
            "/paths/~1a~1{b}/get/parameters/+1",
            "/a~0b",
            "/a~b",
            "/a~2b",
            "/a~",
            "/",
            "//",
            "/01",
            "/paths/~1a~1{b}/get/parameters/0/name/x",
            "paths",
        ] {
            assert_eq!(lookup(&value, pointer), value.pointer(pointer), "{pointer}");
        }
    }
}
