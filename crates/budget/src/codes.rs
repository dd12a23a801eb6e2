//! Classification codes of Permendagri 90/2019 (and Kepmendagri 050-5889/2021), parsed and
//! checked by pure functions.
//!
//! - **Function** (what the money is for): *urusan* `1` › *bidang urusan* `1.01` ›
//!   *program* `1.01.01` › *kegiatan* `1.01.01.2.01` › *sub kegiatan* `1.01.01.2.01.0001`.
//!   Each level's code starts with its parent's code, so a sub kegiatan names its programme.
//!   The fourth segment of a kegiatan is always `2`. Urusan `1`–`3` are the government
//!   affairs, `4`–`8` the supporting elements (*unsur pendukung, penunjang, pengawasan,
//!   kewilayahan, pemerintahan umum*).
//! - **Account** (what kind of money): *akun* `5` › *kelompok* `5.1` › *jenis* `5.1.02` ›
//!   *objek* `5.1.02.01` › *rincian objek* `5.1.02.01.01` › *sub rincian objek*
//!   `5.1.02.01.01.0001`. Akun 4 is revenue, 5 spending, 6 financing (6.1 receipts,
//!   6.2 expenditure). The 2019 lampiran wrote the last segment with three digits (`001`);
//!   it is accepted and stored with four (`0001`), so years compare line by line.
//! - **Organisation**: `1.03.0.00.0.00.01.0000` — up to three bidang urusan the organisation
//!   holds (`0.00` when none), its number and its unit.
//!
//! Parsing trims surrounding white space and accepts nothing else: no inner spaces, no
//! placeholders such as the nomenclature's `X.XX`. Errors carry a Fluent key.

use std::fmt;

/// Why a code was refused; [`CodeError::key`] is the translation key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("the code is empty")]
    Empty,
    #[error("not a function code (X.XX.XX.2.XX.XXXX)")]
    MalformedFunction,
    #[error("not an account code (5.1.02.01.01.0001)")]
    MalformedAccount,
    #[error("not an organisation code (1.03.0.00.0.00.01.0000)")]
    MalformedOrganisation,
    #[error("unknown urusan")]
    UnknownUrusan,
    #[error("unknown account group")]
    UnknownAccount,
    #[error("the code is at another level than expected")]
    WrongLevel,
}

impl CodeError {
    /// The Fluent key of the message shown to the person importing.
    pub fn key(self) -> &'static str {
        match self {
            CodeError::Empty => "budget-code-empty",
            CodeError::MalformedFunction => "budget-code-malformed-function",
            CodeError::MalformedAccount => "budget-code-malformed-account",
            CodeError::MalformedOrganisation => "budget-code-malformed-organisation",
            CodeError::UnknownUrusan => "budget-code-unknown-urusan",
            CodeError::UnknownAccount => "budget-code-unknown-account",
            CodeError::WrongLevel => "budget-code-wrong-level",
        }
    }
}

/// True when `s` is exactly `n` ASCII digits.
fn digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
}

/// True when `s` is ASCII digits and not all zeros.
fn nonzero(s: &str) -> bool {
    s.bytes().any(|b| b != b'0')
}

/// The level of a function code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FunctionLevel {
    Urusan,
    Bidang,
    Program,
    Kegiatan,
    SubKegiatan,
}

impl FunctionLevel {
    /// The Fluent key of the level's name (e.g. "Sub kegiatan").
    pub fn key(self) -> &'static str {
        match self {
            FunctionLevel::Urusan => "budget-level-urusan",
            FunctionLevel::Bidang => "budget-level-bidang",
            FunctionLevel::Program => "budget-level-program",
            FunctionLevel::Kegiatan => "budget-level-kegiatan",
            FunctionLevel::SubKegiatan => "budget-level-sub-kegiatan",
        }
    }

    fn from_segments(n: usize) -> Option<FunctionLevel> {
        Some(match n {
            1 => FunctionLevel::Urusan,
            2 => FunctionLevel::Bidang,
            3 => FunctionLevel::Program,
            5 => FunctionLevel::Kegiatan,
            6 => FunctionLevel::SubKegiatan,
            _ => return None,
        })
    }

    /// How many segments a code of this level has (a kegiatan has the fixed `2` as its 4th).
    fn segments(self) -> usize {
        match self {
            FunctionLevel::Urusan => 1,
            FunctionLevel::Bidang => 2,
            FunctionLevel::Program => 3,
            FunctionLevel::Kegiatan => 5,
            FunctionLevel::SubKegiatan => 6,
        }
    }
}

