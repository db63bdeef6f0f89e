#!/usr/bin/env bash
# The WordPress import benchmark (issue 12): a generated export with 5,000
# posts and 200,000 comments imported into a fresh database, then imported
# again (which must add nothing). Prints a table with PASS/FAIL per target:
# import < 60 s with peak RSS < 150 MiB, re-import < 30 s.
#
#   bash bench/import.sh
#
# Needs Rust, Python 3 and GNU time (/usr/bin/time). Builds release, works in
# a temporary directory that it removes at the end; keeps the table and the
# summaries in bench/out/. BENCH_POSTS / BENCH_COMMENTS change the size (for
# trying the script out; the numbers are then not comparable).
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD
posts=${BENCH_POSTS:-5000}
comments=${BENCH_COMMENTS:-200000}

say() { printf '== %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

[ -x /usr/bin/time ] || die "GNU time is missing (apt-get install time)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p bench/out

say "building release"
cargo build --release --quiet
folio=$root/target/release/folio

say "generating $posts posts and $comments comments"
python3 bench/wxr_generate.py "$tmp/export.xml" "$posts" "$comments"
size_mib=$(( $(stat -c %s "$tmp/export.xml") / 1048576 ))

db="sqlite://$tmp/folio.db"
"$folio" migrate --database-url "$db" >/dev/null

# Prints "seconds max_rss_kib" for one import run; its summary goes to $2.
run_import() {
  local label=$1 summary=$2
  say "$label"
  timeout 600 /usr/bin/time -f '%e %M' -o "$tmp/time" \
    "$folio" import wordpress "$tmp/export.xml" --database-url "$db" >"$summary" \
    || die "$label failed: $(cat "$summary")"
  cat "$tmp/time"
}

read -r first_s first_kib < <(run_import "import into a fresh database" bench/out/import-first.txt)
read -r again_s again_kib < <(run_import "import again" bench/out/import-again.txt)
grep -q '^Posts: 0 new' bench/out/import-again.txt || die "the second import added posts"
grep -q '^Comments: 0 new' bench/out/import-again.txt || die "the second import added comments"

verdict() { if [ "$1" = 1 ]; then echo PASS; else echo FAIL; fi; }
mib() { echo $(( $1 / 1024 )); }
first_ok=$(awk -v s="$first_s" -v k="$first_kib" 'BEGIN { print (s < 60 && k < 150 * 1024) ? 1 : 0 }')
again_ok=$(awk -v s="$again_s" 'BEGIN { print (s < 30) ? 1 : 0 }')
comments_line=$(grep '^Comments:' bench/out/import-first.txt)

{
  echo "| run | time | peak RSS | notes | result |"
  echo "|---|---:|---:|---|---|"
  echo "| import, fresh database | ${first_s} s | $(mib "$first_kib") MiB | $posts posts, $comments comments, ${size_mib} MiB file; ${comments_line}; target < 60 s and < 150 MiB | $(verdict "$first_ok") |"
  echo "| import again | ${again_s} s | $(mib "$again_kib") MiB | adds nothing; target < 30 s | $(verdict "$again_ok") |"
} | tee bench/out/import.md
