#!/usr/bin/env python3
"""Helper for bench/run.sh (Python 3 standard library only).

Subcommands:
  seed DB                 settings row, 10 published posts, 50 approved threaded
                          comments on one of them; prints "TARGET_SLUG OTHER_SLUG"
  bulk DB SLUG N          adds N comments (mostly approved) to the post SLUG
  maxid DB                the highest comment id (0 when there are none)
  form HTMLFILE           the fields of <form id="respond"> that a browser would
                          send besides name/email/website/body, form-encoded:
                          every hidden input with its value, any other text
                          input (a honeypot) empty
  verify DB SLUG BEFORE IDS_FILE CONNECTIONS
                          checks the rows added since comment id BEFORE against
                          the ids taken from the 303 answers; prints key=value
  abuse PORT SLUG SECONDS bad input for about SECONDS against 127.0.0.1:PORT:
                          10,000 requests for missing pages, 100 MB comment
                          bodies one after another, and 200 clients that stall
                          in their request head; prints key=value counts
  merge RESULTS_FILE NAME appends NAME's numbers over its rounds (the keys
                          NAME.1_*, NAME.2_*, ...): the mean req/s and p50, the
                          worst p99, the summed counts
  table RESULTS_FILE      prints the results table (Markdown) with PASS/FAIL
"""

import html.parser
import http.client
import random
import selectors
import socket
import sqlite3
import sys
import threading
import time
import urllib.parse

WORDS = (
    "the clinic opens early on weekdays and late on thursdays we asked readers "
    "what they wanted to know about appointments parking waiting times and the "
    "new physiotherapy room a short note on how the practice handles repeat "
    "prescriptions holidays and the club season with photos from the summer "
    "meeting thanks to everyone who came along and brought cake"
).split()


def sentence(rng, words=14):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng, sentences=4):
    return " ".join(sentence(rng, rng.randint(9, 18)) for _ in range(sentences))


def connect(path):
    db = sqlite3.connect(path, timeout=30)
    db.execute("PRAGMA foreign_keys = ON")
    return db


def seed(path):
    rng = random.Random(7)
    now = int(time.time())
    db = connect(path)
    with db:
        # What src/startup.rs `initialise_site` would insert; with this row present
        # Folio creates no welcome post, so the home page shows exactly these 10 posts.
        db.execute(
            "INSERT INTO site_settings (id, title, tagline, header_lines, updated_at) "
            "VALUES (1, ?, ?, ?, ?)",
            (
                "Riverside Clinic",
                "News and notes from the practice",
                "Open Mon-Fri 8:00-18:00, Sat 9:00-12:00\n12 Riverside Road, Springfield",
                now,
            ),
        )
        titles = [
            "Winter opening hours",
            "Our new physiotherapy room",
            "How repeat prescriptions work",
            "Parking around the practice",
            "Flu vaccinations this season",
            "Meet the team: reception",
            "Waiting times, explained",
            "Photos from the summer meeting",
            "Booking appointments online",
            "What readers asked us this year",
        ]
        post_ids = []
        for i, title in enumerate(titles):
            slug = title.lower().replace(":", "").replace(",", "").replace(" ", "-")
            paragraphs = [paragraph(rng) for _ in range(rng.randint(3, 5))]
            markdown = "\n\n".join(paragraphs)
            body_html = "\n".join(f"<p>{p}</p>" for p in paragraphs)
            excerpt_html = f"<p>{paragraphs[0]}</p>"
            published = now - (len(titles) - i) * 86400
            cur = db.execute(
                "INSERT INTO posts (slug, title, body_markdown, body_html, excerpt_html, "
                "status, comments_open, published_at, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, 'published', 1, ?, ?, ?)",
                (slug, title, markdown, body_html, excerpt_html, published, published, published),
            )
            post_ids.append((cur.lastrowid, slug, published))

        # The newest post gets the 50 comments: 20 threads, replies up to 4 levels deep.
        target_id, target_slug, published = post_ids[-1]
        created = published + 600
        ids = []  # (id, depth)
        for n in range(50):
            parent = None
            depth = 0
            if ids and n % 5 != 0 and rng.random() < 0.65:
                candidates = [c for c in ids[-8:] if c[1] < 3]
                if candidates:
                    parent_id, parent_depth = rng.choice(candidates)
                    parent, depth = parent_id, parent_depth + 1
            body_paragraphs = [sentence(rng, rng.randint(8, 30)) for _ in range(rng.randint(1, 3))]
            body = "\n\n".join(body_paragraphs)
            body_html = "".join(f"<p>{p}</p>" for p in body_paragraphs)
            created += rng.randint(60, 1200)  # all within the day since publication
            cur = db.execute(
                "INSERT INTO comments (post_id, parent_id, author_name, author_email, "
                "author_website, body, body_html, status, ip, user_agent, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, 'approved', '127.0.0.1', 'seed', ?)",
                (
                    target_id,
                    parent,
                    f"Reader {n + 1}",
                    f"reader{n + 1}@example.org",
                    "https://example.org/" if n % 7 == 0 else "",
                    body,
                    body_html,
                    created,
                ),
            )
            ids.append((cur.lastrowid, depth))
        other_slug = post_ids[0][1]
    db.close()
    print(target_slug, other_slug)


