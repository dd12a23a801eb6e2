## Anggaran (APBD): kode, impor, dan laporan masalah impor.

budget-stage-murni = APBD murni
budget-stage-perubahan = APBD perubahan
budget-stage-realisasi = Realisasi

budget-level-urusan = Urusan
budget-level-bidang = Bidang urusan
budget-level-program = Program
budget-level-kegiatan = Kegiatan
budget-level-sub-kegiatan = Sub kegiatan
budget-level-akun = Akun
budget-level-kelompok = Kelompok
budget-level-jenis = Jenis
budget-level-objek = Objek
budget-level-rincian-objek = Rincian objek
budget-level-sub-rincian-objek = Sub rincian objek

budget-problem-at-cell = Baris { $row }, kolom { $column }
budget-problem-at-row = Baris { $row }
budget-problem-file = Berkas

budget-code-empty = Kode wajib diisi.
budget-code-malformed-function = Kode “{ $code }” tidak sesuai format kode urusan/program/kegiatan/sub kegiatan (contoh sub kegiatan: 1.01.01.2.01.0001).
budget-code-malformed-account = Kode rekening “{ $code }” tidak sesuai format (contoh: 5.1.02.01.01.0001).
budget-code-malformed-organisation = Kode organisasi “{ $code }” tidak sesuai format (contoh: 1.03.0.00.0.00.01.0000).
budget-code-unknown-urusan = Kode “{ $code }” memuat urusan yang tidak dikenal (urusan 1–8).
budget-code-unknown-account = Kode rekening “{ $code }” tidak dikenal: akun harus 4, 5 atau 6 dan kelompoknya sesuai Permendagri 90/2019.
budget-code-wrong-level = Kode “{ $code }” berada pada tingkat yang salah untuk kolom ini.
budget-account-too-general = Kode rekening “{ $code }” terlalu umum: isi paling sedikit sampai jenis (contoh: 5.1.02).

budget-amount-empty = Jumlah wajib diisi.
budget-amount-not-number = “{ $value }” bukan angka rupiah.
budget-amount-separators = Pemisah ribuan atau desimal pada “{ $value }” tidak jelas: tulis 1.234.567 atau 1234567.
budget-amount-fraction = “{ $value }” memuat pecahan rupiah; jumlah harus bulat.
budget-amount-too-large = “{ $value }” terlalu besar untuk satu baris.
budget-amount-negative = Anggaran tidak boleh negatif.

budget-cell-boolean = Sel berisi nilai benar/salah, bukan teks atau angka.
budget-cell-date = Sel berformat tanggal; ubah format sel menjadi teks atau angka.
budget-cell-error = Sel berisi galat rumus (misalnya #REF!).

budget-name-required = Nama wajib diisi.
budget-name-differs = Kode { $code } sudah bernama “{ $name }” di baris { $first_row }; satu kode harus selalu bernama sama.
budget-duplicate-line = Baris ini sama dengan baris { $first_row } (organisasi, sub kegiatan, rekening dan sumber dana yang sama).
budget-line-overlaps = Rekening { $code } berada di bawah rekening { $parent } yang juga ada untuk sub kegiatan yang sama: baris subtotal akan terhitung dua kali.
budget-sub-kegiatan-required = Belanja operasi dan belanja modal wajib memiliki kode sub kegiatan.
budget-sub-kegiatan-not-allowed = Baris pendapatan dan pembiayaan tidak memiliki sub kegiatan (“{ $code }”).
budget-sub-kegiatan-not-in-parent = Sub kegiatan { $sub } tidak berada di bawah { $code }.
budget-month-invalid = Bulan “{ $value }” harus angka 1 sampai 12.
budget-total-too-large = Jumlah seluruh baris terlalu besar.

budget-file-empty = Berkas tidak berisi baris anggaran.
budget-file-too-large = Berkas lebih besar dari batas { $mb } MB.
budget-file-too-large-unpacked = Isi berkas XLSX terlalu besar setelah dibuka.
budget-file-too-many-rows = Berkas memuat lebih dari { $max } baris.
budget-file-type = Hanya berkas CSV atau XLSX yang diterima.
budget-file-not-xlsx = Berkas bernama .xlsx tetapi isinya bukan buku kerja XLSX yang utuh.
budget-file-not-csv = Berkas bernama .csv tetapi isinya bukan teks CSV.
budget-file-not-utf8 = Berkas CSV harus disimpan dengan pengodean UTF-8 (di Excel: “CSV UTF-8”).
budget-file-csv-broken = Berkas CSV rusak di baris ini (tanda kutip tidak tertutup?).
budget-file-no-header = Baris judul kolom tidak ditemukan: harus ada kolom “{ $column }” di 30 baris pertama lembar yang dibaca.
budget-file-no-sheet = Buku kerja tidak memiliki lembar.
budget-file-missing-columns = Kolom wajib tidak ada: { $columns }.
budget-file-merged-cells = Sel gabungan { $cells } di area data; pisahkan sel gabungan sebelum mengimpor.
budget-file-formula-without-value = Sel { $cell } berisi rumus tanpa nilai tersimpan; buka dan simpan ulang berkas di Excel, atau ganti rumus dengan nilainya.

budget-year-invalid = Tahun anggaran { $year } tidak valid.
budget-publish-not-found = Versi anggaran tidak ditemukan.
budget-publish-not-draft = Hanya versi draf yang dapat diterbitkan.
budget-realisation-no-plan = Belum ada APBD tahun { $year } yang diterbitkan: realisasi hanya dapat diimpor untuk anggaran yang sudah diterbitkan. Terbitkan APBD murni (atau perubahan) tahun itu terlebih dahulu.
budget-realisation-not-in-plan = Baris ini tidak ada di APBD { $stage } yang diterbitkan (versi { $version }): organisasi { $organisation }, sub kegiatan { $sub }, akun { $account }.
