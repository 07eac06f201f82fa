//! The `json_struct!` macro behind every generated struct model's serde
//! implementations, and the helpers its expansion calls.
//!
//! Why not serde's derive: compiling the derived `Deserialize` was about
//! two fifths of a debug build of generated bindings. The derive writes, per
//! model, a field enum with its own visitor, a visitor for the JSON-array
//! form of the struct (which serde_json instantiates, and which no ARM
//! service sends), and the map visitor. This macro writes only the map
//! visitor, matching keys as text, and leaves everything that does not
//! depend on the model (reading a key, refusing a duplicate, skipping an
//! unknown member) to functions here that are compiled once per field type.
//!
//! What a generated model decodes and encodes is what the derive gave, with
//! one difference: a JSON array is not accepted in place of an object.

/// Implements `Serialize` and `Deserialize` for a struct model, from its
/// fields' wire names.
///
/// Each field is `opt` (an `Option` the spec does not require: absent or
/// `null` is `None`, and `None` is not sent), `req` (required: absent is an
/// error), or `null` (required but nullable: absent or `null` is `None`, and
/// `None` is sent as `null`). After the fields, `tag "name" = "value"`
/// writes a polymorphic child's discriminator first (decoding skips it, as
/// the union that names the child reads it, and never puts it in the map),
/// and `.. field` names a map that
/// holds every member the spec does not declare (`additionalProperties`).
///
/// Decoding ignores unknown members (unless a map holds them), and refuses a
/// member given twice, naming it; encoding writes the fields in order.
#[doc(hidden)]
#[macro_export]
macro_rules! __armgen_json_struct {
    ($name:ident { $($kind:ident $field:ident : $wire:literal,)* } $(tag $tag:literal = $tag_value:literal)? $(.. $extra:ident)?) => {
        impl $crate::__private::serde::Serialize for $name {
            fn serialize<__S: $crate::__private::serde::Serializer>(&self, serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                $crate::__armgen_json_struct!(@serialize self serializer $name { $($kind $field : $wire,)* } $(tag $tag = $tag_value)? $(.. $extra)?)
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            // Type names in a macro are not hygienic: `__`-prefixed ones,
            // which no model's name can be, for the generic parameters and
            // the visitor.
            fn deserialize<__D: $crate::__private::serde::Deserializer<'de>>(deserializer: __D) -> ::core::result::Result<Self, __D::Error> {
                struct __Visitor;
                impl<'de> $crate::__private::serde::de::Visitor<'de> for __Visitor {
                    type Value = $name;
                    fn expecting(&self, formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        formatter.write_str(::core::concat!("struct ", ::core::stringify!($name)))
                    }
                    fn visit_map<__A: $crate::__private::serde::de::MapAccess<'de>>(self, mut map: __A) -> ::core::result::Result<$name, __A::Error> {
                        // One slot per field, named as the field (the macro's own
                        // names cannot collide with them: macro hygiene).
                        $(let mut $field = ::core::option::Option::None;)*
                        $(let mut $extra = ::std::collections::BTreeMap::new();)?
                        while let ::core::option::Option::Some(key) = $crate::__private::json_struct::next_key(&mut map)? {
                            match key.as_str() {
                                $($wire => $crate::__private::json_struct::read_field(&mut map, &mut $field, $wire)?,)*
                                // The union that names the child reads the tag;
                                // kept in the map, it would be written twice.
                                $($tag => $crate::__private::json_struct::skip_value(&mut map)?,)?
                                _ => $crate::__armgen_json_struct!(@unknown map key $($extra)?),
                            }
                        }
                        ::core::result::Result::Ok($name {
                            $($field: $crate::__armgen_json_struct!(@take $kind $field $wire),)*
                            $($extra,)?
                        })
                    }
                }
                deserializer.deserialize_map(__Visitor)
            }
        }
    };

    // A map of the undeclared members: encoded as a map, the fields first.
    (@serialize $self:ident $serializer:ident $name:ident { $($kind:ident $field:ident : $wire:literal,)* } $(tag $tag:literal = $tag_value:literal)? .. $extra:ident) => {{
        use $crate::__private::serde::ser::SerializeMap as _;
        let mut map = $serializer.serialize_map(::core::option::Option::None)?;
        $(map.serialize_entry($tag, $tag_value)?;)?
        $($crate::__armgen_json_struct!(@entry map $kind $self.$field, $wire);)*
        for (key, value) in &$self.$extra {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }};
    (@serialize $self:ident $serializer:ident $name:ident { $($kind:ident $field:ident : $wire:literal,)* } $(tag $tag:literal = $tag_value:literal)?) => {{
        use $crate::__private::serde::ser::SerializeStruct as _;
        let len = 0 $(+ { let _ = $tag; 1 })? $(+ $crate::__armgen_json_struct!(@count $kind $self.$field))*;
        let mut state = $serializer.serialize_struct(::core::stringify!($name), len)?;
        $(state.serialize_field($tag, $tag_value)?;)?
        $($crate::__armgen_json_struct!(@field state $kind $self.$field, $wire);)*
        state.end()
    }};

    (@count opt $value:expr) => { usize::from($value.is_some()) };
    (@count $kind:ident $value:expr) => { 1 };

    (@field $state:ident opt $value:expr, $wire:literal) => {
        match &$value {
            ::core::option::Option::Some(value) => $state.serialize_field($wire, value)?,
            ::core::option::Option::None => $state.skip_field($wire)?,
        }
    };
    (@field $state:ident $kind:ident $value:expr, $wire:literal) => { $state.serialize_field($wire, &$value)? };

    (@entry $map:ident opt $value:expr, $wire:literal) => {
        if let ::core::option::Option::Some(value) = &$value {
            $map.serialize_entry($wire, value)?;
        }
    };
    (@entry $map:ident $kind:ident $value:expr, $wire:literal) => { $map.serialize_entry($wire, &$value)? };

    (@unknown $map:ident $key:ident) => { $crate::__private::json_struct::skip_value(&mut $map)? };
    (@unknown $map:ident $key:ident $extra:ident) => {{
        let value = $crate::__private::serde::de::MapAccess::next_value(&mut $map)?;
        $extra.insert($key.into_string(), value);
    }};

    (@take req $slot:ident $wire:literal) => { $crate::__private::json_struct::required($slot, $wire)? };
    // `opt` and `null`: absent is `None`, as `null` is.
    (@take $kind:ident $slot:ident $wire:literal) => { $slot.unwrap_or(::core::option::Option::None) };
}