def bulk(path, slug, count):
    rng = random.Random(11)
    now = int(time.time())
    db = connect(path)
    (post_id,) = db.execute("SELECT id FROM posts WHERE slug = ?", (slug,)).fetchone()
    statuses = ["approved"] * 16 + ["pending"] * 3 + ["spam"]

    def rows():
        for n in range(count):
            body = f"{sentence(rng, 12)} (bulk {n})"
            yield (
                post_id,
                f"Bulk reader {n}",
                f"bulk{n}@example.org",
                body,
                f"<p>{body}</p>",
                rng.choice(statuses),
                f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}",
                now - 365 * 86400 + n * 600,
            )

    with db:
        db.executemany(
            "INSERT INTO comments (post_id, author_name, author_email, body, body_html, "
            "status, ip, user_agent, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'bulk', ?)",
            rows(),
        )
    (total,) = db.execute("SELECT COUNT(*) FROM comments").fetchone()
    db.close()
    print(total)


def maxid(path):
    db = connect(path)
    print(db.execute("SELECT COALESCE(MAX(id), 0) FROM comments").fetchone()[0])
    db.close()


class RespondForm(html.parser.HTMLParser):
    """Collects the inputs inside <form id="respond">."""

    def __init__(self):
        super().__init__()
        self.inside = False
        self.found = False
        self.fields = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == "respond":
            self.inside = self.found = True
        elif tag == "input" and self.inside and attrs.get("name"):
            kind = (attrs.get("type") or "text").lower()
            name = attrs["name"]
            if kind == "hidden":
                self.fields.append((name, attrs.get("value") or ""))
            elif kind in ("text", "email", "url", "search", "tel") and name not in (
                "name",
                "email",
                "website",
            ):
                self.fields.append((name, ""))  # a honeypot: people leave it empty

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def form(html_file):
    parser = RespondForm()
    with open(html_file, encoding="utf-8") as f:
        parser.feed(f.read())
    if not parser.found:
        sys.exit("helper.py: no <form id=\"respond\"> in " + html_file)
    print(urllib.parse.urlencode(parser.fields))


def verify(path, slug, before, ids_file, connections):
    before, connections = int(before), int(connections)
    with open(ids_file, encoding="utf-8") as f:
        acked = [int(line) for line in f if line.strip()]
    db = connect(path)
    (post_id,) = db.execute("SELECT id FROM posts WHERE slug = ?", (slug,)).fetchone()
    rows = db.execute(
        "SELECT id, post_id, body, status FROM comments WHERE id > ?", (before,)
    ).fetchall()
    db.close()
    stored = {r[0] for r in rows}
    acked_set = set(acked)
    missing = len(acked_set - stored)  # a 303 whose comment is not in the table
    duplicate_acks = len(acked) - len(acked_set)  # two 303s naming one row
    duplicate_bodies = len(rows) - len({r[2] for r in rows})  # one request stored twice
    wrong_place = sum(1 for r in rows if r[1] != post_id)
    unacked = len(stored - acked_set)  # stored, but wrk stopped before reading the 303
    ok = (
        missing == 0
        and duplicate_acks == 0
        and duplicate_bodies == 0
        and wrong_place == 0
        and unacked <= connections
    )
    for key, value in (
        ("stored", len(rows)),
        ("acked", len(acked)),
        ("missing", missing),
        ("duplicate_acks", duplicate_acks),
        ("duplicate_bodies", duplicate_bodies),
        ("unacked", unacked),
        ("pending", sum(1 for r in rows if r[3] == "pending")),
        ("exactly_once", "yes" if ok else "no"),
    ):
        print(f"{key}={value}")


def status_of(answer):
    """The status code in the first line of an HTTP answer, 0 if there is none."""
    parts = answer.split(b" ", 2)
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0


