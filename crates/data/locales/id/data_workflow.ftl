# Alur kerja produsen data → walidata (/kelola/data)
data-wf-list-title = Kelola data
data-wf-list-intro = Dataset organisasi Anda dan posisinya dalam alur: draf, diajukan ke walidata, dikembalikan dengan catatan, atau terverifikasi (terbit).
data-wf-list-none = Belum ada dataset.
data-wf-back = ← Kelola data
data-wf-back-to = ← { $title }
data-wf-new-title = Dataset baru
data-wf-new-intro = Dataset baru dimulai sebagai draf versi 1. Isi metadata, tambahkan sumber data, lalu ajukan ke walidata. Kolom bertanda * wajib diisi.
data-wf-create = Buat draf
data-wf-save = Simpan metadata
data-wf-metadata = Metadata
data-wf-public-page = Halaman publik
data-wf-waiting = Versi ini sedang diperiksa walidata dan tidak dapat diubah.
data-wf-review-note = Catatan walidata
data-wf-history = Riwayat versi
data-wf-col-version = Versi
data-wf-col-status = Status
data-wf-col-published = Versi terbit
data-wf-col-updated = Diperbarui
data-wf-col-submitted = Diajukan
data-wf-col-column = Kolom
data-wf-col-type = Tipe
data-wf-col-description = Keterangan
data-wf-col-unit = Satuan
data-wf-col-examples = Contoh nilai
data-wf-col-inferred = Tipe terbaca
data-wf-col-row = Baris
data-wf-col-problem = Masalah
data-wf-col-field = Bagian
data-wf-col-before = Versi terbit
data-wf-col-after = Versi ini
data-wf-col-created = Dibuat
data-wf-col-last-used = Terakhir dipakai
data-wf-status-draft = Draf
data-wf-status-submitted = Diajukan
data-wf-status-returned = Dikembalikan
data-wf-status-verified = Terverifikasi
data-wf-status-superseded = Digantikan
data-wf-region-regency = kabupaten
data-wf-region-district = kecamatan
# Kolom formulir dataset
data-wf-field-name = Nama (alamat)
data-wf-hint-name = Huruf kecil, angka, - dan _, 2–100 karakter; menjadi alamat /data/nama dan tidak dapat diubah.
data-wf-field-organisation = Produsen data
data-wf-field-title = Judul
data-wf-field-notes = Deskripsi
data-wf-hint-notes = Apa isi data ini, dari mana asalnya, dan bagaimana dikumpulkan. Wajib sebelum diajukan.
data-wf-field-groups = Topik
data-wf-hint-groups = Tahan Ctrl (atau Cmd) untuk memilih lebih dari satu.
data-wf-field-tags = Kata kunci
data-wf-hint-tags = Pisahkan dengan koma, paling banyak 20.
data-wf-field-licence = Lisensi
data-wf-field-frequency = Frekuensi pemutakhiran
data-wf-field-temporal-start = Cakupan waktu: mulai
data-wf-field-temporal-end = Cakupan waktu: sampai
data-wf-field-regions = Cakupan wilayah
data-wf-hint-regions = Kabupaten dan/atau kecamatan yang dicakup data (kode Kemendagri). Tahan Ctrl (atau Cmd) untuk memilih lebih dari satu.
data-wf-field-concept = Konsep
data-wf-hint-concept = Standar data (Perpres 39/2019): gagasan yang diukur.
data-wf-field-definition = Definisi
data-wf-field-unit = Satuan
data-wf-field-classification = Klasifikasi
data-wf-field-measure = Ukuran
data-wf-field-contact-name = Narahubung
data-wf-field-contact-email = Surel narahubung (alamat dinas)
# Pesan kesalahan
data-wf-error-name = Nama hanya boleh berisi huruf kecil, angka, - dan _, sepanjang 2 sampai 100 karakter.
data-wf-error-name-reserved = Nama ini dipakai oleh halaman kelola data; pilih nama lain.
data-wf-error-name-taken = Nama ini sudah dipakai dataset lain.
data-wf-error-organisation = Pilih organisasi tempat Anda menjadi produsen data.
data-wf-error-required = Wajib diisi.
data-wf-error-too-long = Terlalu panjang atau berisi karakter yang tidak diizinkan.
data-wf-error-licence = Pilih lisensi dari daftar.
data-wf-error-frequency = Pilih frekuensi pemutakhiran dari daftar.
data-wf-error-group = Pilih topik dari daftar.
data-wf-error-region = Pilih wilayah dari daftar.
data-wf-error-tags-many = Paling banyak 20 kata kunci.
data-wf-error-tag = Kata kunci paling panjang 100 karakter dan tanpa tanda < > ".
data-wf-error-date = Tulis tanggal sebagai TTTT-BB-HH.
data-wf-error-date-order = Tanggal akhir tidak boleh sebelum tanggal mulai.
data-wf-error-email = Alamat surel tidak valid.
data-wf-error-not-editable = Versi ini tidak lagi dapat diubah (sudah diajukan atau terverifikasi).
data-wf-error-new-version = Versi baru hanya dapat dibuat dari versi yang terverifikasi.
data-wf-error-not-submitted = Versi ini tidak sedang menunggu pemeriksaan.
data-wf-error-note = Tulis catatan untuk produsen data: apa yang harus diperbaiki.
data-wf-error-file-or-link = Unggah satu berkas atau isi satu tautan.
data-wf-error-format = Jenis berkas tidak diterima: unggah CSV, XLSX, JSON, GeoJSON atau PDF.
data-wf-error-json = Isi berkas bukan JSON yang sah.
data-wf-error-geojson = Isi berkas bukan GeoJSON yang sah (objek JSON dengan "type").
data-wf-error-url = Tautan harus diawali http:// atau https:// dan berisi nama situs.
data-wf-error-link-format = Tulis format tautan (mis. HTML, API, CSV), paling banyak 20 huruf atau angka.
data-wf-error-resource-name = Isi nama sumber data.
data-wf-error-markers = Paling banyak 20 penanda kosong, masing-masing paling panjang 50 karakter.
data-wf-error-file-used = Berkas ini sudah dimuat menjadi sumber data.
data-wf-error-token-name = Isi nama token (paling panjang 100 karakter).
data-wf-missing-notes = Deskripsi dataset belum diisi.
data-wf-missing-contact = Surel narahubung belum diisi.
data-wf-missing-resources = Tambahkan paling sedikit satu sumber data.
# Sumber data
data-wf-resources = Sumber data
data-wf-resource = Sumber data
data-wf-resources-none = Belum ada sumber data.
data-wf-resource-file = Berkas, { $size } bita
data-wf-resource-link = Tautan
data-wf-resource-table = { $rows } baris, { $columns } kolom
data-wf-resource-name = Nama sumber data
data-wf-resource-description = Keterangan
data-wf-resource-file-legend = Berkas
data-wf-resource-upload = Unggah berkas (CSV, XLSX, JSON, GeoJSON, PDF)
data-wf-resource-link-legend = Atau tautan
data-wf-resource-url = Alamat (URL)
data-wf-resource-format = Format
data-wf-add-resource = Tambah sumber data
data-wf-add-resource-hint = CSV dan XLSX dibaca seluruhnya lalu dimuat menjadi tabel yang dapat ditelusuri; Anda akan melihat laporan dan kamus datanya sebelum dimuat.
data-wf-save-resource = Simpan keterangan
data-wf-move-up = Naikkan
data-wf-move-down = Turunkan
data-wf-remove = Hapus
# Kamus data
data-wf-dictionary = Kamus data
data-wf-dictionary-title = Kamus data: { $file }
data-wf-dictionary-intro = Berkas dibaca seluruhnya, bukan hanya baris-baris awal. Periksa tipe tiap kolom, ubah bila perlu, beri keterangan dan satuan, lalu muat. Berkas dimuat utuh atau tidak sama sekali.
data-wf-report-title = { $count } masalah dalam berkas
data-wf-report-intro = Tidak ada yang dimuat. Perbaiki berkas lalu unggah lagi, atau ubah kamus data di bawah (mis. pilih tipe Teks untuk kolom yang bercampur, atau nyatakan penanda nilai kosong), lalu muat lagi.
data-wf-report-more = …dan { $count } masalah lain.
data-wf-report-ok = Tidak ada masalah: { $rows } baris siap dimuat.
data-wf-missing-markers = Penanda nilai kosong
data-wf-missing-markers-hint = Nilai yang berarti "tidak ada data" selain sel kosong, dipisahkan koma (mis. -, n/a).
data-wf-missing-count = { $count } kosong
data-wf-majority = Sebagian besar nilai: { $type }
data-wf-type-inferred = Sesuai yang terbaca
data-wf-load = Muat ke tabel
data-wf-abandon = Batal (hapus berkas)
# Pengajuan dan versi
data-wf-submit-title = Ajukan ke walidata
data-wf-submit-intro = Walidata memeriksa metadata dan data lalu memverifikasi (terbit untuk publik) atau mengembalikannya dengan catatan.
data-wf-submit = Ajukan
data-wf-new-version-title = Versi baru
data-wf-new-version-intro = Buat draf versi berikutnya dengan metadata dan sumber data yang sama; versi yang terbit tetap tampil sampai versi baru diverifikasi.
data-wf-new-version = Buat versi baru
# Walidata
data-wf-queue-title = Verifikasi data
data-wf-queue-intro = Versi dataset yang diajukan produsen data, yang paling lama menunggu di atas.
data-wf-queue-none = Tidak ada yang menunggu verifikasi.
data-wf-review-title = Pemeriksaan: { $title }
data-wf-self-review = Anda juga produsen data organisasi ini; keputusan Anda dicatat sebagai pemeriksaan atas data sendiri.
data-wf-changes = Perubahan
data-wf-changes-against = Dibandingkan dengan versi terbit { $number }:
data-wf-changes-none = Tidak ada perubahan.
data-wf-changes-first = Ini terbitan pertama dataset ini.
data-wf-diff-added = (baru)
data-wf-diff-removed = (dihapus)
data-wf-decision = Keputusan
data-wf-verify = Verifikasi dan terbitkan
data-wf-return = Kembalikan ke produsen
data-wf-return-note = Catatan untuk produsen data
# Token API
data-wf-tokens-title = Token API data
data-wf-tokens-intro = Token memungkinkan sistem organisasi Anda menambah atau memperbarui baris data lewat API. Token hanya ditampilkan sekali; simpan di tempat aman dan cabut bila bocor.
data-wf-token-new = Token baru
data-wf-token-name = Nama token
data-wf-token-create = Buat token
data-wf-token-once = Token baru (hanya ditampilkan sekali)
data-wf-tokens-list = Token organisasi
data-wf-tokens-none = Belum ada token.
data-wf-token-revoke = Cabut
data-wf-token-revoked = Dicabut { $when }
# Pemberitahuan
data-wf-ok-created = Draf dataset dibuat.
data-wf-ok-saved = Metadata disimpan.
data-wf-ok-submitted = Diajukan ke walidata.
data-wf-ok-version = Draf versi baru dibuat.
data-wf-ok-added = Sumber data ditambahkan.
data-wf-ok-loaded = Berkas dimuat menjadi tabel.
data-wf-ok-removed = Sumber data dihapus.
data-wf-ok-moved = Urutan sumber data diubah.
data-wf-ok-dictionary = Keterangan disimpan.
data-wf-ok-abandoned = Unggahan dibatalkan dan berkasnya dihapus.
data-wf-ok-verified = Versi diverifikasi dan terbit.
data-wf-ok-returned = Versi dikembalikan ke produsen dengan catatan.
data-wf-ok-revoked = Token dicabut.
data-wf-ok-token = Token dibuat.
# Surel ke produsen data
data-wf-mail-returned-subject = Dikembalikan walidata: { $title } (versi { $number })
data-wf-mail-returned-body =
    Walidata mengembalikan versi { $number } dataset "{ $title }" dengan catatan:

    { $note }

    Perbaiki lalu ajukan lagi: { $link }
data-wf-mail-verified-subject = Terverifikasi dan terbit: { $title } (versi { $number })
data-wf-mail-verified-body =
    Walidata memverifikasi versi { $number } dataset "{ $title }"; versi ini kini tampil untuk publik:
    { $public }

    Kelola dataset: { $link }
data-wf-ws-link = Kelola data (produsen data)
