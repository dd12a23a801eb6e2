//! The budget section of an organisation's report card (`/organisasi/{id}`): this year's
//! spending plan, realisation and absorption of the budget organisation codes matched to
//! it, with a link to its drill-down. Nothing when this year's budget does not name it.

use chrono::Datelike;
use platform::AppState;
use platform::error::AppResult;
use platform::i18n::Tr;
use platform::regions::queries::Organisation;
use platform::regions::web::{ReportFact, ReportSection};

use super::sql::{self, Col, Lines};
use super::{latest_plan, percent, permille};
use crate::import::Stage;

pub fn report_card<'a>(
    state: &'a AppState,
    t: &'a Tr,
    org: &'a Organisation,
) -> futures::future::BoxFuture<'a, AppResult<Option<ReportSection>>> {
    Box::pin(async move {
        let db = &state.db;
        let year = state
            .clock
            .now()
            .with_timezone(&platform::clock::wib())
            .year();
        let Some(plan) = latest_plan(db, year).await? else {
            return Ok(None);
        };
        let codes = sql::organisation_codes_of(db, plan.id, &org.id).await?;
        let Some(first) = codes.first() else {
            return Ok(None);
        };
        let real = crate::queries::published(db, year, Stage::Realisasi).await?;
        let (mut planned, mut realised) = (0_i64, 0_i64);
        for code in &codes {
            let filters = [(Col::Organisation, code.clone())];
            planned += sql::sums(db, Lines::Plan, plan.id, Col::Akun, &filters)
                .await?
                .iter()
                .filter(|(akun, _)| akun == "5")
                .map(|(_, s)| s)
                .sum::<i64>();
            if let Some(r) = &real {
                realised += sql::sums(db, Lines::Realisation, r.id, Col::Akun, &filters)
                    .await?
                    .iter()
                    .filter(|(akun, _)| akun == "5")
                    .map(|(_, s)| s)
                    .sum::<i64>();
            }
        }
        let fact = |label: &str, value: String| ReportFact {
            label: t.t(label),
            value,
        };
        Ok(Some(ReportSection {
            id: "rapor-anggaran".into(),
            title: t.t1("budget-pages-year-title", "year", &year.to_string()),
            summary: t.t("budget-pages-spending"),
            facts: vec![
                fact("budget-pages-col-plan", t.rupiah(&planned)),
                fact("budget-pages-col-realisation", t.rupiah(&realised)),
                fact(
                    "budget-pages-col-absorption",
                    percent(t.lang, permille(realised, planned)),
                ),
            ],
            link: Some((
                t.t("budget-pages-by-organisation"),
                format!("/anggaran/{year}/organisasi/{first}"),
            )),
        }))
    })
}
