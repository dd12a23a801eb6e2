//! The demo's figures: pure functions from a fiscal year to the three CSV files of the
//! import templates (no database). Deterministic: every year has its own seed.

use std::collections::BTreeMap;

use crate::codes::OrganisationCode;
use crate::import::template;

/// The demo's fiscal years.
pub const YEARS: [i32; 3] = [2024, 2025, 2026];

/// The last month of realisation of the current demo year (the others are complete).
pub const LAST_MONTH_2026: u8 = 10;

/// The three files of a year, as the import templates' CSV.
#[derive(Clone, Debug)]
pub struct DemoFiles {
    pub murni: String,
    pub perubahan: String,
    pub realisasi: String,
}

/// The 28 kecamatan of Kabupaten Bojonegoro (each an organisation of urusan 7.01).
const KECAMATAN: [&str; 28] = [
    "Balen",
    "Baureno",
    "Bojonegoro",
    "Bubulan",
    "Dander",
    "Gayam",
    "Gondang",
    "Kalitidu",
    "Kanor",
    "Kapas",
    "Kasiman",
    "Kedewan",
    "Kedungadem",
    "Kepohbaru",
    "Malo",
    "Margomulyo",
    "Ngambon",
    "Ngasem",
    "Ngraho",
    "Padangan",
    "Purwosari",
    "Sekar",
    "Sugihwaras",
    "Sukosewu",
    "Sumberrejo",
    "Tambakrejo",
    "Temayang",
    "Trucuk",
];

/// The puskesmas units of the health office: (organisation code, name), one per kecamatan.
pub fn puskesmas() -> Vec<(String, String)> {
    KECAMATAN
        .iter()
        .enumerate()
        .map(|(i, k)| {
            (
                format!("1.02.0.00.0.00.01.{:04}", i + 1),
                format!("UPTD Puskesmas {k}"),
            )
        })
        .collect()
}

/// A tiny deterministic PRNG (xorshift64*).
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// In `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        let n = u64::try_from(n.max(1)).unwrap_or(u64::MAX);
        usize::try_from(self.next() % n).unwrap_or(0)
    }

    /// In `[lo, hi)`.
    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        // 53 random bits as a fraction in [0, 1).
        let unit = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        lo + (hi - lo) * unit
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// `k` distinct items of `items` (in their order).
    fn sample<'a, T>(&mut self, items: &'a [T], k: usize) -> Vec<&'a T> {
        let mut idx: Vec<usize> = (0..items.len()).collect();
        for i in 0..idx.len() {
            let j = i + self.below(idx.len() - i);
            idx.swap(i, j);
        }
        let mut chosen: Vec<usize> = idx.into_iter().take(k.min(items.len())).collect();
        chosen.sort_unstable();
        chosen.into_iter().map(|i| &items[i]).collect()
    }

    /// A month 1–12 drawn with the given weights.
    fn month(&mut self, weights: &[u32; 12]) -> u8 {
        let total: u32 = weights.iter().sum();
        let mut at = u32::try_from(self.below(total.max(1) as usize)).unwrap_or(0);
        for (i, w) in weights.iter().enumerate() {
            if at < *w {
                return u8::try_from(i + 1).unwrap_or(12);
            }
            at -= w;
        }
        12
    }
}

/// (account code, name).
type Account = (&'static str, &'static str);

const PEGAWAI: &[(&str, &str, u32)] = &[
    ("5.1.01.01.01.0001", "Belanja Gaji Pokok PNS", 5000),
    ("5.1.01.01.02.0001", "Belanja Tunjangan Keluarga PNS", 500),
    ("5.1.01.01.03.0001", "Belanja Tunjangan Jabatan PNS", 200),
    ("5.1.01.01.04.0001", "Belanja Tunjangan Fungsional PNS", 600),
    (
        "5.1.01.01.05.0001",
        "Belanja Tunjangan Fungsional Umum PNS",
        200,
    ),
    ("5.1.01.01.06.0001", "Belanja Tunjangan Beras PNS", 300),
    (
        "5.1.01.01.07.0001",
        "Belanja Tunjangan PPh/Tunjangan Khusus PNS",
        100,
    ),
    ("5.1.01.01.08.0001", "Belanja Pembulatan Gaji PNS", 1),
    (
        "5.1.01.01.09.0001",
        "Belanja Iuran Jaminan Kesehatan PNS",
        300,
    ),
    (
        "5.1.01.01.10.0001",
        "Belanja Iuran Jaminan Kecelakaan Kerja PNS",
        30,
    ),
    (
        "5.1.01.01.11.0001",
        "Belanja Iuran Jaminan Kematian PNS",
        30,
    ),
    (
        "5.1.01.02.01.0001",
        "Belanja Tambahan Penghasilan berdasarkan Beban Kerja PNS",
        1500,
    ),
    ("5.1.01.01.01.0002", "Belanja Gaji Pokok PPPK", 1000),
    ("5.1.01.01.02.0002", "Belanja Tunjangan Keluarga PPPK", 100),
];

