//! Which string fields and parameters hold secrets.
//!
//! `x-ms-secret: true` always makes a field, or a header or query parameter,
//! secret. Upstream specs rarely set
//! it (Relay's and EventGrid's key models do not), so a policy also matches
//! property names. The default errs on the safe side: a field redacted by
//! mistake costs a `.secret()` call, a key printed by mistake costs a leak.

use regex::Regex;

/// Decides which string properties are secret.
#[derive(Clone, Debug)]
pub struct SecretPolicy {
    names: Option<Regex>,
}

/// The default name pattern: keys (`key1`, `primaryKey`, the header
/// `x-ms-encryption-key`, but not `keyName`, `keyVaultUri` or
/// `x-ms-encryption-key-sha256`), connection strings, passwords, secrets,
/// tokens, SAS values and shared access signatures.
pub const DEFAULT_SECRET_NAMES: &str = r"(?i)^(key\d*|.*[a-z_-]key\d*|.*connectionstring|.*password|.*secret|.*token|.*sas(uri|url|key)?|.*accesssignature)$";

impl Default for SecretPolicy {
    fn default() -> Self {
        Self::by_name(DEFAULT_SECRET_NAMES).unwrap_or(Self { names: None })
    }
}

impl SecretPolicy {
    /// Only `x-ms-secret: true` marks secrets.
    pub fn explicit_only() -> Self {
        Self { names: None }
    }

    /// `x-ms-secret: true` or a wire name matching `pattern` marks secrets.
    pub fn by_name(pattern: &str) -> Result<Self, regex::Error> {
        Ok(Self {
            names: Some(Regex::new(pattern)?),
        })
    }

    /// Whether a string property or parameter called `wire_name` is secret.
    pub fn is_secret(&self, wire_name: &str, marked: bool) -> bool {
        marked || self.names.as_ref().is_some_and(|r| r.is_match(wire_name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_pattern_compiles() {
        // `Default` falls back to explicit-only if it did not.
        assert!(SecretPolicy::by_name(DEFAULT_SECRET_NAMES).is_ok());
    }

    #[test]
    fn default_policy_matches_keys_but_not_key_names() {
        let policy = SecretPolicy::default();
        for secret in [
            "key1",
            "key2",
            "primaryKey",
            "secondaryKey",
            "primaryConnectionString",
            "password",
            "clientSecret",
            "sasToken",
            "accessToken",
            "sasUri",
            "x-ms-encryption-key",
            "sharedAccessSignature",
            "adminPassword",
            "api_key",
        ] {
            assert!(policy.is_secret(secret, false), "{secret}");
        }
        for plain in [
            "keyName",
            "keyVaultUri",
            "keySource",
            "name",
            "tokenType2",
            "monkeys",
            "x-ms-encryption-key-sha256",
            "x-ms-encryption-algorithm",
            "signatureAlgorithm",
        ] {
            assert!(!policy.is_secret(plain, false), "{plain}");
        }
        assert!(policy.is_secret("anything", true));
        assert!(!SecretPolicy::explicit_only().is_secret("primaryKey", false));
    }
}
