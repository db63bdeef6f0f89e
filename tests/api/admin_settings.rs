use crate::helpers::{TestApp, WELCOME_SLUG, location, spawn_app};

pub(crate) fn settings_form(csrf: &str) -> Vec<(&'static str, String)> {
    vec![
        ("csrf_token", csrf.to_owned()),
        ("title", "Praxis Dr. Weber".into()),
        ("tagline", "Allgemeinmedizin in Nürnberg".into()),
        (
            "header_lines",
            "Working Hours: 7 Days a Week\r\nVirnsberger Str. 75, 90431 Nürnberg".into(),
        ),
        ("timezone", "UTC".into()),
        ("posts_per_page", "5".into()),
        ("auto_approve_known_authors", "on".into()),
        ("hold_if_links_over", "3".into()),
        ("spam_words", "casino".into()),
        ("moderation_words", "".into()),
        ("close_comments_after_days", "0".into()),
        ("thread_depth", "4".into()),
    ]
}

fn replaced(
    form: &[(&'static str, String)],
    field: &str,
    value: &str,
) -> Vec<(&'static str, String)> {
    form.iter()
        .map(|(k, v)| {
            (
                *k,
                if *k == field {
                    value.to_owned()
                } else {
                    v.clone()
                },
            )
        })
        .collect()
}

pub(crate) async fn save(app: &TestApp, form: &[(&'static str, String)]) -> reqwest::Response {
    app.client
        .post(app.url("/admin/settings"))
        .form(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_settings_page_shows_the_current_values() {
    let app = spawn_app().await;
    app.login_admin().await;

    let (status, page) = app.get_page("/admin/settings").await;

    assert_eq!(status, 200);
    assert!(page.contains(r#"name="title" value="Folio""#));
    assert!(page.contains("Edit these lines in Settings: opening hours"));
    assert!(page.contains(r#"<label for="header_lines">Header lines</label>"#));
}

#[tokio::test]
async fn saved_settings_show_on_every_page_at_once() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;

    let response = save(&app, &settings_form(&csrf)).await;

    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(location(&response), "/admin/settings");
    let (_, settings_page) = app.get_page("/admin/settings").await;
    assert!(settings_page.contains("Settings saved."));
    for path in [
        "/".to_owned(),
        format!("/posts/{WELCOME_SLUG}"),
        "/missing".to_owned(),
    ] {
        let page = reqwest::get(app.url(&path))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("Praxis Dr. Weber"), "{path}");
        assert!(page.contains("Allgemeinmedizin in Nürnberg"), "{path}");
        assert!(
            page.contains("<li>Working Hours: 7 Days a Week</li>"),
            "{path}"
        );
        assert!(
            page.contains("<li>Virnsberger Str. 75, 90431 Nürnberg</li>"),
            "{path}"
        );
        assert!(!page.contains("Edit these lines"), "{path}");
    }
}

#[tokio::test]
async fn invalid_settings_are_refused_field_by_field_with_everything_kept() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let form = replaced(
        &replaced(&settings_form(&csrf), "title", "  "),
        "posts_per_page",
        "lots",
    );

    let response = save(&app, &form).await;

    assert_eq!(response.status().as_u16(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains(r#"id="title-error""#));
    assert!(page.contains(r#"id="posts_per_page-error""#));
    assert!(
        page.contains("Allgemeinmedizin in Nürnberg"),
        "typed values are kept"
    );
    let (_, home) = app.get_page("/").await;
    assert!(
        home.contains(r#"<a href="/">Folio</a>"#),
        "nothing was saved"
    );
}

#[tokio::test]
async fn html_in_settings_is_shown_as_text() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;

    save(
        &app,
        &replaced(&settings_form(&csrf), "title", "<script>alert(1)</script>"),
    )
    .await;

    let (_, home) = app.get_page("/").await;
    assert!(!home.contains("<script>alert(1)"));
    assert!(home.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;"));
}

#[tokio::test]
async fn the_thread_depth_setting_caps_how_deep_replies_are_shown() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    save(&app, &replaced(&settings_form(&csrf), "thread_depth", "2")).await;
    let mut parent = app.seed_comment("Reader", "Level 0", "approved").await;
    for level in 1..=3 {
        app.admin_post(
            &format!("/admin/comments/{parent}/reply"),
            &[("csrf_token", &csrf), ("body", &format!("Level {level}"))],
        )
        .await;
        parent = app.last_comment_id().await;
    }

    let (_, page) = app.get_page(&format!("/posts/{WELCOME_SLUG}")).await;

    assert!(page.contains("depth-1"));
    assert!(!page.contains("depth-2"));
}

#[tokio::test]
async fn the_time_zone_setting_changes_how_times_are_shown() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;

    let response = save(
        &app,
        &replaced(&settings_form(&csrf), "timezone", "Europe/Berlin"),
    )
    .await;

    assert_eq!(response.status().as_u16(), 303);
    let (_, page) = app.get_page(&format!("/posts/{WELCOME_SLUG}")).await;
    assert!(
        page.contains("+01:00") || page.contains("+02:00"),
        "times carry Berlin's offset"
    );
    let (_, settings) = app.get_page("/admin/settings").await;
    assert!(settings.contains("<option selected>Europe&#x2F;Berlin</option>"));
}

#[tokio::test]
async fn an_unknown_time_zone_is_refused() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;

    let response = save(
        &app,
        &replaced(&settings_form(&csrf), "timezone", "Mars/Olympus"),
    )
    .await;

    assert_eq!(response.status().as_u16(), 422);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains(r#"id="timezone-error""#)
    );
}

#[tokio::test]
async fn only_time_zones_that_are_places_are_offered_and_accepted() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;

    let (_, page) = app.get_page("/admin/settings").await;

    assert!(page.contains("<option>Europe&#x2F;Berlin</option>"));
    assert!(page.contains(">UTC</option>"), "UTC stays the default");
    for not_a_place in [
        "posixrules",
        "localtime",
        "Factory",
        "Etc&#x2F;UTC",
        "US&#x2F;Eastern",
    ] {
        assert!(
            !page.contains(&format!(">{not_a_place}</option>")),
            "{not_a_place} is offered"
        );
    }
    for not_a_place in ["posixrules", "localtime", "Factory", "Etc/GMT+5", "Zulu"] {
        let response = save(
            &app,
            &replaced(&settings_form(&csrf), "timezone", not_a_place),
        )
        .await;
        assert_eq!(
            response.status().as_u16(),
            422,
            "{not_a_place} was accepted"
        );
    }
}

#[tokio::test]
async fn the_comment_form_links_the_privacy_policy_page_chosen_in_the_settings() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let page = app
        .admin_post(
            "/admin/pages",
            &[
                ("csrf_token", csrf.as_str()),
                ("title", "Datenschutz"),
                ("slug", ""),
                ("body", "Wir speichern Ihren Namen und Ihre E-Mail-Adresse."),
                ("status", "published"),
                ("action", "save"),
            ],
        )
        .await;
    let id = location(&page)
        .trim_start_matches("/admin/pages/")
        .trim_end_matches("/edit")
        .to_owned();
    let (_, before) = app.get_page(&format!("/posts/{WELCOME_SLUG}")).await;

    let mut form = settings_form(&csrf);
    form.push(("privacy_page", id.clone()));
    let saved = save(&app, &form).await;
    assert_eq!(saved.status().as_u16(), 303);
    let (_, settings) = app.get_page("/admin/settings").await;
    let (_, after) = app.get_page(&format!("/posts/{WELCOME_SLUG}")).await;

    assert!(!before.contains(r#"href="/datenschutz""#));
    assert!(settings.contains(&format!(
        r#"<option value="{id}" selected>Datenschutz</option>"#
    )));
    assert!(
        after.contains(r#"<a href="/datenschutz">Privacy policy</a>"#),
        "{after}"
    );
}