const BARANG: &[Account] = &[
    ("5.1.02.01.01.0004", "Belanja Bahan-Bahan Bakar dan Pelumas"),
    (
        "5.1.02.01.01.0024",
        "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor",
    ),
    (
        "5.1.02.01.01.0025",
        "Belanja Alat/Bahan untuk Kegiatan Kantor-Kertas dan Cover",
    ),
    (
        "5.1.02.01.01.0026",
        "Belanja Alat/Bahan untuk Kegiatan Kantor-Bahan Cetak",
    ),
    (
        "5.1.02.01.01.0027",
        "Belanja Alat/Bahan untuk Kegiatan Kantor-Benda Pos",
    ),
    (
        "5.1.02.01.01.0029",
        "Belanja Alat/Bahan untuk Kegiatan Kantor-Bahan Komputer",
    ),
    (
        "5.1.02.01.01.0030",
        "Belanja Alat/Bahan untuk Kegiatan Kantor-Perabot Kantor",
    ),
    (
        "5.1.02.01.01.0031",
        "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Listrik",
    ),
    ("5.1.02.01.01.0052", "Belanja Makanan dan Minuman Rapat"),
    (
        "5.1.02.01.01.0053",
        "Belanja Makanan dan Minuman Jamuan Tamu",
    ),
    (
        "5.1.02.01.01.0055",
        "Belanja Makanan dan Minuman Aktivitas Lapangan",
    ),
    (
        "5.1.02.02.01.0003",
        "Honorarium Narasumber atau Pembahas, Moderator, Pembawa Acara, dan Panitia",
    ),
    (
        "5.1.02.02.01.0004",
        "Honorarium Tim Pelaksana Kegiatan dan Sekretariat Tim Pelaksana Kegiatan",
    ),
    ("5.1.02.02.01.0026", "Belanja Jasa Tenaga Ahli"),
    (
        "5.1.02.02.01.0029",
        "Belanja Jasa Tenaga Pendukung Kegiatan",
    ),
    (
        "5.1.02.02.01.0036",
        "Belanja Jasa Publikasi dan Dokumentasi",
    ),
    (
        "5.1.02.02.01.0055",
        "Belanja Sewa Gedung dan Ruang Pertemuan",
    ),
    ("5.1.02.02.12.0001", "Belanja Kursus Singkat/Pelatihan"),
    ("5.1.02.02.12.0003", "Belanja Bimbingan Teknis"),
    ("5.1.02.04.01.0001", "Belanja Perjalanan Dinas Biasa"),
    ("5.1.02.04.01.0003", "Belanja Perjalanan Dinas Dalam Kota"),
    (
        "5.1.02.04.01.0004",
        "Belanja Perjalanan Dinas Paket Meeting Dalam Kota",
    ),
    (
        "5.1.02.04.01.0005",
        "Belanja Perjalanan Dinas Paket Meeting Luar Kota",
    ),
    ("5.1.02.01.01.0064", "Belanja Pakaian Dinas Lapangan (PDL)"),
];

const UTILITAS: &[Account] = &[
    ("5.1.02.02.01.0059", "Belanja Tagihan Telepon"),
    ("5.1.02.02.01.0060", "Belanja Tagihan Air"),
    ("5.1.02.02.01.0061", "Belanja Tagihan Listrik"),
    (
        "5.1.02.02.01.0063",
        "Belanja Kawat/Faksimili/Internet/TV Berlangganan",
    ),
];

const JASA: &[Account] = &[
    ("5.1.02.02.01.0013", "Belanja Jasa Tenaga Administrasi"),
    ("5.1.02.02.01.0014", "Belanja Jasa Tenaga Operator Komputer"),
    ("5.1.02.02.01.0016", "Belanja Jasa Tenaga Kebersihan"),
    ("5.1.02.02.01.0017", "Belanja Jasa Tenaga Keamanan"),
    ("5.1.02.02.01.0018", "Belanja Jasa Tenaga Supir"),
];

const PEMELIHARAAN: &[Account] = &[
    ("5.1.02.01.01.0004", "Belanja Bahan-Bahan Bakar dan Pelumas"),
    (
        "5.1.02.03.02.0035",
        "Belanja Pemeliharaan Alat Angkutan-Alat Angkutan Darat Bermotor-Kendaraan Dinas Bermotor Perorangan",
    ),
    (
        "5.1.02.03.02.0036",
        "Belanja Pemeliharaan Alat Angkutan-Alat Angkutan Darat Bermotor-Kendaraan Bermotor Penumpang",
    ),
    (
        "5.1.02.03.02.0121",
        "Belanja Pemeliharaan Alat Kantor dan Rumah Tangga-Alat Kantor-Alat Kantor Lainnya",
    ),
    (
        "5.1.02.03.03.0001",
        "Belanja Pemeliharaan Bangunan Gedung-Bangunan Gedung Tempat Kerja-Bangunan Gedung Kantor",
    ),
    ("5.1.02.02.01.0062", "Belanja Pajak Kendaraan Bermotor"),
];

const MEDIS: &[Account] = &[
    ("5.1.02.01.01.0037", "Belanja Obat-Obatan"),
    ("5.1.02.01.01.0038", "Belanja Bahan Medis Habis Pakai"),
    (
        "5.1.02.01.01.0039",
        "Belanja Alat/Bahan untuk Kegiatan Kantor-Bahan Laboratorium",
    ),
];

const MODAL: &[Account] = &[
    (
        "5.2.02.02.01.0003",
        "Belanja Modal Kendaraan Bermotor Penumpang",
    ),
    (
        "5.2.02.02.01.0005",
        "Belanja Modal Kendaraan Bermotor Beroda Dua",
    ),
    ("5.2.02.05.01.0005", "Belanja Modal Alat Kantor Lainnya"),
    ("5.2.02.05.02.0001", "Belanja Modal Mebel"),
    ("5.2.02.05.02.0006", "Belanja Modal Alat Pendingin"),
    ("5.2.02.06.01.0001", "Belanja Modal Peralatan Studio Audio"),
    ("5.2.02.10.01.0002", "Belanja Modal Personal Computer"),
    ("5.2.02.10.02.0001", "Belanja Modal Peralatan Jaringan"),
];

const ALKES: &[Account] = &[
    ("5.2.02.07.01.0001", "Belanja Modal Alat Kedokteran Umum"),
    ("5.2.02.07.01.0002", "Belanja Modal Alat Kedokteran Gigi"),
    ("5.2.02.08.01.0001", "Belanja Modal Unit Alat Laboratorium"),
];

