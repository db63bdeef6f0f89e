//! The site as WXR 1.2, the format WordPress's importer reads: posts with
//! their tags, old slugs and comments (status, threading, email, IP, dates).

use std::io::Write;

use quick_xml::Writer;
use quick_xml::events::{BytesCData, BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use sqlx::SqlitePool;
use time::OffsetDateTime;
use time::macros::format_description;

use super::NAV_POSITION_META;
use crate::db;
use crate::db::export::{ExportAdmin, ExportComment, ExportMedia, ExportPost};
use crate::domain::ids::{AdminId, CommentId};
use crate::domain::media::{self, media_path};
use crate::domain::moderation::Status;
use crate::domain::post::Kind;
use crate::domain::time::UnixTime;

/// How much an export wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Exported {
    pub posts: usize,
    pub comments: usize,
    pub tags: usize,
    /// Library items, written as attachments.
    pub media: usize,
}

type Result<T> = anyhow::Result<T>;

/// Writes the whole site to `out`; `base_url` makes the absolute links.
pub async fn export(pool: &SqlitePool, base_url: &str, out: impl Write) -> Result<Exported> {
    let site = db::settings::load(pool).await?;
    let (title, tagline) = site
        .map(|s| (s.title, s.tagline))
        .unwrap_or_else(|| ("Folio".to_owned(), String::new()));
    let admins = db::export::admins(pool).await?;
    // A post without a known author goes out as the first account's.
    let creator = admins
        .first()
        .map_or_else(|| "folio".to_owned(), |a| a.username.clone());
    let tags = db::export::tags(pool).await?;
    // No indenting writer: it would put white space inside CDATA elements.
    let mut xml = Writer::new(out);
    let mut done = Exported::default();

    write_channel_head(&mut xml, base_url, (&title, &tagline), &admins, &tags)?;
    done.tags = tags.len();
    let posts = db::export::posts(pool).await?;
    // Attachments are items too: their ids follow the posts' ones.
    let attachment_ids = posts.iter().map(|p| p.id.get()).max().unwrap_or(0);
    for post in posts {
        let comments = db::export::comments(pool, post.id).await?;
        let post_tags = db::tags::for_post(pool, post.id).await?;
        let old_slugs = db::export::old_slugs(pool, post.id).await?;
        let item = ItemParts {
            post: &post,
            tags: &post_tags,
            old_slugs: &old_slugs,
            comments: &comments,
            thumbnail_id: post.featured_media_id.map(|id| attachment_ids + id.get()),
        };
        let creator = post.author.as_deref().unwrap_or(&creator);
        write_item(&mut xml, base_url, creator, &item)?;
        done.posts += 1;
        done.comments += comments.len();
    }
    for media in db::export::media(pool).await? {
        write_attachment(
            &mut xml,
            base_url,
            &creator,
            attachment_ids + media.id.get(),
            &media,
        )?;
        done.media += 1;
    }
    close(&mut xml, "channel")?;
    close(&mut xml, "rss")?;
    xml.get_mut().flush()?;
    Ok(done)
}

/// The XML declaration, the opened `<rss>` and `<channel>`, and the site's
/// own fields: title, address, tagline, WXR version, authors and tags.
fn write_channel_head<W: Write>(
    xml: &mut Writer<W>,
    base_url: &str,
    (title, tagline): (&str, &str),
    admins: &[ExportAdmin],
    tags: &[crate::domain::post::Tag],
) -> Result<()> {
    xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    newline(xml)?;
    let rss = BytesStart::new("rss").with_attributes([
        ("version", "2.0"),
        ("xmlns:excerpt", "http://wordpress.org/export/1.2/excerpt/"),
        ("xmlns:content", "http://purl.org/rss/1.0/modules/content/"),
        ("xmlns:wfw", "http://wellformedweb.org/CommentAPI/"),
        ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
        ("xmlns:wp", "http://wordpress.org/export/1.2/"),
    ]);
    xml.write_event(Event::Start(rss))?;
    xml.write_event(Event::Start(BytesStart::new("channel")))?;
    text(xml, "title", title)?;
    text(xml, "link", base_url)?;
    text(xml, "description", tagline)?;
    text(xml, "language", "en-US")?;
    text(xml, "wp:wxr_version", "1.2")?;
    text(xml, "wp:base_site_url", base_url)?;
    text(xml, "wp:base_blog_url", base_url)?;
    write_authors(xml, admins)?;
    write_tags(xml, tags)?;
    text(xml, "generator", "Folio")
}

