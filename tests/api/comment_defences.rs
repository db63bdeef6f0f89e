//! The comment-intake defences: honeypot, timing token, rate limit, duplicates,
//! the site's comment rules, client IPs and storage hygiene.

use folio::hygiene::{self, Retention};

use crate::helpers::{
    TestApp, WELCOME_SLUG, comment_with, input_value, spawn_app, spawn_app_with,
    spawn_app_with_site, valid_comment,
};

const DAY: i64 = 24 * 60 * 60;

/// Posts a form that must be accepted (303) and returns the stored comment's id.
async fn accepted(app: &TestApp, form: &[(&str, String)]) -> i64 {
    app.post_valid_comment(WELCOME_SLUG, form).await;
    app.last_comment_id().await
}

async fn stored_ip(app: &TestApp, id: i64) -> String {
    sqlx::query_scalar::<_, String>("SELECT ip FROM comments WHERE id = ?")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_filled_in_honeypot_files_the_comment_as_spam_with_its_reason() {
    let app = spawn_app().await;

    let id = accepted(&app, &comment_with("homepage", "https://bot.example")).await;

    assert_eq!(app.comment_status(id).await, "spam");
    assert!(app.comment_reason(id).await.contains("honeypot"));
}

#[tokio::test]
async fn a_spam_comment_looks_to_its_author_like_any_comment_awaiting_moderation() {
    let app = spawn_app().await;
    let location = app
        .post_valid_comment(WELCOME_SLUG, &comment_with("homepage", "x"))
        .await;

    let (_, own_view) = app.get_page(&location).await;
    let (_, public) = app.get_page(&format!("/posts/{WELCOME_SLUG}")).await;

    assert!(own_view.contains("Your comment is awaiting moderation."));
    assert!(!own_view.contains("honeypot"));
    assert!(!public.contains("What a thoughtful post."));
}

#[tokio::test]
async fn the_honeypot_field_is_hidden_from_people() {
    let app = spawn_app().await;

    let (_, page) = app.get_page(&format!("/posts/{WELCOME_SLUG}")).await;
    let (_, css) = app.get_page("/static/style.css").await;

    let field = &page[page.find(r#"class="field hp-field""#).unwrap()..];
    let field = &field[..field.find("</p>").unwrap()];
    assert!(field.contains(r#"aria-hidden="true""#));
    assert!(field.contains(r#"name="homepage""#));
    assert!(field.contains(r#"tabindex="-1""#));
    assert!(field.contains(r#"autocomplete="off""#));
    assert!(css.contains(".hp-field {"));
}

#[tokio::test]
async fn a_form_sent_sooner_than_the_minimum_is_filed_as_spam() {
    let app = spawn_app_with(|config| config.comment_min_seconds = 3).await;
    let mut form = app.hidden_form_fields(WELCOME_SLUG).await;
    app.clock.advance(2);
    form.extend(valid_comment());

    let id = accepted(&app, &form).await;

    assert_eq!(app.comment_status(id).await, "spam");
    assert!(app.comment_reason(id).await.contains("sent 2 s after"));
}

#[tokio::test]
async fn a_real_readers_slow_submission_is_accepted() {
    let app = spawn_app_with(|config| config.comment_min_seconds = 3).await;
    let mut form = app.hidden_form_fields(WELCOME_SLUG).await;
    app.clock.advance(3 * 60 * 60);
    form.extend(valid_comment());

    let id = accepted(&app, &form).await;

    assert_eq!(app.comment_status(id).await, "pending");
}

#[tokio::test]
async fn a_forged_timing_token_files_the_comment_as_spam() {
    let app = spawn_app().await;
    let issued = app.clock.now() - 600;
    let forged = format!("{issued}.00112233445566778899aabbccddeeff");

    let id = accepted(&app, &comment_with("form_token", &forged)).await;

    assert_eq!(app.comment_status(id).await, "spam");
    assert!(app.comment_reason(id).await.contains("forged"));
}

#[tokio::test]
async fn a_form_posted_without_its_timing_token_is_filed_as_spam() {
    let app = spawn_app().await;

    let response = app
        .post_comment_raw(WELCOME_SLUG, &valid_comment(), &[])
        .await;

    assert_eq!(response.status().as_u16(), 303);
    let id = app.last_comment_id().await;
    assert_eq!(app.comment_status(id).await, "spam");
    assert!(app.comment_reason(id).await.contains("timing token"));
}

#[tokio::test]
async fn a_form_left_open_over_a_day_is_shown_again_with_the_text_kept_and_nothing_stored() {
    let app = spawn_app().await;
    let mut form = app.hidden_form_fields(WELCOME_SLUG).await;
    let old_token = input_value_of(&form, "form_token");
    app.clock.advance(DAY + 60);
    form.extend(comment_with(
        "body",
        "Written last night, sent this morning.",
    ));

    let response = app.post_comment_raw(WELCOME_SLUG, &form, &[]).await;

    assert_eq!(response.status().as_u16(), 422);
    let page = response.text().await.unwrap();
    assert!(
        page.contains(
            "Your page was open a long time; please check your comment and send it again."
        )
    );
    assert!(page.contains("Written last night, sent this morning."));
    let fresh_token = input_value(&page, "form_token").unwrap();
    assert_ne!(fresh_token, old_token);
    assert_eq!(app.comment_count().await, 0);
}

#[tokio::test]
async fn a_form_shown_again_after_a_day_can_be_sent_with_its_fresh_token() {
    let app = spawn_app().await;
    let mut form = app.hidden_form_fields(WELCOME_SLUG).await;
    app.clock.advance(2 * DAY);
    form.extend(valid_comment());
    let page = app
        .post_comment_raw(WELCOME_SLUG, &form, &[])
        .await
        .text()
        .await
        .unwrap();
    let mut again = valid_comment();
    again.push(("form_token", input_value(&page, "form_token").unwrap()));

    let response = app.post_comment_raw(WELCOME_SLUG, &again, &[]).await;

    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(
        app.comment_status(app.last_comment_id().await).await,
        "pending"
    );
}

fn input_value_of(form: &[(&str, String)], name: &str) -> String {
    form.iter().find(|(k, _)| *k == name).unwrap().1.clone()
}

#[tokio::test]
async fn a_burst_of_comments_is_refused_with_429_and_allowed_again_after_a_minute() {
    let app = spawn_app_with(|config| config.comments_per_minute = 2).await;
    accepted(&app, &comment_with("body", "First")).await;
    accepted(&app, &comment_with("body", "Second")).await;

    let refused = app
        .post_comment(WELCOME_SLUG, &comment_with("body", "Third, too soon"))
        .await;

    assert_eq!(refused.status().as_u16(), 429);
    let page = refused.text().await.unwrap();
    assert!(page.contains("You are posting comments too quickly. Slow down."));
    assert!(page.contains("Third, too soon"), "the text is kept");
    assert_eq!(app.comment_count().await, 2);

    app.clock.advance(61);
    let later = app
        .post_comment(WELCOME_SLUG, &comment_with("body", "Third, too soon"))
        .await;

    assert_eq!(later.status().as_u16(), 303);
    assert_eq!(app.comment_count().await, 3);
}

#[tokio::test]
async fn the_same_comment_twice_is_refused_with_409_and_the_text_kept() {
    let app = spawn_app().await;
    accepted(&app, &valid_comment()).await;

    let response = app.post_comment(WELCOME_SLUG, &valid_comment()).await;

    assert_eq!(response.status().as_u16(), 409);
    let page = response.text().await.unwrap();
    assert!(page.contains(&tera::escape_html(
        "Duplicate comment detected; it looks as though you've already said that!"
    )));
    assert!(page.contains("What a thoughtful post."));
    assert_eq!(app.comment_count().await, 1);
}

#[tokio::test]
async fn the_same_text_from_the_same_ip_under_another_email_is_a_duplicate() {
    let app = spawn_app().await;
    accepted(&app, &valid_comment()).await;

    let response = app
        .post_comment(WELCOME_SLUG, &comment_with("email", "other@example.org"))
        .await;

    assert_eq!(response.status().as_u16(), 409);
}

#[tokio::test]
async fn the_same_text_a_day_later_is_not_a_duplicate() {
    let app = spawn_app().await;
    accepted(&app, &valid_comment()).await;
    app.clock.advance(DAY + 1);

    let response = app.post_comment(WELCOME_SLUG, &valid_comment()).await;

    assert_eq!(response.status().as_u16(), 303);
}

#[tokio::test]
async fn a_comment_with_one_link_more_than_allowed_is_held_with_its_reason() {
    let app = spawn_app_with_site(|_| {}, "UPDATE site_settings SET hold_if_links_over = 2").await;
    let body = "See https://a.example, https://b.example and https://c.example";

    let id = accepted(&app, &comment_with("body", body)).await;

    assert_eq!(app.comment_status(id).await, "pending");
    assert!(
        app.comment_reason(id)
            .await
            .contains("3 links (more than 2)")
    );
}

#[tokio::test]
async fn a_disallowed_word_in_the_user_agent_files_the_comment_as_spam() {
    let app = spawn_app_with_site(|_| {}, "UPDATE site_settings SET spam_words = 'EvilBot'").await;
    let mut form = app.hidden_form_fields(WELCOME_SLUG).await;
    form.extend(valid_comment());

    let response = app
        .post_comment_raw(
            WELCOME_SLUG,
            &form,
            &[("user-agent", "Mozilla/5.0 (compatible; evilbot/2.1)")],
        )
        .await;

    assert_eq!(response.status().as_u16(), 303);
    let id = app.last_comment_id().await;
    assert_eq!(app.comment_status(id).await, "spam");
    assert!(app.comment_reason(id).await.contains("in the user agent"));
}

#[tokio::test]
async fn a_moderation_word_holds_the_comment_with_its_reason() {
    let app = spawn_app_with_site(
        |_| {},
        "UPDATE site_settings SET moderation_words = 'refund', auto_approve_known_authors = 1",
    )
    .await;

    let id = accepted(&app, &comment_with("body", "Can I get a REFUND?")).await;

    assert_eq!(app.comment_status(id).await, "pending");
    assert!(app.comment_reason(id).await.contains("\"refund\""));
}

#[tokio::test]
async fn a_known_author_is_approved_and_visible_to_everyone_at_once() {
    let app = spawn_app_with_site(
        |_| {},
        "UPDATE site_settings SET auto_approve_known_authors = 1",
    )
    .await;
    let first = accepted(&app, &comment_with("body", "My first comment")).await;
    assert_eq!(app.comment_status(first).await, "pending");
    app.set_comment_status(first, "approved").await;

    let second = accepted(&app, &comment_with("body", "My second comment")).await;
    let stranger = reqwest::Client::new();
    let page = stranger
        .get(app.url(&format!("/posts/{WELCOME_SLUG}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();

    assert_eq!(app.comment_status(second).await, "approved");
    assert!(page.contains("My second comment"));
    assert!(page.contains(&format!(r#"id="comment-{second}""#)));
}

#[tokio::test]
async fn a_new_author_is_held_even_with_auto_approval_on() {
    let app = spawn_app_with_site(
        |_| {},
        "UPDATE site_settings SET auto_approve_known_authors = 1",
    )
    .await;

    let id = accepted(&app, &valid_comment()).await;

    assert_eq!(app.comment_status(id).await, "pending");
    assert!(app.comment_reason(id).await.contains("no earlier approved"));
}

#[tokio::test]
async fn comments_close_the_configured_number_of_days_after_publishing() {
    let app = spawn_app_with_site(
        |_| {},
        "UPDATE site_settings SET close_comments_after_days = 7",
    )
    .await;
    let mut form = app.hidden_form_fields(WELCOME_SLUG).await;
    form.extend(valid_comment());
    app.clock.advance(8 * DAY);

    let (_, page) = app.get_page(&format!("/posts/{WELCOME_SLUG}")).await;
    let response = app.post_comment_raw(WELCOME_SLUG, &form, &[]).await;

    assert!(!page.contains("Leave a Reply"));
    assert!(page.contains("Comments are closed on this post."));
    assert_eq!(response.status().as_u16(), 403);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Comments are closed on this post.")
    );
    assert_eq!(app.comment_count().await, 0);
}

#[tokio::test]
async fn comments_stay_open_before_the_closing_age() {
    let app = spawn_app_with_site(
        |_| {},
        "UPDATE site_settings SET close_comments_after_days = 7",
    )
    .await;
    app.clock.advance(6 * DAY);

    let response = app.post_comment(WELCOME_SLUG, &valid_comment()).await;

    assert_eq!(response.status().as_u16(), 303);
}

#[tokio::test]
async fn the_client_ip_is_the_socket_peer_whatever_x_forwarded_for_says() {
    let app = spawn_app().await;
    let mut form = app.hidden_form_fields(WELCOME_SLUG).await;
    form.extend(valid_comment());

    app.post_comment_raw(WELCOME_SLUG, &form, &[("x-forwarded-for", "198.51.100.7")])
        .await;

    assert_eq!(
        stored_ip(&app, app.last_comment_id().await).await,
        "127.0.0.1"
    );
}

#[tokio::test]
async fn behind_the_trusted_proxy_the_client_ip_comes_from_x_forwarded_for() {
    let app =
        spawn_app_with(|config| config.trusted_proxy = Some("127.0.0.1".parse().unwrap())).await;
    let mut form = app.hidden_form_fields(WELCOME_SLUG).await;
    form.extend(valid_comment());

    app.post_comment_raw(
        WELCOME_SLUG,
        &form,
        &[("x-forwarded-for", "6.6.6.6, 198.51.100.7")],
    )
    .await;

    assert_eq!(
        stored_ip(&app, app.last_comment_id().await).await,
        "198.51.100.7"
    );
}

#[tokio::test]
async fn old_ip_addresses_are_reduced_to_their_network_and_recent_ones_kept() {
    let app = spawn_app().await;
    let old = accepted(&app, &comment_with("body", "Old")).await;
    let recent = accepted(&app, &comment_with("body", "Recent")).await;
    sqlx::query(
        "UPDATE comments SET ip = '203.0.113.77', created_at = created_at - ? WHERE id = ?",
    )
    .bind(31 * DAY)
    .bind(old)
    .execute(&app.pool)
    .await
    .unwrap();
    let retention = Retention {
        ip_days: 30,
        spam_days: 30,
    };

    let tidied = hygiene::tidy(&app.pool, retention, app.clock.now())
        .await
        .unwrap();

    assert_eq!(tidied.ips_reduced, 1);
    assert_eq!(stored_ip(&app, old).await, "203.0.113.0/24");
    assert_eq!(stored_ip(&app, recent).await, "127.0.0.1");
}

/// One run of the storage hygiene that keeps spam for 30 days and every IP address.
async fn purge_spam_older_than_30_days(app: &TestApp) -> hygiene::Tidied {
    let retention = Retention {
        ip_days: 0,
        spam_days: 30,
    };
    hygiene::tidy(&app.pool, retention, app.clock.now())
        .await
        .unwrap()
}

#[tokio::test]
async fn spam_older_than_the_retention_is_purged_and_everything_else_kept() {
    let app = spawn_app().await;
    let old_spam = accepted(&app, &comment_with("body", "Old spam")).await;
    let new_spam = accepted(&app, &comment_with("body", "New spam")).await;
    let old_pending = accepted(&app, &comment_with("body", "Old but real")).await;
    for id in [old_spam, new_spam] {
        app.set_comment_status(id, "spam").await;
    }
    sqlx::query("UPDATE comments SET created_at = created_at - ? WHERE id IN (?, ?)")
        .bind(31 * DAY)
        .bind(old_spam)
        .bind(old_pending)
        .execute(&app.pool)
        .await
        .unwrap();
    let tidied = purge_spam_older_than_30_days(&app).await;

    assert_eq!(tidied.spam_purged, 1);
    assert_eq!(app.comment_count().await, 2);
    assert_eq!(app.comment_status(new_spam).await, "spam");
    assert_eq!(app.comment_status(old_pending).await, "pending");
}

/// A site moved from WordPress may bring tens of thousands of spam comments:
/// they are deleted a batch at a time (each batch its own transaction), so
/// comment intake and the admin's writes never wait long for the write lock;
/// one run of the hygiene still deletes them all.
#[tokio::test]
async fn old_spam_is_deleted_a_batch_at_a_time_and_all_of_it_by_one_run() {
    let app = spawn_app().await;
    let kept = accepted(&app, &comment_with("body", "Not spam")).await;
    let old = app.clock.now() - 31 * DAY;
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1201)
         INSERT INTO comments (post_id, author_name, author_email, body, body_html, status, created_at)
         SELECT (SELECT id FROM posts WHERE slug = ?1), 'Spammer ' || i, 'spam' || i || '@example.org',
                'Buy number ' || i || '.', '<p>Buy number ' || i || '.</p>', 'spam', ?2 + i
         FROM n",
    )
    .bind(WELCOME_SLUG)
    .bind(old.seconds())
    .execute(&app.pool)
    .await
    .unwrap();
    let before = app.clock.now() - 30 * DAY;

    let one_batch = folio::db::comments::purge_spam_before(&app.pool, before, 500)
        .await
        .unwrap();
    assert_eq!(one_batch, 500);
    assert_eq!(app.comment_count().await, 1 + 701);

    let tidied = purge_spam_older_than_30_days(&app).await;
    assert_eq!(tidied.spam_purged, 701);
    assert_eq!(app.comment_count().await, 1);
    assert_eq!(app.comment_status(kept).await, "pending");
}