/// A valid function code (urusan … sub kegiatan), in canonical form.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FunctionCode {
    code: String,
    level: FunctionLevel,
}

impl FunctionCode {
    /// Parse any level of function code.
    pub fn parse(input: &str) -> Result<FunctionCode, CodeError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(CodeError::Empty);
        }
        let parts: Vec<&str> = s.split('.').collect();
        let level =
            FunctionLevel::from_segments(parts.len()).ok_or(CodeError::MalformedFunction)?;
        // Widths: urusan 1, bidang 2, program 2, the kegiatan marker `2`, kegiatan 2, sub 4.
        const WIDTHS: [usize; 6] = [1, 2, 2, 1, 2, 4];
        for (part, width) in parts.iter().zip(WIDTHS) {
            if !digits(part, width) {
                return Err(CodeError::MalformedFunction);
            }
        }
        for (i, part) in parts.iter().enumerate() {
            let ok = if i == 3 { *part == "2" } else { nonzero(part) };
            if !ok {
                return Err(if i == 0 {
                    CodeError::UnknownUrusan
                } else {
                    CodeError::MalformedFunction
                });
            }
        }
        if !matches!(parts.first(), Some(u) if ("1"..="8").contains(u)) {
            return Err(CodeError::UnknownUrusan);
        }
        Ok(FunctionCode {
            code: s.to_string(),
            level,
        })
    }

    /// Parse a code that must be of `level`.
    pub fn parse_at(input: &str, level: FunctionLevel) -> Result<FunctionCode, CodeError> {
        let code = FunctionCode::parse(input)?;
        if code.level == level {
            Ok(code)
        } else {
            Err(CodeError::WrongLevel)
        }
    }

    pub fn level(&self) -> FunctionLevel {
        self.level
    }

    pub fn as_str(&self) -> &str {
        &self.code
    }

    /// The code one level up (a sub kegiatan's kegiatan, a kegiatan's programme…).
    pub fn parent(&self) -> Option<FunctionCode> {
        let level = match self.level {
            FunctionLevel::Urusan => return None,
            FunctionLevel::Bidang => FunctionLevel::Urusan,
            FunctionLevel::Program => FunctionLevel::Bidang,
            FunctionLevel::Kegiatan => FunctionLevel::Program,
            FunctionLevel::SubKegiatan => FunctionLevel::Kegiatan,
        };
        self.ancestor(level)
    }

    /// This code's ancestor (or itself) at `level`; `None` below this code's level.
    pub fn ancestor(&self, level: FunctionLevel) -> Option<FunctionCode> {
        if level > self.level {
            return None;
        }
        let code = prefix(&self.code, level.segments());
        Some(FunctionCode {
            code: code.to_string(),
            level,
        })
    }

    /// True when `other` is this code or lies under it (segment by segment, not by
    /// characters: `1.01.01` contains `1.01.01.2.01` but not `1.01.011`).
    pub fn contains(&self, other: &FunctionCode) -> bool {
        other.level >= self.level && prefix(&other.code, self.level.segments()) == self.code
    }
}

impl fmt::Display for FunctionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code)
    }
}

/// The first `n` dot-separated segments of `code`.
fn prefix(code: &str, n: usize) -> &str {
    code.match_indices('.')
        .nth(n.saturating_sub(1))
        .map_or(code, |(i, _)| &code[..i])
}

/// The level of an account code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountLevel {
    Akun,
    Kelompok,
    Jenis,
    Objek,
    RincianObjek,
    SubRincianObjek,
}

impl AccountLevel {
    /// The Fluent key of the level's name.
    pub fn key(self) -> &'static str {
        match self {
            AccountLevel::Akun => "budget-level-akun",
            AccountLevel::Kelompok => "budget-level-kelompok",
            AccountLevel::Jenis => "budget-level-jenis",
            AccountLevel::Objek => "budget-level-objek",
            AccountLevel::RincianObjek => "budget-level-rincian-objek",
            AccountLevel::SubRincianObjek => "budget-level-sub-rincian-objek",
        }
    }

    fn segments(self) -> usize {
        self as usize + 1
    }

    fn from_segments(n: usize) -> Option<AccountLevel> {
        Some(match n {
            1 => AccountLevel::Akun,
            2 => AccountLevel::Kelompok,
            3 => AccountLevel::Jenis,
            4 => AccountLevel::Objek,
            5 => AccountLevel::RincianObjek,
            6 => AccountLevel::SubRincianObjek,
            _ => return None,
        })
    }
}

