//! The old site's uploaded files: which ones an export needs (its attachments
//! and the files its posts link), and which Folio item an old upload URL maps
//! to. Pure: no I/O, no SQL. Fetching them is a separate step
//! (`wxr::fetch`), driven by the import command.

use std::collections::HashMap;

use super::content::{self, next_tag};
use super::reader::Item;
use crate::domain::import::percent_decode;
pub use crate::domain::old_upload::{Target, Targets, UPLOADS, original_path, target};

/// A file of the old site to bring in: its path below `wp-content/uploads/`,
/// where it can be fetched, and what the attachment item says of it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Wanted {
    pub path: String,
    pub url: String,
    /// The attachment item's id (`None` for a file only linked in content).
    pub source_id: Option<i64>,
    pub alt: String,
    pub title: String,
    pub caption: String,
    /// Other paths that mean the same file: WordPress (5.3 and later) keeps a
    /// big photo as `name-scaled.jpg` while its resized copies are named after
    /// `name.jpg`.
    pub aliases: Vec<String>,
}

/// Every file an export needs, each once: attachments first, then the files
/// the content links that have no attachment item of their own.
#[derive(Debug, Clone, Default)]
pub struct MediaPlan {
    pub site_key: String,
    pub site_urls: Vec<String>,
    attachments: Vec<Wanted>,
    linked: Vec<Wanted>,
    /// Attachment id → its path (a post's `_thumbnail_id` names one).
    pub attachment_paths: HashMap<i64, String>,
}

impl MediaPlan {
    pub fn set_site(&mut self, key: String, site_urls: Vec<String>) {
        self.site_key = key;
        self.site_urls = site_urls;
    }

    /// What one item of the export adds: an attachment's file, or the files its content links.
    pub fn add_item(&mut self, item: &Item) {
        if item.post_type == "attachment" {
            let attached = item.meta_values("_wp_attached_file").next().unwrap_or("");
            let path = if attached.trim().is_empty() {
                // Else at least its file name, so that it is listed if it cannot be had.
                path_in_any_uploads(&item.attachment_url)
                    .or_else(|| folio_item_path(&item.attachment_url))
                    .or_else(|| {
                        let url = item.attachment_url.trim().trim_end_matches('/');
                        clean_path(url.rsplit('/').next().unwrap_or(url))
                    })
            } else {
                Some(attached.trim().to_owned())
            };
            let Some(path) = path.filter(|p| !p.is_empty()) else {
                return;
            };
            self.attachment_paths.insert(item.post_id, path.clone());
            self.attachments.push(Wanted {
                aliases: unscaled(&path).into_iter().collect(),
                url: item.attachment_url.clone(),
                source_id: Some(item.post_id),
                alt: one_line(item.meta_values("_wp_attachment_image_alt").next()),
                title: one_line(Some(&content::decode_entities(&item.title))),
                caption: one_line(Some(&content::decode_entities(&item.excerpt))),
                path,
            });
            return;
        }
        for url in linked_urls(&item.content) {
            let Some(path) = upload_path(&url, &self.site_urls) else {
                continue;
            };
            let (original, resized) = original_path(&path);
            if self.linked.iter().any(|w| w.path == original) {
                continue;
            }
            let url = match resized {
                // The original, not the smaller copy the post shows.
                Some(_) => original_url(&url, &original),
                None => url,
            };
            self.linked.push(Wanted {
                path: original,
                url,
                ..Wanted::default()
            });
        }
    }

    /// Each file once, attachments first.
    pub fn wanted(&self) -> Vec<Wanted> {
        let mut all = self.attachments.clone();
        for linked in &self.linked {
            if !all
                .iter()
                .any(|w| w.path == linked.path || w.aliases.contains(&linked.path))
            {
                all.push(linked.clone());
            }
        }
        all
    }
}

/// `2024/05/photo.jpg` for WordPress's `2024/05/photo-scaled.jpg`.
fn unscaled(path: &str) -> Option<String> {
    let (stem, extension) = path.rsplit_once('.')?;
    let name = stem.strip_suffix("-scaled")?;
    (!name.is_empty() && !name.ends_with('/')).then(|| format!("{name}.{extension}"))
}

