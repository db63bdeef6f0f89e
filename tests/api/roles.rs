//! Roles: every admin route in the route table answers each role as the
//! table of permissions says (403 and nothing changed where it may not), and
//! each role's work, end to end: a moderator's queue, an author's posts that
//! an editor publishes, what each sees in the navigation.

use folio::auth::Access;
use folio::domain::role::Role;

use crate::helpers::{
    ADMIN, ADMIN_PASSWORD, Browser, TestApp, WELCOME_SLUG, input_value, location, spawn_app,
    spawn_app_with,
};
use crate::smtp::SmtpServer;

/// Every row of every table, as text: what "nothing changed" compares.
async fn snapshot(app: &TestApp) -> Vec<String> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let mut rows = Vec::new();
    for table in tables {
        let columns: Vec<String> =
            sqlx::query_scalar("SELECT name FROM pragma_table_info(?) ORDER BY cid")
                .bind(&table)
                .fetch_all(&app.pool)
                .await
                .unwrap();
        let quoted: Vec<String> = columns.iter().map(|c| format!("quote(\"{c}\")")).collect();
        let sql = format!(
            "SELECT '{table}: ' || {} FROM \"{table}\"",
            quoted.join(" || ',' || ")
        );
        let mut these: Vec<String> = sqlx::query_scalar(&sql).fetch_all(&app.pool).await.unwrap();
        these.sort();
        rows.extend(these);
    }
    rows
}

/// The rows the walk's routes act on.
struct Fixtures {
    post: i64,
    page: i64,
    comment: i64,
    account: i64,
    invitation: i64,
}

async fn fixtures(app: &TestApp, walker: i64) -> Fixtures {
    let post = app
        .create_post("walked-post", "Walked post", false, true)
        .await;
    sqlx::query("UPDATE posts SET author_id = ? WHERE id = ?")
        .bind(walker)
        .bind(post)
        .execute(&app.pool)
        .await
        .unwrap();
    let page = app
        .create_post("walked-page", "Walked page", true, false)
        .await;
    sqlx::query("UPDATE posts SET kind = 'page' WHERE id = ?")
        .bind(page)
        .execute(&app.pool)
        .await
        .unwrap();
    let comment = app
        .seed_comment("Walker", "A comment to act on.", "pending")
        .await;
    let account = app
        .create_account("victim", ADMIN_PASSWORD, Role::Editor)
        .await;
    let invitation = sqlx::query_scalar(
        "INSERT INTO invitations (token_hash, username, email, role, created_at, expires_at)
         VALUES ('0000', 'invited', 'invited@example.org', 'author', 0, 9999999999) RETURNING id",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    Fixtures {
        post,
        page,
        comment,
        account,
        invitation,
    }
}

/// A route's path with each `{…}` replaced by a row it can act on.
fn fill(path: &str, rows: &Fixtures) -> String {
    let mut segments = Vec::new();
    let mut previous = "";
    for segment in path.split('/') {
        let filled = if segment.starts_with('{') {
            match (previous, segment) {
                ("comments", _) => rows.comment.to_string(),
                ("posts", _) => rows.post.to_string(),
                ("pages", _) => rows.page.to_string(),
                ("accounts", _) => rows.account.to_string(),
                ("invitations", _) => rows.invitation.to_string(),
                (_, "{action}") if path.contains("/comments/") => "approve".to_owned(),
                (_, "{action}") => "retry".to_owned(),
                (_, "{token}") => "f".repeat(64),
                _ => "1".to_owned(),
            }
        } else {
            segment.to_owned()
        };
        previous = segment;
        segments.push(filled);
    }
    segments.join("/")
}