/// What an account's money is: the three parts of the budget.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountClass {
    /// Akun 4, *pendapatan*.
    Revenue,
    /// Akun 5, *belanja*.
    Spending,
    /// Kelompok 6.1, *penerimaan pembiayaan*.
    FinancingReceipt,
    /// Kelompok 6.2, *pengeluaran pembiayaan*.
    FinancingExpenditure,
}

/// The kelompok of Permendagri 90/2019 (akun 4, 5 and 6); any other is unknown.
pub const KELOMPOK: &[&str] = &[
    "4.1", "4.2", "4.3", "5.1", "5.2", "5.3", "5.4", "6.1", "6.2",
];

/// A valid account code, in canonical form (four-digit sub rincian objek).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AccountCode {
    code: String,
    level: AccountLevel,
}

impl AccountCode {
    pub fn parse(input: &str) -> Result<AccountCode, CodeError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(CodeError::Empty);
        }
        let parts: Vec<&str> = s.split('.').collect();
        let level = AccountLevel::from_segments(parts.len()).ok_or(CodeError::MalformedAccount)?;
        const WIDTHS: [usize; 5] = [1, 1, 2, 2, 2];
        let mut code = String::with_capacity(18);
        for (i, part) in parts.iter().enumerate() {
            let ok = match WIDTHS.get(i) {
                Some(width) => digits(part, *width),
                None => digits(part, 4) || digits(part, 3),
            };
            if !ok || !nonzero(part) {
                return Err(CodeError::MalformedAccount);
            }
            if i > 0 {
                code.push('.');
            }
            if i == 5 && part.len() == 3 {
                code.push('0');
            }
            code.push_str(part);
        }
        if !matches!(parts.first(), Some(&("4" | "5" | "6"))) {
            return Err(CodeError::UnknownAccount);
        }
        if level >= AccountLevel::Kelompok && !KELOMPOK.contains(&prefix(&code, 2)) {
            return Err(CodeError::UnknownAccount);
        }
        Ok(AccountCode { code, level })
    }

    pub fn level(&self) -> AccountLevel {
        self.level
    }

    pub fn as_str(&self) -> &str {
        &self.code
    }

    /// `4`, `5` or `6`.
    pub fn akun(&self) -> &str {
        prefix(&self.code, 1)
    }

    /// The code at `level` (itself or an ancestor); `None` below this code's level.
    pub fn ancestor(&self, level: AccountLevel) -> Option<AccountCode> {
        (level <= self.level).then(|| AccountCode {
            code: prefix(&self.code, level.segments()).to_string(),
            level,
        })
    }

    pub fn parent(&self) -> Option<AccountCode> {
        let level = AccountLevel::from_segments(self.level.segments().checked_sub(1)?)?;
        self.ancestor(level)
    }

    /// Revenue, spending, or financing in or out; `None` for a bare akun 6 (it is both).
    pub fn class(&self) -> Option<AccountClass> {
        match self.akun() {
            "4" => Some(AccountClass::Revenue),
            "5" => Some(AccountClass::Spending),
            _ => match self.ancestor(AccountLevel::Kelompok)?.as_str() {
                "6.1" => Some(AccountClass::FinancingReceipt),
                _ => Some(AccountClass::FinancingExpenditure),
            },
        }
    }

    /// True when `other` is this code or lies under it.
    pub fn contains(&self, other: &AccountCode) -> bool {
        other.level >= self.level && prefix(&other.code, self.level.segments()) == self.code
    }
}

impl fmt::Display for AccountCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code)
    }
}

/// A valid organisation (SKPD/OPD) code: `1.03.0.00.0.00.01.0000`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OrganisationCode {
    code: String,
}

