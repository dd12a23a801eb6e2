//! The Bojonegoro demo data, loaded into an empty database: regions, organisations,
//! demo people, news. Everything is embedded in the binary; nothing is fetched.

use platform::clock::Clock;
use platform::db::Db;

/// Kabupaten Bojonegoro's 28 districts and 430 villages (MIT, see data/wilayah/LICENSE).
pub const BOJONEGORO_REGIONS: &str = include_str!("../../../data/wilayah/bojonegoro.csv");
/// The regency's OPDs (see data/organisations/README.md).
pub const BOJONEGORO_OPD: &str = include_str!("../../../data/organisations/bojonegoro-opd.csv");
/// The invented demo people (see data/demo/README.md): their NIK, phone, e-mail and address
/// columns are the exposure scanner's list of strings that must never appear publicly.
pub const DEMO_PEOPLE: &str = include_str!("../../../data/demo/people.csv");
/// The one documented password of every demo account.
pub const DEMO_PASSWORD: &str = "terbuka-demo-2026";
/// argon2id (m=19456, t=2, p=1) of [`DEMO_PASSWORD`], computed once so that loading the demo
/// (which every integration test does) costs no hashing; a unit test checks it.
const DEMO_PASSWORD_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$TFTYjN+3ujCXtL0QUunWhg$CxEobf01xzs9UFjQQQTKXoyiIQALRVP+s/m3VfToOTc";

/// Load the demo data unless the database already holds regions.
pub async fn load_if_empty(db: &Db, clock: &dyn Clock) -> anyhow::Result<()> {
    if platform::regions::count(db).await? > 0 {
        return Ok(());
    }
    platform::regions::load_regions_csv(db, BOJONEGORO_REGIONS, ("35", "JAWA TIMUR")).await?;
    platform::regions::load_organisations(db, "35.22", BOJONEGORO_OPD, clock.now()).await?;
    load_people(db, clock).await?;
    pages::news::load_demo(db, clock.now(), DEMO_NEWS).await?;
    complaints::demo::load_categories_if_empty(db, clock.now()).await?;
    Ok(())
}

