//! News: public list (`/berita`), item page (`/berita/{slug}`), Atom feed (`/berita.atom`)
//! and, in [`admin`], the administrators' editor. Items are bilingual; a visitor reads their
//! language and falls back to Indonesian where the English text is empty. Bodies are plain
//! text: blank lines separate paragraphs, and everything is escaped when shown.

pub mod admin;

use askama::Template;
use axum::extract::{Path, Query};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, SecondsFormat, Utc};
use platform::AppResult;
use platform::authz::Actor;
use platform::db::{Db, Tx};
use platform::error::OptionExt;
use platform::i18n::{Arg, Lang, Tr};
use platform::web::PageCtx;
use serde::{Deserialize, Serialize};

use crate::queries::{self, News};

pub const PER_PAGE: i64 = 10;

/// A news item as shown to one visitor: their language, Indonesian where English is empty.
pub struct NewsView {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub paragraphs: Vec<Vec<String>>,
    pub published: String,
    pub published_iso: String,
}

fn pick(lang: Lang, id: &str, en: &str) -> String {
    match lang {
        Lang::En if !en.trim().is_empty() => en.to_string(),
        _ => id.to_string(),
    }
}

/// Plain text → paragraphs (split on blank lines) of lines.
pub fn paragraphs(body: &str) -> Vec<Vec<String>> {
    let normalised = body.replace("\r\n", "\n").replace('\r', "\n");
    normalised
        .split("\n\n")
        .map(|p| {
            p.lines()
                .map(str::trim_end)
                .filter(|l| !l.trim().is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

impl NewsView {
    pub fn new(t: &Tr, n: &News) -> NewsView {
        let published = n.published_at.unwrap_or(n.updated_at);
        NewsView {
            slug: n.slug.clone(),
            title: pick(t.lang, &n.title_id, &n.title_en),
            summary: pick(t.lang, &n.summary_id, &n.summary_en),
            paragraphs: paragraphs(&pick(t.lang, &n.body_id, &n.body_en)),
            published: t.date(
                &published
                    .with_timezone(&platform::clock::wib())
                    .date_naive(),
            ),
            published_iso: published.to_rfc3339_opts(SecondsFormat::Secs, true),
        }
    }
}

/// The latest published items in the visitor's language (for the home page).
pub async fn latest(db: &Db, t: &Tr, n: i64) -> AppResult<Vec<NewsView>> {
    Ok(queries::published(db, n, 0)
        .await?
        .iter()
        .map(|item| NewsView::new(t, item))
        .collect())
}

#[derive(Deserialize)]
pub struct PageQuery {
    halaman: Option<String>,
}

/// `?halaman=N`, 1-based; anything unreadable is page 1.
fn page_number(q: &PageQuery) -> i64 {
    q.halaman
        .as_deref()
        .and_then(|h| h.parse::<i64>().ok())
        .filter(|n| (1..=100_000).contains(n))
        .unwrap_or(1)
}

#[derive(Template)]
#[template(path = "news_list.html")]
struct ListPage<'a> {
    t: &'a Tr,
    items: Vec<NewsView>,
    page: i64,
    pages: i64,
    position: String,
}

pub async fn list(ctx: PageCtx, Query(q): Query<PageQuery>) -> AppResult<Response> {
    let page = page_number(&q);
    let total = queries::count_published(&ctx.state.db).await?;
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    if page > pages {
        return Err(platform::AppError::NotFound);
    }
    let items = queries::published(&ctx.state.db, PER_PAGE, (page - 1) * PER_PAGE)
        .await?
        .iter()
        .map(|n| NewsView::new(&ctx.t, n))
        .collect();
    let position = ctx.t.ta(
        "pager-position",
        &[
            ("page", Arg::Num(page as f64)),
            ("pages", Arg::Num(pages as f64)),
        ],
    );
    ctx.page(
        &ctx.t.t("news-title"),
        &ListPage {
            t: &ctx.t,
            items,
            page,
            pages,
            position,
        },
    )
}

#[derive(Template)]
#[template(path = "news_item.html")]
struct ItemPage<'a> {
    t: &'a Tr,
    item: NewsView,
    /// The public comments and the comment form (`platform::comments`).
    comments: platform::comments::CommentsSection,
}

pub async fn item(ctx: PageCtx, Path(slug): Path<String>) -> AppResult<Response> {
    if !valid_slug(&slug) {
        return Err(platform::AppError::NotFound);
    }
    let news = queries::published_by_slug(&ctx.state.db, &slug)
        .await?
        .or_not_found()?;
    let item = NewsView::new(&ctx.t, &news);
    let comments = platform::comments::section(&ctx, COMMENT_ITEM.item_type, &news.slug).await?;
    ctx.page(
        &item.title.clone(),
        &ItemPage {
            t: &ctx.t,
            item,
            comments,
        },
    )
}

/// Published news items take public comments, moderated and answered by the publisher
/// ([`PUBLISHER`]: the table has no organisation column, Diskominfo runs the portal).
/// The item id is the slug.
pub const COMMENT_ITEM: platform::comments::CommentItemType = platform::comments::CommentItemType {
    item_type: "news",
    resolve: resolve_for_comments,
};

fn resolve_for_comments<'a>(
    state: &'a platform::AppState,
    slug: &'a str,
    lang: Lang,
) -> platform::comments::Resolving<'a> {
    Box::pin(async move {
        if !valid_slug(slug) {
            return Ok(None);
        }
        Ok(queries::published_by_slug(&state.db, slug).await?.map(|n| {
            platform::comments::CommentTarget {
                title: pick(lang, &n.title_id, &n.title_en),
                url: format!("/berita/{}", n.slug),
                organisation_id: PUBLISHER.to_string(),
            }
        }))
    })
}

