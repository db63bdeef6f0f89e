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
  table RESULTS_FILE      prints the results table (Markdown) with PASS/FAIL
"""

import html.parser
import random
import sqlite3
import sys
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


def read_results(path):
    results = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if "=" in line:
                key, value = line.split("=", 1)
                results[key] = value
    return results


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
    for page, label in (("post", "post page, 50 comments"), ("home", "home page, 10 posts")):
        nginx = num(f"nginx_{page}_rps")
        folio = num(f"folio_{page}_rps")
        ratio = folio / nginx if nginx else 0.0
        p99_ms = num(f"folio_{page}_p99_us") / 1000
        bad = num(f"folio_{page}_bad_status") + num(f"folio_{page}_socket_errors")
        passed = ratio >= 0.60 and p99_ms < 10 and bad == 0 and folio > 0
        lines.append(
            f"| {label}: nginx static | {nginx:,.0f} | {ms(f'nginx_{page}_p50_us')} | "
            f"{ms(f'nginx_{page}_p99_us')} | 1.00 | the limit, same HTML "
            f"({int(num(f'{page}_bytes')):,} bytes){status_note(f'nginx_{page}')} | |"
        )
        lines.append(
            f"| {label}: Folio | {folio:,.0f} | {ms(f'folio_{page}_p50_us')} | "
            f"{ms(f'folio_{page}_p99_us')} | {ratio:.2f} | target ≥ 0.60 and p99 < 10 ms"
            f"{status_note(f'folio_{page}')} | {'PASS' if passed else 'FAIL'} |"
        )
    big = f"comment intake, table grown to {int(num('comments_after_bulk')):,} rows"
    for run, label in (("intake", "comment intake"), ("intake_big", big)):
        if f"{run}_rps" not in r:
            continue
        accepted = num(f"{run}_accepted_per_s")
        once = r.get(f"{run}_exactly_once") == "yes"
        passed = accepted >= 2000 and once
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
            f"{ms(f'{run}_p99_us')} | - | target ≥ 2,000/s; {note} | {'PASS' if passed else 'FAIL'} |"
        )
    rss = num("rss_kib") / 1024
    peak = num("rss_peak_kib") / 1024
    lines.append(
        f"| resident memory after the load | - | - | - | - | VmRSS {rss:.1f} MiB "
        f"(peak VmHWM {peak:.1f} MiB); target < 40 MiB | {'PASS' if 0 < rss < 40 else 'FAIL'} |"
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
        "table": (table, 1),
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
