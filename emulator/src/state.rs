//! The emulated resources and their keys, and the ARM lookups (with ARM's 404s) over them.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::io;

use azure_core::time::OffsetDateTime;
use serde_json::Value;

use crate::error::ArmError;
use crate::generic::Resources;
use crate::lro::{Operation, OperationKind, OperationStatus, Operations};
use crate::random;
use crate::spec_serve::SpecState;

/// Where namespaces seeded with [`Emulator::add_relay_namespace`](crate::Emulator::add_relay_namespace) live.
pub(crate) const SEEDED_LOCATION: &str = "westus";

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

/// The provisioning state of an emulated Relay namespace (`properties.provisioningState`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProvisioningState {
    /// A create or update is running.
    Accepted,
    /// A delete is running.
    Deleting,
    /// The last operation succeeded (or the namespace was seeded).
    Succeeded,
    /// The last operation failed.
    Failed,
}

impl ProvisioningState {
    /// The value on the wire, e.g. `Succeeded`.
    pub fn as_str(self) -> &'static str {
        match self {
            ProvisioningState::Accepted => "Accepted",
            ProvisioningState::Deleting => "Deleting",
            ProvisioningState::Succeeded => "Succeeded",
            ProvisioningState::Failed => "Failed",
        }
    }
}

impl fmt::Display for ProvisioningState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The SKU of an emulated Relay namespace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sku {
    /// `sku.name`, e.g. `Standard`.
    pub name: String,
    /// `sku.tier`; when a request leaves it out, the name (Relay's SKUs pair up so).
    pub tier: String,
}

/// What the emulator holds about a Microsoft.Relay namespace, as
/// [`Emulator::relay_namespace`](crate::Emulator::relay_namespace) reports it. Holds no keys.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct RelayNamespaceState {
    /// The namespace's name as first created or seeded.
    pub name: String,
    /// Its location, as the last create or update sent it (`westus` when seeded).
    pub location: String,
    /// Its tags; `None` when the last create or update sent none.
    pub tags: Option<BTreeMap<String, String>>,
    /// Its SKU.
    pub sku: Sku,
    /// `Accepted` while a create or update runs, `Deleting` while a delete runs, then
    /// `Succeeded` (or `Failed`).
    pub provisioning_state: ProvisioningState,
    /// The names of its authorization rules, in seeding order.
    pub authorization_rules: Vec<String>,
}

/// Which key of a partner namespace to regenerate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartnerKeyName {
    /// `key1`.
    Key1,
    /// `key2`.
    Key2,
}

/// Identifies a resource the way ARM compares them: case-insensitively.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct ResourceKey {
    subscription: String,
    resource_group: String,
    name: String,
}

