# Regions and organisations (public pages and API)

pager-label = Pages
pager-prev = ← Previous
pager-next = Next →
pager-position = Page { $page } of { $pages }

region-breadcrumb = Region trail
region-field-level = Level
region-field-code = Kemendagri code
region-level-province = Province
region-level-regency = Regency
region-level-district = District
region-level-village = Village
region-level-desa = Village (desa)
region-level-kelurahan = Urban village (kelurahan)
region-organisations = Government organisations in this region
region-districts = { $count ->
    [one] { $count } district
   *[other] { $count } districts
}
region-villages = { $count ->
    [one] { $count } village
   *[other] { $count } villages (desa and kelurahan)
}
region-children = { $count ->
    [one] { $count } region below
   *[other] { $count } regions below
}
region-json = This region's data as JSON

org-kind-all = All kinds
org-kind-regency = Regency government
org-kind-opd = Regional agencies (OPD)
org-kind-kecamatan = District offices
org-kind-village = Village governments
org-kind-other = Other organisations
org-list-title = Organisations
org-list-lead = Every government body of Bojonegoro Regency: regional agencies, district offices, and village and kelurahan governments. Each organisation has a profile page and an openness report card.
org-list-count = { $count ->
    [0] No organisation matches.
    [one] { $count } organisation
   *[other] { $count } organisations
}
org-list-more = See all villages and kelurahan
org-filter-kind = Kind of organisation
org-filter-name = Search by name
org-filter-submit = Show
org-json = This data as JSON
org-children = { $count ->
    [one] { $count } organisation below it
   *[other] { $count } organisations below it
}
org-contact = Office contact
org-contact-none = No office contact recorded yet.
org-field-region = Region
org-field-name = Name
org-field-head = Head
org-field-address = Office address
org-field-phone = Office phone
org-field-email = Office e-mail
org-field-website = Website
org-report-title = Openness report card
org-report-pending = This organisation's report card (budget absorption, contracts, overdue complaints, service satisfaction index and data freshness) will appear here as those modules come online.
org-error-kind = Unknown kind of organisation. Use regency, opd, kecamatan or village.
