//! Two-step sign-in: an authenticator app (codes computed here with another
//! TOTP implementation, from the secret the set-up shows), recovery codes, and
//! the half-signed-in state between the password and the code.

use reqwest::header::{COOKIE, SET_COOKIE};
use totp_rs::{Builder, Secret, Totp};

use folio::domain::role::Role;

use crate::helpers::{
    ADMIN, ADMIN_PASSWORD, Browser, TestApp, input_value, location, spawn_app, unescape,
};

/// What the set-up gave the admin: their authenticator and their recovery codes.
pub(crate) struct SetUp {
    totp: Totp,
    recovery_codes: Vec<String>,
}

fn between<'a>(html: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = html.find(start)? + start.len();
    let to = html[from..].find(end)? + from;
    Some(&html[from..to])
}

/// The authenticator app a person would set up from the set-up page (its text unescaped).
pub(crate) fn authenticator_on(page: &str) -> Totp {
    let secret = between(page, r#"<code id="totp-secret">"#, "</code>").unwrap();
    Builder::new()
        .with_secret(Secret::try_from_base32(secret).unwrap())
        .build()
        .unwrap()
}

/// The code the app shows at the app's time.
pub(crate) fn code(totp: &Totp, app: &TestApp) -> String {
    totp.generate(u64::try_from(app.clock.now().seconds()).unwrap())
        .to_string()
}

/// The test's own client signs in as the admin and turns the authenticator app on.
pub(crate) async fn set_up_authenticator(app: &TestApp) -> SetUp {
    let csrf = app.login_admin().await;
    let response = app
        .admin_post("/admin/account/totp", &[("csrf_token", &csrf)])
        .await;
    assert_eq!(location(&response), "/admin/account/totp");
    let (status, page) = app.get_page("/admin/account/totp").await;
    assert_eq!(status, 200);
    let page = unescape(&page);
    assert!(
        page.contains(r#"<img src="data:image/svg+xml;base64,"#),
        "an inline QR code"
    );
    let uri = between(&page, r#"<code id="totp-uri">"#, "</code>").unwrap();
    assert!(uri.starts_with("otpauth://totp/"), "{uri}");
    let totp = authenticator_on(&page);
    let response = app
        .admin_post(
            "/admin/account/totp/confirm",
            &[("csrf_token", &csrf), ("code", &code(&totp, app))],
        )
        .await;
    assert_eq!(response.status().as_u16(), 200);
    let page = response.text().await.unwrap();
    let recovery_codes: Vec<String> = page
        .split("<li><code>")
        .skip(1)
        .filter_map(|rest| rest.split("</code>").next())
        .map(str::to_owned)
        .collect();
    assert_eq!(recovery_codes.len(), 10, "{page}");
    // The set-up's code is used up; later sign-ins come in a later step.
    app.clock.advance(30);
    SetUp {
        totp,
        recovery_codes,
    }
}

/// A new browser gives the password; returns it half signed in.
pub(crate) async fn password_step(app: &TestApp) -> Browser {
    let browser = Browser::new(&app.address);
    let response = browser.sign_in(ADMIN, ADMIN_PASSWORD).await;
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(location(&response), "/admin/login/code");
    browser
}

/// Sends the "Code" form of a half-finished sign-in.
async fn send_code(browser: &Browser, code: &str) -> reqwest::Response {
    let (status, page) = browser.get("/admin/login/code").await;
    assert_eq!(status, 200, "the code page");
    let csrf = input_value(&page, "csrf_token").unwrap();
    browser
        .client
        .post(browser.url("/admin/login/code"))
        .form(&[("csrf_token", csrf.as_str()), ("code", code)])
        .send()
        .await
        .unwrap()
}

async fn signed_in(browser: &Browser) -> bool {
    browser.get("/admin/account").await.0 == 200
}

#[tokio::test]
async fn after_the_password_an_account_with_an_authenticator_is_asked_for_the_code() {
    let app = spawn_app().await;
    let set_up = set_up_authenticator(&app).await;

    let browser = password_step(&app).await;
    let (_, page) = browser.get("/admin/login/code").await;
    assert!(page.contains(r#"<label for="code">Code</label>"#), "{page}");
    assert!(!signed_in(&browser).await, "no session before the code");
    let response = send_code(&browser, &code(&set_up.totp, &app)).await;

    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(location(&response), "/admin/comments");
    assert!(signed_in(&browser).await);
}

#[tokio::test]
async fn a_code_is_accepted_only_once() {
    let app = spawn_app().await;
    let set_up = set_up_authenticator(&app).await;
    let code = code(&set_up.totp, &app);
    let first = password_step(&app).await;
    assert_eq!(send_code(&first, &code).await.status().as_u16(), 303);

    let second = password_step(&app).await;
    let response = send_code(&second, &code).await;

    assert_eq!(response.status().as_u16(), 401);
    assert!(!signed_in(&second).await);
}

#[tokio::test]
async fn a_wrong_code_at_set_up_turns_nothing_on() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    app.admin_post("/admin/account/totp", &[("csrf_token", &csrf)])
        .await;

    let response = app
        .admin_post(
            "/admin/account/totp/confirm",
            &[("csrf_token", &csrf), ("code", "000000")],
        )
        .await;

    assert_eq!(response.status().as_u16(), 422);
    let browser = Browser::new(&app.address);
    let response = browser.sign_in(ADMIN, ADMIN_PASSWORD).await;
    assert_eq!(
        location(&response),
        "/admin/comments",
        "still the password alone"
    );
}

#[tokio::test]
async fn a_recovery_code_works_once_in_place_of_the_code() {
    let app = spawn_app().await;
    let set_up = set_up_authenticator(&app).await;
    let recovery = set_up.recovery_codes[3].to_uppercase();

    let first = password_step(&app).await;
    assert_eq!(send_code(&first, &recovery).await.status().as_u16(), 303);
    assert!(signed_in(&first).await);
    let second = password_step(&app).await;
    let response = send_code(&second, &recovery).await;

    assert_eq!(response.status().as_u16(), 401);
    assert!(!signed_in(&second).await);
    let (_, page) = first.get("/admin/account").await;
    assert!(page.contains("9 recovery codes are left"), "{page}");
}

#[tokio::test]
async fn new_recovery_codes_replace_the_old_ones() {
    let app = spawn_app().await;
    let set_up = set_up_authenticator(&app).await;
    let csrf = app.csrf_token().await;

    let response = app
        .admin_post("/admin/account/recovery-codes", &[("csrf_token", &csrf)])
        .await;

    assert_eq!(response.status().as_u16(), 200);
    let page = response.text().await.unwrap();
    assert_eq!(page.matches("<li><code>").count(), 10);
    let browser = password_step(&app).await;
    let old = send_code(&browser, &set_up.recovery_codes[0]).await;
    assert_eq!(old.status().as_u16(), 401);
}

#[tokio::test]
async fn wrong_codes_count_towards_the_login_lock_and_the_password_does_not_lift_it() {
    let app = spawn_app().await; // five attempts, then locked
    let set_up = set_up_authenticator(&app).await;
    let browser = password_step(&app).await;
    for _ in 0..4 {
        assert_eq!(send_code(&browser, "123456").await.status().as_u16(), 401);
    }

    let again = password_step(&app).await;
    let fifth = send_code(&again, "654321").await;
    let right = send_code(&again, &code(&set_up.totp, &app)).await;

    assert_eq!(fifth.status().as_u16(), 401);
    assert!(
        fifth
            .text()
            .await
            .unwrap()
            .contains("try again in 15 minutes")
    );
    assert_eq!(
        right.status().as_u16(),
        429,
        "locked, even with the right code"
    );
    assert!(!signed_in(&again).await);
}

#[tokio::test]
async fn the_half_signed_in_state_reaches_no_admin_page() {
    let app = spawn_app().await;
    set_up_authenticator(&app).await;
    let browser = Browser::new(&app.address);
    let response = browser.sign_in(ADMIN, ADMIN_PASSWORD).await;
    let token = response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| c.strip_prefix("folio_pending="))
        .and_then(|c| c.split(';').next())
        .unwrap()
        .to_owned();
    // Even sent as a session cookie, everywhere, the token is no session.
    let cookies = format!("folio_pending={token}; folio_session={token}");
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();

    for (method, path, access) in folio::routes::admin::listed() {
        if method.as_str() != "GET" || access == folio::auth::Access::Public {
            continue;
        }
        let path = path.replace("{id:\\d+}", "1").replace("{id}", "1");
        let path = path.replace("{revision}", "1").replace("{action}", "x");
        let response = client
            .get(app.url(&path))
            .header(COOKIE, &cookies)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 303, "{path}");
        assert!(location(&response).starts_with("/admin/login"), "{path}");
    }
}

#[tokio::test]
async fn the_half_signed_in_state_runs_out_after_five_minutes() {
    let app = spawn_app().await;
    let set_up = set_up_authenticator(&app).await;
    let browser = password_step(&app).await;
    let (_, page) = browser.get("/admin/login/code").await;
    let csrf = input_value(&page, "csrf_token").unwrap();

    app.clock.advance(5 * 60 + 1);
    let shown = browser
        .client
        .get(browser.url("/admin/login/code"))
        .send()
        .await
        .unwrap();
    let sent = browser
        .client
        .post(browser.url("/admin/login/code"))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("code", &code(&set_up.totp, &app)),
        ])
        .send()
        .await
        .unwrap();

    assert_eq!(shown.status().as_u16(), 303);
    assert!(location(&shown).starts_with("/admin/login"));
    assert_eq!(sent.status().as_u16(), 303);
    assert!(location(&sent).starts_with("/admin/login"));
    assert!(!signed_in(&browser).await);
}