def abuse(port, slug, seconds):
    port, seconds = int(port), float(seconds)
    deadline = time.monotonic() + seconds
    counts = {}
    lock = threading.Lock()

    def bump(key, by=1):
        with lock:
            counts[key] = counts.get(key, 0) + by

    def scan(scanner, requests):
        # Spread over the phase rather than as fast as possible: a scanner, not a flood.
        pause = seconds * 0.8 / requests
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        for i in range(requests):
            path = ("/posts/no-such-post-", "/wp-login.php?n=", "/static/missing-")[i % 3]
            conn.request("GET", f"{path}{scanner}-{i}")
            response = conn.getresponse()
            response.read()
            bump("missing_404" if response.status == 404 else "missing_other")
            time.sleep(pause)
        conn.close()

    def huge_bodies():
        hundred_mb = 100 * 1024 * 1024
        piece = b"a" * 65536
        head = (
            f"POST /posts/{slug}/comments HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {hundred_mb}\r\n\r\n"
        ).encode()
        while time.monotonic() < deadline:
            # One client sending a 100 MB comment, again every second.
            next_try = time.monotonic() + 1
            sent, answer = 0, b""
            with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
                s.sendall(head)
                with selectors.DefaultSelector() as sel:
                    sel.register(s, selectors.EVENT_READ | selectors.EVENT_WRITE)
                    while sent < hundred_mb and not answer:
                        events = sel.select(timeout=10)
                        if not events:
                            break
                        for _, mask in events:
                            try:
                                if mask & selectors.EVENT_READ:
                                    answer = s.recv(4096) or b"closed"
                                elif mask & selectors.EVENT_WRITE:
                                    sent += s.send(piece)
                            except OSError:
                                answer = answer or b"reset"
                if not answer:
                    try:
                        answer = s.recv(4096)
                    except OSError:
                        answer = b"reset"
            bump("huge_413" if status_of(answer) == 413 else "huge_other")
            with lock:
                counts["huge_mb_sent_max"] = max(counts.get("huge_mb_sent_max", 0), sent >> 20)
            time.sleep(max(0.0, next_try - time.monotonic()))

    def stalled_clients(clients):
        start = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Stalled: a"
        sel = selectors.DefaultSelector()

        def open_one():
            s = socket.create_connection(("127.0.0.1", port), timeout=10)
            s.sendall(start)
            s.setblocking(False)
            sel.register(s, selectors.EVENT_READ)

        for _ in range(clients):
            open_one()
        # Until the phase ends, every client the server drops is replaced by a new one.
        while sel.get_map():
            for key, _ in sel.select(timeout=1):
                s = key.fileobj
                try:
                    answer = s.recv(4096)
                except OSError:
                    answer = b""
                sel.unregister(s)
                s.close()
                bump("stalled_408" if status_of(answer) == 408 else "stalled_other")
                if time.monotonic() < deadline:
                    open_one()
            if time.monotonic() > deadline + 15:
                bump("stalled_left_open", len(sel.get_map()))
                break
        for key in list(sel.get_map().values()):
            key.fileobj.close()
        sel.close()

    workers = [threading.Thread(target=scan, args=(n, 2500)) for n in range(4)]
    workers.append(threading.Thread(target=huge_bodies))
    workers.append(threading.Thread(target=stalled_clients, args=(200,)))
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    for key in sorted(counts):
        print(f"{key}={counts[key]}")


def read_results(path):
    results = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if "=" in line:
                key, value = line.split("=", 1)
                results[key] = value
    return results


# How each wrk number of a round goes into a run's number.
MERGE = {
    "rps": lambda values: sum(values) / len(values),
    "p50_us": lambda values: sum(values) / len(values),
    "p99_us": max,
    "requests": sum,
    "bad_status": sum,
    "socket_errors": sum,
}


def merge(path, name):
    r = read_results(path)
    rounds = {}
    for key, value in r.items():
        if not key.startswith(name + "."):
            continue
        number, _, stat = key[len(name) + 1 :].partition("_")
        if number.isdigit() and stat in MERGE:
            rounds.setdefault(stat, []).append(float(value))
    if not rounds:
        sys.exit(f"no rounds of {name} in {path}")
    with open(path, "a", encoding="utf-8") as f:
        for stat, values in sorted(rounds.items()):
            f.write(f"{name}_{stat}={MERGE[stat](values):.1f}\n")
        f.write(f"{name}_rounds={len(rounds['rps'])}\n")


