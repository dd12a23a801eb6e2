# The /data listing page (crates/data/src/listing).
data-listing-title = Data portal
data-listing-intro = Data verified by the walidata, from the offices of Bojonegoro Regency.
data-listing-freshness-link = Data freshness board
data-listing-q = Search datasets
data-listing-sort = Sort by
data-listing-search = Search
data-listing-sort-relevance = Best match
data-listing-sort-newest = Newest
data-listing-sort-modified = Recently updated
data-listing-sort-title = Title (A–Z)
data-listing-sort-name = Name (A–Z)
data-listing-remove = Remove this filter
data-listing-clear = Clear all filters
data-listing-count = { $count ->
    [0] No datasets
    [one] 1 dataset
   *[other] { $count } datasets
}
data-listing-empty = No datasets match. Try other words or remove a filter.
data-listing-updated = updated { $date }
data-listing-pages = Result pages
data-listing-prev = ‹ Previous
data-listing-next = Next ›
data-listing-page = Page { $page } of { $pages }
data-listing-facet-organization = Data producer
data-listing-facet-groups = Topic
data-listing-facet-tags = Keyword
data-listing-facet-res_format = Format
data-listing-facet-license_id = Licence
data-listing-facet-regions = Region
data-listing-api = API (CKAN)
data-listing-bad-query = Invalid search parameters (sort or page).
data-listing-dcat = DCAT catalogue (Turtle)
