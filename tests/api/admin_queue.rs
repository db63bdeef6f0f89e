use crate::helpers::{TestApp, WELCOME_SLUG, comment_with, location, spawn_app};

fn post_path() -> String {
    format!("/posts/{WELCOME_SLUG}")
}

/// Follows an action's redirect and returns the queue page it leads to.
async fn act(app: &TestApp, csrf: &str, id: i64, action: &str) -> String {
    let response = app
        .admin_post(
            &format!("/admin/comments/{id}/{action}"),
            &[("csrf_token", csrf)],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303, "{action}");
    let back = location(&response);
    assert!(back.starts_with("/admin/comments"), "{back}");
    app.get_page(&back).await.1
}

#[tokio::test]
async fn the_queue_shows_everything_a_moderator_needs_about_a_pending_comment() {
    let app = spawn_app().await;
    app.login_admin().await;
    let mut form = app.hidden_form_fields(WELCOME_SLUG).await;
    form.extend(comment_with("email", "reader@example.org"));
    app.post_comment_raw(WELCOME_SLUG, &form, &[("user-agent", "TestBrowser/1.0")])
        .await;

    let (status, queue) = app.get_page("/admin/comments").await;

    assert_eq!(status, 200);
    for expected in [
        "Ada Lovelace",
        "reader@example.org",
        "https:&#x2F;&#x2F;ada.example.org",
        "127.0.0.1",
        "Welcome to Folio",
        "What a thoughtful post.",
        "TestBrowser&#x2F;1.0",
        "Pending (1)",
    ] {
        assert!(
            queue.contains(expected),
            "the queue does not show {expected}"
        );
    }
}

#[tokio::test]
async fn the_queue_counts_comments_per_status() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    app.seed_comment("One", "one", "pending").await;
    app.seed_comment("Two", "two", "pending").await;
    app.seed_comment("Three", "three", "spam").await;
    let _ = csrf;

    let (_, queue) = app.get_page("/admin/comments").await;

    for tab in ["Pending (2)", "Approved (0)", "Spam (1)", "Trash (0)"] {
        assert!(queue.contains(tab), "{tab}");
    }
}

#[tokio::test]
async fn an_approved_comment_appears_under_its_post_for_every_reader() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let id = app
        .seed_comment("Reader", "Please publish me", "pending")
        .await;
    let before = reqwest::get(app.url(&post_path()))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();

    let queue = act(&app, &csrf, id, "approve").await;

    let after = reqwest::get(app.url(&post_path()))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!before.contains("Please publish me"));
    assert!(after.contains("Please publish me"));
    assert!(queue.contains(&format!("Comment #{id} approved.")));
    assert_eq!(app.comment_status(id).await, "approved");
}

#[tokio::test]
async fn spam_and_trash_take_a_comment_out_of_the_queue_and_restore_brings_it_back() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let spam = app.seed_comment("Bot", "Buy now", "pending").await;
    let trash = app.seed_comment("Rude", "Go away", "pending").await;

    act(&app, &csrf, spam, "spam").await;
    act(&app, &csrf, trash, "trash").await;
    let (_, pending) = app.get_page("/admin/comments").await;
    let (_, spam_view) = app.get_page("/admin/comments?status=spam").await;
    act(&app, &csrf, spam, "restore").await;

    assert!(!pending.contains("Buy now"));
    assert!(!pending.contains("Go away"));
    assert!(spam_view.contains("Buy now"));
    assert_eq!(app.comment_status(spam).await, "pending");
    assert_eq!(app.comment_status(trash).await, "trash");
}

#[tokio::test]
async fn unapproving_a_comment_hides_it_from_readers() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let id = app
        .seed_comment("Reader", "Visible for now", "approved")
        .await;

    act(&app, &csrf, id, "unapprove").await;

    let page = reqwest::get(app.url(&post_path()))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!page.contains("Visible for now"));
    assert_eq!(app.comment_status(id).await, "pending");
}

