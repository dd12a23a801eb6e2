//! Guards on translations: both catalogs have the same keys, every key the code uses
//! exists, and no template holds user-facing text of its own.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use platform::i18n::Lang;

use crate::support::TestApp;

fn crates_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every file under `dir` (recursively) whose name ends with `ext`.
fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, ext, out);
        } else if path.to_string_lossy().ends_with(ext) {
            out.push(path);
        }
    }
}

/// `crates/*/<sub>/**/*<ext>`.
fn crate_files(sub: &str, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for krate in std::fs::read_dir(crates_dir())
        .expect("crates folder")
        .flatten()
    {
        files(&krate.path().join(sub), ext, &mut out);
    }
    out.sort();
    out
}

fn is_key(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.contains('-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The string literal right after each occurrence of `marker` (which ends with `"`).
fn literals_after<'a>(text: &'a str, marker: &str) -> Vec<&'a str> {
    text.match_indices(marker)
        .filter_map(|(i, _)| {
            let rest = &text[i + marker.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

/// Translation keys used literally in `text`: `t("…")`, `t1("…"`, `tn("…"`, `ta("…"`,
/// and in Rust also error keys `"error-…"`, menu entries `key: "…"`, field errors and
/// BadRequest/Conflict.
fn keys_used(text: &str, rust: bool) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for marker in [
        ".t(\"",
        ".t1(\"",
        ".tn(\"",
        ".ta(\"",
        "key: \"",
        "BadRequest(\"",
        "Conflict(\"",
    ] {
        keys.extend(
            literals_after(text, marker)
                .into_iter()
                .filter(|k| is_key(k))
                .map(str::to_string),
        );
    }
    if !rust {
        return keys;
    }
    for (i, _) in text.match_indices("\"error-") {
        let rest = &text[i + 1..];
        if let Some(end) = rest.find('"') {
            let key = &rest[..end];
            if is_key(key) && key.len() > "error-".len() {
                keys.insert(key.to_string());
            }
        }
    }
    for (i, _) in text.match_indices("FieldError::new(\"") {
        let rest = &text[i..];
        if let Some(key) = rest.split('"').nth(3).filter(|k| is_key(k)) {
            keys.insert(key.to_string());
        }
    }
    keys
}

#[tokio::test]
async fn both_catalogs_have_exactly_the_same_keys() {
    let app = TestApp::builder().empty().start().await;
    let id: BTreeSet<&String> = app.state.catalog.keys(Lang::Id).iter().collect();
    let en: BTreeSet<&String> = app.state.catalog.keys(Lang::En).iter().collect();
    let only_id: Vec<_> = id.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&id).collect();
    assert!(
        only_id.is_empty() && only_en.is_empty(),
        "only in Indonesian: {only_id:?}\nonly in English: {only_en:?}"
    );
    assert!(id.len() > 100);
}

#[tokio::test]
async fn every_key_used_in_templates_and_code_exists() {
    let app = TestApp::builder().empty().start().await;
    let known: BTreeSet<&str> = app
        .state
        .catalog
        .keys(Lang::Id)
        .iter()
        .map(String::as_str)
        .collect();
    let mut missing = Vec::new();
    let mut used = 0;
    let sources = crate_files("templates", ".html")
        .into_iter()
        .chain(crate_files("src", ".rs"));
    for path in sources {
        let text = std::fs::read_to_string(&path).expect("read source");
        for key in keys_used(&text, path.extension().is_some_and(|e| e == "rs")) {
            used += 1;
            if !known.contains(key.as_str()) {
                missing.push(format!("{}: {key}", path.display()));
            }
        }
    }
    assert!(
        used > 100,
        "the scan found only {used} keys; is it looking in the right place?"
    );
    assert!(
        missing.is_empty(),
        "keys used but not in the catalog:\n{}",
        missing.join("\n")
    );
}

/// Remove everything between `open` and `close` (inclusive).
fn strip(text: &str, open: &str, close: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(open) {
        out.push_str(&rest[..start]);
        match rest[start + open.len()..].find(close) {
            Some(end) => rest = &rest[start + open.len() + end + close.len()..],
            None => {
                rest = "";
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The letters of a template that are not markup, template code or entities. Text inside
/// `<code>…</code>` (a formula, a command) is the same in every language and is allowed.
fn visible_text(template: &str) -> String {
    let text = strip(template, "<code>", "</code>");
    let text = strip(&text, "{#", "#}");
    let text = strip(&text, "{{", "}}");
    let text = strip(&text, "{%", "%}");
    let text = strip(&text, "<!--", "-->");
    let text = strip(&text, "<", ">");
    let text = strip(&text, "&", ";");
    text.chars().filter(|c| c.is_alphabetic()).collect()
}

#[test]
fn templates_hold_no_text_of_their_own() {
    let templates = crate_files("templates", ".html");
    assert!(
        templates.len() >= 10,
        "found only {} templates",
        templates.len()
    );
    let offenders: Vec<String> = templates
        .iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(path).expect("read template");
            let letters = visible_text(&text);
            (!letters.is_empty()).then(|| format!("{}: {letters}", path.display()))
        })
        .collect();
    assert!(
        offenders.is_empty(),
        "templates with their own words (use Fluent):\n{}",
        offenders.join("\n")
    );
}

#[test]
fn the_guards_catch_what_they_should() {
    assert_eq!(
        visible_text("<p class=\"x\">{{ t.t(\"a-b\") }} &middot; {% if x > 1 %}</p>{# note #}"),
        ""
    );
    assert_eq!(visible_text("<p>Halo {{ name }}</p>"), "Halo");
    assert_eq!(visible_text("<p><code>terbuka verify-log</code></p>"), "");
    let keys = keys_used(
        "t.t(\"nav-home\") t.tn(\"org-children\", \"count\", 1) AppError::BadRequest(\"error-bad-form\") FieldError::new(\"slug\", \"news-error-slug\") key: \"nav-faq\"",
        true,
    );
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    assert_eq!(
        keys,
        vec![
            "error-bad-form",
            "nav-faq",
            "nav-home",
            "news-error-slug",
            "org-children"
        ]
    );
}
