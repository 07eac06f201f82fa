//! [`Pattern`]: a spec's `pattern`, matched without a regex engine when it is
//! a plain character class.
//!
//! ARM's patterns are mostly of one shape, `^[-\w\._\(\)]+$` (resource group
//! names): a class repeated over the whole value. For an ASCII value such a
//! class is a table lookup per byte, an order of magnitude cheaper than the
//! regex engine; a value with other characters, and every other pattern, go
//! to the regex, so the answer is always the regex's.

use regex::Regex;

/// A compiled `pattern` constraint.
#[derive(Clone, Debug)]
pub struct Pattern {
    regex: Regex,
    class: Option<AsciiClass>,
}

/// `^[class]{min,max}$` over ASCII: which bytes the class holds, and how many
/// times it repeats.
#[derive(Clone, Debug, PartialEq)]
struct AsciiClass {
    bytes: [bool; 128],
    min: usize,
    max: Option<usize>,
}

impl Pattern {
    /// Compiles `source` (the regex crate's syntax, which armgen checked at
    /// generation time); `None` if it does not compile.
    pub fn new(source: &str) -> Option<Self> {
        let regex = Regex::new(source).ok()?;
        Some(Self {
            class: AsciiClass::parse(source),
            regex,
        })
    }

    /// Whether `value` matches, exactly as the regex would answer.
    pub fn is_match(&self, value: &str) -> bool {
        match &self.class {
            Some(class) if value.is_ascii() => class.matches(value.as_bytes()),
            _ => self.regex.is_match(value),
        }
    }

    /// Whether the pattern is matched without the regex engine for ASCII
    /// values.
    pub fn is_plain_class(&self) -> bool {
        self.class.is_some()
    }
}

impl AsciiClass {
    /// Recognises `^[…]+$`, `^[…]*$` and `^[…]{m,n}$` whose class holds only
    /// literal ASCII characters, ranges of them, `\w` and `\d` (whose ASCII
    /// members are `[A-Za-z0-9_]` and `[0-9]` in the regex crate too); any
    /// other construct (negation, `\s`, Unicode classes, flags) is left to
    /// the regex.
    fn parse(source: &str) -> Option<Self> {
        let body = source.strip_prefix("^[")?;
        let close = find_class_end(body)?;
        let (class, rest) = (&body[..close], &body[close + 1..]);
        let quantifier = rest.strip_suffix('$')?;
        let (min, max) = match quantifier {
            "+" => (1, None),
            "*" => (0, None),
            _ => {
                let inner = quantifier.strip_prefix('{')?.strip_suffix('}')?;
                match inner.split_once(',') {
                    None => {
                        let n = inner.parse().ok()?;
                        (n, Some(n))
                    }
                    Some((m, "")) => (m.parse().ok()?, None),
                    Some((m, n)) => (m.parse().ok()?, Some(n.parse().ok()?)),
                }
            }
        };
        let mut bytes = [false; 128];
        let chars: Vec<char> = class.chars().collect();
        if chars.first() == Some(&'^') {
            return None;
        }
        let mut i = 0;
        let mut previous: Option<u8> = None;
        while i < chars.len() {
            let c = chars[i];
            let literal = if c == '\\' {
                let escaped = *chars.get(i + 1)?;
                i += 2;
                match escaped {
                    'w' => {
                        for b in 0..128u8 {
                            bytes[usize::from(b)] |= b.is_ascii_alphanumeric() || b == b'_';
                        }
                        previous = None;
                        continue;
                    }
                    'd' => {
                        for b in b'0'..=b'9' {
                            bytes[usize::from(b)] = true;
                        }
                        previous = None;
                        continue;
                    }
                    e if e.is_ascii_punctuation() => e as u8,
                    _ => return None,
                }
            } else if c == '-' && previous.is_some() && i + 1 < chars.len() {
                // A range `a-z`: from the previous literal to the next one.
                let from = previous?;
                let to = chars[i + 1];
                if !to.is_ascii() || to == '\\' || to == '[' || (to as u8) < from {
                    return None;
                }
                for b in from..=to as u8 {
                    bytes[usize::from(b)] = true;
                }
                i += 2;
                previous = None;
                continue;
            } else {
                i += 1;
                if !c.is_ascii() || c == '[' {
                    return None;
                }
                c as u8
            };
            bytes[usize::from(literal)] = true;
            previous = Some(literal);
        }
        Some(Self { bytes, min, max })
    }

    fn matches(&self, value: &[u8]) -> bool {
        value.len() >= self.min
            && self.max.is_none_or(|max| value.len() <= max)
            && value.iter().all(|&b| self.bytes[usize::from(b)])
    }
}

/// The index of the `]` that closes a class starting right after `[`
/// (escaped `\]` skipped; a `]` first in the class is a literal in regex
/// syntax, but armgen refuses that subtlety and lets the regex decide).
fn find_class_end(body: &str) -> Option<usize> {
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b']' if i == 0 => return None,
            b']' => return Some(i),
            b'[' => return None,
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Patterns of the real specs and of odd shapes.
    const PATTERNS: &[&str] = &[
        r"^[-\w\._\(\)]+$",
        r"^[a-zA-Z0-9-]*$",
        r"^[a-z0-9][a-z0-9-]*$",
        r"^[A-Za-z0-9]{3,24}$",
        r"^[a-z]{2}$",
        r"^[0-9a-f]{8}-[0-9a-f]{4}$",
        r"^[\d]+$",
        r"^[^/]+$",
        r"^[a\-z]+$",
        r"^[-a]+$",
        r"^[a-]+$",
        r"^[\w-]{1,}$",
        r"[a-z]+",
        r"^[éa]+$",
    ];

    #[test]
    fn plain_classes_are_recognised_and_others_left_to_the_regex() {
        let plain: Vec<bool> = PATTERNS
            .iter()
            .map(|p| Pattern::new(p).unwrap().is_plain_class())
            .collect();
        assert_eq!(
            plain,
            [
                true, true, false, true, true, false, true, false, true, true, true, true, false,
                false
            ]
        );
    }

    /// Every pattern answers as the regex does, for every ASCII string up to
    /// length 3 over an alphabet that hits each class edge, and for a few
    /// non-ASCII ones (which always go to the regex).
    #[test]
    fn answers_are_the_regexs() {
        let alphabet = [
            "", "a", "z", "A", "Z", "0", "9", "_", "-", ".", "(", ")", "/", " ", "\n", "é", "x",
        ];
        let mut values = vec![String::new()];
        for a in alphabet {
            for b in alphabet {
                for c in alphabet {
                    values.push(format!("{a}{b}{c}"));
                }
            }
        }
        values.push("a".repeat(30));
        for source in PATTERNS {
            let pattern = Pattern::new(source).unwrap();
            let regex = Regex::new(source).unwrap();
            for value in &values {
                assert_eq!(
                    pattern.is_match(value),
                    regex.is_match(value),
                    "{source} on {value:?}"
                );
            }
        }
    }
}
