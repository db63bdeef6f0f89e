use std::str::FromStr;

use crate::helpers::{TestApp, WELCOME_SLUG, comment_with, spawn_app, spawn_app_with};

const BASE: &str = "https://blog.example.org";
const ATOM_NS: &str = "http://www.w3.org/2005/Atom";
const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

async fn spawn_app_at_base() -> TestApp {
    spawn_app_with(|c| c.base_url = Some(BASE.into())).await
}

/// GETs `path`, checks the status and content type, and returns the body.
async fn get_xml(app: &TestApp, path: &str, content_type: &str) -> String {
    let response = app.get(path).await;
    assert_eq!(response.status().as_u16(), 200, "{path}");
    assert_eq!(response.headers()["content-type"], content_type, "{path}");
    response.text().await.unwrap()
}

fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    node.children()
        .find(|n| n.is_element() && n.tag_name().name() == name)
}

/// The text of the required child element `name`; panics if it is missing or empty.
fn required_text<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> &'a str {
    let text = child(node, name)
        .unwrap_or_else(|| panic!("<{name}> missing in <{}>", node.tag_name().name()))
        .text()
        .unwrap_or_default();
    assert!(!text.trim().is_empty(), "<{name}> is empty");
    text
}

fn assert_rfc3339(text: &str) {
    assert!(
        jiff::Timestamp::from_str(text).is_ok(),
        "{text:?} is not an RFC 3339 date-time"
    );
}

/// The link of an element with the given `rel` (Atom's default rel is `alternate`).
fn link_href<'a>(node: roxmltree::Node<'a, '_>, rel: &str) -> Option<&'a str> {
    node.children()
        .filter(|n| n.is_element() && n.tag_name().name() == "link")
        .find(|n| n.attribute("rel").unwrap_or("alternate") == rel)
        .and_then(|n| n.attribute("href"))
}

/// Checks the elements RFC 4287 requires of a feed and of each entry, and that
/// every link is absolute under `BASE`; returns the entries.
fn assert_valid_atom<'a, 'i>(
    document: &'a roxmltree::Document<'i>,
) -> Vec<roxmltree::Node<'a, 'i>> {
    let feed = document.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(feed.tag_name().namespace(), Some(ATOM_NS));
    required_text(feed, "id");
    required_text(feed, "title");
    assert_rfc3339(required_text(feed, "updated"));
    assert!(link_href(feed, "self").is_some(), "no rel=self link");
    assert!(link_href(feed, "alternate").is_some(), "no alternate link");
    for link in document
        .descendants()
        .filter(|n| n.has_tag_name((ATOM_NS, "link")))
    {
        let href = link.attribute("href").expect("a link has an href");
        assert!(
            href.starts_with(&format!("{BASE}/")),
            "relative link {href}"
        );
    }
    let entries: Vec<_> = feed
        .children()
        .filter(|n| n.has_tag_name((ATOM_NS, "entry")))
        .collect();
    let feed_has_author = child(feed, "author").is_some();
    for entry in &entries {
        let id = required_text(*entry, "id");
        assert!(id.starts_with("tag:") || id.starts_with("https://"), "{id}");
        required_text(*entry, "title");
        assert_rfc3339(required_text(*entry, "updated"));
        assert_rfc3339(required_text(*entry, "published"));
        assert!(link_href(*entry, "alternate").is_some());
        assert!(feed_has_author || child(*entry, "author").is_some());
        let content = child(*entry, "content").expect("full content");
        assert_eq!(content.attribute("type"), Some("html"));
    }
    entries
}

fn parse(xml: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(xml).expect("well-formed XML")
}

fn entry_with_link<'a, 'i>(
    entries: &[roxmltree::Node<'a, 'i>],
    href: &str,
) -> Option<roxmltree::Node<'a, 'i>> {
    entries
        .iter()
        .copied()
        .find(|e| link_href(*e, "alternate") == Some(href))
}

