//! Authorisation: the one place that decides "may X do Y".
//!
//! Roles are held per organisation (DESIGN.md §1). Every route declares an [`Access`] when it
//! is registered (see [`crate::web::Routes`]); the route layer enforces it before the
//! handler runs, and handlers that act on one organisation's things ask [`may`] with that
//! organisation. The matrix test in `crates/terbuka/tests/it/authz_matrix.rs` walks every
//! registered route × every role × own/other organisation.

use serde::Serialize;
use uuid::Uuid;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Officer,
    Verifier,
    Supervisor,
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Officer, Role::Verifier, Role::Supervisor, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Officer => "officer",
            Role::Verifier => "verifier",
            Role::Supervisor => "supervisor",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// One role held in one organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Membership {
    pub organisation_id: String,
    pub role: Role,
}

/// The signed-in person, as loaded from the session for this request.
#[derive(Clone, Debug, Serialize)]
pub struct User {
    pub id: Uuid,
    pub name: String,
    pub email: String,
    pub memberships: Vec<Membership>,
}

/// Who is asking: nobody (the public) or a signed-in user.
#[derive(Clone, Debug, Default)]
pub struct Actor {
    pub user: Option<User>,
    /// The SHA-256 of the session token, so that logout can end exactly this session.
    pub session_hash: Option<String>,
}

impl Actor {
    pub fn public() -> Actor {
        Actor::default()
    }

    pub fn is_signed_in(&self) -> bool {
        self.user.is_some()
    }

    pub fn user_id(&self) -> Option<Uuid> {
        self.user.as_ref().map(|u| u.id)
    }

    fn memberships(&self) -> &[Membership] {
        self.user
            .as_ref()
            .map(|u| u.memberships.as_slice())
            .unwrap_or(&[])
    }

    pub fn is_admin(&self) -> bool {
        self.memberships().iter().any(|m| m.role == Role::Admin)
    }

    pub fn is_staff(&self) -> bool {
        !self.memberships().is_empty()
    }

    pub fn has_role(&self, role: Role) -> bool {
        self.memberships().iter().any(|m| m.role == role)
    }

    pub fn has_role_in(&self, role: Role, organisation_id: &str) -> bool {
        self.memberships()
            .iter()
            .any(|m| m.role == role && m.organisation_id == organisation_id)
    }

    pub fn is_member_of(&self, organisation_id: &str) -> bool {
        self.memberships()
            .iter()
            .any(|m| m.organisation_id == organisation_id)
    }

    /// Organisations in which this actor holds any role.
    pub fn organisation_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self
            .memberships()
            .iter()
            .map(|m| m.organisation_id.as_str())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// A short label for the audit log.
    pub fn label(&self) -> String {
        self.user
            .as_ref()
            .map(|u| u.name.clone())
            .unwrap_or_else(|| "publik".to_string())
    }
}

/// What a route requires before its handler runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Only visitors who are not signed in (login, registration).
    Guest,
    /// Any signed-in user (citizen or staff).
    SignedIn,
    /// Anyone holding any role in any organisation; the handler narrows to organisations.
    Staff,
    /// Holders of this role in some organisation; the handler narrows to organisations.
    Role(Role),
    /// Platform administrators.
    Admin,
}

impl Access {
    /// Whether `actor` passes this route-level requirement.
    pub fn allows(self, actor: &Actor) -> bool {
        match self {
            Access::Public => true,
            Access::Guest => !actor.is_signed_in(),
            Access::SignedIn => actor.is_signed_in(),
            Access::Staff => actor.is_staff(),
            Access::Role(role) => actor.has_role(role) || actor.is_admin(),
            Access::Admin => actor.is_admin(),
        }
    }
}

/// Things that are checked against one organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Edit an organisation's public profile (contacts, description, head).
    EditOrganisationProfile,
    /// See an organisation's staff workspace.
    ViewOrganisationWorkspace,
    /// Read an organisation's audit entries.
    ReadOrganisationAudit,
    /// Handle a case assigned to the organisation (answer, note, re-route, close).
    HandleCase,
    /// Moderate and officially answer public comments on the organisation's items.
    ModerateComments,
}

/// May `actor` do `action` on things owned by `organisation_id`?
pub fn may(actor: &Actor, action: Action, organisation_id: &str) -> bool {
    if actor.is_admin() {
        return true;
    }
    match action {
        Action::EditOrganisationProfile => {
            actor.has_role_in(Role::Officer, organisation_id)
                || actor.has_role_in(Role::Supervisor, organisation_id)
        }
        Action::ViewOrganisationWorkspace => actor.is_member_of(organisation_id),
        Action::ReadOrganisationAudit => actor.has_role_in(Role::Supervisor, organisation_id),
        Action::HandleCase | Action::ModerateComments => {
            actor.has_role_in(Role::Officer, organisation_id)
                || actor.has_role_in(Role::Supervisor, organisation_id)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor_with(role: Role, org: &str) -> Actor {
        Actor {
            user: Some(User {
                id: Uuid::nil(),
                name: "x".into(),
                email: "x@example.id".into(),
                memberships: vec![Membership {
                    organisation_id: org.into(),
                    role,
                }],
            }),
            session_hash: None,
        }
    }

    #[test]
    fn officers_edit_only_their_own_organisation() {
        let officer = actor_with(Role::Officer, "diskominfo");
        assert!(may(&officer, Action::EditOrganisationProfile, "diskominfo"));
        assert!(!may(&officer, Action::EditOrganisationProfile, "bappeda"));
        assert!(!may(
            &Actor::public(),
            Action::EditOrganisationProfile,
            "diskominfo"
        ));
    }

    #[test]
    fn admins_pass_every_check() {
        let admin = actor_with(Role::Admin, "diskominfo");
        assert!(may(&admin, Action::ReadOrganisationAudit, "bappeda"));
        assert!(Access::Admin.allows(&admin));
        assert!(!Access::Guest.allows(&admin));
    }
}
