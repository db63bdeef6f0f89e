//! The site's language: English until the settings choose another, every text
//! from the catalogues in `locales/`.

use std::collections::BTreeSet;
use std::path::Path;

use fluent_syntax::ast;

use base64::Engine as _;

use folio::domain::role::Role;

use crate::helpers::{
    ADMIN, Browser, TestApp, WELCOME_SLUG, comment_with, location, spawn_app, spawn_app_with,
    unescape,
};
use crate::smtp::SmtpServer;

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
pub(crate) async fn choose_language(app: &TestApp, language: &str) -> reqwest::Response {
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
async fn feeds_say_their_language_and_title_comments_in_it() {
    let app = spawn_app().await;
    choose_language(&app, "de").await;

    let (_, posts) = app.get_page("/feed.xml").await;
    let (_, comments) = app
        .get_page(&format!("/posts/{WELCOME_SLUG}/comments.xml"))
        .await;

    assert!(posts.contains(r#"xml:lang="de""#), "{posts}");
    assert!(comments.contains(r#"xml:lang="de""#));
    assert!(comments.contains("Kommentare zu „"), "{comments}");
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

/// The literal pieces of every message in one language's catalogues (the text
/// between values, in every variant), trimmed, those with a letter in them.
fn catalogue_texts(language: &str) -> BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(language);
    let mut texts = BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let source = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let resource = fluent_syntax::parser::parse(source.as_str()).unwrap();
        for entry in resource.body {
            // Each language is offered under its own name ("English" on a German page too).
            if let ast::Entry::Message(ast::Message {
                id,
                value: Some(pattern),
                ..
            }) = entry
                && id.name != "language-name"
            {
                pattern_texts(&pattern, &mut texts);
            }
        }
    }
    texts
}

fn pattern_texts(pattern: &ast::Pattern<&str>, texts: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => {
                for line in value.lines().map(str::trim) {
                    if line.chars().any(char::is_alphabetic) {
                        texts.insert(line.to_owned());
                    }
                }
            }
            ast::PatternElement::Placeable {
                expression: ast::Expression::Select { variants, .. },
            } => {
                for variant in variants {
                    pattern_texts(&variant.value, texts);
                }
            }
            ast::PatternElement::Placeable { .. } => {}
        }
    }
}

/// The English texts a German page must not show: those the German catalogue
/// words differently ("Name" and "Website" are the same in both).
fn english_only_texts() -> Vec<String> {
    let german = catalogue_texts("de");
    catalogue_texts("en")
        .into_iter()
        // A fragment as short as "to" (from "{ $min } to { $max }") tells nothing.
        .filter(|text| text.chars().count() > 2 && !german.contains(text))
        .collect()
}

/// Attributes whose values people read (or hear).
const READ_ATTRIBUTES: [&str; 5] = ["aria-label", "title", "placeholder", "alt", "content"];

/// A page as the words on it: the text between tags and the attributes people
/// read, unescaped, without what people typed into text areas.
fn page_words(html: &str) -> String {
    let mut words = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        words.push_str(&rest[..open]);
        words.push('\n');
        let close = rest[open..].find('>').map_or(rest.len(), |c| open + c + 1);
        let tag = &rest[open..close];
        for name in READ_ATTRIBUTES {
            let marker = format!(r#" {name}=""#);
            if let Some(at) = tag.find(&marker) {
                let value = &tag[at + marker.len()..];
                words.push_str(&value[..value.find('"').unwrap_or(value.len())]);
                words.push('\n');
            }
        }
        rest = &rest[close..];
        // Typed text (data, like the comment itself).
        if tag.starts_with("<textarea") {
            rest = &rest[rest.find("</textarea>").unwrap_or(0)..];
        }
    }
    words.push_str(rest);
    unescape(&words)
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || c == '-')
}

/// The English texts on a page (as whole words).
fn english_on(html: &str, english: &[String]) -> Vec<String> {
    let words = page_words(html);
    english
        .iter()
        .filter(|text| {
            words.match_indices(text.as_str()).any(|(at, _)| {
                !is_word_char(words[..at].chars().next_back())
                    && !is_word_char(words[at + text.len()..].chars().next())
            })
        })
        .cloned()
        .collect()
}

/// Fails on any page that is not marked German or shows English text.
fn assert_german(pages: &[(String, String)]) {
    let english = english_only_texts();
    for (what, page) in pages {
        assert!(page.contains(r#"<html lang="de">"#), "{what}");
        let left = english_on(page, &english);
        assert!(
            left.is_empty(),
            "{what} shows English: {left:?}\n{}",
            page_words(page)
        );
    }
}

async fn page(app: &TestApp, path: &str) -> (String, String) {
    let (status, page) = app.get_page(path).await;
    assert!(status == 200 || status == 404, "{path}: {status}");
    (path.to_owned(), page)
}

#[tokio::test]
async fn every_reader_page_type_in_german_shows_no_english_text() {
    let app = spawn_app().await;
    choose_language(&app, "de").await;
    let csrf = app.csrf_token().await;
    // The welcome post is the site's content, not Folio's: made German here.
    sqlx::query(
        "UPDATE posts SET title = 'Willkommen', body_markdown = 'Hallo.', \
         body_html = '<p>Hallo.</p>', excerpt_html = '<p>Hallo.</p>' WHERE slug = ?",
    )
    .bind(WELCOME_SLUG)
    .execute(&app.pool)
    .await
    .unwrap();
    let saved = app
        .admin_post(
            "/admin/posts",
            &[
                ("csrf_token", csrf.as_str()),
                ("title", "Sprechzeiten"),
                ("slug", ""),
                ("body", "Montag bis Freitag."),
                ("tags", "Praxis"),
                ("status", "published"),
                ("comments_open", "on"),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(saved.status().as_u16(), 303);
    app.post_valid_comment(WELCOME_SLUG, &comment_with("body", "Danke!"))
        .await;
    let first = app.last_comment_id().await;
    app.set_comment_status(first, "approved").await;
    let post = format!("/posts/{WELCOME_SLUG}");
    let refused = app
        .post_comment(WELCOME_SLUG, &comment_with("email", "keine-adresse"))
        .await;
    assert_eq!(refused.status().as_u16(), 422);

    let mut pages = vec![("refused form".to_owned(), refused.text().await.unwrap())];
    // The pages behind the links in emails, as a reader (or a scanner) meets a bad one.
    for path in ["/email/unsubscribe/1.forged", "/email/confirm/1.forged"] {
        let (status, page) = app.get_page(path).await;
        assert_eq!(status, 403, "{path}");
        pages.push((path.to_owned(), page));
    }
    for path in [
        "/",
        post.as_str(),
        &format!("{post}?replytocom={first}"),
        "/tags/praxis",
        "/missing-page",
    ] {
        pages.push(page(&app, path).await);
    }
    assert_german(&pages);
}

#[tokio::test]
async fn every_admin_page_type_in_german_shows_no_english_text() {
    let app = spawn_app().await;
    choose_language(&app, "de").await;
    app.post_valid_comment(WELCOME_SLUG, &comment_with("body", "Eine Frage."))
        .await;
    let held = app.last_comment_id().await;
    app.set_comment_status(held, "pending").await;
    let post_id: i64 = sqlx::query_scalar("SELECT id FROM posts WHERE slug = ?")
        .bind(WELCOME_SLUG)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let csrf = app.csrf_token().await;
    let page_saved = app
        .admin_post(
            "/admin/pages",
            &[
                ("csrf_token", csrf.as_str()),
                ("title", "Impressum"),
                ("slug", ""),
                ("body", "Praxis Dr. Weber."),
                ("status", "published"),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(page_saved.status().as_u16(), 303);
    app.admin_post(
        &format!("/admin/comments/{held}/spam"),
        &[("csrf_token", &csrf)],
    )
    .await;
    let lookup = app
        .admin_post(
            "/admin/privacy",
            &[("csrf_token", &csrf), ("email", "ada@example.org")],
        )
        .await
        .text()
        .await
        .unwrap();
    let erase = app
        .admin_post(
            "/admin/privacy/confirm-erase",
            &[("csrf_token", &csrf), ("email", "ada@example.org")],
        )
        .await
        .text()
        .await
        .unwrap();
    let mut pages = vec![
        ("privacy lookup".to_owned(), lookup),
        ("erase confirmation".to_owned(), erase),
    ];
    let (scheduled, trashed, schedule_refusals) = schedule_and_trash(&app, &csrf).await;
    pages.extend(schedule_refusals);
    for path in [
        format!("/admin/posts/{scheduled}/edit"),
        format!("/admin/posts/{scheduled}/preview"),
        format!("/admin/posts/{trashed}/preview"),
        "/admin/trash".to_owned(),
        format!("/admin/trash/{trashed}/delete"),
        "/admin/comments?status=pending".to_owned(),
        "/admin/comments?status=spam".to_owned(),
        "/admin/posts".to_owned(),
        "/admin/posts/new".to_owned(),
        format!("/admin/posts/{post_id}/edit"),
        format!("/admin/posts/{post_id}/delete"),
        format!("/admin/comments/{held}/edit"),
        format!("/admin/comments/{held}/reply"),
        format!("/admin/comments/{held}/delete"),
        "/admin/settings".to_owned(),
        "/admin/log".to_owned(),
        "/admin/account".to_owned(),
        "/admin/privacy".to_owned(),
        "/admin/import".to_owned(),
        "/admin/pages".to_owned(),
        "/admin/pages/new".to_owned(),
        "/admin/email".to_owned(),
        "/admin/locks".to_owned(),
    ] {
        pages.push(page(&app, &path).await);
    }
    app.admin_post("/admin/logout", &[("csrf_token", &csrf)])
        .await;
    pages.push(page(&app, "/admin/login").await);
    assert_german(&pages);
    let (_, log) = pages.iter().find(|(path, _)| path == "/admin/log").unwrap();
    assert!(log.contains("Wartend → Spam"), "{log}");
}

/// Saves a post through the editor; the redirect's response.
async fn save_post(
    app: &TestApp,
    csrf: &str,
    title: &str,
    status: &str,
    publish_at: &str,
) -> reqwest::Response {
    app.admin_post(
        "/admin/posts",
        &[
            ("csrf_token", csrf),
            ("title", title),
            ("slug", ""),
            ("body", "Die Praxis bleibt geschlossen."),
            ("status", status),
            ("publish_at", publish_at),
            ("action", "save"),
        ],
    )
    .await
}

fn id_in(response: &reqwest::Response) -> String {
    assert_eq!(response.status().as_u16(), 303);
    location(response)
        .trim_start_matches("/admin/posts/")
        .trim_end_matches("/edit")
        .to_owned()
}

/// A scheduled post, a post in the trash (and one restored from it, for the
/// flash), and the editor's refusals of a skipped hour and a past time: the
/// scheduled post's id, the trashed one's, and the refused pages.
async fn schedule_and_trash(app: &TestApp, csrf: &str) -> (String, String, Vec<(String, String)>) {
    let berlin = folio::domain::time::Zone::parse("Europe/Berlin").unwrap();
    let monday = berlin.local_input(app.clock.now() + 3 * 24 * 3600);
    let scheduled = id_in(&save_post(app, csrf, "Montag geschlossen", "scheduled", &monday).await);
    let mut trashed = Vec::new();
    for title in ["Alter Hinweis", "Noch ein Hinweis"] {
        let id = id_in(&save_post(app, csrf, title, "published", "").await);
        let response = app
            .admin_post(
                &format!("/admin/posts/{id}/delete"),
                &[("csrf_token", csrf)],
            )
            .await;
        assert_eq!(response.status().as_u16(), 303);
        trashed.push(id);
    }
    app.admin_post(
        &format!("/admin/trash/{}/restore", trashed[1]),
        &[("csrf_token", csrf)],
    )
    .await;
    let skipped = save_post(app, csrf, "Frühling", "scheduled", "2027-03-28T02:30").await;
    assert_eq!(skipped.status().as_u16(), 422);
    let skipped = skipped.text().await.unwrap();
    assert!(
        unescape(&skipped).contains("02:30 Uhr am 28. März 2027 gibt es in Europe/Berlin nicht"),
        "{skipped}"
    );
    let past = berlin.local_input(app.clock.now() - 3600);
    let passed = save_post(app, csrf, "Vorbei", "scheduled", &past).await;
    assert_eq!(passed.status().as_u16(), 422);
    let refusals = vec![
        ("a skipped hour".to_owned(), skipped),
        ("a time passed".to_owned(), passed.text().await.unwrap()),
    ];
    (scheduled, trashed.swap_remove(0), refusals)
}

#[tokio::test]
async fn the_german_comment_form_addresses_readers_formally() {
    let app = spawn_app().await;
    choose_language(&app, "de").await;

    let (_, page) = app.get_page(&format!("/posts/{WELCOME_SLUG}")).await;

    assert!(page.contains("Schreiben Sie einen Kommentar"), "{page}");
    assert!(page.contains("Ihre E-Mail-Adresse wird nicht veröffentlicht."));
    assert!(
        page.contains(r#"Erforderliche Felder sind mit <span class="required">*</span> markiert."#)
    );
}

#[tokio::test]
async fn german_pages_write_dates_and_counts_the_german_way() {
    let app = spawn_app().await;
    choose_language(&app, "de").await;
    app.post_valid_comment(WELCOME_SLUG, &comment_with("body", "Erster!"))
        .await;
    let first = app.last_comment_id().await;
    app.set_comment_status(first, "approved").await;

    let (_, home) = app.get_page("/").await;
    let (_, post) = app.get_page(&format!("/posts/{WELCOME_SLUG}")).await;

    let months = [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ];
    let german_date = |page: &str| months.iter().any(|m| page.contains(&format!(". {m} 20")));
    assert!(german_date(&home), "{home}");
    assert!(german_date(&post));
    assert!(home.contains("1 Kommentar<"), "{home}");
    assert!(post.contains(r#"<h2 id="comments-title">1 Kommentar</h2>"#));
}

/// A header as people read it: RFC 2047 encoded words (`=?utf-8?b?…?=`) decoded.
fn decoded_header(raw: &str) -> String {
    let mut out = Vec::new();
    for word in raw.split_whitespace() {
        let parts: Vec<&str> = word.split('?').collect();
        if let ["=", _charset, encoding, data, "="] = parts.as_slice() {
            let bytes = if encoding.eq_ignore_ascii_case("b") {
                base64::engine::general_purpose::STANDARD
                    .decode(data)
                    .unwrap()
            } else {
                let data = data.replace('_', " ");
                quoted_printable::decode(data, quoted_printable::ParseMode::Robust).unwrap()
            };
            out.push((String::from_utf8(bytes).unwrap(), true));
        } else {
            out.push((word.to_owned(), false));
        }
    }
    // Whitespace between two encoded words is not part of the text.
    let mut text = String::new();
    let mut last_encoded = false;
    for (i, (word, encoded)) in out.into_iter().enumerate() {
        if i > 0 && !(encoded && last_encoded) {
            text.push(' ');
        }
        text.push_str(&word);
        last_encoded = encoded;
    }
    text
}

#[tokio::test]
async fn a_held_comment_is_mailed_to_the_admin_in_german_on_a_german_site() {
    let smtp = SmtpServer::start().await;
    let url = smtp.url();
    let app = spawn_app_with(move |c| c.smtp_url = Some(url)).await;
    choose_language(&app, "de").await;
    app.set_admin_email(ADMIN, "alice@example.org").await;
    sqlx::query("UPDATE posts SET title = 'Willkommen' WHERE slug = ?")
        .bind(WELCOME_SLUG)
        .execute(&app.pool)
        .await
        .unwrap();

    app.post_valid_comment(WELCOME_SLUG, &comment_with("body", "Eine Frage."))
        .await;
    assert_eq!(app.send_mail().await, 1);

    let mails = smtp.received_by("alice@example.org");
    assert_eq!(mails.len(), 1, "{mails:#?}");
    let mail = &mails[0];
    let subject = decoded_header(&mail.header("Subject").unwrap());
    assert_eq!(subject, "[Praxis Dr. Weber] Bitte moderieren: „Willkommen“");
    let text = mail.text();
    let html = mail.part("text/html");
    assert!(text.contains("wartet auf Ihre Freigabe"), "{text}");
    assert!(text.contains("Warteschlange öffnen"), "{text}");
    assert!(
        text.contains("Grund: jeder Kommentar wartet auf Freigabe"),
        "{text}"
    );
    assert!(
        html.contains("Grund: jeder Kommentar wartet auf Freigabe"),
        "{html}"
    );
    assert!(html.contains(r#"<html lang="de">"#), "{html}");
    assert!(html.contains(">Freigeben</a>"), "{html}");
    let (_, settings) = app.get_page("/admin/settings").await;
    assert!(settings.contains("Test-E-Mail senden"), "{settings}");
    assert_german(&[("settings with email on".to_owned(), settings)]);
    // The hold note is stored with the comment when it arrives (data, like the comment).
    let english = english_only_texts();
    for (what, words) in [("subject", subject), ("text", text), ("html", html)] {
        // Links are addresses, not words ("…/email/moderate/7.1.approve.…").
        let words: Vec<String> = words
            .replace("every comment waits for approval", "")
            .lines()
            .map(|line| {
                let kept: Vec<&str> = line.split(' ').filter(|w| !w.starts_with("http")).collect();
                kept.join(" ")
            })
            .collect();
        let words = words.join("\n");
        let left = english_on(&words, &english);
        assert!(
            left.is_empty(),
            "the {what} shows English: {left:?}\n{words}"
        );
    }
    // The page its approve link opens asks in German too.
    let link = mail.link("/email/moderate/");
    let after_scheme = link.split_once("://").unwrap().1;
    let (status, page) = app
        .get_page(&after_scheme[after_scheme.find('/').unwrap()..])
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("Diesen Kommentar freigeben?"), "{page}");
    let page = page.replace("every comment waits for approval", "");
    assert_german(&[("approve link".to_owned(), page)]);
}

#[tokio::test]
async fn the_site_navigation_is_named_in_the_site_language() {
    let app = spawn_app().await;
    choose_language(&app, "de").await;
    let id = app.create_post("impressum", "Impressum", true, false).await;
    sqlx::query("UPDATE posts SET kind = 'page', nav_position = 1 WHERE id = ?")
        .bind(id)
        .execute(&app.pool)
        .await
        .unwrap();

    let (_, home) = app.get_page("/").await;

    assert!(
        home.contains(r#"<nav class="site-nav" aria-label="Website">"#),
        "{home}"
    );
}

/// Holds the newest comment with a reason stored as words (as Folio stored
/// reasons before it kept them as messages).
async fn hold_with_reason_in_words(app: &TestApp, reason: &str) {
    sqlx::query(
        "UPDATE comments SET status = 'pending', status_reason = ?
         WHERE id = (SELECT MAX(id) FROM comments)",
    )
    .bind(reason)
    .execute(&app.pool)
    .await
    .unwrap();
}

#[tokio::test]
async fn a_hold_reason_reads_in_the_language_the_site_has_when_it_is_shown() {
    let app = spawn_app().await;
    choose_language(&app, "en").await;
    let links = "See https://a.example, https://b.example, https://c.example and https://d.example";
    app.post_valid_comment(WELCOME_SLUG, &comment_with("body", links))
        .await;
    app.post_valid_comment(WELCOME_SLUG, &comment_with("body", "From before."))
        .await;
    // A reason kept as words, as Folio stored them before it kept messages.
    hold_with_reason_in_words(&app, "held by hand").await;

    let (_, english) = page(&app, "/admin/comments?status=pending").await;
    choose_language(&app, "de").await;
    let (_, german) = page(&app, "/admin/comments?status=pending").await;

    assert!(
        english.contains("Reason: 4 links (more than 3)"),
        "{english}"
    );
    assert!(german.contains("Grund: 4 Links (mehr als 3)"), "{german}");
    assert!(german.contains("Grund: held by hand"), "{german}");
}

#[tokio::test]
async fn reasons_an_older_folio_stored_as_english_words_read_in_german_after_the_upgrade() {
    let app = spawn_app().await;
    choose_language(&app, "de").await;
    app.post_valid_comment(WELCOME_SLUG, &comment_with("body", "Von früher."))
        .await;
    hold_with_reason_in_words(&app, "every comment waits for approval").await;

    // The upgrade's migration, run again on the row an older Folio wrote.
    sqlx::raw_sql(include_str!(
        "../../migrations/20261128180000_hold_reasons_as_messages.sql"
    ))
    .execute(&app.pool)
    .await
    .unwrap();

    let (_, german) = page(&app, "/admin/comments?status=pending").await;
    assert!(
        german.contains("Grund: jeder Kommentar wartet auf Freigabe"),
        "{german}"
    );
}

#[tokio::test]
async fn log_details_an_older_folio_stored_as_english_words_read_in_german_after_the_upgrade() {
    let app = spawn_app().await;
    choose_language(&app, "de").await;
    for detail in [
        "pending → approve",
        "approved → trash (from an email link)",
        "pending → approve (with a reply)",
        "reply to #12",
        "personal data erased: 3 comments anonymised",
        "personal data erased: 1 comment deleted",
        "something else entirely",
    ] {
        sqlx::query(
            "INSERT INTO moderation_log (admin_username, action, comment_id, detail, created_at)
             VALUES ('admin', 'approve', 0, ?, 0)",
        )
        .bind(detail)
        .execute(&app.pool)
        .await
        .unwrap();
    }

    // The upgrade's migration, run again on the rows an older Folio wrote.
    sqlx::raw_sql(include_str!(
        "../../migrations/20261128180500_log_details_as_messages.sql"
    ))
    .execute(&app.pool)
    .await
    .unwrap();

    let (_, log) = page(&app, "/admin/log").await;
    for german in [
        "Wartend → freigegeben<",
        "Freigegeben → Papierkorb (über einen Link in einer E-Mail)",
        "Wartend → freigegeben (mit einer Antwort)",
        "Antwort auf #12",
        "Personenbezogene Daten gelöscht: 3 Kommentare anonymisiert",
        "Personenbezogene Daten gelöscht: 1 Kommentar gelöscht",
        "something else entirely",
    ] {
        assert!(log.contains(german), "{german}: {log}");
    }
}

/// An admin's email link for a comment that has left the queue meanwhile
/// (approved in the queue) refuses in German: the reason comes from the
/// catalogue, decided in the action's transaction, never English prose.
#[tokio::test]
async fn an_email_link_for_a_comment_moderated_meanwhile_refuses_in_german() {
    let smtp = SmtpServer::start().await;
    let url = smtp.url();
    let app = spawn_app_with(move |c| c.smtp_url = Some(url)).await;
    choose_language(&app, "de").await;
    let csrf = app.csrf_token().await;
    app.set_admin_email(ADMIN, "alice@example.org").await;
    app.post_valid_comment(WELCOME_SLUG, &comment_with("body", "Eine Frage."))
        .await;
    let id = app.last_comment_id().await;
    assert_eq!(app.send_mail().await, 1);
    let mail = smtp.received_by("alice@example.org").remove(0);
    let link = mail.link(".spam.");
    let after_scheme = link.split_once("://").unwrap().1;
    let (_, confirm) = app
        .get_page(&after_scheme[after_scheme.find('/').unwrap()..])
        .await;
    let token = crate::helpers::input_value(&confirm, "token").unwrap();
    let approved = app
        .admin_post(
            &format!("/admin/comments/{id}/approve"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(approved.status().as_u16(), 303);

    let response = reqwest::Client::new()
        .post(app.url("/email/moderate"))
        .form(&[("token", token.as_str())])
        .send()
        .await
        .unwrap();

    assert_eq!(response.status().as_u16(), 409);
    let page = response.text().await.unwrap();
    assert!(
        page.contains("Dieser Kommentar wurde bereits moderiert"),
        "{page}"
    );
    assert!(
        page.contains("Er hat die Warteschlange verlassen (er ist jetzt freigegeben)"),
        "{page}"
    );
    assert!(!page.contains("has already left the queue"), "{page}");
    assert_german(&[("a refused email link".to_owned(), page)]);
    let status: String = sqlx::query_scalar("SELECT status FROM comments WHERE id = ?")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(status, "approved", "the link changed nothing");
    // The store's own answer, asked directly, is the catalogue's text too.
    let by = folio::db::moderation::Moderator {
        admin_id: folio::domain::ids::AdminId::new(1),
        username: ADMIN,
    };
    let result = folio::db::moderation::apply(
        &app.pool,
        &by,
        folio::domain::ids::CommentId::new(id),
        folio::domain::moderation::Action::Spam,
        app.clock.now(),
        folio::domain::moderation::Via::EmailLink,
    )
    .await
    .unwrap();
    let folio::db::moderation::ActionResult::Refused(why) = result else {
        panic!("{result:?}")
    };
    assert_eq!(
        folio::i18n::Language::new("de").message(&why),
        "Er hat die Warteschlange verlassen (er ist jetzt freigegeben), \
         daher funktioniert dieser Link nicht mehr."
    );
}

/// A page as it came, whatever its status (a refusal is a page too).
async fn any_page(browser: &Browser, path: &str) -> (String, String) {
    let (status, page) = browser.get(path).await;
    (format!("{path} ({status})"), page)
}

#[tokio::test]
async fn the_accounts_invitation_review_and_refusal_pages_in_german_show_no_english_text() {
    let app = spawn_app().await;
    choose_language(&app, "de").await;
    let csrf = app.csrf_token().await;
    let invited = app
        .admin_post(
            "/admin/accounts",
            &[
                ("csrf_token", csrf.as_str()),
                ("username", "bea"),
                ("email", "bea@example.org"),
                ("role", "editor"),
                ("display_name", "Bea"),
            ],
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(invited.contains("Der Einladungslink"), "{invited}");
    let shown = unescape(&invited);
    let link_at = shown.find("/admin/invite/").unwrap();
    let link_path = shown[link_at..link_at + "/admin/invite/".len() + 64].to_owned();
    let refused_form = app
        .admin_post(
            "/admin/accounts",
            &[
                ("csrf_token", csrf.as_str()),
                ("username", "x y"),
                ("email", ""),
                ("role", ""),
            ],
        )
        .await
        .text()
        .await
        .unwrap();
    let writer = app.browser_as("writer", Role::Author).await;
    let moderator = app.browser_as("empfang", Role::Moderator).await;
    let moderator_id = moderator.account_id;
    app.admin_post(
        &format!("/admin/accounts/{moderator_id}/role"),
        &[("csrf_token", &csrf), ("role", "editor")],
    )
    .await;
    app.admin_post(
        &format!("/admin/accounts/{moderator_id}/deactivate"),
        &[("csrf_token", &csrf)],
    )
    .await;
    let last_admin = app
        .admin_post(
            &format!("/admin/accounts/{}/deactivate", app.account_id(ADMIN).await),
            &[("csrf_token", &csrf)],
        )
        .await
        .text()
        .await
        .unwrap();
    let submitted = writer
        .post(
            "/admin/posts",
            &[
                ("title", "Urlaub"),
                ("slug", ""),
                ("body", "Die Praxis ist geschlossen."),
                ("status", "review"),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(submitted.status().as_u16(), 303);
    let waiting: i64 = sqlx::query_scalar("SELECT id FROM posts WHERE title = 'Urlaub'")
        .fetch_one(&app.pool)
        .await
        .unwrap();

    let stranger = Browser::new(&app.address);
    let invitation = any_page(&stranger, &link_path).await;
    let token = crate::helpers::input_value(&invitation.1, "csrf_token").unwrap();
    let mismatch = stranger
        .client
        .post(stranger.url(&link_path))
        .form(&[
            ("csrf_token", token.as_str()),
            ("password", "ein langes Passwort"),
            ("password_again", "ein anderes Passwort"),
        ])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let mut pages = vec![
        ("invited, the link shown".to_owned(), invited),
        ("a refused invitation".to_owned(), refused_form),
        ("the last admin".to_owned(), last_admin),
        invitation,
        ("passwords differ".to_owned(), mismatch),
        any_page(&stranger, &format!("/admin/invite/{}", "0".repeat(64))).await,
        any_page(&stranger, "/admin/login?joined=1").await,
        any_page(&writer, "/admin/posts").await,
        any_page(&writer, "/admin/posts/new").await,
        any_page(&writer, &format!("/admin/posts/{waiting}/edit")).await,
        any_page(&writer, "/admin/settings").await,
        any_page(&writer, "/admin/media").await,
    ];
    for path in [
        "/admin/accounts".to_owned(),
        "/admin/posts".to_owned(),
        format!("/admin/posts/{waiting}/edit"),
        "/admin/log".to_owned(),
    ] {
        pages.push(page(&app, &path).await);
    }
    let deactivated = Browser::new(&app.address);
    let refused_login = deactivated
        .sign_in("empfang", crate::helpers::ADMIN_PASSWORD)
        .await;
    assert_eq!(refused_login.status().as_u16(), 403);
    pages.push((
        "a deactivated account signs in".to_owned(),
        refused_login.text().await.unwrap(),
    ));
    assert_german(&pages);
    let (_, log) = pages.iter().find(|(path, _)| path == "/admin/log").unwrap();
    assert!(log.contains("empfang: Moderation → Redaktion"), "{log}");
    let (_, refusal) = pages
        .iter()
        .find(|(path, _)| path.starts_with("/admin/settings"))
        .unwrap();
    assert!(
        refusal.contains("Die Rolle Ihres Kontos erlaubt dies nicht"),
        "{refusal}"
    );
}

#[tokio::test]
async fn an_invitation_and_a_review_notice_are_mailed_in_german_on_a_german_site() {
    let smtp = SmtpServer::start().await;
    let url = smtp.url();
    let app = spawn_app_with(move |c| c.smtp_url = Some(url)).await;
    choose_language(&app, "de").await;
    app.set_admin_email(ADMIN, "alice@example.org").await;
    let csrf = app.csrf_token().await;
    app.admin_post(
        "/admin/accounts",
        &[
            ("csrf_token", csrf.as_str()),
            ("username", "empfang"),
            ("email", "empfang@example.org"),
            ("role", "moderator"),
        ],
    )
    .await;
    let writer = app.browser_as("writer", Role::Author).await;
    writer
        .post(
            "/admin/posts",
            &[
                ("title", "Urlaub"),
                ("body", "Geschlossen."),
                ("status", "review"),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(app.send_mail().await, 2);

    let english = english_only_texts();
    for (address, subject_starts, says) in [
        (
            "empfang@example.org",
            "[Praxis Dr. Weber] Einladung",
            "mit der Rolle Moderation",
        ),
        (
            "alice@example.org",
            "[Praxis Dr. Weber] Wartet auf Prüfung: „Urlaub“",
            "hat „Urlaub“ auf Praxis Dr. Weber zur Prüfung eingereicht",
        ),
    ] {
        let mails = smtp.received_by(address);
        assert_eq!(mails.len(), 1, "{address}");
        let subject = decoded_header(&mails[0].header("Subject").unwrap());
        assert!(subject.starts_with(subject_starts), "{subject}");
        let text = mails[0].text();
        assert!(text.contains(says), "{text}");
        let words: Vec<&str> = text
            .split_whitespace()
            .filter(|w| !w.starts_with("http"))
            .collect();
        let left = english_on(&words.join(" "), &english);
        assert!(left.is_empty(), "{address}: {left:?}\n{text}");
    }
}

#[tokio::test]
async fn two_step_sign_in_in_german_shows_no_english_text() {
    let app = spawn_app().await;
    choose_language(&app, "de").await;
    let csrf = app.csrf_token().await;
    app.admin_post("/admin/account/totp", &[("csrf_token", &csrf)])
        .await;
    let (_, set_up) = app.get_page("/admin/account/totp").await;
    let totp = crate::two_factor::authenticator_on(&crate::helpers::unescape(&set_up));
    let wrong = app
        .admin_post(
            "/admin/account/totp/confirm",
            &[("csrf_token", &csrf), ("code", "000000")],
        )
        .await;
    assert_eq!(wrong.status().as_u16(), 422);
    let wrong = wrong.text().await.unwrap();
    let code = crate::two_factor::code(&totp, &app);
    let codes = app
        .admin_post(
            "/admin/account/totp/confirm",
            &[("csrf_token", &csrf), ("code", &code)],
        )
        .await;
    assert_eq!(codes.status().as_u16(), 200);
    let codes = codes.text().await.unwrap();
    let (_, account) = app.get_page("/admin/account").await;
    let browser = crate::helpers::Browser::new(&app.address);
    browser
        .sign_in(crate::helpers::ADMIN, crate::helpers::ADMIN_PASSWORD)
        .await;
    let (status, code_page) = browser.get("/admin/login/code").await;
    assert_eq!(status, 200);
    let csrf = crate::helpers::input_value(&code_page, "csrf_token").unwrap();
    let refused = browser
        .client
        .post(browser.url("/admin/login/code"))
        .form(&[("csrf_token", csrf.as_str()), ("code", "123456")])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status().as_u16(), 401);

    assert_german(&[
        ("set-up".to_owned(), set_up),
        ("set-up, wrong code".to_owned(), wrong),
        ("recovery codes".to_owned(), codes),
        ("account".to_owned(), account),
        ("code page".to_owned(), code_page),
        ("wrong code".to_owned(), refused.text().await.unwrap()),
    ]);
}
