#!/usr/bin/env bash
# Folio's benchmark (issues 7 and 15): the post page with 50 threaded comments
# and the home page against nginx serving the very same HTML as static files
# (plain, and gzip against nginx's gzip_static of the same bytes), the post
# page through nginx proxy_cache in front of Folio, comment intake on a small
# and on a 200,000-row table, peak memory and start-up time. Prints one table
# with PASS/FAIL per target. An admin logs in during the run (one Argon2
# verification), as on any site where someone moderates.
#
#   bash bench/run.sh
#
# Installs nginx and wrk with apt when missing, builds release, works in a
# temporary directory that it removes at the end, sends traffic only to
# 127.0.0.1, bounds every step in time and stops what it started by PID.
# Env overrides (for trying the script out, not for published numbers):
# BENCH_DURATION (10s), BENCH_ROUNDS (2: each page comparison takes turns,
# nginx then Folio, this many times), BENCH_BULK_ROWS (200000); BENCH_PERF=1 samples Folio with
# `perf record` (Debian's linux-perf) during the post page and intake runs and
# keeps each profile's top functions in bench/out/perf-*.txt.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD
helper=$root/bench/helper.py

duration=${BENCH_DURATION:-10s}
rounds=${BENCH_ROUNDS:-2}
threads=2
connections=50
bulk_rows=${BENCH_BULK_ROWS:-200000}

