//! From rows of cells to checked budget or realisation lines. Every row is checked and every
//! problem collected (row, column, translated message), so one report lists all that is
//! wrong with a file; only a file without problems is written.

use std::collections::{HashMap, HashSet};

use super::Problem;
use super::amount::{self, AmountError};
use super::read::{Cell, Row, Table};
use super::template::{self, Column, Layout};
use crate::codes::{
    AccountClass, AccountCode, AccountLevel, FunctionCode, FunctionLevel, OrganisationCode,
};

/// A checked line of the budget.
#[derive(Clone, Debug)]
pub struct BudgetLine {
    pub row: u32,
    pub organisation: String,
    pub sub_kegiatan: Option<FunctionCode>,
    pub account: AccountCode,
    pub source_of_funds: String,
    pub amount: i64,
}

/// A checked line of realisation.
#[derive(Clone, Debug)]
pub struct RealisationLine {
    pub row: u32,
    pub month: u8,
    pub organisation: String,
    pub sub_kegiatan: Option<FunctionCode>,
    pub account: AccountCode,
    pub amount: i64,
}

/// A name a file gives a code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name {
    pub kind: &'static str,
    pub code: String,
    pub name: String,
}

/// The sums of a file's lines by the parts of the budget, in whole rupiah.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Totals {
    pub revenue: i64,
    pub spending: i64,
    pub financing_receipts: i64,
    pub financing_expenditure: i64,
}

impl Totals {
    /// Revenue minus spending (*surplus/defisit*).
    pub fn surplus(&self) -> i64 {
        self.revenue - self.spending
    }

    /// Financing receipts minus expenditure (*pembiayaan netto*).
    pub fn net_financing(&self) -> i64 {
        self.financing_receipts - self.financing_expenditure
    }

    /// Add `amount` of `class`; `None` when a sum would leave 64 bits.
    fn add(&mut self, class: AccountClass, amount: i64) -> Option<()> {
        let slot = match class {
            AccountClass::Revenue => &mut self.revenue,
            AccountClass::Spending => &mut self.spending,
            AccountClass::FinancingReceipt => &mut self.financing_receipts,
            AccountClass::FinancingExpenditure => &mut self.financing_expenditure,
        };
        *slot = slot.checked_add(amount)?;
        Some(())
    }
}

/// A checked budget file.
#[derive(Clone, Debug, Default)]
pub struct Budget {
    pub lines: Vec<BudgetLine>,
    pub names: Vec<Name>,
    pub totals: Totals,
}

/// A checked realisation file.
#[derive(Clone, Debug, Default)]
pub struct Realisation {
    pub lines: Vec<RealisationLine>,
    pub totals: Totals,
    pub last_month: u8,
}

/// Reads one row's cells by template column, and records the problems found in it.
struct RowCheck<'a> {
    row: &'a Row,
    layout: &'a Layout,
    columns: &'static [Column],
    problems: &'a mut Vec<Problem>,
}

