//! The `string_enum!` and `tagged_union!` macros behind every generated
//! string enum and polymorphic type.
//!
//! A macro keeps the generated source short (one line per value) while each
//! enum still gets `as_str`, `Display`, `FromStr`-like conversion and serde.

/// Declares a string enum.
///
/// `closed` enums reject unknown values when decoding; `extensible` ones
/// (`x-ms-enum.modelAsString: true`) keep them in an `Other(::std::string::String)` variant,
/// because services add values without a new api-version.
#[doc(hidden)]
#[macro_export]
macro_rules! __armgen_string_enum {
    ($(#[$meta:meta])* closed enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                const VALUES: &[&str] = &[$($wire,)*];
                let value = <::std::borrow::Cow<'de, str> as $crate::__private::serde::Deserialize>::deserialize(deserializer)?;
                match value.as_ref() {
                    $($wire => ::core::result::Result::Ok($name::$variant),)*
                    other => ::core::result::Result::Err(<D::Error as $crate::__private::serde::de::Error>::unknown_variant(other, VALUES)),
                }
            }
        }

        impl $name {
            /// The value on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)*
                }
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::Validate for $name {}
    };
    ($(#[$meta:meta])* extensible enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
            /// A value this api-version does not document.
            Other(::std::string::String),
        }

        impl $name {
            /// The value on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)*
                    $name::Other(value) => value,
                }
            }
        }

        impl ::core::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($wire => $name::$variant,)*
                    other => $name::Other(other.to_owned()),
                }
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::Validate for $name {}

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                let value = <::std::borrow::Cow<'de, str> as $crate::__private::serde::Deserialize>::deserialize(deserializer)?;
                ::core::result::Result::Ok($name::from(value.as_ref()))
            }
        }
    };
}

/// Declares a polymorphic type (`discriminator`): a variant per child schema,
/// chosen by the `tag` property, plus `Unknown` for values this api-version
/// does not document, which keeps the whole JSON object so it round-trips.
///
/// `Debug` of `Unknown` shows only the tag: its content is not typed, so it
/// cannot be known to hold no secret.
#[doc(hidden)]
#[macro_export]
macro_rules! __armgen_tagged_union {
    ($(#[$meta:meta])* enum $name:ident tag $tag:literal { $($variant:ident($ty:ty) = $value:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq)]
        pub enum $name {
            $(#[doc = concat!(" `", $tag, ": ", $value, "`")] $variant($ty),)*
            /// A value of the tag this api-version does not document.
            Unknown($crate::__private::serde_json::Value),
        }

        impl $name {
            /// The value of the tag property.
            pub fn tag(&self) -> &str {
                match self {
                    $($name::$variant(_) => $value,)*
                    $name::Unknown(value) => value.get($tag).and_then($crate::__private::serde_json::Value::as_str).unwrap_or(""),
                }
            }
        }

        impl ::core::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self {
                    $($name::$variant(inner) => f.debug_tuple(stringify!($variant)).field(inner).finish(),)*
                    $name::Unknown(_) => f.debug_struct("Unknown").field("tag", &self.tag()).finish_non_exhaustive(),
                }
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                let (tag, body) = match self {
                    $($name::$variant(inner) => (
                        $value,
                        $crate::__private::serde_json::to_value(inner).map_err(<S::Error as $crate::__private::serde::ser::Error>::custom)?,
                    ),)*
                    $name::Unknown(value) => return $crate::__private::serde::Serialize::serialize(value, serializer),
                };
                let mut object = $crate::__private::serde_json::Map::new();
                object.insert($tag.to_owned(), $crate::__private::serde_json::Value::String(tag.to_owned()));
                if let $crate::__private::serde_json::Value::Object(fields) = body {
                    object.extend(fields);
                }
                $crate::__private::serde::Serialize::serialize(&object, serializer)
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                let value = <$crate::__private::serde_json::Value as $crate::__private::serde::Deserialize>::deserialize(deserializer)?;
                let decoded = match value.get($tag).and_then($crate::__private::serde_json::Value::as_str) {
                    $(::core::option::Option::Some($value) => $crate::__private::serde_json::from_value(value).map($name::$variant),)*
                    _ => return ::core::result::Result::Ok($name::Unknown(value)),
                };
                decoded.map_err(<D::Error as $crate::__private::serde::de::Error>::custom)
            }
        }

        impl $crate::Validate for $name {
            fn validate_at(&self, path: &str, validator: &mut $crate::Validator) {
                match self {
                    $($name::$variant(inner) => $crate::Validate::validate_at(inner, path, validator),)*
                    $name::Unknown(_) => {}
                }
            }
        }
    };
}
