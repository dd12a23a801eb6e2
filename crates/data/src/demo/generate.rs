//! The demo datasets' tables, generated deterministically (a seeded PRNG per dataset: the
//! same date gives the same bytes) in plausible orders of magnitude for Kabupaten
//! Bojonegoro — **not official statistics**. Places are the regency's real kecamatan and
//! desa/kelurahan (`data/wilayah/bojonegoro.csv`); everything counted is invented.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Timelike, Utc};

/// The regions file: `code,name` (the regency, its 28 kecamatan, its 430 desa/kelurahan).
pub const WILAYAH: &str = include_str!("../../../../data/wilayah/bojonegoro.csv");

/// A small, fast, seeded generator (SplitMix64): demo data must be the same on every run.
pub struct Rng(u64);

impl Rng {
    /// Seeded from a dataset's name (FNV-1a), so each dataset has its own stream.
    pub fn for_name(name: &str) -> Rng {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in name.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        Rng(h)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// An integer in `lo..=hi`.
    pub fn int(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        let span = u64::try_from(hi - lo + 1).unwrap_or(1);
        lo + i64::try_from(self.next_u64() % span).unwrap_or(0)
    }

    /// A factor in `1 - spread ..= 1 + spread` (in thousandths), for noise around a trend.
    pub fn around(&mut self, value: i64, spread_permille: i64) -> i64 {
        let f = self.int(1000 - spread_permille, 1000 + spread_permille);
        value * f / 1000
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        let i = usize::try_from(self.next_u64() % items.len().max(1) as u64).unwrap_or(0);
        items.get(i).copied().unwrap_or("")
    }
}

/// A kecamatan or a desa/kelurahan.
#[derive(Clone, Debug)]
pub struct Place {
    pub code: String,
    pub name: String,
}

/// The 28 kecamatan, by code.
pub fn kecamatan() -> Vec<Place> {
    places(|code| code.matches('.').count() == 2)
}

/// The 430 desa and kelurahan with their kecamatan's name, by code.
pub fn villages() -> Vec<(Place, String)> {
    let districts = kecamatan();
    places(|code| code.matches('.').count() == 3)
        .into_iter()
        .map(|v| {
            let parent = districts
                .iter()
                .find(|k| v.code.starts_with(&format!("{}.", k.code)))
                .map(|k| k.name.clone())
                .unwrap_or_default();
            (v, parent)
        })
        .collect()
}

fn places(keep: impl Fn(&str) -> bool) -> Vec<Place> {
    WILAYAH
        .lines()
        .skip(1)
        .filter_map(|line| line.split_once(','))
        .filter(|(code, _)| keep(code))
        .map(|(code, name)| Place {
            code: code.to_string(),
            name: name.trim().to_string(),
        })
        .collect()
}

/// A CSV file under construction (comma separated, quoted where needed, `.` decimals).
pub struct Csv(String);

impl Csv {
    pub fn new(header: &[&str]) -> Csv {
        let mut s = header.join(",");
        s.push('\n');
        Csv(s)
    }

    pub fn row(&mut self, cells: &[String]) {
        let quoted: Vec<String> = cells
            .iter()
            .map(|c| {
                if c.contains([',', '"', '\n']) {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c.clone()
                }
            })
            .collect();
        self.0.push_str(&quoted.join(","));
        self.0.push('\n');
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.0.into_bytes()
    }
}

/// Hundredths as a decimal number: `12345` → `123.45`.
fn dec2(hundredths: i64) -> String {
    format!("{}.{:02}", hundredths / 100, (hundredths % 100).abs())
}

/// Tenths as a decimal number.
fn dec1(tenths: i64) -> String {
    format!("{}.{}", tenths / 10, (tenths % 10).abs())
}

fn s(v: impl ToString) -> String {
    v.to_string()
}

/// The first days of the `n` months up to the month before `until`, oldest first.
fn months_before(until: NaiveDate, n: u32) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let (mut y, mut m) = (until.year(), until.month());
    for _ in 0..n {
        if m == 1 {
            y -= 1;
            m = 12;
        } else {
            m -= 1;
        }
        if let Some(d) = NaiveDate::from_ymd_opt(y, m, 1) {
            out.push(d);
        }
    }
    out.reverse();
    out
}

