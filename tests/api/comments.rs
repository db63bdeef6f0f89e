use crate::helpers::{TestApp, WELCOME_SLUG, comment_with, spawn_app, valid_comment};

fn post_path() -> String {
    format!("/posts/{WELCOME_SLUG}")
}

/// Posts a form that must be refused with 422 and returns the re-shown page.
async fn refused_page(app: &TestApp, form: &[(&str, String)]) -> String {
    let response = app.post_comment(WELCOME_SLUG, form).await;
    assert_eq!(response.status().as_u16(), 422);
    response.text().await.unwrap()
}

#[tokio::test]
async fn a_valid_comment_is_stored_as_pending_and_redirects_303_to_the_post() {
    let app = spawn_app().await;

    let location = app.post_valid_comment(WELCOME_SLUG, &valid_comment()).await;

    assert!(
        location.starts_with(&format!("{}?mine=", post_path())),
        "{location}"
    );
    assert_eq!(app.comment_count().await, 1);
    assert_eq!(
        app.comment_status(app.last_comment_id().await).await,
        "pending"
    );
}

#[tokio::test]
async fn the_author_sees_their_pending_comment_awaiting_moderation() {
    let app = spawn_app().await;
    let location = app.post_valid_comment(WELCOME_SLUG, &valid_comment()).await;

    let (status, page) = app.get_page(&location).await;

    assert_eq!(status, 200);
    assert!(page.contains("What a thoughtful post."));
    assert!(page.contains("Your comment is awaiting moderation."));
    assert!(page.contains(&format!(r#"id="comment-{}""#, app.last_comment_id().await)));
}

#[tokio::test]
async fn other_visitors_do_not_see_a_pending_comment() {
    let app = spawn_app().await;
    app.post_valid_comment(WELCOME_SLUG, &valid_comment()).await;

    let (_, page) = app.get_page(&post_path()).await;

    assert!(!page.contains("What a thoughtful post."));
    assert!(!page.contains("awaiting moderation"));
}

#[tokio::test]
async fn a_forged_or_foreign_token_shows_no_pending_comment() {
    let app = spawn_app().await;
    let mine = app.post_valid_comment(WELCOME_SLUG, &valid_comment()).await;
    let id = app.last_comment_id().await;
    let mut other = comment_with("body", "Someone else's words");
    other.retain(|(k, _)| *k != "name");
    other.push(("name", "Mallory".into()));
    app.post_valid_comment(WELCOME_SLUG, &other).await;

    let forged = format!(
        "{}?mine={}.00000000000000000000000000000000",
        post_path(),
        id + 1
    );
    let (_, forged_page) = app.get_page(&forged).await;
    let (_, own_page) = app.get_page(&mine).await;

    assert!(!forged_page.contains("Someone else"));
    assert!(!forged_page.contains("awaiting moderation"));
    assert!(!own_page.contains("Someone else"));
}

#[tokio::test]
async fn an_approved_comment_is_shown_to_everyone_oldest_first() {
    let app = spawn_app().await;
    app.post_valid_comment(WELCOME_SLUG, &comment_with("body", "First words"))
        .await;
    let first = app.last_comment_id().await;
    app.post_valid_comment(WELCOME_SLUG, &comment_with("body", "Second words"))
        .await;
    let second = app.last_comment_id().await;
    app.set_comment_status(second, "approved").await;
    app.set_comment_status(first, "approved").await;

    let (_, page) = app.get_page(&post_path()).await;

    let first_at = page.find(&format!(r#"id="comment-{first}""#)).unwrap();
    let second_at = page.find(&format!(r#"id="comment-{second}""#)).unwrap();
    assert!(first_at < second_at);
    assert!(!page.contains("awaiting moderation"));
}

#[tokio::test]
async fn a_reply_to_an_approved_comment_is_threaded_under_it() {
    let app = spawn_app().await;
    app.post_valid_comment(WELCOME_SLUG, &comment_with("body", "Parent words"))
        .await;
    let parent = app.last_comment_id().await;
    app.set_comment_status(parent, "approved").await;

    let (_, reply_form) = app
        .get_page(&format!("{}?replytocom={parent}", post_path()))
        .await;
    app.post_valid_comment(
        WELCOME_SLUG,
        &comment_with("parent_id", &parent.to_string()),
    )
    .await;
    let reply = app.last_comment_id().await;
    app.set_comment_status(reply, "approved").await;
    let (_, page) = app.get_page(&post_path()).await;

    assert!(reply_form.contains(&format!(r#"name="parent_id" value="{parent}""#)));
    assert!(reply_form.contains("Replying to Ada Lovelace"));
    assert!(page.contains(&format!(r#"class="comment depth-1" id="comment-{reply}""#)));
}

#[tokio::test]
async fn a_reply_to_a_comment_that_is_not_approved_is_refused_with_422() {
    let app = spawn_app().await;
    app.post_valid_comment(WELCOME_SLUG, &comment_with("body", "Still pending"))
        .await;
    let pending = app.last_comment_id().await;

    for parent in [pending.to_string(), "999".to_owned(), "junk".to_owned()] {
        let page = refused_page(&app, &comment_with("parent_id", &parent)).await;
        assert!(
            page.contains("The comment you are replying to does not exist"),
            "{parent}"
        );
        assert!(page.contains("What a thoughtful post."), "the text is kept");
    }
    assert_eq!(app.comment_count().await, 1);
}

#[tokio::test]
async fn a_reply_to_a_comment_of_another_post_is_refused() {
    let app = spawn_app().await;
    app.create_post("other", "Other post", true, true).await;
    app.post_valid_comment("other", &valid_comment()).await;
    let elsewhere = app.last_comment_id().await;
    app.set_comment_status(elsewhere, "approved").await;

    refused_page(&app, &comment_with("parent_id", &elsewhere.to_string())).await;

    assert_eq!(app.comment_count().await, 1);
}

async fn assert_field_refused(field: &'static str, value: &str, message: &str) {
    let app = spawn_app().await;
    let form = comment_with(field, value);

    let page = refused_page(&app, &form).await;

    assert!(
        page.contains(&tera::escape_html(message)),
        "no message {message:?} for {field}"
    );
    assert!(
        page.contains(&format!(r#"id="{field}-error""#)),
        "the message is not next to {field}"
    );
    for (name, typed) in &form {
        if *name != "body" {
            assert!(
                page.contains(&format!(r#"value="{}""#, tera::escape_html(typed))),
                "{name} not kept"
            );
        }
    }
    assert!(page.contains(&tera::escape_html(
        &form.iter().find(|(k, _)| *k == "body").unwrap().1
    )));
    assert_eq!(app.comment_count().await, 0, "nothing is stored");
}

#[tokio::test]
async fn a_comment_without_a_name_is_rejected_with_422() {
    assert_field_refused("name", "   ", "Please enter your name.").await;
}

#[tokio::test]
async fn a_name_over_100_characters_is_rejected_with_422() {
    assert_field_refused("name", &"n".repeat(101), "at most 100 characters").await;
}

#[tokio::test]
async fn a_name_with_control_characters_is_rejected_with_422() {
    assert_field_refused("name", "Ada\u{1b}[31m", "control characters").await;
}

#[tokio::test]
async fn a_comment_without_an_email_is_rejected_with_422() {
    assert_field_refused("email", "", "Please enter your email address.").await;
}

#[tokio::test]
async fn an_invalid_email_is_rejected_with_422() {
    assert_field_refused(
        "email",
        "ada-at-example",
        "Please enter a valid email address",
    )
    .await;
}

#[tokio::test]
async fn an_email_over_254_characters_is_rejected_with_422() {
    assert_field_refused(
        "email",
        &format!("{}@example.org", "a".repeat(250)),
        "at most 254 characters",
    )
    .await;
}

#[tokio::test]
async fn a_website_that_is_not_http_is_rejected_with_422() {
    assert_field_refused(
        "website",
        "javascript:alert(1)",
        "starting with http:// or https://",
    )
    .await;
}

#[tokio::test]
async fn a_website_over_200_characters_is_rejected_with_422() {
    assert_field_refused(
        "website",
        &format!("https://example.org/{}", "a".repeat(190)),
        "at most 200 characters",
    )
    .await;
}

#[tokio::test]
async fn an_empty_comment_is_rejected_with_422() {
    assert_field_refused("body", " \n ", "Please write a comment.").await;
}

#[tokio::test]
async fn a_comment_over_5000_characters_is_rejected_with_422() {
    assert_field_refused("body", &"b".repeat(5_001), "at most 5000 characters").await;
}

#[tokio::test]
async fn a_form_with_every_field_wrong_gets_a_message_per_field() {
    let app = spawn_app().await;
    let form = vec![
        ("name", String::new()),
        ("email", "x".into()),
        ("website", "ftp://x".into()),
        ("body", String::new()),
    ];

    let page = refused_page(&app, &form).await;

    for field in ["name", "email", "website", "body"] {
        assert!(page.contains(&format!(r#"id="{field}-error""#)), "{field}");
    }
}

#[tokio::test]
async fn a_comment_on_an_unknown_post_is_a_404() {
    let app = spawn_app().await;

    let response = app.post_comment("no-such-post", &valid_comment()).await;

    assert_eq!(response.status().as_u16(), 404);
    assert_eq!(app.comment_count().await, 0);
}

#[tokio::test]
async fn a_comment_on_a_draft_is_a_404() {
    let app = spawn_app().await;
    app.create_post("draft", "Draft", false, true).await;

    assert_eq!(
        app.post_comment("draft", &valid_comment())
            .await
            .status()
            .as_u16(),
        404
    );
    assert_eq!(app.comment_count().await, 0);
}

#[tokio::test]
async fn a_comment_on_a_post_with_closed_comments_is_a_403_with_a_message() {
    let app = spawn_app().await;
    app.create_post("closed", "Closed", true, false).await;

    let response = app.post_comment("closed", &valid_comment()).await;

    assert_eq!(response.status().as_u16(), 403);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Comments are closed on this post.")
    );
    assert_eq!(app.comment_count().await, 0);
    let (_, page) = app.get_page("/posts/closed").await;
    assert!(!page.contains("Leave a Reply"));
}

#[tokio::test]
async fn a_body_over_64_kib_is_a_413() {
    let app = spawn_app().await;

    let response = app
        .post_comment(WELCOME_SLUG, &comment_with("body", &"x".repeat(70 * 1024)))
        .await;

    assert_eq!(response.status().as_u16(), 413);
    assert_eq!(app.comment_count().await, 0);
}

#[tokio::test]
async fn html_in_a_comment_is_shown_as_the_text_typed() {
    let app = spawn_app().await;
    let mut form = comment_with(
        "body",
        "<script>alert('body')</script>\n<b>bold</b> see https://example.org/x",
    );
    form.retain(|(k, _)| *k != "name");
    form.push(("name", "<img src=x onerror=alert(1)>".into()));
    app.post_valid_comment(WELCOME_SLUG, &form).await;
    let id = app.last_comment_id().await;
    app.set_comment_status(id, "approved").await;

    let (_, page) = app.get_page(&post_path()).await;

    assert!(!page.contains("<script>alert"));
    assert!(!page.contains("<img src=x"));
    assert!(!page.contains("<b>bold"));
    assert!(page.contains("&lt;script&gt;alert("));
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(page.contains(r#"rel="nofollow ugc noopener""#));
}

#[tokio::test]
async fn a_website_with_quotes_cannot_break_out_of_its_attribute() {
    let app = spawn_app().await;
    app.post_valid_comment(
        WELCOME_SLUG,
        &comment_with("website", "https://example.org/\"onmouseover=\"alert(1)"),
    )
    .await;
    let id = app.last_comment_id().await;
    app.set_comment_status(id, "approved").await;

    let (_, page) = app.get_page(&post_path()).await;

    assert!(!page.contains("\"onmouseover=\""));
}

#[tokio::test]
async fn paragraphs_and_line_breaks_in_a_comment_are_kept() {
    let app = spawn_app().await;
    app.post_valid_comment(
        WELCOME_SLUG,
        &comment_with("body", "line one\nline two\n\nsecond paragraph"),
    )
    .await;
    app.set_comment_status(app.last_comment_id().await, "approved")
        .await;

    let (_, page) = app.get_page(&post_path()).await;

    assert!(page.contains("<p>line one<br>\nline two</p>\n<p>second paragraph</p>"));
}

#[tokio::test]
async fn the_email_appears_in_no_public_response() {
    let app = spawn_app().await;
    let email = "hidden.person@example.org";
    let location = app
        .post_valid_comment(WELCOME_SLUG, &comment_with("email", email))
        .await;
    let (_, own_view) = app.get_page(&location).await;
    app.set_comment_status(app.last_comment_id().await, "approved")
        .await;

    for page in [
        own_view,
        app.get_page(&post_path()).await.1,
        app.get_page("/").await.1,
    ] {
        assert!(!page.contains(email));
        assert!(!page.contains("hidden.person"));
    }
}
