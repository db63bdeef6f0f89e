#!/usr/bin/env python3
"""Writes a synthetic WordPress export (WXR 1.2) for the import benchmark.

    python3 bench/wxr_generate.py OUT.xml [POSTS] [COMMENTS]

Defaults: 5,000 posts and 200,000 comments. Deterministic (fixed seed). Posts
are published, drafts, future, private and trash; comments are approved,
pending, spam, trash (post-trashed on trashed posts), with pingbacks and
trackbacks, threaded several levels deep, some replies to parents not in the file
(as WordPress does with spam), in the exporter's own layout and escaping.
"""
import random
import sys


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def main():
    out = sys.argv[1]
    posts = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    comments = int(sys.argv[3]) if len(sys.argv) > 3 else 200000
    rng = random.Random(7)
    words = ("Praxis Rücken Übung Termin Schmerz Akupunktur Sommer Hitze Team "
             "Öffnungszeiten Physiotherapie Gesundheit Kinder Beratung Sprechstunde").split()
    base = "http://wp.example"
    per_post = [comments // posts] * posts
    for i in range(comments - sum(per_post)):
        per_post[i % posts] += 1
    comment_id = 1
    with open(out, "w", encoding="utf-8") as f:
        w = f.write
        w('<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0"\n'
          '\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"\n'
          '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
          '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
          '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
          '\txmlns:wp="http://wordpress.org/export/1.2/"\n>\n<channel>\n')
        w(f"\t<title>Bench</title>\n\t<link>{base}</link>\n\t<description>Generated</description>\n"
          f"\t<language>de-DE</language>\n\t<wp:wxr_version>1.2</wp:wxr_version>\n"
          f"\t<wp:base_site_url>{base}</wp:base_site_url>\n\t<wp:base_blog_url>{base}</wp:base_blog_url>\n")
        w("\t<wp:author><wp:author_id>1</wp:author_id><wp:author_login>" + cdata("admin") +
          "</wp:author_login><wp:author_email>" + cdata("admin@wp.example") +
          "</wp:author_email><wp:author_display_name>" + cdata("Admin") +
          "</wp:author_display_name></wp:author>\n")
        tags = [f"tag-{i}" for i in range(200)]
        for i, tag in enumerate(tags):
            w(f"\t<wp:tag><wp:term_id>{i + 1}</wp:term_id><wp:tag_slug>{cdata(tag)}</wp:tag_slug>"
              f"<wp:tag_name>{cdata('Tag ' + str(i))}</wp:tag_name></wp:tag>\n")
        for p in range(posts):
            post_id = 100000 + p
            status = rng.choices(["publish", "draft", "future", "private", "trash"],
                                 [85, 5, 3, 2, 5])[0]
            day = 1 + p % 28
            slug = f"beitrag-{p}-{rng.choice(words).lower()}"
            title = " ".join(rng.choice(words) for _ in range(5))
            body = "\n\n".join(
                "<!-- wp:paragraph -->\n<p>" + " ".join(rng.choice(words) for _ in range(40)) +
                "</p>\n<!-- /wp:paragraph -->" for _ in range(4))
            date = f"2024-{1 + p % 12:02d}-{day:02d} 10:00:00"
            w("\t<item>\n")
            w(f"\t\t<title>{cdata(title)}</title>\n\t\t<link>{base}/2024/{1 + p % 12:02d}/{day:02d}/{slug}/</link>\n")
            w(f"\t\t<dc:creator>{cdata('admin')}</dc:creator>\n")
            w(f"\t\t<content:encoded>{cdata(body)}</content:encoded>\n\t\t<excerpt:encoded>{cdata('')}</excerpt:encoded>\n")
            w(f"\t\t<wp:post_id>{post_id}</wp:post_id>\n\t\t<wp:post_date>{cdata(date)}</wp:post_date>\n")
            w(f"\t\t<wp:post_date_gmt>{cdata(date)}</wp:post_date_gmt>\n")
            w(f"\t\t<wp:comment_status>{cdata('open')}</wp:comment_status>\n")
            w(f"\t\t<wp:post_name>{cdata(slug)}</wp:post_name>\n\t\t<wp:status>{cdata(status)}</wp:status>\n")
            w(f"\t\t<wp:post_type>{cdata('post')}</wp:post_type>\n")
            for tag in rng.sample(tags, 3):
                w(f'\t\t<category domain="post_tag" nicename="{tag}">{cdata(tag)}</category>\n')
            ids = []
            for c in range(per_post[p]):
                cid = comment_id
                comment_id += 1
                if status == "trash":
                    approved = "post-trashed"
                else:
                    approved = rng.choices(["1", "0", "spam", "trash"], [80, 10, 7, 3])[0]
                kind = rng.choices(["comment", "pingback", "trackback"], [97, 2, 1])[0]
                parent = 0
                if ids and rng.random() < 0.4:
                    parent = rng.choice(ids[-8:])
                elif rng.random() < 0.01:
                    parent = 10 ** 9 + cid  # a spam parent WordPress left out
                ids.append(cid)
                text = " ".join(rng.choice(words) for _ in range(rng.randint(5, 60)))
                if c % 17 == 0:
                    text += ' <a href="https://example.org/x?a=1&amp;b=2">Link</a> <b>fett</b>'
                w("\t\t<wp:comment>\n")
                w(f"\t\t\t<wp:comment_id>{cid}</wp:comment_id>\n")
                w(f"\t\t\t<wp:comment_author>{cdata('Leser ' + str(cid % 5000))}</wp:comment_author>\n")
                w(f"\t\t\t<wp:comment_author_email>{cdata(f'leser{cid % 5000}@example.org')}</wp:comment_author_email>\n")
                w("\t\t\t<wp:comment_author_url>https://example.org/</wp:comment_author_url>\n")
                w(f"\t\t\t<wp:comment_author_IP>{cdata(f'192.0.2.{cid % 250}')}</wp:comment_author_IP>\n")
                w(f"\t\t\t<wp:comment_date>{cdata(date)}</wp:comment_date>\n")
                w(f"\t\t\t<wp:comment_date_gmt>{cdata(date)}</wp:comment_date_gmt>\n")
                w(f"\t\t\t<wp:comment_content>{cdata(text)}</wp:comment_content>\n")
                w(f"\t\t\t<wp:comment_approved>{cdata(approved)}</wp:comment_approved>\n")
                w(f"\t\t\t<wp:comment_type>{cdata(kind)}</wp:comment_type>\n")
                w(f"\t\t\t<wp:comment_parent>{parent}</wp:comment_parent>\n")
                w(f"\t\t\t<wp:comment_user_id>{1 if cid % 50 == 0 else 0}</wp:comment_user_id>\n")
                w("\t\t</wp:comment>\n")
            w("\t</item>\n")
        w("</channel>\n</rss>\n")


if __name__ == "__main__":
    main()
