//! Translations (Project Fluent) and Indonesian formatting of dates, numbers and rupiah.
//!
//! Every crate ships its own `.ftl` files beside its code and hands them to the [`Catalog`]
//! as [`Ftl`] values; the binary builds one catalog from all of them. Bahasa Indonesia is the
//! default language, English the second. Templates never hold user-facing text: they call
//! `t.t("key")`. A missing key renders as the key itself and is logged, and the guard tests in
//! `crates/terbuka/tests` fail on any key missing in either language.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// The platform's own messages.
pub const FTL: &[Ftl] = &[
    crate::ftl!("platform"),
    crate::ftl!("accounts"),
    crate::ftl!("admin"),
    crate::ftl!("audit"),
    crate::ftl!("calendar"),
    crate::ftl!("cases"),
    crate::ftl!("comments"),
    crate::ftl!("regions"),
];

/// `ftl!("name")`: the pair `locales/id/name.ftl` and `locales/en/name.ftl` of the calling
/// crate.
#[macro_export]
macro_rules! ftl {
    ($name:literal) => {
        $crate::i18n::Ftl {
            name: $name,
            id: include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/locales/id/",
                $name,
                ".ftl"
            )),
            en: include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/locales/en/",
                $name,
                ".ftl"
            )),
        }
    };
}

/// One Fluent file in both languages.
#[derive(Clone, Copy, Debug)]
pub struct Ftl {
    pub name: &'static str,
    pub id: &'static str,
    pub en: &'static str,
}

/// Bahasa Indonesia first: the default language.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Id,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Id, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "id" | "in" | "id-id" => Some(Lang::Id),
            "en" | "en-us" | "en-gb" => Some(Lang::En),
            _ => None,
        }
    }

    /// The first supported language in an `Accept-Language` header, else Indonesian.
    pub fn from_accept_language(header: &str) -> Lang {
        header
            .split(',')
            .filter_map(|part| part.split(';').next())
            .filter_map(|tag| Lang::parse(tag.split('-').next().unwrap_or("")))
            .next()
            .unwrap_or(Lang::Id)
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Id => Lang::En,
            Lang::En => Lang::Id,
        }
    }
}

/// All messages of all modules, in both languages.
pub struct Catalog {
    bundles: HashMap<Lang, FluentBundle<FluentResource>>,
    keys: HashMap<Lang, Vec<String>>,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog")
            .field("keys", &self.keys.len())
            .finish()
    }
}

/// A problem in a Fluent file, found when the catalog is built.
#[derive(Debug, thiserror::Error)]
#[error("Fluent file {file} ({lang}): {message}")]
pub struct CatalogError {
    pub file: String,
    pub lang: &'static str,
    pub message: String,
}

impl Catalog {
    pub fn build(files: &[&[Ftl]]) -> Result<Arc<Catalog>, CatalogError> {
        let mut bundles = HashMap::new();
        let mut keys = HashMap::new();
        for lang in Lang::ALL {
            let langid: LanguageIdentifier = lang.code().parse().map_err(|_| CatalogError {
                file: String::new(),
                lang: lang.code(),
                message: "bad language id".into(),
            })?;
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            // Unicode isolation marks around arguments would show up in HTML attributes and
            // plain-text e-mail; our arguments are never bidirectional text.
            bundle.set_use_isolating(false);
            let mut lang_keys = Vec::new();
            for ftl in files.iter().flat_map(|f| f.iter()) {
                let source = match lang {
                    Lang::Id => ftl.id,
                    Lang::En => ftl.en,
                };
                let resource =
                    FluentResource::try_new(source.to_string()).map_err(|(_, errs)| {
                        CatalogError {
                            file: ftl.name.into(),
                            lang: lang.code(),
                            message: format!("{errs:?}"),
                        }
                    })?;
                for entry in resource.entries() {
                    if let fluent_syntax::ast::Entry::Message(m) = entry {
                        lang_keys.push(m.id.name.to_string());
                    }
                }
                bundle.add_resource(resource).map_err(|errs| CatalogError {
                    file: ftl.name.into(),
                    lang: lang.code(),
                    message: format!("duplicate keys: {errs:?}"),
                })?;
            }
            lang_keys.sort();
            bundles.insert(lang, bundle);
            keys.insert(lang, lang_keys);
        }
        Ok(Arc::new(Catalog { bundles, keys }))
    }

