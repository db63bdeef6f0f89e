use crate::helpers::{
    ADMIN, ADMIN_PASSWORD, input_value, location, spawn_app, spawn_app_on, spawn_app_with,
};

fn set_cookie_header(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|v| v.starts_with(&format!("{name}=")))
        .unwrap_or_else(|| panic!("no {name} cookie set"))
}

#[tokio::test]
async fn an_admin_logs_in_and_lands_on_the_moderation_queue() {
    let app = spawn_app().await;
    app.create_admin(ADMIN, ADMIN_PASSWORD).await;

    let response = app.login_as(ADMIN, ADMIN_PASSWORD).await;

    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(location(&response), "/admin/comments");
    let cookie = set_cookie_header(&response, "folio_session");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(cookie.contains("Path=/"), "{cookie}");
    assert!(
        !cookie.contains("Secure"),
        "plain http must not set Secure: {cookie}"
    );
    let (status, queue) = app.get_page("/admin/comments").await;
    assert_eq!(status, 200);
    assert!(queue.contains("Pending (0)"));
}

#[tokio::test]
async fn the_session_cookie_is_secure_when_the_site_is_served_over_https() {
    let app = spawn_app_with(|c| c.base_url = Some("https://blog.example.org".into())).await;
    app.create_admin(ADMIN, ADMIN_PASSWORD).await;

    let response = app.login_as(ADMIN, ADMIN_PASSWORD).await;

    assert!(set_cookie_header(&response, "folio_session").contains("Secure"));
}

