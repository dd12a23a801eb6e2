//! A process-wide memo of query answers (pages and totals) per table state.
//!
//! Why it is safe: a table changes only by the live writes of [`super::write`], and each
//! of them (and [`super::set_key`]) moves the table's `updated_at` strictly forward in the
//! same transaction (one microsecond past the previous stamp when the clock has not moved).
//! Callers read the [`Table`] before querying it, so the key — table id, `updated_at`,
//! row count, the SQL text and every bound value — names one state of the table, and an
//! answer under that key cannot go stale; a write makes the next callers ask under a new
//! key.
//!
//! Why it is there: CKAN clients ask for `include_total` by default, and counting the
//! matches of a filter scans an unindexed million-row table (about a tenth of a second);
//! a sort on a column scans it too. Previews and harvesters ask the same questions again
//! and again: the first request computes, the following ones read memory.
//!
//! It holds at most [`CAPACITY`] values across its pages and empties itself when a new
//! page would exceed that (emptying only costs recomputation).

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, LazyLock, Mutex};

use super::Table;
use super::infer::Value;

/// Values held at most (pages of records; a total weighs one).
pub const CAPACITY: usize = 1_000_000;

/// Records of one page: `_id` and the values.
pub type Rows = Arc<Vec<(i64, Vec<Value>)>>;

static MEMO: LazyLock<Memo> = LazyLock::new(|| Memo::new(CAPACITY));

/// The key of a query on one state of `table`.
pub fn key<'v>(
    table: &Table,
    sql: &str,
    binds: impl IntoIterator<Item = &'v Value>,
    extra: &[i64],
) -> String {
    use std::fmt::Write;
    let mut key = String::with_capacity(sql.len() + 96);
    let _ = write!(
        key,
        "{}\u{1f}{}\u{1f}{}\u{1f}{sql}",
        table.id,
        table.updated_at.timestamp_micros(),
        table.row_count
    );
    for b in binds {
        // Debug forms are exact (floats round-trip) and typed (`Int(1)` is not `Text("1")`).
        let _ = write!(key, "\u{1f}{b:?}");
    }
    for n in extra {
        let _ = write!(key, "\u{1f}{n}");
    }
    key
}

pub async fn rows<E, F, Fut>(key: String, load: F) -> Result<Rows, E>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<Vec<(i64, Vec<Value>)>, E>>,
{
    if let Some(found) = MEMO.lookup_rows(&key) {
        return Ok(found);
    }
    let rows = Arc::new(load().await?);
    MEMO.store(key, Entry::Rows(rows.clone()));
    Ok(rows)
}

pub async fn total<E, F, Fut>(key: String, load: F) -> Result<i64, E>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<i64, E>>,
{
    if let Some(found) = MEMO.lookup_total(&key) {
        return Ok(found);
    }
    let n = load().await?;
    MEMO.store(key, Entry::Total(n));
    Ok(n)
}

#[derive(Clone)]
enum Entry {
    Rows(Rows),
    Total(i64),
}

impl Entry {
    fn weight(&self) -> usize {
        match self {
            Entry::Rows(rows) => rows.iter().map(|(_, v)| v.len() + 1).sum::<usize>().max(1),
            Entry::Total(_) => 1,
        }
    }
}

struct Memo {
    capacity: usize,
    entries: Mutex<(HashMap<String, Entry>, usize)>,
}

impl Memo {
    fn new(capacity: usize) -> Memo {
        Memo {
            capacity,
            entries: Mutex::new((HashMap::new(), 0)),
        }
    }

    fn lookup(&self, key: &str) -> Option<Entry> {
        // A poisoned lock (a panic while holding it) only means a miss.
        let entries = self.entries.lock().ok()?;
        entries.0.get(key).cloned()
    }

    fn lookup_rows(&self, key: &str) -> Option<Rows> {
        match self.lookup(key)? {
            Entry::Rows(rows) => Some(rows),
            Entry::Total(_) => None,
        }
    }

    fn lookup_total(&self, key: &str) -> Option<i64> {
        match self.lookup(key)? {
            Entry::Total(n) => Some(n),
            Entry::Rows(_) => None,
        }
    }

    fn store(&self, key: String, entry: Entry) {
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        let weight = entry.weight();
        if weight > self.capacity {
            return;
        }
        if entries.1 + weight > self.capacity {
            entries.0.clear();
            entries.1 = 0;
        }
        if let Some(old) = entries.0.insert(key, entry) {
            entries.1 = entries.1.saturating_sub(old.weight());
        }
        entries.1 += weight;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn answers_are_kept_by_key_and_within_capacity() {
        let memo = Memo::new(5);
        memo.store("a".into(), Entry::Total(3));
        assert_eq!(memo.lookup_total("a"), Some(3));
        assert!(memo.lookup_rows("a").is_none());
        let rows: Rows = Arc::new(vec![(1, vec![Value::Int(1), Value::Null])]);
        memo.store("b".into(), Entry::Rows(rows.clone()));
        assert_eq!(memo.lookup_rows("b").unwrap(), rows);
        // A page that would exceed the capacity empties the memo first.
        memo.store("c".into(), Entry::Rows(rows.clone()));
        assert!(memo.lookup_total("a").is_none());
        assert!(memo.lookup_rows("c").is_some());
        // One larger than the whole capacity is not kept.
        let big: Rows = Arc::new(vec![(1, vec![Value::Int(1); 9])]);
        memo.store("d".into(), Entry::Rows(big));
        assert!(memo.lookup_rows("d").is_none());
    }
}
