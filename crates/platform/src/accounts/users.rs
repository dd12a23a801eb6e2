//! Users and their roles: creation (used by registration, the admin pages, the CLI and the
//! demo loader), credentials, password changes and role grants. All SQL on `users` and
//! `memberships` lives here.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::authz::Role;
use crate::db::{Db, RowsAffected, Tx, is_unique_violation};
use crate::error::{AppError, FieldError};
use crate::on_db;

use super::{password, validate};

/// What it takes to create a user. Optional fields may be `None` or empty.
#[derive(Clone, Debug, Default)]
pub struct NewUser {
    pub email: String,
    pub name: String,
    pub password: String,
    pub nik: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum CreateUserError {
    #[error("invalid user data: {0:?}")]
    Invalid(Vec<FieldError>),
    #[error("this e-mail address already has an account")]
    EmailTaken,
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    #[error("password hashing failed: {0}")]
    Hash(String),
}

impl CreateUserError {
    /// The field errors to show on a form (a taken address is an error on the e-mail field).
    pub fn field_errors(&self) -> Option<Vec<FieldError>> {
        match self {
            CreateUserError::Invalid(errors) => Some(errors.clone()),
            CreateUserError::EmailTaken => {
                Some(vec![FieldError::new("email", "acc-err-email-taken")])
            }
            _ => None,
        }
    }
}

impl From<CreateUserError> for AppError {
    fn from(err: CreateUserError) -> AppError {
        match err {
            CreateUserError::Invalid(errors) => AppError::Validation(errors),
            CreateUserError::EmailTaken => {
                AppError::Validation(vec![FieldError::new("email", "acc-err-email-taken")])
            }
            CreateUserError::Db(e) => e.into(),
            CreateUserError::Hash(e) => {
                AppError::Internal(anyhow::anyhow!("password hashing: {e}"))
            }
        }
    }
}

/// A [`NewUser`] that passed validation, with the e-mail lower-cased.
#[derive(Clone, Debug)]
pub struct ValidUser {
    pub email: String,
    pub name: String,
    pub nik: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
}

/// Check every field, collecting all problems at once.
pub fn validate(new: &NewUser) -> Result<ValidUser, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut check = |field: &str, result: Result<(), &'static str>| {
        if let Err(key) = result {
            errors.push(FieldError::new(field, key));
        }
    };
    let email = validate::email(&new.email);
    check("email", email.as_ref().map(|_| ()).map_err(|k| *k));
    let name = validate::name(&new.name);
    check("name", name.as_ref().map(|_| ()).map_err(|k| *k));
    check("password", validate::password(&new.password));
    let nik = validate::nik(new.nik.as_deref().unwrap_or(""));
    check("nik", nik.as_ref().map(|_| ()).map_err(|k| *k));
    let phone = validate::phone(new.phone.as_deref().unwrap_or(""));
    check("phone", phone.as_ref().map(|_| ()).map_err(|k| *k));
    let address = validate::address(new.address.as_deref().unwrap_or(""));
    check("address", address.as_ref().map(|_| ()).map_err(|k| *k));
    match (email, name, nik, phone, address) {
        (Ok(email), Ok(name), Ok(nik), Ok(phone), Ok(address)) if errors.is_empty() => {
            Ok(ValidUser {
                email,
                name,
                nik,
                phone,
                address,
            })
        }
        _ => Err(errors),
    }
}

/// Create a user (active, no roles) inside `tx`; returns the new id.
pub async fn create(
    tx: &mut Tx,
    new: NewUser,
    now: DateTime<Utc>,
) -> Result<Uuid, CreateUserError> {
    let valid = validate(&new).map_err(CreateUserError::Invalid)?;
    if email_exists_tx(tx, &valid.email).await? {
        return Err(CreateUserError::EmailTaken);
    }
    let hash = password::hash_async(new.password)
        .await
        .map_err(CreateUserError::Hash)?;
    insert(tx, &valid, &hash, now).await
}

