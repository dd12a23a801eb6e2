//! CKAN's `datastore_search` over the tabular store.

use serde_json::Value;

use super::CkanError;
use super::params::Params;
use platform::web::PageCtx;

pub async fn search(_ctx: &PageCtx, p: &Params) -> Result<Value, CkanError> {
    let _ = p.required("resource_id")?;
    Err(CkanError::NotFound("data-api-error-resource-not-found"))
}