impl ResourceKey {
    pub(crate) fn new(subscription: &str, resource_group: &str, name: &str) -> Self {
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

/// What a create-or-update request asks for; everything else about a namespace is the
/// service's to set.
#[derive(Debug, Clone)]
pub(crate) struct NamespaceSpec {
    pub(crate) location: String,
    pub(crate) tags: Option<BTreeMap<String, String>>,
    pub(crate) sku: Option<Sku>,
}

impl NamespaceSpec {
    /// What a create-or-update body asks for. The body was validated against the served
    /// service's spec before; anything still out of shape (a spec unlike Relay's) is a 400.
    pub(crate) fn from_body(body: &Value) -> Result<Self, ArmError> {
        let location = body
            .get("location")
            .and_then(Value::as_str)
            .ok_or_else(|| missing("location"))?
            .to_owned();
        let tags = match body.get("tags") {
            None | Some(Value::Null) => None,
            Some(Value::Object(tags)) => Some(
                tags.iter()
                    .map(|(name, value)| {
                        value
                            .as_str()
                            .map(|value| (name.clone(), value.to_owned()))
                            .ok_or_else(|| missing(&format!("tags.{name}")))
                    })
                    .collect::<Result<_, _>>()?,
            ),
            Some(_) => return Err(missing("tags")),
        };
        let sku = match body.get("sku") {
            None | Some(Value::Null) => None,
            Some(sku) => {
                let name = sku
                    .get("name")
                    .and_then(Value::as_str)
                    .ok_or_else(|| missing("sku.name"))?
                    .to_owned();
                // ARM echoes the tier; it defaults to the name, which is how Relay's SKUs
                // pair up.
                let tier = match sku.get("tier") {
                    None | Some(Value::Null) => name.clone(),
                    Some(tier) => tier.as_str().ok_or_else(|| missing("sku.tier"))?.to_owned(),
                };
                Some(Sku { name, tier })
            }
        };
        Ok(Self {
            location,
            tags,
            sku,
        })
    }
}

/// 400 for a field the built-in Relay handler needs but the body does not have in shape.
fn missing(field: &str) -> ArmError {
    ArmError::invalid_request_content(format!("`{field}` is missing or not of the expected type."))
        .with_target(field)
}

/// The ARM resource of a Relay namespace, without its rules.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NamespaceResource {
    /// Subscription, resource group and name as first written; responses use these whatever
    /// casing a request used.
    pub(crate) subscription: String,
    pub(crate) resource_group: String,
    pub(crate) name: String,
    pub(crate) location: String,
    pub(crate) tags: Option<BTreeMap<String, String>>,
    pub(crate) sku: Sku,
    pub(crate) provisioning_state: ProvisioningState,
    pub(crate) created_at: OffsetDateTime,
    pub(crate) updated_at: OffsetDateTime,
}

impl NamespaceResource {
    /// A namespace as seeding creates it: in `westus`, Standard, provisioned.
    pub(crate) fn seeded(
        subscription: &str,
        resource_group: &str,
        name: &str,
        now: OffsetDateTime,
    ) -> Self {
        Self {
            subscription: subscription.to_owned(),
            resource_group: resource_group.to_owned(),
            name: name.to_owned(),
            location: SEEDED_LOCATION.to_owned(),
            tags: None,
            sku: standard_sku(),
            provisioning_state: ProvisioningState::Succeeded,
            created_at: now,
            updated_at: now,
        }
    }
}

/// The only SKU Relay has.
fn standard_sku() -> Sku {
    Sku {
        name: "Standard".to_owned(),
        tier: "Standard".to_owned(),
    }
}

struct RelayNamespace {
    resource: NamespaceResource,
    /// In seeding order, since list operations return them so; names are unique ignoring case.
    rules: Vec<RelayKeys>,
    /// The operation still writing this namespace, if any.
    operation: Option<String>,
}

impl RelayNamespace {
    fn rule(&self, name: &str) -> Option<&RelayKeys> {
        self.rules.iter().find(|r| same_name(&r.key_name, name))
    }
}

/// ARM compares names case-insensitively.
fn same_name(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

/// All emulated resources. Always used behind one mutex, so each operation is atomic.
#[derive(Default)]
pub(crate) struct Store {
    /// (subscription, resource group), lowercase: groups exist once something is seeded in them.
    resource_groups: HashSet<(String, String)>,
    relay_namespaces: HashMap<ResourceKey, RelayNamespace>,
    partner_namespaces: HashMap<ResourceKey, PartnerNamespaceKeys>,
    operations: Operations,
    /// What the generic resource behaviour stores.
    resources: Resources,
    /// Long-running operations and secrets of served specs' operations.
    spec: SpecState,
}

impl Store {
    /// The resources of the generic resource behaviour.
    pub(crate) fn resources(&self) -> &Resources {
        &self.resources
    }

    /// The state of served specs' operations beside their resources.
    pub(crate) fn spec_state(&mut self) -> &mut SpecState {
        &mut self.spec
    }

    /// Whether the next long-running operation must fail (and forgets that it must).
    pub(crate) fn take_fail_next(&mut self) -> bool {
        self.operations.take_fail_next()
    }

    /// The resources of the generic resource behaviour, to change.
    pub(crate) fn resources_mut(&mut self) -> &mut Resources {
        &mut self.resources
    }

    /// Makes a resource group exist, so that resources can be created in it.
    pub(crate) fn add_resource_group(&mut self, subscription: &str, resource_group: &str) {
        self.resource_groups
            .insert(ResourceKey::new(subscription, resource_group, "").group());
    }

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
                resource: NamespaceResource::seeded(
                    subscription,
                    resource_group,
                    namespace,
                    OffsetDateTime::now_utc(),
                ),
                rules: Vec::new(),
                operation: None,
            });
        for keys in fresh {
            if entry.rule(&keys.key_name).is_none() {
                entry.rules.push(keys);
            }
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

    /// The namespace, or ARM's 404 for whichever level is missing; `missing` makes the error
    /// for a missing namespace in an existing group.
    fn relay_namespace_entry(
        &self,
        subscription: &str,
        resource_group: &str,
        namespace: &str,
        missing: impl FnOnce() -> ArmError,
    ) -> Result<&RelayNamespace, ArmError> {
        let key = ResourceKey::new(subscription, resource_group, namespace);
        self.check_group(&key, subscription, resource_group)?;
        self.relay_namespaces.get(&key).ok_or_else(missing)
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
        let ns = self.relay_namespace_entry(subscription, resource_group, namespace, || {
            parent_not_found(namespace)
        })?;
        let keys = ns.rule(rule).ok_or_else(|| {
            ArmError::resource_not_found(
                &format!("Microsoft.Relay/namespaces/{namespace}/authorizationRules/{rule}"),
                resource_group,
            )
        })?;
        Ok((&ns.resource.name, keys))
    }

    /// The namespace and its rules in seeding order, or ARM's 404 (`ParentResourceNotFound`
    /// for a missing namespace, as for any child collection).
    pub(crate) fn relay_rules(
        &self,
        subscription: &str,
        resource_group: &str,
        namespace: &str,
    ) -> Result<(&NamespaceResource, &[RelayKeys]), ArmError> {
        let ns = self.relay_namespace_entry(subscription, resource_group, namespace, || {
            parent_not_found(namespace)
        })?;
        Ok((&ns.resource, &ns.rules))
    }

    /// The namespace resource, or ARM's 404 (`ResourceNotFound` for a missing namespace).
    pub(crate) fn relay_namespace(
        &self,
        subscription: &str,
        resource_group: &str,
        namespace: &str,
    ) -> Result<&NamespaceResource, ArmError> {
        self.relay_namespace_entry(subscription, resource_group, namespace, || {
            namespace_not_found(namespace, resource_group)
        })
        .map(|ns| &ns.resource)
    }

    /// What tests may inspect about a namespace; `None` if it does not exist.
    pub(crate) fn relay_namespace_state(
        &self,
        subscription: &str,
        resource_group: &str,
        namespace: &str,
    ) -> Option<RelayNamespaceState> {
        let ns = self.relay_namespaces.get(&ResourceKey::new(
            subscription,
            resource_group,
            namespace,
        ))?;
        let resource = &ns.resource;
        Some(RelayNamespaceState {
            name: resource.name.clone(),
            location: resource.location.clone(),
            tags: resource.tags.clone(),
            sku: resource.sku.clone(),
            provisioning_state: resource.provisioning_state,
            authorization_rules: ns.rules.iter().map(|r| r.key_name.clone()).collect(),
        })
    }

    /// `Namespaces_CreateOrUpdate`: creates the namespace or replaces what `spec` covers, in
    /// state `Accepted`, and starts operation `operation_id` to finish it. Returns whether the
    /// namespace is new, the resource as it is now, and the operation.
    pub(crate) fn put_relay_namespace(
        &mut self,
        subscription: &str,
        resource_group: &str,
        namespace: &str,
        spec: NamespaceSpec,
        operation_id: String,
        now: OffsetDateTime,
    ) -> Result<(bool, NamespaceResource, Operation), ArmError> {
        let key = ResourceKey::new(subscription, resource_group, namespace);
        self.check_group(&key, subscription, resource_group)?;
        let created = !self.relay_namespaces.contains_key(&key);
        let ns = self
            .relay_namespaces
            .entry(key.clone())
            .or_insert_with(|| RelayNamespace {
                resource: NamespaceResource::seeded(subscription, resource_group, namespace, now),
                rules: Vec::new(),
                operation: None,
            });
        // A PUT replaces the whole resource: what the body leaves out is reset.
        let resource = &mut ns.resource;
        resource.location = spec.location;
        resource.tags = spec.tags;
        resource.sku = spec.sku.unwrap_or_else(standard_sku);
        resource.provisioning_state = ProvisioningState::Accepted;
        resource.updated_at = now;
        let resource = resource.clone();
        let operation = self.start_operation(
            operation_id,
            OperationKind::CreateOrUpdate,
            key,
            &resource,
            now,
        );
        Ok((created, resource, operation))
    }

    /// `Namespaces_Delete`: marks the namespace `Deleting` and starts operation
    /// `operation_id` to remove it; `None` if there is no such namespace.
    pub(crate) fn delete_relay_namespace(
        &mut self,
        subscription: &str,
        resource_group: &str,
        namespace: &str,
        operation_id: String,
        now: OffsetDateTime,
    ) -> Result<Option<Operation>, ArmError> {
        let key = ResourceKey::new(subscription, resource_group, namespace);
        self.check_group(&key, subscription, resource_group)?;
        let Some(ns) = self.relay_namespaces.get_mut(&key) else {
            return Ok(None);
        };
        ns.resource.provisioning_state = ProvisioningState::Deleting;
        let resource = ns.resource.clone();
        Ok(Some(self.start_operation(
            operation_id,
            OperationKind::Delete,
            key,
            &resource,
            now,
        )))
    }

    /// Registers a new operation on the namespace at `key`, cancelling the one it replaces.
    fn start_operation(
        &mut self,
        id: String,
        kind: OperationKind,
        key: ResourceKey,
        target: &NamespaceResource,
        now: OffsetDateTime,
    ) -> Operation {
        let fails = self.operations.take_fail_next();
        let operation = Operation::new(id, kind, target, key.clone(), fails, now);
        if let Some(ns) = self.relay_namespaces.get_mut(&key) {
            // Only the latest write decides the namespace's fate; an earlier one still
            // running would otherwise complete over it.
            if let Some(previous) = ns.operation.replace(operation.id.clone())
                && let Some(previous) = self.operations.get_mut(&previous)
                && previous.status == OperationStatus::InProgress
            {
                previous.finish(OperationStatus::Canceled, now);
            }
        }
        self.operations.insert(operation.clone());
        operation
    }

    /// Makes the next operation started end `Failed`.
    pub(crate) fn fail_next_operation(&mut self) {
        self.operations.fail_next();
    }

    /// One GET of an operation's status or result URL: counts the poll and completes the
    /// operation on the `polls_needed`-th. Returns the operation as it is after this poll, or
    /// 404 if no operation has this id under this subscription and location.
    pub(crate) fn poll_operation(
        &mut self,
        id: &str,
        subscription: &str,
        location: &str,
        polls_needed: u32,
        now: OffsetDateTime,
    ) -> Result<Operation, ArmError> {
        let operation = self
            .operations
            .get_mut(id)
            .filter(|op| op.is_addressed_by(subscription, location))
            .ok_or_else(|| ArmError::operation_not_found(id))?;
        if operation.status == OperationStatus::InProgress {
            operation.polls = operation.polls.saturating_add(1);
            if operation.polls >= polls_needed {
                let ns = self.relay_namespaces.get_mut(&operation.resource);
                let applied = complete(operation, ns, now);
                if applied
                    && operation.kind == OperationKind::Delete
                    && operation.status == OperationStatus::Succeeded
                {
                    self.relay_namespaces.remove(&operation.resource);
                }
            }
        }
        Ok(operation.clone())
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

/// Ends an in-progress `operation`. If it is still the operation writing its namespace `ns`,
/// the namespace's state follows the outcome and `true` is returned; a delete's removal is
/// left to the caller.
fn complete(
    operation: &mut Operation,
    ns: Option<&mut RelayNamespace>,
    now: OffsetDateTime,
) -> bool {
    let status = if operation.fails {
        OperationStatus::Failed
    } else {
        OperationStatus::Succeeded
    };
    operation.finish(status, now);
    let current = |ns: &&mut RelayNamespace| {
        ns.operation
            .as_deref()
            .is_some_and(|id| id.eq_ignore_ascii_case(&operation.id))
    };
    let Some(ns) = ns.filter(current) else {
        return false;
    };
    ns.operation = None;
    ns.resource.provisioning_state = match status {
        OperationStatus::Failed => ProvisioningState::Failed,
        _ => ProvisioningState::Succeeded,
    };
    if operation.kind == OperationKind::CreateOrUpdate && status == OperationStatus::Succeeded {
        operation.result = Some(ns.resource.clone());
    }
    true
}

fn parent_not_found(namespace: &str) -> ArmError {
    ArmError::parent_resource_not_found(&format!("Microsoft.Relay/namespaces/{namespace}"))
}

fn namespace_not_found(namespace: &str, resource_group: &str) -> ArmError {
    ArmError::resource_not_found(
        &format!("Microsoft.Relay/namespaces/{namespace}"),
        resource_group,
    )
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
