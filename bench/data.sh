#!/usr/bin/env bash
# Data portal benchmark (issue 5), ingest part, on SQLite and on PostgreSQL:
#
# 1. A ROWS-row (default 1,000,000) CSV of village figures with every column type (text,
#    integer, number, boolean, date), written by the hidden `terbuka bench-data dataset-csv`.
# 2. Terbuka's tabular load of that file (`terbuka import dataset-csv FILE`: both passes —
#    whole-file inference, then the all-or-nothing load) into a fresh database, under
#    `/usr/bin/time -v` for the wall time and the peak resident memory.
# 3. The same file through the databases' own bulk loaders into a table of the same column
#    types: `sqlite3 .import` (into a file database, as Terbuka writes one) and PostgreSQL
#    `\copy … (FORMAT csv)`. The goal: Terbuka ≥ 0.5× the speed of `sqlite3 .import`.
# 4. A filter on the loaded 1,000,000-row table without any index (the tabular store
#    indexes no column: see crates/data/src/tabular/mod.rs), timed in each database's own
#    client: the first page of `kecamatan = 'Dander'` and its total, as `datastore_search`
#    asks them.
#
#   bench/data.sh                                    # both backends
#   BACKENDS=sqlite ROWS=20000 bench/data.sh         # also PG_URL
#   TERBUKA_BIN=target/release/terbuka bench/data.sh
#
# PostgreSQL: fresh databases beside the one in PG_URL (default
# postgres://postgres@127.0.0.1:5432/test), dropped at the end. Not part of `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh

ROWS=${ROWS:-1000000}
read -r -a BACKEND_LIST <<<"${BACKENDS:-sqlite postgres}"
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432/test}

bench_tools psql:postgresql-client sqlite3:sqlite3 /usr/bin/time:time
bench_build

WORK=$(mktemp -d -t terbuka-bench-data.XXXXXX)
cleanup() {
  drop_fresh_dbs
  rm -rf "$WORK"
}
trap cleanup EXIT


now_ms() { date +%s%3N; }
secs() { awk -v ms="$1" 'BEGIN { printf "%.2f", ms / 1000 }'; }

CSV=$WORK/desa.csv
echo "== generating $ROWS rows"
"$BIN" bench-data dataset-csv --rows "$ROWS" --out "$CSV"
BYTES=$(stat -c %s "$CSV")
echo "   $(awk -v b="$BYTES" 'BEGIN { printf "%.1f MB", b / 1048576 }')"

# The file's columns with the types Terbuka infers (booleans are `ya`/`tidak`, which
# PostgreSQL's boolean input does not read: TEXT in the reference tables).
SQLITE_DDL="CREATE TABLE ref (kode_desa TEXT, desa TEXT, kecamatan TEXT, tahun INTEGER, penduduk INTEGER, luas_km2 REAL, desa_wisata TEXT, tanggal_pendataan TEXT, keterangan TEXT);"
PG_DDL="CREATE TABLE ref (kode_desa TEXT, desa TEXT, kecamatan TEXT, tahun BIGINT, penduduk BIGINT, luas_km2 DOUBLE PRECISION, desa_wisata TEXT, tanggal_pendataan DATE, keterangan TEXT);"

declare -a TABLE
row() { TABLE+=("$(printf '%-8s %-34s %10s %12s %12s' "$@")"); }

