//! `GET /data/{name}/perubahan`: a dataset's changes as Server-Sent Events (`text/event-
//! stream`). Each event is one row of `data_changes` — a verified version (`published`) or
//! a live write (`append`, `upsert`) — with the change's id as the event id and
//! `{"kind", "resource_id", "rows", "at"}` as data.
//!
//! The feed polls the database every second rather than listening in memory, so a write on
//! one node reaches readers on every node. It starts after `Last-Event-ID` (what a
//! reconnecting `EventSource` sends) or, without it, after the latest change at connection
//! time. A comment every 15 s keeps proxies from closing an idle connection. Each
//! connection ends after [`LIFETIME`] (the `retry` field brings the browser back within a
//! second, resuming from the last event): an endless response would hold a graceful
//! shutdown forever. Streamed bodies are never buffered by the micro-cache (no known size)
//! nor compressed (tower-http skips `text/event-stream`).

use std::collections::VecDeque;
use std::convert::Infallible;
use std::time::Duration;

use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures::Stream;
use platform::db::Db;
use platform::error::{AppError, AppResult, OptionExt};
use platform::web::PageCtx;
use serde::Serialize;
use tokio::time::Instant;
use uuid::Uuid;

use super::queries::{self, ChangeRow};
use crate::catalog;

/// How often the database is asked for new changes.
pub const POLL: Duration = Duration::from_secs(1);
/// How long one connection lasts before the client reconnects.
pub const LIFETIME: Duration = Duration::from_secs(30);
/// Changes read per poll.
const BATCH: i64 = 100;

/// One event's data.
#[derive(Debug, Serialize)]
pub struct ChangeEvent {
    pub kind: String,
    pub resource_id: Option<Uuid>,
    pub rows: i64,
    pub at: chrono::DateTime<chrono::Utc>,
}

fn event(c: &ChangeRow) -> Event {
    let data = serde_json::to_string(&ChangeEvent {
        kind: c.kind.clone(),
        resource_id: c.resource_id,
        rows: c.row_count,
        at: c.at,
    })
    .unwrap_or_else(|_| "{}".into());
    Event::default()
        .id(c.id.to_string())
        .event("change")
        .data(data)
}

struct Cursor {
    db: Db,
    dataset_id: Uuid,
    after: Uuid,
    pending: VecDeque<ChangeRow>,
    until: Instant,
    first: bool,
}

/// The events after `after`, polling, until the connection's lifetime is over.
fn changes(db: Db, dataset_id: Uuid, after: Uuid) -> impl Stream<Item = Result<Event, Infallible>> {
    let cursor = Cursor {
        db,
        dataset_id,
        after,
        pending: VecDeque::new(),
        until: Instant::now() + LIFETIME,
        first: true,
    };
    futures::stream::unfold(cursor, |mut c| async move {
        if c.first {
            // Tell the browser to come back quickly when this connection ends.
            c.first = false;
            let hello = Event::default()
                .retry(Duration::from_secs(1))
                .comment("terbuka data changes");
            return Some((Ok(hello), c));
        }
        loop {
            if let Some(change) = c.pending.pop_front() {
                return Some((Ok(event(&change)), c));
            }
            if Instant::now() >= c.until {
                return None;
            }
            match queries::changes_after(&c.db, c.dataset_id, c.after, BATCH).await {
                Ok(rows) if !rows.is_empty() => {
                    if let Some(last) = rows.last() {
                        c.after = last.id;
                    }
                    c.pending.extend(rows);
                    continue;
                }
                Ok(_) => {}
                Err(e) => {
                    // The client reconnects from its last event.
                    tracing::warn!(error = %e, dataset = %c.dataset_id, "change feed poll failed");
                    return None;
                }
            }
            tokio::time::sleep(POLL).await;
        }
    })
}

/// `GET /data/{name}/perubahan`.
pub async fn stream(
    ctx: PageCtx,
    Path(name): Path<String>,
    headers: HeaderMap,
) -> AppResult<Response> {
    if !crate::public::valid_name(&name) {
        return Err(AppError::NotFound);
    }
    let db = ctx.state.db.clone();
    let dataset = catalog::published(&db, &name)
        .await?
        .filter(catalog::Dataset::is_public)
        .or_not_found()?;
    let asked = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| Uuid::parse_str(v.trim()).ok());
    let after = match asked {
        Some(id) => id,
        None => queries::latest_change(&db, dataset.id)
            .await?
            .unwrap_or(Uuid::nil()),
    };
    let sse = Sse::new(changes(db, dataset.id, after))
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)));
    let mut response = sse.into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // nginx: pass events on as they come.
    response
        .headers_mut()
        .insert("x-accel-buffering", HeaderValue::from_static("no"));
    Ok(response)
}