const KONSTRUKSI: &[Account] = &[
    ("5.2.04.02.01.0001", "Belanja Modal Bangunan Air Irigasi"),
    (
        "5.2.04.02.03.0001",
        "Belanja Modal Bangunan Pengaman Sungai dan Penanggulangan Bencana Alam",
    ),
    (
        "5.2.04.03.01.0001",
        "Belanja Modal Instalasi Air Bersih/Air Baku",
    ),
    ("5.2.04.04.01.0001", "Belanja Modal Jaringan Air Minum"),
    (
        "5.2.04.02.04.0001",
        "Belanja Modal Bangunan Air Kotor/Drainase",
    ),
];

const GEDUNG_KANTOR: Account = ("5.2.03.01.01.0001", "Belanja Modal Bangunan Gedung Kantor");
const GEDUNG_PENDIDIKAN: Account = (
    "5.2.03.01.01.0003",
    "Belanja Modal Bangunan Gedung Tempat Pendidikan",
);
const GEDUNG_KESEHATAN: Account = ("5.2.03.01.01.0008", "Belanja Modal Bangunan Kesehatan");
const GEDUNG_LAIN: Account = (
    "5.2.03.01.01.0011",
    "Belanja Modal Bangunan Gedung Tempat Olahraga/Pasar/Lainnya",
);
const JALAN: Account = ("5.2.04.01.01.0004", "Belanja Modal Jalan Kabupaten");
const JEMBATAN: Account = (
    "5.2.04.01.02.0004",
    "Belanja Modal Jembatan pada Jalan Kabupaten",
);
const KONSULTAN: Account = (
    "5.1.02.02.08.0002",
    "Belanja Jasa Konsultansi Pengawasan Konstruksi",
);

const BANSOS: &[Account] = &[
    (
        "5.1.06.01.01.0001",
        "Belanja Bantuan Sosial Uang yang Direncanakan kepada Individu",
    ),
    (
        "5.1.06.02.01.0001",
        "Belanja Bantuan Sosial Barang yang Direncanakan kepada Individu",
    ),
];

const HIBAH: &[Account] = &[
    (
        "5.1.05.01.01.0001",
        "Belanja Hibah Uang kepada Pemerintah Pusat",
    ),
    (
        "5.1.05.05.01.0001",
        "Belanja Hibah Uang kepada Badan dan Lembaga Nirlaba, Sukarela dan Sosial",
    ),
    (
        "5.1.05.05.01.0002",
        "Belanja Hibah Uang kepada Organisasi Kemasyarakatan",
    ),
];

/// Spending categories, scaled to their totals (billion rupiah in 2024).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Cat {
    Pegawai,
    Barang,
    Modal,
    Hibah,
}

impl Cat {
    fn of(account: &str) -> Cat {
        if account.starts_with("5.1.01") {
            Cat::Pegawai
        } else if account.starts_with("5.1.05") || account.starts_with("5.1.06") {
            Cat::Hibah
        } else if account.starts_with("5.2") {
            Cat::Modal
        } else {
            Cat::Barang
        }
    }

    /// Billions of rupiah in 2024.
    fn target(self) -> f64 {
        match self {
            Cat::Pegawai => 1_700.0,
            Cat::Barang => 2_250.0,
            Cat::Modal => 1_850.0,
            Cat::Hibah => 200.0,
        }
    }
}

const BILLION: f64 = 1_000_000_000.0;

/// An organisation of the demo.
#[derive(Clone, Debug)]
struct Org {
    code: String,
    name: String,
    /// The bidang of its support programme.
    bidang: String,
    /// Its every bidang (technical programmes).
    bidangs: Vec<String>,
    /// Relative payroll.
    staff: f64,
    /// Platform id (for the relative sizes).
    id: String,
}

fn organisations() -> Vec<Org> {
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    let mut reader = csv::Reader::from_reader(super::ORGANISATIONS.as_bytes());
    for record in reader.records().flatten() {
        if let (Some(id), Some(name)) = (record.get(0), record.get(2)) {
            names.insert(id.to_string(), name.to_string());
        }
    }
    let staff = |id: &str| match id {
        "disdik" => 420.0,
        "dinkes" => 45.0,
        "rsud-sosodoro" => 70.0,
        "sekretariat-daerah" => 30.0,
        "sekretariat-dprd" => 14.0,
        "dpu-bina-marga" | "distan" => 18.0,
        "dpu-sda" | "satpol-pp" | "dishub" | "dlh" | "bapenda" | "bpkad" => 12.0,
        _ => 8.0,
    };
    let mut out = Vec::new();
    let mut reader = csv::Reader::from_reader(crate::queries::DEMO_ORGANISATION_CODES.as_bytes());
    for record in reader.records().flatten() {
        let (Some(code), Some(id)) = (record.get(0), record.get(1)) else {
            continue;
        };
        let Ok(parsed) = OrganisationCode::parse(code) else {
            continue;
        };
        let bidangs: Vec<String> = parsed.bidang().iter().map(|b| b.to_string()).collect();
        let Some(first) = bidangs.first().cloned() else {
            continue;
        };
        out.push(Org {
            code: code.to_string(),
            name: names.get(id).cloned().unwrap_or_else(|| id.to_string()),
            bidang: first,
            bidangs,
            staff: staff(id),
            id: id.to_string(),
        });
    }
    for (i, k) in KECAMATAN.iter().enumerate() {
        out.push(Org {
            code: format!("7.01.0.00.0.00.{:02}.0000", i + 1),
            name: format!("Kecamatan {k}"),
            bidang: "7.01".into(),
            bidangs: vec!["7.01".into()],
            staff: 3.0,
            id: String::new(),
        });
    }
    for (code, name) in puskesmas() {
        out.push(Org {
            code,
            name,
            bidang: "1.02".into(),
            bidangs: Vec::new(),
            staff: 6.0,
            id: "puskesmas".into(),
        });
    }
    out.sort_by(|a, b| a.code.cmp(&b.code));
    out
}