#[tokio::test]
async fn the_atom_feed_is_valid_and_carries_a_published_post_with_absolute_links() {
    let app = spawn_app_at_base().await;
    app.create_post("hello-world", "Fish & Chips <3", true, true)
        .await;

    let xml = get_xml(&app, "/feed.xml", "application/atom+xml; charset=utf-8").await;

    let document = parse(&xml);
    let entries = assert_valid_atom(&document);
    let feed = document.root_element();
    assert_eq!(
        link_href(feed, "self"),
        Some("https://blog.example.org/feed.xml")
    );
    assert_eq!(
        link_href(feed, "alternate"),
        Some("https://blog.example.org/")
    );
    let entry = entry_with_link(&entries, "https://blog.example.org/posts/hello-world")
        .expect("the post is in the feed");
    assert_eq!(required_text(entry, "title"), "Fish & Chips <3");
    let content = required_text(entry, "content");
    assert!(
        content.contains("<p>The body of Fish &amp; Chips &lt;3.</p>"),
        "{content}"
    );
    assert!(
        content.contains("<p>Second paragraph.</p>"),
        "the full content"
    );
    assert!(entry_with_link(&entries, &format!("{BASE}/posts/{WELCOME_SLUG}")).is_some());
}

#[tokio::test]
async fn the_feed_lists_the_newest_post_first_and_is_updated_by_it() {
    let app = spawn_app_at_base().await;
    app.create_post("newest", "Newest", true, true).await;
    sqlx::query(
        "UPDATE posts SET published_at = 1700000000, updated_at = 1700000000 WHERE slug = ?",
    )
    .bind(WELCOME_SLUG)
    .execute(&app.pool)
    .await
    .unwrap();

    let xml = get_xml(&app, "/feed.xml", "application/atom+xml; charset=utf-8").await;

    let document = parse(&xml);
    let entries = assert_valid_atom(&document);
    assert_eq!(
        link_href(entries[0], "alternate"),
        Some("https://blog.example.org/posts/newest")
    );
    assert_eq!(
        required_text(document.root_element(), "updated"),
        required_text(entries[0], "updated")
    );
}

#[tokio::test]
async fn a_draft_appears_in_neither_the_feed_nor_the_sitemap() {
    let app = spawn_app_at_base().await;
    app.create_post("secret-plans", "Secret plans", false, true)
        .await;

    let feed = get_xml(&app, "/feed.xml", "application/atom+xml; charset=utf-8").await;
    let sitemap = get_xml(&app, "/sitemap.xml", "application/xml; charset=utf-8").await;

    assert_valid_atom(&parse(&feed));
    for xml in [feed, sitemap] {
        assert!(!xml.contains("secret-plans"));
        assert!(!xml.contains("Secret plans"));
    }
}

#[tokio::test]
async fn an_empty_site_still_has_a_valid_feed() {
    let app = spawn_app_at_base().await;
    sqlx::query("DELETE FROM posts")
        .execute(&app.pool)
        .await
        .unwrap();

    let xml = get_xml(&app, "/feed.xml", "application/atom+xml; charset=utf-8").await;

    assert!(assert_valid_atom(&parse(&xml)).is_empty());
}

#[tokio::test]
async fn the_sitemap_lists_the_home_page_and_each_published_post_with_lastmod() {
    let app = spawn_app_at_base().await;
    app.create_post("hello-world", "Hello", true, true).await;

    let xml = get_xml(&app, "/sitemap.xml", "application/xml; charset=utf-8").await;

    let document = parse(&xml);
    let urlset = document.root_element();
    assert_eq!(urlset.tag_name().namespace(), Some(SITEMAP_NS));
    let urls: Vec<(&str, Option<&str>)> = urlset
        .children()
        .filter(|n| n.has_tag_name((SITEMAP_NS, "url")))
        .map(|url| {
            (
                required_text(url, "loc"),
                child(url, "lastmod").and_then(|n| n.text()),
            )
        })
        .collect();
    let locs: Vec<&str> = urls.iter().map(|(loc, _)| *loc).collect();
    assert_eq!(urls.len(), 3, "{locs:?}");
    assert!(locs.contains(&"https://blog.example.org/"));
    assert!(locs.contains(&"https://blog.example.org/posts/hello-world"));
    assert!(locs.contains(&format!("{BASE}/posts/{WELCOME_SLUG}").as_str()));
    for (loc, lastmod) in urls {
        assert_rfc3339(lastmod.unwrap_or_else(|| panic!("no lastmod for {loc}")));
    }
}

