//! Bulk complaints for benchmarks (`terbuka bench-data complaints --count 1000000`).
//!
//! The demo loader (`demo.rs`) goes through the case engine one complaint at a time, which is
//! right for a few thousand and far too slow for a million. This generator writes the same
//! rows directly — `cases`, `complaints`, `complaint_reporters`, the `case_entries` of each
//! timeline and `case_counters` — with batched multi-row INSERTs, one transaction per batch.
//! What it writes follows the workflow of `case_type.rs` (each step's entry, due dates from
//! the working-day calendar, escalation of late cases, automatic completion), so the pages
//! see what years of real use would leave behind:
//!
//! - opening times spread evenly from 1 January 2024 to now, in order, so tracking numbers
//!   grow with time and continue the existing counters (new submissions carry on after them);
//! - every village of the regency, every category (and so its organisation), a fifth routed
//!   to the district office instead;
//! - every state; old cases are mostly closed, a small backlog stays open and overdue;
//! - about 10% anonymous and 5% confidential, guests with invented contact data.
//!
//! Deterministic: the same seed and the same starting database give the same rows.

use std::collections::{HashMap, HashSet};
use std::time::{Duration as StdDuration, Instant};

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use platform::calendar::Calendar;
use platform::clock::wib;
use platform::db::{Db, RowsAffected, Tx};
use platform::on_db;
use platform::state::AppState;
use uuid::Uuid;

use crate::demo::{self, Rng};

/// Complaints per transaction.
const BATCH: usize = 1_000;
/// Bound values per statement: under SQLite's 32,766 and PostgreSQL's 65,535.
const MAX_BINDS: usize = 30_000;

/// What [`generate`] wrote and how long it took.
#[derive(Debug, Clone)]
pub struct Generated {
    pub complaints: usize,
    /// Rows in all tables (cases, complaints, reporters, timeline entries).
    pub rows: usize,
    pub elapsed: StdDuration,
}