impl OrganisationCode {
    pub fn parse(input: &str) -> Result<OrganisationCode, CodeError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(CodeError::Empty);
        }
        let parts: Vec<&str> = s.split('.').collect();
        const WIDTHS: [usize; 8] = [1, 2, 1, 2, 1, 2, 2, 4];
        if parts.len() != WIDTHS.len() || !parts.iter().zip(WIDTHS).all(|(p, w)| digits(p, w)) {
            return Err(CodeError::MalformedOrganisation);
        }
        // The first bidang is required; the second and third are a bidang or `0.00`.
        for pair in [0, 2, 4] {
            let (u, b) = (parts[pair], parts[pair + 1]);
            let empty = u == "0" && b == "00";
            if pair == 0 || !empty {
                if !("1"..="8").contains(&u) {
                    return Err(CodeError::UnknownUrusan);
                }
                if !nonzero(b) {
                    return Err(CodeError::MalformedOrganisation);
                }
            }
        }
        if !nonzero(parts[6]) {
            return Err(CodeError::MalformedOrganisation);
        }
        Ok(OrganisationCode {
            code: s.to_string(),
        })
    }

    pub fn as_str(&self) -> &str {
        &self.code
    }

    /// The bidang urusan the organisation holds (one to three, e.g. `1.03`).
    pub fn bidang(&self) -> Vec<FunctionCode> {
        let parts: Vec<&str> = self.code.split('.').collect();
        [0, 2, 4]
            .iter()
            .filter_map(|&i| {
                let (u, b) = (parts.get(i)?, parts.get(i + 1)?);
                FunctionCode::parse_at(&format!("{u}.{b}"), FunctionLevel::Bidang).ok()
            })
            .collect()
    }
}