fn one_line(text: Option<&str>) -> String {
    text.unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The URL of the original file in a URL that names a resized copy of it.
fn original_url(url: &str, original: &str) -> String {
    match url.find(UPLOADS) {
        Some(at) => format!("{}{UPLOADS}{original}", &url[..at]),
        None => url.to_owned(),
    }
}

/// The `src`, `srcset` and `href` values in a post's HTML, entities decoded.
fn linked_urls(html: &str) -> Vec<String> {
    let mut urls = Vec::new();
    let mut at = 0;
    while let Some(tag) = next_tag(html, at) {
        at = tag.end;
        if tag.closing || tag.name == "!--" {
            continue;
        }
        for attribute in attributes(&html[tag.start..tag.end]) {
            match attribute.name.as_str() {
                "src" | "href" => urls.push(attribute.value),
                "srcset" => urls.extend(
                    attribute
                        .value
                        .split(',')
                        .filter_map(|c| c.split_whitespace().next())
                        .map(str::to_owned),
                ),
                _ => {}
            }
        }
    }
    urls
}

/// The path below `wp-content/uploads/` of a URL on any host.
fn path_in_any_uploads(url: &str) -> Option<String> {
    let at = url.find(UPLOADS)?;
    clean_path(&url[at + UPLOADS.len()..])
}

/// Where a Folio site keeps its media (an export of a Folio site links them).
const FOLIO_MEDIA: &str = "/media/";

/// `media/{hash}`: the path an item of a Folio site's library is known by
/// (its copies are `media/{hash}/{file}`).
fn folio_item_path(url: &str) -> Option<String> {
    let at = url.find(FOLIO_MEDIA)?;
    let rest = &url[at + FOLIO_MEDIA.len()..];
    let (hash, file) = rest.split_once('/')?;
    let is_hash = hash.len() == 20 && hash.bytes().all(|b| b.is_ascii_hexdigit());
    (is_hash && !file.is_empty() && !file.contains('/')).then(|| format!("media/{hash}"))
}

/// Whether an attribute's value may point into an uploads folder (checked exactly later).
fn may_point_into_uploads(value: &str) -> bool {
    value.contains(UPLOADS.trim_end_matches('/')) || value.contains(FOLIO_MEDIA)
}

/// The path below `wp-content/uploads/` that `url` points to, when it points
/// into the old uploads folder (absolute on one of `site_urls`, with
/// either scheme, or a path on this site); for an export of a Folio site, a
/// library copy's `media/{hash}/{file}`.
pub fn upload_path(url: &str, site_urls: &[String]) -> Option<String> {
    let url = url.trim();
    if let Some(path) = on_old_site(url, site_urls, FOLIO_MEDIA) {
        let path = clean_path(path)?;
        return folio_item_path(&format!("{FOLIO_MEDIA}{path}")).map(|_| format!("media/{path}"));
    }
    clean_path(on_old_site(url, site_urls, UPLOADS)?)
}

/// What follows `folder` in `url` when `url` is that folder on the old site
/// (or a path on this one).
fn on_old_site<'a>(url: &'a str, site_urls: &[String], folder: &str) -> Option<&'a str> {
    if let Some(path) = url.strip_prefix(folder) {
        return Some(path);
    }
    let without_scheme = |u: &str| -> String {
        u.trim_start_matches("https:")
            .trim_start_matches("http:")
            .to_ascii_lowercase()
    };
    let here = without_scheme(url);
    let site = site_urls.iter().find(|site| {
        let base = format!("{}{folder}", without_scheme(site));
        here.starts_with(&base)
    })?;
    let skip = url.len() - here.len() + without_scheme(site).len() + folder.len();
    url.get(skip..)
}

/// The path without query or fragment, percent-decoded; `None` when empty.
fn clean_path(raw: &str) -> Option<String> {
    let raw = raw.split(['?', '#']).next().unwrap_or("");
    let path = percent_decode(raw);
    (!path.is_empty() && !path.ends_with('/')).then_some(path)
}

/// A post's HTML with its links into the old uploads folder rewritten.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rewritten {
    pub html: String,
    /// The library items it now shows or links, each once.
    pub hashes: Vec<String>,
}