#[tokio::test]
async fn delete_asks_for_confirmation_first() {
    let app = spawn_app().await;
    app.login_admin().await;
    let id = app.seed_comment("Reader", "Delete me", "trash").await;

    let (status, page) = app.get_page(&format!("/admin/comments/{id}/delete")).await;

    assert_eq!(status, 200);
    assert!(page.contains("permanently?"));
    assert!(page.contains(&format!(r#"action="/admin/comments/{id}/delete""#)));
    assert_eq!(app.comment_count().await, 1);
}

#[tokio::test]
async fn delete_is_permanent_and_the_replies_move_up_to_its_parent() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let parent = app.seed_comment("Parent", "Top", "approved").await;
    app.post_valid_comment(
        WELCOME_SLUG,
        &comment_with("parent_id", &parent.to_string()),
    )
    .await;
    let middle = app.last_comment_id().await;
    app.set_comment_status(middle, "approved").await;
    let mut reply_form = comment_with("parent_id", &middle.to_string());
    reply_form.retain(|(k, _)| *k != "body");
    reply_form.push(("body", "A reply to the middle".into()));
    app.post_valid_comment(WELCOME_SLUG, &reply_form).await;
    let reply = app.last_comment_id().await;
    app.set_comment_status(reply, "approved").await;

    let queue = act(&app, &csrf, middle, "delete").await;

    assert!(queue.contains(&format!("Comment #{middle} deleted permanently.")));
    let (_, page) = app.get_page(&post_path()).await;
    assert!(
        page.contains(&format!(r#"class="comment depth-1" id="comment-{reply}""#)),
        "the reply now sits under the top comment"
    );
    let remaining: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM comments WHERE id = ?")
        .bind(middle)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(remaining, 0);
}

#[tokio::test]
async fn an_action_on_a_comment_already_in_that_state_says_so_and_changes_nothing() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let id = app.seed_comment("Reader", "Already fine", "approved").await;

    let queue = act(&app, &csrf, id, "approve").await;

    assert!(queue.contains(&format!(
        "Comment #{id} is already approved; nothing was changed."
    )));
    let log: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM moderation_log")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(log, 0);
}

#[tokio::test]
async fn an_action_on_an_unknown_comment_says_so() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;

    let queue = act(&app, &csrf, 4242, "approve").await;

    assert!(queue.contains("Comment #4242 does not exist"));
}

#[tokio::test]
async fn an_unknown_action_is_a_404() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let id = app.seed_comment("Reader", "x", "pending").await;

    let response = app
        .admin_post(
            &format!("/admin/comments/{id}/publish"),
            &[("csrf_token", &csrf)],
        )
        .await;

    assert_eq!(response.status().as_u16(), 404);
    assert_eq!(app.comment_status(id).await, "pending");
}

#[tokio::test]
async fn a_bulk_action_applies_to_every_selected_comment() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let a = app.seed_comment("A", "first bulk", "pending").await;
    let b = app.seed_comment("B", "second bulk", "pending").await;
    let c = app.seed_comment("C", "left alone", "pending").await;

    let response = app
        .admin_post(
            "/admin/comments/bulk",
            &[
                ("csrf_token", &csrf),
                ("action", "approve"),
                ("ids", &a.to_string()),
                ("ids", &b.to_string()),
            ],
        )
        .await;

    assert_eq!(response.status().as_u16(), 303);
    let (_, queue) = app.get_page(&location(&response)).await;
    assert!(queue.contains("2 comments approved."));
    assert_eq!(app.comment_status(a).await, "approved");
    assert_eq!(app.comment_status(b).await, "approved");
    assert_eq!(app.comment_status(c).await, "pending");
}

