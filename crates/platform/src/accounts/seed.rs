//! Loading people from a CSV list (the demo people in `data/demo/people.csv`), and noticing
//! at start-up that such accounts still exist.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::authz::Role;
use crate::db::Db;
use crate::on_db;

use super::users::{self, NewUser};

/// One row of a people list: `email,name,nik,phone,address,role,organisation_id`.
#[derive(Clone, Debug, Deserialize)]
pub struct PersonRow {
    pub email: String,
    pub name: String,
    pub nik: String,
    pub phone: String,
    pub address: String,
    pub role: String,
    pub organisation_id: String,
}

pub fn parse_people(csv_text: &str) -> anyhow::Result<Vec<PersonRow>> {
    Ok(csv::Reader::from_reader(csv_text.as_bytes())
        .deserialize()
        .collect::<Result<_, _>>()?)
}

/// Create every person of `csv_text` with `password` (whose argon2id hash is
/// `password_hash`, computed beforehand so loading costs no hashing) and their role, in one
/// transaction. Returns how many were created.
pub async fn load_people(
    db: &Db,
    csv_text: &str,
    password: &str,
    password_hash: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    let people = parse_people(csv_text)?;
    let mut tx = db.begin().await?;
    for person in &people {
        let new = NewUser {
            email: person.email.clone(),
            name: person.name.clone(),
            password: password.to_string(),
            nik: Some(person.nik.clone()),
            phone: Some(person.phone.clone()),
            address: Some(person.address.clone()),
        };
        let id = users::create_prehashed(&mut tx, new, password_hash, now)
            .await
            .map_err(|e| anyhow::anyhow!("demo person {}: {e}", person.email))?;
        if !person.role.is_empty() {
            let role = Role::parse(&person.role).ok_or_else(|| {
                anyhow::anyhow!("demo person {}: unknown role {}", person.email, person.role)
            })?;
            users::grant(&mut tx, id, &person.organisation_id, role, now).await?;
        }
    }
    tx.commit().await?;
    Ok(people.len())
}

/// How many of the people in `csv_text` have an active account.
pub async fn active_accounts_among(db: &Db, csv_text: &str) -> anyhow::Result<usize> {
    let mut n = 0;
    for person in parse_people(csv_text)? {
        let active: Option<bool> = on_db!(db, pool => sqlx::query_scalar("SELECT active FROM users WHERE email = $1")
            .bind(person.email.to_lowercase()).fetch_optional(pool).await)?;
        n += usize::from(active == Some(true));
    }
    Ok(n)
}
