//! A map from JSON pointer to source position, built from YAML parser events.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use super::pointer;

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
    /// The first alias whose copy takes the aliases' growth of the
    /// document past the bound.
    pub alias_overflow: Option<AliasOverflow>,
}

/// An alias that makes a document too large once expanded.
#[derive(Debug, PartialEq, Eq)]
pub struct AliasOverflow {
    /// The alias's pointer (its parent's when it is a mapping key).
    pub pointer: String,
    /// Where the alias is.
    pub at: LineColumn,
    /// How many bytes the aliases up to this one add.
    pub added: u64,
}

impl Positions {
    /// Records positions for `text`, and measures what its aliases would add
    /// once expanded against `max_alias_expansion` bytes. A text the event
    /// parser rejects yields an empty map: serde_yaml reports the syntax error
    /// with its own position.
    #[cfg(test)]
    pub fn of(text: &str, max_alias_expansion: u64) -> Self {
        let mut recorder = Recorder::new(max_alias_expansion);
        let mut parser = Parser::new_from_str(text);
        let parsed = parser.load(&mut recorder, false);
        recorder.finish(parsed.is_ok())
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
pub(super) struct Recorder {
    stack: Vec<Frame>,
    positions: HashMap<String, (usize, usize)>,
    duplicates: Vec<DuplicateKey>,
    /// The pointer recorded last.
    last: String,
    /// Expanded sizes of the open collections, with their anchor ids (0 for
    /// none): aliases inside count at their anchor's expanded size.
    sizes: Vec<(usize, u64)>,
    /// Expanded size of every anchored node that is complete, by anchor id.
    anchors: HashMap<usize, u64>,
    /// Bytes the aliases seen so far add to the document.
    added: u64,
    max_alias_expansion: u64,
    overflow: Option<AliasOverflow>,
}

impl Recorder {
    /// A recorder that measures aliases against `max_alias_expansion` bytes.
    pub(super) fn new(max_alias_expansion: u64) -> Self {
        Self {
            max_alias_expansion,
            ..Self::default()
        }
    }

    /// Whether an alias has taken the document past the bound: nothing may
    /// be expanded from then on.
    pub(super) fn overflowed(&self) -> bool {
        self.overflow.is_some()
    }

    /// The positions recorded; none when the parser stopped at a syntax
    /// error (serde_yaml then reports it with its own position), but a bomb
    /// found before the error is still a bomb.
    pub(super) fn finish(mut self, parsed: bool) -> Positions {
        let alias_overflow = self.overflow.take();
        if !parsed {
            return Positions {
                alias_overflow,
                ..Positions::default()
            };
        }
        Positions {
            by_pointer: self.positions,
            duplicates: self.duplicates,
            alias_overflow,
        }
    }

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
                Some(k) => Some(pointer::child(pointer, &k)),
                None => {
                    let child_key = scalar.map(str::to_owned);
                    let child = child_key.as_ref().map(|k| pointer::child(pointer, k));
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

/// What a node adds to the size of a document once every alias is expanded:
/// about the bytes of its JSON text. Bytes, not nodes, so that a bomb built
/// of a few long strings counts as much as one of many short ones.
const SCALAR_OVERHEAD: u64 = 2;
const COLLECTION_OVERHEAD: u64 = 2;

impl Recorder {
    /// Adds a complete node's expanded size to its parent, and remembers it
    /// when the node is anchored.
    fn sized(&mut self, anchor: usize, size: u64) {
        if anchor != 0 {
            self.anchors.insert(anchor, size);
        }
        if let Some((_, parent)) = self.sizes.last_mut() {
            *parent = parent.saturating_add(size);
        }
    }

    /// Counts what an alias adds; records the first alias past the bound.
    fn alias(&mut self, anchor: usize, pointer: &str, mark: Marker) {
        // An alias of a collection still open (a recursive document) has no
        // size yet; serde_yaml refuses such documents by its recursion limit.
        let size = self.anchors.get(&anchor).copied().unwrap_or(0);
        self.added = self.added.saturating_add(size);
        self.sized(0, size);
        if self.added > self.max_alias_expansion && self.overflow.is_none() {
            self.overflow = Some(AliasOverflow {
                pointer: pointer.to_owned(),
                at: (mark.line().max(1), mark.col() + 1),
                added: self.added,
            });
        }
    }

    /// The pointer of the open collection, for an alias in key position.
    fn parent_pointer(&self) -> String {
        match self.stack.last() {
            Some(Frame::Mapping { pointer, .. } | Frame::Sequence { pointer, .. }) => {
                pointer.clone()
            }
            _ => self.last.clone(),
        }
    }
}

impl MarkedEventReceiver for Recorder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        self.event(&event, mark);
    }
}

impl Recorder {
    /// Records one parser event (borrowed, so that the value builder can
    /// take its strings afterwards).
    pub(super) fn event(&mut self, event: &Event, mark: Marker) {
        match *event {
            Event::Scalar(ref value, _, anchor, _) => {
                self.sized(anchor, SCALAR_OVERHEAD.saturating_add(value.len() as u64));
                if let Some(pointer) = self.node(Some(value), mark) {
                    self.record(&pointer, mark);
                }
            }
            Event::Alias(anchor) => {
                let pointer = match self.node(Some(""), mark) {
                    Some(pointer) => {
                        self.record(&pointer, mark);
                        pointer
                    }
                    None => self.parent_pointer(),
                };
                self.alias(anchor, &pointer, mark);
            }
            Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) => {
                self.sizes.push((anchor, COLLECTION_OVERHEAD));
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
                if let Some((anchor, size)) = self.sizes.pop() {
                    self.sized(anchor, size);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_positions_point_at_keys() {
        let text = "a:\n  b: 1\n  list:\n    - x\n    - {c: 2}\n";
        let p = Positions::of(text, u64::MAX);
        assert_eq!(p.find("/a"), (1, 1));
        assert_eq!(p.find("/a/b"), (2, 3));
        assert_eq!(p.find("/a/list/0"), (4, 7));
        assert_eq!(p.find("/a/list/1/c"), (5, 8));
        assert_eq!(p.find("/a/list/1/missing"), (5, 7));
    }

    #[test]
    fn duplicate_keys_are_found() {
        let p = Positions::of("a: 1\nb: 2\na: 3\n", u64::MAX);
        assert_eq!(p.duplicates, vec![("/a".to_owned(), (3, 1), (1, 1))]);
    }

    #[test]
    fn json_positions_and_escaped_pointers() {
        let text = "{\n  \"paths\": {\n    \"/a/{b}\": {\"post\": {}}\n  }\n}\n";
        let p = Positions::of(text, u64::MAX);
        assert_eq!(p.find("/paths/~1a~1{b}/post"), (3, 16));
    }

    #[test]
    fn aliases_count_at_their_expanded_size() {
        // Each level holds ten copies of the one before: 10^9 copies of the
        // string once expanded, measured without expanding anything.
        let mut text = "a0: &a0 xxxxxxxx\n".to_owned();
        for level in 1..10 {
            let copies = vec![format!("*a{}", level - 1); 10].join(", ");
            text.push_str(&format!("a{level}: &a{level} [{copies}]\n"));
        }
        let overflow = Positions::of(&text, 1 << 20).alias_overflow.unwrap();
        // Levels 1 to 4 add 113,560 bytes, each alias of level 5 another
        // 102,222: its tenth takes the total past 1 MiB.
        assert_eq!(overflow.pointer, "/a5/9");
        assert_eq!(overflow.at.0, 6);
        assert!(overflow.added > 1 << 20);
        assert!(Positions::of(&text, u64::MAX).alias_overflow.is_none());
    }

    #[test]
    fn an_alias_in_key_position_is_placed_at_its_mapping() {
        let text = "k: &k [a, b]\nm: {*k : 1}\n";
        let overflow = Positions::of(text, 1).alias_overflow.unwrap();
        assert_eq!(overflow.pointer, "/m");
    }
}
