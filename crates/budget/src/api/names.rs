//! Names of the upper levels of the two hierarchies, which an import file does not carry:
//! urusan and bidang urusan (Permendagri 90/2019, Kepmendagri 050-5889/2021) and akun,
//! kelompok and jenis of the accounts. Lower levels are named by the file (`budget_names`).

/// (code, name) of urusan and bidang urusan.
const FUNCTIONS: &[(&str, &str)] = &[
    (
        "1",
        "Urusan Pemerintahan Wajib yang Berkaitan dengan Pelayanan Dasar",
    ),
    ("1.01", "Pendidikan"),
    ("1.02", "Kesehatan"),
    ("1.03", "Pekerjaan Umum dan Penataan Ruang"),
    ("1.04", "Perumahan Rakyat dan Kawasan Permukiman"),
    (
        "1.05",
        "Ketenteraman dan Ketertiban Umum serta Pelindungan Masyarakat",
    ),
    ("1.06", "Sosial"),
    (
        "2",
        "Urusan Pemerintahan Wajib yang Tidak Berkaitan dengan Pelayanan Dasar",
    ),
    ("2.07", "Tenaga Kerja"),
    ("2.08", "Pemberdayaan Perempuan dan Pelindungan Anak"),
    ("2.09", "Pangan"),
    ("2.10", "Pertanahan"),
    ("2.11", "Lingkungan Hidup"),
    ("2.12", "Administrasi Kependudukan dan Pencatatan Sipil"),
    ("2.13", "Pemberdayaan Masyarakat dan Desa"),
    ("2.14", "Pengendalian Penduduk dan Keluarga Berencana"),
    ("2.15", "Perhubungan"),
    ("2.16", "Komunikasi dan Informatika"),
    ("2.17", "Koperasi, Usaha Kecil, dan Menengah"),
    ("2.18", "Penanaman Modal"),
    ("2.19", "Kepemudaan dan Olahraga"),
    ("2.20", "Statistik"),
    ("2.21", "Persandian"),
    ("2.22", "Kebudayaan"),
    ("2.23", "Perpustakaan"),
    ("2.24", "Kearsipan"),
    ("3", "Urusan Pemerintahan Pilihan"),
    ("3.25", "Kelautan dan Perikanan"),
    ("3.26", "Pariwisata"),
    ("3.27", "Pertanian"),
    ("3.28", "Kehutanan"),
    ("3.29", "Energi dan Sumber Daya Mineral"),
    ("3.30", "Perdagangan"),
    ("3.31", "Perindustrian"),
    ("3.32", "Transmigrasi"),
    ("4", "Unsur Pendukung Urusan Pemerintahan"),
    ("4.01", "Sekretariat Daerah"),
    ("4.02", "Sekretariat DPRD"),
    ("5", "Unsur Penunjang Urusan Pemerintahan"),
    ("5.01", "Perencanaan"),
    ("5.02", "Keuangan"),
    ("5.03", "Kepegawaian"),
    ("5.04", "Pendidikan dan Pelatihan"),
    ("5.05", "Penelitian dan Pengembangan"),
    ("6", "Unsur Pengawasan Urusan Pemerintahan"),
    ("6.01", "Inspektorat Daerah"),
    ("7", "Unsur Kewilayahan"),
    ("7.01", "Kecamatan"),
    ("8", "Unsur Pemerintahan Umum"),
    ("8.01", "Kesatuan Bangsa dan Politik"),
];

/// (code, name) of akun, kelompok and jenis.
const ACCOUNTS: &[(&str, &str)] = &[
    ("4", "Pendapatan Daerah"),
    ("4.1", "Pendapatan Asli Daerah (PAD)"),
    ("4.1.01", "Pajak Daerah"),
    ("4.1.02", "Retribusi Daerah"),
    (
        "4.1.03",
        "Hasil Pengelolaan Kekayaan Daerah yang Dipisahkan",
    ),
    ("4.1.04", "Lain-lain PAD yang Sah"),
    ("4.2", "Pendapatan Transfer"),
    ("4.2.01", "Pendapatan Transfer Pemerintah Pusat"),
    ("4.2.02", "Pendapatan Transfer Antar Daerah"),
    ("4.3", "Lain-lain Pendapatan Daerah yang Sah"),
    ("4.3.01", "Pendapatan Hibah"),
    (
        "4.3.03",
        "Lain-lain Pendapatan Sesuai dengan Ketentuan Peraturan Perundang-Undangan",
    ),
    ("5", "Belanja Daerah"),
    ("5.1", "Belanja Operasi"),
    ("5.1.01", "Belanja Pegawai"),
    ("5.1.02", "Belanja Barang dan Jasa"),
    ("5.1.03", "Belanja Bunga"),
    ("5.1.04", "Belanja Subsidi"),
    ("5.1.05", "Belanja Hibah"),
    ("5.1.06", "Belanja Bantuan Sosial"),
    ("5.2", "Belanja Modal"),
    ("5.2.01", "Belanja Modal Tanah"),
    ("5.2.02", "Belanja Modal Peralatan dan Mesin"),
    ("5.2.03", "Belanja Modal Gedung dan Bangunan"),
    ("5.2.04", "Belanja Modal Jalan, Jaringan, dan Irigasi"),
    ("5.2.05", "Belanja Modal Aset Tetap Lainnya"),
    ("5.2.06", "Belanja Modal Aset Lainnya"),
    ("5.3", "Belanja Tidak Terduga"),
    ("5.3.01", "Belanja Tidak Terduga"),
    ("5.4", "Belanja Transfer"),
    ("5.4.01", "Belanja Bagi Hasil"),
    ("5.4.02", "Belanja Bantuan Keuangan"),
    ("6", "Pembiayaan Daerah"),
    ("6.1", "Penerimaan Pembiayaan"),
    ("6.1.01", "Sisa Lebih Perhitungan Anggaran Tahun Sebelumnya"),
    ("6.1.02", "Pencairan Dana Cadangan"),
    ("6.1.03", "Hasil Penjualan Kekayaan Daerah yang Dipisahkan"),
    ("6.1.05", "Penerimaan Pinjaman Daerah"),
    ("6.2", "Pengeluaran Pembiayaan"),
    ("6.2.01", "Pembentukan Dana Cadangan"),
    ("6.2.02", "Penyertaan Modal Daerah"),
    ("6.2.03", "Pembayaran Cicilan Pokok Utang yang Jatuh Tempo"),
];

/// The name of an urusan or bidang code, if it is one of Permendagri 90/2019.
pub fn function(code: &str) -> Option<&'static str> {
    FUNCTIONS.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}

/// The name of an akun, kelompok or jenis code.
pub fn account(code: &str) -> Option<&'static str> {
    ACCOUNTS.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}