/// The table of demo dataset `name` as published at `at` (CSV bytes), or None for a
/// dataset without a table.
pub fn table(name: &str, at: DateTime<Utc>) -> Option<Vec<u8>> {
    let mut r = Rng::for_name(name);
    let day = at.date_naive();
    let year = day.year();
    let csv = match name {
        "penduduk-per-desa" => population_per_village(&mut r, 0),
        "penduduk-per-kecamatan" => {
            let mut c = Csv::new(&[
                "kecamatan",
                "luas_km2",
                "laki_laki",
                "perempuan",
                "jumlah",
                "kepadatan_per_km2",
            ]);
            let villages = villages();
            let mut per_village = Rng::for_name("penduduk-per-desa");
            for k in kecamatan() {
                let n = villages.iter().filter(|(_, p)| *p == k.name).count();
                let (mut men, mut women) = (0, 0);
                for _ in 0..n {
                    let (m, w) = village_people(&mut per_village, 0);
                    men += m;
                    women += w;
                }
                let area = r.int(4_000, 15_000);
                let total = men + women;
                c.row(&[
                    k.name,
                    dec2(area),
                    s(men),
                    s(women),
                    s(total),
                    s(total * 100 / area.max(1)),
                ]);
            }
            c
        }
        "kelahiran-kematian-bulanan" => {
            let mut c = Csv::new(&["bulan", "kelahiran", "kematian"]);
            for m in months_before(day, 34) {
                c.row(&[s(m), s(r.int(1_350, 1_750)), s(r.int(650, 950))]);
            }
            c
        }
        "sekolah-per-kecamatan" => {
            let mut c = Csv::new(&["kecamatan", "jenjang", "negeri", "swasta", "jumlah"]);
            for k in kecamatan() {
                for (level, pub_lo, pub_hi, priv_lo, priv_hi) in [
                    ("TK", 0, 2, 12, 35),
                    ("SD", 18, 42, 1, 8),
                    ("SMP", 2, 5, 2, 9),
                ] {
                    let (a, b) = (r.int(pub_lo, pub_hi), r.int(priv_lo, priv_hi));
                    c.row(&[k.name.clone(), s(level), s(a), s(b), s(a + b)]);
                }
            }
            c
        }
        "guru-dan-murid" => {
            let mut c = Csv::new(&["kecamatan", "jenjang", "guru", "murid", "rasio_murid_guru"]);
            for k in kecamatan() {
                for (level, lo, hi, ratio) in [("SD", 180, 420, 15), ("SMP", 60, 190, 16)] {
                    let teachers = r.int(lo, hi);
                    let pupils = r.around(teachers * ratio, 150);
                    c.row(&[
                        k.name.clone(),
                        s(level),
                        s(teachers),
                        s(pupils),
                        dec2(pupils * 100 / teachers.max(1)),
                    ]);
                }
            }
            c
        }
        "angka-partisipasi-sekolah" => {
            let mut c = Csv::new(&["tahun", "jenjang", "apk", "apm"]);
            for y in 2019..year {
                let step = i64::from(y - 2019);
                for (level, apk, apm) in [("SD", 10_650, 9_780), ("SMP", 9_120, 7_640)] {
                    c.row(&[
                        s(y),
                        s(level),
                        dec2(apk + step * r.int(5, 40)),
                        dec2(apm + step * r.int(20, 70)),
                    ]);
                }
            }
            c
        }
        "puskesmas" => {
            let mut c = Csv::new(&[
                "nama_puskesmas",
                "kecamatan",
                "jenis",
                "dokter",
                "perawat",
                "bidan",
                "tempat_tidur",
                "akreditasi",
            ]);
            let districts = kecamatan();
            let extra = [
                "Sumbertlaseh",
                "Kedungadem",
                "Sumberrejo",
                "Kalitidu",
                "Baureno",
                "Padangan",
                "Dander",
                "Balen",
            ];
            let mut names: Vec<(String, String)> = districts
                .iter()
                .map(|k| (format!("Puskesmas {}", k.name), k.name.clone()))
                .collect();
            for e in extra {
                let parent = districts
                    .iter()
                    .find(|k| k.name == e)
                    .map_or(e, |k| &k.name);
                names.push((format!("Puskesmas {e} II"), parent.to_string()));
            }
            for (name, district) in names.into_iter().take(36) {
                let inpatient = r.int(0, 9) < 4;
                c.row(&[
                    name,
                    district,
                    s(if inpatient {
                        "Rawat Inap"
                    } else {
                        "Non Rawat Inap"
                    }),
                    s(r.int(2, 6)),
                    s(r.int(8, 30)),
                    s(r.int(10, 34)),
                    s(if inpatient { r.int(8, 24) } else { 0 }),
                    s(r.pick(&["Paripurna", "Utama", "Madya", "Utama", "Paripurna"])),
                ]);
            }
            c
        }
        "fasilitas-kesehatan" => {
            let mut c = Csv::new(&[
                "kecamatan",
                "puskesmas",
                "pustu",
                "polindes",
                "posyandu",
                "klinik_pratama",
            ]);
            for k in kecamatan() {
                c.row(&[
                    k.name,
                    s(r.int(1, 2)),
                    s(r.int(2, 6)),
                    s(r.int(8, 22)),
                    s(r.int(40, 110)),
                    s(r.int(0, 6)),
                ]);
            }
            c
        }
        "kasus-dbd-bulanan" => {
            let mut c = Csv::new(&["bulan", "kasus", "meninggal"]);
            for m in months_before(day, 30) {
                // The rainy season (December–April) brings dengue.
                let wet = matches!(m.month(), 12 | 1 | 2 | 3 | 4);
                let cases = if wet { r.int(40, 160) } else { r.int(4, 35) };
                c.row(&[s(m), s(cases), s(r.int(0, cases / 40))]);
            }
            c
        }
        "imunisasi-dasar-lengkap" => {
            let mut c = Csv::new(&["kecamatan", "sasaran_bayi", "idl", "cakupan_persen"]);
            for k in kecamatan() {
                let target = r.int(250, 900);
                let done = target * r.int(880, 1_020) / 1000;
                c.row(&[
                    k.name,
                    s(target),
                    s(done),
                    dec1(done * 1000 / target.max(1)),
                ]);
            }
            c
        }
        "produksi-padi" | "produksi-jagung" => {
            let rice = name == "produksi-padi";
            let mut c = Csv::new(&[
                "tahun",
                "kecamatan",
                "luas_panen_ha",
                "produksi_ton",
                "produktivitas_ku_ha",
            ]);
            let districts = kecamatan();
            let bases: Vec<i64> = districts.iter().map(|_| r.int(1_500, 9_500)).collect();
            let last = if rice { year - 1 } else { year - 2 };
            for y in 2019..=last {
                for (k, base) in districts.iter().zip(&bases) {
                    let area = r.around(*base, 80);
                    // Quintals per hectare, in tenths: rice about 58, maize about 62.
                    let yield_tenths = if rice {
                        r.int(520, 640)
                    } else {
                        r.int(540, 700)
                    };
                    let tonnes_tenths = area * yield_tenths / 10;
                    c.row(&[
                        s(y),
                        k.name.clone(),
                        s(area),
                        dec1(tonnes_tenths),
                        dec1(yield_tenths),
                    ]);
                }
            }
            c
        }
        "populasi-ternak" => {
            let mut c = Csv::new(&["kecamatan", "sapi_potong", "kambing", "domba", "ayam_buras"]);
            for k in kecamatan() {
                c.row(&[
                    k.name,
                    s(r.int(2_500, 14_000)),
                    s(r.int(3_000, 16_000)),
                    s(r.int(500, 6_000)),
                    s(r.int(40_000, 160_000)),
                ]);
            }
            c
        }
        "curah-hujan-bulanan" => {
            let mut c = Csv::new(&["stasiun", "bulan", "curah_hujan_mm", "hari_hujan"]);
            let stations = [
                "Bojonegoro",
                "Dander",
                "Kalitidu",
                "Padangan",
                "Kedungadem",
                "Ngasem",
                "Sugihwaras",
                "Baureno",
            ];
            for m in months_before(day, 24) {
                for st in stations {
                    let (lo, hi) = match m.month() {
                        12 | 1 | 2 | 3 => (2_200, 3_900),
                        4 | 11 => (1_100, 2_600),
                        5 | 10 => (400, 1_500),
                        _ => (0, 600),
                    };
                    let mm = r.int(lo, hi);
                    c.row(&[s(st), s(m), dec1(mm), s((mm / 150).min(28) + r.int(0, 3))]);
                }
            }
            c
        }
        "tinggi-muka-air-bengawan-solo" => {
            let mut c = Csv::new(&["waktu", "pos", "tinggi_m", "status"]);
            let start = at - Duration::hours(72);
            for h in 0..72 {
                let when = start + Duration::hours(h + 1);
                for (pos, base) in [
                    ("Karangnongko", 2_100),
                    ("Kota Bojonegoro", 1_150),
                    ("Kanor", 850),
                ] {
                    // Centimetres on the gauge, rising slowly over the three days.
                    let level = r.around(base + h * 2, 10);
                    c.row(&[hour(when), s(pos), dec2(level), s(water_status(pos, level))]);
                }
            }
            c
        }
        "kualitas-udara" => {
            let mut c = Csv::new(&["waktu", "stasiun", "pm25", "pm10", "ispu"]);
            let start = at - Duration::hours(48);
            for h in 0..48 {
                let when = start + Duration::hours(h + 1);
                for st in ["Alun-alun Bojonegoro", "Kawasan Industri Kalitidu"] {
                    let pm25 = r.int(120, 650);
                    c.row(&[
                        hour(when),
                        s(st),
                        dec1(pm25),
                        dec1(pm25 * r.int(15, 22) / 10),
                        s(ispu(pm25)),
                    ]);
                }
            }
            c
        }
        "timbulan-sampah" => {
            let mut c = Csv::new(&["bulan", "sampah_masuk_tpa_ton", "terkelola_persen"]);
            for m in months_before(day, 22) {
                c.row(&[s(m), dec1(r.int(38_000, 46_000)), dec1(r.int(620, 710))]);
            }
            c
        }
        "kondisi-jalan-kabupaten" => {
            let mut c = Csv::new(&[
                "no_ruas",
                "nama_ruas",
                "kecamatan",
                "panjang_km",
                "baik_km",
                "sedang_km",
                "rusak_ringan_km",
                "rusak_berat_km",
                "permukaan",
            ]);
            let districts = kecamatan();
            for i in 0..120_i64 {
                let a = &districts[usize::try_from(i).unwrap_or(0) % districts.len()];
                let b = &districts[usize::try_from(i * 7 + 3).unwrap_or(0) % districts.len()];
                let length = r.int(12, 145); // tenths of a km
                let good = length * r.int(300, 800) / 1000;
                let fair = (length - good) * r.int(300, 700) / 1000;
                let light = (length - good - fair) * r.int(200, 800) / 1000;
                let heavy = length - good - fair - light;
                c.row(&[
                    format!("{:03}", i + 1),
                    if a.name == b.name {
                        format!("Jalan Lingkar {}", a.name)
                    } else {
                        format!("{} – {}", a.name, b.name)
                    },
                    a.name.clone(),
                    dec1(length),
                    dec1(good),
                    dec1(fair),
                    dec1(light),
                    dec1(heavy),
                    s(r.pick(&["Aspal", "Aspal", "Beton", "Paving", "Aspal", "Tanah/Sirtu"])),
                ]);
            }
            c
        }
        "jembatan-kabupaten" => {
            let mut c = Csv::new(&[
                "nama_jembatan",
                "kecamatan",
                "panjang_m",
                "lebar_m",
                "kondisi",
            ]);
            let districts = kecamatan();
            for i in 0..60_usize {
                let k = &districts[(i * 5 + 1) % districts.len()];
                c.row(&[
                    format!("Jembatan {} {}", k.name, i / districts.len() + 1),
                    k.name.clone(),
                    dec1(r.int(60, 1_200)),
                    dec1(r.int(35, 90)),
                    s(r.pick(&[
                        "Baik",
                        "Baik",
                        "Sedang",
                        "Rusak Ringan",
                        "Baik",
                        "Rusak Berat",
                    ])),
                ]);
            }
            c
        }
        "kejadian-bencana" => {
            let mut c = Csv::new(&[
                "tanggal",
                "kecamatan",
                "jenis",
                "rumah_terdampak",
                "jiwa_terdampak",
            ]);
            let districts = kecamatan();
            let mut d = day - Duration::days(330);
            while d < day - Duration::days(14) {
                let k = &districts[usize::try_from(r.int(0, 27)).unwrap_or(0) % districts.len()];
                let wet = matches!(d.month(), 12 | 1 | 2 | 3 | 4);
                let kind = if wet {
                    r.pick(&["Banjir", "Banjir", "Tanah Longsor", "Angin Kencang"])
                } else {
                    r.pick(&["Kebakaran", "Angin Kencang", "Kekeringan"])
                };
                let houses = r.int(1, 60);
                c.row(&[
                    s(d),
                    k.name.clone(),
                    s(kind),
                    s(houses),
                    s(houses * r.int(3, 4)),
                ]);
                d += Duration::days(r.int(4, 16));
            }
            c
        }
        "realisasi-pajak-daerah" => {
            let mut c = Csv::new(&["bulan", "jenis_pajak", "target_rp", "realisasi_rp"]);
            let taxes: [(&str, i64); 6] = [
                ("PBB-P2", 62_000_000_000),
                ("BPHTB", 48_000_000_000),
                ("PBJT Makanan dan Minuman", 21_000_000_000),
                ("PBJT Tenaga Listrik", 55_000_000_000),
                ("Pajak Reklame", 3_500_000_000),
                ("Pajak Air Tanah", 2_100_000_000),
            ];
            for m in months_before(day, 12)
                .into_iter()
                .filter(|m| m.year() == year)
            {
                for (tax, target) in taxes {
                    c.row(&[s(m), s(tax), s(target), s(r.around(target / 12, 300))]);
                }
            }
            c
        }
        "izin-terbit" => {
            let mut c = Csv::new(&["bulan", "jenis_izin", "jumlah"]);
            for m in months_before(day, 12) {
                for (kind, lo, hi) in [
                    ("NIB usaha mikro dan kecil", 900, 1_700),
                    ("Persetujuan Bangunan Gedung", 40, 120),
                    ("Izin praktik tenaga kesehatan", 20, 90),
                    ("Sertifikat standar", 60, 200),
                ] {
                    c.row(&[s(m), s(kind), s(r.int(lo, hi))]);
                }
            }
            c
        }
        "harga-bahan-pokok" => {
            let mut c = Csv::new(&["tanggal", "komoditas", "satuan", "harga_rp"]);
            let goods: [(&str, &str, i64); 8] = [
                ("Beras medium", "kg", 13_200),
                ("Gula pasir", "kg", 17_500),
                ("Minyak goreng curah", "liter", 17_000),
                ("Daging sapi", "kg", 128_000),
                ("Daging ayam ras", "kg", 36_000),
                ("Telur ayam ras", "kg", 28_500),
                ("Cabai rawit", "kg", 45_000),
                ("Bawang merah", "kg", 38_000),
            ];
            for w in (0..20).rev() {
                let d = day - Duration::days(7 * w);
                for (item, unit, price) in goods {
                    let p = r.around(price, 80) / 100 * 100;
                    c.row(&[s(d), s(item), s(unit), s(p)]);
                }
            }
            c
        }
        "kunjungan-wisata" => {
            let mut c = Csv::new(&["bulan", "destinasi", "kunjungan"]);
            for m in months_before(day, 12) {
                for (place, lo, hi) in [
                    ("Kayangan Api", 6_000, 14_000),
                    ("Waduk Pacal", 3_000, 9_000),
                    ("Negeri Atas Angin", 2_500, 8_000),
                    ("Wisata Edukasi Teksas Wonocolo", 4_000, 11_000),
                    ("Taman Rajekwesi", 5_000, 12_000),
                ] {
                    c.row(&[s(m), s(place), s(r.int(lo, hi))]);
                }
            }
            c
        }
        "jumlah-asn" => {
            let mut c = Csv::new(&["golongan", "laki_laki", "perempuan", "jumlah"]);
            for (g, lo, hi) in [
                ("I", 20, 60),
                ("II", 600, 1_100),
                ("III", 3_500, 5_200),
                ("IV", 1_500, 2_600),
                ("PPPK", 1_800, 3_200),
            ] {
                let (m, w) = (r.int(lo, hi), r.int(lo, hi));
                c.row(&[s(g), s(m), s(w), s(m + w)]);
            }
            c
        }
        "indeks-pembangunan-manusia" => {
            let mut c = Csv::new(&[
                "tahun",
                "ipm",
                "umur_harapan_hidup",
                "harapan_lama_sekolah",
                "rata_rata_lama_sekolah",
                "pengeluaran_per_kapita_ribu",
            ]);
            for y in 2015..year {
                let k = i64::from(y - 2015);
                c.row(&[
                    s(y),
                    dec2(6_617 + k * 62 + r.int(-8, 8)),
                    dec2(7_095 + k * 14),
                    dec2(1_204 + k * 9),
                    dec2(681 + k * 8),
                    s(9_200 + k * 280 + r.int(-60, 60)),
                ]);
            }
            c
        }
        "penerima-bansos" => {
            let mut c = Csv::new(&["kecamatan", "pkh_kpm", "bpnt_kpm"]);
            for k in kecamatan() {
                let pkh = r.int(900, 3_600);
                c.row(&[k.name, s(pkh), s(r.around(pkh * 2, 200))]);
            }
            c
        }
        "status-desa-idm" => {
            let mut c = Csv::new(&["kode_wilayah", "kecamatan", "desa", "skor_idm", "status"]);
            for (v, district) in villages() {
                // Kelurahan (x.1xxx) are not rated by the IDM.
                if v.code
                    .rsplit('.')
                    .next()
                    .is_some_and(|c| c.starts_with('1'))
                {
                    continue;
                }
                let score = r.int(5_900, 8_900); // ten-thousandths
                let status = match score {
                    8_150.. => "Mandiri",
                    7_070..8_150 => "Maju",
                    5_990..7_070 => "Berkembang",
                    _ => "Tertinggal",
                };
                c.row(&[v.code, district, v.name, format!("0.{score:04}"), s(status)]);
            }
            c
        }
        _ => return None,
    };
    Some(csv.into_bytes())
}

