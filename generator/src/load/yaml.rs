//! YAML spec files: one pass of yaml-rust2's event parser builds the value
//! and records where every node is, sizes aliases and finds keys given
//! twice.
//!
//! The value is what serde_yaml 0.9 (which read specs before) makes of the
//! same text as a `serde_json::Value`: the same scalar rules (YAML 1.2 core
//! schema as serde_yaml applies it), keys as their text, aliases expanded.
//! What this builder does not handle the way serde_yaml would (tags, a
//! second document, a collection as a key, integers past 64 bits, nesting
//! past serde_yaml's limit, an empty file), and every syntax error, it
//! leaves to serde_yaml on that rare path, so such files are accepted,
//! refused and worded exactly as before.

use std::collections::HashMap;

use serde_json::{Map, Number, Value};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use super::positions::{Positions, Recorder};

/// What one pass over a YAML text found.
pub struct Loaded {
    /// Where every node is, keys given twice and the alias that went past
    /// the bound, if any.
    pub positions: Positions,
    /// The value, or `None` when it is left to serde_yaml (see the module
    /// docs); always `None` after an alias overflow, which is never
    /// expanded.
    pub value: Option<Value>,
}

/// Reads `text` in one pass, measuring aliases against
/// `max_alias_expansion` bytes.
pub fn load(text: &str, max_alias_expansion: u64) -> Loaded {
    let mut pass = Pass {
        recorder: Recorder::new(max_alias_expansion),
        builder: Builder::default(),
        documents: 0,
    };
    let mut parser = Parser::new_from_str(text);
    let parsed = parser.load(&mut pass, true).is_ok();
    let value = match (parsed, pass.builder.declined, pass.builder.root) {
        (true, false, Some(value)) => Some(value),
        _ => None,
    };
    Loaded {
        positions: pass.recorder.finish(parsed),
        value,
    }
}

/// serde_yaml refuses to nest deeper than this; so does the builder (it
/// leaves such a text to serde_yaml, which says so).
const MAX_DEPTH: usize = 128;

struct Pass {
    recorder: Recorder,
    builder: Builder,
    documents: usize,
}

impl MarkedEventReceiver for Pass {
    fn on_event(&mut self, event: Event, mark: Marker) {
        if matches!(event, Event::DocumentStart) {
            self.documents += 1;
        }
        if self.documents > 1 {
            // serde_yaml refuses a second document; positions are those of
            // the first.
            self.builder.declined = true;
            return;
        }
        self.recorder.event(&event, mark);
        if self.recorder.overflowed() {
            self.builder.declined = true;
        }
        self.builder.event(event);
    }
}

/// An anchored node: its value, and its text when it is a scalar (what an
/// alias of it as a mapping key stands for).
struct Anchored {
    value: Value,
    text: Option<String>,
}

enum Open {
    Mapping {
        map: Map<String, Value>,
        key: Option<String>,
        anchor: usize,
    },
    Sequence {
        items: Vec<Value>,
        anchor: usize,
    },
}

#[derive(Default)]
struct Builder {
    stack: Vec<Open>,
    root: Option<Value>,
    anchors: HashMap<usize, Anchored>,
    declined: bool,
}

impl Builder {
    fn event(&mut self, event: Event) {
        if self.declined {
            return;
        }
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                if tag.is_some() {
                    self.declined = true;
                    return;
                }
                let value = if style == TScalarStyle::Plain {
                    match plain_scalar(&text) {
                        Some(value) => value,
                        None => {
                            self.declined = true;
                            return;
                        }
                    }
                } else {
                    Value::String(text.clone())
                };
                self.add(value, Some(text), anchor);
            }
            Event::Alias(anchor) => match self.anchors.get(&anchor) {
                Some(anchored) => {
                    let (value, text) = (anchored.value.clone(), anchored.text.clone());
                    self.add(value, text, 0);
                }
                // An alias of a collection still open: a recursive document.
                None => self.declined = true,
            },
            Event::MappingStart(anchor, ref tag) | Event::SequenceStart(anchor, ref tag) => {
                let in_key_position =
                    matches!(self.stack.last(), Some(Open::Mapping { key: None, .. }));
                if tag.is_some() || in_key_position || self.stack.len() >= MAX_DEPTH {
                    self.declined = true;
                    return;
                }
                self.stack.push(match event {
                    Event::MappingStart(..) => Open::Mapping {
                        map: Map::new(),
                        key: None,
                        anchor,
                    },
                    _ => Open::Sequence {
                        items: Vec::new(),
                        anchor,
                    },
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                let (value, anchor) = match self.stack.pop() {
                    Some(Open::Mapping { map, anchor, .. }) => (Value::Object(map), anchor),
                    Some(Open::Sequence { items, anchor }) => (Value::Array(items), anchor),
                    None => return,
                };
                self.add(value, None, anchor);
            }
            _ => {}
        }
    }

    /// Places a complete node: as the next key or value of the open
    /// mapping, the next item of the open sequence, or the root.
    fn add(&mut self, value: Value, text: Option<String>, anchor: usize) {
        if anchor != 0 {
            let anchored = Anchored {
                value: value.clone(),
                text: text.clone(),
            };
            self.anchors.insert(anchor, anchored);
        }
        match self.stack.last_mut() {
            Some(Open::Mapping { map, key, .. }) => match key.take() {
                Some(key) => {
                    map.insert(key, value);
                }
                // serde_yaml reads a key as the text of its scalar (`200`,
                // `true`), and refuses a collection.
                None => match text {
                    Some(text) => *key = Some(text),
                    None => self.declined = true,
                },
            },
            Some(Open::Sequence { items, .. }) => items.push(value),
            None => self.root = Some(value),
        }
    }
}