impl fmt::Display for OrganisationCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn function_levels_and_parents() {
        let sub = FunctionCode::parse(" 1.01.01.2.01.0001 ").unwrap();
        assert_eq!(sub.level(), FunctionLevel::SubKegiatan);
        assert_eq!(sub.as_str(), "1.01.01.2.01.0001");
        let chain: Vec<String> = std::iter::successors(Some(sub.clone()), FunctionCode::parent)
            .map(|c| c.to_string())
            .collect();
        assert_eq!(
            chain,
            ["1.01.01.2.01.0001", "1.01.01.2.01", "1.01.01", "1.01", "1"]
        );
        let program = FunctionCode::parse_at("1.01.01", FunctionLevel::Program).unwrap();
        assert!(program.contains(&sub));
        assert!(!FunctionCode::parse("1.01.02").unwrap().contains(&sub));
        assert_eq!(
            sub.ancestor(FunctionLevel::Program).unwrap().as_str(),
            "1.01.01"
        );
        assert_eq!(program.ancestor(FunctionLevel::Kegiatan), None);
    }

    #[test]
    fn function_errors() {
        for (input, err) in [
            ("", CodeError::Empty),
            ("   ", CodeError::Empty),
            ("X.XX.01.2.01.0001", CodeError::MalformedFunction),
            ("1.01.01.1.01.0001", CodeError::MalformedFunction),
            ("1.01.01.2", CodeError::MalformedFunction),
            ("1.1.01", CodeError::MalformedFunction),
            ("1.01.01.2.01.001", CodeError::MalformedFunction),
            ("1.01.01.2.01.0000", CodeError::MalformedFunction),
            ("1.00", CodeError::MalformedFunction),
            ("1.01 .01", CodeError::MalformedFunction),
            ("1..01", CodeError::MalformedFunction),
            ("9.01.01", CodeError::UnknownUrusan),
            ("0.01", CodeError::UnknownUrusan),
            ("１.01", CodeError::MalformedFunction),
        ] {
            assert_eq!(FunctionCode::parse(input), Err(err), "{input:?}");
        }
        assert_eq!(
            FunctionCode::parse_at("1.01.01", FunctionLevel::SubKegiatan),
            Err(CodeError::WrongLevel)
        );
    }

    #[test]
    fn accounts() {
        let a = AccountCode::parse("5.1.02.01.01.001").unwrap();
        assert_eq!(a.as_str(), "5.1.02.01.01.0001", "three digits become four");
        assert_eq!(a.level(), AccountLevel::SubRincianObjek);
        assert_eq!(a.class(), Some(AccountClass::Spending));
        let chain: Vec<String> = std::iter::successors(Some(a.clone()), AccountCode::parent)
            .map(|c| c.to_string())
            .collect();
        assert_eq!(
            chain,
            [
                "5.1.02.01.01.0001",
                "5.1.02.01.01",
                "5.1.02.01",
                "5.1.02",
                "5.1",
                "5"
            ]
        );
        assert!(AccountCode::parse("5.1").unwrap().contains(&a));
        assert!(!AccountCode::parse("5.2").unwrap().contains(&a));
        assert_eq!(
            AccountCode::parse("4.1.01").unwrap().class(),
            Some(AccountClass::Revenue)
        );
        assert_eq!(
            AccountCode::parse("6.1.01.01.01.0001").unwrap().class(),
            Some(AccountClass::FinancingReceipt)
        );
        assert_eq!(
            AccountCode::parse("6.2.02").unwrap().class(),
            Some(AccountClass::FinancingExpenditure)
        );
        for (input, err) in [
            ("", CodeError::Empty),
            ("7.1.01", CodeError::UnknownAccount),
            ("5.9.01", CodeError::UnknownAccount),
            ("6.3", CodeError::UnknownAccount),
            ("5.1.2", CodeError::MalformedAccount),
            ("5.1.02.01.01.00001", CodeError::MalformedAccount),
            ("5.1.02.01.01.0000", CodeError::MalformedAccount),
            ("5.1.02.01.01.0001.01", CodeError::MalformedAccount),
            ("5,1,02", CodeError::MalformedAccount),
        ] {
            assert_eq!(AccountCode::parse(input), Err(err), "{input:?}");
        }
    }

    #[test]
    fn organisations() {
        let o = OrganisationCode::parse("1.03.1.04.0.00.01.0000").unwrap();
        let bidang: Vec<String> = o.bidang().iter().map(|b| b.to_string()).collect();
        assert_eq!(bidang, ["1.03", "1.04"]);
        assert!(OrganisationCode::parse("1.03.0.00.0.00.01.0000").is_ok());
        for (input, err) in [
            ("1.03.0.00.0.00.00.0000", CodeError::MalformedOrganisation),
            ("1.03.0.00.0.00.01", CodeError::MalformedOrganisation),
            ("0.00.0.00.0.00.01.0000", CodeError::UnknownUrusan),
            ("1.03.9.01.0.00.01.0000", CodeError::UnknownUrusan),
            ("1.03.1.00.0.00.01.0000", CodeError::MalformedOrganisation),
            ("dinas-pu", CodeError::MalformedOrganisation),
        ] {
            assert_eq!(OrganisationCode::parse(input), Err(err), "{input:?}");
        }
    }

    fn segment(width: usize) -> impl Strategy<Value = String> {
        let max = 10u32.pow(width as u32) - 1;
        (1..=max).prop_map(move |n| format!("{n:0width$}"))
    }

    fn function_code() -> impl Strategy<Value = String> {
        (
            1u8..=8,
            segment(2),
            segment(2),
            segment(2),
            segment(4),
            1usize..=5,
        )
            .prop_map(|(u, b, p, k, s, depth)| {
                let parts = [u.to_string(), b, p, format!("2.{k}"), s];
                parts[..depth].join(".")
            })
    }

    fn account_code() -> impl Strategy<Value = String> {
        (
            proptest::sample::select(KELOMPOK),
            segment(2),
            segment(2),
            segment(2),
            segment(4),
            2usize..=6,
        )
            .prop_map(|(k, j, o, r, s, depth)| {
                let parts = [k.to_string(), j, o, r, s];
                parts[..depth - 1].join(".")
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        #[test]
        fn parsing_never_panics(s in ".{0,40}") {
            let _ = FunctionCode::parse(&s);
            let _ = AccountCode::parse(&s);
            let _ = OrganisationCode::parse(&s);
        }

        #[test]
        fn parsing_dotted_digits_never_panics(s in "[0-9.]{0,24}") {
            let _ = FunctionCode::parse(&s).map(|c| c.parent());
            let _ = AccountCode::parse(&s).map(|c| (c.parent(), c.class()));
            let _ = OrganisationCode::parse(&s).map(|c| c.bidang());
        }

        #[test]
        fn valid_function_codes_round_trip(s in function_code()) {
            let code = FunctionCode::parse(&s).unwrap();
            prop_assert_eq!(code.as_str(), s.as_str());
            prop_assert_eq!(FunctionCode::parse(&code.to_string()).unwrap(), code.clone());
            // Every ancestor is a prefix and contains the code.
            let mut up = code.parent();
            while let Some(parent) = up {
                prop_assert!(s.starts_with(parent.as_str()));
                prop_assert!(parent.contains(&code));
                up = parent.parent();
            }
        }

        #[test]
        fn valid_account_codes_round_trip(s in account_code()) {
            let code = AccountCode::parse(&s).unwrap();
            prop_assert_eq!(code.as_str(), s.as_str());
            prop_assert_eq!(AccountCode::parse(code.as_str()).unwrap(), code.clone());
            prop_assert!(code.class().is_some());
            let mut up = code.parent();
            while let Some(parent) = up {
                prop_assert!(parent.contains(&code));
                up = parent.parent();
            }
        }
    }
}
