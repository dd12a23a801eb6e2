#!/usr/bin/env bash
# Load benchmark: Terbuka against nginx serving the identical bytes as static files.
#
#   bench/load.sh                 # the home page and an organisation page, 10 s each
#   DURATION=30s bench/load.sh    # longer runs; also CONNECTIONS, THREADS, PAGES
#
# Builds the release binary, starts it on a fresh SQLite file with the demo data on a free
# loopback port, saves each page's bytes, serves those bytes with nginx (a temporary config
# and prefix, not as a daemon) on another port, and runs wrk against both. Prints requests/s,
# p50 and p99 latency for each, and the ratio Terbuka/nginx. Only loopback is ever loaded.
# Installs nginx, wrk and curl with apt-get when they are missing (needs root).
# This is not part of `cargo test`. Shared functions: bench/lib.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
read -r -a PAGES <<<"${PAGES:-/ /organisasi/diskominfo}"

bench_tools
bench_build

WORK=$(mktemp -d -t terbuka-bench.XXXXXX)
cleanup() {
  terbuka_stop
  nginx_stop
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== starting Terbuka (fresh SQLite database with demo data)"
terbuka_start "sqlite://$WORK/bench.db" TERBUKA_DEMO=true
echo "   on 127.0.0.1:$PORT"

# --- the same bytes as static files for nginx
nginx_start
declare -A FILE
i=0
for page in "${PAGES[@]}"; do
  i=$((i + 1))
  FILE[$page]="page$i.html"
  snapshot "http://127.0.0.1:$PORT$page" "page$i.html"
done

# --- wrk
echo "== wrk: $THREADS threads, $CONNECTIONS connections, $DURATION per run"
printf '\n%-26s %-8s %9s %12s %9s %9s\n' "page" "server" "bytes" "requests/s" "p50 ms" "p99 ms"
declare -a SUMMARY
for page in "${PAGES[@]}"; do
  bytes=$(stat -c %s "$WORK/www/${FILE[$page]}")
  read -r t_rps t_p50 t_p99 t_bad <<<"$(run_wrk "http://127.0.0.1:$PORT$page")"
  printf '%-26s %-8s %9s %12s %9s %9s\n' "$page" terbuka "$bytes" "$t_rps" "$t_p50" "$t_p99"
  read -r n_rps n_p50 n_p99 n_bad <<<"$(run_wrk "http://127.0.0.1:$NPORT/${FILE[$page]}")"
  printf '%-26s %-8s %9s %12s %9s %9s\n' "" nginx "$bytes" "$n_rps" "$n_p50" "$n_p99"
  [ "$t_bad" != 0 ] && echo "  warning: Terbuka answered $t_bad requests with a non-2xx/3xx status"
  [ "$n_bad" != 0 ] && echo "  warning: nginx answered $n_bad requests with a non-2xx/3xx status"
  SUMMARY+=("$(printf '%-26s throughput Terbuka/nginx = %s   (p99 %s ms vs %s ms)' "$page" "$(ratio "$t_rps" "$n_rps")" "$t_p99" "$n_p99")")
done
echo
printf '%s\n' "${SUMMARY[@]}"