/// A sub kegiatan of the nomenclature.
#[derive(Clone, Debug)]
struct Sub {
    code: String,
    kind: String,
    program: String,
    kegiatan: String,
    name: String,
}

fn nomenclature() -> Vec<Sub> {
    let mut reader = csv::Reader::from_reader(super::NOMENCLATURE.as_bytes());
    reader
        .records()
        .flatten()
        .filter_map(|r| {
            Some(Sub {
                code: r.get(0)?.to_string(),
                kind: r.get(1)?.to_string(),
                program: r.get(2)?.to_string(),
                kegiatan: r.get(3)?.to_string(),
                name: r.get(4)?.to_string(),
            })
        })
        .collect()
}

/// Which organisation takes a technical sub kegiatan when several hold its bidang.
const OWNERS: &[(&str, &str)] = &[
    ("1.02.01.2.10", "rsud-sosodoro"),
    ("1.02.02.2.01.0001", "rsud-sosodoro"),
    ("1.02", "dinkes"),
    ("1.03.10", "dpu-bina-marga"),
    ("1.03.11", "dpu-bina-marga"),
    ("1.03", "dpu-sda"),
    ("1.05.02", "satpol-pp"),
    ("1.05.03", "bpbd"),
    ("1.05.04", "damkar"),
    ("5.02.04", "bapenda"),
    ("5.02", "bpkad"),
];

/// One budget line.
#[derive(Clone, Debug)]
struct Line {
    org: usize,
    /// Index into the instantiated sub kegiatan (None: revenue, financing, transfers).
    sub: Option<usize>,
    account: Account,
    source: &'static str,
    amount: i64,
}

/// A sub kegiatan as an organisation holds it (the `X.XX` filled in).
#[derive(Clone, Debug)]
struct HeldSub {
    code: String,
    program_name: String,
    kegiatan_name: String,
    name: String,
}

impl HeldSub {
    fn program(&self) -> &str {
        &self.code[..7]
    }

    fn kegiatan(&self) -> &str {
        &self.code[..12]
    }
}

/// A year's budget before any revision.
struct Budget {
    orgs: Vec<Org>,
    subs: Vec<HeldSub>,
    lines: Vec<Line>,
}

fn growth(year: i32) -> f64 {
    1.03_f64.powi(year - 2024)
}

fn pick_accounts(rng: &mut Rng, kind: &str, sub_code: &str) -> Vec<(Account, f64)> {
    match kind {
        "pegawai" => PEGAWAI
            .iter()
            .map(|(c, n, w)| ((*c, *n), f64::from(*w) * rng.range(0.9, 1.1)))
            .collect(),
        "utilitas" => some(rng, UTILITAS, usize::MAX, 0.5, 3.0),
        "jasa" => {
            let k = 3 + rng.below(3);
            some(rng, JASA, k, 0.8, 2.5)
        }
        "pemeliharaan" => {
            let k = 3 + rng.below(3);
            some(rng, PEMELIHARAAN, k, 0.5, 2.0)
        }
        "blud" => {
            let mut out = some(rng, MEDIS, usize::MAX, 4.0, 12.0);
            let k = 8 + rng.below(8);
            out.extend(some(rng, BARANG, k, 0.5, 3.0));
            out.extend(some(rng, UTILITAS, usize::MAX, 1.0, 3.0));
            out
        }
        "modal" => {
            let k = 1 + rng.below(3);
            let mut out = some(rng, MODAL, k, 2.0, 8.0);
            out.push((BARANG[12], rng.range(0.05, 0.2)));
            out
        }
        "alkes" => {
            let k = 1 + rng.below(3);
            some(rng, ALKES, k, 6.0, 20.0)
        }
        "gedung" => {
            let building = if sub_code.starts_with("1.01") {
                GEDUNG_PENDIDIKAN
            } else if sub_code.starts_with("1.02") {
                GEDUNG_KESEHATAN
            } else if sub_code.starts_with("2.19") || sub_code.starts_with("3.30") {
                GEDUNG_LAIN
            } else {
                GEDUNG_KANTOR
            };
            vec![
                (building, rng.range(15.0, 60.0)),
                (KONSULTAN, rng.range(0.5, 1.5)),
                (BARANG[12], rng.range(0.1, 0.3)),
            ]
        }
        "jalan" => vec![
            (JALAN, rng.range(150.0, 400.0)),
            (KONSULTAN, rng.range(3.0, 8.0)),
            (BARANG[12], rng.range(0.3, 0.8)),
            (BARANG[20], rng.range(0.2, 0.5)),
        ],
        "jembatan" => vec![
            (JEMBATAN, rng.range(40.0, 120.0)),
            (KONSULTAN, rng.range(1.0, 3.0)),
            (BARANG[12], rng.range(0.2, 0.5)),
        ],
        "konstruksi" => {
            let k = 1 + rng.below(2);
            let mut out = some(rng, KONSTRUKSI, k, 20.0, 80.0);
            out.push((KONSULTAN, rng.range(0.5, 2.0)));
            out.push((BARANG[12], rng.range(0.1, 0.4)));
            out
        }
        "bansos" => {
            let mut out = some(rng, BANSOS, usize::MAX, 10.0, 30.0);
            out.push((BARANG[12], rng.range(0.1, 0.3)));
            out
        }
        "hibah" => {
            let k = 1 + rng.below(3);
            let mut out = some(rng, HIBAH, k, 20.0, 60.0);
            out.push((BARANG[12], rng.range(0.1, 0.3)));
            out
        }
        _ => {
            let k = 6 + rng.below(9);
            let mut out = some(rng, BARANG, k, 0.3, 3.0);
            if sub_code.starts_with("1.02.02.2.01.0020")
                || sub_code.starts_with("1.02.02.2.02.0033")
            {
                out.extend(some(rng, MEDIS, usize::MAX, 5.0, 15.0));
            }
            out
        }
    }
}

