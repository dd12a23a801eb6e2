//! The OpenAPI 3.1 description of the JSON API under `/api/v1`, served at
//! `GET /api/v1/openapi.json` (DESIGN.md §3 "APIs").
//!
//! The platform owns the base document ([`BASE`]: info, servers, the shared `Error` schema,
//! the common error responses and the `Accept-Language` parameter). Every module describes
//! its own endpoints in a JSON fragment `{"paths": {…}, "components": {"schemas": {…}}}`
//! (`Module::openapi`), so that adding a module never means editing the platform. The
//! fragments are merged into the base once, at start-up ([`Document::build`]); a fragment
//! that is not valid JSON, redefines a path or a component another part already defines, or
//! refers to a component nobody defines stops the start-up with a message naming the module:
//! a wrong description is a bug to fix before serving, not something to discover later.
//!
//! `docs/API.md` describes the conventions the fragments follow.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

use crate::state::AppState;
use crate::web::Routes;

/// Where the document is served.
pub const PATH: &str = "/api/v1/openapi.json";

/// The base document, before any module's fragment (its `info.version` is set at build).
pub const BASE: &str = include_str!("base.json");

/// The platform's own fragment: regions and organisations.
pub const PLATFORM: &str = include_str!("platform.json");

/// The top-level keys a fragment may carry.
const FRAGMENT_KEYS: [&str; 3] = ["paths", "components", "tags"];

/// The merged document, kept in [`crate::App`] and served as is.
#[derive(Clone)]
pub struct Document {
    value: Value,
    /// The serialised document, made once.
    body: Bytes,
}

impl std::fmt::Debug for Document {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Document")
            .field("bytes", &self.body.len())
            .finish()
    }
}

impl Document {
    /// The base document with every module's fragment merged in, in module order.
    pub fn build(modules: &[crate::Module]) -> anyhow::Result<Document> {
        Document::from_fragments(
            modules
                .iter()
                .filter_map(|m| m.openapi.map(|fragment| (m.name, fragment))),
        )
    }

    /// The base document with the given `(module name, fragment)` pairs merged in.
    pub fn from_fragments<'a>(
        fragments: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> anyhow::Result<Document> {
        let mut value = base()?;
        for (module, fragment) in fragments {
            merge(&mut value, module, fragment)?;
        }
        check_refs(&value)?;
        let body = Bytes::from(serde_json::to_vec(&value)?);
        Ok(Document { value, body })
    }

    pub fn json(&self) -> &Value {
        &self.value
    }

    /// The serialised document, as served.
    pub fn body(&self) -> &Bytes {
        &self.body
    }
}

/// The base document with this build's version.
pub fn base() -> anyhow::Result<Value> {
    let mut doc: Value = serde_json::from_str(BASE)
        .map_err(|e| anyhow::anyhow!("the platform's base OpenAPI document: {e}"))?;
    if let Some(info) = doc.get_mut("info").and_then(Value::as_object_mut) {
        info.insert(
            "version".into(),
            Value::String(env!("CARGO_PKG_VERSION").into()),
        );
    }
    Ok(doc)
}

/// Merge one module's fragment into `doc`. Fails, naming the module, when the fragment is
/// not a JSON object of `paths`/`components`/`tags`, or when it defines a path, a component
/// or a tag that `doc` already has (each belongs to exactly one module).
pub fn merge(doc: &mut Value, module: &str, fragment: &str) -> anyhow::Result<()> {
    let fragment: Value = serde_json::from_str(fragment)
        .map_err(|e| anyhow::anyhow!("module {module}: its OpenAPI fragment is not JSON: {e}"))?;
    let Value::Object(fragment) = fragment else {
        anyhow::bail!("module {module}: its OpenAPI fragment is not a JSON object");
    };
    if let Some(key) = fragment
        .keys()
        .find(|k| !FRAGMENT_KEYS.contains(&k.as_str()))
    {
        anyhow::bail!(
            "module {module}: its OpenAPI fragment has `{key}`; only {FRAGMENT_KEYS:?} are merged"
        );
    }
    let Value::Object(root) = doc else {
        anyhow::bail!("the OpenAPI document is not a JSON object");
    };
    for (key, value) in fragment {
        match key.as_str() {
            "paths" => {
                let paths = object(value, module, "paths")?;
                if let Some(path) = paths.keys().find(|p| !p.starts_with('/')) {
                    anyhow::bail!("module {module}: OpenAPI path `{path}` does not start with /");
                }
                insert_new(section(root, "paths")?, paths, module, "path")?;
            }
            "components" => {
                let components = object(value, module, "components")?;
                let target = section(root, "components")?;
                for (kind, entries) in components {
                    let entries = object(entries, module, &format!("components.{kind}"))?;
                    let what = format!("component {kind}");
                    insert_new(section(target, &kind)?, entries, module, &what)?;
                }
            }
            "tags" => {
                let Value::Array(tags) = value else {
                    anyhow::bail!("module {module}: `tags` of its OpenAPI fragment is not a list");
                };
                let all = root
                    .entry("tags")
                    .or_insert_with(|| Value::Array(Vec::new()));
                let Value::Array(all) = all else {
                    anyhow::bail!("the OpenAPI document's `tags` is not a list");
                };
                for tag in tags {
                    let name = tag.get("name").and_then(Value::as_str).unwrap_or_default();
                    if all.iter().any(|t| t.get("name") == tag.get("name")) {
                        anyhow::bail!("module {module}: OpenAPI tag `{name}` is already defined");
                    }
                    all.push(tag);
                }
            }
            _ => {}
        }
    }
    Ok(())
}

