//! The site's language: English until the settings choose another, every text
//! from the catalogues in `locales/`.

use crate::helpers::{TestApp, WELCOME_SLUG, location, spawn_app};

fn settings_form(csrf: &str, language: &str) -> Vec<(&'static str, String)> {
    vec![
        ("csrf_token", csrf.to_owned()),
        ("title", "Praxis Dr. Weber".into()),
        ("tagline", "Allgemeinmedizin in Nürnberg".into()),
        ("header_lines", "Virnsberger Str. 75, 90431 Nürnberg".into()),
        ("timezone", "Europe/Berlin".into()),
        ("posts_per_page", "5".into()),
        ("hold_if_links_over", "3".into()),
        ("spam_words", "".into()),
        ("moderation_words", "".into()),
        ("close_comments_after_days", "0".into()),
        ("thread_depth", "4".into()),
        ("language", language.into()),
    ]
}

/// Logs in and switches the site's language in the settings, as an admin would.
async fn choose_language(app: &TestApp, language: &str) -> reqwest::Response {
    let csrf = app.login_admin().await;
    app.client
        .post(app.url("/admin/settings"))
        .form(&settings_form(&csrf, language))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn pages_are_in_english_until_the_settings_choose_german() {
    let app = spawn_app().await;
    let (_, home) = app.get_page("/").await;
    assert!(home.contains(r#"<html lang="en">"#));

    let response = choose_language(&app, "de").await;

    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(location(&response), "/admin/settings");
    let (_, settings) = app.get_page("/admin/settings").await;
    assert!(
        settings.contains("Einstellungen gespeichert."),
        "{settings}"
    );
    assert!(settings.contains(r#"<option value="de" lang="de" selected>Deutsch</option>"#));
    for path in ["/".to_owned(), format!("/posts/{WELCOME_SLUG}")] {
        let (_, page) = app.get_page(&path).await;
        assert!(page.contains(r#"<html lang="de">"#), "{path}");
    }
}

#[tokio::test]
async fn a_language_without_catalogues_is_refused_next_to_the_field() {
    let app = spawn_app().await;

    let response = choose_language(&app, "xx").await;

    assert_eq!(response.status().as_u16(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains(r#"id="language-error""#), "{page}");
    let (_, home) = app.get_page("/").await;
    assert!(home.contains(r#"<html lang="en">"#));
}
