//! `folio import wordpress` bringing the old site's files into the media
//! library: the shared fixture's picture (and its resized copy in a caption)
//! and the PDF a post links, fetched from a small HTTP server standing in for
//! the old site (the fixture's host rewritten in a temporary copy), or read
//! from a copy of its `wp-content/uploads` folder.

use std::collections::HashMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use folio::domain::import::{MissingReason, Skipped, Summary};
use folio::domain::time::{Clock, UnixTime};
use folio::wxr::command::{ImportOptions, Media};
use folio::wxr::fetch::MediaSource;
use image::{ImageFormat, RgbImage};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::helpers::{TestApp, location, spawn_app_with, test_config};

const PNG_PATH: &str = "2024/12/praxis-empfang.png";
const PDF_PATH: &str = "2026/07/hitze-merkblatt.pdf";
const FIXTURE_HOST: &str = "127.0.0.1:8083";

/// The reception photo as the old site has it (640 × 427, as its metadata says).
fn reception_png() -> Vec<u8> {
    let picture = RgbImage::from_fn(640, 427, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
    });
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(picture)
        .write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png)
        .unwrap();
    bytes
}

fn leaflet_pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% Hitze-Merkblatt\ntrailer << /Root 1 0 R >>\n%%EOF\n".to_vec()
}

/// A stand-in for the old WordPress site: serves its files, counts the
/// requests; `/slow/…` never answers in time, `/loop/…` redirects to itself.
struct OldSite {
    host: String,
    files: Arc<Mutex<HashMap<String, Vec<u8>>>>,
    requests: Arc<AtomicUsize>,
    server: tokio::task::JoinHandle<()>,
}

impl OldSite {
    async fn start(files: &[(&str, Vec<u8>)]) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let host = listener.local_addr().unwrap().to_string();
        let files: Arc<Mutex<HashMap<String, Vec<u8>>>> = Arc::new(Mutex::new(
            files
                .iter()
                .map(|(path, bytes)| (format!("/wp-content/uploads/{path}"), bytes.clone()))
                .collect(),
        ));
        let requests = Arc::new(AtomicUsize::new(0));
        let (served, counted) = (Arc::clone(&files), Arc::clone(&requests));
        let server = tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let (files, requests) = (Arc::clone(&served), Arc::clone(&counted));
                tokio::spawn(async move {
                    let mut head = Vec::new();
                    let mut byte = [0u8; 1];
                    while !head.ends_with(b"\r\n\r\n") && head.len() < 8192 {
                        if stream.read(&mut byte).await.unwrap_or(0) == 0 {
                            return;
                        }
                        head.push(byte[0]);
                    }
                    requests.fetch_add(1, Ordering::SeqCst);
                    let line = String::from_utf8_lossy(&head).to_string();
                    let path = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
                    let found = files.lock().unwrap().get(&path).cloned();
                    let (status, extra, body) = if path.starts_with("/slow/") {
                        tokio::time::sleep(Duration::from_secs(30)).await;
                        ("200 OK", String::new(), Vec::new())
                    } else if path.starts_with("/loop/") {
                        ("302 Found", format!("Location: {path}\r\n"), Vec::new())
                    } else if let Some(bytes) = found {
                        ("200 OK", String::new(), bytes)
                    } else {
                        ("404 Not Found", String::new(), b"not here".to_vec())
                    };
                    let head = format!(
                        "HTTP/1.1 {status}\r\n{extra}Content-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = stream.write_all(head.as_bytes()).await;
                    let _ = stream.write_all(&body).await;
                    let _ = stream.shutdown().await;
                });
            }
        });
        Self {
            host,
            files,
            requests,
            server,
        }
    }

    fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }

    fn add(&self, path: &str, bytes: Vec<u8>) {
        self.files
            .lock()
            .unwrap()
            .insert(format!("/wp-content/uploads/{path}"), bytes);
    }

    /// The old site switched off: nothing answers on its address any more.
    fn stop(self) {
        self.server.abort();
    }
}

/// A copy of the shared fixture with the old site's host replaced and
/// `extra_items` (WXR `<item>`s) added at its end.
fn fixture_copy(dir: &Path, host: &str, extra_items: &str) -> PathBuf {
    let original = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wordpress/fixture.xml"),
    )
    .unwrap();
    let copy = original
        .replace(FIXTURE_HOST, host)
        .replace("</channel>", &format!("{extra_items}</channel>"));
    let path = dir.join("export.xml");
    std::fs::write(&path, copy).unwrap();
    path
}