/// Tools that read sitemaps and feeds as text (grep, a crawler's URL list)
/// find the addresses as they are: XML escapes only `&`, `<`, `>` and quotes,
/// never `/` as HTML escaping does (`&#x2F;`).
#[tokio::test]
async fn the_sitemap_and_the_feeds_use_xml_escaping_and_addresses_read_as_text() {
    let app = spawn_app_at_base().await;
    app.create_post("fish-and-chips", "Fish & <Chips>", true, true)
        .await;

    let sitemap = get_xml(&app, "/sitemap.xml", "application/xml; charset=utf-8").await;
    let feed = get_xml(&app, "/feed.xml", "application/atom+xml; charset=utf-8").await;
    let comments = get_xml(
        &app,
        &format!("/posts/{WELCOME_SLUG}/comments.xml"),
        "application/atom+xml; charset=utf-8",
    )
    .await;

    for (name, xml) in [
        ("sitemap", &sitemap),
        ("feed", &feed),
        ("comments", &comments),
    ] {
        assert!(
            !xml.contains("&#x2F;") && !xml.contains("&#47;"),
            "{name}: {xml}"
        );
        parse(xml);
    }
    assert!(
        sitemap.contains(&format!("<loc>{BASE}/posts/{WELCOME_SLUG}</loc>")),
        "{sitemap}"
    );
    assert!(
        feed.contains(&format!(
            "<link rel=\"self\" type=\"application/atom+xml\" href=\"{BASE}/feed.xml\"/>"
        )),
        "{feed}"
    );
    assert!(
        feed.contains("<title type=\"text\">Fish &amp; &lt;Chips&gt;</title>"),
        "{feed}"
    );
}

#[tokio::test]
async fn robots_txt_points_to_the_sitemap() {
    let app = spawn_app_at_base().await;

    let (_, body) = app.get_page("/robots.txt").await;

    assert!(
        body.contains("Sitemap: https://blog.example.org/sitemap.xml"),
        "{body}"
    );
}

async fn approved_comment(app: &TestApp, form: &[(&str, String)]) -> i64 {
    app.post_valid_comment(WELCOME_SLUG, form).await;
    let id = app.last_comment_id().await;
    app.set_comment_status(id, "approved").await;
    id
}

#[tokio::test]
async fn the_comments_feed_carries_approved_comments_and_never_an_email() {
    let app = spawn_app_at_base().await;
    let approved =
        approved_comment(&app, &comment_with("email", "hidden.person@example.org")).await;
    app.post_valid_comment(WELCOME_SLUG, &comment_with("body", "Still waiting"))
        .await;
    let path = format!("/posts/{WELCOME_SLUG}/comments.xml");

    let xml = get_xml(&app, &path, "application/atom+xml; charset=utf-8").await;

    let document = parse(&xml);
    let entries = assert_valid_atom(&document);
    assert_eq!(entries.len(), 1);
    let entry = entries[0];
    assert_eq!(
        link_href(entry, "alternate"),
        Some(format!("{BASE}/posts/{WELCOME_SLUG}#comment-{approved}").as_str())
    );
    let author = child(entry, "author").unwrap();
    assert_eq!(required_text(author, "name"), "Ada Lovelace");
    assert!(required_text(entry, "content").contains("What a thoughtful post."));
    assert!(!xml.contains("Still waiting"));
    assert!(!xml.contains("hidden.person"));
    assert!(!xml.contains("example.org</email>") && !xml.contains("<email>"));
}

