//! Demo data of the complaints module: the category list of a regency (after LAPOR!'s
//! topical categories), each routed by default to the organisation that answers for it.

use chrono::{DateTime, Utc};
use platform::db::Db;

use crate::queries::{self, Category};

/// (id, Indonesian name, English name, default organisation).
const CATEGORIES: &[(&str, &str, &str, &str)] = &[
    ("kesehatan", "Kesehatan", "Health", "dinkes"),
    ("pendidikan", "Pendidikan", "Education", "disdik"),
    (
        "adminduk",
        "Administrasi Kependudukan",
        "Civil registration",
        "dukcapil",
    ),
    ("perizinan", "Perizinan", "Licences and permits", "dpmptsp"),
    (
        "jalan-jembatan",
        "Jalan dan Jembatan",
        "Roads and bridges",
        "dpu-bina-marga",
    ),
    (
        "irigasi-banjir",
        "Irigasi dan Banjir",
        "Irrigation and floods",
        "dpu-sda",
    ),
    (
        "lingkungan",
        "Lingkungan Hidup dan Sampah",
        "Environment and waste",
        "dlh",
    ),
    ("dana-desa", "Dana Desa", "Village funds", "dpmd"),
    (
        "bantuan-sosial",
        "Bantuan Sosial",
        "Social assistance",
        "dinsos",
    ),
    (
        "ketenagakerjaan",
        "Ketenagakerjaan",
        "Employment",
        "disperinaker",
    ),
    (
        "transportasi",
        "Transportasi dan Lalu Lintas",
        "Transport and traffic",
        "dishub",
    ),
    ("ketertiban", "Ketertiban Umum", "Public order", "satpol-pp"),
    (
        "pertanian",
        "Pertanian dan Pupuk",
        "Farming and fertiliser",
        "distan",
    ),
    (
        "informasi-publik",
        "Informasi Publik",
        "Public information",
        "ppid-utama",
    ),
    ("lainnya", "Lainnya", "Other", "diskominfo"),
];

