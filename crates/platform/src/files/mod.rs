//! Uploaded files through `object_store`: a local folder by default, any S3-compatible
//! store by configuration.
//!
//! [`store`] is the one way in: it refuses files over the size limit (413), sniffs the real
//! type from the content and refuses anything not on the allow-list or whose extension
//! contradicts the content (415), strips EXIF/GPS/XMP from images ([`sanitize`]), records the
//! SHA-256 of the bytes actually stored, and writes them under `yyyy/mm/<uuid>`. Public files
//! are served at `/berkas/{id}/{name}`; the rest are reached only through their module.

pub mod pages;
pub mod sanitize;

use std::sync::Arc;

use bytes::Bytes;
use chrono::{DateTime, Datelike, Utc};
use object_store::path::Path as StorePath;
use object_store::{GetOptions, ObjectStore, ObjectStoreExt, PutOptions, PutPayload};
use uuid::Uuid;

use crate::config::Config;
use crate::db::{Db, RowsAffected};
use crate::error::AppError;
use crate::on_db;
use crate::state::AppState;

pub use pages::routes;

#[derive(Clone, Debug)]
pub struct FileStore {
    pub store: Arc<dyn ObjectStore>,
    pub max_bytes: usize,
}

impl FileStore {
    /// Open the store named by the configuration (`s3://bucket` or a local folder).
    pub fn from_config(config: &Config) -> anyhow::Result<FileStore> {
        let store: Arc<dyn ObjectStore> = if let Some(bucket) = config.storage.strip_prefix("s3://")
        {
            let mut builder = object_store::aws::AmazonS3Builder::new()
                .with_bucket_name(bucket.trim_end_matches('/'))
                .with_region(&config.s3_region);
            if !config.s3_endpoint.is_empty() {
                builder = builder
                    .with_endpoint(&config.s3_endpoint)
                    .with_allow_http(config.s3_endpoint.starts_with("http://"))
                    .with_virtual_hosted_style_request(false);
            }
            if !config.s3_access_key_id.is_empty() {
                builder = builder
                    .with_access_key_id(&config.s3_access_key_id)
                    .with_secret_access_key(&config.s3_secret_access_key);
            }
            Arc::new(builder.build()?)
        } else {
            let folder = config
                .storage
                .strip_prefix("file://")
                .unwrap_or(&config.storage);
            std::fs::create_dir_all(folder)?;
            Arc::new(object_store::local::LocalFileSystem::new_with_prefix(
                folder,
            )?)
        };
        Ok(FileStore {
            store,
            max_bytes: config.max_upload_bytes(),
        })
    }

    /// The stored bytes under `key`.
    pub async fn read(&self, key: &str) -> Result<Bytes, object_store::Error> {
        self.store
            .get_opts(&StorePath::from(key), GetOptions::default())
            .await?
            .bytes()
            .await
    }
}

/// The record of a stored file.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct StoredFile {
    pub id: Uuid,
    pub storage_key: String,
    pub original_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub uploaded_by: Option<Uuid>,
    pub public: bool,
    pub created_at: DateTime<Utc>,
}

impl StoredFile {
    /// The public address (served only when `public`).
    pub fn url(&self) -> String {
        format!(
            "/berkas/{}/{}",
            self.id,
            crate::web::routes::urlencode(&self.original_name)
        )
    }
}