impl Generated {
    pub fn rows_per_second(&self) -> f64 {
        self.rows as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

struct CaseRow {
    id: Uuid,
    tracking_code: String,
    state: &'static str,
    organisation_id: Option<String>,
    privacy: &'static str,
    guest_secret_hash: String,
    due_on: Option<NaiveDate>,
    overdue: bool,
    escalated_at: Option<DateTime<Utc>>,
    version: i64,
    opened_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    closed_at: Option<DateTime<Utc>>,
}

struct ComplaintRow {
    case_id: Uuid,
    kind: &'static str,
    title: String,
    description: String,
    category_id: String,
    region_code: String,
    district_code: String,
    latitude: Option<f64>,
    longitude: Option<f64>,
    location_text: String,
    rating: Option<i32>,
    rating_comment: &'static str,
    rated_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
}

struct ReporterRow {
    case_id: Uuid,
    name: String,
    email: String,
    phone: String,
    nik: String,
    address: String,
}

struct EntryRow {
    id: Uuid,
    case_id: Uuid,
    at: DateTime<Utc>,
    kind: &'static str,
    public: bool,
    author_user_id: Option<Uuid>,
    author_role: &'static str,
    action: Option<&'static str>,
    from_state: Option<&'static str>,
    to_state: Option<&'static str>,
    organisation_id: Option<String>,
    body: String,
}

#[derive(Default)]
struct Batch {
    cases: Vec<CaseRow>,
    complaints: Vec<ComplaintRow>,
    reporters: Vec<ReporterRow>,
    entries: Vec<EntryRow>,
}

/// Titles and descriptions for categories `demo::TEMPLATES` has none for.
const GENERIC_TITLES: &[&str] = &[
    "Keluhan warga Desa {desa}",
    "Mohon tindak lanjut masalah di Kecamatan {kec}",
    "Pelayanan di Kecamatan {kec} perlu diperbaiki",
];
const GENERIC_DESCRIPTIONS: &[&str] = &[
    "Warga Desa {desa}, Kecamatan {kec}, sudah beberapa kali menyampaikan masalah ini kepada perangkat desa namun belum ada tindak lanjut. Mohon perhatian dinas terkait.",
    "Kami mohon pemerintah kabupaten meninjau langsung keadaan di Desa {desa}. Warga bersedia memberikan keterangan tambahan bila diperlukan.",
];
const VERIFIER_NOTES: &[(&str, &str, &str)] = &[
    (
        "defer",
        "deferred",
        "Mohon lengkapi lokasi persis (nama dusun/RT) dan foto kondisi terkini.",
    ),
    (
        "not_our_authority",
        "not_our_authority",
        "Laporan ini merupakan kewenangan pemerintah provinsi/pusat; silakan sampaikan melalui kanal instansi tersebut.",
    ),
    (
        "archive",
        "archived",
        "Laporan tidak dapat ditindaklanjuti karena informasi tidak lengkap dan pelapor tidak menanggapi permintaan klarifikasi.",
    ),
];
const REPLIES: &[&str] = &[
    "Sampai hari ini belum ada perbaikan di lokasi. Mohon dicek kembali.",
    "Terima kasih, tetapi masalahnya muncul lagi minggu ini.",
];
const DUSUN: &[&str] = &[
    "Krajan", "Kidul", "Lor", "Wetan", "Kulon", "Tengah", "Sumber", "Ngasem", "Jati", "Sawahan",
];
const STREETS: &[&str] = &[
    "Jl. Raya",
    "Jl. Veteran",
    "Jl. Diponegoro",
    "Jl. Panglima Sudirman",
    "Jl. Gajah Mada",
    "Jl. Pemuda",
];

/// The fixed inputs of the generator, read once.
struct World {
    /// (id, default organisation, titles, descriptions).
    categories: Vec<(
        String,
        String,
        &'static [&'static str],
        &'static [&'static str],
    )>,
    /// (village code, village name, district code, district name), names in title case.
    villages: Vec<(String, String, String, String)>,
    /// Organisation ids that exist (district offices are `kec-<district code>`).
    organisations: HashSet<String>,
    verifier: Option<Uuid>,
    officer: Option<Uuid>,
    calendar: std::sync::Arc<Calendar>,
    now: DateTime<Utc>,
    deadline: HashMap<&'static str, u32>,
}

impl World {
    fn due(&self, state: &str, at: DateTime<Utc>) -> Option<NaiveDate> {
        self.deadline
            .get(state)
            .map(|n| self.calendar.add_working_days(wib_date(at), *n))
    }
}

fn wib_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&wib()).date_naive()
}

/// When the deadlines job first finds `due` passed: 01:00 WIB the day after.
fn escalation_time(due: NaiveDate) -> DateTime<Utc> {
    let day = due.succ_opt().unwrap_or(due);
    wib()
        .from_local_datetime(&day.and_hms_opt(1, 0, 0).unwrap_or_default())
        .single()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&day.and_hms_opt(0, 0, 0).unwrap_or_default()))
}

/// A UUIDv7 for time `at` with the rest from `rng`: ids sort like the times they stand for.
fn id_at(rng: &mut Rng, at: DateTime<Utc>) -> Uuid {
    let mut bytes = [0u8; 10];
    bytes[..8].copy_from_slice(&rng.next().to_le_bytes());
    bytes[8..].copy_from_slice(&rng.next().to_le_bytes()[..2]);
    let millis = u64::try_from(at.timestamp_millis()).unwrap_or(0);
    uuid::Builder::from_unix_timestamp_millis(millis, &bytes).into_uuid()
}

fn hours(n: usize) -> Duration {
    Duration::hours(i64::try_from(n).unwrap_or(0))
}

