//! Rust names for spec names: case conversion, keyword escaping, collisions.
//!
//! Every rule has a unit test below. The wire name is always kept separately
//! (serde renames, URL templates), so a Rust name may change freely.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Keywords of every edition up to 2024, reserved ones included.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers (`r#self` is invalid).
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Splits on anything that is not alphanumeric so that `@odata.type` or
/// `x-ms-foo` convert like `odataType`.
fn words(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .trim()
        .to_owned()
}

/// Makes `name` usable as an identifier: non-ASCII letters dropped, a leading
/// digit prefixed, keywords escaped.
fn finish(name: String, digit_prefix: &str, fallback: &str) -> String {
    let ascii: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    let mut ident = if ascii.is_empty() || ascii.chars().all(|c| c == '_') {
        fallback.to_owned()
    } else {
        ascii
    };
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident = format!("{digit_prefix}{ident}");
    }
    if NOT_RAW.contains(&ident.as_str()) {
        format!("{ident}_")
    } else if KEYWORDS.contains(&ident.as_str()) {
        format!("r#{ident}")
    } else {
        ident
    }
}

/// A type name: `UpperCamelCase`.
pub fn type_name(name: &str) -> String {
    finish(words(name).to_upper_camel_case(), "N", "Unnamed")
}

/// A field, argument or function name: `snake_case`.
pub fn value_name(name: &str) -> String {
    finish(words(name).to_snake_case(), "n", "value")
}

/// An enum variant: `UpperCamelCase`, a value like `1.0` becoming `N10`.
pub fn variant_name(name: &str) -> String {
    finish(words(name).to_upper_camel_case(), "N", "Empty")
}

/// The identifier without a raw prefix, for building derived names.
pub fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// Hands out names unique within one scope: the second `key_name` becomes
/// `key_name_2`. Comparison ignores case so types cannot collide on
/// case-insensitive file systems or in docs.
#[derive(Debug, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// A scope where `reserved` names are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Self {
            taken: reserved.iter().map(|r| r.to_ascii_lowercase()).collect(),
        }
    }

    /// Returns `ident` or the first free `ident_N`/`identN`; records it.
    pub fn claim(&mut self, ident: &str) -> String {
        let base = unraw(ident);
        let separator = if base.starts_with(|c: char| c.is_ascii_uppercase()) {
            ""
        } else {
            "_"
        };
        let mut candidate = ident.to_owned();
        let mut n = 2;
        while !self.taken.insert(unraw(&candidate).to_ascii_lowercase()) {
            candidate = format!("{base}{separator}{n}");
            n += 1;
        }
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_conversion() {
        assert_eq!(
            type_name("PartnerNamespaceSharedAccessKeys"),
            "PartnerNamespaceSharedAccessKeys"
        );
        assert_eq!(type_name("systemData"), "SystemData");
        assert_eq!(
            value_name("primaryConnectionString"),
            "primary_connection_string"
        );
        assert_eq!(value_name("api-version"), "api_version");
        assert_eq!(value_name("PartnerNamespaces"), "partner_namespaces");
    }

    #[test]
    fn keywords_are_escaped() {
        assert_eq!(value_name("type"), "r#type");
        assert_eq!(value_name("gen"), "r#gen");
        assert_eq!(value_name("async"), "r#async");
        assert_eq!(value_name("self"), "self_");
        assert_eq!(type_name("Self"), "Self_");
        assert_eq!(value_name("Super"), "super_");
    }

    #[test]
    fn odd_characters_and_digits() {
        assert_eq!(value_name("@odata.type"), "odata_type");
        assert_eq!(value_name("$"), "value");
        assert_eq!(value_name("1stKey"), "n1st_key");
        assert_eq!(type_name("2xx"), "N2xx");
        assert_eq!(variant_name("1.0"), "N10");
        assert_eq!(value_name("naïve"), "nave");
    }

    #[test]
    fn collisions_are_numbered() {
        let mut scope = Scope::default();
        assert_eq!(scope.claim("key_name"), "key_name");
        assert_eq!(scope.claim("key_name"), "key_name_2");
        assert_eq!(scope.claim("key_name"), "key_name_3");
        let mut types = Scope::default();
        assert_eq!(types.claim("Error"), "Error");
        assert_eq!(types.claim("ERROR"), "ERROR2");
        let mut raw = Scope::with_reserved(&["type"]);
        assert_eq!(raw.claim("r#type"), "type_2");
    }
}