/// Every `<img>` showing an old upload becomes the library image (its copies
/// in `srcset`, a resized copy at its width); every `href`/`src` into the old
/// uploads folder leads to the Folio media. A file not brought in keeps a
/// path on this site (`/wp-content/uploads/…`), which redirects once it is.
pub fn rewrite(html: &str, site_urls: &[String], targets: &Targets) -> Rewritten {
    let mut out = String::with_capacity(html.len());
    let mut hashes: Vec<String> = Vec::new();
    let mut copied = 0;
    let mut at = 0;
    while let Some(tag) = next_tag(html, at) {
        at = tag.end;
        if tag.closing || tag.name == "!--" {
            continue;
        }
        let text = &html[tag.start..tag.end];
        let found = attributes(text);
        if !found.iter().any(|a| {
            matches!(a.name.as_str(), "src" | "href" | "srcset") && may_point_into_uploads(&a.value)
        }) {
            continue;
        }
        out.push_str(&html[copied..tag.start]);
        copied = tag.end;
        if tag.name == "img"
            && let Some(src) = found.iter().find(|a| a.name == "src")
            && let Some(path) = upload_path(&src.value, site_urls)
        {
            let (original, resized) = original_path(&path);
            if let Some(target) = targets.get(&original)
                && let Some(image) = &target.image
            {
                let value = |name: &str| {
                    found
                        .iter()
                        .find(|a| a.name == name)
                        .map(|a| a.value.clone())
                        .unwrap_or_default()
                };
                let (alt, title) = (value("alt"), value("title"));
                out.push_str(&match resized {
                    Some(width) => image.img_html_at(&alt, &title, width),
                    None => image.img_html(&alt, &title),
                });
                remember(&mut hashes, &target.hash);
                continue;
            }
        }
        out.push_str(&rewritten_tag(
            text,
            &found,
            site_urls,
            targets,
            &mut hashes,
        ));
    }
    out.push_str(&html[copied..]);
    Rewritten { html: out, hashes }
}

fn remember(hashes: &mut Vec<String>, hash: &str) {
    if !hashes.iter().any(|h| h == hash) {
        hashes.push(hash.to_owned());
    }
}

