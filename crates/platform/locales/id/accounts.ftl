# Akun: pendaftaran, masuk/keluar, kata sandi, ruang kerja staf.

acc-role-officer = Petugas
acc-role-verifier = Verifikator
acc-role-supervisor = Atasan/Pengawas
acc-role-admin = Administrator

acc-field-name = Nama lengkap
acc-field-email = Alamat e-mail
acc-field-password = Kata sandi
acc-field-nik = NIK (tidak wajib)
acc-field-phone = Nomor HP (tidak wajib)
acc-field-address = Alamat (tidak wajib)
acc-field-current-password = Kata sandi saat ini
acc-field-new-password = Kata sandi baru
acc-field-new-password-confirm = Ulangi kata sandi baru

acc-hint-password = Paling sedikit 10 karakter. Kalimat pendek yang mudah Anda ingat lebih aman daripada kata yang rumit.
acc-hint-nik = 16 angka sesuai KTP. Tidak pernah ditampilkan kepada publik.
acc-hint-phone = Contoh: +62 812-3456-7890 atau 081234567890. Tidak pernah ditampilkan kepada publik.

acc-err-email-required = Isi alamat e-mail.
acc-err-email = Alamat e-mail ini tidak sah. Contoh yang benar: nama@contoh.id.
acc-err-email-taken = Alamat e-mail ini sudah terdaftar. Silakan masuk, atau pakai "Lupa kata sandi".
acc-err-name-required = Isi nama lengkap Anda.
acc-err-name-length = Nama harus 2 sampai 100 karakter.
acc-err-name-chars = Nama memuat karakter yang tidak diperbolehkan.
acc-err-password-required = Isi kata sandi.
acc-err-password-short = Kata sandi paling sedikit 10 karakter.
acc-err-password-long = Kata sandi paling banyak 200 karakter.
acc-err-password-mismatch = Kedua kata sandi baru tidak sama.
acc-err-current-password = Kata sandi saat ini salah.
acc-err-nik = NIK harus 16 angka sesuai KTP.
acc-err-phone = Nomor HP harus diawali +62 8 atau 08, misalnya 081234567890.
acc-err-address-long = Alamat paling banyak 300 karakter.
acc-err-credentials = E-mail atau kata sandi salah.
acc-err-rate-limited = Terlalu banyak percobaan masuk yang gagal. Demi keamanan, tunggu 15 menit lalu coba lagi.

acc-register-title = Daftar akun warga
acc-register-intro = Dengan akun, Anda dapat mengikuti pengaduan dan permohonan informasi Anda. Data pribadi Anda tidak pernah ditampilkan kepada publik.
acc-register-submit = Daftar
acc-link-have-account = Sudah punya akun? Masuk

acc-login-title = Masuk
acc-login-submit = Masuk
acc-link-forgot = Lupa kata sandi?
acc-link-register = Belum punya akun? Daftar
acc-link-login = Kembali ke halaman masuk

acc-account-title = Akun saya
acc-account-roles = Peran
acc-account-no-roles = Anda belum memegang peran di organisasi mana pun.
acc-account-workspace = Buka ruang kerja
acc-password-title = Ganti kata sandi
acc-password-intro = Setelah kata sandi diganti, semua sesi lain (di perangkat lain) akan diakhiri.
acc-password-submit = Simpan kata sandi baru

acc-forgot-title = Lupa kata sandi
acc-forgot-intro = Tulis alamat e-mail akun Anda. Kami akan mengirim tautan untuk membuat kata sandi baru.
acc-forgot-submit = Kirim tautan
acc-forgot-sent-title = Periksa e-mail Anda
acc-forgot-sent-text = Jika alamat tersebut terdaftar, kami telah mengirim tautan untuk membuat kata sandi baru. Tautan berlaku satu jam dan hanya dapat dipakai sekali.
acc-reset-mail-subject = Atur ulang kata sandi Terbuka Bojonegoro
acc-reset-mail-body =
    Halo { $name },

    Seseorang (semoga Anda) meminta pengaturan ulang kata sandi akun Terbuka Bojonegoro Anda.
    Buka tautan berikut untuk membuat kata sandi baru. Tautan berlaku satu jam dan hanya dapat dipakai sekali:

    { $link }

    Jika Anda tidak memintanya, abaikan e-mail ini; kata sandi Anda tidak berubah.
acc-reset-title = Buat kata sandi baru
acc-reset-intro = Setelah disimpan, semua sesi akun ini akan diakhiri dan Anda dapat masuk dengan kata sandi baru.
acc-reset-submit = Simpan kata sandi baru
acc-reset-invalid-title = Tautan tidak berlaku
acc-reset-invalid-text = Tautan ini sudah kedaluwarsa, sudah dipakai, atau tidak dikenal. Silakan minta tautan baru.

acc-ws-title = Ruang kerja
acc-ws-intro = Organisasi tempat Anda memegang peran, dan apa yang dapat Anda kelola di sana.
acc-ws-public-page = Halaman publik
acc-ws-edit-profile = Ubah profil organisasi
acc-ws-back = Kembali ke ruang kerja
acc-profile-title = Profil organisasi
acc-profile-intro = Keterangan ini tampil di halaman publik organisasi.
acc-profile-submit = Simpan profil

notice-acc-welcome = Selamat datang! Akun Anda sudah dibuat dan Anda sudah masuk.
notice-acc-signed-out = Anda sudah keluar.
notice-acc-password-changed = Kata sandi sudah diganti. Sesi di perangkat lain telah diakhiri.
notice-acc-password-reset = Kata sandi baru sudah disimpan. Silakan masuk.
