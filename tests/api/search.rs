//! Reader search: `GET /search?q=…` over published posts and pages.

use folio::domain::markdown;
use folio::domain::post::Kind;

use crate::helpers::{TestApp, location, spawn_app, spawn_app_on, spawn_app_with_site};

/// Stores a post (or page) as the editor would, with its own text.
async fn write(
    app: &TestApp,
    kind: Kind,
    slug: &str,
    title: &str,
    body: &str,
    published: bool,
) -> i64 {
    let html = markdown::render(body);
    let excerpt = markdown::excerpt(body, &html);
    let content = folio::db::posts::write::PostContent {
        title,
        body_markdown: body,
        body_html: &html,
        excerpt_html: &excerpt,
        published,
        comments_open: true,
        tags: &[],
        kind,
        saved_by: None,
        publish_at: None,
        author_id: None,
        review: folio::domain::role::Review::Keep,
        tell_reviewers: false,
    };
    let mut conn = app.pool.acquire().await.unwrap();
    folio::db::posts::write::insert(&mut conn, &content, slug, app.clock.now())
        .await
        .unwrap()
        .get()
}

async fn post(app: &TestApp, slug: &str, title: &str, body: &str) -> i64 {
    write(app, Kind::Post, slug, title, body, true).await
}

async fn search(app: &TestApp, q: &str) -> (u16, String) {
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("q", q)
        .finish();
    app.get_page(&format!("/search?{query}")).await
}

