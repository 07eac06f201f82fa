//! [`Pattern`]: a spec's `pattern`, matched without a regex engine when it is
//! a character class repeated over the whole value.
//!
//! ARM's patterns are mostly of one shape, `^[-\w\._\(\)]+$` (resource group
//! names): an anchored class with a quantifier. Such a pattern is parsed with
//! `regex-syntax`, the parser inside the `regex` crate, so the class is
//! exactly the one the regex would match (Unicode `\w`, case folding, ranges
//! and escapes all resolved by the same code); matching is then a table
//! lookup per ASCII character and a binary search over the class's ranges
//! for any other, about ten times cheaper than the regex engine. Every other
//! pattern goes to the regex.

use std::fmt;
use std::sync::OnceLock;

use regex::Regex;
use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// A spec's `pattern` as generated code holds it, in a `static`: its text,
/// which a failed check reports, and the [`Pattern`] compiled from it on
/// first use, once per process.
pub struct LazyPattern {
    source: &'static str,
    compiled: OnceLock<Option<Pattern>>,
}

impl LazyPattern {
    /// The pattern `source`, not compiled yet.
    pub const fn new(source: &'static str) -> Self {
        Self {
            source,
            compiled: OnceLock::new(),
        }
    }

    /// The pattern as the spec writes it.
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// The compiled pattern; `None` only if it stopped compiling after
    /// generation checked it (a different `regex` version): the check is
    /// then skipped rather than panicking at run time.
    pub fn get(&self) -> Option<&Pattern> {
        self.compiled
            .get_or_init(|| Pattern::new(self.source))
            .as_ref()
    }
}

impl fmt::Debug for LazyPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("LazyPattern").field(&self.source).finish()
    }
}

/// A compiled `pattern` constraint.
#[derive(Clone, Debug)]
pub struct Pattern {
    matcher: Matcher,
}

#[derive(Clone, Debug)]
enum Matcher {
    /// `^[class]{min,max}$`, answered without the regex engine.
    Class(RepeatedClass),
    /// Any other pattern.
    Regex(Regex),
}

/// `^[class]{min,max}$`: which characters the class holds and how many times
/// it repeats (in characters, as the regex counts).
#[derive(Clone, Debug, PartialEq)]
struct RepeatedClass {
    /// The class's ASCII members, for a lookup without a search.
    ascii: [bool; 128],
    /// The class's non-ASCII members: sorted, disjoint, inclusive ranges.
    ranges: Vec<(char, char)>,
    min: u32,
    max: Option<u32>,
}

impl Pattern {
    /// Compiles `source` (the regex crate's syntax, which armgen checked at
    /// generation time); `None` if it does not compile.
    pub fn new(source: &str) -> Option<Self> {
        // The same parser, with the same (default) settings, as
        // `Regex::new`: the class read here is the regex's class.
        let matcher = match regex_syntax::Parser::new()
            .parse(source)
            .ok()
            .and_then(|hir| RepeatedClass::from_hir(&hir))
        {
            Some(class) => Matcher::Class(class),
            None => Matcher::Regex(Regex::new(source).ok()?),
        };
        Some(Self { matcher })
    }

    /// Whether `value` matches, exactly as the regex would answer.
    pub fn is_match(&self, value: &str) -> bool {
        match &self.matcher {
            Matcher::Class(class) => class.matches(value),
            Matcher::Regex(regex) => regex.is_match(value),
        }
    }

    /// Whether the pattern is matched without the regex engine.
    pub fn is_plain_class(&self) -> bool {
        matches!(self.matcher, Matcher::Class(_))
    }
}