#[tokio::test]
async fn a_control_character_in_a_comment_does_not_break_the_comments_feed() {
    let app = spawn_app_at_base().await;
    approved_comment(
        &app,
        &comment_with("body", "bell \u{7} and escape \u{1b}[0m"),
    )
    .await;

    let xml = get_xml(
        &app,
        &format!("/posts/{WELCOME_SLUG}/comments.xml"),
        "application/atom+xml; charset=utf-8",
    )
    .await;

    let document = parse(&xml);
    let entries = assert_valid_atom(&document);
    assert!(required_text(entries[0], "content").contains("bell  and escape [0m"));
}

#[tokio::test]
async fn the_comments_feed_of_a_draft_or_unknown_post_is_a_404() {
    let app = spawn_app().await;
    app.create_post("draft", "Draft", false, true).await;

    assert_eq!(app.get_page("/posts/draft/comments.xml").await.0, 404);
    assert_eq!(app.get_page("/posts/nope/comments.xml").await.0, 404);
}

#[tokio::test]
async fn without_a_base_url_feeds_use_the_listen_address() {
    let app = spawn_app().await;

    let (_, xml) = app.get_page("/feed.xml").await;

    let document = parse(&xml);
    let self_link = link_href(document.root_element(), "self").unwrap();
    assert!(self_link.starts_with("http://127.0.0.1:"), "{self_link}");
}

/// Stores a post with `tags` (names), as the editor would.
async fn tagged_post(app: &TestApp, slug: &str, title: &str, tags: &[&str], published: bool) {
    let body = format!("About {title}.");
    let html = folio::domain::markdown::render(&body);
    let excerpt = folio::domain::markdown::excerpt(&body, &html);
    let tags: Vec<folio::domain::post::Tag> = tags
        .iter()
        .map(|name| folio::domain::post::Tag {
            name: (*name).to_owned(),
            slug: name.to_lowercase(),
        })
        .collect();
    let content = folio::db::posts::write::PostContent {
        title,
        body_markdown: &body,
        body_html: &html,
        excerpt_html: &excerpt,
        published,
        comments_open: true,
        tags: &tags,
        kind: folio::domain::post::Kind::Post,
        saved_by: None,
        publish_at: None,
        author_id: None,
        review: folio::domain::role::Review::Keep,
        tell_reviewers: false,
    };
    let slug = folio::domain::slug::Slug::parse(slug).unwrap();
    let saved = folio::db::posts::write::create(
        &app.pool,
        &content,
        folio::domain::post_save::SlugChoice::Typed {
            slug: &slug,
            take_old_address: false,
        },
        app.clock.now(),
    )
    .await
    .unwrap();
    assert!(matches!(
        saved,
        folio::domain::post_save::Fate::Saved { .. }
    ));
}

#[tokio::test]
async fn a_tag_has_its_own_valid_atom_feed_of_its_published_posts() {
    let app = spawn_app_at_base().await;
    tagged_post(&app, "flu-shot", "Flu shot", &["Impfung"], true).await;
    tagged_post(
        &app,
        "travel",
        "Travel vaccines",
        &["Impfung", "Reisen"],
        true,
    )
    .await;
    tagged_post(&app, "hours", "Opening hours", &["Praxis"], true).await;
    tagged_post(&app, "draft", "Draft about vaccines", &["Impfung"], false).await;

    let xml = get_xml(
        &app,
        "/tags/impfung/feed.xml",
        "application/atom+xml; charset=utf-8",
    )
    .await;

    let document = parse(&xml);
    let entries = assert_valid_atom(&document);
    let feed = document.root_element();
    assert_eq!(
        link_href(feed, "self"),
        Some("https://blog.example.org/tags/impfung/feed.xml")
    );
    assert_eq!(
        link_href(feed, "alternate"),
        Some("https://blog.example.org/tags/impfung")
    );
    assert_eq!(
        required_text(feed, "id"),
        "https://blog.example.org/tags/impfung"
    );
    assert!(required_text(feed, "title").contains("Impfung"));
    let mut links: Vec<_> = entries
        .iter()
        .filter_map(|e| link_href(*e, "alternate"))
        .collect();
    links.sort_unstable();
    assert_eq!(
        links,
        [
            "https://blog.example.org/posts/flu-shot",
            "https://blog.example.org/posts/travel"
        ]
    );
}

