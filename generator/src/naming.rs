//! Rust names for spec names: case conversion, keyword escaping, collisions.
//!
//! Every rule has a unit test below. The wire name is always kept separately
//! (serde renames, URL templates), so a Rust name may change freely.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Keywords of every edition up to 2024, reserved ones included.
pub const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers (`r#self` is invalid).
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Names a module must not take although they are not keywords: a module
/// `str` or `u8` hides the primitive type in the scope it is declared in,
/// and `std`, `core` or `alloc` the crate, in the user's code too.
const NOT_MODULES: &[&str] = &[
    "bool", "char", "str", "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64",
    "u128", "usize", "f16", "f32", "f64", "f128", "std", "core", "alloc",
];

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
/// digit prefixed, keywords escaped. Underscores left next to each other or at
/// either end by dropped letters are removed, so that no name draws a naming
/// lint, and no name starts with `_`: generated code may use such names for
/// itself.
fn finish(name: String, digit_prefix: &str, fallback: &str) -> String {
    let ascii: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    let joined = ascii
        .split('_')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    let mut ident = if joined.is_empty() {
        fallback.to_owned()
    } else {
        joined
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

/// The prelude's types that generated code writes plainly (`Option<String>`,
/// not `::core::option::Option<::std::string::String>`): no generated type
/// may take these names, compared ignoring case.
pub const PRELUDE_TYPES: [&str; 5] = ["Result", "Option", "Vec", "String", "Box"];

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

/// A module name: a value name that hides neither a primitive type nor a
/// standard crate (`str` becomes `str_`).
pub fn module_name(name: &str) -> String {
    let ident = value_name(name);
    if NOT_MODULES.contains(&ident.as_str()) {
        format!("{ident}_")
    } else {
        ident
    }
}

/// A module name given by the user as is (`--spec FILE=MODULE`): accepted
/// when it is a snake_case identifier, escaped if it is a keyword or hides a
/// primitive type (`type` becomes `r#type`, `self` and `str` get a `_`);
/// otherwise the error holds the module name to use instead.
pub fn check_module_name(name: &str) -> Result<String, String> {
    let module = module_name(name);
    let escaped = module == name || module == format!("r#{name}") || module == format!("{name}_");
    if escaped && !name.is_empty() {
        Ok(module)
    } else {
        Err(module)
    }
}

/// The identifier without a raw prefix, for building derived names.
pub fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// A name built from names and suffixes (`{operation}_request`,
/// `{Client}Options`): raw prefixes dropped, and the `_` that escapes a
/// keyword (`self_`, `Self_`) too, which would otherwise draw a naming lint
/// in the middle of a name (`self__request`, `Self_Options`).
pub fn join(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|part| unraw(part).trim_end_matches('_'))
        .collect()
}

/// A type the generated code may define beside an operation's functions, in
/// its group's module: the one place its name is made, for the emitter and
/// for resolve (which keeps parameter groups from taking these names).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OperationType {
    /// The enum of the media types the caller chooses from (`UploadContentType`).
    ContentType,
    /// The success enum by status (`GetResponse`).
    ByStatus,
    /// The typed response headers (`ListHeaders`).
    Headers,
}

impl OperationType {
    /// Every kind.
    pub const ALL: [Self; 3] = [Self::ContentType, Self::ByStatus, Self::Headers];

    /// The type's name for the operation whose function name is `op_name`.
    pub fn name(self, op_name: &str) -> String {
        let suffix = match self {
            Self::ContentType => "ContentType",
            Self::ByStatus => "Response",
            Self::Headers => "Headers",
        };
        join(&[&type_name(op_name), suffix])
    }
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

    /// Returns `ident` or the first free `ident_N`/`identN`; records it. An
    /// escaped keyword loses its `_` when numbered (`self_2`, `Self2`).
    pub fn claim(&mut self, ident: &str) -> String {
        let base = unraw(ident).trim_end_matches('_');
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
    fn dropped_letters_leave_no_stray_underscores() {
        assert_eq!(value_name("é_x"), "x");
        assert_eq!(value_name("a é b"), "a_b");
        assert_eq!(value_name("x é"), "x");
        assert_eq!(value_name("é"), "value");
    }

    #[test]
    fn modules_hide_no_primitive_type_or_crate() {
        assert_eq!(module_name("str"), "str_");
        assert_eq!(module_name("std"), "std_");
        assert_eq!(module_name("type"), "r#type");
        assert_eq!(module_name("Relay"), "relay");
    }

    #[test]
    fn given_module_names_are_escaped_or_refused() {
        assert_eq!(check_module_name("relay"), Ok("relay".to_owned()));
        assert_eq!(check_module_name("type"), Ok("r#type".to_owned()));
        assert_eq!(check_module_name("self"), Ok("self_".to_owned()));
        assert_eq!(check_module_name("str"), Ok("str_".to_owned()));
        assert_eq!(check_module_name("1abc"), Err("n1abc".to_owned()));
        assert_eq!(check_module_name("a-b"), Err("a_b".to_owned()));
        assert_eq!(check_module_name("Relay"), Err("relay".to_owned()));
        assert_eq!(check_module_name(""), Err("value".to_owned()));
        assert_eq!(check_module_name("x_"), Err("x".to_owned()));
    }

    #[test]
    fn joined_names_carry_no_escape() {
        assert_eq!(join(&["self_", "_request"]), "self_request");
        assert_eq!(join(&["r#type", "_request"]), "type_request");
        assert_eq!(join(&["Self_", "Options"]), "SelfOptions");
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
        let mut escaped = Scope::default();
        assert_eq!(escaped.claim("self_"), "self_");
        assert_eq!(escaped.claim("self_"), "self_2");
        let mut types = Scope::default();
        assert_eq!(types.claim("Self_"), "Self_");
        assert_eq!(types.claim("Self_"), "Self2");
    }
}
