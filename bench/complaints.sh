#!/usr/bin/env bash
# The complaints benchmark: 1,000,000 complaints, on SQLite and on PostgreSQL.
#
#   bench/complaints.sh                                # both backends, 1,000,000 complaints
#   BACKENDS=sqlite COMPLAINTS=100000 bench/complaints.sh
#   DURATION=30s POST_DURATION=20s bench/complaints.sh # also CONNECTIONS, THREADS, LIST_QUERY
#
# For each backend: generates the complaints with the release binary's hidden
# `terbuka bench-data complaints` (directly, in batched INSERTs; see
# crates/complaints/src/bulk.rs), starts Terbuka on them, saves the bytes of the public list
# filtered by district and status, of one case page and of Open311 `requests.json`, serves
# those bytes with nginx, and runs wrk (64 connections) against both: requests/s, p50, p99,
# ratio. First with the default 1-second micro-cache of public pages (what production runs),
# then again with it off (TERBUKA_PAGE_CACHE_MS=0: every request reads the database). Last,
# submissions per second: wrk POSTing JSON to /api/v1/complaints as guests for POST_DURATION.
#
# SQLite: the generated file is cached in target/bench-data/ (keyed by the count and a hash
# of the generator; newer migrations are applied when Terbuka starts on the copy) and copied
# for each run. PostgreSQL
# (PG_URL, default postgres://postgres@127.0.0.1:5432/test): a fresh database
# terbuka_bench_<pid> is created beside the one in PG_URL and dropped at the end.
# Needs psql for PostgreSQL. Only loopback is ever loaded. Not part of `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh

COMPLAINTS=${COMPLAINTS:-1000000}
read -r -a BACKEND_LIST <<<"${BACKENDS:-sqlite postgres}"
DURATION=${DURATION:-10s}
POST_DURATION=${POST_DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432/test}
LIST_QUERY=${LIST_QUERY:-district=35.22.15&status=completed}
CACHE_DIR=${CACHE_DIR:-${CARGO_TARGET_DIR:-target}/bench-data}
# The base demo (regions, organisations, people, categories) without its 3,000 complaints.
BASE_ENV=(TERBUKA_DEMO=false TERBUKA_GUEST_SUBMISSIONS_PER_HOUR=0)

bench_tools psql:postgresql-client
bench_build

WORK=$(mktemp -d -t terbuka-bench.XXXXXX)
PG_DB=""
cleanup() {
  terbuka_stop
  nginx_stop
  if [ -n "$PG_DB" ]; then
    pg_admin -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
nginx_start

# generate URL: the base demo and $COMPLAINTS complaints into the database at URL.
generate() {
  echo "== generating $COMPLAINTS complaints ($1)"
  env TERBUKA_DATABASE_URL="$1" TERBUKA_STORAGE="$WORK/files" TERBUKA_LOG=warn \
    "${BASE_ENV[@]}" "$BIN" bench-data complaints --count "$COMPLAINTS" | tee "$WORK/generated.txt"
}

# database BACKEND -> sets DB_URL to a database holding the complaints.
database() {
  case $1 in
    sqlite)
      local key file
      key=$(sha256sum <crates/complaints/src/bulk.rs | cut -c1-12)
      file="$CACHE_DIR/complaints-$COMPLAINTS-$key.db"
      if [ ! -f "$file" ]; then
        mkdir -p "$CACHE_DIR"
        rm -f "$file.tmp"*
        generate "sqlite://$file.tmp"
        sqlite3 "$file.tmp" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null 2>&1 || true
        mv "$file.tmp" "$file"
        rm -f "$file.tmp-wal" "$file.tmp-shm"
      else
        echo "== using the cached $file"
      fi
      cp "$file" "$WORK/bench.db"
      DB_URL="sqlite://$WORK/bench.db"
      ;;
    postgres)
      PG_DB="terbuka_bench_$$"
      pg_admin -c "CREATE DATABASE $PG_DB"
      DB_URL="${PG_URL%/*}/$PG_DB"
      generate "$DB_URL"
      ;;
    *)
      echo "unknown backend $1 (use sqlite or postgres)" >&2
      exit 1
      ;;
  esac
}

declare -a TABLE SUMMARY
row() { # backend cache page server bytes rps p50 p99
  TABLE+=("$(printf '%-8s %-6s %-34s %-8s %8s %11s %8s %8s' "$@")")
}

