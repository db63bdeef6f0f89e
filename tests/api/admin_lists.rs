//! Admin lists page: `?page=N`, 50 a page, with counts, filters kept, and
//! links that read the next page from where the last one ended.

use crate::helpers::{TestApp, WELCOME_SLUG, location, spawn_app, unescape};

/// Adds `n` comments to the welcome post, the i-th written at second `i`,
/// named "Reader i" with the address `reader{i}@example.org`.
async fn add_comments(app: &TestApp, n: i64, status: &str) {
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
         INSERT INTO comments (post_id, author_name, author_email, body, body_html, status, created_at)
         SELECT (SELECT id FROM posts WHERE slug = ?2), 'Reader ' || i, 'reader' || i || '@example.org',
                'Comment number ' || i || '.', '<p>Comment number ' || i || '.</p>', ?3,
                1700000000 + i
         FROM n",
    )
    .bind(n)
    .bind(WELCOME_SLUG)
    .bind(status)
    .execute(&app.pool)
    .await
    .unwrap();
}

/// Adds `n` moderation-log entries by alice, the i-th about comment
/// `100000 + i`, written at second `i`.
async fn add_log_entries(app: &TestApp, n: i64) {
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
         INSERT INTO moderation_log (admin_username, action, comment_id, detail, created_at)
         SELECT 'alice', 'approve', 100000 + i, '', 1700000000 + i FROM n",
    )
    .bind(n)
    .execute(&app.pool)
    .await
    .unwrap();
}

/// The numbers of the comments a queue page shows, in its order.
fn comment_numbers(page: &str) -> Vec<i64> {
    page.split("Comment number ")
        .skip(1)
        .filter_map(|rest| rest.split('.').next()?.parse().ok())
        .collect()
}