#[tokio::test]
async fn a_tags_page_links_its_feed() {
    let app = spawn_app_at_base().await;
    tagged_post(&app, "flu-shot", "Flu shot", &["Impfung"], true).await;

    let (_, page) = app.get_page("/tags/impfung").await;

    assert!(
        page.contains(r#"<link rel="alternate" type="application/atom+xml" title="Posts tagged “Impfung” (Atom feed)" href="https:&#x2F;&#x2F;blog.example.org&#x2F;tags&#x2F;impfung&#x2F;feed.xml">"#),
        "{page}"
    );
    assert!(page.contains(r#"<a href="/tags/impfung/feed.xml" type="application/atom+xml">"#));
}

#[tokio::test]
async fn a_tag_without_published_posts_has_no_feed() {
    let app = spawn_app_at_base().await;
    tagged_post(&app, "draft", "Draft", &["Geheim"], false).await;

    assert_eq!(
        app.get("/tags/geheim/feed.xml").await.status().as_u16(),
        404
    );
    assert_eq!(
        app.get("/tags/never-used/feed.xml").await.status().as_u16(),
        404
    );
}

/// The `<loc>`s of a sitemap or sitemap index, checking its root element.
fn locations(xml: &str, root: &str) -> Vec<String> {
    let document = parse(xml);
    assert_eq!(document.root_element().tag_name().name(), root);
    assert_eq!(
        document.root_element().tag_name().namespace(),
        Some(SITEMAP_NS)
    );
    document
        .descendants()
        .filter(|n| n.has_tag_name((SITEMAP_NS, "loc")))
        .map(|n| n.text().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn past_fifty_thousand_addresses_the_sitemap_is_an_index_of_numbered_parts() {
    let app = spawn_app_at_base().await;
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000)
         INSERT INTO posts (kind, slug, title, body_markdown, body_html, excerpt_html, status,
                            published_at, created_at, updated_at)
         SELECT 'post', 'post-' || i, 'Post ' || i, '', '', '', 'published', i, i, i FROM n",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    const XML: &str = "application/xml; charset=utf-8";

    let index = locations(&get_xml(&app, "/sitemap.xml", XML).await, "sitemapindex");
    let first = locations(&get_xml(&app, "/sitemap-1.xml", XML).await, "urlset");
    let second = locations(&get_xml(&app, "/sitemap-2.xml", XML).await, "urlset");
    let past_the_end = app.get("/sitemap-3.xml").await.status().as_u16();

    assert_eq!(
        index,
        [
            "https://blog.example.org/sitemap-1.xml",
            "https://blog.example.org/sitemap-2.xml"
        ]
    );
    assert_eq!(first.len(), 50_000);
    assert_eq!(first[0], "https://blog.example.org/");
    assert_eq!(
        first[1],
        format!("https://blog.example.org/posts/{WELCOME_SLUG}")
    );
    assert_eq!(
        second,
        [
            "https://blog.example.org/posts/post-2",
            "https://blog.example.org/posts/post-1"
        ]
    );
    let mut every: Vec<&String> = first.iter().chain(&second).collect();
    every.sort_unstable();
    every.dedup();
    assert_eq!(
        every.len(),
        50_002,
        "each address once: the home page, 50,001 posts"
    );
    assert_eq!(past_the_end, 404);
}