def table(path):
    r = read_results(path)

    def num(key, default=0.0):
        try:
            return float(r.get(key, default))
        except ValueError:
            return default

    def ms(key):
        return f"{num(key) / 1000:.2f} ms" if key in r else "-"

    def status_note(prefix):
        bad = int(num(prefix + "_bad_status")) + int(num(prefix + "_socket_errors"))
        return "" if bad == 0 else f"; {bad} non-2xx/3xx or socket errors"

    lines = [
        "| target | req/s | p50 | p99 | ratio to nginx | notes | result |",
        "|---|---:|---:|---:|---:|---|---|",
    ]
    # (key, label, minimum ratio to nginx, p99 limit in ms or None, what nginx serves)
    pages = (
        ("post", "post page, 50 comments", 0.90, 5, "same HTML"),
        ("home", "home page, 10 posts", 1.00, None, "same HTML"),
        ("post_gzip", "post page, Accept-Encoding: gzip", 0.90, 5, "gzip_static, same HTML gzip -9"),
        ("home_gzip", "home page, Accept-Encoding: gzip", 1.00, None, "gzip_static, same HTML gzip -9"),
    )
    for page, label, minimum, p99_limit, served in pages:
        if f"folio_{page}_rps" not in r:
            continue
        nginx = num(f"nginx_{page}_rps")
        folio = num(f"folio_{page}_rps")
        ratio = folio / nginx if nginx else 0.0
        p99_ms = num(f"folio_{page}_p99_us") / 1000
        bad = num(f"folio_{page}_bad_status") + num(f"folio_{page}_socket_errors")
        passed = (
            ratio >= minimum
            and (p99_limit is None or p99_ms < p99_limit)
            and bad == 0
            and folio > 0
        )
        size = int(num(f"{page}_bytes"))
        folio_size = int(num(f"{page}_bytes_folio")) if f"{page}_bytes_folio" in r else None
        sizes = f"{size:,} bytes" + (
            f"; Folio sends {folio_size:,}" if folio_size is not None else ""
        )
        target = f"target ≥ {minimum:.2f}" + (f" and p99 < {p99_limit} ms" if p99_limit else "")
        lines.append(
            f"| {label}: nginx static | {nginx:,.0f} | {ms(f'nginx_{page}_p50_us')} | "
            f"{ms(f'nginx_{page}_p99_us')} | 1.00 | the limit, {served} "
            f"({sizes}){status_note(f'nginx_{page}')} | |"
        )
        lines.append(
            f"| {label}: Folio | {folio:,.0f} | {ms(f'folio_{page}_p50_us')} | "
            f"{ms(f'folio_{page}_p99_us')} | {ratio:.2f} | {target}"
            f"{status_note(f'folio_{page}')} | {'PASS' if passed else 'FAIL'} |"
        )
    if "proxy_post_rps" in r:
        nginx = num("nginx_proxied_rps")
        proxied = num("proxy_post_rps")
        ratio = proxied / nginx if nginx else 0.0
        bad = num("proxy_post_bad_status") + num("proxy_post_socket_errors")
        passed = ratio >= 0.90 and bad == 0
        lines.append(
            f"| post page, 50 comments: nginx static (taking turns with the proxy) | {nginx:,.0f} | "
            f"{ms('nginx_proxied_p50_us')} | {ms('nginx_proxied_p99_us')} | 1.00 | "
            f"the limit{status_note('nginx_proxied')} | |"
        )
        lines.append(
            f"| post page through nginx proxy_cache in front of Folio | {proxied:,.0f} | "
            f"{ms('proxy_post_p50_us')} | {ms('proxy_post_p99_us')} | {ratio:.2f} | "
            f"target ≥ 0.90 of nginx static; FOLIO_PUBLIC_CACHE_SECONDS=10"
            f"{status_note('proxy_post')} | {'PASS' if passed else 'FAIL'} |"
        )
    if "bare_post_rps" in r:
        nginx = num("nginx_bare_rps")
        bare = num("bare_post_rps")
        ratio = bare / nginx if nginx else 0.0
        folio_share = num("folio_post_rps") / bare if bare else 0.0
        lines.append(
            f"| post page, 50 comments: nginx static (taking turns with bare actix-web) | {nginx:,.0f} | "
            f"{ms('nginx_bare_p50_us')} | {ms('nginx_bare_p99_us')} | 1.00 | "
            f"the limit{status_note('nginx_bare')} | |"
        )
        lines.append(
            f"| the same bytes from memory by a bare actix-web handler, no Folio code | {bare:,.0f} | "
            f"{ms('bare_post_p50_us')} | {ms('bare_post_p99_us')} | {ratio:.2f} | "
            f"the ceiling of SPEC's fixed stack (actix-web {r.get('actix_version', '4')}); "
            f"Folio's post page above is at {folio_share:.2f} of it{status_note('bare_post')} | - |"
        )
    if "folio_abused_rps" in r:
        nginx = num("nginx_abused_rps")
        folio = num("folio_abused_rps")
        ratio = folio / nginx if nginx else 0.0
        p99_ms = num("folio_abused_p99_us") / 1000
        bad = num("folio_abused_bad_status") + num("folio_abused_socket_errors")

        def count(key):
            return int(num("folio_abused_" + key))

        huge, stalled, missing = count("huge_413"), count("stalled_408"), count("missing_404")
        logged = count("log_lines")
        odd = [
            (count("missing_other"), "missing pages not 404"),
            (count("huge_other"), "100 MB bodies not 413"),
            (count("stalled_other"), "stalled clients not 408"),
            (count("stalled_left_open"), "stalled clients left open"),
        ]
        answered = missing == 10000 and huge > 0 and stalled > 0 and not any(n for n, _ in odd)
        passed = ratio >= 0.60 and p99_ms < 10 and bad == 0 and answered and logged == 0
        note = (
            f"target ≥ 0.60 and p99 < 10 ms; meanwhile {missing:,} × 404 for missing pages, "
            f"{huge} × 100 MB comment → 413 (at most {count('huge_mb_sent_max')} MB sent "
            f"before the answer), {stalled} clients stalled in the head → 408, "
            f"{logged} log lines"
        )
        note += "".join(f"; {n} {what}" for n, what in odd if n)
        lines.append(
            f"| post page during bad input: nginx static | {nginx:,.0f} | "
            f"{ms('nginx_abused_p50_us')} | {ms('nginx_abused_p99_us')} | 1.00 | "
            f"the same bad input{status_note('nginx_abused')} | |"
        )
        lines.append(
            f"| post page during bad input: Folio | {folio:,.0f} | {ms('folio_abused_p50_us')} | "
            f"{ms('folio_abused_p99_us')} | {ratio:.2f} | {note}"
            f"{status_note('folio_abused')} | {'PASS' if passed else 'FAIL'} |"
        )
    big = f"comment intake, table grown to {int(num('comments_after_bulk')):,} rows"
    for run, label in (("intake", "comment intake"), ("intake_big", big)):
        if f"{run}_rps" not in r:
            continue
        accepted = num(f"{run}_accepted_per_s")
        once = r.get(f"{run}_exactly_once") == "yes"
        passed = accepted >= 8000 and once
        other = int(num(f"{run}_non303"))
        note = (
            f"{int(num(f'{run}_acked')):,} × 303 vs {int(num(f'{run}_stored')):,} rows stored "
            f"({int(num(f'{run}_unacked'))} in flight when wrk stopped); "
            f"every 303 stored exactly once: {'yes' if once else 'NO'}"
        )
        if other:
            note += f"; {other} other answers ({r.get(f'{run}_statuses', '')})"
        if num(f"{run}_socket_errors"):
            note += f"; {int(num(f'{run}_socket_errors'))} socket errors"
        lines.append(
            f"| {label}: Folio | {accepted:,.0f} accepted/s | {ms(f'{run}_p50_us')} | "
            f"{ms(f'{run}_p99_us')} | - | target ≥ 8,000/s; {note} | {'PASS' if passed else 'FAIL'} |"
        )
    rss = num("rss_kib") / 1024
    peak = num("rss_peak_kib") / 1024
    lines.append(
        f"| peak resident memory over the whole run, an admin login included | - | - | - | - | "
        f"VmHWM {peak:.1f} MiB (VmRSS {rss:.1f} MiB after the load); target < 64 MiB "
        f"| {'PASS' if 0 < peak < 64 else 'FAIL'} |"
    )
    startup = num("startup_ms", -1)
    lines.append(
        f"| start-up on an existing database | - | - | - | - | {startup:.0f} ms to the first 200 "
        f"on /healthz; target < 100 ms | {'PASS' if 0 <= startup < 100 else 'FAIL'} |"
    )
    print("\n".join(lines))


def main(argv):
    commands = {
        "seed": (seed, 1),
        "bulk": (bulk, 3),
        "maxid": (maxid, 1),
        "form": (form, 1),
        "verify": (verify, 5),
        "abuse": (abuse, 3),
        "table": (table, 1),
        "merge": (merge, 2),
    }
    if len(argv) < 2 or argv[1] not in commands or len(argv) - 2 != commands[argv[1]][1]:
        sys.exit(__doc__)
    func, _ = commands[argv[1]]
    args = argv[2:]
    if argv[1] == "bulk":
        args = [args[0], args[1], int(args[2])]
    func(*args)


if __name__ == "__main__":
    main(sys.argv)