/// Generate `count` complaints into a migrated database that holds the regions,
/// organisations and complaint categories (the base demo). Runs `ANALYZE` (PostgreSQL:
/// `VACUUM ANALYZE`) at the end, as one does after a bulk load, so the query planners know
/// the new sizes.
pub async fn generate(state: &AppState, count: usize, seed: u64) -> anyhow::Result<Generated> {
    let started = Instant::now();
    let db = &state.db;
    let world = load_world(state).await?;
    anyhow::ensure!(
        !world.categories.is_empty() && !world.villages.is_empty(),
        "no complaint categories or villages: load the base demo data first (terbuka demo)"
    );
    let mut counters = read_counters(db).await?;
    let first_year = 2024;
    let start = wib()
        .with_ymd_and_hms(first_year, 1, 1, 0, 0, 0)
        .single()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or(world.now);
    let span_ms = (world.now - Duration::hours(1) - start)
        .num_milliseconds()
        .max(1);
    let mut rng = Rng(seed | 1);
    let mut batch = Batch::default();
    let mut rows = 0;
    for i in 0..count {
        // Evenly spread and in order: the i-th of `count` slots, somewhere inside it.
        let slot = span_ms as f64 / count as f64;
        let offset = slot * (i as f64 + (rng.below(1000) as f64) / 1000.0);
        let opened_at = start + Duration::milliseconds(offset as i64);
        let year = wib_date(opened_at).year();
        let seq = counters.entry(year).or_insert(0);
        *seq += 1;
        let code = format!("{}-{year}-{:06}", crate::COMPLAINT.tracking_prefix, *seq);
        one(&world, &mut rng, &mut batch, code, opened_at);
        if batch.cases.len() >= BATCH {
            rows += write(db, &mut batch).await?;
        }
        if (i + 1) % 100_000 == 0 {
            tracing::info!(
                complaints = i + 1,
                seconds = started.elapsed().as_secs(),
                "bulk complaints written"
            );
        }
    }
    rows += write(db, &mut batch).await?;
    write_counters(db, &counters).await?;
    // PostgreSQL: VACUUM too, which sets the visibility map that index-only scans need.
    on_db!(db,
        sqlite(pool) => sqlx::query("ANALYZE").execute(pool).await.affected(),
        postgres(pool) => sqlx::query("VACUUM ANALYZE").execute(pool).await.affected())?;
    Ok(Generated {
        complaints: count,
        rows,
        elapsed: started.elapsed(),
    })
}

async fn load_world(state: &AppState) -> anyhow::Result<World> {
    let db = &state.db;
    let categories = crate::queries::all_categories(db)
        .await?
        .into_iter()
        .map(|c| {
            let (titles, descriptions) = demo::TEMPLATES
                .iter()
                .find(|(id, _, _)| *id == c.id)
                .map(|(_, t, d)| (*t, *d))
                .unwrap_or((GENERIC_TITLES, GENERIC_DESCRIPTIONS));
            (c.id, c.default_organisation_id, titles, descriptions)
        })
        .collect();
    let regions = crate::public::sql::regency_regions(db).await?;
    let names: HashMap<&str, &str> = regions
        .iter()
        .map(|r| (r.code.as_str(), r.name.as_str()))
        .collect();
    let villages = regions
        .iter()
        .filter(|r| r.level == "village")
        .map(|v| {
            let district = v.parent_code.clone().unwrap_or_default();
            let district_name = names.get(district.as_str()).copied().unwrap_or_default();
            (
                v.code.clone(),
                demo::title_case(&v.name),
                district,
                demo::title_case(district_name),
            )
        })
        .collect();
    let organisations: Vec<String> = on_db!(db, pool => sqlx::query_scalar("SELECT id FROM organisations")
        .fetch_all(pool).await)?;
    let user = |email: &'static str| async move {
        platform::accounts::users::find_by_email(db, email)
            .await
            .map(|u| u.map(|u| u.id))
    };
    let verifier = user("agus.prasetyo@example.id").await?;
    let officer = user("admin@example.id").await?;
    let deadline = crate::COMPLAINT
        .states
        .iter()
        .filter_map(|s| s.deadline.map(|d| (s.code, d.working_days)))
        .collect();
    Ok(World {
        categories,
        villages,
        organisations: organisations.into_iter().collect(),
        verifier: verifier.or(officer),
        officer,
        calendar: state.calendar.get(db).await?,
        now: state.clock.now(),
        deadline,
    })
}