#[tokio::test]
async fn turning_the_authenticator_off_leaves_the_password_alone_and_is_logged() {
    let app = spawn_app().await;
    let set_up = set_up_authenticator(&app).await;
    let csrf = app.csrf_token().await;

    let response = app
        .admin_post("/admin/account/totp/remove", &[("csrf_token", &csrf)])
        .await;

    assert_eq!(location(&response), "/admin/account");
    let browser = Browser::new(&app.address);
    let response = browser.sign_in(ADMIN, ADMIN_PASSWORD).await;
    assert_eq!(location(&response), "/admin/comments");
    let (_, log) = app.get_page("/admin/log").await;
    assert!(log.contains("turn on two-step sign-in"), "{log}");
    assert!(log.contains("turn off two-step sign-in"));
    let secret = set_up.totp.secret().to_base32();
    assert!(!log.contains(&secret));
    assert!(!log.contains(&set_up.recovery_codes[0]));
}

#[tokio::test]
async fn an_admin_resets_another_accounts_two_step_sign_in_in_the_browser() {
    let app = spawn_app().await;
    set_up_authenticator(&app).await; // alice, in the app's own client
    let alice = app.account_id(ADMIN).await;
    let carol = app.browser_as("carol", Role::Admin).await;
    let (_, accounts) = carol.get("/admin/accounts").await;
    assert!(
        accounts.contains(&format!("/admin/accounts/{alice}/reset-2fa")),
        "{accounts}"
    );

    let response = carol
        .post(&format!("/admin/accounts/{alice}/reset-2fa"), &[])
        .await;

    assert_eq!(location(&response), "/admin/accounts");
    let (_, accounts) = carol.get("/admin/accounts").await;
    assert!(
        accounts.contains("second factors are removed"),
        "{accounts}"
    );
    assert_eq!(
        app.get("/admin/account").await.status().as_u16(),
        303,
        "alice's session ended"
    );
    let browser = Browser::new(&app.address);
    let response = browser.sign_in(ADMIN, ADMIN_PASSWORD).await;
    assert_eq!(location(&response), "/admin/comments", "the password alone");
    let (_, log) = carol.get("/admin/log").await;
    assert!(log.contains("reset two-step sign-in"), "{log}");
}

