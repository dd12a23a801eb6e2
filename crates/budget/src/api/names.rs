//! Names of the upper levels of the two hierarchies, which an import file does not carry:
//! urusan and bidang urusan (`data/budget/kode-fungsi.csv`) and akun, kelompok and jenis of
//! the accounts (`data/budget/kode-akun.csv`), Permendagri 90/2019. Lower levels are named
//! by the file (`budget_names`). The lists were compiled from the regulation's appendix
//! from memory (see the files' headers): to be checked against the official lampiran.

use std::sync::LazyLock;

use platform::i18n::Lang;

/// `kode,nama,name_en` of urusan and bidang urusan.
pub const FUNCTION_NAMES: &str = include_str!("../../../../data/budget/kode-fungsi.csv");

/// `kode,nama,name_en` of akun, kelompok and jenis.
pub const ACCOUNT_NAMES: &str = include_str!("../../../../data/budget/kode-akun.csv");

/// One named code: (code, Indonesian name, English name).
pub type Named = (String, String, String);

/// The rows of a names file (`#` lines are its header comment); a malformed row is left out
/// (the tests check that none is).
pub fn parse(text: &str) -> Vec<Named> {
    csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_reader(text.as_bytes())
        .records()
        .filter_map(|r| {
            let r = r.ok()?;
            let field = |n: usize| r.get(n).map(|s| s.trim().to_string());
            Some((field(0)?, field(1)?, field(2)?))
        })
        .filter(|(code, id, en)| !code.is_empty() && !id.is_empty() && !en.is_empty())
        .collect()
}

static FUNCTIONS: LazyLock<Vec<Named>> = LazyLock::new(|| parse(FUNCTION_NAMES));
static ACCOUNTS: LazyLock<Vec<Named>> = LazyLock::new(|| parse(ACCOUNT_NAMES));

fn find(list: &'static [Named], code: &str, lang: Lang) -> Option<&'static str> {
    list.iter()
        .find(|(c, _, _)| c == code)
        .map(|(_, id, en)| match lang {
            Lang::Id => id.as_str(),
            Lang::En => en.as_str(),
        })
}

/// The official (Indonesian) name of an urusan or bidang code.
pub fn function(code: &str) -> Option<&'static str> {
    function_in(code, Lang::Id)
}

/// The official (Indonesian) name of an akun, kelompok or jenis code.
pub fn account(code: &str) -> Option<&'static str> {
    account_in(code, Lang::Id)
}

/// The name of an urusan or bidang code in `lang`.
pub fn function_in(code: &str, lang: Lang) -> Option<&'static str> {
    find(&FUNCTIONS, code, lang)
}

/// The name of an akun, kelompok or jenis code in `lang`.
pub fn account_in(code: &str, lang: Lang) -> Option<&'static str> {
    find(&ACCOUNTS, code, lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::{AccountCode, AccountLevel, FunctionCode, FunctionLevel};

    fn data_rows(text: &str) -> usize {
        text.lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .count()
            - 1
    }

    #[test]
    fn every_row_of_the_names_files_is_read_and_is_a_code_of_its_level() {
        let functions = parse(FUNCTION_NAMES);
        assert_eq!(functions.len(), data_rows(FUNCTION_NAMES));
        for (code, _, _) in &functions {
            let level = if code.contains('.') {
                FunctionLevel::Bidang
            } else {
                FunctionLevel::Urusan
            };
            let parsed = FunctionCode::parse(code).unwrap();
            assert_eq!(parsed.level(), level, "{code}");
        }
        let accounts = parse(ACCOUNT_NAMES);
        assert_eq!(accounts.len(), data_rows(ACCOUNT_NAMES));
        for (code, _, _) in &accounts {
            let level = AccountCode::parse(code).unwrap().level();
            assert!(level <= AccountLevel::Jenis, "{code}");
        }
        // No code twice in a list, and every code's parent named in its list.
        for list in [&functions, &accounts] {
            let mut codes: Vec<&str> = list.iter().map(|r| r.0.as_str()).collect();
            codes.sort_unstable();
            codes.dedup();
            assert_eq!(codes.len(), list.len(), "no code twice");
            for (code, _, _) in list.iter() {
                if let Some((parent, _)) = code.rsplit_once('.') {
                    assert!(codes.contains(&parent), "{code} without its parent");
                }
            }
        }
    }

    #[test]
    fn the_regulations_examples_are_named_in_both_languages() {
        assert_eq!(function("1.01"), Some("Pendidikan"));
        assert_eq!(function("1.03"), Some("Pekerjaan Umum dan Penataan Ruang"));
        assert_eq!(function_in("1.02", Lang::En), Some("Health"));
        assert_eq!(account("5.1.01"), Some("Belanja Pegawai"));
        assert_eq!(account("5.1.02"), Some("Belanja Barang dan Jasa"));
        assert_eq!(account("5.1.05"), Some("Belanja Hibah"));
        assert_eq!(account("5.2.02"), Some("Belanja Modal Peralatan dan Mesin"));
        assert_eq!(account("4.1.01"), Some("Pajak Daerah"));
        assert_eq!(account_in("4.1.01", Lang::En), Some("Regional taxes"));
        assert_eq!(account("5.1.02.01"), None);
    }
}