/// The last tracking number per year of the complaint type.
async fn read_counters(db: &Db) -> Result<HashMap<i32, i64>, sqlx::Error> {
    let rows: Vec<(i32, i64)> = on_db!(db, pool => sqlx::query_as(
        "SELECT year, last_seq FROM case_counters WHERE case_type = $1")
        .bind(crate::COMPLAINT.kind).fetch_all(pool).await)?;
    Ok(rows.into_iter().collect())
}

async fn write_counters(db: &Db, counters: &HashMap<i32, i64>) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    for (year, last) in counters {
        on_db!(&mut tx, tx; conn => sqlx::query(
            "INSERT INTO case_counters (case_type, year, last_seq) VALUES ($1, $2, $3) \
             ON CONFLICT (case_type, year) DO UPDATE SET last_seq = excluded.last_seq \
             WHERE case_counters.last_seq < excluded.last_seq")
            .bind(crate::COMPLAINT.kind).bind(*year).bind(*last)
            .execute(&mut **conn).await.affected())?;
    }
    tx.commit().await
}

/// The timeline being built for one case.
struct Timeline<'w> {
    world: &'w World,
    case_id: Uuid,
    state: &'static str,
    since: DateTime<Utc>,
    organisation: Option<String>,
    version: i64,
    entries: Vec<EntryRow>,
}

impl Timeline<'_> {
    #[expect(
        clippy::too_many_arguments,
        reason = "one per column of the entry that varies"
    )]
    fn entry(
        &mut self,
        rng: &mut Rng,
        at: DateTime<Utc>,
        kind: &'static str,
        role: &'static str,
        action: Option<&'static str>,
        to: &'static str,
        body: String,
    ) {
        let author_user_id = match role {
            "verifier" => self.world.verifier,
            "organisation" => self.world.officer,
            _ => None,
        };
        let from_state = (!self.entries.is_empty()).then_some(self.state);
        let organisation_id = match action {
            Some("verify_and_route" | "reroute") => self.organisation.clone(),
            _ => None,
        };
        self.entries.push(EntryRow {
            id: id_at(rng, at),
            case_id: self.case_id,
            at,
            kind,
            public: true,
            author_user_id,
            author_role: role,
            action,
            from_state,
            to_state: Some(to),
            organisation_id,
            body,
        });
    }

    /// Move to `to` at `at` unless that is still in the future; escalates first when the
    /// current state's due date passed before. False when the step has not happened yet.
    fn step(
        &mut self,
        rng: &mut Rng,
        at: DateTime<Utc>,
        role: &'static str,
        action: &'static str,
        to: &'static str,
        body: String,
    ) -> bool {
        if at > self.world.now {
            return false;
        }
        self.escalate_if_late(rng, at);
        self.entry(rng, at, "transition", role, Some(action), to, body);
        self.state = to;
        self.since = at;
        self.version += 1;
        true
    }

    /// The system entry of the deadlines job when the current state (one that escalates)
    /// stayed past its due date before `until`; returns the escalation time.
    fn escalate_if_late(&mut self, rng: &mut Rng, until: DateTime<Utc>) -> Option<DateTime<Utc>> {
        if !matches!(self.state, "submitted" | "deferred" | "routed") {
            return None;
        }
        let due = self.world.due(self.state, self.since)?;
        let at = escalation_time(due);
        if at >= until {
            return None;
        }
        let (state, case_id) = (self.state, self.case_id);
        self.entries.push(EntryRow {
            id: id_at(rng, at),
            case_id,
            at,
            kind: "system",
            public: true,
            author_user_id: None,
            author_role: "system",
            action: Some("escalate"),
            from_state: Some(state),
            to_state: Some(state),
            organisation_id: None,
            body: "case-system-overdue".into(),
        });
        self.version += 1;
        Some(at)
    }
}

