//! The public-exposure scanner: crawl what an anonymous visitor can reach and report every
//! response that contains a piece of personal data.
//!
//! The demo data holds known personal data (NIK, phone numbers, e-mails, addresses of demo
//! people); [`personal_strings`] turns such a CSV into the strings to look for, in the forms
//! they could be printed in. [`crawl`] follows every same-site link (`href`, `src`, URLs in
//! JSON bodies) from the seed paths, as one visitor without an account. [`leaks`] names each
//! URL and the string it exposed.

use std::collections::{BTreeSet, HashSet, VecDeque};

use futures::StreamExt;

/// One fetched response.
#[derive(Clone, Debug)]
pub struct Fetched {
    pub path: String,
    pub status: u16,
    pub content_type: String,
    pub body: String,
}

/// One piece of personal data found in a public response.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Leak {
    pub path: String,
    pub needle: String,
    /// A few characters around the first occurrence.
    pub context: String,
}

/// The personal strings in a CSV with (some of) the columns `nik`, `phone`, `email`,
/// `address`, with the variants a page could print: phone digits without spaces or dashes,
/// `+62…` as `0…` and back, e-mails in lower case, HTML-escaped addresses.
pub fn personal_strings(csv_text: &str) -> anyhow::Result<Vec<String>> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader.headers()?.clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let columns: Vec<(&str, usize)> = ["nik", "phone", "email", "address"]
        .into_iter()
        .filter_map(|name| column(name).map(|i| (name, i)))
        .collect();
    anyhow::ensure!(
        !columns.is_empty(),
        "the CSV has none of the columns nik, phone, email, address"
    );
    let mut out = BTreeSet::new();
    for record in reader.records() {
        let record = record?;
        for (name, i) in &columns {
            let value = record.get(*i).unwrap_or("").trim();
            if value.len() < 6 {
                continue;
            }
            out.insert(value.to_string());
            match *name {
                "phone" => {
                    let digits: String = value
                        .chars()
                        .filter(|c| c.is_ascii_digit() || *c == '+')
                        .collect();
                    out.insert(digits.clone());
                    if let Some(rest) = digits.strip_prefix("+62") {
                        out.insert(format!("0{rest}"));
                        out.insert(format!("62{rest}"));
                    } else if let Some(rest) = digits.strip_prefix('0') {
                        out.insert(format!("+62{rest}"));
                        out.insert(format!("62{rest}"));
                    }
                    // The local part alone (e.g. "81234567890"), as a printed number may split it.
                    let bare = digits
                        .trim_start_matches('+')
                        .trim_start_matches("62")
                        .trim_start_matches('0');
                    if bare.len() >= 8 {
                        out.insert(bare.to_string());
                    }
                }
                "email" => {
                    out.insert(value.to_lowercase());
                }
                "address" => {
                    out.insert(html_escape(value));
                }
                _ => {}
            }
        }
    }
    Ok(out.into_iter().filter(|s| s.len() >= 6).collect())
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Every (path, string) where a personal string appears in a response.
pub fn leaks(pages: &[Fetched], needles: &[String]) -> Vec<Leak> {
    let mut found = BTreeSet::new();
    for page in pages {
        for needle in needles {
            if let Some(at) = page.body.find(needle.as_str()) {
                let start = floor_char(&page.body, at.saturating_sub(60));
                let end = floor_char(&page.body, (at + needle.len() + 60).min(page.body.len()));
                found.insert(Leak {
                    path: page.path.clone(),
                    needle: needle.clone(),
                    context: page.body[start..end].replace('\n', " "),
                });
            }
        }
    }
    found.into_iter().collect()
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Paths the crawler never follows: they change the visitor's state rather than show data.
pub const SKIP_PREFIXES: &[&str] = &["/bahasa/", "/keluar"];

/// Crawl as one anonymous visitor (`accept_language` chooses the language) from `seeds`,
/// following same-site links, at most `limit` URLs. `base` is `http://host:port`.
pub async fn crawl(
    base: &str,
    seeds: &[&str],
    accept_language: &str,
    limit: usize,
) -> anyhow::Result<Vec<Fetched>> {
    let client = {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(reqwest::header::ACCEPT_LANGUAGE, accept_language.parse()?);
        reqwest::Client::builder()
            .default_headers(headers)
            .redirect(reqwest::redirect::Policy::none())
            .build()?
    };
    let mut seen: HashSet<String> = HashSet::new();
    let mut queue: VecDeque<String> = VecDeque::new();
    for seed in seeds {
        if let Some(path) = normalise(base, "/", seed)
            && seen.insert(path.clone())
        {
            queue.push_back(path);
        }
    }
    let mut fetched = Vec::new();
    while !queue.is_empty() && fetched.len() < limit {
        let take = queue.len().min(limit - fetched.len()).min(64);
        let wave: Vec<String> = queue.drain(..take).collect();
        let results: Vec<anyhow::Result<Fetched>> = futures::stream::iter(wave)
            .map(|path| fetch(&client, base, path))
            .buffer_unordered(6)
            .collect()
            .await;
        for result in results {
            let page = result?;
            for link in links_in(base, &page) {
                if seen.len() < limit * 4 && seen.insert(link.clone()) {
                    queue.push_back(link);
                }
            }
            fetched.push(page);
        }
    }
    fetched.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(fetched)
}

async fn fetch(client: &reqwest::Client, base: &str, path: String) -> anyhow::Result<Fetched> {
    let response = client
        .get(format!("{base}{path}"))
        .send()
        .await
        .map_err(|e| anyhow::anyhow!("GET {path}: {e}"))?;
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let bytes = response
        .bytes()
        .await
        .map_err(|e| anyhow::anyhow!("reading {path}: {e}"))?;
    let mut body = String::from_utf8_lossy(&bytes).into_owned();
    // A redirect's target is a link too.
    if let Some(location) = location {
        body.push_str(&format!("\n<a href=\"{}\"></a>", html_escape(&location)));
    }
    Ok(Fetched {
        path,
        status,
        content_type,
        body,
    })
}

/// The same-site paths a response links to.
pub fn links_in(base: &str, page: &Fetched) -> Vec<String> {
    let mut raw: Vec<String> = Vec::new();
    let body = page.body.as_str();
    let looks_json =
        page.content_type.contains("json") || body.trim_start().starts_with(['{', '[']);
    if looks_json {
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(body) {
            json_strings(&value, &mut raw);
        }
    } else {
        for attr in ["href=", "src="] {
            let mut rest = body;
            while let Some(i) = rest.find(attr) {
                rest = &rest[i + attr.len()..];
                let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                    continue;
                };
                let inner = &rest[1..];
                if let Some(end) = inner.find(quote) {
                    raw.push(html_unescape(&inner[..end]));
                    rest = &inner[end..];
                }
            }
        }
    }
    let mut out: Vec<String> = raw
        .iter()
        .filter_map(|href| normalise(base, &page.path, href))
        .collect();
    out.sort();
    out.dedup();
    out
}

