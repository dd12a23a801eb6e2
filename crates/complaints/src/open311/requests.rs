//! `requests` (GET the public list, POST a new one with an API key), `requests/{id}` and
//! `tokens/{id}`. What is written here about a complaint is what its public page shows:
//! never the reporter's name, NIK, contact or account; confidential complaints do not exist.

use axum::body::Bytes;
use axum::extract::{Path, Query};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use platform::authz::Actor;
use platform::error::{AppError, AppResult};
use platform::i18n::Tr;
use platform::web::PageCtx;

use super::sql::{self, RequestQuery, RequestRow};
use super::xml::{Format, Node};
use super::{Fmt, Problem, translator, w3};
use crate::COMPLAINT;
use crate::submission::{self, Submission};

/// The spec's window: a search spans at most 90 days, the last 90 by default.
pub const WINDOW_DAYS: i64 = 90;
/// Requests per answer unless `page_size` says otherwise.
pub const DEFAULT_PAGE_SIZE: i64 = 100;
/// The most requests one answer holds.
pub const MAX_PAGE_SIZE: i64 = 1000;
/// The most ids one `service_request_id` list may name.
pub const MAX_IDS: usize = 100;

/// Open311's two statuses: a terminal state is `closed`, any other `open`.
pub fn status_of(state: &str) -> &'static str {
    match COMPLAINT.state(state) {
        Some(s) if s.terminal => "closed",
        _ => "open",
    }
}

/// A W3C date-time with an offset (`2026-01-01T00:00:00Z`, `…+07:00`) or a bare date
/// (midnight in the regency, WIB).
fn parse_w3(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(s) {
        return Some(at.with_timezone(&Utc));
    }
    let date = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
    platform::clock::wib()
        .from_local_datetime(&date.and_time(NaiveTime::MIN))
        .single()
        .map(|at| at.with_timezone(&Utc))
}

