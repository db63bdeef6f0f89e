#!/usr/bin/env python3
"""Client side of bench/large.sh (Python 3 standard library only). Every
request goes to 127.0.0.1:PORT; every loop is bounded.

Subcommands (each prints key=value lines):
  crawl PORT ENCODING THREADS LIST
                                every public page once: the sitemap's addresses,
                                every further page of the home page and of each
                                tag (following rel="next"), the site feed, each
                                tag's feed and each post's comment feed;
                                ENCODING is "identity" (which finds the pages and
                                writes their list to LIST) or "br, gzip" (which
                                reads LIST)
  posts PORT N                  N requests for random post pages over one
                                keep-alive connection: p50, p99, max
  admin PORT USER PASSWORD      logs in, then times the home page, the queue's
                                first and last page, 200 reader searches and
                                200 queue searches of the site's words, and
                                measures every admin list's first and last page
"""

import http.client
import random
import re
import statistics
import sys
import threading
import time
import urllib.parse

# The generator's words (bench/wxr_generate.py), as readers would type them.
SITE_WORDS = (
    "Praxis Rücken Übung Termin Schmerz Akupunktur Sommer Hitze Team "
    "Öffnungszeiten Physiotherapie Gesundheit Kinder Beratung Sprechstunde"
).split()


class Client:
    """One keep-alive connection with a cookie jar."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}
        self.conn = None

    def request(self, method, path, body=None, headers=None):
        all_headers = {"Host": f"127.0.0.1:{self.port}"}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        all_headers.update(headers or {})
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            try:
                started = time.perf_counter()
                self.conn.request(method, path, body=body, headers=all_headers)
                response = self.conn.getresponse()
                data = response.read()
                elapsed = time.perf_counter() - started
                break
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = None
                if attempt == 1:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.conn.close()
            self.conn = None
        return response.status, data, elapsed

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)


def local_path(url):
    parts = urllib.parse.urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def unescape(text):
    return (text.replace("&#x2F;", "/").replace("&amp;", "&").replace("&quot;", '"')
            .replace("&#x27;", "'").replace("&lt;", "<").replace("&gt;", ">"))


NEXT = re.compile(r'href="([^"]+)" rel="next"')


def sitemap_paths(client):
    status, body, _ = client.get("/sitemap.xml")
    assert status == 200, status
    text = body.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", text)
    if "<sitemapindex" in text:
        parts, locations = locations, []
        for part in parts:
            status, body, _ = client.get(local_path(part))
            assert status == 200, (part, status)
            locations += re.findall(r"<loc>([^<]+)</loc>", body.decode())
    return [local_path(unescape(loc)) for loc in locations]


def percentile(values, share):
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def crawl(port, encoding, threads, list_file):
    """The plain crawl finds the pages (following rel="next") and writes their
    list to LIST_FILE; the compressed crawl asks for the same list."""
    plain = encoding == "identity"
    headers = {} if plain else {"Accept-Encoding": encoding}
    if plain:
        paths = sitemap_paths(Client(port))
        queue = list(dict.fromkeys(paths + ["/feed.xml"]))
        for path in paths:
            if path.startswith("/tags/"):
                queue.append(path + "/feed.xml")
            elif path.startswith("/posts/"):
                queue.append(path + "/comments.xml")
    else:
        with open(list_file, encoding="utf-8") as f:
            queue = [line.strip() for line in f if line.strip()]
    seen = set(queue)
    crawled = []
    lock = threading.Lock()
    totals = {"requests": 0, "bytes": 0, "bad": 0}
    latencies = []

    def worker():
        client = Client(port)
        while True:
            with lock:
                if not queue:
                    return
                path = queue.pop()
            status, body, elapsed = client.get(path, headers)
            found = []
            listing = path == "/" or path.startswith("/?") or (
                path.startswith("/tags/") and not path.endswith(".xml"))
            if plain and status == 200 and listing:
                found = [unescape(m) for m in NEXT.findall(body.decode(errors="replace"))]
            with lock:
                totals["requests"] += 1
                totals["bytes"] += len(body)
                totals["bad"] += status != 200
                latencies.append(elapsed)
                crawled.append(path)
                for next_path in found:
                    if next_path not in seen and len(seen) < 1_000_000:
                        seen.add(next_path)
                        queue.append(next_path)

    started = time.perf_counter()
    workers = [threading.Thread(target=worker) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    seconds = time.perf_counter() - started
    if plain:
        with open(list_file, "w", encoding="utf-8") as f:
            f.write("\n".join(crawled) + "\n")
    print(f"pages={totals['requests']}")
    print(f"bytes={totals['bytes']}")
    print(f"non200={totals['bad']}")
    print(f"seconds={seconds:.1f}")
    print(f"p50_ms={percentile(latencies, 0.5) * 1000:.2f}")
    print(f"p99_ms={percentile(latencies, 0.99) * 1000:.2f}")


def post_latency(port, count):
    client = Client(port)
    posts = [p for p in sitemap_paths(client) if p.startswith("/posts/")]
    rng = random.Random(26)
    times = []
    bad = 0
    for _ in range(count):
        status, _, elapsed = client.get(rng.choice(posts))
        bad += status != 200
        times.append(elapsed)
    print(f"requests={count}")
    print(f"non200={bad}")
    print(f"p50_ms={percentile(times, 0.5) * 1000:.2f}")
    print(f"p99_ms={percentile(times, 0.99) * 1000:.2f}")
    print(f"max_ms={max(times) * 1000:.2f}")


def login(client, user, password):
    status, body, _ = client.get("/admin/login")
    assert status == 200, status
    token = re.search(r'name="csrf_token" value="([^"]+)"', body.decode()).group(1)
    form = urllib.parse.urlencode(
        {"username": user, "password": password, "csrf_token": unescape(token)})
    status, _, _ = client.request("POST", "/admin/login", body=form)
    assert status == 303, f"login answered {status}"


def timed(client, path, times):
    samples = []
    for _ in range(times):
        status, body, elapsed = client.get(path)
        assert status == 200, (path, status)
        samples.append(elapsed)
    return samples, body


def queries(rng, count):
    spellings = {"Öffnungszeiten": "oeffnungszeiten", "Rücken": "ruecken", "Übung": "uebung"}
    made = []
    for _ in range(count):
        kind = rng.random()
        word = rng.choice(SITE_WORDS)
        if kind < 0.4:
            made.append(word)
        elif kind < 0.6:
            made.append(spellings.get(word, word.lower()))
        elif kind < 0.8:
            made.append(f"{word} {rng.choice(SITE_WORDS)}")
        else:
            made.append(word[: max(3, len(word) // 2)])
    return made


def admin(port, user, password):
    client = Client(port)
    login(client, user, password)
    home, _ = timed(client, "/", 20)
    print(f"home_p50_ms={statistics.median(home) * 1000:.2f}")
    print(f"home_max_ms={max(home) * 1000:.2f}")

    # The queue's biggest tab, its first page and its last (the pager's "Last" link).
    first, page = timed(client, "/admin/comments?status=approved", 5)
    last_link = re.search(r'href="([^"]+)">Last', page.decode())
    last_path = unescape(last_link.group(1)) if last_link else "/admin/comments?status=approved"
    last, _ = timed(client, last_path, 20)
    print(f"queue_first_p50_ms={statistics.median(first) * 1000:.2f}")
    print(f"queue_last_p50_ms={statistics.median(last) * 1000:.2f}")
    print(f"queue_last_max_ms={max(last) * 1000:.2f}")
    print(f"queue_last_path={last_path.replace(' ', '%20')}")

    rng = random.Random(7)
    for name, path in (("search", "/search?q="), ("queue_search", "/admin/comments?q=")):
        samples = []
        for q in queries(rng, 200):
            status, _, elapsed = client.get(path + urllib.parse.quote(q))
            assert status == 200, (path, q, status)
            samples.append(elapsed)
        print(f"{name}_p50_ms={percentile(samples, 0.5) * 1000:.2f}")
        print(f"{name}_p99_ms={percentile(samples, 0.99) * 1000:.2f}")

    largest, largest_path, lists = 0, "", 0
    starts = ["/admin/comments?status=" + s for s in ("pending", "approved", "spam", "trash")]
    starts += ["/admin/comments?q=termin", "/admin/posts", "/admin/pages", "/admin/media",
               "/admin/log", "/admin/accounts", "/admin/email"]
    for start in starts:
        status, body, _ = client.get(start)
        if status == 404:
            continue
        assert status == 200, (start, status)
        pages = [(start, body)]
        last_link = re.search(r'href="([^"]+)">Last', body.decode())
        next_link = NEXT.search(body.decode())
        for link in (last_link, next_link):
            if link:
                path = unescape(link.group(1))
                status, more, _ = client.get(path)
                assert status == 200, (path, status)
                pages.append((path, more))
        for path, body in pages:
            lists += 1
            if len(body) > largest:
                largest, largest_path = len(body), path
    print(f"admin_pages={lists}")
    print(f"admin_largest_bytes={largest}")
    print(f"admin_largest_path={largest_path.replace(' ', '%20')}")


def main(argv):
    command = argv[1] if len(argv) > 1 else ""
    if command == "crawl" and len(argv) == 6:
        crawl(int(argv[2]), argv[3], int(argv[4]), argv[5])
    elif command == "posts" and len(argv) == 4:
        post_latency(int(argv[2]), int(argv[3]))
    elif command == "admin" and len(argv) == 5:
        admin(int(argv[2]), argv[3], argv[4])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