/// `k` of `accounts` (all with `usize::MAX`), each with a weight in `[lo, hi)`.
fn some(rng: &mut Rng, accounts: &[Account], k: usize, lo: f64, hi: f64) -> Vec<(Account, f64)> {
    let chosen: Vec<Account> = rng.sample(accounts, k).into_iter().copied().collect();
    chosen.into_iter().map(|a| (a, rng.range(lo, hi))).collect()
}

/// The source of funds of a line.
fn source_of(rng: &mut Rng, kind: &str, sub_code: &str, account: &str) -> &'static str {
    if account.starts_with("5.1.01") {
        return "DAU";
    }
    if sub_code.ends_with(".2.01.0026")
        || sub_code.ends_with(".2.02.0026")
        || sub_code.ends_with(".2.03.0016")
    {
        return "DAK Non Fisik";
    }
    match kind {
        "jalan" | "jembatan" | "konstruksi" => {
            if rng.chance(20) {
                "DAK Fisik"
            } else {
                "DBH"
            }
        }
        "gedung" | "alkes" if sub_code.starts_with("1.01") || sub_code.starts_with("1.02") => {
            if rng.chance(50) { "DAK Fisik" } else { "DBH" }
        }
        "blud" => "PAD",
        _ => match rng.below(10) {
            0..=3 => "PAD",
            4..=6 => "DAU",
            _ => "DBH",
        },
    }
}

/// The budget of `year` as first adopted (spending lines only; revenue, transfers and
/// financing are added by [`fixed_lines`]).
fn murni(year: i32) -> Budget {
    let mut rng = Rng::new(0xB0_1E60_0000 + u64::try_from(year).unwrap_or(0));
    let orgs = organisations();
    let nomenclature = nomenclature();
    let owner_of = |sub: &Sub| -> Option<usize> {
        let bidang = &sub.code[..4];
        let holders: Vec<usize> = orgs
            .iter()
            .enumerate()
            .filter(|(_, o)| o.bidangs.iter().any(|b| b == bidang))
            .map(|(i, _)| i)
            .collect();
        if holders.len() <= 1 {
            return holders.first().copied();
        }
        let id = OWNERS
            .iter()
            .find(|(prefix, _)| sub.code.starts_with(prefix))
            .map(|(_, id)| *id)?;
        holders.into_iter().find(|i| orgs[*i].id == id)
    };
    let mut subs: Vec<HeldSub> = Vec::new();
    let mut lines: Vec<Line> = Vec::new();
    let add = |rng: &mut Rng,
               org: usize,
               sub: &Sub,
               code: String,
               subs: &mut Vec<HeldSub>,
               lines: &mut Vec<Line>,
               scale: f64| {
        let index = subs.len();
        subs.push(HeldSub {
            code: code.clone(),
            program_name: sub.program.clone(),
            kegiatan_name: sub.kegiatan.clone(),
            name: sub.name.clone(),
        });
        for (account, weight) in pick_accounts(rng, &sub.kind, &code) {
            let source = source_of(rng, &sub.kind, &code, account.0);
            // The weight times the organisation's payroll size for salaries; a share of
            // the category otherwise (scaled later). Kept in f64 until then.
            let w = if sub.kind == "pegawai" {
                weight * scale
            } else {
                weight
            };
            lines.push(Line {
                org,
                sub: Some(index),
                account,
                source,
                amount: (w * 1_000_000.0) as i64,
            });
        }
    };
    for (o, org) in orgs.iter().enumerate() {
        let is_puskesmas = org.id == "puskesmas";
        for sub in &nomenclature {
            let code = if let Some(rest) = sub.code.strip_prefix("X.XX") {
                format!("{}{rest}", org.bidang)
            } else if is_puskesmas {
                if sub.code == "1.02.01.2.10.0001" || sub.code == "1.02.02.2.02.0033" {
                    sub.code.clone()
                } else {
                    continue;
                }
            } else if owner_of(sub) == Some(o) {
                sub.code.clone()
            } else {
                continue;
            };
            if is_puskesmas
                && sub.code.starts_with("X.XX")
                && !sub.code.starts_with("X.XX.01.2.02.0001")
            {
                continue;
            }
            // Small offices and kecamatan skip some support sub kegiatan.
            if sub.code.starts_with("X.XX")
                && sub.kind != "pegawai"
                && org.staff < 10.0
                && rng.chance(25)
            {
                continue;
            }
            add(&mut rng, o, sub, code, &mut subs, &mut lines, org.staff);
        }
    }
    // Scale every category to its total for the year.
    let mut raw: BTreeMap<Cat, i64> = BTreeMap::new();
    for l in &lines {
        *raw.entry(Cat::of(l.account.0)).or_default() += l.amount;
    }
    for l in &mut lines {
        let cat = Cat::of(l.account.0);
        let total = raw.get(&cat).copied().unwrap_or(1).max(1) as f64;
        let target = cat.target() * BILLION * growth(year);
        l.amount = round_thousand(l.amount as f64 / total * target);
    }
    lines.retain(|l| l.amount > 0);
    Budget { orgs, subs, lines }
}

fn round_thousand(x: f64) -> i64 {
    ((x / 1000.0).round() as i64) * 1000
}

