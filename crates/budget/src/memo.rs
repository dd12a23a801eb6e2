//! A process-wide memo of the sums over a version's lines.
//!
//! Why it is safe: a version's lines are written once, in the transaction that creates the
//! version (`queries::write_version`), and nothing updates or deletes them afterwards — a
//! new import is a new version with a new UUIDv7 id, and publishing only changes the
//! version's status. So a `GROUP BY` over the lines of a given version id has one answer
//! forever, and the exact SQL text with its bound values (the version id among them) is a
//! key that can never go stale: publishing a new version changes the ids the pages ask
//! for, which is a new key. No invalidation is needed.
//!
//! Why it is there: the year's summary and the year-wide drill-downs sum every line of
//! three or four versions (the plan, the realisation, the previous year's plan) on each
//! request — about 170 ms of CPU on SQLite for the demo's summary. With the memo the first
//! request computes them and the following ones read them from memory.
//!
//! The memo holds at most [`CAPACITY`] (code, sum) pairs across all its entries and empties
//! itself when a new entry would exceed that (drill-downs are many but small; emptying is
//! rare and only costs recomputation).

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, LazyLock, Mutex};

/// Pairs held at most (about 15 MB of codes and sums).
pub const CAPACITY: usize = 200_000;

/// Sums per code (`GROUP BY` a level column).
pub static SUMS: LazyLock<Memo<(String, i64)>> = LazyLock::new(|| Memo::new(CAPACITY));

/// Sums per month of a realisation.
pub static MONTHS: LazyLock<Memo<(i32, i64)>> = LazyLock::new(|| Memo::new(CAPACITY));

/// The key of a query: its SQL text and every bound value, in order.
pub fn key(sql: &str, binds: &[&str]) -> String {
    let mut key = String::with_capacity(sql.len() + 64);
    key.push_str(sql);
    for b in binds {
        // A separator no code or SQL text contains.
        key.push('\u{1f}');
        key.push_str(b);
    }
    key
}

/// Answers of queries over immutable rows, by the query's text and bound values.
pub struct Memo<V> {
    capacity: usize,
    entries: Mutex<Entries<V>>,
}

struct Entries<V> {
    map: HashMap<String, Arc<Vec<V>>>,
    /// The number of pairs held.
    weight: usize,
}

impl<V: Clone> Memo<V> {
    pub fn new(capacity: usize) -> Memo<V> {
        Memo {
            capacity,
            entries: Mutex::new(Entries {
                map: HashMap::new(),
                weight: 0,
            }),
        }
    }

    /// The memoised answer of `key`, else `load()`'s (kept when it succeeds).
    pub async fn get_or_load<E, F, Fut>(&self, key: String, load: F) -> Result<Vec<V>, E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Vec<V>, E>>,
    {
        if let Some(found) = self.lookup(&key) {
            return Ok(found.as_ref().clone());
        }
        let rows = load().await?;
        self.store(key, Arc::new(rows.clone()));
        Ok(rows)
    }

    fn lookup(&self, key: &str) -> Option<Arc<Vec<V>>> {
        // A poisoned lock (a panic while holding it) only means a miss.
        let entries = self.entries.lock().ok()?;
        entries.map.get(key).cloned()
    }

    fn store(&self, key: String, rows: Arc<Vec<V>>) {
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        let weight = rows.len().max(1);
        if weight > self.capacity {
            return;
        }
        if entries.weight + weight > self.capacity {
            entries.map.clear();
            entries.weight = 0;
        }
        if let Some(old) = entries.map.insert(key, rows) {
            entries.weight = entries.weight.saturating_sub(old.len().max(1));
        }
        entries.weight += weight;
    }

    /// The number of pairs held (tests).
    pub fn weight(&self) -> usize {
        self.entries.lock().map(|e| e.weight).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    async fn load(calls: &AtomicUsize, n: usize) -> Result<Vec<(String, i64)>, ()> {
        calls.fetch_add(1, Ordering::SeqCst);
        Ok((0..n).map(|i| (i.to_string(), i as i64)).collect())
    }

    #[tokio::test]
    async fn a_query_is_loaded_once_and_the_memo_stays_within_its_capacity() {
        let memo: Memo<(String, i64)> = Memo::new(10);
        let calls = AtomicUsize::new(0);
        let first = key("SELECT x", &["v1", "5"]);
        let a = memo
            .get_or_load(first.clone(), || load(&calls, 4))
            .await
            .unwrap();
        let b = memo
            .get_or_load(first.clone(), || load(&calls, 4))
            .await
            .unwrap();
        assert_eq!(a, b);
        assert_eq!(
            calls.load(Ordering::SeqCst),
            1,
            "the second answer is memoised"
        );
        // Another bound value is another query.
        let other = key("SELECT x", &["v2", "5"]);
        memo.get_or_load(other, || load(&calls, 4)).await.unwrap();
        assert_eq!((calls.load(Ordering::SeqCst), memo.weight()), (2, 8));
        // Over capacity: emptied, then holds the new entry only.
        let third = key("SELECT y", &[]);
        memo.get_or_load(third, || load(&calls, 5)).await.unwrap();
        assert_eq!(memo.weight(), 5);
        memo.get_or_load(first, || load(&calls, 4)).await.unwrap();
        assert_eq!(
            calls.load(Ordering::SeqCst),
            4,
            "emptied entries are loaded again"
        );
        // Errors are not kept; answers too big to keep are still answered.
        let failing = key("SELECT z", &[]);
        let err: Result<Vec<(String, i64)>, ()> = memo
            .get_or_load(failing.clone(), || async { Err(()) })
            .await;
        assert!(err.is_err());
        let big = memo
            .get_or_load(failing, || load(&calls, 11))
            .await
            .unwrap();
        assert_eq!((big.len(), memo.weight()), (11, 9));
    }

    #[test]
    fn keys_tell_bound_values_apart() {
        assert_ne!(key("q", &["a", "bc"]), key("q", &["ab", "c"]));
        assert_ne!(key("q", &["a"]), key("q a", &[]));
    }
}