fn object(value: Value, module: &str, what: &str) -> anyhow::Result<Map<String, Value>> {
    match value {
        Value::Object(map) => Ok(map),
        _ => anyhow::bail!("module {module}: `{what}` of its OpenAPI fragment is not an object"),
    }
}

/// The object at `key` in `parent`, created empty when absent.
fn section<'a>(
    parent: &'a mut Map<String, Value>,
    key: &str,
) -> anyhow::Result<&'a mut Map<String, Value>> {
    match parent
        .entry(key)
        .or_insert_with(|| Value::Object(Map::new()))
    {
        Value::Object(map) => Ok(map),
        _ => anyhow::bail!("the OpenAPI document's `{key}` is not an object"),
    }
}

fn insert_new(
    target: &mut Map<String, Value>,
    entries: Map<String, Value>,
    module: &str,
    what: &str,
) -> anyhow::Result<()> {
    for (name, value) in entries {
        if target.contains_key(&name) {
            anyhow::bail!("module {module}: OpenAPI {what} `{name}` is already defined");
        }
        target.insert(name, value);
    }
    Ok(())
}

/// Every local `$ref` (`#/components/schemas/X`) must point at something in the document:
/// a typo in a fragment fails the start-up instead of producing a broken description.
fn check_refs(doc: &Value) -> anyhow::Result<()> {
    fn walk<'a>(value: &'a Value, refs: &mut Vec<&'a str>) {
        match value {
            Value::Object(map) => {
                for (key, v) in map {
                    match (key.as_str(), v) {
                        ("$ref", Value::String(r)) => refs.push(r),
                        _ => walk(v, refs),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, refs)),
            _ => {}
        }
    }
    let mut refs = Vec::new();
    walk(doc, &mut refs);
    for r in refs {
        let Some(pointer) = r.strip_prefix('#') else {
            anyhow::bail!("OpenAPI reference `{r}` is not local to the document");
        };
        if doc.pointer(pointer).is_none() {
            anyhow::bail!("OpenAPI reference `{r}` points at nothing");
        }
    }
    Ok(())
}

pub fn routes() -> Routes {
    Routes::new().get(PATH, crate::authz::Access::Public, openapi_json)
}

/// `GET /api/v1/openapi.json`: the same for everyone, so shared caches may keep it a while.
pub async fn openapi_json(State(state): State<AppState>) -> Response {
    let mut response = state.openapi.body().clone().into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(fragments: &[(&str, &str)]) -> anyhow::Result<Document> {
        Document::from_fragments(fragments.iter().copied())
    }

    #[test]
    fn the_platform_fragment_merges_into_the_base() {
        let doc = build(&[("platform", PLATFORM)]).unwrap();
        let json = doc.json();
        assert_eq!(json["openapi"], "3.1.0");
        assert_eq!(json["info"]["version"], env!("CARGO_PKG_VERSION"));
        assert!(json["paths"]["/api/v1/regions/{code}"]["get"].is_object());
        assert!(json["paths"][PATH]["get"].is_object());
        assert!(json["components"]["schemas"]["Error"].is_object());
        assert!(json["components"]["schemas"]["RegionDetail"].is_object());
        let tags: Vec<&str> = json["tags"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|t| t["name"].as_str())
            .collect();
        assert_eq!(tags, ["meta", "regions", "organisations", "comments"]);
        let reparsed: Value = serde_json::from_slice(doc.body()).unwrap();
        assert_eq!(&reparsed, json);
    }

    #[test]
    fn bad_fragments_stop_the_build_naming_the_module() {
        let cases = [
            ("{\"paths\": ", "not JSON"),
            ("[]", "not a JSON object"),
            ("{\"info\": {}}", "`info`"),
            ("{\"paths\": {\"api/v1/x\": {}}}", "does not start with /"),
            (
                "{\"paths\": {\"/api/v1/openapi.json\": {}}}",
                "path `/api/v1/openapi.json`",
            ),
            (
                "{\"components\": {\"schemas\": {\"Error\": {}}}}",
                "component schemas `Error`",
            ),
            (
                "{\"components\": {\"parameters\": {\"AcceptLanguage\": {}}}}",
                "component parameters `AcceptLanguage`",
            ),
            ("{\"tags\": [{\"name\": \"meta\"}]}", "tag `meta`"),
            ("{\"components\": {\"schemas\": []}}", "not an object"),
        ];
        for (fragment, expected) in cases {
            let err = build(&[("budget", fragment)]).unwrap_err().to_string();
            assert!(err.contains("module budget"), "{fragment}: {err}");
            assert!(err.contains(expected), "{fragment}: {err}");
        }
    }

    #[test]
    fn two_modules_may_not_define_the_same_schema() {
        let a = r#"{"components": {"schemas": {"Budget": {"type": "object"}}}}"#;
        let err = build(&[("budget", a), ("procurement", a)])
            .unwrap_err()
            .to_string();
        assert!(err.contains("module procurement"), "{err}");
        assert!(build(&[("budget", a)]).is_ok());
    }

    #[test]
    fn references_must_resolve() {
        let fragment = r##"{"paths": {"/api/v1/budgets": {"get": {"responses": {
            "200": {"description": "x", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Budgt"}}}}}}}}}"##;
        let err = build(&[("budget", fragment)]).unwrap_err().to_string();
        assert!(err.contains("#/components/schemas/Budgt"), "{err}");
        let fixed = fragment.replace(
            "#/components/schemas/Budgt",
            "#/components/responses/NotFound",
        );
        assert!(build(&[("budget", &fixed)]).is_ok());
    }
}