/// Population per village; `drift` moves the figures for an earlier version.
pub fn population_per_village(r: &mut Rng, drift: i64) -> Csv {
    let mut c = Csv::new(&[
        "kode_wilayah",
        "kecamatan",
        "desa_kelurahan",
        "laki_laki",
        "perempuan",
        "jumlah",
        "kepala_keluarga",
    ]);
    for (v, district) in villages() {
        let (men, women) = village_people(r, drift);
        let total = men + women;
        c.row(&[
            v.code,
            district,
            v.name,
            s(men),
            s(women),
            s(total),
            s(total * r.int(300, 340) / 1000),
        ]);
    }
    c
}

fn village_people(r: &mut Rng, drift: i64) -> (i64, i64) {
    let base = r.int(1_400, 6_200);
    let men = base * r.int(490, 505) / 1000;
    (men - drift, base - men - drift)
}

/// `2026-11-27T10:00:00+07:00`: an hour in Western Indonesian Time.
fn hour(at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&platform::clock::wib());
    let local = local
        .with_minute(0)
        .and_then(|l| l.with_second(0))
        .and_then(|l| l.with_nanosecond(0))
        .unwrap_or(local);
    local.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// The flood alert of a gauge reading in centimetres (Bengawan Solo thresholds, rounded).
pub fn water_status(pos: &str, centimetres: i64) -> &'static str {
    let (green, yellow, red) = match pos {
        "Karangnongko" => (2_600, 2_800, 3_000),
        "Kota Bojonegoro" => (1_350, 1_450, 1_500),
        _ => (1_000, 1_100, 1_200),
    };
    match centimetres {
        x if x >= red => "Siaga Merah",
        x if x >= yellow => "Siaga Kuning",
        x if x >= green => "Siaga Hijau",
        _ => "Normal",
    }
}