/// As [`create`], with the password's argon2id hash computed beforehand (`new.password` is
/// still validated). The demo loader uses it so that loading the demo people costs no
/// hashing; `password_hash` must be the hash of `new.password`.
pub async fn create_prehashed(
    tx: &mut Tx,
    new: NewUser,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<Uuid, CreateUserError> {
    let valid = validate(&new).map_err(CreateUserError::Invalid)?;
    if !password_hash.starts_with("$argon2id$") {
        return Err(CreateUserError::Hash("not an argon2id hash".into()));
    }
    insert(tx, &valid, password_hash, now).await
}

async fn insert(
    tx: &mut Tx,
    valid: &ValidUser,
    hash: &str,
    now: DateTime<Utc>,
) -> Result<Uuid, CreateUserError> {
    let id = Uuid::now_v7();
    let inserted = on_db!(tx, tx; conn => sqlx::query(
        "INSERT INTO users (id, email, name, password_hash, nik, phone, address, active, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, TRUE, $8, $8)")
        .bind(id).bind(&valid.email).bind(&valid.name).bind(hash)
        .bind(&valid.nik).bind(&valid.phone).bind(&valid.address).bind(now)
        .execute(&mut **conn).await.affected());
    match inserted {
        Ok(_) => Ok(id),
        Err(e) if is_unique_violation(&e) => Err(CreateUserError::EmailTaken),
        Err(e) => Err(e.into()),
    }
}

async fn email_exists_tx(tx: &mut Tx, email: &str) -> Result<bool, sqlx::Error> {
    let n: i64 = on_db!(tx, tx; conn => sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email = $1")
        .bind(email).fetch_one(&mut **conn).await)?;
    Ok(n > 0)
}

/// Give `user_id` the `role` in `organisation_id`; false when it was already held.
pub async fn grant(
    tx: &mut Tx,
    user_id: Uuid,
    organisation_id: &str,
    role: Role,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let n = on_db!(tx, tx; conn => sqlx::query(
        "INSERT INTO memberships (user_id, organisation_id, role, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (user_id, organisation_id, role) DO NOTHING")
        .bind(user_id).bind(organisation_id).bind(role.as_str()).bind(now)
        .execute(&mut **conn).await.affected())?;
    Ok(n > 0)
}

/// Take `role` in `organisation_id` away from `user_id`; false when it was not held.
pub async fn revoke(
    tx: &mut Tx,
    user_id: Uuid,
    organisation_id: &str,
    role: Role,
) -> Result<bool, sqlx::Error> {
    let n = on_db!(tx, tx; conn => sqlx::query(
        "DELETE FROM memberships WHERE user_id = $1 AND organisation_id = $2 AND role = $3")
        .bind(user_id).bind(organisation_id).bind(role.as_str())
        .execute(&mut **conn).await.affected())?;
    Ok(n > 0)
}

/// A user as the admin pages and the account page see it (never the password hash).
#[derive(Clone, Debug, serde::Serialize, sqlx::FromRow)]
pub struct UserRecord {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl UserRecord {
    /// What the audit log keeps of a user: no password hash, no NIK, phone or address.
    pub fn audit_json(&self) -> serde_json::Value {
        serde_json::json!({ "id": self.id, "email": self.email, "name": self.name, "active": self.active })
    }
}

const USER_COLUMNS: &str = "id, email, name, active, created_at, updated_at";

pub async fn get(db: &Db, id: Uuid) -> Result<Option<UserRecord>, sqlx::Error> {
    const SQL: &str = const_format::concatcp!("SELECT ", USER_COLUMNS, " FROM users WHERE id = $1");
    on_db!(db, pool => sqlx::query_as(SQL).bind(id).fetch_optional(pool).await)
}

pub async fn get_tx(tx: &mut Tx, id: Uuid) -> Result<Option<UserRecord>, sqlx::Error> {
    const SQL: &str = const_format::concatcp!("SELECT ", USER_COLUMNS, " FROM users WHERE id = $1");
    on_db!(tx, tx; conn => sqlx::query_as(SQL).bind(id).fetch_optional(&mut **conn).await)
}

pub async fn find_by_email(db: &Db, email: &str) -> Result<Option<UserRecord>, sqlx::Error> {
    const SQL: &str =
        const_format::concatcp!("SELECT ", USER_COLUMNS, " FROM users WHERE email = $1");
    on_db!(db, pool => sqlx::query_as(SQL).bind(email.trim().to_lowercase()).fetch_optional(pool).await)
}

/// The active user with this e-mail and password, or `None` (unknown address, wrong password
/// or disabled account take the same time and give the same answer).
pub async fn check_credentials(
    db: &Db,
    email: &str,
    password: &str,
) -> Result<Option<UserRecord>, sqlx::Error> {
    let email = email.trim().to_lowercase();
    let row: Option<(Uuid, String, bool)> = on_db!(db, pool => sqlx::query_as(
        "SELECT id, password_hash, active FROM users WHERE email = $1")
        .bind(&email).fetch_optional(pool).await)?;
    let (id, hash, active) = match row {
        Some((id, hash, active)) => (Some(id), Some(hash), active),
        None => (None, None, false),
    };
    let ok = password::verify_async(password.to_string(), hash).await;
    match id {
        Some(id) if ok && active => get(db, id).await,
        _ => Ok(None),
    }
}

/// Whether `password` is the user's current password.
pub async fn password_matches(db: &Db, user_id: Uuid, password: &str) -> Result<bool, sqlx::Error> {
    let hash: Option<String> = on_db!(db, pool => sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
        .bind(user_id).fetch_optional(pool).await)?;
    Ok(hash.is_some() && password::verify_async(password.to_string(), hash).await)
}

/// Store a new (already validated) password's hash.
pub async fn set_password_hash(
    tx: &mut Tx,
    user_id: Uuid,
    hash: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    on_db!(tx, tx; conn => sqlx::query("UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1")
        .bind(user_id).bind(hash).bind(now).execute(&mut **conn).await.affected())?;
    Ok(())
}

/// Change name and active flag.
pub async fn update(
    tx: &mut Tx,
    user_id: Uuid,
    name: &str,
    active: bool,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    on_db!(tx, tx; conn => sqlx::query("UPDATE users SET name = $2, active = $3, updated_at = $4 WHERE id = $1")
        .bind(user_id).bind(name).bind(active).bind(now).execute(&mut **conn).await.affected())?;
    Ok(())
}

/// End every session of a user, or every one but `keep` (the token hash of the current one).
pub async fn end_sessions(
    tx: &mut Tx,
    user_id: Uuid,
    keep: Option<&str>,
) -> Result<u64, sqlx::Error> {
    on_db!(tx, tx; conn => sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
        .bind(user_id).bind(keep.unwrap_or("")).execute(&mut **conn).await.affected())
}

/// One role held, with the organisation's name for display.
#[derive(Clone, Debug, serde::Serialize, sqlx::FromRow)]
pub struct RoleHeld {
    pub organisation_id: String,
    pub organisation_name: String,
    pub role: String,
}

pub async fn roles_of(db: &Db, user_id: Uuid) -> Result<Vec<RoleHeld>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT m.organisation_id, o.name AS organisation_name, m.role FROM memberships m \
         JOIN organisations o ON o.id = m.organisation_id WHERE m.user_id = $1 ORDER BY o.name, m.role")
        .bind(user_id).fetch_all(pool).await)
}

