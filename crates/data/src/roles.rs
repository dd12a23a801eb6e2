//! Who may do what in the data portal (Satu Data Indonesia, Perpres 39/2019):
//!
//! - a *producer* (*produsen data*) of an organisation is one of its officers or supervisors;
//!   they draft, edit and submit the organisation's datasets and hold its API tokens;
//! - the *walidata* is the verifier role of the organisation named by the setting
//!   `data.walidata_organisation` (default `diskominfo`, the kabupaten's Dinas Kominfo); they
//!   verify or return every organisation's submissions;
//! - platform administrators may do both.
//!
//! Every page and API of the portal asks here; nothing else decides these roles.

use platform::AppState;
use platform::authz::{Actor, Role};
use platform::db::Db;

/// The setting naming the walidata's organisation id.
pub const WALIDATA_SETTING: &str = "data.walidata_organisation";
/// The walidata's organisation without the setting.
pub const WALIDATA_DEFAULT: &str = "diskominfo";

/// Whether `actor` may produce data for `organisation_id` (draft, edit, submit, tokens).
pub fn is_producer(actor: &Actor, organisation_id: &str) -> bool {
    actor.is_admin()
        || actor.has_role_in(Role::Officer, organisation_id)
        || actor.has_role_in(Role::Supervisor, organisation_id)
}

/// The organisations for which `actor` produces data (sorted, without duplicates). Admins
/// hold no organisation here: pages show them every organisation instead.
pub fn producer_organisations(actor: &Actor) -> Vec<String> {
    actor
        .organisation_ids()
        .into_iter()
        .filter(|org| {
            actor.has_role_in(Role::Officer, org) || actor.has_role_in(Role::Supervisor, org)
        })
        .map(str::to_string)
        .collect()
}

/// Whether `actor` produces data for any organisation (or is an admin).
pub fn is_any_producer(actor: &Actor) -> bool {
    actor.is_admin() || !producer_organisations(actor).is_empty()
}

/// The walidata's organisation id (the setting, else `diskominfo`).
pub async fn walidata_organisation(db: &Db) -> Result<String, sqlx::Error> {
    Ok(platform::settings::get(db, WALIDATA_SETTING)
        .await?
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| WALIDATA_DEFAULT.to_string()))
}

/// Whether `actor` is the walidata (a verifier of the walidata's organisation) or an admin.
pub async fn is_walidata(state: &AppState, actor: &Actor) -> Result<bool, sqlx::Error> {
    if actor.is_admin() {
        return Ok(true);
    }
    if !actor.has_role(Role::Verifier) {
        return Ok(false);
    }
    let org = walidata_organisation(&state.db).await?;
    Ok(actor.has_role_in(Role::Verifier, &org))
}

#[cfg(test)]
mod tests {
    use super::*;
    use platform::authz::{Membership, User};
    use uuid::Uuid;

    fn actor(roles: &[(Role, &str)]) -> Actor {
        Actor {
            user: Some(User {
                id: Uuid::nil(),
                name: "x".into(),
                email: "x@contoh.id".into(),
                memberships: roles
                    .iter()
                    .map(|(role, org)| Membership {
                        organisation_id: (*org).into(),
                        role: *role,
                    })
                    .collect(),
            }),
            session_hash: None,
        }
    }

    #[test]
    fn officers_and_supervisors_produce_for_their_own_organisation_only() {
        let officer = actor(&[(Role::Officer, "dinkes")]);
        assert!(is_producer(&officer, "dinkes"));
        assert!(!is_producer(&officer, "bappeda"));
        let supervisor = actor(&[(Role::Supervisor, "bappeda")]);
        assert!(is_producer(&supervisor, "bappeda"));
        let verifier = actor(&[(Role::Verifier, "dinkes")]);
        assert!(!is_producer(&verifier, "dinkes"));
        assert!(producer_organisations(&verifier).is_empty());
        assert!(!is_producer(&Actor::public(), "dinkes"));
        let admin = actor(&[(Role::Admin, "diskominfo")]);
        assert!(is_producer(&admin, "dinkes"));
        let both = actor(&[
            (Role::Officer, "dinkes"),
            (Role::Supervisor, "dinkes"),
            (Role::Officer, "bappeda"),
        ]);
        assert_eq!(producer_organisations(&both), vec!["bappeda", "dinkes"]);
    }
}