# reads BACKEND CACHE-LABEL: wrk against Terbuka (already started) and, the first time per
# backend, nginx; the nginx figure is reused for the uncached run (same bytes).
declare -A NGINX_RPS NGINX_P99
reads() {
  local backend=$1 cache=$2 name url file bytes t_rps t_p50 t_p99 t_bad n_rps n_p50 n_p99 n_bad
  local code
  # One public case: the newest on the filtered list.
  code=$(curl -sf "http://127.0.0.1:$PORT/pengaduan?$LIST_QUERY" | grep -o 'ADU-[0-9]*-[0-9]*' | head -1 || true)
  [ -n "$code" ] || { echo "the filtered list shows no complaint" >&2; exit 1; }
  local -a pages=("list:/pengaduan?$LIST_QUERY" "case:/pengaduan/$code" "open311:/open311/v2/requests.json")
  for entry in "${pages[@]}"; do
    name=${entry%%:*}
    url=${entry#*:}
    if [ "$name" = open311 ]; then
      status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT$url")
      if [ "$status" != 200 ]; then
        echo "   notice: $url answers $status (no Open311 yet?): skipped"
        continue
      fi
    fi
    file="$backend-$name.${url##*.}"
    [ "$name" = open311 ] || file="$backend-$name.html"
    snapshot "http://127.0.0.1:$PORT$url" "$file"
    bytes=$(stat -c %s "$WORK/www/$file")
    read -r t_rps t_p50 t_p99 t_bad <<<"$(run_wrk "http://127.0.0.1:$PORT$url")"
    row "$backend" "$cache" "$url" terbuka "$bytes" "$t_rps" "$t_p50" "$t_p99"
    [ "$t_bad" != 0 ] && echo "   warning: Terbuka answered $t_bad requests to $url with a non-2xx/3xx status"
    if [ -z "${NGINX_RPS[$backend-$name]:-}" ]; then
      read -r n_rps n_p50 n_p99 n_bad <<<"$(run_wrk "http://127.0.0.1:$NPORT/$file")"
      row "" "" "" nginx "$bytes" "$n_rps" "$n_p50" "$n_p99"
      [ "$n_bad" != 0 ] && echo "   warning: nginx answered $n_bad requests with a non-2xx/3xx status"
      NGINX_RPS[$backend-$name]=$n_rps
      NGINX_P99[$backend-$name]=$n_p99
    fi
    SUMMARY+=("$(printf '%-8s %-6s %-8s Terbuka/nginx = %5s   p99 %7s ms (nginx %s ms)' "$backend" "$cache" "$name" \
      "$(ratio "$t_rps" "${NGINX_RPS[$backend-$name]}")" "$t_p99" "${NGINX_P99[$backend-$name]}")")
    echo "   $backend $cache $name: $t_rps req/s, p50 $t_p50 ms, p99 $t_p99 ms"
  done
}

# submissions BACKEND: guests POSTing JSON to /api/v1/complaints for $POST_DURATION.
submissions() {
  cat >"$WORK/post.lua" <<'EOF'
-- A guest's complaint as JSON; each request a different title and e-mail.
local n = 0
local villages = { "35.22.01.2001", "35.22.01.2002", "35.22.02.2001" }
request = function()
  n = n + 1
  local body = string.format(
    '{"kind":"pengaduan","title":"Uji beban %d: jalan rusak","description":"Jalan desa berlubang dan tergenang saat hujan, mohon segera diperbaiki (%d).","category":"jalan-jembatan","region":"%s","privacy":"public","email":"beban%d@example.id"}',
    n, n, villages[n % #villages + 1], n)
  return wrk.format("POST", "/api/v1/complaints", { ["Content-Type"] = "application/json" }, body)
end
EOF
  local rps p50 p99 bad saved=$DURATION
  DURATION=$POST_DURATION
  read -r rps p50 p99 bad <<<"$(run_wrk "http://127.0.0.1:$PORT/api/v1/complaints" -s "$WORK/post.lua")"
  DURATION=$saved
  row "$1" "" "POST /api/v1/complaints" terbuka "" "$rps" "$p50" "$p99"
  [ "$bad" != 0 ] && echo "   warning: $bad submissions were refused (non-2xx/3xx)"
  SUMMARY+=("$(printf '%-8s        submissions: %s/s, p50 %s ms, p99 %s ms, %s refused' "$1" "$rps" "$p50" "$p99" "$bad")")
  echo "   $1 submissions: $rps/s (p99 $p99 ms, $bad refused)"
}

GENERATED=()
for backend in "${BACKEND_LIST[@]}"; do
  rm -f "$WORK/generated.txt"
  database "$backend"
  [ -f "$WORK/generated.txt" ] && GENERATED+=("$backend: $(cat "$WORK/generated.txt")")
  echo "== $backend: Terbuka with the micro-cache (TERBUKA_PAGE_CACHE_MS=1000)"
  terbuka_start "$DB_URL" "${BASE_ENV[@]}" TERBUKA_PAGE_CACHE_MS=1000
  reads "$backend" cached
  terbuka_stop
  echo "== $backend: Terbuka without the micro-cache (TERBUKA_PAGE_CACHE_MS=0)"
  terbuka_start "$DB_URL" "${BASE_ENV[@]}" TERBUKA_PAGE_CACHE_MS=0
  reads "$backend" none
  echo "== $backend: submissions"
  submissions "$backend"
  terbuka_stop
  if [ "$backend" = postgres ]; then
    pg_admin -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null
    PG_DB=""
  fi
done

echo
echo "== $COMPLAINTS complaints; wrk $THREADS threads, $CONNECTIONS connections, $DURATION per read run, $POST_DURATION of submissions"
for g in "${GENERATED[@]}"; do echo "generated $g"; done
printf '\n%-8s %-6s %-34s %-8s %8s %11s %8s %8s\n' backend cache page server bytes requests/s "p50 ms" "p99 ms"
printf '%s\n' "${TABLE[@]}"
echo
printf '%s\n' "${SUMMARY[@]}"