/// The ISPU category of a PM2.5 reading in tenths of µg/m³ (PermenLHK 14/2020, rounded).
fn ispu(pm25_tenths: i64) -> &'static str {
    match pm25_tenths {
        ..=155 => "Baik",
        156..=555 => "Sedang",
        556..=1_505 => "Tidak Sehat",
        _ => "Sangat Tidak Sehat",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 27, 3, 0, 0)
            .single()
            .unwrap_or_default()
    }

    #[test]
    fn places_come_from_the_regions_file() {
        assert_eq!(kecamatan().len(), 28);
        assert_eq!(villages().len(), 430);
        assert!(villages().iter().all(|(_, k)| !k.is_empty()));
    }

    #[test]
    fn tables_are_deterministic_and_rectangular() {
        let names = [
            "penduduk-per-desa",
            "produksi-padi",
            "tinggi-muka-air-bengawan-solo",
            "status-desa-idm",
            "kejadian-bencana",
        ];
        for name in names {
            let a = table(name, at()).unwrap();
            assert_eq!(a, table(name, at()).unwrap(), "{name}");
            let text = String::from_utf8(a).unwrap();
            let mut reader = csv::Reader::from_reader(text.as_bytes());
            let width = reader.headers().unwrap().len();
            let rows: Vec<_> = reader.records().map(Result::unwrap).collect();
            assert!(!rows.is_empty(), "{name}");
            assert!(rows.iter().all(|r| r.len() == width), "{name}");
        }
        assert_eq!(
            table("penduduk-per-desa", at()).map(|b| b.iter().filter(|c| **c == b'\n').count()),
            Some(431)
        );
        assert!(table("rpjmd-2021-2026", at()).is_none());
    }

    #[test]
    fn hours_are_written_in_wib() {
        assert_eq!(hour(at()), "2026-11-27T10:00:00+07:00");
        assert_eq!(water_status("Kanor", 1_250), "Siaga Merah");
        assert_eq!(water_status("Kanor", 850), "Normal");
    }
}
