//! The request log never holds a secret link: a reader's `?mine=` token, the
//! tokens of the links in emails (confirm, unsubscribe, moderate) — at `info`
//! and at `debug` alike (issue 21, defect 4).

use std::process::Stdio;
use std::time::Duration;

use crate::helpers::{
    RunningFolio, WELCOME_SLUG, fresh_database, input_value, start_binary_logging, unescape,
};

/// Looks like the tokens Folio signs (an id, a random value, a signature).
const CONFIRM: &str = "41.9f86d081884c7d65.0a1b2c3d4e5f60718293a4b5c6d7e8f9";
const UNSUBSCRIBE: &str = "42.2c26b46b68ffc68f.1b2c3d4e5f60718293a4b5c6d7e8f90a";
const MODERATE: &str = "43.fcde2b2edba56bf4.1.approve.1900000000.2c3d4e5f60718293a4b5c6d7e8f90a1b";

/// Comments on the welcome post as a browser would, and follows the redirect
/// to the reader's own page; returns the `?mine=` token it carried.
async fn comment_and_look_at_it(folio: &RunningFolio) -> String {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let post = format!("{}/posts/{WELCOME_SLUG}", folio.address);
    let page = client
        .get(&post)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let form_token = input_value(&page, "form_token").unwrap();
    let response = client
        .post(format!("{post}/comments"))
        .form(&[
            ("name", "Ada Lovelace"),
            ("email", "ada@example.org"),
            ("body", "A comment with a secret link."),
            ("homepage", ""),
            ("form_token", &form_token),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 303);
    let location = unescape(response.headers()["location"].to_str().unwrap());
    let mine = location
        .split("mine=")
        .nth(1)
        .unwrap()
        .split(['#', '&'])
        .next()
        .unwrap()
        .to_owned();
    let own_page = client
        .get(format!("{}{location}", folio.address))
        .send()
        .await
        .unwrap();
    assert_eq!(own_page.status().as_u16(), 200);
    mine
}

/// Asks for every kind of secret link (GET and POST, found or not) and
/// returns the log and the secrets that must not be in it.
async fn log_of_secret_links(level: &str) -> (String, Vec<String>) {
    let (dir, _path, url) = fresh_database();
    let log_path = dir.path().join("folio.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let folio = start_binary_logging(&url, level, Stdio::from(log)).await;
    let mine = comment_and_look_at_it(&folio).await;
    let client = reqwest::Client::new();
    let base = &folio.address;
    for path in [
        format!("/email/confirm/{CONFIRM}"),
        format!("/email/unsubscribe/{UNSUBSCRIBE}"),
        format!("/email/moderate/{MODERATE}"),
        format!("/email/confirm/{CONFIRM}/"),
        format!("/posts/no-such-post?mine={mine}"),
        format!("/?mine={mine}&x=1"),
    ] {
        client.get(format!("{base}{path}")).send().await.unwrap();
    }
    for path in [
        format!("/email/confirm/{CONFIRM}"),
        format!("/email/unsubscribe/{UNSUBSCRIBE}"),
    ] {
        client.post(format!("{base}{path}")).send().await.unwrap();
    }
    client
        .post(format!("{base}/email/moderate"))
        .form(&[("token", MODERATE)])
        .send()
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let log = std::fs::read_to_string(&log_path).unwrap();
    let signature = |token: &str| token.rsplit('.').next().unwrap().to_owned();
    let secrets = vec![
        mine.clone(),
        signature(&mine),
        signature(CONFIRM),
        signature(UNSUBSCRIBE),
        signature(MODERATE),
    ];
    (log, secrets)
}

fn assert_no_secret_in(log: &str, secrets: &[String]) {
    for secret in secrets {
        let leak = log.lines().find(|line| line.contains(secret.as_str()));
        assert!(leak.is_none(), "{secret} is in the log: {leak:?}");
    }
}

#[tokio::test]
async fn the_info_log_names_the_route_and_never_a_token() {
    let (log, secrets) = log_of_secret_links("info").await;

    assert_no_secret_in(&log, &secrets);
    assert!(
        log.contains("/email/confirm/"),
        "the request is still logged:\n{log}"
    );
}

#[tokio::test]
async fn the_debug_log_never_holds_a_token_either() {
    let (log, secrets) = log_of_secret_links("debug").await;

    assert_no_secret_in(&log, &secrets);
    assert!(log.contains("/email/unsubscribe/"), "{log}");
}
