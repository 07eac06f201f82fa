//! Checking that concurrent `regenerateKey` calls lost no update: their responses must be the
//! successive states of one serial history.
//!
//! Regenerating only `key1` cannot show a lost update (any order of single-key writes explains
//! any final key), so a useful test regenerates both keys concurrently: each response then also
//! reports the other key as it was when the write ran, which pins where the write sits in the
//! history.

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::state::{PartnerKeyName, PartnerNamespaceKeys};

/// One `regenerateKey` call as its caller saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Regeneration {
    /// The key the call asked to replace.
    pub key_name: PartnerKeyName,
    /// Both keys as the response reported them.
    pub keys: PartnerNamespaceKeys,
}

/// Why responses cannot be the successive states of one serial history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum HistoryError {
    /// Two calls reported the same new key, or a new key equal to an initial one.
    RepeatedKey,
    /// A write to `key1` and one to `key2` both saw the same state: whichever ran second
    /// overwrote the other's key with the stale one it read.
    WritesToBothKeysSawOneState,
    /// Two writes to the same key were both built on by later writes, or both left in the
    /// final state: only one of them can have been the last.
    TwoWritesSeenAsCurrent,
    /// Some responses report a state that no serial history of these writes reaches.
    UnreachableState,
    /// The final state is not the one the last write left.
    FinalStateNotLastWrite,
}

impl fmt::Display for HistoryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            HistoryError::RepeatedKey => "a regenerated key repeated",
            HistoryError::WritesToBothKeysSawOneState => {
                "lost update: writes to both keys saw the same state"
            }
            HistoryError::TwoWritesSeenAsCurrent => "lost update: two writes both seen as current",
            HistoryError::UnreachableState => "some writes saw a state that never existed",
            HistoryError::FinalStateNotLastWrite => "the final state is not the last write",
        })
    }
}

impl std::error::Error for HistoryError {}

