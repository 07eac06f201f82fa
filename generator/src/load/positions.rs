//! A map from JSON pointer to source position, built from YAML parser events.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// A 1-based line and column.
pub type LineColumn = (usize, usize);

/// A key found twice: its pointer, where it repeats, where it first was.
pub type DuplicateKey = (String, LineColumn, LineColumn);

/// 1-based line and column of every node, keyed by JSON pointer. Mapping
/// entries are placed at their key, which is where a reader looks.
#[derive(Debug, Default)]
pub struct Positions {
    by_pointer: HashMap<String, (usize, usize)>,
    /// Mapping keys that appear twice: pointer, second position, first
    /// position. Parsers keep one of the two values silently.
    pub duplicates: Vec<DuplicateKey>,
}

impl Positions {
    /// Records positions for `text`. A text the event parser rejects yields an
    /// empty map: serde_yaml reports the syntax error with its own position.
    pub fn of(text: &str) -> Self {
        let mut recorder = Recorder::default();
        let mut parser = Parser::new_from_str(text);
        if parser.load(&mut recorder, false).is_err() {
            return Self::default();
        }
        Self {
            by_pointer: recorder.positions,
            duplicates: recorder.duplicates,
        }
    }

    /// The pointer of the last node that starts in `text`, which may end
    /// anywhere (even inside a token): the node being read at its end. The
    /// document root when there is none.
    pub fn last_pointer(text: &str) -> String {
        let mut recorder = Recorder::default();
        let mut parser = Parser::new_from_str(text);
        // A text cut short is usually a syntax error: the nodes before the cut
        // were recorded all the same.
        let _ = parser.load(&mut recorder, false);
        recorder.last
    }

    /// The position of `pointer`, or of its nearest ancestor that has one.
    pub fn find(&self, pointer: &str) -> (usize, usize) {
        // Block mappings start where their first key ends; the document
        // itself starts at the top.
        if pointer.is_empty() {
            return (1, 1);
        }
        let mut current = pointer;
        loop {
            if let Some(&position) = self.by_pointer.get(current) {
                return position;
            }
            match current.rfind('/') {
                Some(i) => current = &current[..i],
                None => return (1, 1),
            }
        }
    }
}

enum Frame {
    Mapping {
        pointer: String,
        key: Option<String>,
    },
    Sequence {
        pointer: String,
        index: usize,
    },
    // A complex mapping key (`? [a, b]`): its nodes have no pointer.
    Skipped,
}

#[derive(Default)]
struct Recorder {
    stack: Vec<Frame>,
    positions: HashMap<String, (usize, usize)>,
    duplicates: Vec<DuplicateKey>,
    /// The pointer recorded last.
    last: String,
}

impl Recorder {
    fn record(&mut self, pointer: &str, mark: Marker) {
        pointer.clone_into(&mut self.last);
        self.positions
            .entry(pointer.to_owned())
            .or_insert((mark.line().max(1), mark.col() + 1));
    }

    /// Handles the start of a node; returns the pointer of the new node when it
    /// is a value (not a mapping key).
    fn node(&mut self, scalar: Option<&str>, mark: Marker) -> Option<String> {
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Skipped) => None,
            Some(Frame::Sequence { pointer, index }) => {
                let child = format!("{pointer}/{index}");
                *index += 1;
                Some(child)
            }
            Some(Frame::Mapping { pointer, key }) => match key.take() {
                Some(k) => Some(format!("{pointer}/{}", escape(&k))),
                None => {
                    let child_key = scalar.map(str::to_owned);
                    let child = child_key
                        .as_ref()
                        .map(|k| format!("{pointer}/{}", escape(k)));
                    *key = Some(child_key.unwrap_or_default());
                    if let Some(child) = child {
                        let here = (mark.line().max(1), mark.col() + 1);
                        match self.positions.get(&child) {
                            Some(&first) => self.duplicates.push((child, here, first)),
                            None => self.record(&child, mark),
                        }
                    }
                    None
                }
            },
        }
    }
}

impl MarkedEventReceiver for Recorder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        match event {
            Event::Scalar(value, ..) => {
                if let Some(pointer) = self.node(Some(&value), mark) {
                    self.record(&pointer, mark);
                }
            }
            Event::Alias(_) => {
                if let Some(pointer) = self.node(Some(""), mark) {
                    self.record(&pointer, mark);
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let is_mapping = matches!(event, Event::MappingStart(..));
                let in_key_position =
                    matches!(self.stack.last(), Some(Frame::Mapping { key: None, .. }));
                let frame = if in_key_position || matches!(self.stack.last(), Some(Frame::Skipped))
                {
                    // Consume the key slot so the value that follows is
                    // placed under an (unnamed) key.
                    self.node(None, mark);
                    Frame::Skipped
                } else {
                    match self.node(None, mark) {
                        Some(pointer) => {
                            self.record(&pointer, mark);
                            if is_mapping {
                                Frame::Mapping { pointer, key: None }
                            } else {
                                Frame::Sequence { pointer, index: 0 }
                            }
                        }
                        None => Frame::Skipped,
                    }
                };
                self.stack.push(frame);
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

/// Escapes one JSON pointer token (RFC 6901).
pub fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_positions_point_at_keys() {
        let text = "a:\n  b: 1\n  list:\n    - x\n    - {c: 2}\n";
        let p = Positions::of(text);
        assert_eq!(p.find("/a"), (1, 1));
        assert_eq!(p.find("/a/b"), (2, 3));
        assert_eq!(p.find("/a/list/0"), (4, 7));
        assert_eq!(p.find("/a/list/1/c"), (5, 8));
        assert_eq!(p.find("/a/list/1/missing"), (5, 7));
    }

    #[test]
    fn duplicate_keys_are_found() {
        let p = Positions::of("a: 1\nb: 2\na: 3\n");
        assert_eq!(p.duplicates, vec![("/a".to_owned(), (3, 1), (1, 1))]);
    }

    #[test]
    fn json_positions_and_escaped_pointers() {
        let text = "{\n  \"paths\": {\n    \"/a/{b}\": {\"post\": {}}\n  }\n}\n";
        let p = Positions::of(text);
        assert_eq!(p.find("/paths/~1a~1{b}/post"), (3, 16));
    }
}
