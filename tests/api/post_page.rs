use crate::helpers::{TestApp, location, spawn_app};

async fn record_slug_change(app: &TestApp, post_id: i64, old_slug: &str) {
    let mut conn = app.pool.acquire().await.unwrap();
    folio::db::posts::record_slug_change(&mut conn, post_id, old_slug, folio::domain::time::now())
        .await
        .unwrap();
}

#[tokio::test]
async fn an_old_slug_answers_301_with_the_post_s_new_address() {
    let app = spawn_app().await;
    let id = app.create_post("new-name", "Renamed", true, true).await;
    record_slug_change(&app, id, "old-name").await;

    let response = app.get("/posts/old-name").await;

    assert_eq!(response.status().as_u16(), 301);
    assert_eq!(location(&response), "/posts/new-name");
    assert_eq!(app.get_page("/posts/new-name").await.0, 200);
}

#[tokio::test]
async fn a_post_renamed_twice_is_reached_from_both_old_slugs() {
    let app = spawn_app().await;
    let id = app.create_post("third", "Renamed twice", true, true).await;
    record_slug_change(&app, id, "first").await;
    record_slug_change(&app, id, "second").await;

    for old in ["first", "second"] {
        let response = app.get(&format!("/posts/{old}")).await;
        assert_eq!(response.status().as_u16(), 301, "{old}");
        assert_eq!(location(&response), "/posts/third");
    }
}

#[tokio::test]
async fn an_old_slug_of_a_post_that_is_now_a_draft_is_a_404() {
    let app = spawn_app().await;
    let id = app
        .create_post("hidden-now", "Unpublished", false, true)
        .await;
    record_slug_change(&app, id, "was-public").await;

    assert_eq!(app.get_page("/posts/was-public").await.0, 404);
}

#[tokio::test]
async fn a_live_post_wins_over_another_post_s_old_slug() {
    let app = spawn_app().await;
    let renamed = app
        .create_post("moved-away", "Moved away", true, true)
        .await;
    record_slug_change(&app, renamed, "taken-again").await;
    app.create_post("taken-again", "The new owner", true, true)
        .await;

    let (status, page) = app.get_page("/posts/taken-again").await;

    assert_eq!(status, 200);
    assert!(page.contains("The new owner"));
}

#[tokio::test]
async fn the_old_slug_redirect_goes_when_its_post_is_deleted() {
    let app = spawn_app().await;
    let id = app
        .create_post("short-lived", "Short-lived", true, true)
        .await;
    record_slug_change(&app, id, "older").await;

    sqlx::query("DELETE FROM posts WHERE id = ?")
        .bind(id)
        .execute(&app.pool)
        .await
        .unwrap();

    assert_eq!(app.get_page("/posts/older").await.0, 404);
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM post_slug_history")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(left, 0);
}