/// Add one complaint, opened at `opened_at` with tracking code `code`, to `batch`.
fn one(world: &World, rng: &mut Rng, batch: &mut Batch, code: String, opened_at: DateTime<Utc>) {
    let now = world.now;
    let case_id = id_at(rng, opened_at);
    let (category_id, default_org, titles, descriptions) = rng.pick(&world.categories).clone();
    let (village_code, village, district_code, district) = rng.pick(&world.villages).clone();
    let fill = |s: &str| s.replace("{desa}", &village).replace("{kec}", &district);
    let title = fill(rng.pick::<&str>(titles));
    let description = fill(rng.pick::<&str>(descriptions));
    let kind = match (category_id.as_str(), rng.below(10)) {
        ("informasi-publik", _) => "permintaan_informasi",
        (_, 0 | 1) => "aspirasi",
        (_, 2) => "permintaan_informasi",
        _ => "pengaduan",
    };
    let privacy = match rng.below(100) {
        0..=9 => "anonymous",
        10..=14 => "confidential",
        _ => "public",
    };
    let organisation = {
        let office = format!("kec-{district_code}");
        if rng.chance(20) && world.organisations.contains(&office) {
            office
        } else {
            default_org
        }
    };
    // Where the case would end if nothing stopped it (demo shares); steps still in the
    // future are not taken, so recent cases stop earlier in the workflow. Old cases left
    // open form a small backlog: most of them were closed long ago.
    let mut roll = rng.below(1000);
    let mut target = "completed_confirmed";
    for (t, share) in demo::TARGETS {
        if roll < *share {
            target = t;
            break;
        }
        roll -= share;
    }
    let age_days = (now - opened_at).num_days();
    if matches!(target, "submitted" | "deferred" | "routed" | "followed_up")
        && age_days > 45
        && !rng.chance(4)
    {
        target = if rng.chance(60) {
            "completed_confirmed"
        } else {
            "completed_auto"
        };
    }

    let mut tl = Timeline {
        world,
        case_id,
        state: "submitted",
        since: opened_at,
        organisation: None,
        version: 1,
        entries: Vec::new(),
    };
    tl.entry(
        rng,
        opened_at,
        "reporter_message",
        "reporter",
        None,
        "submitted",
        description.clone(),
    );
    tl.entries[0].public = privacy != "confidential";
    let mut rated = None;
    let verifier_at = opened_at + hours(2 + rng.below(70));
    match target {
        "submitted" => {}
        "deferred" | "not_our_authority" | "archived" => {
            let (action, to, note) = VERIFIER_NOTES
                .iter()
                .find(|(_, to, _)| *to == target)
                .copied()
                .unwrap_or(VERIFIER_NOTES[0]);
            tl.step(rng, verifier_at, "verifier", action, to, note.into());
        }
        _ => {
            // The route entry names the organisation; the case has one only once routed.
            tl.organisation = Some(organisation);
            let routed = tl.step(
                rng,
                verifier_at,
                "verifier",
                "verify_and_route",
                "routed",
                String::new(),
            );
            if !routed {
                tl.organisation = None;
            } else if target != "routed" {
                let answer: String = (*rng.pick(demo::ANSWERS)).into();
                let reply: String = (*rng.pick(REPLIES)).into();
                let mut respond_at = verifier_at + hours(20 + rng.below(170));
                let mut answered = tl.step(
                    rng,
                    respond_at,
                    "organisation",
                    "respond",
                    "followed_up",
                    answer.clone(),
                );
                // Now and then the reporter answers back and the loop runs once more.
                if answered && rng.chance(5) {
                    let reply_at = respond_at + hours(12 + rng.below(60));
                    if tl.step(rng, reply_at, "reporter", "reporter_reply", "routed", reply) {
                        respond_at = reply_at + hours(20 + rng.below(120));
                        answered = tl.step(
                            rng,
                            respond_at,
                            "organisation",
                            "respond",
                            "followed_up",
                            answer.clone(),
                        );
                    } else {
                        answered = false;
                    }
                }
                if answered {
                    let auto_at = world
                        .due("followed_up", respond_at)
                        .map(escalation_time)
                        .unwrap_or(respond_at);
                    let confirm_at = respond_at + hours(6 + rng.below(160));
                    if target == "completed_confirmed"
                        && confirm_at < auto_at
                        && tl.step(
                            rng,
                            confirm_at,
                            "reporter",
                            "confirm_done",
                            "completed",
                            String::new(),
                        )
                    {
                        rated = Some(confirm_at);
                    }
                    // Silence completes the case when its follow-up time runs out.
                    if tl.state == "followed_up" {
                        tl.step(
                            rng,
                            auto_at,
                            "system",
                            "auto_complete",
                            "completed",
                            "case-system-auto-transition".into(),
                        );
                    }
                }
            }
        }
    }
    // Still open past its due date: escalated, marked overdue.
    let escalated_at = tl.escalate_if_late(rng, now);
    let terminal = matches!(tl.state, "completed" | "not_our_authority" | "archived");
    let due_on = if terminal {
        None
    } else {
        world.due(tl.state, tl.since)
    };
    let last_at = tl.entries.iter().map(|e| e.at).max().unwrap_or(opened_at);
    let (rating, rating_comment) = match rated {
        Some(_) => (
            Some([5, 5, 4, 4, 4, 3, 3, 2, 1][rng.below(9)]),
            *rng.pick(demo::RATING_COMMENTS),
        ),
        None => (None, ""),
    };
    let (latitude, longitude) = if rng.chance(30) {
        (
            Some(-7.45 + rng.below(50_000) as f64 / 100_000.0),
            Some(111.45 + rng.below(70_000) as f64 / 100_000.0),
        )
    } else {
        (None, None)
    };
    let location_text = if rng.chance(40) {
        format!(
            "Dusun {}, RT {:02}/RW {:02}",
            rng.pick(DUSUN),
            1 + rng.below(12),
            1 + rng.below(6)
        )
    } else {
        String::new()
    };
    let guest = demo::guest_reporter(rng);
    let reporter = ReporterRow {
        case_id,
        name: guest.name,
        email: guest.email,
        phone: guest.phone,
        nik: if rng.chance(30) {
            format!(
                "3522{:02}{:06}{:04}",
                1 + rng.below(28),
                rng.below(1_000_000),
                rng.below(10_000)
            )
        } else {
            String::new()
        },
        address: if rng.chance(30) {
            format!(
                "{} No. {}, Desa {village}",
                rng.pick(STREETS),
                1 + rng.below(200)
            )
        } else {
            String::new()
        },
    };
    batch.cases.push(CaseRow {
        id: case_id,
        tracking_code: code,
        state: tl.state,
        organisation_id: tl.organisation.clone(),
        privacy,
        guest_secret_hash: format!(
            "{:016x}{:016x}{:016x}{:016x}",
            rng.next(),
            rng.next(),
            rng.next(),
            rng.next()
        ),
        due_on,
        overdue: escalated_at.is_some(),
        escalated_at,
        version: tl.version,
        opened_at,
        updated_at: last_at,
        closed_at: terminal.then_some(tl.since),
    });
    batch.complaints.push(ComplaintRow {
        case_id,
        kind,
        title,
        description,
        category_id,
        region_code: village_code,
        district_code,
        latitude,
        longitude,
        location_text,
        rating,
        rating_comment,
        rated_at: rated,
        created_at: opened_at,
    });
    batch.reporters.push(reporter);
    batch.entries.append(&mut tl.entries);
}