async fn walk(role: Role) {
    let app = spawn_app().await;
    let walker = if role == Role::Admin {
        app.create_account(ADMIN, ADMIN_PASSWORD, Role::Admin).await
    } else {
        app.create_admin(ADMIN, ADMIN_PASSWORD).await;
        app.create_account("walker", ADMIN_PASSWORD, role).await
    };
    let rows = fixtures(&app, walker).await;
    let browser = Browser::new(&app.address);
    let name = if role == Role::Admin { ADMIN } else { "walker" };
    assert_eq!(
        browser
            .sign_in(name, ADMIN_PASSWORD)
            .await
            .status()
            .as_u16(),
        303
    );
    let session_token = browser.csrf_token().await;
    let (_, login_page) = browser.get("/admin/login").await;
    let login_token = input_value(&login_page, "csrf_token").unwrap();

    let mut routes = folio::routes::admin::listed();
    assert!(routes.len() > 50, "the table lists every admin route");
    // Signing out ends the session the rest of the walk needs: last.
    routes.sort_by_key(|(_, path, _)| path == "/admin/logout");
    let mut walked = 0;
    for (method, path, access) in routes {
        let url = browser.url(&fill(&path, &rows));
        let before = snapshot(&app).await;
        let token = match access {
            Access::Public => &login_token,
            Access::Needs(_) => &session_token,
        };
        let response = if method == actix_web::http::Method::GET {
            browser.client.get(&url).send().await.unwrap()
        } else {
            browser
                .client
                .post(&url)
                .form(&[("csrf_token", token.as_str())])
                .send()
                .await
                .unwrap()
        };
        let status = response.status().as_u16();
        let page = response.text().await.unwrap();
        let may = match access {
            Access::Public => true,
            Access::Needs(permission) => role.may(permission),
        };
        if may {
            assert_ne!(status, 403, "{role} may {method} {path}: {page}");
            assert!(status < 500, "{method} {path}: {status} {page}");
        } else {
            assert_eq!(status, 403, "{role} may not {method} {path}");
            assert!(
                page.contains("does not allow this"),
                "{method} {path}: {page}"
            );
            assert_eq!(
                snapshot(&app).await,
                before,
                "{role}: {method} {path} changed something"
            );
        }
        walked += 1;
    }
    assert!(walked > 50);
}

#[tokio::test]
async fn every_admin_route_answers_an_admin_as_the_table_says() {
    walk(Role::Admin).await;
}

#[tokio::test]
async fn every_admin_route_answers_an_editor_as_the_table_says() {
    walk(Role::Editor).await;
}

#[tokio::test]
async fn every_admin_route_answers_an_author_as_the_table_says() {
    walk(Role::Author).await;
}

#[tokio::test]
async fn every_admin_route_answers_a_moderator_as_the_table_says() {
    walk(Role::Moderator).await;
}

#[tokio::test]
async fn the_route_table_names_every_section_of_the_admin_navigation() {
    let paths: Vec<String> = folio::routes::admin::listed()
        .into_iter()
        .map(|(_, path, _)| path)
        .collect();
    for section in folio::domain::role::Section::ALL {
        assert!(
            paths.iter().any(|p| p == section.path()),
            "{} is not in the table",
            section.path()
        );
    }
    let public: Vec<String> = folio::routes::admin::listed()
        .into_iter()
        .filter(|(_, _, access)| *access == Access::Public)
        .map(|(method, path, _)| format!("{method} {path}"))
        .collect();
    assert_eq!(
        public,
        [
            "GET /admin/login",
            "POST /admin/login",
            "GET /admin/login/code",
            "POST /admin/login/code",
            "POST /admin/login/passkey/options",
            "POST /admin/login/passkey",
            "GET /admin/invite/{token}",
            "POST /admin/invite/{token}"
        ],
        "only signing in (password, then code; or a passkey) and accepting an invitation need no account"
    );
}

/// The admin navigation's links on a page.
fn nav_links(page: &str) -> Vec<String> {
    let nav = &page[page.find("class=\"admin-nav\"").unwrap()..];
    let nav = &nav[..nav.find("</nav>").unwrap()];
    nav.match_indices("href=\"")
        .map(|(at, _)| {
            let rest = &nav[at + 6..];
            rest[..rest.find('"').unwrap()].to_owned()
        })
        .collect()
}

