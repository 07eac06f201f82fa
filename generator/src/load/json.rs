//! JSON spec files: parsed once by serde_json, and located only when asked.
//!
//! Nearly every real spec is JSON, and a YAML parser reads JSON ten times
//! slower than serde_json. Positions are not needed to build the value, so
//! none are computed then: the first time a node's position is asked for, a
//! [`Locator`] skims the text along that node's pointer, indexing only the
//! children of the containers it passes through, and keeps them for the next
//! question.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use super::pointer;
use super::positions::LineColumn;

/// Parses `text` as JSON into a value, or `None` when serde_json refuses it
/// (a syntax error, a key given twice, a number out of range): the caller
/// then reads it as YAML, whose route words every such problem as before.
pub fn parse(text: &str) -> Option<Value> {
    let duplicate = Cell::new(false);
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = Tree {
        duplicate: &duplicate,
    }
    .deserialize(&mut deserializer)
    .ok()?;
    deserializer.end().ok()?;
    Some(value)
}

/// Builds a [`Value`] like serde_json's own, but stops at a key given twice,
/// which serde_json would silently keep the last of.
#[derive(Clone, Copy)]
struct Tree<'a> {
    duplicate: &'a Cell<bool>,
}

impl<'de> DeserializeSeed<'de> for Tree<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Tree<'_> {
    type Value = Value;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(Number::from_f64(value).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            let value = access.next_value_seed(self)?;
            match map.entry(key) {
                serde_json::map::Entry::Vacant(entry) => {
                    entry.insert(value);
                }
                serde_json::map::Entry::Occupied(entry) => {
                    self.duplicate.set(true);
                    return Err(de::Error::custom(format_args!(
                        "duplicate key `{}`",
                        entry.key()
                    )));
                }
            }
        }
        Ok(Value::Object(map))
    }
}

/// Where a node of a parsed JSON text is: the byte offset of its key for a
/// mapping entry (where a reader looks), of its value otherwise.
#[derive(Clone, Copy)]
struct Entry {
    shown_at: usize,
    value_at: usize,
}

/// Finds the positions of nodes of a JSON text that serde_json accepted,
/// indexing containers as pointers pass through them.
#[derive(Default)]
pub struct Locator {
    /// Every node indexed so far, by JSON pointer.
    entries: HashMap<String, Entry>,
    /// The containers whose children are in `entries`.
    indexed: HashSet<String>,
    /// The byte offset where each line starts, made at the first question.
    line_starts: Vec<usize>,
}

impl Locator {
    /// The 1-based line and column (in characters) of the node at `pointer`,
    /// or of its nearest ancestor that exists; the document's root is at the
    /// top of the file.
    pub fn find(&mut self, text: &str, pointer: &str) -> LineColumn {
        // Resolution asks for the place of each operation, parameter and
        // model: most are children of containers indexed already.
        if let Some(entry) = self.entries.get(pointer) {
            let shown_at = entry.shown_at;
            return self.line_column(text, shown_at);
        }
        let mut found: Option<Entry> = None;
        let mut current = String::with_capacity(pointer.len());
        let mut value_at = skip_whitespace(text.as_bytes(), 0);
        for token in pointer.split('/').skip(1) {
            if !self.indexed.contains(&current) {
                self.index(text, &current, value_at);
                self.indexed.insert(current.clone());
            }
            current.push('/');
            current.push_str(token);
            match self.entries.get(&current) {
                Some(entry) => {
                    found = Some(*entry);
                    value_at = entry.value_at;
                }
                None => break,
            }
        }
        match found {
            Some(entry) => self.line_column(text, entry.shown_at),
            None => (1, 1),
        }
    }

    /// Records the children of the container at byte `at`, whose pointer is
    /// `pointer`. Stops quietly at anything unexpected (it cannot happen in
    /// a text serde_json accepted, and a position is not worth a panic).
    fn index(&mut self, text: &str, pointer: &str, at: usize) {
        let bytes = text.as_bytes();
        let (object, close) = match bytes.get(at) {
            Some(b'{') => (true, b'}'),
            Some(b'[') => (false, b']'),
            _ => return,
        };
        let mut pos = at + 1;
        let mut index = 0usize;
        loop {
            pos = skip_whitespace(bytes, pos);
            match bytes.get(pos) {
                Some(&b) if b == close => return,
                Some(b',') => {
                    pos += 1;
                    continue;
                }
                None => return,
                _ => {}
            }
            let shown_at = pos;
            let child = if object {
                let Some(end) = skip_string(bytes, pos) else {
                    return;
                };
                let raw = &text[pos..end];
                let key = if raw.contains('\\') {
                    serde_json::from_str::<String>(raw).unwrap_or_default()
                } else {
                    raw[1..raw.len() - 1].to_owned()
                };
                pos = skip_whitespace(bytes, end);
                if bytes.get(pos) != Some(&b':') {
                    return;
                }
                pos = skip_whitespace(bytes, pos + 1);
                pointer::child(pointer, &key)
            } else {
                index += 1;
                format!("{pointer}/{}", index - 1)
            };
            let value_at = pos;
            self.entries
                .entry(child)
                .or_insert(Entry { shown_at, value_at });
            match skip_value(bytes, pos) {
                Some(end) => pos = end,
                None => return,
            }
        }
    }

