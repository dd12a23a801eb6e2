//! `discovery`, `services` and `services/{code}`: what this endpoint is and which services
//! (complaint categories) it takes, with the attributes a request may carry.

use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::Response;
use platform::error::AppResult;
use platform::i18n::Tr;
use platform::web::PageCtx;

use super::xml::{Format, Node};
use super::{BASE, Fmt, Problem, SPECIFICATION, translator};
use crate::queries::{self, Category};
use crate::submission::KINDS;

/// When this API last changed in a way clients should notice.
pub const CHANGESET: &str = "2026-11-27T00:00:00+07:00";

/// The privacy choices, as attribute values.
pub const PRIVACIES: [&str; 3] = ["public", "anonymous", "confidential"];

pub async fn discovery(
    ctx: PageCtx,
    Fmt(format): Fmt,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Response {
    let t = translator(&ctx, &pairs);
    let url = format!(
        "{}{BASE}",
        ctx.state.config.public_url.trim_end_matches('/')
    );
    let node = Node::Obj(vec![
        ("changeset", Node::text(CHANGESET)),
        (
            "contact",
            Node::text(t.t1("o311-contact", "email", &ctx.state.config.mail_from)),
        ),
        ("key_service", Node::text(t.t("o311-key-service"))),
        (
            "endpoints",
            Node::List(
                "endpoint",
                vec![Node::Obj(vec![
                    ("specification", Node::text(SPECIFICATION)),
                    ("url", Node::text(url)),
                    ("changeset", Node::text(CHANGESET)),
                    ("type", Node::text("production")),
                    (
                        "formats",
                        Node::List(
                            "format",
                            vec![Node::text("text/xml"), Node::text("application/json")],
                        ),
                    ),
                ])],
            ),
        ),
    ]);
    format.respond(StatusCode::OK, "discovery", &node)
}

fn name<'a>(t: &Tr, c: &'a Category) -> &'a str {
    match t.lang {
        platform::i18n::Lang::En if !c.name_en.trim().is_empty() => &c.name_en,
        _ => &c.name_id,
    }
}

fn service(t: &Tr, c: &Category) -> Node {
    let name = name(t, c);
    Node::Obj(vec![
        ("service_code", Node::text(c.id.clone())),
        ("service_name", Node::text(name)),
        (
            "description",
            Node::text(t.t1("o311-service-description", "name", name)),
        ),
        ("metadata", Node::Bool(true)),
        ("type", Node::text("realtime")),
        (
            "keywords",
            Node::text(format!("{}, {}, {}", c.id, c.name_id, c.name_en)),
        ),
        ("group", Node::text(t.t("o311-group"))),
    ])
}

pub async fn list(
    ctx: PageCtx,
    Fmt(format): Fmt,
    Query(pairs): Query<Vec<(String, String)>>,
) -> AppResult<Response> {
    let t = translator(&ctx, &pairs);
    let services = queries::active_categories(&ctx.state.db)
        .await?
        .iter()
        .map(|c| service(&t, c))
        .collect();
    Ok(format.respond(StatusCode::OK, "services", &Node::List("service", services)))
}

fn values(t: &Tr, keys: &[&str], prefix: &str) -> Node {
    Node::List(
        "value",
        keys.iter()
            .map(|k| {
                Node::Obj(vec![
                    ("key", Node::text(*k)),
                    ("name", Node::text(t.t(&format!("{prefix}{k}")))),
                ])
            })
            .collect(),
    )
}

fn attribute(
    t: &Tr,
    code: &'static str,
    datatype: &'static str,
    required: bool,
    order: i64,
    values: Option<Node>,
) -> Node {
    let mut fields = vec![
        ("variable", Node::Bool(true)),
        ("code", Node::text(code)),
        ("datatype", Node::text(datatype)),
        ("required", Node::Bool(required)),
        (
            "datatype_description",
            Node::text(t.t(&format!("o311-attr-{code}-hint"))),
        ),
        ("order", Node::Int(order)),
        ("description", Node::text(t.t(&format!("o311-attr-{code}")))),
    ];
    if let Some(values) = values {
        fields.push(("values", values));
    }
    Node::Obj(fields)
}

/// `services/{code}.{json,xml}`: the attributes a request of this service may carry.
pub async fn definition(
    ctx: PageCtx,
    Path(file): Path<String>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> AppResult<Response> {
    let t = translator(&ctx, &pairs);
    let Some((code, format)) = Format::split(&file) else {
        return Ok(
            Problem::new(StatusCode::NOT_FOUND, &t, "o311-error-format").respond(Format::Json)
        );
    };
    let category = queries::category(&ctx.state.db, code).await?;
    let Some(category) = category.filter(|c| c.active) else {
        return Ok(Problem::new(StatusCode::NOT_FOUND, &t, "o311-error-service").respond(format));
    };
    let node = Node::Obj(vec![
        ("service_code", Node::text(category.id.clone())),
        (
            "attributes",
            Node::List(
                "attribute",
                vec![
                    attribute(
                        &t,
                        "kind",
                        "singlevaluelist",
                        false,
                        1,
                        Some(values(&t, &KINDS, "complaint-kind-")),
                    ),
                    attribute(&t, "title", "string", false, 2, None),
                    attribute(&t, "region", "string", true, 3, None),
                    attribute(
                        &t,
                        "privacy",
                        "singlevaluelist",
                        false,
                        4,
                        Some(values(&t, &PRIVACIES, "complaint-privacy-")),
                    ),
                ],
            ),
        ),
    ]);
    Ok(format.respond(StatusCode::OK, "service_definition", &node))
}