/// The helpers `json_struct!`'s expansion calls: generic over the field's
/// type and the decoder only, so each is compiled once per field type.
#[doc(hidden)]
pub mod support {
    use std::borrow::Cow;
    use std::fmt;

    use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};

    /// A member's name: borrowed from the input where it has no escapes.
    pub struct Key<'de>(Cow<'de, str>);

    impl Key<'_> {
        /// The name.
        pub fn as_str(&self) -> &str {
            &self.0
        }

        /// The name, owned.
        pub fn into_string(self) -> String {
            self.0.into_owned()
        }
    }

    impl<'de> Deserialize<'de> for Key<'de> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct KeyVisitor;
            impl<'de> Visitor<'de> for KeyVisitor {
                type Value = Key<'de>;
                fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                    formatter.write_str("a member name")
                }
                fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                    Ok(Key(Cow::Borrowed(v)))
                }
                fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                    Ok(Key(Cow::Owned(v.to_owned())))
                }
                fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                    Ok(Key(Cow::Owned(v)))
                }
            }
            deserializer.deserialize_identifier(KeyVisitor)
        }
    }

    /// The next member's name, if any.
    pub fn next_key<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Option<Key<'de>>, A::Error> {
        map.next_key()
    }

    /// Reads the member `name`'s value into `slot`; a second one is an error.
    pub fn read_field<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
        map: &mut A,
        slot: &mut Option<T>,
        name: &'static str,
    ) -> Result<(), A::Error> {
        if slot.is_some() {
            return Err(de::Error::duplicate_field(name));
        }
        *slot = Some(map.next_value()?);
        Ok(())
    }

    /// The value of the required member `name`; absent is an error.
    pub fn required<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
        slot.ok_or_else(|| E::missing_field(name))
    }

    /// Reads past a member the model does not declare.
    pub fn skip_value<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
        map.next_value::<IgnoredAny>().map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::{Value, json};

    use crate::Secret;

    #[derive(Debug, PartialEq)]
    struct Inner {
        name: String,
        size: Option<i32>,
    }
    crate::json_struct! { Inner { req name: "name", opt size: "size", } }

    /// Fields named as the macro's own locals and items, to show they
    /// cannot collide.
    #[derive(Debug, PartialEq)]
    struct Outer {
        map: Option<Vec<Inner>>,
        key: Option<Box<Inner>>,
        serializer: Option<Value>,
        r#type: Option<String>,
        nullable: Option<i64>,
        secret: Option<Secret>,
    }
    crate::json_struct! {
        Outer {
            opt map: "map", opt key: "key", opt serializer: "serializer",
            opt r#type: "type", null nullable: "nullable", opt secret: "secretValue",
        }
    }

    #[derive(Debug, PartialEq)]
    struct Open {
        kind: Option<String>,
        rest: BTreeMap<String, i32>,
    }
    crate::json_struct! { Open { opt kind: "kind", } tag "odata.type" = "Open" ..rest }

    fn decode<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    #[test]
    fn decodes_and_encodes_the_wire_names() {
        let text = r#"{"map":[{"name":"a","size":1},{"name":"b"}],"key":{"name":"k","size":null},"type":"t","nullable":7,"secretValue":"s3cr3t"}"#;
        let outer: Outer = decode(text).unwrap();
        assert_eq!(
            outer.map.as_ref().unwrap()[1],
            Inner {
                name: "b".into(),
                size: None
            }
        );
        assert_eq!(outer.key.as_deref().unwrap().name, "k");
        assert_eq!(outer.r#type.as_deref(), Some("t"));
        assert_eq!(outer.secret.as_ref().unwrap().secret(), "s3cr3t");
        // Absent `opt` fields are not written; a `null` one is, as null.
        let back = serde_json::to_value(&outer).unwrap();
        assert_eq!(
            back,
            json!({"map":[{"name":"a","size":1},{"name":"b"}],"key":{"name":"k"},"type":"t","nullable":7,"secretValue":"s3cr3t"})
        );
        let empty: Outer = decode("{}").unwrap();
        assert_eq!(
            serde_json::to_string(&empty).unwrap(),
            r#"{"nullable":null}"#
        );
        // The same through `serde_json::Value`'s deserializer.
        let again: Outer = serde_json::from_value(back).unwrap();
        assert_eq!(again, outer);
    }

    #[test]
    fn refuses_what_the_derive_refused_and_names_it() {
        assert_eq!(
            decode::<Inner>(r#"{"size":1}"#).unwrap_err(),
            "missing field `name` at line 1 column 10"
        );
        assert_eq!(
            decode::<Inner>(r#"{"name":"a","name":"b"}"#).unwrap_err(),
            "duplicate field `name` at line 1 column 18"
        );
        assert_eq!(
            decode::<Inner>("3").unwrap_err(),
            "invalid type: integer `3`, expected struct Inner at line 1 column 1"
        );
        // Unlike serde's derive: an array is not an object.
        assert_eq!(
            decode::<Inner>(r#"["a", 1]"#).unwrap_err(),
            "invalid type: sequence, expected struct Inner at line 1 column 0"
        );
        // Unknown members are read past, whatever they hold.
        let inner: Inner = decode(r#"{"x":{"y":[1,{"z":null}]},"name":"a"}"#).unwrap();
        assert_eq!(inner.name, "a");
        // An escaped member name is the name it spells.
        let inner: Inner = decode(r#"{"n\u0061me":"a"}"#).unwrap();
        assert_eq!(inner.name, "a");
    }

    #[test]
    fn a_failing_member_is_named_by_its_path_and_no_secret_is_shown() {
        let text = r#"{"secretValue":"s3cr3t","map":[{"name":"a"},{"name":5}]}"#;
        let mut de = serde_json::Deserializer::from_str(text);
        let err = serde_path_to_error::deserialize::<_, Outer>(&mut de).unwrap_err();
        assert_eq!(err.path().to_string(), "map[1].name");
        let outer: Outer = decode(r#"{"secretValue":"s3cr3t"}"#).unwrap();
        assert!(!format!("{outer:?}").contains("s3cr3t"));
    }

    #[test]
    fn undeclared_members_go_to_the_map_and_the_tag_comes_first() {
        let open: Open = decode(r#"{"odata.type":"Other","kind":"k","a":1,"b":2}"#).unwrap();
        // The tag is the union's to read: not kept, not checked.
        assert_eq!(open.kind.as_deref(), Some("k"));
        assert_eq!(
            open.rest,
            BTreeMap::from([("a".into(), 1), ("b".into(), 2)])
        );
        assert_eq!(
            serde_json::to_string(&open).unwrap(),
            r#"{"odata.type":"Open","kind":"k","a":1,"b":2}"#
        );
        assert_eq!(
            decode::<Open>(r#"{"a":"x"}"#).unwrap_err(),
            "invalid type: string \"x\", expected i32 at line 1 column 8"
        );
    }
}