fn write_authors<W: Write>(xml: &mut Writer<W>, admins: &[ExportAdmin]) -> Result<()> {
    for admin in admins {
        open(xml, "wp:author")?;
        text(xml, "wp:author_id", &admin.id.to_string())?;
        cdata(xml, "wp:author_login", &admin.username)?;
        cdata(xml, "wp:author_email", "")?;
        cdata(xml, "wp:author_display_name", &admin.username)?;
        close(xml, "wp:author")?;
    }
    Ok(())
}

fn write_tags<W: Write>(xml: &mut Writer<W>, tags: &[crate::domain::post::Tag]) -> Result<()> {
    for tag in tags {
        open(xml, "wp:tag")?;
        cdata(xml, "wp:tag_slug", &tag.slug)?;
        cdata(xml, "wp:tag_name", &tag.name)?;
        close(xml, "wp:tag")?;
    }
    Ok(())
}

/// What one item of the export holds: a post with its tags, old slugs and comments.
struct ItemParts<'a> {
    post: &'a ExportPost,
    tags: &'a [crate::domain::post::Tag],
    old_slugs: &'a [String],
    comments: &'a [ExportComment],
    /// Its featured image's attachment id.
    thumbnail_id: Option<i64>,
}

fn write_item<W: Write>(
    xml: &mut Writer<W>,
    base_url: &str,
    creator: &str,
    item: &ItemParts<'_>,
) -> Result<()> {
    let post = item.post;
    open(xml, "item")?;
    write_item_rss(xml, base_url, creator, post)?;
    write_item_wp(xml, post)?;
    write_item_terms(xml, item.tags, item.old_slugs)?;
    if let Some(position) = post.nav_position {
        write_meta(xml, NAV_POSITION_META, &position.to_string())?;
    }
    if let Some(id) = item.thumbnail_id {
        write_meta(xml, "_thumbnail_id", &id.to_string())?;
    }
    if let Some(trashed_at) = post.trashed_at {
        write_meta(xml, "_wp_trash_meta_status", wp_status(post))?;
        write_meta(xml, "_wp_trash_meta_time", &trashed_at.to_string())?;
        write_meta(xml, "_wp_desired_post_slug", &post.slug)?;
    }
    for comment in item.comments {
        write_comment(xml, comment)?;
    }
    close(xml, "item")
}

/// An item's RSS fields: title, address, date, author, id and content.
fn write_item_rss<W: Write>(
    xml: &mut Writer<W>,
    base_url: &str,
    creator: &str,
    post: &ExportPost,
) -> Result<()> {
    let kind = Kind::from_stored(&post.kind);
    text(xml, "title", &post.title)?;
    text(xml, "link", &format!("{base_url}{}", kind.path(&post.slug)))?;
    text(xml, "pubDate", &rfc2822(item_date(post)))?;
    cdata(xml, "dc:creator", creator)?;
    xml.write_event(Event::Start(
        BytesStart::new("guid").with_attributes([("isPermaLink", "false")]),
    ))?;
    xml.write_event(Event::Text(BytesText::new(&format!(
        "{base_url}/?p={}",
        post.id
    ))))?;
    close(xml, "guid")?;
    text(xml, "description", "")?;
    cdata(
        xml,
        "content:encoded",
        &media_links_absolute(&post.body_html, base_url),
    )?;
    cdata(xml, "excerpt:encoded", "")
}

