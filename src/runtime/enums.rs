//! The `string_enum!` and `tagged_union!` macros behind every generated
//! string enum and polymorphic type.
//!
//! A macro keeps the generated source short (one line per value) while each
//! enum still gets `as_str`, `Display`, `FromStr`-like conversion and serde.

/// Declares a string enum.
///
/// `closed` enums reject unknown values when decoding; `extensible` ones
/// (`x-ms-enum.modelAsString: true`) keep them in an `Other(String)` variant,
/// because services add values without a new api-version.
#[doc(hidden)]
#[macro_export]
macro_rules! __armgen_string_enum {
    ($(#[$meta:meta])* closed enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $wire)] $variant,)*
        }

        impl $name {
            /// The value on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)*
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::runtime::Validate for $name {
            fn validate_at(&self, _path: &str, _validator: &mut $crate::runtime::Validator) {}
        }
    };
    ($(#[$meta:meta])* extensible enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
            /// A value this api-version does not document.
            Other(String),
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

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($wire => $name::$variant,)*
                    other => $name::Other(other.to_owned()),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::runtime::Validate for $name {
            fn validate_at(&self, _path: &str, _validator: &mut $crate::runtime::Validator) {}
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                Ok($name::from(value.as_ref()))
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
            Unknown(serde_json::Value),
        }

        impl $name {
            /// The value of the tag property.
            pub fn tag(&self) -> &str {
                match self {
                    $($name::$variant(_) => $value,)*
                    $name::Unknown(value) => value.get($tag).and_then(serde_json::Value::as_str).unwrap_or(""),
                }
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    $($name::$variant(inner) => f.debug_tuple(stringify!($variant)).field(inner).finish(),)*
                    $name::Unknown(_) => f.debug_struct("Unknown").field("tag", &self.tag()).finish_non_exhaustive(),
                }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let (tag, body) = match self {
                    $($name::$variant(inner) => (
                        $value,
                        serde_json::to_value(inner).map_err(<S::Error as serde::ser::Error>::custom)?,
                    ),)*
                    $name::Unknown(value) => return value.serialize(serializer),
                };
                let mut object = serde_json::Map::new();
                object.insert($tag.to_owned(), serde_json::Value::String(tag.to_owned()));
                if let serde_json::Value::Object(fields) = body {
                    object.extend(fields);
                }
                object.serialize(serializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = serde_json::Value::deserialize(deserializer)?;
                let decoded = match value.get($tag).and_then(serde_json::Value::as_str) {
                    $(Some($value) => serde_json::from_value(value).map($name::$variant),)*
                    _ => return Ok($name::Unknown(value)),
                };
                decoded.map_err(<D::Error as serde::de::Error>::custom)
            }
        }

        impl $crate::runtime::Validate for $name {
            fn validate_at(&self, path: &str, validator: &mut $crate::runtime::Validator) {
                match self {
                    $($name::$variant(inner) => inner.validate_at(path, validator),)*
                    $name::Unknown(_) => {}
                }
            }
        }
    };
}