#[tokio::test]
async fn a_bulk_action_with_junk_ids_changes_nothing_and_says_so() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let a = app.seed_comment("A", "stay pending", "pending").await;

    let response = app
        .admin_post(
            "/admin/comments/bulk",
            &[
                ("csrf_token", &csrf),
                ("action", "spam"),
                ("ids", &a.to_string()),
                ("ids", "1;DROP TABLE comments"),
            ],
        )
        .await;

    let (_, queue) = app.get_page(&location(&response)).await;
    assert!(queue.contains("could not be read; nothing was changed."));
    assert_eq!(app.comment_status(a).await, "pending");
}

#[tokio::test]
async fn a_bulk_action_without_a_selection_says_so() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;

    let response = app
        .admin_post(
            "/admin/comments/bulk",
            &[("csrf_token", &csrf), ("action", "approve")],
        )
        .await;

    let (_, queue) = app.get_page(&location(&response)).await;
    assert!(queue.contains("Select at least one comment"));
}

#[tokio::test]
async fn a_reply_from_the_queue_is_published_threaded_and_approves_a_pending_parent() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let parent = app
        .seed_comment("Reader", "Is the clinic open on Sunday?", "pending")
        .await;

    let response = app
        .admin_post(
            &format!("/admin/comments/{parent}/reply"),
            &[("csrf_token", &csrf), ("body", "Yes, from 10 to 14.")],
        )
        .await;

    assert_eq!(response.status().as_u16(), 303);
    let (_, queue) = app.get_page(&location(&response)).await;
    assert!(queue.contains(&format!("Comment #{parent} approved and your reply")));
    assert_eq!(app.comment_status(parent).await, "approved");
    let reply = app.last_comment_id().await;
    let page = reqwest::get(app.url(&post_path()))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Is the clinic open on Sunday?"));
    assert!(page.contains(&format!(r#"id="comment-{reply}""#)));
    assert!(page.contains("Yes, from 10 to 14."));
    assert!(page.contains("Site admin"));
    assert!(
        page.find(&format!("comment-{parent}")).unwrap()
            < page.find(&format!("comment-{reply}")).unwrap()
    );
}

#[tokio::test]
async fn an_empty_reply_is_refused_with_its_message() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let parent = app.seed_comment("Reader", "Question", "pending").await;

    let response = app
        .admin_post(
            &format!("/admin/comments/{parent}/reply"),
            &[("csrf_token", &csrf), ("body", "  ")],
        )
        .await;

    assert_eq!(response.status().as_u16(), 422);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Please write a comment.")
    );
    assert_eq!(app.comment_count().await, 1);
    assert_eq!(app.comment_status(parent).await, "pending");
}

#[tokio::test]
async fn replies_deeper_than_the_thread_cap_are_shown_at_the_cap() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let mut parent = app.seed_comment("Reader", "Level 0", "approved").await;
    for level in 1..=6 {
        app.admin_post(
            &format!("/admin/comments/{parent}/reply"),
            &[("csrf_token", &csrf), ("body", &format!("Level {level}"))],
        )
        .await;
        parent = app.last_comment_id().await;
    }

    let (_, page) = app.get_page(&post_path()).await;

    assert!(
        page.contains(&format!(
            r#"depth-4 comment-by-admin" id="comment-{parent}""#
        )),
        "the default cap is 5 levels"
    );
    assert!(!page.contains("depth-5"));
}

#[tokio::test]
async fn editing_a_comment_changes_what_readers_see() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let id = app.seed_comment("Reader", "Typo hre", "approved").await;

    let response = app
        .admin_post(
            &format!("/admin/comments/{id}/edit"),
            &[
                ("csrf_token", &csrf),
                ("author_name", "Reader"),
                ("author_website", ""),
                ("body", "Typo here"),
            ],
        )
        .await;

    assert_eq!(response.status().as_u16(), 303);
    let (_, page) = app.get_page(&post_path()).await;
    assert!(page.contains("Typo here"));
    assert!(!page.contains("Typo hre"));
}