    /// Every message key defined for `lang`, sorted.
    pub fn keys(&self, lang: Lang) -> &[String] {
        self.keys.get(&lang).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn has(&self, lang: Lang, key: &str) -> bool {
        self.bundles.get(&lang).is_some_and(|b| b.has_message(key))
    }

    pub fn message(&self, lang: Lang, key: &str, args: Option<&FluentArgs>) -> String {
        let Some(bundle) = self.bundles.get(&lang) else {
            return key.to_string();
        };
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            tracing::warn!(key, lang = lang.code(), "missing translation");
            return key.to_string();
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::warn!(key, ?errors, "translation formatting problem");
        }
        text.into_owned()
    }
}

/// A translator for one request's language, handed to every template as `t`.
#[derive(Clone, Debug)]
pub struct Tr {
    pub lang: Lang,
    catalog: Arc<Catalog>,
}

impl Tr {
    pub fn new(catalog: Arc<Catalog>, lang: Lang) -> Tr {
        Tr { lang, catalog }
    }

    /// The message `key`.
    pub fn t(&self, key: &str) -> String {
        self.catalog.message(self.lang, key, None)
    }

    /// The message `key` with named arguments (strings or numbers).
    pub fn ta(&self, key: &str, args: &[(&str, Arg)]) -> String {
        let mut fargs = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Str(s) => fargs.set(*name, FluentValue::from(s.clone())),
                Arg::Num(n) => fargs.set(*name, FluentValue::from(*n)),
            }
        }
        self.catalog.message(self.lang, key, Some(&fargs))
    }

    /// `key` with a single string argument `value` — the common case, short in templates.
    pub fn t1(&self, key: &str, name: &str, value: &str) -> String {
        self.ta(key, &[(name, Arg::Str(value.to_string()))])
    }

    /// `key` with a single number argument (plural selection works on it).
    pub fn tn(&self, key: &str, name: &str, value: i64) -> String {
        self.ta(key, &[(name, Arg::Num(value as f64))])
    }

    pub fn catalog(&self) -> &Arc<Catalog> {
        &self.catalog
    }

    pub fn date(&self, date: &NaiveDate) -> String {
        format_date(self.lang, *date)
    }

    pub fn datetime(&self, at: &DateTime<Utc>) -> String {
        format_datetime(self.lang, *at)
    }

    pub fn number(&self, n: &i64) -> String {
        format_number(*n)
    }

    pub fn rupiah(&self, n: &i64) -> String {
        format_rupiah(*n)
    }
}

#[derive(Clone, Debug)]
pub enum Arg {
    Str(String),
    Num(f64),
}

const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub fn month_name(lang: Lang, month: u32) -> &'static str {
    let names = match lang {
        Lang::Id => &MONTHS_ID,
        Lang::En => &MONTHS_EN,
    };
    names
        .get(month.saturating_sub(1) as usize)
        .copied()
        .unwrap_or("")
}

/// `27 November 2026` (the same order in both languages, month names translated).
pub fn format_date(lang: Lang, date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        month_name(lang, date.month()),
        date.year()
    )
}

/// `27 November 2026 14.05 WIB` (Indonesian uses a dot between hours and minutes).
pub fn format_datetime(lang: Lang, at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&crate::clock::wib());
    let sep = match lang {
        Lang::Id => '.',
        Lang::En => ':',
    };
    format!(
        "{} {}{sep}{} WIB",
        format_date(lang, local.date_naive()),
        local.format("%H"),
        local.format("%M")
    )
}

/// `1.234.567` — Indonesian thousands separator.
pub fn format_number(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// `Rp1.234.567`.
pub fn format_rupiah(n: i64) -> String {
    if n < 0 {
        format!("-Rp{}", format_number(-n))
    } else {
        format!("Rp{}", format_number(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_numbers_and_rupiah_the_indonesian_way() {
        assert_eq!(format_number(0), "0");
        assert_eq!(format_number(999), "999");
        assert_eq!(format_number(1000), "1.000");
        assert_eq!(format_number(1234567), "1.234.567");
        assert_eq!(format_rupiah(1234567), "Rp1.234.567");
        assert_eq!(format_rupiah(-5000), "-Rp5.000");
    }

    #[test]
    fn formats_dates_in_both_languages() {
        let d = NaiveDate::from_ymd_opt(2026, 8, 17).unwrap();
        assert_eq!(format_date(Lang::Id, d), "17 Agustus 2026");
        assert_eq!(format_date(Lang::En, d), "17 August 2026");
    }

    #[test]
    fn picks_language_from_accept_language() {
        assert_eq!(Lang::from_accept_language("en-US,en;q=0.9"), Lang::En);
        assert_eq!(Lang::from_accept_language("fr,id;q=0.8"), Lang::Id);
        assert_eq!(Lang::from_accept_language("de"), Lang::Id);
        assert_eq!(Lang::from_accept_language(""), Lang::Id);
    }
}