/// `[a-z0-9-]{3,80}`.
pub fn valid_slug(slug: &str) -> bool {
    (3..=80).contains(&slug.len())
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// The Atom feed of the 20 latest items, in the visitor's language.
pub async fn atom(ctx: PageCtx) -> AppResult<Response> {
    let base = ctx
        .state
        .config
        .public_url
        .trim_end_matches('/')
        .to_string();
    let items = queries::published(&ctx.state.db, 20, 0).await?;
    let updated = items
        .iter()
        .filter_map(|n| n.published_at)
        .max()
        .unwrap_or_else(|| ctx.state.clock.now());
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n",
    );
    xml.push_str(&format!(
        "<title>{}</title>\n<id>{base}/berita.atom</id>\n<link rel=\"self\" href=\"{base}/berita.atom\"/>\n<link href=\"{base}/berita\"/>\n<updated>{}</updated>\n<author><name>{}</name></author>\n",
        xml_escape(&format!("{} · {}", ctx.t.t("news-title"), ctx.t.t("site-name"))),
        updated.to_rfc3339_opts(SecondsFormat::Secs, true),
        xml_escape(&ctx.t.t("about-operator-name")),
    ));
    for n in &items {
        let view = NewsView::new(&ctx.t, n);
        let body = view
            .paragraphs
            .iter()
            .map(|p| p.join("\n"))
            .collect::<Vec<_>>()
            .join("\n\n");
        xml.push_str(&format!(
            "<entry>\n<title>{}</title>\n<id>urn:uuid:{}</id>\n<link href=\"{base}/berita/{}\"/>\n<updated>{}</updated>\n<summary>{}</summary>\n<content type=\"text\">{}</content>\n</entry>\n",
            xml_escape(&view.title),
            n.id,
            view.slug,
            view.published_iso,
            xml_escape(&view.summary),
            xml_escape(&body),
        ));
    }
    xml.push_str("</feed>\n");
    Ok((
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        xml,
    )
        .into_response())
}

