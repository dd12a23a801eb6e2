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
# This is not part of `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
read -r -a PAGES <<<"${PAGES:-/ /organisasi/diskominfo}"

# --- tools
missing=()
command -v curl >/dev/null || missing+=(curl)
command -v wrk >/dev/null || missing+=(wrk)
NGINX=$(command -v nginx || true)
[ -z "$NGINX" ] && [ -x /usr/sbin/nginx ] && NGINX=/usr/sbin/nginx
[ -z "$NGINX" ] && missing+=(nginx)
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "bench/load.sh needs: ${missing[*]} (install them with apt-get, or run as root)" >&2
    exit 1
  fi
  echo "== installing ${missing[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  NGINX=$(command -v nginx || echo /usr/sbin/nginx)
fi

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# --- build
echo "== cargo build --release"
cargo build --release --quiet -p terbuka
BIN=${CARGO_TARGET_DIR:-target}/release/terbuka

WORK=$(mktemp -d -t terbuka-bench.XXXXXX)
TERBUKA_PID=""
NGINX_PID=""
cleanup() {
  [ -n "$TERBUKA_PID" ] && kill "$TERBUKA_PID" 2>/dev/null && wait "$TERBUKA_PID" 2>/dev/null
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- Terbuka on a fresh SQLite file with the demo data
PORT=$(free_port)
echo "== starting Terbuka on 127.0.0.1:$PORT (fresh SQLite database with demo data)"
TERBUKA_DATABASE_URL="sqlite://$WORK/bench.db" \
TERBUKA_BIND="127.0.0.1:$PORT" \
TERBUKA_PUBLIC_URL="http://127.0.0.1:$PORT" \
TERBUKA_STORAGE="$WORK/files" \
TERBUKA_DEMO=true \
TERBUKA_JOBS=false \
TERBUKA_LOG=warn \
  "$BIN" serve >"$WORK/terbuka.log" 2>&1 &
TERBUKA_PID=$!
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
  if ! kill -0 "$TERBUKA_PID" 2>/dev/null; then
    echo "Terbuka exited:" >&2; cat "$WORK/terbuka.log" >&2; exit 1
  fi
  sleep 0.2
done
curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null || { echo "Terbuka is not ready" >&2; cat "$WORK/terbuka.log" >&2; exit 1; }

# --- the same bytes as static files for nginx
mkdir -p "$WORK/www" "$WORK/nginx/logs" "$WORK/nginx/tmp"
declare -A FILE
i=0
for page in "${PAGES[@]}"; do
  i=$((i + 1))
  FILE[$page]="page$i.html"
  curl -sf "http://127.0.0.1:$PORT$page" -o "$WORK/www/page$i.html" \
    || { echo "Terbuka did not serve $page" >&2; exit 1; }
done
chmod -R a+rX "$WORK"

NPORT=$(free_port)
cat >"$WORK/nginx/nginx.conf" <<EOF
daemon off;
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  default_type text/html;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $WORK/nginx/tmp/body;
  proxy_temp_path $WORK/nginx/tmp/proxy;
  fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
  uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
  scgi_temp_path $WORK/nginx/tmp/scgi;
  server {
    listen 127.0.0.1:$NPORT;
    root $WORK/www;
  }
}
EOF
echo "== starting nginx on 127.0.0.1:$NPORT (static copies of the pages)"
"$NGINX" -p "$WORK/nginx" -e "$WORK/nginx/logs/error.log" -c "$WORK/nginx/nginx.conf" &
NGINX_PID=$!
for _ in $(seq 1 50); do
  curl -sf "http://127.0.0.1:$NPORT/page1.html" >/dev/null 2>&1 && break
  sleep 0.1
done
for page in "${PAGES[@]}"; do
  cmp -s <(curl -sf "http://127.0.0.1:$NPORT/${FILE[$page]}") "$WORK/www/${FILE[$page]}" \
    || { echo "nginx does not serve the saved bytes of $page" >&2; cat "$WORK/nginx/logs/error.log" >&2; exit 1; }
done

# --- wrk
to_ms() { # wrk prints 1.23ms, 456.00us, 1.20s
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.2f", v * 1000 }
    else printf "%s", v }'
}
run_wrk() { # url -> "rps p50 p99 non2xx"
  local out rps p50 p99 bad
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$1")
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  bad=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out")
  echo "$rps $(to_ms "$p50") $(to_ms "$p99") ${bad:-0}"
}

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
  ratio=$(awk -v a="$t_rps" -v b="$n_rps" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')
  SUMMARY+=("$(printf '%-26s throughput Terbuka/nginx = %s   (p99 %s ms vs %s ms)' "$page" "$ratio" "$t_p99" "$n_p99")")
done
echo
printf '%s\n' "${SUMMARY[@]}"
