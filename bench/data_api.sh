#!/usr/bin/env bash
# Data portal API benchmark (issue 5), on SQLite and on PostgreSQL:
#
# 1. `terbuka bench-data datasets --count COUNT --table-rows TABLE_ROWS` publishes COUNT
#    generated datasets (default 10,000) through the catalogue (filling the search index as
#    publication does) and one dataset whose CSV resource is a loaded table; its time.
# 2. wrk (THREADS threads, CONNECTIONS connections, DURATION each) against CKAN's
#    package_search with words, a filter and facets, and datastore_search with a filter on
#    the table — with the default 1-second micro-cache and without it — and against nginx
#    serving the same bytes. Goal (issue 5): p99 < 50 ms at 64 connections, throughput at
#    least half of nginx's.
#
#   bench/data_api.sh                                      # both backends, full size
#   BACKENDS=sqlite COUNT=200 TABLE_ROWS=1000 DURATION=2s CONNECTIONS=8 bench/data_api.sh
#   TERBUKA_BIN=target/release/terbuka bench/data_api.sh
#
# PostgreSQL: fresh databases beside the one in PG_URL (default
# postgres://postgres@127.0.0.1:5432/test), dropped at the end. Not part of `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh

COUNT=${COUNT:-10000}
TABLE_ROWS=${TABLE_ROWS:-100000}
read -r -a BACKEND_LIST <<<"${BACKENDS:-sqlite postgres}"
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432/test}

bench_tools psql:postgresql-client
bench_build

WORK=$(mktemp -d -t terbuka-bench-data-api.XXXXXX)
cleanup() {
  terbuka_stop
  nginx_stop
  drop_fresh_dbs
  rm -rf "$WORK"
}
trap cleanup EXIT
nginx_start


declare -a GENERATED TABLE SUMMARY
row() { # backend cache call server bytes rps p50 p99
  TABLE+=("$(printf '%-8s %-6s %-16s %-8s %8s %11s %8s %8s' "$@")")
}

declare -A NGINX_RPS NGINX_P99
calls() {
  local backend=$1 cache=$2 name url file bytes t_rps t_p50 t_p99 t_bad n_rps n_p50 n_p99 n_bad
  for name in package_search datastore_search; do
    url=${URLS[$name]}
    file="$backend-$name.json"
    snapshot "http://127.0.0.1:$PORT$url" "$file"
    bytes=$(stat -c %s "$WORK/www/$file")
    read -r t_rps t_p50 t_p99 t_bad <<<"$(run_wrk "http://127.0.0.1:$PORT$url")"
    row "$backend" "$cache" "$name" terbuka "$bytes" "$t_rps" "$t_p50" "$t_p99"
    [ "$t_bad" != 0 ] && echo "   warning: $t_bad non-2xx/3xx answers to $url"
    if [ -z "${NGINX_RPS[$backend-$name]:-}" ]; then
      read -r n_rps n_p50 n_p99 n_bad <<<"$(run_wrk "http://127.0.0.1:$NPORT/$file")"
      row "" "" "" nginx "$bytes" "$n_rps" "$n_p50" "$n_p99"
      NGINX_RPS[$backend-$name]=$n_rps
      NGINX_P99[$backend-$name]=$n_p99
    fi
    SUMMARY+=("$(printf '%-8s %-6s %-16s Terbuka/nginx = %5s   p99 %7s ms (nginx %s ms)' "$backend" "$cache" "$name" \
      "$(ratio "$t_rps" "${NGINX_RPS[$backend-$name]}")" "$t_p99" "${NGINX_P99[$backend-$name]}")")
    echo "   $backend $cache $name: $t_rps req/s, p50 $t_p50 ms, p99 $t_p99 ms, $bytes bytes"
  done
}

declare -A URLS
for backend in "${BACKEND_LIST[@]}"; do
  fresh_db "$backend" "data-api"
  echo "== $backend: terbuka bench-data datasets --count $COUNT --table-rows $TABLE_ROWS"
  out=$(env TERBUKA_DATABASE_URL="$DB_URL" TERBUKA_STORAGE="$WORK/files" TERBUKA_LOG=warn \
    "$BIN" bench-data datasets --count "$COUNT" --table-rows "$TABLE_ROWS")
  echo "$out" | sed 's/^/   /'
  GENERATED+=("$(printf '%-8s %s' "$backend" "$out")")
  resource=$(grep -o 'table resource: [0-9a-f-]*' <<<"$out" | awk '{print $3}')
  # Words, a filter on two facets and four facet fields, as a portal's search page asks.
  URLS[package_search]="/api/3/action/package_search?q=padi%20kecamatan&fq=res_format:CSV%20license_id:cc-by&rows=10&facet.field=%5B%22organization%22,%22groups%22,%22tags%22,%22res_format%22%5D"
  URLS[datastore_search]="/api/3/action/datastore_search?resource_id=$resource&filters=%7B%22kecamatan%22:%22Dander%22%7D&limit=100"
  for cache in 1000 0; do
    label=$([ "$cache" = 0 ] && echo none || echo cached)
    echo "== $backend: Terbuka, TERBUKA_PAGE_CACHE_MS=$cache"
    terbuka_start "$DB_URL" TERBUKA_PAGE_CACHE_MS=$cache
    calls "$backend" "$label"
    terbuka_stop
  done
done

echo
echo "== generated"
printf '%s\n' "${GENERATED[@]}"
echo
echo "== CKAN API; wrk $THREADS threads, $CONNECTIONS connections, $DURATION per run"
printf '%-8s %-6s %-16s %-8s %8s %11s %8s %8s\n' backend cache call server bytes requests/s "p50 ms" "p99 ms"
printf '%s\n' "${TABLE[@]}"
echo
printf '%s\n' "${SUMMARY[@]}"