/// A tag with each `src`/`href` into the old uploads folder pointing at the
/// Folio media (or this site's old path), and any `srcset` of old files dropped.
fn rewritten_tag(
    text: &str,
    found: &[Attribute],
    site_urls: &[String],
    targets: &Targets,
    hashes: &mut Vec<String>,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for attribute in found {
        let replacement = match attribute.name.as_str() {
            "src" | "href" => upload_path(&attribute.value, site_urls).map(|path| {
                let (original, resized) = original_path(&path);
                let url = match targets.get(&original) {
                    Some(target) => {
                        remember(hashes, &target.hash);
                        target.url_at(resized)
                    }
                    None if path.starts_with("media/") => format!("/{}", escape_path(&path)),
                    None => format!("{UPLOADS}{}", escape_path(&path)),
                };
                format!("{}=\"{}\"", attribute.name, url)
            }),
            "srcset" if may_point_into_uploads(&attribute.value) => Some(String::new()),
            _ => None,
        };
        if let Some(replacement) = replacement {
            out.push_str(&text[copied..attribute.span.0]);
            out.push_str(&replacement);
            copied = attribute.span.1;
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// A path as it may stand in an attribute (quotes and angle brackets encoded).
fn escape_path(path: &str) -> String {
    path.replace('%', "%25")
        .replace('"', "%22")
        .replace('\'', "%27")
        .replace('<', "%3C")
        .replace('>', "%3E")
        .replace(' ', "%20")
}

/// One attribute of a tag: its lowercase name, its value (entities decoded)
/// and where the whole `name="value"` stands in the tag's text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Attribute {
    name: String,
    value: String,
    span: (usize, usize),
}

/// The attributes of a tag's text (`<img src="…" alt='…' hidden>`).
fn attributes(tag: &str) -> Vec<Attribute> {
    let bytes = tag.as_bytes();
    let mut found = Vec::new();
    // Past the `<` and the name.
    let mut i = tag
        .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
        .unwrap_or(tag.len());
    while i < bytes.len() {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] == b'>' {
            break;
        }
        let start = i;
        while i < bytes.len()
            && !bytes[i].is_ascii_whitespace()
            && !matches!(bytes[i], b'=' | b'>' | b'/')
        {
            i += 1;
        }
        let name = tag[start..i].to_ascii_lowercase();
        if name.is_empty() {
            i += 1;
            continue;
        }
        let j = skip_space(bytes, i);
        if bytes.get(j) != Some(&b'=') {
            found.push(Attribute {
                name,
                value: String::new(),
                span: (start, i),
            });
            continue;
        }
        let (value, end) = attribute_value(tag, skip_space(bytes, j + 1));
        found.push(Attribute {
            name,
            value: content::decode_entities(value),
            span: (start, end),
        });
        i = end;
    }
    found
}

/// The first byte at or after `i` that is not white space.
fn skip_space(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// An attribute's value starting at `j` (quoted or bare), and where it ends.
fn attribute_value(tag: &str, j: usize) -> (&str, usize) {
    match tag.as_bytes().get(j) {
        Some(&quote @ (b'"' | b'\'')) => {
            let close = tag[j + 1..]
                .find(quote as char)
                .map_or(tag.len(), |c| j + 1 + c);
            (&tag[(j + 1).min(close)..close], (close + 1).min(tag.len()))
        }
        _ => {
            let end = tag[j..]
                .find(|c: char| c.is_ascii_whitespace() || c == '>')
                .map_or(tag.len(), |e| j + e);
            (&tag[j..end], end)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: &str = "http://old.example";

    fn sites() -> Vec<String> {
        vec![SITE.to_owned()]
    }

    fn photo() -> Target {
        target(
            "0123456789abcdef0123",
            false,
            &[
                ("praxis-320.webp".into(), Some(320), Some(214)),
                ("praxis.webp".into(), Some(640), Some(427)),
            ],
        )
    }

    fn flyer() -> Target {
        target(
            "abcdefabcdefabcdefab",
            false,
            &[("hitze.pdf".into(), None, None)],
        )
    }

    fn targets() -> Targets {
        [
            ("2024/12/praxis.png".to_owned(), photo()),
            ("2026/07/hitze.pdf".to_owned(), flyer()),
        ]
        .into_iter()
        .collect()
    }

    #[test]
    fn upload_urls_on_the_old_site_give_their_path() {
        let sites = sites();
        for (url, path) in [
            (
                "http://old.example/wp-content/uploads/2024/12/a.png",
                Some("2024/12/a.png"),
            ),
            (
                "https://OLD.example/wp-content/uploads/2024/12/a%20b.png?v=2",
                Some("2024/12/a b.png"),
            ),
            ("/wp-content/uploads/x.pdf", Some("x.pdf")),
            ("http://other.example/wp-content/uploads/a.png", None),
            ("http://old.example/2024/12/post/", None),
            ("http://old.example/wp-content/uploads/", None),
        ] {
            assert_eq!(upload_path(url, &sites).as_deref(), path, "{url}");
        }
    }

    #[test]
    fn a_folio_site_s_library_copies_name_their_item_and_width() {
        let sites = sites();
        let url = "http://old.example/media/0123456789abcdef0123/praxis-320.webp";
        let path = upload_path(url, &sites).unwrap();
        assert_eq!(path, "media/0123456789abcdef0123/praxis-320.webp");
        assert_eq!(
            original_path(&path),
            ("media/0123456789abcdef0123".to_owned(), Some(320))
        );
        assert_eq!(
            upload_path("/media/0123456789abcdef0123/flyer.pdf", &sites).as_deref(),
            Some("media/0123456789abcdef0123/flyer.pdf")
        );
        assert_eq!(
            upload_path("http://old.example/media/short/x.png", &sites),
            None
        );
        assert_eq!(
            folio_item_path(url).as_deref(),
            Some("media/0123456789abcdef0123")
        );
    }

    #[test]
    fn a_resized_copy_names_its_original_and_width() {
        assert_eq!(
            original_path("2024/12/praxis-empfang-300x200.png"),
            ("2024/12/praxis-empfang.png".to_owned(), Some(300))
        );
        assert_eq!(
            original_path("2024/12/team-2024.png"),
            ("2024/12/team-2024.png".to_owned(), None)
        );
        assert_eq!(original_path("a-x1.png"), ("a-x1.png".to_owned(), None));
    }

    #[test]
    fn images_become_library_images_and_links_lead_to_the_media() {
        let html = concat!(
            r#"<figure><img src="http://old.example/wp-content/uploads/2024/12/praxis.png" alt="Empfang &amp; Warten" class="wp-image-5"/><figcaption>Unten</figcaption></figure>"#,
            r#"<p><img class="size-medium" src="http://old.example/wp-content/uploads/2024/12/praxis-300x200.png" alt="Klein" width="300" height="200" srcset="http://old.example/wp-content/uploads/2024/12/praxis-300x200.png 300w"></p>"#,
            r#"<p><a href="http://old.example/wp-content/uploads/2026/07/hitze.pdf">PDF</a> <a href='/wp-content/uploads/2024/12/praxis-300x200.png'>gross</a> <a href="http://old.example/kontakt/">k</a></p>"#,
        );
        let rewritten = rewrite(html, &sites(), &targets());
        let out = &rewritten.html;
        assert!(!out.contains("old.example/wp-content"), "{out}");
        assert!(
            out.contains(r#"<img src="/media/0123456789abcdef0123/praxis.webp" width="640" height="427" alt="Empfang &amp; Warten" srcset="/media/0123456789abcdef0123/praxis-320.webp 320w"#),
            "{out}"
        );
        assert!(
            out.contains(r#"<img src="/media/0123456789abcdef0123/praxis-320.webp" width="300" height="200" alt="Klein" srcset="/media/0123456789abcdef0123/praxis-320.webp 1x, /media/0123456789abcdef0123/praxis.webp 2x""#),
            "{out}"
        );
        assert!(
            out.contains(r#"<a href="/media/abcdefabcdefabcdefab/hitze.pdf">PDF</a>"#),
            "{out}"
        );
        assert!(
            out.contains(r#"<a href="/media/0123456789abcdef0123/praxis-320.webp">gross</a>"#),
            "{out}"
        );
        assert!(
            out.contains(r#"<a href="http://old.example/kontakt/">k</a>"#),
            "{out}"
        );
        assert_eq!(
            rewritten.hashes,
            ["0123456789abcdef0123", "abcdefabcdefabcdefab"]
        );
    }

    #[test]
    fn a_file_not_brought_in_keeps_its_old_path_on_this_site() {
        let html = r#"<img src="http://old.example/wp-content/uploads/gone-150x150.png" srcset="http://old.example/wp-content/uploads/gone.png 2x" alt="x"><a href="https://old.example/wp-content/uploads/gone.pdf">f</a>"#;
        let rewritten = rewrite(html, &sites(), &Targets::new());
        assert_eq!(
            rewritten.html,
            r#"<img src="/wp-content/uploads/gone-150x150.png"  alt="x"><a href="/wp-content/uploads/gone.pdf">f</a>"#
        );
        assert!(rewritten.hashes.is_empty());
    }

    #[test]
    fn the_plan_lists_attachments_first_and_linked_files_once() {
        let mut plan = MediaPlan::default();
        plan.set_site(SITE.into(), sites());
        plan.add_item(&Item {
            post_type: "post".into(),
            content: r#"<img src="http://old.example/wp-content/uploads/2024/12/praxis-300x200.png"><a href="http://old.example/wp-content/uploads/2026/07/hitze.pdf">f</a><a href="/wp-content/uploads/2026/07/hitze.pdf">again</a>"#.into(),
            ..Item::default()
        });
        plan.add_item(&Item {
            post_type: "attachment".into(),
            post_id: 5,
            title: "Empfang".into(),
            excerpt: "Unser Empfang".into(),
            attachment_url: "http://old.example/wp-content/uploads/2024/12/praxis.png".into(),
            meta: vec![
                ("_wp_attached_file".into(), "2024/12/praxis.png".into()),
                ("_wp_attachment_image_alt".into(), "Der Tresen".into()),
            ],
            ..Item::default()
        });
        let wanted = plan.wanted();
        assert_eq!(wanted.len(), 2, "{wanted:?}");
        assert_eq!(wanted[0].path, "2024/12/praxis.png");
        assert_eq!(wanted[0].source_id, Some(5));
        assert_eq!(wanted[0].alt, "Der Tresen");
        assert_eq!(wanted[0].title, "Empfang");
        assert_eq!(wanted[0].caption, "Unser Empfang");
        assert_eq!(wanted[1].path, "2026/07/hitze.pdf");
        assert_eq!(
            wanted[1].url,
            "http://old.example/wp-content/uploads/2026/07/hitze.pdf"
        );
        assert_eq!(
            plan.attachment_paths.get(&5).map(String::as_str),
            Some("2024/12/praxis.png")
        );
        assert!(wanted[0].aliases.is_empty());
    }

    #[test]
    fn a_scaled_photo_is_also_known_by_the_name_its_copies_are_made_from() {
        let mut plan = MediaPlan::default();
        plan.set_site(SITE.into(), sites());
        plan.add_item(&Item {
            post_type: "attachment".into(),
            post_id: 7,
            attachment_url: "http://old.example/wp-content/uploads/2024/05/beach-scaled.jpg".into(),
            meta: vec![(
                "_wp_attached_file".into(),
                "2024/05/beach-scaled.jpg".into(),
            )],
            ..Item::default()
        });
        plan.add_item(&Item {
            post_type: "post".into(),
            content:
                r#"<img src="http://old.example/wp-content/uploads/2024/05/beach-1024x768.jpg">"#
                    .into(),
            ..Item::default()
        });
        let wanted = plan.wanted();
        assert_eq!(wanted.len(), 1, "{wanted:?}");
        assert_eq!(wanted[0].aliases, ["2024/05/beach.jpg"]);
    }
}