#[tokio::test]
async fn an_invalid_edit_keeps_the_text_and_says_what_is_wrong() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let id = app.seed_comment("Reader", "Original", "approved").await;

    let response = app
        .admin_post(
            &format!("/admin/comments/{id}/edit"),
            &[
                ("csrf_token", &csrf),
                ("author_name", ""),
                ("author_website", "ftp://x"),
                ("body", "Edited text"),
            ],
        )
        .await;

    assert_eq!(response.status().as_u16(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("Please enter your name."));
    assert!(page.contains("Edited text"));
    let (_, public) = app.get_page(&post_path()).await;
    assert!(public.contains("Original"));
}

#[tokio::test]
async fn every_action_is_written_to_the_moderation_log() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let id = app.seed_comment("Reader", "Log me", "pending").await;
    act(&app, &csrf, id, "approve").await;
    act(&app, &csrf, id, "spam").await;

    let (status, log) = app.get_page("/admin/log").await;

    assert_eq!(status, 200);
    assert!(log.contains("approve"));
    assert!(log.contains("spam"));
    assert!(log.contains(&format!("#{id}")));
    assert!(log.contains("alice"));
}

#[tokio::test]
async fn the_navigation_shows_how_many_comments_are_pending() {
    let app = spawn_app().await;
    app.login_admin().await;
    app.seed_comment("A", "a", "pending").await;
    app.seed_comment("B", "b", "pending").await;
    app.seed_comment("C", "c", "pending").await;

    let (_, page) = app.get_page("/admin/log").await;

    assert!(page.contains(r#"<span class="badge" title="Pending comments">3"#));
}

#[tokio::test]
async fn the_queue_is_paginated_newest_first() {
    let app = spawn_app().await;
    app.login_admin().await;
    for i in 1..=51 {
        app.seed_comment("Reader", &format!("Comment number {i}."), "pending")
            .await;
        sqlx::query("UPDATE comments SET created_at = ? WHERE id = (SELECT MAX(id) FROM comments)")
            .bind(1_700_000_000 + i)
            .execute(&app.pool)
            .await
            .unwrap();
    }

    let (_, first) = app.get_page("/admin/comments").await;
    let (_, second) = app.get_page("/admin/comments?status=pending&page=2").await;

    assert!(first.find("Comment number 51.").unwrap() < first.find("Comment number 50.").unwrap());
    assert!(!first.contains("Comment number 1."));
    assert!(second.contains("Comment number 1."));
}

/// Every admin POST, each with the fields it needs apart from the CSRF token.
fn admin_posts(id: i64) -> Vec<(String, Vec<(&'static str, String)>)> {
    let mut posts: Vec<(String, Vec<(&'static str, String)>)> =
        ["approve", "unapprove", "spam", "trash", "restore", "delete"]
            .into_iter()
            .map(|action| (format!("/admin/comments/{id}/{action}"), vec![]))
            .collect();
    posts.push((
        "/admin/comments/bulk".into(),
        vec![("action", "trash".into()), ("ids", id.to_string())],
    ));
    posts.push((
        format!("/admin/comments/{id}/reply"),
        vec![("body", "reply".into())],
    ));
    posts.push((
        format!("/admin/comments/{id}/edit"),
        vec![("author_name", "X".into()), ("body", "changed".into())],
    ));
    posts.push((
        "/admin/settings".into(),
        vec![
            ("title", "Hijacked".into()),
            ("posts_per_page", "10".into()),
        ],
    ));
    posts.push((
        "/admin/posts".into(),
        vec![
            ("title", "Injected".into()),
            ("body", "x".into()),
            ("status", "published".into()),
        ],
    ));
    posts.push((
        "/admin/posts/1".into(),
        vec![
            ("title", "Changed".into()),
            ("body", "x".into()),
            ("status", "published".into()),
        ],
    ));
    posts.push(("/admin/posts/1/delete".into(), vec![]));
    posts.push(("/admin/logout".into(), vec![]));
    posts
}

async fn snapshot(app: &TestApp) -> (i64, String, i64) {
    let comments = app.comment_count().await;
    let row: (String, String) =
        sqlx::query_as("SELECT group_concat(status), group_concat(body) FROM comments")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let sessions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let title: String = sqlx::query_scalar(
        "SELECT (SELECT title FROM site_settings) || group_concat(title) FROM posts",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    (comments, format!("{row:?} {title}"), sessions)
}

#[tokio::test]
async fn every_admin_post_without_a_csrf_token_or_with_a_wrong_one_is_a_403_and_changes_nothing() {
    let app = spawn_app().await;
    app.login_admin().await;
    let id = app.seed_comment("Reader", "Untouchable", "approved").await;
    let before = snapshot(&app).await;

    for (path, fields) in admin_posts(id) {
        for token in [None, Some("0".repeat(64))] {
            let mut form: Vec<(&str, String)> = fields.clone();
            if let Some(token) = &token {
                form.push(("csrf_token", token.clone()));
            }
            let response = app
                .client
                .post(app.url(&path))
                .form(&form)
                .send()
                .await
                .unwrap();
            assert_eq!(
                response.status().as_u16(),
                403,
                "{path} with token {token:?}"
            );
        }
    }

    assert_eq!(snapshot(&app).await, before);
}

#[tokio::test]
async fn every_admin_post_without_a_session_changes_nothing() {
    let app = spawn_app().await;
    let id = app.seed_comment("Reader", "Untouchable", "approved").await;
    let before = snapshot(&app).await;

    for (path, fields) in admin_posts(id) {
        let response = app
            .client
            .post(app.url(&path))
            .form(&fields)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 303, "{path}");
        assert!(location(&response).starts_with("/admin/login"), "{path}");
    }

    assert_eq!(snapshot(&app).await, before);
}

#[tokio::test]
async fn a_reply_in_the_queue_shows_the_first_line_of_what_it_answers() {
    let app = spawn_app().await;
    app.login_admin().await;
    let parent = app
        .seed_comment(
            "Ada",
            "Do you open on Saturdays?\nI work all week.",
            "approved",
        )
        .await;
    let mut reply = comment_with("body", "Same question here.");
    reply.push(("parent_id", parent.to_string()));
    app.post_valid_comment(WELCOME_SLUG, &reply).await;

    let (_, queue) = app.get_page("/admin/comments").await;

    assert!(
        queue.contains(&format!(
            "In reply to #{parent}: “Do you open on Saturdays?”"
        )),
        "{queue}"
    );
    assert!(!queue.contains("I work all week."));
}

#[tokio::test]
async fn an_approved_comment_shows_no_hold_reason() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let id = app.seed_comment("Ada", "Held at first.", "pending").await;
    let (_, pending) = app.get_page("/admin/comments").await;
    assert!(pending.contains("Reason: "), "a held comment says why");

    let approved = act(&app, &csrf, id, "approve").await;
    let (_, approved_tab) = app.get_page("/admin/comments?status=approved").await;

    assert!(approved.contains("Approved (1)"));
    assert!(!approved_tab.contains("Reason: "), "{approved_tab}");
}

#[tokio::test]
async fn the_moderation_log_links_each_comment_that_still_exists() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let kept = app.seed_comment("Ada", "Kept.", "pending").await;
    let gone = app.seed_comment("Bob", "Gone.", "spam").await;
    act(&app, &csrf, kept, "approve").await;
    app.admin_post(
        &format!("/admin/comments/{gone}/delete"),
        &[("csrf_token", csrf.as_str())],
    )
    .await;

    let (_, log) = app.get_page("/admin/log").await;

    assert!(log.contains(&format!(
        r#"<a href="/admin/comments/{kept}/edit">#{kept}</a>"#
    )));
    assert!(log.contains(&format!("#{gone} (deleted)")), "{log}");
}
