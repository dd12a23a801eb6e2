//! `/data`: the listing page over the one search — results with organisation, formats,
//! freshness and date; facet links that add and remove filters (AND), the sort choice,
//! pages, a light page, and a 400 for a malformed sort or page.

use super::search::catalogue;
use crate::support::TestApp;

/// The `href`s of the facet section `field`, with their labels.
fn facet_links(html: &str, field: &str) -> Vec<(String, String)> {
    let Some(start) = html.find(&format!("id=\"facet-{field}\"")) else {
        return Vec::new();
    };
    let section = &html[start
        ..html[start..]
            .find("</section>")
            .map_or(html.len(), |e| start + e)];
    section
        .split("<a href=\"")
        .skip(1)
        .map(|part| {
            let href = part
                .split('"')
                .next()
                .unwrap()
                .replace("&#38;", "&")
                .replace("&amp;", "&");
            let label = part
                .split('>')
                .skip(1)
                .find(|s| !s.starts_with('<') && !s.is_empty())
                .unwrap_or("")
                .split('<')
                .next()
                .unwrap()
                .to_string();
            (href, label)
        })
        .collect()
}

fn result_names(html: &str) -> Vec<String> {
    html.split("data-name=\"")
        .skip(1)
        .map(|p| p.split('"').next().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn the_listing_searches_filters_by_facets_and_pages() {
    let app = TestApp::start().await;
    catalogue(&app).await;

    let (status, html) = app.get("/data").await;
    assert_eq!(status, 200);
    assert!(
        html.len() < 60_000,
        "the listing weighs {} bytes",
        html.len()
    );
    assert_eq!(
        result_names(&html),
        vec!["curah-hujan", "produksi-padi", "jumlah-sekolah"]
    );
    assert!(html.contains("3 dataset"));
    assert!(html.contains("href=\"/organisasi/bpbd\""));
    assert!(html.contains("<span class=\"badge\">XLSX</span>"));
    assert!(html.contains("data-state=\"fresh\""));
    assert!(!html.contains("rahasia-draf"));

    // Following a facet link filters; its count said how many would remain.
    let formats = facet_links(&html, "res_format");
    let (csv_href, _) = formats
        .iter()
        .find(|(h, _)| h.contains("res_format=CSV"))
        .unwrap();
    assert_eq!(csv_href, "/data?res_format=CSV");
    let (_, html) = app.get(csv_href).await;
    assert_eq!(result_names(&html), vec!["produksi-padi", "jumlah-sekolah"]);
    // A second facet narrows further (AND); the active one links to its removal.
    let licences = facet_links(&html, "license_id");
    let (cc_by, label) = licences
        .iter()
        .find(|(h, _)| h.contains("license_id=cc-by"))
        .unwrap();
    assert_eq!(label, "Creative Commons Attribution 4.0");
    let (_, html) = app.get(cc_by).await;
    assert_eq!(result_names(&html), vec!["jumlah-sekolah"]);
    let active = facet_links(&html, "res_format");
    let (remove, _) = active
        .iter()
        .find(|(h, _)| !h.contains("res_format"))
        .unwrap();
    assert_eq!(remove, "/data?license_id=cc-by");
    assert!(html.contains("id=\"active-filters\""));

    // Groups show their titles; words and sort; links from dataset pages (?tags=…) work.
    let (_, html) = app.get("/data?groups=lingkungan").await;
    assert_eq!(result_names(&html), vec!["curah-hujan"]);
    let (_, html) = app.get("/data?q=sekolah").await;
    assert_eq!(result_names(&html), vec!["jumlah-sekolah", "produksi-padi"]);
    assert!(html.contains("value=\"sekolah\""));
    let (_, html) = app.get("/data?sort=title").await;
    assert_eq!(
        result_names(&html),
        vec!["curah-hujan", "jumlah-sekolah", "produksi-padi"]
    );
    let (_, html) = app.get("/data?tags=padi&tags=pertanian").await;
    assert_eq!(result_names(&html), vec!["produksi-padi"]);
    let (_, html) = app.get("/data?q=tidakadasamasekali").await;
    assert!(html.contains("id=\"no-results\""));

    // Pages: 20 a page; past the last page is empty, not an error.
    let (_, html) = app.get("/data?page=2").await;
    assert!(result_names(&html).is_empty());
    for bad in ["/data?sort=harga", "/data?page=0", "/data?page=dua"] {
        assert_eq!(app.get(bad).await.0, 400, "{bad}");
    }
}
