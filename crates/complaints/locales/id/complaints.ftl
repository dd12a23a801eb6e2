# complaints messages
complaint-error-kind = Pilih jenis laporan: pengaduan, aspirasi, atau permintaan informasi.
complaint-error-title = Judul wajib diisi, 5 sampai 150 karakter.
complaint-error-description = Uraian wajib diisi, 20 sampai 5.000 karakter.
complaint-error-category = Pilih kategori dari daftar.
complaint-error-region = Pilih desa/kelurahan atau kecamatan di Kabupaten Bojonegoro.
complaint-error-coordinate = Koordinat tidak sah: lintang -90 sampai 90, bujur -180 sampai 180.
complaint-error-coordinate-pair = Isi lintang dan bujur bersama-sama, atau kosongkan keduanya.
complaint-error-too-long = Isian ini terlalu panjang.
complaint-error-privacy = Pilih sifat laporan: terbuka, anonim, atau rahasia.
complaint-error-email = Alamat e-mail tidak sah.
complaint-error-phone = Nomor telepon tidak sah (contoh: 0812 3456 7890 atau +62 812 3456 7890).
complaint-error-contact = Tamu wajib mengisi e-mail atau nomor telepon agar dapat menerima kabar.
complaint-error-too-many-files = Paling banyak 3 lampiran.
nav-complaints = Pengaduan
complaint-new-title = Sampaikan pengaduan atau aspirasi
complaint-new-intro = Laporan diverifikasi dalam 3 hari kerja lalu diteruskan ke instansi yang berwenang, yang menindaklanjutinya dalam 5 hari kerja.
complaint-choose = — pilih —
complaint-field-kind = Jenis laporan
complaint-kind-pengaduan = Pengaduan
complaint-kind-aspirasi = Aspirasi
complaint-kind-permintaan_informasi = Permintaan informasi
complaint-field-title = Judul
complaint-field-description = Uraian
complaint-hint-description = Ceritakan apa, di mana, dan sejak kapan. Jangan tulis data pribadi orang lain.
complaint-field-category = Kategori
complaint-field-region = Desa/kelurahan atau kecamatan
complaint-region-whole-district = Kecamatan { $name } (umum)
complaint-field-location = Keterangan lokasi (opsional)
complaint-field-latitude = Lintang (opsional, mis. -7,15)
complaint-field-longitude = Bujur (opsional, mis. 111,88)
complaint-field-privacy = Sifat laporan
complaint-privacy-public = Terbuka
complaint-privacy-public-hint = Isi laporan tampil untuk umum; nama Anda tidak pernah ditampilkan.
complaint-privacy-anonymous = Anonim
complaint-privacy-anonymous-hint = Isi laporan tampil untuk umum; identitas Anda disembunyikan juga dari instansi yang menangani.
complaint-privacy-confidential = Rahasia
complaint-privacy-confidential-hint = Laporan tidak tampil untuk umum; hanya petugas yang menanganinya.
complaint-field-contact = Kontak Anda
complaint-hint-contact = Isi e-mail atau nomor telepon agar kami dapat mengabari Anda. Kontak tidak pernah ditampilkan.
complaint-field-name = Nama (opsional)
complaint-field-email = E-mail
complaint-field-phone = Nomor telepon
complaint-field-files = Lampiran (foto atau PDF, paling banyak { $max })
complaint-hint-files = Foto JPEG/PNG/WebP atau PDF. Data lokasi di dalam foto dihapus otomatis.
complaint-submit = Kirim laporan
complaint-submitted-title = Laporan terkirim
complaint-submitted-code = Nomor pelacakan laporan Anda:
complaint-submitted-link = Tautan tindak lanjut Anda
complaint-submitted-keep = Simpan tautan ini: hanya ditampilkan sekali. Dengan tautan ini Anda dapat mengikuti, menanggapi, dan menilai penanganan laporan Anda.
complaint-submitted-view = Lihat laporan
complaint-error-filter = Saringan tidak sah: periksa jenis, kategori, wilayah, status, tahun, atau halaman.
complaint-list-title = Pengaduan dan aspirasi warga
complaint-list-count = { $count ->
    [one] { $count } laporan
   *[other] { $count } laporan
}
complaint-list-count-more = Lebih dari { $count } laporan
complaint-list-empty = Tidak ada laporan yang cocok.
complaint-filter-q = Cari
complaint-filter-district = Kecamatan
complaint-filter-status = Status
complaint-filter-year = Tahun
complaint-filter-apply = Terapkan
complaint-any = Semua
complaint-overdue = Terlambat
complaint-col-code = Nomor
complaint-col-place = Lokasi
complaint-col-due = Tenggat
complaint-prev = ← Sebelumnya
complaint-next = Berikutnya →
complaint-state-submitted = Dikirim
complaint-state-deferred = Ditunda
complaint-state-routed = Diteruskan
complaint-state-followed_up = Ditindaklanjuti
complaint-state-completed = Selesai
complaint-state-not_our_authority = Bukan wewenang
complaint-state-archived = Diarsipkan
complaint-back = ← Semua laporan
complaint-opened = Masuk
complaint-organisation = Ditangani oleh
complaint-timeline = Perjalanan laporan
complaint-role-verifier = Verifikator
complaint-role-organisation = Instansi
complaint-role-reporter = Pelapor
complaint-role-system = Sistem
complaint-entry-transition = Perubahan status
complaint-entry-public_note = Catatan
complaint-entry-internal_note = Catatan internal
complaint-entry-reporter_message = Laporan
complaint-entry-system = Sistem
complaint-action-verify_and_route = Diverifikasi dan diteruskan
complaint-action-defer = Ditunda
complaint-action-not_our_authority = Bukan wewenang
complaint-action-archive = Diarsipkan
complaint-action-respond = Ditindaklanjuti
complaint-action-reroute = Diteruskan ke instansi lain
complaint-action-reporter_reply = Tanggapan pelapor
complaint-action-confirm_done = Pelapor menyatakan selesai
complaint-action-auto_complete = Selesai otomatis
complaint-action-close = Ditutup
complaint-action-set_privacy = Kerahasiaan diubah
complaint-action-escalate = Melewati tenggat
complaint-reply-title = Tanggapan Anda
complaint-reply-intro = Belum tuntas? Tulis tanggapan dan laporan kembali ke instansi. Sudah tuntas? Nyatakan selesai dan beri penilaian.
complaint-reply-body = Tanggapan
complaint-reply-submit = Kirim tanggapan
complaint-rating = Penilaian penanganan (1 = buruk, 5 = sangat baik)
complaint-rating-comment = Komentar (opsional)
complaint-done-submit = Nyatakan selesai
complaint-rated = Terima kasih atas penilaian Anda.
complaint-rated-value = Penilaian Anda: { $rating } dari 5.
complaint-error-rating = Penilaian harus 1 sampai 5.
complaint-error-rate-limited = Terlalu banyak laporan dari alamat ini dalam satu jam terakhir. Tunggu sebentar lalu kirim lagi; isian Anda tetap tersimpan di formulir ini. Jika Anda sering melapor, masuklah dengan akun agar tidak dibatasi.
complaint-mine-title = Laporan saya
complaint-mine-empty = Anda belum pernah mengirim laporan.

# Mails to the reporter
complaint-mail-receipt-subject = Laporan Anda diterima: { $code }
complaint-mail-receipt-body-guest = Terima kasih. Laporan Anda telah kami terima dengan nomor { $code }.

    Simpan tautan berikut: hanya dengan tautan ini Anda dapat membaca jawaban, menanggapi, dan memberi penilaian tanpa akun. Jangan bagikan kepada orang lain.
    { $link }

    Verifikator memeriksa laporan dalam 3 hari kerja, lalu meneruskannya kepada instansi yang berwenang.
complaint-mail-receipt-body-user = Terima kasih. Laporan Anda telah kami terima dengan nomor { $code }.

    Ikuti perkembangannya dengan akun Anda: { $link }

    Verifikator memeriksa laporan dalam 3 hari kerja, lalu meneruskannya kepada instansi yang berwenang.
