//! The budget lines that take public comments (`platform::comments`): a sub kegiatan of an
//! organisation (`budget.sub_kegiatan`, id `2026/1.01.0.00.0.00.01.0000/1.01.01.2.02.0001`)
//! and one account row of it (`budget.account`, id `…/5.1.01.01.01.0001`). Ids name a year
//! and codes, not a version: the discussion stays when a revised budget is published. The
//! owning organisation (who moderates and answers) is the platform organisation the
//! budget's organisation code is matched to, else the finance office.

use platform::AppState;
use platform::comments::{CommentItemType, CommentTarget, Resolving};
use platform::i18n::Lang;

use super::latest_plan;
use super::sql::{self, Col, Lines};
use crate::codes::{AccountCode, FunctionCode, FunctionLevel, OrganisationCode};

pub const SUB_KEGIATAN: CommentItemType = CommentItemType {
    item_type: "budget.sub_kegiatan",
    resolve: resolve_sub_kegiatan,
};

pub const ACCOUNT_ROW: CommentItemType = CommentItemType {
    item_type: "budget.account",
    resolve: resolve_account_row,
};

/// The id of a sub kegiatan's discussion.
pub fn sub_kegiatan_id(year: i32, org: &str, sub: &str) -> String {
    format!("{year}/{org}/{sub}")
}

/// The id of an account row's discussion.
pub fn account_row_id(year: i32, org: &str, sub: &str, account: &str) -> String {
    format!("{year}/{org}/{sub}/{account}")
}

/// Parsed ids: (year, organisation, sub kegiatan, account); `None` when malformed.
fn parse(id: &str, with_account: bool) -> Option<(i32, String, String, Option<String>)> {
    let parts: Vec<&str> = id.split('/').collect();
    let expected = if with_account { 4 } else { 3 };
    if parts.len() != expected {
        return None;
    }
    let year: i32 = parts[0].parse().ok()?;
    let org = OrganisationCode::parse(parts[1]).ok()?;
    let sub = FunctionCode::parse(parts[2]).ok()?;
    if sub.level() != FunctionLevel::SubKegiatan {
        return None;
    }
    let account = match parts.get(3) {
        Some(a) => Some(AccountCode::parse(a).ok()?.as_str().to_string()),
        None => None,
    };
    Some((
        year,
        org.as_str().to_string(),
        sub.as_str().to_string(),
        account,
    ))
}

fn resolve_sub_kegiatan<'a>(state: &'a AppState, id: &'a str, lang: Lang) -> Resolving<'a> {
    Box::pin(async move { resolve(state, id, lang, false).await })
}

fn resolve_account_row<'a>(state: &'a AppState, id: &'a str, lang: Lang) -> Resolving<'a> {
    Box::pin(async move { resolve(state, id, lang, true).await })
}

async fn resolve(
    state: &AppState,
    id: &str,
    _lang: Lang,
    with_account: bool,
) -> platform::error::AppResult<Option<CommentTarget>> {
    let Some((year, org, sub, account)) = parse(id, with_account) else {
        return Ok(None);
    };
    let db = &state.db;
    let Some(plan) = latest_plan(db, year).await? else {
        return Ok(None);
    };
    let mut filters = vec![
        (Col::Organisation, org.clone()),
        (Col::SubKegiatan, sub.clone()),
    ];
    if let Some(a) = &account {
        filters.push((Col::Account, a.clone()));
    }
    if sql::sums(db, Lines::Plan, plan.id, Col::Account, &filters)
        .await?
        .is_empty()
    {
        return Ok(None);
    }
    let sub_name = sql::names(db, plan.id, "sub_kegiatan", std::slice::from_ref(&sub))
        .await?
        .into_iter()
        .next()
        .map_or_else(|| sub.clone(), |(_, n)| n);
    let owner = match sql::organisation_id_of(db, plan.id, &org).await? {
        Some(id) => id,
        None => platform::settings::get(db, crate::staff::FINANCE_SETTING)
            .await?
            .unwrap_or_else(|| crate::staff::FINANCE_DEFAULT.to_string()),
    };
    let (title, url) = match &account {
        Some(a) => {
            let name = sql::names(db, plan.id, "account", std::slice::from_ref(a))
                .await?
                .into_iter()
                .next()
                .map_or_else(|| a.clone(), |(_, n)| n);
            (
                format!("APBD {year}: {sub_name} — {a} {name}"),
                format!("/anggaran/{year}/organisasi/{org}/{sub}/{a}"),
            )
        }
        None => (
            format!("APBD {year}: {sub} {sub_name}"),
            format!("/anggaran/{year}/organisasi/{org}/{sub}"),
        ),
    };
    Ok(Some(CommentTarget {
        title,
        url,
        organisation_id: owner,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_refuse_junk() {
        let id = account_row_id(
            2026,
            "1.01.0.00.0.00.01.0000",
            "1.01.01.2.02.0001",
            "5.1.01.01.01.0001",
        );
        let (y, o, s, a) = parse(&id, true).unwrap();
        assert_eq!(
            (y, o.as_str(), s.as_str()),
            (2026, "1.01.0.00.0.00.01.0000", "1.01.01.2.02.0001")
        );
        assert_eq!(a.as_deref(), Some("5.1.01.01.01.0001"));
        assert!(parse(&id, false).is_none());
        assert!(parse("2026/1.01.0.00.0.00.01.0000/1.01.01", false).is_none());
        assert!(parse("x/y/z", false).is_none());
    }
}