/// An attachment item for the hostile cases.
fn attachment(id: i64, url: &str, attached_file: Option<&str>) -> String {
    let meta = attached_file.map_or(String::new(), |file| {
        format!(
            "<wp:postmeta><wp:meta_key><![CDATA[_wp_attached_file]]></wp:meta_key><wp:meta_value><![CDATA[{file}]]></wp:meta_value></wp:postmeta>"
        )
    });
    format!(
        "<item><title><![CDATA[Anhang {id}]]></title><wp:post_id>{id}</wp:post_id><wp:status><![CDATA[inherit]]></wp:status><wp:post_type><![CDATA[attachment]]></wp:post_type><wp:attachment_url><![CDATA[{url}]]></wp:attachment_url>{meta}</item>\n"
    )
}

async fn spawn() -> TestApp {
    spawn_app_with(|config| {
        config.ip_retention_days = 0;
        config.spam_retention_days = 0;
        config.clock = Clock::manual(UnixTime::from_seconds(1_795_834_800));
    })
    .await
}

fn options(media: Media, dry_run: bool) -> ImportOptions {
    ImportOptions { dry_run, media }
}

fn fetching() -> Media {
    Media::BringIn(MediaSource::Fetch {
        timeout: Duration::from_secs(2),
    })
}

async fn import_into(app: &TestApp, file: &Path, options: &ImportOptions, max_mb: u64) -> Summary {
    let mut config = test_config(&app.database_url);
    config.clock = app.clock.clone();
    config.media_max_mb = max_mb;
    folio::wxr::command::import_with(&config, file, options)
        .await
        .unwrap()
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(sql)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

/// The values of `attribute` in the tags named `tag` of `html`.
fn attribute_values(html: &str, tag: &str, attribute: &str) -> Vec<String> {
    let mut found = Vec::new();
    for part in html.split(&format!("<{tag} ")).skip(1) {
        let tag_text = part.split('>').next().unwrap_or_default();
        if let Some(rest) = tag_text
            .split(&format!(" {attribute}=\""))
            .nth(1)
            .or_else(|| tag_text.strip_prefix(&format!("{attribute}=\"")))
        {
            found.push(rest.split('"').next().unwrap_or_default().to_owned());
        }
    }
    found
}

/// What every way of bringing the fixture's media in must give, with the old site gone.
async fn assert_media_served_by_folio(app: &TestApp, old_host: &str) {
    // The welcome post: the full-size picture, responsive, with its alt text.
    let (status, welcome) = app.get_page("/posts/willkommen").await;
    assert_eq!(status, 200);
    assert!(!welcome.contains("/wp-content/uploads"), "{welcome}");
    let old_uploads = format!("{old_host}/wp-content");
    assert!(!welcome.contains(&old_uploads), "{welcome}");
    let sources = attribute_values(&welcome, "img", "src");
    let picture = sources
        .iter()
        .find(|s| s.starts_with("/media/") && s.contains("praxis-empfang"))
        .unwrap_or_else(|| panic!("no library image in {welcome}"));
    assert!(welcome.contains(r#"alt="Empfangstresen mit Pflanzen und Wartebereich""#));
    assert!(welcome.contains("<figcaption>Unser Empfang im Erdgeschoss</figcaption>"));
    assert!(welcome.contains(r#"srcset="/media/"#), "{welcome}");
    let response = app.get(picture).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "image/webp");
    // Its featured image is its link preview.
    assert!(
        welcome.contains(r#"<meta property="og:image" content=""#) && welcome.contains("/media/"),
        "{welcome}"
    );

    // The resized copy in a caption: the same item, at its width.
    let (_, exercises) = app
        .get_page("/posts/ruckenschmerzen-im-homeoffice-5-ubungen")
        .await;
    assert!(!exercises.contains(&old_uploads), "{exercises}");
    assert!(
        exercises.contains(r#"width="300" height="200""#),
        "{exercises}"
    );
    let small = attribute_values(&exercises, "img", "src");
    assert!(
        small.iter().any(|s| s.starts_with(&picture[..28])),
        "{small:?} vs {picture}"
    );
    for source in &small {
        assert_eq!(app.get(source).await.status(), 200, "{source}");
    }

    // The PDF the summer post links, without an attachment item of its own.
    let (_, summer) = app
        .get_page("/posts/sommer-in-der-praxis-tipps-gegen-die-hitze")
        .await;
    let leaflet = attribute_values(&summer, "a", "href")
        .into_iter()
        .find(|h| h.ends_with("hitze-merkblatt.pdf"))
        .unwrap_or_else(|| panic!("no link to the leaflet in {summer}"));
    assert!(leaflet.starts_with("/media/"), "{leaflet}");
    let response = app.get(&leaflet).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    assert_eq!(response.bytes().await.unwrap().to_vec(), leaflet_pdf());

    // The old upload URLs lead there.
    let old = app.get(&format!("/wp-content/uploads/{PDF_PATH}")).await;
    assert_eq!(old.status(), 301);
    assert_eq!(location(&old), leaflet);
    let old = app
        .get("/wp-content/uploads/2024/12/praxis-empfang-300x200.png")
        .await;
    assert_eq!(old.status(), 301);
    assert!(
        location(&old).starts_with(&picture[..28]),
        "{}",
        location(&old)
    );
    let old = app.get(&format!("/wp-content/uploads/{PNG_PATH}")).await;
    assert_eq!(old.status(), 301);
    assert_eq!(app.get(&location(&old)).await.status(), 200);
    assert_eq!(
        app.get("/wp-content/uploads/2024/12/never-there.png")
            .await
            .status(),
        404
    );

    // The attachment's alt text, title and caption came along.
    let (alt, title, caption): (String, String, String) = sqlx::query_as(
        "SELECT alt, title, caption FROM media_items WHERE file_name = 'praxis-empfang.png'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(alt, "Empfangstresen mit Pflanzen und Wartebereich");
    assert_eq!(title, "Empfang der Praxis");
    assert_eq!(caption, "Unser Empfang im Erdgeschoss");

    // The featured image shows on the home page; the library knows who uses what.
    let (_, home) = app.get_page("/").await;
    assert!(home.contains(r#"<div class="featured-image">"#), "{home}");
    assert!(
        count(app, "SELECT COUNT(*) FROM media_uses").await >= 3,
        "the welcome, exercises and summer posts use the library"
    );
}

#[tokio::test]
async fn the_fixture_s_media_are_fetched_and_served_by_folio_once_the_old_site_is_gone() {
    let app = spawn().await;
    let old = OldSite::start(&[(PNG_PATH, reception_png()), (PDF_PATH, leaflet_pdf())]).await;
    let dir = tempfile::tempdir().unwrap();
    let file = fixture_copy(dir.path(), &old.host, "");

    let summary = import_into(&app, &file, &options(fetching(), false), 20).await;

    assert_eq!(summary.media.wanted, 2);
    assert_eq!(summary.media.new, 2);
    assert!(summary.media.missing.is_empty(), "{:?}", summary.media);
    assert_eq!(old.requests(), 2);
    assert!(!summary.skipped.contains_key(&Skipped::Attachments));
    let host = old.host.clone();
    old.stop();
    assert_media_served_by_folio(&app, &host).await;
}

#[tokio::test]
async fn the_fixture_s_media_are_read_from_a_copy_of_the_uploads_folder() {
    let app = spawn().await;
    let uploads = tempfile::tempdir().unwrap();
    for (path, bytes) in [(PNG_PATH, reception_png()), (PDF_PATH, leaflet_pdf())] {
        let full = uploads.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, bytes).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    // Nothing listens on the fixture's own address.
    let file = fixture_copy(dir.path(), FIXTURE_HOST, "");

    let media = Media::BringIn(MediaSource::Folder(uploads.path().to_owned()));
    let summary = import_into(&app, &file, &options(media, false), 20).await;

    assert_eq!(summary.media.new, 2, "{:?}", summary.media);
    assert!(summary.media.missing.is_empty(), "{:?}", summary.media);
    assert_media_served_by_folio(&app, FIXTURE_HOST).await;
}

#[tokio::test]
async fn a_missing_file_is_listed_the_rest_imports_and_a_second_run_fetches_only_it() {
    let app = spawn().await;
    let old = OldSite::start(&[(PNG_PATH, reception_png())]).await;
    let dir = tempfile::tempdir().unwrap();
    let file = fixture_copy(dir.path(), &old.host, "");

    let first = import_into(&app, &file, &options(fetching(), false), 20).await;

    assert_eq!(first.media.new, 1);
    let pdf_url = format!("http://{}/wp-content/uploads/{PDF_PATH}", old.host);
    assert_eq!(first.media.missing.len(), 1, "{:?}", first.media);
    assert_eq!(first.media.missing[0].url, pdf_url);
    assert_eq!(first.media.missing[0].reason, MissingReason::Status(404));
    assert_eq!(first.new_posts(), 9, "the posts are imported all the same");
    let english = folio::i18n::Language::new("en");
    let lines = english.summary_lines(&first.lines()).join("\n");
    assert!(lines.contains(&pdf_url), "{lines}");
    assert!(lines.contains("the server answered 404"), "{lines}");
    // The admin import page shows the same, missing file and all.
    app.login_admin().await;
    let (status, page) = app.get_page("/admin/import").await;
    assert_eq!(status, 200);
    for expected in [
        "Media: 1 file brought into the library, 0 there from before, 1 could not be had",
        // Tera writes the slashes as `&#x2F;`.
        "hitze-merkblatt.pdf (the server answered 404)",
    ] {
        assert!(page.contains(expected), "{expected} missing from {page}");
    }
    // The post links the old path on this site, which has nothing yet.
    let (_, summer) = app
        .get_page("/posts/sommer-in-der-praxis-tipps-gegen-die-hitze")
        .await;
    assert!(
        summer.contains(&format!(r#"href="/wp-content/uploads/{PDF_PATH}""#)),
        "{summer}"
    );
    assert_eq!(
        app.get(&format!("/wp-content/uploads/{PDF_PATH}"))
            .await
            .status(),
        404
    );
    assert_eq!(old.requests(), 2);
    let items = count(&app, "SELECT COUNT(*) FROM media_items").await;
    let posts = count(&app, "SELECT COUNT(*) FROM posts").await;

    old.add(PDF_PATH, leaflet_pdf());
    let second = import_into(&app, &file, &options(fetching(), false), 20).await;

    assert_eq!(old.requests(), 3, "only the missing file is fetched again");
    assert_eq!(second.media.new, 1);
    assert_eq!(second.media.already_there, 1);
    assert!(second.media.missing.is_empty());
    assert_eq!(second.new_posts(), 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM posts").await, posts);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM media_items").await,
        items + 1
    );
    // Now the old path leads to the leaflet.
    let response = app.get(&format!("/wp-content/uploads/{PDF_PATH}")).await;
    assert_eq!(response.status(), 301);
    assert!(location(&response).ends_with("hitze-merkblatt.pdf"));

    let third = import_into(&app, &file, &options(fetching(), false), 20).await;
    assert_eq!(old.requests(), 3, "nothing is fetched twice");
    assert_eq!(third.media.already_there, 2);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM media_items").await,
        items + 1
    );
}

#[tokio::test]
async fn no_media_and_a_dry_run_fetch_nothing() {
    let app = spawn().await;
    let old = OldSite::start(&[(PNG_PATH, reception_png()), (PDF_PATH, leaflet_pdf())]).await;
    let dir = tempfile::tempdir().unwrap();
    let file = fixture_copy(dir.path(), &old.host, "");

    let dry = import_into(&app, &file, &options(fetching(), true), 20).await;
    assert_eq!(old.requests(), 0);
    assert!(dry.media.dry_run);
    assert_eq!(dry.media.wanted, 2);
    let english = folio::i18n::Language::new("en");
    let lines = english.summary_lines(&dry.lines()).join("\n");
    assert!(
        lines.contains("2 files would be brought into the library"),
        "{lines}"
    );

    let left_out = import_into(&app, &file, &options(Media::LeftOut, false), 20).await;
    assert_eq!(old.requests(), 0);
    assert!(left_out.media.left_out);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM media_items").await, 0);
    let (_, welcome) = app.get_page("/posts/willkommen").await;
    assert!(
        welcome.contains(&format!(
            "http://{}/wp-content/uploads/{PNG_PATH}",
            old.host
        )),
        "{welcome}"
    );
}

#[tokio::test]
async fn hostile_addresses_slow_servers_and_oversize_files_are_listed_and_the_rest_imports() {
    let app = spawn().await;
    let big = vec![0x89u8; 1024 * 1024 + 10];
    let old = OldSite::start(&[
        (PNG_PATH, reception_png()),
        (PDF_PATH, leaflet_pdf()),
        ("2025/01/huge.png", big),
    ])
    .await;
    let dir = tempfile::tempdir().unwrap();
    let host = old.host.clone();
    let extra = [
        attachment(9001, "file:///etc/passwd", None),
        attachment(
            9002,
            "ftp://old.example/wp-content/uploads/2025/01/a.png",
            None,
        ),
        attachment(
            9003,
            &format!("http://{host}/loop/wp-content/uploads/2025/01/b.png"),
            Some("2025/01/b.png"),
        ),
        attachment(
            9004,
            &format!("http://{host}/slow/wp-content/uploads/2025/01/c.png"),
            Some("2025/01/c.png"),
        ),
        attachment(
            9005,
            &format!("http://{host}/wp-content/uploads/2025/01/huge.png"),
            None,
        ),
    ]
    .concat();
    let file = fixture_copy(dir.path(), &host, &extra);

    let started = std::time::Instant::now();
    let summary = import_into(&app, &file, &options(fetching(), false), 1).await;

    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    let reasons: HashMap<String, MissingReason> = summary
        .media
        .missing
        .iter()
        .map(|m| (m.url.clone(), m.reason))
        .collect();
    assert_eq!(
        reasons.get("file:///etc/passwd"),
        Some(&MissingReason::NotHttp),
        "{reasons:?}"
    );
    assert_eq!(
        reasons.get("ftp://old.example/wp-content/uploads/2025/01/a.png"),
        Some(&MissingReason::NotHttp)
    );
    assert_eq!(
        reasons.get(&format!(
            "http://{host}/loop/wp-content/uploads/2025/01/b.png"
        )),
        Some(&MissingReason::Unreachable)
    );
    assert_eq!(
        reasons.get(&format!(
            "http://{host}/slow/wp-content/uploads/2025/01/c.png"
        )),
        Some(&MissingReason::Unreachable)
    );
    assert_eq!(
        reasons.get(&format!(
            "http://{host}/wp-content/uploads/2025/01/huge.png"
        )),
        Some(&MissingReason::TooLarge)
    );
    assert_eq!(summary.media.missing.len(), 5);
    assert_eq!(
        summary.media.new, 2,
        "the fixture's own files still come in"
    );
    assert_eq!(summary.new_posts(), 9);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM media_items").await, 2);
    old.stop();
}

#[tokio::test]
async fn a_media_dir_path_leading_out_of_the_folder_is_refused() {
    let app = spawn().await;
    let outside = tempfile::tempdir().unwrap();
    let uploads = outside.path().join("uploads");
    std::fs::create_dir_all(uploads.join("2024/12")).unwrap();
    std::fs::write(uploads.join(PNG_PATH), reception_png()).unwrap();
    std::fs::write(outside.path().join("secret.png"), reception_png()).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        outside.path().join("secret.png"),
        uploads.join("2024/12/link.png"),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let extra = [
        attachment(
            9101,
            "http://elsewhere.example/a/secret.png",
            Some("../secret.png"),
        ),
        attachment(
            9102,
            "http://elsewhere.example/b/secret.png",
            Some("/etc/passwd"),
        ),
        attachment(
            9103,
            "http://elsewhere.example/c/link.png",
            Some("2024/12/link.png"),
        ),
    ]
    .concat();
    let file = fixture_copy(dir.path(), FIXTURE_HOST, &extra);

    let media = Media::BringIn(MediaSource::Folder(uploads.clone()));
    let summary = import_into(&app, &file, &options(media, false), 20).await;

    let reasons: HashMap<String, MissingReason> = summary
        .media
        .missing
        .iter()
        .map(|m| (m.url.clone(), m.reason))
        .collect();
    for url in [
        "http://elsewhere.example/a/secret.png",
        "http://elsewhere.example/b/secret.png",
        "http://elsewhere.example/c/link.png",
    ] {
        assert_eq!(
            reasons.get(url),
            Some(&MissingReason::OutsideFolder),
            "{url}: {reasons:?}"
        );
    }
    assert_eq!(summary.media.new, 1, "the reception photo from the folder");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM media_items").await, 1);
}

/// Each library item as a site keeps it: name, kind, size, alt text, title, caption.
async fn library_shape(
    app: &TestApp,
) -> Vec<(
    String,
    String,
    Option<i64>,
    Option<i64>,
    String,
    String,
    String,
)> {
    sqlx::query_as(
        "SELECT url_name, kind, width, height, alt, title, caption FROM media_items ORDER BY url_name",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn an_export_brings_every_library_item_and_featured_image_into_another_folio() {
    let first = spawn().await;
    let uploads = tempfile::tempdir().unwrap();
    for (path, bytes) in [(PNG_PATH, reception_png()), (PDF_PATH, leaflet_pdf())] {
        let full = uploads.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, bytes).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let file = fixture_copy(dir.path(), FIXTURE_HOST, "");
    let media = Media::BringIn(MediaSource::Folder(uploads.path().to_owned()));
    import_into(&first, &file, &options(media, false), 20).await;
    let exported = dir.path().join("site.xml");
    let mut config = test_config(&first.database_url);
    config.base_url = Some(first.address.clone());

    let written = folio::wxr::command::export(&config, &exported)
        .await
        .unwrap();

    assert_eq!(written.media, 2);
    let xml = std::fs::read_to_string(&exported).unwrap();
    assert!(
        xml.contains(&format!(
            "<wp:attachment_url><![CDATA[{}/media/",
            first.address
        )),
        "{xml}"
    );
    assert!(xml.contains("<wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key>"));
    assert!(xml.contains("<wp:meta_key><![CDATA[_wp_attachment_image_alt]]></wp:meta_key>"));

    let second = spawn().await;
    let summary = import_into(&second, &exported, &options(fetching(), false), 20).await;

    assert_eq!(summary.media.new, 2, "{:?}", summary.media);
    assert!(summary.media.missing.is_empty(), "{:?}", summary.media);
    assert_eq!(library_shape(&first).await, library_shape(&second).await);
    // The second site shows its own copies, the featured image included.
    let (_, welcome) = second.get_page("/posts/willkommen").await;
    assert!(!welcome.contains(&first.address), "{welcome}");
    let sources = attribute_values(&welcome, "img", "src");
    assert!(!sources.is_empty(), "{welcome}");
    for source in sources.iter().filter(|s| s.starts_with("/media/")) {
        assert_eq!(second.get(source).await.status(), 200, "{source}");
    }
    assert_eq!(
        count(
            &second,
            "SELECT COUNT(*) FROM posts WHERE featured_media_id IS NOT NULL"
        )
        .await,
        1
    );
    let (_, summer) = second
        .get_page("/posts/sommer-in-der-praxis-tipps-gegen-die-hitze")
        .await;
    let leaflet = attribute_values(&summer, "a", "href")
        .into_iter()
        .find(|h| h.ends_with("hitze-merkblatt.pdf"))
        .unwrap();
    assert!(leaflet.starts_with("/media/"), "{leaflet}");
    assert_eq!(
        second.get(&leaflet).await.bytes().await.unwrap().to_vec(),
        leaflet_pdf()
    );
}

#[test]
fn the_command_takes_media_dir_and_no_media_and_prints_the_media_summary() {
    let dir = tempfile::tempdir().unwrap();
    for (path, bytes) in [(PNG_PATH, reception_png()), (PDF_PATH, leaflet_pdf())] {
        let full = dir.path().join("uploads").join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, bytes).unwrap();
    }
    let file = fixture_copy(dir.path(), FIXTURE_HOST, "");
    let url = format!("sqlite://{}", dir.path().join("folio.db").display());
    let uploads = dir.path().join("uploads");
    let run = |args: &[&str]| {
        let output = crate::cli::folio()
            .args(["import", "wordpress"])
            .arg(&file)
            .args(args)
            .args(["--database-url", &url])
            .output()
            .unwrap();
        (
            output.status.success(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };

    let (ok, _, stderr) = run(&["--no-media", "--media-dir", uploads.to_str().unwrap()]);
    assert!(!ok, "the two flags exclude each other");
    assert!(stderr.contains("cannot be used with"), "{stderr}");

    let (ok, out, stderr) = run(&["--media-dir", uploads.to_str().unwrap()]);
    assert!(ok, "{stderr}");
    assert!(
        out.contains("Media: 2 files brought into the library, 0 there from before, none missing"),
        "{out}"
    );

    let (ok, out, stderr) = run(&["--no-media"]);
    assert!(ok, "{stderr}");
    assert!(out.contains("Media: left out (--no-media)"), "{out}");
}