/// Load the categories unless some exist.
pub async fn load_categories_if_empty(db: &Db, now: DateTime<Utc>) -> anyhow::Result<()> {
    if !queries::all_categories(db).await?.is_empty() {
        return Ok(());
    }
    let mut tx = db.begin().await?;
    for (position, (id, name_id, name_en, org)) in CATEGORIES.iter().enumerate() {
        let category = Category {
            id: (*id).into(),
            name_id: (*name_id).into(),
            name_en: (*name_en).into(),
            default_organisation_id: (*org).into(),
            position: i32::try_from(position).unwrap_or(i32::MAX),
            active: true,
        };
        queries::upsert_category(&mut tx, &category, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A tiny deterministic PRNG (xorshift64*): the demo must look the same on every run and
/// needs no dependency for it.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform-enough in `0..n` (n > 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        let n = u64::try_from(n.max(1)).unwrap_or(u64::MAX);
        usize::try_from(self.next() % n).unwrap_or(0)
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// True with probability `percent` / 100.
    pub(crate) fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// Per category: (title templates, description templates). `{desa}` and `{kec}` become the
/// village and district names.
pub(crate) const TEMPLATES: &[(&str, &[&str], &[&str])] = &[
    (
        "jalan-jembatan",
        &[
            "Jalan rusak parah di Desa {desa}",
            "Jembatan penghubung di {desa} retak",
            "Lubang besar di jalan poros Kecamatan {kec}",
            "Perbaikan jalan desa {desa} mangkrak",
        ],
        &[
            "Jalan utama di Desa {desa}, Kecamatan {kec}, berlubang dan tergenang saat hujan. Sudah beberapa pengendara sepeda motor jatuh. Mohon segera diperbaiki.",
            "Jembatan kecil yang menghubungkan dusun di Desa {desa} mulai retak dan pagarnya hilang. Anak sekolah setiap hari melewatinya. Mohon dicek oleh dinas terkait.",
            "Pengaspalan jalan di Desa {desa} berhenti sejak beberapa bulan lalu, material dibiarkan di bahu jalan dan mengganggu pengguna jalan.",
        ],
    ),
    (
        "kesehatan",
        &[
            "Antrean panjang di Puskesmas {kec}",
            "Obat sering kosong di Puskesmas {kec}",
            "Pelayanan bidan desa {desa} tidak ada",
            "Ambulans desa {desa} tidak bisa dipakai",
        ],
        &[
            "Warga harus antre sejak subuh di Puskesmas Kecamatan {kec} dan baru dilayani siang hari. Mohon penambahan petugas pendaftaran atau sistem antrean daring.",
            "Beberapa kali obat untuk penderita hipertensi kosong di Puskesmas {kec}, pasien diminta membeli sendiri di apotek. Mohon penjelasan dan perbaikan stok.",
            "Poskesdes di Desa {desa} sering tutup pada jam pelayanan sehingga ibu hamil harus ke kecamatan. Mohon jadwal pelayanan ditepati.",
        ],
    ),
    (
        "adminduk",
        &[
            "KTP elektronik belum jadi setelah tiga bulan",
            "Pengurusan akta kelahiran di {kec} lambat",
            "Blangko KTP-el kosong di Kecamatan {kec}",
            "Kartu keluarga salah cetak nama",
        ],
        &[
            "Saya sudah merekam KTP elektronik di Kecamatan {kec} tiga bulan lalu namun sampai sekarang belum dicetak. Setiap datang dijawab blangko habis.",
            "Pengajuan akta kelahiran anak kami dari Desa {desa} belum selesai lebih dari sebulan, padahal persyaratan sudah lengkap. Mohon ditindaklanjuti.",
            "Nama anggota keluarga di kartu keluarga tercetak salah dan perbaikannya diminta datang berkali-kali ke Dukcapil. Mohon dipermudah.",
        ],
    ),
    (
        "perizinan",
        &[
            "Izin usaha mikro belum terbit",
            "Proses PBG di DPMPTSP berbelit",
            "Persyaratan izin toko di {kec} tidak jelas",
        ],
        &[
            "Pengajuan izin usaha mikro saya melalui OSS sudah lengkap, tetapi verifikasi di kabupaten belum selesai lebih dari dua minggu. Mohon kejelasan.",
            "Pengurusan persetujuan bangunan gedung untuk rumah di Desa {desa} memerlukan banyak dokumen tambahan yang tidak tercantum di persyaratan resmi.",
        ],
    ),
    (
        "dana-desa",
        &[
            "Penggunaan Dana Desa {desa} tidak transparan",
            "Papan APBDes tidak dipasang di Desa {desa}",
            "Proyek Dana Desa {desa} tidak sesuai rencana",
        ],
        &[
            "Di Desa {desa}, Kecamatan {kec}, papan informasi APBDes tidak dipasang sehingga warga tidak tahu penggunaan Dana Desa tahun ini. Mohon pemerintah desa diminta memasangnya.",
            "Pembangunan rabat beton di Desa {desa} yang dibiayai Dana Desa panjangnya tidak sesuai dengan yang diumumkan dalam musyawarah desa. Mohon diperiksa.",
        ],
    ),
    (
        "bantuan-sosial",
        &[
            "Bantuan sosial tidak tepat sasaran di {desa}",
            "PKH keluarga kami berhenti tanpa pemberitahuan",
            "Warga miskin di {desa} belum terdata DTKS",
        ],
        &[
            "Beberapa keluarga mampu di Desa {desa} menerima bantuan sosial, sementara tetangga kami yang lansia dan tidak bekerja tidak menerima. Mohon pendataan ulang.",
            "Bantuan PKH keluarga kami di Kecamatan {kec} berhenti sejak tiga bulan tanpa pemberitahuan. Mohon penjelasan alasan dan cara mengajukan kembali.",
        ],
    ),
    (
        "irigasi-banjir",
        &[
            "Banjir luapan Bengawan Solo di {desa}",
            "Saluran irigasi {desa} tersumbat",
            "Tanggul di Desa {desa} jebol",
        ],
        &[
            "Setiap hujan deras air meluap ke permukiman di Desa {desa}, Kecamatan {kec}, karena saluran drainase tersumbat. Mohon normalisasi saluran sebelum musim hujan.",
            "Saluran irigasi tersier di Desa {desa} penuh sedimen sehingga sawah di hilir tidak mendapat air. Petani terancam gagal tanam.",
        ],
    ),
    (
        "lingkungan",
        &[
            "Sampah menumpuk di pasar {kec}",
            "Pembakaran sampah di {desa} mengganggu warga",
            "TPS liar di pinggir jalan {desa}",
        ],
        &[
            "Sampah di sekitar pasar Kecamatan {kec} tidak diangkut lebih dari seminggu, berbau dan mengundang lalat. Mohon jadwal pengangkutan diperbaiki.",
            "Ada tempat pembuangan sampah liar di pinggir jalan Desa {desa} yang makin meluas. Mohon disediakan TPS resmi dan penertiban.",
        ],
    ),
    (
        "pendidikan",
        &[
            "Atap ruang kelas SD di {desa} bocor",
            "Pungutan di sekolah negeri di {kec}",
            "Zonasi PPDB di {kec} tidak adil",
        ],
        &[
            "Atap dua ruang kelas di SD negeri Desa {desa} bocor dan plafonnya hampir runtuh. Murid terpaksa belajar di teras saat hujan.",
            "Orang tua murid di Kecamatan {kec} diminta membayar uang gedung di sekolah negeri tanpa penjelasan dasar hukumnya. Mohon diperiksa.",
        ],
    ),
    (
        "pertanian",
        &[
            "Pupuk bersubsidi langka di {kec}",
            "Harga pupuk di kios {desa} di atas HET",
            "Kartu tani belum bisa dipakai",
        ],
        &[
            "Petani di Desa {desa}, Kecamatan {kec}, kesulitan mendapat pupuk bersubsidi menjelang musim tanam. Kios resmi selalu menjawab stok habis.",
            "Kios pupuk di Desa {desa} menjual pupuk bersubsidi di atas harga eceran tertinggi. Mohon pengawasan distribusi pupuk.",
        ],
    ),
    (
        "transportasi",
        &[
            "Lampu lalu lintas mati di simpang {kec}",
            "Penerangan jalan umum padam di {desa}",
        ],
        &[
            "Lampu lalu lintas di simpang empat Kecamatan {kec} mati sejak seminggu dan sering terjadi hampir tabrakan. Mohon segera diperbaiki.",
            "Lampu penerangan jalan umum di jalan Desa {desa} padam sehingga rawan kecelakaan dan kejahatan pada malam hari.",
        ],
    ),
    (
        "informasi-publik",
        &[
            "Permohonan salinan APBDes {desa}",
            "Meminta data penerima bantuan di {kec}",
        ],
        &[
            "Saya ingin memperoleh salinan APBDes dan laporan realisasi Desa {desa} tahun lalu. Mohon informasi cara memperolehnya.",
            "Mohon informasi jumlah penerima bantuan sosial per desa di Kecamatan {kec} tahun ini beserta kriterianya.",
        ],
    ),
];

pub(crate) const ANSWERS: &[&str] = &[
    "Terima kasih atas laporannya. Petugas kami telah melakukan pengecekan lapangan dan perbaikan dijadwalkan dalam dua minggu.",
    "Laporan telah kami tindak lanjuti bersama pemerintah desa dan kecamatan; hasilnya akan diumumkan di papan informasi desa.",
    "Kami telah berkoordinasi dengan unit pelaksana teknis terkait. Permasalahan sudah ditangani dan akan terus kami pantau.",
    "Permohonan Bapak/Ibu sudah kami proses. Silakan datang ke kantor kami pada jam kerja dengan membawa bukti laporan ini.",
];

pub(crate) const RATING_COMMENTS: &[&str] = &[
    "Terima kasih, sudah diperbaiki.",
    "Cukup cepat ditanggapi.",
    "Belum sepenuhnya selesai, tapi ada tindak lanjut.",
    "Tanggapannya terlalu lama.",
    "",
];

pub(crate) const GUEST_FIRST: &[&str] = &[
    "Budi", "Wahyu", "Eko", "Dwi", "Tri", "Ani", "Lilis", "Sugeng", "Yuni", "Rudi", "Fitri",
    "Hadi", "Murni", "Tutik", "Arif", "Rohmat", "Indah", "Suparno", "Lestari", "Darmaji",
];
pub(crate) const GUEST_LAST: &[&str] = &[
    "Santoso",
    "Hartono",
    "Rahayu",
    "Setiawan",
    "Purnomo",
    "Handayani",
    "Susanto",
    "Wibowo",
    "Mulyani",
    "Saputra",
    "Kusuma",
    "Prasetya",
];

/// What a demo person of `data/demo/people.csv` is: (name, e-mail, phone, NIK, address).
type Person = (String, String, String, String, String);

/// The demo people without a role (citizens), from `people_csv`.
fn citizens(people_csv: &str) -> Vec<Person> {
    let Ok(rows) = platform::accounts::seed::parse_people(people_csv) else {
        return Vec::new();
    };
    rows.into_iter()
        .filter(|p| p.role.is_empty())
        .map(|p| (p.name, p.email, p.phone, p.nik, p.address))
        .collect()
}

async fn staff_actor(db: &Db, email: &str) -> anyhow::Result<Option<platform::authz::Actor>> {
    let Some(user) = platform::accounts::users::find_by_email(db, email).await? else {
        return Ok(None);
    };
    let memberships = platform::accounts::session::memberships_of(db, user.id).await?;
    Ok(Some(platform::authz::Actor {
        user: Some(platform::authz::User {
            id: user.id,
            name: user.name,
            email: user.email,
            memberships,
        }),
        session_hash: None,
    }))
}

/// The state a demo complaint ends in, with its share (per mille).
pub(crate) const TARGETS: &[(&str, usize)] = &[
    ("submitted", 60),
    ("deferred", 30),
    ("routed", 90),
    ("followed_up", 70),
    ("completed_confirmed", 380),
    ("completed_auto", 200),
    ("not_our_authority", 90),
    ("archived", 80),
];

/// Generate `count` demo complaints through the case engine, spread over the regency's
/// villages and the last twelve months, ending in every state of the workflow; then run the
/// deadlines job so that late ones are marked overdue. Deterministic (fixed seed).
/// `people_csv` is `data/demo/people.csv`: its citizens report a share of the complaints
/// (signed in or as guests) so that the exposure scanner would notice a leak.
pub async fn load_demo_complaints(
    state: &platform::state::AppState,
    people_csv: &str,
    count: usize,
) -> anyhow::Result<usize> {
    use chrono::Duration;
    use platform::cases::{self, Act, By, OpenCase, Privacy, ReporterProof};

    let db = &state.db;
    let now = state.clock.now();
    let calendar = state.calendar.get(db).await?;
    let categories = queries::active_categories(db).await?;
    let regions = crate::public::sql::regency_regions(db).await?;
    let villages: Vec<_> = regions.iter().filter(|r| r.level == "village").collect();
    if categories.is_empty() || villages.is_empty() {
        return Ok(0);
    }
    let Some(admin) = staff_actor(db, "admin@example.id").await? else {
        return Ok(0);
    };
    let verifier = staff_actor(db, "agus.prasetyo@example.id")
        .await?
        .unwrap_or_else(|| admin.clone());
    let dinkes_officer = staff_actor(db, "bambang.sutrisno@example.id").await?;
    let kominfo_officer = staff_actor(db, "dewi.lestari@example.id").await?;
    let people = citizens(people_csv);
    let mut signed_in = Vec::new();
    for p in &people {
        if let Some(user) = platform::accounts::users::find_by_email(db, &p.1).await? {
            signed_in.push((user, p.clone()));
        }
    }

    let mut rng = Rng(0x5EED_B0E0_2026_0001);
    let mut made = 0;
    let mut tx = db.begin().await?;
    for i in 0..count {
        // Target state by share.
        let mut roll = rng.below(1000);
        let mut target = "completed_confirmed";
        for (t, share) in TARGETS {
            if roll < *share {
                target = t;
                break;
            }
            roll -= share;
        }
        // The first complaints cover every state, so that even a small demo shows them all.
        if let Some((first, _)) = TARGETS.get(i) {
            target = first;
        }
        // Open cases are recent (some late); closed ones spread over the year.
        let age_days = match target {
            "submitted" | "deferred" => {
                if rng.chance(50) {
                    rng.below(3)
                } else {
                    5 + rng.below(20)
                }
            }
            "routed" => {
                if rng.chance(50) {
                    rng.below(4)
                } else {
                    10 + rng.below(30)
                }
            }
            "followed_up" => 1 + rng.below(6),
            _ => 15 + rng.below(350),
        };
        let minutes = i64::try_from(rng.below(12 * 60)).unwrap_or(0);
        let opened_at =
            now - Duration::days(i64::try_from(age_days).unwrap_or(0)) - Duration::minutes(minutes);
        // For short-lived steps: hours after opening, never later than now.
        let step = |hours: i64| (opened_at + Duration::hours(hours)).min(now);

        let category = rng.pick(&categories);
        let (_, titles, descriptions) = TEMPLATES
            .iter()
            .find(|(id, _, _)| *id == category.id)
            .unwrap_or(&TEMPLATES[0]);
        let category_id = if TEMPLATES.iter().any(|(id, _, _)| *id == category.id) {
            category.id.clone()
        } else {
            TEMPLATES[0].0.to_string()
        };
        let village = *rng.pick(&villages);
        let district_code = village.parent_code.clone().unwrap_or_default();
        let district_name = regions
            .iter()
            .find(|r| r.code == district_code)
            .map(|r| r.name.clone())
            .unwrap_or_default();
        let fill = |s: &str| {
            s.replace("{desa}", &title_case(&village.name))
                .replace("{kec}", &title_case(&district_name))
        };
        let title = fill(rng.pick::<&str>(titles));
        let description = fill(rng.pick::<&str>(descriptions));
        let kind = match (category_id.as_str(), rng.below(10)) {
            ("informasi-publik", _) => "permintaan_informasi",
            (_, 0 | 1) => "aspirasi",
            (_, 2) => "permintaan_informasi",
            _ => "pengaduan",
        };
        let privacy = match rng.below(100) {
            0..=9 => Privacy::Anonymous,
            10..=14 => Privacy::Confidential,
            _ => Privacy::Public,
        };
        // Reporter: a signed-in demo citizen, a demo person as guest, or an invented guest.
        let who = rng.below(100);
        let (reporter_user_id, reporter) = if who < 15 && !signed_in.is_empty() {
            let (user, p) = rng.pick(&signed_in);
            (
                Some(user.id),
                queries::Reporter {
                    name: user.name.clone(),
                    email: user.email.clone(),
                    phone: p.2.clone(),
                    ..Default::default()
                },
            )
        } else if who < 30 && !people.is_empty() {
            let p = rng.pick(&people);
            (
                None,
                queries::Reporter {
                    name: p.0.clone(),
                    email: p.1.clone(),
                    phone: p.2.clone(),
                    nik: p.3.clone(),
                    address: p.4.clone(),
                    ..Default::default()
                },
            )
        } else {
            (None, guest_reporter(&mut rng))
        };

        let opened = cases::open(
            &mut tx,
            &crate::COMPLAINT,
            OpenCase {
                organisation_id: None,
                privacy,
                reporter_user_id,
                guest: reporter_user_id.is_none(),
                body: description.clone(),
                files: Vec::new(),
            },
            opened_at,
            &calendar,
        )
        .await?;
        let complaint = queries::NewComplaint {
            kind: kind.into(),
            title,
            description,
            category_id: category_id.clone(),
            region_code: village.code.clone(),
            district_code,
            latitude: None,
            longitude: None,
            location_text: String::new(),
        };
        queries::insert(&mut tx, opened.case.id, &complaint, &reporter, opened_at).await?;
        let mut case = opened.case;
        let reporter_proof = match (&reporter_user_id, &opened.guest_secret) {
            (Some(id), _) => ReporterProof::User(*id),
            (None, Some(secret)) => ReporterProof::GuestSecret(secret.clone()),
            (None, None) => ReporterProof::User(uuid::Uuid::nil()),
        };
        let organisation = categories
            .iter()
            .find(|c| c.id == category_id)
            .map(|c| c.default_organisation_id.clone())
            .unwrap_or_else(|| "diskominfo".into());
        let officer = match organisation.as_str() {
            "dinkes" => dinkes_officer.as_ref().unwrap_or(&admin),
            "diskominfo" => kominfo_officer.as_ref().unwrap_or(&admin),
            _ => &admin,
        };
        let mut steps: Vec<(&str, By<'_>, String, Option<String>, i64)> = Vec::new();
        let staff = |a| By::Staff(a);
        match target {
            "submitted" => {}
            "deferred" => steps.push((
                "defer",
                staff(&verifier),
                "Mohon lengkapi lokasi persis (nama dusun/RT) dan foto kondisi terkini.".into(),
                None,
                20,
            )),
            "not_our_authority" => steps.push((
                "not_our_authority",
                staff(&verifier),
                "Laporan ini merupakan kewenangan pemerintah provinsi/pusat; silakan sampaikan melalui kanal instansi tersebut.".into(),
                None,
                30,
            )),
            "archived" => steps.push((
                "archive",
                staff(&verifier),
                "Laporan tidak dapat ditindaklanjuti karena informasi tidak lengkap dan pelapor tidak menanggapi permintaan klarifikasi.".into(),
                None,
                50,
            )),
            _ => {
                steps.push(("verify_and_route", staff(&verifier), String::new(), Some(organisation.clone()), 24));
                if target != "routed" {
                    steps.push(("respond", staff(officer), (*rng.pick(ANSWERS)).into(), None, 72 + 24 * i64::try_from(rng.below(4)).unwrap_or(0)));
                }
                match target {
                    "completed_confirmed" => steps.push(("confirm_done", By::Reporter(reporter_proof), String::new(), None, 24 * 7)),
                    "completed_auto" => steps.push(("auto_complete", By::System, "case-system-auto-transition".into(), None, 24 * 16)),
                    _ => {}
                }
            }
        }
        let mut rated_at = None;
        for (action, by, body, route_to, hours) in steps {
            let at = step(hours);
            case = cases::act(
                &mut tx,
                &crate::COMPLAINT,
                case.id,
                case.version,
                Act {
                    action,
                    by,
                    body,
                    public: true,
                    route_to,
                    files: Vec::new(),
                },
                at,
                &calendar,
            )
            .await?;
            if action == "confirm_done" {
                rated_at = Some(at);
            }
        }
        if let Some(at) = rated_at {
            // Most confirmations carry a rating; the spread leans positive, as in LAPOR!.
            let rating = [5, 5, 4, 4, 4, 3, 3, 2, 1][rng.below(9)];
            let comment = *rng.pick(RATING_COMMENTS);
            crate::public::sql::rate(&mut tx, case.id, Some(rating), comment, at).await?;
        }
        made += 1;
        // Committing in batches keeps the SQLite demo load within seconds.
        if made % 100 == 0 {
            tx.commit().await?;
            tx = db.begin().await?;
        }
    }
    tx.commit().await?;
    // Mark what is late now (and complete what has waited too long), as the job would.
    loop {
        let applied = platform::cases::deadlines::run(state, &[&crate::COMPLAINT]).await?;
        if applied.escalated + applied.transitioned == 0 {
            break;
        }
    }
    Ok(made)
}

/// `KALITIDU` → `Kalitidu` (the regions list spells names in capitals).
pub(crate) fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(cs.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// How many complaints the full demo holds (about a year of a regency's LAPOR! traffic,
/// scaled down to load in a few seconds).
pub const DEMO_COMPLAINTS: usize = 3_000;

/// [`load_demo_complaints`] unless the database already holds complaints. Only the real demo
/// (`TERBUKA_DEMO=true` at start-up) calls this; the test suite does not, to stay fast.
pub async fn load_demo_complaints_if_empty(
    state: &platform::state::AppState,
    people_csv: &str,
    count: usize,
) -> anyhow::Result<usize> {
    let db = &state.db;
    let n: i64 = platform::on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM complaints")
        .fetch_one(pool).await)?;
    if n > 0 {
        return Ok(0);
    }
    load_demo_complaints(state, people_csv, count).await
}

/// A guest reporter of the demo: a made-up name (sometimes none), an e-mail and/or a phone.
/// Shared with the bulk generator, which draws the same way.
pub(crate) fn guest_reporter(rng: &mut Rng) -> queries::Reporter {
    let first = *rng.pick(GUEST_FIRST);
    let last = *rng.pick(GUEST_LAST);
    let number = 1000 + rng.below(9000);
    let with_email = rng.chance(70);
    queries::Reporter {
        name: if rng.chance(85) {
            format!("{first} {last}")
        } else {
            String::new()
        },
        email: if with_email {
            format!(
                "{}.{}{}@example.id",
                first.to_lowercase(),
                last.to_lowercase(),
                number % 100
            )
        } else {
            String::new()
        },
        phone: if !with_email || rng.chance(40) {
            format!(
                "+62 8{}-{:04}-{number}",
                12 + rng.below(80),
                rng.below(10_000)
            )
        } else {
            String::new()
        },
        ..Default::default()
    }
}
