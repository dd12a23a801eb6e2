# The /data listing page (crates/data/src/listing).
data-listing-title = Portal Data
data-listing-intro = Data terverifikasi walidata dari perangkat daerah Kabupaten Bojonegoro.
data-listing-freshness-link = Papan kemutakhiran data
data-listing-q = Cari dataset
data-listing-sort = Urutkan
data-listing-search = Cari
data-listing-sort-relevance = Paling sesuai
data-listing-sort-newest = Terbit terbaru
data-listing-sort-modified = Diperbarui terakhir
data-listing-sort-title = Judul (A–Z)
data-listing-sort-name = Nama (A–Z)
data-listing-remove = Hapus filter ini
data-listing-clear = Hapus semua filter
data-listing-count = { $count ->
    [0] Tidak ada dataset
   *[other] { $count } dataset
}
data-listing-empty = Tidak ada dataset yang cocok. Coba kata lain atau hapus filter.
data-listing-updated = diperbarui { $date }
data-listing-pages = Halaman hasil
data-listing-prev = ‹ Sebelumnya
data-listing-next = Berikutnya ›
data-listing-page = Halaman { $page } dari { $pages }
data-listing-facet-organization = Produsen data
data-listing-facet-groups = Topik
data-listing-facet-tags = Kata kunci
data-listing-facet-res_format = Format
data-listing-facet-license_id = Lisensi
data-listing-facet-regions = Wilayah
data-listing-api = API (CKAN)
data-listing-bad-query = Parameter pencarian tidak sah (urutan atau halaman).
data-listing-dcat = Katalog DCAT (Turtle)