/// Published demo news (written for the demo; invented, but true to the seed text).
pub const DEMO_NEWS: &[pages::news::DemoNews] = &[
    pages::news::DemoNews {
        slug: "papan-informasi-desa-430-desa",
        title_id: "Papan informasi APBDes kini terpasang di 430 desa dan kelurahan",
        title_en: "Village budget notice boards now stand in all 430 villages and kelurahan",
        summary_id: "Setiap desa dan kelurahan di Bojonegoro wajib memasang APBDes, daftar proyek, dan nomor HP kepala desa di papan pengumuman.",
        summary_en: "Every village and kelurahan in Bojonegoro must post its budget, its project list and the village head's mobile number on the notice board.",
        body_id: "Pemerintah Kabupaten Bojonegoro meminta seluruh 430 desa dan kelurahan memasang informasi APBDes dan daftar proyek di papan pengumuman desa, lengkap dengan nomor HP kepala desa.\n\nWarga yang menemukan papan informasi belum terpasang atau tidak mutakhir dapat menyampaikannya kepada kantor kecamatan setempat.\n\nDalam waktu dekat, isi papan informasi setiap desa juga dapat dilihat di portal ini melalui halaman wilayah masing-masing desa.",
        body_en: "The Bojonegoro Regency Government has asked all 430 villages and kelurahan to post their village budget (APBDes) and project list on the village notice board, together with the village head's mobile number.\n\nCitizens who find a notice board missing or out of date can report it to their district office.\n\nSoon the contents of every village's notice board will also be visible on this portal, on each village's region page.",
        days_ago: 3,
    },
    pages::news::DemoNews {
        slug: "portal-terbuka-diluncurkan",
        title_id: "Portal Terbuka Bojonegoro diluncurkan",
        title_en: "The Terbuka Bojonegoro portal is launched",
        summary_id: "Diskominfo meluncurkan portal pemerintah terbuka: profil organisasi, wilayah, berita, dan log publikasi yang dapat diperiksa siapa saja.",
        summary_en: "Diskominfo launches the open-government portal: organisation profiles, regions, news and a publication log anyone can check.",
        body_id: "Dinas Komunikasi dan Informatika Kabupaten Bojonegoro meluncurkan portal Terbuka sebagai pintu masuk informasi publik pemerintah daerah.\n\nPada tahap pertama, portal memuat profil seluruh perangkat daerah, kantor kecamatan, dan pemerintah desa, serta log publikasi berantai: setiap terbitan dicatat dengan sidik SHA-256 sehingga perubahan diam-diam dapat diketahui.\n\nModul anggaran, kontrak, portal data, dan pengaduan akan menyusul secara bertahap.",
        body_en: "The Communication and Informatics Agency of Bojonegoro Regency has launched the Terbuka portal as the entry point to the regional government's public information.\n\nIn its first stage the portal holds profiles of every regional agency, district office and village government, and a chained publication log: each publication is recorded with a SHA-256 fingerprint, so silent changes can be detected.\n\nThe budget, contracts, data portal and complaints modules will follow step by step.",
        days_ago: 2,
    },
    pages::news::DemoNews {
        slug: "konsultasi-publik-rencana-aksi-daerah",
        title_id: "Konsultasi publik rencana aksi daerah keterbukaan pemerintah",
        title_en: "Public consultation on the regional open-government action plan",
        summary_id: "Warga, organisasi masyarakat sipil, perguruan tinggi, dan dunia usaha diundang memberi masukan atas rencana aksi daerah (RAD).",
        summary_en: "Citizens, civil society organisations, universities and businesses are invited to comment on the regional action plan (RAD).",
        body_id: "Sebagai daerah percontohan Kemitraan Pemerintah Terbuka, Bojonegoro menyusun rencana aksi daerah bersama masyarakat.\n\nBappeda dan Diskominfo membuka konsultasi publik atas rancangan komitmen: revolusi data, keterbukaan kontrak, transparansi anggaran, akuntabilitas desa, dan mutu pelayanan publik.\n\nMasukan dapat disampaikan di kantor Bappeda atau melalui kanal pengaduan LAPOR!.",
        body_en: "As a pilot region of the Open Government Partnership, Bojonegoro drafts its regional action plan together with the public.\n\nBappeda and Diskominfo are holding a public consultation on the draft commitments: data revolution, open contracts, budget transparency, village accountability and public service quality.\n\nComments can be made at the Bappeda office or through the LAPOR! complaint channel.",
        days_ago: 1,
    },
    pages::news::DemoNews {
        slug: "layanan-informasi-desa-30-desa",
        title_id: "Desk layanan informasi desa dibuka di 30 desa",
        title_en: "Village information desks open in 30 villages",
        summary_id: "Tiga puluh desa kini punya desk Layanan Informasi Desa (PPID desa) untuk melayani permintaan informasi warga.",
        summary_en: "Thirty villages now have a Village Information Service desk (village PPID) to answer citizens' information requests.",
        body_id: "Pendampingan pembuatan desk Layanan Informasi Desa di 30 desa telah selesai.\n\nWarga dapat meminta salinan APBDes, laporan realisasi, dan dokumen proyek desa langsung di balai desa.",
        body_en: "Support for setting up Village Information Service desks in 30 villages has been completed.\n\nCitizens can ask for copies of the village budget, the spending report and village project documents at the village hall.",
        days_ago: 0,
    },
];

/// Create the demo people and their roles (after the organisations they belong to).
pub async fn load_people(db: &Db, clock: &dyn Clock) -> anyhow::Result<()> {
    platform::accounts::seed::load_people(
        db,
        DEMO_PEOPLE,
        DEMO_PASSWORD,
        DEMO_PASSWORD_HASH,
        clock.now(),
    )
    .await?;
    Ok(())
}

/// Warn in the log while demo accounts (with their published password) can sign in.
pub async fn warn_if_demo_accounts(db: &Db) -> anyhow::Result<()> {
    let active = platform::accounts::seed::active_accounts_among(db, DEMO_PEOPLE).await?;
    if active > 0 {
        tracing::warn!(
            accounts = active,
            "demo accounts exist with the published password {DEMO_PASSWORD:?} (e.g. admin@example.id); \
             disable them or start from an empty database before going public"
        );
    }
    Ok(())
}

#[cfg(test)]
mod people_tests {
    use super::*;

    #[test]
    fn the_stored_demo_hash_is_the_demo_password() {
        assert!(platform::accounts::password::verify(
            DEMO_PASSWORD,
            DEMO_PASSWORD_HASH
        ));
    }

    #[test]
    fn every_demo_person_is_valid() {
        let people = platform::accounts::seed::parse_people(DEMO_PEOPLE).unwrap();
        assert!(people.len() >= 13);
        for p in &people {
            let new = platform::accounts::users::NewUser {
                email: p.email.clone(),
                name: p.name.clone(),
                password: DEMO_PASSWORD.into(),
                nik: Some(p.nik.clone()),
                phone: Some(p.phone.clone()),
                address: Some(p.address.clone()),
            };
            platform::accounts::users::validate(&new)
                .unwrap_or_else(|e| panic!("{}: {e:?}", p.email));
            assert!(p.nik.starts_with("3522"), "{}", p.email);
            assert!(p.phone.starts_with("+62 8"), "{}", p.email);
            assert!(p.email.ends_with("@example.id"), "{}", p.email);
        }
    }
}
