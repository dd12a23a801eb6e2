//! Operations endpoints: `/healthz` (the process answers), `/readyz` (the database
//! answers) and Prometheus `/metrics`.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::authz::Access::Public;
use crate::db::Db;
use crate::on_db;
use crate::state::AppState;
use crate::web::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/healthz", Public, healthz)
        .get("/readyz", Public, readyz)
        .get("/metrics", Public, metrics)
}

async fn healthz() -> Response {
    Json(serde_json::json!({ "status": "ok" })).into_response()
}

async fn readyz(State(state): State<AppState>) -> Response {
    match state.db.ping().await {
        Ok(()) => Json(serde_json::json!({ "status": "ready", "database": "ok" })).into_response(),
        Err(err) => {
            tracing::warn!(error = %err, "database not ready");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(serde_json::json!({ "status": "unavailable", "database": "error" })),
            )
                .into_response()
        }
    }
}

async fn metrics(State(state): State<AppState>) -> Response {
    let (size, idle) = on_db!(&state.db, pool => (pool.size(), pool.num_idle()));
    let pending = pending_jobs(&state.db).await.unwrap_or(-1);
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.metrics.render(size, idle, pending),
    )
        .into_response()
}

async fn pending_jobs(db: &Db) -> Result<i64, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM jobs").fetch_one(pool).await)
}
