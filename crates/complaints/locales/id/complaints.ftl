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