/// The canonical JSON of a published item: fields in alphabetical order, compact, times in
/// RFC 3339 UTC seconds. Its SHA-256 goes into the publication log.
pub fn canonical_json(n: &News) -> String {
    #[derive(Serialize)]
    struct Canonical<'a> {
        body_en: &'a str,
        body_id: &'a str,
        id: String,
        published_at: Option<String>,
        slug: &'a str,
        summary_en: &'a str,
        summary_id: &'a str,
        title_en: &'a str,
        title_id: &'a str,
    }
    let c = Canonical {
        body_en: &n.body_en,
        body_id: &n.body_id,
        id: n.id.to_string(),
        published_at: n
            .published_at
            .map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true)),
        slug: &n.slug,
        summary_en: &n.summary_en,
        summary_id: &n.summary_id,
        title_en: &n.title_en,
        title_id: &n.title_id,
    };
    serde_json::to_string(&c).unwrap_or_default()
}

/// The organisation that publishes news: Diskominfo runs the portal.
pub const PUBLISHER: &str = "diskominfo";

/// Append the published state of `n` to the publication log (inside the caller's
/// transaction, beside its audit entry).
pub async fn log_publication(tx: &mut Tx, at: DateTime<Utc>, n: &News) -> Result<(), sqlx::Error> {
    let content = canonical_json(n);
    let url = format!("/berita/{}", n.slug);
    platform::audit::publication::append(
        tx,
        at,
        platform::audit::publication::Publication {
            module: "pages",
            record_type: "news",
            record_id: &n.id.to_string(),
            title: &n.title_id,
            url: &url,
            organisation_id: Some(PUBLISHER),
            content: content.as_bytes(),
        },
    )
    .await?;
    Ok(())
}

/// One demo item for the demo loader.
pub struct DemoNews {
    pub slug: &'static str,
    pub title_id: &'static str,
    pub title_en: &'static str,
    pub summary_id: &'static str,
    pub summary_en: &'static str,
    pub body_id: &'static str,
    pub body_en: &'static str,
    /// Days before `now` it was published.
    pub days_ago: i64,
}

/// Insert and publish demo items through the same path as the editor (audit entry and
/// publication log), as the system.
pub async fn load_demo(
    state_db: &Db,
    now: DateTime<Utc>,
    items: &[DemoNews],
) -> anyhow::Result<()> {
    let actor = Actor::public();
    let mut tx = state_db.begin().await?;
    for d in items {
        let at = now - chrono::Duration::days(d.days_ago);
        let n = News {
            id: uuid::Uuid::now_v7(),
            slug: d.slug.into(),
            title_id: d.title_id.into(),
            title_en: d.title_en.into(),
            summary_id: d.summary_id.into(),
            summary_en: d.summary_en.into(),
            body_id: d.body_id.into(),
            body_en: d.body_en.into(),
            published_at: Some(DateTime::from_timestamp(at.timestamp(), 0).unwrap_or(at)),
            created_by: None,
            created_at: at,
            updated_at: at,
        };
        queries::insert(&mut tx, &n).await?;
        platform::audit::record(
            &mut tx,
            &actor,
            at,
            platform::audit::Change {
                action: "news.publish",
                entity_type: "news",
                entity_id: &n.id.to_string(),
                organisation_id: Some(PUBLISHER),
                before: None,
                after: serde_json::to_value(&n).ok(),
            },
        )
        .await?;
        log_publication(&mut tx, at, &n).await?;
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(valid_slug("papan-informasi-desa-2026"));
        assert!(!valid_slug("ab"));
        assert!(!valid_slug("Huruf-Besar"));
        assert!(!valid_slug("spasi di sini"));
        assert!(!valid_slug(&"a".repeat(81)));
    }

    #[test]
    fn bodies_split_into_paragraphs_of_lines() {
        assert_eq!(
            paragraphs("Satu\r\ndua\r\n\r\n\r\nTiga\n\n  \n"),
            vec![
                vec!["Satu".to_string(), "dua".to_string()],
                vec!["Tiga".to_string()]
            ]
        );
    }
}
