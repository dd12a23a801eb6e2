//! Uploaded files through `object_store`: a local folder by default, any S3-compatible
//! store by configuration.

use std::sync::Arc;

use object_store::ObjectStore;

use crate::config::Config;

#[derive(Clone, Debug)]
pub struct FileStore {
    pub store: Arc<dyn ObjectStore>,
    pub max_bytes: usize,
}

impl FileStore {
    /// Open the store named by the configuration (`s3://bucket` or a local folder).
    pub fn from_config(config: &Config) -> anyhow::Result<FileStore> {
        let store: Arc<dyn ObjectStore> = if let Some(bucket) = config.storage.strip_prefix("s3://") {
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
            let folder = config.storage.strip_prefix("file://").unwrap_or(&config.storage);
            std::fs::create_dir_all(folder)?;
            Arc::new(object_store::local::LocalFileSystem::new_with_prefix(folder)?)
        };
        Ok(FileStore { store, max_bytes: config.max_upload_bytes() })
    }
}