/// (organisation id, account, source, billions in 2024): revenue, transfers to villages,
/// unexpected spending and financing expenditure. The SiLPA is computed to balance.
const FIXED: &[(&str, Account, &str, f64)] = &[
    ("bapenda", ("4.1.01.06.01.0001", "Pajak Hotel"), "PAD", 2.4),
    (
        "bapenda",
        ("4.1.01.07.01.0001", "Pajak Restoran"),
        "PAD",
        14.0,
    ),
    (
        "bapenda",
        ("4.1.01.08.01.0001", "Pajak Hiburan"),
        "PAD",
        1.2,
    ),
    (
        "bapenda",
        ("4.1.01.09.01.0001", "Pajak Reklame"),
        "PAD",
        3.5,
    ),
    (
        "bapenda",
        ("4.1.01.10.01.0001", "Pajak Penerangan Jalan"),
        "PAD",
        62.0,
    ),
    ("bapenda", ("4.1.01.11.01.0001", "Pajak Parkir"), "PAD", 1.1),
    (
        "bapenda",
        ("4.1.01.12.01.0001", "Pajak Air Tanah"),
        "PAD",
        1.3,
    ),
    (
        "bapenda",
        ("4.1.01.13.01.0001", "Pajak Sarang Burung Walet"),
        "PAD",
        0.05,
    ),
    (
        "bapenda",
        ("4.1.01.14.01.0001", "Pajak Mineral Bukan Logam dan Batuan"),
        "PAD",
        9.0,
    ),
    (
        "bapenda",
        (
            "4.1.01.15.01.0001",
            "Pajak Bumi dan Bangunan Perdesaan dan Perkotaan",
        ),
        "PAD",
        48.0,
    ),
    (
        "bapenda",
        (
            "4.1.01.16.01.0001",
            "Bea Perolehan Hak atas Tanah dan Bangunan",
        ),
        "PAD",
        62.0,
    ),
    (
        "dinkes",
        ("4.1.02.01.01.0001", "Retribusi Pelayanan Kesehatan"),
        "PAD",
        2.1,
    ),
    (
        "dishub",
        (
            "4.1.02.01.06.0001",
            "Retribusi Pelayanan Parkir di Tepi Jalan Umum",
        ),
        "PAD",
        3.2,
    ),
    (
        "dinas-perdagangan",
        ("4.1.02.01.07.0001", "Retribusi Pelayanan Pasar"),
        "PAD",
        5.5,
    ),
    (
        "dpmptsp",
        ("4.1.02.03.01.0001", "Retribusi Persetujuan Bangunan Gedung"),
        "PAD",
        6.8,
    ),
    (
        "bpkad",
        (
            "4.1.03.01.01.0001",
            "Bagian Laba atas Penyertaan Modal pada BUMD",
        ),
        "PAD",
        48.0,
    ),
    (
        "bpkad",
        ("4.1.04.03.01.0001", "Jasa Giro Kas Daerah"),
        "PAD",
        12.0,
    ),
    (
        "bpkad",
        ("4.1.04.04.01.0001", "Pendapatan Bunga Deposito"),
        "PAD",
        260.0,
    ),
    (
        "bpkad",
        (
            "4.1.04.05.01.0001",
            "Penerimaan atas Tuntutan Ganti Kerugian Keuangan Daerah",
        ),
        "PAD",
        0.4,
    ),
    (
        "rsud-sosodoro",
        ("4.1.04.16.01.0001", "Pendapatan BLUD"),
        "PAD",
        235.0,
    ),
    (
        "bpkad",
        ("4.2.01.01.01.0001", "Dana Bagi Hasil Pajak"),
        "DBH",
        95.0,
    ),
    (
        "bpkad",
        (
            "4.2.01.01.02.0001",
            "Dana Bagi Hasil Sumber Daya Alam Minyak Bumi",
        ),
        "DBH",
        2_800.0,
    ),
    (
        "bpkad",
        (
            "4.2.01.01.02.0002",
            "Dana Bagi Hasil Sumber Daya Alam Gas Bumi",
        ),
        "DBH",
        480.0,
    ),
    (
        "bpkad",
        ("4.2.01.01.03.0001", "Dana Alokasi Umum"),
        "DAU",
        1_150.0,
    ),
    (
        "bpkad",
        ("4.2.01.01.04.0001", "Dana Alokasi Khusus Fisik"),
        "DAK Fisik",
        165.0,
    ),
    (
        "bpkad",
        ("4.2.01.01.05.0001", "Dana Alokasi Khusus Non Fisik"),
        "DAK Non Fisik",
        390.0,
    ),
    (
        "bpkad",
        ("4.2.01.02.01.0001", "Dana Insentif Fiskal"),
        "DID",
        22.0,
    ),
    (
        "bpkad",
        (
            "4.2.02.01.01.0001",
            "Pendapatan Bagi Hasil Pajak Kendaraan Bermotor",
        ),
        "Bagi Hasil Provinsi",
        110.0,
    ),
    (
        "bpkad",
        (
            "4.2.02.01.01.0002",
            "Pendapatan Bagi Hasil Bea Balik Nama Kendaraan Bermotor",
        ),
        "Bagi Hasil Provinsi",
        70.0,
    ),
    (
        "bpkad",
        ("4.2.02.01.01.0005", "Pendapatan Bagi Hasil Pajak Rokok"),
        "Bagi Hasil Provinsi",
        60.0,
    ),
    (
        "bpkad",
        (
            "4.2.02.02.01.0001",
            "Pendapatan Bantuan Keuangan dari Pemerintah Daerah Provinsi",
        ),
        "Bantuan Keuangan Provinsi",
        45.0,
    ),
    (
        "bpkad",
        (
            "4.3.01.01.01.0001",
            "Pendapatan Hibah dari Pemerintah Pusat",
        ),
        "Hibah",
        12.0,
    ),
    (
        "bpkad",
        ("5.3.01.01.01.0001", "Belanja Tidak Terduga"),
        "DAU",
        40.0,
    ),
    (
        "bpkad",
        (
            "5.4.01.05.01.0001",
            "Belanja Bagi Hasil Pajak Daerah kepada Pemerintahan Desa",
        ),
        "PAD",
        22.0,
    ),
    (
        "bpkad",
        (
            "5.4.01.05.02.0001",
            "Belanja Bagi Hasil Retribusi Daerah kepada Pemerintahan Desa",
        ),
        "PAD",
        2.0,
    ),
    (
        "bpkad",
        (
            "5.4.02.05.01.0001",
            "Belanja Bantuan Keuangan Umum kepada Pemerintahan Desa",
        ),
        "DBH",
        520.0,
    ),
    (
        "bpkad",
        (
            "5.4.02.05.02.0001",
            "Belanja Bantuan Keuangan Khusus kepada Pemerintahan Desa",
        ),
        "DBH",
        780.0,
    ),
    (
        "bpkad",
        ("6.2.02.01.01.0001", "Penyertaan Modal Daerah pada BUMD"),
        "DBH",
        100.0,
    ),
];