fn json_strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) if s.starts_with('/') || s.starts_with("http") => {
            out.push(s.clone())
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| json_strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| json_strings(v, out)),
        _ => {}
    }
}

fn html_unescape(s: &str) -> String {
    s.replace("&#x2f;", "/")
        .replace("&#x2F;", "/")
        .replace("&#47;", "/")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// A link as a same-site path (with query, without fragment), or `None` when it leaves the
/// site or is one the crawler skips.
pub fn normalise(base: &str, current: &str, href: &str) -> Option<String> {
    let href = href.trim();
    let href = href.split('#').next().unwrap_or("");
    if href.is_empty() {
        return None;
    }
    let lower = href.to_ascii_lowercase();
    if ["mailto:", "tel:", "javascript:", "data:"]
        .iter()
        .any(|s| lower.starts_with(s))
    {
        return None;
    }
    let path = if let Some(rest) = href.strip_prefix(base) {
        if rest.is_empty() {
            "/".to_string()
        } else {
            rest.to_string()
        }
    } else if lower.starts_with("http://")
        || lower.starts_with("https://")
        || href.starts_with("//")
    {
        return None;
    } else if href.starts_with('/') {
        href.to_string()
    } else if let Some(query) = href.strip_prefix('?') {
        format!("{}?{query}", current.split('?').next().unwrap_or("/"))
    } else {
        let dir = current.split('?').next().unwrap_or("/");
        let dir = &dir[..dir.rfind('/').map_or(0, |i| i + 1)];
        format!("{dir}{href}")
    };
    if !path.starts_with('/') || SKIP_PREFIXES.iter().any(|p| path.starts_with(p)) {
        return None;
    }
    Some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_are_searched_in_every_written_form() {
        let csv = "name,nik,phone,email,address\nSiti,3522011203900001,+62 812-3456-7890,Siti@Example.ID,\"Jl. Mawar 3, Bojonegoro\"\n";
        let strings = personal_strings(csv).unwrap();
        for s in [
            "3522011203900001",
            "+62 812-3456-7890",
            "+6281234567890",
            "081234567890",
            "81234567890",
            "siti@example.id",
        ] {
            assert!(
                strings.contains(&s.to_string()),
                "{s} missing from {strings:?}"
            );
        }
    }

    #[test]
    fn links_stay_on_the_site() {
        let base = "http://127.0.0.1:1";
        assert_eq!(
            normalise(base, "/a/b", "c?x=1#top").as_deref(),
            Some("/a/c?x=1")
        );
        assert_eq!(
            normalise(base, "/a/b", "?page=2").as_deref(),
            Some("/a/b?page=2")
        );
        assert_eq!(
            normalise(base, "/", "http://127.0.0.1:1/x").as_deref(),
            Some("/x")
        );
        assert_eq!(normalise(base, "/", "https://example.org/"), None);
        assert_eq!(normalise(base, "/", "//evil.example/"), None);
        assert_eq!(normalise(base, "/", "/bahasa/en?next=/"), None);
        assert_eq!(normalise(base, "/", "mailto:x@y.id"), None);
    }

    #[test]
    fn leaks_name_the_page_and_the_string() {
        let pages = vec![Fetched {
            path: "/x".into(),
            status: 200,
            content_type: "text/html".into(),
            body: "<p>NIK 3522011203900001</p>".into(),
        }];
        let found = leaks(
            &pages,
            &["3522011203900001".to_string(), "nothing-here".to_string()],
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path, "/x");
    }
}
