//! Datasets take public comments (`platform::comments`): questions about the data, reports
//! of errors, requests for more. The item id is the dataset's UUID (stable when a new
//! version is published); the producing organisation moderates and answers.

use platform::AppState;
use platform::comments::{CommentItemType, CommentTarget, Resolving};
use platform::i18n::Lang;
use uuid::Uuid;

use crate::catalog;

pub const DATASET: CommentItemType = CommentItemType {
    item_type: "data.dataset",
    resolve: resolve_dataset,
};

fn resolve_dataset<'a>(state: &'a AppState, id: &'a str, _lang: Lang) -> Resolving<'a> {
    Box::pin(async move {
        // Only the UUID form: a name would give one discussion two ids.
        let Ok(id) = Uuid::parse_str(id) else {
            return Ok(None);
        };
        Ok(catalog::published(&state.db, &id.to_string())
            .await?
            .filter(catalog::Dataset::is_public)
            .map(|d| CommentTarget {
                title: d.version.title.clone(),
                url: format!("/data/{}", d.name),
                organisation_id: d.organisation_id,
            }))
    })
}
