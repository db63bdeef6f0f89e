#!/usr/bin/env bash
# The media benchmark (issue 23): a 12-megapixel JPEG uploaded through the
# real form (time to the 303, and Folio's peak memory; then four at once),
# one of its copies served by Folio against nginx serving the same file, and
# the media of a WordPress import (20 photos fetched from nginx standing in
# for the old site, and again read from a copy of its uploads folder).
# Prints one table with PASS/FAIL per target.
#
#   bash bench/media.sh
#
# Installs nginx, wrk and ImageMagick with apt when missing, builds release,
# works in a temporary directory that it removes at the end, sends traffic
# only to 127.0.0.1, bounds every step in time and stops what it started by
# PID. BENCH_DURATION (10s) changes the wrk runs (for trying the script out).
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD
duration=${BENCH_DURATION:-10s}
photos=20

say() { printf '== %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

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

sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo=sudo; fi
nginx_bin=$(command -v nginx || true)
[[ -z $nginx_bin && -x /usr/sbin/nginx ]] && nginx_bin=/usr/sbin/nginx
missing=()
[[ -n $nginx_bin ]] || missing+=(nginx)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v convert >/dev/null 2>&1 || missing+=(imagemagick)
[[ -x /usr/bin/time ]] || missing+=(time)
if ((${#missing[@]})); then
  say "installing ${missing[*]} with apt"
  timeout 600 $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive timeout 900 $sudo apt-get install -y "${missing[@]}"
  nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
fi
for tool in curl python3 timeout; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is needed"
done

say "building release"
env -u DATABASE_URL SQLX_OFFLINE=true timeout 3600 cargo build --release
bin=${CARGO_TARGET_DIR:-$root/target}/release/folio
[[ -x $bin ]] || die "no binary at $bin"

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
tmp=$(mktemp -d -t folio-media-bench.XXXXXX)
chmod 755 "$tmp"
mkdir -p "$tmp/www" "$tmp/nginx-temp" "$tmp/uploads/2024/05"
results=$tmp/results
: >"$results"
record() { printf '%s=%s\n' "$1" "$2" >>"$results"; }
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
wait_ok() { # URL PID
  local i
  for i in $(seq 100); do
    curl -fsS --max-time 1 -o /dev/null "$1" 2>/dev/null && return 0
    kill -0 "$2" 2>/dev/null || die "the process $2 ended before answering"
    sleep 0.1
  done
  die "no 200 from $1 within 10 s"
}
peak_kib() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status"; }

# ---------------------------------------------------------------- pictures
say "making a 12-megapixel JPEG and $photos smaller photos"
# Grain that JPEG cannot squeeze away, as in a phone photo (a few MB).
timeout 300 convert -seed 1 -size 4000x3000 gradient:'#6a8caf-#e8d9b0' \
  -attenuate 0.4 +noise Gaussian -quality 90 "$tmp/photo.jpg"
for i in $(seq 1 $photos); do
  timeout 120 convert -seed "$((i + 1))" -size 1600x1200 gradient:'#304050-#d0c0a0' \
    -attenuate 0.3 +noise Gaussian -quality 85 "$tmp/uploads/2024/05/photo-$i.jpg"
done
chmod -R a+rX "$tmp/uploads"
record photo_bytes "$(stat -c %s "$tmp/photo.jpg")"

# ---------------------------------------------------------------- Folio
db_url=sqlite://$tmp/folio.db
folio_port=$(free_port)
nginx_port=$(free_port)
while [[ $nginx_port == "$folio_port" ]]; do nginx_port=$(free_port); done
(cd "$tmp" && timeout 60 env -u DATABASE_URL "$bin" migrate --database-url "$db_url" >/dev/null)
password="bench-password-$RANDOM-$RANDOM"
printf '%s\n' "$password" |
  (cd "$tmp" && timeout 60 env -u DATABASE_URL "$bin" admin create bench --database-url "$db_url" >/dev/null)
(cd "$tmp" && exec env -u FOLIO_BASE_URL -u FOLIO_AUTO_MIGRATE -u RUST_LOG -u FOLIO_LOG_FORMAT DATABASE_URL="$db_url" \
  FOLIO_BIND="127.0.0.1:$folio_port" "$bin" serve) >>"$tmp/folio.log" 2>&1 &
folio_pid=$!
started_pids+=("$folio_pid")
folio=http://127.0.0.1:$folio_port
wait_ok "$folio/healthz" "$folio_pid"

say "an admin logs in"
jar=$tmp/cookies
token=$(curl -sS --max-time 10 -c "$jar" "$folio/admin/login" |
  sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -n 1)
[[ -n $token ]] || die "no CSRF token on the login page"
code=$(curl -sS --max-time 30 -b "$jar" -c "$jar" -o /dev/null -w '%{http_code}' \
  --data-urlencode "username=bench" --data-urlencode "password=$password" \
  --data-urlencode "csrf_token=$token" "$folio/admin/login")
[[ $code == 303 ]] || die "the admin login answered $code"
csrf=$(curl -sS --max-time 10 -b "$jar" "$folio/admin/media" |
  sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -n 1)
[[ -n $csrf ]] || die "no CSRF token on the media page"
record peak_after_login_kib "$(peak_kib "$folio_pid")"

upload() { # FILE NAME → "code seconds"
  curl -sS --max-time 120 -b "$jar" -o /dev/null -w '%{http_code} %{time_total}\n' \
    -F "csrf_token=$csrf" -F "alt=Bench photo" -F "file=@$1;filename=$2" "$folio/admin/media"
}

say "one 12-megapixel upload"
read -r code seconds < <(upload "$tmp/photo.jpg" photo-single.jpg)
[[ $code == 303 ]] || die "the upload answered $code"
record upload_one_s "$seconds"
record upload_one_peak_kib "$(peak_kib "$folio_pid")"

say "four 12-megapixel uploads at once"
for i in 1 2 3 4; do
  # Each a different photo: the same bytes again would add nothing.
  cp "$tmp/photo.jpg" "$tmp/photo-$i.jpg"
  printf 'bench %s' "$i" >>"$tmp/photo-$i.jpg"
done
start=$EPOCHREALTIME
uploads=()
for i in 1 2 3 4; do
  upload "$tmp/photo-$i.jpg" "photo-four-$i.jpg" >"$tmp/four-$i.txt" &
  uploads+=("$!")
done
# Only the uploads: a bare `wait` would wait for Folio too.
wait "${uploads[@]}"
end=$EPOCHREALTIME
for i in 1 2 3 4; do
  read -r code seconds <"$tmp/four-$i.txt"
  [[ $code == 303 ]] || die "upload $i of four answered $code"
  record "upload_four_${i}_s" "$seconds"
done
record upload_four_wall_s "$(python3 -c "print(round($end - $start, 2))")"
record upload_four_peak_kib "$(peak_kib "$folio_pid")"

# ---------------------------------------------------------------- a copy: Folio vs nginx
copy_path=$(python3 - "$tmp/folio.db" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
row = db.execute(
    "SELECT i.hash, v.file FROM media_variants v JOIN media_items i ON i.id = v.item_id "
    "WHERE v.width = 640 ORDER BY i.id LIMIT 1").fetchone()
print(f"/media/{row[0]}/{row[1]}")
EOF
)
curl -fsS --max-time 10 -o "$tmp/www/copy.webp" "$folio$copy_path"
chmod 644 "$tmp/www/copy.webp"
record copy_bytes "$(stat -c %s "$tmp/www/copy.webp")"

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
    open_file_cache max=1000 inactive=60s;
    types { image/webp webp; image/jpeg jpg; }
    client_body_temp_path $tmp/nginx-temp/body;
    proxy_temp_path $tmp/nginx-temp/proxy;
    fastcgi_temp_path $tmp/nginx-temp/fastcgi;
    uwsgi_temp_path $tmp/nginx-temp/uwsgi;
    scgi_temp_path $tmp/nginx-temp/scgi;
    server {
        listen 127.0.0.1:$nginx_port reuseport;
        root $tmp/www;
        # The old WordPress site's uploads, for the import below.
        location /wp-content/uploads/ { alias $tmp/uploads/; }
    }
}
EOF
nginx_args=(-p "$tmp/" -c "$tmp/nginx.conf" -e "$tmp/nginx-error.log")
timeout 10 "$nginx_bin" -t -q "${nginx_args[@]}" || die "nginx rejects its config"
"$nginx_bin" "${nginx_args[@]}" &
nginx_pid=$!
started_pids+=("$nginx_pid")
nginx=http://127.0.0.1:$nginx_port
wait_ok "$nginx/copy.webp" "$nginx_pid"

cat >"$tmp/summary.lua" <<'EOF'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH rps=%.1f p50_us=%.0f p99_us=%.0f bad_status=%d socket_errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout))
end
EOF
run_wrk() { # NAME URL
  say "wrk $1"
  timeout 120 wrk -t2 -c50 -d"$duration" --latency -s "$tmp/summary.lua" "$2" >"$tmp/wrk-$1.txt"
  local pair
  for pair in $(sed -n 's/^BENCH //p' "$tmp/wrk-$1.txt"); do record "$1_${pair%%=*}" "${pair#*=}"; done
}
# Taking turns, twice, so that the machine's other work falls on both alike.
run_wrk nginx_copy_1 "$nginx/copy.webp"
run_wrk folio_copy_1 "$folio$copy_path"
run_wrk nginx_copy_2 "$nginx/copy.webp"
run_wrk folio_copy_2 "$folio$copy_path"

# ---------------------------------------------------------------- the media of an import
python3 - "$tmp/export.xml" "$nginx" "$photos" <<'EOF'
import sys
out, site, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
items = []
for i in range(1, n + 1):
    url = f"{site}/wp-content/uploads/2024/05/photo-{i}.jpg"
    items.append(f"""<item><title><![CDATA[Photo {i}]]></title><wp:post_id>{1000 + i}</wp:post_id>
<wp:status><![CDATA[inherit]]></wp:status><wp:post_type><![CDATA[attachment]]></wp:post_type>
<wp:attachment_url><![CDATA[{url}]]></wp:attachment_url>
<wp:postmeta><wp:meta_key><![CDATA[_wp_attached_file]]></wp:meta_key><wp:meta_value><![CDATA[2024/05/photo-{i}.jpg]]></wp:meta_value></wp:postmeta>
<wp:postmeta><wp:meta_key><![CDATA[_wp_attachment_image_alt]]></wp:meta_key><wp:meta_value><![CDATA[Photo {i}]]></wp:meta_value></wp:postmeta></item>
<item><title><![CDATA[Post {i}]]></title><wp:post_id>{i}</wp:post_id><wp:post_name><![CDATA[post-{i}]]></wp:post_name>
<wp:post_date_gmt><![CDATA[2024-05-0{1 + i % 9} 10:00:00]]></wp:post_date_gmt>
<wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type>
<content:encoded><![CDATA[<p>Photo {i}:</p><img src="{url.replace('.jpg', '-300x225.jpg')}" alt="Photo {i}" width="300" height="225">]]></content:encoded>
<wp:postmeta><wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key><wp:meta_value><![CDATA[{1000 + i}]]></wp:meta_value></wp:postmeta></item>""")
with open(out, "w", encoding="utf-8") as f:
    f.write(f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Bench</title><link>{site}</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>{site}</wp:base_site_url><wp:base_blog_url>{site}</wp:base_blog_url>
{chr(10).join(items)}
</channel></rss>
""")
EOF
import_run() { # NAME DATABASE_URL [ARGS...]
  local name=$1 url=$2 line
  shift 2
  say "import: $name"
  timeout 600 /usr/bin/time -f '%e %M' -o "$tmp/time-$name" \
    env -u DATABASE_URL "$bin" import wordpress "$tmp/export.xml" "$@" --database-url "$url" \
    >"$tmp/import-$name.txt" 2>>"$tmp/import-$name.err" || die "import $name failed: $(cat "$tmp/import-$name.err")"
  read -r seconds kib <"$tmp/time-$name"
  record "import_${name}_s" "$seconds"
  record "import_${name}_peak_kib" "$kib"
  line=$(grep '^Media:' "$tmp/import-$name.txt" || true)
  record "import_${name}_media" "$line"
}
import_run fetched "sqlite://$tmp/import-fetched.db"
import_run folder "sqlite://$tmp/import-folder.db" --media-dir "$tmp/uploads"
import_run again "sqlite://$tmp/import-fetched.db"

kill -0 "$folio_pid" 2>/dev/null || die "Folio (pid $folio_pid) ended during the run"

# ---------------------------------------------------------------- table
python3 - "$results" "$photos" "$load_before" "$duration" >"$tmp/table.md" <<'EOF'
import sys
path, photos, load, duration = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
r = {}
for line in open(path, encoding="utf-8"):
    key, _, value = line.rstrip("\n").partition("=")
    r[key] = value
num = lambda k: float(r.get(k, 0) or 0)
mib = lambda k: num(k) / 1024
verdict = lambda ok: "PASS" if ok else "FAIL"
print(f"Folio media benchmark; load average before the run: {load} (the machine is shared: "
      f"other work makes the numbers noisy). wrk -t2 -c50 -d{duration}, two rounds in turns.")
print()
print("| target | value | notes | result |")
print("|---|---:|---|---|")
one_peak = mib("upload_one_peak_kib")
print(f"| 12-megapixel JPEG upload ({num('photo_bytes') / 1048576:.1f} MB), time to the 303 "
      f"| {num('upload_one_s'):.2f} s | peak memory of the whole process {one_peak:.1f} MiB "
      f"({mib('peak_after_login_kib'):.1f} MiB after the admin's login); target < 128 MiB "
      f"| {verdict(0 < one_peak < 128)} |")
four = [num(f"upload_four_{i}_s") for i in range(1, 5)]
four_peak = mib("upload_four_peak_kib")
print(f"| four 12-megapixel uploads at once | {num('upload_four_wall_s'):.2f} s for all four "
      f"| each to its 303: {', '.join(f'{s:.2f} s' for s in four)}; peak memory {four_peak:.1f} MiB; "
      f"target < 128 MiB | {verdict(0 < four_peak < 128)} |")
nginx = (num("nginx_copy_1_rps") + num("nginx_copy_2_rps")) / 2
folio = (num("folio_copy_1_rps") + num("folio_copy_2_rps")) / 2
ratio = folio / nginx if nginx else 0
bad = sum(num(f"{w}_copy_{n}_{k}") for w in ("folio",) for n in (1, 2)
          for k in ("bad_status", "socket_errors"))
print(f"| an image copy ({int(num('copy_bytes')):,} bytes WebP): nginx static | {nginx:,.0f} req/s "
      f"| p99 {max(num('nginx_copy_1_p99_us'), num('nginx_copy_2_p99_us')) / 1000:.2f} ms; the same file | |")
print(f"| the same copy served by Folio | {folio:,.0f} req/s | ratio {ratio:.2f}, p99 "
      f"{max(num('folio_copy_1_p99_us'), num('folio_copy_2_p99_us')) / 1000:.2f} ms; target ≥ 0.90"
      f"{'; ' + str(int(bad)) + ' errors' if bad else ''} | {verdict(ratio >= 0.9 and bad == 0)} |")
for name, label in (("fetched", f"import of {photos} posts with {photos} photos (1600 × 1200 JPEG) fetched from nginx"),
                    ("folder", "the same import with --media-dir"),
                    ("again", "the fetched import run again")):
    media = r.get(f"import_{name}_media", "")
    peak = mib(f"import_{name}_peak_kib")
    if name == "again":
        ok = f"0 files brought into the library, {photos} there from before" in media
    else:
        ok = f"{photos} files brought into the library" in media and "none missing" in media
    print(f"| {label} | {num(f'import_{name}_s'):.2f} s | {media} peak memory {peak:.1f} MiB; "
          f"target: every file in (none fetched again on the second run), < 128 MiB "
          f"| {verdict(ok and 0 < peak < 128)} |")
EOF
echo
cat "$tmp/table.md"
mkdir -p "$root/bench/out"
cp "$tmp/table.md" "$root/bench/out/media.md"
echo
echo "(also in bench/out/media.md)"
