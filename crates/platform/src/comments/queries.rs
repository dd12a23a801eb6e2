//! All SQL of the comments service (the `comments` table), one function per statement.

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::db::{Db, RowsAffected, Tx};
use crate::on_db;

/// One comment as stored, personal data included (`author_email`): never hand this to a
/// public page or API; [`super::PublicComment`] is the public shape.
#[derive(Clone, Debug, PartialEq, Serialize, sqlx::FromRow)]
pub struct Comment {
    pub id: Uuid,
    pub item_type: String,
    pub item_id: String,
    /// The item's title and public path when the comment was written (for the inbox and
    /// the mails; the item's page is found through its module).
    pub item_title: String,
    pub item_url: String,
    pub organisation_id: String,
    pub author_user_id: Option<Uuid>,
    /// The display name the author chose (public; may be empty).
    pub author_name: String,
    /// For the notifications only; never public.
    pub author_email: String,
    /// `id` or `en`: the language the author wrote in, and their mails' language.
    pub lang: String,
    pub body: String,
    /// `pending`, `published` or `rejected`.
    pub status: String,
    pub reject_reason: String,
    pub moderated_by: Option<Uuid>,
    pub moderated_at: Option<DateTime<Utc>>,
    pub published_at: Option<DateTime<Utc>>,
    pub reply_body: Option<String>,
    pub reply_by: Option<Uuid>,
    pub reply_by_name: Option<String>,
    pub reply_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, item_type, item_id, item_title, item_url, organisation_id, \
     author_user_id, author_name, author_email, lang, body, status, reject_reason, moderated_by, \
     moderated_at, published_at, reply_body, reply_by, reply_by_name, reply_at, created_at, updated_at";

pub async fn insert(tx: &mut Tx, c: &Comment) -> Result<(), sqlx::Error> {
    const SQL: &str = const_format::concatcp!(
        "INSERT INTO comments (",
        COLUMNS,
        ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, \
         $18, $19, $20, $21, $22)"
    );
    on_db!(tx, tx; conn => sqlx::query(SQL)
        .bind(c.id).bind(&c.item_type).bind(&c.item_id).bind(&c.item_title).bind(&c.item_url)
        .bind(&c.organisation_id).bind(c.author_user_id).bind(&c.author_name)
        .bind(&c.author_email).bind(&c.lang).bind(&c.body).bind(&c.status)
        .bind(&c.reject_reason).bind(c.moderated_by).bind(c.moderated_at).bind(c.published_at)
        .bind(&c.reply_body).bind(c.reply_by).bind(&c.reply_by_name).bind(c.reply_at)
        .bind(c.created_at).bind(c.updated_at)
        .execute(&mut **conn).await.affected())?;
    Ok(())
}

/// Write back what moderation changes (status, reason, moderator, publication, reply).
pub async fn update(tx: &mut Tx, c: &Comment) -> Result<u64, sqlx::Error> {
    on_db!(tx, tx; conn => sqlx::query(
        "UPDATE comments SET status = $2, reject_reason = $3, moderated_by = $4, \
         moderated_at = $5, published_at = $6, reply_body = $7, reply_by = $8, \
         reply_by_name = $9, reply_at = $10, updated_at = $11 WHERE id = $1")
        .bind(c.id).bind(&c.status).bind(&c.reject_reason).bind(c.moderated_by)
        .bind(c.moderated_at).bind(c.published_at).bind(&c.reply_body).bind(c.reply_by)
        .bind(&c.reply_by_name).bind(c.reply_at).bind(c.updated_at)
        .execute(&mut **conn).await.affected())
}

/// One comment inside a transaction (read before a change, for the audit entry).
pub async fn by_id_tx(tx: &mut Tx, id: Uuid) -> Result<Option<Comment>, sqlx::Error> {
    const SQL: &str = const_format::concatcp!("SELECT ", COLUMNS, " FROM comments WHERE id = $1");
    on_db!(tx, tx; conn => sqlx::query_as(SQL).bind(id).fetch_optional(&mut **conn).await)
}