impl RowCheck<'_> {
    fn index(&self, name: &str) -> Option<usize> {
        let i = self.columns.iter().position(|c| c.name == name)?;
        self.layout.position(i)
    }

    fn cell(&self, name: &str) -> &Cell {
        self.row.cell(self.index(name))
    }

    fn problem(&mut self, column: &'static str, key: &'static str) -> &mut Problem {
        self.problems
            .push(Problem::at(self.row.number, column, key));
        let last = self.problems.len() - 1;
        &mut self.problems[last]
    }

    /// The text of a column; a problem when the cell holds something that cannot be text.
    fn text(&mut self, column: &'static str) -> String {
        let cell = self.cell(column).clone();
        if let Cell::Invalid(key) = cell {
            self.problem(column, key);
        }
        cell.text()
    }

    /// A required name column.
    fn name(&mut self, column: &'static str) -> Option<String> {
        let text = self.text(column);
        if text.is_empty() {
            self.problem(column, "budget-name-required");
            None
        } else {
            Some(collapse(&text))
        }
    }

    fn amount(&mut self, column: &'static str, allow_negative: bool) -> Option<i64> {
        let parsed = match self.cell(column).clone() {
            Cell::Empty => Err(AmountError::Empty),
            Cell::Text(s) => amount::parse(&s),
            Cell::Int(n) => amount::from_int(n),
            Cell::Float(f) => amount::from_float(f),
            Cell::Invalid(key) => {
                self.problem(column, key);
                return None;
            }
        };
        match parsed {
            Ok(n) if n < 0 && !allow_negative => {
                self.problem(column, AmountError::Negative.key());
                None
            }
            Ok(n) => Some(n),
            Err(err) => {
                let shown = self.cell(column).text();
                self.problem(column, err.key()).push_arg("value", shown);
                None
            }
        }
    }

    fn organisation(&mut self) -> Option<OrganisationCode> {
        let text = self.text("kode_organisasi");
        match OrganisationCode::parse(&text) {
            Ok(code) => Some(code),
            Err(err) => {
                self.problem("kode_organisasi", err.key())
                    .push_arg("code", text);
                None
            }
        }
    }

    fn account(&mut self) -> Option<AccountCode> {
        let text = self.text("kode_akun");
        match AccountCode::parse(&text) {
            Ok(code) if code.level() < AccountLevel::Jenis => {
                self.problem("kode_akun", "budget-account-too-general")
                    .push_arg("code", text);
                None
            }
            Ok(code) => Some(code),
            Err(err) => {
                self.problem("kode_akun", err.key()).push_arg("code", text);
                None
            }
        }
    }

    /// The sub kegiatan, checked against what the account allows: required on spending of
    /// kelompok 5.1 and 5.2, optional on 5.3 and 5.4, absent on revenue and financing.
    /// `Err(())` when there is a problem.
    fn sub_kegiatan(&mut self, account: Option<&AccountCode>) -> Result<Option<FunctionCode>, ()> {
        let text = self.text("kode_sub_kegiatan");
        let kelompok = account
            .and_then(|a| a.ancestor(AccountLevel::Kelompok))
            .map(|k| k.as_str().to_string());
        let required = matches!(kelompok.as_deref(), Some("5.1" | "5.2"));
        let allowed = account.is_none_or(|a| a.class() == Some(AccountClass::Spending));
        if text.is_empty() {
            if required {
                self.problem("kode_sub_kegiatan", "budget-sub-kegiatan-required");
                return Err(());
            }
            return Ok(None);
        }
        if !allowed {
            self.problem("kode_sub_kegiatan", "budget-sub-kegiatan-not-allowed")
                .push_arg("code", text);
            return Err(());
        }
        match FunctionCode::parse_at(&text, FunctionLevel::SubKegiatan) {
            Ok(code) => Ok(Some(code)),
            Err(err) => {
                self.problem("kode_sub_kegiatan", err.key())
                    .push_arg("code", text);
                Err(())
            }
        }
    }

    /// An optional `kode_program`/`kode_kegiatan` column must be the start of the sub kegiatan.
    fn fits(&mut self, column: &'static str, level: FunctionLevel, sub: Option<&FunctionCode>) {
        let text = self.text(column);
        if text.is_empty() {
            return;
        }
        let segments = match level {
            FunctionLevel::Program => 3,
            FunctionLevel::Kegiatan => 5,
            _ => 0,
        };
        if sub.is_some_and(|sub| is_start_of(&text, sub, segments)) {
            return;
        }
        match FunctionCode::parse_at(&text, level) {
            Err(err) => {
                self.problem(column, err.key()).push_arg("code", text);
            }
            Ok(code) => {
                if let Some(sub) = sub
                    && !code.contains(sub)
                {
                    self.problem(column, "budget-sub-kegiatan-not-in-parent")
                        .push_arg("code", text)
                        .push_arg("sub", sub.to_string());
                }
            }
        }
    }
}