/// An item's WordPress fields: its id, dates, status, name and type.
fn write_item_wp<W: Write>(xml: &mut Writer<W>, post: &ExportPost) -> Result<()> {
    let date = wp_date(item_date(post));
    let modified = wp_date(post.updated_at);
    text(xml, "wp:post_id", &post.id.to_string())?;
    cdata(xml, "wp:post_date", &date)?;
    cdata(xml, "wp:post_date_gmt", &date)?;
    cdata(xml, "wp:post_modified", &modified)?;
    cdata(xml, "wp:post_modified_gmt", &modified)?;
    let comment_status = if post.comments_open { "open" } else { "closed" };
    cdata(xml, "wp:comment_status", comment_status)?;
    cdata(xml, "wp:ping_status", "closed")?;
    // WordPress's own way with a post in the trash: `trash`, its slug kept
    // aside with `__trashed` appended, and what it was before in its meta.
    let status = wp_status(post);
    match post.trashed_at {
        Some(_) => cdata(xml, "wp:post_name", &format!("{}__trashed", post.slug))?,
        None => cdata(xml, "wp:post_name", &post.slug)?,
    }
    cdata(
        xml,
        "wp:status",
        post.trashed_at.map_or(status, |_| "trash"),
    )?;
    text(xml, "wp:post_parent", "0")?;
    // WordPress orders pages by menu_order; the exact place (and whether the
    // page is in the navigation at all) goes in Folio's own meta.
    let menu_order = post.nav_position.unwrap_or(0).to_string();
    text(xml, "wp:menu_order", &menu_order)?;
    cdata(xml, "wp:post_type", Kind::from_stored(&post.kind).as_str())?;
    cdata(xml, "wp:post_password", "")?;
    text(xml, "wp:is_sticky", "0")
}

/// An item's date: when it was published, or (scheduled) will be, else written.
fn item_date(post: &ExportPost) -> UnixTime {
    post.publish_at
        .filter(|_| !post.published)
        .or(post.published_at)
        .unwrap_or(post.created_at)
}

/// The library's links in a post (`/media/…`) made absolute on this site,
/// so that WordPress's importer, fetching the attachments, finds and remaps them.
fn media_links_absolute(html: &str, base_url: &str) -> String {
    html.replace("\"/media/", &format!("\"{base_url}/media/"))
        .replace(", /media/", &format!(", {base_url}/media/"))
}

/// A library item as an attachment item: its `wp:attachment_url` on this
/// site (its largest copy, or the PDF), its alt text, title and caption.
fn write_attachment<W: Write>(
    xml: &mut Writer<W>,
    base_url: &str,
    creator: &str,
    id: i64,
    media: &ExportMedia,
) -> Result<()> {
    let url = format!("{base_url}{}", media_path(&media.hash, &media.file));
    open(xml, "item")?;
    text(xml, "title", &media.title)?;
    text(xml, "link", &url)?;
    text(xml, "pubDate", &rfc2822(media.created_at))?;
    cdata(xml, "dc:creator", creator)?;
    xml.write_event(Event::Start(
        BytesStart::new("guid").with_attributes([("isPermaLink", "false")]),
    ))?;
    xml.write_event(Event::Text(BytesText::new(&url)))?;
    close(xml, "guid")?;
    text(xml, "description", "")?;
    cdata(xml, "content:encoded", "")?;
    cdata(xml, "excerpt:encoded", &media.caption)?;
    text(xml, "wp:post_id", &id.to_string())?;
    cdata(xml, "wp:post_date", &wp_date(media.created_at))?;
    cdata(xml, "wp:post_date_gmt", &wp_date(media.created_at))?;
    cdata(xml, "wp:post_modified", &wp_date(media.created_at))?;
    cdata(xml, "wp:post_modified_gmt", &wp_date(media.created_at))?;
    cdata(xml, "wp:comment_status", "closed")?;
    cdata(xml, "wp:ping_status", "closed")?;
    cdata(xml, "wp:post_name", &media::url_name(&media.file_name))?;
    cdata(xml, "wp:status", "inherit")?;
    text(xml, "wp:post_parent", "0")?;
    text(xml, "wp:menu_order", "0")?;
    cdata(xml, "wp:post_type", "attachment")?;
    cdata(xml, "wp:post_password", "")?;
    text(xml, "wp:is_sticky", "0")?;
    cdata(xml, "wp:attachment_url", &url)?;
    if media.kind != "pdf" {
        write_meta(xml, "_wp_attachment_image_alt", &media.alt)?;
    }
    close(xml, "item")
}

/// WordPress's status for a post (before the trash, for one in it): a
/// scheduled post is `future`, dated at its publication time.
fn wp_status(post: &ExportPost) -> &'static str {
    if post.published {
        "publish"
    } else if post.publish_at.is_some() {
        "future"
    } else {
        "draft"
    }
}

