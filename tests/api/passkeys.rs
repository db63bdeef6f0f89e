//! Passkeys over HTTP: the routes around the WebAuthn ceremony (sessions, CSRF,
//! the options a browser gets), the list on the account page, removal, the
//! resets, and the login page offering both paths. The ceremony itself, with
//! a real authenticator, is the browser test `e2e/tests/passkeys.test.js`.

use folio::domain::role::Role;
use serde_json::Value;

use crate::helpers::{
    ADMIN, ADMIN_PASSWORD, Browser, TestApp, input_value, location, spawn_app, spawn_app_with,
};

/// WebAuthn needs a host name: a site at `http://localhost:8080` (the tests
/// reach it at its 127.0.0.1 address all the same).
async fn spawn_named_site() -> TestApp {
    spawn_app_with(|config| config.base_url = Some("http://localhost:8080".into())).await
}

/// A passkey stored for `username` as if a ceremony had added it (the
/// ceremony itself needs an authenticator: see the browser test). Its id.
pub(crate) async fn give_passkey(app: &TestApp, username: &str, name: &str) -> i64 {
    let admin_id = app.account_id(username).await;
    sqlx::query_scalar(
        "INSERT INTO passkeys (admin_id, credential_id, name, passkey, created_at)
         VALUES (?, ?, ?, '{}', ?) RETURNING id",
    )
    .bind(admin_id)
    .bind(format!("credential-of-{username}-{name}"))
    .bind(name)
    .bind(app.clock.now())
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

async fn passkeys_of(app: &TestApp, username: &str) -> Vec<String> {
    sqlx::query_scalar("SELECT p.name FROM passkeys p JOIN admins a ON a.id = p.admin_id WHERE a.username = ? ORDER BY p.id")
        .bind(username)
        .fetch_all(&app.pool)
        .await
        .unwrap()
}

async fn json_of(response: reqwest::Response) -> Value {
    serde_json::from_str(&response.text().await.unwrap()).unwrap()
}

async fn signed_in(browser: &Browser) -> bool {
    browser.get("/admin/account").await.0 == 200
}

/// The `src` of the page's first script.
fn script_src(page: &str) -> &str {
    let from = page.find(r#"<script src=""#).unwrap() + r#"<script src=""#.len();
    let to = page[from..].find('"').unwrap() + from;
    &page[from..to]
}

#[tokio::test]
async fn a_site_reached_by_its_ip_address_offers_no_passkeys() {
    let app = spawn_app().await; // no FOLIO_BASE_URL: http://127.0.0.1:…
    let csrf = app.login_admin().await;

    let (_, account) = app.get_page("/admin/account").await;
    let options = app
        .admin_post("/admin/account/passkeys/options", &[("csrf_token", &csrf)])
        .await;
    let (_, login) = Browser::new(&app.address).get("/admin/login").await;

    assert!(!account.contains("Add a passkey"), "{account}");
    assert!(!account.contains("passkey.js"));
    assert_eq!(options.status().as_u16(), 404);
    assert!(!login.contains("Sign in with a passkey"));
    assert!(login.contains(r#"name="password""#));
}

#[tokio::test]
async fn the_login_page_offers_the_password_and_a_passkey_with_a_script_from_static() {
    let app = spawn_named_site().await;
    let browser = Browser::new(&app.address);

    let response = browser
        .client
        .get(browser.url("/admin/login"))
        .send()
        .await
        .unwrap();
    let policy = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    let login = response.text().await.unwrap();

    assert!(login.contains(r#"name="username""#) && login.contains(r#"name="password""#));
    assert!(login.contains("Sign in with a passkey"), "{login}");
    assert!(
        login.contains(r#"id="passkey-sign-in""#) && login.contains(" hidden>"),
        "hidden until the script shows it, so without JavaScript only the password is offered"
    );
    assert!(policy.contains("script-src 'self'"), "{policy}");
    assert!(!policy.contains("unsafe-inline"));
    assert_eq!(
        login.matches("<script").count(),
        login.matches("<script src=\"/static/").count(),
        "no inline script"
    );
    let script = browser
        .client
        .get(browser.url(script_src(&login)))
        .send()
        .await
        .unwrap();
    assert_eq!(script.status().as_u16(), 200);
    assert_eq!(
        script.headers()["content-type"],
        "text/javascript; charset=utf-8"
    );
    assert!(
        script
            .text()
            .await
            .unwrap()
            .contains("navigator.credentials")
    );
}

#[tokio::test]
async fn adding_a_passkey_needs_a_session_and_its_csrf_token() {
    let app = spawn_named_site().await;
    let csrf = app.login_admin().await;
    let stranger = Browser::new(&app.address);

    let without_session = stranger
        .client
        .post(stranger.url("/admin/account/passkeys/options"))
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .unwrap();
    let without_token = app
        .admin_post(
            "/admin/account/passkeys/options",
            &[("csrf_token", "forged")],
        )
        .await;
    let add_without_token = app
        .admin_post(
            "/admin/account/passkeys",
            &[("name", "Laptop"), ("ceremony", "x"), ("credential", "{}")],
        )
        .await;

    assert!(location(&without_session).starts_with("/admin/login"));
    assert_eq!(without_token.status().as_u16(), 403);
    assert_eq!(add_without_token.status().as_u16(), 403);
    assert!(passkeys_of(&app, ADMIN).await.is_empty());
}

#[tokio::test]
async fn the_options_to_add_a_passkey_ask_for_a_discoverable_verified_credential() {
    let app = spawn_named_site().await;
    let csrf = app.login_admin().await;

    let response = app
        .admin_post("/admin/account/passkeys/options", &[("csrf_token", &csrf)])
        .await;

    assert_eq!(response.status().as_u16(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    let options = json_of(response).await;
    let public_key = &options["options"]["publicKey"];
    assert_eq!(public_key["rp"]["id"], "localhost", "the base URL's host");
    assert_eq!(public_key["user"]["name"], ADMIN);
    assert_ne!(
        public_key["user"]["id"], ADMIN,
        "the user handle is not the login name"
    );
    assert_eq!(
        public_key["authenticatorSelection"]["residentKey"],
        "required"
    );
    assert_eq!(
        public_key["authenticatorSelection"]["userVerification"],
        "required"
    );
    assert!(public_key["challenge"].as_str().unwrap().len() >= 32);
    assert_eq!(options["ceremony"].as_str().unwrap().len(), 64);
    let (_, account) = app.get_page("/admin/account").await;
    assert!(account.contains(r#"<script src="/static/passkey.js"#));
    assert!(account.contains("Add a passkey"));
}

#[tokio::test]
async fn an_answer_that_matches_no_ceremony_adds_no_passkey() {
    let app = spawn_named_site().await;
    let csrf = app.login_admin().await;
    let options = app
        .admin_post("/admin/account/passkeys/options", &[("csrf_token", &csrf)])
        .await;
    let ceremony = json_of(options).await["ceremony"]
        .as_str()
        .unwrap()
        .to_owned();

    let forged = app
        .admin_post(
            "/admin/account/passkeys",
            &[
                ("csrf_token", &csrf),
                ("name", "Laptop"),
                ("ceremony", &ceremony),
                ("credential", r#"{"id":"AAAA","rawId":"AAAA","type":"public-key","response":{"attestationObject":"AAAA","clientDataJSON":"AAAA"},"extensions":{}}"#),
            ],
        )
        .await;

    assert_eq!(location(&forged), "/admin/account");
    let (_, account) = app.get_page("/admin/account").await;
    assert!(
        account.contains("That passkey was not accepted"),
        "{account}"
    );
    assert!(passkeys_of(&app, ADMIN).await.is_empty());
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM webauthn_ceremonies")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(left, 0, "a ceremony is used once, even when it fails");
}

#[tokio::test]
async fn the_sign_in_options_need_the_login_pages_token_and_name_no_account() {
    let app = spawn_named_site().await;
    app.create_admin(ADMIN, ADMIN_PASSWORD).await;
    give_passkey(&app, ADMIN, "Laptop").await;
    let browser = Browser::new(&app.address);
    let (_, page) = browser.get("/admin/login").await;
    let csrf = input_value(&page, "csrf_token").unwrap();
    let options_with = |token: String| {
        browser
            .client
            .post(browser.url("/admin/login/passkey/options"))
            .form(&[("csrf_token", token)])
            .send()
    };

    let forged = options_with("forged".into()).await.unwrap();
    let first = options_with(csrf.clone()).await.unwrap();
    let second = options_with(csrf).await.unwrap();

    assert_eq!(forged.status().as_u16(), 403);
    assert_eq!(first.status().as_u16(), 200);
    let first = json_of(first).await;
    let second = json_of(second).await;
    let public_key = &first["options"]["publicKey"];
    assert_eq!(public_key["rpId"], "localhost");
    assert_eq!(public_key["userVerification"], "required");
    assert!(
        public_key["allowCredentials"]
            .as_array()
            .is_none_or(|list| list.is_empty()),
        "a discoverable credential: no account named, none listed"
    );
    assert_ne!(
        public_key["challenge"], second["options"]["publicKey"]["challenge"],
        "a fresh challenge each time"
    );
    assert_ne!(first["ceremony"], second["ceremony"]);
}

#[tokio::test]
async fn a_passkey_answer_that_matches_no_ceremony_signs_no_one_in() {
    let app = spawn_named_site().await;
    app.create_admin(ADMIN, ADMIN_PASSWORD).await;
    let browser = Browser::new(&app.address);
    let (_, page) = browser.get("/admin/login").await;
    let csrf = input_value(&page, "csrf_token").unwrap();
    let send = |token: String| {
        browser
            .client
            .post(browser.url("/admin/login/passkey"))
            .form(&[
                ("csrf_token", token.as_str()),
                ("ceremony", "made-up"),
                ("credential", "{}"),
            ])
            .send()
    };

    let forged = send("forged".into()).await.unwrap();
    let response = send(csrf).await.unwrap();

    assert_eq!(forged.status().as_u16(), 403);
    assert_eq!(response.status().as_u16(), 401);
    let page = response.text().await.unwrap();
    assert!(page.contains("passkey was not accepted"), "{page}");
    assert!(
        page.contains(r#"name="password""#),
        "the password path stays"
    );
    assert!(!signed_in(&browser).await);
}

#[tokio::test]
async fn the_account_page_lists_each_passkey_and_removes_one_logged() {
    let app = spawn_named_site().await;
    let csrf = app.login_admin().await;
    let laptop = give_passkey(&app, ADMIN, "Laptop").await;
    give_passkey(&app, ADMIN, "Phone").await;
    app.create_admin("bob", ADMIN_PASSWORD).await;
    let bobs = give_passkey(&app, "bob", "Bob's key").await;

    let (_, account) = app.get_page("/admin/account").await;
    assert!(account.contains("<strong>Laptop</strong>"), "{account}");
    assert!(account.contains("<strong>Phone</strong>"));
    assert!(account.contains("not used yet"));
    assert!(!account.contains("Bob"), "only one's own passkeys");

    let not_without_token = app
        .admin_post(&format!("/admin/account/passkeys/{laptop}/remove"), &[])
        .await;
    let not_anothers = app
        .admin_post(
            &format!("/admin/account/passkeys/{bobs}/remove"),
            &[("csrf_token", &csrf)],
        )
        .await;
    let removed = app
        .admin_post(
            &format!("/admin/account/passkeys/{laptop}/remove"),
            &[("csrf_token", &csrf)],
        )
        .await;

    assert_eq!(not_without_token.status().as_u16(), 403);
    assert_eq!(location(&not_anothers), "/admin/account");
    assert_eq!(passkeys_of(&app, "bob").await, ["Bob's key"]);
    assert_eq!(location(&removed), "/admin/account");
    let (_, account) = app.get_page("/admin/account").await;
    assert!(account.contains("The passkey is removed"), "{account}");
    assert_eq!(passkeys_of(&app, ADMIN).await, ["Phone"]);
    let (_, log) = app.get_page("/admin/log").await;
    assert!(log.contains("remove a passkey"), "{log}");
    assert!(log.contains("passkey “Laptop”"), "{log}");
    assert!(!log.contains("credential-of"), "never the credential");
}

#[tokio::test]
async fn an_admins_reset_in_the_browser_removes_the_passkeys_too() {
    let app = spawn_named_site().await;
    app.login_admin().await;
    give_passkey(&app, ADMIN, "Laptop").await;
    let alice = app.account_id(ADMIN).await;
    let carol = app.browser_as("carol", Role::Admin).await;

    let response = carol
        .post(&format!("/admin/accounts/{alice}/reset-2fa"), &[])
        .await;

    assert_eq!(location(&response), "/admin/accounts");
    assert!(passkeys_of(&app, ADMIN).await.is_empty());
    assert_eq!(
        app.get("/admin/account").await.status().as_u16(),
        303,
        "alice's session ended"
    );
}

#[tokio::test]
async fn when_two_step_sign_in_is_required_a_passkey_counts_as_the_second_factor() {
    let app = spawn_named_site().await;
    let csrf = app.login_admin().await;
    let mut form = crate::admin_settings::settings_form(&csrf);
    form.push(("require_two_step", "on".into()));
    crate::admin_settings::save(&app, &form).await;
    let editor = app.browser_as("eddie", Role::Editor).await;
    assert_eq!(
        location(
            &editor
                .client
                .get(editor.url("/admin/posts"))
                .send()
                .await
                .unwrap()
        ),
        "/admin/account?two_step=required"
    );

    give_passkey(&app, "eddie", "Phone").await;

    assert_eq!(editor.get("/admin/posts").await.0, 200);
    let (_, account) = editor.get("/admin/account").await;
    assert!(!account.contains("requires two-step sign-in"), "{account}");
}

#[tokio::test]
async fn the_passkey_texts_are_german_on_a_german_site() {
    let app = spawn_named_site().await;
    crate::language::choose_language(&app, "de").await;
    give_passkey(&app, ADMIN, "Laptop").await;

    let (_, login) = Browser::new(&app.address).get("/admin/login").await;
    let (_, account) = app.get_page("/admin/account").await;

    assert!(login.contains("Mit einem Passkey anmelden"), "{login}");
    assert!(account.contains("Passkey hinzufügen"), "{account}");
    assert!(account.contains("noch nicht benutzt"));
    assert!(account.contains("Entfernen"));
}

#[tokio::test]
async fn sign_ins_under_way_are_bounded_so_a_flood_cannot_fill_the_database() {
    let app = spawn_named_site().await;
    let browser = Browser::new(&app.address);
    let (_, page) = browser.get("/admin/login").await;
    let csrf = input_value(&page, "csrf_token").unwrap();
    let ask = || {
        browser
            .client
            .post(browser.url("/admin/login/passkey/options"))
            .form(&[("csrf_token", csrf.as_str())])
            .send()
    };
    let now = app.clock.now();
    let under_way = folio::auth::passkey::MAX_SIGN_INS_UNDER_WAY - 1;
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
         INSERT INTO webauthn_ceremonies (id, admin_id, state, expires_at)
         SELECT 'flood-' || i, NULL, '{}', ? FROM n",
    )
    .bind(under_way)
    .bind(now + 60)
    .execute(&app.pool)
    .await
    .unwrap();

    let last = ask().await.unwrap();
    let refused = ask().await.unwrap();

    assert_eq!(last.status().as_u16(), 200);
    assert_eq!(refused.status().as_u16(), 429);
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("Too many sign-ins with a passkey")
    );
    sqlx::query("UPDATE webauthn_ceremonies SET expires_at = ?")
        .bind(now)
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        ask().await.unwrap().status().as_u16(),
        200,
        "expired ones do not count"
    );
}

#[tokio::test]
async fn the_password_alone_does_not_sign_in_an_account_whose_second_step_is_a_passkey() {
    let app = spawn_named_site().await;
    app.create_admin(ADMIN, ADMIN_PASSWORD).await;
    give_passkey(&app, ADMIN, "Laptop").await;

    // After the password comes the second step, not a session.
    let browser = crate::two_factor::password_step(&app).await;
    assert!(!signed_in(&browser).await, "a password alone signed in");

    // That step offers the passkey (with the login page's token, which its
    // script sends), and no "Code" field: this account has no authenticator
    // app and no recovery codes.
    let (status, page) = browser.get("/admin/login/code").await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"action="/admin/login/passkey""#), "{page}");
    assert!(
        script_src(&page).starts_with("/static/passkey.js"),
        "{page}"
    );
    assert!(!page.contains(r#"name="code""#), "{page}");
    assert!(page.contains("needs JavaScript"), "{page}");
    let options = browser
        .client
        .post(browser.url("/admin/login/passkey/options"))
        .form(&[(
            "csrf_token",
            input_value(
                page.split(r#"id="passkey-sign-in""#).nth(1).unwrap(),
                "csrf_token",
            )
            .unwrap()
            .as_str(),
        )])
        .send()
        .await
        .unwrap();
    assert_eq!(options.status().as_u16(), 200);
    assert!(!signed_in(&browser).await);
}

#[tokio::test]
async fn with_an_authenticator_and_a_passkey_the_second_step_offers_both() {
    let app = spawn_named_site().await;
    crate::two_factor::set_up_authenticator(&app).await;
    give_passkey(&app, ADMIN, "Laptop").await;

    let browser = crate::two_factor::password_step(&app).await;
    let (_, page) = browser.get("/admin/login/code").await;
    assert!(page.contains(r#"name="code""#), "{page}");
    assert!(page.contains(r#"action="/admin/login/passkey""#), "{page}");
}