say() { printf '== %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- cleanup
started_pids=()
tmp=""
stop_pid() {
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local pid
  for pid in "${started_pids[@]}"; do stop_pid "$pid"; done
  if [[ -n $tmp && -d $tmp ]]; then rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# ---------------------------------------------------------------- tools
sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo=sudo; fi
nginx_bin=$(command -v nginx || true)
[[ -z $nginx_bin && -x /usr/sbin/nginx ]] && nginx_bin=/usr/sbin/nginx
missing=()
[[ -n $nginx_bin ]] || missing+=(nginx)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
if ((${#missing[@]})); then
  say "installing ${missing[*]} with apt"
  timeout 600 $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive timeout 900 $sudo apt-get install -y nginx wrk
  nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
fi
for tool in curl python3 timeout; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is needed"
done

# ---------------------------------------------------------------- build
say "building release"
env -u DATABASE_URL SQLX_OFFLINE=true timeout 3600 cargo build --release
bin=${CARGO_TARGET_DIR:-$root/target}/release/folio
[[ -x $bin ]] || die "no binary at $bin"

# The ceiling of SPEC's fixed stack: a bare actix-web handler (the version in
# Cargo.lock, the same release profile) that answers with the saved pages'
# bytes from memory, with no Folio code at all. Built beside Folio's own.
say "building a bare actix-web server"
bare_dir=${CARGO_TARGET_DIR:-$root/target}/bench-actix
actix_version=$(awk '$0 == "name = \"actix-web\"" { getline; gsub(/"/, "", $3); print $3; exit }' "$root/Cargo.lock")
[[ -n $actix_version ]] || die "no actix-web in Cargo.lock"
mkdir -p "$bare_dir/src"
cat >"$bare_dir/Cargo.toml" <<TOML
[package]
name = "bare-actix"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
actix-web = { version = "=$actix_version", default-features = false, features = ["macros"] }

[profile.release]
lto = "fat"
codegen-units = 1

[workspace]
TOML
cat >"$bare_dir/src/main.rs" <<'RUST'
//! Serves /post.html and /index.html from memory: args DIR PORT.
use actix_web::{App, HttpResponse, HttpServer, web};

fn html(body: web::Bytes) -> HttpResponse {
    HttpResponse::Ok().content_type("text/html; charset=utf-8").body(body)
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_default();
    let port: u16 = args.next().unwrap_or_default().parse().map_err(std::io::Error::other)?;
    let page = |name: &str| std::fs::read(format!("{dir}/{name}")).map(web::Bytes::from);
    let (post, home) = (page("post.html")?, page("index.html")?);
    HttpServer::new(move || {
        let (post, home) = (post.clone(), home.clone());
        App::new()
            .route("/post.html", web::get().to(move || std::future::ready(html(post.clone()))))
            .route("/index.html", web::get().to(move || std::future::ready(html(home.clone()))))
    })
    .bind(("127.0.0.1", port))?
    .run()
    .await
}
RUST
cp "$root/Cargo.lock" "$bare_dir/Cargo.lock"
(cd "$bare_dir" && env -u DATABASE_URL CARGO_TARGET_DIR="$bare_dir/target" timeout 1800 cargo build --release -q) ||
  die "the bare actix-web server did not build"
bare_bin=$bare_dir/target/release/bare-actix

# The machine is shared: the load before the run tells how noisy the numbers are.
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
tmp=$(mktemp -d -t folio-bench.XXXXXX)
# nginx's workers run as an unprivileged user and must read the saved pages.
chmod 755 "$tmp"
mkdir -p "$tmp/www" "$tmp/nginx-temp"
results=$tmp/results
: >"$results"
record() { printf '%s=%s\n' "$1" "$2" >>"$results"; }
record actix_version "$actix_version"

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# One HTTP GET over bash's /dev/tcp (no process started, so polling is cheap
# and precise); true on a 200.
http_ok() {
  local line
  { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$2" >&3
  IFS= read -r -t 1 line <&3 || { exec 3<&-; return 1; }
  exec 3<&-
  [[ $line == "HTTP/1.1 200"* ]]
}

now_us() { local t=$EPOCHREALTIME; echo "${t/[.,]/}"; }

# Polls until a 200, at most 10 s; prints the microseconds since $2.
wait_ok() {
  local port=$1 path=$2 since=$3 pid=$4 deadline
  deadline=$(($(now_us) + 10000000))
  until http_ok "$port" "$path"; do
    kill -0 "$pid" 2>/dev/null || die "the process $pid ended before answering (see its log above)"
    (($(now_us) < deadline)) || die "no 200 from 127.0.0.1:$port$path within 10 s"
  done
  echo $(($(now_us) - since))
}

# ---------------------------------------------------------------- database
db=$tmp/folio.db
db_url=sqlite://$db
folio_port=$(free_port)
nginx_port=$(free_port)
while [[ $nginx_port == "$folio_port" ]]; do nginx_port=$(free_port); done
proxy_port=$(free_port)
while [[ $proxy_port == "$folio_port" || $proxy_port == "$nginx_port" ]]; do proxy_port=$(free_port); done

say "seeding a fresh database"
(cd "$tmp" && timeout 60 env -u DATABASE_URL "$bin" migrate --database-url "$db_url")
read -r slug other_slug < <(timeout 120 python3 "$helper" seed "$db")
[[ -n $slug && -n $other_slug ]] || die "seeding failed"
# An admin, who logs in during the run as an admin's day starts: one Argon2
# verification (12 MiB while it runs) is part of what memory must hold.
admin_password="bench-password-$RANDOM-$RANDOM"
printf '%s\n' "$admin_password" |
  (cd "$tmp" && timeout 60 env -u DATABASE_URL "$bin" admin create bench --database-url "$db_url" >/dev/null)

folio_pid=""
# Log lines other than the access lines of answered requests (2xx and 3xx).
notable_lines() { grep -cvE ' folio::access: served .* status=[23][0-9]{2} ' "$1" || true; }
start_folio() {
  # Run from the temp dir so that no .env of a checkout is read.
  # The log stays at the product's default level (info: one access line per
  # request, written by the log's own thread).
  (cd "$tmp" && exec env -u FOLIO_BASE_URL -u FOLIO_AUTO_MIGRATE -u RUST_LOG -u FOLIO_LOG_FORMAT \
    DATABASE_URL="$db_url" FOLIO_BIND="127.0.0.1:$folio_port" \
    FOLIO_COMMENTS_PER_MINUTE=0 FOLIO_COMMENT_MIN_SECONDS=0 \
    FOLIO_TRUSTED_PROXY=127.0.0.1 FOLIO_PUBLIC_CACHE_SECONDS=10 \
    "$bin" serve) >>"$tmp/folio.log" 2>&1 &
  folio_pid=$!
  started_pids+=("$folio_pid")
}
# Drops a pid that has ended from the ones to stop at exit.
forget_pid() {
  local kept=() pid
  for pid in "${started_pids[@]}"; do [[ $pid == "$1" ]] || kept+=("$pid"); done
  started_pids=("${kept[@]}")
}
stop_folio() {
  stop_pid "$folio_pid"
  forget_pid "$folio_pid"
}

say "first start (creates the signing key), then a timed second start"
t0=$(now_us)
start_folio
wait_ok "$folio_port" /healthz "$t0" "$folio_pid" >/dev/null
stop_folio
t0=$(now_us)
start_folio
startup_us=$(wait_ok "$folio_port" /healthz "$t0" "$folio_pid")
record startup_ms "$((startup_us / 1000)).$(printf '%03d' $((startup_us % 1000)))"
folio=http://127.0.0.1:$folio_port

# ---------------------------------------------------------------- saved pages, nginx
fetch() {
  local code
  code=$(curl -sS --max-time 10 -o "$2" -w '%{http_code}' "$1")
  [[ $code == 200 ]] || die "GET $1 answered $code"
}
fetch "$folio/posts/$slug" "$tmp/www/post.html"
fetch "$folio/" "$tmp/www/index.html"
# The same bytes, pre-compressed for nginx's gzip_static.
gzip -9 -k -n "$tmp/www/post.html" "$tmp/www/index.html"
chmod 644 "$tmp/www/"*
shown=$(grep -o 'id="comment-[0-9]*"' "$tmp/www/post.html" | wc -l)
[[ $shown -eq 50 ]] || die "the post page shows $shown comments, not 50"
record post_bytes "$(wc -c <"$tmp/www/post.html")"
record home_bytes "$(wc -c <"$tmp/www/index.html")"

cat >"$tmp/nginx.conf" <<EOF
daemon off;
worker_processes auto;
pid $tmp/nginx.pid;
error_log $tmp/nginx-error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_header_timeout 5s;
    client_body_timeout 10s;
    default_type "text/html; charset=utf-8";
    client_body_temp_path $tmp/nginx-temp/body;
    proxy_temp_path $tmp/nginx-temp/proxy;
    fastcgi_temp_path $tmp/nginx-temp/fastcgi;
    uwsgi_temp_path $tmp/nginx-temp/uwsgi;
    scgi_temp_path $tmp/nginx-temp/scgi;
    proxy_cache_path $tmp/nginx-temp/cache keys_zone=folio:10m;
    # README's proxy configuration keeps its cached pages' files open; the
    # static yardstick gets the same, so the two are compared like for like.
    open_file_cache max=1000 inactive=60s;
    upstream folio {
        server 127.0.0.1:$folio_port;
        keepalive 32;
    }
    server {
        # reuseport: the kernel spreads wrk's connections over both workers
        # (without it one worker may take most of them, and nginx's numbers
        # swing by a fifth from one run to the next).
        listen 127.0.0.1:$nginx_port reuseport;
        root $tmp/www;
        gzip_static on;
    }
    # README's configuration (without TLS): Folio behind proxy_cache.
    server {
        listen 127.0.0.1:$proxy_port reuseport;
        location / {
            proxy_pass http://folio;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_cache folio;
            proxy_cache_lock on;
            proxy_cache_revalidate on;
            proxy_cache_use_stale error timeout updating;
        }
    }
}
EOF
nginx_args=(-p "$tmp/" -c "$tmp/nginx.conf" -e "$tmp/nginx-error.log")
timeout 10 "$nginx_bin" -t -q "${nginx_args[@]}" || die "nginx rejects its config"
t0=$(now_us)
"$nginx_bin" "${nginx_args[@]}" &
nginx_pid=$!
started_pids+=("$nginx_pid")
wait_ok "$nginx_port" /post.html "$t0" "$nginx_pid" >/dev/null
nginx=http://127.0.0.1:$nginx_port
proxy=http://127.0.0.1:$proxy_port

bare_port=$(free_port)
"$bare_bin" "$tmp/www" "$bare_port" &
bare_pid=$!
started_pids+=("$bare_pid")
wait_ok "$bare_port" /post.html "$(now_us)" "$bare_pid" >/dev/null
bare=http://127.0.0.1:$bare_port

# ---------------------------------------------------------------- wrk
cat >"$tmp/summary.lua" <<'EOF'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH rps=%.1f p50_us=%.0f p99_us=%.0f requests=%d bad_status=%d socket_errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99),
    summary.requests, e.status, e.connect + e.read + e.write + e.timeout))
end
EOF

# Each request is a new, valid comment: unique name, email and body, plus the
# form's hidden fields copied from the page. Counts the 303s and keeps the
# comment id each one names, so that they can be checked against the table.
cat >"$tmp/intake.lua" <<'EOF'
local threads = {}
local count = 0

function setup(thread)
  count = count + 1
  thread:set("tid", count)
  table.insert(threads, thread)
end

function init(args)
  n, acked, ids, statuses = 0, 0, {}, {}
  path = os.getenv("BENCH_PATH")
  run = os.getenv("BENCH_RUN")
  local hidden = os.getenv("BENCH_HIDDEN") or ""
  prefix = hidden ~= "" and (hidden .. "&") or ""
  headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
end

function request()
  n = n + 1
  local tag = run .. "-" .. tid .. "-" .. n
  -- Readers from many addresses, as behind a reverse proxy (Folio trusts 127.0.0.1 here).
  headers["X-Forwarded-For"] = "10." .. tid .. "." .. (math.floor(n / 250) % 250) .. "." .. (n % 250 + 1)
  local body = prefix .. "name=Bench+reader+" .. tag
    .. "&email=reader." .. tag .. "%40example.org&website="
    .. "&body=Comment+" .. tag .. "%3A+thanks+for+the+clear+write-up.%0D%0A%0D%0A"
    .. "Does+the+Saturday+clinic+also+take+walk-ins%3F+See+https%3A%2F%2Fexample.org%2Fhours"
  return wrk.format("POST", path, headers, body)
end

function response(status, hdrs, body)
  if status == 303 then
    acked = acked + 1
    local id = string.match(hdrs["location"] or hdrs["Location"] or "", "#comment%-(%d+)")
    if id then ids[#ids + 1] = id end
  else
    statuses[status] = (statuses[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local total, other, parts = 0, 0, {}
  local out = assert(io.open(os.getenv("BENCH_IDS"), "w"))
  local merged = {}
  for _, t in ipairs(threads) do
    total = total + t:get("acked")
    for _, id in ipairs(t:get("ids")) do out:write(id, "\n") end
    for status, c in pairs(t:get("statuses")) do merged[status] = (merged[status] or 0) + c end
  end
  out:close()
  for status, c in pairs(merged) do
    other = other + c
    parts[#parts + 1] = status .. "x" .. c
  end
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "BENCH rps=%.1f accepted_per_s=%.1f acked_303=%d non303=%d statuses=%s p50_us=%.0f p99_us=%.0f socket_errors=%d\n",
    summary.requests / seconds, total / seconds, total, other, table.concat(parts, ","),
    latency:percentile(50), latency:percentile(99), e.connect + e.read + e.write + e.timeout))
end
EOF

# With BENCH_PERF=1, profile Folio for the length of a run: perf_start NAME; ...; perf_stop.
perf_pid=""
perf_name=""
perf_start() {
  [[ ${BENCH_PERF:-0} == 1 ]] && command -v perf >/dev/null 2>&1 || return 0
  perf_name=$1
  perf record -F 999 -g -p "$folio_pid" -o "$tmp/perf-$1.data" >/dev/null 2>&1 &
  perf_pid=$!
  started_pids+=("$perf_pid")
  sleep 0.5
}
perf_stop() {
  [[ -n $perf_pid ]] || return 0
  kill -INT "$perf_pid" 2>/dev/null || true
  wait "$perf_pid" 2>/dev/null || true
  forget_pid "$perf_pid"
  perf_pid=""
  timeout 300 perf report -i "$tmp/perf-$perf_name.data" --stdio --no-children \
    --sort symbol -g none --percent-limit 0.7 >"$tmp/perf-$perf_name.txt" 2>/dev/null || true
}

# run_wrk NAME URL LUA [WRK ARGS...]: one bounded wrk run; its BENCH line goes to the results as NAME_key=value.
run_wrk() {
  local name=$1 url=$2 lua=$3 out line pair
  shift 3
  kill -0 "$folio_pid" 2>/dev/null || die "Folio (pid $folio_pid) is no longer running"
  say "wrk $name: $url $*"
  out=$(timeout 120 wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$lua" "$@" "$url") ||
    die "wrk failed for $name"
  printf '%s\n' "$out" >"$tmp/wrk-$name.txt"
  line=$(grep '^BENCH ' <<<"$out") || die "no summary from wrk for $name"
  for pair in ${line#BENCH }; do record "${name}_${pair%%=*}" "${pair#*=}"; done
}

# Both servers first get 3 s of the same load, not measured, so that every run
# below sees a server in its steady state (connections, allocator, caches).
say "warming up nginx and Folio"
for url in "$nginx/post.html" "$folio/posts/$slug"; do
  timeout 30 wrk -t"$threads" -c"$connections" -d3s "$url" >/dev/null || die "wrk failed warming up $url"
done

# compare REF REF_URL NAME URL [WRK ARGS...]: nginx (REF) and the contender
# take turns, BENCH_ROUNDS rounds each, so that the machine's speed drifting
# (a shared VM) falls on both sides alike; each side's row is the mean of its
# rounds (p99: its worst round).
compare() {
  local ref=$1 ref_url=$2 name=$3 url=$4 i
  shift 4
  for i in $(seq "$rounds"); do
    run_wrk "$ref.$i" "$ref_url" "$tmp/summary.lua" "$@"
    run_wrk "$name.$i" "$url" "$tmp/summary.lua" "$@"
  done
  python3 "$helper" merge "$results" "$ref"
  python3 "$helper" merge "$results" "$name"
}

perf_start folio_post
compare nginx_post "$nginx/post.html" folio_post "$folio/posts/$slug"
perf_stop
compare nginx_home "$nginx/index.html" folio_home "$folio/"
gz=(-H "Accept-Encoding: gzip")
for page in post home; do
  size=$(curl -sS --max-time 10 "${gz[@]}" -o /dev/null -w '%{size_download}' \
    "$folio$([[ $page == post ]] && echo "/posts/$slug" || echo /)")
  record "${page}_gzip_bytes_folio" "$size"
  record "${page}_gzip_bytes" "$(wc -c <"$tmp/www/$([[ $page == post ]] && echo post || echo index).html.gz")"
done
compare nginx_post_gzip "$nginx/post.html" folio_post_gzip "$folio/posts/$slug" "${gz[@]}"
compare nginx_home_gzip "$nginx/index.html" folio_home_gzip "$folio/" "${gz[@]}"
curl -sS --max-time 10 -o /dev/null "$proxy/posts/$slug" || die "no answer through proxy_cache"
compare nginx_proxied "$nginx/post.html" proxy_post "$proxy/posts/$slug"
compare nginx_bare "$nginx/post.html" bare_post "$bare/post.html"
stop_pid "$bare_pid"
forget_pid "$bare_pid"

# ---------------------------------------------------------------- bad input
# The post page again, from nginx and from Folio, each while 10,000 requests for
# missing pages, a 100 MB comment every second and 200 clients stalled in their
# request head come in too (nginx has the same head and body timeouts as Folio).
under_bad_input() { # NAME PORT URL LOG
  local name=$1 port=$2 url=$3 log=$4 log_before pid pair
  say "bad input alongside $name"
  log_before=$(notable_lines "$log")
  timeout 90 python3 "$helper" abuse "$port" "$slug" 12 >"$tmp/$name-abuse.txt" &
  pid=$!
  started_pids+=("$pid")
  sleep 1
  run_wrk "$name" "$url" "$tmp/summary.lua"
  wait "$pid" || die "the bad-input client failed"
  forget_pid "$pid"
  while IFS= read -r pair; do
    if [[ -n $pair ]]; then record "${name}_${pair%%=*}" "${pair#*=}"; fi
  done <"$tmp/$name-abuse.txt"
  record "${name}_log_lines" "$(($(notable_lines "$log") - log_before))"
}
under_bad_input nginx_abused "$nginx_port" "$nginx/post.html" "$tmp/nginx-error.log"
under_bad_input folio_abused "$folio_port" "$folio/posts/$slug" "$tmp/folio.log"

# ---------------------------------------------------------------- admin login
say "an admin logs in and opens the queue"
jar=$tmp/cookies
login_token=$(curl -sS --max-time 10 -c "$jar" "$folio/admin/login" |
  sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -n 1)
[[ -n $login_token ]] || die "no CSRF token on the login page"
code=$(curl -sS --max-time 30 -b "$jar" -c "$jar" -o /dev/null -w '%{http_code}' \
  --data-urlencode "username=bench" --data-urlencode "password=$admin_password" \
  --data-urlencode "csrf_token=$login_token" "$folio/admin/login")
[[ $code == 303 ]] || die "the admin login answered $code"
code=$(curl -sS --max-time 10 -b "$jar" -o /dev/null -w '%{http_code}' "$folio/admin/comments")
[[ $code == 200 ]] || die "the queue answered $code after the login"

# ---------------------------------------------------------------- comment intake
hidden=$(timeout 30 python3 "$helper" form "$tmp/www/post.html")
intake() { # NAME RUN_TAG
  local name=$1 before pair
  before=$(timeout 60 python3 "$helper" maxid "$db")
  BENCH_PATH="/posts/$slug/comments" BENCH_RUN=$2 BENCH_HIDDEN=$hidden \
    BENCH_IDS="$tmp/ids-$name" run_wrk "$name" "$folio/posts/$slug/comments" "$tmp/intake.lua"
  for pair in $(timeout 120 python3 "$helper" verify "$db" "$slug" "$before" "$tmp/ids-$name" "$connections"); do
    record "${name}_${pair%%=*}" "${pair#*=}"
  done
}
perf_start intake
intake intake r1
perf_stop
say "adding $bulk_rows comments to another post"
record comments_after_bulk "$(timeout 600 python3 "$helper" bulk "$db" "$other_slug" "$bulk_rows")"
intake intake_big r2

# ---------------------------------------------------------------- memory, logs, table
kill -0 "$folio_pid" 2>/dev/null || die "Folio (pid $folio_pid) ended during the load"
record rss_kib "$(awk '/^VmRSS:/ {print $2}' "/proc/$folio_pid/status")"
record rss_peak_kib "$(awk '/^VmHWM:/ {print $2}' "/proc/$folio_pid/status")"

cores=$(nproc)
cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || true)
{
  echo "Folio benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $cores cores${cpu:+ ($cpu)}, $(uname -sr);"
  echo "load average before the run: $load_before (other work on the machine makes the numbers noisy)."
  echo "wrk -t$threads -c$connections -d$duration --latency, back to back, all on 127.0.0.1;"
  echo "each page row is the mean of $rounds rounds taken in turns with nginx's (p99: the worst round)."
  echo
  python3 "$helper" table "$results"
} >"$tmp/table.md"

warnings=$(grep -cE '^[^ ]+ +(WARN|ERROR) ' "$tmp/folio.log" || true)
access=$(grep -cE ' folio::access: served ' "$tmp/folio.log" || true)
locked=$(grep -ci 'database is locked' "$tmp/folio.log" || true)
echo
cat "$tmp/table.md"
echo
echo "Folio log at the default level: $access access line(s); $warnings warning or error line(s), $locked mentioning 'database is locked'."
if ((warnings > 0)); then
  echo "First of them:"
  grep -E '^[^ ]+ +(WARN|ERROR) ' "$tmp/folio.log" | head -n 5 | cut -c1-300
fi
mkdir -p "$root/bench/out"
rm -f "$root"/bench/out/wrk-*.txt "$root"/bench/out/perf-*.txt
cp "$tmp/table.md" "$root/bench/out/latest.md"
# The access lines run to millions; keep the rest and the last thousand lines.
{ grep -vE ' folio::access: served .* status=[23][0-9]{2} ' "$tmp/folio.log" || true; tail -n 1000 "$tmp/folio.log"; } >"$root/bench/out/folio.log"
cp "$tmp"/wrk-*.txt "$root/bench/out/"
cp "$tmp"/perf-*.txt "$root/bench/out/" 2>/dev/null || true
echo
echo "(also in bench/out/: latest.md, the wrk outputs and Folio's log)"