/// The published comments on one item, oldest first (a discussion reads top to bottom).
pub async fn published_on(
    db: &Db,
    item_type: &str,
    item_id: &str,
    limit: i64,
) -> Result<Vec<Comment>, sqlx::Error> {
    const SQL: &str = const_format::concatcp!(
        "SELECT ",
        COLUMNS,
        " FROM comments WHERE item_type = $1 AND item_id = $2 AND status = 'published' \
         ORDER BY published_at, id LIMIT $3"
    );
    on_db!(db, pool => sqlx::query_as(SQL).bind(item_type).bind(item_id).bind(limit)
        .fetch_all(pool).await)
}

/// Which part of an inbox to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    /// Waiting for moderation, oldest first (first come, first served).
    Pending,
    /// Published and not answered yet, oldest first.
    Unanswered,
    /// Everything, newest first.
    All,
}

impl Tab {
    pub const ALL: [Tab; 3] = [Tab::Pending, Tab::Unanswered, Tab::All];

    pub fn as_str(self) -> &'static str {
        match self {
            Tab::Pending => "pending",
            Tab::Unanswered => "unanswered",
            Tab::All => "all",
        }
    }

    pub fn parse(s: &str) -> Tab {
        Tab::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .unwrap_or(Tab::Pending)
    }
}

/// `WHERE` of an inbox: one organisation's comments, or every one's when `$1` is empty.
const INBOX_SCOPE: &str = "FROM comments WHERE ($1 = '' OR organisation_id = $1) AND ";

/// One page of an organisation's inbox (`organisation` empty: every organisation's).
pub async fn inbox(
    db: &Db,
    organisation: &str,
    tab: Tab,
    limit: i64,
    offset: i64,
) -> Result<Vec<Comment>, sqlx::Error> {
    const PENDING: &str = const_format::concatcp!(
        "SELECT ",
        COLUMNS,
        " ",
        INBOX_SCOPE,
        "status = 'pending' ORDER BY created_at, id LIMIT $2 OFFSET $3"
    );
    const UNANSWERED: &str = const_format::concatcp!(
        "SELECT ",
        COLUMNS,
        " ",
        INBOX_SCOPE,
        "status = 'published' AND reply_body IS NULL ORDER BY published_at, id LIMIT $2 OFFSET $3"
    );
    const ALL: &str = const_format::concatcp!(
        "SELECT ",
        COLUMNS,
        " ",
        INBOX_SCOPE,
        "1 = 1 ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3"
    );
    let sql = match tab {
        Tab::Pending => PENDING,
        Tab::Unanswered => UNANSWERED,
        Tab::All => ALL,
    };
    on_db!(db, pool => sqlx::query_as(sql).bind(organisation).bind(limit).bind(offset)
        .fetch_all(pool).await)
}

/// How many comments an inbox tab holds.
pub async fn count_inbox(db: &Db, organisation: &str, tab: Tab) -> Result<i64, sqlx::Error> {
    const PENDING: &str =
        const_format::concatcp!("SELECT COUNT(*) ", INBOX_SCOPE, "status = 'pending'");
    const UNANSWERED: &str = const_format::concatcp!(
        "SELECT COUNT(*) ",
        INBOX_SCOPE,
        "status = 'published' AND reply_body IS NULL"
    );
    const ALL: &str = const_format::concatcp!("SELECT COUNT(*) ", INBOX_SCOPE, "1 = 1");
    let sql = match tab {
        Tab::Pending => PENDING,
        Tab::Unanswered => UNANSWERED,
        Tab::All => ALL,
    };
    on_db!(db, pool => sqlx::query_scalar(sql).bind(organisation).fetch_one(pool).await)
}

/// (id, name) of every organisation, by name (the inbox's organisation choice).
pub async fn organisation_names(db: &Db) -> Result<Vec<(String, String)>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as("SELECT id, name FROM organisations ORDER BY name")
        .fetch_all(pool).await)
}

/// An organisation's name (for the official reply's signature).
pub async fn organisation_name(db: &Db, id: &str) -> Result<Option<String>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar("SELECT name FROM organisations WHERE id = $1")
        .bind(id).fetch_optional(pool).await)
}

/// An organisation's name inside a transaction (the signature of a mail queued in it).
pub async fn organisation_name_tx(tx: &mut Tx, id: &str) -> Result<Option<String>, sqlx::Error> {
    on_db!(tx, tx; conn => sqlx::query_scalar("SELECT name FROM organisations WHERE id = $1")
        .bind(id).fetch_optional(&mut **conn).await)
}