impl RepeatedClass {
    /// Recognises `Start · class{min,max} · End` (a single character counts
    /// as a class of one, a capture group around the repetition is looked
    /// through). Line anchors (multi-line mode), word boundaries,
    /// alternations and anything else are not this shape.
    fn from_hir(hir: &Hir) -> Option<Self> {
        let HirKind::Concat(parts) = hir.kind() else {
            return None;
        };
        let [start, repeated, end] = parts.as_slice() else {
            return None;
        };
        if *start.kind() != HirKind::Look(Look::Start) || *end.kind() != HirKind::Look(Look::End) {
            return None;
        }
        let (min, max, item) = match uncaptured(repeated).kind() {
            HirKind::Repetition(rep) => (rep.min, rep.max, uncaptured(&rep.sub)),
            _ => (1, Some(1), uncaptured(repeated)),
        };
        let ranges: Vec<(char, char)> = match item.kind() {
            HirKind::Class(Class::Unicode(class)) => class
                .ranges()
                .iter()
                .map(|range| (range.start(), range.end()))
                .collect(),
            HirKind::Literal(literal) => {
                let text = std::str::from_utf8(&literal.0).ok()?;
                let mut chars = text.chars();
                let only = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                vec![(only, only)]
            }
            _ => return None,
        };
        let mut ascii = [false; 128];
        for (b, member) in ascii.iter_mut().enumerate() {
            let c = char::from(b as u8);
            *member = ranges.iter().any(|&(from, to)| from <= c && c <= to);
        }
        let ranges = ranges
            .into_iter()
            .filter(|&(_, to)| !to.is_ascii())
            .map(|(from, to)| (from.max('\u{80}'), to))
            .collect();
        Some(Self {
            ascii,
            ranges,
            min,
            max,
        })
    }

    fn matches(&self, value: &str) -> bool {
        if value.is_ascii() {
            // One character per byte: the common case, no decoding.
            let len = value.len();
            return self.count_fits(len) && value.bytes().all(|b| self.ascii[usize::from(b)]);
        }
        let mut count = 0usize;
        for c in value.chars() {
            count += 1;
            let member = if c.is_ascii() {
                self.ascii[c as usize]
            } else {
                self.contains_non_ascii(c)
            };
            if !member {
                return false;
            }
        }
        self.count_fits(count)
    }

    fn count_fits(&self, count: usize) -> bool {
        count >= self.min as usize && self.max.is_none_or(|max| count <= max as usize)
    }