/// An item's tags and the old slugs WordPress keeps as `_wp_old_slug` meta.
fn write_item_terms<W: Write>(
    xml: &mut Writer<W>,
    tags: &[crate::domain::post::Tag],
    old_slugs: &[String],
) -> Result<()> {
    for tag in tags {
        xml.write_event(Event::Start(BytesStart::new("category").with_attributes([
            ("domain", "post_tag"),
            ("nicename", tag.slug.as_str()),
        ])))?;
        write_cdata(xml, &tag.name)?;
        close(xml, "category")?;
    }
    for old in old_slugs {
        write_meta(xml, "_wp_old_slug", old)?;
    }
    Ok(())
}

fn write_meta<W: Write>(xml: &mut Writer<W>, key: &str, value: &str) -> Result<()> {
    open(xml, "wp:postmeta")?;
    cdata(xml, "wp:meta_key", key)?;
    cdata(xml, "wp:meta_value", value)?;
    close(xml, "wp:postmeta")
}

fn write_comment<W: Write>(xml: &mut Writer<W>, comment: &ExportComment) -> Result<()> {
    let approved = match Status::parse(&comment.status) {
        Some(Status::Approved) => "1",
        Some(Status::Spam) => "spam",
        Some(Status::Trash) => "trash",
        Some(Status::Pending) | None => "0",
    };
    open(xml, "wp:comment")?;
    text(xml, "wp:comment_id", &comment.id.to_string())?;
    cdata(xml, "wp:comment_author", &comment.author_name)?;
    cdata(xml, "wp:comment_author_email", &comment.author_email)?;
    text(xml, "wp:comment_author_url", &comment.author_website)?;
    cdata(xml, "wp:comment_author_IP", &comment.ip)?;
    cdata(xml, "wp:comment_date", &wp_date(comment.created_at))?;
    cdata(xml, "wp:comment_date_gmt", &wp_date(comment.created_at))?;
    // WordPress reads a comment as HTML; Folio's are plain text.
    cdata(xml, "wp:comment_content", &escape_html_text(&comment.body))?;
    cdata(xml, "wp:comment_approved", approved)?;
    cdata(xml, "wp:comment_type", "comment")?;
    text(
        xml,
        "wp:comment_parent",
        &comment.parent_id.map_or(0, CommentId::get).to_string(),
    )?;
    text(
        xml,
        "wp:comment_user_id",
        &comment.admin_id.map_or(0, AdminId::get).to_string(),
    )?;
    close(xml, "wp:comment")
}

fn escape_html_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn newline<W: Write>(xml: &mut Writer<W>) -> Result<()> {
    xml.write_event(Event::Text(BytesText::new("\n")))?;
    Ok(())
}

fn open<W: Write>(xml: &mut Writer<W>, name: &str) -> Result<()> {
    xml.write_event(Event::Start(BytesStart::new(name)))?;
    Ok(())
}

fn close<W: Write>(xml: &mut Writer<W>, name: &str) -> Result<()> {
    xml.write_event(Event::End(BytesEnd::new(name)))?;
    newline(xml)
}

fn text<W: Write>(xml: &mut Writer<W>, name: &str, value: &str) -> Result<()> {
    xml.create_element(name)
        .write_text_content(BytesText::new(value))?;
    newline(xml)
}

/// CDATA as WordPress writes it; a `]]>` inside is split across two sections.
fn cdata<W: Write>(xml: &mut Writer<W>, name: &str, value: &str) -> Result<()> {
    open(xml, name)?;
    write_cdata(xml, value)?;
    close(xml, name)
}

fn write_cdata<W: Write>(xml: &mut Writer<W>, value: &str) -> Result<()> {
    for part in BytesCData::escaped(value) {
        xml.write_event(Event::CData(part))?;
    }
    Ok(())
}

fn at(unix: UnixTime) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(unix.seconds()).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// `2024-12-02 08:00:00`, WordPress's date format (UTC here).
fn wp_date(unix: UnixTime) -> String {
    at(unix)
        .format(format_description!(
            "[year]-[month]-[day] [hour]:[minute]:[second]"
        ))
        .unwrap_or_default()
}

fn rfc2822(unix: UnixTime) -> String {
    at(unix)
        .format(&time::format_description::well_known::Rfc2822)
        .unwrap_or_default()
}
