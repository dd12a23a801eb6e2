# Mesin perkara (platform::cases): pesan galat dan entri sistem pada linimasa.
case-error-not-allowed = Langkah ini tidak dapat dilakukan pada status perkara saat ini.
case-error-stale = Perkara ini baru saja diubah orang lain. Muat ulang halaman lalu coba lagi.
case-error-body-required = Tuliskan alasan atau jawaban.
case-error-route-required = Pilih organisasi tujuan.
case-error-unknown-organisation = Organisasi tujuan tidak dikenal.
case-error-unknown-file = Lampiran tidak ditemukan.
case-system-overdue = Batas waktu terlewati: perkara ini terlambat dan telah dieskalasi ke atasan.
case-system-auto-transition = Langkah otomatis setelah batas waktu berakhir tanpa tanggapan.
case-mail-overdue-subject = Perkara { $code } melewati batas waktu
case-mail-overdue-body = Perkara { $code } telah melewati batas waktu penanganan dan ditandai terlambat. Mohon segera ditindaklanjuti.