/// Checks that `responses` (in any order) are the successive states of one serial history of
/// single-key writes that starts at `initial` and ends at `last`.
///
/// A `key1` write reports the `key2` that was current when it ran, and vice versa. Replaying from
/// the initial state, the writes that can come next are those that report the current `key2`
/// (`key1` writes) or the current `key1` (`key2` writes). If both kinds are waiting, whichever
/// goes first strands the other forever: that is a lost update. Within one kind, writes whose new
/// key no later write reports can go in any order; at most one may be reported by later writes,
/// and it must come last.
///
/// ```
/// use armgen_emulator::{PartnerKeyName, PartnerNamespaceKeys, Regeneration, check_regenerations};
///
/// let keys = |key1: &str, key2: &str| PartnerNamespaceKeys { key1: key1.into(), key2: key2.into() };
/// let initial = keys("a0", "b0");
/// // key1 then key2, answered in reverse order.
/// let responses = [
///     Regeneration { key_name: PartnerKeyName::Key2, keys: keys("a1", "b1") },
///     Regeneration { key_name: PartnerKeyName::Key1, keys: keys("a1", "b0") },
/// ];
/// assert_eq!(check_regenerations(&initial, &responses, &keys("a1", "b1")), Ok(()));
/// ```
pub fn check_regenerations(
    initial: &PartnerNamespaceKeys,
    responses: &[Regeneration],
    last: &PartnerNamespaceKeys,
) -> Result<(), HistoryError> {
    let mut born = HashSet::from([initial.key1.as_str(), initial.key2.as_str()]);
    // key1 writes by the key2 they saw, key2 writes by the key1 they saw.
    let mut key1_writes: HashMap<&str, Vec<&Regeneration>> = HashMap::new();
    let mut key2_writes: HashMap<&str, Vec<&Regeneration>> = HashMap::new();
    for response in responses {
        let (new, seen, writes) = match response.key_name {
            PartnerKeyName::Key1 => (&response.keys.key1, &response.keys.key2, &mut key1_writes),
            PartnerKeyName::Key2 => (&response.keys.key2, &response.keys.key1, &mut key2_writes),
        };
        if !born.insert(new) {
            return Err(HistoryError::RepeatedKey);
        }
        writes.entry(seen).or_default().push(response);
    }

    let (mut key1, mut key2) = (initial.key1.as_str(), initial.key2.as_str());
    let mut replayed = 0;
    // Each round replays at least one write, so this many rounds always suffice.
    for _ in 0..=responses.len() {
        let next1 = key1_writes.remove(key2).unwrap_or_default();
        let next2 = key2_writes.remove(key1).unwrap_or_default();
        let (group, key_name) = match (next1.is_empty(), next2.is_empty()) {
            (true, true) => break,
            (false, true) => (next1, PartnerKeyName::Key1),
            (true, false) => (next2, PartnerKeyName::Key2),
            (false, false) => return Err(HistoryError::WritesToBothKeysSawOneState),
        };
        // The write that later writes build on goes last; so does the final state's write.
        let (mut ordered, mut exits): (Vec<&Regeneration>, Vec<&Regeneration>) =
            group.into_iter().partition(|r| match key_name {
                PartnerKeyName::Key1 => !key2_writes.contains_key(r.keys.key1.as_str()),
                PartnerKeyName::Key2 => !key1_writes.contains_key(r.keys.key2.as_str()),
            });
        if exits.len() > 1 {
            return Err(HistoryError::TwoWritesSeenAsCurrent);
        }
        ordered.sort_by_key(|r| r.keys == *last);
        ordered.append(&mut exits);
        for r in ordered {
            match key_name {
                PartnerKeyName::Key1 => key1 = &r.keys.key1,
                PartnerKeyName::Key2 => key2 = &r.keys.key2,
            }
            replayed += 1;
        }
    }
    if replayed != responses.len() {
        return Err(HistoryError::UnreachableState);
    }
    if (key1, key2) != (last.key1.as_str(), last.key2.as_str()) {
        return Err(HistoryError::FinalStateNotLastWrite);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(key1: &str, key2: &str) -> PartnerNamespaceKeys {
        PartnerNamespaceKeys {
            key1: key1.to_owned(),
            key2: key2.to_owned(),
        }
    }

    fn write(key_name: PartnerKeyName, key1: &str, key2: &str) -> Regeneration {
        Regeneration {
            key_name,
            keys: keys(key1, key2),
        }
    }

    use PartnerKeyName::{Key1, Key2};

    #[test]
    fn serial_histories_pass_in_any_response_order() {
        // Serial: a1, a2 (key1), b1 (key2), a3 (key1), b2, b3 (key2).
        let mut writes = vec![
            write(Key1, "a1", "b0"),
            write(Key1, "a2", "b0"),
            write(Key2, "a2", "b1"),
            write(Key1, "a3", "b1"),
            write(Key2, "a3", "b2"),
            write(Key2, "a3", "b3"),
        ];
        writes.reverse();
        let result = check_regenerations(&keys("a0", "b0"), &writes, &keys("a3", "b3"));
        assert_eq!(result, Ok(()));
    }

    #[test]
    fn a_lost_update_is_refused() {
        // Both writes read (a0, b0); the key1 write then stored the stale b0 over b1.
        let writes = [write(Key2, "a0", "b1"), write(Key1, "a1", "b0")];
        let result = check_regenerations(&keys("a0", "b0"), &writes, &keys("a1", "b0"));
        assert_eq!(result, Err(HistoryError::WritesToBothKeysSawOneState));
    }

    #[test]
    fn two_writes_built_on_by_later_ones_are_refused() {
        // Two key1 writes from b0, and a key2 write on top of each: one of them was lost.
        let writes = [
            write(Key1, "a1", "b0"),
            write(Key1, "a2", "b0"),
            write(Key2, "a1", "b1"),
            write(Key2, "a2", "b2"),
        ];
        let result = check_regenerations(&keys("a0", "b0"), &writes, &keys("a2", "b2"));
        assert_eq!(result, Err(HistoryError::TwoWritesSeenAsCurrent));
    }

    #[test]
    fn a_state_that_never_existed_is_refused() {
        let writes = [write(Key1, "a1", "b9")];
        let result = check_regenerations(&keys("a0", "b0"), &writes, &keys("a1", "b9"));
        assert_eq!(result, Err(HistoryError::UnreachableState));
    }

    #[test]
    fn a_final_state_that_is_not_the_last_write_is_refused() {
        let writes = [write(Key1, "a1", "b0"), write(Key1, "a2", "b0")];
        let result = check_regenerations(&keys("a0", "b0"), &writes, &keys("a0", "b0"));
        assert_eq!(result, Err(HistoryError::FinalStateNotLastWrite));
    }

    #[test]
    fn a_repeated_key_is_refused() {
        let writes = [write(Key1, "a1", "b0"), write(Key1, "a1", "b0")];
        let result = check_regenerations(&keys("a0", "b0"), &writes, &keys("a1", "b0"));
        assert_eq!(result, Err(HistoryError::RepeatedKey));
    }
}
