#!/usr/bin/env bash
# The large-site benchmark (issue 26): the generated export of 5,000 posts and
# 200,000 comments (bench/wxr_generate.py) imported into a fresh database, then
# Folio serving it at the product's defaults while a crawler reads every page
# once without compression and once with, then a random post page, the home
# page, the queue's last page, reader and queue searches and every admin list.
# Prints a table with PASS/FAIL per target:
#
#   peak memory (VmHWM) of the import and of the server over both crawls < 64 MiB
#   a random post page after the crawl: p99 < 5 ms over 2,000 keep-alive requests
#   the home page and the queue's last page < 50 ms
#   reader search and queue search: p99 < 50 ms over 200 queries of the site's words
#   every admin list page < 300 KB
#
#   bash bench/large.sh
#
# Needs Rust, Python 3 and GNU time (/usr/bin/time). Builds release, works in a
# temporary directory that it removes at the end, sends traffic only to
# 127.0.0.1, bounds every step in time and stops what it started by PID. Keeps
# the table in bench/out/large.md. BENCH_POSTS / BENCH_COMMENTS change the size
# (for trying the script out; the numbers are then not comparable);
# BENCH_CRAWLERS (4) is how many connections crawl at once.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD
posts=${BENCH_POSTS:-5000}
comments=${BENCH_COMMENTS:-200000}
crawlers=${BENCH_CRAWLERS:-4}
client=$root/bench/large.py

