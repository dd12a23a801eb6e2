# Wilayah dan organisasi (halaman publik dan API)

pager-label = Halaman
pager-prev = ← Sebelumnya
pager-next = Berikutnya →
pager-position = Halaman { $page } dari { $pages }

region-breadcrumb = Jejak wilayah
region-field-level = Tingkat
region-field-code = Kode Kemendagri
region-level-province = Provinsi
region-level-regency = Kabupaten
region-level-district = Kecamatan
region-level-village = Desa/Kelurahan
region-level-desa = Desa
region-level-kelurahan = Kelurahan
region-organisations = Organisasi pemerintah di wilayah ini
region-districts = { $count } kecamatan
region-villages = { $count } desa dan kelurahan
region-children = { $count } wilayah di bawahnya
region-json = Data wilayah ini dalam JSON

org-kind-all = Semua jenis
org-kind-regency = Pemerintah Kabupaten
org-kind-opd = Perangkat Daerah (OPD)
org-kind-kecamatan = Kantor Kecamatan
org-kind-village = Pemerintah Desa/Kelurahan
org-kind-other = Organisasi lain
org-list-title = Organisasi
org-list-lead = Semua lembaga pemerintah Kabupaten Bojonegoro: perangkat daerah, kantor kecamatan, serta pemerintah desa dan kelurahan. Setiap organisasi punya halaman profil dan rapor keterbukaannya.
org-list-count = { $count ->
    [0] Tidak ada organisasi yang cocok.
   *[other] { $count } organisasi
}
org-list-more = Lihat semua desa dan kelurahan
org-filter-kind = Jenis organisasi
org-filter-name = Cari nama
org-filter-submit = Tampilkan
org-json = Data ini dalam JSON
org-children = { $count } organisasi di bawahnya
org-contact = Kontak kantor
org-contact-none = Kontak kantor belum dicatat.
org-field-region = Wilayah
org-field-name = Nama
org-field-head = Pimpinan
org-field-address = Alamat kantor
org-field-phone = Telepon kantor
org-field-email = Surel kantor
org-field-website = Situs web
org-report-title = Rapor keterbukaan
org-report-pending = Rapor organisasi ini (serapan anggaran, kontrak, pengaduan yang terlambat, indeks kepuasan layanan, dan kemutakhiran data) akan tampil di sini begitu modul-modul tersebut aktif.
org-error-kind = Jenis organisasi tidak dikenal. Gunakan regency, opd, kecamatan, atau village.