/// White space runs as one space, trimmed.
fn collapse(text: &str) -> String {
    // Most names are already clean: copy them as they are.
    let mut previous_space = true;
    let clean = text.chars().all(|c| {
        let ok = if c == ' ' {
            !previous_space
        } else {
            !c.is_whitespace()
        };
        previous_space = c == ' ';
        ok
    }) && !text.ends_with(' ');
    if clean {
        return text.to_string();
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `text` is exactly the start of `sub` with `segments` segments (how a file
/// normally fills `kode_program` and `kode_kegiatan`), decided without parsing.
fn is_start_of(text: &str, sub: &FunctionCode, segments: usize) -> bool {
    let code = sub.as_str();
    code.len() > text.len()
        && code.starts_with(text)
        && code.as_bytes().get(text.len()) == Some(&b'.')
        && text.split('.').count() == segments
}

/// The names given to each code so far, to refuse a second, different name.
#[derive(Default)]
struct NameBook {
    /// kind → code → (name, first row).
    seen: HashMap<&'static str, HashMap<String, (String, u32)>>,
    order: Vec<(&'static str, String)>,
}

impl NameBook {
    fn give(
        &mut self,
        problems: &mut Vec<Problem>,
        row: u32,
        column: &'static str,
        kind: &'static str,
        code: &str,
        name: &str,
    ) {
        let codes = self.seen.entry(kind).or_default();
        match codes.get(code) {
            Some((first, first_row)) if first != name => problems.push(
                Problem::at(row, column, "budget-name-differs")
                    .arg("code", code.to_string())
                    .arg("name", first.clone())
                    .arg("first_row", first_row.to_string()),
            ),
            Some(_) => {}
            None => {
                codes.insert(code.to_string(), (name.to_string(), row));
                self.order.push((kind, code.to_string()));
            }
        }
    }

    fn into_names(mut self) -> Vec<Name> {
        let order = std::mem::take(&mut self.order);
        order
            .into_iter()
            .filter_map(|(kind, code)| {
                let (name, _) = self.seen.get_mut(kind)?.remove(&code)?;
                Some(Name { kind, code, name })
            })
            .collect()
    }
}

/// The template's header must name the required columns.
fn layout(table: &Table, columns: &'static [Column]) -> Result<Layout, Vec<Problem>> {
    Layout::from_header(columns, &table.header).map_err(|missing| {
        vec![Problem::file("budget-file-missing-columns").arg("columns", missing.join(", "))]
    })
}

/// An account line that lies under another line of the same organisation and sub kegiatan
/// (`K`: the lines' grouping, borrowed) is a subtotal row, which would count the money
/// twice. A code's ancestors are its starts at each `.` (codes are stored normalised).
fn overlaps<'a, K, I>(problems: &mut Vec<Problem>, lines: I)
where
    K: std::hash::Hash + Eq + Copy,
    I: Iterator<Item = (u32, K, &'a AccountCode)> + Clone,
{
    let present: HashSet<(K, &str)> = lines.clone().map(|(_, key, a)| (key, a.as_str())).collect();
    for (row, key, account) in lines {
        let mut code = account.as_str();
        while let Some(dot) = code.rfind('.') {
            code = &code[..dot];
            if present.contains(&(key, code)) {
                problems.push(
                    Problem::at(row, "kode_akun", "budget-line-overlaps")
                        .arg("code", account.to_string())
                        .arg("parent", code.to_string()),
                );
                break;
            }
        }
    }
}

/// Check a budget file (stage `murni` or `perubahan`).
pub fn budget(table: &Table) -> Result<Budget, Vec<Problem>> {
    let layout = layout(table, template::BUDGET)?;
    let mut problems = Vec::new();
    let mut names = NameBook::default();
    let mut lines = Vec::with_capacity(table.rows.len());
    let mut keys: HashMap<(String, String, String, String), u32> = HashMap::new();
    for row in &table.rows {
        let before = problems.len();
        let mut check = RowCheck {
            row,
            layout: &layout,
            columns: template::BUDGET,
            problems: &mut problems,
        };
        let organisation = check.organisation();
        let organisation_name = check.name("nama_organisasi");
        let account = check.account();
        let account_name = check.name("nama_akun");
        let sub = check.sub_kegiatan(account.as_ref());
        let sub_code = sub.as_ref().ok().cloned().flatten();
        check.fits("kode_program", FunctionLevel::Program, sub_code.as_ref());
        check.fits("kode_kegiatan", FunctionLevel::Kegiatan, sub_code.as_ref());
        let function_names = sub_code.as_ref().map(|_| {
            (
                check.name("nama_program"),
                check.name("nama_kegiatan"),
                check.name("nama_sub_kegiatan"),
            )
        });
        let source_of_funds = collapse(&check.text("sumber_dana"));
        let amount = check.amount("anggaran", false);
        if let (Some(code), Some(name)) = (&organisation, &organisation_name) {
            names.give(
                &mut problems,
                row.number,
                "nama_organisasi",
                "organisation",
                code.as_str(),
                name,
            );
        }
        if let (Some(code), Some(name)) = (&account, &account_name) {
            names.give(
                &mut problems,
                row.number,
                "nama_akun",
                "account",
                code.as_str(),
                name,
            );
        }
        if let (Some(sub), Some((program, kegiatan, sub_name))) = (&sub_code, &function_names) {
            for (level, kind, column, name) in [
                (FunctionLevel::Program, "program", "nama_program", program),
                (
                    FunctionLevel::Kegiatan,
                    "kegiatan",
                    "nama_kegiatan",
                    kegiatan,
                ),
                (
                    FunctionLevel::SubKegiatan,
                    "sub_kegiatan",
                    "nama_sub_kegiatan",
                    sub_name,
                ),
            ] {
                if let (Some(code), Some(name)) = (sub.ancestor(level), name) {
                    names.give(&mut problems, row.number, column, kind, code.as_str(), name);
                }
            }
        }
        if problems.len() > before {
            continue;
        }
        let (Some(organisation), Some(account), Ok(sub), Some(amount)) =
            (organisation, account, sub, amount)
        else {
            continue;
        };
        let key = (
            organisation.to_string(),
            sub.as_ref().map(ToString::to_string).unwrap_or_default(),
            account.to_string(),
            source_of_funds.clone(),
        );
        if let Some(first) = keys.get(&key) {
            problems.push(
                Problem::at(row.number, "kode_akun", "budget-duplicate-line")
                    .arg("first_row", first.to_string()),
            );
            continue;
        }
        keys.insert(key, row.number);
        lines.push(BudgetLine {
            row: row.number,
            organisation: organisation.to_string(),
            sub_kegiatan: sub,
            account,
            source_of_funds,
            amount,
        });
    }
    overlaps(
        &mut problems,
        lines.iter().map(|l| {
            (
                l.row,
                (
                    l.organisation.as_str(),
                    l.sub_kegiatan.as_ref().map_or("", |s| s.as_str()),
                ),
                &l.account,
            )
        }),
    );
    if lines.is_empty() && problems.is_empty() {
        problems.push(Problem::file("budget-file-empty"));
    }
    let mut totals = Totals::default();
    for line in &lines {
        if let Some(class) = line.account.class()
            && totals.add(class, line.amount).is_none()
        {
            problems.push(Problem::file("budget-total-too-large"));
            break;
        }
    }
    problems.sort_by_key(|p| p.row.unwrap_or(0));
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Budget {
        lines,
        names: names.into_names(),
        totals,
    })
}

/// Check a realisation file.
pub fn realisation(table: &Table) -> Result<Realisation, Vec<Problem>> {
    let layout = layout(table, template::REALISATION)?;
    let mut problems = Vec::new();
    let mut lines = Vec::with_capacity(table.rows.len());
    let mut keys: HashMap<(u8, String, String, String), u32> = HashMap::new();
    for row in &table.rows {
        let before = problems.len();
        let mut check = RowCheck {
            row,
            layout: &layout,
            columns: template::REALISATION,
            problems: &mut problems,
        };
        let month_text = check.text("bulan");
        let month = month_text
            .parse::<u8>()
            .ok()
            .filter(|m| (1..=12).contains(m));
        if month.is_none() {
            check
                .problem("bulan", "budget-month-invalid")
                .push_arg("value", month_text);
        }
        let organisation = check.organisation();
        let account = check.account();
        let sub = check.sub_kegiatan(account.as_ref());
        let amount = check.amount("realisasi", true);
        if problems.len() > before {
            continue;
        }
        let (Some(month), Some(organisation), Some(account), Ok(sub), Some(amount)) =
            (month, organisation, account, sub, amount)
        else {
            continue;
        };
        let key = (
            month,
            organisation.to_string(),
            sub.as_ref().map(ToString::to_string).unwrap_or_default(),
            account.to_string(),
        );
        if let Some(first) = keys.get(&key) {
            problems.push(
                Problem::at(row.number, "kode_akun", "budget-duplicate-line")
                    .arg("first_row", first.to_string()),
            );
            continue;
        }
        keys.insert(key, row.number);
        lines.push(RealisationLine {
            row: row.number,
            month,
            organisation: organisation.to_string(),
            sub_kegiatan: sub,
            account,
            amount,
        });
    }
    overlaps(
        &mut problems,
        lines.iter().map(|l| {
            (
                l.row,
                (
                    l.month,
                    l.organisation.as_str(),
                    l.sub_kegiatan.as_ref().map_or("", |s| s.as_str()),
                ),
                &l.account,
            )
        }),
    );
    if lines.is_empty() && problems.is_empty() {
        problems.push(Problem::file("budget-file-empty"));
    }
    let mut totals = Totals::default();
    for line in &lines {
        if let Some(class) = line.account.class()
            && totals.add(class, line.amount).is_none()
        {
            problems.push(Problem::file("budget-total-too-large"));
            break;
        }
    }
    problems.sort_by_key(|p| p.row.unwrap_or(0));
    if !problems.is_empty() {
        return Err(problems);
    }
    let last_month = lines.iter().map(|l| l.month).max().unwrap_or(1);
    Ok(Realisation {
        lines,
        totals,
        last_month,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_collapsed_and_clean_ones_kept() {
        assert_eq!(collapse("Dinas Pendidikan"), "Dinas Pendidikan");
        assert_eq!(collapse("  Dinas \t Pendidikan\n"), "Dinas Pendidikan");
        assert_eq!(collapse("Dinas  Pendidikan"), "Dinas Pendidikan");
        assert_eq!(collapse("Dinas Pendidikan "), "Dinas Pendidikan");
        assert_eq!(collapse("Dinas\u{a0}Pendidikan"), "Dinas Pendidikan");
        assert_eq!(collapse(""), "");
    }

    #[test]
    fn the_start_of_a_sub_kegiatan_is_recognised_by_segments() {
        let sub = FunctionCode::parse("1.01.01.2.02.0001").unwrap();
        assert!(is_start_of("1.01.01", &sub, 3));
        assert!(is_start_of("1.01.01.2.02", &sub, 5));
        assert!(!is_start_of("1.01.0", &sub, 3));
        assert!(!is_start_of("1.01", &sub, 3));
        assert!(!is_start_of("1.01.01.2.02.0001", &sub, 6));
        assert!(!is_start_of("1.01.02", &sub, 3));
    }
}
