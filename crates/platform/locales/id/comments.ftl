# Komentar publik (platform::comments): bagian komentar pada halaman, formulir, kotak masuk petugas, surel.
comment-section-title = Komentar
comment-none = Belum ada komentar yang diterbitkan.
comment-anonymous = Warga
comment-official-reply = Jawaban resmi { $organisation }
comment-api-link = Komentar ini dalam format JSON
comment-form-title = Tulis komentar
comment-moderation-hint = Komentar ditinjau petugas sebelum diterbitkan. Alamat surel Anda tidak pernah ditampilkan; kami hanya memakainya untuk mengabarkan bahwa komentar Anda terbit atau dijawab.
comment-field-name = Nama yang ditampilkan (boleh dikosongkan)
comment-hint-name = Nama ini tampil bersama komentar Anda. Jika dikosongkan, tertulis "Warga".
comment-field-email = Alamat surel
comment-hint-email = Wajib, tidak ditampilkan.
comment-field-body = Komentar
comment-submit = Kirim komentar
comment-sent = Terima kasih. Komentar Anda sudah terkirim dan menunggu moderasi; komentar tampil di sini setelah diterbitkan petugas.
comment-back-to = Kembali ke { $title }
comment-home = Kembali ke beranda
comment-refused-title = Komentar belum terkirim
comment-error-item = Halaman yang dikomentari tidak ditemukan atau tidak terbuka untuk umum.
comment-error-name-long = Nama paling panjang 80 karakter.
comment-error-email-required = Isi alamat surel Anda (tidak akan ditampilkan).
comment-error-email = Alamat surel tidak valid.
comment-error-body-required = Tuliskan komentar Anda.
comment-error-body-short = Komentar terlalu pendek.
comment-error-body-long = Komentar paling panjang 2.000 karakter.
comment-error-rate-limited = Terlalu banyak kiriman dari alamat Anda dalam satu jam terakhir. Coba lagi nanti; isian Anda tetap tersimpan di formulir ini.
comment-error-api-params = Sebutkan item_type dan item_id.
comment-error-not-pending = Komentar ini sudah dimoderasi.
comment-error-not-published = Hanya komentar yang sudah terbit yang dapat dijawab.
comment-error-replied = Komentar ini sudah mendapat jawaban resmi.
comment-error-reply-required = Tuliskan isinya.
comment-error-reply-long = Paling panjang 4.000 karakter.
comment-status-pending = Menunggu moderasi
comment-status-published = Terbit
comment-status-rejected = Ditolak
comment-tab-pending = Menunggu moderasi
comment-tab-unanswered = Terbit, belum dijawab
comment-tab-all = Semua
comment-done-published = Komentar diterbitkan.
comment-done-rejected = Komentar ditolak.
comment-done-replied = Jawaban resmi terkirim.
comment-inbox-title = Komentar publik
comment-inbox-intro = Komentar warga pada halaman organisasi Anda: terbitkan atau tolak, lalu beri jawaban resmi.
comment-inbox-no-orgs = Anda tidak memoderasi komentar untuk organisasi mana pun.
comment-inbox-all-orgs = Semua organisasi
comment-inbox-org = Organisasi
comment-inbox-show = Tampilkan
comment-inbox-count = { $count } komentar
comment-inbox-empty = Tidak ada komentar di sini.
comment-inbox-account = akun terdaftar
comment-inbox-reason = Alasan penolakan: { $reason }
comment-inbox-replied = Jawaban resmi
comment-inbox-reply-optional = Jawaban resmi (boleh dikosongkan)
comment-inbox-publish = Terbitkan
comment-inbox-reason-label = Alasan penolakan
comment-inbox-reject = Tolak
comment-inbox-reply = Jawaban resmi
comment-inbox-send-reply = Kirim jawaban
comment-ws-inbox = Komentar publik
comment-mail-published-subject = Komentar Anda telah terbit: { $title }
comment-mail-published-body =
    Komentar Anda pada "{ $title }" telah diterbitkan.

    Lihat: { $url }

    Jawaban resmi dari { $organisation } akan kami kabarkan melalui surel ini.
comment-mail-reply-subject = Jawaban resmi atas komentar Anda: { $title }
comment-mail-reply-body =
    { $organisation } menjawab komentar Anda pada "{ $title }":

    { $reply }

    Lihat: { $url }
