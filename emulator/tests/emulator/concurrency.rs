//! Concurrent regenerate calls: no update may be lost, and every response is a true snapshot.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use crate::common::*;

const CALLS: usize = 200;

/// One observed state of the partner namespace's keys, with the key the call regenerated.
struct Snapshot {
    regenerated: Option<&'static str>,
    key1: String,
    key2: String,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_regenerations_lose_no_update() {
    let f = Fixture::start().await;
    let initial = f
        .emulator
        .partner_namespace_keys(EG_SUB, EG_RG, PARTNER_NS)
        .unwrap();

    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..CALLS {
        let key_name = if i % 2 == 0 { "key1" } else { "key2" };
        let client = f.client.clone();
        let url = f.url(&partner_path(PARTNER_NS, "regenerateKey", EG_VERSION));
        let token = f.emulator.token().to_owned();
        tasks.spawn(async move {
            let response = client
                .post(url)
                .bearer_auth(token)
                .header("content-type", "application/json")
                .body(format!(r#"{{"keyName":"{key_name}"}}"#))
                .send()
                .await
                .expect("request completes");
            let body: Value = json(response).await;
            Snapshot {
                regenerated: Some(key_name),
                key1: body["key1"].as_str().expect("key1").to_owned(),
                key2: body["key2"].as_str().expect("key2").to_owned(),
            }
        });
    }
    let mut writes = Vec::with_capacity(CALLS);
    while let Some(done) = tasks.join_next().await {
        writes.push(done.expect("task completes"));
    }
    assert_eq!(writes.len(), CALLS);
    let initial = Snapshot {
        regenerated: None,
        key1: initial.key1,
        key2: initial.key2,
    };
    let last = f
        .emulator
        .partner_namespace_keys(EG_SUB, EG_RG, PARTNER_NS)
        .unwrap();
    assert_eq!(f.emulator.request_count(), CALLS);
    assert_linearizable(&initial, &writes, (&last.key1, &last.key2));
}

/// Checks that the responses are the successive states of one serial history of single-key
/// writes, starting at `initial` and ending at `last`.
///
/// A key1 write reports the key2 that was current when it ran, and vice versa. Replaying from
/// the initial state, the writes that can come next are those that report the current key2 (key1
/// writes) or the current key1 (key2 writes). If both kinds are waiting, whichever goes first
/// strands the other forever: that is a lost update. Within one kind, writes whose new key no
/// later write reports can go in any order; at most one may be reported by later writes, and it
/// must come last.
fn assert_linearizable(initial: &Snapshot, writes: &[Snapshot], last: (&str, &str)) {
    let mut born = HashSet::from([initial.key1.clone(), initial.key2.clone()]);
    // key1 writes by the key2 they saw, key2 writes by the key1 they saw.
    let mut key1_writes: HashMap<&str, Vec<&Snapshot>> = HashMap::new();
    let mut key2_writes: HashMap<&str, Vec<&Snapshot>> = HashMap::new();
    for w in writes {
        match w.regenerated {
            Some("key1") => {
                assert!(born.insert(w.key1.clone()), "a regenerated key1 repeated");
                key1_writes.entry(&w.key2).or_default().push(w);
            }
            Some("key2") => {
                assert!(born.insert(w.key2.clone()), "a regenerated key2 repeated");
                key2_writes.entry(&w.key1).or_default().push(w);
            }
            other => panic!("unexpected write {other:?}"),
        }
    }

    let (mut key1, mut key2) = (initial.key1.as_str(), initial.key2.as_str());
    let mut replayed = 0;
    for _ in 0..=writes.len() {
        let next1 = key1_writes.remove(key2).unwrap_or_default();
        let next2 = key2_writes.remove(key1).unwrap_or_default();
        assert!(
            next1.is_empty() || next2.is_empty(),
            "lost update: writes to both keys saw the same state"
        );
        let (group, is_key1) = match (next1.is_empty(), next2.is_empty()) {
            (true, true) => break,
            (false, _) => (next1, true),
            (_, false) => (next2, false),
        };
        // The write that later writes build on goes last; so does the final state's write.
        let (mut ordered, mut exits): (Vec<&Snapshot>, Vec<&Snapshot>) =
            group.into_iter().partition(|w| {
                if is_key1 {
                    !key2_writes.contains_key(w.key1.as_str())
                } else {
                    !key1_writes.contains_key(w.key2.as_str())
                }
            });
        assert!(
            exits.len() <= 1,
            "lost update: two writes both seen as current"
        );
        ordered.sort_by_key(|w| (w.key1.as_str(), w.key2.as_str()) == last);
        ordered.append(&mut exits);
        for w in ordered {
            if is_key1 {
                key1 = &w.key1;
            } else {
                key2 = &w.key2;
            }
            replayed += 1;
        }
    }
    assert_eq!(
        replayed,
        writes.len(),
        "some writes saw a state that never existed"
    );
    assert_eq!((key1, key2), last, "final state is not the last write");
}

fn snap(regenerated: Option<&'static str>, key1: &str, key2: &str) -> Snapshot {
    Snapshot {
        regenerated,
        key1: key1.to_owned(),
        key2: key2.to_owned(),
    }
}

#[test]
fn checker_accepts_serial_histories_in_any_response_order() {
    let initial = snap(None, "a0", "b0");
    // Serial: a1, a2 (key1), b1 (key2), a3 (key1), b2, b3 (key2).
    let mut writes = vec![
        snap(Some("key1"), "a1", "b0"),
        snap(Some("key1"), "a2", "b0"),
        snap(Some("key2"), "a2", "b1"),
        snap(Some("key1"), "a3", "b1"),
        snap(Some("key2"), "a3", "b2"),
        snap(Some("key2"), "a3", "b3"),
    ];
    writes.reverse();
    assert_linearizable(&initial, &writes, ("a3", "b3"));
}

#[test]
#[should_panic(expected = "lost update")]
fn checker_rejects_a_lost_update() {
    // Both writes read (a0, b0); the key1 write then stored the stale b0 over b1.
    let initial = snap(None, "a0", "b0");
    let writes = [
        snap(Some("key2"), "a0", "b1"),
        snap(Some("key1"), "a1", "b0"),
    ];
    assert_linearizable(&initial, &writes, ("a1", "b0"));
}

#[test]
#[should_panic(expected = "final state")]
fn checker_rejects_a_final_state_that_is_not_the_last_write() {
    let initial = snap(None, "a0", "b0");
    let writes = [
        snap(Some("key1"), "a1", "b0"),
        snap(Some("key1"), "a2", "b0"),
    ];
    assert_linearizable(&initial, &writes, ("a0", "b0"));
}