/// One row of the admin's user list.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct UserListRow {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub roles: i64,
}

/// Users whose name or e-mail contains `search` (all when empty), newest first; and the
/// total count for the pager.
pub async fn list(
    db: &Db,
    search: &str,
    limit: i64,
    offset: i64,
) -> Result<(Vec<UserListRow>, i64), sqlx::Error> {
    let pattern = format!("%{}%", escape_like(search.trim()));
    let rows: Vec<UserListRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT u.id, u.email, u.name, u.active, u.created_at, \
                (SELECT COUNT(*) FROM memberships m WHERE m.user_id = u.id) AS roles \
         FROM users u WHERE LOWER(u.email) LIKE LOWER($1) ESCAPE '\\' OR LOWER(u.name) LIKE LOWER($1) ESCAPE '\\' \
         ORDER BY u.created_at DESC, u.email LIMIT $2 OFFSET $3")
        .bind(&pattern).bind(limit).bind(offset).fetch_all(pool).await)?;
    let total: i64 = on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM users u WHERE LOWER(u.email) LIKE LOWER($1) ESCAPE '\\' OR LOWER(u.name) LIKE LOWER($1) ESCAPE '\\'")
        .bind(&pattern).fetch_one(pool).await)?;
    Ok((rows, total))
}

/// Escape `%`, `_` and `\` so a search term matches literally inside LIKE.
pub fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_collects_every_problem() {
        let errors = validate(&NewUser {
            email: "nope".into(),
            name: "X".into(),
            password: "short".into(),
            nik: Some("123".into()),
            phone: Some("555".into()),
            address: None,
        })
        .unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["email", "name", "password", "nik", "phone"]);
    }

    #[test]
    fn valid_users_are_normalised() {
        let valid = validate(&NewUser {
            email: " Rina@Example.ID".into(),
            name: "Rina  Wulandari".into(),
            password: "panjang-sekali".into(),
            nik: Some(String::new()),
            phone: None,
            address: Some("  ".into()),
        })
        .unwrap();
        assert_eq!(valid.email, "rina@example.id");
        assert_eq!(valid.name, "Rina Wulandari");
        assert_eq!((valid.nik, valid.phone, valid.address), (None, None, None));
    }

    #[test]
    fn like_patterns_are_escaped() {
        assert_eq!(escape_like("50%_a\\b"), "50\\%\\_a\\\\b");
    }
}