/// Write and empty `batch` in one transaction; the number of rows written.
async fn write(db: &Db, batch: &mut Batch) -> Result<usize, sqlx::Error> {
    if batch.cases.is_empty() {
        return Ok(0);
    }
    let mut tx = db.begin().await?;
    let mut n = insert_cases(&mut tx, &batch.cases).await?;
    n += insert_complaints(&mut tx, &batch.complaints).await?;
    n += insert_reporters(&mut tx, &batch.reporters).await?;
    n += insert_entries(&mut tx, &batch.entries).await?;
    tx.commit().await?;
    *batch = Batch::default();
    Ok(usize::try_from(n).unwrap_or(usize::MAX))
}

async fn insert_cases(tx: &mut Tx, rows: &[CaseRow]) -> Result<u64, sqlx::Error> {
    const COLUMNS: &[&str] = &[
        "id",
        "case_type",
        "tracking_code",
        "state",
        "organisation_id",
        "privacy",
        "reporter_user_id",
        "guest_secret_hash",
        "due_on",
        "overdue",
        "escalated_at",
        "version",
        "opened_at",
        "updated_at",
        "closed_at",
    ];
    let mut n = 0;
    for chunk in rows.chunks(MAX_BINDS / COLUMNS.len()) {
        let sql = platform::db::values_sql(tx.backend(), "cases", COLUMNS, chunk.len());
        n += on_db!(tx, tx; conn => {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for r in chunk {
                q = q.bind(r.id).bind(crate::COMPLAINT.kind).bind(&r.tracking_code).bind(r.state)
                    .bind(&r.organisation_id).bind(r.privacy).bind(None::<Uuid>)
                    .bind(&r.guest_secret_hash).bind(r.due_on).bind(r.overdue).bind(r.escalated_at)
                    .bind(r.version).bind(r.opened_at).bind(r.updated_at).bind(r.closed_at);
            }
            q.execute(&mut **conn).await.affected()
        })?;
    }
    Ok(n)
}

