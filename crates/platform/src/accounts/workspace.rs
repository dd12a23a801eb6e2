//! The staff workspace: `/kelola` lists the organisations the user holds roles in with what
//! they can do there, and `/organisasi/{id}/kelola` edits an organisation's public profile
//! (its officers, supervisors and admins only, as `authz::may` decides).

use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use crate::accounts::views::FormPage;
use crate::admin::organisations::{ProfileForm, get_tx, update_profile};
use crate::audit::{self, Change};
use crate::authz::{Action, may};
use crate::error::{AppError, AppResult, FieldError, OptionExt};
use crate::i18n::Tr;
use crate::web::{CsrfForm, PageCtx};

use super::pages::role_label;
use super::users;

/// A link offered for one organisation in the workspace: shown when the actor may do
/// `action` there. `{id}` in `href` is replaced by the organisation's id. Other areas add
/// one line each.
struct WorkspaceLink {
    href: &'static str,
    key: &'static str,
    action: Action,
}

fn workspace_links() -> Vec<WorkspaceLink> {
    vec![
        WorkspaceLink {
            href: "/organisasi/{id}",
            key: "acc-ws-public-page",
            action: Action::ViewOrganisationWorkspace,
        },
        WorkspaceLink {
            href: "/organisasi/{id}/kelola",
            key: "acc-ws-edit-profile",
            action: Action::EditOrganisationProfile,
        },
        WorkspaceLink {
            href: "/kelola/pengaduan?org={id}",
            key: "cstaff-ws-inbox",
            action: Action::ViewOrganisationWorkspace,
        },
        WorkspaceLink {
            href: "/kelola/komentar?org={id}",
            key: "comment-ws-inbox",
            action: Action::ModerateComments,
        },
        // Producers of data (officers and supervisors, as data::roles decides).
        WorkspaceLink {
            href: "/kelola/data",
            key: "data-wf-ws-link",
            action: Action::EditOrganisationProfile,
        },
    ]
}

struct OrgCard {
    name: String,
    roles: Vec<String>,
    links: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "accounts/workspace.html")]
struct WorkspacePage<'a> {
    t: &'a Tr,
    orgs: Vec<OrgCard>,
}

pub async fn workspace(ctx: PageCtx) -> AppResult<Response> {
    let user = ctx.actor.user.as_ref().ok_or(AppError::Unauthenticated)?;
    let mut orgs: Vec<(String, OrgCard)> = Vec::new();
    for held in users::roles_of(&ctx.state.db, user.id).await? {
        let label = role_label(&ctx.t, &held.role);
        if let Some((_, card)) = orgs.iter_mut().find(|(id, _)| *id == held.organisation_id) {
            card.roles.push(label);
            continue;
        }
        let links = workspace_links()
            .into_iter()
            .filter(|l| may(&ctx.actor, l.action, &held.organisation_id))
            .map(|l| {
                (
                    l.href.replace("{id}", &held.organisation_id),
                    ctx.t.t(l.key),
                )
            })
            .collect();
        orgs.push((
            held.organisation_id,
            OrgCard {
                name: held.organisation_name,
                roles: vec![label],
                links,
            },
        ));
    }
    let page = WorkspacePage {
        t: &ctx.t,
        orgs: orgs.into_iter().map(|(_, card)| card).collect(),
    };
    ctx.page(&ctx.t.t("acc-ws-title"), &page)
}

fn profile_page<'a>(
    ctx: &'a PageCtx,
    id: &str,
    name: &str,
    form: &ProfileForm,
    errors: &[FieldError],
) -> FormPage<'a> {
    let mut page = FormPage::new(
        &ctx.t,
        &ctx.csrf,
        "acc-profile-title",
        format!("/organisasi/{id}/kelola"),
        "acc-profile-submit",
    )
    .intro("acc-profile-intro")
    .fields(form.fields(&ctx.t))
    .link(format!("/organisasi/{id}"), "acc-ws-public-page")
    .link("/kelola", "acc-ws-back")
    .with_errors(errors);
    page.heading = format!("{} — {name}", page.heading);
    page
}

pub async fn profile_form(ctx: PageCtx, Path(id): Path<String>) -> AppResult<Response> {
    if !may(&ctx.actor, Action::EditOrganisationProfile, &id) {
        return Err(AppError::Forbidden);
    }
    let org = crate::regions::organisation(&ctx.state.db, &id)
        .await?
        .or_not_found()?;
    let page = profile_page(&ctx, &org.id, &org.name, &ProfileForm::from_org(&org), &[]);
    ctx.page(&page.heading.clone(), &page)
}

pub async fn save_profile(
    ctx: PageCtx,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<ProfileForm>,
) -> AppResult<Response> {
    if !may(&ctx.actor, Action::EditOrganisationProfile, &id) {
        return Err(AppError::Forbidden);
    }
    let org = crate::regions::organisation(&ctx.state.db, &id)
        .await?
        .or_not_found()?;
    let mut errors = Vec::new();
    let profile = form.validate(&mut errors);
    if !errors.is_empty() {
        let page = profile_page(&ctx, &org.id, &org.name, &form, &errors);
        return ctx.page_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &page.heading.clone(),
            &page,
        );
    }
    let now = ctx.state.clock.now();
    let mut tx = ctx.state.db.begin().await?;
    let before = get_tx(&mut tx, &id).await?.or_not_found()?;
    update_profile(&mut tx, &id, &profile, now).await?;
    let after = get_tx(&mut tx, &id).await?.or_not_found()?;
    audit::record(
        &mut tx,
        &ctx.actor,
        now,
        Change {
            action: "organisation.profile_update",
            entity_type: "organisation",
            entity_id: &id,
            organisation_id: Some(&id),
            before: serde_json::to_value(&before).ok(),
            after: serde_json::to_value(&after).ok(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/organisasi/{id}/kelola?ok=saved")).into_response())
}