/// Why an upload was refused.
#[derive(Debug, thiserror::Error)]
pub enum UploadError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is larger than the limit")]
    TooLarge,
    #[error("this kind of file is not accepted")]
    Type,
    #[error("the file name's extension does not match its content")]
    Extension,
    #[error("the image is damaged")]
    Corrupt,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl UploadError {
    /// The translation key of the message shown to the uploader.
    pub fn key(&self) -> &'static str {
        match self {
            UploadError::Empty => "files-error-empty",
            UploadError::TooLarge => "files-error-too-large",
            UploadError::Type => "files-error-type",
            UploadError::Extension => "files-error-extension",
            UploadError::Corrupt => "files-error-corrupt",
            UploadError::Internal(_) => "error-internal",
        }
    }

    pub fn status(&self) -> axum::http::StatusCode {
        use axum::http::StatusCode;
        match self {
            UploadError::Empty | UploadError::Corrupt => StatusCode::UNPROCESSABLE_ENTITY,
            UploadError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            UploadError::Type | UploadError::Extension => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            UploadError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl From<UploadError> for AppError {
    fn from(err: UploadError) -> AppError {
        match err {
            UploadError::TooLarge => AppError::PayloadTooLarge,
            UploadError::Type | UploadError::Extension => AppError::UnsupportedMediaType,
            UploadError::Empty => AppError::BadRequest("files-error-empty"),
            UploadError::Corrupt => AppError::BadRequest("files-error-corrupt"),
            UploadError::Internal(e) => AppError::Internal(e),
        }
    }
}

impl From<sqlx::Error> for UploadError {
    fn from(err: sqlx::Error) -> UploadError {
        UploadError::Internal(anyhow::Error::new(err).context("recording the file"))
    }
}

/// A file name safe to keep and show: no folders, no control characters, at most 200
/// characters, never empty.
pub fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>'))
        .take(200)
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_string();
    if cleaned.is_empty() {
        "berkas".into()
    } else {
        cleaned
    }
}

/// Check, clean, hash and store an upload (private until [`set_public`]).
pub async fn store(
    state: &AppState,
    bytes: &[u8],
    original_name: &str,
    uploaded_by: Option<Uuid>,
) -> Result<StoredFile, UploadError> {
    if bytes.is_empty() {
        return Err(UploadError::Empty);
    }
    if bytes.len() > state.config.max_upload_bytes() {
        return Err(UploadError::TooLarge);
    }
    let name = clean_name(original_name);
    let kind = sanitize::sniff(bytes, &name).map_err(refusal)?;
    let clean = sanitize::strip_metadata(kind, bytes).map_err(refusal)?;
    let now = state.clock.now();
    let id = Uuid::now_v7();
    let key = format!("{:04}/{:02}/{}", now.year(), now.month(), id);
    let file = StoredFile {
        id,
        storage_key: key.clone(),
        original_name: name,
        content_type: kind.mime.to_string(),
        size_bytes: i64::try_from(clean.len()).unwrap_or(i64::MAX),
        sha256: crate::audit::publication::sha256_hex(&clean),
        uploaded_by,
        public: false,
        created_at: now,
    };
    state
        .files
        .store
        .put_opts(
            &StorePath::from(key.as_str()),
            PutPayload::from(clean),
            PutOptions::default(),
        )
        .await
        .map_err(|e| {
            UploadError::Internal(anyhow::Error::new(e).context("writing to the object store"))
        })?;
    let recorded = on_db!(&state.db, pool => sqlx::query(
        "INSERT INTO files (id, storage_key, original_name, content_type, size_bytes, sha256, uploaded_by, public, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, FALSE, $8)")
        .bind(file.id).bind(&file.storage_key).bind(&file.original_name).bind(&file.content_type)
        .bind(file.size_bytes).bind(&file.sha256).bind(file.uploaded_by).bind(file.created_at)
        .execute(pool).await.affected());
    if let Err(err) = recorded {
        // Do not leave an object nobody knows about.
        let _ = state
            .files
            .store
            .delete(&StorePath::from(key.as_str()))
            .await;
        return Err(err.into());
    }
    Ok(file)
}

fn refusal(r: sanitize::Refusal) -> UploadError {
    match r {
        sanitize::Refusal::Type => UploadError::Type,
        sanitize::Refusal::Extension => UploadError::Extension,
        sanitize::Refusal::Corrupt => UploadError::Corrupt,
    }
}

const FILE_COLUMNS: &str = "id, storage_key, original_name, content_type, size_bytes, sha256, uploaded_by, public, created_at";

pub async fn find(db: &Db, id: Uuid) -> Result<Option<StoredFile>, sqlx::Error> {
    let sql = format!("SELECT {FILE_COLUMNS} FROM files WHERE id = $1");
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await)
}

pub async fn recent(db: &Db, limit: i64) -> Result<Vec<StoredFile>, sqlx::Error> {
    let sql =
        format!("SELECT {FILE_COLUMNS} FROM files ORDER BY created_at DESC, id DESC LIMIT $1");
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(limit).fetch_all(pool).await)
}

/// Make a file public (served at its URL) or private again, in the caller's transaction.
pub async fn set_public(
    tx: &mut crate::db::Tx,
    id: Uuid,
    public: bool,
) -> Result<u64, sqlx::Error> {
    on_db!(tx, tx; conn => sqlx::query("UPDATE files SET public = $1 WHERE id = $2")
        .bind(public).bind(id).execute(&mut **conn).await.affected())
}

/// Delete uploads that nothing came to refer to (a submission stored its attachments, then
/// was refused): their records and their stored objects, so no orphan blob is left behind.
/// Only for files the caller has just stored itself; a file a row refers to is kept (the
/// foreign key refuses the delete) and reported as an error.
pub async fn discard(state: &AppState, ids: &[Uuid]) -> Result<(), sqlx::Error> {
    for id in ids {
        let Some(file) = find(&state.db, *id).await? else {
            continue;
        };
        on_db!(&state.db, pool => sqlx::query("DELETE FROM files WHERE id = $1")
            .bind(*id).execute(pool).await.affected())?;
        if let Err(err) = state
            .files
            .store
            .delete(&StorePath::from(file.storage_key.as_str()))
            .await
        {
            // The record is gone, so the object is unreachable; say so for the operator.
            tracing::warn!(key = %file.storage_key, error = %err, "could not delete a discarded upload");
        }
    }
    Ok(())
}