/// The addresses of the results, in their order.
fn result_links(page: &str) -> Vec<String> {
    page.split(r#"<article class="search-hit">"#)
        .skip(1)
        .filter_map(|hit| {
            let start = hit.find(r#"<a href=""#)? + 9;
            let end = hit[start..].find('"')?;
            Some(crate::helpers::unescape(&hit[start..start + end]))
        })
        .collect()
}

#[tokio::test]
async fn a_word_with_an_umlaut_is_found_however_the_reader_types_it() {
    let app = spawn_app().await;
    post(
        &app,
        "hours",
        "Unsere Öffnungszeiten",
        "Im Sommer gelten neue Zeiten.",
    )
    .await;
    post(&app, "other", "Something else", "Nothing to see.").await;

    for typed in [
        "Öffnungszeiten",
        "offnungszeiten",
        "oeffnungszeiten",
        "OEFFNUNGSZEITEN",
        "öffnungs",
    ] {
        let (status, page) = search(&app, typed).await;
        assert_eq!(status, 200, "{typed}");
        assert_eq!(result_links(&page), ["/posts/hours"], "{typed}");
        assert!(
            page.contains("<mark>Öffnungszeiten</mark>"),
            "{typed}: {page}"
        );
    }
}

#[tokio::test]
async fn the_words_of_the_text_are_found_and_marked_in_a_short_excerpt() {
    let app = spawn_app().await;
    let filler = "Lorem ipsum dolor sit amet. ".repeat(60);
    post(
        &app,
        "vaccination",
        "Termine",
        &format!("{filler}\n\nDie Impfung gegen Grippe ist ab Oktober möglich. {filler}"),
    )
    .await;

    let (_, page) = search(&app, "impfung grippe").await;

    assert_eq!(result_links(&page), ["/posts/vaccination"]);
    let excerpt = page
        .split(r#"<p class="search-excerpt">"#)
        .nth(1)
        .and_then(|rest| rest.split("</p>").next())
        .unwrap();
    assert!(
        excerpt.contains("Die <mark>Impfung</mark> gegen <mark>Grippe</mark>"),
        "{excerpt}"
    );
    assert!(
        excerpt.starts_with('…') && excerpt.ends_with('…'),
        "{excerpt}"
    );
    assert!(excerpt.chars().count() < 400, "{excerpt}");
}

#[tokio::test]
async fn the_german_spellings_ss_and_ue_find_sz_and_u_umlaut() {
    let app = spawn_app().await;
    post(
        &app,
        "street",
        "Anfahrt",
        "Die Praxis liegt in der Hauptstraße, über dem Café.",
    )
    .await;

    for typed in ["Hauptstrasse", "hauptstraße", "ueber", "cafe"] {
        let (_, page) = search(&app, typed).await;
        assert_eq!(result_links(&page), ["/posts/street"], "{typed}");
    }
}

#[tokio::test]
async fn the_last_word_finds_the_words_it_begins() {
    let app = spawn_app().await;
    post(&app, "flu", "Grippe", "Die Impfung ist wichtig.").await;

    let (_, page) = search(&app, "Impf").await;
    let (_, no_prefix_inside) = search(&app, "Impf wichtig").await;

    assert_eq!(result_links(&page), ["/posts/flu"]);
    assert!(page.contains("<mark>Impfung</mark>"));
    assert!(
        result_links(&no_prefix_inside).is_empty(),
        "only the last word is a prefix"
    );
}

#[tokio::test]
async fn drafts_and_comments_are_never_found() {
    let app = spawn_app().await;
    write(&app, Kind::Post, "secret", "Geheimplan", "Zebrafink", false).await;
    write(&app, Kind::Page, "hidden", "Versteckt", "Zebrafink", false).await;
    let comment = app
        .seed_comment("Reader", "Zebrafink im Kommentar", "approved")
        .await;
    assert!(comment > 0);

    for typed in ["Zebrafink", "Geheimplan", "Versteckt"] {
        let (status, page) = search(&app, typed).await;
        assert_eq!(status, 200);
        assert!(result_links(&page).is_empty(), "{typed}: {page}");
        assert!(page.contains("Nothing found"), "{typed}");
    }
}

#[tokio::test]
async fn a_published_page_is_found_at_its_own_address() {
    let app = spawn_app().await;
    write(
        &app,
        Kind::Page,
        "impressum",
        "Impressum",
        "Verantwortlich: Dr. Weber",
        true,
    )
    .await;

    let (_, page) = search(&app, "Verantwortlich").await;

    assert_eq!(result_links(&page), ["/impressum"]);
}

#[tokio::test]
async fn a_word_in_the_title_ranks_above_the_same_word_in_the_text() {
    let app = spawn_app().await;
    post(
        &app,
        "in-text",
        "Sommerfest",
        "Beim Fest gibt es Kuchen und Kaffee.",
    )
    .await;
    post(&app, "in-title", "Kuchen", "Ein Rezept.").await;

    let (_, page) = search(&app, "kuchen").await;

    assert_eq!(result_links(&page), ["/posts/in-title", "/posts/in-text"]);
}

#[tokio::test]
async fn a_query_fts5_cannot_parse_is_searched_as_plain_words() {
    let app = spawn_app().await;
    post(&app, "hours", "Öffnungszeiten", "Samstag geschlossen.").await;

    for typed in [
        r#"Öffnungszeiten ("#,
        r#""Öffnungszeiten"#,
        "Samstag: Öffnungszeiten",
        "(Öffnungszeiten)",
        "Öffnungszeiten*^",
        "Öffnungszeiten OR",
    ] {
        let (status, page) = search(&app, typed).await;
        assert_eq!(status, 200, "{typed}");
        let links = result_links(&page);
        if typed.ends_with("OR") {
            // "or" is a word too, and the post has none.
            assert!(links.is_empty(), "{typed}");
        } else {
            assert_eq!(links, ["/posts/hours"], "{typed}");
        }
    }
    let (status, _) = search(&app, "*** ((( \"\" NEAR(a b) x:y").await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn only_the_marks_are_markup_in_a_result() {
    let app = spawn_app().await;
    post(
        &app,
        "tricky",
        "<script>alert(1)</script> Zebra",
        "Text with &lt;b&gt;Zebra&lt;/b&gt; and a \"quote\".",
    )
    .await;

    let (_, page) = search(&app, "zebra").await;

    assert!(!page.contains("<script>alert"), "{page}");
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt; <mark>Zebra</mark>"),
        "{page}"
    );
    assert!(
        page.contains("&lt;b&gt;<mark>Zebra</mark>&lt;&#x2F;b&gt;"),
        "{page}"
    );
    let (_, echoed) = search(&app, "<img src=x onerror=alert(1)>").await;
    assert!(
        !echoed.contains("<img src=x"),
        "the query is escaped where it is shown"
    );
}

#[tokio::test]
async fn results_pages_are_kept_out_of_search_engines_and_shared_caches() {
    let app = spawn_app().await;

    let response = app.get("/search?q=welcome").await;

    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.headers()["x-robots-tag"], "noindex");
    assert_eq!(response.headers()["cache-control"], "private, no-store");
    let page = response.text().await.unwrap();
    assert!(page.contains(r#"<meta name="robots" content="noindex">"#));
    let (_, robots) = app.get_page("/robots.txt").await;
    assert!(robots.contains("Disallow: /search"));
}

#[tokio::test]
async fn without_words_the_page_offers_the_form_and_no_results() {
    let app = spawn_app().await;

    let (status, empty) = app.get_page("/search").await;
    let (punctuation_status, punctuation) = search(&app, "!!! ---").await;

    assert_eq!(status, 200);
    assert!(empty.contains(r#"<input type="search" id="search-page-q" name="q""#));
    assert!(result_links(&empty).is_empty());
    assert_eq!(punctuation_status, 200);
    assert!(punctuation.contains("Type one or more words"));
}

#[tokio::test]
async fn many_results_come_ten_to_a_page() {
    let app = spawn_app().await;
    for i in 0..12 {
        post(&app, &format!("p{i}"), &format!("Yoga {i}"), "Dehnen.").await;
    }

    let (_, first) = search(&app, "yoga").await;
    let (status, second) = app.get_page("/search?q=yoga&page=2").await;
    let (past_the_end, _) = app.get_page("/search?q=yoga&page=3").await;

    assert!(first.contains("12 results"));
    assert_eq!(result_links(&first).len(), 10);
    assert!(
        first.contains(r#"href="&#x2F;search?q=yoga&amp;page=2" rel="next""#),
        "{first}"
    );
    assert_eq!(status, 200);
    assert_eq!(result_links(&second).len(), 2);
    assert_eq!(past_the_end, 404);
}

#[tokio::test]
async fn every_page_has_a_labelled_search_box_in_its_header() {
    let app = spawn_app().await;

    let (_, home) = app.get_page("/").await;
    let (_, post) = app.get_page("/posts/welcome-to-folio").await;

    for page in [&home, &post] {
        assert!(
            page.contains(
                r#"<form class="site-search" role="search" method="get" action="/search">"#
            )
        );
        assert!(page.contains(
            r#"<label for="site-search-q" class="visually-hidden">Search the site</label>"#
        ));
        assert!(page.contains(r#"<input type="search" id="site-search-q" name="q""#));
    }
}

#[tokio::test]
async fn a_german_site_searches_in_german() {
    let app = spawn_app_with_site(|_| {}, "UPDATE site_settings SET language = 'de'").await;
    post(&app, "hours", "Öffnungszeiten", "Montag bis Freitag.").await;

    let (_, found) = search(&app, "oeffnungszeiten").await;
    let (_, nothing) = search(&app, "Zebra").await;

    assert!(
        found.contains("Ein Ergebnis für „oeffnungszeiten“"),
        "{found}"
    );
    assert!(found.contains("Website durchsuchen"));
    assert!(nothing.contains("Nichts gefunden für „Zebra“"));
}

#[tokio::test]
async fn an_edit_in_the_editor_is_searchable_at_once_and_a_deleted_post_is_gone() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let form = |title: &'static str| {
        vec![
            ("csrf_token", csrf.clone()),
            ("title", title.to_owned()),
            ("slug", "notice".to_owned()),
            ("body", "Aktuelle Hinweise.".to_owned()),
            ("status", "published".to_owned()),
            ("action", "save".to_owned()),
        ]
    };
    let created = app
        .client
        .post(app.url("/admin/posts"))
        .form(&form("Urlaubsvertretung"))
        .send()
        .await
        .unwrap();
    let id = location(&created)
        .trim_start_matches("/admin/posts/")
        .trim_end_matches("/edit")
        .to_owned();
    let (_, before) = search(&app, "urlaubsvertretung").await;

    app.client
        .post(app.url(&format!("/admin/posts/{id}")))
        .form(&form("Praxisurlaub"))
        .send()
        .await
        .unwrap();
    let (_, old_word) = search(&app, "urlaubsvertretung").await;
    let (_, new_word) = search(&app, "praxisurlaub").await;
    app.admin_post(
        &format!("/admin/posts/{id}/delete"),
        &[("csrf_token", &csrf)],
    )
    .await;
    let (_, trashed) = search(&app, "praxisurlaub").await;
    app.admin_post(
        &format!("/admin/trash/{id}/delete"),
        &[("csrf_token", &csrf)],
    )
    .await;
    let (_, deleted) = search(&app, "praxisurlaub").await;

    assert_eq!(result_links(&before), ["/posts/notice"]);
    assert!(result_links(&old_word).is_empty());
    assert_eq!(result_links(&new_word), ["/posts/notice"]);
    assert!(result_links(&trashed).is_empty(), "nothing from the trash");
    assert!(result_links(&deleted).is_empty());
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM post_search_text WHERE post_id = ?")
        .bind(id.parse::<i64>().unwrap())
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        left, 0,
        "the index keeps nothing of a post deleted for good"
    );
}

#[tokio::test]
async fn posts_written_before_the_index_existed_are_indexed_at_the_next_start() {
    let app = spawn_app().await;
    sqlx::query(
        "INSERT INTO posts (kind, slug, title, body_markdown, body_html, excerpt_html, status,
                            published_at, created_at, updated_at)
         VALUES ('post', 'old', 'Altbau', 'x', '<p>Fenster im Erdgeschoss</p>', '', 'published', 1, 1, 1)",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    let (_, before_restart) = search(&app, "erdgeschoss").await;

    let restarted = spawn_app_on(&app.database_url, |_| {}).await;
    let (_, after_restart) = search(&restarted, "erdgeschoss").await;

    assert!(
        result_links(&before_restart).is_empty(),
        "written behind Folio's back"
    );
    assert_eq!(result_links(&after_restart), ["/posts/old"]);
}
