## Anggaran: API JSON, Fiscal Data Package, jadwal publikasi.

budget-api-bad-by = Parameter “by” harus organisation, function, atau account.
budget-api-bad-level = Parameter “level” tidak dikenal untuk pengelompokan ini (function: urusan, bidang, program, kegiatan, sub_kegiatan; account: akun, kelompok, jenis, account; organisation: organisation).
budget-api-bad-parent = Parameter “parent” harus kode pada tingkat di atas “level” dalam pengelompokan yang sama.
budget-api-bad-organisation = Kode organisasi tidak sah (contoh 1.03.0.00.0.00.01.0000).
budget-api-bad-direction = Parameter “direction” harus expenditure, revenue, atau financing.
budget-api-bad-sub-kegiatan = Kode sub kegiatan tidak sah (contoh 1.01.01.2.01.0001).

budget-schedule-title = Jadwal publikasi anggaran
budget-schedule-intro = Tenggat publikasi dokumen anggaran menurut peraturan, publikasi yang memenuhinya, dan publikasi yang terlambat atau belum terbit.
budget-schedule-today = Per tanggal { $date } (WIB).
budget-schedule-year = Tahun anggaran { $year }
budget-schedule-col-publication = Publikasi
budget-schedule-col-deadline = Tenggat
budget-schedule-col-published = Terbit
budget-schedule-col-status = Status
budget-schedule-on-time = Tepat waktu
budget-schedule-late = Terlambat
budget-schedule-overdue = Lewat tenggat, belum terbit
budget-schedule-pending = Belum jatuh tempo
budget-schedule-not-made = Tidak ada (tidak wajib)