async fn insert_complaints(tx: &mut Tx, rows: &[ComplaintRow]) -> Result<u64, sqlx::Error> {
    const COLUMNS: &[&str] = &[
        "case_id",
        "kind",
        "title",
        "description",
        "category_id",
        "region_code",
        "district_code",
        "latitude",
        "longitude",
        "location_text",
        "rating",
        "rating_comment",
        "rated_at",
        "created_at",
    ];
    let mut n = 0;
    for chunk in rows.chunks(MAX_BINDS / COLUMNS.len()) {
        let sql = platform::db::values_sql(tx.backend(), "complaints", COLUMNS, chunk.len());
        n += on_db!(tx, tx; conn => {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for r in chunk {
                q = q.bind(r.case_id).bind(r.kind).bind(&r.title).bind(&r.description)
                    .bind(&r.category_id).bind(&r.region_code).bind(&r.district_code)
                    .bind(r.latitude).bind(r.longitude).bind(&r.location_text).bind(r.rating)
                    .bind(r.rating_comment).bind(r.rated_at).bind(r.created_at);
            }
            q.execute(&mut **conn).await.affected()
        })?;
    }
    Ok(n)
}

async fn insert_reporters(tx: &mut Tx, rows: &[ReporterRow]) -> Result<u64, sqlx::Error> {
    const COLUMNS: &[&str] = &["case_id", "name", "email", "phone", "nik", "address"];
    let mut n = 0;
    for chunk in rows.chunks(MAX_BINDS / COLUMNS.len()) {
        let sql =
            platform::db::values_sql(tx.backend(), "complaint_reporters", COLUMNS, chunk.len());
        n += on_db!(tx, tx; conn => {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for r in chunk {
                q = q.bind(r.case_id).bind(&r.name).bind(&r.email).bind(&r.phone).bind(&r.nik)
                    .bind(&r.address);
            }
            q.execute(&mut **conn).await.affected()
        })?;
    }
    Ok(n)
}

async fn insert_entries(tx: &mut Tx, rows: &[EntryRow]) -> Result<u64, sqlx::Error> {
    const COLUMNS: &[&str] = &[
        "id",
        "case_id",
        "at",
        "kind",
        "public",
        "author_user_id",
        "author_role",
        "action",
        "from_state",
        "to_state",
        "organisation_id",
        "body",
    ];
    let mut n = 0;
    for chunk in rows.chunks(MAX_BINDS / COLUMNS.len()) {
        let sql = platform::db::values_sql(tx.backend(), "case_entries", COLUMNS, chunk.len());
        n += on_db!(tx, tx; conn => {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for r in chunk {
                q = q.bind(r.id).bind(r.case_id).bind(r.at).bind(r.kind).bind(r.public)
                    .bind(r.author_user_id).bind(r.author_role).bind(r.action).bind(r.from_state)
                    .bind(r.to_state).bind(&r.organisation_id).bind(&r.body);
            }
            q.execute(&mut **conn).await.affected()
        })?;
    }
    Ok(n)
}
