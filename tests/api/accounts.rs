//! Accounts at `/admin/accounts`: invitations (a single-use link valid 7
//! days, mailed over SMTP or shown to the admin), roles, deactivation (which
//! ends the account's sessions at once), the last active admin, the log.

use std::borrow::Cow;

use folio::domain::role::Role;
use folio::startup::{self, MIGRATOR};
use sqlx::migrate::Migrator;

use crate::helpers::{
    ADMIN, ADMIN_PASSWORD, Browser, TestApp, fresh_database, input_value, location, spawn_app,
    spawn_app_on, spawn_app_with,
};
use crate::smtp::SmtpServer;

const DAY: i64 = 24 * 60 * 60;
const NEW_PASSWORD: &str = "a garden of forking paths";

/// The link the accounts page shows after inviting while email is off.
pub(crate) fn shown_link(page: &str) -> String {
    let at = page
        .find(r#"id="new-link" value=""#)
        .expect("the page shows the link");
    let rest = &page[at + r#"id="new-link" value=""#.len()..];
    crate::helpers::unescape(&rest[..rest.find('"').unwrap()])
}

/// The path of an absolute link.
pub(crate) fn path_of(link: &str) -> String {
    let after_scheme = link.split_once("://").unwrap().1;
    after_scheme[after_scheme.find('/').unwrap()..].to_owned()
}

impl TestApp {
    /// The invitation form sent by the signed-in admin.
    pub(crate) async fn invite(&self, csrf: &str, username: &str, role: &str) -> reqwest::Response {
        let email = format!("{username}@example.org");
        self.admin_post(
            "/admin/accounts",
            &[
                ("csrf_token", csrf),
                ("username", username),
                ("email", &email),
                ("role", role),
                ("display_name", "Bea from the office"),
            ],
        )
        .await
    }

    async fn role_of(&self, username: &str) -> (String, bool) {
        sqlx::query_as("SELECT role, deactivated_at IS NULL FROM admins WHERE username = ?")
            .bind(username)
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }

    async fn log_entries(&self) -> Vec<(String, String, String)> {
        sqlx::query_as("SELECT admin_username, action, detail FROM moderation_log ORDER BY id")
            .fetch_all(&self.pool)
            .await
            .unwrap()
    }
}

/// Opens an invitation's page in a browser of its own and chooses the password.
pub(crate) async fn accept(
    app: &TestApp,
    link_path: &str,
    password: &str,
    again: &str,
) -> (Browser, u16, String) {
    let browser = Browser::new(&app.address);
    let (status, page) = browser.get(link_path).await;
    assert_eq!(status, 200, "{page}");
    let token = input_value(&page, "csrf_token").unwrap();
    let response = browser
        .client
        .post(browser.url(link_path))
        .form(&[
            ("csrf_token", token.as_str()),
            ("password", password),
            ("password_again", again),
        ])
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let answer = if status == 303 {
        location(&response)
    } else {
        response.text().await.unwrap()
    };
    (browser, status, answer)
}

#[tokio::test]
async fn accounts_made_before_roles_are_admins_after_the_upgrade() {
    let (_dir, _path, url) = fresh_database();
    let pool = startup::connect(&url).await.unwrap();
    let before = Migrator {
        migrations: Cow::Owned(
            MIGRATOR
                .migrations
                .iter()
                .filter(|m| m.version < 20261207170000)
                .cloned()
                .collect(),
        ),
        ..Migrator::DEFAULT
    };
    before.run(&pool).await.unwrap();
    sqlx::query(
        "INSERT INTO admins (username, password_hash, created_at, updated_at)
         VALUES ('doctor', 'x', 0, 0), ('office', 'x', 0, 0)",
    )
    .execute(&pool)
    .await
    .unwrap();

    startup::migrate(&pool).await.unwrap();

    let roles: Vec<(String, String, bool)> = sqlx::query_as(
        "SELECT username, role, deactivated_at IS NULL FROM admins ORDER BY username",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(
        roles,
        [
            ("doctor".to_owned(), "admin".to_owned(), true),
            ("office".to_owned(), "admin".to_owned(), true)
        ]
    );
}

#[tokio::test]
async fn with_email_off_the_invitation_link_is_shown_once_and_makes_an_account_that_signs_in() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;

    let response = app.invite(&csrf, "bea", "editor").await;
    assert_eq!(response.status().as_u16(), 200);
    let page = response.text().await.unwrap();
    let link = shown_link(&page);
    assert!(link.contains("/admin/invite/"), "{link}");
    let token = link.rsplit('/').next().unwrap().to_owned();
    assert_eq!(token.len(), 64);
    // Only its hash is kept.
    let stored: String = sqlx::query_scalar("SELECT token_hash FROM invitations")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_ne!(stored, token);
    let (_, listed) = app.get_page("/admin/accounts").await;
    assert!(!listed.contains(&token), "the link is shown only once");
    assert!(listed.contains("bea"), "{listed}");

    let link_path = path_of(&link);
    let (status, invitation) = app.get_page(&link_path).await;
    assert_eq!(status, 200);
    assert!(invitation.contains("as an editor"), "{invitation}");
    assert!(
        !invitation.contains(ADMIN),
        "an admin's login name is never shown outside"
    );
    let (_, status, page) = accept(&app, &link_path, NEW_PASSWORD, "something else entirely").await;
    assert_eq!(status, 422);
    assert!(page.contains("The two passwords differ."), "{page}");
    let (_, status, page) = accept(&app, &link_path, "short", "short").await;
    assert_eq!(status, 422);
    assert!(page.contains("at least 12 characters"), "{page}");

    let (_, status, answer) = accept(&app, &link_path, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(status, 303);
    assert_eq!(answer, "/admin/login?joined=1");
    assert_eq!(app.role_of("bea").await, ("editor".to_owned(), true));
    let (name, email): (String, String) =
        sqlx::query_as("SELECT display_name, email FROM admins WHERE username = 'bea'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(name, "Bea from the office");
    assert_eq!(email, "bea@example.org");

    let bea = Browser::new(&app.address);
    let signed_in = bea.sign_in("bea", NEW_PASSWORD).await;
    assert_eq!(signed_in.status().as_u16(), 303);
    assert_eq!(location(&signed_in), "/admin/comments");

    // The link works once.
    let (status, gone) = bea.get(&link_path).await;
    assert_eq!(status, 410);
    assert!(gone.contains("no longer works"), "{gone}");
    let actions: Vec<String> = app.log_entries().await.into_iter().map(|e| e.1).collect();
    assert_eq!(actions, ["invite", "join"]);
}

#[tokio::test]
async fn an_invitation_sent_over_smtp_carries_a_link_that_makes_the_account() {
    let smtp = SmtpServer::start().await;
    let url = smtp.url();
    let app = spawn_app_with(move |c| c.smtp_url = Some(url)).await;
    let csrf = app.login_admin().await;

    let response = app.invite(&csrf, "reception", "moderator").await;
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(location(&response), "/admin/accounts");
    let (_, page) = app.get_page("/admin/accounts").await;
    assert!(page.contains("reception is invited"), "{page}");
    assert!(
        !page.contains("/admin/invite/"),
        "the link goes only by mail"
    );
    assert_eq!(app.send_mail().await, 1);

    let mails = smtp.received_by("reception@example.org");
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    assert!(mail.header("Subject").unwrap().contains("You are invited"));
    assert!(mail.text().contains("as a moderator"), "{}", mail.text());
    assert!(mail.text().contains("Your login name is reception"));
    let link = mail.link("/admin/invite/");
    // Once the mail has left, the outbox forgets the token too.
    let secret: Option<String> = sqlx::query_scalar("SELECT secret FROM outbox")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(secret, None);

    let (_, status, _) = accept(&app, &path_of(&link), NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(status, 303);
    let reception = Browser::new(&app.address);
    let signed_in = reception.sign_in("reception", NEW_PASSWORD).await;
    assert_eq!(signed_in.status().as_u16(), 303);
    assert_eq!(
        app.role_of("reception").await,
        ("moderator".to_owned(), true)
    );
}

#[tokio::test]
async fn an_invitation_runs_out_after_7_days_and_can_be_withdrawn() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let page = app
        .invite(&csrf, "bea", "author")
        .await
        .text()
        .await
        .unwrap();
    let link_path = path_of(&shown_link(&page));

    app.clock.advance(7 * DAY + 1);
    let (status, _) = app.get_page(&link_path).await;
    assert_eq!(status, 410);
    // An invitation that ran out gives its name back (the admin signs in again: a week passed).
    app.login_as(ADMIN, ADMIN_PASSWORD).await;
    let csrf = app.csrf_token().await;
    let page = app
        .invite(&csrf, "bea", "author")
        .await
        .text()
        .await
        .unwrap();
    let second = path_of(&shown_link(&page));
    assert_eq!(app.get_page(&second).await.0, 200);

    let id: i64 = sqlx::query_scalar("SELECT id FROM invitations WHERE username = 'bea'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let withdrawn = app
        .admin_post(
            &format!("/admin/invitations/{id}/withdraw"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(withdrawn.status().as_u16(), 303);
    assert_eq!(app.get_page(&second).await.0, 410);
    let actions: Vec<String> = app.log_entries().await.into_iter().map(|e| e.1).collect();
    assert_eq!(actions, ["invite", "invite", "withdraw"]);
}

#[tokio::test]
async fn an_invitation_form_with_mistakes_comes_back_with_a_message_next_to_each_field() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let response = app
        .admin_post(
            "/admin/accounts",
            &[
                ("csrf_token", &csrf),
                ("username", "no spaces please"),
                ("email", "not an address"),
                ("role", "owner"),
                ("display_name", "Kept"),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 422);
    let page = response.text().await.unwrap();
    for id in ["username-error", "email-error", "role-error"] {
        assert!(page.contains(&format!(r#"id="{id}""#)), "{id}: {page}");
    }
    assert!(page.contains(r#"value="Kept""#));

    let taken = app.invite(&csrf, ADMIN, "editor").await;
    assert_eq!(taken.status().as_u16(), 422);
    assert!(
        taken
            .text()
            .await
            .unwrap()
            .contains("There is already an account")
    );
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM invitations")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(count, 0);
}

#[tokio::test]
async fn the_accounts_page_lists_each_role_last_sign_in_and_state() {
    let app = spawn_app().await;
    app.login_admin().await;
    app.browser_as("manager", Role::Editor).await;
    app.create_account("quiet", ADMIN_PASSWORD, Role::Author)
        .await;

    let (status, page) = app.get_page("/admin/accounts").await;
    assert_eq!(status, 200);
    let row = |name: &str| {
        let at = page.find(&format!("<strong>{name}</strong>")).unwrap();
        page[at..at + page[at..].find("</tr>").unwrap()].to_owned()
    };
    assert!(row("manager").contains(r#"value="editor" selected"#));
    assert!(row("manager").contains("<time datetime="), "signed in once");
    assert!(row("quiet").contains(r#"value="author" selected"#));
    assert!(row("quiet").contains("never"));
    assert!(row(ADMIN).contains("(you)"));
    assert!(row("quiet").contains("Active"));
}

#[tokio::test]
async fn a_new_role_applies_to_the_accounts_next_request() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let manager = app.browser_as("manager", Role::Editor).await;
    assert_eq!(manager.get("/admin/posts").await.0, 200);

    let response = app
        .admin_post(
            &format!("/admin/accounts/{}/role", manager.account_id),
            &[("csrf_token", &csrf), ("role", "moderator")],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);

    assert_eq!(app.role_of("manager").await.0, "moderator");
    assert_eq!(manager.get("/admin/posts").await.0, 403);
    assert_eq!(manager.get("/admin/comments").await.0, 200);
    let log = app.log_entries().await;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].0, ADMIN, "the log names who did it");
    assert_eq!(log[0].1, "role");
    let (_, page) = app.get_page("/admin/log").await;
    assert!(page.contains("manager: Editor → Moderator"), "{page}");
}

#[tokio::test]
async fn deactivating_an_account_signs_it_out_at_once_until_it_is_reactivated() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let manager = app.browser_as("manager", Role::Editor).await;
    let second_device = Browser::new(&app.address);
    assert_eq!(
        second_device
            .sign_in("manager", ADMIN_PASSWORD)
            .await
            .status()
            .as_u16(),
        303
    );

    let response = app
        .admin_post(
            &format!("/admin/accounts/{}/deactivate", manager.account_id),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);

    for browser in [&manager, &second_device] {
        let response = browser
            .client
            .get(browser.url("/admin/posts"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 303);
        assert!(location(&response).starts_with("/admin/login"));
    }
    let sessions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE admin_id = ?")
        .bind(manager.account_id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(sessions, 0);
    let refused = manager.sign_in("manager", ADMIN_PASSWORD).await;
    assert_eq!(refused.status().as_u16(), 403);
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("This account is deactivated")
    );
    let wrong = manager.sign_in("manager", "not the password at all").await;
    assert_eq!(
        wrong.status().as_u16(),
        401,
        "a wrong password tells nothing more"
    );
    let (_, page) = app.get_page("/admin/accounts").await;
    assert!(page.contains("Deactivated"));

    let response = app
        .admin_post(
            &format!("/admin/accounts/{}/reactivate", manager.account_id),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(
        manager
            .sign_in("manager", ADMIN_PASSWORD)
            .await
            .status()
            .as_u16(),
        303
    );
    let actions: Vec<(String, String)> = app
        .log_entries()
        .await
        .into_iter()
        .map(|(who, action, _)| (who, action))
        .collect();
    assert_eq!(
        actions,
        [
            (ADMIN.to_owned(), "deactivate".to_owned()),
            (ADMIN.to_owned(), "reactivate".to_owned())
        ]
    );
}

#[tokio::test]
async fn the_last_active_admin_can_be_neither_demoted_nor_deactivated() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let alice = app.account_id(ADMIN).await;

    for (path, form) in [
        (
            "role",
            vec![("csrf_token", csrf.as_str()), ("role", "editor")],
        ),
        ("deactivate", vec![("csrf_token", csrf.as_str())]),
    ] {
        let response = app
            .admin_post(&format!("/admin/accounts/{alice}/{path}"), &form)
            .await;
        assert_eq!(response.status().as_u16(), 409, "{path}");
        let page = response.text().await.unwrap();
        assert!(page.contains("is the last active admin"), "{page}");
    }
    assert_eq!(app.role_of(ADMIN).await, ("admin".to_owned(), true));

    // A deactivated admin is not one of the active ones.
    let other = app
        .create_account("doctor", ADMIN_PASSWORD, Role::Admin)
        .await;
    let deactivated = app
        .admin_post(
            &format!("/admin/accounts/{other}/deactivate"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(deactivated.status().as_u16(), 303);
    let response = app
        .admin_post(
            &format!("/admin/accounts/{alice}/role"),
            &[("csrf_token", &csrf), ("role", "editor")],
        )
        .await;
    assert_eq!(response.status().as_u16(), 409);

    // With another active admin, it may step down.
    app.admin_post(
        &format!("/admin/accounts/{other}/reactivate"),
        &[("csrf_token", &csrf)],
    )
    .await;
    let response = app
        .admin_post(
            &format!("/admin/accounts/{alice}/role"),
            &[("csrf_token", &csrf), ("role", "editor")],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(app.role_of(ADMIN).await.0, "editor");
    assert_eq!(app.get_page("/admin/accounts").await.0, 403);
}

#[tokio::test]
async fn an_account_made_by_the_command_line_meanwhile_keeps_its_name_from_an_invitation() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let page = app
        .invite(&csrf, "bea", "author")
        .await
        .text()
        .await
        .unwrap();
    let link_path = path_of(&shown_link(&page));
    app.create_account("bea", ADMIN_PASSWORD, Role::Admin).await;

    let (_, status, page) = accept(&app, &link_path, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(status, 409);
    assert!(page.contains("took the login name"), "{page}");
    assert_eq!(app.role_of("bea").await.0, "admin");
}

#[tokio::test]
async fn an_invitation_page_without_the_forms_token_changes_nothing() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let page = app
        .invite(&csrf, "bea", "author")
        .await
        .text()
        .await
        .unwrap();
    let link_path = path_of(&shown_link(&page));
    let stranger = Browser::new(&app.address);
    let response = stranger
        .client
        .post(stranger.url(&link_path))
        .form(&[("password", NEW_PASSWORD), ("password_again", NEW_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 403);
    let accounts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM admins")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(accounts, 1);
}

#[tokio::test]
async fn a_restarted_server_keeps_roles_and_invitations() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let page = app
        .invite(&csrf, "bea", "editor")
        .await
        .text()
        .await
        .unwrap();
    let link_path = path_of(&shown_link(&page));
    let again = spawn_app_on(&app.database_url, |_| {}).await;
    let (_, status, _) = accept(&again, &link_path, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(status, 303);
    assert_eq!(again.role_of("bea").await.0, "editor");
}