/// What serde_yaml makes of a plain (unquoted, untagged) scalar; `None` for
/// an integer too large for 64 bits, which serde_yaml does not make a
/// number of either.
fn plain_scalar(text: &str) -> Option<Value> {
    if text.is_empty() || matches!(text, "~" | "null" | "Null" | "NULL") {
        return Some(Value::Null);
    }
    match text {
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    if let Some(int) = unsigned_int(text, u64::from_str_radix) {
        return Some(Value::Number(int.into()));
    }
    if let Some(int) = negative_int(text, i64::from_str_radix) {
        return Some(Value::Number(int.into()));
    }
    if unsigned_int(text, u128::from_str_radix).is_some()
        || negative_int(text, i128::from_str_radix).is_some()
    {
        return None;
    }
    if !digits_but_not_number(text)
        && let Some(float) = float(text)
    {
        return Some(Number::from_f64(float).map_or(Value::Null, Value::Number));
    }
    Some(Value::String(text.to_owned()))
}

// The number rules below are serde_yaml 0.9's (`de.rs`), so that a spec
// means the same numbers it always did.

fn unsigned_int<T>(
    scalar: &str,
    from_str_radix: fn(&str, u32) -> Result<T, std::num::ParseIntError>,
) -> Option<T> {
    let unpositive = scalar.strip_prefix('+').unwrap_or(scalar);
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = unpositive.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(int) = from_str_radix(rest, radix) {
                return Some(int);
            }
        }
    }
    if unpositive.starts_with(['+', '-']) || digits_but_not_number(scalar) {
        return None;
    }
    from_str_radix(unpositive, 10).ok()
}

fn negative_int<T>(
    scalar: &str,
    from_str_radix: fn(&str, u32) -> Result<T, std::num::ParseIntError>,
) -> Option<T> {
    for (prefix, radix) in [("-0x", 16), ("-0o", 8), ("-0b", 2)] {
        if let Some(rest) = scalar.strip_prefix(prefix)
            && let Ok(int) = from_str_radix(&format!("-{rest}"), radix)
        {
            return Some(int);
        }
    }
    if digits_but_not_number(scalar) {
        return None;
    }
    from_str_radix(scalar, 10).ok()
}

fn float(scalar: &str) -> Option<f64> {
    let unpositive = match scalar.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => scalar,
    };
    if let ".inf" | ".Inf" | ".INF" = unpositive {
        return Some(f64::INFINITY);
    }
    if let "-.inf" | "-.Inf" | "-.INF" = scalar {
        return Some(f64::NEG_INFINITY);
    }
    if let ".nan" | ".NaN" | ".NAN" = scalar {
        return Some(f64::NAN);
    }
    unpositive.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// A leading zero followed by digits is a string in YAML 1.2 (`0123`).
fn digits_but_not_number(scalar: &str) -> bool {
    let scalar = scalar.strip_prefix(['-', '+']).unwrap_or(scalar);
    scalar.len() > 1 && scalar.starts_with('0') && scalar[1..].bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What serde_yaml makes of `text`, and what the one pass makes of it.
    fn both(text: &str) -> (Value, Option<Value>) {
        let expected: Value = serde_yaml::from_str(text).unwrap();
        (expected, load(text, u64::MAX).value)
    }

    #[test]
    fn scalars_mean_what_they_meant_to_serde_yaml() {
        let text = "a: [~, null, '', true, False, 12, -3, +4, 0x1F, 0o17, 0b11, -0x10, 012, 1.5, -2e3, .inf, -.Inf, .nan, 1_000, 0x, 'x', \"007\", yes, 18446744073709551615, -9223372036854775808]\n";
        let (expected, actual) = both(text);
        assert_eq!(actual, Some(expected));
    }

    #[test]
    fn keys_are_their_text_and_aliases_are_expanded() {
        let text = "responses:\n  200: {description: OK}\n  default: &d {description: Error}\n  true: *d\nother: &s plain\n*s : 1\nlist: [*s, *d]\n";
        let (expected, actual) = both(text);
        assert_eq!(actual, Some(expected));
    }

    #[test]
    fn block_and_quoted_text_is_kept_as_written() {
        let text = "a: |\n  line 1\n  line 2\nb: >\n  folded\n  text\nc: \"esc\\taped \\u00e9\"\nd: 'it''s'\ne: plain\n  continued\n";
        let (expected, actual) = both(text);
        assert_eq!(actual, Some(expected));
    }

    #[test]
    fn what_serde_yaml_did_differently_is_left_to_it() {
        for text in [
            "a: !!str 12\n",
            "a: !custom {b: 1}\n",
            "? [a, b]\n: 1\n",
            "a: 1\n---\nb: 2\n",
            "a: 340282366920938463463374607431768211455\n",
            "",
            "a: [1, 2\n",
        ] {
            assert!(load(text, u64::MAX).value.is_none(), "{text:?}");
        }
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert!(load(&deep, u64::MAX).value.is_none());
    }

    #[test]
    fn an_alias_past_the_bound_is_not_expanded() {
        let loaded = load("a: &a [x, x, x, x]\nb: [*a, *a, *a]\n", 10);
        assert!(loaded.positions.alias_overflow.is_some());
        assert!(loaded.value.is_none());
    }
}