say() { printf '== %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

[ -x /usr/bin/time ] || die "GNU time is missing (apt-get install time)"
for tool in python3 timeout; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is needed"
done

folio_pid=""
tmp=""
stop_folio() {
  [[ -n $folio_pid ]] || return 0
  kill -TERM "$folio_pid" 2>/dev/null || true
  for _ in $(seq 50); do
    kill -0 "$folio_pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$folio_pid" 2>/dev/null || true
  wait "$folio_pid" 2>/dev/null || true
  folio_pid=""
}
cleanup() {
  stop_folio
  if [[ -n $tmp && -d $tmp ]]; then rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

say "building release"
env -u DATABASE_URL SQLX_OFFLINE=true timeout 3600 cargo build --release --quiet
folio=${CARGO_TARGET_DIR:-$root/target}/release/folio
[[ -x $folio ]] || die "no binary at $folio"

# The machine may be shared: the load before the run tells how noisy the numbers are.
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
tmp=$(mktemp -d -t folio-large.XXXXXX)
mkdir -p bench/out
results=$tmp/results
: >"$results"
record() { printf '%s=%s\n' "$1" "$2" >>"$results"; }
# record_all PREFIX: each key=value line of standard input, recorded as PREFIX_key.
record_all() {
  local line
  while IFS= read -r line; do
    [[ $line == *=* ]] && record "$1_${line%%=*}" "${line#*=}"
  done
}
value() { grep -m1 "^$1=" "$results" | cut -d= -f2-; }

say "generating $posts posts and $comments comments"
timeout 600 python3 bench/wxr_generate.py "$tmp/export.xml" "$posts" "$comments"

db_url=sqlite://$tmp/folio.db
(cd "$tmp" && timeout 120 env -u DATABASE_URL "$folio" migrate --database-url "$db_url" >/dev/null)
say "importing"
(cd "$tmp" && timeout 900 /usr/bin/time -f '%e %M' -o "$tmp/time" \
  env -u DATABASE_URL "$folio" import wordpress "$tmp/export.xml" --database-url "$db_url" \
  >"$tmp/import.txt") || die "the import failed: $(cat "$tmp/import.txt")"
read -r import_s import_kib <"$tmp/time"
record import_seconds "$import_s"
record import_peak_kib "$import_kib"

password="bench-password-$RANDOM-$RANDOM"
printf '%s\n' "$password" |
  (cd "$tmp" && timeout 60 env -u DATABASE_URL "$folio" admin create bench --database-url "$db_url" >/dev/null)

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
say "starting Folio on 127.0.0.1:$port (product defaults)"
# Run from the temp dir so that no .env of a checkout is read; only what a
# benchmark must set is set (where, which database); the log is at its default level.
(cd "$tmp" && exec env -u FOLIO_BASE_URL -u FOLIO_PAGE_CACHE_MB -u FOLIO_AUTO_MIGRATE -u RUST_LOG -u FOLIO_LOG_FORMAT \
  DATABASE_URL="$db_url" FOLIO_BIND="127.0.0.1:$port" \
  "$folio" serve) >>"$tmp/folio.log" 2>&1 &
folio_pid=$!
for _ in $(seq 100); do
  if python3 -c "import socket,sys; s=socket.socket(); sys.exit(s.connect_ex(('127.0.0.1', $port)))" 2>/dev/null; then
    break
  fi
  kill -0 "$folio_pid" 2>/dev/null || die "Folio ended at start: $(tail -5 "$tmp/folio.log")"
  sleep 0.1
done
rss_kib() { awk "/^$1:/ {print \$2}" "/proc/$folio_pid/status"; }
record start_rss_kib "$(rss_kib VmRSS)"

say "crawling every page without compression"
timeout 1800 python3 "$client" crawl "$port" identity "$crawlers" "$tmp/pages" | record_all plain
say "crawling every page with compression"
timeout 1800 python3 "$client" crawl "$port" "br, gzip" "$crawlers" "$tmp/pages" | record_all compressed
record crawl_peak_kib "$(rss_kib VmHWM)"
record crawl_rss_kib "$(rss_kib VmRSS)"

say "2,000 random post pages over one connection"
timeout 600 python3 "$client" posts "$port" 2000 | record_all posts
say "home page, queue, searches, admin lists"
timeout 900 python3 "$client" admin "$port" bench "$password" | record_all admin
kill -0 "$folio_pid" 2>/dev/null || die "Folio (pid $folio_pid) ended during the run"
record end_peak_kib "$(rss_kib VmHWM)"
record end_rss_kib "$(rss_kib VmRSS)"
stop_folio

mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
verdict() { if awk "BEGIN { exit !($1) }"; then echo PASS; else echo FAIL; fi; }
import_peak=$(value import_peak_kib)
crawl_peak=$(value crawl_peak_kib)
end_peak=$(value end_peak_kib)
{
  echo "Folio large-site benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(uname -sr);"
  echo "load average before the run: $load_before (other work on the machine makes the numbers noisy)."
  echo "$posts posts and $comments comments generated by bench/wxr_generate.py; Folio at its defaults (FOLIO_PAGE_CACHE_MB unset: 32)."
  echo
  echo "| what | measured | target | result |"
  echo "|---|---:|---|---|"
  echo "| import: time, peak memory (VmHWM) | $(value import_seconds) s, $(mib "$import_peak") MiB | < 64 MiB | $(verdict "$import_peak < 64 * 1024") |"
  echo "| server at start (VmRSS) | $(mib "$(value start_rss_kib)") MiB | - | - |"
  echo "| crawl without compression | $(value plain_pages) pages, $(value plain_bytes) bytes, $(value plain_seconds) s; p50 $(value plain_p50_ms) ms, p99 $(value plain_p99_ms) ms; $(value plain_non200) not 200 | every page 200 | $(verdict "$(value plain_non200) == 0") |"
  echo "| crawl with br/gzip | $(value compressed_pages) pages, $(value compressed_bytes) bytes, $(value compressed_seconds) s; p50 $(value compressed_p50_ms) ms, p99 $(value compressed_p99_ms) ms; $(value compressed_non200) not 200 | every page 200 | $(verdict "$(value compressed_non200) == 0") |"
  echo "| server peak memory over both crawls (VmHWM) | $(mib "$crawl_peak") MiB (VmRSS after: $(mib "$(value crawl_rss_kib)") MiB) | < 64 MiB | $(verdict "$crawl_peak < 64 * 1024") |"
  echo "| random post page after the crawl, 2,000 keep-alive requests | p50 $(value posts_p50_ms) ms, p99 $(value posts_p99_ms) ms, max $(value posts_max_ms) ms | p99 < 5 ms | $(verdict "$(value posts_p99_ms) < 5") |"
  echo "| home page, 20 requests | median $(value admin_home_p50_ms) ms, max $(value admin_home_max_ms) ms | < 50 ms | $(verdict "$(value admin_home_p50_ms) < 50") |"
  echo "| queue's last page ($(value admin_queue_last_path)), 20 requests | median $(value admin_queue_last_p50_ms) ms, max $(value admin_queue_last_max_ms) ms (first page: $(value admin_queue_first_p50_ms) ms) | < 50 ms | $(verdict "$(value admin_queue_last_p50_ms) < 50") |"
  echo "| reader search, 200 queries of site words | p50 $(value admin_search_p50_ms) ms, p99 $(value admin_search_p99_ms) ms | p99 < 50 ms | $(verdict "$(value admin_search_p99_ms) < 50") |"
  echo "| queue search, 200 queries of site words | p50 $(value admin_queue_search_p50_ms) ms, p99 $(value admin_queue_search_p99_ms) ms | p99 < 50 ms | $(verdict "$(value admin_queue_search_p99_ms) < 50") |"
  echo "| largest admin list page (of $(value admin_admin_pages)) | $(value admin_admin_largest_bytes) bytes: $(value admin_admin_largest_path) | < 300 KB | $(verdict "$(value admin_admin_largest_bytes) < 300 * 1024") |"
  echo "| server peak memory over the whole run (VmHWM, a login included) | $(mib "$end_peak") MiB (VmRSS at the end: $(mib "$(value end_rss_kib)") MiB) | < 64 MiB | $(verdict "$end_peak < 64 * 1024") |"
} >"$tmp/table.md"

echo
cat "$tmp/table.md"
cp "$tmp/table.md" bench/out/large.md
warnings=$(grep -cE '^[^ ]+ +(WARN|ERROR) ' "$tmp/folio.log" || true)
echo
echo "Folio log at the default level: $warnings warning or error line(s)."
if ((warnings > 0)); then grep -E '^[^ ]+ +(WARN|ERROR) ' "$tmp/folio.log" | head -n 5 | cut -c1-300; fi
echo "(also in bench/out/large.md)"
