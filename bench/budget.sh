#!/usr/bin/env bash
# Budget benchmark (issue 4), on SQLite and on PostgreSQL:
#
# 1. Import: a LINES-line (default 50,000) budget in the import template, as XLSX and as CSV
#    (written by the hidden `terbuka bench-data budget-file`), each imported with
#    `terbuka import budget … --publish` into a fresh database; prints the command's own
#    figures (reading and checking, writing) and the wall time of the whole command.
# 2. Pages: Terbuka on a fresh database with the demo data (the demo APBD 2024–2026, 253,062
#    lines, loaded at start-up through the importer: its time is printed too), then wrk
#    (THREADS threads, CONNECTIONS connections, DURATION each) against the year's summary
#    `/anggaran/2026`, an organisation's drill-down and a sub kegiatan page, and against
#    nginx serving the same bytes; with the default 1-second micro-cache, then without it.
#    Also the transferred size of each page with gzip (the 60 KB budget).
#
#   bench/budget.sh                               # both backends
#   BACKENDS=sqlite LINES=20000 bench/budget.sh   # also DURATION, CONNECTIONS, PG_URL
#   TERBUKA_BIN=target/release/terbuka bench/budget.sh
#
# PostgreSQL: fresh databases beside the one in PG_URL (default
# postgres://postgres@127.0.0.1:5432/test), dropped at the end. Not part of `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh

LINES=${LINES:-50000}
read -r -a BACKEND_LIST <<<"${BACKENDS:-sqlite postgres}"
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432/test}

bench_tools psql:postgresql-client
bench_build

WORK=$(mktemp -d -t terbuka-bench.XXXXXX)
cleanup() {
  terbuka_stop
  nginx_stop
  drop_fresh_dbs
  rm -rf "$WORK"
}
trap cleanup EXIT
nginx_start


now_ms() { date +%s%3N; }

declare -a IMPORTS TABLE SUMMARY
for ext in xlsx csv; do
  "$BIN" bench-data budget-file --lines "$LINES" --out "$WORK/apbd.$ext"
done

row() { # backend cache page server bytes gzip rps p50 p99
  TABLE+=("$(printf '%-8s %-6s %-44s %-8s %8s %6s %11s %8s %8s' "$@")")
}

declare -A NGINX_RPS NGINX_P99
pages() {
  local backend=$1 cache=$2 url file bytes gz t_rps t_p50 t_p99 t_bad n_rps n_p50 n_p99 n_bad i=0
  for url in "${PAGE_URLS[@]}"; do
    i=$((i + 1))
    file="$backend-page$i.html"
    snapshot "http://127.0.0.1:$PORT$url" "$file"
    bytes=$(stat -c %s "$WORK/www/$file")
    gz=$(curl -s -H 'Accept-Encoding: gzip' -o /dev/null -w '%{size_download}' "http://127.0.0.1:$PORT$url")
    read -r t_rps t_p50 t_p99 t_bad <<<"$(run_wrk "http://127.0.0.1:$PORT$url")"
    row "$backend" "$cache" "$url" terbuka "$bytes" "$gz" "$t_rps" "$t_p50" "$t_p99"
    [ "$t_bad" != 0 ] && echo "   warning: Terbuka answered $t_bad requests to $url with a non-2xx/3xx status"
    if [ -z "${NGINX_RPS[$backend-$i]:-}" ]; then
      read -r n_rps n_p50 n_p99 n_bad <<<"$(run_wrk "http://127.0.0.1:$NPORT/$file")"
      row "" "" "" nginx "$bytes" "" "$n_rps" "$n_p50" "$n_p99"
      NGINX_RPS[$backend-$i]=$n_rps
      NGINX_P99[$backend-$i]=$n_p99
    fi
    SUMMARY+=("$(printf '%-8s %-6s %-44s Terbuka/nginx = %5s   p99 %7s ms (nginx %s ms)' "$backend" "$cache" "$url" \
      "$(ratio "$t_rps" "${NGINX_RPS[$backend-$i]}")" "$t_p99" "${NGINX_P99[$backend-$i]}")")
    echo "   $backend $cache $url: $t_rps req/s, p50 $t_p50 ms, p99 $t_p99 ms, $bytes bytes ($gz gzipped)"
  done
}

for backend in "${BACKEND_LIST[@]}"; do
  # 1. Import, each file into its own fresh database.
  for ext in xlsx csv; do
    fresh_db "$backend" "import-$ext"
    echo "== $backend: terbuka import budget apbd.$ext ($LINES lines)"
    started=$(now_ms)
    out=$(env TERBUKA_DATABASE_URL="$DB_URL" TERBUKA_STORAGE="$WORK/files" TERBUKA_LOG=warn \
      TERBUKA_MAX_UPLOAD_MB=100 \
      "$BIN" import budget "$WORK/apbd.$ext" --year 2026 --stage murni --publish)
    wall=$(( $(now_ms) - started ))
    echo "$out" | sed 's/^/   /'
    IMPORTS+=("$(printf '%-8s %-4s %6s lines %9s bytes: whole command %6s ms; %s' "$backend" "$ext" "$LINES" \
      "$(stat -c %s "$WORK/apbd.$ext")" "$wall" "$(echo "$out" | grep -o '([0-9]* ms checking, [0-9]* ms writing)')")")
  done

  # 2. Pages on the demo APBD.
  fresh_db "$backend" "pages"
  echo "== $backend: Terbuka with the demo data (loads the demo APBD at start-up)"
  started=$(now_ms)
  terbuka_start "$DB_URL" TERBUKA_DEMO=true TERBUKA_PAGE_CACHE_MS=1000
  IMPORTS+=("$(printf '%-8s demo: first start with the whole demo (3,000 complaints, APBD 2024–2026) %s ms' "$backend" "$(( $(now_ms) - started ))")")
  # The second organisation of the list (the first is the finance office, mostly revenue).
  org=$(curl -sf "http://127.0.0.1:$PORT/anggaran/2026/organisasi" | grep -o '/anggaran/2026/organisasi/[0-9.]*' \
    | sed -n 2p || true)
  [ -n "$org" ] || { echo "the organisation list links no organisation" >&2; exit 1; }
  # Down the organisation's tree, programme › kegiatan › sub kegiatan (`$org/{code}`, each
  # level's code longer than its parent's).
  sub=$org
  for _ in 1 2 3; do
    next=$(curl -sf "http://127.0.0.1:$PORT$sub" | grep -oE "$org/[0-9.]+\b" \
      | awk -v cur="$sub" 'length($0) > length(cur) && index($0, "/") { print; exit }' || true)
    [ -n "$next" ] && sub=$next
  done
  PAGE_URLS=("/anggaran/2026" "$org" "$sub")
  pages "$backend" cached
  terbuka_stop
  echo "== $backend: Terbuka without the micro-cache (TERBUKA_PAGE_CACHE_MS=0)"
  terbuka_start "$DB_URL" TERBUKA_DEMO=true TERBUKA_PAGE_CACHE_MS=0
  pages "$backend" none
  terbuka_stop
done

echo
echo "== import"
printf '%s\n' "${IMPORTS[@]}"
echo
echo "== pages; wrk $THREADS threads, $CONNECTIONS connections, $DURATION per run"
printf '%-8s %-6s %-44s %-8s %8s %6s %11s %8s %8s\n' backend cache page server bytes gzip requests/s "p50 ms" "p99 ms"
printf '%s\n' "${TABLE[@]}"
echo
printf '%s\n' "${SUMMARY[@]}"
