//! The emulated resources and their keys, and the ARM lookups (with ARM's 404s) over them.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io;

use crate::error::ArmError;
use crate::random;

/// The keys of one Microsoft.Relay namespace authorization rule.
///
/// `Debug` prints only the rule name so keys never end up in test output or logs.
#[derive(Clone, PartialEq, Eq)]
pub struct RelayKeys {
    /// The authorization rule's name.
    pub key_name: String,
    /// The primary key: padded base64 of 32 random bytes.
    pub primary_key: String,
    /// The secondary key: padded base64 of 32 random bytes.
    pub secondary_key: String,
}

impl fmt::Debug for RelayKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RelayKeys")
            .field("key_name", &self.key_name)
            .field("primary_key", &"<redacted>")
            .field("secondary_key", &"<redacted>")
            .finish()
    }
}

/// The two shared access keys of one Microsoft.EventGrid partner namespace.
///
/// `Debug` redacts both keys.
#[derive(Clone, PartialEq, Eq)]
pub struct PartnerNamespaceKeys {
    /// `key1`: padded base64 of 32 random bytes.
    pub key1: String,
    /// `key2`: padded base64 of 32 random bytes.
    pub key2: String,
}

impl fmt::Debug for PartnerNamespaceKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PartnerNamespaceKeys")
            .field("key1", &"<redacted>")
            .field("key2", &"<redacted>")
            .finish()
    }
}

/// Which key of a partner namespace to regenerate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PartnerKeyName {
    Key1,
    Key2,
}

/// Identifies a resource the way ARM compares them: case-insensitively.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct ResourceKey {
    subscription: String,
    resource_group: String,
    name: String,
}

impl ResourceKey {
    fn new(subscription: &str, resource_group: &str, name: &str) -> Self {
        Self {
            subscription: subscription.to_lowercase(),
            resource_group: resource_group.to_lowercase(),
            name: name.to_lowercase(),
        }
    }

    fn group(&self) -> (String, String) {
        (self.subscription.clone(), self.resource_group.clone())
    }
}

struct RelayNamespace {
    /// The name as first seeded; responses use it whatever casing a request used.
    name: String,
    /// Keyed by lowercase rule name; the value keeps the name as seeded.
    rules: HashMap<String, RelayKeys>,
}

/// All emulated resources. Always used behind one mutex, so each operation is atomic.
#[derive(Default)]
pub(crate) struct Store {
    /// (subscription, resource group), lowercase: groups exist once something is seeded in them.
    resource_groups: HashSet<(String, String)>,
    relay_namespaces: HashMap<ResourceKey, RelayNamespace>,
    partner_namespaces: HashMap<ResourceKey, PartnerNamespaceKeys>,
}

impl Store {
    /// Creates the Relay namespace if needed and adds any of `rules` it lacks, with fresh keys.
    /// Existing rules keep their keys.
    pub(crate) fn add_relay_namespace(
        &mut self,
        subscription: &str,
        resource_group: &str,
        namespace: &str,
        rules: &[&str],
    ) -> io::Result<()> {
        let key = ResourceKey::new(subscription, resource_group, namespace);
        // Draw all keys first so that a failing RNG leaves the store untouched.
        let mut fresh = Vec::with_capacity(rules.len());
        for rule in rules {
            fresh.push(RelayKeys {
                key_name: (*rule).to_owned(),
                primary_key: random::access_key()?,
                secondary_key: random::access_key()?,
            });
        }
        self.resource_groups.insert(key.group());
        let entry = self
            .relay_namespaces
            .entry(key)
            .or_insert_with(|| RelayNamespace {
                name: namespace.to_owned(),
                rules: HashMap::new(),
            });
        for keys in fresh {
            entry
                .rules
                .entry(keys.key_name.to_lowercase())
                .or_insert(keys);
        }
        Ok(())
    }

    /// Creates the partner namespace with fresh keys, unless it exists (then it is unchanged).
    pub(crate) fn add_partner_namespace(
        &mut self,
        subscription: &str,
        resource_group: &str,
        name: &str,
    ) -> io::Result<()> {
        let key = ResourceKey::new(subscription, resource_group, name);
        if self.partner_namespaces.contains_key(&key) {
            return Ok(());
        }
        let keys = PartnerNamespaceKeys {
            key1: random::access_key()?,
            key2: random::access_key()?,
        };
        self.resource_groups.insert(key.group());
        self.partner_namespaces.insert(key, keys);
        Ok(())
    }

    /// Fails with ARM's 404 for the first missing level: subscription, then resource group.
    fn check_group(&self, key: &ResourceKey, subscription: &str, rg: &str) -> Result<(), ArmError> {
        if !self.resource_groups.contains(&key.group()) {
            let subscription_known = self
                .resource_groups
                .iter()
                .any(|(s, _)| *s == key.subscription);
            return Err(if subscription_known {
                ArmError::resource_group_not_found(rg)
            } else {
                ArmError::subscription_not_found(subscription)
            });
        }
        Ok(())
    }

    /// The keys of a Relay authorization rule, or ARM's 404 for whichever level is missing.
    pub(crate) fn relay_keys(
        &self,
        subscription: &str,
        resource_group: &str,
        namespace: &str,
        rule: &str,
    ) -> Result<RelayKeys, ArmError> {
        self.relay_rule(subscription, resource_group, namespace, rule)
            .map(|(_, keys)| keys.clone())
    }

