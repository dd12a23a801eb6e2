# complaints: staff pages
cstaff-queue-title = Antrean verifikasi pengaduan
cstaff-queue-intro = Laporan yang menunggu verifikasi (dikirim atau ditunda), yang terlama lebih dulu. Verifikasi paling lambat 3 hari kerja.
cstaff-inbox-title = Kotak masuk pengaduan
cstaff-ws-inbox = Pengaduan untuk organisasi ini
cstaff-count = { $count ->
    [one] { $count } laporan
   *[other] { $count } laporan
}
cstaff-none = Tidak ada laporan di sini.
cstaff-col-code = Nomor pelacakan
cstaff-col-title = Judul
cstaff-col-category = Kategori
cstaff-col-state = Status
cstaff-col-opened = Masuk
cstaff-col-due = Tenggat
cstaff-overdue = Terlambat
cstaff-organisation = Organisasi
cstaff-show = Tampilkan
cstaff-tabs = Kelompok laporan
cstaff-tab-baru = Baru
cstaff-tab-segera = Segera jatuh tempo
cstaff-tab-terlambat = Terlambat
cstaff-tab-dijawab = Sudah dijawab
cstaff-state-submitted = Dikirim
cstaff-state-deferred = Ditunda
cstaff-state-routed = Diteruskan
cstaff-state-followed_up = Ditindaklanjuti
cstaff-state-completed = Selesai
cstaff-state-not_our_authority = Bukan wewenang
cstaff-state-archived = Diarsipkan
cstaff-kind-pengaduan = Pengaduan
cstaff-kind-aspirasi = Aspirasi
cstaff-kind-permintaan_informasi = Permintaan informasi
cstaff-action-verify_and_route = Verifikasi dan teruskan
cstaff-action-defer = Tunda
cstaff-action-not_our_authority = Bukan wewenang
cstaff-action-archive = Arsipkan
cstaff-action-respond = Jawab (tindak lanjut)
cstaff-action-reroute = Teruskan ke organisasi lain
cstaff-action-reporter_reply = Tanggapan pelapor
cstaff-action-confirm_done = Pelapor menyatakan selesai
cstaff-action-auto_complete = Selesai otomatis
cstaff-action-close = Tutup laporan
cstaff-action-set_privacy = Kerahasiaan diubah
cstaff-action-escalate = Melewati tenggat
cstaff-entry-transition = Perubahan status
cstaff-entry-public_note = Catatan publik
cstaff-entry-internal_note = Catatan internal
cstaff-entry-reporter_message = Pesan pelapor
cstaff-entry-system = Sistem
cstaff-role-verifier = Verifikator
cstaff-role-organisation = Organisasi
cstaff-role-reporter = Pelapor
cstaff-role-system = Sistem
cstaff-privacy = Kerahasiaan
cstaff-privacy-public = Publik
cstaff-privacy-anonymous = Anonim (identitas pelapor disembunyikan)
cstaff-privacy-confidential = Rahasia (tidak tampil untuk publik)
cstaff-privacy-submit = Ubah kerahasiaan
cstaff-kind = Jenis
cstaff-region = Wilayah
cstaff-location = Lokasi
cstaff-description = Isi laporan
cstaff-reporter = Pelapor (data pribadi)
cstaff-reporter-name = Nama
cstaff-reporter-email = Surel
cstaff-reporter-phone = Telepon
cstaff-reporter-nik = NIK
cstaff-reporter-address = Alamat
cstaff-reporter-account = Pelapor mengirim laporan dengan akun terdaftar.
cstaff-timeline = Riwayat penanganan
cstaff-internal = Internal
cstaff-files = { $count ->
    [one] { $count } lampiran
   *[other] { $count } lampiran
}
cstaff-route-to = Organisasi tujuan
cstaff-body = Keterangan (boleh kosong)
cstaff-body-required = Keterangan atau jawaban (wajib)
cstaff-attachments = Lampiran
cstaff-note = Tambah catatan
cstaff-note-public = Tampilkan untuk publik (tanpa centang: catatan internal)
cstaff-note-submit = Simpan catatan
cstaff-done = Tersimpan.
cstaff-mail-subject = Perkembangan laporan { $code }: { $step }
cstaff-mail-body-user = Laporan Anda { $code } kini berstatus "{ $state }" ({ $step }).

    Lihat perkembangannya di { $link }
cstaff-mail-body-guest = Laporan Anda { $code } kini berstatus "{ $state }" ({ $step }).

    Buka tautan tindak lanjut yang Anda simpan saat mengirim laporan untuk membaca jawabannya dan menanggapi. Halaman laporan: { $link }

# complaints: categories admin
cadm-area = Kategori pengaduan
cadm-area-text = Kategori laporan beserta organisasi tujuan bawaannya.
cadm-title = Kategori pengaduan
cadm-new-title = Kategori baru
cadm-edit-title = Ubah kategori
cadm-id = Kode
cadm-hint-id = Huruf kecil, angka, dan tanda hubung; tidak dapat diubah kemudian.
cadm-name-id = Nama (Bahasa Indonesia)
cadm-name-en = Nama (Bahasa Inggris)
cadm-default-organisation = Organisasi tujuan bawaan
cadm-position = Urutan
cadm-active = Aktif
cadm-yes = Ya
cadm-no = Tidak
cadm-save = Simpan
cadm-back = Kembali ke daftar kategori
cadm-err-id = Kode 2–60 karakter: huruf kecil, angka, dan tanda hubung, diawali huruf.
cadm-err-id-taken = Kode ini sudah dipakai.
cadm-err-name = Nama 2–120 karakter.
cadm-err-organisation = Pilih organisasi yang terdaftar.
cadm-err-position = Urutan berupa bilangan bulat 0–10000.

# Publishing attachments
cstaff-file-public = publik
cstaff-file-private = tidak publik
cstaff-file-publish = Publikasikan
cstaff-file-unpublish = Tarik dari publik
cstaff-error-publish-confidential = Lampiran laporan rahasia tidak dapat dipublikasikan.
cstaff-error-publish-internal = Hanya lampiran pada catatan publik yang dapat dipublikasikan; lampiran catatan internal tetap tertutup.