fn comma_list(v: &str) -> Vec<String> {
    v.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn bad(t: &Tr, key: &str) -> Problem {
    Problem::new(StatusCode::BAD_REQUEST, t, key)
}

/// Read the query parameters of `GET requests` (unknown ones, such as `jurisdiction_id` or
/// `locale`, are ignored).
pub fn parse_query(
    t: &Tr,
    pairs: &[(String, String)],
    now: DateTime<Utc>,
) -> Result<RequestQuery, Problem> {
    let mut q = RequestQuery {
        limit: DEFAULT_PAGE_SIZE,
        ..RequestQuery::default()
    };
    let (mut start, mut end) = (None, None);
    let mut page = 1;
    for (key, value) in pairs {
        let v = value.trim();
        if v.is_empty() {
            continue;
        }
        match key.as_str() {
            "service_request_id" => {
                q.ids = comma_list(v);
                if q.ids.len() > MAX_IDS || q.ids.iter().any(|id| id.len() > 40) {
                    return Err(bad(t, "o311-error-ids"));
                }
            }
            "service_code" => {
                q.service_codes = comma_list(v);
                let slug = |s: &String| {
                    s.len() <= 80
                        && s.chars()
                            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
                };
                if q.service_codes.len() > MAX_IDS || !q.service_codes.iter().all(slug) {
                    return Err(bad(t, "o311-error-service-code"));
                }
            }
            "status" => {
                let mut open = false;
                let mut closed = false;
                for s in comma_list(v) {
                    match s.to_ascii_lowercase().as_str() {
                        "open" => open = true,
                        "closed" => closed = true,
                        _ => return Err(bad(t, "o311-error-status")),
                    }
                }
                q.states = COMPLAINT
                    .states
                    .iter()
                    .filter(|s| if s.terminal { closed } else { open })
                    .map(|s| s.code)
                    .collect();
                if open && closed {
                    q.states.clear();
                }
            }
            "start_date" => start = Some(parse_w3(v).ok_or_else(|| bad(t, "o311-error-date"))?),
            "end_date" => end = Some(parse_w3(v).ok_or_else(|| bad(t, "o311-error-date"))?),
            "page" => match v.parse::<i64>() {
                Ok(p) if (1..=10_000).contains(&p) => page = p,
                _ => return Err(bad(t, "o311-error-page")),
            },
            "page_size" => match v.parse::<i64>() {
                Ok(n) if (1..=MAX_PAGE_SIZE).contains(&n) => q.limit = n,
                _ => return Err(bad(t, "o311-error-page")),
            },
            _ => {}
        }
    }
    let window = Duration::days(WINDOW_DAYS);
    let (from, to) = match (start, end) {
        (None, None) => (now - window, now),
        (Some(s), None) => (s, s + window),
        (None, Some(e)) => (e - window, e),
        (Some(s), Some(e)) => (s, e),
    };
    if from > to {
        return Err(bad(t, "o311-error-date-order"));
    }
    if to - from > window {
        return Err(bad(t, "o311-error-window"));
    }
    q.from = Some(from);
    q.to = Some(to);
    q.offset = (page - 1) * q.limit;
    Ok(q)
}

/// Where the problem is: the public location text, then the village and district names.
fn address(r: &RequestRow) -> String {
    let mut parts: Vec<&str> = Vec::new();
    if !r.location_text.trim().is_empty() {
        parts.push(r.location_text.trim());
    }
    if r.region_code != r.district_code {
        parts.push(&r.region_name);
    }
    parts.push(&r.district_name);
    parts.join(", ")
}

/// The end of a due date in the regency (the deadline is that whole working day).
fn end_of_day(date: NaiveDate) -> Option<DateTime<Utc>> {
    let last = NaiveTime::from_hms_opt(23, 59, 59)?;
    platform::clock::wib()
        .from_local_datetime(&date.and_time(last))
        .single()
        .map(|at| at.with_timezone(&Utc))
}

fn request_node(
    t: &Tr,
    base_url: &str,
    r: &RequestRow,
    note: Option<&sql::NoteRow>,
    photo: Option<&sql::MediaRow>,
) -> Node {
    let status = status_of(&r.state);
    let status_notes = note
        .map(|n| {
            // System entries store a translation key, not text.
            if n.kind == "system" {
                t.t(&n.body)
            } else {
                n.body.clone()
            }
        })
        .unwrap_or_default();
    let service_name = match t.lang {
        platform::i18n::Lang::En if !r.category_name_en.trim().is_empty() => &r.category_name_en,
        _ => &r.category_name_id,
    };
    let expected = (status == "open")
        .then_some(r.due_on)
        .flatten()
        .and_then(end_of_day);
    let coordinate = |v: Option<f64>| v.map(Node::Float).unwrap_or(Node::Null);
    let mut fields = vec![
        ("service_request_id", Node::text(r.tracking_code.clone())),
        ("status", Node::text(status)),
        ("status_notes", Node::text_or_null(&status_notes)),
        ("service_name", Node::text(service_name.clone())),
        ("service_code", Node::text(r.category_id.clone())),
        ("description", Node::text(r.description.clone())),
        (
            "agency_responsible",
            r.organisation_name
                .as_deref()
                .map(Node::text)
                .unwrap_or(Node::Null),
        ),
        (
            "service_notice",
            Node::text(t.t(&format!("complaint-state-{}", r.state))),
        ),
        ("requested_datetime", Node::text(w3(&r.opened_at))),
        ("updated_datetime", Node::text(w3(&r.updated_at))),
        (
            "expected_datetime",
            expected.map(|at| Node::text(w3(&at))).unwrap_or(Node::Null),
        ),
        ("address", Node::text(address(r))),
        ("address_id", Node::text(r.region_code.clone())),
        ("zipcode", Node::Null),
        ("lat", coordinate(r.latitude)),
        ("long", coordinate(r.longitude)),
    ];
    if let Some(photo) = photo {
        fields.push((
            "media_url",
            Node::text(format!("{base_url}{}", photo.file.url())),
        ));
    }
    Node::Obj(fields)
}

/// The rows as service requests, with their latest public note and first public photo
/// (two batch queries for the whole page, not two per row).
async fn request_nodes(ctx: &PageCtx, t: &Tr, rows: &[RequestRow]) -> AppResult<Node> {
    let ids: Vec<uuid::Uuid> = rows.iter().map(|r| r.id).collect();
    let notes = sql::latest_notes(&ctx.state.db, &ids).await?;
    let photos = sql::first_photos(&ctx.state.db, &ids).await?;
    let base_url = ctx.state.config.public_url.trim_end_matches('/');
    Ok(Node::List(
        "request",
        rows.iter()
            .map(|r| {
                request_node(
                    t,
                    base_url,
                    r,
                    notes.iter().find(|n| n.case_id == r.id),
                    photos.iter().find(|p| p.case_id == r.id),
                )
            })
            .collect(),
    ))
}

/// `GET requests.{json,xml}`.
pub async fn list(
    ctx: PageCtx,
    Fmt(format): Fmt,
    Query(pairs): Query<Vec<(String, String)>>,
) -> AppResult<Response> {
    let t = translator(&ctx, &pairs);
    let q = match parse_query(&t, &pairs, ctx.state.clock.now()) {
        Ok(q) => q,
        Err(problem) => return Ok(problem.respond(format)),
    };
    let rows = sql::requests(&ctx.state.db, &q).await?;
    let node = request_nodes(&ctx, &t, &rows).await?;
    Ok(format.respond(StatusCode::OK, "service_requests", &node))
}

/// `GET requests/{id}.{json,xml}`: a list of one, per spec.
pub async fn show(
    ctx: PageCtx,
    Path(file): Path<String>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> AppResult<Response> {
    let t = translator(&ctx, &pairs);
    let Some((code, format)) = Format::split(&file) else {
        return Ok(
            Problem::new(StatusCode::NOT_FOUND, &t, "o311-error-format").respond(Format::Json)
        );
    };
    let Some(row) = sql::request(&ctx.state.db, code.trim()).await? else {
        return Ok(Problem::new(StatusCode::NOT_FOUND, &t, "o311-error-request").respond(format));
    };
    let node = request_nodes(&ctx, &t, &[row]).await?;
    Ok(format.respond(StatusCode::OK, "service_requests", &node))
}

/// `GET tokens/{token}.{json,xml}`: requests are created synchronously, so a token is the
/// tracking code itself; a public one answers with its id, anything else is 404.
pub async fn token(
    ctx: PageCtx,
    Path(file): Path<String>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> AppResult<Response> {
    let t = translator(&ctx, &pairs);
    let Some((code, format)) = Format::split(&file) else {
        return Ok(
            Problem::new(StatusCode::NOT_FOUND, &t, "o311-error-format").respond(Format::Json)
        );
    };
    let Some(row) = sql::request(&ctx.state.db, code.trim()).await? else {
        return Ok(Problem::new(StatusCode::NOT_FOUND, &t, "o311-error-token").respond(format));
    };
    let node = Node::List(
        "request",
        vec![Node::Obj(vec![
            ("service_request_id", Node::text(row.tracking_code.clone())),
            ("token", Node::text(row.tracking_code)),
        ])],
    );
    Ok(format.respond(StatusCode::OK, "service_requests", &node))
}

/// Decode an `application/x-www-form-urlencoded` body (`+` is a space; a malformed escape is
/// kept as typed; invalid UTF-8 is refused).
pub fn decode_form(body: &[u8]) -> Option<Vec<(String, String)>> {
    fn decode(part: &[u8]) -> Option<String> {
        let mut out = Vec::with_capacity(part.len());
        let mut i = 0;
        while i < part.len() {
            match part[i] {
                b'+' => out.push(b' '),
                b'%' if i + 2 < part.len() => {
                    let hex = std::str::from_utf8(&part[i + 1..i + 3]).ok();
                    match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                        Some(b) => {
                            out.push(b);
                            i += 2;
                        }
                        None => out.push(b'%'),
                    }
                }
                b => out.push(b),
            }
            i += 1;
        }
        String::from_utf8(out).ok()
    }
    body.split(|b| *b == b'&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let mut kv = pair.splitn(2, |b| *b == b'=');
            let k = decode(kv.next().unwrap_or_default())?;
            let v = decode(kv.next().unwrap_or_default())?;
            Some((k, v))
        })
        .collect()
}

/// A title from the description when the client sends none: its first line, cut at a word
/// boundary to at most 80 characters.
pub fn derive_title(description: &str) -> String {
    let first = description.trim().lines().next().unwrap_or_default().trim();
    if first.chars().count() <= 80 {
        return first.to_string();
    }
    let cut: String = first.chars().take(80).collect();
    let at_word = match cut.rfind(' ') {
        Some(i) if i >= 20 => cut[..i].to_string(),
        _ => cut,
    };
    format!("{}…", at_word.trim_end_matches([',', '.', ';', ':', ' ']))
}

/// Our field names → the Open311 parameter a client sent (for error descriptions).
fn open311_field(field: &str) -> &str {
    match field {
        "category" => "service_code",
        "region" => "attribute[region]",
        "kind" => "attribute[kind]",
        "privacy" => "attribute[privacy]",
        "title" => "attribute[title]",
        "latitude" => "lat",
        "longitude" => "long",
        "location_text" => "address_string",
        "name" => "first_name",
        other => other,
    }
}

/// `POST requests.{json,xml}` (form-urlencoded, `api_key` required).
pub async fn create(
    ctx: PageCtx,
    Fmt(format): Fmt,
    headers: HeaderMap,
    Query(query): Query<Vec<(String, String)>>,
    body: Bytes,
) -> AppResult<Response> {
    let is_form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| {
            ct.trim()
                .to_ascii_lowercase()
                .starts_with("application/x-www-form-urlencoded")
        });
    let t = translator(&ctx, &query);
    let Some(pairs) = decode_form(&body).filter(|_| is_form) else {
        return Ok(bad(&t, "o311-error-form").respond(format));
    };
    let t = translator(&ctx, &[query.clone(), pairs.clone()].concat());
    let field = |name: &str| {
        pairs
            .iter()
            .chain(query.iter())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let key = field("api_key");
    let client = if key.trim().is_empty() {
        None
    } else {
        let hash = platform::cases::hash_secret(key.trim());
        sql::active_client_by_key(&ctx.state.db, &hash).await?
    };
    let Some(client) = client else {
        return Ok(Problem::new(StatusCode::FORBIDDEN, &t, "o311-error-key").respond(format));
    };
    let description = field("description");
    let title = match field("attribute[title]") {
        s if s.trim().is_empty() => derive_title(&description),
        s => s,
    };
    let kind = match field("attribute[kind]") {
        s if s.trim().is_empty() => "pengaduan".to_string(),
        s => s,
    };
    let name = format!(
        "{} {}",
        field("first_name").trim(),
        field("last_name").trim()
    );
    let input = Submission {
        kind,
        title,
        description,
        category: field("service_code"),
        region: field("attribute[region]"),
        latitude: field("lat"),
        longitude: field("long"),
        location_text: field("address_string"),
        privacy: field("attribute[privacy]"),
        name: name.trim().to_string(),
        email: field("email"),
        phone: field("phone"),
    };
    // Always as an anonymous guest: the key speaks for the client, not for whoever's cookie
    // came along with the request. The reporter's receipt mail (when they left an address)
    // is written in the request's language.
    let done = match submission::submit_in(&ctx.state, &Actor::default(), input, Vec::new(), t.lang)
        .await
    {
        Ok(done) => done,
        Err(AppError::Validation(errors)) => {
            let problem = Problem {
                status: StatusCode::BAD_REQUEST,
                descriptions: errors
                    .iter()
                    .map(|e| format!("{}: {}", open311_field(&e.field), t.t(&e.key)))
                    .collect(),
            };
            return Ok(problem.respond(format));
        }
        Err(other) => return Err(other),
    };
    sql::touch_client(&ctx.state.db, client.id, ctx.state.clock.now()).await?;
    tracing::info!(
        client = %client.id,
        tracking_code = %done.tracking_code,
        "open311 client submitted a complaint"
    );
    let base_url = ctx.state.config.public_url.trim_end_matches('/');
    let follow_up = done
        .guest_secret
        .map(|secret| {
            Node::text(format!(
                "{base_url}/pengaduan/lacak/{}?kunci={secret}",
                done.tracking_code
            ))
        })
        .unwrap_or(Node::Null);
    let node = Node::List(
        "request",
        vec![Node::Obj(vec![
            ("service_request_id", Node::text(done.tracking_code)),
            ("service_notice", Node::text(t.t("o311-submitted-notice"))),
            ("account_id", Node::Null),
            ("follow_up_url", follow_up),
        ])],
    );
    Ok(format.respond(StatusCode::OK, "service_requests", &node))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_decode_like_browsers_send_them() {
        assert_eq!(
            decode_form(b"a=1+2&attribute%5Bkind%5D=aspirasi&e=%E2%82%AC&bad=%zz&empty=&flag"),
            Some(vec![
                ("a".into(), "1 2".into()),
                ("attribute[kind]".into(), "aspirasi".into()),
                ("e".into(), "€".into()),
                ("bad".into(), "%zz".into()),
                ("empty".into(), String::new()),
                ("flag".into(), String::new()),
            ])
        );
        assert_eq!(decode_form(b"x=%ff"), None);
        assert_eq!(decode_form(b"x=%4"), Some(vec![("x".into(), "%4".into())]));
    }

    #[test]
    fn titles_are_derived_from_the_first_line() {
        assert_eq!(derive_title("Jalan rusak\ndi depan pasar"), "Jalan rusak");
        let long = "Jalan desa di depan balai desa rusak parah sejak musim hujan dan belum diperbaiki sampai sekarang";
        let title = derive_title(long);
        assert!(title.chars().count() <= 81, "{title}");
        assert!(title.ends_with('…') && long.starts_with(title.trim_end_matches('…')));
    }

    #[test]
    fn terminal_states_are_closed() {
        assert_eq!(status_of("submitted"), "open");
        assert_eq!(status_of("followed_up"), "open");
        assert_eq!(status_of("completed"), "closed");
        assert_eq!(status_of("archived"), "closed");
    }
}
