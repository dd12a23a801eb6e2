//! The information pages: home, FAQ (the full seed text, and its translation), about.

use crate::support::TestApp;

/// Undo askama's HTML escaping so page text can be compared with source text.
pub fn unescape(html: &str) -> String {
    html.replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#60;", "<")
        .replace("&#62;", ">")
        .replace("&#38;", "&")
        .replace("&#x2f;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// GET `path` as a visitor who chose `lang` with the language switch.
pub async fn get_in(app: &TestApp, lang: &str, path: &str) -> (u16, String) {
    let visitor = app.visitor();
    let (status, _, _) = visitor.get(&format!("/bahasa/{lang}?next=/")).await;
    assert_eq!(status, 303);
    let (status, _, body) = visitor.get(path).await;
    (status, body)
}

/// The paragraphs, questions and bullets of a seed text, without the list numbers and
/// bullets that are artefacts of the original page.
fn seed_paragraphs(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| l.chars().any(char::is_alphanumeric))
        .map(|l| {
            let digits = l.chars().take_while(char::is_ascii_digit).count();
            let l = if digits > 0 && l[digits..].starts_with(". ") {
                &l[digits + 2..]
            } else {
                l
            };
            l.trim_start_matches('•').trim().to_string()
        })
        .collect()
}

const FAQ_ID: &str = include_str!("../../../../data/seed/faq.id.txt");
const FAQ_EN: &str = include_str!("../../../../data/seed/faq.en.txt");

#[tokio::test]
async fn faq_carries_every_paragraph_of_the_seed_text_and_its_translation() {
    let app = TestApp::start().await;
    // The copy in the repository is the seed text itself, not an edited version.
    if let Ok(shared) = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/seeds/000_d3939fe93bf22d48.txt"
    )) {
        assert_eq!(shared, FAQ_ID, "data/seed/faq.id.txt differs from the seed");
    }
    let (status, body) = get_in(&app, "id", "/faq").await;
    assert_eq!(status, 200);
    let text = unescape(&body);
    let paragraphs = seed_paragraphs(FAQ_ID);
    assert!(paragraphs.len() > 40, "{}", paragraphs.len());
    for p in &paragraphs {
        assert!(text.contains(p.as_str()), "missing from /faq: {p}");
    }
    assert!(
        text.contains("<h3>Apa itu Kemitraan Pemerintah Terbuka ?</h3>"),
        "questions are headings"
    );
    assert!(
        !text.contains("  2. Kemitraan"),
        "list numbers are artefacts"
    );

    let (status, body) = get_in(&app, "en", "/faq").await;
    assert_eq!(status, 200);
    let text = unescape(&body);
    for p in seed_paragraphs(FAQ_EN) {
        assert!(text.contains(p.as_str()), "missing from English /faq: {p}");
    }
    assert!(text.contains("What is the Open Government Partnership?"));
    assert!(
        !text.contains("Apa Tujuan Kemitraan Pemerintah Terbuka?"),
        "English page shows Indonesian"
    );
    assert_eq!(
        seed_paragraphs(FAQ_EN).len(),
        paragraphs.len(),
        "translation is complete"
    );
}

#[tokio::test]
async fn home_explains_the_portal_with_figures_and_latest_news_in_both_languages() {
    let app = TestApp::start().await;
    let (status, body) = get_in(&app, "id", "/").await;
    assert_eq!(status, 200);
    assert!(body.len() < 60 * 1024, "home page is {} bytes", body.len());
    for expected in [
        "Revolusi data",
        "Keterbukaan kontrak",
        "Transparansi anggaran",
        "Akuntabilitas desa",
        "Mutu pelayanan publik",
        "href=\"/organisasi\"",
        "href=\"/wilayah/35.22\"",
        "href=\"/berita\"",
        "href=\"/faq\"",
        "href=\"/transparansi/log\"",
        "<dd>28</dd>",
        "<dd>430</dd>",
        "<dd>495</dd>",
        // The three newest demo items, not the oldest.
        "/berita/layanan-informasi-desa-30-desa",
        "/berita/konsultasi-publik-rencana-aksi-daerah",
        "/berita/portal-terbuka-diluncurkan",
    ] {
        assert!(body.contains(expected), "home lacks {expected}");
    }
    assert!(
        !body.contains("/berita/papan-informasi-desa-430-desa"),
        "only the latest three"
    );
    assert!(
        body.contains("aria-current=\"page\">Beranda"),
        "menu marks home"
    );
    for nav in ["Berita", "Tentang", "FAQ", "Wilayah", "Organisasi"] {
        assert!(body.contains(&format!(">{nav}</a>")), "menu lacks {nav}");
    }

    let (status, body) = get_in(&app, "en", "/").await;
    assert_eq!(status, 200);
    let text = unescape(&body);
    assert!(text.contains("Data revolution"), "{text}");
    assert!(text.contains("Latest news"));
    assert!(text.contains("Village information desks open in 30 villages"));
    assert!(text.contains(">About</a>"));
}

#[tokio::test]
async fn about_names_the_operator_licence_privacy_and_contact() {
    let app = TestApp::start().await;
    let (status, body) = get_in(&app, "id", "/tentang").await;
    assert_eq!(status, 200);
    for expected in [
        "Diskominfo",
        "CC BY 4.0",
        "Janji privasi",
        "/organisasi/diskominfo",
        "diskominfo@bojonegorokab.go.id",
    ] {
        assert!(body.contains(expected), "about lacks {expected}");
    }
    let (status, body) = get_in(&app, "en", "/tentang").await;
    assert_eq!(status, 200);
    for expected in ["Open data licence", "Our privacy promise", "Contact us"] {
        assert!(body.contains(expected), "English about lacks {expected}");
    }
}

#[tokio::test]
async fn pages_work_on_an_empty_database() {
    let app = TestApp::builder().empty().start().await;
    for path in ["/", "/tentang", "/faq", "/berita"] {
        let (status, body) = app.get(path).await;
        assert_eq!(status, 200, "{path}: {body}");
    }
}
