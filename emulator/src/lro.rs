//! Long-running operations: what each started operation is, and how polling moves it along.
//!
//! ARM's asynchronous pattern: a write answers at once with URLs to poll, and the operation
//! finishes later. Here "later" is counted in polls, not time, so tests are fast and
//! deterministic.

use std::collections::HashMap;

use azure_core::time::OffsetDateTime;

use crate::state::{NamespaceResource, ResourceKey};

/// What an operation does when it completes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OperationKind {
    /// `Namespaces_CreateOrUpdate`: the namespace reaches `Succeeded`.
    CreateOrUpdate,
    /// `Namespaces_Delete`: the namespace is removed.
    Delete,
}

/// An operation's `status`, as ARM's operation status resource spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OperationStatus {
    InProgress,
    Succeeded,
    Failed,
    /// A later write to the same resource replaced this operation before it completed.
    Canceled,
}

impl OperationStatus {
    /// The value on the wire.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            OperationStatus::InProgress => "InProgress",
            OperationStatus::Succeeded => "Succeeded",
            OperationStatus::Failed => "Failed",
            OperationStatus::Canceled => "Canceled",
        }
    }
}

/// One started operation.
#[derive(Debug, Clone)]
pub(crate) struct Operation {
    /// The id in its polling URLs (a UUID).
    pub(crate) id: String,
    /// The subscription in its polling URLs, as the write request spelled it.
    pub(crate) subscription: String,
    /// The location segment of its polling URLs (see [`location_segment`]).
    pub(crate) location: String,
    pub(crate) kind: OperationKind,
    /// The resource it writes.
    pub(crate) resource: ResourceKey,
    /// The resource's name, for messages.
    pub(crate) resource_name: String,
    /// GETs of its status or result URL so far.
    pub(crate) polls: u32,
    /// Whether it ends `Failed` ([`Emulator::fail_next_operation`](crate::Emulator::fail_next_operation)).
    pub(crate) fails: bool,
    pub(crate) status: OperationStatus,
    pub(crate) start_time: OffsetDateTime,
    pub(crate) end_time: Option<OffsetDateTime>,
    /// A create or update's resource as it was when the operation succeeded.
    pub(crate) result: Option<NamespaceResource>,
}

impl Operation {
    /// A new operation of `kind` on `target` (keyed `resource`), in progress since `now`.
    pub(crate) fn new(
        id: String,
        kind: OperationKind,
        target: &NamespaceResource,
        resource: ResourceKey,
        fails: bool,
        now: OffsetDateTime,
    ) -> Self {
        Self {
            id,
            subscription: target.subscription.clone(),
            location: location_segment(&target.location),
            kind,
            resource,
            resource_name: target.name.clone(),
            polls: 0,
            fails,
            status: OperationStatus::InProgress,
            start_time: now,
            end_time: None,
            result: None,
        }
    }

    /// Whether the polling URL's `subscription` and `location` segments are this operation's;
    /// ARM compares both case-insensitively.
    pub(crate) fn is_addressed_by(&self, subscription: &str, location: &str) -> bool {
        self.subscription.eq_ignore_ascii_case(subscription)
            && self
                .location
                .eq_ignore_ascii_case(&location_segment(location))
    }

    /// Ends the operation with `status` at `now`.
    pub(crate) fn finish(&mut self, status: OperationStatus, now: OffsetDateTime) {
        self.status = status;
        self.end_time = Some(now);
    }
}

/// A location as it appears in ARM's operation URLs: `West US` becomes `westus`.
pub(crate) fn location_segment(location: &str) -> String {
    location
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Every operation ever started, by lowercase id, and whether the next one is to fail.
#[derive(Debug, Default)]
pub(crate) struct Operations {
    by_id: HashMap<String, Operation>,
    fail_next: bool,
}

impl Operations {
    /// Makes the next started operation end `Failed`.
    pub(crate) fn fail_next(&mut self) {
        self.fail_next = true;
    }

    /// Whether the operation about to start is to fail; consumes the request.
    pub(crate) fn take_fail_next(&mut self) -> bool {
        std::mem::take(&mut self.fail_next)
    }

    /// Records a started operation.
    pub(crate) fn insert(&mut self, operation: Operation) {
        self.by_id.insert(operation.id.to_lowercase(), operation);
    }

    /// The operation with this id, any case.
    pub(crate) fn get_mut(&mut self, id: &str) -> Option<&mut Operation> {
        self.by_id.get_mut(&id.to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_are_normalised_for_urls() {
        assert_eq!(location_segment("West US 2"), "westus2");
        assert_eq!(location_segment("westus"), "westus");
    }

    #[test]
    fn fail_next_applies_once() {
        let mut ops = Operations::default();
        assert!(!ops.take_fail_next());
        ops.fail_next();
        assert!(ops.take_fail_next());
        assert!(!ops.take_fail_next());
    }

    #[test]
    fn polling_urls_match_case_insensitively() {
        let mut target = NamespaceResource::seeded("Sub", "rg", "ns", OffsetDateTime::UNIX_EPOCH);
        target.location = "West US".into();
        let op = Operation::new(
            "ID".into(),
            OperationKind::Delete,
            &target,
            ResourceKey::new("sub", "rg", "ns"),
            false,
            OffsetDateTime::UNIX_EPOCH,
        );
        assert!(op.is_addressed_by("sub", "WESTUS"));
        assert!(!op.is_addressed_by("other", "westus"));
        assert!(!op.is_addressed_by("sub", "eastus"));
    }
}