    fn line_column(&mut self, text: &str, offset: usize) -> LineColumn {
        if self.line_starts.is_empty() {
            self.line_starts.push(0);
            // `match_indices` of a char runs on the standard library's
            // memchr, compiled optimised: fast in the unoptimised builds
            // that run build scripts too.
            self.line_starts
                .extend(text.match_indices('\n').map(|(i, _)| i + 1));
        }
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        let column = text.get(start..offset).map_or(0, |s| s.chars().count());
        (line, column + 1)
    }
}

fn skip_whitespace(bytes: &[u8], mut pos: usize) -> usize {
    while matches!(bytes.get(pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        pos += 1;
    }
    pos
}

/// The offset just past the string that starts (with its quote) at `pos`.
/// Strings (descriptions) are most of a spec's bytes: memchr jumps from
/// one quote or backslash to the next.
fn skip_string(bytes: &[u8], mut pos: usize) -> Option<usize> {
    pos += 1;
    loop {
        pos += memchr::memchr2(b'"', b'\\', bytes.get(pos..)?)?;
        match bytes[pos] {
            b'"' => return Some(pos + 1),
            _ => pos += 2,
        }
    }
}

/// The offset just past the value that starts at `pos`.
fn skip_value(bytes: &[u8], mut pos: usize) -> Option<usize> {
    match bytes.get(pos)? {
        b'"' => skip_string(bytes, pos),
        b'{' | b'[' => {
            let mut depth = 0usize;
            loop {
                match bytes.get(pos)? {
                    b'"' => {
                        pos = skip_string(bytes, pos)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(pos + 1);
                        }
                    }
                    _ => {}
                }
                pos += 1;
            }
        }
        _ => {
            while !matches!(
                bytes.get(pos),
                None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
            ) {
                pos += 1;
            }
            Some(pos)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::positions::Positions;

    fn find(text: &str, pointer: &str) -> LineColumn {
        Locator::default().find(text, pointer)
    }

    #[test]
    fn entries_are_placed_at_their_key_and_items_at_their_value() {
        let text = "{\n  \"paths\": {\n    \"/a/{b}\": {\"post\": {}}\n  },\n  \"l\": [1, {\"x\": \"é\", \"y\": 2}]\n}\n";
        assert_eq!(find(text, "/paths/~1a~1{b}/post"), (3, 16));
        assert_eq!(find(text, "/l/1"), (5, 12));
        assert_eq!(find(text, "/l/1/y"), (5, 23));
        assert_eq!(find(text, ""), (1, 1));
    }

    #[test]
    fn a_missing_node_is_placed_at_its_nearest_ancestor() {
        let text = "{\"a\": {\"b\": 1}}";
        assert_eq!(find(text, "/a/nothing/deeper"), (1, 2));
        assert_eq!(find(text, "/b"), (1, 1));
    }

    #[test]
    fn escaped_keys_are_found_by_their_unescaped_pointer() {
        let text = "{\"a\\\"b\": {\"c~d\": {\"\\u00e9\": 1}}}";
        assert_eq!(find(text, "/a\"b/c~0d/é"), (1, 19));
    }

    #[test]
    fn values_with_escapes_and_brackets_in_strings_are_skipped_whole() {
        // A value ending in an escaped backslash, an escaped quote, brackets
        // and braces inside strings: the next key is still found.
        let text = "{\"a\": \"x\\\\\", \"b\": [\"]\\\"}\", {\"c\": \"{[\"}],\n \"d\": 1}";
        assert_eq!(serde_json::from_str::<Value>(text).unwrap()["d"], 1);
        assert_eq!(find(text, "/d"), (2, 2));
        assert_eq!(find(text, "/b/1/c"), (1, 29));
    }

    #[test]
    fn a_key_given_twice_is_refused() {
        assert!(parse("{\"a\": 1, \"b\": {\"c\": 1, \"c\": 2}}").is_none());
        assert!(parse("{\"a\": 1} x").is_none());
        assert_eq!(parse("{\"a\": [1, 2.5, null]}").unwrap()["a"][1], 2.5);
    }

    /// Every node of every JSON file of the upstream specs, when present, is
    /// placed where the YAML parser that located them before placed it.
    #[test]
    fn positions_agree_with_the_yaml_parser_on_real_specs() {
        let Some(root) = std::env::var_os("ARMGEN_UPSTREAM_SPECS") else {
            return;
        };
        let mut files = vec![std::path::PathBuf::from(root)];
        let mut checked = 0;
        while let Some(path) = files.pop() {
            if path.is_dir() {
                files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            let Some(value) = parse(text) else { continue };
            let expected = Positions::of(text, u64::MAX);
            let mut locator = Locator::default();
            let mut pointers = vec![(String::new(), &value)];
            while let Some((pointer, node)) = pointers.pop() {
                assert_eq!(
                    locator.find(text, &pointer),
                    expected.find(&pointer),
                    "{} {pointer}",
                    path.display()
                );
                match node {
                    Value::Object(map) => {
                        pointers.extend(map.iter().map(|(k, v)| (pointer::child(&pointer, k), v)))
                    }
                    Value::Array(items) => pointers.extend(
                        items
                            .iter()
                            .enumerate()
                            .map(|(i, v)| (format!("{pointer}/{i}"), v)),
                    ),
                    _ => {}
                }
            }
            checked += 1;
        }
        assert!(checked > 0);
    }
}
