//! The `string_enum!` macro behind every generated string enum.
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