#[tokio::test]
async fn a_moderator_works_the_queue_and_the_log_and_nothing_else() {
    let app = spawn_app().await;
    app.create_admin(ADMIN, ADMIN_PASSWORD).await;
    let comment = app
        .seed_comment("Ada", "Please approve me.", "pending")
        .await;
    let reception = Browser::new(&app.address);
    app.create_account("reception", ADMIN_PASSWORD, Role::Moderator)
        .await;

    let signed_in = reception.sign_in("reception", ADMIN_PASSWORD).await;
    assert_eq!(location(&signed_in), "/admin/comments");
    let reception = Browser {
        csrf: reception.csrf_token().await,
        ..reception
    };
    let (status, queue) = reception.get("/admin/comments").await;
    assert_eq!(status, 200);
    assert_eq!(
        nav_links(&queue),
        ["/admin/comments", "/admin/log", "/admin/account"]
    );
    let approved = reception
        .post(&format!("/admin/comments/{comment}/approve"), &[])
        .await;
    assert_eq!(approved.status().as_u16(), 303);
    assert_eq!(app.comment_status(comment).await, "approved");
    let replied = reception
        .post(
            &format!("/admin/comments/{comment}/reply"),
            &[("body", "Thank you, Ada.")],
        )
        .await;
    assert_eq!(replied.status().as_u16(), 303);
    let (_, log) = reception.get("/admin/log").await;
    assert!(log.contains("reception"), "{log}");

    let (status, refused) = reception.get("/admin/settings").await;
    assert_eq!(status, 403);
    assert!(refused.contains("does not allow this"));
    let title_before: String = sqlx::query_scalar("SELECT title FROM site_settings")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let response = reception
        .post("/admin/settings", &[("title", "Taken over")])
        .await;
    assert_eq!(response.status().as_u16(), 403);
    let title_after: String = sqlx::query_scalar("SELECT title FROM site_settings")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(title_after, title_before);
    for path in [
        "/admin/posts",
        "/admin/media",
        "/admin/accounts",
        "/admin/email",
    ] {
        assert_eq!(reception.get(path).await.0, 403, "{path}");
    }
    // The public post carries no Edit link for a moderator.
    let (_, post) = reception.get(&format!("/posts/{WELCOME_SLUG}")).await;
    assert!(!post.contains("class=\"edit-link\""));
}

fn post_fields<'a>(title: &'a str, status: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title", title),
        ("slug", ""),
        ("body", "Closed on Monday for the holiday."),
        ("status", status),
        ("comments_open", "on"),
        ("action", "save"),
    ]
}