const SILPA: Account = (
    "6.1.01.01.01.0001",
    "Sisa Lebih Perhitungan Anggaran Tahun Anggaran Sebelumnya",
);

/// Revenue, transfers, unexpected spending and financing; the SiLPA balances the budget
/// (surplus/deficit + net financing = 0, as an adopted APBD is).
fn fixed_lines(rng: &mut Rng, year: i32, budget: &mut Budget, revised: bool) {
    let find = |orgs: &[Org], id: &str| orgs.iter().position(|o| o.id == id);
    let Some(bpkad) = find(&budget.orgs, "bpkad") else {
        return;
    };
    for (id, account, source, billions) in FIXED {
        let Some(org) = find(&budget.orgs, id) else {
            continue;
        };
        let mut x = billions * BILLION * growth(year) * rng.range(0.95, 1.05);
        if revised {
            x *= rng.range(0.97, 1.08);
        }
        if account.0 == "6.2.02.01.01.0001" {
            // Less equity each year.
            x = billions * BILLION * (1.0 - 0.25 * f64::from(year - 2024));
        }
        budget.lines.push(Line {
            org,
            sub: None,
            account: *account,
            source,
            amount: round_thousand(x),
        });
    }
    // Every puskesmas is a BLUD with its own revenue.
    for (o, org) in budget.orgs.iter().enumerate() {
        if org.id == "puskesmas" {
            let x = rng.range(3.0, 5.5) * BILLION * growth(year);
            budget.lines.push(Line {
                org: o,
                sub: None,
                account: ("4.1.04.16.01.0001", "Pendapatan BLUD"),
                source: "PAD",
                amount: round_thousand(x),
            });
        }
    }
    let sum = |prefix: &str| -> i64 {
        budget
            .lines
            .iter()
            .filter(|l| l.account.0.starts_with(prefix))
            .map(|l| l.amount)
            .sum()
    };
    let silpa = sum("5") - sum("4") + sum("6.2");
    budget.lines.push(Line {
        org: bpkad,
        sub: None,
        account: SILPA,
        source: "SiLPA",
        amount: silpa.max(0),
    });
}

/// The revised budget: about a third of the lines change by −15…+15 %, a few are dropped
/// (the activity was cancelled), and revenue and the SiLPA are revised.
fn perubahan(year: i32, murni: &Budget) -> Budget {
    let mut rng = Rng::new(0x9E_0BAC_0000 + u64::try_from(year).unwrap_or(0));
    let mut lines: Vec<Line> = Vec::new();
    for l in murni.lines.iter().filter(|l| l.sub.is_some()) {
        let mut l = l.clone();
        if Cat::of(l.account.0) != Cat::Pegawai {
            if rng.chance(3) {
                continue;
            }
            if rng.chance(33) {
                l.amount = round_thousand(l.amount as f64 * rng.range(0.85, 1.15));
            }
        } else {
            l.amount = round_thousand(l.amount as f64 * rng.range(1.0, 1.04));
        }
        if l.amount > 0 {
            lines.push(l);
        }
    }
    let mut revised = Budget {
        orgs: murni.orgs.clone(),
        subs: murni.subs.clone(),
        lines,
    };
    fixed_lines(&mut rng, year, &mut revised, true);
    revised
}