#[tokio::test]
async fn a_wrong_password_is_a_401_with_a_generic_message() {
    let app = spawn_app().await;
    app.create_admin(ADMIN, ADMIN_PASSWORD).await;

    let response = app.login_as(ADMIN, "not the password at all").await;

    assert_eq!(response.status().as_u16(), 401);
    let page = response.text().await.unwrap();
    assert!(page.contains("Invalid username or password"));
    assert!(
        page.contains(&format!(r#"value="{ADMIN}""#)),
        "the username is kept"
    );
    assert_eq!(app.get("/admin/comments").await.status().as_u16(), 303);
}

#[tokio::test]
async fn an_unknown_user_gets_the_same_401_message() {
    let app = spawn_app().await;
    app.create_admin(ADMIN, ADMIN_PASSWORD).await;

    let response = app.login_as("mallory", ADMIN_PASSWORD).await;

    assert_eq!(response.status().as_u16(), 401);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Invalid username or password")
    );
}

#[tokio::test]
async fn a_login_without_the_login_forms_token_is_refused_with_403() {
    let app = spawn_app().await;
    app.create_admin(ADMIN, ADMIN_PASSWORD).await;

    let response = app
        .admin_post(
            "/admin/login",
            &[
                ("username", ADMIN),
                ("password", ADMIN_PASSWORD),
                ("csrf_token", "forged"),
            ],
        )
        .await;

    assert_eq!(response.status().as_u16(), 403);
    assert_eq!(app.get("/admin/comments").await.status().as_u16(), 303);
}

#[tokio::test]
async fn repeated_failures_lock_the_username_even_for_the_right_password() {
    let app = spawn_app_with(|c| c.login_attempts = 3).await;
    app.create_admin(ADMIN, ADMIN_PASSWORD).await;
    for _ in 0..3 {
        assert_eq!(
            app.login_as(ADMIN, "wrong password here")
                .await
                .status()
                .as_u16(),
            401
        );
    }

    let response = app.login_as(ADMIN, ADMIN_PASSWORD).await;

    assert_eq!(response.status().as_u16(), 429);
    let page = response.text().await.unwrap();
    assert!(
        page.contains("Too many failed logins; try again in 15 minutes"),
        "{page}"
    );
}

#[tokio::test]
async fn many_failures_from_one_ip_lock_that_ip_for_every_username() {
    let app = spawn_app_with(|c| c.login_attempts = 3).await;
    app.create_admin(ADMIN, ADMIN_PASSWORD).await;
    for n in 0..30 {
        app.login_as(&format!("guess{n}"), "wrong password here")
            .await;
    }

    let response = app.login_as(ADMIN, ADMIN_PASSWORD).await;

    assert_eq!(response.status().as_u16(), 429);
}

#[tokio::test]
async fn a_colleague_at_the_same_address_is_not_locked_out_by_another_accounts_lock() {
    let app = spawn_app_with(|c| c.login_attempts = 3).await;
    app.create_admin(ADMIN, ADMIN_PASSWORD).await;
    for _ in 0..3 {
        app.login_as("bob", "wrong password here").await;
    }
    assert_eq!(
        app.login_as("bob", "wrong password here")
            .await
            .status()
            .as_u16(),
        429
    );

    let response = app.login_as(ADMIN, ADMIN_PASSWORD).await;

    assert_eq!(response.status().as_u16(), 303);
}

#[tokio::test]
async fn a_failed_login_says_how_many_attempts_are_left_before_the_lock() {
    let app = spawn_app_with(|c| c.login_attempts = 3).await;
    app.create_admin(ADMIN, ADMIN_PASSWORD).await;

    let first = app.login_as(ADMIN, "wrong password here").await;
    let second = app.login_as(ADMIN, "wrong password here").await;

    assert!(first.text().await.unwrap().contains("2 attempts left"));
    let page = second.text().await.unwrap();
    assert!(page.contains("1 attempt left"), "{page}");
    assert!(page.contains("Invalid username or password"));
}

#[tokio::test]
async fn a_successful_login_resets_the_failure_count() {
    let app = spawn_app_with(|c| c.login_attempts = 3).await;
    app.create_admin(ADMIN, ADMIN_PASSWORD).await;
    for _ in 0..2 {
        app.login_as(ADMIN, "wrong password here").await;
    }
    assert_eq!(
        app.login_as(ADMIN, ADMIN_PASSWORD).await.status().as_u16(),
        303
    );

    for _ in 0..2 {
        app.login_as(ADMIN, "wrong password here").await;
    }

    assert_eq!(
        app.login_as(ADMIN, ADMIN_PASSWORD).await.status().as_u16(),
        303
    );
}

#[tokio::test]
async fn a_lock_ends_after_the_lock_period() {
    let app = spawn_app_with(|c| c.login_attempts = 2).await;
    app.create_admin(ADMIN, ADMIN_PASSWORD).await;
    for _ in 0..2 {
        app.login_as(ADMIN, "wrong password here").await;
    }
    assert_eq!(
        app.login_as(ADMIN, ADMIN_PASSWORD).await.status().as_u16(),
        429
    );

    app.clock.advance(901);

    assert_eq!(
        app.login_as(ADMIN, ADMIN_PASSWORD).await.status().as_u16(),
        303
    );
}

#[tokio::test]
async fn a_lock_survives_a_restart() {
    let app = spawn_app_with(|c| c.login_attempts = 2).await;
    app.create_admin(ADMIN, ADMIN_PASSWORD).await;
    for _ in 0..2 {
        app.login_as(ADMIN, "wrong password here").await;
    }
    let restarted = spawn_app_on(&app.database_url, |c| c.login_attempts = 2).await;

    let response = restarted.login_as(ADMIN, ADMIN_PASSWORD).await;

    assert_eq!(response.status().as_u16(), 429);
}

/// The session token from a login response.
fn session_token(response: &reqwest::Response) -> String {
    let header = set_cookie_header(response, "folio_session");
    header["folio_session=".len()..]
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

/// A GET that presents only this session cookie.
async fn get_with_session(
    app: &crate::helpers::TestApp,
    path: &str,
    token: &str,
) -> reqwest::Response {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(app.url(path))
        .header("cookie", format!("folio_session={token}"))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn logout_ends_the_session_on_the_server() {
    let app = spawn_app().await;
    app.create_admin(ADMIN, ADMIN_PASSWORD).await;
    let token = session_token(&app.login_as(ADMIN, ADMIN_PASSWORD).await);
    let csrf = app.csrf_token().await;

    let response = app
        .admin_post("/admin/logout", &[("csrf_token", &csrf)])
        .await;

    assert_eq!(response.status().as_u16(), 303);
    let old_cookie = get_with_session(&app, "/admin/comments", &token).await;
    assert_eq!(old_cookie.status().as_u16(), 303);
    let sessions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(sessions, 0);
}

#[tokio::test]
async fn a_replayed_logout_changes_nothing_and_sends_to_the_login_page() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    app.admin_post("/admin/logout", &[("csrf_token", &csrf)])
        .await;

    let replay = app
        .admin_post("/admin/logout", &[("csrf_token", &csrf)])
        .await;

    assert_eq!(replay.status().as_u16(), 303);
    assert!(location(&replay).starts_with("/admin/login"));
}

#[tokio::test]
async fn only_a_hash_of_the_session_token_is_stored() {
    let app = spawn_app().await;
    app.create_admin(ADMIN, ADMIN_PASSWORD).await;

    let token = session_token(&app.login_as(ADMIN, ADMIN_PASSWORD).await);

    assert_eq!(token.len(), 64, "256 random bits, hex");
    let stored: String = sqlx::query_scalar("SELECT token_hash FROM sessions")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_ne!(stored, token);
}

#[tokio::test]
async fn each_login_issues_a_new_session_token() {
    let app = spawn_app().await;
    app.create_admin(ADMIN, ADMIN_PASSWORD).await;

    let first = session_token(&app.login_as(ADMIN, ADMIN_PASSWORD).await);
    let second = session_token(&app.login_as(ADMIN, ADMIN_PASSWORD).await);

    assert_ne!(first, second);
}

#[tokio::test]
async fn a_session_ends_seven_days_after_the_login_even_when_used() {
    let app = spawn_app().await;
    app.login_admin().await;
    for _ in 0..15 {
        app.clock.advance(11 * 3600);
        assert_eq!(app.get("/admin/comments").await.status().as_u16(), 200);
    }

    app.clock.advance(4 * 3600);

    let response = app.get("/admin/comments").await;
    assert_eq!(response.status().as_u16(), 303);
    assert!(location(&response).starts_with("/admin/login"));
}

#[tokio::test]
async fn an_idle_session_expires() {
    let app = spawn_app().await;
    app.login_admin().await;

    app.clock.advance(13 * 3600);

    assert_eq!(app.get("/admin/comments").await.status().as_u16(), 303);
}

#[tokio::test]
async fn every_admin_page_without_a_session_redirects_to_the_login_page() {
    let app = spawn_app().await;
    let id = app.seed_comment("Reader", "A comment", "pending").await;

    for path in [
        "/admin".to_owned(),
        "/admin/comments".to_owned(),
        "/admin/comments?status=spam".to_owned(),
        format!("/admin/comments/{id}/edit"),
        format!("/admin/comments/{id}/reply"),
        format!("/admin/comments/{id}/delete"),
        "/admin/log".to_owned(),
        "/admin/anything".to_owned(),
    ] {
        let response = app.get(&path).await;
        assert_eq!(response.status().as_u16(), 303, "{path}");
        assert!(location(&response).starts_with("/admin/login"), "{path}");
    }
}

#[tokio::test]
async fn the_login_page_returns_the_admin_where_they_were_going() {
    let app = spawn_app().await;
    app.create_admin(ADMIN, ADMIN_PASSWORD).await;
    let redirect = app.get("/admin/comments?status=spam").await;
    let login_path = location(&redirect);

    let (_, page) = app.get_page(&login_path).await;
    let csrf = input_value(&page, "csrf_token").unwrap();
    let next = input_value(&page, "next").unwrap();
    let response = app
        .admin_post(
            "/admin/login",
            &[
                ("username", ADMIN),
                ("password", ADMIN_PASSWORD),
                ("csrf_token", &csrf),
                ("next", &next),
            ],
        )
        .await;

    assert_eq!(location(&response), "/admin/comments?status=spam");
}

#[tokio::test]
async fn the_login_page_never_returns_the_admin_to_another_site() {
    let app = spawn_app().await;
    app.create_admin(ADMIN, ADMIN_PASSWORD).await;
    let (_, page) = app.get_page("/admin/login").await;
    let csrf = input_value(&page, "csrf_token").unwrap();

    for next in [
        "https://evil.example/admin",
        "//evil.example/admin",
        "/posts/x",
    ] {
        let response = app
            .admin_post(
                "/admin/login",
                &[
                    ("username", ADMIN),
                    ("password", ADMIN_PASSWORD),
                    ("csrf_token", &csrf),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(location(&response), "/admin/comments", "{next}");
    }
}

#[tokio::test]
async fn admin_pages_are_never_cached() {
    let app = spawn_app().await;
    app.login_admin().await;

    for path in ["/admin/comments", "/admin/login", "/admin/log"] {
        let response = app.get(path).await;
        assert_eq!(response.headers()["cache-control"], "no-store", "{path}");
    }
}

#[tokio::test]
async fn another_admin_can_lift_a_colleagues_login_lock() {
    let app = spawn_app_with(|c| c.login_attempts = 3).await;
    app.create_admin("bob", ADMIN_PASSWORD).await;
    for _ in 0..3 {
        app.login_as("bob", "wrong password here").await;
    }
    assert_eq!(
        app.login_as("bob", ADMIN_PASSWORD).await.status().as_u16(),
        429
    );
    let csrf = app.login_admin().await;

    let (_, locks) = app.get_page("/admin/locks").await;
    assert!(
        locks.contains("The account bob: 3 failed logins"),
        "{locks}"
    );
    let lifted = app
        .admin_post(
            "/admin/locks/lift",
            &[("csrf_token", &csrf), ("key", "user:bob")],
        )
        .await;
    assert_eq!(lifted.status().as_u16(), 303);
    let (_, after) = app.get_page("/admin/locks").await;

    assert!(
        after.contains("Lifted the lock on the account bob."),
        "{after}"
    );
    assert!(after.contains("No login is locked now."));
    assert_eq!(
        app.login_as("bob", ADMIN_PASSWORD).await.status().as_u16(),
        303
    );
}

#[tokio::test]
async fn lifting_a_lock_needs_the_csrf_token() {
    let app = spawn_app_with(|c| c.login_attempts = 3).await;
    app.create_admin("bob", ADMIN_PASSWORD).await;
    for _ in 0..3 {
        app.login_as("bob", "wrong password here").await;
    }
    app.login_admin().await;

    let refused = app
        .admin_post("/admin/locks/lift", &[("key", "user:bob")])
        .await;

    assert_eq!(refused.status().as_u16(), 403);
    assert_eq!(
        app.login_as("bob", ADMIN_PASSWORD).await.status().as_u16(),
        429
    );
}

/// A PHC string for `password` made with the argon2 crate's default
/// parameters (19 MiB, 2 passes), as releases before 12 MiB hashes made them.
fn older_hash(password: &str) -> String {
    use argon2::password_hash::rand_core::OsRng;
    use argon2::password_hash::{PasswordHasher, SaltString};
    let salt = SaltString::generate(&mut OsRng);
    argon2::Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .unwrap()
        .to_string()
}

/// The default admin, its password stored as `older_hash` makes it.
async fn admin_with_an_older_hash() -> (crate::helpers::TestApp, String) {
    let app = spawn_app().await;
    app.create_admin(ADMIN, ADMIN_PASSWORD).await;
    let older = older_hash(ADMIN_PASSWORD);
    sqlx::query("UPDATE admins SET password_hash = ? WHERE username = ?")
        .bind(&older)
        .bind(ADMIN)
        .execute(&app.pool)
        .await
        .unwrap();
    (app, older)
}

async fn stored_hash(app: &crate::helpers::TestApp) -> String {
    sqlx::query_scalar("SELECT password_hash FROM admins WHERE username = ?")
        .bind(ADMIN)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_password_hashed_with_older_parameters_is_hashed_again_at_login() {
    let (app, older) = admin_with_an_older_hash().await;
    assert!(older.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));

    let response = app.login_as(ADMIN, ADMIN_PASSWORD).await;

    assert_eq!(response.status().as_u16(), 303);
    let stored = stored_hash(&app).await;
    assert!(
        stored.starts_with("$argon2id$v=19$m=12288,t=3,p=1$"),
        "{stored}"
    );
    let (status, _) = app.get_page("/admin/comments").await;
    assert_eq!(status, 200, "the session of that login stays");
    let again = crate::helpers::Browser::new(&app.address)
        .sign_in(ADMIN, ADMIN_PASSWORD)
        .await;
    assert_eq!(again.status().as_u16(), 303, "the password still signs in");
}

#[tokio::test]
async fn a_wrong_password_leaves_an_older_hash_as_it_is() {
    let (app, older) = admin_with_an_older_hash().await;

    let response = app.login_as(ADMIN, "not the password at all").await;

    assert_eq!(response.status().as_u16(), 401);
    let stored = stored_hash(&app).await;
    assert_eq!(stored, older);
}
