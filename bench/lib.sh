# Shell functions shared by the benchmarks (bench/load.sh, bench/complaints.sh); sourced,
# not run. Expects `set -euo pipefail`, the repository root as working directory and $WORK
# (a temporary directory the caller removes). Only loopback is ever loaded.

# Make sure curl, wrk, nginx and python3 (plus any extra apt packages given) are there;
# installs the missing ones with apt-get when run as root. Sets NGINX.
bench_tools() {
  local missing=() extra
  command -v curl >/dev/null || missing+=(curl)
  command -v wrk >/dev/null || missing+=(wrk)
  NGINX=$(command -v nginx || true)
  [ -z "$NGINX" ] && [ -x /usr/sbin/nginx ] && NGINX=/usr/sbin/nginx
  [ -z "$NGINX" ] && missing+=(nginx)
  command -v python3 >/dev/null || missing+=(python3)
  for extra in "$@"; do
    command -v "${extra%%:*}" >/dev/null || missing+=("${extra#*:}")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
      echo "$0 needs: ${missing[*]} (install them with apt-get, or run as root)" >&2
      exit 1
    fi
    echo "== installing ${missing[*]} with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    NGINX=$(command -v nginx || echo /usr/sbin/nginx)
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Build the release binary (a no-op when it is up to date); sets BIN. TERBUKA_BIN=path uses
# a binary built before instead (others editing the tree would otherwise trigger a rebuild).
bench_build() {
  if [ -n "${TERBUKA_BIN:-}" ]; then
    BIN=$TERBUKA_BIN
    echo "== using $BIN"
    return
  fi
  echo "== cargo build --release"
  cargo build --release --quiet -p terbuka
  BIN=${CARGO_TARGET_DIR:-target}/release/terbuka
}

# terbuka_start DATABASE_URL [VAR=value…]: serve on a free loopback port without request
# logs and wait until ready. Sets PORT and TERBUKA_PID; the log is $WORK/terbuka.log.
TERBUKA_PID=""
terbuka_start() {
  local url=$1
  shift
  PORT=$(free_port)
  env TERBUKA_DATABASE_URL="$url" \
    TERBUKA_BIND="127.0.0.1:$PORT" \
    TERBUKA_PUBLIC_URL="http://127.0.0.1:$PORT" \
    TERBUKA_STORAGE="$WORK/files" \
    TERBUKA_JOBS=false \
    TERBUKA_LOG=warn \
    "$@" \
    "$BIN" serve >"$WORK/terbuka.log" 2>&1 &
  TERBUKA_PID=$!
  for _ in $(seq 1 1500); do
    curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && return 0
    if ! kill -0 "$TERBUKA_PID" 2>/dev/null; then
      echo "Terbuka exited:" >&2
      cat "$WORK/terbuka.log" >&2
      TERBUKA_PID=""
      exit 1
    fi
    sleep 0.2
  done
  echo "Terbuka is not ready" >&2
  cat "$WORK/terbuka.log" >&2
  exit 1
}

terbuka_stop() {
  if [ -n "$TERBUKA_PID" ]; then
    kill "$TERBUKA_PID" 2>/dev/null || true
    wait "$TERBUKA_PID" 2>/dev/null || true
    TERBUKA_PID=""
  fi
}

# nginx_start: serve $WORK/www as static files (a temporary config and prefix, not as a
# daemon) on a free loopback port. Sets NPORT and NGINX_PID.
NGINX_PID=""
nginx_start() {
  mkdir -p "$WORK/www" "$WORK/nginx/logs" "$WORK/nginx/tmp"
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
  types { application/json json; application/xml xml; }
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
    curl -s "http://127.0.0.1:$NPORT/" -o /dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "nginx did not start" >&2
  cat "$WORK/nginx/logs/error.log" >&2
  exit 1
}

nginx_stop() {
  if [ -n "$NGINX_PID" ]; then
    kill "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
    NGINX_PID=""
  fi
}

# snapshot URL FILE: save what Terbuka answers at URL as $WORK/www/FILE and check that nginx
# then serves exactly those bytes.
snapshot() {
  curl -sf "$1" -o "$WORK/www/$2" || { echo "Terbuka did not serve $1" >&2; exit 1; }
  chmod a+r "$WORK/www/$2"
  cmp -s <(curl -sf "http://127.0.0.1:$NPORT/$2") "$WORK/www/$2" \
    || { echo "nginx does not serve the saved bytes of $1" >&2; cat "$WORK/nginx/logs/error.log" >&2; exit 1; }
}

to_ms() { # wrk prints 1.23ms, 456.00us, 1.20s
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.2f", v * 1000 }
    else printf "%s", v }'
}

# run_wrk URL [more wrk arguments…] -> "requests/s p50-ms p99-ms non-2xx/3xx"
run_wrk() {
  local url=$1 out rps p50 p99 bad
  shift
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "$url")
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  bad=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out")
  echo "$rps $(to_ms "$p50") $(to_ms "$p99") ${bad:-0}"
}

ratio() { # a b -> a/b with two decimals
  awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'
}

# Fresh databases per run: `fresh_db BACKEND NAME` sets DB_URL to an empty database (a file
# under $WORK for sqlite; a new database beside the one in $PG_URL for postgres, remembered
# in PG_DBS); `drop_fresh_dbs` drops them (call it from the script's EXIT trap).
PG_DBS=()
pg_admin() { psql -X -q -v ON_ERROR_STOP=1 "$PG_URL" "$@"; }
fresh_db() {
  case $1 in
    sqlite) DB_URL="sqlite://$WORK/$2.db" ;;
    postgres)
      local db="terbuka_${2//-/_}_$$"
      pg_admin -c "CREATE DATABASE $db"
      PG_DBS+=("$db")
      DB_URL="${PG_URL%/*}/$db"
      ;;
    *) echo "unknown backend $1 (use sqlite or postgres)" >&2; exit 1 ;;
  esac
}
drop_fresh_dbs() {
  for db in "${PG_DBS[@]}"; do
    pg_admin -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  done
}