fn budget_csv(budget: &Budget) -> String {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let _ = out.write_record(template::BUDGET.iter().map(|c| c.name));
    let mut order: Vec<&Line> = budget.lines.iter().collect();
    order.sort_by(|a, b| {
        let key = |l: &Line| {
            (
                budget.orgs[l.org].code.clone(),
                l.sub
                    .map(|s| budget.subs[s].code.clone())
                    .unwrap_or_default(),
                l.account.0,
            )
        };
        key(a).cmp(&key(b))
    });
    for l in order {
        let org = &budget.orgs[l.org];
        let amount = l.amount.to_string();
        match l.sub.map(|s| &budget.subs[s]) {
            Some(s) => {
                let _ = out.write_record([
                    org.code.as_str(),
                    &org.name,
                    s.program(),
                    s.kegiatan(),
                    &s.code,
                    &s.program_name,
                    &s.kegiatan_name,
                    &s.name,
                    l.account.0,
                    l.account.1,
                    l.source,
                    &amount,
                ]);
            }
            None => {
                let _ = out.write_record([
                    org.code.as_str(),
                    &org.name,
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    l.account.0,
                    l.account.1,
                    l.source,
                    &amount,
                ]);
            }
        }
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Monthly weights: spending is slow in the first months and peaks in December.
const GOODS_MONTHS: [u32; 12] = [2, 4, 6, 7, 8, 9, 8, 9, 10, 11, 12, 22];
const CAPITAL_MONTHS: [u32; 12] = [0, 0, 1, 2, 3, 5, 6, 7, 8, 10, 12, 34];

/// The realisation of the revised budget, month by month (amounts in the month, not
/// cumulative); the current demo year stops at [`LAST_MONTH_2026`].
fn realisation(year: i32, budget: &Budget) -> String {
    let mut rng = Rng::new(0x0EA1_1500_0000 + u64::try_from(year).unwrap_or(0));
    let last = if year == 2026 { LAST_MONTH_2026 } else { 12 };
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let _ = out.write_record(template::REALISATION.iter().map(|c| c.name));
    let mut rows: Vec<(u8, String, String, &'static str, i64)> = Vec::new();
    // Realisation is keyed without the source of funds: one line per account.
    let mut seen = std::collections::BTreeSet::new();
    for l in &budget.lines {
        let org = budget.orgs[l.org].code.clone();
        let sub = l
            .sub
            .map(|s| budget.subs[s].code.clone())
            .unwrap_or_default();
        if !seen.insert((org.clone(), sub.clone(), l.account.0)) {
            continue;
        }
        let a = l.account.0;
        let (rate, months): (f64, Vec<(u8, f64)>) = if a.starts_with("5.1.01") {
            // Salaries every month, the 13th salary in June and the holiday allowance in April.
            let mut m: Vec<(u8, f64)> = (1..=12).map(|m| (m, 1.0)).collect();
            m[5].1 += 1.0;
            m[3].1 += 1.0;
            (rng.range(0.95, 0.99), m)
        } else if a.starts_with('4') {
            let m = if a.starts_with("4.2.01.01.02") || a.starts_with("4.2.01.01.01") {
                vec![(3, 1.0), (6, 1.0), (9, 1.0), (12, 1.3)]
            } else {
                (1..=12).map(|m| (m, rng.range(0.7, 1.3))).collect()
            };
            (rng.range(0.93, 1.12), m)
        } else if a.starts_with("6.1") {
            (1.0, vec![(1, 1.0)])
        } else if a.starts_with("6.2") {
            (1.0, vec![(9, 1.0)])
        } else if a.starts_with("5.3") {
            (rng.range(0.05, 0.4), vec![(rng.month(&GOODS_MONTHS), 1.0)])
        } else if a.starts_with("5.4") {
            (rng.range(0.95, 1.0), vec![(4, 1.0), (8, 1.0), (12, 1.0)])
        } else if a.starts_with("5.2") {
            if rng.chance(5) {
                continue;
            }
            let k = 1 + rng.below(3);
            let m = (0..k)
                .map(|_| (rng.month(&CAPITAL_MONTHS), rng.range(0.5, 1.5)))
                .collect();
            (rng.range(0.6, 0.99), m)
        } else {
            let k = 1 + rng.below(4);
            let m = (0..k)
                .map(|_| (rng.month(&GOODS_MONTHS), rng.range(0.5, 1.5)))
                .collect();
            (rng.range(0.8, 0.98), m)
        };
        let mut by_month: BTreeMap<u8, f64> = BTreeMap::new();
        for (m, w) in months {
            *by_month.entry(m).or_default() += w;
        }
        let weight: f64 = by_month.values().sum();
        let total = l.amount as f64 * rate;
        for (m, w) in by_month {
            let amount = (total * w / weight).round() as i64;
            if m <= last && amount > 0 {
                rows.push((m, org.clone(), sub.clone(), a, amount));
            }
        }
    }
    rows.sort();
    for (m, org, sub, account, amount) in rows {
        let _ = out.write_record([
            m.to_string(),
            org,
            sub,
            account.to_string(),
            amount.to_string(),
        ]);
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The three files of a demo year: the same bytes on every call.
pub fn files_for_year(year: i32) -> DemoFiles {
    let mut rng = Rng::new(0xF1_0ED0_0000 + u64::try_from(year).unwrap_or(0));
    let mut original = murni(year);
    let revised = perubahan(year, &original);
    fixed_lines(&mut rng, year, &mut original, false);
    DemoFiles {
        murni: budget_csv(&original),
        perubahan: budget_csv(&revised),
        realisasi: realisation(year, &revised),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{Checked, Stage, check};

    #[test]
    fn the_demo_files_pass_the_import_checks_and_are_deterministic() {
        let files = files_for_year(2025);
        assert_eq!(files.murni, files_for_year(2025).murni);
        for (stage, text) in [
            (Stage::Murni, &files.murni),
            (Stage::Perubahan, &files.perubahan),
            (Stage::Realisasi, &files.realisasi),
        ] {
            match check(text.as_bytes(), "demo.csv", stage, usize::MAX) {
                Ok(Checked::Budget(b)) => {
                    let t = b.totals;
                    assert!(b.lines.len() > 10_000, "{} lines", b.lines.len());
                    // Rp 7–8 trillion of spending, balanced by the financing.
                    assert!(
                        (7_000_000_000_000..9_000_000_000_000).contains(&t.spending),
                        "{t:?}"
                    );
                    assert_eq!(
                        t.revenue - t.spending + t.financing_receipts - t.financing_expenditure,
                        0
                    );
                }
                Ok(Checked::Realisation(r)) => {
                    assert_eq!(r.last_month, 12);
                    assert!(r.lines.len() > 10_000);
                }
                Err(problems) => panic!("{stage:?}: {:?}", &problems[..problems.len().min(5)]),
            }
        }
    }
}