for backend in "${BACKEND_LIST[@]}"; do
  echo "== $backend: terbuka import dataset-csv"
  fresh_db "$backend" ingest
  # Migrate first, so that the timed command measures the load (its own figure) and the
  # process's memory.
  TERBUKA_DATABASE_URL="$DB_URL" TERBUKA_LOG=warn "$BIN" migrate >/dev/null
  start=$(now_ms)
  TERBUKA_DATABASE_URL="$DB_URL" TERBUKA_LOG=warn TERBUKA_STORAGE="$WORK/files" \
    /usr/bin/time -v -o "$WORK/time.txt" "$BIN" import dataset-csv "$CSV" | tee "$WORK/import.txt"
  wall=$(($(now_ms) - start))
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$WORK/time.txt")
  table=$(grep -o 'dt_[0-9a-f]*' "$WORK/import.txt" | head -1)
  rate=$(awk -v n="$ROWS" -v ms="$wall" 'BEGIN { printf "%.0f", n / (ms / 1000) }')
  row "$backend" "terbuka import dataset-csv" "$(secs "$wall") s" "$rate/s" "${rss} MB"
  terbuka_ms=$wall

  case $backend in
    sqlite)
      db_file=${DB_URL#sqlite://}
      echo "== sqlite3 .import (file database)"
      sqlite3 "$WORK/ref.db" "$SQLITE_DDL"
      start=$(now_ms)
      /usr/bin/time -v -o "$WORK/time.txt" sqlite3 "$WORK/ref.db" \
        -cmd "PRAGMA journal_mode=WAL;" -cmd "PRAGMA synchronous=NORMAL;" \
        ".import --csv --skip 1 $CSV ref" >/dev/null
      ref_ms=$(($(now_ms) - start))
      rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$WORK/time.txt")
      rate=$(awk -v n="$ROWS" -v ms="$ref_ms" 'BEGIN { printf "%.0f", n / (ms / 1000) }')
      row sqlite "sqlite3 .import" "$(secs "$ref_ms") s" "$rate/s" "${rss} MB"
      ratio=$(awk -v a="$ref_ms" -v b="$terbuka_ms" 'BEGIN { printf "%.2f", a / b }')
      row sqlite "terbuka speed / sqlite3 .import" "${ratio}x" "" "(goal >= 0.5x)"
      echo "== sqlite: a filter on the loaded table (no index)"
      q="SELECT _id, c0, c1, c2, c4 FROM $table WHERE c2 = 'Dander' ORDER BY _id LIMIT 100 OFFSET 0;"
      start=$(now_ms)
      sqlite3 "$db_file" "$q" >/dev/null
      page_ms=$(($(now_ms) - start))
      start=$(now_ms)
      total=$(sqlite3 "$db_file" "SELECT COUNT(*) FROM $table WHERE c2 = 'Dander';")
      count_ms=$(($(now_ms) - start))
      row sqlite "filter: first 100 rows" "${page_ms} ms" "" ""
      row sqlite "filter: total ($total rows)" "${count_ms} ms" "" ""
      ;;
    postgres)
      echo "== psql \\copy"
      psql -X -q -v ON_ERROR_STOP=1 "$DB_URL" -c "$PG_DDL"
      start=$(now_ms)
      psql -X -q -v ON_ERROR_STOP=1 "$DB_URL" -c "\\copy ref FROM '$CSV' WITH (FORMAT csv, HEADER true)"
      ref_ms=$(($(now_ms) - start))
      rate=$(awk -v n="$ROWS" -v ms="$ref_ms" 'BEGIN { printf "%.0f", n / (ms / 1000) }')
      row postgres "psql \\copy" "$(secs "$ref_ms") s" "$rate/s" ""
      ratio=$(awk -v a="$ref_ms" -v b="$terbuka_ms" 'BEGIN { printf "%.2f", a / b }')
      row postgres "terbuka speed / psql \\copy" "${ratio}x" "" ""
      echo "== postgres: a filter on the loaded table (no index)"
      psql -X -q "$DB_URL" -c "VACUUM ANALYZE $table" >/dev/null
      timing() { # the server's execution time of a statement, in ms
        psql -X -q -t -A "$DB_URL" -c "EXPLAIN (ANALYZE, FORMAT JSON) $1" |
          python3 -c 'import json, sys; print("%.0f" % json.load(sys.stdin)[0]["Execution Time"])'
      }
      page_ms=$(timing "SELECT _id, c0, c1, c2, c4 FROM $table WHERE c2 = 'Dander' ORDER BY _id LIMIT 100 OFFSET 0")
      count_ms=$(timing "SELECT COUNT(*) FROM $table WHERE c2 = 'Dander'")
      total=$(psql -X -q -t -A "$DB_URL" -c "SELECT COUNT(*) FROM $table WHERE c2 = 'Dander'")
      row postgres "filter: first 100 rows" "${page_ms} ms" "" ""
      row postgres "filter: total ($total rows)" "${count_ms} ms" "" ""
      ;;
  esac
done

echo
echo "== ingest of $ROWS rows ($(awk -v b="$BYTES" 'BEGIN { printf "%.1f MB", b / 1048576 }') CSV)"
printf '%-8s %-34s %10s %12s %12s\n' backend what time rate "peak RSS"
printf '%s\n' "${TABLE[@]}"