#[tokio::test]
async fn an_editor_cannot_reset_anothers_two_step_sign_in() {
    let app = spawn_app().await;
    set_up_authenticator(&app).await;
    let alice = app.account_id(ADMIN).await;
    let editor = app.browser_as("eddie", Role::Editor).await;

    let response = editor
        .post(&format!("/admin/accounts/{alice}/reset-2fa"), &[])
        .await;

    assert_eq!(response.status().as_u16(), 403);
    let browser = password_step(&app).await;
    assert!(!signed_in(&browser).await, "still asked for the code");
}

const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

/// A browser that says it is Firefox on Linux, signed in as the admin.
async fn firefox_signed_in(app: &TestApp) -> Browser {
    let client = reqwest::Client::builder()
        .user_agent(FIREFOX)
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .unwrap();
    let browser = Browser {
        client,
        ..Browser::new(&app.address)
    };
    let response = browser.sign_in(ADMIN, ADMIN_PASSWORD).await;
    assert_eq!(response.status().as_u16(), 303);
    browser
}

#[tokio::test]
async fn the_account_page_lists_the_devices_signed_in_and_signs_one_out() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let firefox = firefox_signed_in(&app).await;

    let (_, page) = app.get_page("/admin/account").await;

    assert!(page.contains("Devices signed in"), "{page}");
    assert!(page.contains("Firefox · Linux"), "{page}");
    assert!(page.contains("127.0.0.1"));
    assert!(page.contains("(this one)"));
    let forms: Vec<&str> = page
        .split(r#"action="/admin/account/sessions/"#)
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert_eq!(
        forms.len(),
        2,
        "one device to sign out, and everywhere else: {forms:?}"
    );
    let end = forms.iter().find(|f| f.ends_with("/end")).unwrap();
    let response = app
        .admin_post(
            &format!("/admin/account/sessions/{end}"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(location(&response), "/admin/account");
    assert!(!signed_in(&firefox).await, "that device is signed out");
    let (status, page) = app.get_page("/admin/account").await;
    assert_eq!(status, 200, "this one is not");
    assert!(page.contains("That device is signed out."));
}

#[tokio::test]
async fn signing_out_everywhere_else_keeps_only_this_device() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let first = firefox_signed_in(&app).await;
    let second = firefox_signed_in(&app).await;

    let response = app
        .admin_post(
            "/admin/account/sessions/end-others",
            &[("csrf_token", &csrf)],
        )
        .await;

    assert_eq!(location(&response), "/admin/account");
    assert!(!signed_in(&first).await);
    assert!(!signed_in(&second).await);
    let (status, page) = app.get_page("/admin/account").await;
    assert_eq!(status, 200);
    assert!(page.contains("2 other devices are signed out."), "{page}");
}

#[tokio::test]
async fn a_device_of_another_account_cannot_be_signed_out() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let other = app.browser_as("bob", Role::Editor).await;
    let bobs: i64 = sqlx::query_scalar("SELECT rowid FROM sessions WHERE admin_id = ?")
        .bind(other.account_id)
        .fetch_one(&app.pool)
        .await
        .unwrap();

    app.admin_post(
        &format!("/admin/account/sessions/{bobs}/end"),
        &[("csrf_token", &csrf)],
    )
    .await;

    assert!(signed_in(&other).await);
}

