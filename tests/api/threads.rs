//! Threads in the document: a reply is an element inside its parent's element
//! (`<ol class="children">` inside the parent's `<li>`, as WordPress does).

use std::collections::HashMap;

use crate::helpers::{TestApp, WELCOME_SLUG, comment_with, spawn_app, spawn_app_with_site};

/// For every comment's `<li id="comment-N">`: the ids of the comments whose
/// `<li>` encloses it, outermost first. `<` in comment text is escaped, so
/// every `<li` in the page is a real tag.
fn enclosing_comments(page: &str) -> HashMap<i64, Vec<i64>> {
    let mut open: Vec<Option<i64>> = Vec::new();
    let mut found = HashMap::new();
    let mut rest = page;
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        if rest.starts_with("</li>") {
            open.pop().expect("every </li> closes an <li>");
        } else if rest.starts_with("<li ") || rest.starts_with("<li>") {
            let tag = &rest[..rest.find('>').unwrap()];
            let id = tag
                .split(r#"id="comment-"#)
                .nth(1)
                .and_then(|s| s.split('"').next())
                .and_then(|s| s.parse::<i64>().ok());
            if let Some(id) = id {
                found.insert(id, open.iter().flatten().copied().collect());
            }
            open.push(id);
        }
        rest = &rest[1..];
    }
    assert!(open.is_empty(), "an <li> is never closed");
    found
}

/// An approved comment on the welcome post, replying to `parent` if given.
async fn approved_comment(app: &TestApp, body: &str, parent: Option<i64>) -> i64 {
    let mut form = comment_with("body", body);
    if let Some(parent) = parent {
        form.push(("parent_id", parent.to_string()));
    }
    app.post_valid_comment(WELCOME_SLUG, &form).await;
    let id = app.last_comment_id().await;
    app.set_comment_status(id, "approved").await;
    id
}

#[tokio::test]
async fn a_reply_is_an_element_inside_its_parents_element() {
    let app = spawn_app().await;
    let parent = approved_comment(&app, "The parent", None).await;
    let reply = approved_comment(&app, "A reply", Some(parent)).await;
    let reply_to_reply = approved_comment(&app, "A reply to the reply", Some(reply)).await;
    let second_reply = approved_comment(&app, "Another reply", Some(parent)).await;
    let top_level = approved_comment(&app, "Another thread", None).await;

    let (_, page) = app.get_page(&format!("/posts/{WELCOME_SLUG}")).await;
    let enclosing = enclosing_comments(&page);

    assert_eq!(enclosing[&parent], Vec::<i64>::new());
    assert_eq!(enclosing[&reply], vec![parent]);
    assert_eq!(enclosing[&reply_to_reply], vec![parent, reply]);
    assert_eq!(enclosing[&second_reply], vec![parent]);
    assert_eq!(enclosing[&top_level], Vec::<i64>::new());
    let parent_at = page.find(&format!(r#"id="comment-{parent}""#)).unwrap();
    let reply_at = page.find(&format!(r#"id="comment-{reply}""#)).unwrap();
    assert!(
        page[parent_at..reply_at].contains(r#"<ol class="children">"#),
        "replies sit in a nested list"
    );
    assert_eq!(page.matches(r#"<ol class="comment-list">"#).count(), 1);
}

#[tokio::test]
async fn replies_deeper_than_the_thread_depth_are_siblings_at_the_deepest_level() {
    let app = spawn_app_with_site(|_| {}, "UPDATE site_settings SET thread_depth = 2").await;
    let parent = approved_comment(&app, "The parent", None).await;
    let reply = approved_comment(&app, "A reply", Some(parent)).await;
    let too_deep = approved_comment(&app, "A reply to the reply", Some(reply)).await;

    let (_, page) = app.get_page(&format!("/posts/{WELCOME_SLUG}")).await;
    let enclosing = enclosing_comments(&page);

    assert_eq!(enclosing[&reply], vec![parent]);
    assert_eq!(enclosing[&too_deep], vec![parent]);
}

#[tokio::test]
async fn the_authors_pending_reply_is_shown_inside_its_parent() {
    let app = spawn_app().await;
    let parent = approved_comment(&app, "The parent", None).await;
    let mine = app
        .post_valid_comment(
            WELCOME_SLUG,
            &comment_with("parent_id", &parent.to_string()),
        )
        .await;
    let reply = app.last_comment_id().await;

    let (_, page) = app.get_page(&mine).await;
    let enclosing = enclosing_comments(&page);

    assert!(page.contains("Your comment is awaiting moderation."));
    assert_eq!(enclosing[&reply], vec![parent]);
}

#[tokio::test]
async fn the_post_page_counts_every_comment_in_its_threads_as_the_home_page_does() {
    let app = spawn_app().await;
    let parent = approved_comment(&app, "The parent", None).await;
    let reply = approved_comment(&app, "A reply", Some(parent)).await;
    approved_comment(&app, "A reply to the reply", Some(reply)).await;
    approved_comment(&app, "Another thread", None).await;

    let (_, home) = app.get_page("/").await;
    let (_, page) = app.get_page(&format!("/posts/{WELCOME_SLUG}")).await;

    assert!(home.contains(">4 comments</a>"), "{home}");
    assert!(
        page.contains(r#"<h2 id="comments-title">4 comments</h2>"#),
        "{page}"
    );
}