async fn post_row(app: &TestApp, title: &str) -> Option<(i64, String, Option<i64>, Option<i64>)> {
    sqlx::query_as("SELECT id, status, author_id, submitted_at FROM posts WHERE title = ?")
        .bind(title)
        .fetch_optional(&app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn an_author_submits_for_review_and_an_editor_publishes() {
    let app = spawn_app().await;
    app.create_admin(ADMIN, ADMIN_PASSWORD).await;
    let manager = app.browser_as("manager", Role::Editor).await;
    let writer = app.browser_as("writer", Role::Author).await;

    let (status, new_post) = writer.get("/admin/posts/new").await;
    assert_eq!(status, 200);
    assert!(new_post.contains("Submit for review"), "{new_post}");
    assert!(!new_post.contains("value=\"published\""), "{new_post}");
    assert_eq!(
        nav_links(&new_post),
        ["/admin/posts", "/admin/media", "/admin/account"]
    );

    // Publishing is refused, and nothing is stored.
    let refused = writer
        .post("/admin/posts", &post_fields("Holiday notice", "published"))
        .await;
    assert_eq!(refused.status().as_u16(), 403);
    assert_eq!(post_row(&app, "Holiday notice").await, None);
    // So is scheduling, which would publish it later without an editor.
    assert!(!new_post.contains("value=\"scheduled\""), "{new_post}");
    let mut scheduled = post_fields("Holiday notice", "scheduled");
    scheduled.push(("publish_at", "2099-01-05T07:00"));
    let refused = writer.post("/admin/posts", &scheduled).await;
    assert_eq!(refused.status().as_u16(), 403);
    assert_eq!(post_row(&app, "Holiday notice").await, None);

    let submitted = writer
        .post("/admin/posts", &post_fields("Holiday notice", "review"))
        .await;
    assert_eq!(submitted.status().as_u16(), 303);
    let (id, status, author, waiting) = post_row(&app, "Holiday notice").await.unwrap();
    assert_eq!(status, "draft");
    assert_eq!(author, Some(writer.account_id));
    assert!(waiting.is_some());
    let (_, own_list) = writer.get("/admin/posts").await;
    assert!(own_list.contains("Waiting for review"), "{own_list}");
    assert!(
        !own_list.contains("Welcome to Folio"),
        "an author's list holds only their own posts"
    );

    let (_, list) = manager.get("/admin/posts").await;
    let review = &list[list.find("id=\"review-title\"").unwrap()..];
    assert!(review.contains("Holiday notice"), "{list}");
    assert!(review.contains("by writer"), "{list}");
    let (_, editor) = manager.get(&format!("/admin/posts/{id}/edit")).await;
    assert!(editor.contains("sent it for review"), "{editor}");
    let published = manager
        .post(
            &format!("/admin/posts/{id}"),
            &post_fields("Holiday notice", "published"),
        )
        .await;
    assert_eq!(published.status().as_u16(), 303);
    let (_, status, author, waiting) = post_row(&app, "Holiday notice").await.unwrap();
    assert_eq!(status, "published");
    assert_eq!(
        author,
        Some(writer.account_id),
        "the author stays the author"
    );
    assert_eq!(waiting, None);

    // Published, it is the editors' now: the author may no longer change it.
    assert_eq!(writer.get(&format!("/admin/posts/{id}/edit")).await.0, 403);
    let changed = writer
        .post(
            &format!("/admin/posts/{id}"),
            &post_fields("Holiday notice (changed)", "review"),
        )
        .await;
    assert_eq!(changed.status().as_u16(), 403);
    assert!(post_row(&app, "Holiday notice (changed)").await.is_none());
    let deleted = writer.post(&format!("/admin/posts/{id}/delete"), &[]).await;
    assert_eq!(deleted.status().as_u16(), 403);
    assert!(post_row(&app, "Holiday notice").await.is_some());
}

#[tokio::test]
async fn an_author_changes_only_their_own_posts() {
    let app = spawn_app().await;
    app.create_admin(ADMIN, ADMIN_PASSWORD).await;
    let writer = app.browser_as("writer", Role::Author).await;
    let welcome: i64 = sqlx::query_scalar("SELECT id FROM posts WHERE slug = ?")
        .bind(WELCOME_SLUG)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let others = app
        .create_post("others-draft", "Another's draft", false, true)
        .await;

    for id in [welcome, others] {
        assert_eq!(writer.get(&format!("/admin/posts/{id}/edit")).await.0, 403);
        assert_eq!(
            writer.get(&format!("/admin/posts/{id}/preview")).await.0,
            403
        );
        let response = writer
            .post(
                &format!("/admin/posts/{id}"),
                &post_fields("Mine now", "draft"),
            )
            .await;
        assert_eq!(response.status().as_u16(), 403);
    }
    assert!(post_row(&app, "Mine now").await.is_none());

    let saved = writer
        .post("/admin/posts", &post_fields("My draft", "draft"))
        .await;
    assert_eq!(saved.status().as_u16(), 303);
    let (id, ..) = post_row(&app, "My draft").await.unwrap();
    assert_eq!(writer.get(&format!("/admin/posts/{id}/edit")).await.0, 200);
    let deleted = writer.post(&format!("/admin/posts/{id}/delete"), &[]).await;
    assert_eq!(deleted.status().as_u16(), 303);
    let (_, list) = writer.get("/admin/posts").await;
    assert!(!list.contains(&format!("/admin/posts/{id}/edit")), "{list}");
    let trashed: Option<i64> = sqlx::query_scalar("SELECT trashed_at FROM posts WHERE id = ?")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(
        trashed.is_some(),
        "in the trash, where an editor can bring it back"
    );
    assert_eq!(
        writer.get("/admin/trash").await.0,
        403,
        "the trash is an editor's"
    );
}

#[tokio::test]
async fn an_editor_writes_and_moderates_but_does_not_run_the_site() {
    let app = spawn_app().await;
    app.create_admin(ADMIN, ADMIN_PASSWORD).await;
    let manager = app.browser_as("manager", Role::Editor).await;
    let (status, queue) = manager.get("/admin/comments").await;
    assert_eq!(status, 200);
    assert_eq!(
        nav_links(&queue),
        [
            "/admin/comments",
            "/admin/posts",
            "/admin/pages",
            "/admin/media",
            "/admin/trash",
            "/admin/log",
            "/admin/account"
        ]
    );
    assert_eq!(manager.get("/admin/pages").await.0, 200);
    for path in [
        "/admin/settings",
        "/admin/accounts",
        "/admin/privacy",
        "/admin/email",
        "/admin/import",
        "/admin/locks",
        // Restoring from the trash is an editor's; deleting for good an admin's.
        "/admin/trash/1/delete",
    ] {
        assert_eq!(manager.get(path).await.0, 403, "{path}");
    }
    let (status, trash) = manager.get("/admin/trash").await;
    assert_eq!(status, 200);
    assert!(!trash.contains("/delete\""), "{trash}");
    let (_, post) = manager.get(&format!("/posts/{WELCOME_SLUG}")).await;
    assert!(
        post.contains("class=\"edit-link\""),
        "an editor gets the Edit link"
    );
}

#[tokio::test]
async fn an_admin_sees_every_section() {
    let app = spawn_app().await;
    app.login_admin().await;
    let (_, queue) = app.get_page("/admin/comments").await;
    let links = nav_links(&queue);
    for section in folio::domain::role::Section::ALL {
        assert!(links.iter().any(|l| l == section.path()), "{links:?}");
    }
}

#[tokio::test]
async fn editors_and_admins_with_an_address_are_told_of_a_post_waiting_for_review() {
    let smtp = SmtpServer::start().await;
    let url = smtp.url();
    let app = spawn_app_with(move |c| c.smtp_url = Some(url)).await;
    app.create_admin(ADMIN, ADMIN_PASSWORD).await;
    let manager = app.browser_as("manager", Role::Editor).await;
    app.browser_as("reception", Role::Moderator).await;
    let writer = app.browser_as("writer", Role::Author).await;
    for (name, address) in [
        (ADMIN, "alice@example.org"),
        ("manager", "manager@example.org"),
        ("reception", "reception@example.org"),
        ("writer", "writer@example.org"),
    ] {
        folio::db::admins::set_email(
            &app.pool,
            name,
            Some(address),
            folio::domain::time::UnixTime::EPOCH,
        )
        .await
        .unwrap();
    }
    let submitted = writer
        .post("/admin/posts", &post_fields("Holiday notice", "review"))
        .await;
    assert_eq!(submitted.status().as_u16(), 303);
    assert_eq!(app.send_mail().await, 2);

    let (id, ..) = post_row(&app, "Holiday notice").await.unwrap();
    for address in ["alice@example.org", "manager@example.org"] {
        let mails = smtp.received_by(address);
        assert_eq!(mails.len(), 1, "{address}");
        assert!(
            mails[0]
                .text()
                .contains("writer sent “Holiday notice” for review")
        );
        let link = mails[0].link("/edit");
        assert!(link.ends_with(&format!("/admin/posts/{id}/edit")), "{link}");
    }
    assert!(smtp.received_by("reception@example.org").is_empty());
    assert!(smtp.received_by("writer@example.org").is_empty());

    // Saving it again while it waits tells nobody twice.
    writer
        .post(
            &format!("/admin/posts/{id}"),
            &post_fields("Holiday notice", "review"),
        )
        .await;
    assert_eq!(app.send_mail().await, 0);
    drop(manager);
}

#[tokio::test]
async fn held_comments_are_mailed_to_those_who_moderate_and_only_while_their_account_is_active() {
    let smtp = SmtpServer::start().await;
    let url = smtp.url();
    let app = spawn_app_with(move |c| c.smtp_url = Some(url)).await;
    let csrf = app.login_admin().await;
    for (name, role) in [
        ("reception", Role::Moderator),
        ("writer", Role::Author),
        ("gone", Role::Editor),
    ] {
        app.create_account(name, ADMIN_PASSWORD, role).await;
        folio::db::admins::set_email(
            &app.pool,
            name,
            Some(&format!("{name}@example.org")),
            folio::domain::time::UnixTime::EPOCH,
        )
        .await
        .unwrap();
    }
    let gone = app.account_id("gone").await;
    app.admin_post(
        &format!("/admin/accounts/{gone}/deactivate"),
        &[("csrf_token", &csrf)],
    )
    .await;

    app.post_valid_comment(WELCOME_SLUG, &crate::helpers::valid_comment())
        .await;
    assert_eq!(app.send_mail().await, 1);

    let mails = smtp.received_by("reception@example.org");
    assert_eq!(mails.len(), 1);
    // Its action link works for the moderator.
    let link = mails[0].link("/email/moderate/");
    let token = link.rsplit('/').next().unwrap();
    let browser = Browser::new(&app.address);
    let response = browser
        .client
        .post(browser.url("/email/moderate"))
        .form(&[("token", token)])
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    assert_eq!(
        app.comment_status(app.last_comment_id().await).await,
        "approved"
    );
    assert!(smtp.received_by("writer@example.org").is_empty());
    assert!(smtp.received_by("gone@example.org").is_empty());
}

#[tokio::test]
async fn an_email_link_stops_working_once_its_account_may_no_longer_moderate() {
    let smtp = SmtpServer::start().await;
    let url = smtp.url();
    let app = spawn_app_with(move |c| c.smtp_url = Some(url)).await;
    let csrf = app.login_admin().await;
    let reception = app
        .create_account("reception", ADMIN_PASSWORD, Role::Moderator)
        .await;
    folio::db::admins::set_email(
        &app.pool,
        "reception",
        Some("reception@example.org"),
        folio::domain::time::UnixTime::EPOCH,
    )
    .await
    .unwrap();
    app.post_valid_comment(WELCOME_SLUG, &crate::helpers::valid_comment())
        .await;
    app.send_mail().await;
    let link = smtp.received_by("reception@example.org")[0].link("/email/moderate/");

    app.admin_post(
        &format!("/admin/accounts/{reception}/role"),
        &[("csrf_token", &csrf), ("role", "author")],
    )
    .await;

    let token = link.rsplit('/').next().unwrap();
    let browser = Browser::new(&app.address);
    let response = browser
        .client
        .post(browser.url("/email/moderate"))
        .form(&[("token", token)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 403);
    assert_eq!(
        app.comment_status(app.last_comment_id().await).await,
        "pending"
    );
}

#[tokio::test]
async fn mail_waiting_for_an_account_is_dropped_when_it_is_deactivated() {
    let smtp = SmtpServer::start().await;
    let url = smtp.url();
    let app = spawn_app_with(move |c| c.smtp_url = Some(url)).await;
    let csrf = app.login_admin().await;
    let reception = app
        .create_account("reception", ADMIN_PASSWORD, Role::Moderator)
        .await;
    folio::db::admins::set_email(
        &app.pool,
        "reception",
        Some("reception@example.org"),
        folio::domain::time::UnixTime::EPOCH,
    )
    .await
    .unwrap();
    app.post_valid_comment(WELCOME_SLUG, &crate::helpers::valid_comment())
        .await;

    app.admin_post(
        &format!("/admin/accounts/{reception}/deactivate"),
        &[("csrf_token", &csrf)],
    )
    .await;

    assert_eq!(app.send_mail().await, 0);
    assert!(smtp.received_by("reception@example.org").is_empty());
}