    /// The namespace's seeded name and the rule's keys, or ARM's 404.
    pub(crate) fn relay_rule(
        &self,
        subscription: &str,
        resource_group: &str,
        namespace: &str,
        rule: &str,
    ) -> Result<(&str, &RelayKeys), ArmError> {
        let key = ResourceKey::new(subscription, resource_group, namespace);
        self.check_group(&key, subscription, resource_group)?;
        let ns = self.relay_namespaces.get(&key).ok_or_else(|| {
            ArmError::parent_resource_not_found(&format!("Microsoft.Relay/namespaces/{namespace}"))
        })?;
        let keys = ns.rules.get(&rule.to_lowercase()).ok_or_else(|| {
            ArmError::resource_not_found(
                &format!("Microsoft.Relay/namespaces/{namespace}/authorizationRules/{rule}"),
                resource_group,
            )
        })?;
        Ok((&ns.name, keys))
    }

    fn partner_namespace_mut(
        &mut self,
        subscription: &str,
        resource_group: &str,
        name: &str,
    ) -> Result<&mut PartnerNamespaceKeys, ArmError> {
        let key = ResourceKey::new(subscription, resource_group, name);
        self.check_group(&key, subscription, resource_group)?;
        self.partner_namespaces.get_mut(&key).ok_or_else(|| {
            ArmError::resource_not_found(
                &format!("Microsoft.EventGrid/partnerNamespaces/{name}"),
                resource_group,
            )
        })
    }

    /// The keys of a partner namespace, or ARM's 404.
    pub(crate) fn partner_namespace_keys(
        &mut self,
        subscription: &str,
        resource_group: &str,
        name: &str,
    ) -> Result<PartnerNamespaceKeys, ArmError> {
        self.partner_namespace_mut(subscription, resource_group, name)
            .map(|keys| keys.clone())
    }

    /// Replaces one key with a fresh one and returns both keys as they are right after the write.
    pub(crate) fn regenerate_partner_key(
        &mut self,
        subscription: &str,
        resource_group: &str,
        name: &str,
        which: PartnerKeyName,
    ) -> Result<PartnerNamespaceKeys, ArmError> {
        let keys = self.partner_namespace_mut(subscription, resource_group, name)?;
        let fresh = random::access_key().map_err(|e| ArmError::internal(&e.to_string()))?;
        match which {
            PartnerKeyName::Key1 => keys.key1 = fresh,
            PartnerKeyName::Key2 => keys.key2 = fresh,
        }
        Ok(keys.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeded() -> Store {
        let mut store = Store::default();
        store
            .add_relay_namespace("sub", "rg", "ns", &["Rule"])
            .unwrap();
        store.add_partner_namespace("sub", "rg", "pn").unwrap();
        store
    }

    #[test]
    fn lookups_report_the_missing_level() {
        let store = seeded();
        let code = |r: Result<RelayKeys, ArmError>| r.unwrap_err().code().to_owned();
        assert_eq!(
            code(store.relay_keys("x", "rg", "ns", "Rule")),
            "SubscriptionNotFound"
        );
        assert_eq!(
            code(store.relay_keys("sub", "x", "ns", "Rule")),
            "ResourceGroupNotFound"
        );
        assert_eq!(
            code(store.relay_keys("sub", "rg", "x", "Rule")),
            "ParentResourceNotFound"
        );
        assert_eq!(
            code(store.relay_keys("sub", "rg", "ns", "x")),
            "ResourceNotFound"
        );
        let keys = store.relay_keys("SUB", "RG", "NS", "rule").unwrap();
        assert_eq!(keys.key_name, "Rule");
    }

    #[test]
    fn reseeding_keeps_existing_keys() {
        let mut store = seeded();
        let before = store.relay_keys("sub", "rg", "ns", "Rule").unwrap();
        let pn_before = store.partner_namespace_keys("sub", "rg", "pn").unwrap();
        store
            .add_relay_namespace("sub", "rg", "ns", &["rule", "other"])
            .unwrap();
        store.add_partner_namespace("sub", "rg", "PN").unwrap();
        assert_eq!(store.relay_keys("sub", "rg", "ns", "rule").unwrap(), before);
        assert!(store.relay_keys("sub", "rg", "ns", "other").is_ok());
        assert_eq!(
            store.partner_namespace_keys("sub", "rg", "pn").unwrap(),
            pn_before
        );
    }

    #[test]
    fn regenerate_changes_only_the_named_key() {
        let mut store = seeded();
        let before = store.partner_namespace_keys("sub", "rg", "pn").unwrap();
        let after = store
            .regenerate_partner_key("sub", "rg", "pn", PartnerKeyName::Key2)
            .unwrap();
        assert_eq!(after.key1, before.key1);
        assert_ne!(after.key2, before.key2);
        assert_eq!(
            store.partner_namespace_keys("sub", "rg", "pn").unwrap(),
            after
        );
    }

    #[test]
    fn debug_redacts_keys() {
        let store = seeded();
        let keys = store.relay_keys("sub", "rg", "ns", "Rule").unwrap();
        let shown = format!("{keys:?}");
        assert!(!shown.contains(&keys.primary_key) && !shown.contains(&keys.secondary_key));
        let pn = PartnerNamespaceKeys {
            key1: "k-one".into(),
            key2: "k-two".into(),
        };
        let shown = format!("{pn:?}");
        assert!(!shown.contains("k-one") && !shown.contains("k-two"));
    }
}