/// The signed-in admin ticks "Require two-step sign-in for every account".
async fn require_two_step(app: &TestApp, csrf: &str) {
    let mut form = crate::admin_settings::settings_form(csrf);
    form.push(("require_two_step", "on".into()));
    let response = crate::admin_settings::save(app, &form).await;
    assert_eq!(response.status().as_u16(), 303, "settings saved");
    // The admin who ticked it has no second factor either: sent to set one up.
    let settings = app.get("/admin/settings").await;
    assert_eq!(location(&settings), SET_UP_REQUIRED);
}

const SET_UP_REQUIRED: &str = "/admin/account?two_step=required";

#[tokio::test]
async fn when_required_an_account_without_a_second_factor_is_taken_to_set_one_up_first() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    require_two_step(&app, &csrf).await;
    let editor = app.browser_as("eddie", Role::Editor).await;

    for path in [
        "/admin",
        "/admin/posts",
        "/admin/comments",
        "/admin/media",
        "/admin/log",
    ] {
        let response = editor.client.get(editor.url(path)).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 303, "{path}");
        assert_eq!(location(&response), SET_UP_REQUIRED, "{path}");
    }
    let (status, account) = editor.get(SET_UP_REQUIRED).await;
    assert_eq!(status, 200);
    assert!(account.contains("requires two-step sign-in"), "{account}");
    let refused = editor.post("/admin/posts", &[("title", "Sneaky")]).await;
    assert_eq!(location(&refused), SET_UP_REQUIRED, "forms too");

    // Once the editor's authenticator is on, the other pages open.
    editor.post("/admin/account/totp", &[]).await;
    let (_, page) = editor.get("/admin/account/totp").await;
    let totp = authenticator_on(&unescape(&page));
    let codes = editor
        .post(
            "/admin/account/totp/confirm",
            &[("code", &code(&totp, &app))],
        )
        .await;
    assert_eq!(codes.status().as_u16(), 200);
    assert_eq!(editor.get("/admin/posts").await.0, 200);
}

#[tokio::test]
async fn when_required_an_invitation_leads_into_the_same_set_up() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let invited = app.invite(&csrf, "bea", "moderator").await;
    let link = crate::accounts::shown_link(&invited.text().await.unwrap());
    require_two_step(&app, &csrf).await;
    let path = crate::accounts::path_of(&link);
    let password = "a garden of forking paths";
    let (_, status, _) = crate::accounts::accept(&app, &path, password, password).await;
    assert_eq!(status, 303);

    let bea = Browser::new(&app.address);
    let response = bea.sign_in("bea", password).await;
    let home = bea
        .client
        .get(bea.url(&location(&response)))
        .send()
        .await
        .unwrap();

    assert_eq!(location(&home), SET_UP_REQUIRED);
}

#[tokio::test]
async fn without_the_setting_no_one_is_sent_to_set_up() {
    let app = spawn_app().await;
    app.login_admin().await;

    let response = app.get("/admin/posts").await;

    assert_eq!(response.status().as_u16(), 200);
}

#[tokio::test]
async fn this_device_is_not_signed_out_by_its_own_sign_out_button() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let own: i64 = sqlx::query_scalar("SELECT rowid FROM sessions")
        .fetch_one(&app.pool)
        .await
        .unwrap();

    app.admin_post(
        &format!("/admin/account/sessions/{own}/end"),
        &[("csrf_token", &csrf)],
    )
    .await;

    assert_eq!(app.get("/admin/account").await.status().as_u16(), 200);
}