    fn contains_non_ascii(&self, c: char) -> bool {
        self.ranges
            .binary_search_by(|&(from, to)| {
                if to < c {
                    std::cmp::Ordering::Less
                } else if from > c {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
    }
}

/// `hir` without the capture groups around it (`^(…)$` matches as `^…$`).
fn uncaptured(mut hir: &Hir) -> &Hir {
    while let HirKind::Capture(capture) = hir.kind() {
        hir = &capture.sub;
    }
    hir
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Patterns of the real specs and of odd shapes: which are answered
    /// without the regex engine.
    const PATTERNS: &[(&str, bool)] = &[
        (r"^[-\w\._\(\)]+$", true),
        (r"^[a-zA-Z0-9-]*$", true),
        (r"^[a-z0-9][a-z0-9-]*$", false),
        (r"^[A-Za-z0-9]{3,24}$", true),
        (r"^[a-z]{2}$", true),
        (r"^[0-9a-f]{8}-[0-9a-f]{4}$", false),
        (r"^[\d]+$", true),
        (r"^\d{2,4}$", true),
        (r"^[^/]+$", true),
        (r"^[^\s]*$", true),
        (r"^\S+$", true),
        (r"^[a\-z]+$", true),
        (r"^[-a]+$", true),
        (r"^[a-]+$", true),
        (r"^[\w-]{1,}$", true),
        (r"^[\w&&[^\d]]+$", true),
        (r"(?i)^[a-k]+$", true),
        (r"^([a-z]+)$", true),
        (r"^a+$", true),
        (r"^é{2}$", true),
        (r"^[éa]+$", true),
        (r"^[a-z]?$", true),
        (r"^\w$", true),
        (r"[a-z]+", false),
        (r"^[a-z]+", false),
        (r"(?m)^[a-z]+$", false),
        (r"^[a-z]+$|^x$", false),
        (r"^ab+$", false),
        (r"^\b[a-z]+$", false),
    ];

    #[test]
    fn plain_classes_are_recognised_and_others_left_to_the_regex() {
        for (source, plain) in PATTERNS {
            let pattern = Pattern::new(source).unwrap();
            assert_eq!(pattern.is_plain_class(), *plain, "{source}");
        }
    }

    /// Characters on the edges of the classes above: every ASCII one, and
    /// non-ASCII ones that are or are not in Unicode `\w` (letters, a
    /// combining mark, an Arabic-Indic digit, a connector, a joiner), change
    /// under case folding (Kelvin sign, long s) or are spaces.
    fn alphabet() -> Vec<char> {
        let mut chars: Vec<char> = (0u8..128).map(char::from).collect();
        chars.extend([
            'é',
            'ß',
            'Ω',
            'ω',
            '\u{0663}',
            '\u{200C}',
            '\u{200D}',
            '\u{0301}',
            '\u{203F}',
            '中',
            '😀',
            '\u{00A0}',
            '\u{2003}',
            '\u{212A}',
            '\u{017F}',
            '\u{00B2}',
            '\u{FF10}',
            '€',
            '\u{10FFFF}',
            '\u{E000}',
        ]);
        chars
    }

    /// A small deterministic generator (xorshift64*), so failures reproduce.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }

        /// Any Unicode scalar value.
        fn any_char(&mut self) -> char {
            loop {
                if let Some(c) = char::from_u32((self.next() % 0x11_0000) as u32) {
                    return c;
                }
            }
        }
    }

    /// Every pattern answers as the regex crate does: for every string of up
    /// to two characters of the alphabet, and for 30 000 random strings of up
    /// to 30 characters drawn mostly from the alphabet and sometimes from
    /// all of Unicode.
    #[test]
    fn answers_are_the_regexs() {
        let alphabet = alphabet();
        let mut values = vec![String::new()];
        for &a in &alphabet {
            values.push(a.to_string());
            for &b in &alphabet {
                values.push(format!("{a}{b}"));
            }
        }
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..30_000 {
            let len = rng.below(31);
            let value: String = (0..len)
                .map(|_| {
                    if rng.below(8) == 0 {
                        rng.any_char()
                    } else {
                        alphabet[rng.below(alphabet.len())]
                    }
                })
                .collect();
            values.push(value);
        }
        // Strings of class members only, so the length bounds are reached.
        for len in 0..30 {
            values.push("a".repeat(len));
            values.push("é".repeat(len));
            values.push("Ω1_".repeat(len));
        }
        for (source, _) in PATTERNS {
            let pattern = Pattern::new(source).unwrap();
            let regex = Regex::new(source).unwrap();
            let mut matched = 0;
            for value in &values {
                let expected = regex.is_match(value);
                assert_eq!(pattern.is_match(value), expected, "{source} on {value:?}");
                matched += usize::from(expected);
            }
            // The strings exercise both answers of every class matched
            // without the engine (the others are the engine's answers).
            assert!(
                !pattern.is_plain_class() || (matched > 0 && matched < values.len()),
                "{source}: {matched} of {}",
                values.len()
            );
        }
    }

    #[test]
    fn unicode_word_characters_match_without_the_regex_engine() {
        let pattern = Pattern::new(r"^[-\w\._\(\)]+$").unwrap();
        assert!(pattern.is_plain_class());
        for value in [
            "Grüße",
            "데이터",
            "x\u{0301}",
            "١٢٣",
            "a\u{200D}b",
            "rg-(1).x",
        ] {
            assert!(pattern.is_match(value), "{value}");
        }
        for value in ["a b", "a/b", "€", "😀", ""] {
            assert!(!pattern.is_match(value), "{value}");
        }
    }

    #[test]
    fn a_pattern_the_regex_refuses_is_refused() {
        assert!(Pattern::new(r"^[a-z+$").is_none());
        assert!(Pattern::new(r"^\p{NoSuchClass}+$").is_none());
    }
}