/// The target of the link with `rel` (`next`, `prev`), as a browser would follow it.
fn link(page: &str, rel: &str) -> Option<String> {
    let marker = format!(r#"" rel="{rel}""#);
    let end = page.find(&marker)?;
    let start = page[..end].rfind("href=\"")? + 6;
    Some(unescape(&page[start..end]))
}

/// The target of the link whose text is `text`.
fn link_named(page: &str, text: &str) -> Option<String> {
    let end = page.find(&format!("\">{text}"))?;
    let start = page[..end].rfind("href=\"")? + 6;
    Some(unescape(&page[start..end]))
}

#[tokio::test]
async fn the_queue_shows_fifty_a_page_and_its_links_walk_every_comment_once() {
    let app = spawn_app().await;
    app.login_admin().await;
    add_comments(&app, 230, "approved").await;

    let mut seen = Vec::new();
    let mut next = Some("/admin/comments?status=approved".to_owned());
    let mut pages = 0;
    while let Some(path) = next {
        let (status, page) = app.get_page(&path).await;
        assert_eq!(status, 200, "{path}");
        let numbers = comment_numbers(&page);
        assert!(numbers.len() <= 50, "{path}");
        seen.extend(numbers);
        pages += 1;
        next = link(&page, "next");
        if pages == 2 {
            assert!(next.as_deref().unwrap().contains("after="), "{next:?}");
        }
    }

    assert_eq!(pages, 5);
    assert_eq!(seen, (1..=230).rev().collect::<Vec<i64>>());
}

#[tokio::test]
async fn the_queue_shows_where_a_page_is_and_reaches_the_last_page_directly() {
    let app = spawn_app().await;
    app.login_admin().await;
    add_comments(&app, 230, "approved").await;

    let (_, first) = app.get_page("/admin/comments?status=approved").await;
    let last_path = link_named(&first, "Last").expect("a link to the last page");
    let (_, last) = app.get_page(&last_path).await;
    let (_, third) = app.get_page("/admin/comments?status=approved&page=3").await;
    let back = link(&last, "prev").unwrap();
    let (_, fourth) = app.get_page(&back).await;
    let (past_the_end, _) = app.get_page("/admin/comments?status=approved&page=6").await;

    assert!(first.contains("1–50 of 230"), "the count is shown");
    assert!(first.contains("Approved (230)"));
    assert!(first.contains("Page 1 of 5"));
    assert_eq!(last_path, "/admin/comments?status=approved&page=5");
    assert_eq!(comment_numbers(&last), (1..=30).rev().collect::<Vec<i64>>());
    assert!(last.contains("201–230 of 230"));
    assert_eq!(
        comment_numbers(&third),
        (81..=130).rev().collect::<Vec<i64>>()
    );
    assert!(back.contains("before="), "{back}");
    assert_eq!(
        comment_numbers(&fourth),
        (31..=80).rev().collect::<Vec<i64>>()
    );
    assert_eq!(past_the_end, 404);
}

#[tokio::test]
async fn the_status_counts_follow_every_change() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    add_comments(&app, 3, "pending").await;
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM comments ORDER BY id")
        .fetch_all(&app.pool)
        .await
        .unwrap();

    app.admin_post(
        &format!("/admin/comments/{}/approve", ids[0]),
        &[("csrf_token", &csrf)],
    )
    .await;
    app.admin_post(
        &format!("/admin/comments/{}/spam", ids[1]),
        &[("csrf_token", &csrf)],
    )
    .await;
    app.admin_post(
        &format!("/admin/comments/{}/delete", ids[1]),
        &[("csrf_token", &csrf)],
    )
    .await;
    let (_, page) = app.get_page("/admin/comments").await;

    assert!(page.contains("Pending (1)"), "{page}");
    assert!(page.contains("Approved (1)"));
    assert!(page.contains("Spam (0)"));
    assert!(page.contains(r#"<span class="badge" title="Pending comments">1"#));
}

#[tokio::test]
async fn the_queue_search_finds_a_comment_by_its_authors_email_address() {
    let app = spawn_app().await;
    app.login_admin().await;
    add_comments(&app, 60, "pending").await;

    let (status, page) = app
        .get_page("/admin/comments?status=pending&q=reader42%40example.org")
        .await;

    assert_eq!(status, 200);
    assert_eq!(comment_numbers(&page), [42]);
    assert!(page.contains("Pending (1)"));
    assert!(
        page.contains(r#"value="reader42@example.org""#),
        "the search box keeps the words"
    );
}

#[tokio::test]
async fn the_queue_search_finds_names_and_words_in_any_status_and_keeps_the_status() {
    let app = spawn_app().await;
    app.login_admin().await;
    let spam = app
        .seed_comment("Zacharias Müller", "Billige Uhren hier", "spam")
        .await;
    let approved = app
        .seed_comment("Anna", "Danke für die Übungen", "approved")
        .await;
    app.seed_comment("Bert", "Nichts davon", "pending").await;

    let (_, by_name) = app.get_page("/admin/comments?status=spam&q=mueller").await;
    let (_, by_name_umlaut) = app
        .get_page("/admin/comments?status=spam&q=M%C3%BCller")
        .await;
    let (_, by_words) = app
        .get_page("/admin/comments?status=approved&q=ubungen")
        .await;
    let (_, prefix) = app.get_page("/admin/comments?status=approved&q=Dan").await;
    let (_, elsewhere) = app.get_page("/admin/comments?status=pending&q=Uhren").await;

    assert!(
        by_name_umlaut.contains(&format!("id=\"row-{spam}\"")),
        "{by_name_umlaut}"
    );
    assert!(
        !by_name.contains(&format!("id=\"row-{spam}\"")),
        "the queue matches as typed: ü is u, not ue"
    );
    assert!(by_words.contains(&format!("id=\"row-{approved}\"")));
    assert!(prefix.contains(&format!("id=\"row-{approved}\"")));
    assert!(!elsewhere.contains("row-"), "the status stays as chosen");
    assert!(
        elsewhere.contains("Spam (1)"),
        "the tabs count the matches in each status"
    );
    assert!(
        elsewhere.contains(r#"href="&#x2F;admin&#x2F;comments?status=spam&amp;q=Uhren""#),
        "{elsewhere}"
    );
    assert!(elsewhere.contains("No pending comment matches “Uhren”."));
}

#[tokio::test]
async fn the_last_word_of_a_queue_search_finds_the_words_it_begins_however_many() {
    let app = spawn_app().await;
    app.login_admin().await;
    let accented = app
        .seed_comment("Chloé", "Die Übungen für den Rücken helfen", "pending")
        .await;
    let street = app
        .seed_comment("Bert", "Wir ziehen in die Hauptstraße", "pending")
        .await;
    // Forty words that begin alike: more than a search completes one by one.
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
         INSERT INTO comments (post_id, author_name, author_email, body, body_html, status, created_at)
         SELECT (SELECT id FROM posts WHERE slug = ?1), 'Reader', 'reader@example.org',
                'Stichwort' || i, '<p>Stichwort' || i || '</p>', 'pending', 1700000000 + i
         FROM n",
    )
    .bind(WELCOME_SLUG)
    .execute(&app.pool)
    .await
    .unwrap();

    for (q, id) in [
        ("%C3%9Cbu", accented),
        ("chlo", accented),
        ("R%C3%BCc", accented),
    ] {
        let (_, page) = app.get_page(&format!("/admin/comments?q={q}")).await;
        assert!(page.contains(&format!("id=\"row-{id}\"")), "{q}: {page}");
    }
    let (_, street_page) = app.get_page("/admin/comments?q=Hauptstra%C3%9F").await;
    let (_, all_forty) = app.get_page("/admin/comments?q=stichwort").await;
    let (_, eleven) = app.get_page("/admin/comments?q=stichwort1").await;

    assert!(
        street_page.contains(&format!("id=\"row-{street}\"")),
        "{street_page}"
    );
    assert!(all_forty.contains("Pending (40)"), "{all_forty}");
    assert!(
        eleven.contains("Pending (11)"),
        "stichwort1 and 10 to 19: {eleven}"
    );
}

#[tokio::test]
async fn a_queue_search_goes_on_across_pages_and_after_an_action() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    add_comments(&app, 120, "pending").await;

    let (_, first) = app.get_page("/admin/comments?q=comment").await;
    let next = link(&first, "next").unwrap();
    let (_, second) = app.get_page(&next).await;
    let id: i64 = sqlx::query_scalar("SELECT MAX(id) FROM comments")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let acted = app
        .admin_post(
            &format!("/admin/comments/{id}/approve"),
            &[
                ("csrf_token", csrf.as_str()),
                ("return_status", "pending"),
                ("return_q", "comment"),
            ],
        )
        .await;

    assert!(first.contains("1–50 of 120"));
    assert!(
        next.contains("q=comment") && next.contains("status=pending"),
        "{next}"
    );
    assert_eq!(
        comment_numbers(&second),
        (21..=70).rev().collect::<Vec<i64>>()
    );
    assert_eq!(location(&acted), "/admin/comments?status=pending&q=comment");
}

#[tokio::test]
async fn a_malformed_queue_search_is_no_error() {
    let app = spawn_app().await;
    app.login_admin().await;
    add_comments(&app, 3, "pending").await;

    for q in [
        "%22",
        "NEAR(",
        "a%22%20OR%20status%20%3A%20%22spam",
        "*",
        "%28%28%28",
    ] {
        let (status, _) = app.get_page(&format!("/admin/comments?q={q}")).await;
        assert_eq!(status, 200, "{q}");
    }
}

#[tokio::test]
async fn the_posts_list_shows_fifty_a_page_with_the_count() {
    let app = spawn_app().await;
    app.login_admin().await;
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 120)
         INSERT INTO posts (kind, slug, title, body_markdown, body_html, excerpt_html, status,
                            published_at, created_at, updated_at)
         SELECT 'post', 'post-' || i, 'Post number ' || i || '.', '', '', '', 'published',
                1700000000 + i, 1700000000 + i, 1700000000 + i
         FROM n",
    )
    .execute(&app.pool)
    .await
    .unwrap();

    let (_, first) = app.get_page("/admin/posts").await;
    let (_, last) = app.get_page("/admin/posts?page=3").await;
    let (missing, _) = app.get_page("/admin/posts?page=4").await;

    let rows = |page: &str| page.matches(r#"<td class="title">"#).count();
    assert_eq!(rows(&first), 50);
    assert!(first.contains("1–50 of 121"), "the welcome post too");
    assert!(first.contains(r#"href="&#x2F;admin&#x2F;posts?page=2" rel="next""#));
    assert_eq!(rows(&last), 21);
    assert!(last.contains("Post number 1."));
    assert!(last.contains("101–121 of 121"));
    assert_eq!(missing, 404);
}

#[tokio::test]
async fn the_log_is_paginated_through_its_links() {
    let app = spawn_app().await;
    app.login_admin().await;
    add_log_entries(&app, 120).await;
    let entries = |page: &str| page.matches("#100").count();

    let (_, first) = app.get_page("/admin/log").await;
    let second_path = link(&first, "next").unwrap();
    let (_, second) = app.get_page(&second_path).await;
    let (_, third) = app.get_page(&link(&second, "next").unwrap()).await;

    assert!(first.contains("1–50 of 120"), "{first}");
    assert!(
        second_path.starts_with("/admin/log?page=2&after="),
        "{second_path}"
    );
    assert!(first.contains("#100120") && !second.contains("#100120"));
    assert!(second.contains("#100070") && second.contains("#100021"));
    assert_eq!(entries(&third), 20);
    assert!(link(&third, "next").is_none());
}

#[tokio::test]
async fn the_last_log_page_asked_for_by_number_shows_the_oldest_entries_newest_first() {
    let app = spawn_app().await;
    app.login_admin().await;
    add_log_entries(&app, 120).await;

    let (_, last) = app.get_page("/admin/log?page=3").await;

    assert!(last.contains("101–120 of 120"), "{last}");
    assert_eq!(last.matches("#100").count(), 20);
    let newest = last
        .find("#100020")
        .expect("the newest of the oldest twenty");
    let oldest = last.find("#100001").expect("the oldest entry");
    assert!(newest < oldest, "newest first");
    assert!(!last.contains("#100021"));
}

#[tokio::test]
async fn a_queue_search_goes_back_a_page_through_its_prev_link() {
    let app = spawn_app().await;
    app.login_admin().await;
    add_comments(&app, 120, "pending").await;

    let (_, first) = app.get_page("/admin/comments?q=comment").await;
    let (_, second) = app.get_page(&link(&first, "next").unwrap()).await;
    let (_, third) = app.get_page(&link(&second, "next").unwrap()).await;
    let back = link(&third, "prev").unwrap();
    let (_, again) = app.get_page(&back).await;

    assert!(back.contains("before="), "{back}");
    assert_eq!(
        comment_numbers(&third),
        (1..=20).rev().collect::<Vec<i64>>()
    );
    assert_eq!(
        comment_numbers(&again),
        (21..=70).rev().collect::<Vec<i64>>()
    );
    assert_eq!(comment_numbers(&again), comment_numbers(&second));
}
