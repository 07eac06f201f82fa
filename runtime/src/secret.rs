//! [`Secret`]: a string that never shows itself.

use std::fmt;

/// A secret string (a key, connection string, password, token or SAS): its
/// `Debug` prints `Secret`, it has no `Display`, and only
/// [`secret`](Secret::secret) reads it.
///
/// Generated models hold every secret field (`x-ms-secret: true`, or secret by
/// armgen's name policy) as a `Secret`, so printing a model, an error or a
/// log line that holds one cannot leak it. On the wire it is a plain string.
///
/// ```
/// use armgen_runtime::Secret;
///
/// let key = Secret::new("hunter2");
/// assert_eq!(format!("{key:?}"), "Secret");
/// assert_eq!(key.secret(), "hunter2");
/// assert_eq!(serde_json::to_string(&key).unwrap(), "\"hunter2\"");
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Secret(String);

impl Secret {
    /// Wraps `value`.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret value itself.
    pub fn secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

#[cfg(feature = "client")]
impl From<Secret> for azure_core::credentials::Secret {
    fn from(value: Secret) -> Self {
        azure_core::credentials::Secret::new(value.0)
    }
}

impl serde::Serialize for Secret {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self)
    }
}
